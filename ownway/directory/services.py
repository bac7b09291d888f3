"""Writing to the directory. Each service is one transaction, checked first and audited.

* :func:`directory_import` upserts an Open Referral UK 3.0 feed by id and lists every record it
  rejects with the reason;
* :func:`service_change_propose`, :func:`service_change_approve` and :func:`service_change_reject`
  are provider self-service with a broker's review;
* :func:`service_assure` records that the council checked an entry;
* :func:`postcodes_import` loads postcode centres (ONSPD, or the packaged Code-Point Open);
* :func:`personal_assistant_register` and :func:`personal_assistant_withdraw_consent` keep the
  register of personal assistants;
* :func:`shortlist_create`, :func:`shortlist_add` and :func:`shortlist_record_choice` are brokerage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, models, transaction
from django.db.models import Q
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.money import pounds
from ownway.core.names import name_key
from ownway.core.numbers import NumberError, parse_money
from ownway.core.text import too_long_for, without_control_characters
from ownway.core.versioning import version_check, version_claim
from ownway.core.workflow import transition
from ownway.people.models import Person
from ownway.people.permissions import PersonAction
from ownway.people.permissions import user_can_for as person_user_can_for
from ownway.people.rules.postcode import check_postcode

from . import events
from .geocode import locate
from .importer import (
    ORUK1,
    ORUK3,
    FeedRecords,
    Rejected,
    Unreadable,
    clean_age,
    clean_amount,
    clean_date,
    clean_datetime,
    clean_email,
    clean_float,
    clean_line,
    clean_optional_uuid,
    clean_text,
    clean_time,
    clean_url,
    clean_uuid,
    feed_records,
    fuller,
    is_oruk1,
    list_of,
    list_or_nothing,
    noting,
    optional,
    oruk3_record,
    scrub,
    unrecognised_fields,
)
from .models import (
    Accessibility,
    Address,
    Attribute,
    ChangeStatus,
    Contact,
    CostKind,
    CostOption,
    CostPer,
    CqcRating,
    Feature,
    Feed,
    Funding,
    Language,
    Location,
    LocationType,
    Organization,
    PersonalAssistant,
    Phone,
    Postcode,
    ProviderAccount,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceChange,
    ServiceKind,
    ServiceStatus,
    Shortlist,
    ShortlistEntry,
    Taxonomy,
    TaxonomyTerm,
)
from .permissions import DirectoryAction, user_can, user_can_for
from .rules.accessibility import recognise_feature
from .rules.cost import CostLine, cost_words, describe_line, full_cost
from .rules.schedule import DAYS, Session, describe, parse_byday

# ----------------------------------------------------------------------------------------------------
# Search columns
# ----------------------------------------------------------------------------------------------------


def service_refresh_search(*, service: Service) -> None:
    """Bring a service's search columns (text, cost from, free, days, whether it has a location) in step with its
    details. The text is what a search's words are found in (:mod:`.fulltext`): the name, description,
    organisation, taxonomy terms (interests, who it is for) and the languages it is offered in."""
    terms = TaxonomyTerm.objects.filter(attributes__link_type="service", attributes__link_id=service.pk).values_list(
        "name", flat=True
    )
    organization = service.organization.name if service.organization_id and service.organization else ""
    languages = [
        part
        for name, code in Language.objects.filter(service=service).values_list("name", "code")
        for part in (name, code)
        if part
    ]
    parts = [service.name, service.description, organization, *terms, *languages]
    service.search_text = " ".join(" ".join(parts).lower().split())
    lines = [CostLine(c.option, c.amount, c.kind, c.per) for c in CostOption.objects.filter(service=service)]
    cost = full_cost(lines)
    # No cost option: the cost is not known, so it is neither free nor from any price.
    service.is_free = cost.is_free and bool(lines)
    service.cost_from = cost.cost_from if lines else None
    sessions = Schedule.objects.filter(Q(service=service) | Q(service_at_location__service=service))
    days: set[str] = set()
    evening = False
    for session in sessions:
        when = describe(Session(session.freq, session.interval, session.byday, session.opens_at, session.closes_at))
        days |= when.days
        evening = evening or when.evening
    service.days = ",".join(day for day in DAYS if day in days)
    service.has_evening = evening
    service.has_location = ServiceAtLocation.objects.filter(
        service=service, location__latitude__isnull=False, location__longitude__isnull=False
    ).exists()
    Service.objects.filter(pk=service.pk).update(
        search_text=service.search_text,
        is_free=service.is_free,
        cost_from=service.cost_from,
        days=service.days,
        has_evening=service.has_evening,
        has_location=service.has_location,
    )
    term_ids = Attribute.objects.filter(link_type="service", link_id=service.pk).values_list(
        "taxonomy_term_id", flat=True
    )
    term_text = " " + " ".join(str(t) for t in term_ids) + " " if term_ids else ""
    for sal in ServiceAtLocation.objects.filter(service=service).select_related("location"):
        features = 0
        for code in (
            Accessibility.objects.filter(location_id=sal.location_id)
            .exclude(feature="")
            .values_list("feature", flat=True)
        ):
            features |= Feature.bit(code)
        ServiceAtLocation.objects.filter(pk=sal.pk).update(
            status=service.status,
            kind=service.kind,
            name=service.name.lower(),
            search_text=service.search_text,
            days=service.days,
            has_evening=service.has_evening,
            cost_from=service.cost_from,
            is_free=service.is_free,
            minimum_age=service.minimum_age,
            maximum_age=service.maximum_age,
            latitude=sal.location.latitude,
            longitude=sal.location.longitude,
            features=features,
            terms=term_text,
        )


# ----------------------------------------------------------------------------------------------------
# Import
# ----------------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    taxonomies: int = 0
    #: (what, reason): every record not taken, whole or in part.
    rejected: list[tuple[str, str]] = field(default_factory=list)
    #: The shape of the feed (ORUK 3.0, ORUK 1.x, HSDS 2.x tables).
    shape: str = ORUK3
    #: (what, note): each value repaired ("www.x.org" read as "https://www.x.org") or left out of a record kept.
    repaired: list[tuple[str, str]] = field(default_factory=list)
    #: The fields of the feed the directory does not import, with how many records had each.
    unrecognised: Counter[str] = field(default_factory=Counter)
    #: (what, field, here, in the feed): where a local change and the feed disagree; the local value was kept.
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: (action, what, details): each service added, changed or no longer in the feed, for the preview.
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    #: Services this feed gave before and no longer gives: withdrawn from the directory (made inactive).
    removed: int = 0

    @property
    def summary(self) -> str:
        text = (
            f"{self.created} services added, {self.updated} updated, {self.taxonomies} taxonomies, "
            f"{len(self.rejected)} records rejected"
        )
        extras = [
            f"{self.removed} no longer in the feed" if self.removed else "",
            f"{len(self.repaired)} values repaired or left out" if self.repaired else "",
            f"{len(self.conflicts)} local changes kept where the feed differs" if self.conflicts else "",
        ]
        return ", ".join([text, *(e for e in extras if e)]) + f" ({self.shape} feed)"

    def as_json(self) -> dict[str, Any]:
        """What a feed keeps of its last import (:attr:`.models.Feed.last_report`)."""
        return {
            "shape": self.shape,
            "repaired": [{"record": what, "note": text} for what, text in self.repaired[:2000]],
            "unrecognised": dict(self.unrecognised.most_common(200)),
            "conflicts": [
                {"record": what, "field": name, "here": here, "feed": feed}
                for what, name, here, feed in self.conflicts[:2000]
            ],
            "removed": self.removed,
        }


def _label(record: Any, kind: str) -> str:
    if isinstance(record, Mapping):
        name = record.get("name") or record.get("number") or record.get("option") or ""
        if not isinstance(name, (str, int, float)):
            name = ""
        ident = record.get("id", "no id")
        if isinstance(ident, (dict, list)):
            ident = "with an id that is not text"
        return f"{kind} {str(ident)[:80]}" + (f" ({str(name)[:60]})" if name else "")
    return f"{kind} (not an object)"


def _require(record: Mapping[str, Any], name: str) -> Any:
    value = record.get(name)
    if value in (None, ""):
        raise Rejected(f"it has no {name}")
    return value


def _taxonomy_from(record: Mapping[str, Any]) -> Taxonomy:
    tax_id = clean_uuid(_require(record, "id"), "id")
    values = {
        "name": clean_line(_require(record, "name"), 200, "name"),
        "description": clean_text(record.get("description"), "description")
        or clean_line(record.get("name"), 200, "name"),
        "uri": optional(clean_url, record.get("uri"), "uri", "uri", default=""),
        "version": clean_line(record.get("version"), 50, "version"),
    }
    taxonomy, _ = Taxonomy.objects.update_or_create(id=tax_id, defaults=values)
    return taxonomy


def _term_from(record: Mapping[str, Any]) -> TaxonomyTerm:
    term_id = clean_uuid(_require(record, "id"), "id")
    taxonomy: Taxonomy | None = None
    taxonomy_id = clean_optional_uuid(record.get("taxonomy_id"), "taxonomy_id")
    if taxonomy_id is not None:
        taxonomy = Taxonomy.objects.filter(pk=taxonomy_id).first()
        if taxonomy is None:
            taxonomy = Taxonomy.objects.create(
                id=taxonomy_id,
                name=clean_line(record.get("taxonomy"), 200, "taxonomy") or "Imported taxonomy",
                description="A taxonomy named by an imported term.",
            )
    elif record.get("taxonomy"):
        name = clean_line(record.get("taxonomy"), 200, "taxonomy")
        taxonomy = Taxonomy.objects.filter(name=name).first() or Taxonomy.objects.create(
            name=name, description=f"{name} (named by an imported term)"
        )
    parent_id = clean_optional_uuid(record.get("parent_id"), "parent_id")
    values = {
        "taxonomy": taxonomy,
        "code": clean_line(record.get("term"), 200, "term"),
        "name": clean_line(_require(record, "name"), 200, "name"),
        "description": clean_text(record.get("description"), "description")
        or clean_line(record.get("name"), 200, "name"),
        "term_uri": optional(clean_url, record.get("term_uri"), "term_uri", "term_uri", default=""),
        "parent_id": parent_id if parent_id and TaxonomyTerm.objects.filter(pk=parent_id).exists() else None,
    }
    term = TaxonomyTerm.objects.filter(id=term_id).first()
    if term is not None and all(getattr(term, k) == v for k, v in values.items()):
        return term  # the same term named again by the next service: nothing to write
    term, _ = TaxonomyTerm.objects.update_or_create(id=term_id, defaults=values)
    return term


def _organization_values(record: Mapping[str, Any]) -> tuple[uuid.UUID, dict[str, Any]]:
    """An organisation's id and values from a feed, checked; nothing is written."""
    org_id = clean_uuid(_require(record, "id"), "id")
    identifiers = [
        {
            "id": str(clean_uuid(i.get("id"), "identifier id")),
            "identifier_scheme": clean_line(i.get("identifier_scheme"), 100, "identifier_scheme"),
            "identifier_type": clean_line(i.get("identifier_type"), 100, "identifier_type"),
            "identifier": clean_line(i.get("identifier"), 100, "identifier"),
        }
        for i in list_of(record.get("organization_identifiers"), "organisation's identifiers")
        if isinstance(i, Mapping)
    ]
    parent_id = clean_optional_uuid(record.get("parent_organization_id"), "parent_organization_id")
    website = record.get("website") or record.get("url")
    return org_id, {
        "name": clean_line(_require(record, "name"), 255, "name"),
        "description": clean_text(record.get("description"), "description"),
        "email": optional(clean_email, record.get("email"), "organisation's email", "email", default=""),
        "website": optional(clean_url, website, "organisation's website", "website", default=""),
        "logo": optional(clean_url, record.get("logo"), "organisation's logo", "logo", default=""),
        "uri": optional(clean_url, record.get("uri"), "organisation's uri", "uri", default=""),
        "identifiers": identifiers,
        "parent_id": parent_id,
    }


