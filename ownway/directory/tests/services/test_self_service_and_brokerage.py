"""Provider self-service with a broker's review, assurance, the PA register and brokerage shortlists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.directory import events
from ownway.directory.models import ChangeStatus, CostOption, PersonalAssistant, Schedule, Service
from ownway.directory.selectors import (
    changes_to_review_for_user,
    chosen_services_for_person,
    shortlists_for_person,
    stale_services,
)
from ownway.directory.services import (
    CostData,
    PersonalAssistantData,
    RowEdits,
    SessionData,
    personal_assistant_register,
    personal_assistant_withdraw_consent,
    service_assure,
    service_change_approve,
    service_change_propose,
    service_change_reject,
    shortlist_add,
    shortlist_create,
    shortlist_record_choice,
)


@pytest.fixture
def own_service(provider_org):
    return Service.objects.filter(organization=provider_org).order_by("name").first()


def test_provider_proposes_and_broker_approves(provider, broker, own_service):
    session = own_service.schedules.get()
    standard = own_service.cost_options.get(option="Standard")
    others = sorted((str(c.pk), c.option, c.amount) for c in own_service.cost_options.exclude(pk=standard.pk))
    change = service_change_propose(
        actor=provider,
        service=own_service,
        proposed={"name": "Saturday art club"},
        sessions=RowEdits(changed={str(session.pk): SessionData("SA", dt.time(10, 0), dt.time(13, 0))}),
        costs=RowEdits(changed={str(standard.pk): CostData("Standard", Decimal("5.00"), "price", "session")}),
    )
    assert change.status == ChangeStatus.PENDING
    assert [row["text"] for row in change.proposed["schedules"]["changed"]] == ["Every Saturday, 10am to 1pm"]
    assert [row["text"] for row in change.proposed["costs"]["changed"]] == ["Standard: £5.00 a session"]
    own_service.refresh_from_db()
    assert own_service.name != "Saturday art club"  # nothing published yet
    assert list(changes_to_review_for_user(user=broker)) == [change]
    assert list(changes_to_review_for_user(user=provider)) == []

    service_change_approve(actor=broker, change=change, note="Checked by phone")
    own_service.refresh_from_db()
    assert own_service.name == "Saturday art club"
    assert own_service.assured_date == timezone.localdate()
    assert list(Schedule.objects.filter(service=own_service).values_list("pk", "byday", "opens_at")) == [
        (session.pk, "SA", dt.time(10, 0))
    ]
    assert CostOption.objects.get(pk=standard.pk).amount == Decimal("5.00")
    assert sorted((str(c.pk), c.option, c.amount) for c in own_service.cost_options.exclude(pk=standard.pk)) == others
    assert "saturday art club" in own_service.search_text
    event = AuditEvent.objects.get(action=events.SERVICE_CHANGE_APPROVED)
    assert event.new["name"] == "Saturday art club"
    with pytest.raises(ValidationError, match="is now 'Approved and published', so you cannot publish it"):
        service_change_approve(actor=broker, change=change)


def test_a_change_names_only_rows_of_its_own_service_and_only_real_differences(provider, provider_org, own_service):
    other = Service.objects.exclude(organization=provider_org).first().schedules.first()
    session = own_service.schedules.get()
    with pytest.raises(ValidationError) as error:
        service_change_propose(
            actor=provider,
            service=own_service,
            proposed={},
            sessions=RowEdits(removed=(str(other.pk),)),
        )
    assert error.value.message_dict["schedules"] == ["A session to remove is not one of this service's"]
    same = SessionData(session.byday, session.opens_at, session.closes_at)
    with pytest.raises(ValidationError, match="You have not changed anything"):
        service_change_propose(
            actor=provider, service=own_service, proposed={}, sessions=RowEdits(changed={str(session.pk): same})
        )


def test_approval_is_refused_when_the_published_rows_moved_since(provider, broker, own_service):
    session = own_service.schedules.get()
    change = service_change_propose(
        actor=provider,
        service=own_service,
        proposed={},
        sessions=RowEdits(changed={str(session.pk): SessionData("MO", dt.time(9, 0), dt.time(10, 0))}),
    )
    Schedule.objects.filter(pk=session.pk).update(byday="WE")
    with pytest.raises(ValidationError, match="changed since this change was sent"):
        service_change_approve(actor=broker, change=change)
    assert Schedule.objects.get(pk=session.pk).byday == "WE"


def test_provider_cannot_change_another_organisations_service(provider, provider_org):
    other = Service.objects.exclude(organization=provider_org).first()
    with pytest.raises(PermissionDenied):
        service_change_propose(actor=provider, service=other, proposed={"name": "Mine now"})


def test_bad_proposals_are_explained(provider, own_service):
    with pytest.raises(ValidationError) as error:
        service_change_propose(
            actor=provider,
            service=own_service,
            proposed={"name": " ", "minimum_age": 70, "maximum_age": 18, "status": "defunct"},
        )
    messages = error.value.message_dict
    assert messages["name"] == ["Enter the name of the service"]
    assert "oldest age" in messages["maximum_age"][0]
    assert "cannot be changed here: status" in messages["__all__"][0]


def test_one_pending_change_at_a_time(provider, own_service):
    service_change_propose(actor=provider, service=own_service, proposed={"alert": "Closed at Christmas"})
    with pytest.raises(ValidationError, match="already waiting for review"):
        service_change_propose(actor=provider, service=own_service, proposed={"alert": "Open at Christmas"})


def test_broker_sends_a_change_back_with_a_reason(provider, broker, own_service):
    change = service_change_propose(actor=provider, service=own_service, proposed={"alert": "Moved"})
    with pytest.raises(ValidationError, match="why"):
        service_change_reject(actor=broker, change=change, note=" ")
    service_change_reject(actor=broker, change=change, note="Where to? Please give the new address.")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    own_service.refresh_from_db()
    assert own_service.alert == ""
    with pytest.raises(PermissionDenied):
        service_change_approve(actor=provider, change=change)


def test_stale_entries_and_assurance(broker, directory):
    today = timezone.localdate()
    stale = stale_services(today=today)
    assert stale.exists()
    service = stale.first()
    service_assure(actor=broker, service=service)
    assert not stale_services(today=today).filter(pk=service.pk).exists()
    assert stale_services(today=today + dt.timedelta(days=120)).filter(pk=service.pk).exists()


def pa(**overrides):
    values = {
        "name": "Jo Bloggs",
        "skills": "Personal care, cooking, going to the gym",
        "areas": "b13, b14",
        "availability": "Weekday evenings and Saturdays",
        "hourly_rate": Decimal("14.50"),
        "consent": True,
        "phone": "07700 900123",
    }
    values.update(overrides)
    return PersonalAssistantData(**values)


def test_pa_register_needs_consent_and_can_be_left(broker, social_worker):
    with pytest.raises(ValidationError) as error:
        personal_assistant_register(actor=broker, data=pa(consent=False, hourly_rate=Decimal("14.505"), phone=""))
    assert set(error.value.message_dict) == {"consent", "hourly_rate", "phone"}
    with pytest.raises(PermissionDenied):
        personal_assistant_register(actor=social_worker, data=pa())
    assistant = personal_assistant_register(actor=broker, data=pa())
    assert assistant.is_listed
    assert assistant.areas == "B13, B14"
    personal_assistant_withdraw_consent(actor=broker, assistant=assistant)
    assert not PersonalAssistant.objects.get().is_listed


def test_broker_shortlists_and_records_the_persons_choice(broker, person, directory, social_worker):
    shortlist = shortlist_create(actor=broker, person=person, purpose="Something creative on Saturdays")
    services = list(Service.objects.order_by("name")[:2])
    for service in services:
        shortlist_add(actor=broker, shortlist=shortlist, service=service)
    with pytest.raises(ValidationError, match="already on the shortlist"):
        shortlist_add(actor=broker, shortlist=shortlist, service=services[0])
    with pytest.raises(ValidationError, match="from the shortlist"):
        shortlist_record_choice(actor=broker, shortlist=shortlist, service=Service.objects.order_by("name")[5])
    shortlist_record_choice(actor=broker, shortlist=shortlist, service=services[1], reason="It is near my sister's")
    shortlist.refresh_from_db()
    assert shortlist.chosen == services[1]
    assert AuditEvent.objects.filter(action=events.SHORTLIST_CHOICE_RECORDED, person=person).exists()
    assert list(shortlists_for_person(user=broker, person=person)) == [shortlist]
    assert [s.chosen for s in chosen_services_for_person(user=broker, person=person)] == [services[1]]
    assert chosen_services_for_person(user=social_worker, person=person) == []
    assert list(shortlists_for_person(user=social_worker, person=person)) == []
    with pytest.raises(PermissionDenied):
        shortlist_create(actor=social_worker, person=person, purpose="x")
    with pytest.raises(ValidationError, match="already chosen"):
        shortlist_add(actor=broker, shortlist=shortlist, service=Service.objects.order_by("name")[5])


@pytest.mark.parametrize("rate", [Decimal("1E+18"), Decimal("NaN"), Decimal("Infinity"), Decimal("200.01")])
def test_pa_hourly_rate_must_be_a_real_rate_the_register_can_hold(broker, rate):
    with pytest.raises(ValidationError) as error:
        personal_assistant_register(actor=broker, data=pa(hourly_rate=rate))
    assert set(error.value.message_dict) == {"hourly_rate"}
    assert not PersonalAssistant.objects.exists()
