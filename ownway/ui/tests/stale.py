"""For tests of stale saves: the version a page's form carries, as a person's browser would send it back."""

from __future__ import annotations

import re


def version_on_page(html: str, prefix: str = "") -> str:
    """The value of the hidden ``lock_version`` field (with the form's ``prefix``) in a page."""
    name = f"{prefix}-lock_version" if prefix else "lock_version"
    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="(\d+)"', html)
    assert match, f"no {name} on the page"
    return match.group(1)
