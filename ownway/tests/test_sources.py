"""Every quotation of a source document is that document's own words, from the part it names.

The five source documents ("seed 000" to "seed 004") are copied in ``docs/sources/``, whose README names
each one. A quotation is written ``seed NNN, where: "the words"``; ``where`` is optional and may name a
numbered paragraph or section (``para 6.5.2``, ``§3.6``, ``paras 6.4.1-6.5.2``, ``recommendation 5.8``), a
table (``Table 4``) or a heading in quotation marks. These tests find every quotation in the repository's
code, templates and documents and check it against the copies: the words must be in the document, in
order (``...`` stands for words left out), and in the part named. Line breaks, comment markers, curly or
straight quotation marks, kinds of dash and the copies' ``*`` emphasis and HTML table tags are ignored, as
is the case of a part's first letter; the ``|`` that the copy of seed 003 has for a capital I reads as I.
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "docs" / "sources"
SKIP_DIRS = frozenset(
    {
        ".git",
        ".venv",
        "node_modules",
        "var",
        "staticfiles",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".hypothesis",
        "test-results",
    }
)
TEXT_SUFFIXES = frozenset({".py", ".html", ".md", ".txt", ".toml", ".json", ".css", ".js", ".cfg", ".ini", ""})

#: A line break with the indentation and comment marker that continue a comment or docstring.
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*(?:#:?[ \t]*)?")
QUOTATION = re.compile(
    r"\bseed (?P<seed>\d{3})\b(?P<where>(?:(?!\bseed \d{3}\b)[^:\n]){0,160}?):\s*"  # no other seed in ``where``
    r"[\"“](?P<words>[^\"“”]+)[\"”]"
)
_NUMBERED = re.compile(
    r"(?:§|\bparas?\b\.?|\bparagraphs?\b|\bsections?\b|\brecommendations?\b)\s*"
    r"(?P<first>\d+(?:\.\d+)*)(?:\s*(?:-|–|to)\s*(?P<last>\d+(?:\.\d+)*))?"
)
_TABLE = re.compile(r"\bTable (?P<number>\d+)\b")
_HEADING = re.compile(r"[\"“](?P<heading>[^\"“”]+)[\"”]")
#: The number a paragraph of a source document starts with: "6.5.1 ...", "28. ...", "- 4.4 ...", "48) ...".
_PARAGRAPH_START = re.compile(r"^\s*(?:[-*•▪]\s*)?(?:<p>\s*)?(?P<number>\d+(?:\.\d+)*)(?:[.)]|\s)")
#: How far after a table's title or a heading its words may be found, in characters.
_PART_LENGTH = 8000

_SAME = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "*": "",
        "|": "I",
    }
)


@dataclass(frozen=True)
class Quotation:
    path: str
    line: int
    seed: str
    where: str
    words: str

    def __str__(self) -> str:
        return f'{self.path}:{self.line}: seed {self.seed}{self.where}: "{self.words}"'


def normalise(text: str) -> str:
    """Text as compared: NFKC, one kind of quotation mark and dash, no emphasis or tags, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_SAME)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def source_text(seed: str) -> str:
    """The copy of a source document, as printed (``docs/sources/NNN_*.txt``)."""
    (path,) = SOURCES.glob(f"{seed}_*.txt")
    return path.read_text(encoding="utf-8")


def _words_pattern(words: str) -> re.Pattern[str]:
    parts = [part.strip() for part in normalise(words).split("...") if part.strip()]
    if not parts:
        raise ValueError("A quotation needs words")

    def part_pattern(part: str) -> str:
        first = part[0]
        head = f"[{re.escape(first.lower())}{re.escape(first.upper())}]" if first.isalpha() else re.escape(first)
        return head + re.escape(part[1:])

    return re.compile(r".{0,400}?".join(part_pattern(part) for part in parts), re.DOTALL)


def _paragraph_spans(text: str, first: str, last: str | None) -> list[tuple[int, int]]:
    """Where the paragraphs numbered ``first`` (to ``last``) run: each from its number to the next one's."""
    starts: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        match = _PARAGRAPH_START.match(line)
        if match:
            starts.append((offset, match["number"]))
        offset += len(line)
    ends = [start for start, _ in starts[1:]] + [len(text)]
    spans = []
    for index, (start, number) in enumerate(starts):
        if number != first:
            continue
        end = ends[index]
        if last:
            later = [i for i in range(index, len(starts)) if starts[i][1] == last]
            if not later:
                continue
            end = ends[later[0]]
        spans.append((start, end))
    return spans


def _parts(seed: str, where: str) -> tuple[list[str], str]:
    """The parts of a source document that ``where`` names (the whole document if it names none)."""
    text = source_text(seed)
    numbered = _NUMBERED.search(where)
    if numbered:
        spans = _paragraph_spans(text, numbered["first"], numbered["last"])
        return [normalise(text[start:end]) for start, end in spans], numbered[0].strip()
    whole = normalise(text)
    table = _TABLE.search(where)
    heading = _HEADING.search(where)
    title = f"Table {table['number']}" if table else heading["heading"] if heading else None
    if title is None:
        return [whole], "document"
    starts = [m.start() for m in re.finditer(re.escape(normalise(title)), whole, re.IGNORECASE)]
    return [whole[start : start + _PART_LENGTH] for start in starts], f"part headed {title!r}"


