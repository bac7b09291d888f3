"""Safeguarding Adults Reviews: recording the case, whether the s.44 criteria are met, and the findings.

Care Act 2014 s.44 (https://www.legislation.gov.uk/ukpga/2014/23/section/44):

* s.44(1): the Safeguarding Adults Board **must** arrange a review of a case of an adult in its area with needs
  for care and support if (a) there is reasonable cause for concern about how the board, its members or others
  with relevant functions worked together to safeguard the adult, and (b) condition 1 or 2 is met;
* s.44(2), condition 1: the adult has died, and the board knows or suspects that the death resulted from abuse or
  neglect; s.44(3), condition 2: the adult is alive, and the board knows or suspects serious abuse or neglect;
* s.44(4): the board **may** arrange a review of any other such case.

The reviews concluded in a year are counted in the Safeguarding Adults Collection (SG5a, SG5b:
``ownway.safeguarding.sac``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.events import register
from ownway.accounts.models import User
from ownway.people.models import Person

from .models import Concern, SafeguardingAdultsReview
from .selectors import concerns_by_references

SAR_RECORDED = register("safeguarding.sar_recorded", "Recorded a Safeguarding Adults Review")
SAR_VIEWED = register("safeguarding.sar_viewed", "Looked at a Safeguarding Adults Review")

Basis = SafeguardingAdultsReview.Basis
Condition = SafeguardingAdultsReview.Condition

#: At most this many concerns linked to one review, and individuals counted in it.
MAX_CONCERNS = 50
MAX_INDIVIDUALS = 500


def sar_basis(*, agencies_concern: bool, condition: str) -> str:
    """Whether the board must review the case (s.44(1): concern about how agencies worked together, and condition
    1 or 2, s.44(2)–(3)) or may (s.44(4), any other case). Care Act 2014 s.44."""
    if agencies_concern and condition in (Condition.DIED, Condition.SERIOUS):
        return Basis.MUST
    return Basis.MAY


@dataclass
class SarData:
    title: str
    started_on: dt.date
    agencies_concern: bool = False
    condition: str = Condition.NEITHER
    criteria_reasons: str = ""
    case_summary: str = ""
    person_reference: str = ""
    concern_references: list[str] = field(default_factory=list)
    referred_on: dt.date | None = None
    concluded_on: dt.date | None = None
    individuals_died: int = 0
    individuals_survived: int = 0
    findings_published_on: dt.date | None = None
    findings_link: str = ""
    findings_summary: str = ""


def sar_problems(data: SarData) -> dict[str, str]:
    """What is wrong with a review's record, field by field, in plain words (empty when it may be saved)."""
    problems: dict[str, str] = {}
    today = timezone.localdate()
    if not data.title.strip():
        problems["title"] = "Give the review a title"
    if data.condition not in Condition.values:
        problems["condition"] = "Select which condition of s.44 applies, or neither"
    if not data.criteria_reasons.strip():
        problems["criteria_reasons"] = "Say why the criteria for a review are met, or why the board chose to review"
    if data.referred_on and data.referred_on > data.started_on:
        problems["referred_on"] = "The case was referred to the board before the review started"
    if data.started_on > today:
        problems["started_on"] = "The review's start must be today or in the past"
    if data.concluded_on:
        if data.concluded_on < data.started_on:
            problems["concluded_on"] = "The review concluded on or after the day it started"
        elif data.concluded_on > today:
            problems["concluded_on"] = "The review's conclusion must be today or in the past"
    if data.findings_published_on:
        if not data.concluded_on:
            problems["findings_published_on"] = "Findings are published once the review has concluded: give that date"
        elif data.findings_published_on < data.concluded_on:
            problems["findings_published_on"] = "The findings were published on or after the review concluded"
        elif data.findings_published_on > today:
            problems["findings_published_on"] = "The findings' publication must be today or in the past"
    if data.findings_link:
        try:
            URLValidator(schemes=["https", "http"])(data.findings_link)
        except ValidationError:
            problems["findings_link"] = "Give the web address where the findings are published, like https://…"
    counts = {"individuals_died": data.individuals_died, "individuals_survived": data.individuals_survived}
    for name, number in counts.items():
        if not 0 <= number <= MAX_INDIVIDUALS:
            problems[name] = f"Give a number from 0 to {MAX_INDIVIDUALS}"
    if data.condition == Condition.DIED and data.individuals_died < 1:
        problems["individuals_died"] = "The adult died (s.44(2)): count them among the individuals who died"
    if len(data.concern_references) > MAX_CONCERNS:
        problems["concern_references"] = f"Link at most {MAX_CONCERNS} concerns"
    return problems


def _linked(data: SarData) -> tuple[Person | None, list[Concern]]:
    problems: dict[str, str] = {}
    person = None
    if data.person_reference.strip():
        person = Person.objects.filter(reference=data.person_reference.strip()).first()
        if person is None:
            problems["person_reference"] = f"No person has the reference {data.person_reference.strip()[:20]}"
    concerns, missing = concerns_by_references(data.concern_references)
    if missing:
        problems["concern_references"] = f"No concern has the reference {', '.join(m[:12] for m in missing[:5])}"
    if problems:
        raise ValidationError(problems)
    return person, concerns


def sar_save(*, actor: User, data: SarData, review: SafeguardingAdultsReview | None = None) -> SafeguardingAdultsReview:
    """Record a new review, or change one, refused field by field with a clear message (:func:`sar_problems`).
    The basis (must or may review) follows from the criteria (:func:`sar_basis`)."""
    problems = sar_problems(data)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        person, concerns = _linked(data)
        record = review or SafeguardingAdultsReview(recorded_by=actor)
        if review is not None:
            record = SafeguardingAdultsReview.objects.select_for_update().get(pk=review.pk)
        record.title = data.title.strip()[:200]
        record.basis = sar_basis(agencies_concern=data.agencies_concern, condition=data.condition)
        record.agencies_concern = data.agencies_concern
        record.condition = data.condition
        record.criteria_reasons = data.criteria_reasons.strip()
        record.case_summary = data.case_summary.strip()
        record.person = person
        record.referred_on = data.referred_on
        record.started_on = data.started_on
        record.concluded_on = data.concluded_on
        record.individuals_died = data.individuals_died
        record.individuals_survived = data.individuals_survived
        record.findings_published_on = data.findings_published_on
        record.findings_link = data.findings_link.strip()
        record.findings_summary = data.findings_summary.strip()
        record.save()
        record.concerns.set(concerns)
        audit_record(
            actor=actor,
            action=SAR_RECORDED,
            subject=record,
            person=person,
            new={"basis": record.basis, "concluded_on": str(data.concluded_on or "")},
        )
    return record
