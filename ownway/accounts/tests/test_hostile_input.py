"""Every page of the site sent values no one should type: never a server error.

The addresses come from Django's URL resolver and who may use each from the permission matrix
(:mod:`ownway.accounts.tests.test_permission_matrix`), so a new page is tried as soon as it exists. Each page is
opened by each kind of user the policy allows (a worker, a manager, the finance officer, a broker, enablement
staff, an administrator, a commissioner, a citizen, a provider, or someone not signed in for a public page) with
a record they may open from the small council of :mod:`ownway.accounts.tests.world`, and every form it shows is
sent back as a browser would send it, with one field at a time replaced by each hostile value: text that is not
a number, a number too large for any computer, "NaN", a minus sign, 5,000 nines, 10,000 letters and a NUL
character. Each query parameter a page uses (its search forms, its links, ``page``) and each part of its address
get the same values. The answer must never be a 5xx: bad input gets a page that says what is wrong (or the
first page of a list, a 404 for an address that names nothing), and nothing half-saved.

Each request runs in a savepoint rolled back after it, so every value meets the same council. Run on
PostgreSQL too (``DATABASE_URL``): it refuses a NUL character and text longer than a column, where SQLite
stores both.

Sending every value to every field, as every kind of user, takes several minutes and is marked ``slow``. With the
rest of the suite each page is tried by the first kind of user allowed, its forms sent once for each value with
the values turned about the fields a person fills in, so that each field meets each value (a fault that shows
only once every other field is right is left to the slow test), and its query parameters given the three values
that have broken pages before: a number too large, 5,000 nines and a NUL.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import transaction
from django.test import Client

from ownway.accounts.tests.test_permission_matrix import PAGES, SITE, Address, Rule, _kwargs, _owners, _url
from ownway.accounts.tests.world import World
from ownway.payments.views import ACTION_PERMISSIONS
from ownway.ui.tests.html_forms import PageForm, page_forms

#: What no one should type, and what a tampered form or address may hold anyway.
HOSTILE = ["abc", "1e309", "NaN", "-1", "9" * 5000, "x" * 10_000, "\x00"]
#: The values a query parameter is given with the rest of the suite (all of HOSTILE in the slow test).
HOSTILE_IN_A_HURRY = ["1e309", "9" * 5000, "\x00"]
#: For the parts of an address that are text (a day): the same, and days at the ends of the calendar.
HOSTILE_IN_PATH = ["abc", "1e309", "NaN", "-1", "9" * 300, "%00", "9999-12-31", "0001-01-01", "20260230"]
#: An id in an address that no record has, and one too large for any database column.
HOSTILE_IDS = ["0", "9" * 30]
#: Query parameters every list understands.
LIST_PARAMETERS = ("page", "sort", "order")

#: One user of each kind, in the order they are tried (a carer and an occupational therapist see what a
#: citizen and a social worker see).
KINDS = [
    "social_worker",
    "team_manager",
    "finance_officer",
    "broker",
    "enablement_manager",
    "enablement_worker",
    "administrator",
    "commissioner",
    "citizen",
    "provider",
]
#: Addresses not tried: the API (fuzzed from its document in ownway/api/tests/test_fuzz.py), signing out, the
#: health checks (no forms, nothing read from the request; readiness answers 503 with no worker running), and
#: letters as PDFs (no forms; their addresses are tried below with the other addresses' records).
SKIPPED = re.compile(r"^(api[:/]|accounts:logout$|:healthz$|:readyz$)")


def _client(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


#: Parts of an address that name one of several pages (each tried), beyond the one the permission matrix uses.
PAGES_OF = {"payments:action": ("action", tuple(ACTION_PERMISSIONS))}


def _visits(world: World, address: Address, rule: Rule) -> Iterator[tuple[str, str]]:
    """Each kind of user who may open the address, with the address as they open it (a record they may see)."""
    roles = ["anonymous"] if rule.public else [role for role in KINDS if role in rule.roles]
    param, values = PAGES_OF.get(address.name, ("", ("",)))
    for role in roles:
        for key in _owners(world, rule):
            owner = world.owners[rule.kinds[0][1]][key] if key is not None else None
            if rule.public or rule.allows(world, role, owner):
                kwargs = _kwargs(world, address, rule, key)
                for value in values:
                    yield role, _url(address, {**kwargs, param: value} if param else kwargs)
                break


def _send(client: Client, method: str, url: str, data: dict[str, list[str]] | None = None) -> str | None:
    """Send the request in a savepoint rolled back after it; what went wrong, if the answer is a server error."""
    send = client.get if method == "get" else client.post
    try:
        with transaction.atomic():
            response = send(url, data or {})
            transaction.set_rollback(True)
    except Exception as error:  # the test client raises what the view raised
        where = traceback.extract_tb(error.__traceback__)[-1]
        return f"{type(error).__name__}: {str(error)[:200]} ({where.filename.split('/ownway/')[-1]}:{where.lineno})"
    if response.status_code >= 500:
        return f"answered {response.status_code}"
    return None


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 12 else f"{value[:5]!r}…({len(value)} characters)"


def _query_names(html: str, forms: list[PageForm], url: str) -> list[str]:
    """The query parameters the page uses: its search forms' fields and those of its own links."""
    names = [name for form in forms if form.method == "get" for name in form.names]
    path = urlsplit(url).path
    for href in re.findall(r'href="([^"]*\?[^"]*)"', html):
        split = urlsplit(href.replace("&amp;", "&"))
        if split.path in ("", path):
            names += [name for name, _ in parse_qsl(split.query, keep_blank_values=True)]
    return list(dict.fromkeys([*names, "page"]))


