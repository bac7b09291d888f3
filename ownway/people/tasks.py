"""Background work for person records: emailing a letter.

A letter is recorded in the request that writes it (:func:`ownway.people.services.letter_send`); the email
that carries it goes from a job, so a slow or unreachable mail server neither slows the page nor loses the
letter: the job is retried, later each time, and a letter whose email could not be sent shows so on its
record (and to administrators, with the error, on the background work page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string

from ownway.jobs.services import JobContext, job_task

from .models import Letter

#: Makes a letter's PDFs when it is emailed: given the letter and whether the easy read version goes too, the
#: attachments as (file name, PDF). A module-level function, named by its dotted path in the job.
LetterPdfs = Callable[[Letter, bool], list[tuple[str, bytes]]]


def pdfs_path(pdfs: LetterPdfs) -> str:
    """The dotted path the job finds the PDF maker by; it must be a module-level function of Ownway's."""
    path = f"{pdfs.__module__}.{pdfs.__qualname__}"
    if not path.startswith("ownway.") or "<" in path:
        raise ValueError(f"{path} is not a module-level function of Ownway's, so a job cannot find it")
    return path


@job_task(max_attempts=5)
def letter_email(context: JobContext, *, letter_id: int, opening: str, pdfs: str) -> dict[str, Any]:
    """Email a letter (once: a letter already emailed is not sent again when the job is run again)."""
    letter = Letter.objects.select_related("person").get(pk=letter_id)
    if letter.emailed_at is not None:
        return {"emailed": False, "already_emailed_at": letter.emailed_at.isoformat()}
    if not pdfs.startswith("ownway."):
        raise ValueError(f"{pdfs} is not a function of Ownway's")
    maker: LetterPdfs = import_string(pdfs)
    person = letter.person
    council = settings.OWNWAY_COUNCIL_NAME
    message = EmailMessage(
        subject=f"{letter.about} ({person.reference})",
        body=(
            f"Dear {person.preferred_name or person.first_name},\n\n{opening}\n\n"
            f"Your letter from {council} is attached{' (and an easy read version)' if letter.easy_read else ''}."
            f"\n\nIf you have questions, or you think something is wrong, reply to this email or call us on "
            f"{settings.OWNWAY_COUNCIL_PHONE}.\n"
        ),
        to=[letter.sent_to],
    )
    for name, content in maker(letter, letter.easy_read):
        message.attach(name, content, "application/pdf")
    message.send()
    Letter.objects.filter(pk=letter.pk).update(emailed_at=timezone.now())
    return {"emailed": True, "to": letter.sent_to}
