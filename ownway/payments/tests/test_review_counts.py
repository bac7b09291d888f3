"""The direct payment reviews due, counted for the home page: the same dates as the reviews worklist."""

from __future__ import annotations

import datetime as dt

from ownway.payments.models import DirectPaymentReview
from ownway.payments.selectors import reviews_due_counts
from ownway.payments.tests.factories import agreement_for


def test_the_home_page_counts_the_direct_payment_reviews_due_in_one_query(
    social_worker, team_manager, person, django_assert_num_queries
):
    person.named_worker = social_worker
    person.save(update_fields=["named_worker"])
    agreement = agreement_for(social_worker, team_manager, person)
    today = dt.date(2026, 12, 5)
    assert reviews_due_counts(user=social_worker, today=today) == (0, 0)  # nothing paid yet: no review due
    agreement.first_payment_on = dt.date(2026, 4, 27)
    agreement.save(update_fields=["first_payment_on"])
    # First review due 6 months after the first payment (reg 7(1)(a)): 27 October 2026, late on 5 December.
    with django_assert_num_queries(1):
        assert reviews_due_counts(user=social_worker, today=today) == (1, 1)
    assert reviews_due_counts(user=team_manager, today=today) == (0, 1)
    DirectPaymentReview.objects.create(agreement=agreement, held_on=dt.date(2026, 11, 1), notes="Fine",
                                       reviewed_by=social_worker)  # fmt: skip
    # Next due 1 November 2027: not within six weeks.
    assert reviews_due_counts(user=social_worker, today=today) == (0, 0)
    assert reviews_due_counts(user=social_worker, today=dt.date(2027, 10, 1)) == (1, 1)
