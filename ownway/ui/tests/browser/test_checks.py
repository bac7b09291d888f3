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
