"""Reading the directory: search for citizens, staff and the Open Referral UK API, and each entry.

Directory entries are public information, so searching and reading them needs no user. What is not
public (proposed changes, shortlists for a person, the personal assistants' contact details) is read
through selectors that take the user and follow :mod:`.permissions`.

**Distance in the database.** A search near a postcode first keeps only locations inside a
latitude/longitude box around the postcode's centre (:func:`.rules.geo.bounding_box`, which an index
on ``(latitude, longitude)`` serves), then works out each remaining location's great-circle distance
with the haversine formula written as an SQL expression (the same formula as
:func:`.rules.geo.haversine_m`), filters on it and sorts by it. The same expression runs on
PostgreSQL and on SQLite (where Django supplies the maths functions), so it needs no PostGIS; a
council with PostGIS could swap the expression for ``ST_DWithin`` without changing callers.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import ASin, Concat, Cos, Power, Radians, Sin, Sqrt
from django.http import Http404

from ownway.accounts.audit import audit_shown
from ownway.accounts.models import User
from ownway.core.names import name_filter
from ownway.people.models import Person
from ownway.people.permissions import PersonAction
from ownway.people.permissions import user_can_for as person_user_can_for
from ownway.people.selectors import person_get_for_user

from . import events, fulltext
from .models import (
    Accessibility,
    Address,
    Attribute,
    ChangeStatus,
    Contact,
    CostOption,
    Feature,
    Funding,
    Language,
    PersonalAssistant,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceChange,
    ServiceStatus,
    Shortlist,
    Taxonomy,
    TaxonomyTerm,
)
from .permissions import DirectoryAction, editable_services, user_can
from .rules.geo import EARTH_RADIUS_M, bounding_box, haversine_m
from .rules.schedule import WEEKEND

_WORD = re.compile(r"[\w']+")


@dataclass
class DirectorySearch:
    """What someone is looking for. Every part is optional; together they narrow the results."""

    text: str = ""
    #: Taxonomy term ids: a service must carry at least one of them (ORUK ``taxonomy_term_id``).
    term_ids: list[uuid.UUID] = field(default_factory=list)
    #: Interests and client groups, by term id: a service must match one in each list given.
    interest_ids: list[uuid.UUID] = field(default_factory=list)
    client_group_ids: list[uuid.UUID] = field(default_factory=list)
    taxonomy_id: uuid.UUID | None = None
    #: Centre and radius for "near me".
    latitude: float | None = None
    longitude: float | None = None
    within_m: float | None = None
    #: Two-letter iCalendar days: a session on any of them.
    days: list[str] = field(default_factory=list)
    evenings: bool = False
    weekends: bool = False
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    #: ORUK's minimum_age / maximum_age (see :func:`_age_filter`).
    minimum_age: int | None = None
    maximum_age: int | None = None
    #: The age of the person looking: the service's age limits must include it.
    age: int | None = None
    features: list[str] = field(default_factory=list)
    max_cost: Decimal | None = None
    free_only: bool = False
    kind: str = ""
    sort: str = "relevance"  # or "distance"

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in _WORD.findall(self.text)][:8]

    @property
    def near(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _distance_expression(lat: float, lon: float) -> Any:
    """Haversine distance in metres from (lat, lon) to the row's ``latitude`` and ``longitude``, as SQL."""
    lat1 = Radians(Value(lat))
    lat2 = Radians(F("latitude"))
    d_lat = Radians(F("latitude") - Value(lat))
    d_lon = Radians(F("longitude") - Value(lon))
    a = Power(Sin(d_lat / 2), 2) + Cos(lat1) * Cos(lat2) * Power(Sin(d_lon / 2), 2)
    return ExpressionWrapper(2 * EARTH_RADIUS_M * ASin(Sqrt(a)), output_field=FloatField())


