"""Letters telling a person their indicative budget, and the answer when they asked us to look at it again.

The same words make the PDF (plain English and easy read), which is what goes by email or post and what the
person downloads from their home page. A letter says the amount, what it is for, what happens next and by
when, and how to ask for the budget to be looked at again (or, after that, how to complain).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ownway.accounts.models import User
from ownway.people.models import Letter, Person
from ownway.people.services import letter_send
from ownway.ui.pdf import render_pdf

from .models import AppealStatus, BudgetAppeal, IndicativeBudget


def planning_contact_days() -> int:
    """Days within which a worker contacts the person to write their support plan once their budget is set
    (``OWNWAY_PLANNING_CONTACT_DAYS``: a local standard, 14 unless the council sets it)."""
    return int(settings.OWNWAY_PLANNING_CONTACT_DAYS)


def who_will_contact(person: Person) -> str:
    """Who gets in touch next, as far as the record says: the named worker, else their team."""
    if person.named_worker is not None and person.named_worker.get_full_name():
        return person.named_worker.get_full_name()
    if person.team is not None:
        return f"Someone from {person.team.name}"
    return "Someone from adult social care"


@dataclass(frozen=True)
class BudgetLetter:
    """What a budget letter (or the answer to an appeal) says, for its template."""

    person: Person
    budget: IndicativeBudget
    #: Set for the answer to a request to look at the budget again.
    appeal: BudgetAppeal | None
    dated: dt.date
    contact_by: dt.date
    who: str
    appeal_days: int

    def context(self, *, easy_read: bool) -> dict[str, Any]:
        return {
            "letter": self,
            "person": self.person,
            "easy_read_version": easy_read,
            "AppealStatus": AppealStatus,
        }


def budget_letter_of(budget: IndicativeBudget, appeal: BudgetAppeal | None = None) -> BudgetLetter:
    """The letter about a budget, or about an appeal's answer (no permission check: callers have opened it)."""
    person = budget.person
    dated = timezone.localdate(appeal.decided_at if appeal is not None and appeal.decided_at else budget.calculated_at)
    return BudgetLetter(
        person=person,
        budget=budget,
        appeal=appeal,
        dated=dated,
        contact_by=dated + dt.timedelta(days=planning_contact_days()),
        who=who_will_contact(person),
        appeal_days=int(settings.OWNWAY_BUDGET_APPEAL_DAYS),
    )


def letter_pdf(letter: BudgetLetter, *, easy_read: bool) -> bytes:
    return render_pdf("allocation/letter_pdf.html", letter.context(easy_read=easy_read))


def _pdfs(letter: BudgetLetter, name: str, easy_read_too: bool) -> list[tuple[str, bytes]]:
    files = [(f"{name}-{letter.person.reference}.pdf", letter_pdf(letter, easy_read=False))]
    if easy_read_too:
        files.append((f"easy-read-{name}-{letter.person.reference}.pdf", letter_pdf(letter, easy_read=True)))
    return files


def budget_letter_pdfs(sent: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The budget letter's PDFs, for the email that carries it (its subject is the budget)."""
    budget = IndicativeBudget.objects.select_related("person").get(pk=sent.subject_id)
    return _pdfs(budget_letter_of(budget), "indicative-budget", easy_read_too)


def appeal_letter_pdfs(sent: Letter, easy_read_too: bool) -> list[tuple[str, bytes]]:
    """The PDFs of the answer to an appeal, for the email that carries it (its subject is the appeal)."""
    appeal = BudgetAppeal.objects.select_related("person", "budget").get(pk=sent.subject_id)
    budget = appeal.revised_budgets.first() or appeal.budget
    return _pdfs(budget_letter_of(budget, appeal), "budget-looked-at-again", easy_read_too)


def budget_letter_send(*, actor: User, budget: IndicativeBudget) -> Letter:
    """Tell the person their new indicative budget (in the caller's transaction)."""
    return letter_send(
        actor=actor,
        person=budget.person,
        about="Your indicative budget",
        opening=(
            "We have worked out your indicative budget: the money for your support, to plan how to spend it. "
            "The letter says how much it is, why, what happens next and what to do if you think it is not right."
        ),
        page=reverse("allocation:budget", kwargs={"pk": budget.pk}),
        pdf=reverse("allocation:letter_pdf", kwargs={"pk": budget.pk}),
        easy_read_pdf=reverse("allocation:letter_easy_read_pdf", kwargs={"pk": budget.pk}),
        pdfs=budget_letter_pdfs,
        subject=budget,
    )


def appeal_letter_send(*, actor: User, appeal: BudgetAppeal) -> Letter:
    """Tell the person the answer to their request to look at their budget again (in the caller's transaction)."""
    budget = appeal.revised_budgets.first() or appeal.budget
    return letter_send(
        actor=actor,
        person=appeal.person,
        about="We looked at your budget again",
        opening="You asked us to look at your indicative budget again. The letter says what we decided and why.",
        page=reverse("allocation:budget", kwargs={"pk": budget.pk}),
        pdf=reverse("allocation:appeal_letter_pdf", kwargs={"pk": appeal.pk}),
        easy_read_pdf=reverse("allocation:appeal_letter_easy_read_pdf", kwargs={"pk": appeal.pk}),
        pdfs=appeal_letter_pdfs,
        subject=appeal,
    )
