import pytest

from ownway.people.services import caring_relationship_create
from ownway.people.tests.factories import PersonFactory


@pytest.fixture
def carer(team):
    return PersonFactory(first_name="Mary", last_name="Somerville", team=team)


@pytest.fixture
def caring(social_worker, carer, person):
    """Mary cares for the person (Ada, on the social worker's team's caseload), 35 hours a week."""
    return caring_relationship_create(
        actor=social_worker, carer=carer, cared_for=person, relationship="son_or_daughter", hours_per_week=35
    )
