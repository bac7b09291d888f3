"""The contribution letter as a PDF, in plain English or easy read, from a saved financial assessment.

Uses fpdf2's built-in Helvetica (no font files to ship), so text is limited to Latin-1: the few
characters outside it that the explanations may hold are replaced with their nearest equivalents.
"""

from __future__ import annotations

from decimal import Decimal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .models import FinancialAssessment

_REPLACE = str.maketrans({"−": "-", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _latin1(text: str) -> str:
    return text.translate(_REPLACE).encode("latin-1", "replace").decode("latin-1")


def _pounds(value: Decimal | str) -> str:
    return f"£{Decimal(str(value)):,.2f}"


class _Letter(FPDF):
    def __init__(self, council: str) -> None:
        super().__init__(format="A4")
        self.council = council
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title("What you pay towards your care")
        self.set_author(council)
        self.add_page()

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, _latin1(f"{self.council} - page {self.page_no()}"), align="C")

    def para(self, text: str, size: int = 12, bold: bool = False, gap: float = 3) -> None:
        self.set_font("Helvetica", "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def contribution_letter_pdf(
    fa: FinancialAssessment, *, council: str, easy_read: bool = False, compress: bool = True
) -> bytes:
    """The letter to the person about their contribution (the same words as the page)."""
    person = fa.person
    pdf = _Letter(council)
    pdf.set_compression(compress)
    pdf.para(council, size=14, bold=True)
    pdf.para("\n".join([person.full_name, *person.address_lines]), size=11)
    pdf.para(f"{fa.assessed_at:%d %B %Y} - Our reference {person.reference}", size=11, gap=6)
    weekly = _pounds(fa.weekly_contribution)
    if easy_read:
        pdf.para("What you pay for your care", size=20, bold=True, gap=6)
        pdf.para("We looked at your money.", size=16)
        pdf.para(f"You pay {weekly} each week.", size=16, bold=True)
        if fa.free:
            pdf.para("This help is free. You do not pay for it.", size=16)
        elif fa.full_cost_payer:
            pdf.para("You have more money saved than the limit. So you pay all of the cost of your care.", size=16)
        else:
            pdf.para(
                f"Your care costs {_pounds(fa.weekly_cost_of_care)} each week. The council pays the rest.", size=16
            )
            pdf.para("You always keep enough money to live on. The law says how much.", size=16)
        pdf.para("How we worked it out", size=16, bold=True)
        for step in fa.steps:
            pdf.para(f"- {step['label']}: {_pounds(step['amount'])}", size=16, gap=1)
        pdf.ln(4)
        pdf.para("If you think it is wrong, tell us. You can ask someone to help you, like a friend or an advocate.",
                 size=16)  # fmt: skip
        return bytes(pdf.output())
    pdf.para("What you pay towards your care", size=18, bold=True, gap=5)
    pdf.para(f"Dear {person.preferred_name or person.first_name},")
    pdf.para(
        "We have looked at your money to work out what you pay towards your care and support at home. The law "
        "(the Care and Support (Charging and Assessment of Resources) Regulations 2014) says how, and it always "
        "leaves you with at least the Minimum Income Guarantee to live on."
    )
    if fa.free:
        summary = f"You pay {weekly} a week: this service is free."
    elif fa.full_cost_payer:
        summary = f"You pay {weekly} a week, the full cost of your care."
    else:
        cost = _pounds(fa.weekly_cost_of_care)
        summary = f"You pay {weekly} a week. Your care costs {cost} a week; the council pays the rest."
    pdf.para(summary, size=13, bold=True, gap=5)
    pdf.para("How we worked it out", size=14, bold=True)
    for step in fa.steps:
        pdf.para(f"{step['label']}: {_pounds(step['amount'])}", size=11, bold=True, gap=0.5)
        pdf.para(step["why"], size=11, gap=2.5)
    pdf.ln(3)
    pdf.para("If something is wrong or you disagree", size=14, bold=True)
    pdf.para(
        "Tell us if any of these figures are wrong, or if you have extra costs because of a disability that we have "
        f"not counted. You can ask us to look again, or make a complaint. These rules are for {fa.rule_set.year}; we "
        "recalculate every year when benefits and allowances change."
    )
    return bytes(pdf.output())
