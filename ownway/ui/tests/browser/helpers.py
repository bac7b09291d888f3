"""Checks made on every page the browser tests visit, and the steps most tests take.

:func:`check_page` waits for the fonts, checks that no stylesheet, script, font or image failed to
load, that the Content-Security-Policy refused nothing and that the GOV.UK font is in use, saves a
full-page screenshot to ``test-results/screenshots/<name>.png``, runs axe-core against the WCAG 2.2
AA rules and fails with a readable list of any violations.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

AXE_SCRIPT = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
PASSWORD = "correct-horse-battery"
_ASSET_TYPES = {"stylesheet", "script", "font", "image"}


class ContextWatch:
    """What one browser context saw go wrong (files that did not load, anything the Content-Security-Policy
    refused), and whether it runs JavaScript."""

    def __init__(self, context: BrowserContext, *, javascript: bool) -> None:
        self.javascript = javascript
        self.failed: list[str] = []
        self.refused: list[str] = []
        context.on("response", self._response)
        context.on("requestfailed", self._request_failed)
        context.on("console", self._console)
        _watches[id(context)] = self

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium reports each thing the policy refuses (a script, a style, a file) on the console.
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)

    def _response(self, response: Response) -> None:
        if response.status >= 400 and response.request.resource_type in _ASSET_TYPES:
            self.failed.append(f"{response.status} {response.url}")

    def _request_failed(self, request: Request) -> None:
        # A request cut short because the test moved on to the next page is not a failure.
        if request.resource_type in _ASSET_TYPES and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.failure} {request.url}")

    @staticmethod
    def forget(context: BrowserContext) -> None:
        _watches.pop(id(context), None)


_watches: dict[int, ContextWatch] = {}


@functools.cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8") + "\n;true"


def _axe_violations(page: Page, *, javascript: bool) -> list[dict[str, Any]]:
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    helper = None
    target = page
    if not javascript:
        # axe-core cannot finish in a page with JavaScript off, so it checks the same markup, less its
        # scripts, in a page with JavaScript on: the page as a person without JavaScript gets it.
        html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL | re.IGNORECASE)
        browser = page.context.browser
        assert browser is not None
        helper = browser.new_context(viewport=page.viewport_size)
        target = helper.new_page()
        target.route(page.url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
        target.goto(page.url)
    try:
        target.evaluate(_axe_source())
        result = target.evaluate("async (options) => await axe.run(document, options)", options)
    finally:
        if helper is not None:
            helper.close()
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(str(t) for t in node['target'])}")
            lines.append(f"       {node['html'][:300]}")
            lines.extend(f"       {line.strip()}" for line in (node.get("failureSummary") or "").splitlines())
    return "\n".join(lines)


def check_page(page: Page, name: str) -> None:
    """Check the page now showing: files loaded, GOV.UK styles in use, axe-core clean; save a screenshot."""
    page.wait_for_load_state("load")
    body_font = page.evaluate("() => getComputedStyle(document.querySelector('main') || document.body).fontFamily")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    watch = _watches.get(id(page.context))
    failed = watch.failed if watch else []
    assert not failed, f"{name}: some of the page's files did not load:\n" + "\n".join(failed)
    refused = watch.refused if watch else []
    assert not refused, f"{name}: the Content-Security-Policy refused something:\n" + "\n".join(refused)
    # GDS Transport is for services on GOV.UK only; a council's service uses Arial (see ui/ownway.css).
    assert body_font.lower().startswith("arial"), f"{name}: the GOV.UK styles are not in use ({body_font})"
    violations = _axe_violations(page, javascript=watch.javascript if watch else True)
    assert not violations, f"{name} ({page.url}) has accessibility problems:\n{describe_violations(violations)}"


def visit(page: Page, path: str, name: str) -> Response | None:
    """Go to a page and check it as :func:`check_page` does."""
    response = page.goto(path)
    check_page(page, name)
    return response


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, as a person would."""
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
