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
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
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
    Rejected,
    clean_age,
    clean_amount,
    clean_date,
    clean_email,
    clean_float,
    clean_line,
    clean_optional_uuid,
    clean_text,
    clean_time,
    clean_url,
    clean_uuid,
    records_of,
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
    cost = full_cost([CostLine(c.option, c.amount, c.kind, c.per) for c in CostOption.objects.filter(service=service)])
    service.is_free = cost.is_free
    service.cost_from = cost.cost_from
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

    @property
    def summary(self) -> str:
        return (
            f"{self.created} services added, {self.updated} updated, {self.taxonomies} taxonomies, "
            f"{len(self.rejected)} records rejected"
        )


def _label(record: Any, kind: str) -> str:
    if isinstance(record, Mapping):
        name = record.get("name") or record.get("number") or record.get("option") or ""
        ident = record.get("id", "no id")
        return f"{kind} {ident}" + (f" ({str(name)[:60]})" if name else "")
    return f"{kind} (not an object)"


def _require(record: Mapping[str, Any], name: str) -> Any:
    value = record.get(name)
    if value in (None, ""):
        raise Rejected(f"it has no {name}")
    return value


def _taxonomy_from(record: Mapping[str, Any]) -> Taxonomy:
    tax_id = clean_uuid(_require(record, "id"), "id")
    values = {
        "name": clean_line(_require(record, "name"), 200),
        "description": clean_text(record.get("description")) or clean_line(record.get("name"), 200),
        "uri": clean_url(record.get("uri"), "uri") if record.get("uri") else "",
        "version": clean_line(record.get("version"), 50),
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
                name=clean_line(record.get("taxonomy"), 200) or "Imported taxonomy",
                description="A taxonomy named by an imported term.",
            )
    elif record.get("taxonomy"):
        name = clean_line(record.get("taxonomy"), 200)
        taxonomy = Taxonomy.objects.filter(name=name).first() or Taxonomy.objects.create(
            name=name, description=f"{name} (named by an imported term)"
        )
    parent_id = clean_optional_uuid(record.get("parent_id"), "parent_id")
    values = {
        "taxonomy": taxonomy,
        "code": clean_line(record.get("term"), 200),
        "name": clean_line(_require(record, "name"), 200),
        "description": clean_text(record.get("description")) or clean_line(record.get("name"), 200),
        "term_uri": clean_url(record.get("term_uri"), "term_uri") if record.get("term_uri") else "",
        "parent_id": parent_id if parent_id and TaxonomyTerm.objects.filter(pk=parent_id).exists() else None,
    }
    term, _ = TaxonomyTerm.objects.update_or_create(id=term_id, defaults=values)
    return term


def _organization_from(record: Mapping[str, Any]) -> Organization:
    org_id = clean_uuid(_require(record, "id"), "id")
    identifiers = [
        {
            "id": str(clean_uuid(i.get("id"), "identifier id")),
            "identifier_scheme": clean_line(i.get("identifier_scheme"), 100),
            "identifier_type": clean_line(i.get("identifier_type"), 100),
            "identifier": clean_line(i.get("identifier"), 100),
        }
        for i in record.get("organization_identifiers") or []
        if isinstance(i, Mapping)
    ]
    parent_id = clean_optional_uuid(record.get("parent_organization_id"), "parent_organization_id")
    values = {
        "name": clean_line(_require(record, "name"), 255),
        "description": clean_text(record.get("description")),
        "email": clean_email(record.get("email"), "email"),
        "website": clean_url(record.get("website"), "website"),
        "logo": clean_url(record.get("logo"), "logo"),
        "uri": clean_url(record.get("uri"), "uri"),
        "identifiers": identifiers,
        "parent_id": parent_id if parent_id and Organization.objects.filter(pk=parent_id).exists() else None,
    }
    organization, _ = Organization.objects.update_or_create(id=org_id, defaults=values)
    return organization


