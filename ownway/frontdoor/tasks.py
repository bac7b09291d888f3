"""Background work for the front door: emailing the acknowledgement of a referral made online.

The referral is recorded in the request that receives it (:func:`~.services.contact_create_from_referral`);
the email saying it arrived goes from a job queued in the same transaction (as letters do, see
:mod:`ownway.people.tasks`), so a slow or unreachable mail server neither slows the public form nor loses the
acknowledgement: the job is retried, later each time, and one that still fails is shown to administrators with
its error on the background work page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from ownway.core.dates import WorkingDays, format_date
from ownway.jobs.services import JobContext, job_task

from .models import Contact

#: Working days within which someone contacts a person who asked for help (the council's own standard, said on
#: the public form and in the acknowledgement).
CONTACT_WITHIN_WORKING_DAYS = 3


@job_task(max_attempts=5)
def contact_acknowledgement_email(context: JobContext, *, contact_id: int) -> dict[str, Any]:
    """Say the request arrived, its reference, what happens next and how to get an online account; once: an
    acknowledgement already sent is not sent again when the job is run again.

    It goes to the address the form gave (the person's own, else the referrer's). Nothing typed into the public
    form (a name, what is happening) is sent back out, so the form cannot be used to send someone else a message
    of the sender's choosing.
    """
    contact = Contact.objects.get(pk=contact_id)
    if contact.acknowledged_at is not None:
        return {"emailed": False, "already_emailed_at": contact.acknowledged_at.isoformat()}
    to = contact.email or contact.referrer_email
    if not to:
        return {"emailed": False, "why": "The referral gave no email address"}
    council = settings.OWNWAY_COUNCIL_NAME
    received = timezone.localdate(contact.received_at)
    by = WorkingDays.for_council(settings.OWNWAY_CLOSED_DAYS).add(received, CONTACT_WITHIN_WORKING_DAYS)
    EmailMessage(
        subject=f"We have your request for help ({contact.reference})",
        body=(
            f"Thank you for asking {council} adult social care for help. Your reference is {contact.reference}.\n\n"
            f"Someone from adult social care will contact you within {CONTACT_WITHIN_WORKING_DAYS} working days (by "
            f"{format_date(by, weekday=True)}) to talk about what is happening and what would help. If someone is in "
            "immediate danger, call 999.\n\n"
            "Getting an online account: once we have talked and made a record for the person who needs help, "
            "ask their worker for a link to set up an online account. With it they can see their assessment, "
            "budget, support plan and what they pay, and tell us when something changes.\n\n"
            f"If you did not send this request, call us on {settings.OWNWAY_COUNCIL_PHONE}.\n"
        ),
        to=[to],
    ).send()
    Contact.objects.filter(pk=contact.pk).update(acknowledged_at=timezone.now())
    return {"emailed": True, "to": to}
