"""SALT-style tables worked out from the rows of the Client Level Data extract: STS001 and LTS001a.

Since 2024/25 CLD has replaced the SALT return, and NHS England publishes how SALT's tables are reproduced from CLD
rows (``NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations``: "Central Transformation Principles - SALT",
and its per-table replication code). The tables here follow those principles, simplified where said, so that a
commissioner can reproduce each figure from the extract's rows by hand.

**STS001** — requests for support received from new clients, by what followed (the sequel), for ages 18 to 64 and
65 and over. Definition: each Request row of a service user that ended in the period, whose person had no long-term
support service open on the day the request started ("New client = no open long-term service when the request
started", NHSE-T SALT principles p.7). Sequel: the service of highest rank (SALT's hierarchy: ST-Max, then long-term
nursing, residential, community and prison support, then ongoing low-level and other short-term support) that
started from the request's start to 28 days after it ended ("requests — look at activity within 28 days"); with no
service, the request's own outcome (NFA: Deceased → "No Services Provided – Deceased"; referral to NHS care → "100%
NHS Funded Care"; information, advice or signposting, or referral to another council service → "Universal Services /
Signposted to other services"; anything else → "No Services Provided – other reason"). Numerator of each cell: the
requests with that sequel and age band; denominator: all new clients' requests of the age band. *Simplified:* requests
within 4 days of each other are not merged, and an NFA outcome on a later assessment is not looked for.

**LTS001a** — people accessing long-term support during the year, by primary support reason and support setting, for
ages 18 to 64 and 65 and over. Definition: each person (by LA person identifier) with a Service row of type "Long term
support: …" active in the period; each counted once, in the setting of highest rank (Nursing, then Residential, then
Community, then Prison: NHSE-T LTS001b ``#REF_Service_Type_Delivery_Mech``), with their age on the period's last day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Row = Mapping[str, str]

AGE_BANDS = ("18 to 64", "65 and over")

#: SALT's order of service sequels, highest first (NHSE-T STS001 #REF_Service_Type hierarchy), with the sequel each
#: reports as.
SERVICE_SEQUELS = (
    ("Short term support: ST-Max", "Short Term Support to Maximise Independence"),
    ("Long term support: Nursing care", "Long Term Support: Nursing Care"),
    ("Long term support: Residential care", "Long Term Support: Residential Care"),
    ("Long term support: Community", "Long Term Support: Community"),
    ("Long term support: Prison", "Long Term Support: Prison"),
    ("Short term support: Ongoing low level", "Ongoing Low Level Support"),
    ("Short term support: Other short term", "Short Term Support (other)"),
)
_RANK = {service_type: rank for rank, (service_type, _sequel) in enumerate(SERVICE_SEQUELS)}
_SEQUEL = dict(SERVICE_SEQUELS)

#: The STS001 sequel of a request followed by no service, from its own outcome.
OUTCOME_SEQUELS = {
    "NFA: Deceased": "No Services Provided – Deceased",
    "NFA: Referral to NHS services or NHS funded social care": "100% NHS Funded Care",
    "NFA: Information and advice or signposting": "Universal Services / Signposted to other services",
    "NFA: Referral to other service within the local authority": "Universal Services / Signposted to other services",
}
OTHER_REASON = "No Services Provided – other reason"

#: Every STS001 sequel, in the order of the table.
STS001_SEQUELS = (*_SEQUEL.values(), "100% NHS Funded Care", "Universal Services / Signposted to other services",
                  "No Services Provided – Deceased", OTHER_REASON)  # fmt: skip

LTS_SETTINGS = ("Nursing care", "Residential care", "Community", "Prison")
_LONG_TERM = "Long term support: "

SEQUEL_DAYS = 28


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def age_band(born: dt.date | None, on: dt.date) -> str | None:
    """SALT's two age bands (None under 18 or with no date of birth)."""
    if born is None:
        return None
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 18:
        return None
    return AGE_BANDS[0] if age < 65 else AGE_BANDS[1]


@dataclass(frozen=True)
class _Service:
    service_type: str
    start: dt.date
    end: dt.date | None


@dataclass
class Table:
    """A table of counts: rows by columns, each cell the count of requests or people."""

    name: str
    definition: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Counter[tuple[str, str]] = field(default_factory=Counter)

    def count(self, row: str, column: str) -> int:
        return self.cells[(row, column)]

    def total(self, column: str) -> int:
        """The denominator of a column: every request or person counted in it."""
        return sum(n for (_row, col), n in self.cells.items() if col == column)


def _services_by_person(rows: Iterable[Row]) -> tuple[list[Row], dict[str, list[_Service]]]:
    requests: list[Row] = []
    services: dict[str, list[_Service]] = defaultdict(list)
    for row in rows:
        if row.get("Client Type") != "Service user":
            continue
        if row.get("Event Type") == "Request":
            requests.append(row)
        elif row.get("Event Type") == "Service":
            start = _date(row.get("Event Start Date", ""))
            if start is not None:
                services[row["LA Person Unique Identifier"]].append(
                    _Service(row.get("Service Type", ""), start, _date(row.get("Event End Date", "")))
                )
    return requests, services


def sts001(rows: Iterable[Row]) -> Table:
    """STS001 from the extract's rows (see the module's docstring)."""
    requests, services = _services_by_person(rows)
    table = Table("STS001", "Requests for support from new clients, by sequel", STS001_SEQUELS, AGE_BANDS)
    for request in requests:
        start, end = _date(request.get("Event Start Date", "")), _date(request.get("Event End Date", ""))
        if start is None or end is None:
            continue
        band = age_band(_date(request.get("Date of Birth", "")), start)
        if band is None:
            continue
        theirs = services.get(request["LA Person Unique Identifier"], [])
        open_then = any(
            s.service_type.startswith(_LONG_TERM) and s.start < start and (s.end is None or s.end >= start)
            for s in theirs
        )
        if open_then:
            continue
        until = end + dt.timedelta(days=SEQUEL_DAYS)
        followed = [s for s in theirs if start <= s.start <= until and s.service_type in _RANK]
        if followed:
            sequel = _SEQUEL[min(followed, key=lambda s: _RANK[s.service_type]).service_type]
        else:
            sequel = OUTCOME_SEQUELS.get(request.get("Event Outcome", ""), OTHER_REASON)
        table.cells[(sequel, band)] += 1
    return table


def lts001a(rows: Iterable[Row], *, period_end: dt.date) -> Table:
    """LTS001a from the extract's rows: people in long-term support during the period, by setting (see the
    module's docstring); the rows of the table are the settings, split by age band."""
    setting_of: dict[str, int] = {}
    born: dict[str, dt.date | None] = {}
    for row in rows:
        service_type = row.get("Service Type", "")
        if row.get("Event Type") != "Service" or row.get("Client Type") != "Service user":
            continue
        if not service_type.startswith(_LONG_TERM):
            continue
        setting = service_type.removeprefix(_LONG_TERM)
        if setting not in LTS_SETTINGS:
            continue
        person = row["LA Person Unique Identifier"]
        rank = LTS_SETTINGS.index(setting)
        setting_of[person] = min(rank, setting_of.get(person, rank))
        born[person] = _date(row.get("Date of Birth", ""))
    table = Table("LTS001a", "People accessing long-term support during the year, by setting", LTS_SETTINGS,
                  AGE_BANDS)  # fmt: skip
    for person, rank in setting_of.items():
        band = age_band(born[person], period_end)
        if band is not None:
            table.cells[(LTS_SETTINGS[rank], band)] += 1
    return table
