"""Breaks from caring booked with directory services: booked, changed and cancelled from the carer's record, shown
to the carer as "Your breaks", and refused with a clear message when they make no sense."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.carers import events_breaks as events
from ownway.carers.models import BreakBooking, BreakStatus
from ownway.carers.selectors_breaks import breaks_of_carer, own_breaks_for_user
from ownway.carers.services_breaks import BreakDetails, break_book, break_cancel, break_change
from ownway.carers.services_consent import carer_consent_record
from ownway.carers.tests.breaks_fixtures import break_service, carer_of_ada
from ownway.dayops import services as dayops
from ownway.dayops.services_change import placement_set_end
from ownway.people.tests.factories import PersonFactory
from ownway.planning.tests.factories import directory_service

TODAY = timezone.localdate()
#: The next Tuesday after today.
TUESDAY = TODAY + dt.timedelta(days=(1 - TODAY.weekday()) % 7 or 7)
T = dt.time
_carer = pytest.fixture(name="carer")(carer_of_ada)


@pytest.fixture
def sitting(db):
    return break_service("Sitting service")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _weekly(person, service, **changes):
    values = {"cared_for": person, "service": service, "kind": "weekly", "weekday": 1, "starts_on": TUESDAY,
              "ends_on": None, "start_time": T(10), "end_time": T(14)}  # fmt: skip
    values.update(changes)
    return BreakDetails(**values)


def _form(person, service, **changes):
    data = {"cared_for": str(person.pk), "service": str(service.pk), "kind": "weekly", "weekday": "1",
            "starts_on-day": TUESDAY.day, "starts_on-month": TUESDAY.month, "starts_on-year": TUESDAY.year,
            "start_time": "10:00", "end_time": "14:00"}  # fmt: skip
    data.update(changes)
    return data


def test_a_worker_books_a_weekly_break_and_the_carer_sees_it_with_its_cost(carer, person, social_worker, sitting):
    url = reverse("carers:breaks", kwargs={"person_pk": carer.person_id})
    response = _client(social_worker).post(url, _form(person, sitting))
    assert response.status_code == 302
    booking = BreakBooking.objects.get()
    assert booking.when_text.startswith(f"Every Tuesday, 10:00 to 14:00, from {TUESDAY.day}")
    assert AuditEvent.objects.filter(action=events.BREAK_BOOKED, person=carer.person).count() == 1
    staff_page = _client(social_worker).get(url).content.decode()
    assert "Sitting service" in staff_page
    assert "£14.00 an hour" in staff_page
    page = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "Your breaks" in page
    assert "Every Tuesday, 10:00 to 14:00" in page
    assert "£14.00 an hour" in page


def test_a_service_that_has_not_said_what_it_costs_is_ask_the_provider_never_free(carer, person, social_worker):
    unknown = break_service("Respite house", costs=(), term="carer_break")
    break_book(actor=social_worker, carer=carer.person, details=_weekly(person, unknown))
    (shown,) = own_breaks_for_user(user=carer).booked
    assert shown.cost == "Ask the provider"
    page = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "Ask the provider" in page
    assert "Free" not in page


def test_bad_bookings_get_clear_messages_and_nothing_is_saved(carer, person, social_worker, sitting, team):
    break_book(actor=social_worker, carer=carer.person, details=_weekly(person, sitting))
    lunch = directory_service("Lunch club")  # in the directory, but not a break
    stranger = PersonFactory(first_name="Sam", last_name="Stranger", team=team)
    cases = [
        (
            _weekly(
                person,
                sitting,
                kind="one_off",
                weekday=None,
                starts_on=TUESDAY + dt.timedelta(days=2),
                ends_on=TUESDAY + dt.timedelta(days=1),
            ),
            "The last day must be the same as or after the first day",
        ),
        (_weekly(stranger, sitting), "Mary Somerville is not recorded as caring for Sam Stranger"),
        (_weekly(person, sitting, start_time=T(13), end_time=T(15)), "This overlaps a break already booked for Ada"),
        (_weekly(person, lunch), "Lunch club is not a break service"),
        (_weekly(person, sitting, weekday=2, start_time=T(15), end_time=T(11)), "must end after it starts"),
        (_weekly(person, sitting, weekday=2, starts_on=TODAY - dt.timedelta(days=7)), "must be today or later"),
    ]
    for details, message in cases:
        with pytest.raises(ValidationError, match=message):
            break_book(actor=social_worker, carer=carer.person, details=details)
    assert BreakBooking.objects.count() == 1
    assert AuditEvent.objects.filter(action=events.BREAK_BOOKED).count() == 1


def test_out_of_range_times_on_the_page_get_a_clear_message(carer, person, social_worker, sitting):
    url = reverse("carers:breaks", kwargs={"person_pk": carer.person_id})
    for bad in ("25:00", "10:75", "noon", "9" * 50):
        page = _client(social_worker).post(url, _form(person, sitting, start_time=bad))
        assert page.status_code == 200
        assert "Enter the start time as a time between 00:00 and 23:59" in page.content.decode()
    page = _client(social_worker).post(url, _form(person, sitting, weekday=""))
    assert "Choose the day of the week the break is on" in page.content.decode()
    assert not BreakBooking.objects.exists()


def test_a_break_is_changed_and_cancelled_from_the_carers_record(carer, person, social_worker, sitting):
    booking = break_book(actor=social_worker, carer=carer.person, details=_weekly(person, sitting))
    other = break_book(actor=social_worker, carer=carer.person,
                       details=_weekly(person, sitting, weekday=3))  # fmt: skip
    # Moving the Thursday break onto the Tuesday one's time is refused: it would overlap.
    with pytest.raises(ValidationError, match="overlaps"):
        break_change(actor=social_worker, booking=other, details=_weekly(person, sitting))
    # Moving the Tuesday break itself to the afternoon is not: it does not overlap itself.
    changed = break_change(actor=social_worker, booking=booking,
                           details=_weekly(person, sitting, start_time=T(13), end_time=T(17)))  # fmt: skip
    assert (changed.start_time, changed.changed_by) == (T(13), social_worker)
    url = reverse("carers:break", kwargs={"pk": booking.pk})
    assert _client(social_worker).post(url, {"action": "cancel", "reason": ""}).status_code == 200
    assert _client(social_worker).post(url, {"action": "cancel", "reason": "Mary is away"}).status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.cancel_reason) == (BreakStatus.CANCELLED, "Mary is away")
    with pytest.raises(ValidationError, match="already been cancelled"):
        break_cancel(actor=social_worker, booking=booking, reason="Again")
    with pytest.raises(ValidationError, match="cancelled, so it cannot change"):
        break_change(actor=social_worker, booking=booking, details=_weekly(person, sitting, weekday=4))
    # A cancelled break frees its time.
    break_book(actor=social_worker, carer=carer.person, details=_weekly(person, sitting, start_time=T(13),
                                                                        end_time=T(17)))  # fmt: skip
    page = _client(carer).get(reverse("carers:mine")).content.decode()
    assert "Cancelled" in page
    assert "Mary is away" in page


def test_only_the_carers_workers_and_brokers_book(carer, person, social_worker, sitting, broker, finance_officer):
    break_book(actor=broker, carer=carer.person, details=_weekly(person, sitting))
    for user in (carer, finance_officer):
        with pytest.raises(PermissionDenied):
            break_book(actor=user, carer=carer.person, details=_weekly(person, sitting, weekday=4))
    # The finance officer reads the breaks, but a booking sent from the page is turned away.
    url = reverse("carers:breaks", kwargs={"person_pk": carer.person_id})
    assert _client(finance_officer).get(url).status_code == 200
    assert _client(finance_officer).post(url, _form(person, sitting, weekday="4")).status_code == 302
    assert BreakBooking.objects.count() == 1


def test_a_day_placement_that_gives_a_break_is_shown_once(carer, person, social_worker, team):
    centre = break_service("Northfield day centre", term="day_services")
    placement = dayops.placement_make(actor=social_worker, person=person, service=centre, days=["MO", "WE"],
                                      session="full_day", starts_on=TODAY)  # fmt: skip
    # The worker sees it with the carer's breaks; the carer, only while Ada's consent covers it.
    assert [b.placement for b in breaks_of_carer(user=social_worker, carer=carer.person).booked] == [placement]
    assert own_breaks_for_user(user=carer).booked == []
    carer_consent_record(actor=social_worker, cared_for=person, carer=carer.person, covers=["day_breaks"],
                         given_on=TODAY)  # fmt: skip
    (shown,) = own_breaks_for_user(user=carer).booked
    assert shown.placement == placement
    assert "Monday, Wednesday" in shown.when
    # Booked as a break at the same service, it is listed once, as the booking.
    break_book(actor=social_worker, carer=carer.person,
               details=_weekly(person, centre, weekday=0, start_time=T(9), end_time=T(16)))  # fmt: skip
    (shown,) = own_breaks_for_user(user=carer).booked
    assert (shown.booking is not None, shown.placement) == (True, None)


def test_a_break_paid_from_the_carers_plan_names_the_line(carer, person, social_worker, team_manager, sitting):
    from ownway.planning import services as planning
    from ownway.planning.tests.factories import draft_plan

    carer.person.named_worker = social_worker
    carer.person.save(update_fields=["named_worker"])
    _plan, version = draft_plan(social_worker, carer.person)
    line = version.lines.order_by("position", "id").first()
    # Not approved yet: its lines cannot pay for a break.
    with pytest.raises(ValidationError, match="not in Mary Somerville's current approved plan"):
        break_book(actor=social_worker, carer=carer.person, details=_weekly(person, sitting, plan_line=line))
    planning.plan_submit(actor=social_worker, version=version)
    planning.plan_approve(actor=team_manager, version=version, reasons="Meets Mary's outcomes")
    break_book(actor=social_worker, carer=carer.person, details=_weekly(person, sitting, plan_line=line))
    (shown,) = own_breaks_for_user(user=carer).booked
    assert shown.paid_from_plan == line.description
    assert f"Paid from your plan: {line.description}" in _client(carer).get(reverse("carers:mine")).content.decode()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_pages_ask_as_many_questions_whatever_the_number_of_breaks(carer, person, social_worker, sitting):
    carer_consent_record(actor=social_worker, cared_for=person, carer=carer.person, covers=["plan", "reviews",
                         "day_breaks"], given_on=TODAY)  # fmt: skip
    break_book(actor=social_worker, carer=carer.person, details=_weekly(person, sitting))
    pages = [(_client(carer), reverse("carers:mine")),
             (_client(social_worker), reverse("carers:breaks", kwargs={"person_pk": carer.person_id}))]  # fmt: skip
    before = [_queries(client, url) for client, url in pages]
    for weekday in (2, 3, 4):
        other = break_service(f"Sitters {weekday}")
        break_book(actor=social_worker, carer=carer.person, details=_weekly(person, other, weekday=weekday))
    assert [_queries(client, url) for client, url in pages] == before


def test_the_carers_record_links_to_their_breaks_and_the_cared_for_persons_to_the_consents(carer, person,
                                                                                          social_worker):  # fmt: skip
    page = _client(social_worker).get(reverse("people:person", kwargs={"pk": carer.person_id})).content.decode()
    assert reverse("carers:breaks", kwargs={"person_pk": carer.person_id}) in page
    page = _client(social_worker).get(reverse("people:person", kwargs={"pk": person.pk})).content.decode()
    assert reverse("carers:consents", kwargs={"person_pk": person.pk}) in page


def test_a_break_that_clashes_with_a_day_placement_is_refused_naming_the_placement(carer, person, social_worker,
                                                                                    sitting):  # fmt: skip
    # Ada is at Northfield day centre all day on Mondays and Wednesdays (no schedule: 9:30 to 15:30) and on
    # Friday mornings (9:30 to 12:30, the first half of the day).
    centre = break_service("Northfield day centre", term="day_services")
    dayops.placement_make(actor=social_worker, person=person, service=centre, days=["MO", "WE"],
                          session="full_day", starts_on=TODAY)  # fmt: skip
    dayops.placement_make(actor=social_worker, person=person, service=centre, days=["FR"], session="morning",
                          starts_on=TODAY)  # fmt: skip
    wednesday, thursday = TUESDAY + dt.timedelta(days=1), TUESDAY + dt.timedelta(days=2)
    clashing = [
        _weekly(person, sitting, weekday=0, start_time=T(10), end_time=T(14)),
        _weekly(person, sitting, weekday=4, start_time=T(12), end_time=T(13)),
        _weekly(person, sitting, kind="one_off", weekday=None, starts_on=wednesday, ends_on=wednesday,
                start_time=T(15), end_time=T(17)),
        _weekly(person, sitting, kind="one_off", weekday=None, starts_on=TUESDAY, ends_on=thursday,
                start_time=T(18), end_time=T(12)),
    ]  # fmt: skip
    for details in clashing:
        with pytest.raises(ValidationError) as refused:
            break_book(actor=social_worker, carer=carer.person, details=details)
        (message,) = refused.value.message_dict["starts_on"]
        assert message.startswith("This clashes with Ada Lovelace's day placement at Northfield day centre: ")
        assert message.endswith("Choose another time, or change the placement first")
    assert not BreakBooking.objects.exists()
    with pytest.raises(ValidationError) as refused:
        break_book(actor=social_worker, carer=carer.person, details=clashing[0])
    assert "Monday, Wednesday, full day, from" in refused.value.message_dict["starts_on"][0]
    # Around the placement's sessions the breaks are booked: after the day centre on a Monday, a Friday afternoon,
    # a Tuesday, and at the day centre itself (the placement given as the carer's break).
    for details in [
        _weekly(person, sitting, weekday=0, start_time=T(15, 30), end_time=T(18)),
        _weekly(person, sitting, weekday=4, start_time=T(12, 30), end_time=T(16)),
        _weekly(person, sitting, weekday=1, start_time=T(10), end_time=T(14)),
        _weekly(person, centre, weekday=2, start_time=T(9), end_time=T(16)),
    ]:
        break_book(actor=social_worker, carer=carer.person, details=details)
    assert BreakBooking.objects.count() == 4


def test_a_placement_that_has_ended_does_not_clash(carer, person, social_worker, sitting):
    centre = break_service("Northfield day centre", term="day_services")
    placement = dayops.placement_make(actor=social_worker, person=person, service=centre, days=["MO"],
                                      session="full_day", starts_on=TODAY)  # fmt: skip
    placement_set_end(actor=social_worker, placement=placement, ends_on=TUESDAY, reason="Moved to a new centre")
    break_book(actor=social_worker, carer=carer.person,
               details=_weekly(person, sitting, weekday=0, starts_on=TUESDAY + dt.timedelta(days=1)))  # fmt: skip
    assert BreakBooking.objects.count() == 1