def _organization_from(record: Mapping[str, Any]) -> Organization:
    org_id, values = _organization_values(record)
    parent_id = values["parent_id"]
    values["parent_id"] = parent_id if parent_id and Organization.objects.filter(pk=parent_id).exists() else None
    organization = Organization.objects.filter(id=org_id).first()
    if organization is not None and all(getattr(organization, k) == v for k, v in values.items()):
        return organization  # the same organisation as the last service's: nothing to write
    organization, _ = Organization.objects.update_or_create(id=org_id, defaults=values)
    return organization


def _location_from(record: Mapping[str, Any], rejected: list[tuple[str, str]]) -> Location:
    loc_id = clean_uuid(_require(record, "id"), "id")
    location_type = str(record.get("location_type") or LocationType.PHYSICAL).strip().lower()
    if location_type not in LocationType.values:
        raise Rejected(f"its location_type '{location_type[:40]}' is not physical, postal or virtual")
    latitude = clean_float(record.get("latitude"), "latitude", -90, 90)
    longitude = clean_float(record.get("longitude"), "longitude", -180, 180)
    location, _ = Location.objects.update_or_create(
        id=loc_id,
        defaults={
            "location_type": location_type,
            "name": clean_line(record.get("name"), 255, "name"),
            "description": clean_text(record.get("description"), "description"),
            "latitude": latitude,
            "longitude": longitude,
            "external_identifier": clean_line(record.get("external_identifier"), 100, "external_identifier"),
            "external_identifier_type": clean_line(
                record.get("external_identifier_type"), 100, "external_identifier_type"
            ),
        },
    )

    def address(item: Mapping[str, Any]) -> dict[str, Any]:
        address_type = str(item.get("address_type") or LocationType.PHYSICAL).strip().lower()
        if address_type not in LocationType.values:
            raise Rejected(f"its address_type '{address_type[:40]}' is not physical, postal or virtual")
        return {
            "location": location,
            "attention": clean_line(item.get("attention"), 255, "attention"),
            "address_1": clean_line(_require(item, "address_1"), 255, "address_1"),
            "address_2": clean_line(item.get("address_2"), 255, "address_2"),
            "city": clean_line(_require(item, "city"), 100, "city"),
            "region": clean_line(item.get("region"), 100, "region"),
            "state_province": clean_line(item.get("state_province"), 100, "state_province"),
            "postal_code": clean_line(_require(item, "postal_code"), 20, "postal_code"),
            "country": clean_line(item.get("country") or "GB", 2, "country"),
            "address_type": address_type,
        }

    def accessibility(item: Mapping[str, Any]) -> dict[str, Any]:
        description = clean_text(item.get("description"), "description")
        details = clean_text(item.get("details"), "details")
        return {
            "location": location,
            "feature": recognise_feature(str(item.get("accessibility") or ""), f"{description} {details}").feature,
            "description": description,
            "details": details,
            "url": optional(clean_url, item.get("url"), "url", "url", default=""),
        }

    owner = f"location {loc_id}"
    _children(owner, record.get("addresses"), "Address", Address, address, rejected, location=location)
    _children(
        owner, record.get("accessibility"), "Accessibility", Accessibility, accessibility, rejected, location=location
    )
    _place(location)
    return location


def _place(location: Location) -> None:
    """Give a location its postcode, and a position from the postcode if the feed gave none."""
    first = location.addresses.order_by("address_type", "id").first()
    check = check_postcode(first.postal_code) if first else None
    location.postcode = check.normalised if check and check.valid else ""
    if (location.latitude is None or location.longitude is None) and location.postcode:
        point = locate(location.postcode)
        if point is not None:
            location.latitude, location.longitude = point.latitude, point.longitude
    location.save(update_fields=["postcode", "latitude", "longitude"])


def _children(
    owner: str,
    items: Any,
    kind: str,
    model: Any,
    make: Any,
    rejected: list[tuple[str, str]],
    *,
    make_writes: bool = False,
    new_owner: bool = False,
    **scope: Any,
) -> None:
    """Upsert one list of a record's children by id; those from the feed and no longer in it are removed.

    ``owner`` names the record in the list of rejections ("service 1f0c…", "location 9a2e…").

    Each item is checked (and its values made) first; the good ones are then written in one upsert.
    ``make_writes``: ``make`` itself writes rows (a location, a taxonomy term), so each item is made in
    a savepoint of its own and a rejected one leaves nothing behind. ``new_owner``: the owner was just
    made, so it has no children to remove. Rows of a model with ``from_feed`` that were added here
    (``from_feed`` false) are kept: the next import of the feed does not remove local work.
    """
    if items not in (None, "") and not isinstance(items, list):
        rejected.append((f"{kind} list of {owner}", f"it is {_shown_type(items)}, not a list"))
        items = []
    rows: dict[uuid.UUID, Any] = {}
    feed_owned = any(f.name == "from_feed" for f in model._meta.concrete_fields)
    for item in items or []:
        try:
            with transaction.atomic() if make_writes else contextlib.nullcontext():
                if not isinstance(item, Mapping):
                    raise Rejected("it is not an object")
                item_id = clean_uuid(_require(item, "id"), "id")
                rows[item_id] = model(id=item_id, **make(item), **({"from_feed": True} if feed_owned else {}))
        except Rejected as error:
            rejected.append((f"{_label(item, kind)} of {owner}", str(error)))
    if rows:
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
        model.objects.bulk_create(
            list(rows.values()), update_conflicts=True, unique_fields=["id"], update_fields=fields
        )
    if not new_owner:
        stale = model.objects.filter(**scope).exclude(id__in=list(rows))
        (stale.filter(from_feed=True) if feed_owned else stale).delete()


def _shown_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float, Decimal)):
        return f"the number {value}"[:60]
    if isinstance(value, str):
        return "text"
    return "an object" if isinstance(value, Mapping) else "not a list"


def _schedule_values(item: Mapping[str, Any], service: Service | None, sal: ServiceAtLocation | None) -> dict[str, Any]:
    byday = clean_line(item.get("byday"), 60, "byday").upper().replace(" ", "")
    try:
        parse_byday(byday)
    except ValueError as error:
        raise Rejected(f"its byday: {error}") from None
    freq = clean_line(item.get("freq"), 10, "freq").upper()
    if freq and freq not in {"WEEKLY", "MONTHLY"}:
        raise Rejected(f"its freq '{freq}' is not WEEKLY or MONTHLY")
    interval = clean_age(item.get("interval"), "interval")
    opens_at = clean_time(item.get("opens_at"), "opens_at")
    closes_at = clean_time(item.get("closes_at"), "closes_at")
    if opens_at and closes_at and closes_at <= opens_at:
        raise Rejected(f"it closes ({closes_at:%H:%M}) before it opens ({opens_at:%H:%M})")
    return {
        "service": service,
        "service_at_location": sal,
        "valid_from": clean_date(item.get("valid_from"), "valid_from"),
        "valid_to": clean_date(item.get("valid_to"), "valid_to"),
        "dtstart": clean_date(item.get("dtstart"), "dtstart"),
        "freq": freq,
        "interval": interval,
        "byday": byday,
        "bymonthday": clean_line(item.get("bymonthday"), 60, "bymonthday"),
        "description": clean_text(item.get("description"), "description"),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "schedule_link": optional(clean_url, item.get("schedule_link"), "schedule_link", "schedule_link", default=""),
        "attending_type": clean_line(item.get("attending_type"), 100, "attending_type"),
        "notes": clean_text(item.get("notes"), "notes"),
    }


def _cost_values(item: Mapping[str, Any], service: Service) -> dict[str, Any]:
    kind = str(item.get("ownway_kind") or CostKind.PRICE)
    per = str(item.get("ownway_per") or CostPer.SESSION)
    return {
        "service": service,
        "valid_from": clean_date(item.get("valid_from"), "valid_from"),
        "valid_to": clean_date(item.get("valid_to"), "valid_to"),
        "option": clean_line(item.get("option"), 255, "option"),
        "amount": clean_amount(item.get("amount")),
        "amount_description": clean_text(item.get("amount_description"), "amount_description"),
        "kind": kind if kind in CostKind.values else CostKind.PRICE,
        "per": per if per in CostPer.values else CostPer.SESSION,
    }


