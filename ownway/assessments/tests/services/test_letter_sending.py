"""Sending the decision letter: by email with the PDFs attached, or recorded as posted or handed over."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.assessments import events
from ownway.assessments.models import LetterSending
from ownway.assessments.services import assessment_start, decision_letter_send, eligibility_determine
from ownway.assessments.tests.services.test_assessment_services import _eligible_answers
from ownway.jobs.worker import run_queued


@pytest.fixture
def decided(social_worker, person):
    assessment = assessment_start(actor=social_worker, person=person)
    _eligible_answers(social_worker, assessment)
    eligibility_determine(actor=social_worker, assessment=assessment)
    return assessment


def test_by_email_with_the_letter_attached_after_saving(social_worker, decided, django_capture_on_commit_callbacks):
    person = decided.person
    person.email = "ada@example.com"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        sending = decision_letter_send(actor=social_worker, assessment=decided, method="email", easy_read=True)
    assert sending.sent_to == "ada@example.com"
    assert mail.outbox == []  # the request records the letter and queues the email
    assert sending.email_state == "sending"
    run_queued()
    sending.refresh_from_db()
    assert sending.email_state == "sent"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    assert person.reference in message.subject
    names = [name for name, _content, _type in message.attachments]
    assert names == [f"decision-letter-{person.reference}.pdf", f"easy-read-decision-letter-{person.reference}.pdf"]
    assert all(content.startswith(b"%PDF") for _name, content, _type in message.attachments)
    assert AuditEvent.objects.filter(action=events.LETTER_SENT, person=person).exists()


def test_by_post_records_the_address(social_worker, decided):
    person = decided.person
    person.address_line_1, person.town, person.postcode = "1 Canal Street", "Birmingham", "B1 1BB"
    person.save()
    sending = decision_letter_send(actor=social_worker, assessment=decided, method="post")
    assert sending.sent_to == "1 Canal Street, Birmingham, B1 1BB"
    assert len(mail.outbox) == 0


def test_easy_read_goes_when_the_record_asks_for_it(social_worker, decided):
    decided.person.needs_easy_read = True
    decided.person.save()
    assert decision_letter_send(actor=social_worker, assessment=decided, method="by_hand").easy_read


def test_specific_messages_and_nothing_recorded(social_worker, decided, person, broker):
    person.email = ""
    person.address_line_1 = person.address_line_2 = person.town = person.postcode = ""
    person.save()
    with pytest.raises(ValidationError, match="has no email address"):
        decision_letter_send(actor=social_worker, assessment=decided, method="email")
    with pytest.raises(ValidationError, match="has no postal address"):
        decision_letter_send(actor=social_worker, assessment=decided, method="post")
    with pytest.raises(ValidationError, match="Choose how the letter is sent"):
        decision_letter_send(actor=social_worker, assessment=decided, method="pigeon")
    with pytest.raises(PermissionDenied):
        decision_letter_send(actor=broker, assessment=decided, method="by_hand")
    assert not LetterSending.objects.exists()
    assert len(mail.outbox) == 0


def test_not_before_the_decision(social_worker, person):
    assessment = assessment_start(actor=social_worker, person=person)
    with pytest.raises(ValidationError, match="Decide eligibility before sending"):
        decision_letter_send(actor=social_worker, assessment=assessment, method="by_hand")


def test_the_send_page(social_worker_client, decided):
    page = social_worker_client.get(f"/assessments/{decided.pk}/letter/send/").content.decode()
    assert "How will the letter go to them?" in page
    response = social_worker_client.post(f"/assessments/{decided.pk}/letter/send/", {})
    assert "Choose how the letter is sent" in response.content.decode()
    response = social_worker_client.post(f"/assessments/{decided.pk}/letter/send/", {"method": "by_hand"})
    assert response.status_code == 302
    tasks = social_worker_client.get(f"/assessments/{decided.pk}/").content.decode()
    assert "given by hand" in tasks


def test_the_citizen_finds_the_letter_on_their_home_page(social_worker, decided, citizen_client):
    decision_letter_send(actor=social_worker, assessment=decided, method="by_hand")
    page = citizen_client.get("/").content.decode()
    assert "Letters we have sent you" in page
    assert f"/assessments/{decided.pk}/letter/" in page
    letter = citizen_client.get(f"/assessments/{decided.pk}/letter/")
    assert letter.status_code == 200


def _chosen(page: str) -> list[str]:
    """The ways of sending already chosen on the page (checked radios of the method question)."""
    import re

    return re.findall(r'<input[^>]*name="method"[^>]*value="([a-z_]+)"[^>]*checked', page)


def test_the_send_page_starts_with_the_way_the_person_chose_and_it_can_be_changed(
    social_worker_client, decided, person
):
    """The letter goes the way the person asked for their letters (as every other letter does,
    ``people.services.letter_send``), unless the worker chooses another way for this one."""
    url = f"/assessments/{decided.pk}/letter/send/"
    person.email, person.letters_by = "ada@example.com", "email"
    person.address_line_1, person.town, person.postcode = "1 Canal Street", "Birmingham", "B1 1BB"
    person.save()
    page = social_worker_client.get(url).content.decode()
    assert _chosen(page) == ["email"]
    assert "They asked for letters by email" in page
    person.letters_by = "post"
    person.save()
    assert _chosen(social_worker_client.get(url).content.decode()) == ["post"]
    # Email chosen with no email address on the record: by post, as their other letters go.
    person.email, person.letters_by = "", "email"
    person.save()
    assert _chosen(social_worker_client.get(url).content.decode()) == ["post"]
    # Neither address: the worker chooses.
    person.address_line_1 = person.town = person.postcode = ""
    person.save()
    assert _chosen(social_worker_client.get(url).content.decode()) == []
    # Still the worker's choice: handed over in person this time.
    response = social_worker_client.post(url, {"method": "by_hand"})
    assert response.status_code == 302
    assert LetterSending.objects.get().method == "by_hand"
