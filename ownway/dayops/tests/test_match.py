"""Suggesting day services for a person, the shortlist, and the person's choice becoming a placement."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.dayops import services
from ownway.dayops.models import Placement
from ownway.dayops.selectors_match import MatchAsk, day_services_matching
from ownway.directory.models import Attribute, CostOption, Shortlist
from ownway.directory.selectors import terms_of
from ownway.directory.services import service_refresh_search, shortlist_record_choice
from ownway.directory.taxonomies import INTERESTS
from ownway.people.tests.factories import PersonFactory
from ownway.planning.tests.factories import directory_service

from .conftest import day_centre

TODAY = timezone.localdate()
MONDAY = TODAY + dt.timedelta(days=7 - TODAY.weekday())


def _interest(name):
    return next(t for t in terms_of(taxonomy_name=INTERESTS) if t.name == name)


def _with_interest(service, name):
    Attribute.objects.create(taxonomy_term=_interest(name), link_type="service", link_id=service.pk)
    service_refresh_search(service=service)
    service.refresh_from_db()
    return service


@pytest.fixture
def centres(db):
    arts = _with_interest(day_centre("Canal arts studio", capacity=1, evening=True), "Arts and crafts")
    CostOption.objects.filter(service=arts).delete()
    CostOption.objects.create(service=arts, option="Standard", amount=None)
    service_refresh_search(service=arts)
    garden = _with_interest(day_centre("Allotment project", capacity=5), "Gardening and the outdoors")
    weekend = _with_interest(day_centre("Saturday makers", capacity=5, days="SA"), "Arts and crafts")
    shop = _with_interest(directory_service("Corner shop"), "Arts and crafts")  # not a day service
    return {"arts": arts, "garden": garden, "weekend": weekend, "shop": shop}


def _ask(**changes):
    values = {"days": ["MO", "SA"], "session": "evening", "interest_ids": [_interest("Arts and crafts").pk],
              "starts_on": MONDAY} | changes  # fmt: skip
    return MatchAsk(**values)


def test_suggestions_say_why_and_what_does_not_fit(worker, person, centres):
    result = day_services_matching(user=worker, person=person, ask=_ask())
    names = [s.service.name for s in result.suggestions]
    assert names == ["Canal arts studio"]  # the gardening project has other interests; the shop is no day service
    arts = result.suggestions[0].match
    assert arts.fits == [
        "Interests: Arts and crafts",
        "Open on Monday",
        "Runs in the evening (after 5pm)",
        "Places in the evening session on Monday (1 left)",
    ]
    assert arts.misfits == ["No weekend sessions"]
    assert arts.ask == ["what it costs: the service has not said"]
    assert arts.cost_text == "Ask the provider"
    # The Saturday group runs no evening: the directory's search keeps only services running in the evening.
    assert "Saturday makers" not in [s.service.name for s in result.full]


def test_a_service_full_in_the_session_wanted_is_offered_as_a_waiting_list(worker, team, person, centres):
    services.placement_make(actor=worker, person=PersonFactory(team=team), service=centres["arts"], days=["MO"],
                            session="evening", starts_on=MONDAY)  # fmt: skip
    result = day_services_matching(user=worker, person=person, ask=_ask())
    assert result.suggestions == []
    assert [s.service.name for s in result.full] == ["Canal arts studio"]
    assert result.full[0].match.misfits[-1] == "Full on Monday evening (1 places a session): waiting list"


def test_the_tier_is_weighed(worker, person, centres):
    services.tier_set(actor=worker, person=person, tier="specialist", reason="Dementia", decided_on=TODAY)
    result = day_services_matching(user=worker, person=person, ask=_ask(days=["SA"], session="full_day"))
    weekend = next(s for s in result.suggestions if s.service.name == "Saturday makers").match
    assert "It is for Enablement, not Specialist Intensive Support" in weekend.misfits


def test_only_those_who_place_people_see_suggestions(person, centres):
    with pytest.raises(PermissionDenied):
        day_services_matching(user=UserFactory(role=Role.FINANCE_OFFICER), person=person, ask=_ask())


def test_a_broker_shortlists_a_suggestion_and_the_persons_choice_becomes_a_placement(broker, person, centres):
    client = Client()
    client.force_login(broker)
    url = reverse("dayops:match", kwargs={"person_pk": person.pk})
    query = f"days=MO&session=evening&interest={_interest('Arts and crafts').pk}"
    page = client.get(f"{url}?{query}").content.decode()
    assert "Canal arts studio" in page
    assert "No weekend sessions" not in page  # only Monday asked for
    assert "Ask the provider" in page
    response = client.post(f"{url}?{query}", {"service": str(centres["arts"].pk)})
    assert response.status_code == 302
    shortlist = Shortlist.objects.get(person=person)
    entry = shortlist.entries.get()
    assert entry.service == centres["arts"]
    assert entry.note.startswith("Suggested because: Interests: Arts and crafts; Open on Monday;")
    shortlist_record_choice(actor=broker, shortlist=shortlist, service=centres["arts"], reason="I love painting")
    page = client.get(url).content.decode()
    assert "Chosen from a shortlist, not placed yet" in page
    place = reverse("dayops:place", kwargs={"person_pk": person.pk})
    assert f"{place}?service={centres['arts'].pk}" in page
    form = client.get(f"{place}?service={centres['arts'].pk}&days=MO&session=evening").content.decode()
    assert f'value="{centres["arts"].pk}" selected' in form
    response = client.post(
        place,
        {"service": str(centres["arts"].pk), "days": ["MO"], "session": "evening", "starts_on-day": MONDAY.day,
         "starts_on-month": MONDAY.month, "starts_on-year": MONDAY.year, "action": "place"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Placement.objects.get(person=person).service == centres["arts"]
    assert "Chosen from a shortlist" not in client.get(url).content.decode()


def test_a_tampered_shortlist_or_service_is_refused_and_nothing_is_saved(broker, worker, person, centres):
    other = Shortlist.objects.create(person=PersonFactory(), created_by=broker, purpose="Theirs")
    client = Client()
    client.force_login(broker)
    url = reverse("dayops:match", kwargs={"person_pk": person.pk})
    client.post(url, {"service": str(centres["arts"].pk), "shortlist": str(other.pk)})
    client.post(url, {"service": str(centres["shop"].pk)})
    client.post(url, {"service": "not-a-service"})
    assert not other.entries.exists()
    assert not Shortlist.objects.filter(person=person).exists()
    worker_client = Client()
    worker_client.force_login(worker)
    assert worker_client.post(url, {"service": str(centres["arts"].pk)}).status_code == 403


def test_bad_answers_are_named(broker, person, centres):
    client = Client()
    client.force_login(broker)
    url = reverse("dayops:match", kwargs={"person_pk": person.pk})
    page = client.get(f"{url}?session=teatime&postcode=XX&starts_on-day=31&starts_on-month=12&starts_on-year=9999")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Choose the part of the day" in text
    assert "The date they want to start must be within" in text
