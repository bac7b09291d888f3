"""The person's own page about their support (their named worker, what has happened and what is next, and their
messages), and the workers' pages for answering messages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user as _user
from ownway.people.models import Person
from ownway.people.selectors import person_get_for_user
from ownway.ui.forms import add_service_errors
from ownway.ui.listing import paged_list

from .forms import MessageForm
from .permissions import MessageAction, user_can, user_can_for
from .selectors import conversation, waiting_for_answer
from .services import message_from_person, message_to_person, messages_read
from .timeline import timeline, what_next

PAGE = 20


def _own_person(user: User) -> Person:
    if not user_can(user, MessageAction.OWN) or user.person_id is None:
        raise PermissionDenied("This page is for people with a record of their own")
    person = (
        Person.objects.select_related("named_worker", "named_worker__team", "team").filter(pk=user.person_id).first()
    )
    if person is None:
        raise Http404("Your record is not found")
    return person


@require_http_methods(["GET", "POST"])
def my_support_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    person = _own_person(user)
    form = MessageForm(request.POST or None)
    form.fields["body"].help_text = (
        "Write to your worker about your support. They will answer within 3 working days. "
        "If you or someone else is in danger now, call 999."
    )
    if request.method == "POST" and form.is_valid():
        try:
            message_from_person(actor=user, person=person, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "We have your message. Your worker will answer within 3 working days.")
            return redirect("my_support:support")
    thread = paged_list(request, conversation(person), (), per_page=PAGE)
    messages_read(reader=user, person=person)
    return render(
        request,
        "inbox/my_support.html",
        {
            "person": person,
            "worker": person.named_worker,
            "steps": timeline(person),
            "next_steps": what_next(person),
            "thread": thread,
            "form": form,
            "title": "Your support",
        },
    )


def waiting_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not user_can(user, MessageAction.WORKLIST):
        raise PermissionDenied("You cannot answer people's messages")
    listing = paged_list(request, waiting_for_answer(user), (), per_page=50)
    return render(request, "inbox/waiting.html", {"listing": listing, "title": "Messages waiting for an answer"})


@require_http_methods(["GET", "POST"])
def person_messages_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = person_get_for_user(user=user, pk=pk)
    if not user_can_for(user, MessageAction.ANSWER, person):
        raise PermissionDenied("You cannot send messages to this person")
    form = MessageForm(request.POST or None)
    form.fields["body"].label = "Your answer"
    if request.method == "POST" and form.is_valid():
        try:
            message_to_person(actor=user, person=person, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            copy = f" A copy is emailed to {person.email}." if person.email else ""
            messages.success(request, f"Sent to {person.full_name}: they see it on their pages.{copy}")
            return redirect("inbox:person", pk=person.pk)
    thread = paged_list(request, conversation(person), (), per_page=PAGE)
    if request.method == "GET":
        messages_read(reader=user, person=person)
    return render(
        request,
        "inbox/person.html",
        {"person": person, "thread": thread, "form": form, "title": f"Messages with {person.full_name}"},
    )
