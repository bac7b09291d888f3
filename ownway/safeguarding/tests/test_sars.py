"""Safeguarding Adults Reviews (Care Act 2014 s.44): the criteria, the lead's pages, and the count in the return."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.core.dates import financial_year
from ownway.people.tests.factories import PersonFactory
from ownway.safeguarding.models import SafeguardingAdultsReview
from ownway.safeguarding.sac import build_return
from ownway.safeguarding.sars import SarData, sar_basis, sar_problems, sar_save
from ownway.safeguarding.services import ConcernData, concern_raise_for_person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("agencies_concern", "condition", "basis"),
    [
        # s.44(1)-(2): agencies did not work together well, and the adult died of suspected neglect: must review.
        (True, "died", "must"),
        # s.44(1), (3): agencies' concern, the adult is alive after serious abuse: must review.
        (True, "serious", "must"),
        # The adult died of suspected neglect, but nothing suggests agencies failed to work together: may (s.44(4)).
        (False, "died", "may"),
        # Concern about how agencies worked together, but no death or serious abuse: may (s.44(4)).
        (True, "neither", "may"),
        (False, "neither", "may"),
    ],
)
def test_the_s44_criteria_decide_whether_the_board_must_review(agencies_concern, condition, basis):
    assert sar_basis(agencies_concern=agencies_concern, condition=condition) == basis


def _data(**changes) -> SarData:
    data = SarData(
        title="Adult D",
        started_on=TODAY - dt.timedelta(days=200),
        agencies_concern=True,
        condition="died",
        criteria_reasons="Died of pressure ulcers; the home, the GP and the council each knew part of it.",
        referred_on=TODAY - dt.timedelta(days=230),
        concluded_on=TODAY - dt.timedelta(days=10),
        individuals_died=1,
        findings_published_on=TODAY - dt.timedelta(days=5),
        findings_link="https://example.org/sab/adult-d",
        findings_summary="Share pressure-care plans between the home and the district nurses.",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_bad_records_are_refused_with_a_clear_message():
    assert sar_problems(_data()) == {}
    assert sar_problems(_data(concluded_on=TODAY - dt.timedelta(days=300))) == {
        "concluded_on": "The review concluded on or after the day it started"
    }
    assert sar_problems(_data(concluded_on=TODAY - dt.timedelta(days=1))) == {
        "findings_published_on": "The findings were published on or after the review concluded"
    }
    assert "findings_published_on" in sar_problems(_data(concluded_on=None))
    assert sar_problems(_data(individuals_died=0))["individuals_died"].startswith("The adult died")
    assert sar_problems(_data(findings_link="javascript:alert(1)"))["findings_link"].startswith("Give the web")
    assert sar_problems(_data(criteria_reasons=" "))["criteria_reasons"].startswith("Say why")
    assert sar_problems(_data(referred_on=TODAY))["referred_on"].startswith("The case was referred")
    lead = UserFactory(role=Role.TEAM_MANAGER)
    with pytest.raises(ValidationError) as refused:
        sar_save(actor=lead, data=_data(concern_references=["S9999999"]))
    assert refused.value.message_dict == {"concern_references": ["No concern has the reference S9999999"]}
    assert not SafeguardingAdultsReview.objects.exists()


def test_the_lead_records_a_review_that_the_return_counts(safeguarding_lead, safeguarder):
    person = PersonFactory(reference="P0000042")
    concern = concern_raise_for_person(actor=safeguarder, person=person, data=ConcernData(what_happened="Sores"))
    client = Client()
    client.force_login(safeguarding_lead)
    assert client.get(reverse("safeguarding:sars")).status_code == 200
    form = {
        "title": "Adult D",
        "person_reference": "P0000042",
        "concern_references": f"{concern.reference.lower()}, {concern.reference}",
        "agencies_concern": "yes",
        "condition": "died",
        "criteria_reasons": "Died of pressure ulcers; agencies each knew part of it.",
        "started_on-day": "1", "started_on-month": "1", "started_on-year": str(TODAY.year - 1),
        "concluded_on-day": str(TODAY.day), "concluded_on-month": str(TODAY.month),
        "concluded_on-year": str(TODAY.year),
        "individuals_died": "1",
        "individuals_survived": "0",
    }  # fmt: skip
    response = client.post(reverse("safeguarding:sar_new"), form)
    review = SafeguardingAdultsReview.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("safeguarding:sar", kwargs={"pk": review.pk})
    assert review.basis == "must"
    assert review.person == person
    assert list(review.concerns.all()) == [concern]
    assert review.recorded_by == safeguarding_lead
    page = client.get(response.url).content.decode()
    assert "Must review" in page
    assert concern.reference in page
    assert AuditEvent.objects.filter(action="safeguarding.sar_viewed", actor=safeguarding_lead).count() == 1

    built = build_return(financial_year(TODAY))
    assert built.figure("SG5a", "SARs where one or more individuals died", "Count") == 1
    assert built.figure("SG5b", "Individuals who suffered serious harm and died", "Count") == 1

    # Changed: the findings published; a date before the conclusion is refused and nothing is saved.
    changed = {**form, "findings_published_on-day": "1", "findings_published_on-month": "1",
               "findings_published_on-year": str(TODAY.year - 1)}  # fmt: skip
    refused = client.post(response.url, changed)
    assert refused.status_code == 200
    assert "The findings were published on or after the review concluded" in refused.content.decode()
    review.refresh_from_db()
    assert review.findings_published_on is None


def test_no_one_but_the_safeguarding_lead_opens_the_reviews(safeguarder):
    review = sar_save(actor=safeguarder, data=_data())
    manager = UserFactory(role=Role.TEAM_MANAGER)  # a team manager outside the safeguarding team
    for user in (safeguarder, manager):
        client = Client()
        client.force_login(user)
        for url in (reverse("safeguarding:sars"), reverse("safeguarding:sar_new"),
                    reverse("safeguarding:sar", kwargs={"pk": review.pk})):  # fmt: skip
            assert client.get(url).status_code == 403
