import pytest

from ownway.planning import services as planning
from ownway.planning.tests.factories import draft_plan


@pytest.fixture
def approved(social_worker, team_manager, person):
    """Ada's plan, starting 20 April 2026, approved by the team manager: (plan, version)."""
    person.named_worker = social_worker
    person.save(update_fields=["named_worker"])
    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    version.refresh_from_db()
    return plan, version
