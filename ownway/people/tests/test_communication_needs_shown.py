"""A person's main language and interpreter need show beside their name on the worklists and at the top of every
letter to them ("An interpreter is needed: Hindi"), so no one meets or writes to them without knowing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ownway.assessments.services import assessment_start
from ownway.assessments.tests.test_letters_to_the_person import _decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs_interpreter(person):
    person.needs_interpreter, person.language, person.needs_bsl = True, "Hindi", False
    person.save()
    return person


def test_the_caseload_and_the_search_show_the_interpreter_need(social_worker_client, social_worker, needs_interpreter):
    needs_interpreter.named_worker = social_worker
    needs_interpreter.save()
    caseload = social_worker_client.get(reverse("people:caseload")).content.decode()
    assert "Interpreter needed: Hindi" in caseload
    found = social_worker_client.get(reverse("people:search"), {"q": "Lovelace"}).content.decode()
    assert "Interpreter needed: Hindi" in found


def test_an_assessment_on_the_workers_list_and_its_letter_say_an_interpreter_is_needed(
    social_worker_client, social_worker, needs_interpreter
):
    assessment = assessment_start(actor=social_worker, person=needs_interpreter, kind="needs")
    assert "Interpreter needed: Hindi" in social_worker_client.get(reverse("assessments:my_work")).content.decode()
    assessment.delete()
    assessment = _decided(social_worker, needs_interpreter)
    response = social_worker_client.get(f"/assessments/{assessment.pk}/letter.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "An interpreter is needed: Hindi." in text
    assert "If you would like someone to read this letter to you in Hindi, call us on" in text


def test_no_note_for_someone_who_needs_no_interpreter(social_worker_client, social_worker, person):
    assessment = _decided(social_worker, person)
    response = social_worker_client.get(f"/assessments/{assessment.pk}/letter.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "interpreter" not in text
    assert "Interpreter needed" not in social_worker_client.get(reverse("assessments:my_work")).content.decode()
