"""The Client Level Data (CLD) extract: one row for each event of the period, straight from the records.

CLD (NHS England; standards.md §1) records four kinds of event, each a row with the person's details:

* **Request** — "a contact is made requesting adult social care support": each contact at the front door that is
  linked to a person record and was closed in the period (requests count when they end in the period: DHSC-D
  ``Main_tables/docs/methodology/4-event-filtering.md``), with its route of access and how it ended. A contact
  never linked to a record has no LA person identifier, and DHSC drops rows without one (5-data-cleaning.md):
  it is left out.
* **Assessment** — each needs or carer's assessment completed in the period, and each of the Three Conversations
  held in the period. CLD Guidance (Release 1, Annex C, on the Three Conversations model): initial conversations
  are recorded as requests if they are the first contact, or as assessments if they are recorded separately.
  In Ownway the first contact is the contact itself (the Request); every conversation is recorded on its own, so
  each is an Assessment ("Short term assessment"), ending the day it was held, with the outcome of the contact
  when it has ended, else "Progress to assessment, review or reassessment".
* **Service** — every line of a personal budget, and every enablement episode, active at some time in the period
  (services count when they start by the period's end and end in it or after, or not at all: 4-event-filtering.md).
  An enablement episode is "Short term support: ST-Max" / "Reablement", commissioned by the council.
* **Review** — each review of a support plan held in the period, with its reason, method and sequel.

A person's event is one row: each record above gives exactly one row (the queries follow one record each, never a
join that could repeat it). The rows are read in chunks (``iterator(chunk_size=…)``) and written as they come, so
memory does not grow with the council.

Values are written in the Release 2 lists (:mod:`.rules.cld_lists`); where a record holds nothing the list can take,
the field is left blank and the data-quality check (:mod:`.rules.cld_quality`) reports it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ownway.assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    EligibilityDetermination,
    MethodOfAssessment,
)
from ownway.enablement.models import Episode, STS002aSequel
from ownway.frontdoor.models import Contact, ContactStatus, Conversation, EventOutcome
from ownway.people.models import CaringRelationship
from ownway.planning.models import BudgetLine, LineKind
from ownway.planning.rules.costs import Frequency
from ownway.reviews.models import OutcomeProgress, Review, ReviewStatus
from ownway.reviews.rules import CLD_REVIEW_REASON, ReviewDecision, ReviewReason, sequel

from .rules.cld_lists import (
    ACCOMMODATION_CODE_TO_R2,
    DELIVERY_MECHANISM_R1_TO_R2,
    EMPLOYMENT_CODE_TO_R2,
    EVENT_OUTCOME_R1_TO_R2,
    PSR_CODE_TO_R2,
    REVIEW_METHOD_TO_R2,
    REVIEW_REASON_R1_TO_R2,
    ROUTE_OF_ACCESS_TO_R2,
    SERVICE_COMPONENT_R1_TO_R2,
    SERVICE_TYPE_R1_TO_R2,
)
from .rules.cld_quality import COLUMNS

#: Rows read from the database at a time.
CHUNK = 2000

Row = dict[str, str]


@dataclass(frozen=True)
class Period:
    """The reporting period: a rolling twelve months, quarter by quarter (DHSC-D 3-submission-selection.md)."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("The period must end on or after the day it starts")
        if (self.end - self.start).days > 366:
            raise ValueError("The period can be at most a year (the CLD submission covers 12 months)")


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _money(value: Decimal | None) -> str:
    return f"{value.quantize(Decimal('0.01'))}" if value is not None else ""


_PERSON_FIELDS = (
    "reference", "first_name", "last_name", "nhs_number", "date_of_birth", "date_of_death", "postcode", "autism",
    "visual_impairment", "hearing_impairment", "dementia", "has_unpaid_carer", "gender__cld_r2",
    "ethnicity__cld_r2", "primary_support_reason__code", "accommodation_status__code", "employment_status__code",
)  # fmt: skip


def _person_related(prefix: str) -> list[str]:
    """What each row reads of its person, through the relation ``prefix``."""
    return [f"{prefix}__{name}" for name in _PERSON_FIELDS]


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


