"""Crisis plans due to be revisited: on the team's and the worker's list, and counted on the home page, until
another conversation follows them up."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.frontdoor.selectors import revisits_due_counts, revisits_due_for_user
from ownway.frontdoor.services import ConversationData, contact_create, conversation_record

from ..services.test_contact_services import _data

TODAY = timezone.localdate()


def _crisis(actor, contact, held_on, revisit_on):
    return conversation_record(
        actor=actor, contact=contact,
        data=ConversationData(kind="crisis", held_on=held_on, safe_now="A key safe; her son stays tonight",
                              short_term_plan="Enablement visits twice a day", revisit_on=revisit_on),
    )  # fmt: skip


def test_a_crisis_plan_is_due_from_its_revisit_date_until_it_is_followed_up(social_worker, team, team_manager):
    contact = contact_create(actor=social_worker, data=_data(team=team))
    # Held a fortnight ago, to come back to a week ago: due. Another to come back to next week: not yet.
    due = _crisis(social_worker, contact, TODAY - dt.timedelta(days=14), TODAY - dt.timedelta(days=7))
    other = contact_create(actor=social_worker, data=_data(team=team))
    _crisis(social_worker, other, TODAY, TODAY + dt.timedelta(days=7))
    assert list(revisits_due_for_user(user=social_worker, mine=False)) == [due]
    assert list(revisits_due_for_user(user=social_worker, mine=True)) == [due]
    # The manager sees it on the team's list but it is not theirs.
    counts = revisits_due_counts(user=team_manager)
    assert counts is not None
    assert (counts.mine, counts.team) == (0, 1)
    # Someone in another team does not see it at all.
    stranger = UserFactory(username="far", role=Role.SOCIAL_WORKER, team=TeamFactory(name="Far away"))
    assert list(revisits_due_for_user(user=stranger, mine=False)) == []
    # A provider has no such list.
    assert revisits_due_counts(user=UserFactory(username="prov", role=Role.PROVIDER, team=None)) is None
    # The follow-up conversation takes it off the list.
    conversation_record(
        actor=social_worker, contact=contact,
        data=ConversationData(kind="good_life", held_on=TODAY, what_matters="Back to the choir"),
    )  # fmt: skip
    assert list(revisits_due_for_user(user=social_worker, mine=False)) == []


def test_the_revisits_page_and_the_home_page_count(social_worker, social_worker_client):
    contact = contact_create(actor=social_worker, data=_data())
    _crisis(social_worker, contact, TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=3))
    page = social_worker_client.get(reverse("frontdoor:revisits")).content.decode()
    assert contact.full_name in page
    assert "3 days late" in page
    assert contact.full_name in social_worker_client.get(reverse("frontdoor:revisits") + "?whose=mine").content.decode()
    home = social_worker_client.get("/").content.decode()
    assert "Crisis plans to revisit</a> (1 you hold; 1 for your team)" in home
    citizen = UserFactory(username="cit", role=Role.CITIZEN, team=None)
    client = Client()
    client.force_login(citizen)
    assert client.get(reverse("frontdoor:revisits")).status_code == 403
