"""What a provider's proposed change would alter, field by field, for a broker to review."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Diff:
    changes: list[FieldChange]
    explanation: str

    @property
    def empty(self) -> bool:
        return not self.changes


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _row_changes(name: str, label: str, noun: str, rows: object) -> list[FieldChange]:
    """A section of rows (sessions, costs) as the change holds it: each row added, changed or removed, on its own."""
    if not isinstance(rows, Mapping):
        return []
    result = []
    for row in rows.get("added", []):
        result.append(FieldChange(name, f"{label}: a {noun} added", "", _text(row.get("text"))))
    for row in rows.get("changed", []):
        result.append(FieldChange(name, f"{label}: a {noun} changed", _text(row.get("before")), _text(row.get("text"))))
    for row in rows.get("removed", []):
        result.append(FieldChange(name, f"{label}: a {noun} removed", _text(row.get("text")), ""))
    return result


def diff(
    before: Mapping[str, object],
    after: Mapping[str, object],
    labels: Mapping[str, str],
    rows: Mapping[str, tuple[str, str]] | None = None,
) -> Diff:
    """The fields whose text differs, in the order of ``labels``; a field not in ``after`` is unchanged.

    ``rows`` names the sections of ``after`` that hold rows (section → its label and what one row is called, like
    ``{"schedules": ("When it runs", "session")}``); each holds ``added``, ``changed`` and ``removed`` rows with their
    ``text`` (and a changed row its ``before``), and each row that differs is one change of its own: rows the
    provider did not touch are not in the change, so they are not shown.
    """
    changes = [
        FieldChange(name, label, _text(before.get(name)), _text(after.get(name)))
        for name, label in labels.items()
        if name in after and _text(before.get(name)) != _text(after.get(name))
    ]
    for name, (label, noun) in (rows or {}).items():
        changes += _row_changes(name, label, noun, after.get(name))
    if not changes:
        return Diff([], "The proposed details are the same as the published ones.")
    names = ", ".join(c.label.lower() for c in changes)
    return Diff(changes, f"{len(changes)} {'change' if len(changes) == 1 else 'changes'}: {names}.")
