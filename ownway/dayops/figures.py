"""The commissioner's tables of the day-care cohort, counted from the records.

Birmingham's draft day opportunities strategy (seed 000, "Activity within Adult Social Care in Birmingham" and
"Financial Overview") describes the people in day care in six tables. Each is counted here from the placements
in force on a day, never from what made them:

* Table 1: people by client group (older adults, learning disabilities, mental health, physical disability);
* Table 2: by ethnic group within each client group (the ``group`` of each ethnicity code);
* Table 3: by age band (18 to 34, 35 to 49, 50 to 64, 65 to 79, 80 and over) within each client group;
* Table 4: people, places and spend a year by who runs the service (internal, external, third sector);
* Table 5: people in internal services by the complexity of their need (moderate, substantial, complex, not
  classified);
* Table 6: people in external services by client group ("primary care need").

A person's client group is the strategy's, from their primary support reason and their age on the day
(``ownway.people.demo.calibration.client_group_for``: learning disability and mental health are their own
groups; anyone else is an older adult from 65, and otherwise in the physical disability group). The people in
the cohort are those with a placement in force on the day (active, started, not ended); each is counted once in
Tables 1 to 3, and once in each kind of service they go to in Tables 4 to 6.

Beside them, over time: places and vacancies this week, waiting lists and how long people have waited,
attendance month by month, and tier decisions month by month (people entering the tiers, moving between them,
staying after a review, and moving on to community options).

The tables name no one and are the same for everyone allowed to see them, so they are kept for a few minutes
(``ownway.core.reporting.figures_cached``) and may be read from a replica.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ownway.accounts.models import User
from ownway.core.dates import add_months
from ownway.core.reporting import figures_cached, reporting_read
from ownway.directory.models import Service
from ownway.people.demo import calibration as cal

from .models import (
    DAY_NAMES,
    SLOTS,
    AbsenceReason,
    Attendance,
    AttendanceStatus,
    Complexity,
    DayService,
    NeedComplexity,
    Placement,
    PlacementStatus,
    Provision,
    Tier,
    TierDecision,
    TierDecisionKind,
    TierDecisionStatus,
    WaitingListEntry,
    WaitingStatus,
)
from .permissions import DayopsAction, user_can

#: Client groups, in the order of the strategy's tables, and a row for people in none (carers, or no support
#: reason recorded).
NOT_RECORDED = "not_recorded"
GROUPS: tuple[str, ...] = (*cal.CLIENT_GROUPS, NOT_RECORDED)
GROUP_LABELS: dict[str, str] = {**cal.CLIENT_GROUP_LABELS, NOT_RECORDED: "No client group recorded"}
#: Table 2's ethnic groups; an ethnicity with no group, or none recorded, is "Other or not known".
ETHNIC_GROUPS = cal.ETHNIC_GROUPS
UNKNOWN_ETHNICITY = "Other or not known"
AGE_BANDS: tuple[str, ...] = tuple(cal.AGE_BANDS)
UNDER_18 = "Under 18"
NOT_CLASSIFIED = "not_classified"
COMPLEXITIES: tuple[str, ...] = (*Complexity.values, NOT_CLASSIFIED)
COMPLEXITY_LABELS: dict[str, str] = {**dict(Complexity.choices), NOT_CLASSIFIED: "Not classified"}
#: A service the council has not said who runs.
UNKNOWN_PROVISION = "unknown"
PROVISIONS: tuple[str, ...] = (*Provision.values, UNKNOWN_PROVISION)
PROVISION_LABELS: dict[str, str] = {**dict(Provision.choices), UNKNOWN_PROVISION: "Not recorded"}
#: How many months the figures over time go back (the month of the day included).
MONTHS = 12


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(age: int) -> str:
    """Table 3's band for an age; the strategy counts adults, so anyone younger is "Under 18"."""
    if age < 18:
        return UNDER_18
    return cal.age_band_for(age)


