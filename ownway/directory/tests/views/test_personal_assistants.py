"""The register of personal assistants: only those who consent are listed, and only staff see it."""

from __future__ import annotations

import pytest

from ownway.directory.models import PersonalAssistant


def add(client, **overrides):
    data = {
        "action": "add",
        "pa-name": "Jo Bloggs",
        "pa-phone": "07700 900123",
        "pa-skills": "Cooking, the gym",
        "pa-areas": "b13 b14",
        "pa-availability": "Saturdays and weekday evenings",
        "pa-hourly_rate": "14.50",
        "pa-consent": "on",
    }
    data.update(overrides)
    return client.post("/directory/personal-assistants/", data)


def test_broker_adds_finds_and_takes_off_a_personal_assistant(broker_client, social_worker_client):
    assert add(broker_client).status_code == 302
    assistant = PersonalAssistant.objects.get()
    assert assistant.areas == "B13, B14"
    page = social_worker_client.get("/directory/personal-assistants/", {"area": "b14"}).content.decode()
    assert "Jo Bloggs" in page
    assert "£14.50" in page
    assert (
        "Jo Bloggs" not in social_worker_client.get("/directory/personal-assistants/", {"area": "B1"}).content.decode()
    )
    assert (
        social_worker_client.post(
            "/directory/personal-assistants/", {"action": "withdraw", "assistant": assistant.pk}
        ).status_code
        == 403
    )
    broker_client.post("/directory/personal-assistants/", {"action": "withdraw", "assistant": assistant.pk})
    assert "Jo Bloggs" not in social_worker_client.get("/directory/personal-assistants/").content.decode()


def test_no_consent_no_listing(broker_client):
    page = add(broker_client, **{"pa-consent": ""}).content.decode()
    assert "A personal assistant can only be listed if they agree to it" in page
    page = add(broker_client, **{"pa-hourly_rate": "lots"}).content.decode()
    assert "Enter an hourly rate in pounds and pence, like 14.50" in page
    assert not PersonalAssistant.objects.exists()


def test_citizens_and_providers_cannot_see_the_register(citizen_client, provider_client, commissioner_client):
    for client in (citizen_client, provider_client, commissioner_client):
        assert client.get("/directory/personal-assistants/").status_code == 403


def test_the_register_writes_each_personal_assistant_shown(broker_client, social_worker_client, social_worker):
    from ownway.accounts.models import AuditEvent
    from ownway.directory import events

    add(broker_client)
    add(broker_client, **{"pa-name": "Sam Smith", "pa-areas": "B1"})
    social_worker_client.get("/directory/personal-assistants/", {"area": "b14"})
    shown = AuditEvent.objects.filter(action=events.PA_REGISTER_VIEWED, actor=social_worker)
    assert list(shown.values_list("subject_id", flat=True)) == [str(PersonalAssistant.objects.get(name="Jo Bloggs").pk)]
    assert shown.get().new == {"area": "b14"}


def test_the_register_is_searched_by_any_part_of_a_name_whatever_the_accents_and_paged(
    broker_client, social_worker_client
):
    assert add(broker_client, **{"pa-name": "Zoë Ní Bhriain-Øster"}).status_code == 302
    for n in range(30):
        assert add(broker_client, **{"pa-name": f"Assistant {n:02d}"}).status_code == 302
    for query in ("zoe", "Bhriain", "oster ni"):
        page = social_worker_client.get("/directory/personal-assistants/", {"q": query}).text
        assert "Zoë Ní Bhriain-Øster" in page, query
        assert "Assistant 00" not in page, query
    first = social_worker_client.get("/directory/personal-assistants/").text
    assert "31 personal assistants" in first
    assert 'class="govuk-pagination' in first
    assert "Assistant 00" in first
    second = social_worker_client.get("/directory/personal-assistants/", {"page": "2"}).text
    assert "Assistant 00" not in second
    assert "Zoë Ní Bhriain-Øster" in second  # names in order: "Assistant …" then "Zoë …"


def test_details_longer_than_the_register_holds_are_messages(broker_client):
    long_email = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".com"
    page = add(broker_client, **{"pa-email": long_email}).content.decode()
    assert "Email address must be 254 characters or fewer" in page
    page = add(broker_client, **{"pa-areas": " ".join(["b1"] * 85)}).content.decode()
    assert "The list of postcode districts must be 255 characters or fewer" in page
    assert not PersonalAssistant.objects.exists()


@pytest.mark.parametrize("assistant", ["abc", "1e309", "-1", "9" * 5000, "\x00", ""])
def test_a_tampered_assistant_to_take_off_is_not_found(broker_client, assistant):
    add(broker_client)
    response = broker_client.post("/directory/personal-assistants/", {"action": "withdraw", "assistant": assistant})
    assert response.status_code == 404
    assert PersonalAssistant.objects.get().consent_withdrawn_at is None
