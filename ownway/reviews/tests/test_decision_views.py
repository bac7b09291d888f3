"""The decisions beyond the plan as a worker records them on the review page, the occupational therapy team's
list, and the letter the person gets when their support ends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.reviews.models import Review, ReviewSequel, ReviewStatus, TherapyRequest, TherapyRequestStatus


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def _form(version, **changes):
    data = {
        **_date("held_on", timezone.localdate()), "method": "person", "working": "Ann comes every morning",
        "needs_changed": "yes", "decision_reasons": "Mornings take longer since the fall",
    }  # fmt: skip
    for outcome in version.outcomes.all():
        data[f"progress_{outcome.pk}"] = "partly"
    data.update(changes)
    return data


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_worker_asks_for_an_ot_assessment_and_a_therapist_takes_it_on(approved, social_worker_client):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    ot_team = TeamFactory(name="Occupational therapy North", kind=TeamKind.OCCUPATIONAL_THERAPY)
    url = reverse("reviews:record", kwargs={"pk": review.pk})
    assert "Occupational therapy North (occupational therapy)" in social_worker_client.get(url).content.decode()
    refused = social_worker_client.post(url, _form(version, decision="ot_assessment")).content.decode()
    assert "Choose an occupational therapy team to refer to" in refused
    assert "Say what the referral should look at" in refused
    done = social_worker_client.post(
        url, _form(version, decision="ot_assessment", team=str(ot_team.pk), referral_reason="Rails, a stool?"),
        follow=True,
    ).content.decode()  # fmt: skip
    assert "The request is on the occupational therapy team&#39;s list" in done
    assert "Event Outcome: Progress to Assessment" in done
    therapist = UserFactory(username="otto", role=Role.OCCUPATIONAL_THERAPIST, team=ot_team)
    ot = _client(therapist)
    home = ot.get("/").content.decode()
    assert "Occupational therapy assessments asked for" in home
    assert "1 waiting for your team" in home
    listing = ot.get(reverse("reviews:therapy")).content.decode()
    assert "Ada Lovelace" in listing and "Rails, a stool?" in listing  # noqa: PT018
    request = TherapyRequest.objects.get()
    taken = ot.post(reverse("reviews:therapy_take", kwargs={"pk": request.pk}), follow=True).content.decode()
    assert "You have taken on the assessment for Ada Lovelace" in taken
    request.refresh_from_db()
    assert (request.status, request.taken_by) == (TherapyRequestStatus.TAKEN, therapist)


def test_a_worker_ends_the_support_and_the_person_reads_the_letter(approved, social_worker_client, citizen):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    url = reverse("reviews:record", kwargs={"pk": review.pk})
    refused = social_worker_client.post(url, _form(version, decision="end_support", end_reason="other"))
    page = refused.content.decode()
    assert "Enter the last day of the support" in page
    assert "Say why the support is ending" in page
    last = timezone.localdate() + dt.timedelta(days=14)
    done = social_worker_client.post(
        url, _form(version, decision="end_support", end_reason="self_funding", **_date("ends_on", last)), follow=True
    ).content.decode()  # fmt: skip
    assert "The support ends after" in done
    assert "Event Outcome: NFA - Self-funded client (Inc. 12wk disregard)" in done
    review.refresh_from_db()
    assert review.status == ReviewStatus.DONE
    assert not Review.objects.filter(plan=plan, status=ReviewStatus.OPEN).exists()
    row = ReviewSequel.objects.get(review=review)
    letter = _client(citizen).get(reverse("my_review:ending_pdf", kwargs={"pk": row.pk}))
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    easy = _client(citizen).get(reverse("my_review:ending_easy_read_pdf", kwargs={"pk": row.pk}))
    assert easy.status_code == 200


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.ENABLEMENT_MANAGER])
def test_no_one_but_the_team_sees_the_therapy_list(db, role):
    user = UserFactory(username="someone", role=role, team=TeamFactory(name="Elsewhere"))
    assert _client(user).get(reverse("reviews:therapy")).status_code == 403
