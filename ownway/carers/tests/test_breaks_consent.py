"""The cared-for person's consent for a carer to see their plan and reviews: recorded, withdrawn, and only then
shown to the carer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.carers import events_breaks as events
from ownway.carers.models import CarerConsent
from ownway.carers.selectors_consent import cared_for_for_carer
from ownway.carers.services_consent import carer_consent_record, carer_consent_withdraw
from ownway.carers.tests.breaks_fixtures import approved_plan, carer_of_ada
from ownway.people.tests.factories import PersonFactory
from ownway.reviews.models import Review
from ownway.reviews.services import ReviewRecord, review_record

TODAY = timezone.localdate()
_approved = pytest.fixture(name="approved")(approved_plan)
_carer = pytest.fixture(name="carer")(carer_of_ada)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _hold_review(version, worker):
    review = Review.objects.get(plan=version.plan)
    progress = {o.pk: ("partly", "Getting there") for o in version.outcomes.all()}
    record = ReviewRecord(
        held_on=TODAY, method="person_and_carer", progress=progress, working="Ann is great", not_working="",
        carer_view="Mary is managing", needs_changed=False, decision="no_change", decision_reasons="The plan works",
    )  # fmt: skip
    return review_record(actor=worker, review=review, record=record, today=TODAY)


def test_the_carer_sees_the_plan_and_reviews_only_after_consent_and_not_after_withdrawal(
    approved, carer, social_worker, citizen
):
    plan, version = approved
    outcome = version.outcomes.order_by("position").first().own_words
    held = _hold_review(version, social_worker)
    page = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "Ada has not agreed to you seeing their plan or reviews" in page
    assert outcome not in page
    (seen,) = cared_for_for_carer(user=carer)
    assert (seen.consent, seen.plan, seen.reviews) == (None, None, [])

    # The worker records Ada's consent, on her record's consent page.
    response = _client(social_worker).post(
        reverse("carers:consents", kwargs={"person_pk": plan.person_id}),
        {"carer": str(carer.person_id), "covers": ["plan", "reviews"], "given_on-day": TODAY.day,
         "given_on-month": TODAY.month, "given_on-year": TODAY.year},
    )  # fmt: skip
    assert response.status_code == 302
    before = AuditEvent.objects.filter(action=events.CARED_FOR_VIEWED, person=plan.person).count()
    page = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "Ada&#39;s support plan" in page or "Ada's support plan" in page
    assert outcome in page
    assert f"Review on {held.held_on.day}" in page
    assert "keep the plan as it is" in page
    assert "partly achieved" in page
    assert f"Next review by {held.next_review_on.day}" in page
    # Each read of Ada's plan and reviews by her carer is on her trail.
    assert AuditEvent.objects.filter(action=events.CARED_FOR_VIEWED, person=plan.person).count() > before

    # Ada withdraws it herself, on her own page; from then on Mary sees nothing.
    consent = CarerConsent.objects.get(relationship=carer.relationship, withdrawn_on__isnull=True)
    own = _client(citizen)
    assert (
        "Mary Somerville may see the support plan and the reviews" in own.get(reverse("carers:mine")).content.decode()
    )
    assert _client(carer).post(reverse("carers:my_consent_withdraw", kwargs={"pk": consent.pk})).status_code == 404
    assert own.post(reverse("carers:my_consent_withdraw", kwargs={"pk": consent.pk})).status_code == 302
    page = _client(carer).get(reverse("carers:mine")).content.decode()
    assert outcome not in page
    assert "Ada has not agreed to you seeing their plan or reviews" in page
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.withdrawn_by) == (TODAY, citizen)


def test_consent_covers_only_what_the_person_agreed_to(approved, carer, social_worker):
    plan, version = approved
    _hold_review(version, social_worker)
    carer_consent_record(actor=social_worker, cared_for=plan.person, carer=carer.person, covers=["reviews"],
                         given_on=TODAY)  # fmt: skip
    (seen,) = cared_for_for_carer(user=carer)
    assert (seen.sees_plan, seen.sees_reviews, seen.plan) == (False, True, None)
    assert len(seen.reviews) == 1
    page = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "Ada has not agreed to you seeing their plan." in page


def test_consent_for_someone_not_recorded_as_a_carer_is_refused_and_nothing_saved(approved, carer, social_worker, team):
    plan, _ = approved
    stranger = PersonFactory(first_name="Sam", last_name="Stranger", team=team)
    with pytest.raises(ValidationError, match="Sam Stranger is not recorded as caring for Ada Lovelace"):
        carer_consent_record(actor=social_worker, cared_for=plan.person, carer=stranger, covers=["plan"],
                             given_on=TODAY)  # fmt: skip
    # A form sent with someone else's id in it is refused the same way, on the page.
    page = _client(social_worker).post(
        reverse("carers:consents", kwargs={"person_pk": plan.person_id}),
        {"carer": str(stranger.pk), "covers": ["plan"], "given_on-day": TODAY.day, "given_on-month": TODAY.month,
         "given_on-year": TODAY.year},
    )  # fmt: skip
    assert page.status_code == 200
    assert "Choose the carer" in page.content.decode()
    assert not CarerConsent.objects.exists()
    assert not AuditEvent.objects.filter(action=events.CONSENT_RECORDED).exists()


def test_bad_consents_get_clear_messages(approved, carer, social_worker):
    plan, _ = approved
    cases = [
        ([], TODAY, "Choose what they agree the carer may see"),
        (["everything"], TODAY, "Choose from the list"),
        (["plan"], TODAY + dt.timedelta(days=1), "must be today or in the past"),
        (["plan"], TODAY - dt.timedelta(days=400), "within the last year"),
    ]
    for covers, given_on, message in cases:
        with pytest.raises(ValidationError, match=message):
            carer_consent_record(actor=social_worker, cared_for=plan.person, carer=carer.person, covers=covers,
                                 given_on=given_on)  # fmt: skip
    assert not CarerConsent.objects.exists()


def test_only_the_persons_workers_record_consent_and_a_withdrawal_happens_once(approved, carer, social_worker, team):
    plan, _ = approved
    for user in (carer, UserFactory(role=Role.BROKER), UserFactory(role=Role.SOCIAL_WORKER, team=None)):
        with pytest.raises(PermissionDenied):
            carer_consent_record(actor=user, cared_for=plan.person, carer=carer.person, covers=["plan"],
                                 given_on=TODAY)  # fmt: skip
    consent = carer_consent_record(actor=social_worker, cared_for=plan.person, carer=carer.person, covers=["plan"],
                                   given_on=TODAY)  # fmt: skip
    with pytest.raises(PermissionDenied):
        carer_consent_withdraw(actor=carer, consent=consent)
    carer_consent_withdraw(actor=social_worker, consent=consent)
    with pytest.raises(ValidationError, match="already been withdrawn"):
        carer_consent_withdraw(actor=social_worker, consent=consent)
    # A new consent after a withdrawal is a new row: the history is kept, and shown to the worker.
    carer_consent_record(actor=social_worker, cared_for=plan.person, carer=carer.person, covers=["plan", "reviews"],
                         given_on=TODAY)  # fmt: skip
    assert CarerConsent.objects.filter(relationship=carer.relationship).count() == 2
    page = _client(social_worker).get(reverse("carers:consents", kwargs={"person_pk": plan.person_id}))
    body = page.content.decode()
    assert "May see the support plan and the reviews" in body
    assert "Agreed" in body
    assert "withdrawn" in body


def test_an_ended_caring_relationship_shows_nothing(approved, carer, social_worker):
    plan, _ = approved
    carer_consent_record(actor=social_worker, cared_for=plan.person, carer=carer.person, covers=["plan"],
                         given_on=TODAY)  # fmt: skip
    type(carer.relationship).objects.filter(pk=carer.relationship.pk).update(ended_on=TODAY)
    assert cared_for_for_carer(user=carer) == []
