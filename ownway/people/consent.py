"""What a carer may see of the person they care for: the question earlier apps ask, answered by the carers app.

The cared-for person's consent for a carer (a :class:`~ownway.people.models.CaringRelationship`) to see parts of
their record is recorded in the carers app (``ownway.carers.models.CarerConsent``), which sits above the apps that
show what it covers (day opportunities show a carer the breaks a person's placements give). Those apps cannot
import it (``ownway/tests/test_dependencies.py``), so they ask here, and the carers app registers the answer in its
``AppConfig.ready()``: the record panels' way (:mod:`ownway.people.panels`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

#: ``(relationship ids, what it must cover) -> {relationship id: the consent standing}``.
ConsentSource = Callable[[Iterable[int], str], dict[int, Any]]

_SOURCE: list[ConsentSource] = []


def consent_source_register(source: ConsentSource) -> None:
    """Set the function that finds the consents standing; called from the carers app's ``ready()``."""
    _SOURCE[:] = [source]


def consents_standing(relationships: Iterable[int], *, covering: str) -> dict[int, Any]:
    """The consent standing now for each of these caring relationships (by id) that covers ``covering``
    (``"plan"``, ``"reviews"`` or ``"day_breaks"``); none at all when no app records consent."""
    if not _SOURCE:
        return {}
    return _SOURCE[0](relationships, covering)
