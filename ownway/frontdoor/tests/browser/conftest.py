"""The browser fixtures (Chromium, the live server, a page per test) shared with the other apps' browser tests."""

from ownway.ui.tests.browser.conftest import browser, new_context, page, playwright_instance

__all__ = ["browser", "new_context", "page", "playwright_instance"]