def _location_from(record: Mapping[str, Any], rejected: list[tuple[str, str]]) -> Location:
    loc_id = clean_uuid(_require(record, "id"), "id")
    location_type = str(record.get("location_type") or LocationType.PHYSICAL)
    if location_type not in LocationType.values:
        raise Rejected(f"its location_type '{location_type}' is not physical, postal or virtual")
    latitude = clean_float(record.get("latitude"), "latitude", -90, 90)
    longitude = clean_float(record.get("longitude"), "longitude", -180, 180)
    location, _ = Location.objects.update_or_create(
        id=loc_id,
        defaults={
            "location_type": location_type,
            "name": clean_line(record.get("name"), 255),
            "description": clean_text(record.get("description")),
            "latitude": latitude,
            "longitude": longitude,
            "external_identifier": clean_line(record.get("external_identifier"), 100),
            "external_identifier_type": clean_line(record.get("external_identifier_type"), 100),
        },
    )

    def address(item: Mapping[str, Any]) -> dict[str, Any]:
        address_type = str(item.get("address_type") or LocationType.PHYSICAL)
        if address_type not in LocationType.values:
            raise Rejected(f"its address_type '{address_type}' is not physical, postal or virtual")
        return {
            "location": location,
            "attention": clean_line(item.get("attention"), 255),
            "address_1": clean_line(_require(item, "address_1"), 255),
            "city": clean_line(_require(item, "city"), 100),
            "region": clean_line(item.get("region"), 100),
            "state_province": clean_line(item.get("state_province"), 100),
            "postal_code": clean_line(_require(item, "postal_code"), 20),
            "country": clean_line(item.get("country") or "GB", 2),
            "address_type": address_type,
        }

    def accessibility(item: Mapping[str, Any]) -> dict[str, Any]:
        description = clean_text(item.get("description"))
        details = clean_text(item.get("details"))
        return {
            "location": location,
            "feature": recognise_feature(str(item.get("accessibility") or ""), f"{description} {details}").feature,
            "description": description,
            "details": details,
            "url": clean_url(item.get("url"), "url"),
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
    **scope: Any,
) -> None:
    """Upsert one list of a record's children by id; those no longer in the feed are removed.

    ``owner`` names the record in the list of rejections ("service 1f0c…", "location 9a2e…").

    Each item is checked (and its values made) first; the good ones are then written in one upsert.
    ``make_writes``: ``make`` itself writes rows (a location, a taxonomy term), so each item is made in
    a savepoint of its own and a rejected one leaves nothing behind.
    """
    rows: dict[uuid.UUID, Any] = {}
    for item in items or []:
        try:
            with transaction.atomic() if make_writes else contextlib.nullcontext():
                if not isinstance(item, Mapping):
                    raise Rejected("it is not an object")
                item_id = clean_uuid(_require(item, "id"), "id")
                rows[item_id] = model(id=item_id, **make(item))
        except Rejected as error:
            rejected.append((f"{_label(item, kind)} of {owner}", str(error)))
    if rows:
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
        model.objects.bulk_create(
            list(rows.values()), update_conflicts=True, unique_fields=["id"], update_fields=fields
        )
    model.objects.filter(**scope).exclude(id__in=list(rows)).delete()


def _schedule_values(item: Mapping[str, Any], service: Service | None, sal: ServiceAtLocation | None) -> dict[str, Any]:
    byday = clean_line(item.get("byday"), 60).upper().replace(" ", "")
    try:
        parse_byday(byday)
    except ValueError as error:
        raise Rejected(f"its byday: {error}") from None
    freq = clean_line(item.get("freq"), 10).upper()
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
        "bymonthday": clean_line(item.get("bymonthday"), 60),
        "description": clean_text(item.get("description")),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "schedule_link": clean_url(item.get("schedule_link"), "schedule_link"),
        "attending_type": clean_line(item.get("attending_type"), 100),
        "notes": clean_text(item.get("notes")),
    }


