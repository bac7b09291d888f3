"""Telling the person their review is coming: a letter, the way they chose, when the review reaches the
worklists (``opens_on``), saying when it will be and how to take part (Care Act 2014 s.27(4): the council
involves the person in the review)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ownway.people.models import Letter
from ownway.people.services import letter_send
from ownway.ui.pdf import render_pdf

from .models import Review, ReviewStatus


def reminder_pdf(review: Review, *, easy_read: bool) -> bytes:
    return render_pdf(
        "reviews/letter_pdf.html", {"review": review, "easy_read_version": easy_read, "today": timezone.localdate()}
    )


def reminder_pdfs(letter: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The reminder's PDFs, for the email that carries it (its subject is the review)."""
    review = Review.objects.select_related("person").get(pk=letter.subject_id)
    reference = review.person.reference
    files = [(f"review-{reference}.pdf", reminder_pdf(review, easy_read=False))]
    if easy_read_too:
        files.append((f"review-{reference}-easy-read.pdf", reminder_pdf(review, easy_read=True)))
    return files


#: How many reminders are sent in one transaction.
BATCH = 500


def review_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell each person whose review has reached the worklists, and who has not been told, that it is coming
    (people who have died are not written to). Safe to run again: each person is told once per review.
    Returns how many were told."""
    today = today or timezone.localdate()
    told = 0
    while True:
        with transaction.atomic():
            batch = list(
                Review.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=ReviewStatus.OPEN,
                    opens_on__lte=today,
                    person_told_on__isnull=True,
                    person__date_of_death__isnull=True,
                )
                .select_related("person")
                .order_by("pk")[:BATCH]
            )
            if not batch:
                return told
            for review in batch:
                review.person_told_on = today
                review.save(update_fields=["person_told_on"])
                letter_send(
                    actor=None,
                    person=review.person,
                    about="Your review is coming up",
                    opening="It is time to look at your support plan with you. The letter says by when, and how "
                    "you can take part.",
                    page=reverse("my_review:review"),
                    pdf=reverse("my_review:letter_pdf", kwargs={"pk": review.pk}),
                    easy_read_pdf=reverse("my_review:letter_easy_read_pdf", kwargs={"pk": review.pk}),
                    pdfs=reminder_pdfs,
                    subject=review,
                )
            told += len(batch)
