"""Writing charging figures, financial assessments and the yearly uprating: one transaction each, audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import DecimalField, Field, JSONField
from django.utils import timezone

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.roles import Role
from ownway.core.money import pounds
from ownway.core.versioning import version_claim
from ownway.core.workflow import transition
from ownway.people.models import Person
from ownway.people.permissions import PersonAction
from ownway.people.permissions import user_can_for as person_user_can_for

from . import events
from .followers import ContributionChange, change_of, contribution_changed, contribution_source
from .letters import contribution_letter_send
from .models import (
    SOURCE_LENGTH,
    AssessmentReason,
    AssessmentStatus,
    ChargingFigureCheck,
    ChargingRuleSet,
    CostOfCare,
    CostOfCareStatus,
    FigureCheckKind,
    FinancialAssessment,
)
from .permissions import ChargingAction, user_can, user_can_for
from .rules.contribution import (
    Circumstances,
    CircumstancesError,
    Contribution,
    RuleSetIncomplete,
    assess,
    circumstances_from_data,
    circumstances_to_data,
    steps_to_data,
)
from .rules.rulesets import (
    RuleSet,
    RuleSetError,
    figure_fields,
    figure_label,
    is_council_choice,
    new_year_from,
    year_starting,
)
from .selectors import NoRuleSet, RuleSetUnreadable, cost_of_care_latest, rule_set_for, rule_set_for_charge, rules_of

UPRATE_BATCH = 2000


def _check_finance(actor: User | None, action: ChargingAction) -> None:
    if actor is not None and not user_can(actor, action):
        raise PermissionDenied("Only the finance team does this")


def _check_year(year: str, starts_on: dt.date) -> None:
    try:
        first = year_starting(year)
    except ValueError as error:
        raise ValidationError({"year": [str(error)]}) from error
    if starts_on.year != first:
        raise ValidationError({"starts_on": [f"The figures for {year} must start in {first}"]})


#: Names a year's figures in the refusal of a change made after someone else's.
RULE_SET = "set of charging figures"
_NOT_FIGURES = ("year", "unconfirmed", "sources")


def _confirmations(confirm: Mapping[str, str]) -> dict[str, str]:
    """The sources the council checked, by figure, each a figure from the law (not a council's choice) with a
    source of at most 300 characters; anything else is refused by the figure's name."""
    names = {f.name for f in figure_fields()}
    sources: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    for name, source in confirm.items():
        text = " ".join(str(source).split())
        if name not in names:
            problems[name] = [f"No figure is called {name}"]
        elif is_council_choice(name):
            problems[name] = [f"{figure_label(name)} is the council's own choice: there is no source to confirm "
                              "it against. Change it if the council's policy is different"]  # fmt: skip
        elif not text:
            problems[name] = [f"Say where you checked {_lower_first(figure_label(name))}"]
        elif len(text) > SOURCE_LENGTH:
            problems[name] = [f"Where you checked {_lower_first(figure_label(name))} must be {SOURCE_LENGTH} "
                              "characters or fewer"]  # fmt: skip
        else:
            sources[name] = text
    if problems:
        raise ValidationError(problems)
    return sources


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def charging_rule_set_save(
    *,
    actor: User | None,
    year: str,
    starts_on: dt.date,
    figures: Mapping[str, Any],
    confirm: Mapping[str, str] | None = None,
    expected_version: int | None = None,
) -> ChargingRuleSet:
    """Add a year's figures, change some of them, or confirm some as they stand: the one place a year's figures
    are written (the figures pages, ``manage.py charging_rules``, the data the software ships with).

    ``figures`` maps each figure to set to its new value, read by its kind (an amount, a number of weeks, an age
    or a yes-or-no choice); one that cannot be read is refused by name and nothing is saved. ``confirm`` maps
    figures to the source the council checked them against (like "LAC(DHSC)(2026)1, annex, table 2"): a figure
    in it that is not being set is confirmed as it stands. A figure set or confirmed loses its "not confirmed"
    mark and takes that source (a figure set with none counts as "set by the council"), and each is recorded
    with who checked it and when (:class:`ChargingFigureCheck`). A figure with no value cannot be confirmed, nor
    can the council's own choices, which have no source.

    A whole year's data, with its own ``unconfirmed`` and ``sources`` (a new year copied from the last one), is
    kept with the marks it has.

    Given the ``expected_version`` a page showed, a change made after someone else's is refused with
    :class:`~ownway.core.versioning.StaleEdit`. Once saved, each contribution under these figures held back by
    a figure not confirmed is worked out again (:func:`_rework_held`): one that now uses only confirmed figures
    is sent to the person. All in one transaction, audited.
    """
    _check_finance(actor, ChargingAction.MANAGE_RULES)
    _check_year(year, starts_on)
    sources_checked = _confirmations(confirm or {})
    whole = "unconfirmed" in figures or "sources" in figures
    with transaction.atomic():
        record = ChargingRuleSet.objects.select_for_update().filter(year=year).first()
        if record is not None:
            version_claim(record, expected_version=expected_version, what=RULE_SET)
        old = dict(record.figures) if record else {"year": year}
        merged = {**old, **figures, "year": year}
        unconfirmed = dict(merged.get("unconfirmed", {}))
        sources = dict(merged.get("sources", {}))
        checked = [name for name in figures if name not in _NOT_FIGURES] if not whole else []
        checked += [name for name in sources_checked if name not in checked]
        for name in checked:
            unconfirmed.pop(name, None)
            sources[name] = sources_checked.get(name, "set by the council")
        merged["unconfirmed"] = figures.get("unconfirmed", unconfirmed) if whole else unconfirmed
        merged["sources"] = figures.get("sources", sources) if whole else sources
        try:
            rules = RuleSet.from_data(merged)
        except RuleSetError as error:
            raise ValidationError({name: [message] for name, message in error.problems.items()}) from error
        problems = {
            name: [f"Enter {_lower_first(figure_label(name))} before confirming it: it is not set"]
            for name in sources_checked
            if getattr(rules, name, None) is None
        }
        if problems:
            raise ValidationError(problems)
        if rules.lower_capital_limit >= rules.upper_capital_limit:
            raise ValidationError({"upper_capital_limit": ["The upper capital limit must be above the lower limit"]})
        data = rules.to_data()
        if record is None:
            record = ChargingRuleSet.objects.create(year=year, starts_on=starts_on, figures=data, updated_by=actor)
        else:
            record.figures, record.starts_on, record.updated_by = data, starts_on, actor
            record.save()
        now = timezone.now()
        ChargingFigureCheck.objects.bulk_create(
            ChargingFigureCheck(
                rule_set=record, figure=name, value=data[name], source=data["sources"][name], checked_by=actor,
                checked_at=now, kind=FigureCheckKind.SET if name in figures else FigureCheckKind.CONFIRMED,
            )
            for name in checked
        )  # fmt: skip
        changed = {k: data.get(k) for k in data if old.get(k) != data.get(k) and k != "unconfirmed"}
        new = dict(changed)
        if sources_checked:
            new["confirmed"] = {name: source for name, source in sources_checked.items() if name not in figures}
        audit_record(
            actor=actor,
            action=events.RULE_SET_CHANGED,
            subject=record,
            old={k: old.get(k) for k in changed},
            new=new,
        )
        _rework_held(actor=actor, record=record, rules=rules)
    return record


def _rework_held(*, actor: User | None, record: ChargingRuleSet, rules: RuleSet) -> list[FinancialAssessment]:
    """Each current contribution under ``record`` held back by a figure not confirmed, worked out again from the
    same circumstances and date with the figures as they are now, in the caller's transaction; the new
    assessments made.

    One whose result is unchanged (the figures confirmed are not ones it uses) is left as it is. Otherwise the
    result is a new assessment that supersedes the held one, keeping its reason; the cost of care it charged
    against moves to it. If it now uses only confirmed figures, the person is sent its letter (an assessment or a
    changed cost of care; the yearly uprating sends none, as before), and what follows contributions (the personal
    budget, the direct payment: :mod:`.followers`) is told. One that cannot be worked out is left held.
    """
    reworked: list[FinancialAssessment] = []
    held = [
        pk
        for pk, warnings in FinancialAssessment.objects.filter(rule_set=record, status=AssessmentStatus.CURRENT)
        .values_list("pk", "warnings")
        .iterator(chunk_size=UPRATE_BATCH)
        if warnings
    ]
    for fa in (
        FinancialAssessment.objects.select_for_update()
        .filter(pk__in=held, status=AssessmentStatus.CURRENT)
        .select_related("person", "rule_set")
        .order_by("pk")
    ):
        try:
            circumstances = circumstances_from_data(fa.circumstances)
            result = assess(circumstances, rules)
        except (CircumstancesError, RuleSetIncomplete):
            continue
        if (
            list(result.warnings) == fa.warnings
            and result.weekly == fa.weekly_contribution
            and steps_to_data(result) == fa.steps
        ):
            continue
        new = _replace_current(
            actor=actor, person=fa.person, previous=fa, record=record, charges_from=fa.charges_from,
            circumstances=circumstances, result=result, reason=fa.reason,
        )  # fmt: skip
        audit_record(
            actor=actor,
            action=events.FINANCIAL_ASSESSMENT_RECORDED,
            subject=new,
            person=fa.person,
            old={"weekly": str(fa.weekly_contribution), "warnings": len(fa.warnings)},
            new={"weekly": str(result.weekly), "warnings": len(result.warnings), "year": record.year,
                 "because": f"the {record.year} figures it used were confirmed"},
        )  # fmt: skip
        CostOfCare.objects.filter(financial_assessment=fa, status=CostOfCareStatus.TO_CHECK).update(
            financial_assessment=new,
            status=CostOfCareStatus.TO_CHECK if new.warnings else CostOfCareStatus.ASSESSED,
        )
        if new.reason != AssessmentReason.UPRATING:
            contribution_letter_send(actor=actor, fa=new)
        reworked.append(new)
    if reworked:
        contribution_changed(actor=actor, changes=[change_of(fa) for fa in reworked])
    return reworked


def charging_rule_set_start(
    *, actor: User | None, year: str, starts_on: dt.date, copy_from: str, figures: Mapping[str, Any] | None = None
) -> ChargingRuleSet:
    """Start a new year's figures from another year's (:func:`~.rules.rulesets.new_year_from`: the figures changed
    every April are marked to set), then set any ``figures`` given, in one transaction."""
    _check_finance(actor, ChargingAction.MANAGE_RULES)
    _check_year(year, starts_on)
    with transaction.atomic():
        if ChargingRuleSet.objects.filter(year=year).exists():
            raise ValidationError({"year": [f"{year} already has figures: change them on its page"]})
        try:
            previous = rules_of(rule_set_for(year=copy_from))
        except (NoRuleSet, RuleSetUnreadable) as error:
            raise ValidationError({"copy_from": [str(error)]}) from error
        record = charging_rule_set_save(
            actor=actor, year=year, starts_on=starts_on, figures=new_year_from(previous, year=year).to_data()
        )
        if figures:
            record = charging_rule_set_save(actor=actor, year=year, starts_on=starts_on, figures=figures)
    return record


def financial_assessment_record(
    *,
    actor: User,
    person: Person,
    circumstances: Circumstances,
    charges_from: dt.date | None = None,
    year: str | None = None,
) -> FinancialAssessment:
    """Assess what the person pays from ``charges_from``, under the figures of the year that date falls in,
    replacing their current assessment, and tell them (:func:`~.letters.contribution_letter_send`, unless a
    figure it uses is unconfirmed). What carries the contribution follows it in the same transaction
    (:mod:`.followers`): the person's personal budget is split again and their direct payment gets a new rate,
    from the day the charge applies.

    When the person has an approved support plan, its chargeable cost (:class:`CostOfCare`) is the cost of
    care, whatever the circumstances say: one cost of care, and the assessment takes it over from the finance
    team's list of people waiting. The charge then applies by default from the day that cost does (the day the
    plan starts); otherwise by default from today.
    """
    if not user_can_for(actor, ChargingAction.ASSESS, person):
        raise PermissionDenied("Only the finance team records financial assessments")
    cost = cost_of_care_latest(person=person)
    if cost is not None:
        circumstances = dataclasses.replace(circumstances, weekly_cost_of_care=cost.weekly)
        if charges_from is None and year is None:
            charges_from = cost.charges_from
    try:
        record, charges_from = rule_set_for_charge(charges_from=charges_from, year=year)
    except NoRuleSet as error:
        raise ValidationError({"charges_from": [str(error)]}) from error
    try:
        result = assess(circumstances, rules_of(record))
    except CircumstancesError as error:
        raise ValidationError({k: [v] for k, v in error.problems.items()}) from error
    except (RuleSetIncomplete, RuleSetUnreadable) as error:
        raise ValidationError({"rule_set": [str(error)]}) from error
    with transaction.atomic():
        previous = (
            FinancialAssessment.objects.select_for_update()
            .filter(person=person, status=AssessmentStatus.CURRENT)
            .first()
        )
        fa = _replace_current(
            actor=actor,
            person=person,
            previous=previous,
            record=record,
            charges_from=charges_from,
            circumstances=circumstances,
            result=result,
        )
        audit_record(
            actor=actor,
            action=events.FINANCIAL_ASSESSMENT_RECORDED,
            subject=fa,
            person=person,
            old={"weekly": str(previous.weekly_contribution)} if previous else None,
            new={"weekly": str(result.weekly), "year": record.year, "charges_from": charges_from.isoformat()},
        )
        if cost is not None and cost.status in (CostOfCareStatus.WAITING, CostOfCareStatus.TO_CHECK):
            transition(
                cost,
                allowed_from=[CostOfCareStatus.WAITING, CostOfCareStatus.TO_CHECK],
                to=CostOfCareStatus.TO_CHECK if fa.warnings else CostOfCareStatus.ASSESSED,
                action="take it into the financial assessment",
                what="cost of care",
            )
            cost.financial_assessment = fa
            cost.save(update_fields=["financial_assessment"])
        contribution_changed(actor=actor, changes=[change_of(fa)])
        contribution_letter_send(actor=actor, fa=fa)
    return fa


def _replace_current(
    *,
    actor: User | None,
    person: Person,
    previous: FinancialAssessment | None,
    record: ChargingRuleSet,
    charges_from: dt.date,
    circumstances: Circumstances,
    result: Contribution,
    reason: str = AssessmentReason.ASSESSMENT,
) -> FinancialAssessment:
    """The person's new current assessment, with every step, superseding the one before (held by the caller)."""
    if previous is not None:
        transition(
            previous,
            allowed_from=[AssessmentStatus.CURRENT],
            to=AssessmentStatus.SUPERSEDED,
            action="replace it",
            what="financial assessment",
        )
    return FinancialAssessment.objects.create(
        person=person,
        rule_set=record,
        charges_from=charges_from,
        circumstances=circumstances_to_data(circumstances),
        weekly_cost_of_care=circumstances.weekly_cost_of_care,
        weekly_contribution=result.weekly,
        full_cost_payer=result.full_cost_payer,
        free=result.free,
        steps=steps_to_data(result),
        warnings=list(result.warnings),
        reason=reason,
        supersedes=previous,
        assessed_by=actor,
        assessed_at=timezone.now(),
    )


def _check_may_set_cost(actor: User, person: Person) -> None:
    if user_can_for(actor, ChargingAction.ASSESS, person):
        return
    if actor.role == Role.CITIZEN or not person_user_can_for(actor, PersonAction.EDIT, person):
        raise PermissionDenied("You cannot set the cost of care for this person")


def cost_of_care_set(
    *, actor: User, person: Person, weekly: Decimal, charges_from: dt.date, source: str, explanation: str = ""
) -> CostOfCare:
    """Record the weekly cost of the care a newly approved support plan arranges, charged from ``charges_from``
    (the day the plan starts), in the caller's transaction.

    With a current financial assessment, the contribution is worked out again at once from the same
    circumstances and the new cost (under the rules in force on ``charges_from``, the person's age as at then),
    and the person is told; if a figure it uses is unconfirmed, the new contribution is kept but the letter
    waits (status "to check") until the finance team confirms the figure, when :func:`charging_rule_set_save`
    works it out again and sends it. With none, and something to charge for, the person waits on
    the finance team's list (:func:`~.selectors.costs_of_care_waiting_for_user`).
    """
    _check_may_set_cost(actor, person)
    if not isinstance(weekly, Decimal) or not weekly.is_finite() or weekly < 0:
        raise ValidationError({"weekly": ["The cost of care must be an amount of £0 or more"]})
    weekly = pounds(weekly)
    with transaction.atomic():
        CostOfCare.objects.filter(
            person=person, status__in=[CostOfCareStatus.WAITING, CostOfCareStatus.TO_CHECK]
        ).update(status=CostOfCareStatus.REPLACED)
        cost = CostOfCare(
            person=person, weekly=weekly, charges_from=charges_from, source=source[:200], explanation=explanation,
            set_by=actor, status=CostOfCareStatus.WAITING if weekly else CostOfCareStatus.NO_CHARGE,
        )  # fmt: skip
        current = (
            FinancialAssessment.objects.select_for_update()
            .filter(person=person, status=AssessmentStatus.CURRENT)
            .select_related("rule_set")
            .first()
        )
        fa = _recalculate(actor, person, current, weekly, charges_from) if current is not None else None
        if fa is not None:
            cost.financial_assessment = fa
            cost.status = CostOfCareStatus.TO_CHECK if fa.warnings else CostOfCareStatus.ASSESSED
        cost.save()
        audit_record(
            actor=actor,
            action=events.COST_OF_CARE_SET,
            subject=cost,
            person=person,
            new={
                "weekly": str(weekly),
                "charges_from": charges_from.isoformat(),
                "source": cost.source,
                "status": cost.status,
                "financial_assessment": fa.pk if fa is not None else None,
            },
        )
        if fa is not None:
            contribution_letter_send(actor=actor, fa=fa)
    return cost


def _recalculate(
    actor: User, person: Person, current: FinancialAssessment, weekly: Decimal, charges_from: dt.date
) -> FinancialAssessment | None:
    """The current assessment worked out again against a new cost of care, and its followers told; ``None`` if
    it cannot be (the person then waits for the finance team, and their contribution is left as it was)."""
    try:
        record, charges_from = rule_set_for_charge(charges_from=charges_from)
    except NoRuleSet:
        return None
    age = _age_on(person.date_of_birth, charges_from)
    data = {**current.circumstances, "weekly_cost_of_care": str(weekly), "age": age}
    try:
        circumstances = circumstances_from_data(data)
        result = assess(circumstances, rules_of(record))
    except (CircumstancesError, RuleSetIncomplete, RuleSetUnreadable):
        return None
    fa = _replace_current(
        actor=actor, person=person, previous=current, record=record, charges_from=charges_from,
        circumstances=circumstances, result=result, reason=AssessmentReason.COST_OF_CARE,
    )  # fmt: skip
    audit_record(
        actor=actor,
        action=events.FINANCIAL_ASSESSMENT_RECORDED,
        subject=fa,
        person=person,
        old={"weekly": str(current.weekly_contribution), "cost_of_care": str(current.weekly_cost_of_care)},
        new={"weekly": str(result.weekly), "cost_of_care": str(weekly), "year": record.year, "reason": fa.reason},
    )
    contribution_changed(actor=actor, changes=[change_of(fa)])
    return fa


@dataclass
class UpratingReport:
    year: str
    recalculated: int = 0
    changed: int = 0
    total_before: Decimal = Decimal("0.00")
    total_after: Decimal = Decimal("0.00")
    #: (person id, weekly before, weekly after) for every contribution that changed.
    changes: list[tuple[int, Decimal, Decimal]] = field(default_factory=list)
    #: (person id, why it could not be recalculated): their contribution is left as it was.
    not_recalculated: list[tuple[int, str]] = field(default_factory=list)


class _Uprated(NamedTuple):
    """A new assessment the uprating makes: the values that differ from one to the next (``_PER_ROW``)."""

    person_id: int
    circumstances: dict[str, Any]
    weekly_cost_of_care: Decimal
    weekly_contribution: Decimal
    full_cost_payer: bool
    free: bool
    steps: list[dict[str, str]]
    warnings: list[str]
    supersedes_id: int


_PER_ROW = _Uprated._fields
#: The columns that the uprating gives the same value in every row it adds.
_SAME_FOR_EVERY_ROW = ("rule_set_id", "charges_from", "status", "reason", "assessed_by_id", "assessed_at")
_COLUMNS = (*_PER_ROW, *_SAME_FOR_EVERY_ROW)
_JSON_COLUMNS = ("circumstances", "steps", "warnings")


def _field(name: str) -> Field[Any, Any]:
    return cast("Field[Any, Any]", FinancialAssessment._meta.get_field(name))


def _row_preparers() -> list[Callable[[Any], Any] | None]:
    """For each of ``_PER_ROW``, what makes its value ready for the database (``None``: it is ready), as its
    field's ``get_db_prep_save`` would, without that method's checks for every value: JSON through the
    database's JSON adapter with the field's encoder, amounts through its decimal adapter, numbers and
    yes-or-no values as they are."""
    ops = connection.ops
    preparers: list[Callable[[Any], Any] | None] = []
    for name in _PER_ROW:
        field = _field(name)
        if name in _JSON_COLUMNS:
            preparers.append(functools.partial(ops.adapt_json_value, encoder=cast("JSONField", field).encoder))
        elif isinstance(field, DecimalField):
            preparers.append(functools.partial(ops.adapt_decimalfield_value, max_digits=field.max_digits,
                                               decimal_places=field.decimal_places))  # fmt: skip
        else:
            preparers.append(None)
    return preparers


def _prepared(row: _Uprated, preparers: list[Callable[[Any], Any] | None]) -> list[Any]:
    return [value if prepare is None else prepare(value) for value, prepare in zip(row, preparers, strict=True)]


def _insert(rows: list[_Uprated], same: Mapping[str, Any]) -> None:
    """Insert the new assessments, ``same`` giving the values of ``_SAME_FOR_EVERY_ROW``: with COPY on
    PostgreSQL (several times faster than INSERT for 100,000 rows with JSON), otherwise in batches of one
    INSERT run for many rows, each value made ready for the database as its field makes it
    (:func:`_row_preparers`; the values the same for every row, once, by the field itself)."""
    if not rows:
        return
    constants = [same[name] for name in _SAME_FOR_EVERY_ROW]
    if connection.vendor == "postgresql":
        table = FinancialAssessment._meta.db_table
        json_at = [i for i, name in enumerate(_PER_ROW) if name in _JSON_COLUMNS]
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    values: list[Any] = list(row)
                    for i in json_at:
                        values[i] = json.dumps(values[i])
                    copy.write_row(values + constants)
        return
    preparers = _row_preparers()
    ready = [_field(name).get_db_prep_save(value, connection) for name, value in zip(_SAME_FOR_EVERY_ROW, constants,
                                                                                       strict=True)]  # fmt: skip
    table = connection.ops.quote_name(FinancialAssessment._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in _COLUMNS)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_COLUMNS))})"  # noqa: S608 - the model's own names
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPRATE_BATCH):
            cursor.executemany(sql, [_prepared(row, preparers) + ready for row in rows[start : start + UPRATE_BATCH]])


