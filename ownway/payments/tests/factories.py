"""A direct payment made the way a worker, a manager and the person would make one."""

from __future__ import annotations

import datetime as dt

from ownway.payments import services
from ownway.planning import services as planning_services
from ownway.planning.tests.factories import draft_plan


def approved_budget(worker, manager, person, **plan_options):
    _plan, version = draft_plan(worker, person, **plan_options)
    planning_services.plan_submit(actor=worker, version=version)
    return planning_services.plan_approve(actor=manager, version=version, reasons="Meets the outcomes")


def agreement_for(
    worker,
    manager,
    person,
    *,
    starts_on=dt.date(2026, 4, 20),
    basis="net",
    account_name="A LOVELACE DP",
    **plan_options,
):
    budget = approved_budget(worker, manager, person, **plan_options)
    return services.direct_payment_agreement_create(
        actor=worker,
        budget=budget,
        recipient_name="Ada Lovelace",
        account_name=account_name,
        sort_code="30-94-57",
        account_number="12345678",
        starts_on=starts_on,
        basis=basis,
        agreed_on=starts_on,
    )
