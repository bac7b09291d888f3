"""The data-quality check of a CLD submission: for each field of each row, whether it applies, whether it is
mandatory, and whether its value is valid.

Source: DHSC's published CLD analytical code, ``DataS-DHSC/ASC-CLD-LA-Dashboard``,
``Stored_procedures/create_GetDQValues_procedure.sql`` (the data-quality procedure behind DHSC's DQ assessment tool
and LA dashboard), which says of every field, for the row it is in:

a) *Applicable?* — whether the field applies to the row (method of assessment does not apply to a review);
b) *Mandatory?* — whether it must be filled in (employment status only for service users aged 18 to 64 whose
   primary support reason is learning disability support);

and scores each applicable value: *Passed: Valid*, *Passed: Blank (Not Mandatory)*, *Failed: Blank (Mandatory)*
or *Failed: Invalid*. Its validity checks are DHSC's own and not published; here a value is valid when it is in
its Release 2 list (:mod:`.cld_lists`, compared case by case, as AGEM's validator does), a date is a real date in
its order (an end not before its start, a birth not after the period), an NHS number passes its modulus 11 check
(NHS Data Dictionary), a postcode has the shape of one, and a cost is a number with at most two decimal places
(AGEM's validator casts unit cost and planned units to numeric(18,2)). The rule for Planned units per week is the
CLD Guidance's: "Required for services only where the unit cost occurs more frequently than weekly such as
hourly, daily, or per session."

The rules are written for Release 2 values: DHSC's "Service User%" is "Service user", "Carer%" is "Unpaid carer…",
"Long Term%" is "Long term support…", "Carer Support%" is "Unpaid carer support…", "Carer Respite" is
"Unpaid carer respite".
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ownway.people.rules.nhs_number import check_nhs_number
from ownway.people.rules.postcode import check_postcode

from .cld_lists import value_lists

Row = Mapping[str, str]

#: The columns of the extract, in order: the CLD field list (standards.md §1.3, the submission's field names).
COLUMNS: tuple[str, ...] = (
    "LA Code", "Reporting Period Start Date", "Reporting Period End Date",
    "NHS Number", "LA Person Unique Identifier", "First Name", "Last Name", "GP Practice Name", "GP Practice Code",
    "Gender", "Ethnicity", "Date of Birth", "Date of Death", "Client Type", "Primary Support Reason", "Postcode",
    "Accommodation Status", "Employment Status", "Has Unpaid Carer", "Autism Spectrum Disorder (ASD)",
    "Visual Impairment", "Hearing Impairment", "Dementia", "Client Funding Status",
    "Event Type", "Event Reference", "Event Start Date", "Event End Date", "Event Description", "Event Outcome",
    "Request: Route of Access",
    "Assessment Type", "Eligible Needs Identified", "Method of Assessment",
    "Total Hrs Caring per week", "No. of adults being cared for", "Adult 1 Linked Person ID",
    "Adult 2 Linked Person ID", "Adult 3 Linked Person ID",
    "Service Type", "Service Component", "Delivery Mechanism", "Provider CQC Location Name",
    "Provider CQC Location ID",
    "Review Reason", "Review Outcomes Achieved", "Method of Review",
    "Unit Cost", "Cost Frequency (Unit Type)", "Planned units per week",
)  # fmt: skip


class Result(enum.StrEnum):
    """DHSC's four test results."""

    VALID = "valid"
    BLANK = "blank"
    MISSING = "missing"
    INVALID = "invalid"

    @property
    def failed(self) -> bool:
        return self in (Result.MISSING, Result.INVALID)

    @property
    def label(self) -> str:
        return {
            Result.VALID: "Passed: valid",
            Result.BLANK: "Passed: blank (not mandatory)",
            Result.MISSING: "Failed: blank (mandatory)",
            Result.INVALID: "Failed: invalid",
        }[self]


# --- Conditions on the row (DHSC's CASE expressions) ----------------------------------------------------------


def _client(row: Row) -> str:
    return row.get("Client Type", "")


def _event(row: Row) -> str:
    return row.get("Event Type", "")


def _not_by_association(row: Row) -> bool:
    return _client(row) != "Unpaid carer known by association"


