"""Telling the person what they pay: the contribution letter, sent the way they chose.

The letter is the financial assessment's own (the page at /money/ID/ and its PDFs), so what is sent is
what the person reads online. A letter never goes while a figure it uses is not confirmed: once the finance
team confirms the figure (on the year's figures page, :func:`~.services.charging_rule_set_save`), the
contribution is worked out again and the new assessment's letter goes.
"""

from __future__ import annotations

from django.urls import reverse

from ownway.accounts.models import User
from ownway.people.models import Letter
from ownway.people.services import letter_send
from ownway.ui.pdf import render_pdf

from .models import AssessmentReason, FinancialAssessment


def contribution_pdf(fa: FinancialAssessment, *, easy_read: bool) -> bytes:
    return render_pdf("charging/letter_pdf.html", {"fa": fa, "easy_read_version": easy_read})


def contribution_letter_pdfs(letter: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The contribution letter's PDFs, for the email that carries it (its subject is the assessment)."""
    fa = FinancialAssessment.objects.select_related("person").get(pk=letter.subject_id)
    reference = fa.person.reference
    files = [(f"contribution-{reference}.pdf", contribution_pdf(fa, easy_read=False))]
    if easy_read_too:
        files.append((f"contribution-{reference}-easy-read.pdf", contribution_pdf(fa, easy_read=True)))
    return files


def contribution_letter_send(*, actor: User | None, fa: FinancialAssessment) -> Letter | None:
    """Tell the person their contribution (in the caller's transaction), unless a figure it uses is unconfirmed
    (then nothing is sent, and ``None`` is returned)."""
    if fa.warnings:
        return None
    changed = fa.reason == AssessmentReason.COST_OF_CARE

    return letter_send(
        actor=actor,
        person=fa.person,
        about="What you pay has changed" if changed else "What you pay towards your care",
        opening=(
            "Your support plan changed the cost of your care, so we have worked out again what you pay towards it. "
            "The letter says what changed and from when."
            if changed
            else "We have worked out what you pay towards your care and support. The letter says how much, from "
            "when, and how we worked it out."
        ),
        page=reverse("charging:assessment", kwargs={"pk": fa.pk}),
        pdf=reverse("charging:letter_pdf", kwargs={"pk": fa.pk}),
        easy_read_pdf=reverse("charging:letter_easy_read_pdf", kwargs={"pk": fa.pk}),
        pdfs=contribution_letter_pdfs,
        subject=fa,
    )
