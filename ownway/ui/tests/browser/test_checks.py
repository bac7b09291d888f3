"""The page check itself: it must catch what it is there to catch."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route

from .fixtures import NewContext
from .helpers import check_page

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html>
<html lang="en"><head><title>Broken</title>
<link rel="stylesheet" href="/static/govuk/govuk-frontend.min.css">
<link rel="stylesheet" href="/static/ui/ownway.css"></head>
<body class="govuk-template__body"><main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">A page with problems</h1>
<img src="/assets/images/govuk-icon-180.png">
<label class="govuk-label">Name</label><input class="govuk-input" type="text">
</main></body></html>"""


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_accessibility_problems_fail_the_check(new_context: NewContext, javascript: bool, db):
    page: Page = new_context(java_script_enabled=javascript).new_page()
    page.route("**/broken/", lambda route: route.fulfill(status=200, content_type="text/html", body=BROKEN))
    page.goto("/broken/")
    with pytest.raises(AssertionError) as failure:
        check_page(page, f"check-broken-{'js' if javascript else 'nojs'}")
    message = str(failure.value)
    assert "image-alt" in message
    assert "label" in message


def test_files_that_do_not_load_fail_the_check(page: Page, db):
    def missing_stylesheet(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body=BROKEN.replace("govuk-frontend.min.css", "gone.css"))

    page.route("**/broken/", missing_stylesheet)
    page.goto("/broken/")
    with pytest.raises(AssertionError, match=r"[45]\d\d .*/static/govuk/gone\.css"):
        check_page(page, "check-missing-stylesheet")


def test_what_the_content_security_policy_refuses_fails_the_check(page: Page, db):
    def inline_script(route: Route) -> None:
        body = BROKEN.replace("<h1", "<script>document.title = 'ran'</script><h1").replace(
            '<img src="/assets/images/govuk-icon-180.png">', ""
        )
        route.fulfill(
            status=200, content_type="text/html", body=body, headers={"Content-Security-Policy": "script-src 'self'"}
        )

    page.route("**/broken/", inline_script)
    page.goto("/broken/")
    with pytest.raises(AssertionError, match="Content-Security-Policy refused"):
        check_page(page, "check-csp-refused")


def test_the_main_pages_break_no_rule_of_the_policy(page: Page, social_worker, person, db):
    """Public pages, the sign-in form and a signed-in page, with JavaScript on: nothing refused."""
    from .helpers import sign_in, visit

    for path, name in [("/directory/", "csp-directory"), ("/refer/", "csp-refer"), ("/sign-in/", "csp-sign-in")]:
        visit(page, path, name)
    sign_in(page, "social_worker")
    visit(page, "/", "csp-home")
    visit(page, f"/people/{person.pk}/", "csp-person")
    assert "govuk-frontend-supported" in (page.evaluate("() => document.body.className") or "")


def test_the_api_docs_and_the_admin_site_break_no_rule_of_the_policy(page: Page, social_worker, db):
    """Pages not built with the GOV.UK templates, checked only for what the policy refuses."""
    from .helpers import _watches, sign_in

    sign_in(page, "social_worker")
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info")
    page.goto("/admin/login/")
    page.wait_for_load_state("load")
    assert _watches[id(page.context)].refused == []
