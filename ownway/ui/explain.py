"""Words explained where people meet them: the first time a term from the jargon buster appears on a citizen's
page or in a letter, its plain-English meaning follows.

**How a term is explained, and why.** On a page, the paragraph (or list item, or table cell) where a term first
appears is followed by a GOV.UK details component, "What ‘direct payment’ means", that opens to the meaning and a
link to the term in the jargon buster. This was chosen over the alternatives against WCAG 2.2 AA:

* ``<details>`` is native HTML: it opens and closes with the keyboard and with no JavaScript (2.1.1 Keyboard),
  screen readers announce it as a disclosure with its state (4.1.2 Name, Role, Value), and the meaning is in the
  page itself, so nothing depends on hovering (1.4.13 Content on Hover or Focus: a tooltip or ``title`` attribute
  fails it, and the ``title`` attribute is not read by most screen readers or shown on touch screens);
* the summary names the word it explains, so it makes sense out of context (2.4.6 Headings and Labels), and the
  sentence the term is in is left as written: no word becomes a link, so links keep their one purpose (2.4.4) and a
  sentence is not broken up by extra tab stops;
* it sits after the block, not inside the sentence, because a paragraph cannot hold a ``<details>`` element.

In a letter (a PDF, where nothing opens or closes), the meaning is printed after the paragraph instead.

Only the first appearance on the page is explained; text in links, headings, buttons, labels, legends, hints,
error messages, table headers and captions is never changed (a heading or a control must keep its name; a hint
is read out with its field). The page is read with Python's HTML parser and the explanations, escaped, are put
in at the places found: the rest of the page is not written again.

The terms come from the app that keeps them (``ownway.guide``), which registers where to find them with
:func:`glossary_source_register`, as later apps show earlier ones what they add (``ownway.tests.test_dependencies``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.db import DatabaseError
from markupsafe import Markup


@dataclass(frozen=True)
class ExplainedTerm:
    """A term as pages explain it: its names (its own first), its meanings and its place in the jargon buster."""

    slug: str
    term: str
    names: tuple[str, ...]
    meaning: str
    easy_read_meaning: str
    href: str
    #: Staff-only terms are not explained to citizens.
    for_everyone: bool = True


_sources: list[Callable[[], Sequence[ExplainedTerm]]] = []

#: Where the text is never changed: a control or a heading keeps its name, a link its purpose, and an
#: explanation is not explained again.
SKIPPED_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "legend", "summary", "details", "dt", "script",
     "style", "title", "textarea", "option", "select", "code", "pre", "head", "nav", "header", "footer", "svg",
     "caption", "th"}
)  # fmt: skip
SKIPPED_CLASSES = frozenset(
    {"govuk-visually-hidden", "ownway-no-explain", "govuk-caption-xl", "govuk-caption-l", "govuk-caption-m",
     "govuk-hint", "govuk-error-message", "govuk-error-summary", "govuk-tag", "govuk-button", "govuk-panel",
     "govuk-notification-banner"}
)  # fmt: skip
#: Blocks a meaning follows (a paragraph or quotation: after it) or ends (a list item, a cell, a description).
AFTER_BLOCKS = frozenset({"p", "blockquote"})
INSIDE_BLOCKS = frozenset({"li", "dd", "td", "div", "main", "body", "section", "article", "fieldset", "aside"})


def glossary_source_register(source: Callable[[], Sequence[ExplainedTerm]]) -> None:
    """Where the terms come from (called once, by the app that keeps them, when it is ready)."""
    if source not in _sources:
        _sources.append(source)


def glossary_terms() -> list[ExplainedTerm]:
    """Every term from the registered sources; none if the database cannot be read (the page is still shown,
    without explanations, rather than failing)."""
    try:
        return [term for source in _sources for term in source()]
    except DatabaseError:
        return []


def _is_abbreviation(name: str) -> bool:
    """ "ISF", "DP", "MIG": matched only as written, so "dp" or "Isf" in a word is left alone."""
    letters = name.replace(" ", "")
    return letters.isupper() and len(letters) <= 6


def _pattern(terms: Sequence[ExplainedTerm]) -> tuple[re.Pattern[str], dict[str, ExplainedTerm]] | None:
    by_name: dict[str, ExplainedTerm] = {}
    alternatives: list[tuple[int, str]] = []
    for term in terms:
        for name in term.names:
            name = " ".join(name.split())
            if not name:
                continue
            by_name[name.casefold()] = term
            words = r"\s+".join(re.escape(word) for word in name.split(" "))
            if _is_abbreviation(name):
                alternatives.append((len(name), words + "s?"))
            else:
                alternatives.append((len(name), f"(?i:{words}(?:s|es)?)"))
    if not alternatives:
        return None
    alternatives.sort(key=lambda item: -item[0])  # the longest name first: "personal budget" before "budget"
    joined = "|".join(alt for _length, alt in alternatives)
    return re.compile(rf"(?<![\w’'-])(?:{joined})(?![\w-])"), by_name


def _term_for(matched: str, by_name: dict[str, ExplainedTerm]) -> ExplainedTerm | None:
    folded = " ".join(matched.split()).casefold()
    for candidate in (folded, folded.removesuffix("es"), folded.removesuffix("s")):
        if candidate in by_name:
            return by_name[candidate]
    return None


#: Elements that have no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


@dataclass
class _Open:
    """An element the parser is inside, and the explanations waiting for it to end."""

    name: str
    skipped: bool
    waiting: list[str]


class _Finder(HTMLParser):
    """Reads the page once, finding where each term first appears in text that may be explained, and where its
    explanation goes: the offsets of the page's own text, so the page is not written again (nothing else in it
    changes, not even how a character is escaped)."""

    def __init__(self, html: str, pattern: re.Pattern[str], by_name: dict[str, ExplainedTerm], made: Any) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.pattern, self.by_name, self.made = pattern, by_name, made
        # Where each line starts, as the parser counts lines (at "\n" only).
        self.lines = [0, *(m.end() for m in re.finditer("\n", html))]
        self.stack: list[_Open] = []
        self.seen: set[str] = set()
        self.insertions: list[tuple[int, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set(" ".join(value or "" for name, value in attrs if name == "class").split())
        skipped = tag in SKIPPED_TAGS or bool(SKIPPED_CLASSES & classes) or bool(self.stack and self.stack[-1].skipped)
        self.stack.append(_Open(tag, skipped, []))

    def handle_endtag(self, tag: str) -> None:
        if not any(element.name == tag for element in self.stack):
            return  # a stray end tag
        start = self._offset()
        close = self.html.find(">", start)
        after = len(self.html) if close < 0 else close + 1
        while self.stack:
            element = self.stack.pop()
            if element.waiting:
                at = after if element.name == tag and element.name in AFTER_BLOCKS else start
                self.insertions.extend((at, text) for text in element.waiting)
            if element.name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1].skipped:
            return
        block = next((e for e in reversed(self.stack) if e.name in AFTER_BLOCKS or e.name in INSIDE_BLOCKS), None)
        if block is None:
            return
        for match in self.pattern.finditer(data):
            term = _term_for(match.group(0), self.by_name)
            if term is None or term.slug in self.seen:
                continue
            self.seen.add(term.slug)
            block.waiting.append(self.made(match.group(0), term))

    def close(self) -> None:
        super().close()
        while self.stack:  # elements the page never closed: their explanations go at the end
            self.insertions.extend((len(self.html), text) for text in self.stack.pop().waiting)


def _meaning(term: ExplainedTerm, easy_read: bool) -> str:
    return term.easy_read_meaning if easy_read and term.easy_read_meaning else term.meaning


def _details(matched: str, term: ExplainedTerm, easy_read: bool) -> str:
    return Markup(
        '<details class="govuk-details ownway-term"><summary class="govuk-details__summary">'
        '<span class="govuk-details__summary-text">What ‘{}’ means</span></summary>'
        '<div class="govuk-details__text"><p class="govuk-body"><strong>{}</strong>: {}</p>'
        '<p class="govuk-body"><a class="govuk-link" href="{}">{} in the jargon buster</a></p></div></details>'
    ).format(" ".join(matched.split()), term.term, _meaning(term, easy_read), term.href, term.term)


def _note(term: ExplainedTerm, easy_read: bool) -> str:
    return Markup('<p class="term-meaning"><strong>What ‘{}’ means:</strong> {}</p>').format(
        term.term, _meaning(term, easy_read)
    )


def explain_html(
    html: str, terms: Sequence[ExplainedTerm] | None = None, *, letter: bool = False, easy_read: bool = False
) -> Markup:
    """``html`` with the first appearance of each term explained (see the module's docstring). ``terms``: those
    to explain (by default every term for everyone); ``letter``: printed meanings instead of details components;
    ``easy_read``: the easy read meaning where the term has one. Only the explanations are added: the rest of the
    page is returned exactly as it came."""
    if terms is None:
        terms = [term for term in glossary_terms() if term.for_everyone]
    found = _pattern(terms) if html.strip() else None
    if found is None:
        return Markup(html)  # noqa: S704 - the caller's own markup, already escaped
    pattern, by_name = found

    def made(matched: str, term: ExplainedTerm) -> str:
        return _note(term, easy_read) if letter else _details(matched, term, easy_read)

    finder = _Finder(html, pattern, by_name, made)
    finder.feed(html)
    finder.close()
    if not finder.insertions:
        return Markup(html)  # noqa: S704 - unchanged
    parts: list[str] = []
    position = 0
    for at, text in sorted(finder.insertions, key=lambda item: item[0]):
        parts.append(html[position:at])
        parts.append(text)
        position = at
    parts.append(html[position:])
    return Markup("".join(parts))  # noqa: S704 - the page as it came, with explanations escaped by Markup.format


def explains_for(context: Any) -> bool:
    """Whether a page explains its terms: pages for citizens, carers and visitors who are not signed in (staff
    pages do not, unless the view asks with ``explain_terms=True``; a page may refuse with ``explain_terms=False``,
    as the jargon buster itself does)."""
    asked = context.get("explain_terms")
    if asked is not None:
        return bool(asked)
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return False
    return not user.is_authenticated or getattr(user, "role", "") == "citizen"


def is_easy_read(context: Any) -> bool:
    if context.get("easy_read"):
        return True
    return "easy_read" in (getattr(context, "name", "") or "")
