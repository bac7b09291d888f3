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
