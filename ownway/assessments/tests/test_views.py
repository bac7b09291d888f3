import pytest

from ownway.assessments.models import Assessment, EligibilityDetermination


def _start(client, person, kind="needs"):
    response = client.post(f"/assessments/start/{person.pk}/", {"kind": kind})
    assert response.status_code == 302
    return Assessment.objects.get(person=person, kind=kind)


def test_the_whole_task_list(social_worker_client, person):
    body = social_worker_client.get(f"/people/{person.pk}/").content.decode()
    assert "Start a needs assessment" in body
    assessment = _start(social_worker_client, person)
    tasks = social_worker_client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Cannot start yet" in tasks
    response = social_worker_client.post(
        f"/assessments/{assessment.pk}/about/", {"own_words": "I want to cook for my grandchildren again."}
    )
    assert "Select how the assessment was carried out" in response.content.decode()
    response = social_worker_client.post(
        f"/assessments/{assessment.pk}/about/",
        {"method": "face_to_face", "own_words": "I want to cook for my grandchildren again."},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.method == "face_to_face"
    response = social_worker_client.post(
        f"/assessments/{assessment.pk}/conditions/",
        {"arises_from_impairment_or_illness": "yes", "significant_impact_on_wellbeing": "yes",
         "capacity": "has_capacity", "advocacy": "none"},
    )  # fmt: skip
    assert response.status_code == 302
    response = social_worker_client.post(
        f"/assessments/{assessment.pk}/outcomes/",
        {"nutrition": ["unable_without_assistance"], "clothing": ["significant_pain_distress_or_anxiety"]},
    )
    assert response.status_code == 302
    page = social_worker_client.get(f"/assessments/{assessment.pk}/decide/").content.decode()
    assert "Their needs meet the eligibility criteria" in page
    assert "reg 2(1)(b)" in page
    response = social_worker_client.post(f"/assessments/{assessment.pk}/decide/", {"agrees": "yes"})
    assert response.status_code == 302
    assert EligibilityDetermination.objects.get().eligible


def test_conditions_must_be_answered(social_worker_client, person):
    assessment = _start(social_worker_client, person)
    body = social_worker_client.post(f"/assessments/{assessment.pk}/conditions/", {}).content.decode()
    assert "Select yes if the needs arise from an impairment or illness" in body
    assert "There is a problem" in body


def test_differing_needs_a_reason(social_worker_client, person):
    assessment = _start(social_worker_client, person, kind="carer")
    social_worker_client.post(
        f"/assessments/{assessment.pk}/conditions/",
        {"arises_from_providing_necessary_care": "yes", "health_deteriorating_or_at_risk": "yes",
         "significant_impact_on_wellbeing": "yes", "capacity": "has_capacity", "advocacy": "none"},
    )  # fmt: skip
    body = social_worker_client.post(f"/assessments/{assessment.pk}/decide/", {"agrees": "no"}).content.decode()
    assert "Explain why your decision differs" in body
    assert not EligibilityDetermination.objects.exists()


@pytest.mark.parametrize("client_fixture", ["commissioner_client", "citizen_client"])
def test_others_cannot_start(request, client_fixture, person):
    client = request.getfixturevalue(client_fixture)
    assert client.post(f"/assessments/start/{person.pk}/", {"kind": "needs"}).status_code == 403


def test_another_team_cannot_open(social_worker_client, other_team_person, team_manager):
    from ownway.assessments.services import assessment_start

    other_manager = team_manager
    other_manager.team = other_team_person.team
    other_manager.save()
    assessment = assessment_start(actor=other_manager, person=other_team_person)
    assert social_worker_client.get(f"/assessments/{assessment.pk}/").status_code == 403


def test_decision_letters(social_worker_client, person):
    assessment = _start(social_worker_client, person)
    assert social_worker_client.get(f"/assessments/{assessment.pk}/letter/").status_code == 404
    social_worker_client.post(
        f"/assessments/{assessment.pk}/conditions/",
        {"arises_from_impairment_or_illness": "yes", "significant_impact_on_wellbeing": "yes",
         "capacity": "has_capacity", "advocacy": "none"},
    )  # fmt: skip
    social_worker_client.post(
        f"/assessments/{assessment.pk}/outcomes/",
        {"nutrition": ["unable_without_assistance"], "toilet_needs": ["endangers_health_or_safety"]},
    )
    social_worker_client.post(f"/assessments/{assessment.pk}/decide/", {"agrees": "yes"})
    letter = social_worker_client.get(f"/assessments/{assessment.pk}/letter/").content.decode()
    assert "You have eligible needs for care and support." in letter
    assert "reg 2(1)(b)" in letter
    easy = social_worker_client.get(f"/assessments/{assessment.pk}/letter/easy-read/").content.decode()
    assert "We can help you." in easy
    assert "Using the toilet" in easy


def test_worklist_flags_overdue(social_worker_client, social_worker, person, other_team_person, team_manager):
    import datetime as dt

    from django.utils import timezone

    from ownway.assessments.services import assessment_start

    old = assessment_start(actor=social_worker, person=person, started_on=timezone.localdate() - dt.timedelta(days=30))
    team_manager.team = other_team_person.team
    team_manager.save()
    assessment_start(actor=team_manager, person=other_team_person)
    body = social_worker_client.get("/assessments/").content.decode()
    assert "1 open, 1 past the 28-day target" in body
    assert f"/assessments/{old.pk}/" in body
    assert "30 days, overdue" in body
    assert "Babbage" not in body


def test_worklist_is_not_for_commissioners(commissioner_client):
    assert commissioner_client.get("/assessments/").status_code == 403


def test_an_assessment_from_a_contact_counts_days_from_first_contact(social_worker_client, social_worker, person):
    import datetime as dt

    from django.utils import timezone

    from ownway.frontdoor.models import Contact
    from ownway.frontdoor.services import ContactData, contact_create

    contact = contact_create(
        actor=social_worker,
        data=ContactData(first_name="Ada", last_name="Lovelace", reason="Struggling at home.", source="gp",
                         person=person),
    )  # fmt: skip
    Contact.objects.filter(pk=contact.pk).update(received_at=timezone.now() - dt.timedelta(days=30))
    page = social_worker_client.get(f"/front-door/contacts/{contact.pk}/").content.decode()
    assert "Start a needs assessment" in page
    response = social_worker_client.post(f"/assessments/start/{person.pk}/", {"kind": "needs", "contact": contact.pk})
    assessment = Assessment.objects.get(contact=contact)
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    tasks = social_worker_client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Open 30 days: 2 days past the 28-day target, counted from first contact" in tasks
    assert "30 days, overdue" in social_worker_client.get("/assessments/").content.decode()


def test_a_contact_about_someone_else_cannot_start_their_assessment(social_worker, person, team):
    from django.core.exceptions import ValidationError

    from ownway.assessments.services import assessment_start
    from ownway.frontdoor.services import ContactData, contact_create
    from ownway.people.tests.factories import PersonFactory

    other = PersonFactory(team=team)
    contact = contact_create(
        actor=social_worker,
        data=ContactData(first_name="X", last_name="Y", reason="r", source="gp", person=other),
    )
    with pytest.raises(ValidationError, match="someone else"):
        assessment_start(actor=social_worker, person=person, contact=contact)


@pytest.mark.parametrize("tampered", ["²", "9" * 5000])
def test_a_tampered_contact_or_worker_id_is_not_a_server_error(
    social_worker_client, team_manager_client, person, tampered
):
    response = social_worker_client.post(f"/assessments/start/{person.pk}/", {"kind": "needs", "contact": tampered})
    assert response.status_code == 302
    assert Assessment.objects.get(person=person).contact is None
    assert team_manager_client.get("/assessments/team/", {"worker": tampered}).status_code == 200


def test_two_workers_saving_the_same_section_the_second_sees_both_and_loses_nothing(
    social_worker, team_manager, person
):
    from django.test import Client

    from ownway.assessments.services import assessment_start
    from ownway.ui.tests.stale import refused_stale_save, version_on_page

    assessment = assessment_start(actor=social_worker, person=person)
    url = f"/assessments/{assessment.pk}/about/"
    worker, manager = Client(), Client()
    worker.force_login(social_worker)
    manager.force_login(team_manager)
    worker_version = version_on_page(worker.get(url).content.decode())
    manager_version = version_on_page(manager.get(url).content.decode())
    assert (
        worker.post(
            url, {"method": "telephone", "own_words": "Back to the allotment", "lock_version": worker_version}
        ).status_code
        == 302
    )
    refused = manager.post(
        url, {"method": "telephone", "own_words": "Going to church", "lock_version": manager_version}
    )
    page, table = refused_stale_save(refused, "assessment")
    assert "Back to the allotment" in table
    assert "Going to church" in table
    assert ">Going to church</textarea>" in page
    assessment.refresh_from_db()
    assert assessment.own_words == "Back to the allotment"
    again = manager.post(
        url, {"method": "telephone", "own_words": "Going to church", "lock_version": version_on_page(page)}
    )
    assert again.status_code == 302
    assessment.refresh_from_db()
    assert assessment.own_words == "Going to church"


@pytest.mark.parametrize("kind", ["abc", "-1", "x" * 10_000, "\x00"])
def test_a_tampered_kind_of_assessment_says_what_to_choose_and_starts_nothing(social_worker_client, person, kind):
    response = social_worker_client.post(f"/assessments/start/{person.pk}/", {"kind": kind})
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/"
    page = social_worker_client.get(response["Location"]).content.decode()
    assert "Choose a needs assessment or a carer&#39;s assessment" in page
    assert not Assessment.objects.exists()
