"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, against the live server.

One Chromium runs for the whole session; each test gets fresh browser contexts (cookies, storage)
pointed at pytest-django's live server. The live server serves the GOV.UK Frontend stylesheet,
scripts and fonts from ``node_modules`` through WhiteNoise and the static files finders, as the
real service does, so the screenshots show the pages as people see them. The checks made on each
page are in :mod:`.helpers`.

The live server needs a transactional database, which is emptied after each test; the fixtures ask
for a serialized rollback so that the code lists loaded by migrations are put back afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from .helpers import AXE_SCRIPT, ContextWatch

CHROMIUM = os.environ.get("OWNWAY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

NewContext = Callable[..., BrowserContext]


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    # Playwright's synchronous API keeps an event loop in the test thread, and Django refuses
    # database calls from a thread with an event loop. The tests touch the database only between
    # page actions, never while the live server is answering, so the refusal is lifted here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is not installed at {AXE_SCRIPT} (npm ci)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server: Any, django_db_serialized_rollback: None) -> Iterator[NewContext]:
    """Make a browser context on the live server: another person, or one with JavaScript turned off."""
    contexts: list[BrowserContext] = []

    def make(*, java_script_enabled: bool = True, **options: Any) -> BrowserContext:
        options.setdefault("viewport", {"width": 1024, "height": 768})
        context = browser.new_context(base_url=live_server.url, java_script_enabled=java_script_enabled, **options)
        context.set_default_timeout(15_000)
        ContextWatch(context, javascript=java_script_enabled)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        ContextWatch.forget(context)
        context.close()


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A page in a fresh browser context, with JavaScript on."""
    return new_context().new_page()
