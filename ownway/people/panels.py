"""Record panels: what later steps of the journey show on a person's record, without the people app knowing them.

Dependencies point down the journey (people ← assessments ← allocation ← charging …), so the person
page cannot import the apps that hold a person's budget or contribution. Instead each such app
registers a :class:`RecordPanel` in its ``AppConfig.ready()``: a Jinja2 template and a function that,
given the signed-in user and the person (already opened, so the opening is checked and audited),
returns the template's context, or ``None`` when that user may not see it or there is nothing to show.
The person view asks :func:`record_panels_for` for the panels and includes each template in order.

Each app keeps its own permission checks inside its function, so a panel shows only what the
app's policy lets that user see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ownway.accounts.models import User

from .models import Person

#: ``(user, person, is_self) -> context or None``: ``is_self`` when the person is looking at their own record.
PanelContext = Callable[[User, Person, bool], Mapping[str, Any] | None]


@dataclass(frozen=True)
class RecordPanel:
    """A section of the person page: ``template`` is included with ``panel`` (the context) in scope."""

    name: str
    template: str
    context: PanelContext
    order: int = 100


@dataclass(frozen=True)
class ShownPanel:
    name: str
    template: str
    context: Mapping[str, Any]


_PANELS: dict[str, RecordPanel] = {}


def record_panel_register(panel: RecordPanel) -> RecordPanel:
    """Add (or replace, by name) a panel; called from an app's ``AppConfig.ready()``."""
    _PANELS[panel.name] = panel
    return panel


def record_panels() -> list[RecordPanel]:
    """The registered panels in the order they are shown."""
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.name))


def record_panels_for(*, user: User, person: Person) -> list[ShownPanel]:
    """The panels this user sees on this person's record (the caller has opened the record)."""
    is_self = user.person_id == person.pk
    shown = []
    for panel in record_panels():
        context = panel.context(user, person, is_self)
        if context is not None:
            shown.append(ShownPanel(panel.name, panel.template, context))
    return shown