def _cost_values(item: Mapping[str, Any], service: Service) -> dict[str, Any]:
    kind = str(item.get("ownway_kind") or CostKind.PRICE)
    per = str(item.get("ownway_per") or CostPer.SESSION)
    return {
        "service": service,
        "valid_from": clean_date(item.get("valid_from"), "valid_from"),
        "valid_to": clean_date(item.get("valid_to"), "valid_to"),
        "option": clean_line(item.get("option"), 255),
        "amount": clean_amount(item.get("amount")),
        "amount_description": clean_text(item.get("amount_description")),
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
    values["cqc_location_id"] = clean_line(extra.get("cqc_location_id"), 20)
    values["cqc_rating_date"] = clean_date(extra.get("cqc_rating_date"), "cqc_rating_date")
    values["council_vetted_on"] = clean_date(extra.get("council_vetted_on"), "council_vetted_on")
    tiers = extra.get("tiers") or []
    values["suits_enablement"] = "enablement" in tiers
    values["suits_personalised"] = "personalised" in tiers
    values["suits_specialist"] = "specialist" in tiers
    values["capacity"] = (
        clean_age(extra.get("capacity"), "capacity") if extra.get("capacity") not in (None, "") else None
    )
    values["transport_provided"] = bool(extra.get("transport_provided"))
    values["getting_there"] = clean_text(extra.get("getting_there"))
    return values


def _service_from(record: Any, report: ImportReport) -> None:
    if not isinstance(record, Mapping):
        raise Rejected("it is not an object")
    service_id = clean_uuid(_require(record, "id"), "id")
    status = str(_require(record, "status"))
    if status not in ServiceStatus.values:
        raise Rejected(f"its status '{status}' is not one of active, inactive, defunct or temporarily closed")
    organization: Organization | None = None
    if isinstance(record.get("organization"), Mapping):
        try:
            organization = _organization_from(record["organization"])
        except Rejected as error:
            raise Rejected(f"its organization: {error}") from None
    elif record.get("organization_id"):
        organization = Organization.objects.filter(pk=clean_uuid(record["organization_id"], "organization_id")).first()
        if organization is None:
            raise Rejected(f"its organization {record['organization_id']} is not in the feed or the directory")
    minimum_age = clean_age(record.get("minimum_age"), "minimum_age")
    maximum_age = clean_age(record.get("maximum_age"), "maximum_age")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        raise Rejected(f"its minimum_age {minimum_age} is above its maximum_age {maximum_age}")
    values = {
        "organization": organization,
        "name": clean_line(_require(record, "name"), 255),
        "description": clean_text(record.get("description")),
        "url": clean_url(record.get("url"), "url"),
        "email": clean_email(record.get("email"), "email"),
        "status": status,
        "fees": clean_text(record.get("fees")),
        "accreditations": clean_text(record.get("accreditations")),
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "assured_date": clean_date(record.get("assured_date"), "assured_date"),
        "assurer_email": clean_email(record.get("assurer_email"), "assurer_email"),
        "alert": clean_text(record.get("alert")),
        **_ownway_values(record.get("ownway")),
    }
    service, created = Service.objects.update_or_create(id=service_id, defaults=values)
    if not created:
        version_claim(service, expected_version=None, what=SERVICE)
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
        ServiceAtLocation.objects.filter(service=service, location=location).exclude(id=str(item.get("id"))).delete()
        return {"service": service, "location": location, "description": clean_text(item.get("description"))}

    _children(
        owner,
        record.get("service_at_locations"),
        "Service at location",
        ServiceAtLocation,
        add_sal,
        rejected,
        make_writes=True,
        service=service,
    )
    for item in record.get("service_at_locations") or []:
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
        service=service,
    )
    _children(
        owner,
        record.get("cost_options"),
        "Cost option",
        CostOption,
        lambda c: _cost_values(c, service),
        rejected,
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
            "name": clean_line(lang.get("name"), 100),
            "code": clean_line(lang.get("code"), 20),
            "note": clean_text(lang.get("note")),
        },
        rejected,
        service=service,
    )
    _children(
        owner,
        record.get("service_areas"),
        "Service area",
        ServiceArea,
        lambda a: {
            "service": service,
            "name": clean_line(a.get("name"), 255),
            "description": clean_text(a.get("service_area")),
            "extent": clean_text(a.get("extent")),
            "extent_type": clean_line(a.get("extent_type"), 50),
            "uri": clean_url(a.get("uri"), "uri"),
        },
        rejected,
        service=service,
    )
    _children(
        owner,
        record.get("funding"),
        "Funding",
        Funding,
        lambda f: {"service": service, "source": clean_text(f.get("source"))},
        rejected,
        service=service,
    )

    def add_contact(item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "service": service,
            "name": clean_line(item.get("name"), 255),
            "title": clean_line(item.get("title"), 255),
            "email": clean_email(item.get("email"), "email"),
        }

    _children(owner, record.get("contacts"), "Contact", Contact, add_contact, rejected, service=service)
    for item in record.get("contacts") or []:
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
                        "number": clean_line(_require(p, "number"), 50),
                        "description": clean_text(p.get("description")),
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
        return {"taxonomy_term": term, "link_type": "service", "link_id": sid, "value": clean_text(item.get("value"))}

    _children(
        owner,
        record.get("attributes"),
        "Attribute",
        Attribute,
        add_attribute,
        rejected,
        make_writes=True,
        link_type="service",
        link_id=sid,
    )
    service_refresh_search(service=service)
    if created:
        report.created += 1
    else:
        report.updated += 1


