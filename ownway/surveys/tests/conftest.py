import pytest

from ownway.people.services import caring_relationship_create
from ownway.people.tests.factories import PersonFactory
from ownway.planning import services as planning
from ownway.planning.tests.factories import draft_plan


@pytest.fixture
def approved(social_worker, team_manager, person):
    """Ada's plan, starting 20 April 2026, approved by the team manager: (plan, version)."""
    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    version.refresh_from_db()
    return plan, version


@pytest.fixture
def carer_user(person, social_worker, team):
    """Mary, who cares for Ada, with her own online account."""
    from ownway.accounts.roles import Role
    from ownway.accounts.tests.factories import UserFactory

    mary = PersonFactory(first_name="Mary", last_name="Lovelace", team=team)
    caring_relationship_create(actor=social_worker, carer=mary, cared_for=person, relationship="son_or_daughter")
    return UserFactory(username="mary", role=Role.CITIZEN, team=None, person=mary)
