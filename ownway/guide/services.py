"""Changes to the jargon buster and the information pages: each one transaction, validated first, audited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.core.text import too_long_for

from . import events
from .markup import unknown_placeholders
from .models import Audience, Page, PageVersion, Term, TermName
from .permissions import GuideAction, user_can
from .terms import name_key


class NotAllowed(Exception):
    pass


@dataclass(frozen=True)
class TermData:
    term: str
    meaning: str
    easy_read_meaning: str = ""
    also_known_as: str = ""
    audience: str = Audience.EVERYONE


def _names(data: TermData) -> list[str]:
    names = [" ".join(data.term.split())]
    names += [" ".join(n.split()) for n in data.also_known_as.split(",") if n.strip()]
    return names


def _check_term(data: TermData, *, existing: Term | None) -> list[str]:
    """Every name of the term (its own and the others it goes by) is new to the jargon buster."""
    errors: dict[str, list[str]] = {}
    term = " ".join(data.term.split())
    if not term:
        errors.setdefault("term", []).append("Enter the term")
    elif len(term) > 80:
        errors.setdefault("term", []).append("The term must be 80 characters or fewer")
    elif not re.search(r"\w", term):
        errors.setdefault("term", []).append("The term must have at least one letter or number in it")
    if not data.meaning.strip():
        errors.setdefault("meaning", []).append("Enter what the term means, in plain English")
    if data.audience not in Audience.values:
        errors.setdefault("audience", []).append("Choose who the term is for")
    for field, text, subject in (
        ("meaning", data.meaning.strip(), "What it means"),
        ("easy_read_meaning", data.easy_read_meaning.strip(), "What it means in easy read"),
    ):
        if message := too_long_for(Term, field, text, subject):
            errors.setdefault(field, []).append(message)
    names = _names(data)
    if any(len(name) > 80 for name in names[1:]):
        errors.setdefault("also_known_as", []).append("Each other name must be 80 characters or fewer")
    elif message := too_long_for(Term, "also_known_as", ", ".join(names[1:]), "The other names"):
        errors.setdefault("also_known_as", []).append(message)
    seen: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        if key in seen and name is not names[0]:
            errors.setdefault("also_known_as", []).append(f"“{name}” is given twice: give each other name once")
        seen.setdefault(key, name)
    taken = TermName.objects.filter(key__in=list(seen)).select_related("term")
    if existing is not None:
        taken = taken.exclude(term=existing)
    for row in taken:
        field = "term" if row.key == name_key(names[0]) else "also_known_as"
        errors.setdefault(field, []).append(
            f"“{seen[row.key]}” is already in the jargon buster, as “{row.term.term}”: change that term instead of "
            "defining it twice"
        )
    if errors:
        raise ValidationError(errors)
    return names


def _unique_slug(term: str, existing: Term | None) -> str:
    base = slugify(term)[:80] or "term"
    slug, number = base, 2
    others = Term.objects.exclude(pk=existing.pk) if existing is not None else Term.objects.all()
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _save_names(term: Term, names: list[str]) -> None:
    term.names.all().delete()
    try:
        with transaction.atomic():
            TermName.objects.bulk_create([TermName(term=term, name=name, key=name_key(name)) for name in names])
    except IntegrityError as error:  # another officer saved the same name at the same moment
        raise ValidationError(
            {"term": ["That name was added to the jargon buster a moment ago: look for it before adding it"]}
        ) from error


def _fields(data: TermData) -> dict[str, str]:
    return {
        "term": " ".join(data.term.split()),
        "meaning": data.meaning.strip(),
        "easy_read_meaning": data.easy_read_meaning.strip(),
        "also_known_as": ", ".join(_names(data)[1:]),
        "audience": data.audience,
    }


def _allowed(actor: User | None) -> None:
    if actor is not None and not user_can(actor, GuideAction.EDIT):
        raise NotAllowed("You cannot change the jargon buster or the information pages")


@transaction.atomic
def term_add(*, actor: User | None, data: TermData) -> Term:
    """Add a term; refused with a clear message if it (or any name it goes by) is already in the jargon buster."""
    _allowed(actor)
    names = _check_term(data, existing=None)
    fields = _fields(data)
    term = Term.objects.create(slug=_unique_slug(fields["term"], None), changed_by=actor, **fields)
    _save_names(term, names)
    audit_record(actor=actor, action=events.TERM_ADDED, subject=term, new=fields)
    return term


@transaction.atomic
def term_change(*, actor: User | None, term: Term, data: TermData) -> Term:
    """Change a term's wording, meanings, other names or audience; its place in the jargon buster (its anchor)
    stays the same so links to it keep working."""
    _allowed(actor)
    term = Term.objects.select_for_update().get(pk=term.pk)
    names = _check_term(data, existing=term)
    old = _fields(TermData(term.term, term.meaning, term.easy_read_meaning, term.also_known_as, term.audience))
    fields = _fields(data)
    for name, value in fields.items():
        setattr(term, name, value)
    term.changed_by = actor
    term.save()
    _save_names(term, names)
    audit_record(actor=actor, action=events.TERM_CHANGED, subject=term, old=old, new=fields)
    return term


@dataclass(frozen=True)
class PageData:
    title: str
    summary: str
    body: str
    easy_read_body: str = ""
    note: str = ""


def _check_page(data: PageData) -> None:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors["title"] = ["Enter the page's title"]
    if not data.summary.strip():
        errors["summary"] = ["Enter a one-sentence summary of the page"]
    if not data.body.strip():
        errors["body"] = ["Enter what the page says"]
    for field, text, subject in (
        ("title", data.title.strip(), "The title"),
        ("summary", data.summary.strip(), "The summary"),
        ("body", data.body.strip(), "What the page says"),
        ("easy_read_body", data.easy_read_body.strip(), "The easy read version"),
    ):
        if message := too_long_for(Page, field, text, subject):
            errors.setdefault(field, []).append(message)
    if message := too_long_for(PageVersion, "note", data.note.strip(), "What you changed"):
        errors.setdefault("note", []).append(message)
    for field, text in (("body", data.body), ("easy_read_body", data.easy_read_body)):
        unknown = unknown_placeholders(text)
        if unknown:
            errors.setdefault(field, []).append(
                f"There is nothing called “{unknown[0]}” to show: use [[budget bands]] or [[service standard]]"
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def page_change(*, actor: User | None, page: Page, data: PageData, version: int | None = None) -> Page:
    """Save a new version of a page. Every version is kept with who saved it and when; ``version``, the version
    the officer started from, refuses a save over someone else's newer one."""
    _allowed(actor)
    page = Page.objects.select_for_update().get(pk=page.pk)
    if version is not None and version != page.version:
        raise ValidationError(
            "Someone else changed this page while you were editing it: open it again to see their changes"
        )
    _check_page(data)
    old = {"title": page.title, "summary": page.summary, "version": page.version}
    page.title = data.title.strip()
    page.summary = data.summary.strip()
    page.body = data.body.strip()
    page.easy_read_body = data.easy_read_body.strip()
    page.version += 1
    page.changed_by = actor
    page.save()
    _version(page, actor=actor, note=data.note.strip())
    audit_record(
        actor=actor,
        action=events.PAGE_CHANGED,
        subject=page,
        old=old,
        new={"title": page.title, "summary": page.summary, "version": page.version, "note": data.note.strip()},
    )
    return page


def _version(page: Page, *, actor: User | None, note: str) -> PageVersion:
    return PageVersion.objects.create(
        page=page,
        number=page.version,
        title=page.title,
        summary=page.summary,
        body=page.body,
        easy_read_body=page.easy_read_body,
        note=note,
        changed_by=actor,
        changed_by_name=((actor.get_full_name() or actor.get_username()) if actor is not None else "")[:150],
    )
