"""Directory pages: search and service pages for everyone, provider self-service, broker review, shortlists."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.audit import audit_record
from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user as _user
from ownway.core.money import file_amount
from ownway.core.numbers import parse_page_number, parse_uuid
from ownway.core.versioning import StaleEdit
from ownway.jobs.models import JobStatus
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import (
    add_service_errors,
    add_version_field,
    edited_version,
    error_summary_items,
    show_stale_edit,
)
from ownway.ui.listing import Column, paged_and_sorted, search_text
from ownway.ui.offers import offers_for

from . import events
from .employing import GUIDANCE, TOPICS
from .forms import (
    MAX_ROWS,
    ChoiceForm,
    CostFormSet,
    PersonalAssistantForm,
    ReviewForm,
    SearchForm,
    ServiceChangeForm,
    SessionFormSet,
    ShortlistForm,
)
from .models import (
    ChangeStatus,
    Contact,
    CostOption,
    Feed,
    PersonalAssistant,
    Schedule,
    Service,
    ServiceChange,
    ServiceStatus,
)
from .permissions import DirectoryAction, user_can, user_can_for
from .quality import quality_notes
from .rules.assurance import check_assurance
from .rules.cost import CostLine, full_cost
from .rules.diff import diff
from .rules.geo import distance_text
from .rules.schedule import DAYS, Session, describe
from .selectors import (
    PLACES_PREFETCH,
    DirectorySearch,
    assistants_for_employer,
    attributes_for,
    change_get_for_user,
    changes_to_review_for_user,
    feed_conflicts_open,
    holds_direct_payment,
    nearest_place,
    personal_assistants_for_user,
    personal_assistants_shown,
    result_page,
    service_get,
    service_search,
    service_search_groups,
    services_for_provider,
    shortlist_get_for_user,
    shortlists_for_person,
    stale_services,
)
from .services import (
    EDITABLE_FIELDS,
    FEED_FIELDS,
    ROW_SECTIONS,
    ConflictChoice,
    PersonalAssistantData,
    personal_assistant_register,
    personal_assistant_withdraw_consent,
    service_accept_suggested_venue,
    service_assure,
    service_change_approve,
    service_change_propose,
    service_change_reject,
    service_conflict_resolve,
    service_snapshot,
    shortlist_add,
    shortlist_create,
    shortlist_record_choice,
)
from .tasks import feed_preview_of, feed_preview_start, feeds_import_start
from .taxonomies import CLIENT_GROUPS, INTERESTS

PER_PAGE = 20
#: The search page counts results up to this many past the page it shows, then says "more than".
COUNT_LIMIT = 1000


def _set_choices(form: ChoiceForm, entries: list[Any]) -> None:
    field = form.fields["service"]
    assert isinstance(field, forms.ChoiceField)
    field.choices = [(str(e.service_id), e.service.name) for e in entries]


def _when(schedules: Any) -> list[Any]:
    return [describe(Session(s.freq, s.interval, s.byday, s.opens_at, s.closes_at)) for s in schedules]


def _cost(options: Any) -> Any:
    return full_cost([CostLine(c.option, c.amount, c.kind, c.per) for c in options])


def _contact_ways(service: Service) -> list[str]:
    """How to get in touch with a service, as the entry gives it: phone numbers, email and website."""
    ways = [p.number for c in service.contacts.all() for p in c.phones.all()]
    return [*ways, *(w for w in (service.email, service.url) if w)]


def _result_rows(services: list[Service], search: DirectorySearch | None = None) -> list[dict[str, Any]]:
    """What a search result shows: what, where (or how to get in touch, when the entry gives no venue), when, the
    full cost, accessibility, distance and whether it is out of date."""
    today = timezone.localdate()
    # How to get in touch is shown only for a service with no venue: its contacts are read for those alone.
    prefetch_related_objects([s for s in services if not s.service_at_locations.all()], CONTACTS_PREFETCH)
    rows = []
    for service in services:
        sal = nearest_place(service, search)
        rows.append(
            {
                "sal": sal,
                "service": service,
                "location": sal.location if sal else None,
                "distance": distance_text(d) if (d := getattr(service, "distance_m", None)) is not None else "",
                "when": _when([*service.schedules.all(), *(sal.schedules.all() if sal else [])]),
                "cost": _cost(service.cost_options.all()),
                "features": [a.get_feature_display() for a in sal.location.accessibility.all() if a.feature]
                if sal
                else [],
                "contact": [] if sal else _contact_ways(service),
                "stale": check_assurance(service.assured_date, today).stale,
            }
        )
    return rows


#: What a page of results reads with its services, in a few queries whatever the page holds.
RESULT_PREFETCH = [
    Prefetch("schedules", queryset=Schedule.objects.order_by("byday", "opens_at")),
    Prefetch("cost_options", queryset=CostOption.objects.order_by("amount")),
    *PLACES_PREFETCH,
    Prefetch("service_at_locations__schedules", queryset=Schedule.objects.order_by("byday", "opens_at")),
]
#: What a result with no venue also reads: its contacts' phone numbers (see :func:`_result_rows`).
CONTACTS_PREFETCH = Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones").order_by("pk"))


@login_not_required
def search_view(request: HttpRequest) -> HttpResponse:
    """Search the directory. Anyone can use it, signed in or not, with or without JavaScript."""
    searched = any(value for key, value in request.GET.items() if key != "page")
    form = SearchForm(request.GET if searched else None)
    page = None
    results: list[dict[str, Any]] = []
    search = None
    if searched and form.is_valid():
        search = form.to_search()
        page = result_page(
            service_search_groups(search=search),
            number=parse_page_number(request.GET.get("page")),
            per_page=PER_PAGE,
            select_related=("organization",),
            prefetch_related=RESULT_PREFETCH,
            count_limit=COUNT_LIMIT,
        )
        results = _result_rows(page.items, search)
    query = {k: v for k, v in request.GET.lists() if k != "page"}
    base = urlencode(query, doseq=True)
    return render(
        request,
        "directory/search.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "searched": searched,
            "near": search is not None and search.near,
            "query_string": base,
            "title": "Find support and things to do",
        },
    )


@login_not_required
def service_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """One entry: what it is, where, when, the full cost, accessibility, getting there and quality."""
    service = service_get(service_id=pk)
    if service is None or service.status == ServiceStatus.DEFUNCT:
        raise Http404("No such service")
    attributes = attributes_for(link_ids=[service.pk])[service.pk]
    terms = {INTERESTS: [], CLIENT_GROUPS: [], "other": []}  # type: dict[str, list[str]]
    for attribute in attributes:
        taxonomy = attribute.taxonomy_term.taxonomy.name if attribute.taxonomy_term.taxonomy else "other"
        terms.setdefault(taxonomy if taxonomy in terms else "other", []).append(attribute.taxonomy_term.name)
    places = [
        {
            "location": sal.location,
            "addresses": list(sal.location.addresses.all()),
            "features": list(sal.location.accessibility.all()),
            "when": _when(sal.schedules.all()),
        }
        for sal in service.service_at_locations.all()
    ]
    user = request.user
    return render(
        request,
        "directory/service.html",
        {
            "ServiceStatus": ServiceStatus,
            "service": service,
            "title": service.name,
            "interests": terms[INTERESTS],
            "client_groups": terms[CLIENT_GROUPS],
            "other_terms": terms["other"],
            "places": places,
            "when": _when(service.schedules.all()),
            "cost": _cost(service.cost_options.all()),
            "cost_options": list(service.cost_options.all()),
            "assurance": check_assurance(service.assured_date, timezone.localdate()),
            "contacts": list(service.contacts.all()),
            "contact_ways": _contact_ways(service),
            "languages": list(service.languages.all()),
            "can_edit": isinstance(user, User) and user_can_for(user, DirectoryAction.PROPOSE_CHANGE, service),
            "can_assure": isinstance(user, User) and user_can(user, DirectoryAction.REVIEW_CHANGE),
            "quality_notes": [{"key": {"text": h}, "value": {"text": t}} for h, t in quality_notes(user, service)],
        },
    )


# ----------------------------------------------------------------------------------------------------
# Provider self-service
# ----------------------------------------------------------------------------------------------------


def provider_services_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, DirectoryAction.PROPOSE_CHANGE):
        raise PermissionDenied("Only providers listed in the directory can change entries")
    services = services_for_provider(user=user).prefetch_related("changes")
    today = timezone.localdate()
    rows = [
        {
            "service": s,
            "assurance": check_assurance(s.assured_date, today),
            "pending": next((c for c in s.changes.all() if c.status == "pending"), None),
            "last": max(s.changes.all(), key=lambda c: c.submitted_at, default=None),
        }
        for s in services
    ]
    return render(
        request,
        "directory/provider_services.html",
        {
            "rows": rows,
            "title": "Your directory entries",
            "ChangeStatus": ChangeStatus,
            "offers": offers_for("directory.provider_services", user=user, record=None),
        },
    )


def _session_initial(schedule: Schedule) -> dict[str, Any]:
    """A published session as the provider's form shows it; one the form cannot change is shown as text only."""
    text = describe(Session(schedule.freq, schedule.interval, schedule.byday, schedule.opens_at, schedule.closes_at))
    weekly = schedule.freq in ("", "WEEKLY") and (schedule.interval or 1) == 1
    days = [d.strip() for d in schedule.byday.split(",") if d.strip()]
    initial: dict[str, Any] = {"id": str(schedule.pk), "text": text.text}
    if weekly and days and all(d in DAYS for d in days):
        initial.update({"days": days, "opens_at": schedule.opens_at, "closes_at": schedule.closes_at})
    else:
        initial["fixed"] = True
    return initial