@dataclass
class ProvisionRow:
    """Table 4's row for one kind of service, with the places its services offer."""

    people: int = 0
    services: int = 0
    #: Places a week: each session's places, over the sessions each service runs in a week.
    places: int = 0
    taken: int = 0
    vacancies: int = 0
    full_sessions: int = 0
    spend: Decimal = Decimal(0)

    @property
    def spend_per_person(self) -> Decimal | None:
        return (self.spend / self.people).quantize(Decimal(1)) if self.people else None


@dataclass
class WaitingRow:
    waiting: int = 0
    median_days: int | None = None
    longest_days: int | None = None


@dataclass
class MonthRow:
    month: dt.date
    marked: int = 0
    attended: int = 0
    absences: Counter[str] = field(default_factory=Counter)

    @property
    def percent(self) -> int | None:
        return round(100 * self.attended / self.marked) if self.marked else None


@dataclass
class CohortFigures:
    """What the commissioner's page shows, counted on ``on``."""

    on: dt.date
    counted_at: dt.datetime
    people: int = 0
    #: Table 1: client group -> people.
    by_group: Counter[str] = field(default_factory=Counter)
    #: Table 2: (ethnic group, client group) -> people.
    by_ethnicity: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Table 3: (age band, client group) -> people.
    by_age: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: Table 4: provision -> its row.
    by_provision: dict[str, ProvisionRow] = field(default_factory=dict)
    #: Table 5: complexity -> people in internal services.
    internal_complexity: Counter[str] = field(default_factory=Counter)
    #: Table 6: client group -> people in external services.
    external_groups: Counter[str] = field(default_factory=Counter)
    waiting: dict[str, WaitingRow] = field(default_factory=dict)
    #: Attendance by month, oldest first.
    attendance: list[MonthRow] = field(default_factory=list)
    #: Tier decisions by month (oldest first): month -> kind -> decisions.
    tier_moves: list[tuple[dt.date, Counter[str]]] = field(default_factory=list)
    #: People in each tier now (by the decisions in force).
    tiers_now: Counter[str] = field(default_factory=Counter)

    def rows_used(self, keys: tuple[str, ...], counts: Counter[str]) -> list[str]:
        """The keys to show: those with anyone in them, and every one but the "not recorded" kind."""
        return [k for k in keys if counts.get(k) or k not in (NOT_RECORDED, UNDER_18, UNKNOWN_PROVISION)]

    @property
    def group_columns(self) -> list[str]:
        return self.rows_used(GROUPS, self.by_group)

    @property
    def age_rows(self) -> list[str]:
        bands = Counter({band: n for (band, _), n in self.by_age.items()})
        return self.rows_used((UNDER_18, *AGE_BANDS), bands)

    @property
    def provisions(self) -> list[str]:
        used = Counter({k: row.people + row.services for k, row in self.by_provision.items()})
        return self.rows_used(PROVISIONS, used)

    @property
    def total_spend(self) -> Decimal:
        return sum((row.spend for row in self.by_provision.values()), Decimal(0))


def _active_on(day: dt.date) -> QuerySet[Placement]:
    """Placements in force on ``day``: active, started and not ended."""
    return Placement.objects.filter(status=PlacementStatus.ACTIVE, starts_on__lte=day).exclude(ends_on__lt=day)


def _months(day: dt.date) -> list[dt.date]:
    first = day.replace(day=1)
    return [add_months(first, -back) for back in range(MONTHS - 1, -1, -1)]


