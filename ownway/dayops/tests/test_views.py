"""The day-opportunity pages as a worker and a broker use them."""

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services
from ownway.dayops.models import Attendance, Placement, WaitingListEntry
from ownway.directory.models import ProviderAccount
from ownway.people.tests.factories import PersonFactory

from .conftest import approved_day_line

TODAY = timezone.localdate()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _date(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_a_worker_moves_a_person_from_enablement_to_community_options_at_their_review(worker, person):
    client = _client(worker)
    start = TODAY - dt.timedelta(weeks=12)
    response = client.post(
        reverse("dayops:tier", kwargs={"person_pk": person.pk}),
        {"tier": "enablement", "reason": "Wants to cook again"} | _date("decided_on", start),
    )
    assert response.status_code == 302
    assert services.tier_current(person).review_due == TODAY
    page = client.get(reverse("dayops:person", kwargs={"person_pk": person.pk})).content.decode()
    assert "Enablement" in page
    assert "Wants to cook again" in page
    response = client.post(
        reverse("dayops:review", kwargs={"person_pk": person.pk}),
        {"outcomes_own_words": "I cook my own tea now", "decision": "community", "reasons": "Goals met"}
        | _date("reviewed_on", TODAY),
    )
    assert response.status_code == 302
    page = client.get(reverse("dayops:person", kwargs={"person_pk": person.pk})).content.decode()
    assert "Moved on to community options" in page
    assert "I cook my own tea now" in page
    record = client.get(reverse("people:person", kwargs={"pk": person.pk})).content.decode()
    assert "Moved on to community options" in record


def test_a_refused_review_says_why_on_the_page(worker, person):
    services.tier_set(actor=worker, person=person, tier="enablement", reason="x", decided_on=TODAY)
    response = _client(worker).post(
        reverse("dayops:review", kwargs={"person_pk": person.pk}),
        {"outcomes_own_words": "Getting there", "decision": "stay", "reasons": "More time"}
        | _date("reviewed_on", TODAY),
    )
    assert response.status_code == 200
    assert "Enter the date of the next review" in response.content.decode()


def test_reviews_due_on_the_worklist_and_the_home_page(worker, person):
    services.tier_set(actor=worker, person=person, tier="enablement", reason="x",
                      decided_on=TODAY - dt.timedelta(weeks=13))  # fmt: skip
    client = _client(worker)
    page = client.get(reverse("dayops:reviews_due") + "?whose=mine").content.decode()
    assert person.full_name in page
    assert "1 overdue" in page
    home = client.get(reverse("home:home")).content.decode()
    assert "Day-opportunity tier reviews overdue" in home
    assert "(1 for people you are the named worker for, 1 for your team)" in home


def test_a_full_session_offers_the_waiting_list(worker, broker, team, centre):
    for _ in range(2):
        services.placement_make(actor=worker, person=PersonFactory(team=team), service=centre, days=["MO"],
                                session="morning", starts_on=TODAY)  # fmt: skip
    person = PersonFactory(team=team)
    client = _client(broker)
    url = reverse("dayops:place", kwargs={"person_pk": person.pk})
    form = {"service": str(centre.pk), "days": ["MO"], "session": "morning", "plan_line": ""} | _date(
        "starts_on", TODAY
    )
    response = client.post(url, form | {"action": "place"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "is full (2 of 2 places taken)" in page
    assert "Put them on the waiting list" in page
    assert Placement.objects.filter(person=person).count() == 0
    response = client.post(url, form | {"action": "wait"})
    assert response.status_code == 302
    assert WaitingListEntry.objects.filter(person=person).count() == 1
    page = client.get(reverse("dayops:service", kwargs={"pk": centre.pk})).content.decode()
    assert person.full_name in page


def test_placing_from_the_plans_day_opportunity_line(worker, manager, person, centre):
    line = approved_day_line(worker, manager, person)
    client = _client(worker)
    url = reverse("dayops:place", kwargs={"person_pk": person.pk})
    assert "Three days a week at a day centre" in client.get(url).content.decode()
    response = client.post(
        url,
        {"service": str(centre.pk), "days": ["TU", "TH"], "session": "full_day", "plan_line": str(line.pk)}
        | _date("starts_on", dt.date(2026, 4, 20)),
    )
    assert response.status_code == 302
    assert Placement.objects.get(person=person).plan_line == line


def test_the_provider_marks_the_register_on_its_page(worker, team, centre):
    monday = TODAY - dt.timedelta(days=TODAY.weekday() + 7)
    person = PersonFactory(team=team, first_name="Bea")
    placement = services.placement_make(actor=worker, person=person, service=centre, days=["MO"], session="morning",
                                        starts_on=monday)  # fmt: skip
    provider = UserFactory(role=Role.PROVIDER, team=None)
    ProviderAccount.objects.create(user=provider, organization=centre.organization)
    client = _client(provider)
    assert centre.name in client.get(reverse("dayops:registers")).content.decode()
    url = reverse("dayops:register", kwargs={"pk": centre.pk}) + f"?date={monday}&session=morning"
    page = client.get(url).content.decode()
    assert person.full_name in page
    assert "Absent: no transport" in page
    response = client.post(url, {f"p{placement.pk}": "ill"})
    assert response.status_code == 302
    assert Attendance.objects.get(placement=placement).absence_reason == "ill"
    assert "0 of 1 sessions (0%)" in client.get(url).content.decode()
    # Nonsense in the address gives today's full-day register.
    assert (
        client.get(reverse("dayops:register", kwargs={"pk": centre.pk}) + "?date=9999-99-99&session=x").status_code
        == 200
    )


def test_the_reviews_due_list_costs_the_same_however_many_people(worker, team):
    client = _client(worker)
    url = reverse("dayops:reviews_due")

    def add(count):
        for _ in range(count):
            services.tier_set(actor=worker, person=PersonFactory(team=team, named_worker=worker), tier="enablement",
                              reason="x", decided_on=TODAY - dt.timedelta(weeks=13))  # fmt: skip

    def queries():
        with CaptureQueriesContext(connection) as context:
            page = client.get(url).content.decode()
        return len(context.captured_queries), page

    add(2)
    client.get(url)
    few, _ = queries()
    add(8)
    many, page = queries()
    assert many == few
    assert "10 overdue" in page


def test_finance_officers_read_day_opportunities_but_do_not_decide(person, worker):
    services.tier_set(actor=worker, person=person, tier="specialist", reason="Dementia", decided_on=TODAY)
    client = _client(UserFactory(role=Role.FINANCE_OFFICER, team=None))
    page = client.get(reverse("dayops:person", kwargs={"person_pk": person.pk})).content.decode()
    assert "Specialist Intensive Support" in page
    assert "Decide the tier" not in page
    assert "Change the tier" not in page
    assert client.get(reverse("dayops:tier", kwargs={"person_pk": person.pk})).status_code == 403
    record = client.get(reverse("people:person", kwargs={"pk": person.pk})).content.decode()
    assert "Specialist Intensive Support since" in record
