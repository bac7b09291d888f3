import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ownway.core.dates import add_months
from ownway.directory.rules.accessibility import recognise_feature
from ownway.directory.rules.assurance import check_assurance
from ownway.directory.rules.diff import diff


def test_never_assured_is_stale():
    assert check_assurance(None, dt.date(2026, 11, 25)).stale


def test_exactly_three_months_is_not_yet_stale():
    today = dt.date(2026, 11, 25)
    assert not check_assurance(dt.date(2026, 8, 25), today).stale
    result = check_assurance(dt.date(2026, 8, 24), today)
    assert result.stale
    assert "more than 3 months ago" in result.explanation
    assert result.due_by == dt.date(2026, 11, 24)


def test_month_ends_clamp():
    assert add_months(dt.date(2026, 5, 31), -3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 1, 15), -3) == dt.date(2025, 10, 15)


@given(
    today=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    days=st.integers(min_value=0, max_value=2000),
)
def test_older_is_never_fresher(today, days):
    assured = today - dt.timedelta(days=days)
    if check_assurance(assured, today).stale:
        assert check_assurance(assured - dt.timedelta(days=1), today).stale


def test_diff_lists_only_changes_in_label_order():
    labels = {"name": "Name", "description": "What it is", "capacity": "Places"}
    result = diff({"name": "Art", "description": "Old", "capacity": 10}, {"description": "New", "capacity": 10}, labels)
    assert [(c.label, c.before, c.after) for c in result.changes] == [("What it is", "Old", "New")]
    assert result.explanation == "1 change: what it is."
    assert diff({"name": "A"}, {"name": "A"}, labels).empty


def test_diff_shows_each_added_changed_and_removed_row_and_nothing_of_the_rows_left_alone():
    after = {
        "schedules": {
            "added": [{"byday": "TU", "text": "Every Tuesday, 6:30pm to 8:30pm"}],
            "changed": [{"id": "b", "before": "Every Monday, 10am to midday", "text": "Every Monday, 11am to 1pm"}],
            "removed": [{"id": "c", "text": "Every Friday, 2pm to 4pm"}],
        }
    }
    result = diff({"name": "Art"}, after, {"name": "Name"}, {"schedules": ("When it runs", "session")})
    assert [(c.label, c.before, c.after) for c in result.changes] == [
        ("When it runs: a session added", "", "Every Tuesday, 6:30pm to 8:30pm"),
        ("When it runs: a session changed", "Every Monday, 10am to midday", "Every Monday, 11am to 1pm"),
        ("When it runs: a session removed", "Every Friday, 2pm to 4pm", ""),
    ]
    assert result.explanation == (
        "3 changes: when it runs: a session added, when it runs: a session changed, when it runs: a session removed."
    )


def test_recognises_features_from_words():
    assert recognise_feature("", "Changing Places toilet with hoist").feature == "changing_places"
    assert recognise_feature("", "Wheelchair accessible entrance").feature == "step_free"
    assert recognise_feature("", "Induction loop at reception").feature == "hearing_loop"
    assert recognise_feature("", "Disabled toilet on the ground floor").feature == "accessible_toilet"
    assert recognise_feature("bsl", "").feature == "bsl"
    assert recognise_feature("", "Lovely garden").feature == ""
