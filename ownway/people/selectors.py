"""Reading person records, only as far as the reader may, with every opening audited."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, Count, Exists, F, ForeignKey, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from ownway.accounts import events as account_events
from ownway.accounts.audit import audit_record, audit_shown
from ownway.accounts.models import AuditEvent, User
from ownway.accounts.roles import Role
from ownway.core.dates import add_years
from ownway.core.names import query_words
from ownway.core.reporting import figures_cached, reporting_read

from . import events
from .models import CaringRelationship, CodeValue, Letter, LetterMethod, Person, PersonNameWord
from .permissions import PersonAction, user_can, user_can_for, visible_to
from .permissions import policy as people_policy
from .rules.nhs_number import normalise_nhs_number
from .rules.postcode import check_postcode


class PersonNotFound(Http404):
    """No record has that id, or no record the user may open has that reference.

    A page that lets it through answers 404 (it is Django's ``Http404``); forms and the API catch it to say so
    in their own words (:func:`no_record_with_reference`).
    """


def no_record_with_reference(reference: str) -> str:
    """What to say when a reference finds no record the user may open.

    The same words whether no record has the reference or it belongs to one the user may not open, so
    that trying references tells nobody which exist.
    """
    return f"There is no record you can open with the reference {reference}"


def _audited_access(*, user: User, person: Person, action: PersonAction, granted: str, refusal: str) -> None:
    """Check the user may do ``action`` to the record; write the access, or the refusal, to the trail."""
    allowed = user_can_for(user, action, person)
    with transaction.atomic():
        audit_record(
            actor=user, action=granted if allowed else account_events.ACCESS_REFUSED, subject=person, person=person
        )
    if not allowed:
        raise PermissionDenied(refusal)


#: The record's national code values (gender, ethnicity, primary support reason, accommodation, employment).
_CODE_FIELDS = ("gender", "ethnicity", "primary_support_reason", "accommodation_status", "employment_status")


def _attach_code_values(person: Person) -> None:
    """Read the record's code values in one query and attach them, as ``select_related`` would have.

    Joined into the record's own query, five joins to the one code-value table cost PostgreSQL about 10 ms of
    planning (measured on the council x5 city) for a query that runs in 0.3 ms; a second query by primary key
    costs a fraction of a millisecond."""
    wanted = {getattr(person, f"{name}_id") for name in _CODE_FIELDS} - {None}
    values = CodeValue.objects.in_bulk(list(wanted)) if wanted else {}
    for name in _CODE_FIELDS:
        field = Person._meta.get_field(name)
        assert isinstance(field, ForeignKey)
        field.set_cached_value(person, values.get(getattr(person, f"{name}_id")))


def person_get_for_user(*, user: User, pk: int) -> Person:
    """Open one person's record. The read is audited; so is a refusal, before it is raised.

    Whether the user sees the record is read with it, and kept for the rest of the request
    (:meth:`~ownway.accounts.policy.Policy.seen_with`), for the record's panels to ask again at no cost.
    """
    people = Person.objects.all()
    if user.is_authenticated and user.is_active:
        people = people.annotate(seen=Exists(visible_to(user).filter(pk=OuterRef("pk"))))
    person = people.select_related("team", "named_worker").filter(pk=pk).first()
    if person is None:
        raise PersonNotFound(pk)
    _attach_code_values(person)
    if hasattr(person, "seen"):
        people_policy.seen_with(user, person, person.seen)
    _audited_access(
        user=user,
        person=person,
        action=PersonAction.VIEW,
        granted=events.PERSON_VIEWED,
        refusal="You do not have access to this person's record",
    )
    return person


def person_get_by_reference_for_user(*, user: User, reference: str) -> Person:
    """Open the record with this council reference (any case, spaces ignored), as far as the user may.

    Raises :class:`PersonNotFound` alike when no record has the reference and when the user may not open
    it (see :func:`no_record_with_reference`); the opening, or the refusal, is audited as any opening is.
    """
    wanted = reference.strip().upper()
    found = Person.objects.filter(reference=wanted).only("pk").first() if wanted else None
    if found is None:
        raise PersonNotFound(wanted)
    try:
        return person_get_for_user(user=user, pk=found.pk)
    except PermissionDenied:
        raise PersonNotFound(wanted) from None


def person_name_condition(text: str, *, person: str = "pk") -> Q:
    """The condition that each word of ``text``, folded as names are, begins some part of a person's names
    (:func:`ownway.core.names.key_matches`), for people found through the field ``person`` ("pk" for
    :class:`Person` itself, "person_id" for records that belong to one).

    Each word is looked up in the index of the words of everyone's names (:class:`PersonNameWord`), so the
    search reads the people it finds, not every person. An empty search matches everyone.
    """
    condition = Q()
    for word in query_words(text):
        condition &= Q(**{f"{person}__in": PersonNameWord.objects.filter(word__prefix=word).values("person_id")})
    return condition


@dataclass(frozen=True)
class PersonQuery:
    """What a worker typed into the search box, understood."""

    text: str = ""
    date_of_birth: dt.date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.date_of_birth is None


_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _parse_date(text: str) -> dt.date | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def person_search_for_user(*, user: User, query: PersonQuery) -> QuerySet[Person]:
    """Search the people the user may see by name, NHS number, date of birth or postcode.

    One box takes any of them: ten digits are an NHS number, a date like 4/6/1950 is a date of
    birth, a full or partial postcode is a postcode, anything else is a name ("smith", "jo smi").
    """
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You cannot search person records")
    people = visible_to(user).select_related("team", "primary_support_reason")
    if query.is_empty:
        return people.none()
    text = query.text.strip()
    condition = Q()
    if query.date_of_birth:
        condition &= Q(date_of_birth=query.date_of_birth)
    if text:
        digits = normalise_nhs_number(text)
        as_date = _parse_date(text)
        compact = re.sub(r"\s+", "", text).upper()
        if digits.isdigit() and len(digits) == 10:
            condition &= Q(nhs_number=digits)
        elif as_date:
            condition &= Q(date_of_birth=as_date)
        elif check_postcode(text).valid:
            condition &= Q(postcode=check_postcode(text).normalised)
        elif re.fullmatch(r"[A-Z]{1,2}[0-9][0-9A-Z]?", compact) and any(c.isdigit() for c in compact):
            condition &= Q(postcode__startswith=compact + " ")
        elif text.upper().startswith("P") and text[1:].isdigit():
            condition &= Q(reference=text.upper())
        else:
            # Whatever the accents or case, each word begins some part of the person's names.
            condition &= person_name_condition(text)
    return people.filter(condition).order_by("last_name", "first_name", "id")


@dataclass(frozen=True)
class SearchPage:
    """One page of search results, and how many there are in all."""

    items: list[Person]
    count: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def person_search_page_for_user(*, user: User, query: PersonQuery, page: int = 1, per_page: int = 25) -> SearchPage:
    """A page of :func:`person_search_for_user`, with the search written to the audit trail."""
    results = person_search_for_user(user=user, query=query)
    count = results.count()
    page = max(1, page)
    start = (page - 1) * per_page
    items = list(results[start : start + per_page]) if start < count else []
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.PEOPLE_SEARCHED,
            shown=[(p, p.pk) for p in items],
            new={"query": query.text, "page": page, "results": count},
        )
    return SearchPage(items=items, count=count, page=page, per_page=per_page)


def caseload_list_for_user(*, user: User, named_only: bool = False) -> QuerySet[Person]:
    """The people the user looks after: their team's caseload, or only those they are named worker for."""
    if not user_can(user, PersonAction.SEARCH):
        raise PermissionDenied("You do not hold a caseload")
    people = visible_to(user).select_related("team", "named_worker", "primary_support_reason")
    if named_only:
        people = people.filter(named_worker=user)
    return people.order_by("last_name", "first_name", "id")


def caseload_shown(*, user: User, people: list[Person], named_only: bool = False) -> None:
    """Write each person on a page of :func:`caseload_list_for_user` to the audit trail."""
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.CASELOAD_VIEWED,
            shown=[(p, p.pk) for p in people],
            new={"named_only": named_only},
        )