def _variants(form: PageForm) -> list[dict[str, list[str]]]:
    """The form as sent by each of its buttons (a form with several buttons does something different with each)."""
    base = form.data()
    if not form.buttons:
        return [base]
    return [{**base, name: [value]} for name, value in dict.fromkeys(form.buttons)]


def _cases(form: PageForm, data: dict[str, list[str]], every_field: bool) -> Iterator[tuple[dict[str, list[str]], str]]:
    """The form as sent, with hostile values in it, and which field holds which value (for the message).

    Every field: each field in turn holds each value, the others as the page showed them. Otherwise each of the
    fields a person fills in holds a different value in each of len(HOSTILE) requests, so that every field meets
    every value (hidden fields and buttons stay as they are, so the form does what it is for).
    """
    names = [n for n in dict.fromkeys([*form.names, *data]) if n != "csrfmiddlewaretoken"]
    if every_field:
        for name in names:
            for value in HOSTILE:
                yield {**data, name: [value]}, f"{name}={_shown(value)}"
        return
    typed = [name for name in names if name not in form.hidden and name not in dict(form.buttons)]
    for turn in range(len(HOSTILE) if typed else 0):
        values = {name: HOSTILE[(turn + i) % len(HOSTILE)] for i, name in enumerate(typed)}
        yield {**data, **{k: [v] for k, v in values.items()}}, ", ".join(f"{k}={_shown(v)}" for k, v in values.items())


def _hostile_forms(world: World, address: Address, every_field: bool) -> list[str]:
    rule = PAGES[address.name]
    problems: list[str] = []
    tried: set[tuple[str, tuple[str, ...]]] = set()
    visits = list(_visits(world, address, rule))
    for role, url in visits if every_field else visits[:1]:
        client = _client(world, role)
        page = client.get(url)
        if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
            continue
        forms = page_forms(page.text)
        if not tried:  # the query parameters, once
            for name in _query_names(page.text, forms, url):
                for value in HOSTILE if every_field else HOSTILE_IN_A_HURRY:
                    if problem := _send(client, "get", url, {name: [value]}):
                        problems.append(f"{role} GET {url}?{name}={_shown(value)}: {problem}")
        for form in forms:
            if form.method != "post" or form.multipart:
                continue
            target = form.action or url
            for data in _variants(form):
                signature = (target, tuple(sorted({*form.names, *data})))
                if signature in tried:
                    continue
                tried.add(signature)
                for sent, shown in _cases(form, data, every_field):
                    if problem := _send(client, "post", target, sent):
                        problems.append(f"{role} POST {target} {shown}: {problem}")
    return problems


def _hostile_addresses(world: World, address: Address) -> list[str]:
    """The address with each of its parts replaced: ids no record has, and text where a day is expected."""
    rule = PAGES[address.name]
    problems: list[str] = []
    visits = list(_visits(world, address, rule))
    if not visits or not address.params:
        return problems
    role = visits[0][0]
    client = _client(world, role)
    for key in _owners(world, rule)[:1]:
        values = _kwargs(world, address, rule, key)
        for param in address.params:
            converter = re.search(rf"<(\w+):{param}>", address.route)
            kind = converter.group(1) if converter else "str"
            hostile = HOSTILE_IDS if kind == "int" else HOSTILE_IN_PATH if kind in ("str", "slug") else []
            for value in hostile:
                parts = {**values, param: value}
                url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, parts=parts: parts[m.group(1)], address.route)
                for method in [m.lower() for m in rule.methods]:
                    if problem := _send(client, method, url):
                        problems.append(f"{role} {method.upper()} {url[:80]}: {problem}")
    return problems


ADDRESSES = [a for a in SITE if not SKIPPED.match(a.name)]


def _params(every_field: bool) -> list:
    marks = [pytest.mark.slow] if every_field else []
    return [pytest.param(a, id=a.name, marks=marks) for a in ADDRESSES if "pdf" not in a.name]


@pytest.mark.parametrize("address", _params(every_field=False))
def test_every_form_sent_hostile_values_at_once(world, db, address):
    problems = _hostile_forms(world, address, every_field=False)
    assert problems == [], "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("address", _params(every_field=True))
def test_every_field_of_every_form_sent_hostile_values(world, db, address):
    problems = _hostile_forms(world, address, every_field=True)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("address", [pytest.param(a, id=a.name) for a in ADDRESSES if a.params])
def test_every_address_with_hostile_parts(world, db, address):
    problems = _hostile_addresses(world, address)
    assert problems == [], "\n".join(problems)


def test_the_walk_reaches_the_forms(world, db):
    """The walk finds forms to send (a page that moved would otherwise pass unseen)."""
    address = next(a for a in ADDRESSES if a.name == "people:edit")
    role, url = next(_visits(world, address, PAGES[address.name]))
    forms = page_forms(_client(world, role).get(url).text)
    assert any(f.method == "post" and "first_name" in f.names for f in forms)
