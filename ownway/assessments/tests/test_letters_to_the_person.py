"""Decision letters speak to the person: "you", the worker's notes quoted, what happens next and by when.

Every decision letter (plain and easy read, page, PDF and email attachment; adults' and carers') says
what to do next, that a complaint is made within 12 months (SI 2009/309 reg 12), and that the Local
Government and Social Care Ombudsman is there if the complaint is not resolved. A letter about needs
that are not eligible never says the council cannot help: it may still meet them (Care Act 2014 s.19).
"""

import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from ownway.assessments.services import (
    assessment_record_outcome,
    assessment_start,
    assessment_update,
    decision_letter_send,
    eligibility_determine,
)
from ownway.jobs.worker import run_queued

NOTE = "She has stopped going to the day centre and rarely eats a hot meal."
REASON = "Her daughter has moved in and now cooks every day, so the needs are met."
THIRD_PERSON = re.compile(r"\b(their needs|they are unable|they are able|their well-being|their health)\b", re.I)


def _decided(actor, person, *, eligible=True, differs=False, carer=False):
    assessment = assessment_start(actor=actor, person=person, kind="carer" if carer else "needs")
    if carer:
        answers = {"arises_from_providing_necessary_care": True, "health_deteriorating_or_at_risk": True,
                   "significant_impact_on_wellbeing": eligible}  # fmt: skip
        outcome = "recreation"
    else:
        answers = {"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": eligible}
        outcome = "nutrition"
    assessment_update(actor=actor, assessment=assessment, answers={"wellbeing_impact": NOTE, **answers})
    assessment_record_outcome(actor=actor, assessment=assessment, outcome=outcome, unable_without_assistance=True)
    assessment_record_outcome(
        actor=actor, assessment=assessment, outcome="relationships", significant_pain_distress_or_anxiety=True
    )
    eligibility_determine(actor=actor, assessment=assessment, practitioner_differs=differs,
                          reason=REASON if differs else "")  # fmt: skip
    return assessment


def _pdf(response):
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def _flat(text):
    return "".join(text.split())


def _every_version(client, assessment):
    """The plain page, the easy read page and both PDFs, as text."""
    base = f"/assessments/{assessment.pk}/letter"
    return {
        "page": client.get(f"{base}/").content.decode(),
        "easy read page": client.get(f"{base}/easy-read/").content.decode(),
        "PDF": _pdf(client.get(f"{base}.pdf")),
        "easy read PDF": _pdf(client.get(f"{base}/easy-read.pdf")),
    }


def _says_what_next_by_when_and_the_ombudsman(text):
    assert "What happens next" in text
    assert "within 12 months" in text
    assert "Ombudsman" in text
    assert "www.lgo.org.uk" in text


def test_the_adults_letter_speaks_to_the_person(social_worker_client, social_worker, person):
    assessment = _decided(social_worker, person)
    versions = _every_version(social_worker_client, assessment)
    for name, text in versions.items():
        assert not THIRD_PERSON.search(text), (name, THIRD_PERSON.search(text))
        _says_what_next_by_when_and_the_ombudsman(text)
    for text in (versions["page"], versions["PDF"]):
        assert "Your needs arise from a physical or mental impairment or illness (reg 2(1)(a))." in text
        assert _flat("You are unable to manage and maintain your nutrition (reg 2(2)(a)): you cannot do it without "
                     "help (including prompting).") in _flat(text)  # fmt: skip
        assert "So your needs meet the eligibility criteria." in text
        assert "Your worker, Sam Social, will contact you to write your support plan with you." in text
    # The worker's note is quoted as their words, not pasted on to a sentence about the law.
    assert f'<blockquote class="govuk-inset-text ownway-quoted-note">“{NOTE}”</blockquote>' in versions["page"]
    assert "What your worker wrote about how this affects your well-being:" in versions["PDF"]
    assert _flat(f"(reg 2(1)(c)). {NOTE}") not in _flat(versions["page"] + versions["PDF"])
    # Easy read: the hard things in plain words said to the person.
    for text in (versions["easy read page"], versions["easy read PDF"]):
        assert "Eating and drinking enough" in text
        assert "Seeing family and friends" in text
        assert "Your worker, Sam Social, will get in touch with you." in text


def test_a_letter_about_needs_that_are_not_eligible_says_the_council_can_still_help(
    social_worker_client, social_worker, person
):
    assessment = _decided(social_worker, person, eligible=False)
    versions = _every_version(social_worker_client, assessment)
    for text in versions.values():
        assert "The law says we cannot pay for support for you now" not in text
        assert "cannot help" not in text.replace("does not mean we cannot help", "")
        _says_what_next_by_when_and_the_ombudsman(text)
    assert (
        "The council can still choose to meet needs that are not eligible (Care Act 2014, section 19)"
        in (versions["page"])
    )
    assert "But the council can still choose to help you." in versions["easy read PDF"]


def test_the_carers_letter_speaks_to_the_carer_and_quotes_the_workers_reasons(
    social_worker_client, social_worker, person
):
    assessment = _decided(social_worker, person, differs=True, carer=True)
    versions = _every_version(social_worker_client, assessment)
    for name, text in versions.items():
        assert not THIRD_PERSON.search(text), name
        _says_what_next_by_when_and_the_ombudsman(text)
    page, pdf = versions["page"], versions["PDF"]
    assert "Your needs arise because you provide necessary care for an adult (reg 3(1)(a))." in page
    assert "You are unable to engage in recreational activities (reg 3(2)(b)(viii))" in page
    assert "Care Act 2014, section 20" in page
    assert "because: " + REASON not in page
    assert f'<blockquote class="govuk-inset-text ownway-quoted-note">“{REASON}”</blockquote>' in page
    assert "Your worker's reasons:" in pdf
    assert _flat(REASON) in _flat(pdf)
    assert "Doing things you enjoy" in versions["easy read page"]


def test_the_emailed_letters_say_the_same(social_worker, person, django_capture_on_commit_callbacks):
    assessment = _decided(social_worker, person)
    person.email = "ada@example.com"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        decision_letter_send(actor=social_worker, assessment=assessment, method="email", easy_read=True)
    run_queued()
    (message,) = mail.outbox
    for _name, content, _type in message.attachments:
        text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())
        assert not THIRD_PERSON.search(text)
        _says_what_next_by_when_and_the_ombudsman(text)


@pytest.mark.parametrize("carer", [False, True], ids=["adult", "carer"])
def test_the_staff_decision_page_keeps_the_note_apart(social_worker_client, social_worker, person, carer):
    assessment = assessment_start(actor=social_worker, person=person, kind="carer" if carer else "needs")
    answers = ({"arises_from_providing_necessary_care": True, "health_deteriorating_or_at_risk": True} if carer
               else {"arises_from_impairment_or_illness": True})  # fmt: skip
    answers = {"wellbeing_impact": NOTE, "significant_impact_on_wellbeing": True, **answers}
    assessment_update(actor=social_worker, assessment=assessment, answers=answers)
    page = social_worker_client.get(f"/assessments/{assessment.pk}/decide/").content.decode()
    assert f"“{NOTE}”</blockquote>" in page
    assert f"). {NOTE}" not in page
