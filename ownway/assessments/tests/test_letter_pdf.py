"""The decision letter as a PDF, plain and easy read: a real PDF that says what the page says."""

import io

import pytest
from pypdf import PdfReader

from ownway.accounts import events as account_events
from ownway.accounts.models import AuditEvent
from ownway.assessments import events
from ownway.assessments.services import (
    assessment_record_outcome,
    assessment_start,
    assessment_update,
    eligibility_determine,
)


def _decided(actor, person, *, differs=False, carer=False):
    assessment = assessment_start(actor=actor, person=person, kind="carer" if carer else "needs")
    if carer:
        answers = {"arises_from_providing_necessary_care": True, "health_deteriorating_or_at_risk": True,
                   "significant_impact_on_wellbeing": True}  # fmt: skip
        outcome = "recreation"
    else:
        answers = {"arises_from_impairment_or_illness": True, "significant_impact_on_wellbeing": True}
        outcome = "nutrition"
    assessment_update(actor=actor, assessment=assessment, answers={"own_words": "I want to cook again.", **answers})
    assessment_record_outcome(actor=actor, assessment=assessment, outcome=outcome, unable_without_assistance=True)
    assessment_record_outcome(
        actor=actor, assessment=assessment, outcome="relationships", significant_pain_distress_or_anxiety=True
    )
    reason = "Her daughter has moved in and now cooks every day, so the needs are met." if differs else ""
    eligibility_determine(actor=actor, assessment=assessment, practitioner_differs=differs, reason=reason)
    return assessment


def _squeezed(text):
    """Text without its spaces: where a PDF breaks a line ("reg 2(1)" / "(c)") is not what it says."""
    return "".join(text.split())


def _text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


@pytest.fixture
def person(person):
    person.address_line_1 = "12 Lime Grove"
    person.town = "Ownway"
    person.postcode = "OW2 3CD"
    person.save()
    return person


def test_the_plain_english_letter(social_worker_client, social_worker, person, settings):
    assessment = _decided(social_worker, person)
    response = social_worker_client.get(f"/assessments/{assessment.pk}/letter.pdf")
    reader, text = _text(response)
    assert response["Content-Disposition"] == f'inline; filename="decision-letter-{person.reference}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert reader.metadata.title == "Your assessment: our decision"
    page = reader.pages[0].mediabox
    assert (round(page.width / 72 * 25.4), round(page.height / 72 * 25.4)) == (210, 297)  # A4, in mm
    # The letterhead, the address block, the date and the reference.
    assert settings.OWNWAY_COUNCIL_NAME in text
    assert "Ada Lovelace 12 Lime Grove Ownway OW2 3CD" in text
    assert f"Our reference: {person.reference}" in text
    assert f"Our reference {person.reference} Page 1 of" in text  # the footer of every page
    # The decision and the reasons, as on the page.
    assert "Dear Ada," in text
    assert "You have eligible needs for care and support." in text
    determination = assessment.determinations.get()
    assert len(determination.letter_reasons) >= 5
    for reason in determination.letter_reasons:  # said to the person: "You are unable to…"
        assert _squeezed(reason) in _squeezed(text)
    assert "Sam Social" in text
    # The download is audited, with the reading of the record.
    event = AuditEvent.objects.get(action=events.LETTER_DOWNLOADED)
    assert (event.actor, event.person) == (social_worker, person)
    assert event.new == {"assessment": assessment.pk, "version": "plain"}


def test_a_worker_who_differs_gives_the_reason_in_the_letter(social_worker_client, social_worker, person):
    assessment = _decided(social_worker, person, differs=True, carer=True)
    reader, text = _text(social_worker_client.get(f"/assessments/{assessment.pk}/letter.pdf"))
    assert reader.metadata.title == "Your carer's assessment: our decision"
    assert "Your needs do not meet the national eligibility criteria." in text
    assert _squeezed("Your worker's reasons: “Her daughter has moved in and now cooks every day") in _squeezed(text)


