"""The jargon buster and the public information pages (open to anyone, without signing in), and the staff pages
where council officers change them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ownway.accounts.models import User
from ownway.accounts.requests import signed_in_user
from ownway.ui.forms import add_form_error, add_service_errors, add_version_field, edited_version

from .forms import PageForm, TermForm
from .markup import render_markup
from .models import Page
from .permissions import GuideAction, user_can
from .selectors import (
    PageNotFound,
    TermNotFound,
    glossary_for,
    page_get,
    page_history,
    pages_list,
    term_get,
)
from .services import page_change, term_add, term_change


def _reader(request: HttpRequest) -> User | None:
    return signed_in_user(request) if request.user.is_authenticated else None


def _may_edit(request: HttpRequest) -> bool:
    return request.user.is_authenticated and user_can(signed_in_user(request), GuideAction.EDIT)


def _editor(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not user_can(user, GuideAction.EDIT):
        raise PermissionDenied
    return user


# --- For everyone ---------------------------------------------------------------------------------------------


@login_not_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    """The information pages, listed, with the jargon buster."""
    return render(
        request,
        "guide/index.html",
        {
            "title": "Care and support: information and advice",
            "pages": list(pages_list()),
            "may_edit": _may_edit(request),
        },
    )


@login_not_required
@require_GET
def glossary_view(request: HttpRequest) -> HttpResponse:
    """The jargon buster, A to Z, each term with its anchor. Its own terms are not explained again."""
    return render(
        request,
        "guide/glossary.html",
        {
            "title": "Jargon buster: words we use",
            "letters": glossary_for(_reader(request)),
            "explain_terms": False,
            "may_edit": _may_edit(request),
        },
    )


@login_not_required
@require_GET
def glossary_easy_read_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "guide/glossary_easy_read.html",
        {"title": "Words we use", "letters": glossary_for(None), "explain_terms": False, "easy_read": True},
    )


def _page(slug: str) -> Page:
    try:
        return page_get(slug=slug)
    except PageNotFound:
        raise Http404("No such page") from None


@login_not_required
@require_GET
def page_view(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page(slug)
    return render(
        request,
        "guide/page.html",
        {
            "title": page.title,
            "page": page,
            "body": render_markup(page.body),
            "pages": list(pages_list()),
            "may_edit": _may_edit(request),
        },
    )


@login_not_required
@require_GET
def page_easy_read_view(request: HttpRequest, slug: str) -> HttpResponse:
    page = _page(slug)
    if not page.easy_read_body:
        return redirect("guide:page", slug=page.slug)
    return render(
        request,
        "guide/page_easy_read.html",
        {"title": page.title, "page": page, "body": render_markup(page.easy_read_body), "easy_read": True},
    )


# --- For council officers -------------------------------------------------------------------------------------


@require_GET
def terms_view(request: HttpRequest) -> HttpResponse:
    """Every term, for staff who change them."""
    _editor(request)
    return render(
        request,
        "guide/terms.html",
        {"title": "Change the jargon buster", "letters": glossary_for(signed_in_user(request))},
    )


@require_http_methods(["GET", "POST"])
def term_add_view(request: HttpRequest) -> HttpResponse:
    actor = _editor(request)
    form = TermForm(request.POST or None, initial={"audience": "everyone"})
    if request.method == "POST" and form.is_valid():
        try:
            term = term_add(actor=actor, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{term.term}” is in the jargon buster")
            return redirect("guide:terms")
    return render(request, "guide/term_form.html", {"title": "Add a term", "form": form})


@require_http_methods(["GET", "POST"])
def term_change_view(request: HttpRequest, term: str) -> HttpResponse:
    actor = _editor(request)
    try:
        record = term_get(slug=term)
    except TermNotFound:
        raise Http404("No such term") from None
    initial = {
        "term": record.term,
        "meaning": record.meaning,
        "easy_read_meaning": record.easy_read_meaning,
        "also_known_as": record.also_known_as,
        "audience": record.audience,
    }
    form = TermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = term_change(actor=actor, term=record, data=form.to_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{changed.term}” is changed")
            return redirect("guide:terms")
    return render(request, "guide/term_form.html", {"title": f"Change “{record.term}”", "form": form, "term": record})


@require_http_methods(["GET", "POST"])
def page_edit_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a page; every saved version is kept and listed with who saved it and when."""
    actor = _editor(request)
    page = _page(slug)
    initial = {"title": page.title, "summary": page.summary, "body": page.body, "easy_read_body": page.easy_read_body}
    form = PageForm(request.POST or None, initial=initial)
    add_version_field(form, page.version)
    if request.method == "POST" and form.is_valid():
        version = edited_version(form)
        try:
            page = page_change(actor=actor, page=page, data=form.to_data(), version=version)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_service_errors(form, error)
            else:
                add_form_error(form, error.messages[0])
        else:
            messages.success(request, f"“{page.title}” is saved as version {page.version}")
            return redirect("guide:page", slug=page.slug)
    return render(
        request,
        "guide/page_form.html",
        {"title": f"Change “{page.title}”", "form": form, "page": page, "history": page_history(page=page)},
    )