def _day_filter(search: DirectorySearch, prefix: str) -> Q:
    """Days, evenings and weekends, on the service's kept-in-step ``days`` and ``has_evening`` columns.

    Within a group the choices widen the search, across groups they narrow it: "evenings" and "weekends" together
    find services that run in the evening *or* at the weekend; days chosen as well keep those that also run on
    one of the days."""
    q = Q()
    if search.days:
        any_day = Q()
        for day in search.days:
            any_day |= Q(**{f"{prefix}days__contains": day})
        q &= any_day
    when = Q()
    if search.weekends:
        for day in sorted(WEEKEND):
            when |= Q(**{f"{prefix}days__contains": day})
    if search.evenings:
        when |= Q(**{f"{prefix}has_evening": True})
    return q & when


def _time_filter(search: DirectorySearch) -> Q | None:
    """ORUK's start_time and end_time, on the sessions themselves."""
    if search.start_time is None and search.end_time is None:
        return None
    q = Q()
    if search.start_time is not None:
        q &= Q(opens_at__gte=search.start_time)
    if search.end_time is not None:
        q &= Q(closes_at__lte=search.end_time)
    return q


def _age_filter(search: DirectorySearch, prefix: str) -> Q:
    """Ages. ORUK's parameters, in the standard's words: ``minimum_age`` returns "services with a minimum
    age of at least the specified value", ``maximum_age`` those "with a maximum age at or below" it.
    ``age`` (Ownway's own) keeps services whose limits include the person's age."""
    q = Q()
    if search.minimum_age is not None:
        q &= Q(**{f"{prefix}minimum_age__gte": search.minimum_age})
    if search.maximum_age is not None:
        q &= Q(**{f"{prefix}maximum_age__lte": search.maximum_age})
    if search.age is not None:
        q &= Q(**{f"{prefix}minimum_age__isnull": True}) | Q(**{f"{prefix}minimum_age__lte": search.age})
        q &= Q(**{f"{prefix}maximum_age__isnull": True}) | Q(**{f"{prefix}maximum_age__gte": search.age})
    return q


def _services_with_terms(ids: list[uuid.UUID]) -> QuerySet[Any]:
    """The ids of services carrying any of the taxonomy terms (read once, from the attributes' index)."""
    return Attribute.objects.filter(link_type="service", taxonomy_term_id__in=ids).values("link_id")


def _services_in_taxonomy(taxonomy_id: uuid.UUID) -> QuerySet[Any]:
    return Attribute.objects.filter(link_type="service", taxonomy_term__taxonomy_id=taxonomy_id).values("link_id")


def _term_filter(ids: list[uuid.UUID]) -> Q:
    q = Q()
    for term in ids:
        q |= Q(terms__contains=f" {term} ")
    return q


def service_at_location_search(*, search: DirectorySearch) -> QuerySet[ServiceAtLocation]:
    """Services at their locations matching the search, nearest first (ORUK ``/service_at_locations``).

    The search reads the search columns of ``ServiceAtLocation`` (copies of the service's and the
    location's details kept in step by the services): a position box from the index, then days, costs,
    ages, features (a bit mask) and taxonomy terms within each row; words through the services' full-text
    index (:mod:`.fulltext`). Each row carries ``distance_m`` (None without a place). Use
    :func:`result_page` to read a page of it with the related service and location. Services offered at
    no location are not here (ORUK's service-at-location is a service *at a location*): the directory's
    own search is :func:`service_search`.
    """
    qs = ServiceAtLocation.objects.filter(status=ServiceStatus.ACTIVE)
    if search.words:
        qs = qs.filter(service_id__in=fulltext.matching_ids(search.words))
    for ids in (search.term_ids, search.interest_ids, search.client_group_ids):
        if ids:
            qs = qs.filter(_term_filter(ids))
    if search.taxonomy_id is not None:
        qs = qs.filter(service_id__in=_services_in_taxonomy(search.taxonomy_id))
    qs = qs.filter(_age_filter(search, ""), _day_filter(search, ""))
    if search.free_only:
        qs = qs.filter(is_free=True)
    if search.max_cost is not None:
        qs = qs.filter(cost_from__lte=search.max_cost)
    if search.kind:
        qs = qs.filter(kind=search.kind)
    if search.features:
        mask = 0
        for feature in search.features:
            mask |= Feature.bit(feature)
        qs = qs.annotate(feature_match=F("features").bitand(mask)).filter(feature_match=mask)
    time_q = _time_filter(search)
    if time_q is not None:
        qs = qs.filter(
            Exists(
                Schedule.objects.filter(time_q).filter(
                    Q(service_id=OuterRef("service_id")) | Q(service_at_location_id=OuterRef("pk"))
                )
            )
        )
    qs = qs.annotate(relevance=Value(0))
    if search.near:
        assert search.latitude is not None
        assert search.longitude is not None
        qs = qs.filter(latitude__isnull=False, longitude__isnull=False)
        if search.within_m is not None:
            box = bounding_box(search.latitude, search.longitude, search.within_m)
            qs = qs.filter(latitude__range=(box.min_lat, box.max_lat), longitude__range=(box.min_lon, box.max_lon))
        qs = qs.annotate(distance_m=_distance_expression(search.latitude, search.longitude))
        if search.within_m is not None:
            qs = qs.filter(distance_m__lte=search.within_m)
        if search.sort == "distance" or not search.words:
            return qs.order_by("distance_m", "name", "pk")
        return qs.order_by("-relevance", "distance_m", "name", "pk")
    qs = qs.annotate(distance_m=Value(None, output_field=FloatField()))
    return qs.order_by("-relevance", "name", "pk")