def _cost_initial(option: CostOption) -> dict[str, Any]:
    return {
        "id": str(option.pk),
        "option": option.option,
        "amount": file_amount(option.amount) if option.amount is not None else "",
        "kind": option.kind,
        "per": option.per,
    }


def _with_another_row(data: Any, prefix: str) -> Any:
    """The form as sent, with one more empty row in ``prefix``'s section (up to the most a form holds)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(max(0, min(total + 1, MAX_ROWS)))
    return data


@require_http_methods(["GET", "POST"])
def provider_change_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The provider's form: the service's details, each session and each cost as a row of its own.

    "Add a session" and "Add a cost" send the form and bring it back with an empty row, so it works without
    JavaScript; the change sent for review holds only what differs from the published entry.
    """
    user = _user(request)
    service = service_get(service_id=pk)
    if service is None:
        raise Http404("No such service")
    if not user_can_for(user, DirectoryAction.PROPOSE_CHANGE, service):
        raise PermissionDenied("You can only change your own organisation's services")
    before = service_snapshot(service)
    initial = {k: v for k, v in before.items() if k in ServiceChangeForm.base_fields}
    data = request.POST if request.method == "POST" else None
    adding = request.POST.get("add") if data is not None else None
    if data is not None and adding in ("session", "cost"):
        data = _with_another_row(data, "sessions" if adding == "session" else "costs")
    form = ServiceChangeForm(data, initial=initial)
    add_version_field(form, service.lock_version)
    sessions = SessionFormSet(
        data, initial=[_session_initial(s) for s in Schedule.objects.filter(service=service)], prefix="sessions"
    )
    costs = CostFormSet(
        data, initial=[_cost_initial(c) for c in CostOption.objects.filter(service=service)], prefix="costs"
    )
    if data is not None and adding is None and all([form.is_valid(), sessions.is_valid(), costs.is_valid()]):
        shown = edited_version(form)
        try:
            service_change_propose(
                actor=user,
                service=service,
                proposed=form.proposed(before),
                sessions=sessions.edits("session"),
                costs=costs.edits("cost"),
                expected_version=shown,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except StaleEdit as error:
            current = service_get(service_id=pk)
            assert current is not None
            show_stale_edit(form, error, service_snapshot(current))
        else:
            messages.success(request, "Change sent. A broker will check it before it is published")
            return redirect("directory:provider_services")
    errors = (
        [
            *error_summary_items(form),
            *({"text": str(e), "href": "#sessions"} for e in sessions.non_form_errors()),
            *(item for row in sessions.forms for item in error_summary_items(row)),
            *({"text": str(e), "href": "#costs"} for e in costs.non_form_errors()),
            *(item for row in costs.forms for item in error_summary_items(row)),
        ]
        if data is not None and adding is None
        else []
    )
    return render(
        request,
        "directory/provider_change.html",
        {
            "form": form,
            "sessions": sessions,
            "costs": costs,
            "errors": errors,
            "max_rows": MAX_ROWS,
            "service": service,
            "title": f"Change {service.name}",
        },
    )


# ----------------------------------------------------------------------------------------------------
# Broker review
# ----------------------------------------------------------------------------------------------------


#: The columns of the list of entries not confirmed lately: those never confirmed come first, then the oldest.
STALE_COLUMNS = [
    Column("Service", "service", ("name",)),
    Column("Provider", "provider", ("organization__name", "name")),
    Column("Last confirmed", "confirmed", (F("assured_date").asc(nulls_first=True), "name")),
]


def review_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, DirectoryAction.REVIEW_CHANGE):
        raise PermissionDenied("You cannot review directory changes")
    today = timezone.localdate()
    stale = paged_and_sorted(
        request, stale_services(today=today).select_related("organization"), STALE_COLUMNS, default="confirmed"
    )
    return render(
        request,
        "directory/review_list.html",
        {
            "changes": list(changes_to_review_for_user(user=user)),
            "stale": stale,
            "title": "Directory changes to review",
        },
    )