def _age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _tell_followers(
    actor: User | None, record: ChargingRuleSet, rows: list[_Uprated], report: UpratingReport, assessed_at: dt.datetime
) -> None:
    """Tell the followers (:mod:`.followers`) of every contribution the uprating changed, all at once, with the
    new assessments' ids (read back in one query: COPY does not return them)."""
    changed = {person_id for person_id, _before, _after in report.changes}
    if not changed:
        return
    ids = dict(
        FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT, rule_set=record).values_list(
            "person_id", "pk"
        )
    )
    source = contribution_source(reason=AssessmentReason.UPRATING.value, assessed_at=assessed_at, year=record.year)
    changes = [
        ContributionChange(
            person_id=row.person_id,
            financial_assessment_id=ids[row.person_id],
            weekly=row.weekly_contribution,
            charges_from=record.starts_on,
            source=source,
        )
        for row in rows
        if row.person_id in changed
    ]
    contribution_changed(actor=actor, changes=changes)


def contributions_uprate(*, actor: User | None, year: str) -> UpratingReport:
    """Recalculate every open contribution under a new year's figures (people's ages as at its start).

    Contributions charged from before the year starts are recalculated, charged from its start; each is a
    new current row that supersedes the old one; everything happens in one transaction, so a failure (or a
    run stopped part way) leaves every contribution as it was, and running it again finds them all still to
    do. The contributions are locked as they are read (on PostgreSQL, one ``SELECT ... FOR UPDATE`` of the
    assessments, not their people), so none changes underneath; those already under the year's figures are not
    read, so running it twice uprates no one twice. Contributions that cannot be recalculated (a figure missing
    from the new rules) are reported and left unchanged. Those that change are followed, in the same
    transaction, by what carries them (:mod:`.followers`): the personal budget's split and the direct
    payment's rate, from the year's start.

    For 100,000 contributions the work is in the rules themselves; around them there is one query to read,
    one to supersede, the new rows written in bulk (:func:`_insert`), one to read their ids for the followers,
    and one audit record.
    """
    _check_finance(actor, ChargingAction.MANAGE_RULES)
    record = rule_set_for(year=year)
    try:
        rules = rules_of(record)
    except RuleSetUnreadable as error:
        raise ValidationError({"rule_set": [str(error)]}) from error
    report = UpratingReport(year=year)
    now = timezone.now()
    starts_on = record.starts_on
    with transaction.atomic():
        rows = (
            FinancialAssessment.objects.select_for_update(of=("self",))
            .filter(status=AssessmentStatus.CURRENT)
            .exclude(rule_set=record)
            .filter(charges_from__lt=starts_on)
            .values_list("id", "person_id", "person__date_of_birth", "circumstances", "weekly_contribution")
        )
        uprated: list[_Uprated] = []
        failed: list[int] = []
        changes = report.changes
        total_before = total_after = Decimal("0.00")
        for pk, person_id, born, data, before in rows.iterator(chunk_size=UPRATE_BATCH):
            data = {**data, "age": _age_on(born, starts_on)}
            try:
                circumstances = circumstances_from_data(data)
                result = assess(circumstances, rules)
            except (CircumstancesError, RuleSetIncomplete) as error:
                report.not_recalculated.append((person_id, str(error)))
                failed.append(pk)
                continue
            weekly = result.weekly
            total_before += before
            total_after += weekly
            if weekly != before:
                changes.append((person_id, before, weekly))
            uprated.append(
                _Uprated(
                    person_id, data, circumstances.weekly_cost_of_care, weekly, result.full_cost_payer, result.free,
                    steps_to_data(result), list(result.warnings), pk,
                )
            )  # fmt: skip
        report.recalculated, report.changed = len(uprated), len(changes)
        report.total_before, report.total_after = total_before, total_after
        (
            FinancialAssessment.objects.filter(status=AssessmentStatus.CURRENT, charges_from__lt=starts_on)
            .exclude(rule_set=record)
            .exclude(pk__in=failed)
            .update(status=AssessmentStatus.SUPERSEDED)
        )
        same = {
            "rule_set_id": record.pk,
            "charges_from": starts_on,
            "status": AssessmentStatus.CURRENT.value,
            "reason": AssessmentReason.UPRATING.value,
            "assessed_by_id": actor.pk if actor is not None else None,
            "assessed_at": now,
        }
        _insert(uprated, same)
        _tell_followers(actor, record, uprated, report, now)
        audit_record(
            actor=actor,
            action=events.CONTRIBUTIONS_UPRATED,
            subject=record,
            new={
                "year": year,
                "recalculated": report.recalculated,
                "changed": report.changed,
                "not_recalculated": len(report.not_recalculated),
                "total_before": str(report.total_before),
                "total_after": str(report.total_after),
            },
        )
    return report
