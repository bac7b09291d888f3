"""The yearly complaints report (reg 18) from the records, as a page and CSV; the demo makes complaints at every
stage; the person record's complaints section; the letter is refused while a figure is missing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ownway.complaints.letters import letter_problems, response_letter_of
from ownway.complaints.models import Complaint, Status
from ownway.complaints.report import build_report, year_named
from ownway.core.dates import financial_year

pytestmark = pytest.mark.django_db


def test_the_demo_makes_complaints_at_every_stage_and_the_report_counts_them(person, other_team_person, citizen,
                                                                             team_manager, officer_client):  # fmt: skip
    from ownway.complaints.demo import generate_complaints

    today = timezone.localdate()
    lines = generate_complaints(seed=3, today=today)
    assert lines[0].startswith("Complaints: 14 over the last year")
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {Status.RECEIVED, Status.ACKNOWLEDGED, Status.RESPONDED} <= statuses
    assert Complaint.objects.filter(late=True).exclude(waiver_reason="").exists()
    assert Complaint.objects.filter(made_by="anonymous").exists()
    rows = {row.label: row for row in build_report(financial_year(today))}
    received_this_year = Complaint.objects.filter(received_on__gte=financial_year(today).first_day).count()
    assert rows["Complaints received"].total == received_this_year
    answered = rows["Answered"].total
    assert answered == rows["Upheld"].total + rows["Partly upheld"].total + rows["Not upheld"].total
    page = officer_client.get(reverse("complaints:report"))
    assert page.status_code == 200
    assert "Answered within the agreed period" in page.content.decode()
    csv = officer_client.get(
        reverse("complaints:report_csv") + "?year=" + financial_year(today).label.replace("/", "-")
    )
    assert csv["Content-Type"].startswith("text/csv")
    assert f"{financial_year(today).label},Complaints received," in csv.content.decode()
    bad = officer_client.get(reverse("complaints:report") + "?year=2026-99")
    assert "Give the year like 2026-27" in bad.content.decode()
    worklist = officer_client.get(reverse("complaints:worklist")).content.decode()
    assert "To acknowledge (" in worklist
    assert "The yearly complaints report" in worklist
    from ownway.complaints.demo import clear_complaints

    assert clear_complaints() == {"complaints": 15}  # the 14 and the demo citizen's own
    assert not Complaint.objects.exists()


def test_year_names():
    assert year_named("2026-27").first_day == dt.date(2026, 4, 1)
    assert year_named("2026/27").last_day == dt.date(2027, 3, 31)
    for wrong in ("2026-28", "abc", "9" * 50, ""):
        with pytest.raises(ValueError, match="like 2026-27"):
            year_named(wrong)


def test_a_missing_figure_blocks_the_letter(citizen, person):
    from ownway.complaints.services import ComplaintData, complaint_make_online

    complaint = complaint_make_online(actor=citizen, person=person, data=ComplaintData(
        what_happened="Late visits", matter_on=timezone.localdate()))  # fmt: skip
    assert response_letter_of(complaint) is None
    assert "The complaint has not been answered yet" in letter_problems(complaint)
    Complaint.objects.filter(pk=complaint.pk).update(status=Status.RESPONDED, responded_on=timezone.localdate(),
                                                     outcome="upheld", findings="You were right")  # fmt: skip
    complaint.refresh_from_db()
    assert letter_problems(complaint) == ["What changed is not recorded"]
    assert response_letter_of(complaint) is None


def test_the_person_record_offers_to_record_a_complaint(social_worker_client, person, citizen_client):
    page = social_worker_client.get(reverse("people:person", kwargs={"pk": person.pk})).content.decode()
    assert reverse("complaints:record", kwargs={"pk": person.pk}) in page
    own = citizen_client.get(reverse("people:person", kwargs={"pk": person.pk}))
    if own.status_code == 200:
        assert reverse("complain:start") in own.content.decode()


def test_letters_that_say_make_a_complaint_link_to_the_online_page():
    from django.template import engines

    macros = engines["jinja2"].env.get_template("ui/letters.html").module  # type: ignore[attr-defined]
    assert '/complain/">online at' in str(macros.complaints())
    assert "/complain/easy-read/" in str(macros.if_you_disagree_easy_read("Ask us again"))
