"""The commissioner's tables, each from a small cohort built by hand (worked examples), and their page and file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops.figures import (
    NOT_CLASSIFIED,
    NOT_RECORDED,
    UNDER_18,
    age_band,
    cohort_figures,
    cohort_figures_for_user,
    tables,
    tables_csv_rows,
)
from ownway.dayops.models import (
    Attendance,
    DayService,
    NeedComplexity,
    Placement,
    PlacementStatus,
    Provision,
    TierDecision,
    TierDecisionStatus,
    WaitingListEntry,
    WaitingStatus,
)
from ownway.people.demo import calibration as cal
from ownway.people.tests.factories import PersonFactory, code

from .conftest import day_centre

ON = dt.date(2026, 3, 31)  # a Tuesday


def adult(born: dt.date, reason: str = "learning_disability", ethnicity: str | None = "white_british", **fields):
    return PersonFactory(
        date_of_birth=born,
        primary_support_reason=code("primary_support_reason", reason),
        ethnicity=code("ethnicity", ethnicity) if ethnicity else None,
        **fields,
    )


def run_by(service, provision: str, cost: str = "0"):
    DayService.objects.create(service=service, provision=provision, yearly_cost=Decimal(cost))
    return service


def place(person, service, user, *, days="MO,TU", session="full_day", starts=dt.date(2025, 1, 6), ends=None,
          status=PlacementStatus.ACTIVE):  # fmt: skip
    return Placement.objects.create(person=person, service=service, days=days, session=session, starts_on=starts,
                                    ends_on=ends, status=status, funding="council_arranged",
                                    created_by=user)  # fmt: skip


@pytest.fixture
def internal(db):
    return run_by(day_centre("Aston Resource Centre", capacity=3), Provision.INTERNAL, "9200000")


@pytest.fixture
def external(db):
    return run_by(day_centre("Kingfisher Day Service", capacity=2, days="MO,WE"), Provision.EXTERNAL, "7600000")


# --- Table 1 ------------------------------------------------------------------------------------------------


def test_table_1_counts_each_person_once_in_the_strategys_client_group_on_the_day(internal, external, worker):
    ld_older = adult(dt.date(1956, 3, 1))  # 70: learning disability stays learning disability
    physical_older = adult(dt.date(1950, 1, 1), "physical_personal_care")  # 76: an older adult
    physical_younger = adult(dt.date(1980, 1, 1), "physical_mobility")  # 46: physical disability
    memory = adult(dt.date(1961, 3, 31), "memory_cognition")  # 65 on the day itself: an older adult
    mental = adult(dt.date(1990, 1, 1), "mental_health")
    carer = adult(dt.date(1970, 1, 1), "social_support_to_carer")
    for person in (ld_older, physical_older, physical_younger, memory, mental, carer):
        place(person, internal, worker)
    place(ld_older, external, worker, days="WE")  # a second placement: still one person

    figures = cohort_figures(ON)

    assert figures.people == 6
    assert figures.by_group == {
        cal.LEARNING_DISABILITIES: 1,
        cal.OLDER_ADULTS: 2,
        cal.PHYSICAL_DISABILITIES: 1,
        cal.MENTAL_HEALTH: 1,
        NOT_RECORDED: 1,
    }
    # The day before, the person born on 31 March 1961 was 64: physical disability, not an older adult.
    assert cohort_figures(ON - dt.timedelta(days=1)).by_group[cal.PHYSICAL_DISABILITIES] == 2


def test_only_placements_in_force_on_the_day_count(internal, worker):
    place(adult(dt.date(1980, 1, 1)), internal, worker)
    place(adult(dt.date(1980, 1, 1)), internal, worker, starts=ON + dt.timedelta(days=1))  # not started
    place(adult(dt.date(1980, 1, 1)), internal, worker, ends=ON - dt.timedelta(days=1))  # ended the day before
    place(adult(dt.date(1980, 1, 1)), internal, worker, ends=ON)  # its last day: counted
    place(adult(dt.date(1980, 1, 1)), internal, worker, status=PlacementStatus.ENDED)

    assert cohort_figures(ON).people == 2


# --- Tables 2 and 3 -----------------------------------------------------------------------------------------


def test_table_2_counts_ethnic_groups_within_client_groups_with_unknowns_together(internal, worker):
    place(adult(dt.date(1980, 1, 1), ethnicity="asian_pakistani"), internal, worker)
    place(adult(dt.date(1980, 1, 1), ethnicity="asian_indian"), internal, worker)
    place(adult(dt.date(1940, 1, 1), "physical_personal_care", ethnicity="black_caribbean"), internal, worker)
    place(adult(dt.date(1980, 1, 1), ethnicity="white_irish"), internal, worker)
    place(adult(dt.date(1980, 1, 1), ethnicity=None), internal, worker)

    figures = cohort_figures(ON)

    assert figures.by_ethnicity == {
        ("Asian", cal.LEARNING_DISABILITIES): 2,
        ("Black", cal.OLDER_ADULTS): 1,
        ("White other", cal.LEARNING_DISABILITIES): 1,
        ("Other or not known", cal.LEARNING_DISABILITIES): 1,
    }
    table = next(t for t in tables(figures) if t.name == "table_2")
    asian = next(row for row in table.rows if row[0] == "Asian")
    assert asian[-2:] == [2, "40.0%"]  # two of the five people
    assert table.rows[-1][-2:] == [5, "100.0%"]


@pytest.mark.parametrize(
    ("age", "band"),
    [(17, UNDER_18), (18, "18 to 34"), (34, "18 to 34"), (35, "35 to 49"), (49, "35 to 49"), (50, "50 to 64"),
     (64, "50 to 64"), (65, "65 to 79"), (79, "65 to 79"), (80, "80 and over"), (104, "80 and over")],
)  # fmt: skip
def test_table_3s_age_bands(age, band):
    assert age_band(age) == band


def test_table_3_counts_ages_on_the_day(internal, worker):
    place(adult(dt.date(1991, 4, 1)), internal, worker)  # 34 on 31 March 2026, 35 the next day
    place(adult(dt.date(1946, 3, 31), "physical_personal_care"), internal, worker)  # 80 on the day

    assert cohort_figures(ON).by_age == {("18 to 34", cal.LEARNING_DISABILITIES): 1,
                                         ("80 and over", cal.OLDER_ADULTS): 1}  # fmt: skip
    assert cohort_figures(dt.date(2026, 4, 1)).by_age[("35 to 49", cal.LEARNING_DISABILITIES)] == 1


# --- Table 4 ------------------------------------------------------------------------------------------------


def test_table_4_people_services_places_vacancies_and_spend_by_who_runs_the_service(internal, external, worker):
    # Internal: 3 places a session, open Monday to Friday, mornings and afternoons: 30 places a week.
    for _ in range(3):
        place(adult(dt.date(1980, 1, 1)), internal, worker, days="MO")  # Monday morning and afternoon now full
    place(adult(dt.date(1980, 1, 1)), internal, worker, days="TU", session="morning")
    # External: 2 places, Monday and Wednesday: 8 places a week; one person on Wednesday afternoons.
    place(adult(dt.date(1980, 1, 1)), external, worker, days="WE", session="afternoon")
    third = run_by(day_centre("Open Doors Café", capacity=None, days="SA"), Provision.THIRD_SECTOR, "1100000")
    place(adult(dt.date(1980, 1, 1)), third, worker, days="SA", session="morning")

    figures = cohort_figures(ON)
    rows = figures.by_provision

    assert (rows["internal"].people, rows["internal"].services, rows["internal"].places) == (4, 1, 30)
    assert (rows["internal"].taken, rows["internal"].vacancies, rows["internal"].full_sessions) == (7, 23, 2)
    assert (rows["external"].people, rows["external"].places, rows["external"].vacancies) == (1, 8, 7)
    # A service with no places per session set has no places to count.
    assert (rows["third_sector"].people, rows["third_sector"].places) == (1, 0)
    assert rows["internal"].spend == Decimal("9200000")
    assert rows["internal"].spend_per_person == Decimal("2300000")  # £9.2m for 4 people
    assert figures.total_spend == Decimal("17900000")  # the strategy's total
    table = next(t for t in tables(figures) if t.name == "table_4")
    assert table.rows[0][0] == "Internal (run by the council)"
    assert table.rows[0][5:] == ["£9,200,000", "£2,300,000"]
    assert table.rows[-1][:2] == ["Total", 6]


def test_a_service_no_one_has_said_who_runs_is_counted_apart(worker):
    place(adult(dt.date(1980, 1, 1)), day_centre("Unmarked centre"), worker)

    rows = cohort_figures(ON).by_provision

    assert rows["unknown"].people == 1
    assert rows["internal"].people == 0


# --- Tables 5 and 6 -----------------------------------------------------------------------------------------


def test_table_5_complexity_of_need_in_internal_services_with_the_unclassified(internal, external, worker):
    people = [adult(dt.date(1980, 1, 1)) for _ in range(4)]
    for person in people:
        place(person, internal, worker)
    for person, complexity in zip(people, ["complex", "complex", "moderate"], strict=False):
        NeedComplexity.objects.create(person=person, complexity=complexity, classified_on=dt.date(2025, 2, 1))
    elsewhere = adult(dt.date(1980, 1, 1))  # classified, but in an external service: not in Table 5
    place(elsewhere, external, worker, days="MO")
    NeedComplexity.objects.create(person=elsewhere, complexity="substantial", classified_on=dt.date(2025, 2, 1))

    assert cohort_figures(ON).internal_complexity == {"complex": 2, "moderate": 1, NOT_CLASSIFIED: 1}


def test_table_6_client_groups_in_external_services(internal, external, worker):
    place(adult(dt.date(1950, 1, 1), "physical_personal_care"), external, worker, days="MO")
    place(adult(dt.date(1990, 1, 1)), external, worker, days="MO")
    place(adult(dt.date(1990, 1, 1)), external, worker, days="WE")
    place(adult(dt.date(1990, 1, 1)), internal, worker)

    figures = cohort_figures(ON)

    assert figures.external_groups == {cal.OLDER_ADULTS: 1, cal.LEARNING_DISABILITIES: 2}
    table = next(t for t in tables(figures) if t.name == "table_6")
    assert table.rows[-1] == ["Total", 3]


# --- over time ----------------------------------------------------------------------------------------------


def test_waiting_lists_count_who_is_waiting_and_for_how_long(internal, external, worker):
    for joined in (ON - dt.timedelta(days=10), ON - dt.timedelta(days=30), ON - dt.timedelta(days=100)):
        WaitingListEntry.objects.create(person=adult(dt.date(1980, 1, 1)), service=internal, days="MO",
                                        session="morning", wanted_from=joined, joined_on=joined,
                                        added_by=worker)  # fmt: skip
    WaitingListEntry.objects.create(person=adult(dt.date(1980, 1, 1)), service=external, days="MO", session="morning",
                                    wanted_from=ON, joined_on=ON, added_by=worker,
                                    status=WaitingStatus.PLACED)  # fmt: skip

    waiting = cohort_figures(ON).waiting

    assert (waiting["internal"].waiting, waiting["internal"].median_days, waiting["internal"].longest_days) == (
        3, 30, 100)  # fmt: skip
    assert waiting["external"].waiting == 0


def test_attendance_by_month_with_the_reasons_for_absence(internal, worker):
    placement = place(adult(dt.date(1980, 1, 1)), internal, worker, days="MO,TU,WE,TH,FR")
    marks = [(dt.date(2026, 2, 2), "attended", ""), (dt.date(2026, 2, 3), "absent", "ill"),
             (dt.date(2026, 3, 2), "attended", ""), (dt.date(2026, 3, 3), "attended", ""),
             (dt.date(2026, 3, 4), "attended", ""), (dt.date(2026, 3, 5), "absent", "no_transport")]  # fmt: skip
    for day, status, reason in marks:
        Attendance.objects.create(placement=placement, date=day, status=status, absence_reason=reason,
                                  marked_by=worker)  # fmt: skip

    months = {row.month: row for row in cohort_figures(ON).attendance}

    assert len(months) == 12
    assert min(months) == dt.date(2025, 4, 1)
    assert (months[dt.date(2026, 2, 1)].marked, months[dt.date(2026, 2, 1)].percent) == (2, 50)
    assert (months[dt.date(2026, 3, 1)].attended, months[dt.date(2026, 3, 1)].percent) == (3, 75)
    assert months[dt.date(2026, 3, 1)].absences == {"no_transport": 1}
    assert months[dt.date(2026, 1, 1)].percent is None


def test_tier_decisions_by_month_and_the_tiers_now(person, worker):
    others = [adult(dt.date(1980, 1, 1)) for _ in range(2)]
    rows = [(person, "enablement", "entered", "superseded", dt.date(2025, 12, 1)),
            (person, "", "left", "current", dt.date(2026, 2, 23)),
            (others[0], "enablement", "entered", "superseded", dt.date(2025, 11, 3)),
            (others[0], "personalised", "moved", "current", dt.date(2026, 2, 2)),
            (others[1], "specialist", "entered", "current", dt.date(2024, 1, 1))]  # fmt: skip
    for who, tier, kind, status, day in rows:
        TierDecision.objects.create(person=who, tier=tier, kind=kind, status=status, reason="Agreed",
                                    decided_on=day, decided_by=worker)  # fmt: skip

    figures = cohort_figures(ON)
    months = dict(figures.tier_moves)

    assert months[dt.date(2026, 2, 1)] == {"left": 1, "moved": 1}
    assert months[dt.date(2025, 12, 1)] == {"entered": 1}
    assert dt.date(2024, 1, 1) not in months  # more than a year before
    assert figures.tiers_now == {"": 1, "personalised": 1, "specialist": 1}
    assert TierDecision.objects.filter(status=TierDecisionStatus.CURRENT).count() == 3


# --- the page and the file ----------------------------------------------------------------------------------


@pytest.fixture
def commissioner(db):
    return UserFactory(username="commissioner", role=Role.COMMISSIONER)


def test_only_commissioners_and_administrators_see_the_figures(commissioner, worker):
    assert cohort_figures_for_user(user=commissioner, on=ON).people == 0
    with pytest.raises(PermissionDenied):
        cohort_figures_for_user(user=worker, on=ON)


def test_the_page_shows_every_table_on_the_day_asked_for(client: Client, commissioner, internal, worker):
    place(adult(dt.date(1980, 1, 1)), internal, worker)
    client.force_login(commissioner)

    page = client.get(reverse("dayops:figures"), {"on": "2026-03-31"}).content.decode()

    for caption in ("Table 1: people in day care by client group", "Table 2:", "Table 3:", "Table 4:", "Table 5:",
                    "Table 6:", "Waiting lists", "Attendance by month", "Tier decisions by month"):  # fmt: skip
        assert caption in page
    assert "31 March 2026" in page
    assert "£9,200,000" in page


@pytest.mark.parametrize("value", ["abc", "2026-02-30", "1999-12-31", "9999-12-31", "9" * 5000, "\x00"])
def test_a_day_that_cannot_be_counted_says_so_and_counts_today(client: Client, commissioner, value):
    client.force_login(commissioner)

    response = client.get(reverse("dayops:figures"), {"on": value})

    assert response.status_code == 200
    assert "showing today" in response.content.decode()


def test_the_csv_file_holds_every_table(client: Client, commissioner, internal, worker):
    place(adult(dt.date(1980, 1, 1)), internal, worker)
    client.force_login(commissioner)

    response = client.get(reverse("dayops:figures_csv"), {"on": "2026-03-31"})

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="day-opportunities-2026-03-31.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Day opportunities on 2026-03-31"]
    assert ["Table 1: people in day care by client group"] in rows
    assert ["Total", "1", "100.0%"] in rows
    assert len([r for r in rows if r and r[0].startswith("Table ")]) == 6
    assert rows[2:] == [[str(c) for c in r] for r in tables_csv_rows(cohort_figures(ON))[2:]]
