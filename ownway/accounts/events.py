"""The registry of audit actions.

Each app declares its actions in its own ``events.py`` with :func:`register`; an action name is
plain data on the audit row, so adding one needs no migration.
"""

from __future__ import annotations

_REGISTRY: dict[str, str] = {}


def register(action: str, description: str) -> str:
    if action in _REGISTRY and _REGISTRY[action] != description:
        raise ValueError(f"Audit action {action!r} is already registered with another meaning")
    _REGISTRY[action] = description
    return action


def describe(action: str) -> str:
    return _REGISTRY.get(action, action)


def is_registered(action: str) -> bool:
    return action in _REGISTRY


LOGIN = register("accounts.login", "Logged in")
LOGIN_FAILED = register("accounts.login_failed", "Failed to log in")
LOGIN_LOCKED_OUT = register("accounts.locked_out", "Locked out after repeated failed log-ins")
LOGOUT = register("accounts.logout", "Logged out")
ACCESS_REFUSED = register("accounts.access_refused", "Was refused access to a record")
API_TOKEN_CREATED = register("accounts.api_token_created", "Created an API token")
API_TOKEN_REVOKED = register("accounts.api_token_revoked", "Revoked an API token")
ACCOUNTS_LISTED = register("accounts.accounts_listed", "Looked at the list of accounts")
AUDIT_TRAIL_VIEWED = register("accounts.audit_viewed", "Looked at who has viewed a record")
ADMIN_RECORD_SAVED = register("accounts.admin_saved", "Saved a record in the administration site")
ADMIN_RECORD_DELETED = register("accounts.admin_deleted", "Deleted a record in the administration site")
