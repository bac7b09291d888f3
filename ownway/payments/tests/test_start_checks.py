"""The checks before a direct payment that employs a personal assistant starts, with who did each and when."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.payments import services
from ownway.payments.models import StartCheckDone
from ownway.payments.tests.factories import agreement_for


@pytest.fixture
def agreement(social_worker, team_manager, person):
    return agreement_for(social_worker, team_manager, person)


def test_a_worker_records_the_checks_through_the_page_and_each_shows_who_and_when(
    agreement, social_worker, social_worker_client
):
    account = f"/direct-payments/{agreement.pk}/"
    page = social_worker_client.get(account).content.decode()
    assert "Before the direct payment starts" in page
    assert "Not yet" in page
    assert f"/direct-payments/{agreement.pk}/checks/" in page
    form = social_worker_client.get(f"/direct-payments/{agreement.pk}/checks/").content.decode()
    assert "Employer&#39;s liability insurance is in place" in form
    response = social_worker_client.post(
        f"/direct-payments/{agreement.pk}/checks/",
        {
            "checks": ["insurance", "backup"],
            "note": "Policy EL-1234; her sister covers",
            "lock_version": str(agreement.lock_version),
        },
    )
    assert response.status_code == 302
    done = {c.item: c for c in StartCheckDone.objects.filter(agreement=agreement)}
    assert set(done) == {"insurance", "backup"}
    assert done["insurance"].completed_by == social_worker
    page = social_worker_client.get(account).content.decode()
    assert "Policy EL-1234; her sister covers" in page
    assert "confirmed by" in page


def test_nothing_ticked_or_already_done_is_refused_and_nothing_half_saved(agreement, social_worker):
    with pytest.raises(ValidationError, match="Tick each check that is done"):
        services.direct_payment_start_checks_record(actor=social_worker, agreement=agreement, checks=[])
    with pytest.raises(ValidationError, match="Choose checks from the list"):
        services.direct_payment_start_checks_record(actor=social_worker, agreement=agreement, checks=["dbs", "nope"])
    with pytest.raises(ValidationError, match="300 characters"):
        services.direct_payment_start_checks_record(
            actor=social_worker, agreement=agreement, checks=["dbs"], note="x" * 301
        )
    assert not StartCheckDone.objects.exists()
    services.direct_payment_start_checks_record(actor=social_worker, agreement=agreement, checks=["dbs"])
    with pytest.raises(ValidationError, match="already recorded"):
        services.direct_payment_start_checks_record(actor=social_worker, agreement=agreement, checks=["dbs"])
    services.direct_payment_start_checks_record(actor=social_worker, agreement=agreement, checks=["dbs", "payroll"])
    assert StartCheckDone.objects.count() == 2


def test_only_those_who_set_up_direct_payments_record_the_checks(agreement, broker, citizen):
    for actor in (broker, citizen):
        with pytest.raises(PermissionDenied):
            services.direct_payment_start_checks_record(actor=actor, agreement=agreement, checks=["dbs"])
    assert not StartCheckDone.objects.exists()