def _people_tables(figures: CohortFigures, day: dt.date) -> None:
    """Tables 1 to 3, 5 and 6, from one read of the placements in force with their people."""
    rows = _active_on(day).values_list(
        "person_id",
        "person__primary_support_reason__code",
        "person__date_of_birth",
        "person__ethnicity__group",
        "service__day_service__provision",
    )
    people: dict[int, tuple[str, str, str]] = {}
    provisions: dict[str, set[int]] = {}
    for person_id, reason, born, ethnic_group, provision in rows:
        if person_id not in people:
            age = age_on(born, day) if born else None
            group = cal.client_group_for(reason or "", age) if reason and age is not None else None
            if reason == "social_support_to_carer" or group is None:
                group = NOT_RECORDED
            band = age_band(age) if age is not None else UNDER_18
            ethnic = ethnic_group if ethnic_group in ETHNIC_GROUPS else UNKNOWN_ETHNICITY
            people[person_id] = (group, band, ethnic)
        provisions.setdefault(provision or UNKNOWN_PROVISION, set()).add(person_id)
    figures.people = len(people)
    for group, band, ethnic in people.values():
        figures.by_group[group] += 1
        figures.by_ethnicity[(ethnic, group)] += 1
        figures.by_age[(band, group)] += 1
    for provision in PROVISIONS:
        figures.by_provision[provision] = ProvisionRow(people=len(provisions.get(provision, ())))
    internal = provisions.get(Provision.INTERNAL, set())
    classified = Counter(
        NeedComplexity.objects.filter(person__in=_active_on(day).filter(
            service__day_service__provision=Provision.INTERNAL).values("person_id")).values_list(
            "complexity", flat=True)
    )  # fmt: skip
    figures.internal_complexity = classified
    figures.internal_complexity[NOT_CLASSIFIED] = len(internal) - sum(classified.values())
    for person_id in provisions.get(Provision.EXTERNAL, ()):
        figures.external_groups[people[person_id][0]] += 1


def _places(figures: CohortFigures, day: dt.date) -> None:
    """Table 4's services, places a week, vacancies and spend. A service's sessions are its open days (every
    day, when its schedule is not known) in the morning and afternoon, and the evening if it runs one; a
    full day takes a morning place and an afternoon place."""
    services = {
        pk: (provision, capacity, days, evening)
        for pk, provision, capacity, days, evening in Service.objects.filter(day_service__isnull=False).values_list(
            "pk", "day_service__provision", "capacity", "days", "has_evening")
    }  # fmt: skip
    week_end = day + dt.timedelta(days=6)
    taken: Counter[tuple[object, str, str]] = Counter()
    placed = (
        Placement.objects.filter(status=PlacementStatus.ACTIVE, starts_on__lte=week_end, service__in=list(services))
        .exclude(ends_on__lt=day)
        .values_list("service_id", "days", "session")
    )
    for service_id, days, session in placed:
        for code in days.split(","):
            for slot in SLOTS[session]:
                taken[(service_id, code, slot)] += 1
    for pk, (provision, capacity, days, evening) in services.items():
        row = figures.by_provision[provision]
        row.services += 1
        if capacity is None:
            continue
        slots = ["morning", "afternoon"] + (["evening"] if evening or not days else [])
        for code in days.split(",") if days else list(DAY_NAMES):
            for slot in slots:
                used = taken[(pk, code, slot)]
                row.places += capacity
                row.taken += min(used, capacity)
                row.vacancies += max(capacity - used, 0)
                row.full_sessions += used >= capacity
    for provision, spend in (
        DayService.objects.values("provision").annotate(spend=Sum("yearly_cost")).values_list("provision", "spend")
    ):
        figures.by_provision[provision].spend = spend or Decimal(0)


def _waiting(figures: CohortFigures, day: dt.date) -> None:
    waits: dict[str, list[int]] = {p: [] for p in PROVISIONS}
    rows = WaitingListEntry.objects.filter(status=WaitingStatus.WAITING, joined_on__lte=day).values_list(
        "service__day_service__provision", "joined_on"
    )
    for provision, joined in rows:
        waits[provision or UNKNOWN_PROVISION].append((day - joined).days)
    for provision, days in waits.items():
        figures.waiting[provision] = WaitingRow(
            waiting=len(days),
            median_days=round(statistics.median(days)) if days else None,
            longest_days=max(days) if days else None,
        )


