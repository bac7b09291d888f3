"""A plan whose support a review ended shows so wherever its state shows: on the worker's planning pages, on the
person's own plan page and its PDF, and on the person's own review page (with the letter)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ownway.planning.models import PlanStatus
from ownway.reviews.decisions import DecisionDetails
from ownway.reviews.models import PlanProposal, Review
from ownway.reviews.services import ReviewRecord, review_record
from ownway.reviews.services_proposals import plan_proposal_make

TODAY = dt.date(2026, 12, 5)


def _end(worker, version, *, held_on, ends_on, reason="declined", note=""):
    review = Review.objects.get(plan=version.plan)
    record = ReviewRecord(
        held_on=held_on, method="person", progress={o.pk: ("achieved", "") for o in version.outcomes.all()},
        working="Everything", not_working="", needs_changed=False, decision="end_support",
        decision_reasons="Ada manages on her own now",
        details=DecisionDetails(ends_on=ends_on, end_reason=reason, end_note=note),
    )  # fmt: skip
    return review_record(actor=worker, review=review, record=record, today=TODAY)


def test_the_version_says_it_ends_up_to_its_last_day_and_ended_after(approved, social_worker):
    _plan, version = approved
    _end(social_worker, version, held_on=dt.date(2026, 6, 10), ends_on=dt.date(2026, 6, 30))
    version.refresh_from_db()
    assert version.status == PlanStatus.APPROVED  # still the plan that was in force
    assert version.ending is not None
    assert version.ending.end_reason == "The person does not want the support any more"
    assert version.state_display(dt.date(2026, 6, 29)) == "Approved, ending on 30 June 2026"
    assert version.state_display(dt.date(2026, 6, 30)) == "Approved, ending on 30 June 2026"
    assert version.state_display(dt.date(2026, 7, 1)) == "Ended on 30 June 2026"


def test_a_plan_without_an_ending_keeps_its_status_words(approved):
    _plan, version = approved
    assert version.ending is None
    assert version.state_display(TODAY) == "Approved"


def test_the_workers_planning_pages_show_the_ending_and_the_reason(approved, social_worker, social_worker_client):
    plan, version = approved
    _end(social_worker, version, held_on=dt.date(2026, 6, 10), ends_on=dt.date(2026, 6, 30), reason="other",
         note="She moved in with her son")  # fmt: skip
    page = social_worker_client.get(reverse("planning:plan", kwargs={"pk": plan.pk})).content.decode()
    assert "Ended on 30 June 2026" in page
    assert "A review ended this support: its last day was 30 June 2026." in page
    assert "The reason: Another reason: She moved in with her son." in page
    assert ">Approved<" not in page
    plans = social_worker_client.get(reverse("planning:person_plans", kwargs={"person_pk": plan.person.pk}))
    assert "version 1, ended on 30 June 2026" in plans.content.decode()


def test_the_person_sees_on_their_plan_and_their_review_that_the_support_ended(approved, social_worker, citizen):
    _plan, version = approved
    done = _end(social_worker, version, held_on=dt.date(2026, 6, 10), ends_on=dt.date(2026, 6, 30))
    client = Client()
    client.force_login(citizen)
    mine = client.get(reverse("my_plan:plan")).content.decode()
    assert "You do not have an approved support plan yet" not in mine
    assert "Your support from us ended on 30 June 2026" in mine
    assert "The reason: The person does not want the support any more." in mine
    assert "Ask to change my plan" not in mine
    easy = client.get(reverse("my_plan:easy_read")).content.decode()
    assert "Your support from us stopped on 30 June 2026." in easy
    assert client.get(reverse("my_plan:pdf")).status_code == 200
    review = client.get(reverse("my_review:review")).content.decode()
    assert "We agreed your support from us ended on 30 June 2026." in review
    assert reverse("my_review:ending_pdf", kwargs={"pk": done.sequel.pk}) in review
    review_easy = client.get(reverse("my_review:easy_read")).content.decode()
    assert "We said your support from us stopped on 30 June 2026." in review_easy
    assert "Ask to change your plan" not in review
    easy_review = client.get(reverse("my_review:easy_read")).content.decode()
    assert "Tell us what you want to change" not in easy_review


def test_no_change_is_proposed_to_a_plan_whose_support_was_ended(approved, social_worker, citizen):
    _plan, version = approved
    _end(social_worker, version, held_on=dt.date(2026, 6, 10), ends_on=dt.date(2026, 6, 30))
    with pytest.raises(ValidationError, match="your support from us ends on 30 June 2026, so there is no plan"):
        plan_proposal_make(actor=citizen, kind="outcome", words="Swimming on Saturdays")
    assert not PlanProposal.objects.exists()
