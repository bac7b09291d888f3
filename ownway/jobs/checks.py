"""Checked at start-up (``manage.py check``, and before every command that serves or works): the time each
registered schedule starts by default is read from the settings, so a bad value fails at boot, not at night."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def schedule_defaults_readable(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from .services import registered_schedules

    problems: list[checks.CheckMessage] = []
    for default in registered_schedules():
        try:
            default.at()
        except ImproperlyConfigured as error:
            problems.append(checks.Error(str(error), obj=default.key, id="ownway.jobs.E001"))
    return problems
