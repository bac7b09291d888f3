"""The public information pages: open without signing in, changed by council officers, in safe markup."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ownway.accounts.models import AuditEvent
from ownway.allocation.models import RasModelVersion, RasVersionStatus
from ownway.allocation.rules.default_model import default_definition
from ownway.guide import events
from ownway.guide.markup import render_markup
from ownway.guide.models import Page, PageVersion
from ownway.guide.pages import PAGES
from ownway.guide.services import NotAllowed, PageData, page_change

pytestmark = pytest.mark.django_db


def test_every_page_opens_without_signing_in_with_an_easy_read_version(client):
    assert Page.objects.count() == len(PAGES)
    index = client.get("/guide/").content.decode()
    for page in Page.objects.all():
        assert f'href="/guide/{page.slug}/"' in index
        response = client.get(f"/guide/{page.slug}/")
        assert response.status_code == 200
        assert page.title in response.content.decode()
        assert client.get(f"/guide/{page.slug}/easy-read/").status_code == 200
    assert client.get("/guide/no-such-page/").status_code == 404


def test_the_footer_and_the_sign_in_page_lead_visitors_to_the_information(client):
    page = client.get("/sign-in/").content.decode()
    assert 'href="/guide/"' in page
    assert 'href="/guide/jargon-buster/"' in page


def test_the_budget_bands_are_read_from_the_resource_allocation_system_in_use(client):
    page = client.get("/guide/how-budgets-are-worked-out/").content.decode()
    for amount in ("£90.00", "£195.00", "£700.00"):
        assert amount in page
    definition = default_definition()
    definition["version"] = 2
    definition["bands"] = [{"name": "lower", "lower": "80.00", "upper": "300.00"},
                           {"name": "higher", "lower": "300.00", "upper": None}]  # fmt: skip
    RasModelVersion.objects.update(status=RasVersionStatus.RETIRED)
    RasModelVersion.objects.create(number=2, name="Recalibrated", definition=definition, status=RasVersionStatus.ACTIVE)
    page = client.get("/guide/how-budgets-are-worked-out/").content.decode()
    for shown in ("£80.00", "£300.00", "Higher"):
        assert shown in page
    assert "£195.00" not in page


def test_the_service_standard_comes_from_the_timescales_the_service_works_to(client, settings):
    settings.OWNWAY_ASSESSMENT_TARGET_DAYS = 21
    page = client.get("/guide/our-service-standard/").content.decode()
    assert "within 21 days of starting it" in page
    assert "within 3 working days" in page
    assert "Ombudsman" in page


def test_an_officer_changes_a_page_and_a_citizen_sees_it(commissioner_client, commissioner, citizen_client):
    page = Page.objects.get(slug="direct-payments")
    form = commissioner_client.get("/guide/staff/pages/direct-payments/")
    assert form.status_code == 200
    response = commissioner_client.post(
        "/guide/staff/pages/direct-payments/",
        {
            "title": "Direct payments",
            "summary": "What you can spend them on.",
            "body": "## Gym membership\n\nYou can use your direct payment for a gym if your plan says so.",
            "easy_read_body": "You can pay for a gym.",
            "note": "Added the gym",
            "lock_version": str(page.version),
        },
    )
    assert response.status_code == 302
    seen = citizen_client.get("/guide/direct-payments/").content.decode()
    assert '<h2 class="govuk-heading-m">Gym membership</h2>' in seen
    assert "What ‘direct payment’ means" in seen
    versions = list(PageVersion.objects.filter(page=page).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].changed_by == commissioner
    assert versions[1].note == "Added the gym"
    assert AuditEvent.objects.filter(action=events.PAGE_CHANGED, subject_id=str(page.pk)).exists()
    history = commissioner_client.get("/guide/staff/pages/direct-payments/").content.decode()
    assert "Added the gym" in history


def test_a_save_over_someone_elses_newer_version_is_refused(administrator, team_manager):
    page = Page.objects.get(slug="care-and-support")
    page_change(actor=administrator, page=page, data=PageData("A", "B", "C"), version=1)
    with pytest.raises(ValidationError, match="Someone else changed this page"):
        page_change(actor=team_manager, page=page, data=PageData("D", "E", "F"), version=1)
    assert Page.objects.get(pk=page.pk).title == "A"


def test_a_mistyped_placeholder_or_an_empty_page_is_refused(administrator):
    page = Page.objects.get(slug="care-and-support")
    with pytest.raises(ValidationError) as refused:
        page_change(actor=administrator, page=page, data=PageData("T", "S", "Text\n\n[[budget bnads]]\n"))
    assert "nothing called “budget bnads”" in refused.value.message_dict["body"][0]
    with pytest.raises(ValidationError) as refused:
        page_change(actor=administrator, page=page, data=PageData("", "", ""))
    assert set(refused.value.message_dict) == {"title", "summary", "body"}
    assert PageVersion.objects.filter(page=page).count() == 1


def test_text_longer_than_a_page_holds_is_refused(administrator):
    page = Page.objects.get(slug="care-and-support")
    with pytest.raises(ValidationError) as refused:
        page_change(actor=administrator, page=page, data=PageData("T" * 121, "S" * 301, "B", note="N" * 301))
    assert refused.value.message_dict["title"] == ["The title must be 120 characters or fewer"]
    assert refused.value.message_dict["summary"] == ["The summary must be 300 characters or fewer"]
    assert refused.value.message_dict["note"] == ["What you changed must be 300 characters or fewer"]


def test_only_council_officers_change_pages(social_worker, social_worker_client, citizen_client):
    page = Page.objects.get(slug="care-and-support")
    with pytest.raises(NotAllowed):
        page_change(actor=social_worker, page=page, data=PageData("T", "S", "B"))
    assert social_worker_client.get("/guide/staff/pages/care-and-support/").status_code == 403
    assert citizen_client.post("/guide/staff/pages/care-and-support/", {"title": "x"}).status_code == 403


@pytest.mark.parametrize(
    ("typed", "never"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "<img"),
        ("[click](javascript:alert(1))", 'href="javascript'),
        ('<a href="javascript:alert(1)">x</a>', "<a"),
        ('<a href="https://evil.example" onclick="x()">x</a>', '<a href="https://evil'),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ("![image](https://evil.example/x.png)", "<img"),
        ('<div style="position:fixed">cover</div>', "<div"),
    ],
)
def test_hostile_markup_is_stripped(typed, never):
    html = str(render_markup(typed))
    assert never not in html


def test_the_markup_allowed_is_shown_in_govuk_style():
    html = str(
        render_markup("# Big\n\n## Heading\n\nText with **bold** and [a link](https://www.lgo.org.uk).\n\n- one\n")
    )
    assert '<h2 class="govuk-heading-m">Big</h2>' in html
    assert "<h1" not in html
    assert '<p class="govuk-body">Text with <strong>bold</strong>' in html
    assert 'href="https://www.lgo.org.uk"' in html
    assert 'class="govuk-link"' in html
    assert 'rel="noopener noreferrer"' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html


def test_an_officer_sees_hostile_markup_stripped_on_the_public_page(administrator_client, client):
    page = Page.objects.get(slug="paying-for-your-own-care")
    administrator_client.post(
        "/guide/staff/pages/paying-for-your-own-care/",
        {
            "title": "Paying",
            "summary": "S",
            "body": "Hello <script>alert(1)</script> world",
            "lock_version": str(page.version),
        },
    )
    seen = client.get("/guide/paying-for-your-own-care/").content.decode()
    assert "alert(1)" in seen  # shown as text…
    assert "<script>alert(1)" not in seen  # …never run