def _service_user(row: Row) -> bool:
    return _client(row) == "Service user"


def _carer(row: Row) -> bool:
    return _client(row).startswith("Unpaid carer")


def _event_is(kind: str) -> Callable[[Row], bool]:
    return lambda row: _not_by_association(row) and _event(row) == kind


def _financial(row: Row) -> bool:
    return row.get("Assessment Type", "") == "Financial assessment"


def _always(row: Row) -> bool:
    return True


def _never(row: Row) -> bool:
    return False


def _age_at(row: Row, day_field: str) -> int | None:
    born, day = _date(row.get("Date of Birth", "")), _date(row.get(day_field, ""))
    if born is None or day is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _employment_mandatory(row: Row) -> bool:
    age = _age_at(row, "Reporting Period End Date")
    return (
        _service_user(row)
        and age is not None
        and 18 <= age < 65
        and row.get("Primary Support Reason", "") == "Learning disability support"
    )


def _funding_mandatory(row: Row) -> bool:
    return _service_user(row) and (
        (_event(row) == "Assessment" and _financial(row)) or _event(row) in ("Service", "Review")
    )


def _end_mandatory(row: Row) -> bool:
    return (_not_by_association(row) and _event(row) != "Service") or bool(row.get("Date of Death", ""))


def _cost_mandatory(row: Row) -> bool:
    return (
        _event(row) == "Service"
        and row.get("Delivery Mechanism", "") != "CASSR commissioned support"
        and (
            row.get("Service Type", "").startswith("Long term support")
            or row.get("Service Component", "")
            in ("Short term residential care", "Short term nursing care", "Unpaid carer respite")
            or row.get("Service Type", "").startswith("Unpaid carer support")
        )
    )


_MORE_OFTEN_THAN_WEEKLY = ("Hourly", "Daily", "Per session")


def _units_mandatory(row: Row) -> bool:
    return _event(row) == "Service" and row.get("Cost Frequency (Unit Type)", "") in _MORE_OFTEN_THAN_WEEKLY


# --- Validity ------------------------------------------------------------------------------------------------


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _in_list(name: str) -> Callable[[str, Row], bool]:
    members = value_lists()[name].members
    return lambda value, row: value in members


def _a_date(value: str, row: Row) -> bool:
    return _date(value) is not None


def _birth(value: str, row: Row) -> bool:
    born, end = _date(value), _date(row.get("Reporting Period End Date", ""))
    return born is not None and (end is None or born <= end) and born.year >= 1900


def _death(value: str, row: Row) -> bool:
    died, born = _date(value), _date(row.get("Date of Birth", ""))
    return died is not None and (born is None or died >= born)


def _end(value: str, row: Row) -> bool:
    end, start = _date(value), _date(row.get("Event Start Date", ""))
    return end is not None and (start is None or end >= start)


def _period_end(value: str, row: Row) -> bool:
    end, start = _date(value), _date(row.get("Reporting Period Start Date", ""))
    return end is not None and (start is None or end >= start)


def _la_code(value: str, row: Row) -> bool:
    return re.fullmatch(r"[EW]\d{8}", value) is not None


def _nhs(value: str, row: Row) -> bool:
    return check_nhs_number(value).valid and value.isdigit()


def _postcode(value: str, row: Row) -> bool:
    return check_postcode(value).valid


def _text(limit: int) -> Callable[[str, Row], bool]:
    return lambda value, row: 0 < len(value) <= limit


def _number(low: Decimal, high: Decimal) -> Callable[[str, Row], bool]:
    def check(value: str, row: Row) -> bool:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return False
        exponent = number.as_tuple().exponent
        return number.is_finite() and isinstance(exponent, int) and exponent >= -2 and low <= number <= high

    return check


def _whole(low: int, high: int) -> Callable[[str, Row], bool]:
    return lambda value, row: value.isdigit() and low <= int(value) <= high


@dataclass(frozen=True)
class FieldRule:
    """One field: its module of the specification, when it applies, when it is mandatory, and when it is valid."""

    name: str
    module: str
    applicable: Callable[[Row], bool]
    mandatory: Callable[[Row], bool]
    valid: Callable[[str, Row], bool]

    def check(self, row: Row) -> Result | None:
        """The field's result in the row, or None where it does not apply."""
        if not self.applicable(row):
            return None
        value = row.get(self.name, "")
        if not value:
            return Result.MISSING if self.mandatory(row) else Result.BLANK
        return Result.VALID if self.valid(value, row) else Result.INVALID


