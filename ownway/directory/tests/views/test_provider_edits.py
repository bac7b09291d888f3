"""A provider's edit changes only what the provider changed; the form holds several sessions and several costs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ownway.directory.models import ChangeStatus, CostOption, Schedule, Service, ServiceChange
from ownway.ui.tests.html_forms import form_fields

FORM = "service-change"


@pytest.fixture
def saturday_club(provider_org):
    """'Every Saturday, 10am to 12:30pm', £4.00 a session (£2.00 concession) and lunch at £3.50 on top."""
    service = Service.objects.filter(organization=provider_org).order_by("name").first()
    service.schedules.all().delete()
    service.cost_options.all().delete()
    Schedule.objects.create(
        service=service, freq="WEEKLY", byday="SA", opens_at=dt.time(10, 0), closes_at=dt.time(12, 30)
    )
    CostOption.objects.create(service=service, option="Standard", amount=Decimal("4.00"), kind="price", per="session")
    CostOption.objects.create(service=service, option="Concession", amount=Decimal("2.00"), kind="price", per="session")
    CostOption.objects.create(service=service, option="Lunch", amount=Decimal("3.50"), kind="extra", per="session")
    return service


def _url(service):
    return f"/directory/your-entries/{service.pk}/change/"


def _rows(service):
    schedules = sorted((str(s.pk), s.byday, s.opens_at, s.closes_at) for s in service.schedules.all())
    costs = sorted((str(c.pk), c.option, c.amount, c.kind, c.per) for c in service.cost_options.all())
    return schedules, costs


def _add_row(client, service, data, what):
    """Press "Add another …" (no JavaScript): the page comes back with the answers kept and one more empty row."""
    page = client.post(_url(service), {**data, "add": what})
    assert page.status_code == 200
    return form_fields(page.text, FORM)


def test_adding_a_tuesday_evening_adds_one_session_and_changes_nothing_else(client, provider, broker, saturday_club):
    schedules_before, costs_before = _rows(saturday_club)
    client.force_login(provider)
    page = client.get(_url(saturday_club))
    assert "Every Saturday, 10am to 12:30pm" in page.text
    data = form_fields(page.text, FORM)
    data = _add_row(client, saturday_club, data, "session")
    new = int(data["sessions-TOTAL_FORMS"][0]) - 1
    assert data.get(f"sessions-{new}-days") is None
    data[f"sessions-{new}-days"] = ["TU"]
    data[f"sessions-{new}-opens_at"] = ["18:30"]
    data[f"sessions-{new}-closes_at"] = ["20:30"]
    response = client.post(_url(saturday_club), data)
    assert response.status_code == 302, response.text

    change = ServiceChange.objects.get()
    assert set(change.proposed) == {"schedules"}
    assert change.proposed["schedules"] == {
        "added": [
            {"byday": "TU", "opens_at": "18:30", "closes_at": "20:30", "text": "Every Tuesday, 6:30pm to 8:30pm"}
        ],
        "changed": [],
        "removed": [],
    }
    assert _rows(saturday_club) == (schedules_before, costs_before)  # nothing published yet

    client.force_login(broker)
    review = client.get(f"/directory/review/{change.pk}/").text
    assert "1 change: when it runs: a session added." in review
    assert review.count("<ins") == 1
    assert "Every Tuesday, 6:30pm to 8:30pm" in review
    assert "6:30pm" not in review.split("Every Tuesday")[0]  # the Saturday session is not shown as changed
    assert client.post(f"/directory/review/{change.pk}/", {"decision": "approve"}).status_code == 302

    saturday_club.refresh_from_db()
    schedules_after, costs_after = _rows(saturday_club)
    assert costs_after == costs_before
    assert schedules_before[0] in schedules_after  # the Saturday session, untouched, same row
    assert sorted(row[1:] for row in schedules_after) == [
        ("SA", dt.time(10, 0), dt.time(12, 30)),
        ("TU", dt.time(18, 30), dt.time(20, 30)),
    ]
    assert saturday_club.cost_from == Decimal("5.50")  # the concession plus lunch, as before


def test_the_form_changes_and_removes_costs_and_sessions_row_by_row(client, provider, broker, saturday_club):
    schedules_before, costs_before = _rows(saturday_club)
    client.force_login(provider)
    data = form_fields(client.get(_url(saturday_club)).text, FORM)
    # The form holds every cost: change the concession, remove lunch, and add a trip.
    costs = {data[f"costs-{i}-option"][0]: i for i in range(int(data["costs-INITIAL_FORMS"][0]))}
    assert set(costs) == {"Standard", "Concession", "Lunch"}
    data[f"costs-{costs['Concession']}-amount"] = ["1.50"]
    data[f"costs-{costs['Lunch']}-DELETE"] = ["on"]
    data = _add_row(client, saturday_club, data, "cost")
    new = int(data["costs-TOTAL_FORMS"][0]) - 1
    data[f"costs-{new}-option"] = ["Trip to the coast"]
    data[f"costs-{new}-amount"] = ["12"]
    data[f"costs-{new}-kind"] = ["extra"]
    data[f"costs-{new}-per"] = ["once"]
    assert client.post(_url(saturday_club), data).status_code == 302

    change = ServiceChange.objects.get()
    assert set(change.proposed) == {"costs"}
    costs_change = change.proposed["costs"]
    assert [c["text"] for c in costs_change["added"]] == ["Trip to the coast, an extra everyone pays: £12.00 once"]
    assert [(c["before"], c["text"]) for c in costs_change["changed"]] == [
        ("Concession: £2.00 a session", "Concession: £1.50 a session")
    ]
    assert [c["text"] for c in costs_change["removed"]] == ["Lunch, an extra everyone pays: £3.50 a session"]

    client.force_login(broker)
    review = client.get(f"/directory/review/{change.pk}/").text
    assert "3 changes: what it costs: a cost added, what it costs: a cost changed, what it costs: a cost removed." in (
        review
    )
    assert client.post(f"/directory/review/{change.pk}/", {"decision": "approve"}).status_code == 302
    schedules_after, costs_after = _rows(saturday_club)
    assert schedules_after == schedules_before
    standard = next(c for c in costs_before if c[1] == "Standard")
    assert standard in costs_after  # untouched, same row
    assert sorted(c[1:] for c in costs_after) == [
        ("Concession", Decimal("1.50"), "price", "session"),
        ("Standard", Decimal("4.00"), "price", "session"),
        ("Trip to the coast", Decimal("12.00"), "extra", "once"),
    ]


def test_an_unchanged_form_is_not_sent_and_row_errors_are_shown(client, provider, saturday_club):
    client.force_login(provider)
    data = form_fields(client.get(_url(saturday_club)).text, FORM)
    unchanged = client.post(_url(saturday_club), data)
    assert "You have not changed anything" in unchanged.text
    data["sessions-0-closes_at"] = ["09:00"]
    data["costs-0-amount"] = ["-2"]
    page = client.post(_url(saturday_club), data).text
    assert 'href="#id_sessions-0-closes_at"' in page
    assert "Session 1: the finishing time must be after the starting time" in page
    assert 'href="#id_costs-0-amount"' in page
    assert "Cost 1: the cost must be £0 or more" in page
    assert not ServiceChange.objects.exists()


def test_a_session_that_is_not_weekly_is_shown_and_kept(client, provider, saturday_club):
    Schedule.objects.create(service=saturday_club, freq="MONTHLY", byday="1SU", opens_at=dt.time(14, 0))
    client.force_login(provider)
    page = client.get(_url(saturday_club)).text
    assert "The first Sunday of every month, from 2pm" in page
    data = form_fields(page, FORM)
    data["alert"] = ["Closed in August"]
    assert client.post(_url(saturday_club), data).status_code == 302
    assert set(ServiceChange.objects.get(status=ChangeStatus.PENDING).proposed) == {"alert"}
