"""The person's own review: they see when it is, answer it online (saved as they go) and send it to their worker,
who finds the answers filled in when recording the review."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from ownway.reviews.models import Review, SelfReview, SelfReviewStatus
from ownway.reviews.services import SelfReviewAnswers, self_review_save


@pytest.fixture
def citizen_client(citizen):
    client = Client()
    client.force_login(citizen)
    return client


def test_the_person_answers_saves_comes_back_and_sends(approved, citizen, citizen_client, social_worker_client):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    page = citizen_client.get(reverse("my_review:review")).content.decode()
    assert "Your review should happen by 15 June 2026" in page
    outcomes = list(version.outcomes.order_by("position"))
    first, second = outcomes
    data = {f"progress_{first.pk}": "achieved", f"words_{first.pk}": "I am up by ten now", "working": "Ann",
            "action": "save"}  # fmt: skip
    saved = citizen_client.post(reverse("my_review:review"), data, follow=True).content.decode()
    assert "Your answers are saved" in saved
    assert "I am up by ten now" in saved  # filled in again when they come back
    refused = citizen_client.post(reverse("my_review:review"), {**data, "action": "send"}).content.decode()
    assert "Choose how this is going" in refused
    assert SelfReview.objects.get(review=review).status == SelfReviewStatus.DRAFT
    data.update({f"progress_{second.pk}": "not_yet", "action": "send", "changed": "My sister moved away"})
    sent = citizen_client.post(reverse("my_review:review"), data, follow=True).content.decode()
    assert "We have sent your answers to your worker" in sent
    # The worker reads them on the review and finds them filled in to confirm.
    shown = social_worker_client.get(reverse("reviews:review", kwargs={"pk": review.pk})).content.decode()
    assert "What Ada Lovelace told us before the review" in shown
    assert "My sister moved away" in shown
    form = social_worker_client.get(reverse("reviews:record", kwargs={"pk": review.pk})).content.decode()
    assert "answered the review online" in form
    assert "I am up by ten now" in form


def test_only_the_person_answers_and_only_until_sent(approved, citizen, social_worker):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    answers = SelfReviewAnswers(outcomes={o.pk: ("partly", "") for o in version.outcomes.all()})
    with pytest.raises(PermissionDenied):
        self_review_save(actor=social_worker, review=review, answers=answers)
    with pytest.raises(ValidationError, match="not in your plan"):
        self_review_save(actor=citizen, review=review, answers=SelfReviewAnswers(outcomes={0: ("partly", "")}))
    self_review_save(actor=citizen, review=review, answers=answers, send=True)
    with pytest.raises(ValidationError, match="sent your answers already"):
        self_review_save(actor=citizen, review=review, answers=answers)


def test_with_no_review_coming_the_page_says_so(citizen_client):
    page = citizen_client.get(reverse("my_review:review")).content.decode()
    assert "You do not have a review coming up" in page
    assert citizen_client.post(reverse("my_review:review"), {"action": "send"}).status_code == 302
