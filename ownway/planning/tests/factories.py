"""Building support plans through the services, as a worker and the person would."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from ownway.directory.models import CostOption, Organization, Service
from ownway.directory.services import service_refresh_search
from ownway.planning import services

CHOIR_ID = uuid.UUID("6f1c1d2e-0000-4000-8000-000000000001")


def directory_service(
    name="Community choir",
    *,
    organization="Friendly Day Services",
    description="Sing with others on Thursday evenings",
    costs=(("Standard", "8.50", "price", "session"),),
    pk=None,
    status="active",
):
    """A service in the directory with its cost options, searchable by its words."""
    org, _ = Organization.objects.get_or_create(name=organization, defaults={"description": organization})
    service = Service.objects.create(
        id=pk or uuid.uuid4(), organization=org, name=name, description=description, status=status
    )
    for option, amount, kind, per in costs:
        CostOption.objects.create(service=service, option=option, amount=Decimal(amount), kind=kind, per=per)
    service_refresh_search(service=service)
    return service


def draft_plan(worker, person, *, indicative="320.00", contribution="45.00", pa_hours="20", with_service=True):
    """A complete draft: two outcomes met by PA hours, a directory service and family, with risks and contingency."""
    plan = services.support_plan_start(
        actor=worker,
        person=person,
        indicative_budget_weekly=Decimal(indicative),
        indicative_budget_source="Indicative budget agreed at assessment",
        contribution_weekly=Decimal(contribution),
        contribution_source="Financial assessment",
    )
    version = plan.versions.get()
    home = services.plan_outcome_add(actor=worker, version=version, own_words="I want to get up and out by ten")
    out = services.plan_outcome_add(actor=worker, version=version, own_words="I want to sing with other people")
    services.plan_line_add(
        actor=worker,
        outcome=home,
        kind="pa_hours",
        description="Help to get up, washed and dressed",
        provider_name="Ann Lee",
        pa_hourly_rate=Decimal("13.00"),
        units=Decimal(pa_hours),
        management="direct_payment",
        service_type="Long Term Support: Community",
        service_component="Direct Payment",
        timetable=["mon-morning", "tue-morning", "wed-morning", "thu-morning", "fri-morning"],
    )
    if with_service:
        services.plan_line_add(
            actor=worker,
            outcome=out,
            kind="service",
            description="Community choir, Thursday evenings",
            provider_name="Friendly Day Services",
            directory_service=Service.objects.filter(pk=CHOIR_ID).first() or directory_service(pk=CHOIR_ID),
            unit="session",
            unit_cost=Decimal("8.50"),
            units=Decimal(1),
            frequency="weekly",
            management="direct_payment",
            service_type="Long Term Support: Community",
            service_component="Day Support",
            timetable=["thu-evening"],
        )
    services.plan_line_add(
        actor=worker,
        outcome=out,
        kind="unpaid",
        description="My sister drives me to choir",
        provider_name="Mary (sister)",
        timetable=["thu-evening"],
    )
    services.plan_version_update(
        actor=worker,
        version=version,
        written_with="Ada and her sister Mary, at home",
        risks="Falls when getting up: Ann helps with the frame",
        contingency="If Ann is ill, Mary comes in the morning; if Mary cannot, call the council's emergency line",
        reason_for_difference="Mary drives Ada to choir, so no transport is needed",
        starts_on=dt.date(2026, 4, 20),
        # A fixed date, so payment periods and pro-rata amounts are the same whenever the tests run: confirmed,
        # as a worker confirms a start more than four weeks back.
        confirm_start=True,
    )
    version.refresh_from_db()
    return plan, version
