"""The Open Referral UK 3.0 API: public, read-only, open to every origin.

The nine GET methods of ORUK 3.0 (``openapi.json``; standards.md §6.2) under ``/oruk/``:
``/``, ``/services``, ``/services/{id}``, ``/service_at_locations``, ``/service_at_locations/{id}``,
``/taxonomies``, ``/taxonomies/{id}``, ``/taxonomy_terms`` and ``/taxonomy_terms/{id}``, with the
standard's query parameters and its ``Page`` envelope. No sign-in and no key: the compliance
guidance asks for a public API with ``Access-Control-Allow-Origin: *`` on every response.

Bad parameters get a 400 with ``{"detail": "…"}`` saying what to change; an unknown id a 404. No text field
ever holds an HTML tag (:func:`without_tags`). The root also answers a browser, with a page for people.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import strip_tags

from ownway.core.numbers import NumberError, parse_whole_number, show_number

from . import oruk
from .geocode import locate
from .models import ServiceAtLocation, Taxonomy, TaxonomyTerm
from .rules.schedule import day_code
from .selectors import (
    SAL_RELATED,
    DirectorySearch,
    attributes_for,
    result_page,
    service_at_location_search,
    service_get,
    service_search,
    taxonomies,
    taxonomy_terms,
)

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
#: 200 results a page over 100,000 pages is twenty million: more than any directory holds.
MAX_PAGE = 100_000


class BadParameter(Exception):
    pass


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
    response["Access-Control-Allow-Headers"] = "*"
    return response


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def without_tags(value: Any) -> Any:
    """Every string in ``value`` (a JSON document) with any HTML tag taken out, and a ``<`` that could still start
    one written as ``&lt;``: the last guard that the API never sends a tag, whatever a feed or a form stored."""
    if isinstance(value, str):
        if "<" not in value:
            return value
        return _TAG_START.sub("&lt;", strip_tags(value))
    if isinstance(value, dict):
        return {key: without_tags(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_tags(item) for item in value]
    return value


def oruk_endpoint(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """Public (no sign-in), GET only, JSON out, open CORS, and 400/404 answers as ORUK-style JSON."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _cors(HttpResponse(status=204))
        if request.method not in {"GET", "HEAD"}:
            response: HttpResponse = JsonResponse({"detail": "This API only answers GET"}, status=405)
            response["Allow"] = "GET, OPTIONS"
            return _cors(response)
        try:
            result = view(request, *args, **kwargs)
        except BadParameter as error:
            return _cors(JsonResponse({"detail": str(error)}, status=400))
        if result is None:
            return _cors(JsonResponse({"detail": "Not found"}, status=404))
        return _cors(JsonResponse(without_tags(result), json_dumps_params={"ensure_ascii": False}))

    return login_not_required(wrapper)