@dataclass
class ResultPage:
    """One page of results and how many there are in all, read in one query."""

    items: list[Any]
    total: int
    number: int
    per_page: int
    #: Whether there are more results than ``total`` (the count stopped at its limit).
    more: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.more or self.number < self.num_pages


SAL_RELATED = ("service", "service__organization", "location")


def result_page(
    qs: QuerySet[Any] | Sequence[QuerySet[Any]],
    *,
    number: int,
    per_page: int,
    select_related: Sequence[str] = (),
    prefetch_related: Sequence[Any] = (),
    count_limit: int | None = None,
) -> ResultPage:
    """A page of a search: the ids, the total, then the page's objects.

    On PostgreSQL the search query returns only the page's ids and distances, sorted and limited, so the
    database ranks and sorts with a bounded top-N and never works out every matching row's rank or distance
    for nothing; the total is a plain count of the same search with no order (which Django reduces to the
    filters, without the rank or the distances), skipped when the page is not full (so a search that finds
    nothing asks once). On SQLite the total is a window count in the page's own query (see below). The page's
    objects and their related rows are read afterwards by primary key.

    A search in groups (:func:`service_search_groups`) is a list of querysets whose results follow one another
    (those of the first group, then those of the second...): see :func:`_grouped_rows`.

    With ``count_limit`` the count stops that many results past the page's start (a page of people reads "more
    than 1,000 results" rather than waiting for the database to count 30,000 matches of a common word): the
    page's ``more`` says so, and its ``total`` is then the limit.
    """
    groups = [qs] if isinstance(qs, QuerySet) else list(qs)
    first = groups[0]
    number = max(1, number)
    start = (number - 1) * per_page
    # What the order reads is selected too, so that SQLite's full-text rank is worked out beside the match.
    shown: list[str] = [name for name in ("distance_m", "relevance", "anywhere") if name in first.query.annotations]
    if len(groups) > 1:
        rows, total, more = _grouped_rows(groups, shown, start=start, per_page=per_page, count_limit=count_limit)
    else:
        rows, total, more = _rows(first, shown, start=start, per_page=per_page, count_limit=count_limit)
    loader = first.model.objects.all()
    if select_related:
        loader = loader.select_related(*select_related)
    objects = loader.prefetch_related(*prefetch_related).in_bulk([row["pk"] for row in rows])
    items = []
    for row in rows:
        item = objects[row["pk"]]
        item.distance_m = row.get("distance_m")
        for name in shown:
            setattr(item, name, row[name])
        items.append(item)
    return ResultPage(items=items, total=total, number=number, per_page=per_page, more=more)