def test_the_easy_read_letter(social_worker_client, social_worker, person):
    assessment = _decided(social_worker, person)
    response = social_worker_client.get(f"/assessments/{assessment.pk}/letter/easy-read.pdf")
    reader, text = _text(response)
    assert response["Content-Disposition"] == f'inline; filename="easy-read-decision-letter-{person.reference}.pdf"'
    assert reader.metadata.title == "Your assessment (easy read)"
    assert "Hello Ada." in text
    assert "We can help you." in text
    assert "Things that are hard for you" in text
    assert "Eating and drinking enough" in text
    assert "Seeing family and friends" in text
    assert "Tell your worker, Sam Social. We will look again." in text
    assert f"Our reference: {person.reference}" in text
    assert AuditEvent.objects.get(action=events.LETTER_DOWNLOADED).new["version"] == "easy_read"


def test_easy_read_type_is_large_and_large_print_is_honoured(social_worker, person):
    from ownway.assessments.selectors import decision_letter_get_for_user
    from ownway.ui.pdf import render_html

    assessment = _decided(social_worker, person)
    letter = decision_letter_get_for_user(user=social_worker, pk=assessment.pk)
    context = {"assessment": letter.assessment, "determination": letter.determination,
               "not_achieved": letter.not_achieved}  # fmt: skip
    assert '<body class="easy-read">' in render_html(
        "assessments/letter_pdf.html", {**context, "easy_read_version": True}
    )
    assert '<body class="">' in render_html("assessments/letter_pdf.html", {**context, "easy_read_version": False})
    letter.assessment.person.needs_large_print = True
    assert '<body class="large-print">' in render_html(
        "assessments/letter_pdf.html", {**context, "easy_read_version": False}
    )


def test_the_letter_pages_link_to_the_pdfs(social_worker_client, social_worker, person):
    assessment = _decided(social_worker, person)
    page = social_worker_client.get(f"/assessments/{assessment.pk}/letter/").content.decode()
    assert f'href="/assessments/{assessment.pk}/letter.pdf"' in page
    assert "You have eligible needs for care and support." in page
    page = social_worker_client.get(f"/assessments/{assessment.pk}/letter/easy-read/").content.decode()
    assert f'href="/assessments/{assessment.pk}/letter/easy-read.pdf"' in page
    assert "Things that are hard for you" in page
    assert not AuditEvent.objects.filter(action=events.LETTER_DOWNLOADED).exists()  # reading the page is not a copy


def test_the_person_may_download_their_own_letter(citizen_client, social_worker, person):
    assessment = _decided(social_worker, person)
    _reader, text = _text(citizen_client.get(f"/assessments/{assessment.pk}/letter.pdf"))
    assert "Dear Ada," in text


@pytest.mark.parametrize("path", ["letter.pdf", "letter/easy-read.pdf"])
def test_refused_without_access_and_the_refusal_audited(
    client, path, commissioner_client, social_worker, team_manager, other_team, person
):
    assessment = _decided(social_worker, person)
    url = f"/assessments/{assessment.pk}/{path}"
    team_manager.team = other_team
    team_manager.save()
    client.force_login(team_manager)
    response = client.get(url)
    assert response.status_code == 403
    assert not response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=account_events.ACCESS_REFUSED, actor=team_manager, person=person).exists()
    assert commissioner_client.get(url).status_code == 403
    assert not AuditEvent.objects.filter(action=events.LETTER_DOWNLOADED).exists()


def test_signing_in_is_needed(client, social_worker, person):
    assessment = _decided(social_worker, person)
    response = client.get(f"/assessments/{assessment.pk}/letter.pdf")
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next=/assessments/{assessment.pk}/letter.pdf"


def test_no_letter_before_a_decision(social_worker_client, social_worker, person):
    assessment = assessment_start(actor=social_worker, person=person)
    assert social_worker_client.get(f"/assessments/{assessment.pk}/letter.pdf").status_code == 404
    assert social_worker_client.get("/assessments/999999/letter.pdf").status_code == 404
