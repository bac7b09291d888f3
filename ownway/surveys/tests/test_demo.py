"""The demo city's survey round: people asked, about two in three answered by each channel, the demo citizen's
left for them to answer, and the results page shows the round."""

import pytest

from ownway.accounts.models import User
from ownway.people.demo.builder import generate_city
from ownway.planning.demo import generate_plans
from ownway.reviews.demo import generate_reviews
from ownway.surveys.demo import clear_surveys, generate_surveys
from ownway.surveys.models import SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_demo_runs_a_survey_round(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path
    generate_city(people=300, seed=5)
    generate_plans()
    generate_reviews()
    (line,) = generate_surveys(seed=5)
    asked = SurveyInvitation.objects.filter(reason__in=["plan", "round"]).count()
    answered = SurveyResponse.objects.count()
    assert line.startswith(f"Surveys: {asked} people asked")
    assert asked == 60
    assert 25 <= answered <= 55
    citizen = User.objects.get(username="citizen")
    mine = SurveyInvitation.objects.get(person=citizen.person, survey__key="poet")
    assert not SurveyResponse.objects.filter(invitation=mine).exists()
    assert set(SurveyResponse.objects.values_list("channel", flat=True)) >= {"paper", "worker"}
    # Again adds no one: once a round.
    generate_surveys(seed=5)
    assert SurveyInvitation.objects.filter(reason__in=["plan", "round"]).count() == asked
    cleared = clear_surveys()
    assert cleared["surveys sent"] >= asked
    assert not SurveyInvitation.objects.exists()
