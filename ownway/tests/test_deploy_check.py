"""``ownway manage check --deploy`` is clean with a council's production settings, set by the environment as
docs/deployment.md says; the warnings silenced in the settings are each deliberate, with the reason there."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "OWNWAY_SECRET_KEY": "k3Zq9-pL0vX2mN8bR4tY6wE1sA7dF5gH3jK9lQ0zX2cV4bN6mM8qW1eR3tY5uI7o",
    "OWNWAY_ALLOWED_HOSTS": "care.example.gov.uk",
    "OWNWAY_CSRF_TRUSTED_ORIGINS": "https://care.example.gov.uk",
    "OWNWAY_SITE_URL": "https://care.example.gov.uk",
    "OWNWAY_SECURE_COOKIES": "1",
    "OWNWAY_BEHIND_PROXY": "1",
    "OWNWAY_SMTP_HOST": "smtp.example.gov.uk",
    "OWNWAY_LOG_FORMAT": "json",
    "OWNWAY_WEB_WORKERS": "5",
}


def _check_deploy(tmp_path, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNWAY_", "DATABASE_", "DJANGO_SETTINGS"))}
    env.update(OWNWAY_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", **environ)
    return subprocess.run(
        [sys.executable, "-m", "ownway.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    done = _check_deploy(tmp_path, **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_refuses_the_demos_secret_key(tmp_path):
    done = _check_deploy(tmp_path, **{k: v for k, v in PRODUCTION.items() if k != "OWNWAY_SECRET_KEY"})
    assert done.returncode != 0
    assert "(ownway.E001) OWNWAY_SECRET_KEY is not set" in done.stderr


def test_check_deploy_says_when_cookies_are_not_secure(tmp_path):
    done = _check_deploy(tmp_path, **{**PRODUCTION, "OWNWAY_SECURE_COOKIES": "0"})
    assert done.returncode != 0
    assert "security.W012" in done.stderr  # SESSION_COOKIE_SECURE