def _ownway_values(extra: Any) -> dict[str, Any]:
    """Ownway's own fields, which its export sends under "ownway" on each service."""
    if not isinstance(extra, Mapping):
        return {}
    values: dict[str, Any] = {}
    if extra.get("kind") in ServiceKind.values:
        values["kind"] = extra["kind"]
    if extra.get("cqc_rating") in [*CqcRating.values, ""]:
        values["cqc_rating"] = extra["cqc_rating"]
    values["cqc_location_id"] = clean_line(extra.get("cqc_location_id"), 20, "cqc_location_id")
    values["cqc_rating_date"] = clean_date(extra.get("cqc_rating_date"), "cqc_rating_date")
    values["council_vetted_on"] = clean_date(extra.get("council_vetted_on"), "council_vetted_on")
    tiers = list_or_nothing(extra.get("tiers"))
    values["suits_enablement"] = "enablement" in tiers
    values["suits_personalised"] = "personalised" in tiers
    values["suits_specialist"] = "specialist" in tiers
    values["capacity"] = (
        clean_age(extra.get("capacity"), "capacity") if extra.get("capacity") not in (None, "") else None
    )
    values["transport_provided"] = bool(extra.get("transport_provided"))
    values["getting_there"] = clean_text(extra.get("getting_there"), "getting_there")
    return values


def _feed_only_values(extra: Any) -> dict[str, Any]:
    """What an older feed says that ORUK 3.0 has no field for (see :func:`.importer.oruk3_record`)."""
    if not isinstance(extra, Mapping):
        return {}
    return {
        "attending_type": clean_line(extra.get("attending_type"), 100, "attending_type"),
        "attending_access": clean_line(extra.get("attending_access"), 100, "attending_access"),
        "attending_note": clean_text(extra.get("attending_note"), "pc_attendingAccess_additionalInfo"),
        "deliverable_type": clean_line(extra.get("deliverable_type"), 100, "deliverable_type"),
        "assured_by": optional(clean_line, extra.get("assured_by"), "assured_by", 255, "assured_by", default=""),
    }


#: UK postcodes written in text ("B1 1BB", "b11bb"): the whole postcode, checked again by the postcode rule.
_POSTCODE_IN_TEXT = re.compile(r"(?i)\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b")


def suggested_postcodes(text: str) -> list[str]:
    """The valid postcodes written in a service's description, in order, each once: a suggestion of where it is
    held, for a broker to accept (the feed did not give it as a location, so it is never added by itself)."""
    found: list[str] = []
    for outward, inward in _POSTCODE_IN_TEXT.findall(text):
        check = check_postcode(f"{outward} {inward}")
        if check.valid and check.normalised not in found:
            found.append(check.normalised)
    return found[:5]


def _plain(value: Any) -> Any:
    """A field's value as the JSON of :attr:`.models.Service.feed_values` keeps it, to compare."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    return value


#: The service's fields an import may set, with the words a broker sees for a conflict.
FEED_FIELDS: dict[str, str] = {
    "organization_id": "Organisation",
    "name": "Name",
    "description": "What it is",
    "url": "Website",
    "email": "Email",
    "status": "Status",
    "fees": "Fees",
    "accreditations": "Accreditations",
    "minimum_age": "Youngest age",
    "maximum_age": "Oldest age",
    "assured_date": "Date checked",
    "assurer_email": "Checked by (email)",
    "alert": "Notice to people",
    "attending_type": "How to attend",
    "attending_access": "How to get a place",
    "attending_note": "More about attending",
    "deliverable_type": "Kind of help",
    "assured_by": "Checked by",
}


def _merge(service: Service, values: dict[str, Any], what: str, report: ImportReport) -> dict[str, Any]:
    """The values to save for a service the directory already has: a field changed here since the last import
    (a provider's approved change, a broker's edit) keeps its local value, and if the feed changed it too the
    two are listed as a conflict for a broker, in the report and on the service (:attr:`.models.Service.
    feed_conflicts`, until a broker resolves it with :func:`service_conflict_resolve`, or the feed and the entry
    agree again); every other field takes the feed's value."""
    last = service.feed_values or {}
    merged = dict(values)
    open_conflicts = {c.get("field"): c for c in service.feed_conflicts or [] if isinstance(c, dict)}
    for name, new in values.items():
        if name not in last:
            continue
        here, before, incoming = _plain(getattr(service, name)), last[name], _plain(new)
        if here in (before, incoming):
            open_conflicts.pop(name, None)  # the feed's value stands, or the two agree: nothing to resolve
            continue
        merged[name] = getattr(service, name)  # changed here: kept
        if incoming != before:
            label = FEED_FIELDS.get(name, name)
            report.conflicts.append((what, label, str(here)[:200], str(incoming)[:200]))
            open_conflicts[name] = {
                "field": name, "label": label, "here": str(here)[:200], "feed": str(incoming)[:200],
                "listed_at": timezone.now().isoformat(),
            }  # fmt: skip
    service.feed_conflicts = list(open_conflicts.values())
    return merged


def _service_values(
    record: Any, source: str
) -> tuple[uuid.UUID, Mapping[str, Any] | None, dict[str, Any], dict[str, Any]]:
    """A service's id, its organisation's record, the values its feed owns and the ones it sets each time
    (where it came from, when the feed says it changed), checked; nothing is written."""
    if not isinstance(record, Mapping):
        raise Rejected("it is not an object")
    service_id = clean_uuid(_require(record, "id"), "id")
    status = str(_require(record, "status")).strip().lower()
    if status not in ServiceStatus.values:
        raise Rejected(f"its status '{status[:40]}' is not one of active, inactive, defunct or temporarily closed")
    minimum_age = clean_age(record.get("minimum_age"), "minimum_age")
    maximum_age = clean_age(record.get("maximum_age"), "maximum_age")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        raise Rejected(f"its minimum_age {minimum_age} is above its maximum_age {maximum_age}")
    extra: Mapping[str, Any] = record["ownway_feed"] if isinstance(record.get("ownway_feed"), Mapping) else {}
    description = clean_text(record.get("description"), "description")
    organization = record.get("organization") if isinstance(record.get("organization"), Mapping) else None
    values: dict[str, Any] = {
        "organization_id": None,
        "name": clean_line(_require(record, "name"), 255, "name"),
        "description": description,
        "url": optional(clean_url, record.get("url"), "url", "url", default=""),
        "email": optional(clean_email, record.get("email"), "email", "email", default=""),
        "status": status,
        "fees": clean_text(record.get("fees") or record.get("fees_description"), "fees"),
        "accreditations": clean_text(record.get("accreditations"), "accreditations"),
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "assured_date": optional(clean_date, record.get("assured_date"), "assured_date", "assured_date"),
        "assurer_email": optional(
            clean_email, record.get("assurer_email"), "assurer_email", "assurer_email", default=""
        ),
        "alert": clean_text(record.get("alert"), "alert"),
        **_feed_only_values(extra),
    }
    own = {
        **_ownway_values(record.get("ownway")),
        "source_modified": optional(clean_datetime, record.get("last_modified"), "last_modified", "last_modified"),
        "feed_source": source[:500],
        "feed_record_id": str(extra.get("id") or service_id)[:200],
    }
    if not record.get("service_at_locations"):
        own["suggested_postcodes"] = suggested_postcodes(description)
    return service_id, organization, values, own


