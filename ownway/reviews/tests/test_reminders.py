"""The person is told their review is coming once it reaches the worklists, the way they chose, once."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from ownway.jobs.services import job_start
from ownway.jobs.worker import run_queued
from ownway.people.models import Letter
from ownway.reviews import tasks
from ownway.reviews.letters import review_reminders_send
from ownway.reviews.models import Review


def test_told_once_when_the_review_reaches_the_lists(approved, person, citizen):
    plan, _version = approved
    review = Review.objects.get(plan=plan)
    assert review_reminders_send(today=dt.date(2026, 5, 31)) == 0  # the day before it opens
    assert review_reminders_send(today=dt.date(2026, 6, 1)) == 1
    assert review_reminders_send(today=dt.date(2026, 6, 2)) == 0
    review.refresh_from_db()
    assert review.person_told_on == dt.date(2026, 6, 1)
    letter = Letter.objects.get(person=person, about="Your review is coming up")
    assert letter.page == reverse("my_review:review")
    client = Client()
    client.force_login(citizen)
    pdf = client.get(letter.pdf)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(letter.easy_read_pdf).content.startswith(b"%PDF")
    # The person's worker prints it to post (the letters to post link to it).
    client.force_login(plan.worker)
    assert client.get(letter.pdf).content.startswith(b"%PDF")


def test_the_daily_job_tells_them(approved, person):
    job = job_start(
        tasks.review_reminders, label="Tell people their review is coming", arguments={"as_of": "2026-06-01"}
    )
    run_queued()
    job.refresh_from_db()
    assert job.result == {"as_of": "2026-06-01", "scheduled": 0, "told": 1, "others_told": 0}
    assert Letter.objects.filter(person=person, about="Your review is coming up").count() == 1