#: Has Unpaid Carer as the person's record holds it → Release 2. "Not known" is written "Unknown": the field is
#: mandatory for every row (DHSC-D ``Stored_procedures/create_GetDQValues_procedure.sql``), so a blank fails, and
#: DHSC's own cleaning keeps "Unknown" as a value of its own, apart from invalid and blank values
#: (``ASCOF_measures/Latest_Person_Details_2425_Onwards.sql``).
_HAS_UNPAID_CARER = {"yes": "Yes", "no": "No", "unknown": "Unknown"}


def _person_cells(values: dict[str, Any], prefix: str, period: Period, client_type: str) -> Row:
    get = lambda name: values[f"{prefix}__{name}"]  # noqa: E731
    carer = get("has_unpaid_carer")
    row = {
        "LA Code": settings.OWNWAY_LA_CODE,
        "Reporting Period Start Date": period.start.isoformat(),
        "Reporting Period End Date": period.end.isoformat(),
        "NHS Number": get("nhs_number") or "",
        "LA Person Unique Identifier": get("reference") or "",
        "First Name": get("first_name") or "",
        "Last Name": get("last_name") or "",
        "Gender": get("gender__cld_r2") or "",
        "Ethnicity": get("ethnicity__cld_r2") or "",
        "Date of Birth": _day(get("date_of_birth")),
        "Date of Death": _day(get("date_of_death")),
        "Client Type": client_type,
        "Primary Support Reason": PSR_CODE_TO_R2.get(get("primary_support_reason__code") or "", ""),
        "Postcode": get("postcode") or "",
        "Accommodation Status": ACCOMMODATION_CODE_TO_R2.get(get("accommodation_status__code") or "", ""),
        "Employment Status": EMPLOYMENT_CODE_TO_R2.get(get("employment_status__code") or "", ""),
        "Has Unpaid Carer": _HAS_UNPAID_CARER.get(carer, ""),
    }
    if client_type == "Service user":
        row["Autism Spectrum Disorder (ASD)"] = _yes_no(get("autism"))
        # Ownway records whether there is an impairment, not how severe it is.
        row["Visual Impairment"] = (
            "Visual impairment - severity unknown" if get("visual_impairment") else "No visual impairment"
        )
        row["Hearing Impairment"] = (
            "Hearing impairment: Severity unknown" if get("hearing_impairment") else "No hearing impairment"
        )
        row["Dementia"] = _yes_no(get("dementia"))
    return row


class _Carers:
    """The people each carer cares for (for the carer fields of their rows), read once for the whole extract:
    one entry a carer, so it grows with the council's carers, not with its events."""

    def __init__(self, period: Period) -> None:
        self.cared_for: dict[int, list[str]] = defaultdict(list)
        self.hours: dict[int, Decimal] = defaultdict(Decimal)
        active = CaringRelationship.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        for carer_id, reference, hours in active.order_by("carer_id", "id").values_list(
            "carer_id", "cared_for__reference", "hours_per_week"
        ):
            self.cared_for[carer_id].append(reference)
            self.hours[carer_id] += hours or 0

    def cells(self, person_id: int) -> Row:
        linked = self.cared_for.get(person_id, [])
        row = {"No. of adults being cared for": str(len(linked)) if linked else ""}
        hours = self.hours.get(person_id)
        if hours:
            row["Total Hrs Caring per week"] = f"{min(hours, Decimal(168)).normalize():f}"
        for number, reference in enumerate(linked[:3], start=1):
            row[f"Adult {number} Linked Person ID"] = reference
        return row


def _complete(row: Row) -> Row:
    return {column: row.get(column, "") for column in COLUMNS}


# --- Requests ------------------------------------------------------------------------------------------------


def _requests(period: Period) -> Iterator[Row]:
    contacts = Contact.objects.filter(
        person__isnull=False,
        status=ContactStatus.CLOSED,
        closed_at__date__gte=period.start,
        closed_at__date__lte=period.end,
    ).order_by("id")
    for values in contacts.values("id", "reference", "received_at", "closed_at", "route_of_access", "outcome",
                                  *_person_related("person")).iterator(chunk_size=CHUNK):  # fmt: skip
        row = _person_cells(values, "person", period, "Service user")
        row.update({
            "Event Type": "Request",
            "Event Reference": f"REQ-{values['reference'] or values['id']}",
            "Event Start Date": _day(_local_day(values["received_at"])),
            "Event End Date": _day(_local_day(values["closed_at"])),
            "Event Outcome": EventOutcome(values["outcome"]).label if values["outcome"] else "",
            "Request: Route of Access": ROUTE_OF_ACCESS_TO_R2.get(values["route_of_access"], ""),
        })  # fmt: skip
        yield row


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