def _rows(
    qs: QuerySet[Any], shown: list[str], *, start: int, per_page: int, count_limit: int | None
) -> tuple[list[dict[str, Any]], int, bool]:
    """The page's rows of one search, how many results there are and whether there are more (see result_page)."""
    more = False
    if connections[qs.db].vendor == "sqlite":
        # SQLite works out the full-text rank and the distances beside the match whatever the limit, so a window
        # count in the same pass costs less than a second pass to count (on the 50,000-service benchmark, same
        # machine state: p95 91 ms with it, 114 ms with a separate count).
        counted = qs.annotate(total_rows=Window(Count("pk")))
        rows = list(counted.values("pk", "total_rows", *shown)[start : start + per_page])
        total = rows[0]["total_rows"] if rows else (qs.order_by().count() if start > 0 else 0)
        # A page that is not full shows the last results: its total is exact, as on PostgreSQL.
        if count_limit is not None and total > start + count_limit and len(rows) == per_page:
            total, more = start + count_limit, True
        return rows, total, more
    rows = list(qs.values("pk", *shown)[start : start + per_page])
    if (rows or start == 0) and len(rows) < per_page:
        total = start + len(rows)
    elif count_limit is None:
        total = qs.order_by().count()
    else:
        ceiling = start + count_limit
        total = qs.order_by().values("pk")[: ceiling + 1].count()
        more = total > ceiling
        total = min(total, ceiling)
    return rows, total, more


def _grouped_rows(
    groups: list[QuerySet[Any]], shown: list[str], *, start: int, per_page: int, count_limit: int | None
) -> tuple[list[dict[str, Any]], int, bool]:
    """The page's rows of a search in groups, how many results there are and whether there are more.

    The results are those of each group in turn, each group in its own order. Each group is asked for the rows
    that the groups before it left short of the end of the page, from its start, and a group after groups that
    reach the end is not read at all, only counted. So a search near a postcode reads its top places and, only
    when they do not fill the page, the services offered anywhere: the database never sorts every service offered
    anywhere to show a page of places. A group that gave fewer rows than it was asked for needs no count.
    """
    wanted = start + per_page
    rows: list[dict[str, Any]] = []
    counts: list[int | None] = []
    for group in groups:
        asked = wanted - len(rows)
        found = list(group.values("pk", *shown)[:asked]) if asked > 0 else []
        rows.extend(found)
        counts.append(len(found) if len(found) < asked else None)
    if all(count is not None for count in counts):
        # Every result has been read: the total is exact.
        return rows[start:wanted], sum(count for count in counts if count is not None), False
    ceiling = None if count_limit is None else start + count_limit
    total = 0
    for group, count in zip(groups, counts, strict=True):
        if count is not None:
            total += count
        elif ceiling is None:
            total += group.order_by().count()
        elif total <= ceiling:
            total += group.order_by().values("pk")[: ceiling + 1 - total].count()
    more = ceiling is not None and total > ceiling
    if ceiling is not None:
        total = min(total, ceiling)
    return rows[start:wanted], total, more


def _places(search: DirectorySearch) -> QuerySet[Any] | None:
    """The services' locations that a search's place and access features allow, or None if it names neither."""
    if not search.near and not search.features:
        return None
    places: QuerySet[Any] = ServiceAtLocation.objects.all()
    if search.features:
        mask = 0
        for feature in search.features:
            mask |= Feature.bit(feature)
        places = places.annotate(feature_match=F("features").bitand(mask)).filter(feature_match=mask)
    if search.near:
        assert search.latitude is not None
        assert search.longitude is not None
        places = places.filter(latitude__isnull=False, longitude__isnull=False)
        if search.within_m is not None:
            box = bounding_box(search.latitude, search.longitude, search.within_m)
            places = places.filter(
                latitude__range=(box.min_lat, box.max_lat), longitude__range=(box.min_lon, box.max_lon)
            )
        places = places.annotate(distance_m=_distance_expression(search.latitude, search.longitude))
        if search.within_m is not None:
            places = places.filter(distance_m__lte=search.within_m)
    return places


