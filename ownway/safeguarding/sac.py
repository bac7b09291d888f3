"""The yearly Safeguarding Adults Collection (SAC, DAPB2172), built from the records.

Counting rules (NHS England / DHSC, Safeguarding Adults Collection guidance):

* SG1 tables count concerns **raised** and enquiries **commenced** in the year; SG2 onwards count s.42 enquiries
  **concluded** in the year (SG2a–SG2e, SG3a, SG4a).
* SG1a–SG1c, SG1e count **individuals**: a person with three enquiries appears once in each row; SG1d counts
  each enquiry. Concerns not yet linked to a person record count in SG1f but cannot be counted as individuals.
* SG2: one count per different SAC category per enquiry (two strangers as sources are one "unknown" count; a
  stranger and a carer are one in each).
* Age is the age on the day the concern was received; the bands are 18-64, 65-74, 75-84, 85-94, 95+.
* A concern about abuse in another council's area is recorded there, not here (the two councils rule).
* SG5: Safeguarding Adults Reviews concluded in the year (Care Act 2014 s.44), by whether an individual died.

Each table is a list of rows, the first the header, written as CSV by ``ownway manage safeguarding_return``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from ownway.core.dates import FinancialYear, financial_year
from ownway.core.reporting import reporting_read
from ownway.people.models import Person

from .defaults import VALUES
from .models import (
    Advocacy,
    Concern,
    Enquiry,
    EnquiryKind,
    EnquiryStatus,
    SafeguardingAdultsReview,
    SafeguardingValue,
    ValueList,
)

AGE_BANDS = ["18-64", "65-74", "75-84", "85-94", "95+"]
GENDERS = ["Male", "Female", "Not Known"]
ETHNICITIES = [
    "White",
    "Mixed / Multiple",
    "Asian / Asian British",
    "Black / African / Caribbean / Black British",
    "Other Ethnic Group",
    "Refused",
    "Undeclared / Not Known",
]
SUPPORT_REASONS = [
    "Physical Support",
    "Sensory Support",
    "Support with Memory and Cognition",
    "Learning Disability Support",
    "Mental Health Support",
    "Social Support",
    "No Support Reason",
    "Not Known",
]


def _categories(value_list: str) -> list[str]:
    """The SAC categories of a list, in the return's order (from the national values)."""
    return list(dict.fromkeys(sac for name, _code, _label, sac, _e in VALUES if name == value_list and sac))


class YearNotUnderstood(ValueError):
    pass


def year_named(text: str) -> FinancialYear:
    """The financial year named like "2026-27" or "2026/27" (1 April 2026 to 31 March 2027)."""
    match = re.fullmatch(r"(\d{4})[-/](\d{2})", text.strip())
    if match is None or (int(match.group(1)) + 1) % 100 != int(match.group(2)) or int(match.group(1)) < 2000:
        raise YearNotUnderstood(f"Give the year like 2026-27, not {text[:20]!r}")
    return financial_year(dt.date(int(match.group(1)), 4, 1))


def age_band(date_of_birth: dt.date, on: dt.date) -> str | None:
    """The SG1a band of someone's age on a day; None under 18 (not an adult)."""
    age = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    if age < 18:
        return None
    for band, upper in zip(AGE_BANDS, (64, 74, 84, 94), strict=False):
        if age <= upper:
            return band
    return "95+"


def _gender(person: Person) -> str:
    value = person.gender.cld_r1 if person.gender else ""
    return value if value in ("Male", "Female") else "Not Known"


def _ethnicity(person: Person) -> str:
    value = person.ethnicity.cld_r1 if person.ethnicity else ""
    for prefix, category in (("White", "White"), ("Mixed", "Mixed / Multiple"), ("Asian", "Asian / Asian British"),
                             ("Black", "Black / African / Caribbean / Black British"),
                             ("Other", "Other Ethnic Group"), ("Refused", "Refused")):  # fmt: skip
        if value.startswith(prefix):
            return category
    return "Undeclared / Not Known"


def _support_reason(person: Person) -> str:
    value = person.primary_support_reason.cld_r1 if person.primary_support_reason else ""
    head = value.split(":")[0].replace("&", "and").strip()
    return head if head in SUPPORT_REASONS else "Not Known"


@dataclass
class Return:
    year: FinancialYear
    tables: dict[str, list[list[object]]] = field(default_factory=dict)

    def figure(self, table: str, row: str, column: str) -> object:
        """One cell, by the row's first cell and the column's header (for the page and the tests)."""
        rows = self.tables[table]
        index = rows[0].index(column)
        return next(r[index] for r in rows[1:] if r[0] == row)


