"""Settings are read and checked when the service starts: a value it cannot use stops it there, with a message
naming the variable and what it may be (config.env), not at the first page or payment run that reads it.

Each bad value is tried in a fresh interpreter, as a server starting with it would be.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR) / "config" / "settings" / "base.py"

#: Every variable the settings read, a value it refuses, and words of the message that says what it may be.
#: Some are read only with another set (the mail server's details with its host), given as ``also``.
BAD: dict[str, tuple[str, str]] = {
    "OWNWAY_DP_CYCLE_START": ("6/4/2026", "a date written YYYY-MM-DD, like 2026-04-06"),
    "OWNWAY_PAYMENT_RUN_AT": ("6am", "a 24-hour time like 06:00"),
    "OWNWAY_FEED_IMPORT_AT": ("25:00", "a 24-hour time like 03:00"),
    "OWNWAY_WORKER_STALE_SECONDS": ("0", "a whole number from 1 to 3,600"),
    "OWNWAY_CLOSED_DAYS": ("2026-12-24,24/12/2026", "dates written YYYY-MM-DD, separated by commas"),
    "OWNWAY_DP_CYCLE_DAYS": ("0", "a whole number from 1 to 366"),
    "OWNWAY_DP_BASIS": ("both", "one of net, gross"),
    "OWNWAY_DP_SURPLUS_WEEKS": ("eight", "a whole number from 1 to 104"),
    "OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE": ("£250", "an amount in pounds from 0.00 to 100000.00"),
    "OWNWAY_PA_INSURANCE_ANNUAL": ("120.001", "an amount in pounds"),
    "OWNWAY_PA_PAYROLL_FEE_ANNUAL": ("-1", "an amount in pounds"),
    "OWNWAY_ENABLEMENT_HOURLY_COST": ("0", "an amount in pounds from 0.01 to 1000.00"),
    "OWNWAY_ENABLEMENT_ROTA_SECONDS": ("NaN", "a number from 0.1 to 3600"),
    "OWNWAY_DAYOPS_ENABLEMENT_WEEKS": ("0", "a whole number from 1 to 52"),
    "OWNWAY_REVIEW_FIRST_FROM_WEEKS": ("0", "a whole number from 1 to 52"),
    "OWNWAY_REVIEW_FIRST_BY_WEEKS": ("53", "a whole number from 1 to 52"),
    "OWNWAY_REVIEW_INTERVAL_MONTHS": ("13", "a whole number from 1 to 12"),
    "OWNWAY_REVIEW_NOTICE_DAYS": ("-1", "a whole number from 0 to 180"),
    "OWNWAY_DAYOPS_FLEET_SECONDS": ("NaN", "a number from 0.1 to 3600"),
    "OWNWAY_FIGURES_CACHE_SECONDS": ("-1", "a whole number from 0 to 86,400"),
    "OWNWAY_ASSESSMENT_TARGET_DAYS": ("1e3", "a whole number from 1 to 365"),
    "OWNWAY_BUDGET_APPEAL_DAYS": ("28.5", "a whole number from 1 to 365"),
    "OWNWAY_ACCOUNT_INVITATION_DAYS": ("9" * 30, "a whole number from 1 to 365"),
    "OWNWAY_PLANNING_CONTACT_DAYS": ("-14", "a whole number from 1 to 365"),
    "OWNWAY_SURVEY_AFTER_PLAN_DAYS": ("0", "a whole number from 1 to 3,650"),
    "OWNWAY_LA_CODE": ("Birmingham", "an ONS area code"),
    "OWNWAY_SITE_URL": ("care.example.gov.uk", "an address beginning http:// or https://"),
    "OWNWAY_COUNCIL_NAME": ("x" * 201, "at most 200 characters"),
    "OWNWAY_COUNCIL_ADDRESS": (",".join(["line"] * 11), "from 1 to 10 items separated by commas"),
    "OWNWAY_COUNCIL_PHONE": ("0" * 41, "at most 40 characters"),
    "OWNWAY_FROM_EMAIL": ("nobody", "an email address"),
    "OWNWAY_ALLOWED_HOSTS": ("https://care.example.gov.uk", "host names like care.example.gov.uk"),
    "OWNWAY_CSRF_TRUSTED_ORIGINS": ("care.example.gov.uk", "origins beginning http:// or https://"),
    "OWNWAY_DEBUG": ("maybe", "on or off: 1, true, yes or on; or 0, false, no or off"),
    "OWNWAY_SECURE_COOKIES": ("sometimes", "on or off"),
    "OWNWAY_BEHIND_PROXY": ("2", "on or off"),
    "OWNWAY_PROXY_HOPS": ("-1", "a whole number from 0 to 10"),
    "OWNWAY_HSTS_SECONDS": ("a year", "a whole number from 0 to 63,072,000"),
    "OWNWAY_SESSION_SECONDS": ("10", "a whole number from 60 to 604,800"),
    "OWNWAY_LOGIN_FAILURE_LIMIT": ("0", "a whole number from 1 to 100"),
    "OWNWAY_LOGIN_COOLOFF_HOURS": ("forever", "a number from 0.01 to 720"),
    "OWNWAY_DB_CONN_MAX_AGE": ("-1", "a whole number from 0 to 3,600"),
    "OWNWAY_LOG_FORMAT": ("xml", "one of text, json"),
    "OWNWAY_LOG_LEVEL": ("LOUD", "one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
    "OWNWAY_SECRET_KEY": ("s" * 501, "at most 500 characters"),
    "OWNWAY_SMTP_HOST": ("m" * 256, "at most 255 characters"),
    "OWNWAY_SMTP_PORT": ("smtp", "a whole number from 1 to 65,535"),
    "OWNWAY_SMTP_USER": ("u" * 256, "at most 255 characters"),
    "OWNWAY_SMTP_PASSWORD": ("p" * 1001, "at most 1000 characters"),
    "OWNWAY_SMTP_TLS": ("starttls", "on or off"),
    "OWNWAY_WEB_WORKERS": ("0", "a whole number from 1 to 64"),
    "OWNWAY_WEB_THREADS": ("lots", "a whole number from 1 to 64"),
    "DATABASE_URL": ("mysql-ish://somewhere", "a database address like postgres://"),
    "DATABASE_REPLICA_URL": ("postgres://replica:5432", "a database address like postgres://"),
}
#: Read only when another variable is set.
ALSO = {name: {"OWNWAY_SMTP_HOST": "mail.example.gov.uk"} for name in BAD if name.startswith("OWNWAY_SMTP_")}
#: Any value is usable: each is a folder on this machine.
ANY_VALUE = {"OWNWAY_VAR_DIR", "OWNWAY_NODE_MODULES", "OWNWAY_BACS_DIR"}
#: Secrets: never repeated in the message.
SECRET = {"OWNWAY_SECRET_KEY", "OWNWAY_SMTP_PASSWORD", "DATABASE_URL", "DATABASE_REPLICA_URL"}


def _clean_environment(**environ: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNWAY_", "DATABASE_", "DJANGO_SETTINGS"))}
    return {**env, "DJANGO_SETTINGS_MODULE": "config.settings.base", **environ}


def _load_settings(**environ: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.INSTALLED_APPS"],
        env=_clean_environment(**environ),
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )


def test_every_variable_the_settings_read_has_a_bad_value_tried():
    named = set(re.findall(r'"((?:OWNWAY|DATABASE)_[A-Z_]+)"', BASE.read_text()))
    assert named - ANY_VALUE == set(BAD), "add each new variable to BAD with a value it refuses"


def test_the_settings_load_with_nothing_set():
    done = _load_settings()
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_value_stops_the_start_with_a_message_saying_what_is_allowed(name):
    value, allowed = BAD[name]
    done = _load_settings(**{**ALSO.get(name, {}), name: value})
    assert done.returncode != 0
    message = done.stderr.strip().splitlines()[-1]
    assert message.startswith(f"config.env.SettingError: {name} is ")
    assert allowed in message
    if name in SECRET:
        assert f"{name} is set, but" in message
        assert value[:20] not in message
    else:
        assert repr(value[:60]) in message


def test_the_ownway_command_says_only_what_is_wrong():
    done = subprocess.run(
        [sys.executable, "-m", "ownway.cli", "manage", "check"],
        env=_clean_environment(OWNWAY_DP_CYCLE_START="2026-02-30"),
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Ownway cannot start: OWNWAY_DP_CYCLE_START is '2026-02-30', but it must be a real date written YYYY-MM-DD, "
        "like 2026-04-06. Change or unset OWNWAY_DP_CYCLE_START and start again."
    )


def test_values_are_parsed_into_their_types(settings):
    import datetime as dt
    from decimal import Decimal

    assert dt.date(2026, 4, 6) == settings.OWNWAY_DP_CYCLE_START
    assert Decimal("250.00") == settings.OWNWAY_PLAN_MANAGER_APPROVAL_ABOVE
    assert isinstance(settings.OWNWAY_ENABLEMENT_ROTA_SECONDS, float)
