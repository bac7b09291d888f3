"""The shared shape of the permission policies: answers kept for the length of a request, never longer, and
nothing for someone not signed in or no longer active."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ownway.accounts.policy import policy_cache_scope
from ownway.people.permissions import PersonAction
from ownway.people.permissions import policy as people

pytestmark = pytest.mark.django_db


def _asked(work) -> int:
    with CaptureQueriesContext(connection) as context:
        work()
    return len(context.captured_queries)


def test_within_a_request_the_database_is_asked_once_for_each_record(social_worker, person):
    with policy_cache_scope():
        assert _asked(lambda: people.can_on(social_worker, PersonAction.VIEW, person)) == 1
        # Editing and viewing both ask whether the person is seen: the answer is kept.
        assert _asked(lambda: people.can_on(social_worker, PersonAction.EDIT, person)) == 0
        assert _asked(lambda: people.sees(social_worker, person)) == 0


def test_outside_a_request_every_question_is_asked_afresh(social_worker, person):
    assert _asked(lambda: people.can_on(social_worker, PersonAction.VIEW, person)) == 1
    assert _asked(lambda: people.can_on(social_worker, PersonAction.VIEW, person)) == 1


def test_an_answer_is_not_kept_past_its_request(social_worker, person, other_team):
    with policy_cache_scope():
        assert people.can_on(social_worker, PersonAction.VIEW, person)
    person.team = other_team
    person.save()
    with policy_cache_scope():
        assert not people.can_on(social_worker, PersonAction.VIEW, person)


def test_an_account_changed_during_a_request_is_asked_afresh(social_worker, person, other_team):
    with policy_cache_scope():
        assert people.can_on(social_worker, PersonAction.VIEW, person)
        social_worker.team = other_team
        assert not people.can_on(social_worker, PersonAction.VIEW, person)


def test_no_one_not_signed_in_or_inactive_may_do_anything(social_worker, person):
    anonymous = AnonymousUser()
    assert not people.can(anonymous, PersonAction.SEARCH)  # type: ignore[arg-type]
    assert not people.visible(anonymous).exists()  # type: ignore[arg-type]
    social_worker.is_active = False
    with policy_cache_scope():
        assert not people.can(social_worker, PersonAction.VIEW)
        assert not people.can_on(social_worker, PersonAction.VIEW, person)
        assert not people.visible(social_worker).exists()


def test_a_selector_may_give_the_answer_it_read_with_the_record(social_worker, person):
    with policy_cache_scope():
        people.seen_with(social_worker, person, True)
        assert _asked(lambda: people.can_on(social_worker, PersonAction.VIEW, person)) == 0