def service_search(*, search: DirectorySearch) -> QuerySet[Service]:
    """Active services matching the search, best first: the directory's search page, the shortlist's and ORUK's
    ``/services``. Each carries ``relevance``, ``distance_m`` (to its nearest location that matches, or None)
    and ``anywhere`` (1 for a service offered at no known place, when the search is near a postcode).

    * **Words** are found whole and stemmed, in the name, description, organisation, interests, who it is for
      and languages, and ranked (:mod:`.fulltext`); a name that is exactly the words typed comes first.
    * **Everything findable**: a service offered at no location (online, by phone, outreach, or a feed that
      gave no venue) is found by words, interests, who it is for, days and times, ages and cost like any
      other. A search near a postcode lists the services with a place within the distance (nearest or best
      first), then those offered at no known place; access features belong to a place, so a search by them
      keeps only services with a place that has them.
    * Filters on the service's kept-in-step columns (:func:`.services.service_refresh_search`); places
      through ``ServiceAtLocation``'s search columns and its position index.
    """
    return _service_search(search, grouped=False)[0]


def service_search_groups(*, search: DirectorySearch) -> list[QuerySet[Service]]:
    """The same search as :func:`service_search`, for :func:`result_page`, in the groups that its results follow.

    On PostgreSQL, near a postcode (with no access features asked for): the service named exactly as the words,
    the services with a place within the distance, then those offered at no known place; otherwise one group. A
    page of places nearby then never sorts every service offered anywhere (half of a real directory, when no words
    are given) to find that none of them is on it (on the 50,000-service benchmark's database, the same 300
    searches in turn: p95 99 ms in groups against 129 ms in one query, and the same results). SQLite works out
    the full-text rank and the distances beside the match whatever the limit, so there one query with its window
    count is quicker (10,000 services, 100 searches: p95 87 ms in one query against 184 ms in groups), and the
    search is one group."""
    return _service_search(search, grouped=connections[Service.objects.db].vendor == "postgresql")


def _service_search(search: DirectorySearch, *, grouped: bool) -> list[QuerySet[Service]]:
    qs: QuerySet[Any] = fulltext.matching(Service.objects.filter(status=ServiceStatus.ACTIVE), search.words)
    for ids in (search.term_ids, search.interest_ids, search.client_group_ids):
        if ids:
            qs = qs.filter(pk__in=_services_with_terms(ids))
    if search.taxonomy_id is not None:
        qs = qs.filter(pk__in=_services_in_taxonomy(search.taxonomy_id))
    qs = qs.filter(_age_filter(search, ""), _day_filter(search, ""))
    if search.free_only:
        qs = qs.filter(is_free=True)
    if search.max_cost is not None:
        qs = qs.filter(cost_from__lte=search.max_cost)
    if search.kind:
        qs = qs.filter(kind=search.kind)
    time_q = _time_filter(search)
    if time_q is not None:
        qs = qs.filter(
            Exists(
                Schedule.objects.filter(time_q).filter(
                    Q(service_id=OuterRef("pk")) | Q(service_at_location__service_id=OuterRef("pk"))
                )
            )
        )
    text = " ".join(search.text.split())
    exact = (
        Case(When(name__iexact=text, then=Value(1)), default=Value(0), output_field=IntegerField())
        if search.words
        else Value(0, output_field=IntegerField())
    )
    qs = qs.annotate(exact=exact)
    places = _places(search)
    if places is None or not search.near:
        if places is not None:
            qs = qs.filter(pk__in=places.values("service_id"))
        qs = qs.annotate(
            distance_m=Value(None, output_field=FloatField()), anywhere=Value(0, output_field=IntegerField())
        )
        return [qs.order_by("-exact", "-relevance", "name", "pk")]
    if search.sort == "distance" or not search.words:
        order = ("-exact", "anywhere", "distance_m", "-relevance", "name", "pk")
    else:
        order = ("-exact", "anywhere", "-relevance", "distance_m", "name", "pk")
    matched = places.values("service_id")
    nearest = Subquery(places.filter(service_id=OuterRef("pk")).order_by("distance_m").values("distance_m")[:1])
    if grouped and not search.features:
        return _near_groups(qs, search, text, order[1:], matched, nearest)
    # Access features belong to a place, so a search by them keeps only services with a place that has them.
    qs = qs.filter(pk__in=matched) if search.features else qs.filter(Q(pk__in=matched) | Q(has_location=False))
    qs = qs.annotate(
        anywhere=Case(When(has_location=False, then=Value(1)), default=Value(0), output_field=IntegerField()),
        distance_m=Case(When(has_location=False, then=Value(None)), default=nearest, output_field=FloatField()),
    )
    return [qs.order_by(*order)]


