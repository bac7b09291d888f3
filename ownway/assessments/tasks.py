"""Background work for assessments: emailing a decision letter (see :mod:`ownway.people.tasks` for why)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from ownway.jobs.services import JobContext, job_task
from ownway.ui.pdf import render_pdf

from .models import LetterSending
from .selectors import decision_letter_of


@job_task(max_attempts=5)
def decision_letter_email(context: JobContext, *, sending_id: int) -> dict[str, Any]:
    """Email the decision letter as a PDF attachment (and the easy read one); the body is plain English.
    Once: a letter already emailed is not sent again when the job is run again."""
    sending = LetterSending.objects.select_related("determination__assessment__person").get(pk=sending_id)
    if sending.emailed_at is not None:
        return {"emailed": False, "already_emailed_at": sending.emailed_at.isoformat()}
    determination = sending.determination
    assessment = determination.assessment
    person = assessment.person
    message = EmailMessage(
        subject=f"Your assessment: our decision ({person.reference})",
        body=(
            f"Dear {person.preferred_name or person.first_name},\n\n"
            f"Your letter from {settings.OWNWAY_COUNCIL_NAME} about your assessment is attached. It says what we "
            "decided and why.\n\nIf you have questions, or you think we got something wrong, reply to this email "
            f"or call us on {settings.OWNWAY_COUNCIL_PHONE}.\n"
        ),
        to=[sending.sent_to],
    )
    letter = decision_letter_of(assessment, determination)
    versions = [False, True] if sending.easy_read else [False]
    for easy_read in versions:
        pdf = render_pdf("assessments/letter_pdf.html", letter.pdf_context(easy_read=easy_read))
        name = f"{'easy-read-' if easy_read else ''}decision-letter-{person.reference}.pdf"
        message.attach(name, pdf, "application/pdf")
    message.send()
    LetterSending.objects.filter(pk=sending.pk).update(emailed_at=timezone.now())
    return {"emailed": True, "to": sending.sent_to}
