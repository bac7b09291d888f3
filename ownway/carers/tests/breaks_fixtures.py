"""Fixtures for the consent and breaks tests: Ada (cared for, with an approved plan) and Mary, her carer.

A test module takes them with ``_approved = pytest.fixture(name="approved")(approved_plan)``."""

from __future__ import annotations

from decimal import Decimal

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.directory.models import Attribute
from ownway.directory.taxonomies import ESD_NEEDS, ESD_SERVICES, term_id
from ownway.people.services import caring_relationship_create
from ownway.people.tests.factories import PersonFactory
from ownway.planning import services as planning
from ownway.planning.tests.factories import directory_service, draft_plan


def approved_plan(social_worker, team_manager, person):
    """Ada's plan, approved by the team manager: (plan, version)."""
    person.named_worker = social_worker
    person.save(update_fields=["named_worker"])
    plan, version = draft_plan(social_worker, person)
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Ada's outcomes")
    version.refresh_from_db()
    return plan, version


def carer_of_ada(social_worker, person, team):
    """Mary, Ada's mother and carer, with an online account: the user, with ``relationship`` set."""
    mary = PersonFactory(first_name="Mary", last_name="Somerville", team=team)
    relationship = caring_relationship_create(actor=social_worker, carer=mary, cared_for=person, relationship="parent",
                                              hours_per_week=Decimal(30))  # fmt: skip
    user = UserFactory(username="mary", role=Role.CITIZEN, team=None, person=mary)
    user.relationship = relationship
    return user


def break_service(name="Sitting service", *, costs=(("Standard", "14.00", "price", "hour"),), term="short_breaks"):
    """A directory service filed as a break (``term`` of the community services list, or the need)."""
    service = directory_service(name, organization=f"{name} Ltd", costs=costs)
    taxonomy = ESD_NEEDS if term == "carer_break" else ESD_SERVICES
    Attribute.objects.create(taxonomy_term_id=term_id(taxonomy, term), link_id=service.pk)
    return service
