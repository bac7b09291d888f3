"""Letters the person chose to have by post wait on a list until someone prints and posts them."""

import pytest
from django.urls import reverse

from ownway.accounts.models import AuditEvent
from ownway.people.models import Letter
from ownway.people.services import letter_send

pytestmark = pytest.mark.django_db


def _letter(person, about="Your indicative budget"):
    return letter_send(
        actor=None, person=person, about=about, opening="We have worked out your budget.", page="/budgets/1/",
        pdf="/budgets/1/letter.pdf", pdfs=lambda easy_read: [],
    )  # fmt: skip


@pytest.fixture
def posted_to(person):
    person.address_line_1, person.town, person.postcode = "1 Canal Street", "Birmingham", "B1 1BB"
    person.save()
    return person


def test_letters_to_post_are_listed_printed_and_marked_posted(social_worker, social_worker_client, posted_to):
    letter = _letter(posted_to)
    assert letter.method == "post"
    page = social_worker_client.get(reverse("people:letters_to_post")).content.decode()
    assert "Ada Lovelace" in page
    assert "1 Canal Street, Birmingham, B1 1BB" in page
    assert 'href="/budgets/1/letter.pdf"' in page
    response = social_worker_client.post(reverse("people:letter_posted", kwargs={"pk": letter.pk}))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.posted_at is not None
    assert AuditEvent.objects.filter(action="people.letter_posted", person=posted_to).exists()
    after = social_worker_client.get(reverse("people:letters_to_post")).content.decode()
    assert "There are no letters waiting to be posted" in after


def test_only_staff_who_see_the_person_post_their_letters(
    social_worker_client, citizen_client, other_team_person, posted_to
):
    other_team_person.address_line_1, other_team_person.postcode = "2 Mill Lane", "B2 2BB"
    other_team_person.save()
    theirs = _letter(other_team_person)
    assert "Charles Babbage" not in social_worker_client.get(reverse("people:letters_to_post")).content.decode()
    assert social_worker_client.post(reverse("people:letter_posted", kwargs={"pk": theirs.pk})).status_code == 403
    assert Letter.objects.get(pk=theirs.pk).posted_at is None
    assert citizen_client.get(reverse("people:letters_to_post")).status_code == 403


def test_without_an_address_the_letter_waits_on_the_home_page(person):
    letter = _letter(person)
    assert letter.method == "online"
    assert letter.sent_to == ""


def test_staff_reach_the_list_from_their_home_page(social_worker_client, posted_to):
    _letter(posted_to)
    page = social_worker_client.get("/").content.decode()
    assert 'href="/people/letters/to-post/"' in page
    assert "(1 waiting)" in page


def test_the_letters_to_post_write_each_person_shown(social_worker, social_worker_client, posted_to):
    from ownway.accounts.tests.trail import people_shown
    from ownway.people import events

    _letter(posted_to)
    social_worker_client.get(reverse("people:letters_to_post"))
    assert people_shown(events.LETTERS_TO_POST_LISTED, social_worker) == [posted_to.pk]
