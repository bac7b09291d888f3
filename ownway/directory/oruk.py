"""Directory entries as Open Referral UK 3.0 JSON (ORUK 3.0 ``schemata/*.json``).

Optional fields without a value are left out rather than sent as null, as the ORUK compliance
guidance asks. Amounts are JSON numbers, as the schema requires: they are held as ``Decimal`` with
two places and only turned into a JSON number here, at the edge.

Ownway's own fields (kind, quality, tiers, capacity, transport) travel in an export under an "ownway"
object on each service, which the schemata allow and other readers ignore; accessibility features travel as
``accessibility`` rows with the feature's code in ``accessibility``. So an export re-imports without loss.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

VERSION = "HSDS-UK-3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_URL = "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json"


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what has no value (None, "" and empty lists)."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != []}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def taxonomy_term(term: TaxonomyTerm) -> dict[str, Any]:
    return _clean(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description or term.name,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name if term.taxonomy_id and term.taxonomy else None,
            "taxonomy_id": str(term.taxonomy_id) if term.taxonomy_id else None,
            "term_uri": term.term_uri,
            "term": term.code,
        }
    )


def taxonomy(tax: Taxonomy, *, with_terms: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(tax.id),
        "name": tax.name,
        "description": tax.description or tax.name,
        "uri": tax.uri,
        "version": tax.version,
    }
    if with_terms:
        data["taxonomy_terms"] = [taxonomy_term(t) for t in tax.terms.all()]
    return _clean(data)


def organization(org: Organization) -> dict[str, Any]:
    return _clean(
        {
            "id": str(org.id),
            "name": org.name,
            "description": org.description or org.name,
            "email": org.email,
            "website": org.website,
            "logo": org.logo,
            "uri": org.uri,
            "parent_organization_id": str(org.parent_id) if org.parent_id else None,
            "organization_identifiers": [
                _clean(
                    {
                        "id": i.get("id"),
                        "organization_id": str(org.id),
                        "identifier_scheme": i.get("identifier_scheme"),
                        "identifier_type": i.get("identifier_type"),
                        "identifier": i.get("identifier"),
                    }
                )
                for i in org.identifiers
                if i.get("id") and i.get("identifier") and i.get("identifier_type")
            ],
        }
    )


def address(addr: Address) -> dict[str, Any]:
    return _clean(
        {
            "id": str(addr.id),
            "location_id": str(addr.location_id),
            "attention": addr.attention,
            "address_1": addr.address_1 if not addr.address_2 else f"{addr.address_1}, {addr.address_2}",
            "city": addr.city,
            "region": addr.region,
            "state_province": addr.state_province,
            "postal_code": addr.postal_code,
            "country": addr.country,
            "address_type": addr.address_type,
        }
    )


def accessibility(item: Accessibility) -> dict[str, Any]:
    return _clean(
        {
            "id": str(item.id),
            "location_id": str(item.location_id),
            "description": item.description or (item.get_feature_display() if item.feature else ""),
            "details": item.details,
            "url": item.url,
            "accessibility": item.feature,
        }
    )


def location(loc: Location, *, full: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(loc.id),
        "location_type": loc.location_type,
        "name": loc.name,
        "description": loc.description,
        "latitude": loc.latitude,
        "longitude": loc.longitude,
        "external_identifier": loc.external_identifier,
        "external_identifier_type": loc.external_identifier_type,
    }
    if full:
        data["addresses"] = [address(a) for a in loc.addresses.all()]
        data["accessibility"] = [accessibility(a) for a in loc.accessibility.all()]
    return _clean(data)


def schedule(item: Schedule) -> dict[str, Any]:
    return _clean(
        {
            "id": str(item.id),
            "service_id": str(item.service_id) if item.service_id else None,
            "service_at_location_id": str(item.service_at_location_id) if item.service_at_location_id else None,
            "valid_from": _date(item.valid_from),
            "valid_to": _date(item.valid_to),
            "dtstart": _date(item.dtstart),
            "freq": item.freq,
            "interval": item.interval,
            "byday": item.byday,
            "bymonthday": item.bymonthday,
            "description": item.description,
            "opens_at": _time(item.opens_at),
            "closes_at": _time(item.closes_at),
            "schedule_link": item.schedule_link,
            "attending_type": item.attending_type,
            "notes": item.notes,
        }
    )


def cost_option(item: CostOption) -> dict[str, Any]:
    description = item.amount_description
    return _clean(
        {
            "id": str(item.id),
            "service_id": str(item.service_id),
            "valid_from": _date(item.valid_from),
            "valid_to": _date(item.valid_to),
            "option": item.option,
            "amount": _number(item.amount),
            "amount_description": description,
            # Ownway's own: whether it is a price or an extra, and its period (ignored by other readers).
            "ownway_kind": item.kind,
            "ownway_per": item.per,
        }
    )


def contact(item: Contact) -> dict[str, Any]:
    return _clean(
        {
            "id": str(item.id),
            "service_id": str(item.service_id) if item.service_id else None,
            "name": item.name,
            "title": item.title,
            "email": item.email,
            "phones": [
                _clean({"id": str(p.id), "contact_id": str(item.id), "number": p.number, "description": p.description})
                for p in item.phones.all()
            ],
        }
    )


def attribute(item: Attribute) -> dict[str, Any]:
    return _clean(
        {
            "id": str(item.id),
            "link_id": str(item.link_id),
            "taxonomy_term_id": str(item.taxonomy_term_id),
            "link_type": item.link_type,
            "taxonomy_term": taxonomy_term(item.taxonomy_term),
            "value": item.value,
        }
    )


def service(svc: Service, *, full: bool = True, attributes: Iterable[Attribute] = ()) -> dict[str, Any]:
    """A service: one-to-one fields only for lists (``full=False``), fully nested for ``/services/{id}``."""
    data: dict[str, Any] = {
        "id": str(svc.id),
        "organization_id": str(svc.organization_id) if svc.organization_id else None,
        "name": svc.name,
        "description": svc.description,
        "url": svc.url,
        "email": svc.email,
        "status": svc.status,
        "fees": svc.fees,
        "accreditations": svc.accreditations,
        "minimum_age": svc.minimum_age,
        "maximum_age": svc.maximum_age,
        "assured_date": _date(svc.assured_date),
        "assurer_email": svc.assurer_email,
        "alert": svc.alert,
        "last_modified": (svc.source_modified or svc.last_modified).isoformat()
        if (svc.source_modified or svc.last_modified)
        else None,
    }
    if svc.organization_id and svc.organization is not None:
        data["organization"] = organization(svc.organization)
    if full:
        data["schedules"] = [schedule(s) for s in svc.schedules.all()]
        data["service_areas"] = [
            _clean(
                {
                    "id": str(a.id),
                    "service_id": str(svc.id),
                    "name": a.name,
                    "extent": a.extent,
                    "extent_type": a.extent_type,
                    "uri": a.uri,
                    "service_area": a.description,
                }
            )
            for a in svc.service_areas.all()
        ]
        data["service_at_locations"] = [
            _clean(
                {
                    "id": str(sal.id),
                    "service_id": str(svc.id),
                    "location_id": str(sal.location_id),
                    "location": location(sal.location),
                }
            )
            for sal in svc.service_at_locations.all()
        ]
        data["languages"] = [
            _clean(
                {"id": str(lang.id), "service_id": str(svc.id), "name": lang.name, "code": lang.code, "note": lang.note}
            )
            for lang in svc.languages.all()
        ]
        data["funding"] = [
            _clean({"id": str(f.id), "service_id": str(svc.id), "source": f.source}) for f in svc.funding.all()
        ]
        data["cost_options"] = [cost_option(c) for c in svc.cost_options.all()]
        data["contacts"] = [contact(c) for c in svc.contacts.all()]
        data["attributes"] = [attribute(a) for a in attributes]
    return _clean(data)


def service_at_location(
    sal: ServiceAtLocation, *, full: bool = True, attributes: Iterable[Attribute] = ()
) -> dict[str, Any]:
    """A service at a location: the location and the service, nested (as ORUK's examples show)."""
    return _clean(
        {
            "id": str(sal.id),
            "service_id": str(sal.service_id),
            "location_id": str(sal.location_id),
            "location": location(sal.location, full=full),
            "service": service(sal.service, full=full, attributes=attributes),
        }
    )


def page(*, items: list[dict[str, Any]], total: int, page_number: int, per_page: int) -> dict[str, Any]:
    """The ORUK ``Page`` envelope (ORUK 3.0 ``openapi.json`` ``components.schemas.Page``)."""
    total_pages = max(1, -(-total // per_page)) if per_page else 1
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": per_page,
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "contents": items,
    }


def ownway_extras(svc: Service) -> dict[str, Any]:
    """Ownway's own fields, sent under "ownway" in an export so that it re-imports without loss."""
    tiers = [
        name
        for suits, name in [
            (svc.suits_enablement, "enablement"),
            (svc.suits_personalised, "personalised"),
            (svc.suits_specialist, "specialist"),
        ]
        if suits
    ]
    return _clean(
        {
            "kind": svc.kind,
            "cqc_location_id": svc.cqc_location_id,
            "cqc_rating": svc.cqc_rating,
            "cqc_rating_date": _date(svc.cqc_rating_date),
            "council_vetted_on": _date(svc.council_vetted_on),
            "tiers": tiers,
            "capacity": svc.capacity,
            "transport_provided": svc.transport_provided or None,
            "getting_there": svc.getting_there,
        }
    )