def _attendance(figures: CohortFigures, day: dt.date) -> None:
    months = _months(day)
    by_month = {m: MonthRow(m) for m in months}
    rows = (
        Attendance.objects.filter(date__gte=months[0], date__lte=day)
        .annotate(month=TruncMonth("date"))
        .values_list("month", "status", "absence_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    for month, status, reason, n in rows:
        month_day = month.date() if isinstance(month, dt.datetime) else month
        row = by_month[month_day]
        row.marked += n
        if status == AttendanceStatus.ATTENDED:
            row.attended += n
        else:
            row.absences[reason] += n
    figures.attendance = [by_month[m] for m in months]


def _tier_moves(figures: CohortFigures, day: dt.date) -> None:
    months = _months(day)
    by_month: dict[dt.date, Counter[str]] = {m: Counter() for m in months}
    rows = (
        TierDecision.objects.filter(decided_on__gte=months[0], decided_on__lte=day)
        .annotate(month=TruncMonth("decided_on"))
        .values_list("month", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for month, kind, n in rows:
        month_day = month.date() if isinstance(month, dt.datetime) else month
        by_month[month_day][kind] += n
    figures.tier_moves = [(m, by_month[m]) for m in months]
    current = TierDecision.objects.filter(status=TierDecisionStatus.CURRENT, decided_on__lte=day)
    figures.tiers_now = Counter(dict(current.values_list("tier").annotate(n=Count("id")).order_by()))


def cohort_figures(day: dt.date) -> CohortFigures:
    """Every table, counted now (no permission check, no cache: for :func:`cohort_figures_for_user`, the
    benchmarks and the tests)."""
    figures = CohortFigures(on=day, counted_at=timezone.now())
    _people_tables(figures, day)
    _places(figures, day)
    _waiting(figures, day)
    _attendance(figures, day)
    _tier_moves(figures, day)
    return figures


@reporting_read
def cohort_figures_for_user(*, user: User, on: dt.date | None = None) -> CohortFigures:
    """The commissioner's tables of the day-care cohort on a day (today by default), kept for a few minutes."""
    if not user_can(user, DayopsAction.FIGURES):
        raise PermissionDenied("You cannot see the day-opportunity figures")
    day = on or timezone.localdate()
    return figures_cached(f"dayops:cohort:{day.isoformat()}", lambda: cohort_figures(day))


#: Tier decision kinds, in the order the tables show them.
MOVES: tuple[str, ...] = tuple(TierDecisionKind.values)
MOVE_LABELS: dict[str, str] = dict(TierDecisionKind.choices)


# --- the tables, as the page and the CSV file show them ------------------------------------------------------


@dataclass
class Table:
    """One table: its caption, column headings, and rows of cells (text, or whole numbers). Columns after the
    first are numbers, except those ``text_columns`` names."""

    name: str
    caption: str
    head: list[str]
    rows: list[list[Any]]
    text_columns: frozenset[int] = frozenset()


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "0.0%"


def _month(day: dt.date) -> str:
    return day.strftime("%B %Y")


def _by_group_table(name: str, caption: str, first: str, keys: list[str], labels: dict[str, str],
                    counts: Counter[tuple[str, str]], groups: list[str], total: int) -> Table:  # fmt: skip
    rows: list[list[Any]] = []
    for key in keys:
        cells = [counts[(key, g)] for g in groups]
        rows.append([labels.get(key, key), *cells, sum(cells), _share(sum(cells), total)])
    sums = [sum(counts[(k, g)] for k in keys) for g in groups]
    rows.append(["Total", *sums, sum(sums), _share(sum(sums), total)])
    return Table(name, caption, [first, *(GROUP_LABELS[g] for g in groups), "Total", "Share"], rows)


def tables(figures: CohortFigures) -> list[Table]:
    """Every table of the commissioner's page, in order (Tables 1 to 6 as the strategy numbers them)."""
    total = figures.people
    groups = figures.group_columns
    out = [
        Table(
            "table_1",
            "Table 1: people in day care by client group",
            ["Client group", "People", "Share"],
            [[GROUP_LABELS[g], figures.by_group[g], _share(figures.by_group[g], total)] for g in groups]
            + [["Total", total, _share(total, total)]],
        ),
        _by_group_table("table_2", "Table 2: people in day care by ethnic group", "Ethnic group",
                        list(ETHNIC_GROUPS), {}, figures.by_ethnicity, groups, total),
        _by_group_table("table_3", "Table 3: people in day care by age", "Age", figures.age_rows, {},
                        figures.by_age, groups, total),
    ]  # fmt: skip
    provision_rows: list[list[Any]] = []
    for key in figures.provisions:
        row = figures.by_provision[key]
        each = row.spend_per_person
        per_person = f"£{each:,.0f}" if each is not None else "No one placed"
        provision_rows.append([PROVISION_LABELS[key], row.people, row.services, row.places, row.vacancies,
                               f"£{row.spend:,.0f}", per_person])  # fmt: skip
    rows4 = list(figures.by_provision.values())
    provision_rows.append(["Total", sum(r.people for r in rows4), sum(r.services for r in rows4),
                           sum(r.places for r in rows4), sum(r.vacancies for r in rows4),
                           f"£{figures.total_spend:,.0f}", ""])  # fmt: skip
    out.append(
        Table(
            "table_4",
            "Table 4: spend and places by who runs the service",
            ["Who runs it", "People", "Services", "Places a week", "Places free this week", "Spend a year",
             "Spend a person a year"],
            provision_rows,
        )
    )  # fmt: skip
    internal = figures.internal_complexity
    out.append(
        Table(
            "table_5",
            "Table 5: complexity of need of the people in internal services",
            ["Complexity of need", "People"],
            [[COMPLEXITY_LABELS[c], internal[c]] for c in COMPLEXITIES] + [["Total", sum(internal.values())]],
        )
    )
    external = figures.external_groups
    out.append(
        Table(
            "table_6",
            "Table 6: client groups of the people in external services",
            ["Primary care need", "People"],
            [[GROUP_LABELS[g], external[g]] for g in GROUPS if g != NOT_RECORDED or external[g]]
            + [["Total", sum(external.values())]],
        )
    )
    out.append(
        Table(
            "waiting",
            "Waiting lists",
            ["Who runs it", "People waiting", "Median wait in days", "Longest wait in days"],
            [
                [PROVISION_LABELS[k], w.waiting, "" if w.median_days is None else w.median_days,
                 "" if w.longest_days is None else w.longest_days]
                for k in figures.provisions
                for w in [figures.waiting[k]]
            ],
        )
    )  # fmt: skip
    reasons = list(AbsenceReason.values)
    reason_labels = dict(AbsenceReason.choices)
    # Two tables, not one of ten columns: each fits the page's width on a laptop without scrolling sideways.
    out.append(
        Table(
            "attendance",
            "Attendance by month",
            ["Month", "Sessions marked", "Attended", "Absent", "Attendance rate"],
            [[_month(m.month), m.marked, m.attended, sum(m.absences.values()),
              "" if m.percent is None else f"{m.percent}%"] for m in figures.attendance],
        )
    )  # fmt: skip
    out.append(
        Table(
            "absences",
            "Absences by month, by reason",
            ["Month", *(reason_labels[r] for r in reasons)],
            [[_month(m.month), *(m.absences[r] for r in reasons)] for m in figures.attendance],
        )
    )
    out.append(
        Table(
            "tier_moves",
            "Tier decisions by month",
            ["Month", *(MOVE_LABELS[k] for k in MOVES), "All decisions"],
            [[_month(m), *(counts[k] for k in MOVES), sum(counts.values())] for m, counts in figures.tier_moves],
        )
    )
    tier_labels = {**dict(Tier.choices), "": "Moved on to community options"}
    out.append(
        Table(
            "tiers_now",
            "People in each tier",
            ["Tier", "People"],
            [[tier_labels[t], figures.tiers_now[t]] for t in (*Tier.values, "")]
            + [["Total", sum(figures.tiers_now.values())]],
        )
    )
    return out


def tables_csv_rows(figures: CohortFigures) -> list[list[Any]]:
    """Every table one after another for a spreadsheet: its caption, its headings, its rows, then a blank line."""
    rows: list[list[Any]] = [[f"Day opportunities on {figures.on.isoformat()}"], []]
    for table in tables(figures):
        rows += [[table.caption], list(table.head), *table.rows, []]
    return rows
