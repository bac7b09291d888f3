"""When a service runs, from ORUK 3.0 schedules (iCalendar RFC 5545 terms), in words and for search.

ORUK 3.0 ``schemata/schedule.json`` describes regular times with ``freq`` (WEEKLY or MONTHLY),
``interval``, ``byday`` (two-letter iCalendar days, comma separated, with an optional ordinal for
monthly rules such as ``1SA``, the first Saturday: RFC 5545 §3.3.10), ``opens_at`` and ``closes_at``.

Evenings and weekends matter to the people who use services and their carers in Nottinghamshire, who
wrote among their I statements (seed 003, "What people have told us": "I can access services and
activities at evenings and weekends"). Ownway counts a session as in the **evening** when it is still
running after 5pm (``closes_at`` later than 17:00) and at the **weekend** when it runs on a Saturday
or Sunday. The ORUK API's own ``day``, ``start_time`` and ``end_time`` parameters follow the
standard's words: a day equal to the one given, a start at or after ``start_time`` and an end at or
before ``end_time`` (ORUK 3.0 ``openapi.json`` ``components.parameters``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
WEEKEND = frozenset({"SA", "SU"})
EVENING_FROM = dt.time(17, 0)
_ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth", "-1": "last"}
_BYDAY = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")


@dataclass(frozen=True)
class Session:
    freq: str
    interval: int | None
    byday: str
    opens_at: dt.time | None
    closes_at: dt.time | None


@dataclass(frozen=True)
class When:
    days: frozenset[str]
    evening: bool
    weekend: bool
    text: str
    explanation: str


def parse_byday(byday: str) -> list[tuple[str | None, str]]:
    """``"1SA,SU"`` → ``[("1", "SA"), (None, "SU")]``; raises ValueError on anything else."""
    result: list[tuple[str | None, str]] = []
    for part in (p.strip().upper() for p in (byday or "").split(",")):
        if not part:
            continue
        match = _BYDAY.match(part)
        if not match:
            raise ValueError(f"'{part}' is not an iCalendar day: use MO, TU, WE, TH, FR, SA or SU")
        ordinal = match.group(1)
        result.append((ordinal.lstrip("+") if ordinal else None, match.group(2)))
    return result


def day_code(value: str) -> str | None:
    """A day as a two-letter code, from "SA", "sat", "Saturday" (as ORUK's ``day`` parameter may send it)."""
    text = (value or "").strip().upper()
    if text in DAYS:
        return text
    for code, name in DAY_NAMES.items():
        if len(text) >= 3 and name.upper().startswith(text):
            return code
    return None


def time_text(value: dt.time) -> str:
    """GOV.UK style: "10am", "5:30pm", "midday"."""
    if value == dt.time(12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def describe(session: Session) -> When:
    """One schedule in plain English, and whether it counts as evening or weekend."""
    days = parse_byday(session.byday)
    codes = frozenset(code for _, code in days)
    if not days:
        day_words = "Times vary"
    elif session.freq == "MONTHLY":
        day_words = (
            "The "
            + " and ".join(f"{_ORDINALS.get(o or '', '')} {DAY_NAMES[c]}".strip() for o, c in days)
            + " of every month"
        )
    else:
        names = [DAY_NAMES[c] for c in DAYS if c in codes]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        every = "Every" if not session.interval or session.interval == 1 else f"Every {session.interval} weeks on"
        day_words = f"{every} {joined}"
    times = ""
    if session.opens_at and session.closes_at:
        times = f", {time_text(session.opens_at)} to {time_text(session.closes_at)}"
    elif session.opens_at:
        times = f", from {time_text(session.opens_at)}"
    evening = session.closes_at is not None and session.closes_at > EVENING_FROM
    weekend = bool(codes & WEEKEND)
    reasons = []
    if evening and session.closes_at is not None:
        reasons.append(f"it runs in the evening (it ends at {time_text(session.closes_at)}, after 5pm)")
    if weekend:
        reasons.append("it runs at the weekend")
    explanation = (
        ("This session counts as " + " and ".join(reasons) + ".")
        if reasons
        else ("This session is on a weekday during the day.")
    )
    return When(days=codes, evening=evening, weekend=weekend, text=day_words + times, explanation=explanation)


def matches(
    session: Session,
    *,
    day: str | None = None,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
) -> bool:
    """Whether one session meets ORUK's ``day``/``start_time``/``end_time`` (the database search does the same)."""
    codes = {code for _, code in parse_byday(session.byday)}
    if day is not None and day not in codes:
        return False
    if start_time is not None and (session.opens_at is None or session.opens_at < start_time):
        return False
    return not (end_time is not None and (session.closes_at is None or session.closes_at > end_time))