# --- Assessments ---------------------------------------------------------------------------------------------


def _assessments(period: Period, carers: _Carers) -> Iterator[Row]:
    assessments = Assessment.objects.filter(
        status=AssessmentStatus.COMPLETED, completed_on__gte=period.start, completed_on__lte=period.end
    ).order_by("id")
    fields = ("id", "person_id", "kind", "started_on", "completed_on", "method", *_person_related("person"))
    for chunk in _chunks(assessments.values(*fields).iterator(chunk_size=CHUNK)):
        # The latest eligibility decision of each assessment in the chunk, in one query.
        decided: dict[int, bool] = {}
        for assessment_id, decision in (
            EligibilityDetermination.objects.filter(assessment_id__in=[v["id"] for v in chunk])
            .order_by("assessment_id", "decided_at", "id")
            .values_list("assessment_id", "eligible")
        ):
            decided[assessment_id] = decision
        for values in chunk:
            carer = values["kind"] == AssessmentKind.CARER
            client = "Unpaid carer" if carer else "Service user"
            row = _person_cells(values, "person", period, client)
            if carer:
                row.update(carers.cells(values["person_id"]))
            eligible = decided.get(values["id"])
            row.update({
                "Event Type": "Assessment",
                "Event Reference": f"ASM-{values['id']}",
                "Event Start Date": _day(values["started_on"]),
                "Event End Date": _day(values["completed_on"]),
                # Eligible needs lead to support planning; none, to information and advice (Care Act s.13(5)).
                "Event Outcome": (
                    "NFA: Other" if eligible is None
                    else "Progress to support planning or services" if eligible
                    else "NFA: Information and advice or signposting"
                ),
                "Assessment Type": "Unpaid carer assessment" if carer else "Long term assessment",
                "Eligible Needs Identified": "" if eligible is None else _yes_no(eligible),
                "Method of Assessment": _method(values["method"]),
            })  # fmt: skip
            yield row


def _method(code: str) -> str:
    """Method of Assessment as Release 2 writes it (the labels of :class:`MethodOfAssessment`); blank when the
    record predates the question, for the data-quality check to report."""
    return MethodOfAssessment(code).label if code in MethodOfAssessment.values else ""


def _conversations(period: Period) -> Iterator[Row]:
    conversations = Conversation.objects.filter(
        contact__person__isnull=False, held_on__gte=period.start, held_on__lte=period.end
    ).order_by("id")
    fields = ("id", "held_on", "method", "contact__status", "contact__outcome", *_person_related("contact__person"))
    for values in conversations.values(*fields).iterator(chunk_size=CHUNK):
        row = _person_cells(values, "contact__person", period, "Service user")
        ended = values["contact__status"] == ContactStatus.CLOSED and values["contact__outcome"]
        row.update({
            "Event Type": "Assessment",
            "Event Reference": f"CNV-{values['id']}",
            "Event Start Date": _day(values["held_on"]),
            "Event End Date": _day(values["held_on"]),
            "Event Outcome": (
                EventOutcome(values["contact__outcome"]).label if ended
                else "Progress to assessment, review or reassessment"
            ),
            "Assessment Type": "Short term assessment",
            "Method of Assessment": _method(values["method"]),
        })  # fmt: skip
        yield row


# --- Services ------------------------------------------------------------------------------------------------

#: When a plan line does not say its CLD service type and component, what its kind of support reports as:
#: equipment is "Ongoing low level" support (SALT: "all equipment and adaptations count as Ongoing Low Level
#: Support", standards.md §2); everything else a plan pays for is long-term support in the community.
_LINE_DEFAULTS: dict[str, tuple[str, str]] = {
    LineKind.SERVICE: ("Long term support: Community", "Other long term support"),
    LineKind.PA_HOURS: ("Long term support: Community", "Home support or domiciliary care"),
    LineKind.DAY_OPPORTUNITY: ("Long term support: Community", "Day support"),
    LineKind.EQUIPMENT: ("Short term support: Ongoing low level", "Equipment"),
    LineKind.ONE_OFF: ("Long term support: Community", "Other long term support"),
    LineKind.UNPAID: ("Long term support: Community", "Other long term support"),
}