def _grid(rows: list[str], columns: list[str], counts: Counter, first: str) -> list[list[object]]:
    table: list[list[object]] = [[first, *columns, "Total"]]
    table += [[row, *(counts[(row, c)] for c in columns), sum(counts[(row, c)] for c in columns)] for row in rows]
    return table


#: What the return reads of each adult: their age, the CLD groups of their gender, ethnicity and primary support
#: reason, and whether they are autistic.
_PERSON_FIELDS = (
    "date_of_birth", "autism", "gender__cld_r1", "ethnicity__cld_r1", "primary_support_reason__cld_r1",
)  # fmt: skip


@reporting_read
def build_return(year: FinancialYear) -> Return:
    """Every table of the return for the year, from the records (see the module's counting rules)."""
    first, last = year.first_day, year.last_day
    result = Return(year=year)
    # The year's days, as the instants they start and end here (what ``received_at__date`` means), so the
    # index on when concerns were received serves the range.
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    concerns = list(
        Concern.objects.filter(received_at__gte=start, received_at__lt=end, happened_in_area=True)
        .select_related("person__gender", "person__ethnicity", "person__primary_support_reason")
        .only("received_at", *(f"person__{name}" for name in _PERSON_FIELDS))
    )
    commenced = list(
        Enquiry.objects.filter(started_on__gte=first, started_on__lte=last, concern__happened_in_area=True)
        .select_related(
            "concern__person__gender", "concern__person__ethnicity", "concern__person__primary_support_reason"
        )
        .only("kind", "concern__received_at", *(f"concern__person__{name}" for name in _PERSON_FIELDS))
    )
    # SG1: individuals (once each per row) and enquiries.
    groups: dict[str, dict[int, tuple[Person, dt.date]]] = {"Concerns": {}, "S42 Enquiries": {}, "Other Enquiries": {}}
    for concern in concerns:
        if concern.person is not None:
            groups["Concerns"].setdefault(concern.person.pk, (concern.person, concern.received_at.date()))
    for enquiry in commenced:
        person = enquiry.concern.person
        if person is not None:
            row = "S42 Enquiries" if enquiry.kind == EnquiryKind.S42 else "Other Enquiries"
            groups[row].setdefault(person.pk, (person, enquiry.concern.received_at.date()))
    ages: Counter = Counter()
    genders: Counter = Counter()
    ethnicities: Counter = Counter()
    conditions: Counter = Counter()
    for row, people in groups.items():
        for person, on in people.values():
            ages[(row, age_band(person.date_of_birth, on) or "18-64")] += 1
            genders[(row, _gender(person))] += 1
            ethnicities[(row, _ethnicity(person))] += 1
            if person.autism:
                conditions[(row, "Autism (excluding Asperger's/HFA)")] += 1
    rows = list(groups)
    result.tables["SG1a"] = _grid(rows, AGE_BANDS, ages, "Individuals")
    result.tables["SG1b"] = _grid(rows, GENDERS, genders, "Individuals")
    result.tables["SG1c"] = _grid(rows, ETHNICITIES, ethnicities, "Individuals")
    reasons: Counter = Counter()
    for enquiry in commenced:
        if enquiry.concern.person is not None:
            row = "S42 Enquiries" if enquiry.kind == EnquiryKind.S42 else "Other Enquiries"
            reasons[(row, _support_reason(enquiry.concern.person))] += 1
    result.tables["SG1d"] = _grid(["S42 Enquiries", "Other Enquiries"], SUPPORT_REASONS, reasons, "Enquiries")
    result.tables["SG1e"] = _grid(
        rows, ["Autism (excluding Asperger's/HFA)", "Asperger's Syndrome/High Functioning Autism"], conditions,
        "Individuals",
    )  # fmt: skip
    s42 = sum(1 for e in commenced if e.kind == EnquiryKind.S42)
    result.tables["SG1f"] = [
        ["Measure", "Count"],
        ["Total safeguarding concerns", len(concerns)],
        ["Total section 42 enquiries", s42],
        ["Total other enquiries", len(commenced) - s42],
    ]
    _concluded_tables(result, first, last)
    _review_tables(result, first, last)
    return result


