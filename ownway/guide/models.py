"""The jargon buster's terms and the council's public information pages, as data staff edit.

* :class:`Term`: a word or phrase people meet in care and support, with what it means in plain English (and in
  easy read), the other names it goes by (:class:`TermName`: each name, the term's own included, belongs to one
  term only, so a term cannot be defined twice) and who it is for (everyone, or staff only).
* :class:`Page`: a page of public information (what care and support is, how budgets are worked out…), in a small,
  safe markup (:mod:`ownway.guide.markup`); every change is kept as a :class:`PageVersion` with who made it and
  when, never overwritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone (shown on the public jargon buster and explained on people's pages)"
    STAFF = "staff", "Staff only (explained to new workers, not shown to the public)"


class Term(models.Model):
    term = models.CharField(max_length=80)
    #: The anchor of the term on the jargon buster ("direct-payment"): stays the same when the wording changes.
    slug = models.SlugField(max_length=90, unique=True)
    meaning = models.TextField(max_length=1000)
    easy_read_meaning = models.TextField(max_length=600, blank=True)
    #: Other names and abbreviations, as typed (each also a :class:`TermName`).
    also_known_as = models.CharField(max_length=300, blank=True)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    @property
    def other_names(self) -> list[str]:
        return [name.strip() for name in self.also_known_as.split(",") if name.strip()]


class TermName(models.Model):
    """One name a term is known by (its own, an abbreviation, another name): ``key`` is the name folded for
    comparison (case and spacing ignored), unique across the jargon buster."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=80)
    key = models.CharField(max_length=240, unique=True)  # folding can lengthen a name ("ß" is "ss")

    def __str__(self) -> str:
        return self.name


class Page(models.Model):
    """A public information page as it reads now; its history is in :class:`PageVersion`."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    summary = models.CharField(max_length=300)
    body = models.TextField(max_length=20_000)
    easy_read_body = models.TextField(max_length=10_000, blank=True)
    #: Where the page comes in the list of pages.
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title


class PageVersion(models.Model):
    """One version of a page, as it was saved: who saved it, when, and why."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=120)
    summary = models.CharField(max_length=300)
    body = models.TextField()
    easy_read_body = models.TextField(blank=True)
    note = models.CharField(max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Who saved it, by name as it was then: kept when their account is removed.
    changed_by_name = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="guide_one_page_version_number")]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"