def _service_from(record: Any, report: ImportReport, source: str = "") -> None:
    service_id, organization_record, values, own = _service_values(record, source)
    organization: Organization | None = None
    if organization_record is not None:
        try:
            organization = _organization_from(organization_record)
        except Rejected as error:
            raise Rejected(f"its organization: {error}") from None
    elif record.get("organization_id"):
        organization = Organization.objects.filter(pk=clean_uuid(record["organization_id"], "organization_id")).first()
        if organization is None:
            raise Rejected(f"its organization {record['organization_id']} is not in the feed or the directory")
    values["organization_id"] = organization.pk if organization else None
    what = _label(record, "Service")
    service = Service.objects.filter(id=service_id).first()
    created = service is None
    if service is None:
        service = Service.objects.create(
            id=service_id, **values, **own, feed_values={k: _plain(v) for k, v in values.items()}
        )
        report.changes.append(("add", what, ""))
    else:
        merged = _merge(service, values, what, report)
        changed = [FEED_FIELDS.get(k, k) for k, v in merged.items() if _plain(getattr(service, k)) != _plain(v)]
        for name, value in {**merged, **own}.items():
            setattr(service, name, value)
        service.feed_values = {k: _plain(v) for k, v in values.items()}
        service.save()
        version_claim(service, expected_version=None, what=SERVICE)
        if changed:
            report.changes.append(("change", what, ", ".join(changed)))
    owner = f"service {service.pk}"
    rejected = report.rejected
    sid = service.pk

    def add_sal(item: Mapping[str, Any]) -> dict[str, Any]:
        loc = item.get("location")
        if isinstance(loc, Mapping):
            location = _location_from(loc, rejected)
        else:
            location_id = clean_uuid(_require(item, "location_id"), "location_id")
            found = Location.objects.filter(pk=location_id).first()
            if found is None:
                raise Rejected(f"its location {location_id} is not in the feed or the directory")
            location = found
        if not created:
            ServiceAtLocation.objects.filter(service=service, location=location).exclude(
                id=str(item.get("id"))
            ).delete()
        return {
            "service": service,
            "location": location,
            "description": clean_text(item.get("description"), "description"),
        }

    _children(
        owner,
        record.get("service_at_locations"),
        "Service at location",
        ServiceAtLocation,
        add_sal,
        rejected,
        make_writes=True,
        new_owner=created,
        service=service,
    )
    for item in list_of(record.get("service_at_locations"), "service_at_locations"):
        if isinstance(item, Mapping) and item.get("schedules"):
            sal = ServiceAtLocation.objects.filter(pk=str(item.get("id"))).first()
            if sal is not None:
                _children(
                    owner,
                    item["schedules"],
                    "Schedule",
                    Schedule,
                    lambda s, sal=sal: _schedule_values(s, None, sal),
                    rejected,
                    service_at_location=sal,
                )
    _children(
        owner,
        record.get("schedules"),
        "Schedule",
        Schedule,
        lambda s: _schedule_values(s, service, None),
        rejected,
        new_owner=created,
        service=service,
    )
    _children(
        owner,
        record.get("cost_options"),
        "Cost option",
        CostOption,
        lambda c: _cost_values(c, service),
        rejected,
        new_owner=created,
        service=service,
    )
    _children(
        owner,
        record.get("languages"),
        "Language",
        Language,
        lambda lang: {
            "service": service,
            "phone": None,
            "name": clean_line(lang.get("name"), 100, "name"),
            "code": clean_line(lang.get("code"), 20, "code"),
            "note": clean_text(lang.get("note"), "note"),
        },
        rejected,
        new_owner=created,
        service=service,
    )
    _children(
        owner,
        record.get("service_areas"),
        "Service area",
        ServiceArea,
        lambda a: {
            "service": service,
            "name": clean_line(a.get("name"), 255, "name"),
            "description": clean_text(a.get("service_area"), "service_area"),
            "extent": clean_text(a.get("extent"), "extent"),
            "extent_type": clean_line(a.get("extent_type"), 50, "extent_type"),
            "uri": optional(clean_url, a.get("uri"), "uri", "uri", default=""),
        },
        rejected,
        new_owner=created,
        service=service,
    )
    _children(
        owner,
        record.get("funding"),
        "Funding",
        Funding,
        lambda f: {"service": service, "source": clean_text(f.get("source"), "source")},
        rejected,
        new_owner=created,
        service=service,
    )

    def add_contact(item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "service": service,
            "name": clean_line(item.get("name"), 255, "name"),
            "title": clean_line(item.get("title"), 255, "title"),
            "email": optional(clean_email, item.get("email"), "contact's email", "email", default=""),
        }

    _children(
        owner, record.get("contacts"), "Contact", Contact, add_contact, rejected, new_owner=created, service=service
    )
    for item in list_of(record.get("contacts"), "contacts"):
        if isinstance(item, Mapping) and item.get("phones"):
            contact = Contact.objects.filter(pk=str(item.get("id")), service=service).first()
            if contact is not None:
                _children(
                    owner,
                    item["phones"],
                    "Phone",
                    Phone,
                    lambda p, c=contact: {
                        "contact": c,
                        "number": clean_line(_require(p, "number"), 50, "number"),
                        "description": clean_text(p.get("description"), "description"),
                    },
                    rejected,
                    contact=contact,
                )

    def add_attribute(item: Mapping[str, Any]) -> dict[str, Any]:
        term_record = item.get("taxonomy_term")
        if isinstance(term_record, Mapping):
            term = _term_from(term_record)
        else:
            term_id = clean_uuid(_require(item, "taxonomy_term_id"), "taxonomy_term_id")
            found = TaxonomyTerm.objects.filter(pk=term_id).first()
            if found is None:
                raise Rejected(f"its taxonomy term {term_id} is not in the feed or the directory")
            term = found
        return {
            "taxonomy_term": term,
            "link_type": "service",
            "link_id": sid,
            "value": clean_text(item.get("value"), "value"),
        }

    _children(
        owner,
        record.get("attributes"),
        "Attribute",
        Attribute,
        add_attribute,
        rejected,
        make_writes=True,
        new_owner=created,
        link_type="service",
        link_id=sid,
    )
    service_refresh_search(service=service)
    if created:
        report.created += 1
    else:
        report.updated += 1


#: What the directory says when a record could not be read for a reason it did not foresee: the record is left
#: out and the rest of the feed imported.
_UNREADABLE = "it could not be read: one of its values is not of the kind its field holds"


def _prepare(found: FeedRecords, source: str, report: ImportReport) -> dict[str, tuple[str, Any, list[str]]]:
    """Each service record of the feed scrubbed and in the ORUK 3.0 shape, by id, with the notes made reading it;
    a record that cannot be read is listed as rejected, and of two with the same id the fuller is kept."""
    prepared: dict[str, tuple[str, Any, list[str]]] = {}
    for position, raw in enumerate(found.services, start=1):
        if isinstance(raw, Unreadable):
            report.rejected.append((f"Service number {raw.position} of the feed", raw.reason))
            continue
        what = f"Service number {position} of the feed"
        try:
            with noting() as notes:
                record = scrub(raw)
                what = _label(record, "Service")
                shape = ORUK1 if found.shape != ORUK3 or is_oruk1(record) else ORUK3
                if isinstance(record, Mapping):
                    report.unrecognised.update(unrecognised_fields(record, shape))
                adapted = oruk3_record(record, shape, source)
        except Rejected as error:
            report.rejected.append((what, str(error)))
            continue
        except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
            report.rejected.append((what, _UNREADABLE))
            continue
        key = str(adapted.get("id")) if isinstance(adapted, Mapping) else f"record {position}"
        if key in prepared:
            kept_what, kept, _kept_notes = prepared[key]
            if isinstance(adapted, Mapping) and isinstance(kept, Mapping) and fuller(adapted, kept):
                prepared[key] = (what, adapted, notes)
                report.rejected.append(
                    (kept_what, "the feed has another record with the same id, with more details: that one was kept")
                )
            else:
                report.rejected.append(
                    (
                        what,
                        "the feed has another record with the same id, with as many details or more: that one was kept",
                    )
                )
            continue
        prepared[key] = (what, adapted, notes)
    return prepared


#: The parts of an ORUK 3.0 record that make a service "flat": with none of these, it is imported in a batch.
_NESTED = ("service_at_locations", "schedules", "languages", "service_areas", "funding", "contacts")
#: How many flat services are written together.
BATCH_SIZE = 500


def _is_flat(record: Any) -> bool:
    """Whether a record holds only a service, its organisation, its costs and its terms (the ORUK 1.x summary
    shape): such records are checked one by one and written many at a time."""
    if not isinstance(record, Mapping) or any(record.get(name) for name in _NESTED):
        return False
    if record.get("organization_id") and not isinstance(record.get("organization"), Mapping):
        return False
    attributes = record.get("attributes") or []
    costs = record.get("cost_options") or []
    return (
        isinstance(attributes, list)
        and isinstance(costs, list)
        and all(
            isinstance(a, Mapping)
            and isinstance(a.get("taxonomy_term"), Mapping)
            and not a["taxonomy_term"].get("taxonomy_id")
            and not a["taxonomy_term"].get("parent_id")
            for a in attributes
        )
    )


@dataclass
class _Plan:
    """One flat service, checked and ready to write."""

    what: str
    record: Mapping[str, Any]
    notes: list[str]
    service_id: uuid.UUID
    organization: tuple[uuid.UUID, dict[str, Any]] | None
    values: dict[str, Any]
    own: dict[str, Any]
    #: (attribute id, term id, term name, taxonomy name, term code, value)
    terms: list[tuple[uuid.UUID, uuid.UUID, str, str, str, str]]
    costs: list[CostOption]


def _plan(what: str, record: Mapping[str, Any], notes: list[str], source: str, report: ImportReport) -> _Plan:
    with noting() as more:
        service_id, organization_record, values, own = _service_values(record, source)
        organization = None
        if organization_record is not None:
            try:
                organization = _organization_values(organization_record)
            except Rejected as error:
                raise Rejected(f"its organization: {error}") from None
        owner = f"service {service_id}"
        terms = []
        for item in record.get("attributes") or []:
            term = item["taxonomy_term"]
            try:
                terms.append(
                    (
                        clean_uuid(_require(item, "id"), "id"),
                        clean_uuid(_require(term, "id"), "id"),
                        clean_line(_require(term, "name"), 200, "name"),
                        clean_line(term.get("taxonomy"), 200, "taxonomy"),
                        clean_line(term.get("term"), 200, "term"),
                        clean_text(item.get("value"), "value"),
                    )
                )
            except Rejected as error:
                report.rejected.append((f"{_label(item, 'Attribute')} of {owner}", str(error)))
        costs = []
        for item in record.get("cost_options") or []:
            try:
                if not isinstance(item, Mapping):
                    raise Rejected("it is not an object")
                cost_id = clean_uuid(_require(item, "id"), "id")
                made = _cost_values(item, None)  # type: ignore[arg-type]
                del made["service"]
                costs.append(CostOption(id=cost_id, service_id=service_id, from_feed=True, **made))
            except Rejected as error:
                report.rejected.append((f"{_label(item, 'Cost option')} of {owner}", str(error)))
    return _Plan(what, record, [*notes, *more], service_id, organization, values, own, terms, costs)


def _upsert(model: Any, rows: list[Any]) -> None:
    if rows:
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
        model.objects.bulk_create(rows, update_conflicts=True, unique_fields=["id"], update_fields=fields)


def _changed_rows(model: Any, wanted: dict[uuid.UUID, dict[str, Any]]) -> list[Any]:
    """The rows of ``wanted`` (id: values) that are not already stored with those values."""
    stored = model.objects.in_bulk(list(wanted))
    return [
        model(id=key, **values)
        for key, values in wanted.items()
        if key not in stored or any(getattr(stored[key], k) != v for k, v in values.items())
    ]


