"""Conversation 1 connects people with their community: signposting to the directory from the contact."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ownway.accounts.models import AuditEvent
from ownway.directory.demo import build_feed
from ownway.directory.models import Service, ServiceStatus
from ownway.directory.services import directory_import
from ownway.frontdoor import events
from ownway.frontdoor.models import ContactSource, EventOutcome, Signpost
from ownway.frontdoor.services import ContactData, contact_close, contact_create, contact_signpost


@pytest.fixture
def feed(db):
    feed = build_feed(services=6, seed=3)
    report = directory_import(actor=None, payload=feed, source="test")
    assert report.rejected == []
    return feed


@pytest.fixture
def contact(social_worker, team, feed):
    postcode = feed["services"][0]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"]
    return contact_create(
        actor=social_worker,
        data=ContactData(first_name="Mary", last_name="Seacole", reason="Lonely since her husband died",
                         source=ContactSource.SELF, postcode=postcode, team=team),
    )  # fmt: skip


def _service(feed, n=0):
    return Service.objects.get(pk=feed["services"][n]["id"])


def test_a_worker_connects_the_person_to_a_group(social_worker, contact, feed):
    service = _service(feed)
    signpost = contact_signpost(actor=social_worker, contact=contact, service=service, note="Going on Thursday")
    assert signpost.note == "Going on Thursday"
    event = AuditEvent.objects.get(action=events.CONTACT_SIGNPOSTED)
    assert event.new["name"] == service.name


def test_once_per_service_and_only_while_it_runs(social_worker, contact, feed):
    contact_signpost(actor=social_worker, contact=contact, service=_service(feed))
    with pytest.raises(ValidationError, match="already connected"):
        contact_signpost(actor=social_worker, contact=contact, service=_service(feed))
    closed = _service(feed, 1)
    closed.status = ServiceStatus.DEFUNCT
    closed.save()
    with pytest.raises(ValidationError, match="is not running"):
        contact_signpost(actor=social_worker, contact=contact, service=closed)
    assert Signpost.objects.count() == 1


def test_not_on_a_closed_contact_nor_by_someone_without_access(social_worker, contact, feed, broker):
    with pytest.raises(PermissionDenied):
        contact_signpost(actor=broker, contact=contact, service=_service(feed))
    contact_close(actor=social_worker, contact=contact, outcome=EventOutcome.NFA_INFORMATION)
    with pytest.raises(
        ValidationError, match="This contact is now 'Closed', so you cannot connect the person to a service"
    ):
        contact_signpost(actor=social_worker, contact=contact, service=_service(feed))


def test_find_near_them_and_connect_from_the_contact_page(social_worker_client, contact, feed):
    url = f"/front-door/contacts/{contact.pk}/"
    page = social_worker_client.get(url, {"near": "1"}).content.decode()
    first = _service(feed)
    assert first.name in page
    assert "Connect them" in page
    response = social_worker_client.post(url, {"action": "signpost", "service": str(first.pk)})
    assert response.status_code == 302
    page = social_worker_client.get(url).content.decode()
    assert f'href="/directory/services/{first.pk}/"' in page
    again = social_worker_client.post(url, {"action": "signpost", "service": str(first.pk)}).content.decode()
    assert "already connected" in again
    missing = social_worker_client.post(url, {"action": "signpost", "service": "not-a-uuid"}).content.decode()
    assert "no longer in the directory" in missing


def test_words_find_services_and_an_unknown_postcode_is_said(social_worker_client, social_worker, team, feed):
    word = _service(feed).name.split()[0]
    unknown = contact_create(
        actor=social_worker,
        data=ContactData(first_name="Al", last_name="Jones", reason="x", source=ContactSource.SELF, team=team),
    )
    url = f"/front-door/contacts/{unknown.pk}/"
    assert _service(feed).name in social_worker_client.get(url, {"find": word}).content.decode()
    page = social_worker_client.get(url, {"near": "1"}).content.decode()
    assert "We do not know where their postcode is" in page


def test_near_them_uses_the_district_when_their_postcode_is_not_in_the_data(
    social_worker_client, social_worker, team, feed
):
    postcode = feed["services"][0]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"]
    district = postcode.split()[0]
    made_up = contact_create(
        actor=social_worker,
        data=ContactData(first_name="Al", last_name="Jones", reason="x", source=ContactSource.SELF,
                         postcode=f"{district} 9ZZ", team=team),
    )  # fmt: skip
    page = social_worker_client.get(f"/front-door/contacts/{made_up.pk}/", {"near": "1"}).content.decode()
    assert f"within 3 miles of {district} (the middle of the district" in page
    assert "Connect them" in page


def test_a_note_sent_with_control_characters_is_kept_without_them(social_worker, client, contact, feed):
    """The note comes from the page without a form to check it; a NUL cannot be stored on PostgreSQL."""
    client.force_login(social_worker)
    service = _service(feed)
    response = client.post(
        f"/front-door/contacts/{contact.pk}/",
        {"action": "signpost", "service": str(service.pk), "note": "Going\x00 on Thursday\nwith her son"},
    )
    assert response.status_code == 302
    assert Signpost.objects.get().note == "Going  on Thursday\nwith her son"


@pytest.mark.parametrize("service", ["abc", "1e309", "-1", "9" * 5000, "\x00", ""])
def test_a_tampered_service_is_a_message_not_an_error(social_worker, client, contact, service):
    client.force_login(social_worker)
    response = client.post(f"/front-door/contacts/{contact.pk}/", {"action": "signpost", "service": service})
    assert response.status_code == 200
    assert "That service is no longer in the directory" in response.content.decode()
    assert not Signpost.objects.exists()


def test_services_with_no_venue_are_found_too_and_come_after_the_ones_nearby(
    social_worker_client, social_worker, team, db
):
    """The front door searches with the directory's one search: a service a feed gave no venue (online, by phone,
    outreach) is found by its words, and near the person's postcode it comes after the ones with a place."""
    feed = build_feed(services=4, seed=5)
    feed["services"][1]["service_at_locations"] = []
    feed["services"][1]["name"] = "Befriending by telephone"
    assert directory_import(actor=None, payload=feed, source="test").rejected == []
    nowhere = Service.objects.get(pk=feed["services"][1]["id"])
    assert not nowhere.service_at_locations.exists()
    postcode = feed["services"][0]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"]
    contact = contact_create(
        actor=social_worker,
        data=ContactData(first_name="Mary", last_name="Seacole", reason="Lonely", source=ContactSource.SELF,
                         postcode=postcode, team=team),
    )  # fmt: skip
    url = f"/front-door/contacts/{contact.pk}/"
    page = social_worker_client.get(url, {"find": "befriending telephone"}).content.decode()
    assert "1 found" in page
    assert "Befriending by telephone</a> (no venue" in page
    assert f'name="service" value="{nowhere.pk}"' in page
    page = social_worker_client.get(url, {"near": "1"}).content.decode()
    nearby = Service.objects.get(pk=feed["services"][0]["id"])
    assert nearby.name in page
    assert page.index(nearby.name) < page.index("Befriending by telephone")
    assert ", or with no venue" in page
    response = social_worker_client.post(url, {"action": "signpost", "service": str(nowhere.pk)})
    assert response.status_code == 302
    assert Signpost.objects.get().service_id == nowhere.pk
