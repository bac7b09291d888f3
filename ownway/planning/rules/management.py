"""How each part of a personal budget is managed, and how Client Level Data reports it.

The Care Act 2014 s.26 and the statutory guidance ch.11 (para 11.5, "the personal budget ... may be
managed as a direct payment, by the local authority, by a provider as an individual service fund, or a
mix") give the ways a budget can be managed. CLD Release 1 records a Delivery Mechanism for each service
line (standards.md §1.4): ``Direct Payment``, ``CASSR Managed Personal Budget``, ``CASSR Commissioned
Support``; a mix is not a value of its own but "derived from the mix of service rows". An individual
service fund is money the council holds with a provider for the person: reported as a council-managed
personal budget.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Management(enum.StrEnum):
    DIRECT_PAYMENT = "direct_payment"
    DIRECT_PAYMENT_NOMINATED = "direct_payment_nominated"
    DIRECT_PAYMENT_AUTHORISED = "direct_payment_authorised"
    COUNCIL_MANAGED = "council_managed"
    INDIVIDUAL_SERVICE_FUND = "isf"
    NOT_PAID = "not_paid"  # unpaid support: family, friends, community


DIRECT_PAYMENT_KINDS = frozenset(
    {Management.DIRECT_PAYMENT, Management.DIRECT_PAYMENT_NOMINATED, Management.DIRECT_PAYMENT_AUTHORISED}
)

DELIVERY_MECHANISM: dict[Management, str] = {
    Management.DIRECT_PAYMENT: "Direct Payment",
    Management.DIRECT_PAYMENT_NOMINATED: "Direct Payment",
    Management.DIRECT_PAYMENT_AUTHORISED: "Direct Payment",
    Management.COUNCIL_MANAGED: "CASSR Managed Personal Budget",
    Management.INDIVIDUAL_SERVICE_FUND: "CASSR Managed Personal Budget",
    Management.NOT_PAID: "",
}

SERVICE_TYPES: tuple[str, ...] = (
    "Short Term Support: ST-Max",
    "Short Term Support: Ongoing Low Level",
    "Short Term Support: Other Short Term",
    "Long Term Support: Nursing Care",
    "Long Term Support: Residential Care",
    "Long Term Support: Community",
    "Long Term Support: Prison",
    "Carer Support: Direct to Carer",
    "Carer Support: Support involving the person cared-for",
)

SERVICE_COMPONENTS: tuple[str, ...] = (
    "Reablement", "Short Term Nursing Care", "Short Term Residential Care", "Long Term Nursing Care",
    "Long Term Residential Care", "Home Support", "Day Support", "Meals", "Transport", "Equipment",
    "Direct Payment", "Shared Lives", "Community Supported Living", "Professional Support",
    "Learning/Education/Employment Support", "End of Life Care", "Emergency Support",
    "Other Short Term Support", "Other Long Term Support",
)  # fmt: skip


def budget_management_summary(managements: Iterable[Management | str]) -> str:
    """How the budget as a whole is managed: one way, or a mix (as CLD derives it from the lines)."""
    paid = {Management(m) for m in managements} - {Management.NOT_PAID}
    if not paid:
        return "No paid support"
    kinds = {"direct payment" if m in DIRECT_PAYMENT_KINDS else m.value for m in paid}
    if len(kinds) > 1:
        return "Mixed"
    only = kinds.pop()
    return {
        "direct payment": "Direct payment",
        Management.COUNCIL_MANAGED.value: "Council-managed",
        Management.INDIVIDUAL_SERVICE_FUND.value: "Individual service fund",
    }[only]
