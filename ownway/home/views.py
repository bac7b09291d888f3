"""The site's own pages: each role's home page, the accessibility statement and the privacy notice."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ownway.accounts.models import User
from ownway.assessments.selectors import letters_of_citizen as decision_letters_of_citizen
from ownway.carers.selectors_offers import carers_not_offered_counts
from ownway.charging.permissions import ChargingAction
from ownway.charging.permissions import user_can as charging_user_can
from ownway.charging.selectors import costs_of_care_waiting_for_user, figures_not_confirmed_today
from ownway.dayops.permissions import DayopsAction
from ownway.dayops.permissions import user_can as dayops_user_can
from ownway.dayops.selectors import reviews_due_counts
from ownway.dayops.selectors_attend import absence_alert_counts
from ownway.dayops.selectors_citizen import change_request_counts
from ownway.enablement.selectors_episodes import hand_offs_waiting_count
from ownway.frontdoor.selectors import revisits_due_counts
from ownway.jobs.permissions import JobAction
from ownway.jobs.permissions import user_can as jobs_user_can
from ownway.jobs.selectors import failed_jobs_count_for_user
from ownway.payments.selectors import reviews_due_counts as dp_reviews_due_counts
from ownway.people.permissions import PersonAction, user_can, visible_to
from ownway.people.selectors import (
    letters_of_citizen,
    letters_to_post_for_user,
    named_people_recent_for_user,
    population_summary_for_user,
)
from ownway.reviews.decisions import therapy_requests_waiting_count
from ownway.reviews.selectors import reviews_due_counts as plan_reviews_due_counts
from ownway.reviews.selectors_proposals import proposal_counts


def home_view(request: HttpRequest) -> HttpResponse:
    """Each role's starting page: what they can do, and the size of what they look after."""
    user = request.user
    assert isinstance(user, User)
    context: dict[str, object] = {"title": "Home"}
    if user_can(user, PersonAction.SEARCH):
        caseload = visible_to(user)
        context["caseload_count"] = caseload.count()
        context["named_count"] = caseload.filter(named_worker=user).count()
        context["recent"] = named_people_recent_for_user(user=user)
    context["can_create"] = user_can(user, PersonAction.CREATE)
    if user_can(user, PersonAction.SEARCH):
        context["letters_to_post"] = letters_to_post_for_user(user=user).count()
    context["plan_reviews"] = plan_reviews_due_counts(user=user)
    proposals = proposal_counts(user=user)
    if proposals is not None:
        context["proposals_mine"], context["proposals_team"] = proposals
    context["carers_not_offered"] = carers_not_offered_counts(user=user)
    context["therapy_waiting"] = therapy_requests_waiting_count(user=user)
    context["enablement_hand_offs"] = hand_offs_waiting_count(user=user)
    context["revisits"] = revisits_due_counts(user=user)
    dp_reviews = dp_reviews_due_counts(user=user)
    if dp_reviews is not None:
        context["dp_reviews_mine"], context["dp_reviews_team"] = dp_reviews
    tier_reviews = reviews_due_counts(user=user)
    if tier_reviews is not None:
        context["tier_reviews_mine"], context["tier_reviews_team"] = tier_reviews
    day_changes = change_request_counts(user=user)
    if day_changes is not None:
        context["day_changes_mine"], context["day_changes_team"] = day_changes
    context["can_see_work_outcomes"] = dayops_user_can(user, DayopsAction.OUTCOMES_REPORT)
    absences = absence_alert_counts(user=user)
    if absences is not None:
        context["absences_mine"], context["absences_team"] = absences
    context["can_place_day"] = dayops_user_can(user, DayopsAction.PLACE)
    if charging_user_can(user, ChargingAction.ASSESS):
        context["waiting_for_assessment"] = costs_of_care_waiting_for_user(user=user).count()
    if charging_user_can(user, ChargingAction.MANAGE_RULES):
        context["figures_today"] = figures_not_confirmed_today(user=user)
    if jobs_user_can(user, JobAction.ADMINISTER):
        context["failed_jobs"] = failed_jobs_count_for_user(user=user)
    context["can_schedule"] = jobs_user_can(user, JobAction.SCHEDULE)
    if user_can(user, PersonAction.OWN_RECORD):
        context["letters"] = _letters(user)
    if user_can(user, PersonAction.VIEW_FIGURES) and not user_can(user, PersonAction.SEARCH):
        # Who sees figures and no records (commissioners) has the figures for a home page.
        context["summary"] = population_summary_for_user(user=user)
    return render(request, "home/home.html", context)


def _letters(user: User, count: int = 10) -> list[dict[str, object]]:
    """The letters the council sent the citizen, newest first: decisions on their assessments, and the others
    (their budget, what they pay…), each with where to read it and download it."""
    letters: list[dict[str, object]] = [
        {
            "sent_at": sending.sent_at,
            "about": f"Your {sending.determination.assessment.get_kind_display().lower()}: our decision",
            "page": reverse("assessments:letter", kwargs={"pk": sending.determination.assessment_id}),
            "easy_read": reverse("assessments:letter_easy_read", kwargs={"pk": sending.determination.assessment_id}),
            "pdf": "",
        }
        for sending in decision_letters_of_citizen(user=user)[:count]
    ]
    letters += [
        {"sent_at": letter.sent_at, "about": letter.about, "page": letter.page, "easy_read": letter.easy_read_pdf,
         "pdf": letter.pdf}
        for letter in letters_of_citizen(user=user)[:count]
    ]  # fmt: skip
    letters.sort(key=lambda letter: letter["sent_at"], reverse=True)  # type: ignore[arg-type,return-value]
    return letters[:count]


@login_not_required
def accessibility_view(request: HttpRequest) -> HttpResponse:
    return render(request, "home/accessibility.html", {"title": "Accessibility statement"})


@login_not_required
def privacy_view(request: HttpRequest) -> HttpResponse:
    return render(request, "home/privacy.html", {"title": "Privacy"})
