"""Reads of the jargon buster and the information pages. Neither holds personal data: they are the council's
public information, so reading them is not audited."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse

from ownway.accounts.models import User
from ownway.ui.explain import ExplainedTerm

from .models import Audience, Page, PageVersion, Term, TermName
from .permissions import terms_visible


class PageNotFound(Exception):
    pass


class TermNotFound(Exception):
    pass


def explained_terms() -> list[ExplainedTerm]:
    """Every term as pages explain it (:mod:`ownway.ui.explain`), in one query."""
    names: dict[int, list[str]] = defaultdict(list)
    rows = TermName.objects.order_by("term_id", "pk").values_list(
        "term_id", "name", "term__term", "term__slug", "term__meaning", "term__easy_read_meaning", "term__audience"
    )
    terms: dict[int, tuple[str, str, str, str, str]] = {}
    for term_id, name, term, slug, meaning, easy, audience in rows:
        names[term_id].append(name)
        terms[term_id] = (term, slug, meaning, easy, audience)
    glossary = reverse("guide:glossary")
    return [
        ExplainedTerm(
            slug=slug,
            term=term,
            names=tuple(names[term_id]),
            meaning=meaning,
            easy_read_meaning=easy,
            href=f"{glossary}#{slug}",
            for_everyone=audience == Audience.EVERYONE,
        )
        for term_id, (term, slug, meaning, easy, audience) in terms.items()
    ]


@dataclass(frozen=True)
class Letter:
    """The terms under one letter of the alphabet."""

    letter: str
    terms: list[Term]


def glossary_for(user: User | None) -> list[Letter]:
    """The jargon buster from A to Z, as this reader may see it."""
    by_letter: dict[str, list[Term]] = defaultdict(list)
    for term in terms_visible(user).order_by("term"):
        first = term.term[:1].upper()
        by_letter[first if first.isalpha() else "#"].append(term)
    return [Letter(letter, terms) for letter, terms in sorted(by_letter.items())]


def term_get(*, slug: str) -> Term:
    term = Term.objects.filter(slug=slug).first()
    if term is None:
        raise TermNotFound(slug)
    return term


def pages_list() -> Iterator[Page]:
    yield from Page.objects.order_by("position", "title")


def page_get(*, slug: str) -> Page:
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        raise PageNotFound(slug)
    return page


def page_history(*, page: Page) -> list[PageVersion]:
    return list(page.versions.order_by("-number")[:50])
