"""The review pages as a worker uses them: the list of reviews due, recording one, asking for one."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ownway.planning.models import PlanStatus
from ownway.reviews.models import Review, ReviewStatus


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_the_overdue_review_is_on_the_list_and_the_home_page(approved, social_worker_client):
    plan, _version = approved
    page = social_worker_client.get(reverse("reviews:due")).content.decode()
    review = Review.objects.get(plan=plan)
    assert reverse("reviews:review", kwargs={"pk": review.pk}) in page
    assert "Overdue by" in page
    mine = social_worker_client.get(reverse("reviews:due") + "?whose=mine").content.decode()
    assert "Ada Lovelace" in mine
    home = social_worker_client.get("/").content.decode()
    assert "Reviews of support plans to hold" in home
    assert "(1 for people you are the named worker for, 1 of them overdue; 1 for your team, 1 overdue)" in home


def test_a_worker_records_a_review_and_changes_the_plan(approved, social_worker_client):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    url = reverse("reviews:record", kwargs={"pk": review.pk})
    form = social_worker_client.get(url).content.decode()
    outcomes = list(version.outcomes.order_by("position"))
    assert all(o.own_words in form for o in outcomes)
    data = {
        **_date("held_on", timezone.localdate()),
        "method": "person",
        "working": "Ann comes every morning",
        "needs_changed": "no",
        "decision": "new_version",
        "decision_reasons": "Ada wants to try a new choir",
    }
    refused = social_worker_client.post(url, data).content.decode()
    assert "Say how far this has come" in refused
    for outcome in outcomes:
        data[f"progress_{outcome.pk}"] = "partly"
        data[f"words_{outcome.pk}"] = "Getting there"
    done = social_worker_client.post(url, data, follow=True).content.decode()
    assert "A new version of the plan is ready to write with the person" in done
    assert "Partly achieved" in done
    review.refresh_from_db()
    assert review.status == ReviewStatus.DONE
    assert review.new_version.status == PlanStatus.DRAFT
    assert social_worker_client.get(url).status_code == 302


def test_a_worker_asks_for_a_review_after_a_hospital_stay(approved, social_worker_client):
    plan, _version = approved
    url = reverse("reviews:request", kwargs={"plan_pk": plan.pk})
    bad = social_worker_client.post(url, {"reason": "planned", "note": "", **_date("due_on", dt.date(2099, 1, 1))})
    assert bad.status_code == 200
    page = bad.content.decode()
    assert "Select a valid choice" in page or "Choose what happened" in page
    due = timezone.localdate() + dt.timedelta(days=10)
    done = social_worker_client.post(url, {"reason": "hospital", "note": "Ada fell", **_date("due_on", due)})
    review = Review.objects.get(plan=plan, reason="hospital")
    assert done.url == reverse("reviews:review", kwargs={"pk": review.pk})
    assert review.due_on == due


def test_the_person_page_shows_the_next_review(approved, social_worker_client, person):
    page = social_worker_client.get(reverse("people:person", kwargs={"pk": person.pk})).content.decode()
    assert "Next review: planned review, due by 15 June 2026" in page
