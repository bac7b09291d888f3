"""The demo's jargon buster and information pages: a local term and a second version of a page, made once."""

import pytest

from ownway.guide.demo import LOCAL_PARAGRAPH, generate_guide
from ownway.guide.models import Page, PageVersion, Term

pytestmark = pytest.mark.django_db


def test_the_demo_commissioner_adds_a_term_and_changes_a_page_once(commissioner, client):
    lines = generate_guide()
    assert len(lines) == 2
    assert Term.objects.get(term="Shared Lives").changed_by == commissioner
    page = Page.objects.get(slug="care-and-support")
    assert LOCAL_PARAGRAPH in page.body
    latest = PageVersion.objects.filter(page=page).order_by("-number").first()
    assert latest.number == 2
    assert latest.changed_by_name == (commissioner.get_full_name() or commissioner.get_username())
    assert generate_guide() == []
    assert "community hubs" in client.get("/guide/care-and-support/").content.decode()


def test_without_a_commissioner_the_demo_adds_nothing():
    assert generate_guide() == []