def _near_groups(
    qs: QuerySet[Any], search: DirectorySearch, text: str, order: Sequence[str], matched: Any, nearest: Any
) -> list[QuerySet[Service]]:
    """A search near a postcode in the groups its results follow: the services named exactly as the words typed
    (the search page's index on the name finds them at once), the other services with a place within the
    distance, then the other services offered at no known place. Each group without the others' sort keys, so
    that the database orders the places within the distance alone."""
    groups = []
    if search.words:
        groups.append(
            qs.filter(name__iexact=text)
            .filter(Q(pk__in=matched) | Q(has_location=False))
            .annotate(
                anywhere=Case(When(has_location=False, then=Value(1)), default=Value(0), output_field=IntegerField()),
                distance_m=Case(When(has_location=False, then=Value(None)), default=nearest, output_field=FloatField()),
            )
            .order_by(*order)
        )
        qs = qs.exclude(name__iexact=text)
    located = qs.filter(has_location=True, pk__in=matched).annotate(
        anywhere=Value(0, output_field=IntegerField()), distance_m=ExpressionWrapper(nearest, FloatField())
    )
    anywhere = qs.filter(has_location=False).annotate(
        anywhere=Value(1, output_field=IntegerField()), distance_m=Value(None, output_field=FloatField())
    )
    return [*groups, located.order_by(*order), anywhere.order_by(*order)]


#: What :func:`nearest_place` reads with a page of services: their places and each place's access features.
PLACES_PREFETCH = [
    Prefetch(
        "service_at_locations",
        queryset=ServiceAtLocation.objects.select_related("location").order_by("location__name", "pk"),
    ),
    Prefetch("service_at_locations__location__accessibility", queryset=Accessibility.objects.order_by("feature")),
]


def nearest_place(service: Service, search: DirectorySearch | None) -> ServiceAtLocation | None:
    """Where a search result is shown: the place nearest the search's postcode (among those with the access
    features asked for), or the service's first place; None for a service offered at no location. Reads the
    places prefetched with :data:`PLACES_PREFETCH`."""
    places = list(service.service_at_locations.all())
    if search is not None and search.features:
        wanted = set(search.features)
        places = [p for p in places if wanted <= {a.feature for a in p.location.accessibility.all()}] or places
    if not places:
        return None
    if search is not None and search.near:
        lat, lon = search.latitude, search.longitude
        assert lat is not None
        assert lon is not None

        def away(sal: ServiceAtLocation) -> float:
            here = sal.location
            if here.latitude is None or here.longitude is None:
                return float("inf")
            return haversine_m(lat, lon, here.latitude, here.longitude)

        return min(places, key=away)
    return places[0]


def service_get(*, service_id: uuid.UUID) -> Service | None:
    """One entry, with everything its page and the ORUK API show, or None."""
    return (
        Service.objects.select_related("organization")
        .prefetch_related(
            "schedules",
            "cost_options",
            "languages",
            "funding",
            "service_areas",
            "contacts__phones",
            "service_at_locations__location__addresses",
            "service_at_locations__location__accessibility",
            "service_at_locations__schedules",
        )
        .filter(pk=service_id)
        .first()
    )


def attributes_for(*, link_ids: list[uuid.UUID], link_type: str = "service") -> dict[uuid.UUID, list[Attribute]]:
    """Taxonomy terms applied to each of the entities, in one query."""
    result: dict[uuid.UUID, list[Attribute]] = {i: [] for i in link_ids}
    rows = Attribute.objects.filter(link_type=link_type, link_id__in=link_ids).select_related("taxonomy_term__taxonomy")
    for row in rows:
        result.setdefault(row.link_id, []).append(row)
    return result


def terms_of(*, taxonomy_name: str) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy__name=taxonomy_name).order_by("name")


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "pk")


def taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "pk")


def services_for_provider(*, user: User) -> QuerySet[Service]:
    """A provider's own services, for its self-service pages."""
    return editable_services(user).order_by("name")


