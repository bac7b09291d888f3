import datetime as dt
import json

import pytest

from ownway.accounts.models import AuditEvent
from ownway.payments import services
from ownway.payments.tests.factories import agreement_for

pytestmark = pytest.mark.django_db


def test_pa_cost_calculator(api_client, social_worker):
    response = api_client(social_worker).post(
        "/api/v1/direct-payments/pa-costs",
        data=json.dumps({"hourly_rate": "13.00", "hours_per_week": "20", "insurance_annual": "120",
                         "payroll_fee_annual": "150"}),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert body["weekly_total"] == "301.71"
    assert body["cost_per_hour"] == "15.09"
    assert [item["name"] for item in body["items"]][:2] == ["Pay", "Holiday pay"]
    assert "NIM06520" in body["sources"]["employment_allowance"]


def test_pa_cost_below_the_living_wage_is_a_field_error(api_client, social_worker, citizen):
    response = api_client(social_worker).post(
        "/api/v1/direct-payments/pa-costs",
        data=json.dumps({"hourly_rate": "11.00", "hours_per_week": "20"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "below the legal minimum" in response.json()["errors"]["hourly_rate"][0]
    refused = api_client(citizen).post(
        "/api/v1/direct-payments/pa-costs",
        data=json.dumps({"hourly_rate": "13.00", "hours_per_week": "20"}),
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_account_for_the_citizen_and_refused_to_a_commissioner(
    api_client, social_worker, team_manager, person, finance_officer, citizen, commissioner, settings, tmp_path
):
    settings.OWNWAY_BACS_DIR = tmp_path
    agreement = agreement_for(social_worker, team_manager, person)
    services.payment_run(actor=finance_officer, as_of=dt.date(2026, 4, 20))
    body = api_client(citizen).get(f"/api/v1/direct-payments/{agreement.pk}").json()
    assert body["weekly_payment"] == "265.21"
    assert body["paid_in_total"] == "530.42"
    assert body["review_due_by"] == "2026-10-20"
    assert api_client(commissioner).get(f"/api/v1/direct-payments/{agreement.pk}").status_code == 403
    assert AuditEvent.objects.filter(action="accounts.access_refused", person=person).exists()
