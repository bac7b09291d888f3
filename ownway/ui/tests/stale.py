"""For tests of stale saves: the version a page's form carries, as a person's browser would send it back."""

from __future__ import annotations

import re


def version_on_page(html: str, prefix: str = "") -> str:
    """The value of the hidden ``lock_version`` field (with the form's ``prefix``) in a page."""
    name = f"{prefix}-lock_version" if prefix else "lock_version"
    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="(\d+)"', html)
    assert match, f"no {name} on the page"
    return match.group(1)


def refused_stale_save(response, what: str) -> tuple[str, str]:
    """The page answering a save refused because someone else changed the ``what`` first, and the text of its
    table of what has changed. Fails if the save was not refused that way."""
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Someone else changed this {what} while you were working on it" in page
    assert "Your changes have not been saved" in page
    return page, page.split('id="stale-edit"')[1].split("</table>")[0]
