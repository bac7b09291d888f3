"""Review timings, worked through by hand (Care Act 2014 s.27; statutory guidance chapter 13: first review 6 to 8
weeks after the plan starts, then at least every 12 months)."""

from __future__ import annotations

import datetime as dt

import pytest

from ownway.reviews.rules import (
    CLD_EVENT_OUTCOME,
    CLD_REVIEW_REASON,
    EndReason,
    ReviewDecision,
    ReviewReason,
    ReviewRules,
    check_next_review,
    check_support_end,
    first_review,
    next_review,
    sequel,
    timeliness,
)

RULES = ReviewRules()


def test_the_first_review_is_due_between_six_and_eight_weeks_after_the_plan_starts():
    # A plan starting Monday 20 April 2026: 6 weeks on is Monday 1 June, 8 weeks on Monday 15 June.
    due = first_review(dt.date(2026, 4, 20), RULES)
    assert (due.opens_on, due.due_on, due.first) == (dt.date(2026, 6, 1), dt.date(2026, 6, 15), True)
    assert due.explanation == (
        "The plan started on 20 April 2026: its first review is due between 1 June 2026 and 15 June 2026 "
        "(6 to 8 weeks after it started)."
    )


def test_then_every_twelve_months_and_on_the_list_six_weeks_before():
    due = next_review(dt.date(2026, 6, 10), RULES)
    assert (due.due_on, due.opens_on, due.first) == (dt.date(2027, 6, 10), dt.date(2027, 4, 29), False)
    # A review on 29 February is next due on the last day of February.
    assert next_review(dt.date(2028, 2, 29), RULES).due_on == dt.date(2029, 2, 28)


def test_a_council_may_review_more_often_but_not_less():
    assert next_review(dt.date(2026, 6, 10), ReviewRules(interval_months=6)).due_on == dt.date(2026, 12, 10)
    with pytest.raises(ValueError, match="at least every 12 months"):
        ReviewRules(interval_months=13)
    with pytest.raises(ValueError, match="no later than its end"):
        ReviewRules(first_from_weeks=9, first_by_weeks=8)
    with pytest.raises(ValueError, match="notice"):
        ReviewRules(notice_days=181)


def test_a_next_review_more_than_twelve_months_on_needs_a_reason():
    held = dt.date(2026, 6, 10)
    assert check_next_review(held, dt.date(2027, 6, 10), "", RULES) is None
    assert "more than 12 months away (after 10 June 2027): say why" in check_next_review(
        held, dt.date(2027, 6, 11), "", RULES
    )
    assert check_next_review(held, dt.date(2027, 9, 1), "Stable for years; a DP review in June", RULES) is None
    assert check_next_review(held, held, "", RULES) == "The next review must be after this one"
    assert check_next_review(held, dt.date(2028, 6, 11), "Reason", RULES) == "The next review must be within 2 years"


def test_overdue_once_the_due_date_has_passed():
    assert timeliness(dt.date(2026, 6, 15), dt.date(2026, 6, 15)) == (False, 0)
    assert timeliness(dt.date(2026, 6, 15), dt.date(2026, 6, 18)) == (True, 3)


def test_each_reason_and_decision_has_its_cld_value():
    assert set(CLD_REVIEW_REASON) == set(ReviewReason)
    assert ReviewReason.PLANNED.cld == "Planned"
    assert not ReviewReason.PLANNED.unplanned
    assert ReviewReason.HOSPITAL.cld == "Unplanned - Hospital (Planned and unplanned episodes)"
    assert ReviewReason.CARER.unplanned
    assert set(CLD_EVENT_OUTCOME) == set(ReviewDecision)
    assert ReviewDecision.NO_CHANGE.cld == "No change in package"
    assert ReviewDecision.REASSESS.cld == "Progress to Re-assessment / Unplanned Review"


#: The seven CLD Review Reasons (R1) (SALT LTS002a; standards.md "Review Reason (R1)").
CLD_REASONS = {
    "Planned", "Unplanned - Hospital (Planned and unplanned episodes)", "Unplanned - Carer related",
    "Unplanned - Safeguarding concern", "Unplanned - Other Reason", "Unplanned - Provider Failure",
    "Unplanned - Change in Commissioning arrangements",
}  # fmt: skip


def test_the_councils_unplanned_reasons_each_report_as_a_cld_review_reason():
    # The list: change of need, hospital admission, carer breakdown, safeguarding, provider failure,
    # complaint, the person asked, other.
    expected = {
        "change_of_need": "Unplanned - Other Reason",
        "hospital": "Unplanned - Hospital (Planned and unplanned episodes)",
        "carer": "Unplanned - Carer related",
        "safeguarding": "Unplanned - Safeguarding concern",
        "provider_failure": "Unplanned - Provider Failure",
        "complaint": "Unplanned - Other Reason",
        "person_asked": "Unplanned - Other Reason",
        "other": "Unplanned - Other Reason",
    }
    assert {reason: ReviewReason(reason).cld for reason in expected} == expected
    assert all(ReviewReason(reason).unplanned for reason in expected)
    assert set(CLD_REVIEW_REASON.values()) <= CLD_REASONS
    # A value stored before the list grew keeps its CLD reason.
    assert ReviewReason("commissioning").cld == "Unplanned - Change in Commissioning arrangements"


def test_each_decision_reports_its_sequel_and_an_ending_its_reason():
    assert sequel(ReviewDecision.TRY_ENABLEMENT) == "Progress to Reablement/ST-Max"
    assert sequel(ReviewDecision.OT_ASSESSMENT) == "Progress to Assessment"
    assert sequel(ReviewDecision.NEW_VERSION) == "Progress to Support Planning / Services"
    # NHS England's Event Outcome list, values 11 to 17, by the reason the support ended.
    assert {reason.value: sequel(ReviewDecision.END_SUPPORT, reason) for reason in EndReason} == {
        "no_eligible_needs": "NFA - Support ended: Other reason",
        "nhs_funded": "NFA - 100% NHS funded care",
        "self_funding": "NFA - Self-funded client (Inc. 12wk disregard)",
        "declined": "NFA - Support declined",
        "moved_away": "NFA - Moved to another LA",
        "died": "NFA - Deceased",
        "other": "NFA - Support ended: Other reason",
    }


def test_support_ends_no_earlier_than_the_review_within_a_year_and_with_a_reason():
    held = dt.date(2026, 6, 10)
    assert check_support_end(held, held, "declined", "") == {}
    assert check_support_end(held, dt.date(2027, 6, 10), "other", "Moving to her son's") == {}
    assert check_support_end(held, dt.date(2026, 6, 9), "declined", "") == {
        "ends_on": "The support cannot end before the review, on 10 June 2026"
    }
    assert check_support_end(held, dt.date(2027, 6, 11), "declined", "") == {
        "ends_on": "The support must end within 12 months of the review"
    }
    assert check_support_end(held, None, "", "") == {
        "ends_on": "Enter the last day of the support",
        "end_reason": "Choose why the support is ending",
    }
    assert check_support_end(held, held, "other", " ") == {"end_note": "Say why the support is ending"}
