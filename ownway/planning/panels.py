"""Sections later apps add to the person's own plan page (/my-plan/), the way they add panels to the person page
(:mod:`ownway.people.panels`): planning shows them without knowing the apps. Each is a
:class:`~ownway.people.panels.RecordPanel` registered in its app's ``AppConfig.ready()``; its function is called
with the signed-in citizen and their own record (``is_self`` always true) and keeps its own permission checks.
The same sections show on the easy read page, where ``easy_read_version`` is true for their templates."""

from __future__ import annotations

from ownway.accounts.models import User
from ownway.people.models import Person
from ownway.people.panels import RecordPanel, ShownPanel

_OWN_PLAN_PANELS: dict[str, RecordPanel] = {}


def own_plan_panel_register(panel: RecordPanel) -> RecordPanel:
    """Add (or replace, by name) a section of the person's own plan page; called from ``AppConfig.ready()``."""
    _OWN_PLAN_PANELS[panel.name] = panel
    return panel


def own_plan_panels_for(*, user: User, person: Person) -> list[ShownPanel]:
    """The sections the citizen sees on their own plan page, in order."""
    shown = []
    for panel in sorted(_OWN_PLAN_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(user, person, True)
        if context is not None:
            shown.append(ShownPanel(panel.name, panel.template, context))
    return shown
