"""One shape for every app's permission policy, and the answers kept for the length of a request.

Each app says who may do what in its ``permissions`` module, as one subclass of :class:`Policy`:

* :meth:`Policy.can` — whether the user may do this kind of thing at all (to some record): decided from their
  role, so it answers without touching the database and is what navigation and the home page ask;
* :meth:`Policy.can_on` — whether they may do it to this record (a person, a contact, a rota's team, a
  directory entry…): ``can`` first, then the record;
* :meth:`Policy.visible` — the records of the app's kind they may see, as a queryset to filter further.

A subclass writes the three questions as :meth:`Policy.allows`, :meth:`Policy.allows_on` and
:meth:`Policy.scope`; the public methods above add what every policy shares: an inactive or anonymous user
may do nothing, and each answer is kept for the rest of the request, so a page that asks the same question
of several panels (the person page asks whether you may see the person once for each) asks the database
once. A child record (a budget, a rota visit, a shortlist, a personal budget) is fetched through its app's
selector, which finds it through the parent the user may see, never by its ID alone.

The answers are kept only inside :func:`policy_cache_scope`, which the request middleware opens for each
request; a command, a background task or a test calling a service directly asks afresh every time. The key
holds what the answers are decided from (the account, its role, team and person), so an account changed
part way through a request is asked afresh too.

(The shape follows Wagtail's ``permission_policies/base.py``: ``user_has_permission``,
``user_has_permission_for_instance`` and ``instances_user_has_permission_for``.)
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any, ClassVar

from django.db.models import Model, QuerySet

from .models import User

_answers: ContextVar[dict[Hashable, Any] | None] = ContextVar("ownway_policy_answers", default=None)


@contextlib.contextmanager
def policy_cache_scope() -> Iterator[None]:
    """Keep each policy answer until the end of the block (one request)."""
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


def _kept[T](key: Hashable, answer: Callable[[], T]) -> T:
    answers = _answers.get()
    if answers is None:
        return answer()
    if key not in answers:
        answers[key] = answer()
    return answers[key]


def kept_for_request[T](key: Hashable, answer: Callable[[], T]) -> T:
    """A fact a policy decides from (whether the user's team is of a kind), worked out once a request: ``key``
    names it and should include the user's id (:func:`policy_cache_scope`)."""
    return _kept(key, answer)


def _keep(key: Hashable, answer: object) -> None:
    answers = _answers.get()
    if answers is not None:
        answers[key] = answer


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _account(user: User) -> tuple[object, ...]:
    """What every policy decides from, for the key of a kept answer."""
    return (user.pk, user.role, user.team_id, user.person_id)


class Policy[A: enum.StrEnum, M: Model]:
    """An app's permission policy: who may do each of its actions, to which records, and what they see.

    ``A`` is the app's enum of actions; ``M`` the model :meth:`visible` returns. :meth:`can_on` takes any
    record the policy names in its docstring (for most, the person the app's records belong to).
    """

    #: The app's name: part of the key of each kept answer.
    name: ClassVar[str]
    #: The model :meth:`visible` returns (its ``none()`` for someone who may see nothing).
    model: ClassVar[type[Model]]

    # --- What each app writes --------------------------------------------------------------------------

    def allows(self, user: User, action: A) -> bool:
        """Whether a signed-in, active user may do this kind of thing at all, from their role."""
        raise NotImplementedError

    def allows_on(self, user: User, action: A, obj: Model) -> bool:
        """Whether they may do it to this record, once :meth:`allows` has said yes. By default: whether the
        record is one they see."""
        return self.sees(user, obj)

    def scope(self, user: User) -> QuerySet[M]:
        """The records a signed-in, active user sees."""
        return self.model._default_manager.none()  # type: ignore[return-value]

    # --- What every app asks ---------------------------------------------------------------------------

    def can(self, user: User, action: A) -> bool:
        if not _active(user):
            return False
        return _kept((self.name, "can", action, _account(user)), lambda: self.allows(user, action))

    def can_on(self, user: User, action: A, obj: Model) -> bool:
        if not self.can(user, action):
            return False
        key = (self.name, "can_on", action, type(obj).__name__, obj.pk, _account(user))
        return _kept(key, lambda: self.allows_on(user, action, obj))

    def visible(self, user: User) -> QuerySet[M]:
        if not _active(user):
            return self.model._default_manager.none()  # type: ignore[return-value]
        return self.scope(user)

    def sees(self, user: User, obj: Model) -> bool:
        """Whether ``obj`` is among :meth:`visible` (asked once a request for each record)."""
        if not _active(user):
            return False
        return _kept(self._sees_key(user, obj), lambda: self.visible(user).filter(pk=obj.pk).exists())

    def seen_with(self, user: User, obj: Model, seen: bool) -> None:
        """Keep the answer to :meth:`sees` that a selector read together with the record (one query for both:
        ``Exists(policy.visible(user).filter(pk=OuterRef("pk")))``)."""
        if _active(user):
            _keep(self._sees_key(user, obj), seen)

    def _sees_key(self, user: User, obj: Model) -> Hashable:
        return (self.name, "sees", type(obj).__name__, obj.pk, _account(user))
