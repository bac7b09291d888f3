"""The response letter to a complaint: plain English and easy read, on screen and as a PDF.

Reg 14(1)(b) of SI 2009/309: the response says how the complaint was considered, the conclusions, the action
taken or to be taken, and the complainant's right to go to the Local Government and Social Care Ombudsman. The
letter gives the Ombudsman's route and the date to go by (the council's ``ombudsman`` timescale from the answer).

A letter is made only when everything it must say is recorded: :func:`letter_problems` names anything missing,
and the pages show that instead of a letter with a gap in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from ownway.accounts.models import User
from ownway.people.models import Letter
from ownway.people.services import letter_send
from ownway.ui.pdf import render_pdf

from .models import Complaint, Outcome, Stage

OMBUDSMAN = {
    "name": "Local Government and Social Care Ombudsman",
    "website": "www.lgo.org.uk",
    "phone": "0300 061 0614",
}


@dataclass(frozen=True)
class ResponseLetter:
    complaint: Complaint
    name: str
    address_lines: list[str]
    dated: dt.date
    ombudsman_by: dt.date
    review_due: dt.date | None

    def context(self, *, easy_read: bool) -> dict[str, Any]:
        return {
            "letter": self,
            "complaint": self.complaint,
            "easy_read_version": easy_read,
            "Outcome": Outcome,
            "ombudsman": OMBUDSMAN,
        }


def letter_problems(complaint: Complaint) -> list[str]:
    """What the letter would lack: each a sentence; empty when the letter can be made."""
    problems = []
    if not complaint.can_reply:
        problems.append("The complaint gave no way to reach the person who made it: no reply can be sent")
    if not complaint.responded_on:
        problems.append("The complaint has not been answered yet")
    if complaint.outcome not in Outcome.values:
        problems.append("The outcome (upheld, partly upheld or not upheld) is not recorded")
    if not complaint.findings:
        problems.append("What we found is not recorded")
    if complaint.outcome in (Outcome.UPHELD, Outcome.PARTLY) and not (complaint.what_changed or complaint.review_id):
        problems.append("What changed is not recorded")
    if not (complaint.complainant_name or complaint.person_id):
        problems.append("There is no name to write to")
    return problems


def response_letter_of(complaint: Complaint) -> ResponseLetter | None:
    """The letter, or None while :func:`letter_problems` finds anything missing."""
    from .services import period, working_days

    if letter_problems(complaint):
        return None
    assert complaint.responded_on is not None
    person = complaint.person
    name = complaint.complainant_name or (person.full_name if person else "")
    if person is not None and complaint.made_by == "person":
        lines = person.address_lines
    else:
        lines = [line.strip() for line in complaint.address.splitlines() if line.strip()]
    ombudsman_by = period(complaint.procedure, Stage.OMBUDSMAN).after(complaint.responded_on, working_days())
    review = complaint.review
    return ResponseLetter(
        complaint=complaint,
        name=name,
        address_lines=lines,
        dated=complaint.responded_on,
        ombudsman_by=ombudsman_by,
        review_due=review.due_on if review is not None else None,
    )


def letter_pdf(letter: ResponseLetter, *, easy_read: bool) -> bytes:
    return render_pdf("complaints/letter_pdf.html", letter.context(easy_read=easy_read))


def response_letter_pdfs(sent: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The response's PDFs, for the email that carries it (its subject is the complaint)."""
    complaint = Complaint.objects.select_related("person", "review").get(pk=sent.subject_id)
    letter = response_letter_of(complaint)
    if letter is None:
        return []
    files = [(f"complaint-{complaint.reference}.pdf", letter_pdf(letter, easy_read=False))]
    if easy_read_too:
        files.append((f"easy-read-complaint-{complaint.reference}.pdf", letter_pdf(letter, easy_read=True)))
    return files


def response_letter_send(*, actor: User, complaint: Complaint) -> Letter | None:
    """Send the response to the person the complaint is about, the way they chose (in the caller's transaction);
    nothing when the letter cannot be made."""
    if complaint.person is None or response_letter_of(complaint) is None:
        return None
    return letter_send(
        actor=actor,
        person=complaint.person,
        about="Our answer to your complaint",
        opening=(
            "We have looked into your complaint. The letter says what we found, what we are doing about it, and "
            "what to do if you are still unhappy."
        ),
        page=reverse("complain:response", kwargs={"pk": complaint.pk}),
        pdf=reverse("complain:response_pdf", kwargs={"pk": complaint.pk}),
        easy_read_pdf=reverse("complain:response_easy_read_pdf", kwargs={"pk": complaint.pk}),
        pdfs=response_letter_pdfs,
        subject=complaint,
    )