#: A unit of a plan line that is a unit of time or a session, as CLD's cost frequency names it.
_UNIT_FREQUENCY = {"hour": "Hourly", "hours": "Hourly", "day": "Daily", "days": "Daily", "session": "Per session",
                   "sessions": "Per session"}  # fmt: skip
_FREQUENCY = {
    Frequency.WEEKLY: "Weekly", Frequency.FORTNIGHTLY: "Fortnightly", Frequency.FOUR_WEEKLY: "4-weekly",
    Frequency.MONTHLY: "Monthly", Frequency.YEARLY: "Annually", Frequency.ONE_OFF: "One-off",
}  # fmt: skip
_PER_WEEK = {
    Frequency.WEEKLY: Decimal(1), Frequency.FORTNIGHTLY: Decimal("0.5"), Frequency.FOUR_WEEKLY: Decimal("0.25"),
    Frequency.MONTHLY: Decimal(12) / 52, Frequency.YEARLY: Decimal(1) / 52, Frequency.ONE_OFF: Decimal(0),
}  # fmt: skip


def cost_cells(*, unit: str, unit_cost: Decimal, units: Decimal, frequency: str, weekly_cost: Decimal) -> Row:
    """Unit Cost, Cost Frequency and Planned units per week of a plan line.

    A line priced by the hour, day or session reports that unit's cost and how many fall in a week (CLD Guidance:
    planned units per week are "required for services only where the unit cost occurs more frequently than weekly
    such as hourly, daily, or per session"); any other is the cost of each payment at its frequency (DHSC-D
    ``6.Costs_fact.sql`` turns weekly, fortnightly, 4-weekly, monthly, quarterly and annual costs back to a week).
    A line with no cost is "No charge to client".

    >>> cost_cells(unit="hour", unit_cost=Decimal("19.50"), units=Decimal(6), frequency="fortnightly",
    ...            weekly_cost=Decimal("58.50"))
    {'Unit Cost': '19.50', 'Cost Frequency (Unit Type)': 'Hourly', 'Planned units per week': '3.00'}
    >>> cost_cells(unit="month", unit_cost=Decimal(26), units=Decimal(1), frequency="monthly", weekly_cost=Decimal(6))
    {'Unit Cost': '26.00', 'Cost Frequency (Unit Type)': 'Monthly', 'Planned units per week': ''}
    """
    if not unit_cost and not weekly_cost:
        return {"Unit Cost": "0.00", "Cost Frequency (Unit Type)": "No charge to client", "Planned units per week": ""}
    named = _UNIT_FREQUENCY.get(unit.strip().lower())
    how_often = Frequency(frequency) if frequency in {f.value for f in Frequency} else Frequency.WEEKLY
    if named:
        per_week = units * _PER_WEEK[how_often]
        return {"Unit Cost": _money(unit_cost), "Cost Frequency (Unit Type)": named,
                "Planned units per week": _money(per_week)}  # fmt: skip
    return {"Unit Cost": _money(unit_cost * units), "Cost Frequency (Unit Type)": _FREQUENCY[how_often],
            "Planned units per week": ""}  # fmt: skip


def _funding(contribution: Decimal | None, council: Decimal | None) -> str:
    """Client Funding Status from a personal budget's split (DHSC-D Create_personal_details_table.sql's list)."""
    if contribution is None or council is None:
        return "Unknown"
    if not contribution:
        return "Fully social care funded"
    if not council:
        return "Fully client funded"
    return "Joint client and social care funded"


