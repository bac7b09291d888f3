"""Telling the person that a review of their direct payment, or of their tier of support at day services, is
coming, by the same letter path as a review of their plan (:mod:`.letters`): a letter the way they chose,
``notice_days`` before the review is due (the council's notice for plan reviews, ``OWNWAY_REVIEW_NOTICE_DAYS``),
saying when and how to take part. Each review is written about once for each date it is due; people who have
died are not written to.

* **Direct payments**: the Care and Support (Direct Payments) Regulations 2014 reg 7(1)(a): a review within 6
  months of the first payment, then at least every 12 months (:func:`ownway.payments.rules.reviews.next_review_due`).
* **Day opportunities**: the review date set with the person's tier (:class:`ownway.dayops.models.TierDecision`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone

from ownway.dayops.models import TierDecision, TierDecisionStatus
from ownway.payments.models import DirectPaymentAgreement
from ownway.payments.rules.reviews import next_review_due
from ownway.people.models import Letter, Person
from ownway.people.services import letter_send
from ownway.ui.pdf import render_pdf

from .models import ReminderKind, ReminderLetter
from .services import review_rules

#: What each letter is called, and its first sentence in the email that carries it.
ABOUT = {
    ReminderKind.DIRECT_PAYMENT: (
        "Your direct payment review is coming up",
        "It is time to look at your direct payment with you. The letter says by when, and how you can take part.",
    ),
    ReminderKind.DAY_TIER: (
        "Your day services review is coming up",
        "It is time to look at your support at day services with you. The letter says by when, and how you can "
        "take part.",
    ),
}


def _direct_payments_due(today: dt.date, notice: dt.timedelta) -> Iterable[tuple[int, int, dt.date]]:
    """(agreement, person, date due) for each direct payment in force whose review is due within the notice, in
    one query: the first payment and the last review since, with the date worked out by the reg 7 rule."""
    rows = (
        DirectPaymentAgreement.objects.filter(
            status__in=["active", "suspended"], first_payment_on__isnull=False, person__date_of_death__isnull=True
        )
        .annotate(last=Max("reviews__held_on", filter=Q(reviews__held_on__gte=F("first_payment_on"))))
        .values_list("pk", "person_id", "first_payment_on", "last")
        .order_by("pk")
    )
    for pk, person_id, first_payment_on, last in rows.iterator(chunk_size=2000):
        due = next_review_due(first_payment_on=first_payment_on, reviews_held_on=[last] if last else [], today=today)
        if due.due_by is not None and due.due_by - notice <= today:
            yield pk, person_id, due.due_by


def _tiers_due(today: dt.date, notice: dt.timedelta) -> Iterable[tuple[int, int, dt.date]]:
    """(tier decision, person, date due) for each tier in force whose review is due within the notice."""
    rows = (
        TierDecision.objects.filter(
            status=TierDecisionStatus.CURRENT,
            review_due__isnull=False,
            review_due__lte=today + notice,
            person__date_of_death__isnull=True,
        )
        .exclude(tier="")
        .values_list("pk", "person_id", "review_due")
        .order_by("pk")
    )
    for pk, person_id, due_on in rows.iterator(chunk_size=2000):
        if due_on is not None:
            yield pk, person_id, due_on


def reminder_pdf(reminder: ReminderLetter, *, easy_read: bool) -> bytes:
    return render_pdf(
        "reviews/reminder_pdf.html",
        {"reminder": reminder, "easy_read_version": easy_read, "today": timezone.localdate()},
    )


def reminder_pdfs(letter: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The letter's PDFs, for the email that carries it (its subject is the reminder)."""
    reminder = ReminderLetter.objects.select_related("person").get(pk=letter.subject_id)
    name = f"{reminder.kind.replace('_', '-')}-review-{reminder.person.reference}"
    files = [(f"{name}.pdf", reminder_pdf(reminder, easy_read=False))]
    if easy_read_too:
        files.append((f"{name}-easy-read.pdf", reminder_pdf(reminder, easy_read=True)))
    return files


def _page(kind: str) -> str:
    return reverse("my_money:account") if kind == ReminderKind.DIRECT_PAYMENT else reverse("dayops:my_days")


#: How many reviews' reminders are looked up at once.
CHUNK = 500


def other_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell each person whose direct payment review or day services review is due within the notice, and who
    has not been told of that date, that it is coming. Safe to run again (and twice at once: the second to write
    a reminder is refused by the database and leaves it). Returns how many were told."""
    today = today or timezone.localdate()
    notice = dt.timedelta(days=review_rules().notice_days)
    told = 0
    for kind, due in (
        (ReminderKind.DIRECT_PAYMENT, _direct_payments_due(today, notice)),
        (ReminderKind.DAY_TIER, _tiers_due(today, notice)),
    ):
        rows = list(due)
        sent: set[tuple[int, dt.date]] = set()
        for start in range(0, len(rows), CHUNK):
            ids = [r[0] for r in rows[start : start + CHUNK]]
            sent.update(
                ReminderLetter.objects.filter(kind=kind, subject_id__in=ids).values_list("subject_id", "due_on")
            )
        people = Person.objects.in_bulk({person_id for pk, person_id, due_on in rows if (pk, due_on) not in sent})
        for pk, person_id, due_on in rows:
            if (pk, due_on) in sent:
                continue
            try:
                with transaction.atomic():
                    reminder = ReminderLetter.objects.create(
                        person_id=person_id, kind=kind, subject_id=pk, due_on=due_on, sent_on=today
                    )
                    about, opening = ABOUT[kind]
                    reminder.letter = letter_send(
                        actor=None,
                        person=people[person_id],
                        about=about,
                        opening=opening,
                        page=_page(kind),
                        pdf=reverse("my_review:reminder_pdf", kwargs={"pk": reminder.pk}),
                        easy_read_pdf=reverse("my_review:reminder_easy_read_pdf", kwargs={"pk": reminder.pk}),
                        pdfs=reminder_pdfs,
                        subject=reminder,
                    )
                    reminder.save(update_fields=["letter"])
            except IntegrityError:
                continue  # told by another run at the same moment
            told += 1
    return told