def _concluded_tables(result: Return, first: dt.date, last: dt.date) -> None:
    """SG2 to SG4 from the s.42 enquiries concluded in the year. The value lists are small and read once; each
    enquiry is read as the ids of its values (one row each, and one row for each of its types and sources of risk),
    so a year of some thousands of enquiries is counted without making a model object for each."""
    category = dict(SafeguardingValue.objects.values_list("pk", "sac_category"))
    code = dict(SafeguardingValue.objects.values_list("pk", "code"))
    concluded = Enquiry.objects.filter(
        kind=EnquiryKind.S42,
        status=EnquiryStatus.CLOSED,
        concluded_on__gte=first,
        concluded_on__lte=last,
        concern__happened_in_area=True,
    )
    rows = list(
        concluded.values_list(
            "pk", "location_id", "risk_assessment_outcome_id", "risk_outcome_id", "capacity_id", "msp_asked_id",
            "msp_achieved_id", "advocacy",
        )
    )  # fmt: skip
    risk_types: dict[int, set[str]] = defaultdict(set)
    for enquiry_id, value_id in Enquiry.risk_types.through.objects.filter(enquiry__in=concluded).values_list(
        "enquiry_id", "safeguardingvalue_id"
    ):
        if category.get(value_id):
            risk_types[enquiry_id].add(category[value_id])
    sources_of: dict[int, set[str]] = defaultdict(set)
    for enquiry_id, value_id in Enquiry.sources.through.objects.filter(enquiry__in=concluded).values_list(
        "enquiry_id", "safeguardingvalue_id"
    ):
        if category.get(value_id):
            sources_of[enquiry_id].add(category[value_id])
    types, locations, sources = (
        _categories(ValueList.RISK_TYPE),
        _categories(ValueList.LOCATION),
        _categories(ValueList.SOURCE),
    )
    by_source: Counter = Counter()
    location_source: Counter = Counter()
    type_location: Counter = Counter()
    for pk, location_id, *_rest in rows:
        kinds = sorted(risk_types[pk])
        froms = sorted(sources_of[pk])
        where = category.get(location_id, "") if location_id else ""
        for kind in kinds:
            for source in froms:
                by_source[(kind, source)] += 1
            if where:
                type_location[(kind, where)] += 1
        if where:
            for source in froms:
                location_source[(where, source)] += 1
    result.tables["SG2a"] = _grid(types, sources, by_source, "Type of risk")
    result.tables["SG2b"] = _grid(locations, sources, location_source, "Location of risk")
    result.tables["SG2a_b1"] = _grid(types, locations, type_location, "Type of risk")
    result.tables["SG2c"] = _count_table(
        "Risk assessment outcome",
        _categories(ValueList.RISK_ASSESSMENT_OUTCOME),
        (category[row[2]] for row in rows if row[2]),
    )
    result.tables["SG2e"] = _count_table(
        "Risk outcome",
        _categories(ValueList.RISK_OUTCOME),
        (category[row[3]] for row in rows if row[3] and category[row[3]]),
    )
    capacity = _count_table(
        "Lacked capacity",
        _categories(ValueList.CAPACITY),
        (category[row[4]] if row[4] else "Not recorded" for row in rows),
    )
    supported = sum(
        1
        for row in rows
        if row[4] is not None and code[row[4]] == "lacked" and row[7] in (Advocacy.ADVOCATE, Advocacy.FAMILY_OR_FRIEND)
    )
    capacity.append(["Of those who lacked capacity: support provided by an advocate, family or friend", supported])
    result.tables["SG3a"] = capacity
    asked = _count_table(
        "Making Safeguarding Personal",
        _categories(ValueList.MSP_ASKED),
        (category[row[5]] if row[5] else "Not recorded" for row in rows),
    )
    achieved = Counter(
        category[row[6]] for row in rows if row[5] is not None and code[row[5]] == "asked_expressed" and row[6]
    )
    for each in _categories(ValueList.MSP_ACHIEVED):
        asked.append([f"Of outcomes expressed: {each}", achieved[each]])
    result.tables["SG4a"] = asked


def _count_table(heading: str, categories: list[str], found: Iterable[str]) -> list[list[object]]:
    counts = Counter(found)
    table: list[list[object]] = [[heading, "Count"]]
    table += [[c, counts[c]] for c in categories]
    return table


def _review_tables(result: Return, first: dt.date, last: dt.date) -> None:
    reviews = list(SafeguardingAdultsReview.objects.filter(concluded_on__gte=first, concluded_on__lte=last))
    died = [r for r in reviews if r.individuals_died]
    totals: defaultdict[str, int] = defaultdict(int)
    for review in reviews:
        totals["died"] += review.individuals_died
        totals["survived"] += review.individuals_survived
    result.tables["SG5a"] = [
        ["Safeguarding Adults Reviews", "Count"],
        ["SARs where one or more individuals died", len(died)],
        ["SARs where no individuals died", len(reviews) - len(died)],
    ]
    result.tables["SG5b"] = [
        ["Individuals in SARs", "Count"],
        ["Individuals who suffered serious harm and died", totals["died"]],
        ["Individuals who suffered serious harm and survived", totals["survived"]],
    ]