_PERSON, _EVENTS = "Person details", "Events (all)"
_SERVICES = _event_is("Service")
_ASSESSMENTS = _event_is("Assessment")
_REVIEWS = _event_is("Review")
_REQUESTS = _event_is("Request")
_HUGE = Decimal("999999999999999.99")

#: Every field's rule, in the order of :data:`COLUMNS` (DHSC's GetDQValues, field by field).
RULES: tuple[FieldRule, ...] = (
    FieldRule("LA Code", "Submission information", _always, _always, _la_code),
    FieldRule("Reporting Period Start Date", "Submission information", _always, _always, _a_date),
    FieldRule("Reporting Period End Date", "Submission information", _always, _always, _period_end),
    FieldRule("NHS Number", _PERSON, _always, _always, _nhs),
    FieldRule("LA Person Unique Identifier", _PERSON, _always, _always, _text(50)),
    FieldRule("GP Practice Name", _PERSON, _always, _never, _text(200)),
    FieldRule("GP Practice Code", _PERSON, _always, _never, lambda v, r: re.fullmatch(r"[A-Z]\d{5}", v) is not None),
    FieldRule("Gender", _PERSON, _always, _always, _in_list("Gender")),
    FieldRule("Ethnicity", _PERSON, _always, _always, _in_list("Ethnicity")),
    FieldRule("Date of Birth", _PERSON, _always, _always, _birth),
    FieldRule("Date of Death", _PERSON, _always, _never, _death),
    FieldRule("Client Type", _PERSON, _always, _always, _in_list("Client Type")),
    FieldRule(
        "Primary Support Reason", _PERSON, _always, lambda r: _event(r) != "Request", _in_list("Primary Support Reason")
    ),
    FieldRule("Postcode", _PERSON, _always, _always, _postcode),
    FieldRule("Accommodation Status", _PERSON, _always, _always, _in_list("Accommodation Status")),
    FieldRule("Employment Status", _PERSON, _always, _employment_mandatory, _in_list("Employment Status")),
    FieldRule("Has Unpaid Carer", _PERSON, _always, _always, _in_list("Has Unpaid Carer")),
    FieldRule("Autism Spectrum Disorder (ASD)", _PERSON, _service_user, _never,
              _in_list("Autism Spectrum Disorder (ASD)")),
    FieldRule("Visual Impairment", _PERSON, _service_user, _never, _in_list("Visual Impairment")),
    FieldRule("Hearing Impairment", _PERSON, _service_user, _never, _in_list("Hearing Impairment")),
    FieldRule("Dementia", _PERSON, _service_user, _never, _in_list("Dementia")),
    FieldRule("Client Funding Status", _PERSON, _service_user, _funding_mandatory, _in_list("Client Funding Status")),
    FieldRule("Event Type", _EVENTS, _not_by_association, _not_by_association, _in_list("Event Type")),
    FieldRule("Event Reference", _EVENTS, _not_by_association, _never, _text(50)),
    FieldRule("Event Start Date", _EVENTS, _not_by_association, _not_by_association, _a_date),
    FieldRule("Event End Date", _EVENTS, _not_by_association, _end_mandatory, _end),
    FieldRule("Event Description", _EVENTS, _not_by_association, _never, _text(500)),
    FieldRule(
        "Event Outcome", _EVENTS, _not_by_association, lambda r: _not_by_association(r) and not _financial(r),
        _in_list("Event Outcome"),
    ),
    FieldRule("Request: Route of Access", "Events (requests only)", _REQUESTS, _REQUESTS,
              _in_list("Request: Route of Access")),
    FieldRule("Assessment Type", "Events (assessments only)", _ASSESSMENTS, _ASSESSMENTS, _in_list("Assessment Type")),
    FieldRule("Eligible Needs Identified", "Events (assessments only)", _ASSESSMENTS, _never,
              _in_list("Eligible Needs Identified")),
    FieldRule("Method of Assessment", "Events (assessments only)", _ASSESSMENTS,
              lambda r: _ASSESSMENTS(r) and not _financial(r), _in_list("Method of Assessment")),
    FieldRule("Total Hrs Caring per week", "Carers and linked service users", _carer, _never,
              _number(Decimal(0), Decimal(168))),
    FieldRule("No. of adults being cared for", "Carers and linked service users", _carer, _never, _whole(1, 99)),
    FieldRule("Adult 1 Linked Person ID", "Carers and linked service users", _carer, _never, _text(50)),
    FieldRule("Adult 2 Linked Person ID", "Carers and linked service users", _carer, _never, _text(50)),
    FieldRule("Adult 3 Linked Person ID", "Carers and linked service users", _carer, _never, _text(50)),
    FieldRule("Service Type", "Events (services only)", _SERVICES, _SERVICES, _in_list("Service Type")),
    FieldRule("Service Component", "Events (services only)", _SERVICES, _SERVICES, _in_list("Service Component")),
    FieldRule("Delivery Mechanism", "Events (services only)", _SERVICES, _never, _in_list("Delivery Mechanism")),
    FieldRule("Provider CQC Location Name", "Events (services only)", _SERVICES, _never, _text(200)),
    FieldRule("Provider CQC Location ID", "Events (services only)", _SERVICES, _never,
              lambda v, r: re.fullmatch(r"1-\d{9,11}", v) is not None),
    FieldRule("Review Reason", "Events (reviews only)", _REVIEWS, _REVIEWS, _in_list("Review Reason")),
    FieldRule("Review Outcomes Achieved", "Events (reviews only)", _REVIEWS,
              lambda r: _REVIEWS(r) and r.get("Review Reason", "") == "Planned", _in_list("Review Outcomes Achieved")),
    FieldRule("Method of Review", "Events (reviews only)", _REVIEWS, _REVIEWS, _in_list("Method of Review")),
    FieldRule("Unit Cost", "Costs (services only)", _SERVICES, _cost_mandatory, _number(Decimal(0), _HUGE)),
    FieldRule("Cost Frequency (Unit Type)", "Costs (services only)", _SERVICES, _cost_mandatory,
              _in_list("Cost Frequency (Unit Type)")),
    FieldRule("Planned units per week", "Costs (services only)", _SERVICES, _units_mandatory,
              _number(Decimal(0), Decimal(10000))),
)  # fmt: skip

