"""Reads of the data-quality checks for the pages: each check's scores, and the rows behind a field's failures
(with the people they name, for those allowed to see them; every page and file of named rows is audited)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from ownway.accounts.audit import audit_shown
from ownway.people.models import Person

from . import events
from .models import CldCheck, CldFailure
from .permissions import ReportingAction, policy, user_can
from .rules.cld_quality import RULE_BY_NAME, Result

if TYPE_CHECKING:
    from ownway.accounts.models import User


@dataclass(frozen=True)
class Score:
    name: str
    module: str
    applicable: int
    valid: int
    blank: int
    missing: int
    invalid: int

    @property
    def failed(self) -> int:
        return self.missing + self.invalid

    @property
    def score(self) -> Decimal | None:
        """The share of the values that apply which passed, as a percentage to one place."""
        if not self.applicable:
            return None
        return (Decimal(100) * (self.valid + self.blank) / self.applicable).quantize(Decimal("0.1"))


def cld_checks_for_user(*, user: User) -> QuerySet[CldCheck]:
    if not user_can(user, ReportingAction.CLD_SCORES):
        raise PermissionDenied("You cannot see the Client Level Data checks")
    return policy.visible(user).order_by("-finished_at", "-id")


def cld_check_for_user(*, user: User, check_id: int | None = None) -> CldCheck | None:
    """The check asked for, or the latest; None when there is none."""
    checks = cld_checks_for_user(user=user)
    if check_id is not None:
        return checks.filter(pk=check_id).first()
    return checks.first()


def cld_scores(check: CldCheck) -> list[Score]:
    return [Score(**{key: score[key] for key in Score.__dataclass_fields__}) for score in check.scores]


def cld_field_named(name: str) -> str | None:
    """A field of the check, as the address names it (None for anything else)."""
    return name if name in RULE_BY_NAME else None


@dataclass(frozen=True)
class FailedRow:
    row_number: int
    event_type: str
    event_reference: str
    person_reference: str
    person: Person | None
    result: str
    value: str


def cld_failures_for_user(*, user: User, check: CldCheck, field: str) -> QuerySet[CldFailure]:
    """The failures of one field of a check, in the extract's order (those allowed to see named rows only)."""
    if not user_can(user, ReportingAction.CLD_ROWS):
        raise PermissionDenied("You cannot see the rows of the Client Level Data extract")
    return CldFailure.objects.filter(check_run=check, field=field).order_by("row_number", "id")


def cld_failed_rows_shown(*, user: User, failures: list[CldFailure], download: bool = False) -> list[FailedRow]:
    """The rows behind a page (or a file) of failures, with the people they name, and the look on the trail."""
    references = {failure.person_reference for failure in failures if failure.person_reference}
    people = {p.reference: p for p in Person.objects.filter(reference__in=references)}
    rows = [
        FailedRow(
            row_number=failure.row_number, event_type=failure.event_type, event_reference=failure.event_reference,
            person_reference=failure.person_reference, person=people.get(failure.person_reference),
            result=Result(failure.result).label, value=failure.value,
        )
        for failure in failures
    ]  # fmt: skip
    action = events.CLD_FAILURES_DOWNLOADED if download else events.CLD_FAILURES_VIEWED
    field = failures[0].field if failures else ""
    audit_shown(
        actor=user,
        action=action,
        shown=[(row.person, row.person.pk) for row in rows if row.person is not None],
        new={"field": field},
    )
    return rows