def problem(seed: str, where: str, words: str) -> str | None:
    """Why a quotation is not the source's own words from the part it names, or ``None`` when it is."""
    if not list(SOURCES.glob(f"{seed}_*.txt")):
        return f"there is no seed {seed} in docs/sources/"
    parts, described = _parts(seed, where)
    if not parts:
        return f"seed {seed} has no {described}"
    pattern = _words_pattern(words)
    if any(pattern.search(part) for part in parts):
        return None
    if described != "document" and pattern.search(normalise(source_text(seed))):
        return f"the words are in seed {seed}, but not in its {described}"
    return f"seed {seed} does not say this"


def _text_files() -> list[Path]:
    files = []
    for directory, subdirectories, names in os.walk(ROOT):
        here = Path(directory)
        subdirectories[:] = sorted(name for name in subdirectories if name not in SKIP_DIRS and here / name != SOURCES)
        for name in sorted(names):
            path = here / name
            if path.suffix in TEXT_SUFFIXES and path != Path(__file__).resolve() and path.stat().st_size < 2_000_000:
                files.append(path)  # this file's own examples are checked by its tests, not here
    return files


def quotations_in(text: str, path: str) -> list[Quotation]:
    """Each quotation of a source document in a file's text, with the line it starts on."""
    pieces: list[str] = []
    breaks: list[int] = []  # where each line break was, in the joined text
    last = 0
    for match in _LINE_BREAK.finditer(text):
        pieces.append(text[last : match.start()])
        breaks.append(sum(map(len, pieces)))
        pieces.append(" ")
        last = match.end()
    pieces.append(text[last:])
    joined = "".join(pieces)
    return [
        Quotation(path, 1 + bisect_right(breaks, match.start()), match["seed"], match["where"], match["words"])
        for match in QUOTATION.finditer(joined)
    ]


@cache
def repository_quotations() -> tuple[Quotation, ...]:
    quotations: list[Quotation] = []
    for path in _text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        quotations.extend(quotations_in(text, str(path.relative_to(ROOT))))
    return tuple(quotations)


# --- The checker, on passages whose truth can be read in docs/sources/ --------------------------------


def test_the_five_sources_are_in_the_repository():
    assert [path.name[:3] for path in sorted(SOURCES.glob("*.txt"))] == ["000", "001", "002", "003", "004"]
    assert all(source_text(seed) for seed in ("000", "001", "002", "003", "004"))


def test_the_documents_own_words_from_the_paragraph_named_pass():
    assert problem("004", ", para 6.5.2", "the service needed to get to 50% contact time") is None
    assert problem("001", ", §3.6", "Coventry has opted out of using a point system") is None
    assert problem("002", ", para 28", "Just over two thirds of the personal budget recipients in York (68%)") is None


def test_words_a_document_does_not_say_fail():
    assert problem("003", ", the I statements", "I know what it will cost me") == "seed 003 does not say this"
    assert problem("003", "", "I can do things in the evenings and at weekends") == "seed 003 does not say this"
    # Near is not enough: the council's response says "(RAS)" in the middle.
    assert problem("001", "", "a single, consistent Resource Allocation System across all user groups") == (
        "seed 001 does not say this"
    )


def test_words_from_another_paragraph_or_another_document_fail():
    assert problem("004", ", para 6.5.1", "the service needed to get to 50% contact time") == (
        "the words are in seed 004, but not in its para 6.5.1"
    )
    assert problem("002", "", "younger people receive more significant care packages than older people") == (
        "seed 002 does not say this"
    )
    assert problem("004", ", para 99.9", "contact time") == "seed 004 has no para 99.9"
    assert problem("007", "", "anything") == "there is no seed 007 in docs/sources/"


def test_line_breaks_marks_dashes_and_the_copys_misread_letters_do_not_matter():
    # Seed 003's copy prints the I statements as "| can access …"; seed 004 has "£45-£50" with a hyphen.
    evenings = "I can access services and activities at evenings and weekends"
    assert problem("003", ', "What people have told us"', evenings) is None
    assert problem("004", ", para 6.5.1", "somewhere between £45–£50") is None
    assert problem("001", ", §3.6", "younger people receive more\n    significant care packages") is None
    # Words left out are marked; the rest must still come in the document's order.
    assert problem("000", "", "Younger adults ... day care services are currently delivered across 9 sites") is None
    assert problem("000", "", "day care services ... Younger adults") == "seed 000 does not say this"


def test_quotations_are_found_across_comment_lines_with_the_line_they_start_on():
    text = 'x = 1\n# People asked (seed 004, para 6.5.2: "the service needed to get\n# to 50% contact time").\n'
    (quotation,) = quotations_in(text, "example.py")
    assert (quotation.line, quotation.seed, quotation.where) == (2, "004", ", para 6.5.2")
    assert quotation.words == "the service needed to get to 50% contact time"
    assert problem(quotation.seed, quotation.where, quotation.words) is None


# --- The repository -------------------------------------------------------------------------------------


def test_the_repository_quotes_the_sources():
    paths = {quotation.path for quotation in repository_quotations()}
    assert "ownway/directory/rules/cost.py" in paths
    assert "ownway/people/demo/calibration.py" in paths


@pytest.mark.parametrize("quotation", repository_quotations(), ids=str)
def test_every_quotation_in_the_repository_is_the_sources_own_words(quotation):
    assert problem(quotation.seed, quotation.where, quotation.words) is None, str(quotation)
