"""Direct payment pages: setting one up, the account for staff, payment runs, and the citizen's own money."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ownway.accounts.requests import signed_in_user as _user
from ownway.core.versioning import StaleEdit
from ownway.planning.rules.management import DIRECT_PAYMENT_KINDS
from ownway.planning.selectors import personal_budget_get_for_user
from ownway.ui.forms import add_service_errors, add_version_field, edited_version, show_stale_edit
from ownway.ui.jinja2 import govuk_date
from ownway.ui.listing import Column, paged_and_sorted, search_text
from ownway.ui.offers import offers_for

from . import services
from .forms import (
    AgreementForm,
    EndForm,
    RecoveryForm,
    ResumeForm,
    ReviewForm,
    StartChecksForm,
    SuspendForm,
    SwitchForm,
)
from .models import AgreementStatus, Basis, DirectPaymentAgreement, PaymentRun
from .permissions import PaymentAction, user_can, user_can_for
from .rules.bacs import account_name
from .rules.schedule import payment_to_person
from .selectors import (
    account_summary,
    agreement_get_for_user,
    agreements_for_user,
    agreements_shown,
    my_agreement_for_user,
    payments_outlook,
    reviews_due_for_user,
    start_checks_of,
)
from .tasks import payment_run_start


@require_http_methods(["GET", "POST"])
def set_up_view(request: HttpRequest, budget_pk: int) -> HttpResponse:
    budget = personal_budget_get_for_user(user=_user(request), pk=budget_pk)  # opens the person's plan, audited
    if not user_can_for(_user(request), PaymentAction.SET_UP, budget.person):
        raise PermissionDenied("You cannot set up direct payments for this person")
    initial = {"recipient": "person", "basis": settings.OWNWAY_DP_BASIS, "starts_on": budget.starts_on,
               "recipient_name": budget.person.full_name}  # fmt: skip
    form = AgreementForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.direct_payment_agreement_create(
                actor=_user(request), budget=budget, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            named = account_name(form.cleaned_data["account_name"]).explanation
            messages.success(request, f"Direct payment {agreement.reference} set up. {named}.")
            return redirect("payments:account", pk=agreement.pk)
    return render(request, "payments/set_up.html", {"budget": budget, "form": form, "title": "Set up a direct payment"})


#: The columns of the list of direct-payment agreements, and how each sorts.
AGREEMENT_COLUMNS = [
    Column("Reference", "reference", ("reference",)),
    Column("Person", "person", ("person__last_name", "person__first_name")),
    Column("Status", "status", ("status", "reference")),
    Column("Starts", "starts", ("starts_on", "reference")),
]


def list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, PaymentAction.LIST):
        raise PermissionDenied("You cannot see direct payments")
    can_run = user_can(user, PaymentAction.RUN)
    query = search_text(request)
    agreements = agreements_for_user(user=user, query=query)
    return render(
        request,
        "payments/list.html",
        {
            "listing": paged_and_sorted(
                request,
                agreements,
                AGREEMENT_COLUMNS,
                default="reference",
                shown=lambda page: agreements_shown(user=user, agreements=page),
            ),
            "query": query,
            "runs": PaymentRun.objects.select_related("bacs_file")[:10] if can_run else [],
            "outlook": payments_outlook(user=user, today=timezone.localdate()) if can_run else None,
            "can_run": can_run,
            "title": "Direct payments",
        },
    )


@require_POST
def run_view(request: HttpRequest) -> HttpResponse:
    """Pay what is due today: the payment run starts in the background, and its page shows how it is getting on,
    then what was paid (or why nothing was), what the run put right, and when payments next fall due."""
    user = _user(request)
    job, started = payment_run_start(actor=user, as_of=timezone.localdate())
    if not started:
        messages.info(request, "The payment run you started is still going: this is its page.")
    return redirect("jobs:job", pk=job.pk)


@require_http_methods(["GET", "POST"])
def account_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    agreement = agreement_get_for_user(user=user, pk=pk)
    can_monitor = user_can_for(user, PaymentAction.MONITOR, agreement.person)
    upload_error = ""
    if request.method == "POST":
        upload = request.FILES.get("statement")
        if upload is None:
            upload_error = "Choose a statement file to import"
        elif upload.size and upload.size > 5_000_000:
            upload_error = "The statement must be smaller than 5MB"
        else:
            try:
                record = services.statement_import(
                    actor=user, agreement=agreement, file_name=upload.name or "statement", data=upload.read()
                )
            except ValidationError as error:
                upload_error = " ".join(error.messages)
            else:
                messages.success(
                    request,
                    f"{record.transactions_added} transactions added"
                    + (
                        f", {record.transactions_already_held} already held" if record.transactions_already_held else ""
                    ),
                )
                return redirect("payments:account", pk=pk)
    summary = account_summary(agreement, timezone.localdate())
    return render(
        request,
        "payments/account.html",
        {
            "AgreementStatus": AgreementStatus,
            "summary": summary,
            "offers": offers_for("payments.account", user=user, record=summary),
            "agreement": agreement,
            "transactions": agreement.transactions.select_related("plan_line").order_by("-posted_on", "-id")[:100],
            "payments": agreement.payments.order_by("-period_start")[:26],
            "can_monitor": can_monitor,
            "can_suspend": user_can_for(user, PaymentAction.SUSPEND, agreement.person),
            "can_review": user_can_for(user, PaymentAction.REVIEW, agreement.person),
            "can_set_up": user_can_for(user, PaymentAction.SET_UP, agreement.person),
            "start_checks": start_checks_of(agreement),
            "upload_error": upload_error,
            "title": f"Direct payment {agreement.reference}",
        },
    )


#: Who may take each action on an account (as the service that saves it checks).
ACTION_PERMISSIONS = {
    "suspend": PaymentAction.SUSPEND,
    "resume": PaymentAction.SUSPEND,
    "end": PaymentAction.SUSPEND,
    "review": PaymentAction.REVIEW,
    "recovery": PaymentAction.MONITOR,
    "switch": PaymentAction.SET_UP,
    "checks": PaymentAction.SET_UP,
}


def _actions(request: HttpRequest, agreement: DirectPaymentAgreement) -> dict[str, tuple[str, Any, Any]]:
    """Each action on an account: its title, its form, and what saving it does (given the form's data and the
    version of the agreement the form was shown; see ACTION_PERMISSIONS)."""
    user = _user(request)
    today = timezone.localdate()
    dp_lines = agreement.budget.lines.filter(management__in=DIRECT_PAYMENT_KINDS).select_related("plan_line")
    return {
        "suspend": ("Suspend the direct payment", SuspendForm, lambda d, v: services.direct_payment_suspend(
            actor=user, agreement=agreement, starts_on=d["starts_on"], reason=d["reason"], expected_version=v)),
        "resume": ("Resume the direct payment", ResumeForm, lambda d, v: services.direct_payment_resume(
            actor=user, agreement=agreement, resumes_on=d["resumes_on"], expected_version=v)),
        "end": ("End the direct payment", EndForm, lambda d, v: services.direct_payment_end(
            actor=user, agreement=agreement, ends_on=d["ends_on"], reason=d["reason"], expected_version=v)),
        "review": ("Record a review", ReviewForm, lambda d, v: services.direct_payment_review_record(
            actor=user, agreement=agreement, held_on=d["held_on"], notes=d["notes"])),
        "recovery": ("Decide about money left in the account", RecoveryForm, lambda d, v: services.recovery_decide(
            actor=user, agreement=agreement, decided_on=today, amount_to_recover=d["amount_to_recover"],
            persons_view=d["persons_view"], reasons=d["reasons"])),
        "switch": ("Let the council arrange some support instead", lambda *a, **k: SwitchForm(*a, lines=dp_lines, **k),
                   lambda d, v: services.direct_payment_line_to_council(
            actor=user, agreement=agreement, line=d["line"], effective_on=d["effective_on"], reason=d["reason"],
            expected_version=v)),
        "checks": ("Record checks before the direct payment starts", StartChecksForm,
                   lambda d, v: services.direct_payment_start_checks_record(
            actor=user, agreement=agreement, checks=d["checks"], note=d["note"])),
    }  # fmt: skip


@require_http_methods(["GET", "POST"])
def account_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    agreement = agreement_get_for_user(user=_user(request), pk=pk)
    actions = _actions(request, agreement)
    if action not in actions:
        raise Http404("No such action")
    if not user_can_for(_user(request), ACTION_PERMISSIONS[action], agreement.person):
        raise PermissionDenied("You cannot do this to this direct payment")
    title, form_class, save = actions[action]
    form = form_class(request.POST if request.method == "POST" else None)
    add_version_field(form, agreement.lock_version)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data, edited_version(form))
        except ValidationError as error:
            add_service_errors(form, error)
        except StaleEdit as error:
            agreement.refresh_from_db()
            now = agreement.get_status_display()
            if agreement.ends_on:
                now += f", ending {govuk_date(agreement.ends_on)}"
            show_stale_edit(
                form,
                error,
                {},
                conflicts=[{"label": "The direct payment", "theirs": now, "yours": title}],
                headings=("Saved by someone else", "What you asked for (not saved yet)"),
            )
        else:
            messages.success(request, f"{title}: done")
            return redirect("payments:account", pk=pk)
    return render(request, "payments/action.html", {"agreement": agreement, "form": form, "title": title})


def reviews_view(request: HttpRequest) -> HttpResponse:
    rows = reviews_due_for_user(user=_user(request), today=timezone.localdate())
    return render(request, "payments/reviews.html", {"rows": rows, "title": "Direct payment reviews due"})


def _blocks(text: str) -> list[tuple[str, Any]]:
    """Agreement text as paragraphs and bullet lists: lines written "- item" together make one list."""
    blocks: list[tuple[str, Any]] = []
    for line in text.splitlines():
        if line.startswith("- "):
            if blocks and blocks[-1][0] == "list":
                blocks[-1][1].append(line[2:])
            else:
                blocks.append(("list", [line[2:]]))
        elif line.strip():
            blocks.append(("paragraph", line))
    return blocks


def my_money_view(request: HttpRequest) -> HttpResponse:
    """The citizen's direct payment account, in plain English."""
    user = _user(request)
    agreement = my_agreement_for_user(user=user)
    context: dict[str, Any] = {"agreement": agreement, "title": "My money"}
    if agreement is not None:
        context.update(
            agreement=agreement,
            summary=account_summary(agreement, timezone.localdate()),
            payments=[
                payment_to_person(
                    amount=p.amount,
                    period_start=p.period_start,
                    period_end=p.period_end,
                    days_paid=p.days_paid,
                    net=agreement.basis == Basis.NET,
                    contribution_to_collect=p.contribution_to_collect,
                )
                for p in agreement.payments.order_by("-period_start")[:6]
            ],
            spend_blocks=_blocks(agreement.may_spend_on),
        )
    return render(request, "payments/my_money.html", context)
