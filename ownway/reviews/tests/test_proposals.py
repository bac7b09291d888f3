"""Review with the person, not at them: the person proposes changes to their plan online and sees their worker's
answer; the worker agrees (and it is taken into a new version of the plan, or a review is opened) or explains why
not; the person is told by letter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.people.models import Letter
from ownway.people.tests.factories import PersonFactory
from ownway.planning.models import PlanStatus
from ownway.reviews.models import PlanProposal, ProposalStatus, Review, ReviewStatus
from ownway.reviews.rules import ReviewReason
from ownway.reviews.selectors_proposals import proposal_counts
from ownway.reviews.services_proposals import MAX_OPEN, REVIEW_WITHIN_DAYS, plan_proposal_answer, plan_proposal_make


def _make(citizen, words="I want to go swimming once a week", kind="outcome", line_id=None) -> PlanProposal:
    return plan_proposal_make(actor=citizen, kind=kind, words=words, line_id=line_id)


def test_the_person_proposes_a_new_outcome_and_the_worker_takes_it_into_a_new_version(approved, citizen, social_worker):
    plan, version = approved
    proposal = _make(citizen)
    assert proposal.status == ProposalStatus.OPEN
    assert proposal_counts(user=social_worker) == (1, 1)
    plan_proposal_answer(actor=social_worker, proposal=proposal, agree=True, next_step="next_version",
                         reply="Good idea: let's find a session near you")  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    draft = proposal.version
    assert draft.status == PlanStatus.DRAFT
    assert draft.number == version.number + 1
    assert list(draft.outcomes.order_by("position").values_list("own_words", flat=True))[-1] == (
        "I want to go swimming once a week"
    )
    # The person is told, by the letter path every service uses.
    letter = Letter.objects.filter(person=plan.person, subject_id=str(proposal.pk)).get()
    assert letter.about == "Your worker has answered your idea for your plan"
    assert proposal_counts(user=social_worker) == (0, 0)


def test_a_second_agreed_proposal_goes_into_the_same_draft(approved, citizen, social_worker):
    first, second = _make(citizen), _make(citizen, words="I want to see my grandson on Sundays")
    plan_proposal_answer(actor=social_worker, proposal=first, agree=True, next_step="next_version")
    plan_proposal_answer(actor=social_worker, proposal=second, agree=True, next_step="next_version")
    assert first.version_id == second.version_id
    assert first.version.outcomes.count() == 4


def test_agreeing_with_a_review_opens_one_the_person_asked_for(approved, citizen, social_worker):
    plan, _ = approved
    today = dt.date(2026, 5, 1)
    proposal = _make(citizen, kind="other", words="My mornings are too rushed")
    plan_proposal_answer(actor=social_worker, proposal=proposal, agree=True, next_step="review", today=today)
    review = proposal.review
    assert review.reason == ReviewReason.PERSON_ASKED
    assert review.status == ReviewStatus.OPEN
    assert review.due_on == today + dt.timedelta(days=REVIEW_WITHIN_DAYS)
    assert "My mornings are too rushed" in review.request_note
    # A second one agreed the same way joins the review already to hold.
    again = _make(citizen, kind="other", words="And the evenings")
    plan_proposal_answer(actor=social_worker, proposal=again, agree=True, next_step="review", today=today)
    assert again.review_id == review.pk
    assert Review.objects.filter(plan=plan, reason=ReviewReason.PERSON_ASKED).count() == 1


def test_a_change_of_provider_names_a_part_of_the_plan(approved, citizen):
    _, version = approved
    line = version.lines.order_by("pk").first()
    proposal = _make(citizen, kind="provider", words="I would like someone who speaks Polish", line_id=line.pk)
    assert proposal.line == line
    with pytest.raises(ValidationError, match="Choose the part of your support"):
        _make(citizen, kind="provider", words="Someone else", line_id=None)


def test_saying_no_needs_plain_words_the_person_reads(approved, citizen, citizen_client, social_worker):
    proposal = _make(citizen)
    with pytest.raises(ValidationError, match="Say why not"):
        plan_proposal_answer(actor=social_worker, proposal=proposal, agree=False, reply="  ")
    assert PlanProposal.objects.get(pk=proposal.pk).status == ProposalStatus.OPEN
    plan_proposal_answer(actor=social_worker, proposal=proposal, agree=False,
                         reply="The pool is closed until spring. We can look again then.")  # fmt: skip
    page = citizen_client.get(reverse("my_review:proposals")).content.decode()
    assert "Not agreed" in page
    assert "The pool is closed until spring" in page
    pdf = citizen_client.get(reverse("my_review:proposal_letter_pdf", kwargs={"pk": proposal.pk}))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_an_answer_is_given_once(approved, citizen, social_worker):
    from ownway.core.workflow import TransitionRefused

    proposal = _make(citizen)
    plan_proposal_answer(actor=social_worker, proposal=proposal, agree=False, reply="Not now")
    with pytest.raises(TransitionRefused):
        plan_proposal_answer(actor=social_worker, proposal=proposal, agree=True, next_step="review")


def test_bounded_words_and_a_limit_on_proposals_waiting(approved, citizen):
    with pytest.raises(ValidationError, match="2,000 characters or fewer"):
        _make(citizen, words="x" * 2001)
    with pytest.raises(ValidationError, match="in your own words"):
        _make(citizen, words="\x00 ")
    with pytest.raises(ValidationError, match="Choose what you want to change"):
        _make(citizen, kind="budget")
    for n in range(MAX_OPEN):
        _make(citizen, words=f"Idea {n}")
    with pytest.raises(ValidationError, match=f"{MAX_OPEN} ideas waiting"):
        _make(citizen, words="One too many")
    assert PlanProposal.objects.count() == MAX_OPEN


def test_no_one_proposes_on_someone_elses_plan_or_answers_another_teams(
    approved, citizen, social_worker, other_team, team
):
    from ownway.planning.tests.factories import draft_plan

    # A part of someone else's plan is not the person's to change.
    someone = PersonFactory(team=team)
    _, theirs = draft_plan(social_worker, someone)
    with pytest.raises(ValidationError, match="Choose the part of your support"):
        _make(citizen, kind="provider", words="Someone else", line_id=theirs.lines.first().pk)
    # A citizen with no plan of their own has nothing to propose on; staff propose for no one.
    other = UserFactory(role=Role.CITIZEN, team=None, person=someone)
    with pytest.raises(ValidationError, match="do not have a support plan"):
        plan_proposal_make(actor=other, kind="outcome", words="Mine")
    with pytest.raises(PermissionDenied):
        plan_proposal_make(actor=social_worker, kind="outcome", words="For them")
    proposal = _make(citizen)
    other_worker = UserFactory(role=Role.SOCIAL_WORKER, team=other_team)
    with pytest.raises(PermissionDenied):
        plan_proposal_answer(actor=other_worker, proposal=proposal, agree=False, reply="No")
    assert PlanProposal.objects.get(pk=proposal.pk).status == ProposalStatus.OPEN


def test_the_pages_person_proposes_worker_answers(approved, citizen, citizen_client, social_worker_client):
    _, version = approved
    page = citizen_client.get(reverse("my_review:proposal_new")).content.decode()
    assert "A different day at my day service" in page
    # A different day is the day-opportunity request, not a copy of it.
    day = citizen_client.post(reverse("my_review:proposal_new"), {"kind": "day"})
    assert day.status_code == 302
    assert day["Location"] == reverse("dayops:my_days")
    empty = citizen_client.post(reverse("my_review:proposal_new"), {"kind": "outcome", "words": ""}).content.decode()
    assert "Tell us what you want, in your own words" in empty
    sent = citizen_client.post(
        reverse("my_review:proposal_new"), {"kind": "outcome", "words": "I want to learn to cook"}, follow=True
    ).content.decode()
    assert "Your worker has your idea" in sent
    assert "Waiting for your worker" in sent
    home = social_worker_client.get(reverse("home:home")).content.decode()
    assert "Changes people want to their plans" in home
    listing = social_worker_client.get(reverse("reviews:proposals")).content.decode()
    assert "I want to learn to cook" in listing
    proposal = PlanProposal.objects.get()
    url = reverse("reviews:proposal", kwargs={"pk": proposal.pk})
    refused = social_worker_client.post(url, {"answer": "declined", "reply": ""}).content.decode()
    assert "Say why not, in plain words" in refused
    done = social_worker_client.post(url, {"answer": "next_version", "reply": "Yes"}, follow=True).content.decode()
    assert f"It is in version {version.number + 1} of the plan" in done
    mine = citizen_client.get(reverse("my_review:proposals")).content.decode()
    assert "Your worker will change your plan with you" in mine


def test_a_person_without_a_plan_is_told_so(citizen_client, citizen):
    page = citizen_client.get(reverse("my_review:proposals")).content.decode()
    assert "You do not have a support plan yet" in page
    assert citizen_client.get(reverse("my_review:proposal_new")).status_code == 302


def test_someone_elses_proposal_and_its_letter_are_not_found(approved, citizen, other_team_person):
    proposal = _make(citizen)
    stranger = UserFactory(role=Role.CITIZEN, team=None, person=other_team_person)
    client = Client()
    client.force_login(stranger)
    assert client.get(reverse("my_review:proposal_letter_pdf", kwargs={"pk": proposal.pk})).status_code == 404
    assert "swimming" not in client.get(reverse("my_review:proposals")).content.decode()


def test_the_answer_is_emailed_with_the_letter_in_easy_read_too(approved, citizen, social_worker, person, mailoutbox):
    from ownway.jobs.worker import run_queued
    from ownway.people.models import LetterChannel

    person.email, person.letters_by, person.needs_easy_read = "ada@example.com", LetterChannel.EMAIL, True
    person.save(update_fields=["email", "letters_by", "needs_easy_read"])
    proposal = _make(citizen)
    plan_proposal_answer(actor=social_worker, proposal=proposal, agree=True, next_step="review", reply="Let's talk")
    run_queued()
    (email,) = mailoutbox
    assert email.to == ["ada@example.com"]
    names = [name for name, _content, _type in email.attachments]
    assert names == [f"your-idea-{person.reference}.pdf", f"your-idea-{person.reference}-easy-read.pdf"]
    assert all(content.startswith(b"%PDF") for _name, content, _type in email.attachments)