def changes_to_review_for_user(*, user: User) -> QuerySet[ServiceChange]:
    if not user_can(user, DirectoryAction.REVIEW_CHANGE):
        return ServiceChange.objects.none()
    return (
        ServiceChange.objects.filter(status=ChangeStatus.PENDING)
        .select_related("service", "service__organization", "submitted_by")
        .order_by("submitted_at")
    )


def change_get_for_user(*, user: User, change_id: int) -> ServiceChange | None:
    change = (
        ServiceChange.objects.select_related("service", "service__organization", "submitted_by")
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        return None
    if user_can(user, DirectoryAction.REVIEW_CHANGE):
        return change
    if editable_services(user).filter(pk=change.service_id).exists():
        return change
    return None


def feed_conflicts_open(*, feed: Any, limit: int) -> list[tuple[Service, dict[str, Any]]]:
    """The conflicts a broker has still to resolve between changes made here and a feed (each service of the feed
    and one of its fields: :attr:`.models.Service.feed_conflicts`), at most ``limit``, by service name."""
    services = Service.objects.filter(feed_source=feed.source).exclude(feed_conflicts=[]).order_by("name", "pk")[:limit]
    found = [(s, c) for s in services for c in s.feed_conflicts or [] if isinstance(c, dict) and c.get("field")]
    return found[:limit]


def stale_services(*, today: dt.date) -> QuerySet[Service]:
    """Active entries whose details were last checked more than three months ago, or never (see rules.assurance)."""
    from ownway.core.dates import add_months

    from .rules.assurance import MONTHS

    cutoff = add_months(today, -MONTHS)
    return Service.objects.filter(status=ServiceStatus.ACTIVE).filter(
        Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff)
    )


def shortlists_for_person(*, user: User, person: Person) -> QuerySet[Shortlist]:
    """A person's shortlists, for someone who may see the person's record and broker services."""
    if not user_can(user, DirectoryAction.BROKER) or not person_user_can_for(user, PersonAction.VIEW, person):
        return Shortlist.objects.none()
    return (
        Shortlist.objects.filter(person=person)
        .select_related("chosen", "created_by")
        .prefetch_related("entries__service__organization")
    )


def shortlist_get_for_user(*, user: User, pk: int) -> tuple[Shortlist, Person]:
    """A shortlist and the person it is for, found through the person: for someone who brokers services and may
    open the person's record (the opening, or the refusal, is audited as the record's are)."""
    if not user_can(user, DirectoryAction.BROKER):
        raise PermissionDenied("You cannot shortlist services")
    shortlist = Shortlist.objects.filter(pk=pk).first()
    if shortlist is None:
        raise Http404("No such shortlist")
    person = person_get_for_user(user=user, pk=shortlist.person_id)
    shortlist.person = person
    return shortlist, person


def directory_export() -> dict[str, Any]:
    """The whole directory as ORUK 3.0 JSON: every service fully nested, and every taxonomy with its terms."""
    from . import oruk

    services = list(
        Service.objects.select_related("organization")
        # Children in a fixed order (by id), so the same directory always exports the same document.
        .prefetch_related(
            *(
                Prefetch(path, queryset=model.objects.order_by("pk"))
                for path, model in (
                    ("schedules", Schedule),
                    ("cost_options", CostOption),
                    ("languages", Language),
                    ("funding", Funding),
                    ("service_areas", ServiceArea),
                    ("contacts", Contact),
                    ("contacts__phones", Phone),
                    ("service_at_locations", ServiceAtLocation),
                    ("service_at_locations__location__addresses", Address),
                    ("service_at_locations__location__accessibility", Accessibility),
                    ("service_at_locations__schedules", Schedule),
                )
            )
        )
        .order_by("name", "pk")
    )
    attributes = attributes_for(link_ids=[s.pk for s in services])
    result = []
    for service in services:
        data = oruk.service(service, attributes=attributes.get(service.pk, []))
        data["ownway"] = oruk.ownway_extras(service)
        result.append(data)
    return {
        "version": oruk.VERSION,
        "services": result,
        "taxonomies": [oruk.taxonomy(t, with_terms=True) for t in Taxonomy.objects.prefetch_related("terms__taxonomy")],
    }


