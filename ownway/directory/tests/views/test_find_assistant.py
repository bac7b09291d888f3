"""A person with a direct payment finds a personal assistant to employ; anyone else is told how to get one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ownway.directory.models import PersonalAssistant
from ownway.directory.services import PersonalAssistantData, personal_assistant_register
from ownway.payments.tests.factories import agreement_for

URL = "/directory/find-a-personal-assistant/"


def listed(broker, name, *, areas="B13, B14", skills="Cooking, personal care", languages="", availability="Evenings"):
    return personal_assistant_register(
        actor=broker,
        data=PersonalAssistantData(
            name=name,
            skills=skills,
            areas=areas,
            availability=availability,
            hourly_rate=Decimal("14.50"),
            consent=True,
            phone="07700 900123",
            languages=languages,
        ),
    )


@pytest.fixture
def employer(social_worker, team_manager, person, citizen):
    agreement_for(social_worker, team_manager, person)
    return citizen


def test_a_citizen_without_a_direct_payment_is_told_how_to_get_one(citizen_client, broker):
    listed(broker, "Jo Bloggs")
    response = citizen_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "How to get a direct payment" in page
    assert "Jo Bloggs" not in page
    assert "/directory/employing-a-pa/" in page


def test_staff_providers_and_strangers_are_not_shown_the_citizens_search(social_worker_client, provider_client, client):
    assert social_worker_client.get(URL).status_code == 403
    assert provider_client.get(URL).status_code == 403
    assert client.get(URL).status_code == 302


def test_a_direct_payment_holder_finds_a_pa_by_area_skills_language_and_time(employer, citizen_client, broker):
    listed(broker, "Jo Bloggs", areas="B13, B14", languages="Punjabi, Urdu", availability="Weekday evenings")
    listed(broker, "Sam Smith", areas="B30", skills="Gardening, going out", availability="Saturdays")
    withdrawn = listed(broker, "Alex Gone", areas="B13")
    withdrawn.consent_withdrawn_at = withdrawn.consent_given_at
    withdrawn.save()

    def found(**query):
        page = citizen_client.get(URL, query).content.decode()
        return [name for name in ("Jo Bloggs", "Sam Smith", "Alex Gone") if name in page]

    assert found() == ["Jo Bloggs", "Sam Smith"]
    assert found(area="b13") == ["Jo Bloggs"]
    assert found(area="B13 9AB") == ["Jo Bloggs"]
    assert found(area="B") == ["Jo Bloggs", "Sam Smith"]
    assert found(area="B1") == []
    assert found(area="not a postcode") == []
    assert found(skills="gardening") == ["Sam Smith"]
    assert found(language="urdu") == ["Jo Bloggs"]
    assert found(availability="saturday") == ["Sam Smith"]
    assert found(area="B13", skills="cooking", language="punjabi", availability="evenings") == ["Jo Bloggs"]
    page = citizen_client.get(URL, {"area": "B13"}).content.decode()
    assert "07700 900123" in page
    assert "£14.50" in page
    assert "Punjabi, Urdu" in page


def test_the_search_is_paged_and_writes_each_pa_shown(employer, citizen_client, broker):
    from ownway.accounts.models import AuditEvent
    from ownway.directory import events

    for n in range(12):
        listed(broker, f"Assistant {n:02}")
    first = citizen_client.get(URL).content.decode()
    assert "12 personal assistants" in first
    assert "Assistant 09" in first
    assert "Assistant 10" not in first
    assert "Assistant 10" in citizen_client.get(URL, {"page": "2"}).content.decode()
    assert AuditEvent.objects.filter(action=events.PA_REGISTER_VIEWED, actor=employer).count() == 12


def test_an_ended_direct_payment_no_longer_opens_the_register(employer, citizen_client, broker, person):
    from ownway.payments.models import AgreementStatus

    listed(broker, "Jo Bloggs")
    person.direct_payments.update(status=AgreementStatus.ENDED)
    page = citizen_client.get(URL).content.decode()
    assert "Jo Bloggs" not in page
    assert "How to get a direct payment" in page


def test_a_listing_needs_consent_and_the_languages_are_kept(broker_client):
    data = {
        "action": "add",
        "pa-name": "Jo Bloggs",
        "pa-phone": "07700 900123",
        "pa-skills": "Cooking",
        "pa-areas": "B13",
        "pa-availability": "Evenings",
        "pa-languages": "Polish",
        "pa-hourly_rate": "14.50",
    }
    page = broker_client.post("/directory/personal-assistants/", data).content.decode()
    assert "A personal assistant can only be listed if they agree to it" in page
    assert not PersonalAssistant.objects.exists()
    broker_client.post("/directory/personal-assistants/", {**data, "pa-consent": "on"})
    assert PersonalAssistant.objects.get().languages == "Polish"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "topic", ["recruiting", "job-description", "contract", "payroll", "insurance", "holiday-pay", "sickness"]
)
def test_the_employer_guidance_is_public_and_names_its_sources(client, topic):
    page = client.get(f"/directory/employing-a-pa/{topic}/").content.decode()
    assert "gov.uk" in page
    assert "skillsforcare.org.uk" in page
    assert client.get("/directory/employing-a-pa/no-such-topic/").status_code == 404
    index = client.get("/directory/employing-a-pa/").content.decode()
    assert f"/directory/employing-a-pa/{topic}/" in index
