"""The Jinja2 environment: GOV.UK Frontend macros, URL and static helpers, and GOV.UK formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.middleware.csp import get_nonce
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ownway.core.dates import format_date, format_datetime
from ownway.core.money import format_money

from .components import govuk_checkboxes, govuk_radios, govuk_table
from .explain import explain_html, explains_for, is_easy_read
from .forms import error_summary_items, field_component


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def govuk_date(
    value: dt.date | dt.datetime | None, with_time: bool = False, weekday: bool = False, year: bool = True
) -> str:
    """GOV.UK style dates: "4 June 2026", and times "4 June 2026 at 2:05pm" (in the council's time zone), as
    :mod:`ownway.core.dates` writes them."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return format_datetime(local) if with_time else format_date(local.date(), weekday=weekday, year=year)
    return format_date(value, weekday=weekday, year=year)


def money(value: Decimal | int | None, whole_pounds: bool = False) -> str:
    """Pounds and pence as :func:`ownway.core.money.format_money` writes them: "£1,234.50"; nothing for None."""
    if value is None:
        return ""
    return format_money(value, whole_pounds=whole_pounds)


def link(href: str, text: object) -> Markup:
    """A GOV.UK link, with its text escaped: for table cells and summary lists that take HTML."""
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


@pass_context
def explain_terms(context: Context, html: str) -> Markup:
    """A citizen's or visitor's page with its terms explained where they first appear (:mod:`ownway.ui.explain`);
    other pages as they are."""
    if not explains_for(context):
        return Markup(html)  # noqa: S704 - the page's own markup, already escaped
    return explain_html(str(html), easy_read=is_easy_read(context))


@pass_context
def explain_terms_in_letter(context: Context, html: str) -> Markup:
    """A letter with the meaning of each term printed after the paragraph where it first appears."""
    if context.get("explain_terms") is False:
        return Markup(html)  # noqa: S704 - the letter's own markup, already escaped
    return explain_html(str(html), letter=True, easy_read=is_easy_read(context))


def csp_nonce(request: HttpRequest) -> dict[str, str]:
    """The response's Content-Security-Policy nonce, as the GOV.UK page template's ``cspNonce``.

    The template's one inline script (which tells GOV.UK Frontend's styles that the page runs its
    JavaScript) carries it; the policy allows no other inline script. Reading it here makes the
    middleware put it in the response's policy.
    """
    nonce = get_nonce(request)
    return {"cspNonce": str(nonce)} if nonce is not None else {}


def environment(**options: Any) -> Environment:
    loader = options.pop("loader", None)
    loaders = [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    if loader is not None:
        loaders.insert(0, loader)
    options.setdefault("extensions", ["jinja2.ext.do"])
    env = Environment(loader=ChoiceLoader(loaders), **options)  # noqa: S701 - autoescape is set in settings
    env.globals.update(
        {
            "url": url,
            "link": link,
            "static": static,
            "council_name": settings.OWNWAY_COUNCIL_NAME,
            "council_phone": settings.OWNWAY_COUNCIL_PHONE,
            #: The site's own address, for a link that must work on paper too (a letter's PDF).
            "site_url": settings.OWNWAY_SITE_URL.rstrip("/"),
            "get_messages": get_messages,
            "today": timezone.localdate,
            "field_component": field_component,
            "error_summary_items": error_summary_items,
            "govuk_table": govuk_table,
            "govuk_checkboxes": govuk_checkboxes,
            "govuk_radios": govuk_radios,
        }
    )
    env.filters.update(
        {
            "govuk_date": govuk_date,
            "money": money,
            "explain_terms": explain_terms,
            "explain_terms_in_letter": explain_terms_in_letter,
        }
    )
    return env