def personal_assistants_for_user(*, user: User, area: str = "", query: str = "") -> QuerySet[PersonalAssistant]:
    """The register of personal assistants who consent to be listed, for council staff who broker support. Show
    them through :func:`personal_assistants_shown`.

    ``area`` (a postcode district like "B13") keeps those who work there; ``query`` those whose name each of its
    words begins, whatever the accents or case (:mod:`ownway.core.names`).
    """
    if not user.is_authenticated or not user.is_council_staff or user.role == "commissioner":
        return PersonalAssistant.objects.none()
    qs = PersonalAssistant.objects.filter(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True).filter(
        name_filter("search_name", query)
    )
    district = area.strip().upper()
    if district:
        qs = qs.annotate(padded_areas=Concat(Value(", "), "areas", Value(","))).filter(
            padded_areas__contains=f", {district},"
        )
    return qs.order_by("name")


#: A postcode district ("B13", "SW1A"), a postcode area ("B", "LS") and a full postcode ("B13 9AB").
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_POSTCODE_AREA = re.compile(r"^[A-Z]{1,2}$")
_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?) ?[0-9][A-Z]{2}$")


#: Asked whether a person (by id) has a direct payment being paid now. The payments app, above this one, says so
#: (``PaymentsConfig.ready``); with none registered, no one has.
_direct_payment_checks: list[Callable[[int], bool]] = []


def direct_payment_check_register(check: Callable[[int], bool]) -> None:
    """Tell the directory how to ask whether a person has a direct payment being paid now."""
    if check not in _direct_payment_checks:
        _direct_payment_checks.append(check)


def holds_direct_payment(user: User) -> bool:
    """Whether a citizen's own record has a direct payment being paid now: who may employ a personal
    assistant with it (Care Act 2014 s.31-33; Care and Support (Direct Payments) Regulations 2014)."""
    if not user_can(user, DirectoryAction.FIND_ASSISTANT) or user.person_id is None:
        return False
    person_id = user.person_id
    return any(check(person_id) for check in _direct_payment_checks)


def assistants_for_employer(
    *, user: User, area: str = "", skills: str = "", language: str = "", availability: str = ""
) -> QuerySet[PersonalAssistant]:
    """The personal assistants a person with a direct payment may contact, only those who agreed to be listed
    (UK GDPR art. 6(1)(a)). Show them through :func:`personal_assistants_shown`.

    ``area`` is a postcode district ("B13"), a postcode area ("B": every district in it) or a full postcode
    (its district); ``skills``, ``language`` and ``availability`` keep those whose own words contain each word
    typed, whatever the case.
    """
    if not holds_direct_payment(user):
        return PersonalAssistant.objects.none()
    qs = PersonalAssistant.objects.filter(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True)
    place = " ".join(area.upper().split())
    if match := _FULL_POSTCODE.match(place):
        place = match.group(1)
    if place:
        padded = qs.annotate(padded_areas=Concat(Value(", "), "areas", Value(",")))
        if _DISTRICT.match(place):
            qs = padded.filter(padded_areas__contains=f", {place},")
        elif _POSTCODE_AREA.match(place):
            qs = padded.filter(padded_areas__regex=rf", {place}[0-9]")
        else:
            return PersonalAssistant.objects.none()
    for column, text in (("skills", skills), ("languages", language), ("availability", availability)):
        for word in text.split()[:10]:
            qs = qs.filter(**{f"{column}__icontains": word})
    return qs.order_by("name")


def personal_assistants_shown(*, user: User, assistants: list[PersonalAssistant], area: str = "") -> None:
    """Write each personal assistant on a page of the register to the audit trail."""
    with transaction.atomic():
        audit_shown(
            actor=user, action=events.PA_REGISTER_VIEWED, shown=[(pa, None) for pa in assistants], new={"area": area}
        )


def chosen_services_for_person(*, user: User, person: Person) -> list[Shortlist]:
    """The services a person chose through brokerage, latest first: what their support plan draws on."""
    return [s for s in shortlists_for_person(user=user, person=person) if s.chosen_id is not None]
