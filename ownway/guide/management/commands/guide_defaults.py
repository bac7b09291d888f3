"""Add the jargon buster's first terms and the first information pages that are not there (by name and by
address): for a council that removed or renamed some and wants them back. Nothing already there is changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from ownway.guide.models import Page, PageVersion, Term, TermName
from ownway.guide.pages import defaults_load as pages_load
from ownway.guide.terms import defaults_load as terms_load


class Command(BaseCommand):
    help = "Add any of the first jargon buster terms and information pages that are missing"

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            terms = terms_load(Term, TermName)
            pages = pages_load(Page, PageVersion)
        self.stdout.write(f"Added {terms} terms and {pages} pages")