def _int(request: HttpRequest, name: str, default: int | None, low: int, high: int) -> int | None:
    """A whole-number parameter from ``low`` to ``high``; anything else (``1e309``, ``NaN``, ``2.5``) is a 400."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        return parse_whole_number(raw, low=low, high=high, subject=name)
    except NumberError:
        raise BadParameter(f"{name} must be a whole number from {show_number(low)} to {show_number(high)}") from None


def _uuid(request: HttpRequest, name: str) -> list[uuid.UUID]:
    values = []
    for raw in request.GET.getlist(name):
        for part in raw.split(","):
            if part.strip():
                try:
                    values.append(uuid.UUID(part.strip()))
                except ValueError:
                    raise BadParameter(f"{name} must be a UUID") from None
    return values


def _time(request: HttpRequest, name: str) -> dt.time | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.time.fromisoformat(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a time like 17:30") from None


def _search(request: HttpRequest, *, with_place: bool) -> DirectorySearch:
    search = DirectorySearch(text=request.GET.get("search", "")[:200])
    search.term_ids = _uuid(request, "taxonomy_term_id")
    taxonomy_ids = _uuid(request, "taxonomy_id")
    search.taxonomy_id = taxonomy_ids[0] if taxonomy_ids else None
    search.minimum_age = _int(request, "minimum_age", None, 0, 150)
    search.maximum_age = _int(request, "maximum_age", None, 0, 150)
    search.start_time = _time(request, "start_time")
    search.end_time = _time(request, "end_time")
    if request.GET.get("day"):
        code = day_code(request.GET["day"])
        if code is None:
            raise BadParameter("day must be a day of the week, like SA or Saturday")
        search.days = [code]
    if with_place and request.GET.get("postcode"):
        point = locate(request.GET["postcode"])
        if point is None:
            raise BadParameter("postcode is not a UK postcode this directory knows")
        search.latitude, search.longitude = point.latitude, point.longitude
        search.sort = "distance"
        proximity = _int(request, "proximity", None, 1, 1_000_000)
        search.within_m = float(proximity) if proximity is not None else None
    elif with_place and request.GET.get("proximity"):
        raise BadParameter("proximity needs a postcode")
    return search


def _paged(
    request: HttpRequest,
    qs: QuerySet[Any],
    render: Callable[[list[Any]], list[dict[str, Any]]],
    select_related: tuple[str, ...] = (),
) -> dict[str, Any]:
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE
    number = _int(request, "page", 1, 1, MAX_PAGE) or 1
    page = result_page(qs, number=number, per_page=per_page, select_related=select_related)
    return oruk.page(items=render(page.items), total=page.total, page_number=number, per_page=per_page)


#: The list endpoints, as the root's page for people names them.
ENDPOINTS = [
    ("oruk:services", "services, with what they offer, when and what they cost"),
    ("oruk:service_at_locations", "services at their locations, nearest first from a postcode"),
    ("oruk:taxonomies", "the taxonomies the directory classifies services by"),
    ("oruk:taxonomy_terms", "the terms of those taxonomies"),
]


def _root(request: HttpRequest) -> dict[str, Any]:
    return {"version": oruk.VERSION, "profile": oruk.PROFILE, "openapi_url": oruk.OPENAPI_URL}


_root_json = oruk_endpoint(_root)


@login_not_required
def root_view(request: HttpRequest) -> HttpResponse:
    """The API's root: JSON for a program (as ORUK 3.0 says), a readable page for a browser that asks for HTML
    before JSON (its ``Accept`` header), with the title, the language and links to the endpoints."""
    if request.method == "GET" and request.get_preferred_type(["application/json", "text/html"]) == "text/html":
        response = render(
            request,
            "directory/oruk_root.html",
            {
                **_root(request),
                "title": "Open Referral UK API",
                "endpoints": [(reverse(name), what) for name, what in ENDPOINTS],
            },
        )
        response["Vary"] = "Accept"
        return _cors(response)
    response = _root_json(request)
    response["Vary"] = "Accept"
    return response


@oruk_endpoint
def services_view(request: HttpRequest) -> dict[str, Any]:
    qs = service_search(search=_search(request, with_place=False))
    return _paged(request, qs, lambda items: [oruk.service(s, full=False) for s in items], ("organization",))


@oruk_endpoint
def service_view(request: HttpRequest, pk: str) -> dict[str, Any] | None:
    try:
        service_id = uuid.UUID(pk)
    except ValueError:
        return None
    service = service_get(service_id=service_id)
    if service is None:
        return None
    return oruk.service(service, attributes=attributes_for(link_ids=[service.pk])[service.pk])


@oruk_endpoint
def service_at_locations_view(request: HttpRequest) -> dict[str, Any]:
    qs = service_at_location_search(search=_search(request, with_place=True))
    return _paged(request, qs, lambda items: [oruk.service_at_location(s, full=False) for s in items], SAL_RELATED)


@oruk_endpoint
def service_at_location_view(request: HttpRequest, pk: str) -> dict[str, Any] | None:
    try:
        sal_id = uuid.UUID(pk)
    except ValueError:
        return None
    sal = ServiceAtLocation.objects.filter(pk=sal_id).select_related("location").first()
    if sal is None:
        return None
    service = service_get(service_id=sal.service_id)
    if service is None:
        return None
    sal.service = service
    return oruk.service_at_location(sal, attributes=attributes_for(link_ids=[service.pk])[service.pk])


@oruk_endpoint
def taxonomies_view(request: HttpRequest) -> dict[str, Any]:
    return _paged(request, taxonomies(), lambda items: [oruk.taxonomy(t) for t in items])


@oruk_endpoint
def taxonomy_view(request: HttpRequest, pk: str) -> dict[str, Any] | None:
    try:
        taxonomy = Taxonomy.objects.filter(pk=uuid.UUID(pk)).prefetch_related("terms__taxonomy").first()
    except ValueError:
        return None
    return oruk.taxonomy(taxonomy, with_terms=True) if taxonomy else None


@oruk_endpoint
def taxonomy_terms_view(request: HttpRequest) -> dict[str, Any]:
    return _paged(request, taxonomy_terms(), lambda items: [oruk.taxonomy_term(t) for t in items], ("taxonomy",))


@oruk_endpoint
def taxonomy_term_view(request: HttpRequest, pk: str) -> dict[str, Any] | None:
    try:
        term = TaxonomyTerm.objects.filter(pk=uuid.UUID(pk)).select_related("taxonomy").first()
    except ValueError:
        return None
    return oruk.taxonomy_term(term) if term else None
