"""Reading an Open Referral UK 3.0 feed: cleaning each field and checking each record.

These helpers turn the JSON of one feed record into clean Python values, raising :class:`Rejected`
with the reason when a record cannot be used. :func:`.services.directory_import` calls them inside
a transaction and saves what passes.

HTML in text fields is reduced to plain text with ``nh3`` (the Ammonia sanitiser): no tag survives,
the content of ``<script>`` and ``<style>`` is dropped, line breaks and paragraphs become new lines
and entities like ``&amp;`` become the characters they stand for.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import Request, urlopen

import nh3

from ownway.core.numbers import NumberError, parse_money, parse_whole_number
from ownway.core.text import without_control_characters

_BREAK = re.compile(r"(?i)<\s*br\s*/?>|<\s*/\s*li\s*>")
_PARAGRAPH = re.compile(r"(?i)<\s*/\s*(p|div|h[1-6]|ul|ol)\s*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\n\s*\n+")


class Rejected(Exception):
    """A record the directory cannot take, with the reason in plain words."""


def clean_text(value: Any) -> str:
    """Plain text from whatever a feed sends: HTML removed, entities decoded, spaces tidied."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text or "&" in text:
        text = _PARAGRAPH.sub("\n\n", _BREAK.sub("\n", text))
        text = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}, attributes={})
        text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(value: Any, max_length: int) -> str:
    text = " ".join(clean_text(value).split())
    if len(text) > max_length:
        raise Rejected(f"it is longer than {max_length} characters ({len(text)})")
    return text


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
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Rejected(f"its {what} '{value}' is not a date like 2026-03-31") from None


def clean_time(value: Any, what: str) -> dt.time | None:
    if value in (None, ""):
        return None
    text = str(value).strip().upper().rstrip("Z")
    text = re.split(r"[+-]\d\d:?\d\d$", text)[0]
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise Rejected(f"its {what} '{value}' is not a time like 17:30") from None


def _shown(value: Any) -> str:
    """The value as the feed gave it, for a reason, if it is short enough to quote."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return ""
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
    except NumberError:
        raise Rejected(f"its {what} {_shown(value)}is not an age in whole years") from None


def clean_amount(value: Any) -> Decimal | None:
    """A price in pounds and pence, £0 or more, read by the shared parser."""
    if value in (None, ""):
        return None
    try:
        return parse_money(value, high=MAX_AMOUNT, subject="amount")
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


def clean_url(value: Any, what: str) -> str:
    text = clean_line(value, 500)
    if not text:
        return ""
    parsed = urlparse(text)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise Rejected(f"its {what} '{text}' is not a web address starting http:// or https://")
    return text


def clean_email(value: Any, what: str) -> str:
    text = clean_line(value, 254)
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise Rejected(f"its {what} '{text}' is not an email address")
    return text


def without_control_characters_anywhere(data: Any) -> Any:
    """Decoded JSON with control characters taken out of every key and string (line breaks and tabs kept): no
    one means them, and a NUL cannot be stored, nor named in the list of what was rejected."""
    if isinstance(data, str):
        return without_control_characters(data, keep_lines=True)
    if isinstance(data, dict):
        return {without_control_characters(str(k)): without_control_characters_anywhere(v) for k, v in data.items()}
    if isinstance(data, list):
        return [without_control_characters_anywhere(item) for item in data]
    return data


def records_of(payload: Any) -> tuple[list[Any], list[Any]]:
    """The services and taxonomies in a feed: a page envelope, a list, one service, or an export; control
    characters are taken out of all their text."""
    payload = without_control_characters_anywhere(payload)
    if isinstance(payload, list):
        return payload, []
    if isinstance(payload, dict):
        if "services" in payload or "taxonomies" in payload:
            return list(payload.get("services") or []), list(payload.get("taxonomies") or [])
        if "contents" in payload:
            return list(payload.get("contents") or []), []
        if "id" in payload:
            return [payload], []
    raise Rejected("the feed is not a list of services, an ORUK page of services or one service")


def read_source(source: str, *, timeout: float = 30.0) -> Any:
    """The JSON of a feed from a file path or an http(s) address."""
    if source.startswith(("http://", "https://")):
        request = Request(source, headers={"Accept": "application/json", "User-Agent": "Ownway directory import"})  # noqa: S310
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            return json.loads(response.read().decode("utf-8"))
    return json.loads(Path(source).read_text(encoding="utf-8"))


def read_paged_url(source: str, *, max_pages: int = 1000) -> list[Any]:
    """Every service of an ORUK API's ``/services`` list, following its pages."""
    first = read_source(source)
    if not isinstance(first, dict) or "contents" not in first:
        services, _ = records_of(first)
        return services
    items = list(first.get("contents") or [])
    total_pages = int(first.get("total_pages") or 1)
    separator = "&" if "?" in source else "?"
    for number in range(2, min(total_pages, max_pages) + 1):
        page = read_source(f"{source}{separator}page={number}")
        items.extend(page.get("contents") or [])
    return items


def read_api(base: str) -> list[Any]:
    """Every service of an ORUK 3.0 API, fully nested: the pages of ``/services``, then each ``/services/{id}``."""
    base = base.rstrip("/")
    listed = read_paged_url(f"{base}/services?per_page=200")
    return [
        read_source(f"{base}/services/{item['id']}") for item in listed if isinstance(item, dict) and item.get("id")
    ]
