"""Links to safeguarding (ownway.safeguarding.links): a direct payment's monitoring that suggests financial abuse
offers to raise a concern, prefilled; a review can raise one; the prefill opens the record through its own app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.payments import services as payments
from ownway.payments.tests.factories import agreement_for
from ownway.safeguarding.models import Concern

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _statement(agreement, finance_officer, lines: list[str]) -> None:
    csv = "Date,Description,Paid out,Paid in,Balance\n" + "\n".join(lines) + "\n"
    payments.statement_import(actor=finance_officer, agreement=agreement, file_name="s.csv", data=csv.encode())


@pytest.fixture
def agreement(social_worker, team_manager, person):
    return agreement_for(social_worker, team_manager, person)


def _day(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).strftime("%d/%m/%Y")


def test_monitoring_that_suggests_financial_abuse_offers_a_prefilled_concern(
    agreement, finance_officer, social_worker, person
):
    _statement(agreement, finance_officer, [
        f"{_day(20)},OWNWAY CITY COUNCIL DP,,530.42,530.42",
        f"{_day(10)},LINK ATM HIGH STREET,200.00,,330.42",
        f"{_day(5)},CASH WITHDRAWAL,400.00,,-69.58",
    ])  # fmt: skip
    page = _client(social_worker).get(reverse("payments:account", kwargs={"pk": agreement.pk})).content.decode()
    assert "This could be financial abuse" in page
    assert "2 cash withdrawals, £600.00" in page
    assert "The account is overdrawn by £69.58" in page
    href = f"{reverse('safeguarding:raise', kwargs={'pk': person.pk})}?from=direct_payment&amp;record={agreement.pk}"
    assert href in page
    form = _client(social_worker).get(href.replace("&amp;", "&")).content.decode()
    assert f"Monitoring of direct payment {agreement.reference} shows:" in form
    assert "- 2 cash withdrawals, £600.00" in form
    assert 'value="financial" checked' in form
    response = _client(social_worker).post(
        reverse("safeguarding:raise", kwargs={"pk": person.pk}),
        {"what_happened": "Monitoring shows cash withdrawals", "suspected_types": ["financial"]},
    )
    assert response.status_code == 302
    assert Concern.objects.get().suspected_types.get().code == "financial"


def test_monitoring_with_no_sign_offers_nothing(agreement, finance_officer, social_worker):
    _statement(agreement, finance_officer, [
        f"{_day(20)},OWNWAY CITY COUNCIL DP,,530.42,530.42",
        f"{_day(10)},ANN LEE WAGES WK1,260.00,,270.42",
    ])  # fmt: skip
    page = _client(social_worker).get(reverse("payments:account", kwargs={"pk": agreement.pk})).content.decode()
    assert "This could be financial abuse" not in page


def test_the_prefill_is_only_from_a_record_of_that_person(agreement, social_worker, other_team_person, person):
    # Another person's form, naming this agreement: starts empty (and a nonsense record too).
    url = reverse("safeguarding:raise", kwargs={"pk": person.pk})
    other = Client()
    other.force_login(social_worker)
    other_person_url = reverse("safeguarding:raise", kwargs={"pk": other_team_person.pk})
    assert other.get(f"{other_person_url}?from=direct_payment&record={agreement.pk}").status_code in (403, 404)
    page = other.get(f"{url}?from=direct_payment&record=not-a-number").content.decode()
    assert "Monitoring of direct payment" not in page
    page = other.get(f"{url}?from=review&record=999999").content.decode()
    assert "Raised from the review" not in page


def test_a_review_can_raise_a_concern(person, social_worker, team_manager):
    from ownway.planning import services as planning
    from ownway.planning.tests.factories import draft_plan
    from ownway.reviews.services import review_request

    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    due = timezone.localdate() + dt.timedelta(days=14)
    review = review_request(actor=social_worker, plan=plan, reason="carer", note="Carer worried", due_on=due)
    page = _client(social_worker).get(reverse("reviews:review", kwargs={"pk": review.pk})).content.decode()
    href = f"{reverse('safeguarding:raise', kwargs={'pk': person.pk})}?from=review&amp;record={review.pk}"
    assert "Raise a safeguarding concern from this review" in page
    assert href in page
    form = _client(social_worker).get(href.replace("&amp;", "&")).content.decode()
    assert f"Raised from the review of their support plan due by {due:%d %B %Y}." in form