def _budget_lines(period: Period, carers: _Carers) -> Iterator[Row]:
    lines = (
        BudgetLine.objects.filter(
            budget__starts_on__lte=period.end,
        )
        .filter(Q(budget__ends_on__isnull=True) | Q(budget__ends_on__gte=period.start))
        .order_by("id")
    )
    fields = (
        "id", "budget__person_id", "budget__starts_on", "budget__ends_on", "budget__end_reason",
        "budget__contribution_weekly", "budget__council_weekly", "budget__version__plan__assessment__kind",
        "delivery_mechanism", "weekly_cost", "plan_line__kind", "plan_line__service_type",
        "plan_line__service_component", "plan_line__unit", "plan_line__unit_cost", "plan_line__units",
        "plan_line__frequency", "plan_line__provider_name", *_person_related("budget__person"),
    )  # fmt: skip
    for values in lines.values(*fields).iterator(chunk_size=CHUNK):
        carer = values["budget__version__plan__assessment__kind"] == AssessmentKind.CARER
        client = "Unpaid carer" if carer else "Service user"
        row = _person_cells(values, "budget__person", period, client)
        if carer:
            row.update(carers.cells(values["budget__person_id"]))
            default = ("Unpaid carer support: Direct to unpaid carer", "Other unpaid carer support")
        else:
            default = _LINE_DEFAULTS.get(values["plan_line__kind"], _LINE_DEFAULTS[LineKind.SERVICE])
        service_type = SERVICE_TYPE_R1_TO_R2.get(values["plan_line__service_type"], default[0])
        component = SERVICE_COMPONENT_R1_TO_R2.get(values["plan_line__service_component"], default[1])
        ended = values["budget__ends_on"]
        died = values["budget__person__date_of_death"]
        row.update({
            "Event Type": "Service",
            "Event Reference": f"SVC-{values['id']}",
            "Event Start Date": _day(values["budget__starts_on"]),
            "Event End Date": _day(ended),
            "Event Outcome": (
                "Continuation of support or services" if ended is None or ended > period.end
                else "NFA: Deceased" if died is not None and died <= ended
                # A budget replaced by the plan's next version ends with no reason: the support goes on in it.
                else "NFA: Support ended for other reason" if values["budget__end_reason"]
                else "Continuation of support or services"
            ),
            "Client Funding Status": (
                _funding(values["budget__contribution_weekly"], values["budget__council_weekly"]) if not carer else ""
            ),
            "Service Type": service_type,
            "Service Component": component,
            "Delivery Mechanism": DELIVERY_MECHANISM_R1_TO_R2.get(values["delivery_mechanism"], ""),
            "Provider CQC Location Name": (values["plan_line__provider_name"] or "")[:200],
        })  # fmt: skip
        row.update(
            cost_cells(
                unit=values["plan_line__unit"] or "",
                unit_cost=values["plan_line__unit_cost"] or Decimal(0),
                units=values["plan_line__units"] or Decimal(0),
                frequency=values["plan_line__frequency"] or "weekly",
                weekly_cost=values["weekly_cost"] or Decimal(0),
            )
        )
        yield row


#: What followed an enablement episode (SALT STS002a, ownway.enablement) as the CLD Event Outcome of the service.
EPISODE_OUTCOME = {
    STS002aSequel.EARLY_CESSATION_NHS_EOL_DECEASED: "NFA: Support ended for other reason",
    STS002aSequel.EARLY_CESSATION_NOT_LTS: "NFA: Support ended for other reason",
    STS002aSequel.EARLY_CESSATION_LTS: "Progress to support planning or services",
    STS002aSequel.LONG_TERM_SUPPORT: "Progress to support planning or services",
    STS002aSequel.SELF_FUNDING: "NFA: Self-funded client or under 12wk disregard",
    STS002aSequel.ONGOING_LOW_LEVEL: "Progress to support planning or services",
    STS002aSequel.SHORT_TERM_OTHER: "Progress to support planning or services",
    STS002aSequel.DECLINED: "NFA: Support declined",
    STS002aSequel.UNIVERSAL_SIGNPOSTED: "NFA: Information and advice or signposting",
    STS002aSequel.NO_SERVICES_OTHER: "NFA: Support ended as planned",
}