def named_people_recent_for_user(*, user: User, limit: int = 10) -> list[Person]:
    """The people the worker is named worker for, most recently changed first (their home page). Audited."""
    if not user.holds_caseload or not user_can(user, PersonAction.SEARCH):
        return []
    people = list(
        visible_to(user).filter(named_worker=user).select_related("team").order_by("-updated_at", "-id")[:limit]
    )
    if people:
        with transaction.atomic():
            audit_shown(actor=user, action=events.NAMED_PEOPLE_LISTED, shown=[(p, p.pk) for p in people])
    return people


@dataclass(frozen=True)
class PopulationSummary:
    """Counts of the people on the council's records, with no one identifiable in them."""

    total: int
    carers: int
    by_support_reason: list[tuple[str, int]]
    by_ethnic_group: list[tuple[str, int]]
    by_age_band: list[tuple[str, int]]
    counted_at: dt.datetime


#: Age bands used by DHSC for Client Level Data (standards.md §1.6), from 18.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("18 to 24", 18, 24),
    ("25 to 44", 25, 44),
    ("45 to 64", 45, 64),
    ("65 to 74", 65, 74),
    ("75 to 84", 75, 84),
    ("85 to 94", 85, 94),
    ("95 and over", 95, None),
)


@reporting_read
def population_summary_for_user(*, user: User, on: dt.date | None = None) -> PopulationSummary:
    """The people who use services (carers counted apart) by support reason, ethnic group and age band.

    Aggregates only, for commissioners and managers: one query, reading the people once (from the index
    ``person_figures`` alone, on PostgreSQL), counts them by every combination of support reason, ethnicity and
    age band (a few hundred rows at most whatever the size of the city); a second reads what those codes mean,
    and the figures are added up from the two. They are kept for a few minutes (:func:`figures_cached`).
    """
    if not user_can(user, PersonAction.VIEW_FIGURES):
        raise PermissionDenied("Only commissioners and managers can see these figures")
    day = on or dt.date.today()  # noqa: DTZ011 - a calendar date for ages
    return figures_cached(f"population:{day.isoformat()}", lambda: _population_summary(day))


