"""The demo city's directory: real postcodes, every kind of entry, and provider accounts linked."""

from __future__ import annotations

from django.core.management import call_command

from ownway.directory.demo import build_feed
from ownway.directory.geocode import locate
from ownway.directory.models import Location, ProviderAccount, Service


def test_demo_feed_is_reproducible_and_at_real_postcodes(db):
    first = build_feed(services=30, seed=3)
    assert first == build_feed(services=30, seed=3)
    for record in first["services"][:10]:
        location = record["service_at_locations"][0]["location"]
        point = locate(location["addresses"][0]["postal_code"])
        assert point is not None
        assert (point.latitude, point.longitude) == (location["latitude"], location["longitude"])


def test_generate_directory_links_provider_accounts(provider, tmp_path):
    with (tmp_path / "out.txt").open("w") as out:
        call_command("generate_directory", "--services", "30", "--seed", "5", stdout=out)
    text = (tmp_path / "out.txt").read_text()
    assert "30 services added" in text
    assert "1 provider accounts linked" in text
    account = ProviderAccount.objects.get(user=provider)
    assert account.organization.name == "Friendly Day Services Ltd"
    assert Service.objects.filter(organization=account.organization).exists()
    assert Service.objects.filter(kind="commissioned").exists()
    assert Service.objects.filter(is_free=True).exists()
    assert Location.objects.filter(accessibility__feature="changing_places").exists()


def test_the_demo_register_has_personal_assistants_who_agreed_to_be_listed(db, tmp_path):
    from ownway.directory.demo import personal_assistants
    from ownway.directory.models import PersonalAssistant

    assert personal_assistants(seed=5) == personal_assistants(seed=5)
    with (tmp_path / "out.txt").open("w") as out:
        call_command("generate_directory", "--services", "5", "--seed", "5", stdout=out)
        call_command("generate_directory", "--services", "5", "--seed", "5", stdout=out)
    assert "12 personal assistants who agreed to be listed added" in (tmp_path / "out.txt").read_text()
    assistants = list(PersonalAssistant.objects.all())
    assert len(assistants) == 12
    assert all(assistant.is_listed for assistant in assistants)
    assert all(area.startswith("B") for assistant in assistants for area in assistant.areas.split(", "))
    assert any(assistant.languages for assistant in assistants)