def _changed_since_proposed(change: ServiceChange) -> list[dict[str, str]]:
    """What someone else changed in the entry after the provider proposed ``change``: each such field as
    published now, beside what the provider proposed for it."""
    service = service_get(service_id=change.service_id)
    assert service is not None
    now = service_snapshot(service)
    proposed = {c.field: c.after for c in diff(now, change.proposed, EDITABLE_FIELDS).changes}
    return [
        {
            "label": c.label,
            "theirs": c.after or "Not given",
            "yours": proposed.get(c.field, c.after) if c.field in change.proposed else "Not changed in this proposal",
        }
        for c in diff(change.before, now, EDITABLE_FIELDS).changes
    ]


@require_http_methods(["GET", "POST"])
def review_change_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    change = change_get_for_user(user=user, change_id=pk)
    if change is None:
        raise Http404("No such change")
    can_review = user_can(user, DirectoryAction.REVIEW_CHANGE)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    add_version_field(form, change.base_version)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied("You cannot review directory changes")
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "approve":
                    service_change_approve(
                        actor=user, change=change, note=form.cleaned_data["note"], expected_version=edited_version(form)
                    )
                    messages.success(request, f"{change.service.name}: change published")
                else:
                    service_change_reject(actor=user, change=change, note=form.cleaned_data["note"])
                    messages.success(request, f"{change.service.name}: change sent back to the provider")
            except ValidationError as error:
                add_service_errors(form, error)
            except StaleEdit as error:
                show_stale_edit(
                    form,
                    error,
                    {},
                    conflicts=_changed_since_proposed(change),
                    headings=("Published now", "Proposed by the provider"),
                )
            else:
                return redirect("directory:review_list")
    return render(
        request,
        "directory/review_change.html",
        {
            "change": change,
            "diff": diff(change.before, change.proposed, EDITABLE_FIELDS, ROW_SECTIONS),
            "form": form,
            "can_review": can_review and change.status == "pending",
            "title": f"Change to {change.service.name}",
        },
    )


