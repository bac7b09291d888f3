"""A personal budget's split between the council and the person, as contributions change over time."""

import datetime as dt
import itertools
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ownway.planning.rules.splits import Split, split_of, split_on, splits_in_force

D = Decimal
APPROVED = Split(dt.date(2026, 4, 20), D("0.00"), D("310.21"), "no financial assessment yet")


TOTAL = D("310.21")


def _split(day, contribution, source):
    theirs, council = split_of(TOTAL, D(contribution))
    return Split(day, theirs, council, source)


def test_an_assessment_after_approval_applies_from_the_day_it_charges_from():
    assessed = _split(dt.date(2026, 4, 20), "187.50", "financial assessment of 4 December 2026")
    timeline = splits_in_force(APPROVED, [assessed])
    assert [(s.starts_on, s.contribution, s.council, s.ends_on) for s in timeline] == [
        (dt.date(2026, 4, 20), D("187.50"), D("122.71"), None)
    ]


def test_the_uprating_follows_from_the_start_of_the_year():
    assessed = _split(dt.date(2026, 4, 20), "187.50", "assessment")
    uprated = _split(dt.date(2027, 4, 6), "177.50", "uprated")
    timeline = splits_in_force(APPROVED, [assessed, uprated])
    assert [(s.starts_on, s.ends_on, s.contribution) for s in timeline] == [
        (dt.date(2026, 4, 20), dt.date(2027, 4, 5), D("187.50")),
        (dt.date(2027, 4, 6), None, D("177.50")),
    ]
    assert split_on(timeline, dt.date(2027, 4, 5)).contribution == D("187.50")
    assert split_on(timeline, dt.date(2027, 4, 6)).contribution == D("177.50")
    assert split_on(timeline, dt.date(2020, 1, 1)) == timeline[0]


def test_a_later_reassessment_from_an_earlier_day_replaces_everything_from_that_day():
    """Uprated in March from April, then reassessed in May from January: the reassessment is the contribution
    from January on, as the financial assessment it follows replaced the uprated one."""
    uprated = _split(dt.date(2027, 4, 6), "177.50", "uprated")
    reassessed = _split(dt.date(2027, 1, 4), "50.00", "reassessed")
    timeline = splits_in_force(APPROVED, [uprated, reassessed])
    assert [(s.starts_on, s.contribution, s.source) for s in timeline] == [
        (dt.date(2026, 4, 20), D("0.00"), "no financial assessment yet"),
        (dt.date(2027, 1, 4), D("50.00"), "reassessed"),
    ]


def test_a_change_from_before_the_budget_starts_with_the_budget():
    timeline = splits_in_force(APPROVED, [_split(dt.date(2026, 4, 6), "20.00", "assessed")])
    assert [(s.starts_on, s.contribution) for s in timeline] == [(dt.date(2026, 4, 20), D("20.00"))]


def test_the_person_never_pays_more_than_the_budget():
    assert split_of(D("100.00"), D("120.00")) == (D("100.00"), D("0.00"))
    assert split_of(D("100.00"), D("-1.00")) == (D("0.00"), D("100.00"))


@given(
    st.lists(
        st.tuples(st.integers(min_value=-30, max_value=400), st.integers(min_value=0, max_value=50_000)),
        max_size=8,
    ),
    st.integers(min_value=-60, max_value=500),
)
def test_every_day_has_one_split_and_it_is_the_latest_recorded_in_force(changes, offset):
    later = [_split(APPROVED.starts_on + dt.timedelta(days=d), D(p) / 100, str(i)) for i, (d, p) in enumerate(changes)]
    timeline = splits_in_force(APPROVED, later)
    day = APPROVED.starts_on + dt.timedelta(days=offset)
    in_force = split_on(timeline, day)
    recorded = [s for s in later if max(s.starts_on, APPROVED.starts_on) <= max(day, APPROVED.starts_on)]
    expected = recorded[-1] if recorded else APPROVED
    assert (in_force.contribution, in_force.source) == (expected.contribution, expected.source)
    assert all(s.contribution + s.council == D("310.21") for s in timeline)
    for split, following in itertools.pairwise(timeline):
        assert split.ends_on == following.starts_on - dt.timedelta(days=1)
        assert split.starts_on < following.starts_on
