"""Text that comes from outside (a search, a bank's file) with the characters no one types taken out.

Control characters (Unicode category Cc: a NUL, a bell, an escape…) are never part of what a person means, and a
NUL cannot be stored at all: PostgreSQL refuses it in a query or a column. Forms refuse them (Django's
``ProhibitNullCharactersValidator``); text read another way goes through :func:`without_control_characters`.

Pure Python, no Django.
"""

from __future__ import annotations

import unicodedata


def without_control_characters(text: str, *, keep_lines: bool = False) -> str:
    """The text with each control character turned into a space; with ``keep_lines``, line breaks and tabs stay."""
    kept = "\n\r\t" if keep_lines else ""
    if not any(unicodedata.category(ch) == "Cc" and ch not in kept for ch in text):
        return text
    return "".join(" " if unicodedata.category(ch) == "Cc" and ch not in kept else ch for ch in text)
