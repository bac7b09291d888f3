"""Settings read from the environment: each variable parsed into its type once, when the service starts.

A value that cannot be used stops the service at start-up with a message naming the variable, what it was
set to and what it may be ("OWNWAY_DP_CYCLE_START is '6/4/2026', but it must be a date written YYYY-MM-DD,
like 2026-04-06"), rather than at the first payment run that reads it. An unset or empty variable takes
its default. Values of secret variables (a password, the secret key) are never repeated in a message.

Only the standard library and Django's ``ImproperlyConfigured``: the settings module imports this first.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

#: The databases Ownway runs on.
ENGINES = frozenset({"django.db.backends.postgresql", "django.db.backends.sqlite3"})
TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


class SettingError(ImproperlyConfigured):
    """An environment variable holds a value the service cannot use."""


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def _refuse(name: str, value: str, allowed: str, *, secret: bool = False) -> SettingError:
    shown = "set" if secret else f"{value[:60]!r}" + ("…" if len(value) > 60 else "")
    return SettingError(f"{name} is {shown}, but it must be {allowed}. Change or unset {name} and start again.")


def env_str(name: str, default: str, *, max_length: int = 1000, pattern: str | None = None, allowed: str = "",
            secret: bool = False) -> str:  # fmt: skip
    """Text, at most ``max_length`` characters; with ``pattern``, matching it in full (``allowed`` says how)."""
    value = _raw(name)
    if value is None:
        return default
    if len(value) > max_length:
        raise _refuse(name, value, f"at most {max_length} characters", secret=secret)
    if pattern is not None and not re.fullmatch(pattern, value):
        raise _refuse(name, value, allowed or f"text matching {pattern}", secret=secret)
    return value


def env_bool(name: str, default: bool) -> bool:
    """On or off: 1, true, yes or on; 0, false, no or off (any case)."""
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise _refuse(name, value, "on or off: 1, true, yes or on; or 0, false, no or off")


def env_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    """A whole number from ``minimum`` to ``maximum``."""
    value = _raw(name)
    if value is None:
        return default
    allowed = f"a whole number from {minimum:,} to {maximum:,}"
    if not re.fullmatch(r"[+-]?\d{1,18}", value):
        raise _refuse(name, value, allowed)
    number = int(value)
    if not minimum <= number <= maximum:
        raise _refuse(name, value, allowed)
    return number


def env_float(name: str, default: float, *, minimum: float, maximum: float) -> float:
    """A number (a decimal point allowed) from ``minimum`` to ``maximum``."""
    value = _raw(name)
    if value is None:
        return default
    allowed = f"a number from {minimum:g} to {maximum:g}"
    if not re.fullmatch(r"[+-]?(\d{1,12}(\.\d{0,9})?|\.\d{1,9})", value):
        raise _refuse(name, value, allowed)
    number = float(value)
    if not minimum <= number <= maximum:
        raise _refuse(name, value, allowed)
    return number


def env_money(name: str, default: str, *, minimum: str = "0.00", maximum: str) -> Decimal:
    """An amount in pounds with at most two places of pence (no £ sign, no commas), as a Decimal."""
    value = _raw(name) or default
    allowed = f"an amount in pounds from {minimum} to {maximum}, written like 250.00 (no £ sign or commas)"
    if not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", value):
        raise _refuse(name, value, allowed)
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise _refuse(name, value, allowed) from error
    if not Decimal(minimum) <= amount <= Decimal(maximum):
        raise _refuse(name, value, allowed)
    return amount


def env_date(name: str, default: dt.date) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    value = _raw(name)
    if value is None:
        return default
    allowed = f"a date written YYYY-MM-DD, like {default.isoformat()}"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise _refuse(name, value, allowed)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise _refuse(name, value, f"a real date written YYYY-MM-DD, like {default.isoformat()}") from error


def env_dates(name: str) -> list[dt.date]:
    """Calendar dates written YYYY-MM-DD, separated by commas (none when unset)."""
    value = _raw(name)
    if value is None:
        return []
    allowed = "dates written YYYY-MM-DD, separated by commas, like 2026-12-24,2026-12-31"
    days = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item):
            raise _refuse(name, value, allowed)
        try:
            days.append(dt.date.fromisoformat(item))
        except ValueError as error:
            raise _refuse(name, value, allowed) from error
    if len(days) > 366:
        raise _refuse(name, value, "at most 366 " + allowed)
    return days


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (any case on input; the choice as written here on output)."""
    value = _raw(name)
    if value is None:
        return default
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise _refuse(name, value, "one of " + ", ".join(choices))


def env_list(name: str, default: list[str], *, max_items: int = 100, max_length: int = 200,
             pattern: str | None = None, allowed: str = "") -> list[str]:  # fmt: skip
    """Items separated by commas (spaces around them ignored); with ``pattern``, each matching it in full."""
    value = _raw(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items or len(items) > max_items or any(len(item) > max_length for item in items):
        raise _refuse(name, value, f"from 1 to {max_items} items separated by commas, each at most {max_length} long")
    for item in items:
        if pattern is not None and not re.fullmatch(pattern, item):
            raise _refuse(name, value, f"a list separated by commas of {allowed or pattern}, and {item!r} is not")
    return items


def env_url(name: str, default: str) -> str:
    """An address beginning http:// or https://, without a trailing slash."""
    value = _raw(name)
    if value is None:
        return default.rstrip("/")
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise _refuse(name, value, "an address beginning http:// or https://, like https://care.example.gov.uk")
    return value.rstrip("/")


def env_path(name: str, default: Path) -> Path:
    """A folder or file on this machine."""
    value = _raw(name)
    return default if value is None else Path(value)


def env_set(name: str) -> bool:
    """Whether the variable is set to something (not unset, not empty)."""
    return _raw(name) is not None


def env_database(name: str, default: str, *, conn_max_age: int) -> dict[str, Any]:
    """A database address (postgres://user:password@host:port/name or sqlite:///path), parsed by dj-database-url.

    The address is never repeated in a message: it may hold a password.
    """
    import dj_database_url

    value = _raw(name) or default
    allowed = "a database address like postgres://user:password@host:5432/name or sqlite:///path/to/file"
    try:
        parsed = dict(dj_database_url.parse(value, conn_max_age=conn_max_age))
    except Exception as error:  # dj-database-url raises several kinds of error for an address it cannot read
        raise _refuse(name, value, allowed, secret=True) from error
    if parsed.get("ENGINE") not in ENGINES or not parsed.get("NAME"):
        raise _refuse(name, value, allowed, secret=True)
    return parsed
