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
is read out with its field); the page's HTML is parsed and written again, so the meanings and everything else
stay escaped.

The terms come from the app that keeps them (``ownway.guide``), which registers where to find them with
:func:`glossary_source_register`, as later apps show earlier ones what they add (``ownway.tests.test_dependencies``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction
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
     "govuk-hint", "govuk-error-message", "govuk-error-summary", "govuk-tag", "govuk-button"}
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


def _skipped(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in SKIPPED_TAGS:
            return True
        classes: Any = parent.get("class") or []
        if SKIPPED_CLASSES.intersection(classes if isinstance(classes, list) else [classes]):
            return True
    return False


def _block(node: NavigableString) -> Tag | None:
    for parent in node.parents:
        if parent.name in AFTER_BLOCKS or parent.name in INSIDE_BLOCKS:
            return parent
    return None


def _details(soup: BeautifulSoup, matched: str, term: ExplainedTerm, easy_read: bool) -> Tag:
    details = soup.new_tag("details", attrs={"class": "govuk-details ownway-term"})
    summary = soup.new_tag("summary", attrs={"class": "govuk-details__summary"})
    text = soup.new_tag("span", attrs={"class": "govuk-details__summary-text"})
    text.string = f"What ‘{' '.join(matched.split())}’ means"
    summary.append(text)
    details.append(summary)
    body = soup.new_tag("div", attrs={"class": "govuk-details__text"})
    meaning = soup.new_tag("p", attrs={"class": "govuk-body"})
    name = soup.new_tag("strong")
    name.string = term.term
    meaning.append(name)
    meaning.append(": " + (term.easy_read_meaning if easy_read and term.easy_read_meaning else term.meaning))
    body.append(meaning)
    more = soup.new_tag("p", attrs={"class": "govuk-body"})
    link = soup.new_tag("a", attrs={"class": "govuk-link", "href": term.href})
    link.string = f"{term.term} in the jargon buster"
    more.append(link)
    body.append(more)
    details.append(body)
    return details


def _note(soup: BeautifulSoup, term: ExplainedTerm, easy_read: bool) -> Tag:
    note = soup.new_tag("p", attrs={"class": "term-meaning"})
    name = soup.new_tag("strong")
    name.string = f"What ‘{term.term}’ means:"
    note.append(name)
    note.append(" " + (term.easy_read_meaning if easy_read and term.easy_read_meaning else term.meaning))
    return note


def explain_html(
    html: str, terms: Sequence[ExplainedTerm] | None = None, *, letter: bool = False, easy_read: bool = False
) -> Markup:
    """``html`` with the first appearance of each term explained (see the module's docstring). ``terms``: those
    to explain (by default every term for everyone); ``letter``: printed meanings instead of details components;
    ``easy_read``: the easy read meaning where the term has one."""
    if terms is None:
        terms = [term for term in glossary_terms() if term.for_everyone]
    found = _pattern(terms)
    if found is None or not html.strip():
        return Markup(html)  # noqa: S704 - the caller's own markup, already escaped
    pattern, by_name = found
    soup = BeautifulSoup(html, "html.parser")
    seen: set[str] = set()
    notes: dict[int, tuple[Tag, list[Tag]]] = {}
    for node in list(soup.find_all(string=True)):
        if isinstance(node, Comment | Declaration | Doctype | ProcessingInstruction) or _skipped(node):
            continue
        for match in pattern.finditer(str(node)):
            term = _term_for(match.group(0), by_name)
            if term is None or term.slug in seen:
                continue
            block = _block(node)
            if block is None:
                continue
            seen.add(term.slug)
            made = _note(soup, term, easy_read) if letter else _details(soup, match.group(0), term, easy_read)
            notes.setdefault(id(block), (block, []))[1].append(made)
    for block, explanations in notes.values():
        if block.name in AFTER_BLOCKS:
            anchor = block
            for explanation in explanations:
                anchor.insert_after(explanation)
                anchor = explanation
        else:
            for explanation in explanations:
                block.append(explanation)
    return Markup(str(soup))  # noqa: S704 - parsed and written again: text and attributes stay escaped


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