def _write_flat(plans: list[_Plan], report: ImportReport) -> None:
    """Write checked flat services together: a few queries for the whole batch, with the same result as
    :func:`_service_from` for each."""
    organizations = {p.organization[0]: p.organization[1] for p in plans if p.organization}
    parents = {v["parent_id"] for v in organizations.values() if v["parent_id"]}
    known = set(Organization.objects.filter(pk__in=parents).values_list("pk", flat=True)) | set(organizations)
    for values in organizations.values():
        values["parent_id"] = values["parent_id"] if values["parent_id"] in known else None
    _upsert(Organization, _changed_rows(Organization, organizations))
    taxonomy_names = {t[3] for p in plans for t in p.terms if t[3]}
    taxonomies = {t.name: t for t in Taxonomy.objects.filter(name__in=taxonomy_names)}
    for name in taxonomy_names - set(taxonomies):
        taxonomies[name] = Taxonomy.objects.create(name=name, description=f"{name} (named by an imported term)")
    terms = {
        term_id: {
            "taxonomy": taxonomies.get(taxonomy) if taxonomy else None,
            "code": code,
            "name": name,
            "description": name,
        }
        for p in plans
        for _, term_id, name, taxonomy, code, _ in p.terms
    }
    stored_terms = TaxonomyTerm.objects.in_bulk(list(terms))
    _upsert(
        TaxonomyTerm,
        [
            TaxonomyTerm(id=key, parent=stored_terms[key].parent if key in stored_terms else None, **values)
            for key, values in terms.items()
            if key not in stored_terms
            or any(getattr(stored_terms[key], k) != v for k, v in values.items() if k != "description")
        ],
    )
    ids = [p.service_id for p in plans]
    existing = Service.objects.select_for_update().in_bulk(ids)
    local_costs: dict[uuid.UUID, list[CostOption]] = {}
    for cost in CostOption.objects.filter(service_id__in=list(existing), from_feed=False):
        local_costs.setdefault(cost.service_id, []).append(cost)
    sessions: dict[uuid.UUID, list[Schedule]] = {}
    for schedule in Schedule.objects.filter(
        Q(service_id__in=list(existing)) | Q(service_at_location__service_id__in=list(existing))
    ).select_related("service_at_location"):
        key = schedule.service_id or schedule.service_at_location.service_id  # type: ignore[union-attr]
        sessions.setdefault(key, []).append(schedule)
    services: list[Service] = []
    for plan in plans:
        values = {**plan.values, "organization_id": plan.organization[0] if plan.organization else None}
        service = existing.get(plan.service_id)
        if service is None:
            service = Service(id=plan.service_id, **values, **plan.own)
            report.changes.append(("add", plan.what, ""))
            report.created += 1
        else:
            merged = _merge(service, values, plan.what, report)
            changed = [FEED_FIELDS.get(k, k) for k, v in merged.items() if _plain(getattr(service, k)) != _plain(v)]
            for name, value in {**merged, **plan.own}.items():
                setattr(service, name, value)
            service.lock_version += 1
            if changed:
                report.changes.append(("change", plan.what, ", ".join(changed)))
            report.updated += 1
        service.feed_values = {k: _plain(v) for k, v in values.items()}
        organization_name = organizations[plan.organization[0]]["name"] if plan.organization else ""
        parts = [service.name, service.description, organization_name, *(t[2] for t in plan.terms)]
        service.search_text = " ".join(" ".join(parts).lower().split())
        lines = [CostLine(c.option, c.amount, c.kind, c.per) for c in [*plan.costs, *local_costs.get(service.pk, [])]]
        total = full_cost(lines)
        service.is_free = total.is_free and bool(lines)
        service.cost_from = total.cost_from if lines else None
        days: set[str] = set()
        evening = False
        for session in sessions.get(service.pk, []):
            when = describe(Session(session.freq, session.interval, session.byday, session.opens_at, session.closes_at))
            days |= when.days
            evening = evening or when.evening
        service.days = ",".join(day for day in DAYS if day in days)
        service.has_evening = evening
        services.append(service)
    _upsert(Service, services)
    attributes = [
        Attribute(id=attribute_id, taxonomy_term_id=term_id, link_type="service", link_id=p.service_id, value=value)
        for p in plans
        for attribute_id, term_id, _, _, _, value in p.terms
    ]
    costs = [cost for p in plans for cost in p.costs]
    if existing:
        Attribute.objects.filter(link_type="service", link_id__in=list(existing)).exclude(
            id__in=[a.id for a in attributes]
        ).delete()
        CostOption.objects.filter(service_id__in=list(existing), from_feed=True).exclude(
            id__in=[c.id for c in costs]
        ).delete()
        ServiceAtLocation.objects.filter(service_id__in=list(existing), from_feed=True).delete()
    _upsert(Attribute, attributes)
    _upsert(CostOption, costs)
    if existing:  # venues added here keep their search rows in step
        for service in Service.objects.filter(pk__in=list(existing), service_at_locations__isnull=False).distinct():
            service_refresh_search(service=service)


def _import_flat(batch: list[tuple[str, Any, list[str]]], source: str, report: ImportReport) -> list[str]:
    """Import flat services (see :func:`_is_flat`) a batch at a time; a batch the database refuses is imported
    again one service at a time, so only the service it cannot store is left out. Returns the ids imported."""
    imported: list[str] = []
    plans: list[_Plan] = []
    for what, record, notes in batch:
        try:
            plans.append(_plan(what, record, notes, source, report))
        except Rejected as error:
            report.rejected.append((what, str(error)))
        except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
            report.rejected.append((what, _UNREADABLE))
    for start in range(0, len(plans), BATCH_SIZE):
        chunk = plans[start : start + BATCH_SIZE]
        counts = (report.created, report.updated, len(report.changes), len(report.conflicts))
        try:
            with transaction.atomic():
                _write_flat(chunk, report)
        except DatabaseError:
            report.created, report.updated = counts[0], counts[1]
            del report.changes[counts[2] :]
            del report.conflicts[counts[3] :]
            for plan in chunk:
                if _import_one(plan.what, plan.record, plan.notes, source, report):
                    imported.append(str(plan.service_id))
            continue
        for plan in chunk:
            report.repaired += [(plan.what, text) for text in plan.notes]
            imported.append(str(plan.service_id))
    return imported


def _import_one(what: str, record: Any, notes: list[str], source: str, report: ImportReport) -> bool:
    """Import one service in a savepoint of its own; whatever is wrong with it is listed and the rest goes on."""
    try:
        with transaction.atomic(), noting() as more:
            _service_from(record, report, source)
        report.repaired += [(what, text) for text in [*notes, *more]]
        return True
    except Rejected as error:
        report.rejected.append((what, str(error)))
    except DatabaseError as error:
        report.rejected.append((what, f"the database could not store it ({str(error).splitlines()[0][:120]})"))
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError):
        report.rejected.append((what, _UNREADABLE))
    return False


