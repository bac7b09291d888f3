"""The demo city's day-care cohort, kept as placements, gives the strategy's tables back when they are counted
from the records (seed 000, Tables 1 to 6)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from ownway.dayops.demo import SEED_PEOPLE, SEED_SPEND, generate_day_opportunities
from ownway.dayops.figures import NOT_CLASSIFIED, cohort_figures
from ownway.dayops.models import (
    SLOTS,
    Attendance,
    DayService,
    Driver,
    NeedComplexity,
    Placement,
    PlacementTravel,
    ProgressionReview,
    Provision,
    TierDecision,
    TierDecisionStatus,
    Vehicle,
    WaitingListEntry,
)
from ownway.directory.models import Location, ProviderAccount, Service
from ownway.people.demo import calibration as cal
from ownway.people.demo.builder import clear_city, generate_city
from ownway.people.demo.generator import SIZES

PROVISION_OF = {cal.INTERNAL: "internal", cal.EXTERNAL: "external", cal.OTHER_DAY_CARE: "third_sector"}


def _within_quota(counts: Counter[str] | dict[str, int], shares: dict[str, float], total: int) -> None:
    """Each count is its share of the total rounded up or down (the generator's largest remainder)."""
    for key, share in shares.items():
        assert abs(counts.get(key, 0) - total * share) < 1, (key, counts.get(key, 0), total * share)


def _check(people: int) -> None:
    city = generate_city(people=people, seed=2019)
    made = generate_day_opportunities(cohort=city.day_care, seed=2019, as_of=city.as_of)
    figures = cohort_figures(city.as_of)
    cohort = city.day_care

    # Table 1: everyone in the cohort, each once, in the strategy's client groups.
    assert figures.people == len(cohort) == made.placements
    assert abs(figures.people - people * cal.DAY_CARE_TOTAL / cal.OPEN_CASES) < 2
    _within_quota(figures.by_group, cal.shares(cal.DAY_CARE_BY_GROUP), figures.people)
    assert dict(figures.by_group) == dict(Counter(entry.client_group for entry in cohort))
    # Tables 2 and 3: the ethnic groups and ages within each client group.
    for group in cal.CLIENT_GROUPS:
        members = figures.by_group[group]
        ethnic = {e: n for (e, g), n in figures.by_ethnicity.items() if g == group}
        ages = {a: n for (a, g), n in figures.by_age.items() if g == group}
        _within_quota(ethnic, cal.table_2_shares(group), members)
        _within_quota(ages, cal.table_3_shares(group), members)
    # Table 4: people by who runs the service, and the spend of each person a year as the strategy's.
    for provision, seed_people in SEED_PEOPLE.items():
        row = figures.by_provision[provision]
        assert row.people == sum(1 for e in cohort if PROVISION_OF[e.provision] == provision)
        each = Decimal(SEED_SPEND[provision]) / seed_people
        assert abs(row.spend / row.people - each) < 1, provision
        assert row.services >= 1
        assert row.places > row.taken
    _within_quota({p: figures.by_provision[p].people for p in SEED_PEOPLE},
                  cal.shares(SEED_PEOPLE), figures.people)  # fmt: skip
    # Table 5: complexity of need in the council's own services.
    internal = figures.by_provision["internal"].people
    complexity = {("not_classified" if c == NOT_CLASSIFIED else c): n for c, n in figures.internal_complexity.items()}
    _within_quota(complexity, cal.shares(cal.TABLE_5), internal)
    # Table 6: client groups in external services.
    _within_quota(figures.external_groups, cal.shares(cal.TABLE_6), figures.by_provision["external"].people)
    # Over time: people waiting, registers marked in the weeks before the city's date, everyone in a tier.
    assert sum(w.waiting for w in figures.waiting.values()) == made.waiting > 0
    assert figures.attendance[-1].marked > 0
    assert 80 <= figures.attendance[-1].percent <= 95
    assert sum(n for tier, n in figures.tiers_now.items() if tier) == figures.people
    # Some came through Enablement and moved on to community options at its review, in the last year.
    assert figures.tiers_now[""] == made.moved_on > 0
    assert sum(counts["left"] for _, counts in figures.tier_moves) == made.moved_on


def _check_records_hang_together(as_of: dt.date) -> None:
    """What the services would refuse never happens: no session beyond its places, no day the service is
    closed, no one in one session twice; waiting lists only for full sessions; one tier in force each."""
    services = {s.pk: s for s in Service.objects.filter(day_service__isnull=False)}
    taken: Counter[tuple[object, str, str]] = Counter()
    seen: set[tuple[int, str, str]] = set()
    for placement in Placement.objects.filter(status="active"):
        service = services[placement.service_id]
        assert set(placement.day_codes) <= set(service.days.split(","))
        assert placement.session != "evening" or service.has_evening
        assert placement.starts_on <= as_of
        for code in placement.day_codes:
            for slot in SLOTS[placement.session]:
                taken[(placement.service_id, code, slot)] += 1
                assert (placement.person_id, code, slot) not in seen
                seen.add((placement.person_id, code, slot))
    assert all(n <= services[pk].capacity for (pk, _, _), n in taken.items())
    for entry in WaitingListEntry.objects.all():
        assert taken[(entry.service_id, entry.days, entry.session)] == services[entry.service_id].capacity
    current = Counter(TierDecision.objects.filter(status=TierDecisionStatus.CURRENT).values_list("person", flat=True))
    assert set(current.values()) == {1}
    assert not Attendance.objects.filter(date__gt=as_of).exists()
    # Every register can be marked by someone: a provider's own services by its staff.
    for day_service in DayService.objects.exclude(provision=Provision.INTERNAL).select_related("service"):
        assert ProviderAccount.objects.filter(organization_id=day_service.service.organization_id).exists()


@pytest.mark.django_db
def test_a_small_demo_citys_tables_counted_from_its_records_match_the_strategys():
    _check(2_000)
    _check_records_hang_together(dt.date(2026, 3, 31))


@pytest.mark.django_db
def test_the_same_city_gives_the_same_day_services_and_placements():
    city = generate_city(people=400, seed=7)

    def made() -> list[tuple[object, ...]]:
        generate_day_opportunities(cohort=city.day_care, seed=7, as_of=city.as_of)
        rows = list(
            Placement.objects.order_by("person__reference").values_list(
                "person__reference", "service__name", "service__capacity", "days", "session", "starts_on", "funding"
            )
        )
        Attendance.objects.all().delete()
        WaitingListEntry.objects.all().delete()
        PlacementTravel.objects.all().delete()
        Driver.objects.all().delete()
        Vehicle.objects.all().delete()
        Placement.objects.all().delete()
        ProgressionReview.objects.all().delete()
        TierDecision.objects.all().delete()
        NeedComplexity.objects.all().delete()
        DayService.objects.all().delete()
        Service.objects.all().delete()
        Location.objects.all().delete()
        return rows

    first = made()
    assert first
    assert made() == first


@pytest.mark.slow
@pytest.mark.django_db
def test_the_council_sized_demo_citys_tables_are_the_strategys():
    """At Birmingham's size the people counted from the records are the strategy's own figures: 1,540 in day
    care (Table 1), 678 internal and 633 external (Table 4), Tables 5 and 6 exactly, and £17.9m a year."""
    _check(SIZES["council"])
    figures = cohort_figures(dt.date(2026, 3, 31))
    assert figures.people == 1540
    assert dict(figures.by_group) == cal.DAY_CARE_BY_GROUP
    assert figures.by_provision["internal"].people == 678
    assert figures.by_provision["external"].people == 633
    assert figures.total_spend == Decimal("17900000")
    assert {k: v for k, v in figures.internal_complexity.items() if v} == cal.TABLE_5
    assert dict(figures.external_groups) == cal.TABLE_6


@pytest.mark.django_db
def test_the_demos_registers_are_the_weeks_before_its_today_and_clearing_the_city_clears_them():
    """The city is drawn at its date, but the registers are those of the weeks before the day the demo is built,
    as many as at the city's date; clearing the city then removes every day-opportunity record with it."""
    city = generate_city(people=400, seed=11)
    until = dt.date(2026, 12, 4)
    made = generate_day_opportunities(cohort=city.day_care, seed=11, as_of=city.as_of, registers_until=until)
    dates = set(Attendance.objects.values_list("date", flat=True))
    assert made.attendance > 0
    assert max(dates) <= until
    assert min(dates) > until - dt.timedelta(weeks=4)
    assert cohort_figures(until).attendance[-1].marked > 0

    placements, day_services = Placement.objects.count(), DayService.objects.count()
    removed = clear_city()
    assert removed["placements"] == placements > made.placements  # with those of people who moved on
    assert removed["day services"] == day_services == sum(made.services.values())
    assert not Placement.objects.exists()
    assert not Attendance.objects.exists()
    assert not Service.objects.filter(day_service__isnull=False).exists()
    assert not Vehicle.objects.exists()
    assert not Location.objects.exists()
    # The same city can be made again on the cleared database.
    city = generate_city(people=400, seed=11)
    assert generate_day_opportunities(cohort=city.day_care, seed=11, as_of=city.as_of).placements == made.placements
