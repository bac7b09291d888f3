"""The person is told their indicative budget, and the answer to an appeal, by the way they chose."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from ownway.accounts.models import AuditEvent
from ownway.allocation.services import budget_appeal_decide, budget_appeal_raise, indicative_budget_calculate
from ownway.allocation.tests.services.test_budget_services import _answers
from ownway.jobs.worker import run_queued
from ownway.people.models import Letter

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def by_email(person):
    person.email = "ada@example.com"
    person.letters_by = "email"
    person.save()
    return person


def test_a_budget_set_is_emailed_to_the_person_with_the_letter_in_plain_english(
    social_worker, by_email, completed_assessment, django_capture_on_commit_callbacks, settings
):
    settings.OWNWAY_PLANNING_CONTACT_DAYS = 10
    with django_capture_on_commit_callbacks(execute=True):
        budget = indicative_budget_calculate(
            actor=social_worker,
            person=by_email,
            answers=_answers(completed_assessment),
            assessment=completed_assessment,
        )
    letter = Letter.objects.get(person=by_email)
    assert letter.about == "Your indicative budget"
    assert letter.method == "email"
    assert letter.sent_to == "ada@example.com"
    assert letter.page == f"/budgets/{budget.pk}/"
    assert AuditEvent.objects.filter(action="people.letter_sent", person=by_email).exists()
    assert (mail.outbox, letter.email_state) == ([], "sending")  # recorded now, emailed by a job
    run_queued()
    letter.refresh_from_db()
    assert letter.email_state == "sent"
    (message,) = mail.outbox
    assert message.to == ["ada@example.com"]
    assert "budget" in message.subject.lower()
    assert "Dear Ada" in message.body
    ((name, content, kind),) = message.attachments
    assert kind == "application/pdf"
    assert name == f"indicative-budget-{by_email.reference}.pdf"
    text = _pdf_text(content)
    assert "£90.00 a week" in text  # the amount
    assert "for your support" in text  # what it is for
    by = timezone.localdate() + dt.timedelta(days=10)
    assert f"by {by.day} {by:%B %Y}" in text  # what happens next, and by when
    assert "look at it again" in text  # how to appeal
    assert "within 28 days" in text


def test_by_post_the_letter_is_kept_with_the_address_and_nothing_is_emailed(
    social_worker, person, completed_assessment, django_capture_on_commit_callbacks
):
    person.address_line_1, person.town, person.postcode = "1 Canal Street", "Birmingham", "B1 1BB"
    person.email = "ada@example.com"  # has an email address, but chose letters by post
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        indicative_budget_calculate(actor=social_worker, person=person, answers=_answers(completed_assessment))
    run_queued()
    letter = Letter.objects.get(person=person)
    assert letter.method == "post"
    assert letter.sent_to == "1 Canal Street, Birmingham, B1 1BB"
    assert mail.outbox == []


def test_easy_read_goes_too_when_the_person_needs_it(
    social_worker, by_email, completed_assessment, django_capture_on_commit_callbacks
):
    by_email.needs_easy_read = True
    by_email.save()
    with django_capture_on_commit_callbacks(execute=True):
        indicative_budget_calculate(actor=social_worker, person=by_email, answers=_answers(completed_assessment))
    run_queued()
    names = [name for name, _content, _kind in mail.outbox[0].attachments]
    assert names == [
        f"indicative-budget-{by_email.reference}.pdf",
        f"easy-read-indicative-budget-{by_email.reference}.pdf",
    ]
    assert "You can have about £90.00 each week" in _pdf_text(mail.outbox[0].attachments[1][1])


def test_the_answer_to_an_appeal_is_sent_too(
    social_worker, team_manager, citizen, by_email, completed_assessment, django_capture_on_commit_callbacks
):
    budget = indicative_budget_calculate(actor=social_worker, person=by_email, answers=_answers(completed_assessment))
    appeal = budget_appeal_raise(actor=citizen, budget=budget, reasons="I need help at night too")
    run_queued()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        budget_appeal_decide(
            actor=team_manager,
            appeal=appeal,
            upheld=True,
            reasons="Help at night is needed",
            revised_weekly_amount="150",
        )
    letter = Letter.objects.filter(person=by_email).order_by("-id").first()
    assert letter.about == "We looked at your budget again"
    run_queued()
    (message,) = mail.outbox
    text = _pdf_text(message.attachments[0][1])
    assert "£150.00 a week" in text
    assert "it was £90.00" in text
    assert "Help at night is needed" in text
    assert "Local Government and Social Care Ombudsman" in text


def test_the_person_finds_their_letters_on_their_home_page(
    social_worker, citizen, citizen_client, person, completed_assessment
):
    budget = indicative_budget_calculate(actor=social_worker, person=person, answers=_answers(completed_assessment))
    page = citizen_client.get("/").content.decode()
    assert "Your indicative budget" in page
    assert f'href="/budgets/{budget.pk}/"' in page
    assert f'href="/budgets/{budget.pk}/letter.pdf"' in page
