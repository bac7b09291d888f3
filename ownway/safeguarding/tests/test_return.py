"""The Safeguarding Adults Collection built from the records, from worked examples."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ownway.core.dates import financial_year
from ownway.people.models import CodeValue
from ownway.safeguarding.models import Enquiry, SafeguardingAdultsReview
from ownway.safeguarding.sac import age_band, build_return, year_named
from ownway.safeguarding.services import (
    ClosingData,
    ConcernData,
    DecisionData,
    PersonalData,
    RiskData,
    concern_raise_for_person,
    concern_raise_public,
    decision_record,
    enquiry_close,
    enquiry_personal,
    enquiry_risks,
)

pytestmark = pytest.mark.django_db


def test_years_and_age_bands():
    year = year_named("2026-27")
    assert (year.first_day, year.last_day) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert year_named("2026/27") == year
    for bad in ("2026-28", "26-27", "abc", "9" * 50):
        with pytest.raises(ValueError, match="like 2026-27"):
            year_named(bad)
    assert age_band(dt.date(1941, 6, 1), dt.date(2026, 5, 31)) == "75-84"  # 84 the day before their birthday
    assert age_band(dt.date(1941, 6, 1), dt.date(2026, 6, 1)) == "85-94"
    assert age_band(dt.date(1930, 1, 1), dt.date(2026, 6, 1)) == "95+"
    assert age_band(dt.date(1990, 1, 1), dt.date(2026, 6, 1)) == "18-64"


def _decide(concern, actor, outcome="s42"):
    met = outcome == "s42"
    data = DecisionData(view_sought="asked", adult_view="Keep my money safe", has_care_needs=True,
                        has_care_needs_reasons="Dementia", at_risk=True, at_risk_reasons="Withdrawals",
                        cannot_protect=met, cannot_protect_reasons="Cannot manage her account",
                        outcome=outcome)  # fmt: skip
    decision_record(actor=actor, concern=concern, data=data)
    concern.refresh_from_db()
    return getattr(concern, "enquiry", None)


@pytest.fixture
def year_of_records(person, safeguarder):
    """Mrs Lovelace (born 4 June 1950, female, white British, physical support): a neighbour's anonymous concern
    about financial abuse by her nephew, a s.42 enquiry closed with the risk reduced and her outcomes partly
    achieved; a second concern about her leading to an "other" enquiry; and an anonymous concern never linked."""
    person.gender = CodeValue.objects.get(list="gender", code="female")
    person.ethnicity = CodeValue.objects.get(list="ethnicity", code="white_british")
    person.primary_support_reason = CodeValue.objects.get(list="primary_support_reason", code="physical_personal_care")
    person.save()
    concern = concern_raise_public(data=ConcernData(what_happened="Her nephew takes her card"), client_hash="x")
    concern.person = person
    concern.save()
    enquiry = _decide(concern, safeguarder)
    enquiry_personal(actor=safeguarder, enquiry=enquiry, data=PersonalData(
        msp_asked="asked_expressed", asked_who="adult", desired_outcomes="Keep my money safe", capacity="did_not_lack",
        advocacy="not_needed"))  # fmt: skip
    enquiry_risks(actor=safeguarder, enquiry=enquiry, data=RiskData(
        risk_types=["financial", "psychological"], location="own_home",
        sources=["known_relative", "known_other"]))  # fmt: skip
    enquiry_close(actor=safeguarder, enquiry=enquiry, data=ClosingData(
        risk_assessment_outcome="identified_action", risk_outcome="reduced", msp_achieved="partly"))  # fmt: skip
    second = concern_raise_for_person(actor=safeguarder, person=person, data=ConcernData(what_happened="Shouting"))
    _decide(second, safeguarder, outcome="other")
    concern_raise_public(data=ConcernData(what_happened="Someone is not being fed"), client_hash="y")
    this_year = financial_year(timezone.localdate())
    SafeguardingAdultsReview.objects.create(title="SAR 1", basis="must", started_on=this_year.first_day,
                                            concluded_on=this_year.first_day, individuals_died=1)  # fmt: skip
    return enquiry


def test_the_return_counts_the_journey(year_of_records):
    built = build_return(financial_year(timezone.localdate()))
    assert built.figure("SG1f", "Total safeguarding concerns", "Count") == 3
    assert built.figure("SG1f", "Total section 42 enquiries", "Count") == 1
    assert built.figure("SG1f", "Total other enquiries", "Count") == 1
    # Mrs Lovelace is one individual in the concerns row, though two concerns were about her; the anonymous
    # concern about someone never identified counts in SG1f only.
    assert built.figure("SG1a", "Concerns", "Total") == 1
    age = age_band(dt.date(1950, 6, 4), timezone.localdate())
    assert built.figure("SG1a", "S42 Enquiries", age) == 1
    assert built.figure("SG1b", "S42 Enquiries", "Female") == 1
    assert built.figure("SG1c", "S42 Enquiries", "White") == 1
    assert built.figure("SG1d", "Other Enquiries", "Physical Support") == 1
    # Two sources both "known to the individual": one count in that category, for each type of risk.
    assert built.figure("SG2a", "Financial or Material", "Other - Known to Individual") == 1
    assert built.figure("SG2a", "Psychological", "Other - Known to Individual") == 1
    assert built.figure("SG2a", "Financial or Material", "Total") == 1
    assert built.figure("SG2b", "Own Home", "Other - Known to Individual") == 1
    assert built.figure("SG2a_b1", "Financial or Material", "Own Home") == 1
    assert built.figure("SG2c", "Risk identified and action taken", "Count") == 1
    assert built.figure("SG2e", "Risk reduced", "Count") == 1
    assert built.figure("SG3a", "No, they did not lack capacity", "Count") == 1
    assert built.figure("SG4a", "Yes they were asked and outcomes were expressed", "Count") == 1
    assert built.figure("SG4a", "Of outcomes expressed: Partially Achieved", "Count") == 1
    assert built.figure("SG5a", "SARs where one or more individuals died", "Count") == 1
    # The open "other" enquiry is not concluded, and other enquiries are not in SG2 onwards.
    assert Enquiry.objects.filter(kind="other", status="open").count() == 1


def test_the_command_writes_each_table(year_of_records, tmp_path):
    year = financial_year(timezone.localdate()).label.replace("/", "-")
    call_command("safeguarding_return", "--year", year, "--output", str(tmp_path / "sac"))
    with (tmp_path / "sac" / "SG2e.csv").open() as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Risk outcome", "Count"]
    assert ["Risk reduced", "1"] in rows
    assert len(list((tmp_path / "sac").glob("*.csv"))) == 15
    with pytest.raises(CommandError, match="like 2026-27"):
        call_command("safeguarding_return", "--year", "next year", "--output", str(tmp_path))


def test_the_demo_makes_concerns_at_every_stage_and_the_return_counts_them(person, other_team_person):
    from ownway.safeguarding.demo import generate_safeguarding
    from ownway.safeguarding.models import Concern

    lines = generate_safeguarding(seed=3)
    assert lines[0].startswith("Safeguarding: 12 concerns over the last year")
    assert Concern.objects.count() == 12
    assert Concern.objects.filter(status="new").count() >= 3
    built = build_return(financial_year(timezone.localdate()))
    assert built.figure("SG1f", "Total safeguarding concerns", "Count") <= 12


def test_clearing_the_demo_city_removes_its_safeguarding_records_and_keeps_the_council_lists(person, other_team_person):
    from ownway.people.demo.builder import clear_city
    from ownway.people.models import Person
    from ownway.planning.tests.factories import directory_service
    from ownway.safeguarding.demo import generate_safeguarding
    from ownway.safeguarding.models import Concern, LargeScaleEnquiry, SafeguardingValue

    service = directory_service("Elm Lodge care home", organization="Elm Care Ltd")
    service.kind, service.cqc_location_id = "commissioned", "1-000000001"
    service.save()
    lines = generate_safeguarding(seed=3)
    assert lines[0].endswith("a large-scale enquiry into Elm Lodge care home")
    assert LargeScaleEnquiry.objects.get().concerns.count() >= 1
    values = SafeguardingValue.objects.count()
    removed = clear_city()
    assert removed["safeguarding concerns"] == 12
    assert not Concern.objects.exists()
    assert not Person.objects.exists()
    assert SafeguardingValue.objects.count() == values


def test_the_safeguarding_lead_sees_the_same_figures(year_of_records, safeguarding_lead, safeguarder):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(safeguarding_lead)
    page = client.get(reverse("safeguarding:figures")).content.decode()
    assert "SG4a" in page
    assert "Of outcomes expressed: Partially Achieved" in page
    assert "like 2026-27" in client.get(reverse("safeguarding:figures"), {"year": "soon"}).content.decode()
    worker = Client()
    worker.force_login(safeguarder)
    assert worker.get(reverse("safeguarding:figures")).status_code == 403
