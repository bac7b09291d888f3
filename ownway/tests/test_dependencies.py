"""The apps depend only downwards: each may import from those below it in :data:`LAYERS`, never from one above.

The order follows the journey a person takes through adult social care (a record, the front door, an
assessment, a budget, what they pay, a plan, payments, enablement), on top of the toolkits every app uses
(``core``, ``ui``, ``accounts``, ``jobs``, ``api``); ``home`` (each role's home page and the navigation) sits on
top of them all, and ``config`` (settings, URLs and the API's composition) above that: no app imports it.

A later step shows an earlier one what it adds through a registry the earlier one owns (the person page's
record panels, :mod:`ownway.people.panels`), never by the earlier step importing it. Imports read only for type
checking (under ``if TYPE_CHECKING:``) are not dependencies; tests are free to import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Bottom to top: each app may import from the apps before it.
LAYERS = [
    "core",
    "ui",
    "accounts",
    "jobs",
    "api",
    "people",
    "directory",
    "frontdoor",
    "assessments",
    "allocation",
    "charging",
    "planning",
    "payments",
    "dayops",
    "enablement",
    "reviews",
    "carers",
    "safeguarding",
    "inbox",
    "complaints",
    "reporting",
    "surveys",
    "guide",
    "home",
]

#: Upward imports that are known and allowed, each with its reason: (file, the app it imports).
EXCEPTIONS = {
    ("ownway/planning/demo.py", "payments"): "the demo's plans come with a direct payment already paid",
}


def _runtime_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Each ``ownway.…`` module the code imports when it runs (with its line), outside ``if TYPE_CHECKING:``."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return [(line, module) for line, module in found if module.split(".")[0] in ("ownway", "config")]


def _upward_imports() -> list[str]:
    problems = []
    rank = {app: number for number, app in enumerate(LAYERS)}
    for path in sorted((ROOT / "ownway").rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 3 or "tests" in parts or "migrations" in parts:
            continue
        app, name = parts[1], "/".join(parts)
        for line, module in _runtime_imports(ast.parse(path.read_text())):
            top, other = module.split(".")[0], module.split(".")[1] if "." in module else ""
            if top == "config":
                problems.append(f"{name}:{line} imports {module}: no app imports the configuration")
            elif other != app and rank.get(other, -1) > rank[app] and (name, other) not in EXCEPTIONS:
                problems.append(f"{name}:{line} imports {module}: {other} is above {app}")
    return problems


def test_every_app_has_its_place_in_the_order():
    apps = {path.name for path in (ROOT / "ownway").iterdir() if (path / "__init__.py").exists()} - {"tests"}
    assert sorted(apps) == sorted(LAYERS)


def test_apps_import_only_the_apps_below_them():
    assert _upward_imports() == []


def test_the_exceptions_are_still_needed():
    """An exception no longer used is taken off the list, so it cannot hide a new upward import."""
    used = set()
    for name, other in EXCEPTIONS:
        tree = ast.parse((ROOT / name).read_text())
        if any(module.split(".")[1:2] == [other] for _, module in _runtime_imports(tree)):
            used.add((name, other))
    assert used == set(EXCEPTIONS)