def directory_import(*, actor: User | None, payload: Any, source: str) -> ImportReport:
    """Upsert every service (and taxonomy) of an ORUK 3.0 feed by id, in one transaction.

    A record that cannot be used is left out and listed with its reason; a part of a record that
    cannot be used (one schedule, one phone number) is left out and listed, and the rest is kept.
    """
    if actor is not None and not user_can(actor, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    report = ImportReport()
    with transaction.atomic():
        try:
            services, taxonomies = records_of(payload)
        except Rejected as error:
            raise ValidationError({"feed": [str(error).capitalize()]}) from None
        for record in taxonomies:
            try:
                with transaction.atomic():
                    taxonomy = _taxonomy_from(record)
                    for term in record.get("taxonomy_terms") or []:
                        term = {**term, "taxonomy_id": str(taxonomy.pk)}
                        try:
                            with transaction.atomic():
                                _term_from(term)
                        except (Rejected, AttributeError) as error:
                            report.rejected.append((_label(term, "Taxonomy term"), str(error)))
                    report.taxonomies += 1
            except (Rejected, AttributeError) as error:
                report.rejected.append((_label(record, "Taxonomy"), str(error)))
        for record in services:
            try:
                with transaction.atomic():
                    _service_from(record, report)
            except Rejected as error:
                report.rejected.append((_label(record, "Service"), str(error)))
        audit_record(
            actor=actor,
            action=events.DIRECTORY_IMPORTED,
            new={
                "source": source[:500],
                "created": report.created,
                "updated": report.updated,
                "rejected": len(report.rejected),
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
        schedule.save(update_fields=["freq", "byday", "opens_at", "closes_at", "description"])
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
        option.save(update_fields=["option", "amount", "kind", "per"])
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


def feed_import(*, actor: User | None, feed: Feed) -> ImportReport:
    """Read a registered feed and import it; the feed keeps the summary and every rejected record."""
    from .importer import read_api, read_source

    if actor is not None and not user_can(actor, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    try:
        payload = read_api(feed.source) if feed.is_api else read_source(feed.source)
    except (OSError, ValueError) as error:
        raise ValidationError({"source": [f"Could not read {feed.source}: {error}"]}) from error
    report = directory_import(actor=actor, payload=payload, source=feed.source)
    feed.last_imported_at = timezone.now()
    feed.last_summary = report.summary
    feed.last_rejected = [{"record": what, "reason": reason} for what, reason in report.rejected]
    feed.save(update_fields=["last_imported_at", "last_summary", "last_rejected"])
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
