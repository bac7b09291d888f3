"""Optimistic concurrency: a save from an old version is refused, even when two arrive at the same moment."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from ownway.core.versioning import StaleEdit, version_check, version_claim
from ownway.frontdoor.models import Contact, ContactSource
from ownway.frontdoor.services import ContactData, contact_create_from_referral


def _contact() -> Contact:
    return contact_create_from_referral(
        data=ContactData(first_name="Mary", last_name="Seacole", reason="Two falls", source=ContactSource.SELF)
    )


@pytest.mark.django_db
def test_each_claim_moves_the_version_on_and_an_old_one_is_refused():
    contact = _contact()
    start = contact.lock_version
    with transaction.atomic():
        assert version_claim(contact, expected_version=start, what="contact") == start + 1
    assert contact.lock_version == start + 1
    with pytest.raises(StaleEdit) as refused, transaction.atomic():
        version_claim(Contact.objects.get(pk=contact.pk), expected_version=start, what="contact")
    assert (refused.value.expected_version, refused.value.current_version) == (start, start + 1)
    assert str(refused.value) == (
        "Someone else changed this contact while you were working on it. Your changes have not been saved"
    )
    with transaction.atomic():  # no version given: no check, but the version still moves on
        version_claim(contact, expected_version=None, what="contact")
    assert Contact.objects.get(pk=contact.pk).lock_version == start + 2


@pytest.mark.django_db
def test_a_check_holds_the_record_without_moving_its_version():
    contact = _contact()
    with transaction.atomic():
        assert version_check(contact, expected_version=contact.lock_version, what="contact") == contact.lock_version
    with pytest.raises(StaleEdit), transaction.atomic():
        version_check(contact, expected_version=contact.lock_version + 1, what="contact")
    assert Contact.objects.get(pk=contact.pk).lock_version == contact.lock_version


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_claim_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        version_claim(_contact(), expected_version=None, what="contact")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_from_the_same_version_at_the_same_moment_one_is_saved_and_one_refused():
    contact = _contact()
    start = contact.lock_version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(words: str) -> None:
        try:
            mine = Contact.objects.get(pk=contact.pk)  # both read the same version
            barrier.wait()
            for _attempt in range(100):
                try:
                    with transaction.atomic():
                        version_claim(mine, expected_version=start, what="contact")
                        time.sleep(0.2)  # the other save arrives while this one is still being written
                        Contact.objects.filter(pk=contact.pk).update(reason=words)
                    break
                except OperationalError:
                    # PostgreSQL makes the second save wait for the first; the tests' in-memory SQLite answers
                    # "table is locked" at once instead (it ignores the busy timeout), so wait here.
                    time.sleep(0.05)
            outcomes[words] = "saved"
        except StaleEdit:
            outcomes[words] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(words,)) for words in ("Falls at night", "Lonely")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["refused", "saved"]
    saved = next(words for words, outcome in outcomes.items() if outcome == "saved")
    after = Contact.objects.get(pk=contact.pk)
    assert after.reason == saved
    assert after.lock_version == start + 1