#: The fields checked: every column except the person's names, which the specification carries but DHSC does not
#: score.
CHECKED = tuple(rule.name for rule in RULES)
RULE_BY_NAME = {rule.name: rule for rule in RULES}


def check_row(row: Row) -> list[tuple[str, Result]]:
    """Each applicable field of the row with its result."""
    results = []
    for rule in RULES:
        result = rule.check(row)
        if result is not None:
            results.append((rule.name, result))
    return results


@dataclass
class FieldScore:
    """How one field fared over a whole submission."""

    name: str
    module: str
    applicable: int = 0
    valid: int = 0
    blank: int = 0
    missing: int = 0
    invalid: int = 0

    @property
    def failed(self) -> int:
        return self.missing + self.invalid

    @property
    def passed(self) -> int:
        return self.valid + self.blank

    @property
    def score(self) -> Decimal | None:
        """The share of applicable values that passed, as a percentage to one place (None where none apply)."""
        if not self.applicable:
            return None
        return (Decimal(100) * self.passed / self.applicable).quantize(Decimal("0.1"))

    def add(self, result: Result) -> None:
        self.applicable += 1
        if result is Result.VALID:
            self.valid += 1
        elif result is Result.BLANK:
            self.blank += 1
        elif result is Result.MISSING:
            self.missing += 1
        else:
            self.invalid += 1


@dataclass
class Tally:
    """The scores of every field over the rows checked so far."""

    rows: int = 0
    fields: dict[str, FieldScore] = field(
        default_factory=lambda: {rule.name: FieldScore(rule.name, rule.module) for rule in RULES}
    )

    def add(self, results: Iterable[tuple[str, Result]]) -> None:
        self.rows += 1
        for name, result in results:
            self.fields[name].add(result)

    @property
    def failures(self) -> int:
        return sum(score.failed for score in self.fields.values())
