"""Record panels: later apps add sections to the person page without the people app importing them."""

import ast
from pathlib import Path

import pytest

from ownway.people import panels
from ownway.people.panels import RecordPanel, record_panel_register, record_panels, record_panels_for


@pytest.fixture
def only_these_panels(monkeypatch):
    monkeypatch.setattr(panels, "_PANELS", {})


def test_panels_are_shown_in_order_and_only_when_their_app_says_so(only_these_panels, social_worker, person):
    seen = []

    def hidden(user, p, is_self):
        seen.append((user.pk, p.pk, is_self))

    record_panel_register(RecordPanel("b", "ui/b.html", lambda u, p, s: {"n": 2}, order=20))
    record_panel_register(RecordPanel("a", "ui/a.html", lambda u, p, s: {"n": 1}, order=10))
    record_panel_register(RecordPanel("c", "ui/c.html", hidden, order=5))
    assert [p.name for p in record_panels()] == ["c", "a", "b"]
    shown = record_panels_for(user=social_worker, person=person)
    assert [(s.name, s.template, dict(s.context)) for s in shown] == [("a", "ui/a.html", {"n": 1}),
                                                                     ("b", "ui/b.html", {"n": 2})]  # fmt: skip
    assert seen == [(social_worker.pk, person.pk, False)]


def test_registering_again_by_name_replaces(only_these_panels):
    record_panel_register(RecordPanel("a", "ui/one.html", lambda u, p, s: {}))
    record_panel_register(RecordPanel("a", "ui/two.html", lambda u, p, s: {}))
    assert [p.template for p in record_panels()] == ["ui/two.html"]


def test_the_citizen_looking_at_their_own_record_is_told_so(only_these_panels, citizen, person):
    record_panel_register(RecordPanel("a", "ui/a.html", lambda u, p, s: {"self": s}))
    assert record_panels_for(user=citizen, person=person)[0].context == {"self": True}


def test_the_money_apps_register_their_panels():
    names = {p.name for p in record_panels()}
    assert {"allocation.budget", "charging.contribution"} <= names


def test_the_people_app_imports_nothing_from_later_in_the_journey():
    root = Path(panels.__file__).parent
    later = ("ownway.assessments", "ownway.allocation", "ownway.charging", "ownway.frontdoor", "ownway.directory")
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(later)]
    assert offenders == []