@require_http_methods(["POST"])
def accept_venue_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A broker adds, as the service's venue, a postcode its feed wrote in the description."""
    service = get_object_or_404(Service, pk=pk)
    try:
        service_accept_suggested_venue(actor=_user(request), service=service, postcode=request.POST.get("postcode", ""))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, f"{service.name}: venue added")
    return redirect("directory:service", pk=service.pk)


@require_http_methods(["POST"])
def resolve_conflict_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A broker resolves a conflict between a change made here and the feed: keep the change, or take the feed's
    value. Back to the feed's page (the service's page for an entry whose feed is no longer registered)."""
    service = get_object_or_404(Service, pk=pk)
    field_name = request.POST.get("field", "")[:100]
    try:
        service_conflict_resolve(
            actor=_user(request),
            service=service,
            field_name=field_name,
            choice=request.POST.get("choice", "")[:10],
            shown_feed=request.POST.get("feed", "")[:1000],
        )
    except ValidationError as error:
        messages.error(request, f"{service.name}: {'; '.join(error.messages)}")
    else:
        label = FEED_FIELDS.get(field_name, field_name)
        kept = (
            "the feed's value taken"
            if request.POST.get("choice") == ConflictChoice.TAKE_FEED
            else "the change made here kept"
        )
        messages.success(request, f"{service.name}: {label}, {kept}")
    feed = Feed.objects.filter(source=service.feed_source).order_by("pk").first() if service.feed_source else None
    if feed is None:
        return redirect("directory:service", pk=service.pk)
    return redirect(reverse("directory:feed", kwargs={"pk": feed.pk}) + "#conflicts")


#: How many of an import's changes one page of its preview lists.
PREVIEW_PAGE = 50


def feeds_view(request: HttpRequest) -> HttpResponse:
    """The registered feeds: each one's last import, and where its report and preview are."""
    if not user_can(_user(request), DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    return render(
        request,
        "directory/feeds.html",
        {"feeds": list(Feed.objects.order_by("name")), "title": "Directory feeds"},
    )


#: How often the feed's page refreshes itself while its preview is being worked out, in seconds.
PREVIEW_REFRESH_SECONDS = 2


@require_http_methods(["GET", "POST"])
def feed_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One feed: what its next import would add, change and remove (nothing written), the button that imports
    it, and its last import's report (records left out, values repaired, fields not imported, conflicts).

    Both the preview and the import read the feed in the background (:mod:`.tasks`), never in the request: the
    preview's button starts a job and comes back to this page with ``?preview=<job>``, which refreshes itself
    until the preview is ready and then shows it."""
    user = _user(request)
    if not user_can(user, DirectoryAction.IMPORT):
        raise PermissionDenied("You cannot import into the directory")
    feed = get_object_or_404(Feed, pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "preview":
            job = feed_preview_start(actor=user, feed=feed)
            return redirect(f"{reverse('directory:feed', kwargs={'pk': feed.pk})}?preview={job.pk}")
        feeds_import_start(actor=user, feeds=[feed])
        messages.success(
            request,
            f"{feed.name}: the import has started in the background. Its report appears here when it is done "
            "(the list of background work shows how it is going).",
        )
        return redirect("directory:feed", pk=feed.pk)
    job_id = parse_uuid(request.GET.get("preview"))
    preview_job = feed_preview_of(job_id=job_id, feed=feed) if job_id is not None else None
    preview: dict[str, Any] | None = None
    problem, waiting = "", False
    if preview_job is not None and not preview_job.is_finished:
        waiting = True
    elif preview_job is not None and preview_job.status == JobStatus.DONE and isinstance(preview_job.result, dict):
        preview = preview_job.result.get("preview") or {}
        problem = preview.get("problem", "")
        if problem:
            preview = None
    elif preview_job is not None:
        problem = "The preview could not be worked out; ask for it again"
    changes = preview.get("changes", []) if preview else []
    pages = max(1, -(-len(changes) // PREVIEW_PAGE))
    number = min(parse_page_number(request.GET.get("page")), pages)
    last: dict[str, Any] = feed.last_report or {}
    return render(
        request,
        "directory/feed.html",
        {
            "feed": feed,
            "preview": preview,
            "preview_job": preview_job,
            "waiting": waiting,
            "refresh": PREVIEW_REFRESH_SECONDS if waiting else None,
            "problem": problem,
            "changes": changes[(number - 1) * PREVIEW_PAGE : number * PREVIEW_PAGE],
            "listed": len(changes),
            "page": number,
            "pages": pages,
            "report": last,
            "conflicts": feed_conflicts_open(feed=feed, limit=500),
            "unrecognised": sorted(last.get("unrecognised", {}).items(), key=lambda item: -item[1]),
            "rejected": (feed.last_rejected or [])[:500],
            "repaired": last.get("repaired", [])[:500],
            "title": feed.name,
        },
    )


@require_http_methods(["POST"])
def assure_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk)
    service_assure(actor=_user(request), service=service)
    messages.success(request, f"{service.name}: details confirmed today")
    return redirect("directory:service", pk=service.pk)


# ----------------------------------------------------------------------------------------------------
# Brokerage
# ----------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def shortlists_view(request: HttpRequest, person_pk: int) -> HttpResponse:
    """A person's shortlists: start one, add services found in the directory, record the person's choice."""
    user = _user(request)
    if not user_can(user, DirectoryAction.BROKER):
        raise PermissionDenied("You cannot shortlist services")
    person = person_get_for_user(user=user, pk=person_pk)
    shortlists = list(shortlists_for_person(user=user, person=person))
    audit_record(actor=user, action=events.SHORTLIST_VIEWED, person=person)
    create_form = ShortlistForm(prefix="new")
    if request.method == "POST" and request.POST.get("action") == "create":
        create_form = ShortlistForm(request.POST, prefix="new")
        if create_form.is_valid():
            try:
                shortlist = shortlist_create(actor=user, person=person, purpose=create_form.cleaned_data["purpose"])
            except ValidationError as error:
                add_service_errors(create_form, error)
            else:
                messages.success(request, "Shortlist started")
                return redirect("directory:shortlist", pk=shortlist.pk)
    return render(
        request,
        "directory/shortlists.html",
        {
            "person": person,
            "shortlists": shortlists,
            "create_form": create_form,
            "title": f"Shortlists for {person.full_name}",
        },
    )


@require_http_methods(["GET", "POST"])
def shortlist_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    shortlist, person = shortlist_get_for_user(user=user, pk=pk)
    entries = list(shortlist.entries.select_related("service__organization"))
    choice_form = ChoiceForm(prefix="choice")
    _set_choices(choice_form, entries)
    found: list[Service] = []
    q = search_text(request)
    if q:
        found = result_page(
            service_search(search=DirectorySearch(text=q)), number=1, per_page=10, select_related=("organization",)
        ).items
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "add":
            service_id = parse_uuid(request.POST.get("service"))
            service = service_get(service_id=service_id) if service_id is not None else None
            if service is None:
                raise ValidationError("That service is no longer in the directory: search again")
            shortlist_add(actor=user, shortlist=shortlist, service=service, note=request.POST.get("note", ""))
            messages.success(request, f"{service.name} added to the shortlist")
            return redirect("directory:shortlist", pk=shortlist.pk)
        if action == "choose":
            choice_form = ChoiceForm(request.POST, prefix="choice")
            _set_choices(choice_form, entries)
            if choice_form.is_valid():
                service = get_object_or_404(Service, pk=choice_form.cleaned_data["service"])
                shortlist_record_choice(
                    actor=user, shortlist=shortlist, service=service, reason=choice_form.cleaned_data["reason"]
                )
                messages.success(request, f"Recorded: {person.full_name} chose {service.name}")
                return redirect("directory:shortlist", pk=shortlist.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("directory:shortlist", pk=shortlist.pk)
    audit_record(actor=user, action=events.SHORTLIST_VIEWED, subject=shortlist, person=person)
    return render(
        request,
        "directory/shortlist.html",
        {
            "shortlist": shortlist,
            "person": person,
            "entries": entries,
            "choice_form": choice_form,
            "found": found,
            "q": q,
            "title": f"Shortlist: {shortlist.purpose}",
        },
    )


# ----------------------------------------------------------------------------------------------------
# Register of personal assistants
# ----------------------------------------------------------------------------------------------------


#: The register is shown as cards in name order, a page at a time.
PA_COLUMNS = [Column("Name", "name", ("name",))]


@require_http_methods(["GET", "POST"])
def personal_assistants_view(request: HttpRequest) -> HttpResponse:
    """Staff look up personal assistants who agreed to be listed; brokers add them and take them off."""
    user = _user(request)
    if not user_can(user, DirectoryAction.VIEW_REGISTER):
        raise PermissionDenied("Only council staff can see the register of personal assistants")
    can_manage = user_can(user, DirectoryAction.MANAGE_REGISTER)
    form = PersonalAssistantForm(prefix="pa")
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("You cannot keep the register of personal assistants")
        if request.POST.get("action") == "withdraw":
            assistant = get_object_or_404(PersonalAssistant, pk=parse_uuid(request.POST.get("assistant")))
            personal_assistant_withdraw_consent(actor=user, assistant=assistant)
            messages.success(request, f"{assistant.name} is no longer on the register")
            return redirect("directory:personal_assistants")
        form = PersonalAssistantForm(request.POST, prefix="pa")
        if form.is_valid():
            try:
                assistant = personal_assistant_register(actor=user, data=PersonalAssistantData(**form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{assistant.name} added to the register")
                return redirect("directory:personal_assistants")
    area = search_text(request, "area", max_length=10)
    query = search_text(request)
    assistants = personal_assistants_for_user(user=user, area=area, query=query)
    return render(
        request,
        "directory/personal_assistants.html",
        {
            "listing": paged_and_sorted(
                request,
                assistants,
                PA_COLUMNS,
                default="name",
                per_page=25,
                shown=lambda page: personal_assistants_shown(user=user, assistants=page, area=area),
            ),
            "area": area,
            "query": query,
            "form": form,
            "can_manage": can_manage,
            "title": "Personal assistants",
        },
    )


@login_not_required
@require_http_methods(["GET"])
def employing_view(request: HttpRequest) -> HttpResponse:
    """Guidance for employing a personal assistant: the list of topics. Public, like the rest of the directory."""
    return render(request, "directory/employing/index.html", {"guidance": GUIDANCE, "title": "Employing a PA"})


@login_not_required
@require_http_methods(["GET"])
def employing_topic_view(request: HttpRequest, topic: str) -> HttpResponse:
    """One page of guidance for employing a personal assistant."""
    found = TOPICS.get(topic)
    if found is None:
        raise Http404("There is no guidance by that name")
    return render(
        request, f"directory/employing/{found.slug}.html", {"topic": found, "guidance": GUIDANCE, "title": found.title}
    )


@require_http_methods(["GET"])
def find_assistant_view(request: HttpRequest) -> HttpResponse:
    """A person with a direct payment looks for a personal assistant to employ; anyone else with a record of
    their own is told how to get a direct payment."""
    user = _user(request)
    if not user_can(user, DirectoryAction.FIND_ASSISTANT):
        raise PermissionDenied("Only a person with a direct payment can search for a personal assistant")
    if not holds_direct_payment(user):
        return render(
            request,
            "directory/find_assistant_no_payment.html",
            {"title": "Employing a personal assistant", "guidance": GUIDANCE},
        )
    terms = {
        "area": search_text(request, "area", max_length=10),
        "skills": search_text(request, "skills"),
        "language": search_text(request, "language", max_length=50),
        "availability": search_text(request, "availability"),
    }
    assistants = assistants_for_employer(user=user, **terms)
    return render(
        request,
        "directory/find_assistant.html",
        {
            "listing": paged_and_sorted(
                request,
                assistants,
                PA_COLUMNS,
                default="name",
                per_page=10,
                shown=lambda page: personal_assistants_shown(user=user, assistants=page, area=terms["area"]),
            ),
            **terms,
            "guidance": GUIDANCE,
            "title": "Find a personal assistant",
        },
    )
