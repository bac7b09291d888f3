"""People's names as they are typed: found whatever the accents, the case, or the order and joining of their parts.

A worker looking for "Zoë Ní Bhriain-Øster" may type "Zoe", "bhriain", "ni bh" or "Oster Zoe"; a bank file
needs the same name in plain Latin letters ("ZOE NI BHRIAIN-OSTER"). Both start from :func:`fold_accents`.

For search, each record keeps a *name key* (:func:`name_key`): every part of its names, folded to lower-case
letters without accents, once each, plus hyphenated and multi-word names joined up (so "OBrien" finds
"O'Brien"). A query is folded the same way into words (:func:`query_words`), and a record matches when each
word begins some part of its key (:func:`key_matches`; :func:`name_filter` is the same test as a database
condition, which works alike on SQLite and PostgreSQL because the key is already folded).

A large table keeps the parts of each key as rows of their own in a :class:`NameWordField`, so that "begins some
part" is a prefix search an index serves (its ``prefix`` lookup) rather than a read of every row.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.lookups import StartsWith

#: Letters that Unicode does not decompose into a base letter and an accent, written as English does.
_TRANSLITERATE = str.maketrans(
    {
        "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "ẞ": "SS",
        "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th",
        "Ħ": "H", "ħ": "h", "ı": "i", "Ŀ": "L", "ŀ": "l", "Ŧ": "T", "ŧ": "t", "Ŋ": "NG", "ŋ": "ng",
    }
)  # fmt: skip
#: What separates the parts of a name: spaces, hyphens and dashes, apostrophes, full stops and commas.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’‘`´.,]+")
_INNER = re.compile(r"[\-‐‑‒–—'’‘`´.]+")
#: The longest key kept: more than any real set of names needs.
MAX_KEY = 400


def fold_accents(text: str) -> str:
    """The text with accents taken off and letters like Ø, Æ, ß and Ł written as plain Latin letters; letters of
    other alphabets (Greek, Arabic, Chinese…) are kept, without their accents."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _fold(text: str) -> str:
    return fold_accents(text).casefold()


def query_words(text: str) -> list[str]:
    """The words of a search, folded as names are: "ZOË Ní-Bh" → ["zoe", "ni", "bh"]."""
    return [word for word in _SEPARATORS.split(_fold(text)) if word]


def name_key(*names: str) -> str:
    """Every part of the names, folded, once each and in order, then each name with parts of more than one part
    joined up: ``name_key("Seán", "O'Brien")`` is ``"sean o brien obrien"``."""
    parts: list[str] = []
    joined: list[str] = []
    for name in names:
        folded = _fold(name or "")
        words = [word for word in _SEPARATORS.split(folded) if word]
        parts += words
        if len(words) > 1:
            joined.append("".join(words))
        for token in folded.split():
            inner = [piece for piece in _INNER.split(token) if piece]
            if len(inner) > 1:
                joined.append("".join(inner))
    key = " ".join(dict.fromkeys([*parts, *joined]))
    return key[:MAX_KEY].rsplit(" ", 1)[0] if len(key) > MAX_KEY else key


def key_matches(key: str, words: list[str]) -> bool:
    """Whether each word begins some part of the key (for lists filtered in Python)."""
    parts = key.split()
    return all(any(part.startswith(word) for part in parts) for word in words)


def name_filter(field: str, text: str) -> Q:
    """The database condition for :func:`key_matches` on a stored key ``field``: each word of ``text`` begins the
    key or a part after a space. An empty search matches everything."""
    condition = Q()
    for word in query_words(text):
        condition &= Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
    return condition


def key_words(key: str) -> list[str]:
    """The parts of a name key, once each (the rows a :class:`NameWordField` keeps for it)."""
    return list(dict.fromkeys(key.split()))


class NameWordField(models.CharField):  # type: ignore[type-arg]
    """One part of a folded name key, searched by its beginning with the ``prefix`` lookup.

    Index it with ``opclasses=["varchar_pattern_ops"]``: PostgreSQL then serves ``LIKE 'word%'`` from the index
    whatever the database's collation, and SQLite serves the range the lookup writes for it there.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_KEY)
        super().__init__(*args, **kwargs)


@NameWordField.register_lookup
class WordPrefix(StartsWith):
    """``word__prefix="smi"``: the word begins with these letters, found through the column's index.

    PostgreSQL uses ``LIKE 'smi%'`` (a ``varchar_pattern_ops`` index serves it). SQLite serves ``LIKE`` from an
    index only on a case-blind column, so there the same test is written as the range of words from "smi" up
    to, not including, "smj", which its ordinary index serves; the words are folded to lower case already.
    """

    lookup_name = "prefix"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return compiler.compile(StartsWith(self.lhs, self.rhs))

    def as_sqlite(self, compiler: Any, connection: Any) -> Any:
        word = self.rhs
        if not isinstance(word, str) or not word or ord(word[-1]) >= 0xD7FF:
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        after = word[:-1] + chr(ord(word[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", (*lhs_params, word, *lhs_params, after)


def fill_name_keys(model: Any, fields: tuple[str, ...], *, key_field: str = "search_name", batch: int = 2000) -> None:
    """Write the name key of every row of ``model`` from its ``fields`` (for the migrations that add a key)."""
    rows = []
    for row in model.objects.only(*fields).iterator(batch):
        setattr(row, key_field, name_key(*(getattr(row, name) for name in fields)))
        rows.append(row)
        if len(rows) == batch:
            model.objects.bulk_update(rows, [key_field])
            rows = []
    model.objects.bulk_update(rows, [key_field])