def _population_summary(on: dt.date) -> PopulationSummary:
    bands = []
    for index, (_, low, high) in enumerate(AGE_BANDS):
        condition = Q(date_of_birth__lte=add_years(on, -low))
        if high is not None:
            condition &= Q(date_of_birth__gt=add_years(on, -(high + 1)))
        bands.append(When(condition, then=Value(index)))
    groups = list(
        Person.objects.filter(date_of_death__isnull=True)
        .annotate(band=Case(*bands, default=Value(-1), output_field=IntegerField()))
        .values_list("primary_support_reason_id", "ethnicity_id", "band")
        .annotate(n=Count("*"))
        .order_by()
    )
    used = {reason for reason, _, _, _ in groups} | {ethnicity for _, ethnicity, _, _ in groups}
    codes = {pk: (code, group) for pk, code, group in CodeValue.objects.filter(pk__in=used - {None}).values_list(
        "pk", "code", "group")}  # fmt: skip
    carers = total = 0
    by_reason: Counter[str] = Counter()
    by_ethnicity: Counter[str] = Counter()
    by_band: Counter[int] = Counter()
    for reason, ethnicity, band, n in groups:
        reason_code, reason_group = codes.get(reason, ("", ""))
        if reason_code == "social_support_to_carer":
            carers += n
            continue
        total += n
        by_reason[reason_group or "Not recorded"] += n
        by_ethnicity[codes.get(ethnicity, ("", ""))[1] or "Not recorded"] += n
        by_band[band] += n
    return PopulationSummary(
        total=total,
        carers=carers,
        by_support_reason=sorted(by_reason.items(), key=lambda item: (-item[1], item[0])),
        by_ethnic_group=sorted(by_ethnicity.items(), key=lambda item: (-item[1], item[0])),
        by_age_band=[(label, by_band[index]) for index, (label, _, _) in enumerate(AGE_BANDS)],
        counted_at=timezone.now(),
    )


@dataclass(frozen=True)
class PossibleDuplicate:
    reason: str
    person: Person | None
    """The matching record, or ``None`` when the user may not see it (they are told it exists)."""


def person_possible_duplicates(
    *,
    user: User,
    first_name: str,
    last_name: str,
    date_of_birth: dt.date | None,
    nhs_number: str = "",
    exclude_pk: int | None = None,
) -> list[PossibleDuplicate]:
    """Records that are probably the same person: same NHS number, or same name and date of birth.

    Checked across the whole council, because a duplicate held by another team matters most; a
    record the user may not see is reported without its details.
    """
    condition = Q()
    if nhs_number:
        condition |= Q(nhs_number=normalise_nhs_number(nhs_number))
    if date_of_birth and first_name and last_name:
        condition |= Q(
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )
    if not condition:
        return []
    matches = Person.objects.filter(condition)
    if exclude_pk is not None:
        matches = matches.exclude(pk=exclude_pk)
    visible_ids = set(visible_to(user).filter(pk__in=matches.values("pk")).values_list("pk", flat=True))
    found = []
    for match in matches.order_by("pk")[:10]:
        reason = (
            "has the same NHS number"
            if nhs_number and match.nhs_number == normalise_nhs_number(nhs_number)
            else "has the same name and date of birth"
        )
        found.append(PossibleDuplicate(reason=reason, person=match if match.pk in visible_ids else None))
    shown = [(d.person, d.person.pk) for d in found if d.person is not None]
    if shown:
        with transaction.atomic():
            audit_shown(actor=user, action=events.DUPLICATES_SHOWN, shown=shown)
    return found


