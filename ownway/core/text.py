"""Text that comes from outside (a search, a bank's file, a form): what no one types taken out, and whether it fits.

Control characters (Unicode category Cc: a NUL, a bell, an escape…) are never part of what a person means, and a
NUL cannot be stored at all: PostgreSQL refuses it in a query or a column. Forms refuse them (Django's
``ProhibitNullCharactersValidator``); text read another way goes through :func:`without_control_characters`.

A text column holds so many characters; PostgreSQL refuses more (SQLite stores them). A service checks what it
is about to save with :func:`too_long_for`, which reads the length from the model, so the message and the
column cannot disagree.
"""

from __future__ import annotations

import unicodedata

from django.db import models


def without_control_characters(text: str, *, keep_lines: bool = False) -> str:
    """The text with each control character turned into a space; with ``keep_lines``, line breaks and tabs stay."""
    kept = "\n\r\t" if keep_lines else ""
    if not any(unicodedata.category(ch) == "Cc" and ch not in kept for ch in text):
        return text
    return "".join(" " if unicodedata.category(ch) == "Cc" and ch not in kept else ch for ch in text)


def column_length(model: type[models.Model], field: str) -> int | None:
    """How many characters the model's column ``field`` holds (None: any number, or not a text column)."""
    column = model._meta.get_field(field)
    return column.max_length if isinstance(column, models.Field) else None


def too_long(text: str, limit: int, subject: str) -> str | None:
    """What to say if ``text`` has more than ``limit`` characters ("What is working must be 5,000 characters or
    fewer"), or None if it fits: for a limit the council sets on text kept where the column holds any length."""
    if len(text) <= limit:
        return None
    return f"{subject} must be {limit:,} characters or fewer"


def too_long_for(model: type[models.Model], field: str, text: str, subject: str) -> str | None:
    """What to say if ``text`` is longer than the model's column ``field`` holds ("Who gives it must be 200
    characters or fewer"), or None if it fits."""
    limit = column_length(model, field)
    return None if limit is None else too_long(text, limit, subject)


def shortened(text: str, limit: int) -> str:
    """The text as it is if it has ``limit`` characters or fewer, otherwise cut at a word to fit with "…" at the end
    (for a summary kept beside the whole text, never instead of it)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
