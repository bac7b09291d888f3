"""The small, safe markup council officers write public pages in, and the council's own figures put into it.

Officers write Markdown (CommonMark, with markdown-it-py): ``## A heading``, ``### A smaller heading``,
paragraphs, ``- lists``, ``1. numbered lists``, ``**bold**``, ``[links](https://…)``. Whatever is typed, the
page shows only those: raw HTML in the text is shown as text, never run (markdown-it's ``html`` option is off),
and what Markdown makes is cleaned again by nh3 (the Ammonia sanitiser) to a short list of tags and
attributes, links only to ``https``, ``http``, ``mailto`` and ``tel`` addresses, with GOV.UK classes added so the
page looks like the rest of the service. A top-level ``#`` heading becomes a second-level one: the page's title is
its only first-level heading (WCAG 2.2 1.3.1, 2.4.6).

Figures the council already keeps are not typed in, so they cannot go out of date: a line holding only
``[[budget bands]]`` or ``[[service standard]]`` is replaced with them, read from the records when the page is
shown (:data:`BLOCKS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")

ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"https", "http", "mailto", "tel"}
GOVUK_CLASSES = {
    "h2": {"class": "govuk-heading-m"},
    "h3": {"class": "govuk-heading-s"},
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "a": {"class": "govuk-link"},
    "blockquote": {"class": "govuk-inset-text"},
}
PLACEHOLDER = re.compile(r"^[ \t]*\[\[\s*([a-z ]{1,40}?)\s*\]\][ \t]*$", re.MULTILINE)

#: What a placeholder line shows, by its name: set by the app (``ownway.guide.blocks``) so this module stays
#: free of the records it reads.
BLOCKS: dict[str, Callable[[], Markup]] = {}


def _clean(html: str) -> str:
    # A "#" heading is the page's second level: the title is its one first-level heading.
    html = re.sub(r"<(/?)h[1]>", r"<\1h2>", html)
    html = re.sub(r"<(/?)h[4-6]>", r"<\1h3>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values=GOVUK_CLASSES,
    )


def render_markup(text: str, *, blocks: bool = True) -> Markup:
    """The page's text as safe HTML, with the council's figures where its placeholders are."""
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        block = BLOCKS.get(match.group(1)) if blocks else None
        if block is None:
            continue
        parts.append(_clean(_markdown.render(text[position : match.start()])))
        parts.append(str(block()))
        position = match.end()
    parts.append(_clean(_markdown.render(text[position:])))
    return Markup("".join(parts))  # noqa: S704 - cleaned by nh3; the blocks are the app's own escaped markup


def unknown_placeholders(text: str) -> list[str]:
    """Placeholder lines that name nothing the pages can show (a mistyped name)."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1) not in BLOCKS]
