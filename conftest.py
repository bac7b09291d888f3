"""Fixtures shared by every app's tests: teams, users by role and logged-in clients by role."""

from __future__ import annotations

import pytest
from django.test import Client

from ownway.accounts.roles import Role, TeamKind
from ownway.accounts.tests.factories import TeamFactory, UserFactory
from ownway.people.tests.factories import PersonFactory

# The browser fixtures (one Chromium for the session, the live server, a page per test), for every app's
# browser tests: registered once here, so there is one Playwright however many apps use them; and the test
# database shared with processes a test starts (ownway.core.testing).
pytest_plugins = ["ownway.ui.tests.browser.fixtures", "ownway.core.testing"]


@pytest.fixture
def team(db):
    return TeamFactory(name="North locality", kind=TeamKind.LOCALITY)


@pytest.fixture
def other_team(db):
    return TeamFactory(name="South locality", kind=TeamKind.LOCALITY, area="South")


@pytest.fixture
def person(team):
    return PersonFactory(first_name="Ada", last_name="Lovelace", team=team)


@pytest.fixture
def other_team_person(other_team):
    return PersonFactory(first_name="Charles", last_name="Babbage", team=other_team)


def _make_user(role: Role, team=None, **extra):
    return UserFactory(username=role.value, role=role, team=team, **extra)


@pytest.fixture
def social_worker(team):
    return _make_user(Role.SOCIAL_WORKER, team, first_name="Sam", last_name="Social")


@pytest.fixture
def occupational_therapist(team):
    return _make_user(Role.OCCUPATIONAL_THERAPIST, team)


@pytest.fixture
def team_manager(team):
    return _make_user(Role.TEAM_MANAGER, team, first_name="Tara", last_name="Manager")


@pytest.fixture
def broker(db):
    return _make_user(Role.BROKER, TeamFactory(name="Brokerage", kind=TeamKind.BROKERAGE))


@pytest.fixture
def finance_officer(db):
    return _make_user(Role.FINANCE_OFFICER, TeamFactory(name="Financial assessment", kind=TeamKind.FINANCE))


@pytest.fixture
def enablement_worker(db):
    return _make_user(Role.ENABLEMENT_WORKER, TeamFactory(name="Enablement", kind=TeamKind.ENABLEMENT))


@pytest.fixture
def enablement_manager(db):
    return _make_user(Role.ENABLEMENT_MANAGER, TeamFactory(name="Enablement", kind=TeamKind.ENABLEMENT))


@pytest.fixture
def commissioner(db):
    return _make_user(Role.COMMISSIONER, TeamFactory(name="Commissioning", kind=TeamKind.COMMISSIONING))


@pytest.fixture
def administrator(db):
    return _make_user(Role.ADMINISTRATOR, TeamFactory(name="Systems", kind=TeamKind.ADMINISTRATION))


@pytest.fixture
def citizen(person):
    return _make_user(Role.CITIZEN, None, person=person, first_name="Ada", last_name="Lovelace")


@pytest.fixture
def provider(db):
    return _make_user(Role.PROVIDER, None, organisation_name="Friendly Day Services Ltd")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def social_worker_client(social_worker):
    return _client_for(social_worker)


@pytest.fixture
def team_manager_client(team_manager):
    return _client_for(team_manager)


@pytest.fixture
def broker_client(broker):
    return _client_for(broker)


@pytest.fixture
def commissioner_client(commissioner):
    return _client_for(commissioner)


@pytest.fixture
def administrator_client(administrator):
    return _client_for(administrator)


@pytest.fixture
def finance_officer_client(finance_officer):
    return _client_for(finance_officer)


@pytest.fixture
def citizen_client(citizen):
    return _client_for(citizen)


@pytest.fixture
def provider_client(provider):
    return _client_for(provider)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A small council with something of everything (``ownway.accounts.tests.world``), built once for a test
    module and rolled back at its end; each test that also asks for ``db`` rolls back its own changes."""
    from django.db import transaction

    from ownway.accounts.tests.world import build_world

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def api_client(db):
    """Makes a JSON API client for a user: ``api_client(social_worker)`` sends a bearer token acting as them."""
    from ownway.accounts.services import api_token_create

    def make(user) -> Client:
        _token, secret = api_token_create(actor=None, user=user, name="Test system")
        return Client(headers={"authorization": f"Bearer {secret}"})

    return make


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (figures kept by one test must not be another's)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def mail_server_down(settings, monkeypatch):
    """Email goes to a mail server that cannot be reached (a closed port on this machine), and background jobs
    try again at once rather than later each time; call the function it gives to bring the mail server back."""
    import datetime as dt
    import socket

    from ownway.jobs import services as jobs

    monkeypatch.setattr(jobs, "RETRY_BACKOFF", dt.timedelta(0))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
        }
    }

    def back_up() -> None:
        settings.MAILERS = working

    return back_up
