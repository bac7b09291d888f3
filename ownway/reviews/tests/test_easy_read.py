"""The person's review pages in easy read: the same review, questions and proposals, in short sentences and larger
type, saved and sent the same way."""

from __future__ import annotations

from django.urls import reverse

from ownway.reviews.models import PlanProposal, Review, SelfReview, SelfReviewStatus


def test_the_review_in_easy_read_answered_saved_and_sent(approved, citizen_client):
    plan, version = approved
    review = Review.objects.get(plan=plan)
    plain = citizen_client.get(reverse("my_review:review")).content.decode()
    assert reverse("my_review:easy_read") in plain
    page = citizen_client.get(reverse("my_review:easy_read")).content.decode()
    assert "ownway-easy-read" in page
    assert "Your review will be by <strong>15 June 2026</strong>" in page
    assert "You wanted: “I want to get up and out by ten”. Is this happening?" in page
    assert "I do not want this now" in page
    first, second = version.outcomes.order_by("position")
    data = {f"progress_{first.pk}": "achieved", "working": "Ann is kind", "action": "save"}
    saved = citizen_client.post(reverse("my_review:easy_read"), data, follow=True)
    assert saved.redirect_chain[-1][0] == reverse("my_review:easy_read")
    assert "We saved your answers" in saved.content.decode()
    data.update({f"progress_{second.pk}": "partly", "action": "send"})
    sent = citizen_client.post(reverse("my_review:easy_read"), data, follow=True).content.decode()
    assert "Your worker has your answers" in sent
    own = SelfReview.objects.get(review=review)
    assert own.status == SelfReviewStatus.SENT
    assert own.answers["outcomes"][str(second.pk)]["progress"] == "partly"


def test_with_no_review_the_easy_read_page_says_so(citizen_client):
    page = citizen_client.get(reverse("my_review:easy_read")).content.decode()
    assert "You do not have a review coming up" in page


def test_changing_the_plan_in_easy_read(approved, citizen_client, social_worker):
    page = citizen_client.get(reverse("my_review:proposal_new_easy_read")).content.decode()
    assert "I want to go to my day service on different days" in page
    day = citizen_client.post(reverse("my_review:proposal_new_easy_read"), {"kind": "day"})
    assert day["Location"] == reverse("dayops:my_days")
    sent = citizen_client.post(
        reverse("my_review:proposal_new_easy_read"), {"kind": "outcome", "words": "Go to the park"}, follow=True
    )
    assert sent.redirect_chain[-1][0] == reverse("my_review:proposals_easy_read")
    listed = sent.content.decode()
    assert "You said: <strong>Go to the park</strong>" in listed
    assert "Your worker has not answered yet" in listed
    assert PlanProposal.objects.get().words == "Go to the park"
