"""The issue's complaint path, tried as a person would: a citizen who disagrees with a charge complains online, the
complaints team sees it to acknowledge at once and acknowledges it in time, the investigating manager asks for a
review of the plan from it, and the answer (upheld: a review of your plan) goes to the citizen in plain English
and easy read, with the Ombudsman's route, while the review is on the reviewers' worklist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.complaints.models import Complaint, MadeBy, Status
from ownway.complaints.services import working_days
from ownway.people.models import Letter
from ownway.reviews.models import Review

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def test_a_citizen_complains_about_a_charge_and_the_answer_triggers_a_review(
    citizen_client, citizen, person, officer_client, team_manager, approved
):
    today = timezone.localdate()
    page = citizen_client.get(reverse("complain:start")).content.decode()
    assert "Who is the complaint about?" in page
    assert "Easy read" in page
    response = citizen_client.post(reverse("complain:start"), {
        "about": str(person.pk), "procedure": "statutory",
        "what_happened": "I was charged £45 a week for my day centre, but my financial assessment said £20.",
        "put_right": "Charge me what the assessment says and pay back the difference.",
        **_date("matter_on", today - dt.timedelta(days=30)),
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    complaint = Complaint.objects.get()
    assert complaint.person == person
    assert complaint.made_by == MadeBy.PERSON
    assert complaint.status == Status.RECEIVED
    assert complaint.acknowledge_by == working_days().add(today, 3)
    sent = citizen_client.get(reverse("complain:sent")).content.decode()
    assert complaint.reference in sent
    assert "to say we have your complaint" in sent

    # On the complaints officer's list the moment it arrives, counting down.
    worklist = officer_client.get(reverse("complaints:worklist")).content.decode()
    assert complaint.reference in worklist
    assert "working days left" in worklist

    response = officer_client.post(reverse("complaints:complaint", kwargs={"pk": complaint.pk}), {
        "action": "acknowledge", **_date("ack-acknowledged_on", today), "ack-how": "Phone call and email",
        "ack-discussion_offered": "on", "ack-discussion_note": "Agreed we answer within 8 weeks",
        **_date("ack-agreed_respond_by", today + dt.timedelta(weeks=8)),
    })  # fmt: skip
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    assert complaint.period_agreed
    assert complaint.respond_by == today + dt.timedelta(weeks=8)

    # The investigating manager (the person's team manager) asks for a review from the complaint.
    manager = Client()
    manager.force_login(team_manager)
    response = manager.post(reverse("complaints:complaint", kwargs={"pk": complaint.pk}), {
        "action": "review", "review-note": "The charge on the plan does not match the assessment",
        **_date("review-due_on", today + dt.timedelta(days=14)),
    })  # fmt: skip
    assert response.status_code == 302
    complaint.refresh_from_db()
    review = Review.objects.get(pk=complaint.review_id)
    assert review.reason == "complaint"
    assert review.person == person

    response = officer_client.post(reverse("complaints:complaint", kwargs={"pk": complaint.pk}), {
        "action": "respond", "respond-outcome": "upheld",
        "respond-findings": "The plan used last year's charge. You were charged too much for 6 weeks.",
        "respond-what_changed": "We will pay back £150 and correct the charge.", "respond-review_of_plan": "on",
    })  # fmt: skip
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    assert complaint.outcome == "upheld"
    letter = Letter.objects.get(person=person, about="Our answer to your complaint")
    answer = citizen_client.get(letter.page).content.decode()
    assert "upheld" in answer
    assert "Local Government and Social Care Ombudsman" in answer
    assert "review your support plan" in answer
    easy = citizen_client.get(reverse("complain:response_easy_read", kwargs={"pk": complaint.pk})).content.decode()
    assert "You were right" in easy
    assert "Ombudsman" in easy
    assert "called a review" in easy
    pdf = citizen_client.get(letter.pdf)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert citizen_client.get(letter.easy_read_pdf).content.startswith(b"%PDF")
    # The review is on the reviewers' worklist.
    assert review.due_on == today + dt.timedelta(days=14)


def test_an_anonymous_complaint_is_accepted_and_says_no_reply_can_be_sent(officer_client):
    client = Client()
    response = client.post(reverse("complain:start"), {
        "procedure": "corporate", "made_by": "anonymous", "what_happened": "The bins were not collected.",
        **_date("matter_on", timezone.localdate()),
    })  # fmt: skip
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert not complaint.can_reply
    assert complaint.procedure == "corporate"
    assert "we cannot reply to you" in client.get(reverse("complain:sent")).content.decode()
    page = officer_client.get(reverse("complaints:complaint", kwargs={"pk": complaint.pk})).content.decode()
    assert "no reply can be sent" in page


def test_a_named_complaint_with_no_way_to_reply_is_refused_with_a_clear_message():
    client = Client()
    response = client.post(reverse("complain:start"), {
        "procedure": "statutory", "made_by": "on_behalf", "complainant_name": "Jo Bloggs",
        "what_happened": "My mother's carers keep missing visits.", **_date("matter_on", timezone.localdate()),
    })  # fmt: skip
    assert response.status_code == 200
    assert "so we can reply to you" in response.content.decode()
    assert not Complaint.objects.exists()


def test_text_and_dates_are_bounded():
    client = Client()
    response = client.post(reverse("complain:start"), {
        "procedure": "statutory", "made_by": "anonymous", "what_happened": "x" * 5001,
        **_date("matter_on", timezone.localdate() + dt.timedelta(days=3)),
    })  # fmt: skip
    page = response.content.decode()
    assert "5,000 characters or fewer" in page
    assert "today or in the past" in page
    response = client.post(reverse("complain:start"), {
        "procedure": "statutory", "made_by": "anonymous", "what_happened": "Something",
        **_date("matter_on", dt.date(1990, 1, 1)),
    })  # fmt: skip
    assert "When it happened must be between" in response.content.decode()
    assert not Complaint.objects.exists()


def test_staff_record_a_late_complaint_only_with_the_reason_it_is_taken(social_worker_client, person):
    today = timezone.localdate()
    data = {"procedure": "statutory", "made_by": "person", "what_happened": "My assessment was wrong.",
            **_date("received_on", today), **_date("matter_on", today - dt.timedelta(days=500))}  # fmt: skip
    url = reverse("complaints:record", kwargs={"pk": person.pk})
    response = social_worker_client.post(url, data)
    assert response.status_code == 200
    assert "This complaint is late" in response.content.decode()
    assert not Complaint.objects.exists()
    data["waiver_reason"] = "She was in hospital for a year; the records are all still here."
    assert social_worker_client.post(url, data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.late
    assert complaint.waiver_reason.startswith("She was in hospital")


def test_extending_the_response_period_needs_agreement(officer_client, citizen, person):
    from ownway.complaints.services import (
        AcknowledgementData,
        ComplaintData,
        complaint_acknowledge,
        complaint_make_online,
    )

    today = timezone.localdate()
    complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
        what_happened="Late payments", matter_on=today))  # fmt: skip
    from ownway.accounts.models import User

    user = User.objects.get(username="complaints_officer")
    complaint_acknowledge(actor=user, complaint=complaint, data=AcknowledgementData(
        acknowledged_on=today, how="Email", discussion_offered=True))  # fmt: skip
    due = complaint.respond_by
    url = reverse("complaints:complaint", kwargs={"pk": complaint.pk})
    later = due + dt.timedelta(days=30)
    response = officer_client.post(url, {"action": "extend", **_date("extend-new_due", later),
                                         "extend-reason": "Waiting for the provider's records",
                                         "extend-agreed_with": "Ada, by phone"})  # fmt: skip
    assert "must agree" in response.content.decode()
    response = officer_client.post(url, {"action": "extend", **_date("extend-new_due", later),
                                         "extend-reason": "Waiting for the provider's records",
                                         "extend-agreed_with": "Ada, by phone", "extend-agreed": "on"})  # fmt: skip
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.respond_by == later
    assert complaint.extensions.get().old_due == due


def test_only_the_complaints_team_and_those_involved_see_a_complaint(citizen, person, other_team_person):
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory
    from ownway.complaints.services import ComplaintData, complaint_make_online

    complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
        what_happened="Late payments", matter_on=timezone.localdate()))  # fmt: skip
    outsider = UserFactory(username="outsider", role=Role.TEAM_MANAGER, team=other_team_person.team)
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("complaints:complaint", kwargs={"pk": complaint.pk})).status_code == 403
    assert complaint.reference not in client.get(reverse("complaints:worklist")).content.decode()


def test_a_safeguarding_concern_is_raised_from_a_complaint(officer_client, citizen, person):
    from ownway.complaints.services import ComplaintData, complaint_make_online
    from ownway.safeguarding.models import Concern

    complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
        what_happened="My carer takes money from my purse", matter_on=timezone.localdate()))  # fmt: skip
    url = reverse("complaints:complaint", kwargs={"pk": complaint.pk})
    assert "Raise a safeguarding concern" in officer_client.get(url).content.decode()
    response = officer_client.post(url, {"action": "concern", "concern-what_happened": ""})
    assert "Say what is happening" in response.content.decode()
    assert not Concern.objects.exists()
    response = officer_client.post(
        url, {"action": "concern", "concern-what_happened": "She says her carer takes money from her purse"}
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.person == person
    assert concern.what_happened.startswith(f"From complaint {complaint.reference}")
    complaint.refresh_from_db()
    assert complaint.concern == concern


def test_the_council_may_decline_a_late_complaint_with_its_reason(officer_client, citizen, citizen_client, person):
    from ownway.complaints.services import ComplaintData, complaint_make_online

    today = timezone.localdate()
    complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
        what_happened="A visit was missed", matter_on=today - dt.timedelta(days=800)))  # fmt: skip
    assert complaint.late
    assert complaint.status == Status.RECEIVED
    url = reverse("complaints:complaint", kwargs={"pk": complaint.pk})
    response = officer_client.post(url, {"action": "acknowledge", **_date("ack-acknowledged_on", today),
                                         "ack-how": "Email", "ack-discussion_offered": "on"})  # fmt: skip
    assert "This complaint was made late" in response.content.decode()
    response = officer_client.post(url, {"action": "decline", "decline-not_taken_reason": "The provider has closed "
                                         "and its records are gone: a fair investigation is not possible"})  # fmt: skip
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.NOT_TAKEN
    page = citizen_client.get(reverse("complain:response", kwargs={"pk": complaint.pk})).content.decode()
    assert "a fair investigation is not possible" in page
