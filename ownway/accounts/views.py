from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from ownway.ui.listing import Column, paged_and_sorted, search_text

from . import events
from .audit import audit_record
from .forms import LoginForm
from .models import User
from .requests import signed_in_user
from .selectors import accounts_shown, user_list_for_user
from .services import LoginFailed, user_login, user_logout


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = ""
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user_login(request=request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        except LoginFailed:
            form.add_error(None, "The username or password is not right. Check them and try again.")
        else:
            return redirect(next_url or "home:home")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url, "title": "Sign in", "secure_cookies_refused": secure_cookies_refused(request)},
    )


def secure_cookies_refused(request: HttpRequest) -> bool:
    """Whether the browser will refuse this service's cookies: they are for https only and this is plain http.

    Then the sign-in form's check cannot pass (its cookie is never kept), so the pages say why and what to do.
    """
    return (settings.SESSION_COOKIE_SECURE or settings.CSRF_COOKIE_SECURE) and not request.is_secure()


def csrf_failure_view(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused because its check failed: usually a cookie the browser did not keep."""
    return render(
        request,
        "accounts/csrf_failure.html",
        {"title": "Sorry, we could not accept that form", "secure_cookies_refused": secure_cookies_refused(request)},
        status=403,
    )


def lockout_response(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of signing in once an account is locked after repeated failures."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    with transaction.atomic():
        audit_record(
            actor=User.objects.filter(username=username).first(),
            action=events.LOGIN_LOCKED_OUT,
            new={"username": str(username)[:150]},
        )
    return render(request, "accounts/locked_out.html", {"title": "Your account is locked"}, status=429)


@login_not_required
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user_logout(request=request)
    return redirect("accounts:signed_out")


@login_not_required
def signed_out_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html", {"title": "You have signed out"})


#: The columns of the list of accounts, and how each sorts.
ACCOUNT_COLUMNS = [
    Column("Name", "name", ("last_name", "first_name")),
    Column("Username", "username", ("username",)),
    Column("Role", "role", ("role", "last_name", "first_name")),
    Column("Team", "team", ("team__name", "last_name", "first_name")),
    Column("Status", "status", ("-is_active", "last_name", "first_name")),
]


def user_list_view(request: HttpRequest) -> HttpResponse:
    query = search_text(request)
    user = signed_in_user(request)
    users = user_list_for_user(user=user, query=query)
    listing = paged_and_sorted(
        request, users, ACCOUNT_COLUMNS, default="name", shown=lambda page: accounts_shown(user=user, accounts=page)
    )
    return render(request, "accounts/user_list.html", {"listing": listing, "query": query, "title": "Accounts"})


def permission_denied_view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if isinstance(exception, PermissionDenied) and str(exception) else None
    return render(request, "ui/403.html", {"title": "You do not have access", "message": message}, status=403)
