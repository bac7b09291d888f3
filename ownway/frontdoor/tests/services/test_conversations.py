"""The Three Conversations and closing a contact with its CLD outcome and SALT sequel."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ownway.accounts.models import AuditEvent
from ownway.core.workflow import TransitionRefused
from ownway.frontdoor import events
from ownway.frontdoor.models import STS001_SEQUEL, ContactStatus, Conversation, EventOutcome
from ownway.frontdoor.services import ConversationData, contact_close, contact_create, conversation_record

from .test_contact_services import _data


@pytest.fixture
def contact(social_worker):
    return contact_create(actor=social_worker, data=_data())


def test_listen_and_connect(social_worker, contact):
    conversation = conversation_record(
        actor=social_worker,
        contact=contact,
        data=ConversationData(
            kind="listen_and_connect",
            held_on=timezone.localdate(),
            what_matters="Getting to the mosque on Fridays and seeing her sister.",
            connected_to="Sparkhill Wellbeing Centre's Friday lunch; community transport.",
        ),
    )
    assert conversation.contact == contact
    assert AuditEvent.objects.filter(action=events.CONVERSATION_RECORDED).exists()


def test_a_crisis_conversation_needs_safety_a_plan_and_a_date(social_worker, contact):
    with pytest.raises(ValidationError) as error:
        conversation_record(
            actor=social_worker, contact=contact, data=ConversationData(kind="crisis", held_on=timezone.localdate())
        )
    assert set(error.value.message_dict) == {"safe_now", "short_term_plan", "revisit_on"}
    assert not Conversation.objects.exists()
    today = timezone.localdate()
    conversation_record(
        actor=social_worker,
        contact=contact,
        data=ConversationData(
            kind="crisis",
            held_on=today,
            safe_now="A key safe fitted today; her son stays tonight.",
            short_term_plan="Enablement visits twice a day for a week.",
            revisit_on=today + dt.timedelta(days=7),
        ),
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "fourth"}, "kind"),
        ({"kind": "good_life", "held_on": dt.date(2999, 1, 1)}, "held_on"),
        ({"kind": "good_life"}, "what_matters"),
    ],
)
def test_bad_conversations(social_worker, contact, data, field):
    values = {"held_on": timezone.localdate(), **data}
    with pytest.raises(ValidationError) as error:
        conversation_record(actor=social_worker, contact=contact, data=ConversationData(**values))
    assert field in error.value.message_dict


def test_closing_gives_the_outcome_and_its_sequel(social_worker, contact):
    closed = contact_close(actor=social_worker, contact=contact, outcome=EventOutcome.NFA_INFORMATION)
    assert closed.status == ContactStatus.CLOSED
    event = AuditEvent.objects.get(action=events.CONTACT_CLOSED)
    assert event.new == {
        "outcome": "nfa_information",
        "sts001_sequel": "Universal Services / Signposted to other services",
    }
    with pytest.raises(TransitionRefused, match="This contact is now 'Closed', so you cannot close it"):
        contact_close(actor=social_worker, contact=contact, outcome=EventOutcome.NFA_OTHER)
    with pytest.raises(
        ValidationError, match="This contact is now 'Closed', so you cannot record a conversation on it"
    ):
        conversation_record(
            actor=social_worker,
            contact=contact,
            data=ConversationData(kind="listen_and_connect", held_on=timezone.localdate(), what_matters="x"),
        )


def test_every_outcome_has_a_sequel_rule():
    assert set(STS001_SEQUEL) == set(EventOutcome.values)
    assert STS001_SEQUEL[EventOutcome.REABLEMENT] == "Short Term Support to Maximise Independence"
    assert STS001_SEQUEL[EventOutcome.NFA_DECEASED] == "No Services Provided – Deceased"


def test_unknown_outcome(social_worker, contact):
    with pytest.raises(ValidationError, match="Select how the contact ended"):
        contact_close(actor=social_worker, contact=contact, outcome="vanished")


def test_commissioner_cannot_close(commissioner, contact):
    with pytest.raises(PermissionDenied):
        contact_close(actor=commissioner, contact=contact, outcome=EventOutcome.NFA_OTHER)


def test_the_contact_page_records_and_closes(social_worker_client, contact):
    today = timezone.localdate()
    asked = {"action": "conversation", "conversation-kind": "listen_and_connect",
             "conversation-held_on-day": today.day, "conversation-held_on-month": today.month,
             "conversation-held_on-year": today.year, "conversation-what_matters": "Her garden."}  # fmt: skip
    refused = social_worker_client.post(f"/front-door/contacts/{contact.pk}/", asked).content.decode()
    assert "Select how the conversation was held" in refused
    response = social_worker_client.post(
        f"/front-door/contacts/{contact.pk}/", {**asked, "conversation-method": "telephone"}
    )
    assert response.status_code == 302
    assert contact.conversations.get().method == "telephone"
    page = social_worker_client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Her garden." in page
    errors = social_worker_client.post(f"/front-door/contacts/{contact.pk}/", {"action": "close"}).content.decode()
    assert "Select how the contact ended" in errors
    response = social_worker_client.post(
        f"/front-door/contacts/{contact.pk}/", {"action": "close", "close-outcome": "reablement"}
    )
    assert response.status_code == 302
    page = social_worker_client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Short Term Support to Maximise Independence" in page


def test_a_conversation_held_in_a_way_not_in_the_list_is_refused(social_worker, contact):
    """How a conversation was held is CLD's Method of Assessment, in its Release 2 list (standards.md §1.5)."""
    with pytest.raises(ValidationError) as error:
        conversation_record(
            actor=social_worker,
            contact=contact,
            data=ConversationData(kind="listen_and_connect", held_on=timezone.localdate(), what_matters="x",
                                  method="carrier pigeon"),
        )  # fmt: skip
    assert error.value.message_dict["method"] == ["Select how the conversation was held"]
