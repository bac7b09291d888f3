"""Workflow transitions: a change from a state that no longer holds is refused, even when two arrive at once."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction

from ownway.core.workflow import TransitionRefused, transition
from ownway.frontdoor.models import Contact, ContactSource, ContactStatus
from ownway.frontdoor.services import ContactData, contact_create_from_referral


def _contact() -> Contact:
    return contact_create_from_referral(
        data=ContactData(first_name="Mary", last_name="Seacole", reason="Two falls", source=ContactSource.SELF)
    )


@pytest.mark.django_db
def test_a_change_is_applied_from_an_allowed_state():
    contact = _contact()
    with transaction.atomic():
        locked = transition(
            contact, allowed_from=[ContactStatus.OPEN], to=ContactStatus.CLOSED, action="close it", what="contact"
        )
    assert locked.status == contact.status == ContactStatus.CLOSED
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.CLOSED


@pytest.mark.django_db
def test_a_change_from_a_state_that_changed_underneath_is_refused():
    contact = _contact()
    seen = Contact.objects.get(pk=contact.pk)  # the page was opened while the contact was open
    Contact.objects.filter(pk=contact.pk).update(status=ContactStatus.CLOSED)  # someone else closed it
    with pytest.raises(TransitionRefused) as refused, transaction.atomic():
        transition(seen, allowed_from=[ContactStatus.OPEN], to=ContactStatus.CLOSED, action="close it", what="contact")
    error = refused.value
    assert error.record is seen
    assert (error.found, error.allowed) == (ContactStatus.CLOSED, (ContactStatus.OPEN,))
    assert (error.found_label, error.allowed_labels) == ("Closed", ("Open",))
    assert str(error) == (
        "This contact is now 'Closed', so you cannot close it. Someone may have changed it while you were working "
        "on it; nothing has been saved"
    )
    # A ValidationError about the record as a whole, so every page and the API show it without more code.
    assert isinstance(error, ValidationError)
    assert error.message_dict == {"__all__": [str(error)]}
    assert seen.status == ContactStatus.OPEN


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transition_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        transition(_contact(), allowed_from=[ContactStatus.OPEN], action="close it", what="contact")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_changes_at_the_same_moment_one_is_made_and_one_refused():
    """Both people opened the contact while it was open; the second waits for the first, then finds it closed."""
    contact = _contact()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def close(outcome: str) -> None:
        try:
            mine = Contact.objects.get(pk=contact.pk)
            barrier.wait()
            for _attempt in range(100):
                try:
                    with transaction.atomic():
                        transition(
                            mine,
                            allowed_from=[ContactStatus.OPEN],
                            to=ContactStatus.CLOSED,
                            action="close it",
                            what="contact",
                        )
                        time.sleep(0.2)  # the other change arrives while this one is still being made
                        Contact.objects.filter(pk=contact.pk).update(outcome=outcome)
                    break
                except OperationalError:
                    # PostgreSQL makes the second change wait for the first; the tests' in-memory SQLite answers
                    # "table is locked" at once instead, so wait here.
                    time.sleep(0.05)
            outcomes[outcome] = "made"
        except TransitionRefused:
            outcomes[outcome] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(outcome,)) for outcome in ("nfa_information", "nfa_declined")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["made", "refused"]
    made = next(outcome for outcome, result in outcomes.items() if result == "made")
    assert Contact.objects.get(pk=contact.pk).outcome == made
