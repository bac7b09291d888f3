"""Pages for what comes after six weeks: extend an episode or hand it to long-term support, record its
follow-ups (at the end and 91 days after discharge), the team's follow-ups due, and a receiving team's hand-offs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ownway.accounts.models import Team
from ownway.accounts.requests import signed_in_user as _user
from ownway.accounts.roles import TeamKind
from ownway.core.dates import format_date
from ownway.core.numbers import parse_id
from ownway.ui.forms import add_service_errors

from . import services_episodes
from .forms_episodes import ExtendForm, FollowUpForm, HandOffForm
from .permissions import EnablementAction, user_can
from .selectors import episode_get_for_user
from .selectors_episodes import follow_ups_due_for_user, hand_offs_for_user, hand_offs_visible_to


@require_http_methods(["GET", "POST"])
def episode_next_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Extend the episode or hand it to long-term support while it is active; once ended, its follow-ups."""
    user = _user(request)
    episode = episode_get_for_user(user=user, pk=pk)
    if not user_can(user, EnablementAction.MANAGE_EPISODES):
        raise PermissionDenied("Only enablement managers extend, hand on and follow up episodes")
    teams = list(Team.objects.filter(is_active=True).exclude(kind=TeamKind.ENABLEMENT).order_by("name"))
    follow_ups = list(episode.follow_ups.order_by("due_on", "id"))
    hours = services_episodes.care_hours_planned(episode)
    extend_form = ExtendForm(prefix="extend")
    hand_off_form = HandOffForm(prefix="hand_off", teams=teams, initial={"to_team": str(episode.person.team_id)})
    follow_up_forms = {f.pk: FollowUpForm(prefix=f"f{f.pk}", initial={"care_hours_start": hours}) for f in follow_ups}
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "extend":
        extend_form = ExtendForm(request.POST, prefix="extend")
        if extend_form.is_valid():
            data = extend_form.cleaned_data
            try:
                services_episodes.episode_extend(
                    actor=user, episode=episode, new_end=data["new_end"], reason=data["reason"]
                )
            except ValidationError as error:
                add_service_errors(extend_form, error)
            else:
                messages.success(request, f"Enablement extended to {format_date(data['new_end'])}")
                return redirect("enablement:episode", pk=episode.pk)
    elif action == "hand_off":
        hand_off_form = HandOffForm(request.POST, prefix="hand_off", teams=teams)
        if hand_off_form.is_valid():
            data = hand_off_form.cleaned_data
            to_team = next(t for t in teams if str(t.pk) == data["to_team"])
            try:
                services_episodes.episode_hand_off(actor=user, episode=episode, to_team=to_team, needs=data["needs"])
            except ValidationError as error:
                add_service_errors(hand_off_form, error)
            else:
                messages.success(request, f"Handed to {to_team.name}: the person is on their list")
                return redirect("enablement:episode_next", pk=episode.pk)
    elif action == "follow_up":
        follow_up = next((f for f in follow_ups if f.pk == parse_id(request.POST.get("follow_up"))), None)
        if follow_up is None:
            raise Http404("No such follow-up")
        form = FollowUpForm(request.POST, prefix=f"f{follow_up.pk}")
        follow_up_forms[follow_up.pk] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                services_episodes.follow_up_record(
                    actor=user, follow_up=follow_up, at_home=data["at_home"] == "yes",
                    support_after=data["support_after"], care_hours_start=data["care_hours_start"],
                    care_hours_now=data["care_hours_now"], note=data["note"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Follow-up recorded")
                return redirect("enablement:episode_next", pk=episode.pk)
    elif action is not None:
        raise Http404("Unknown action")
    today = timezone.localdate()
    return render(
        request,
        "enablement/episodes/next.html",
        {
            "title": f"After enablement: {episode.person.full_name}",
            "episode": episode,
            "active": episode.status == "active",
            "latest_end": services_episodes.episode_latest_end(episode),
            "extensions": list(episode.extensions.select_related("extended_by")),
            "hand_off": getattr(episode, "hand_off", None),
            "extend_form": extend_form,
            "hand_off_form": hand_off_form,
            "follow_ups": [(f, follow_up_forms[f.pk], f.due_on <= today) for f in follow_ups],
            "forms": [extend_form, hand_off_form, *follow_up_forms.values()],
        },
    )


@require_http_methods(["GET"])
def follow_ups_view(request: HttpRequest) -> HttpResponse:
    """The team's follow-ups due: at the end of enablement and 91 days after discharge. They come by themselves."""
    user = _user(request)
    due = follow_ups_due_for_user(user=user)
    return render(request, "enablement/episodes/follow_ups.html", {"title": "Follow-ups due", "due": due})


@require_http_methods(["GET", "POST"])
def hand_offs_view(request: HttpRequest) -> HttpResponse:
    """People handed to the user's team for long-term support; a worker takes one on."""
    user = _user(request)
    errors: list[str] = []
    if request.method == "POST":
        hand_off = hand_offs_visible_to(user).filter(pk=parse_id(request.POST.get("hand_off")) or 0).first()
        if hand_off is None:
            errors = ["Choose a person from the list"]
        else:
            try:
                services_episodes.hand_off_take(actor=user, hand_off=hand_off)
            except ValidationError as error:
                errors = [m for ms in error.message_dict.values() for m in ms]
            else:
                messages.success(request, "You have taken this person on")
                return redirect("enablement:hand_offs")
    rows = hand_offs_for_user(user=user)
    return render(
        request,
        "enablement/episodes/hand_offs.html",
        {"title": "Handed over from enablement", "rows": rows, "errors": errors},
    )