def directory_import(
    *, actor: User | None, payload: Any, source: str, preview: bool = False, withdraw_missing: bool = False
) -> ImportReport:
    """Upsert every service (and taxonomy) of a feed of any shape (:func:`.importer.feed_records`) by id.

    A record that cannot be used is left out and listed with its reason; a part of a record that
    cannot be used (one schedule, one phone number) or a value (a web address that is not one) is left
    out and listed, and the rest is kept; nothing a record holds can lose the rest of the feed.

    Fields a feed gives are replaced by its next import; what was changed here since (a provider's
    approved change, a broker's edit, sessions and costs added here) is kept, and where the feed changed
    the same field the two are listed as a conflict (:func:`_merge`). ``withdraw_missing`` (a registered
    feed): services the same feed gave before and no longer gives are made inactive (their shortlists still
    name them).

    ``preview``: work out what the import would add, change and remove (``report.changes``), and write nothing.
    """
    if actor is not None and not user_can(actor, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    report = ImportReport()
    with transaction.atomic():
        try:
            found = feed_records(payload)
        except Rejected as error:
            raise ValidationError({"feed": [str(error).capitalize()]}) from None
        report.shape = found.shape
        for record in found.taxonomies:
            try:
                with transaction.atomic():
                    record = scrub(record)
                    taxonomy = _taxonomy_from(record)
                    for term in list_of(record.get("taxonomy_terms"), "taxonomy_terms"):
                        term = {**term, "taxonomy_id": str(taxonomy.pk)}
                        try:
                            with transaction.atomic():
                                _term_from(term)
                        except (Rejected, AttributeError, TypeError) as error:
                            report.rejected.append((_label(term, "Taxonomy term"), str(error)))
                    report.taxonomies += 1
            except (Rejected, AttributeError, TypeError) as error:
                report.rejected.append((_label(record, "Taxonomy"), str(error)))
        prepared = _prepare(found, source, report)
        flat = [entry for entry in prepared.values() if _is_flat(entry[1])]
        imported = _import_flat(flat, source, report)
        for what, record, notes in prepared.values():
            if not _is_flat(record) and _import_one(what, record, notes, source, report):
                imported.append(str(record["id"]))
        gone = (
            Service.objects.filter(feed_source=source[:500])
            .exclude(id__in=imported)
            .exclude(status=ServiceStatus.INACTIVE)
        )
        if withdraw_missing and prepared:
            for service in gone.only("id", "name"):
                report.changes.append(
                    ("remove", f"Service {service.pk} ({service.name[:60]})", "no longer in the feed")
                )
            report.removed = gone.update(status=ServiceStatus.INACTIVE)
            ServiceAtLocation.objects.filter(
                service__feed_source=source[:500], service__status=ServiceStatus.INACTIVE
            ).update(status=ServiceStatus.INACTIVE)
        if preview:
            transaction.set_rollback(True)
            return report
        audit_record(
            actor=actor,
            action=events.DIRECTORY_IMPORTED,
            new={
                "source": source[:500],
                "created": report.created,
                "updated": report.updated,
                "rejected": len(report.rejected),
                "removed": report.removed,
                "shape": report.shape,
            },
        )
    return report


# ----------------------------------------------------------------------------------------------------
# Provider self-service and assurance
# ----------------------------------------------------------------------------------------------------

#: What a provider may change, with the words shown to the broker reviewing it.
EDITABLE_FIELDS: dict[str, str] = {
    "name": "Name",
    "description": "What it is",
    "url": "Website",
    "email": "Email",
    "alert": "Notice to people",
    "minimum_age": "Youngest age",
    "maximum_age": "Oldest age",
    "capacity": "Places per session",
    "transport_provided": "Offers transport",
    "getting_there": "Getting there",
}
#: The sections of rows a provider may change one by one: each with the broker's label and what a row is called.
ROW_SECTIONS: dict[str, tuple[str, str]] = {
    "schedules": ("When it runs", "session"),
    "costs": ("What it costs", "cost"),
}


@dataclass(frozen=True)
class SessionData:
    """A weekly session as the provider gives it: iCalendar days ("TU", "MO,WE") and its times."""

    byday: str
    opens_at: dt.time | None
    closes_at: dt.time | None


@dataclass(frozen=True)
class CostData:
    """A cost option as the provider gives it: a price (one of the prices applies) or an extra everyone pays."""

    option: str
    amount: Decimal | None
    kind: str = CostKind.PRICE
    per: str = CostPer.SESSION


@dataclass(frozen=True)
class RowEdits[RowT]:
    """What a provider changes in one section of rows: rows added, rows changed (by id) and rows removed (by id).
    Rows not named are left exactly as they are."""

    added: tuple[RowT, ...] = ()
    changed: Mapping[str, RowT] = field(default_factory=dict)
    removed: tuple[str, ...] = ()


def service_snapshot(service: Service) -> dict[str, Any]:
    """The fields a provider edits, as they are now (``schedule_text`` and ``cost_text`` are for reading)."""
    from .rules.cost import CostLine as Line
    from .rules.schedule import Session, describe

    sessions = [
        describe(Session(s.freq, s.interval, s.byday, s.opens_at, s.closes_at)).text for s in service.schedules.all()
    ]
    cost = full_cost([Line(c.option, c.amount, c.kind, c.per) for c in service.cost_options.all()])
    return {
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "alert": service.alert,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "capacity": service.capacity,
        "transport_provided": service.transport_provided,
        "getting_there": service.getting_there,
        "schedule_text": "; ".join(sessions),
        "cost_text": cost_words(cost),
    }


def _validate_proposal(proposed: Mapping[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    unknown = set(proposed) - set(EDITABLE_FIELDS)
    if unknown:
        errors["__all__"] = [f"These details cannot be changed here: {', '.join(sorted(unknown))}"]
    if "name" in proposed and not str(proposed.get("name") or "").strip():
        errors["name"] = ["Enter the name of the service"]
    low, high = proposed.get("minimum_age"), proposed.get("maximum_age")
    if low is not None and high is not None and int(low) > int(high):
        errors["maximum_age"] = ["The oldest age must be the same as or more than the youngest age"]
    for name in ("name", "url", "email"):
        text = str(proposed.get(name) or "")
        if name in proposed and (problem := too_long_for(Service, name, text, EDITABLE_FIELDS[name])):
            errors[name] = [problem]
    return errors


#: How a directory entry is named when someone else's change is found (``ownway.core.versioning``).
SERVICE = "directory entry"


def _clock(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _weekly_days(byday: str) -> str:
    """Weekly iCalendar days in week order ("SA,TU" → "TU,SA"); raises ValueError for anything else."""
    days = parse_byday(byday)
    if not days or any(ordinal for ordinal, _ in days):
        raise ValueError("Select the days it runs")
    codes = {code for _, code in days}
    return ",".join(code for code in DAYS if code in codes)


def _session_text(byday: str, opens_at: dt.time | None, closes_at: dt.time | None) -> str:
    return describe(Session("WEEKLY", None, byday, opens_at, closes_at)).text


def _schedule_text(schedule: Schedule) -> str:
    return describe(
        Session(schedule.freq, schedule.interval, schedule.byday, schedule.opens_at, schedule.closes_at)
    ).text


def _is_weekly(schedule: Schedule) -> bool:
    """Whether a session is one the provider's form can change: weekly (every week), on whole days."""
    if schedule.freq not in ("", "WEEKLY") or (schedule.interval or 1) != 1:
        return False
    try:
        _weekly_days(schedule.byday)
    except ValueError:
        return False
    return True


def _session_values(session: SessionData) -> dict[str, Any]:
    """A session checked and in the change's words; raises ValueError with a message for the provider."""
    byday = _weekly_days(session.byday)
    if session.opens_at is None or session.closes_at is None:
        raise ValueError("Give the time each session starts and finishes")
    if session.closes_at <= session.opens_at:
        raise ValueError("The finishing time must be after the starting time")
    return {
        "byday": byday,
        "opens_at": _clock(session.opens_at),
        "closes_at": _clock(session.closes_at),
        "text": _session_text(byday, session.opens_at, session.closes_at),
    }


def _cost_row_values(item: CostData) -> dict[str, Any]:
    """A cost option checked and in the change's words; raises ValueError with a message for the provider."""
    option = " ".join(item.option.split())
    if not option:
        raise ValueError("Give each cost a name, like Standard, Concession or Lunch")
    if len(option) > 255:
        raise ValueError("A cost's name is 255 characters or fewer")
    if item.kind not in CostKind.values or item.per not in CostPer.values:
        raise ValueError("Choose whether each cost is a price or an extra, and what it is for")
    amount = item.amount
    if amount is not None and (not amount.is_finite() or amount < 0 or amount >= Decimal("100000000")):
        raise ValueError("Each cost is £0 or more, and less than £100,000,000")
    amount = pounds(amount) if amount is not None else None
    return {
        "option": option,
        "amount": str(amount) if amount is not None else None,
        "kind": item.kind,
        "per": item.per,
        "text": describe_line(CostLine(option, amount, item.kind, item.per)),
    }


def _cost_line(option: CostOption) -> CostLine:
    return CostLine(option.option, option.amount, option.kind, option.per)


def _session_edits(service: Service, edits: RowEdits[SessionData], errors: dict[str, list[str]]) -> dict[str, Any]:
    """The sessions added, changed and removed, each checked against the service's own; unchanged ones dropped."""
    current = {str(s.pk): s for s in Schedule.objects.filter(service=service)}
    record: dict[str, list[dict[str, Any]]] = {"added": [], "changed": [], "removed": []}
    messages: list[str] = []
    for pk in edits.removed:
        schedule = current.get(str(pk))
        if schedule is None:
            messages.append("A session to remove is not one of this service's")
            continue
        record["removed"].append({"id": str(pk), "text": _schedule_text(schedule)})
    for pk, session in edits.changed.items():
        schedule = current.get(str(pk))
        if schedule is None or str(pk) in edits.removed:
            messages.append("A session to change is not one of this service's")
            continue
        if not _is_weekly(schedule):
            messages.append(f"'{_schedule_text(schedule)}' can only be changed by the council: ask your broker")
            continue
        try:
            values = _session_values(session)
        except ValueError as error:
            messages.append(str(error))
            continue
        was = (_weekly_days(schedule.byday), _clock(schedule.opens_at), _clock(schedule.closes_at))
        if (values["byday"], values["opens_at"], values["closes_at"]) != was:
            record["changed"].append({"id": str(pk), **values, "before": _schedule_text(schedule)})
    for session in edits.added:
        try:
            record["added"].append(_session_values(session))
        except ValueError as error:
            messages.append(str(error))
    if messages:
        errors["schedules"] = list(dict.fromkeys(messages))
    return record


def _cost_edits(service: Service, edits: RowEdits[CostData], errors: dict[str, list[str]]) -> dict[str, Any]:
    """The cost options added, changed and removed, each checked against the service's own; unchanged ones dropped."""
    current = {str(c.pk): c for c in CostOption.objects.filter(service=service)}
    record: dict[str, list[dict[str, Any]]] = {"added": [], "changed": [], "removed": []}
    messages: list[str] = []
    for pk in edits.removed:
        option = current.get(str(pk))
        if option is None:
            messages.append("A cost to remove is not one of this service's")
            continue
        record["removed"].append({"id": str(pk), "text": describe_line(_cost_line(option))})
    for pk, item in edits.changed.items():
        option = current.get(str(pk))
        if option is None or str(pk) in edits.removed:
            messages.append("A cost to change is not one of this service's")
            continue
        try:
            values = _cost_row_values(item)
        except ValueError as error:
            messages.append(str(error))
            continue
        was = (option.option, str(option.amount) if option.amount is not None else None, option.kind, option.per)
        if (values["option"], values["amount"], values["kind"], values["per"]) != was:
            record["changed"].append({"id": str(pk), **values, "before": describe_line(_cost_line(option))})
    for item in edits.added:
        try:
            record["added"].append(_cost_row_values(item))
        except ValueError as error:
            messages.append(str(error))
    if messages:
        errors["costs"] = list(dict.fromkeys(messages))
    return record


@transaction.atomic
def service_change_propose(
    *,
    actor: User,
    service: Service,
    proposed: dict[str, Any],
    sessions: RowEdits[SessionData] | None = None,
    costs: RowEdits[CostData] | None = None,
    expected_version: int | None = None,
) -> ServiceChange:
    """A provider proposes new details for one of its services; nothing is published until a broker approves.

    ``proposed`` holds the changed fields of :data:`EDITABLE_FIELDS`; ``sessions`` and ``costs`` the sessions and
    cost options the provider added, changed or removed. The change records exactly the differences: a field or a
    row that is the same as the published one is left out, and rows not named stay as they are.

    ``expected_version`` is the version of the entry the provider's form showed: if it has changed since,
    nothing is proposed (:class:`~ownway.core.versioning.StaleEdit`). The change keeps the version it was
    proposed against, for :func:`service_change_approve`.
    """
    if not user_can_for(actor, DirectoryAction.PROPOSE_CHANGE, service):
        raise PermissionDenied("You can only change your own organisation's services")
    errors = _validate_proposal(proposed)
    before = service_snapshot(service)
    after = {
        name: value
        for name, value in proposed.items()
        if name not in EDITABLE_FIELDS
        or (None if value == "" else value) != (None if before[name] == "" else before[name])
    }
    if sessions is not None and any((record := _session_edits(service, sessions, errors)).values()):
        after["schedules"] = record
    if costs is not None and any((record := _cost_edits(service, costs, errors)).values()):
        after["costs"] = record
    if errors:
        raise ValidationError(errors)
    if not after:
        raise ValidationError({"__all__": ["You have not changed anything"]})
    base_version = version_check(service, expected_version=expected_version, what=SERVICE)
    if ServiceChange.objects.select_for_update().filter(service=service, status=ChangeStatus.PENDING).exists():
        raise ValidationError({"__all__": ["A change to this service is already waiting for review"]})
    change = ServiceChange.objects.create(
        service=service, proposed=after, before=before, submitted_by=actor, base_version=base_version
    )
    audit_record(actor=actor, action=events.SERVICE_CHANGE_PROPOSED, subject=service, new={"change": change.pk})
    return change


def _pending(change: ServiceChange, action: str) -> ServiceChange:
    """A change still waiting for review, held until the caller's transaction ends."""
    return transition(change, allowed_from=[ChangeStatus.PENDING], action=action, what="change to a directory entry")


def _apply_sessions(service: Service, record: Mapping[str, Any]) -> None:
    """Publish a change's sessions: exactly the rows it adds, changes and removes; refused if they moved since."""
    current = {str(s.pk): s for s in Schedule.objects.select_for_update().filter(service=service)}
    for row in [*record.get("changed", []), *record.get("removed", [])]:
        schedule = current.get(row["id"])
        if schedule is None or _schedule_text(schedule) != row.get("before", row.get("text")):
            raise ValidationError({"__all__": [_MOVED]})
    for row in record.get("removed", []):
        current[row["id"]].delete()
    for row in record.get("changed", []):
        schedule = current[row["id"]]
        schedule.freq = "WEEKLY"
        schedule.byday = row["byday"]
        schedule.opens_at = dt.time.fromisoformat(row["opens_at"])
        schedule.closes_at = dt.time.fromisoformat(row["closes_at"])
        schedule.description = row["text"]
        schedule.from_feed = False  # changed here: the next import of its feed keeps it
        schedule.save(update_fields=["freq", "byday", "opens_at", "closes_at", "description", "from_feed"])
    for row in record.get("added", []):
        Schedule.objects.create(
            service=service,
            freq="WEEKLY",
            byday=row["byday"],
            opens_at=dt.time.fromisoformat(row["opens_at"]),
            closes_at=dt.time.fromisoformat(row["closes_at"]),
            description=row["text"],
        )


def _apply_costs(service: Service, record: Mapping[str, Any]) -> None:
    """Publish a change's cost options: exactly the rows it adds, changes and removes; refused if they moved since."""
    current = {str(c.pk): c for c in CostOption.objects.select_for_update().filter(service=service)}
    for row in [*record.get("changed", []), *record.get("removed", [])]:
        option = current.get(row["id"])
        if option is None or describe_line(_cost_line(option)) != row.get("before", row.get("text")):
            raise ValidationError({"__all__": [_MOVED]})
    for row in record.get("removed", []):
        current[row["id"]].delete()
    for row in record.get("changed", []):
        option = current[row["id"]]
        option.option = row["option"]
        option.amount = Decimal(row["amount"]) if row["amount"] is not None else None
        option.kind = row["kind"]
        option.per = row["per"]
        option.from_feed = False  # changed here: the next import of its feed keeps it
        option.save(update_fields=["option", "amount", "kind", "per", "from_feed"])
    for row in record.get("added", []):
        CostOption.objects.create(
            service=service,
            option=row["option"],
            amount=Decimal(row["amount"]) if row["amount"] is not None else None,
            kind=row["kind"],
            per=row["per"],
        )


_MOVED = "The published details have changed since this change was sent: send it back so the provider can look again"


@transaction.atomic
def service_change_approve(
    *, actor: User, change: ServiceChange, note: str = "", expected_version: int | None = None
) -> Service:
    """Publish a provider's change: exactly the fields and rows it changes, nothing else. The broker has checked
    it, so the entry counts as assured today.

    The change is published only over the entry it was proposed against: if the entry has changed since
    (another change, an import), :class:`~ownway.core.versioning.StaleEdit` is raised and nothing is
    published. A broker who has seen both may publish it over the entry as it is now by passing its version
    as ``expected_version``.
    """
    if not user_can(actor, DirectoryAction.REVIEW_CHANGE):
        raise PermissionDenied("You cannot review directory changes")
    change = _pending(change, "publish it")
    service = Service.objects.select_for_update().get(pk=change.service_id)
    version_claim(
        service, expected_version=change.base_version if expected_version is None else expected_version, what=SERVICE
    )
    proposed = change.proposed
    unknown = set(proposed) - set(EDITABLE_FIELDS) - set(ROW_SECTIONS)
    if unknown:
        raise ValidationError({"__all__": ["This change was made on an older form: send it back to be made again"]})
    for name in (f for f in EDITABLE_FIELDS if f in proposed):
        setattr(
            service,
            name,
            proposed[name] if proposed[name] is not None or name in {"minimum_age", "maximum_age", "capacity"} else "",
        )
    service.assured_date = timezone.localdate()
    service.assurer_email = actor.email
    service.save()
    if "schedules" in proposed:
        _apply_sessions(service, proposed["schedules"])
    if "costs" in proposed:
        _apply_costs(service, proposed["costs"])
    service_refresh_search(service=service)
    change.status = ChangeStatus.APPROVED  # held since the check above
    change.reviewed_by = actor
    change.reviewed_at = timezone.now()
    change.review_note = note.strip()
    change.save()
    sections = [*EDITABLE_FIELDS, *ROW_SECTIONS]
    old = {k: change.before.get(k) for k in proposed if k in EDITABLE_FIELDS}
    new = {k: proposed.get(k) for k in proposed if k in sections}
    audit_record(actor=actor, action=events.SERVICE_CHANGE_APPROVED, subject=service, old=old, new=new)
    return service


@transaction.atomic
def service_change_reject(*, actor: User, change: ServiceChange, note: str) -> ServiceChange:
    """Send a change back to the provider, saying why."""
    if not user_can(actor, DirectoryAction.REVIEW_CHANGE):
        raise PermissionDenied("You cannot review directory changes")
    if not note.strip():
        raise ValidationError({"note": ["Tell the provider why the change is being sent back"]})
    change = _pending(change, "send it back")
    change.status = ChangeStatus.REJECTED
    change.reviewed_by = actor
    change.reviewed_at = timezone.now()
    change.review_note = note.strip()
    change.save()
    audit_record(
        actor=actor, action=events.SERVICE_CHANGE_REJECTED, subject=change.service, new={"note": change.review_note}
    )
    return change


@transaction.atomic
def service_assure(*, actor: User, service: Service) -> Service:
    """Record that the council checked an entry's details today."""
    if not user_can(actor, DirectoryAction.REVIEW_CHANGE):
        raise PermissionDenied("You cannot confirm directory entries")
    old = {"assured_date": service.assured_date.isoformat() if service.assured_date else None}
    service.assured_date = timezone.localdate()
    service.assurer_email = actor.email
    service.save(update_fields=["assured_date", "assurer_email", "last_modified"])
    audit_record(
        actor=actor,
        action=events.SERVICE_ASSURED,
        subject=service,
        old=old,
        new={"assured_date": service.assured_date.isoformat()},
    )
    return service


@transaction.atomic
def service_accept_suggested_venue(*, actor: User, service: Service, postcode: str) -> ServiceAtLocation:
    """Add, as the service's venue, a postcode its feed wrote in the description (see :func:`suggested_postcodes`).

    A broker or council officer accepts it after checking; it is then a venue added here, which the next import
    of the feed keeps.
    """
    if not user_can(actor, DirectoryAction.REVIEW_CHANGE):
        raise PermissionDenied("You cannot change directory entries")
    check = check_postcode(postcode)
    suggestions = list(service.suggested_postcodes or [])
    if not check.valid or check.normalised not in suggestions:
        raise ValidationError({"postcode": ["That postcode is not one suggested for this service"]})
    point = locate(check.normalised)
    location = Location.objects.create(
        name=f"Venue at {check.normalised}",
        description="The postcode written in the service's description, accepted by the council.",
        postcode=check.normalised,
        latitude=point.latitude if point else None,
        longitude=point.longitude if point else None,
    )
    sal = ServiceAtLocation.objects.create(service=service, location=location, from_feed=False)
    suggestions.remove(check.normalised)
    Service.objects.filter(pk=service.pk).update(suggested_postcodes=suggestions)
    service.suggested_postcodes = suggestions
    service_refresh_search(service=service)
    audit_record(
        actor=actor,
        action=events.SUGGESTED_VENUE_ACCEPTED,
        subject=service,
        new={"postcode": check.normalised, "location": str(location.pk)},
    )
    return sal


# ----------------------------------------------------------------------------------------------------
# Postcodes
# ----------------------------------------------------------------------------------------------------


def postcodes_import(
    *, actor: User | None, rows: Iterable[tuple[str, float, float]], source: str, batch_size: int = 5000
) -> tuple[int, list[tuple[str, str]]]:
    """Load postcode centres (postcode, latitude, longitude), replacing any already held for those postcodes.

    Returns how many were loaded and each row left out with its reason.
    """
    rejected: list[tuple[str, str]] = []
    loaded = 0
    with transaction.atomic():
        batch: list[Postcode] = []
        for raw, lat, lon in rows:
            check = check_postcode(raw)
            if not check.valid:
                rejected.append((raw, check.explanation))
                continue
            if not (49.0 <= lat <= 61.5 and -8.7 <= lon <= 2.1):
                rejected.append((raw, f"its position ({lat}, {lon}) is outside the UK"))
                continue
            batch.append(Postcode(postcode=check.normalised, latitude=lat, longitude=lon, source=source[:40]))
            if len(batch) >= batch_size:
                loaded += _save_postcodes(batch)
                batch = []
        loaded += _save_postcodes(batch)
        audit_record(
            actor=actor,
            action=events.POSTCODES_IMPORTED,
            new={"source": source, "loaded": loaded, "rejected": len(rejected)},
        )
    return loaded, rejected


def _save_postcodes(batch: list[Postcode]) -> int:
    if not batch:
        return 0
    unique = {p.postcode: p for p in batch}
    Postcode.objects.bulk_create(
        list(unique.values()),
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["latitude", "longitude", "source"],
    )
    return len(unique)


# ----------------------------------------------------------------------------------------------------
# Personal assistants
# ----------------------------------------------------------------------------------------------------


#: The most a personal assistant's hourly rate can be on the register: far above any real rate.
MAX_PA_HOURLY_RATE = Decimal("200")


@dataclass
class PersonalAssistantData:
    name: str
    skills: str
    areas: str
    availability: str
    hourly_rate: Decimal
    consent: bool
    email: str = ""
    phone: str = ""
    dbs_checked_on: dt.date | None = None
    languages: str = ""


@transaction.atomic
def personal_assistant_register(*, actor: User, data: PersonalAssistantData) -> PersonalAssistant:
    """Add a personal assistant to the register. They must have agreed to be listed."""
    if not user_can(actor, DirectoryAction.MANAGE_REGISTER):
        raise PermissionDenied("You cannot keep the register of personal assistants")
    errors: dict[str, list[str]] = {}
    if not data.consent:
        errors["consent"] = ["A personal assistant can only be listed if they agree to it"]
    if not data.name.strip():
        errors["name"] = ["Enter the personal assistant's name"]
    if not data.email.strip() and not data.phone.strip():
        errors["phone"] = ["Enter a phone number or an email address so people can get in touch"]
    areas = ", ".join(part for part in re.split(r"[\s,]+", data.areas.upper()) if part)
    for column, text, subject in (
        ("name", data.name.strip(), "The name"),
        ("email", data.email.strip(), "The email address"),
        ("phone", data.phone.strip(), "The phone number"),
        ("areas", areas, "The list of postcode districts"),
        ("languages", data.languages.strip(), "The list of languages"),
    ):
        if problem := too_long_for(PersonalAssistant, column, text, subject):
            errors[column] = [problem]
    try:
        hourly_rate = parse_money(
            data.hourly_rate, low=Decimal("0.01"), high=MAX_PA_HOURLY_RATE, subject="The hourly rate"
        )
    except NumberError as error:
        errors["hourly_rate"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    assistant = PersonalAssistant.objects.create(
        name=data.name.strip(),
        search_name=name_key(data.name),
        email=data.email.strip(),
        phone=data.phone.strip(),
        skills=data.skills.strip(),
        areas=areas,
        availability=data.availability.strip(),
        languages=data.languages.strip(),
        hourly_rate=hourly_rate,
        dbs_checked_on=data.dbs_checked_on,
        consent_given_at=timezone.now(),
    )
    audit_record(actor=actor, action=events.PA_REGISTERED, subject=assistant, new={"name": assistant.name})
    return assistant


@transaction.atomic
def personal_assistant_withdraw_consent(*, actor: User, assistant: PersonalAssistant) -> PersonalAssistant:
    """Take a personal assistant off the register at once, as they asked (UK GDPR art. 7(3))."""
    if not user_can(actor, DirectoryAction.MANAGE_REGISTER):
        raise PermissionDenied("You cannot keep the register of personal assistants")
    assistant.consent_withdrawn_at = timezone.now()
    assistant.save(update_fields=["consent_withdrawn_at"])
    audit_record(actor=actor, action=events.PA_CONSENT_WITHDRAWN, subject=assistant)
    return assistant


# ----------------------------------------------------------------------------------------------------
# Brokerage
# ----------------------------------------------------------------------------------------------------


def _check_broker(actor: User, person: Person) -> None:
    if not user_can(actor, DirectoryAction.BROKER):
        raise PermissionDenied("You cannot shortlist services")
    if not person_user_can_for(actor, PersonAction.VIEW, person):
        raise PermissionDenied("You do not have access to this person's record")


@transaction.atomic
def shortlist_create(*, actor: User, person: Person, purpose: str) -> Shortlist:
    """Start a shortlist of services for a person, for what they are looking for."""
    _check_broker(actor, person)
    if not purpose.strip():
        raise ValidationError({"purpose": ["Say what the person is looking for"]})
    shortlist = Shortlist.objects.create(person=person, created_by=actor, purpose=purpose.strip()[:255])
    audit_record(
        actor=actor,
        action=events.SHORTLIST_CREATED,
        subject=shortlist,
        person=person,
        new={"purpose": shortlist.purpose},
    )
    return shortlist


#: The longest note kept with a service on a shortlist.
MAX_SHORTLIST_NOTE = 500


@transaction.atomic
def shortlist_add(*, actor: User, shortlist: Shortlist, service: Service, note: str = "") -> ShortlistEntry:
    _check_broker(actor, shortlist.person)
    if shortlist.chosen_id is not None:
        raise ValidationError({"service": ["The person has already chosen; start a new shortlist"]})
    if service.status != ServiceStatus.ACTIVE:
        raise ValidationError({"service": [f"{service.name} is {service.get_status_display().lower()}"]})
    if shortlist.entries.filter(service=service).exists():
        raise ValidationError({"service": [f"{service.name} is already on the shortlist"]})
    note = without_control_characters(note, keep_lines=True).strip()
    if len(note) > MAX_SHORTLIST_NOTE:
        raise ValidationError({"note": [f"The note must be {MAX_SHORTLIST_NOTE} characters or fewer"]})
    entry = ShortlistEntry.objects.create(shortlist=shortlist, service=service, note=note)
    audit_record(
        actor=actor,
        action=events.SHORTLIST_SERVICE_ADDED,
        subject=shortlist,
        person=shortlist.person,
        new={"service": str(service.pk), "name": service.name},
    )
    return entry


@transaction.atomic
def shortlist_record_choice(*, actor: User, shortlist: Shortlist, service: Service, reason: str = "") -> Shortlist:
    """Record the service the person chose from their shortlist (for their support plan to use)."""
    _check_broker(actor, shortlist.person)
    shortlist = Shortlist.objects.select_for_update().get(pk=shortlist.pk)
    if not shortlist.entries.filter(service=service).exists():
        raise ValidationError({"service": ["Choose a service from the shortlist"]})
    old = {"chosen": str(shortlist.chosen_id) if shortlist.chosen_id else None}
    shortlist.chosen = service
    shortlist.chosen_at = timezone.now()
    shortlist.choice_recorded_by = actor
    shortlist.choice_reason = reason.strip()
    shortlist.save()
    audit_record(
        actor=actor,
        action=events.SHORTLIST_CHOICE_RECORDED,
        subject=shortlist,
        person=shortlist.person,
        old=old,
        new={"chosen": str(service.pk), "name": service.name},
    )
    return shortlist


def feed_import(*, actor: User | None, feed: Feed, preview: bool = False) -> ImportReport:
    """Read a registered feed and import it; the feed keeps the summary, every rejected record and the report.

    ``preview``: what the import would add, change and remove, with nothing written (not even on the feed).
    """
    from .importer import read_api, read_source

    if actor is not None and not user_can(actor, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    try:
        payload = read_api(feed.source) if feed.is_api else read_source(feed.source)
    except (OSError, ValueError) as error:
        raise ValidationError({"source": [f"Could not read {feed.source}: {error}"]}) from error
    report = directory_import(actor=actor, payload=payload, source=feed.source, withdraw_missing=True, preview=preview)
    if preview:
        return report
    feed.last_imported_at = timezone.now()
    feed.last_summary = report.summary
    feed.last_rejected = [{"record": what, "reason": reason} for what, reason in report.rejected]
    feed.last_report = report.as_json()
    feed.save(update_fields=["last_imported_at", "last_summary", "last_rejected", "last_report"])
    return report


@transaction.atomic
def provider_account_link(*, actor: User | None, user: User, organization: Organization) -> ProviderAccount:
    """Let a provider's sign-in speak for an organisation in the directory (so it can propose changes)."""
    if actor is not None and not user_can(actor, DirectoryAction.MANAGE_REGISTER):
        raise PermissionDenied("You cannot link provider accounts")
    if user.role != "provider":
        raise ValidationError({"user": ["Only provider accounts can speak for an organisation"]})
    account, _ = ProviderAccount.objects.update_or_create(user=user, defaults={"organization": organization})
    audit_record(
        actor=actor,
        action=events.PROVIDER_ACCOUNT_LINKED,
        subject=account,
        new={"user": user.username, "organization": str(organization.pk)},
    )
    return account


class ConflictChoice(enum.StrEnum):
    """How a broker resolves a conflict between a change made here and the feed."""

    #: Keep the value changed here; the feed's value is not taken (the next import keeps it too, and lists the
    #: field again only if the feed changes it again).
    KEEP_HERE = "here"
    #: Take the feed's value; the field is the feed's again, so later imports update it.
    TAKE_FEED = "feed"


@transaction.atomic
def service_conflict_resolve(
    *, actor: User | None, service: Service, field_name: str, choice: ConflictChoice | str, shown_feed: str
) -> Service:
    """Resolve one field's conflict between a change made here and the feed: keep the change made here, or take the
    feed's value (the one its last import gave, which the field then follows again). Recorded in the audit trail
    with both values. ``shown_feed`` is the feed's value as the broker saw it: if an import has changed it since,
    nothing is done and they are asked to look again."""
    if actor is not None and not user_can(actor, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot resolve the directory's feed conflicts")
    try:
        choice = ConflictChoice(choice)
    except ValueError:
        raise ValidationError({"choice": ["Choose to keep the value changed here or to take the feed's"]}) from None
    service = Service.objects.select_for_update().get(pk=service.pk)
    conflicts = [c for c in service.feed_conflicts or [] if isinstance(c, dict)]
    conflict = next((c for c in conflicts if c.get("field") == field_name), None)
    if conflict is None or field_name not in FEED_FIELDS:
        raise ValidationError({"field": ["That conflict has already been resolved"]})
    if conflict.get("feed") != shown_feed:
        raise ValidationError({"field": ["The feed's value has changed since the page was shown: look again"]})
    here = _plain(getattr(service, field_name))
    old = {"field": field_name, "here": str(here)[:200], "feed": conflict.get("feed", "")}
    if choice == ConflictChoice.TAKE_FEED:
        if field_name not in (service.feed_values or {}):
            raise ValidationError({"field": ["The feed's value is no longer known: import the feed again"]})
        model_field = Service._meta.get_field(field_name)
        assert isinstance(model_field, models.Field)
        setattr(service, field_name, model_field.to_python(service.feed_values[field_name]))
    service.feed_conflicts = [c for c in conflicts if c is not conflict]
    version_claim(service, expected_version=None, what=SERVICE)
    service.save()
    if choice == ConflictChoice.TAKE_FEED:
        service_refresh_search(service=service)
    audit_record(
        actor=actor,
        action=events.FEED_CONFLICT_RESOLVED,
        subject=service,
        old=old,
        new={"field": field_name, "kept": "here" if choice == ConflictChoice.KEEP_HERE else "feed",
             "value": str(_plain(getattr(service, field_name)))[:200]},
    )  # fmt: skip
    return service