def _episodes(period: Period) -> Iterator[Row]:
    episodes = (
        Episode.objects.filter(start_date__lte=period.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        .order_by("id")
    )
    fields = ("id", "start_date", "ended_on", "outcome", *_person_related("person"))
    for values in episodes.values(*fields).iterator(chunk_size=CHUNK):
        row = _person_cells(values, "person", period, "Service user")
        ended = values["ended_on"]
        open_then = ended is None or ended > period.end
        row.update({
            "Event Type": "Service",
            "Event Reference": f"ENB-{values['id']}",
            "Event Start Date": _day(values["start_date"]),
            "Event End Date": _day(ended),
            "Event Outcome": (
                "Continuation of support or services" if open_then
                else EPISODE_OUTCOME.get(values["outcome"], "NFA: Support ended as planned")
            ),
            # Enablement is free for up to six weeks (Care and Support (Charging and Assessment of Resources)
            # Regulations 2014, reg. 3(2)(a)): the council pays all of it.
            "Client Funding Status": "Fully social care funded",
            "Service Type": "Short term support: ST-Max",
            "Service Component": "Reablement",
            "Delivery Mechanism": "CASSR commissioned support",
        })  # fmt: skip
        yield row


# --- Reviews -------------------------------------------------------------------------------------------------


def _outcomes_achieved(progress: list[str]) -> str:
    """How far the plan's outcomes were achieved, from the review's grading of each (ownway.reviews)."""
    graded = [p for p in progress if p != "not_wanted"]
    if not graded:
        return ""
    if all(p == "achieved" for p in graded):
        return "Outcomes fully achieved"
    if any(p in ("achieved", "partly") for p in graded):
        return "Outcomes partially achieved"
    return "Outcomes not achieved"


def _review_start(values: dict[str, Any]) -> dt.date:
    """When a review began: the first of when it was asked for (or scheduled), when it opened on the worklist and
    when it was held (a review recorded after it was held began no later than that day)."""
    days = [values["held_on"], values["opens_on"], _local_day(values["created_at"])]
    return min(day for day in days if day is not None)


_REASONS = {reason.value for reason in ReviewReason}
_DECISIONS = {decision.value for decision in ReviewDecision}


def _reviews(period: Period, carers: _Carers) -> Iterator[Row]:
    reviews = Review.objects.filter(
        status=ReviewStatus.DONE, held_on__gte=period.start, held_on__lte=period.end
    ).order_by("id")
    fields = (
        "id", "person_id", "reason", "held_on", "opens_on", "created_at", "method", "decision",
        "sequel__cld_event_outcome", "plan__assessment__kind", "version__budget__contribution_weekly",
        "version__budget__council_weekly",
        *_person_related("person"),
    )  # fmt: skip
    for chunk in _chunks(reviews.values(*fields).iterator(chunk_size=CHUNK)):
        progress: dict[int, list[str]] = defaultdict(list)
        for review_id, grade in OutcomeProgress.objects.filter(review_id__in=[v["id"] for v in chunk]).values_list(
            "review_id", "progress"
        ):
            progress[review_id].append(grade)
        for values in chunk:
            carer = values["plan__assessment__kind"] == AssessmentKind.CARER
            client = "Unpaid carer" if carer else "Service user"
            row = _person_cells(values, "person", period, client)
            if carer:
                row.update(carers.cells(values["person_id"]))
            reason_r1 = CLD_REVIEW_REASON[ReviewReason(values["reason"])] if values["reason"] in _REASONS else ""
            outcome_r1 = values["sequel__cld_event_outcome"] or (
                sequel(ReviewDecision(values["decision"])) if values["decision"] in _DECISIONS else ""
            )
            row.update({
                "Event Type": "Review",
                "Event Reference": f"REV-{values['id']}",
                "Event Start Date": _day(_review_start(values)),
                "Event End Date": _day(values["held_on"]),
                "Event Outcome": EVENT_OUTCOME_R1_TO_R2.get(outcome_r1, ""),
                "Client Funding Status": (
                    _funding(values["version__budget__contribution_weekly"], values["version__budget__council_weekly"])
                    if not carer else ""
                ),
                "Review Reason": REVIEW_REASON_R1_TO_R2.get(reason_r1, ""),
                "Review Outcomes Achieved": _outcomes_achieved(progress.get(values["id"], [])),
                "Method of Review": REVIEW_METHOD_TO_R2.get(values["method"], ""),
            })  # fmt: skip
            yield row


def _chunks(values: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in values:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def cld_rows(period: Period) -> Iterator[Row]:
    """Every row of the extract for the period, each with every column (:data:`~.rules.cld_quality.COLUMNS`),
    requests first, then assessments, services and reviews, each in the order its records were made."""
    carers = _Carers(period)
    for source in (
        _requests(period),
        _assessments(period, carers),
        _conversations(period),
        _budget_lines(period, carers),
        _episodes(period),
        _reviews(period, carers),
    ):
        for row in source:
            yield _complete(row)
