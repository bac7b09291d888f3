"""The survey on paper: a printable PDF (plain English or easy read) with a box to tick for each answer, sent
with the letter asking the person to answer and downloadable from their pages; a worker keys the answers in."""

from __future__ import annotations

from django.utils import timezone

from ownway.people.models import Letter
from ownway.ui.pdf import render_pdf

from .models import SurveyInvitation


def survey_pdf(invitation: SurveyInvitation, *, easy_read: bool) -> bytes:
    questions = list(invitation.version.questions.order_by("position"))
    return render_pdf(
        "surveys/survey_pdf.html",
        {"invitation": invitation, "person": invitation.person, "questions": questions,
         "easy_read_version": easy_read, "today": timezone.localdate()},
    )  # fmt: skip


def survey_pdfs(letter: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The survey's PDFs, for the email that carries the letter (its subject is the invitation)."""
    invitation = SurveyInvitation.objects.select_related("person", "version", "survey").get(pk=letter.subject_id)
    reference = invitation.person.reference
    files = [(f"survey-{reference}.pdf", survey_pdf(invitation, easy_read=False))]
    if easy_read_too:
        files.append((f"survey-{reference}-easy-read.pdf", survey_pdf(invitation, easy_read=True)))
    return files
