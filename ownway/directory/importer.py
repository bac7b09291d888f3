"""Reading a directory feed: its shape, each record's values made clean, and what was repaired or left out.

A council meets three shapes of feed (:func:`feed_shape`):

* **ORUK 3.0** (Open Referral UK 3.0, the UK profile of HSDS 3.0): a file, one service, a page of
  ``/services``, or a whole API read page by page; this is the directory's own model;
* **ORUK 1.x**, including the Placecube "summary" shape many council directories publish: a bare JSON
  list of services with ``organization{url}``, ``attending_type``, ``attending_access``, ``pc_metadata``,
  ``pc_targetAudience``… and, in the full 1.x shape, ``regular_schedules``, ``service_taxonomys``,
  ``eligibilitys`` and ``physical_addresses``;
* **HSDS 2.x / 1.x tabular**, as exported by HSDS tools as one JSON object of tables
  (``organizations``, ``services``, ``locations``, ``physical_addresses``, ``services_at_location``,
  ``phones``, ``schedules``), each row naming its parent by id (HSDS 2.0 "datapackage" tables).

Each record of an older shape is turned into an ORUK 3.0 record (:func:`oruk3_record`), with what ORUK
3.0 has no field for under ``ownway_feed``; the fields no shape knows are counted for the import report.

Values are cleaned leniently, as a person reading the feed would: a web address without its
``https://`` is given one, a byte-order mark is ignored, NULs and lone surrogates are taken out; each
repair is noted (:func:`note`) so the report can say what was changed. A value that cannot be read is
left out with its reason; only a record without what identifies it (its id, its name) is left out whole.

HTML in text fields becomes plain text once (:func:`clean_text`, with Beautiful Soup's parser): link
addresses are kept as "words (https://…)", each list item and line break is a line of its own, and the
content of ``<script>`` and ``<style>`` is dropped. Character references are decoded once, by the parser,
and never again; what is left that could be read as a tag ("<script>", from an escaped ``&lt;script&gt;``)
has a space put after its "<", so no program reading the directory's output can take it for a tag.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import html
import json
import math
import re
import uuid
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import Request, urlopen

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

from ownway.core.numbers import NumberError, parse_money, parse_whole_number

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES = re.compile(r"\n\s*\n+")
#: An "&" that does not begin a complete character reference (ending in ";") is a plain "&": "&section=" in
#: an address is not "§ion=".
_BARE_AMPERSAND = re.compile(r"&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_MARKUP = re.compile(r"<[A-Za-z/!?]|&#?[A-Za-z0-9]+;")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "blockquote",
        "address",
        "pre",
        "figure",
        "details",
        "summary",
        "nav",
        "main",
        "form",
        "fieldset",
        "hr",
    ]
)
_DROPPED = frozenset({"script", "style", "template", "head", "noscript", "iframe", "object", "svg"})
#: How deep a record's JSON may nest: ORUK 3.0 needs five levels (service, service at location,
#: location, address); more than this is a fault in the feed, not data.
MAX_DEPTH = 24


class Rejected(Exception):
    """A record (or a value) the directory cannot take, with the reason in plain words."""


# ----------------------------------------------------------------------------------------------------
# Notes: what was repaired or left out of the record being read
# ----------------------------------------------------------------------------------------------------

_notes: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("directory_import_notes", default=None)


@contextmanager
def noting() -> Iterator[list[str]]:
    """Collect the notes made while one record is read (see :func:`note`)."""
    notes: list[str] = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


def note(text: str) -> None:
    """Note a repair or a value left out, for the record being read (nothing happens outside :func:`noting`)."""
    notes = _notes.get()
    if notes is not None and len(notes) < 50:
        notes.append(text)


def optional[T](clean: Any, value: Any, what: str, *args: Any, default: Any = None) -> Any:
    """``clean(value, …)``, or ``default`` with a note if the value cannot be read: one bad value does not
    lose the record."""
    try:
        return clean(value, *args)
    except Rejected as error:
        note(f"{error}, so its {what} was left out")
        return default


# ----------------------------------------------------------------------------------------------------
# Text
# ----------------------------------------------------------------------------------------------------


#: The control characters (Unicode category Cc) but line breaks and tabs: what ``without_control_characters``
#: takes out, found at the speed a feed of tens of thousands of records needs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def scrubbed(text: str) -> str:
    """Text without control characters (NUL and the like; line breaks and tabs kept, each other one becomes a
    space, as :func:`ownway.core.text.without_control_characters` does) or lone surrogates (half of a
    character, which no database can store)."""
    if _LONE_SURROGATES.search(text):
        text = _LONE_SURROGATES.sub("", text)
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def _html_to_text(markup: str) -> str:
    with warnings.catch_warnings():  # text that is only a web address is still text, not a page to fetch
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(_BARE_AMPERSAND.sub("&amp;", markup), "html.parser")
    parts: list[str] = []

    def walk(node: Tag, depth: int) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, a doctype or a processing instruction
                    parts.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in _DROPPED:
                continue
            name = child.name
            if depth > 100:  # a record this deep is a fault: its words are kept, its structure is not
                parts.append(child.get_text(" "))
            elif name == "br":
                parts.append("\n")
            elif name == "li":
                parts.append("\n- ")
                walk(child, depth + 1)
            elif name in {"td", "th", "dd", "dt"}:
                walk(child, depth + 1)
                parts.append(" ")
            elif name in _BLOCKS:
                parts.append("\n\n")
                walk(child, depth + 1)
                parts.append("\n\n")
            elif name == "a":
                start = len(parts)
                walk(child, depth + 1)
                words = "".join(parts[start:]).strip()
                href = str(child.get("href") or "").strip()
                shown = href.removeprefix("mailto:").removeprefix("tel:")
                if href.startswith(("http://", "https://", "mailto:", "tel:")) and shown and shown not in words:
                    parts.append(f" ({shown})" if words else shown)
            else:
                walk(child, depth + 1)

    walk(soup, 0)
    return "".join(parts)


def clean_text(value: Any, what: str = "text") -> str:
    """Plain text from whatever a feed sends: HTML made text once (see the module's docstring), spaces tidied."""
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        raise Rejected(f"its {what} is a list or an object, not text")
    return _text_of(str(value))


@functools.lru_cache(maxsize=4096)  # a feed repeats its organisations' descriptions with each of their services
def _text_of(text: str) -> str:
    text = scrubbed(text)
    if _MARKUP.search(text):
        text = _html_to_text(text)
    elif "&" in text:  # references but no tags: decoded once, as the parser would
        text = html.unescape(_BARE_AMPERSAND.sub("&amp;", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _LINES.sub("\n\n", "\n".join(lines)).strip()
    return _TAG_START.sub("< ", text)


def clean_line(value: Any, max_length: int, what: str = "text") -> str:
    text = " ".join(clean_text(value, what).split())
    if len(text) > max_length:
        raise Rejected(f"its {what} is longer than {max_length} characters ({len(text)})")
    return text


# ----------------------------------------------------------------------------------------------------
# Values
# ----------------------------------------------------------------------------------------------------


def clean_uuid(value: Any, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise Rejected(f"its {what} '{value}' is not a UUID") from None


def clean_optional_uuid(value: Any, what: str) -> uuid.UUID | None:
    return None if value in (None, "") else clean_uuid(value, what)


def clean_date(value: Any, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise Rejected(f"its {what} {_shown(value)}is not a date like 2026-03-31") from None


def clean_datetime(value: Any, what: str) -> dt.datetime | None:
    """A date and time (ISO 8601, as ORUK gives them), in UTC when the feed gives no zone."""
    if value in (None, ""):
        return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        moment = dt.datetime.fromisoformat(text) if len(text) > 10 else dt.datetime.fromisoformat(text + "T00:00")
    except ValueError:
        raise Rejected(f"its {what} {_shown(value)}is not a date and time like 2026-03-31T09:30:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def clean_time(value: Any, what: str) -> dt.time | None:
    if value in (None, ""):
        return None
    text = str(value).strip().upper().rstrip("Z")
    text = re.split(r"[+-]\d\d:?\d\d$", text)[0]
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise Rejected(f"its {what} {_shown(value)}is not a time like 17:30") from None


def _shown(value: Any) -> str:
    """The value as the feed gave it, for a reason, if it is short enough to quote."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return ""
    if isinstance(value, (dict, list)):
        return "(a list or an object) "
    text = str(value)
    return f"'{text}' " if len(text) <= 40 else ""


#: The most one price in a feed may be: within what the directory's cost column holds.
MAX_AMOUNT = Decimal("99999999.99")


def clean_age(value: Any, what: str) -> int | None:
    """A whole number from 0 to 150 (an age, a schedule's interval, places), read by the shared parser."""
    if value in (None, ""):
        return None
    try:
        return parse_whole_number(value, low=0, high=150, subject=what)
    except (NumberError, TypeError):
        raise Rejected(f"its {what} {_shown(value)}is not an age in whole years") from None


def clean_amount(value: Any) -> Decimal | None:
    """A price in pounds and pence, £0 or more, read by the shared parser."""
    if value in (None, ""):
        return None
    try:
        return parse_money(value, high=MAX_AMOUNT, subject="amount")
    except TypeError:
        raise Rejected(f"its amount {_shown(value)}is not a cost of £0 or more") from None
    except NumberError as error:
        if error.code == "too_large":
            raise Rejected(f"its amount {_shown(value)}is too large") from None
        if error.code == "places":
            raise Rejected(f"its amount {_shown(value)}is not in pounds and pence") from None
        raise Rejected(f"its amount {_shown(value)}is not a cost of £0 or more") from None


def clean_float(value: Any, what: str, low: float, high: float) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise Rejected(f"its {what} {_shown(value)}is not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise Rejected(f"its {what} {number} is outside {low} to {high}")
    return number


_SCHEME_TYPO = re.compile(r"(?i)^(https?)\s*:+\s*/*\s*(?=\S)")
_BARE_DOMAIN = re.compile(r"(?i)^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$")


def clean_url(value: Any, what: str) -> str:
    """A web address; one written as people write them is repaired, with a note: ``www.example.org`` and
    ``example.org/page`` become ``https://…``, and ``http:www.…`` or ``http//…`` gets its "://"."""
    text = clean_line(value, 500, what)
    if not text:
        return ""
    original = text
    text = re.sub(r"(?i)^(https?)//", r"\1://", text)
    match = _SCHEME_TYPO.match(text)
    if match:
        text = f"{match.group(1).lower()}://{text[match.end() :]}"
    elif not re.match(r"(?i)^[a-z][a-z0-9+.-]*://", text) and _BARE_DOMAIN.match(text):
        text = f"https://{text}"
    parsed = urlparse(text)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc or " " in text or "." not in parsed.netloc:
        raise Rejected(f"its {what} '{original[:80]}' is not a web address")
    if text != original:
        note(f"its {what} '{original[:80]}' was read as {text}")
    return text


def clean_email(value: Any, what: str) -> str:
    text = clean_line(value, 254, what)
    text = text.removeprefix("mailto:").strip()
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise Rejected(f"its {what} '{text[:80]}' is not an email address")
    return text


def list_or_nothing(value: Any) -> list[Any]:
    """The value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def list_of(value: Any, what: str) -> list[Any]:
    """A list the feed gives; anything else where a list belongs is left out with a note."""
    if value in (None, "", {}):
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, Mapping):
        note(f"its {what} is one object where a list belongs, so it was read as a list of one")
        return [value]
    note(f"its {what} {_shown(value)}is not a list, so it was left out")
    return []


# ----------------------------------------------------------------------------------------------------
# The feed as read: bytes to JSON, every string scrubbed, records too deep refused
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unreadable:
    """A record of a feed that could not be read as JSON at all: where it was, and why."""

    position: int
    reason: str


def scrub(data: Any, depth: int = 0) -> Any:
    """Decoded JSON with NULs, other control characters and lone surrogates taken out of every key and string.

    Raises :class:`Rejected` for JSON nested deeper than :data:`MAX_DEPTH`.
    """
    if isinstance(data, str):
        return scrubbed(data)
    if depth > MAX_DEPTH:
        raise Rejected(f"it is nested more than {MAX_DEPTH} levels deep")
    if isinstance(data, dict):
        return {scrubbed(str(k)).replace("\n", " "): scrub(v, depth + 1) for k, v in data.items()}
    if isinstance(data, list):
        return [scrub(item, depth + 1) for item in data]
    return data


def _split_list(text: str) -> list[str]:
    """The items of a JSON list, as text, found by matching brackets outside strings (for a list one of whose
    items the JSON reader cannot read)."""
    items: list[str] = []
    depth = 0
    start = -1
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
            if depth == 1 and start < 0:
                start = index
        elif char in "[{":
            depth += 1
            if depth == 2 and start < 0:
                start = index
        elif char in "]}":
            depth -= 1
            if depth == 0:
                if start >= 0:
                    items.append(text[start:index].strip())
                break
        elif char == "," and depth == 1:
            if start >= 0:
                items.append(text[start:index].strip())
            start = -1
        elif depth == 1 and start < 0 and not char.isspace():
            start = index
    return items


def parse_feed(raw: bytes | str) -> Any:
    """The JSON of a feed from its bytes: UTF-8 with or without a byte-order mark (bytes that are not UTF-8
    become "�"). A list whose JSON is readable except for some items (nested too deep to read, or broken) is
    read item by item, each unreadable one becoming an :class:`Unreadable`."""
    text = raw.decode("utf-8-sig", errors="replace") if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        if not text.lstrip().startswith("["):
            raise
    records: list[Any] = []
    for position, item in enumerate(_split_list(text.lstrip()), start=1):
        try:
            records.append(json.loads(item))
        except RecursionError:
            records.append(Unreadable(position, f"it is nested more than {MAX_DEPTH} levels deep"))
        except ValueError as error:
            records.append(Unreadable(position, f"it is not valid JSON ({str(error)[:100]})"))
    return records


def read_source(source: str, *, timeout: float = 30.0) -> Any:
    """The JSON of a feed from a file path or an http(s) address."""
    if source.startswith(("http://", "https://")):
        request = Request(source, headers={"Accept": "application/json", "User-Agent": "Ownway directory import"})  # noqa: S310
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            return parse_feed(response.read())
    return parse_feed(Path(source).read_bytes())


def read_paged_url(source: str, *, max_pages: int = 1000) -> list[Any]:
    """Every service of an ORUK API's ``/services`` list, following its pages."""
    first = read_source(source)
    if not isinstance(first, dict) or "contents" not in first:
        try:
            services, _ = records_of(first)
        except Rejected as error:
            raise ValueError(str(error)) from None
        return services
    items = list_or_nothing(first.get("contents"))
    total_pages = int(first.get("total_pages") or 1)
    separator = "&" if "?" in source else "?"
    for number in range(2, min(total_pages, max_pages) + 1):
        page = read_source(f"{source}{separator}page={number}")
        items.extend(list_or_nothing(page.get("contents")) if isinstance(page, dict) else [])
    return items


def read_api(base: str) -> list[Any]:
    """Every service of an ORUK 3.0 API, fully nested: the pages of ``/services``, then each ``/services/{id}``.
    A service whose full record cannot be read is listed as :class:`Unreadable`; the others are imported."""
    base = base.rstrip("/")
    listed = read_paged_url(f"{base}/services?per_page=200")
    services: list[Any] = []
    for position, item in enumerate(listed, start=1):
        if not isinstance(item, dict) or not item.get("id") or isinstance(item["id"], (dict, list)):
            continue
        try:
            services.append(read_source(f"{base}/services/{item['id']}"))
        except (OSError, ValueError) as error:
            services.append(Unreadable(position, f"its full record could not be read ({str(error)[:120]})"))
    return services


# ----------------------------------------------------------------------------------------------------
# Shapes of feed
# ----------------------------------------------------------------------------------------------------

ORUK3 = "ORUK 3.0"
ORUK1 = "ORUK 1.x"
HSDS_TABLES = "HSDS 2.x tables"

#: The fields of an ORUK 3.0 service the directory reads (the others are counted as not imported).
ORUK3_FIELDS = frozenset(
    [
        "id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "fees",
        "fees_description",
        "accreditations",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "alert",
        "last_modified",
        "organization",
        "organization_id",
        "service_at_locations",
        "schedules",
        "cost_options",
        "languages",
        "service_areas",
        "funding",
        "contacts",
        "attributes",
        "ownway",
        "ownway_feed",
    ]
)
#: The fields of an ORUK 1.x (or HSDS 1.x/2.x) service the directory reads, Placecube's ``pc_`` ones included.
ORUK1_FIELDS = frozenset(
    [
        "id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "fees",
        "accreditations",
        "deliverable_type",
        "attending_type",
        "attending_access",
        "pc_attendingAccess_additionalInfo",
        "assured_date",
        "organization",
        "organization_id",
        "pc_metadata",
        "pc_targetAudience",
        "cost_options",
        "regular_schedules",
        "service_at_locations",
        "contacts",
        "languages",
        "service_taxonomys",
        "eligibilitys",
        "eligibility",
        "service_areas",
        "fundings",
        "funding",
        "phones",
        "minimum_age",
        "maximum_age",
    ]
)
ORGANIZATION_FIELDS = frozenset(
    [
        "id",
        "name",
        "description",
        "url",
        "website",
        "email",
        "logo",
        "uri",
        "organization_identifiers",
        "parent_organization_id",
    ]
)
_ORUK1_MARKERS = frozenset(
    [
        "pc_metadata",
        "pc_targetAudience",
        "attending_type",
        "attending_access",
        "deliverable_type",
        "regular_schedules",
        "service_taxonomys",
        "eligibilitys",
        "holiday_schedules",
        "fundings",
        "pc_attendingAccess_additionalInfo",
    ]
)
_TABLES = ("organizations", "locations", "physical_addresses", "services_at_location", "service_at_location")
#: The taxonomy the audiences of an ORUK 1.x feed (``pc_targetAudience``) are terms of: who a service is for.
AUDIENCE_TAXONOMY = "Who it is for"
_AUDIENCE_NAMESPACE = uuid.UUID("6f1d7c52-1f0b-4e55-9a57-2f6a0a3f7d10")
_DAYS = {
    "monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR", "saturday": "SA",
    "sunday": "SU", "mon": "MO", "tue": "TU", "tues": "TU", "wed": "WE", "thu": "TH", "thur": "TH", "thurs": "TH",
    "fri": "FR", "sat": "SA", "sun": "SU",
}  # fmt: skip
#: What a feed's ``fees`` says when the service is free: only these words make it free.
_FREE_WORDS = re.compile(
    r"(?i)^\s*(it\s+is\s+|this\s+service\s+is\s+|the\s+service\s+is\s+)?(free|free of charge|no charge|"
    r"no cost|no fee|no fees|nil|none|£\s*0(\.00)?|0(\.00)?)\s*[.!]?\s*$"
)


def says_free(fees: str) -> bool:
    """Whether a feed's ``fees`` text says, and only says, that the service is free ("Free", "No charge", "£0").
    A description of a cost ("£5 a session, carers free") is not a statement that it is free."""
    return bool(_FREE_WORDS.match(fees))


@dataclass
class FeedRecords:
    shape: str
    services: list[Any]
    taxonomies: list[Any]


def is_oruk1(record: Any) -> bool:
    if not isinstance(record, Mapping):
        return False
    if _ORUK1_MARKERS.intersection(record):
        return True
    organization = record.get("organization")
    if isinstance(organization, Mapping) and "url" in organization and "website" not in organization:
        return True
    at_locations = record.get("service_at_locations")
    return any(
        isinstance(item, Mapping)
        and isinstance(item.get("location"), Mapping)
        and "physical_addresses" in item["location"]
        for item in (at_locations if isinstance(at_locations, list) else [])
    )


def feed_records(payload: Any) -> FeedRecords:
    """The services and taxonomies of a feed, and its shape (see the module's docstring)."""
    if isinstance(payload, dict) and any(isinstance(payload.get(t), list) for t in _TABLES):
        return FeedRecords(HSDS_TABLES, _hsds_nested(payload), [])
    services: list[Any]
    taxonomies: list[Any]
    if isinstance(payload, list):
        services, taxonomies = payload, []
    elif isinstance(payload, dict) and ("services" in payload or "taxonomies" in payload):
        services = list_or_nothing(payload.get("services"))
        taxonomies = list_or_nothing(payload.get("taxonomies"))
    elif isinstance(payload, dict) and "contents" in payload:
        services, taxonomies = (payload["contents"] if isinstance(payload["contents"], list) else []), []
    elif isinstance(payload, dict) and "id" in payload:
        services, taxonomies = [payload], []
    else:
        raise Rejected("the feed is not a list of services, an ORUK page of services or one service")
    sample = [r for r in services[:200] if isinstance(r, Mapping)]
    older = sum(1 for r in sample if is_oruk1(r))
    return FeedRecords(ORUK1 if older and older * 2 >= len(sample) else ORUK3, services, taxonomies)


def records_of(payload: Any) -> tuple[list[Any], list[Any]]:
    """The services and taxonomies in a feed of any shape."""
    found = feed_records(payload)
    return found.services, found.taxonomies


def _hsds_nested(tables: Mapping[str, Any]) -> list[Any]:
    """HSDS 2.x tables joined into one nested record per service, in the ORUK 1.x (HSDS 2.0 API) shape."""

    def rows(*names: str) -> list[Mapping[str, Any]]:
        for name in names:
            if isinstance(tables.get(name), list):
                return [r for r in tables[name] if isinstance(r, Mapping)]
        return []

    def by(rows_: list[Mapping[str, Any]], key: str) -> dict[str, list[Mapping[str, Any]]]:
        grouped: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows_:
            grouped.setdefault(str(row.get(key)), []).append(row)
        return grouped

    organizations = {str(o.get("id")): o for o in rows("organizations")}
    addresses = by(rows("physical_addresses"), "location_id")
    accessibility = by(rows("accessibility_for_disabilities"), "location_id")
    locations = {
        str(loc.get("id")): {
            **loc,
            "physical_addresses": addresses.get(str(loc.get("id")), []),
            "accessibility_for_disabilities": accessibility.get(str(loc.get("id")), []),
        }
        for loc in rows("locations")
    }
    at_locations = by(rows("services_at_location", "service_at_location"), "service_id")
    schedules = by(rows("regular_schedules", "schedules"), "service_id")
    phones = by(rows("phones"), "service_id")
    contacts = by(rows("contacts"), "service_id")
    languages = by(rows("languages"), "service_id")
    eligibility = by(rows("eligibility", "eligibilitys"), "service_id")
    areas = by(rows("service_areas"), "service_id")
    fundings = by(rows("funding", "fundings"), "service_id")
    terms = {str(t.get("id")): t for t in rows("taxonomy_terms", "taxonomies")}
    service_terms = by(rows("service_taxonomies", "service_taxonomys", "service_attributes"), "service_id")
    nested: list[Any] = []
    for service in list_or_nothing(tables.get("services")):
        if not isinstance(service, Mapping):
            nested.append(service)
            continue
        key = str(service.get("id"))
        record = dict(service)
        organization = organizations.get(str(service.get("organization_id")))
        if organization is not None:
            record["organization"] = organization
        record["service_at_locations"] = [
            {"id": sal.get("id"), "location": locations[str(sal.get("location_id"))]}
            for sal in at_locations.get(key, [])
            if str(sal.get("location_id")) in locations
        ]
        record["regular_schedules"] = schedules.get(key, [])
        record["contacts"] = [*contacts.get(key, [])] + (
            [{"id": f"phones-of-{key}", "phones": phones[key]}] if phones.get(key) else []
        )
        record["languages"] = languages.get(key, [])
        record["eligibilitys"] = eligibility.get(key, [])
        record["service_areas"] = areas.get(key, [])
        record["fundings"] = fundings.get(key, [])
        record["service_taxonomys"] = [
            {"id": link.get("id"), "taxonomy": terms[str(link.get("taxonomy_id") or link.get("taxonomy_term_id"))]}
            for link in service_terms.get(key, [])
            if str(link.get("taxonomy_id") or link.get("taxonomy_term_id")) in terms
        ]
        nested.append(record)
    return nested


def unrecognised_fields(record: Mapping[str, Any], shape: str) -> list[str]:
    """The names of a record's fields that the directory does not import (organisation's as "organization.x")."""
    known = ORUK3_FIELDS if shape == ORUK3 else ORUK1_FIELDS
    names = [str(k) for k in record if k not in known]
    organization = record.get("organization")
    if isinstance(organization, Mapping):
        names += [f"organization.{k}" for k in organization if k not in ORGANIZATION_FIELDS]
    return names


class _Ids:
    """UUIDs for the records of a feed whose ids are not UUIDs (ORUK 1.x feeds often number them): the same id
    in the same feed is always the same UUID."""

    def __init__(self, source: str) -> None:
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"ownway-feed:{source}")

    def __call__(self, value: Any, kind: str, fallback: str = "") -> str:
        text = str(value).strip() if value not in (None, "") and not isinstance(value, (dict, list)) else ""
        if not text:
            if not fallback:
                raise Rejected("it has no id")
            text = fallback
        try:
            return str(uuid.UUID(text))
        except ValueError:
            return str(uuid.uuid5(self.namespace, f"{kind}:{text}"))


def _byday(value: Any) -> str:
    """ORUK 1.x days ("Monday", "Mon,Tue", "MO") as iCalendar days ("MO,TU")."""
    if value in (None, ""):
        return ""
    words = re.split(r"[,;/\s]+", str(value).strip())
    return ",".join(_DAYS.get(w.lower(), w.upper()) for w in words if w)


def oruk3_record(record: Any, shape: str, source: str) -> Any:
    """One service record of any shape as an ORUK 3.0 record, with what ORUK 3.0 has no field for under
    ``ownway_feed`` (how to attend, who assured it, who it is for, the feed's own id)."""
    if shape == ORUK3 or not isinstance(record, Mapping):
        return record
    ids = _Ids(source)
    service_id = ids(record.get("id"), "service")

    def items(name: str) -> list[Mapping[str, Any]]:
        return [i for i in list_of(record.get(name), name) if isinstance(i, Mapping)]

    def child_id(item: Mapping[str, Any], kind: str, index: int) -> str:
        return ids(item.get("id"), kind, fallback=f"{service_id}:{kind}:{index}")

    metadata: Mapping[str, Any] = record["pc_metadata"] if isinstance(record.get("pc_metadata"), Mapping) else {}
    organization = record.get("organization")
    out: dict[str, Any] = {
        "id": service_id,
        "name": record.get("name"),
        "description": record.get("description"),
        "url": record.get("url"),
        "email": record.get("email"),
        "status": record.get("status") or "active",
        "fees": record.get("fees"),
        "accreditations": record.get("accreditations"),
        "assured_date": record.get("assured_date") or metadata.get("date_assured"),
        "last_modified": metadata.get("date_modified") or metadata.get("date_created"),
        "ownway_feed": {
            "id": str(record.get("id")),
            "attending_type": record.get("attending_type"),
            "attending_access": record.get("attending_access"),
            "attending_note": record.get("pc_attendingAccess_additionalInfo"),
            "deliverable_type": record.get("deliverable_type"),
            "assured_by": metadata.get("assured_by"),
        },
    }
    if isinstance(organization, Mapping):
        out["organization"] = {
            "id": ids(organization.get("id"), "organization", fallback=str(organization.get("name") or "")),
            "name": organization.get("name"),
            "description": organization.get("description"),
            "website": organization.get("website") or organization.get("url"),
            "email": organization.get("email"),
            "logo": organization.get("logo"),
            "uri": organization.get("uri"),
        }
    elif record.get("organization_id"):
        out["organization_id"] = ids(record.get("organization_id"), "organization")
    ages = [(e.get("minimum_age"), e.get("maximum_age")) for e in items("eligibilitys") + items("eligibility")] + [
        (record.get("minimum_age"), record.get("maximum_age"))
    ]
    lows = [low for low, _ in ages if isinstance(low, int) and not isinstance(low, bool)]
    highs = [high for _, high in ages if isinstance(high, int) and not isinstance(high, bool)]
    out["minimum_age"] = min(lows) if lows else None
    out["maximum_age"] = max(highs) if highs else None
    out["schedules"] = [
        {
            "id": child_id(s, "schedule", n),
            "freq": s.get("freq") or ("WEEKLY" if s.get("weekday") or s.get("byday") else ""),
            "interval": s.get("interval"),
            "byday": _byday(s.get("byday") or s.get("weekday")),
            "opens_at": s.get("opens_at"),
            "closes_at": s.get("closes_at"),
            "valid_from": s.get("valid_from"),
            "valid_to": s.get("valid_to"),
            "dtstart": s.get("dtstart"),
            "description": s.get("description"),
        }
        for n, s in enumerate(items("regular_schedules"))
    ]
    out["cost_options"] = [
        {
            "id": child_id(c, "cost", n),
            "option": c.get("option"),
            "amount": c.get("amount"),
            "amount_description": c.get("amount_description"),
            "valid_from": c.get("valid_from"),
            "valid_to": c.get("valid_to"),
        }
        for n, c in enumerate(items("cost_options"))
    ]
    fees = record.get("fees")
    if not out["cost_options"] and isinstance(fees, str) and says_free(clean_text(fees)):
        out["cost_options"] = [
            {"id": ids(None, "cost", fallback=f"{service_id}:fees"), "option": "Free", "amount": 0,
             "amount_description": fees}
        ]  # fmt: skip
    locations = []
    for n, sal in enumerate(items("service_at_locations")):
        location = sal.get("location")
        if not isinstance(location, Mapping):
            continue
        location_id = ids(location.get("id"), "location", fallback=f"{service_id}:location:{n}")
        addresses = [
            a for a in list_of(location.get("physical_addresses") or location.get("addresses"), "addresses")
            if isinstance(a, Mapping)
        ]  # fmt: skip
        locations.append(
            {
                "id": child_id(sal, "service_at_location", n),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": location.get("name"),
                    "description": location.get("description"),
                    "latitude": location.get("latitude"),
                    "longitude": location.get("longitude"),
                    "addresses": [
                        {
                            "id": ids(a.get("id"), "address", fallback=f"{location_id}:address:{m}"),
                            "address_1": a.get("address_1"),
                            "address_2": a.get("address_2"),
                            "city": a.get("city") or a.get("region") or a.get("state_province"),
                            "region": a.get("region"),
                            "state_province": a.get("state_province") or "",
                            "postal_code": a.get("postal_code"),
                            "country": a.get("country") if a.get("country") and len(str(a["country"])) == 2 else "GB",
                        }
                        for m, a in enumerate(addresses)
                    ],
                    "accessibility": [
                        {
                            "id": ids(a.get("id"), "accessibility", fallback=f"{location_id}:access:{m}"),
                            "description": a.get("accessibility"),
                            "details": a.get("details"),
                        }
                        for m, a in enumerate(
                            i
                            for i in list_of(location.get("accessibility_for_disabilities"), "accessibility")
                            if isinstance(i, Mapping)
                        )
                    ],
                },
            }
        )
    out["service_at_locations"] = locations
    out["contacts"] = [
        {
            "id": child_id(c, "contact", n),
            "name": c.get("name"),
            "title": c.get("title"),
            "email": c.get("email"),
            "phones": [
                {"id": ids(p.get("id"), "phone", fallback=f"{service_id}:phone:{n}:{m}"), "number": p.get("number")}
                for m, p in enumerate(i for i in list_of(c.get("phones"), "phones") if isinstance(i, Mapping))
            ],
        }
        for n, c in enumerate(items("contacts"))
    ]
    out["languages"] = [
        {
            "id": child_id(lang, "language", n),
            "name": lang.get("language") or lang.get("name"),
            "code": lang.get("code"),
        }
        for n, lang in enumerate(items("languages"))
    ]
    out["service_areas"] = [
        {"id": child_id(a, "area", n), "name": a.get("service_area"), "extent": a.get("extent"), "uri": a.get("uri")}
        for n, a in enumerate(items("service_areas"))
    ]
    out["funding"] = [
        {"id": child_id(f, "funding", n), "source": f.get("source")}
        for n, f in enumerate(items("fundings") + items("funding"))
    ]
    attributes = []
    for n, link in enumerate(items("service_taxonomys")):
        term = link.get("taxonomy")
        if isinstance(term, Mapping) and term.get("name"):
            attributes.append(
                {
                    "id": child_id(link, "service_taxonomy", n),
                    "taxonomy_term": {
                        "id": ids(term.get("id"), "term", fallback=str(term.get("name"))),
                        "name": term.get("name"),
                        "taxonomy": term.get("vocabulary") or "Imported categories",
                    },
                }
            )
    for audience in items("pc_targetAudience"):
        name = clean_line(audience.get("audienceType"), 200, "audience")
        if name:
            attributes.append(
                {
                    "id": str(uuid.uuid5(_AUDIENCE_NAMESPACE, f"{service_id}:{name.lower()}")),
                    "taxonomy_term": {
                        "id": str(uuid.uuid5(_AUDIENCE_NAMESPACE, name.lower())),
                        "name": name,
                        "taxonomy": AUDIENCE_TAXONOMY,
                        "term": name.lower(),
                    },
                }
            )
    out["attributes"] = attributes
    return out


def fuller(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether ``one`` says more than ``other`` (more fields with a value): which of two records with the same
    id to keep."""

    def filled(record: Mapping[str, Any]) -> int:
        return sum(1 for value in record.values() if value not in (None, "", [], {}))

    return filled(one) > filled(other)


def count_fields(counter: Counter[str], names: list[str]) -> None:
    counter.update(names)
