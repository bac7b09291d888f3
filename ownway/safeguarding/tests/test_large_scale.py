"""Large-scale enquiries: an enquiry into a care home links each adult involved, and the home's directory entry
shows staff that an enquiry is open, naming no one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.people.tests.factories import PersonFactory
from ownway.planning.tests.factories import directory_service
from ownway.safeguarding.large_scale import large_scale_close, large_scale_link, large_scale_open, open_about
from ownway.safeguarding.models import Concern
from ownway.safeguarding.services import ConcernData, concern_raise_for_person

pytestmark = pytest.mark.django_db

OPEN_NOTE = "A safeguarding enquiry about this service has been open since"


def _page(user, service) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("directory:service", kwargs={"pk": service.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_an_enquiry_into_a_care_home_links_every_adult_and_the_entry_shows_it_open_naming_no_one(safeguarder):
    home = directory_service("Elm Lodge care home", organization="Elm Care Ltd")
    sister = directory_service("Oak House care home", organization="Elm Care Ltd")
    other_home = directory_service("Birch Court", organization="Birch Homes")
    residents = [
        PersonFactory(first_name="Edna", last_name="Marsh"),
        PersonFactory(first_name="Ivor", last_name="Lane"),
    ]
    concerns = [
        concern_raise_for_person(actor=safeguarder, person=p, data=ConcernData(what_happened="Left unwashed at Elm"))
        for p in residents
    ]
    enquiry = large_scale_open(actor=safeguarder, name="Elm Lodge, 2026", service=home,
                               opened_on=timezone.localdate() - dt.timedelta(days=3))  # fmt: skip
    assert large_scale_link(actor=safeguarder, enquiry=enquiry, concerns=concerns) == 2
    assert large_scale_link(actor=safeguarder, enquiry=enquiry, concerns=concerns) == 0  # already linked
    assert set(enquiry.concerns.values_list("person__last_name", flat=True)) == {"Marsh", "Lane"}

    broker = UserFactory(role=Role.BROKER)
    page = _page(broker, home)
    assert OPEN_NOTE in page
    for name in ("Marsh", "Lane", "Edna", "Ivor", safeguarder.last_name, "unwashed", "Elm Lodge, 2026"):
        assert name not in page
    # About the service, not every service of its organisation; never to the public or a provider.
    assert OPEN_NOTE not in _page(broker, sister)
    assert OPEN_NOTE not in _page(broker, other_home)
    assert OPEN_NOTE not in _page(None, home)
    assert OPEN_NOTE not in _page(UserFactory(role=Role.PROVIDER), home)

    large_scale_close(actor=safeguarder, enquiry=enquiry)
    assert open_about(home) is None
    assert OPEN_NOTE not in _page(broker, home)
    with pytest.raises(ValidationError, match="closed"):
        large_scale_link(actor=safeguarder, enquiry=enquiry, concerns=concerns)


def test_an_enquiry_into_a_whole_provider_shows_on_each_of_its_services(safeguarder):
    home = directory_service("Elm Lodge care home", organization="Elm Care Ltd")
    sister = directory_service("Oak House care home", organization="Elm Care Ltd")
    enquiry = large_scale_open(actor=safeguarder, name="Elm Care", service=home)
    enquiry.service = None
    enquiry.save()
    assert open_about(sister) == enquiry
    assert open_about(home) == enquiry


def test_bad_input_is_refused_with_a_clear_message(safeguarder):
    home = directory_service("Elm Lodge care home", organization="Elm Care Ltd")
    with pytest.raises(ValidationError, match="Give the enquiry a name"):
        large_scale_open(actor=safeguarder, name="  ", service=home)
    with pytest.raises(ValidationError, match="today or in the past"):
        large_scale_open(actor=safeguarder, name="Elm", service=home, opened_on=timezone.localdate() + dt.timedelta(1))
    first = large_scale_open(actor=safeguarder, name="Elm", service=home)
    second = large_scale_open(actor=safeguarder, name="Elm again", service=home)
    concern = concern_raise_for_person(actor=safeguarder, person=PersonFactory(), data=ConcernData(what_happened="X"))
    large_scale_link(actor=safeguarder, enquiry=first, concerns=[concern])
    with pytest.raises(ValidationError, match="Already in another large-scale enquiry"):
        large_scale_link(actor=safeguarder, enquiry=second, concerns=[Concern.objects.get(pk=concern.pk)])
    with pytest.raises(ValidationError, match="on or after the day it opened"):
        large_scale_close(actor=safeguarder, enquiry=first, closed_on=first.opened_on - dt.timedelta(days=1))


def test_the_team_opens_an_enquiry_from_the_directory_links_each_adult_and_closes_it(safeguarder, safeguarder_client):
    """The pages: search the directory for the home, open the enquiry, link two adults' concerns by reference
    (a wrong reference refused, naming it), see both listed, close it; each read is on the audit trail."""
    from ownway.accounts.models import AuditEvent

    home = directory_service("Elm Lodge care home", organization="Elm Care Ltd")
    directory_service("Birch Court", organization="Birch Homes")
    client = safeguarder_client
    found = client.get(reverse("safeguarding:large_scale_new"), {"q": "elm"}).content.decode()
    assert "Elm Lodge care home" in found
    assert "Birch Court" not in found
    today = timezone.localdate()
    missing = client.post(
        reverse("safeguarding:large_scale_new") + "?q=elm",
        {
            "name": "Elm Lodge, 2026",
            "opened_on-day": today.day,
            "opened_on-month": today.month,
            "opened_on-year": today.year,
        },
    )
    assert missing.status_code == 200
    assert "Choose the service the enquiry is about" in missing.content.decode()
    opened = client.post(reverse("safeguarding:large_scale_new") + "?q=elm", {"name": "Elm Lodge, 2026",
                         "service": str(home.pk), "opened_on-day": today.day, "opened_on-month": today.month,
                         "opened_on-year": today.year})  # fmt: skip
    assert opened.status_code == 302
    page_url = opened["Location"]

    concerns = [
        concern_raise_for_person(actor=safeguarder, person=PersonFactory(last_name=name),
                                 data=ConcernData(what_happened="Left unwashed"))
        for name in ("Marsh", "Lane")
    ]  # fmt: skip
    wrong = client.post(page_url, {"action": "link", "link-references": f"{concerns[0].reference} S9999999"})
    assert wrong.status_code == 200
    assert "No concern has the reference S9999999" in wrong.content.decode()
    assert Concern.objects.filter(large_scale__isnull=False).count() == 0  # nothing half-linked
    linked = client.post(page_url, {"action": "link", "link-references": " ".join(c.reference for c in concerns)})
    assert linked.status_code == 302
    page = client.get(page_url).content.decode()
    assert "Adults involved (2)" in page
    assert "Marsh" in page
    assert "Lane" in page
    assert AuditEvent.objects.filter(action="safeguarding.large_scale_viewed").exists()
    listing = client.get(reverse("safeguarding:large_scale_list")).content.decode()
    assert "Elm Lodge, 2026" in listing

    closed = client.post(
        page_url,
        {
            "action": "close",
            "close-closed_on-day": today.day,
            "close-closed_on-month": today.month,
            "close-closed_on-year": today.year,
        },
    )
    assert closed.status_code == 302
    assert open_about(home) is None
    assert "Link the concerns" not in client.get(page_url).content.decode()


def test_a_worker_outside_the_safeguarding_team_cannot_open_the_pages(safeguarder):
    home = directory_service("Elm Lodge care home", organization="Elm Care Ltd")
    enquiry = large_scale_open(actor=safeguarder, name="Elm Lodge, 2026", service=home)
    client = Client()
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    for url in (reverse("safeguarding:large_scale_list"), reverse("safeguarding:large_scale_new"),
                reverse("safeguarding:large_scale", kwargs={"pk": enquiry.pk})):  # fmt: skip
        assert client.get(url).status_code == 403
