"""The demo casework: made through the services, so every contact and assessment is a valid one."""

from ownway.accounts.models import User
from ownway.assessments.demo import generate_casework
from ownway.assessments.models import Assessment, AssessmentStatus
from ownway.assessments.worklists import worklist_for_team
from ownway.frontdoor.models import Contact, ContactStatus
from ownway.people.demo.builder import generate_city


def test_the_demo_city_has_casework_on_every_worklist(db):
    generate_city(people=300, seed=5)
    summary = generate_casework(seed=5, per_team=6)
    assert summary.contacts_open == Contact.objects.filter(status=ContactStatus.OPEN).count() > 0
    assert summary.contacts_closed == Contact.objects.filter(status=ContactStatus.CLOSED).count() > 0
    assert summary.assessments_completed == Assessment.objects.filter(status=AssessmentStatus.COMPLETED).count() > 0
    assert all(a.determinations.exists() for a in Assessment.objects.filter(status=AssessmentStatus.COMPLETED))
    worklist = worklist_for_team(user=User.objects.get(username="team_manager"))
    assert worklist.contacts
    assert worklist.assessments
    assert worklist.overdue >= 1


def test_carers_get_carers_assessments_and_no_one_else_does(db):
    generate_city(people=300, seed=5)
    generate_casework(seed=5, per_team=6)
    of_carers = Assessment.objects.filter(person__primary_support_reason__code="social_support_to_carer")
    assert of_carers.exists()
    assert set(of_carers.values_list("kind", flat=True)) == {"carer"}
    others = Assessment.objects.exclude(person__primary_support_reason__code="social_support_to_carer")
    assert set(others.values_list("kind", flat=True)) == {"needs"}
    decided = of_carers.filter(status=AssessmentStatus.COMPLETED)
    assert all(a.findings.exists() for a in decided)


def test_casework_grows_with_the_size_of_a_teams_caseload():
    from ownway.assessments.demo import casework_for_team

    assert casework_for_team(1_800) == 12  # a team of the demo city
    assert casework_for_team(9_000) == 60  # the same team in a city five times the size
    assert casework_for_team(40) == 2  # every team has some work to show
    assert casework_for_team(9_000, per_team=6) == 6


def test_the_demo_casework_is_in_proportion_to_each_caseload(db):
    from ownway.accounts.models import Team
    from ownway.assessments.demo import casework_for_team
    from ownway.people.models import Person

    generate_city(people=600, seed=5)
    generate_casework(seed=5)
    for team in Team.objects.filter(contacts__isnull=False).distinct():
        assert Contact.objects.filter(team=team).count() == casework_for_team(Person.objects.filter(team=team).count())