def _marked_openable(user: User, *sides: tuple[list[CaringRelationship], str]) -> None:
    """Set ``may_open`` on each relationship: whether the user may open the record on its ``side`` (the
    carer's or the cared-for person's); and write the people on that side, whose names the caller shows, to
    the audit trail. One query and one write, however many relationships; the answers are kept for the request
    (:meth:`~ownway.accounts.policy.Policy.seen_with`)."""
    ids = {getattr(rel, f"{side}_id") for relationships, side in sides for rel in relationships}
    openable = set(visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    for pk in ids:
        # Kept for the request, so a panel asking again about the same carer asks nothing more.
        people_policy.seen_with(user, Person(pk=pk), pk in openable)
    shown = []
    for relationships, side in sides:
        for rel in relationships:
            rel.may_open = getattr(rel, f"{side}_id") in openable
            shown.append((rel, getattr(rel, f"{side}_id")))
    if shown:
        with transaction.atomic():
            audit_shown(actor=user, action=events.CARERS_SHOWN, shown=shown)


def _carers(person: Person) -> list[CaringRelationship]:
    return list(person.carers.select_related("carer").order_by(F("ended_on").asc(nulls_first=True), "carer__last_name"))


def carers_of(*, user: User, person: Person) -> list[CaringRelationship]:
    """The person's carers, for a user who has opened the person's record: current carers first (no end
    date sorts first on every database), then those who stopped.

    Each carer has a record of their own. ``may_open`` says whether the user may open it: only then may
    they see more of the carer than their name (a citizen sees their carer's name, not their date of birth).
    """
    relationships = _carers(person)
    _marked_openable(user, (relationships, "carer"))
    return relationships


def caring_relationships_of(*, user: User, person: Person) -> tuple[list[CaringRelationship], list[CaringRelationship]]:
    """The person's carers (as :func:`carers_of`) and the people they care for, with ``may_open`` on each."""
    carers = _carers(person)
    cared_for = list(
        person.caring_for.select_related("cared_for").order_by(
            F("ended_on").asc(nulls_first=True), "cared_for__last_name"
        )
    )
    _marked_openable(user, (carers, "carer"), (cared_for, "cared_for"))
    return carers, cared_for


def person_audit_trail_for_user(*, user: User, person: Person) -> QuerySet[AuditEvent]:
    """Who has looked at or changed this record, newest first. Managers only; itself audited."""
    _audited_access(
        user=user,
        person=person,
        action=PersonAction.VIEW_AUDIT,
        granted=account_events.AUDIT_TRAIL_VIEWED,
        refusal="Only managers can see who has looked at a record",
    )
    return AuditEvent.objects.filter(person_id=person.pk).order_by("-occurred_at", "-id")


def letters_of_citizen(*, user: User) -> QuerySet[Letter]:
    """The letters sent to the signed-in citizen (their budget, what they pay…), newest first."""
    if user.role != Role.CITIZEN or user.person_id is None:
        raise PermissionDenied("Only a citizen with a record has letters")
    return Letter.objects.filter(person_id=user.person_id)


def letters_to_post_for_user(*, user: User) -> QuerySet[Letter]:
    """Letters waiting to be printed and posted to people this member of staff may see, oldest first."""
    if not user.is_council_staff or not user_can(user, PersonAction.VIEW):
        raise PermissionDenied("Only council staff post letters")
    return (
        Letter.objects.filter(method=LetterMethod.POST, posted_at__isnull=True, person__in=visible_to(user))
        .select_related("person")
        .order_by("sent_at", "id")
    )


#: Letters on a page of those waiting to be posted.
LETTERS_PAGE_SIZE = 50


def letters_to_post_page_for_user(*, user: User, page: str | int | None = 1) -> Page[Letter]:
    """One page of :func:`letters_to_post_for_user`; each person on it is written to the audit trail."""
    shown = Paginator(letters_to_post_for_user(user=user), LETTERS_PAGE_SIZE).get_page(page)
    with transaction.atomic():
        audit_shown(
            actor=user,
            action=events.LETTERS_TO_POST_LISTED,
            shown=[(letter, letter.person_id) for letter in shown.object_list],
            new={"page": shown.number},
        )
    return shown


def letter_get_for_user(*, user: User, pk: int) -> Letter:
    """A letter, for a member of staff who may open the person's record (the opening is audited there)."""
    letter = Letter.objects.filter(pk=pk).first()
    if letter is None:
        raise Http404("No such letter")
    if not user.is_council_staff:
        raise PermissionDenied("Only council staff post letters")
    letter.person = person_get_for_user(user=user, pk=letter.person_id)
    return letter


def person_is_carer(person: Person) -> bool:
    """Whether the person cares for someone now: a caring relationship in which they are the carer, not ended.
    A carer's assessment, plan or budget is only for a carer (Care Act 2014 s.10(3): a "carer" is an adult who
    provides or intends to provide care for another adult)."""
    return CaringRelationship.objects.filter(carer=person, ended_on__isnull=True).exists()


def not_a_carer(person: Person, what: str) -> str:
    """What to say when a carer's plan, budget or support (``what``) is asked for someone who cares for no one
    now (Care Act 2014 s.20: the duty to meet a carer's needs for support is to a carer)."""
    return (
        f"{what} is only for a carer, and {person.full_name} is not recorded as caring for anyone now. Add the "
        "caring relationship on the record of the person they care for first"
    )
