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


def test_the_first_content_comes_back_when_it_is_missing_and_nothing_else_changes():
    import io

    from django.core.management import call_command

    Term.objects.filter(term="Direct payment").delete()
    Page.objects.filter(slug="direct-payments").delete()
    Page.objects.filter(slug="care-and-support").update(title="Our own title")
    out = io.StringIO()
    call_command("guide_defaults", stdout=out)
    assert out.getvalue().strip() == "Added 1 terms and 1 pages"
    assert Term.objects.filter(term="Direct payment").exists()
    assert Page.objects.get(slug="care-and-support").title == "Our own title"
