"""The demo city's Client Level Data check: made from the city's records, with its failures known field by field."""

import pytest

from ownway.assessments.demo import generate_casework
from ownway.people.demo.builder import generate_city
from ownway.planning.demo import generate_plans
from ownway.reporting.demo import clear_cld_checks, generate_cld_check
from ownway.reporting.models import CldCheck, CldFailure
from ownway.reviews.demo import generate_reviews

pytestmark = pytest.mark.django_db


def test_the_demo_city_has_a_checked_extract_and_clears_it(settings, tmp_path):
    settings.OWNWAY_BACS_DIR = tmp_path
    generate_city(people=300, seed=5)
    generate_casework(seed=5, per_team=2)
    generate_plans()
    generate_reviews()
    lines = generate_cld_check()
    check = CldCheck.objects.get()
    assert check.rows > 0
    kinds = {s["name"]: s for s in check.scores}
    assert kinds["Event Type"]["valid"] == check.rows
    assert lines[0].startswith("Client Level Data extract")
    # The demo city's extract is fit to send: no field of any row fails (mandatory and blank, or not valid).
    failing = {s["name"]: (s["missing"], s["invalid"]) for s in check.scores if s["missing"] or s["invalid"]}
    assert failing == {}
    assert check.failures == 0
    assert {s["name"]: s["valid"] for s in check.scores}["Method of Assessment"] > 0
    kept = CldFailure.objects.count()
    assert clear_cld_checks() == {"Client Level Data checks and their failures": 1 + kept}
    assert not CldCheck.objects.exists()
