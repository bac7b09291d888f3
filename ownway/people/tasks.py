"""Background work for person records: emailing a letter, and emailing an invitation to set up an online account.

A letter is recorded in the request that writes it (:func:`ownway.people.services.letter_send`); the email
that carries it goes from a job, so a slow or unreachable mail server neither slows the page nor loses the
letter: the job is retried, later each time, and a letter whose email could not be sent shows so on its
record (and to administrators, with the error, on the background work page).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from ownway.jobs.services import JobContext, job_task

from .models import AccountInvitation, Letter

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


def invitation_token_digest(secret: str) -> str:
    """What is kept of an account set-up link's secret: its SHA-256 digest, never the secret itself."""
    return hashlib.sha256(secret.encode()).hexdigest()


def account_set_up_link(secret: str) -> str:
    """The full address of an invitation's set-up page, for emails and letters."""
    return f"{settings.OWNWAY_SITE_URL}{reverse('account_set_up:set_up', kwargs={'token': secret})}"


@job_task(max_attempts=5)
def account_invitation_email(context: JobContext, *, invitation_id: int) -> dict[str, Any]:
    """Email a person the link to set up their online account.

    The link's secret is made here, and only its digest is kept on the invitation, so neither the queue of
    background work nor the job's record ever holds a link that works. Once: an invitation already emailed is not
    emailed again when the job is run again; one used, ended by a newer invitation, or expired is not sent. Run
    again after an email that may have gone, a new secret replaces the old, so only the newest link works.
    """
    with transaction.atomic():
        invitation = AccountInvitation.objects.select_for_update().select_related("person").get(pk=invitation_id)
        if invitation.emailed_at is not None:
            return {"emailed": False, "already_emailed_at": invitation.emailed_at.isoformat()}
        if invitation.used_at is not None or invitation.revoked_at is not None:
            return {"emailed": False, "why": "The invitation was used or replaced by a newer one before it went"}
        if invitation.expires_at <= timezone.now():
            return {"emailed": False, "why": "The invitation expired before it could be emailed"}
        secret = secrets.token_urlsafe(32)
        invitation.token_digest = invitation_token_digest(secret)
        invitation.save(update_fields=["token_digest"])
    person = invitation.person
    days = int(settings.OWNWAY_ACCOUNT_INVITATION_DAYS)
    EmailMessage(
        subject=f"Set up your online account with {settings.OWNWAY_COUNCIL_NAME}",
        body=(
            f"Dear {person.preferred_name or person.first_name},\n\n"
            "You can now have an online account with adult social care. With it you can see your assessment, "
            "your budget, your support plan and what you pay, and tell us when something changes.\n\n"
            f"To set it up, open this link within {days} days. You will need your date of birth, and you will "
            f"choose a password:\n\n{account_set_up_link(secret)}\n\n"
            "The link works once. If it has run out, or you did not ask for an account, call us on "
            f"{settings.OWNWAY_COUNCIL_PHONE}.\n"
        ),
        to=[invitation.sent_to],
    ).send()
    AccountInvitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now())
    return {"emailed": True, "to": invitation.sent_to}
