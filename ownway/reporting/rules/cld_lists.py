"""The Client Level Data (CLD) Release 2 value lists, read from ``data/cld_release2.json``.

CLD is the quarterly record-level return of adult social care (NHS England; mandatory since 2023/24, and in place
of SALT since 2024/25). From October 2025 data are submitted to the Release 2 specification ("For data submitted
from October 2025 onwards, where local authorities have continued to use the previous Release 1 specification,
the data is mapped to Release 2": DHSC, ``DataS-DHSC/ASC-CLD-LA-Dashboard`` README), whose defined lists are in
the Release 2 workbook (Arden & GEM CSU, "CLD data specification Release 2, May 2025 update").

Each list in the file names where its values come from and whether they were checked against a published Release 2
source (``verified``): DHSC's CLD dashboard code for event outcome, service type, client type, ethnicity,
delivery mechanism, accommodation status and client funding status; the others were not found in published form,
are written in Release 2's sentence case, and are kept in the file, not in code, so that a council can correct them
against the workbook (the submission portal compares values case by case).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "cld_release2.json"


@dataclass(frozen=True)
class ValueList:
    name: str
    values: tuple[str, ...]
    source: str
    verified: bool
    #: The values as a set, for checking a value against the list once per row.
    members: frozenset[str] = frozenset()

    def __contains__(self, value: object) -> bool:
        return value in self.members


@cache
def value_lists(path: Path = DATA_FILE) -> dict[str, ValueList]:
    """Every Release 2 list, by the name of the field it belongs to."""
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return {
        name: ValueList(name, tuple(spec["values"]), spec["source"], bool(spec["verified"]), frozenset(spec["values"]))
        for name, spec in data.items()
    }


def value_list(name: str) -> ValueList:
    return value_lists()[name]


# --- From Ownway's records to Release 2 values ---------------------------------------------------------------

#: The CLD Event Outcome (Release 1, as reviews record it: ownway.reviews.rules) → Release 2, as DHSC maps it
#: ("Release 1 values are mapped to Release 2 values": DHSC-D Main_tables/docs/methodology/5-data-cleaning.md;
#: AGEM's Release 2 mapping workbook). Release 1 values with no Release 2 counterpart map to the nearest one.
EVENT_OUTCOME_R1_TO_R2 = {
    "Progress to Reablement/ST-Max": "Progress to reablement/ST-Max",
    "Progress to Assessment": "Progress to assessment, review or reassessment",
    "Admitted to hospital": "Admitted to hospital",
    "Progress to Re-assessment / Unplanned Review": "Progress to assessment, review or reassessment",
    "Progress to Support Planning / Services": "Progress to support planning or services",
    "Progress to End of Life Care": "Progress to support planning or services",
    "No change in package": "Continuation of support or services",
    "Service ended as planned": "NFA: Support ended as planned",
    "Progress to financial assessment": "Progress to assessment, review or reassessment",
    "Provision of service": "Progress to support planning or services",
    "NFA - Deceased": "NFA: Deceased",
    "NFA - Moved to another LA": "NFA: Responsibility moved to another local authority",
    "NFA - 100% NHS funded care": "NFA: Referral to NHS services or NHS funded social care",
    "NFA - Information & Advice / Signposting only": "NFA: Information and advice or signposting",
    "NFA - Self-funded client (Inc. 12wk disregard)": "NFA: Self-funded client or under 12wk disregard",
    "NFA - Support declined": "NFA: Support declined",
    "NFA - Support ended: Other reason": "NFA: Support ended for other reason",
    "NFA - No services offered: Other reason": "NFA: No services offered for other reason",
    "NFA- Other": "NFA: Other",
}

#: The CLD Review Reason (Release 1, ownway.reviews.rules.CLD_REVIEW_REASON) → the Release 2 list in the data file.
REVIEW_REASON_R1_TO_R2 = {
    "Planned": "Planned",
    "Unplanned - Hospital (Planned and unplanned episodes)": "Unplanned: Hospital (planned and unplanned episodes)",
    "Unplanned - Carer related": "Unplanned: Unpaid carer related",
    "Unplanned - Safeguarding concern": "Unplanned: Safeguarding concern",
    "Unplanned - Other Reason": "Unplanned: Other reason",
    "Unplanned - Provider Failure": "Unplanned: Provider failure",
    "Unplanned - Change in Commissioning arrangements": "Unplanned: Change in commissioning arrangements",
}

#: CLD Release 1 Service Type (as support plans record it: ownway.planning.rules.management) → Release 2 (DHSC-D
#: 5-data-cleaning.md).
SERVICE_TYPE_R1_TO_R2 = {
    "Short Term Support: ST-Max": "Short term support: ST-Max",
    "Short Term Support: Ongoing Low Level": "Short term support: Ongoing low level",
    "Short Term Support: Other Short Term": "Short term support: Other short term",
    "Long Term Support: Nursing Care": "Long term support: Nursing care",
    "Long Term Support: Residential Care": "Long term support: Residential care",
    "Long Term Support: Community": "Long term support: Community",
    "Long Term Support: Prison": "Long term support: Prison",
    "Carer Support: Direct to Carer": "Unpaid carer support: Direct to unpaid carer",
    "Carer Support: Support involving the person cared-for": (
        "Unpaid carer support: Support involving the person cared-for"
    ),
}

#: CLD Release 1 Service Component (ownway.planning.rules.management) → Release 2 (standards.md §1.5).
SERVICE_COMPONENT_R1_TO_R2 = {
    "Reablement": "Reablement",
    "Short Term Nursing Care": "Short term nursing care",
    "Short Term Residential Care": "Short term residential care",
    "Long Term Nursing Care": "Long term nursing care",
    "Long Term Residential Care": "Long term residential care",
    "Home Support": "Home support or domiciliary care",
    "Day Support": "Day support",
    "Meals": "Meals",
    "Transport": "Transport",
    "Equipment": "Equipment",
    "Direct Payment": "Direct payment",
    "Shared Lives": "Shared Lives",
    "Community Supported Living": "Community supported living",
    "Professional Support": "Professional support: Other",
    "Learning/Education/Employment Support": "Learning, education or employment support",
    "End of Life Care": "End of life care",
    "Emergency Support": "Emergency support",
    "Other Short Term Support": "Other short term support",
    "Other Long Term Support": "Other long term support",
}

#: CLD Release 1 Delivery Mechanism (budget lines: ownway.planning.rules.management) → Release 2 (DHSC-D 3D code).
DELIVERY_MECHANISM_R1_TO_R2 = {
    "Direct Payment": "Direct payment",
    "CASSR Managed Personal Budget": "CASSR managed personal budget",
    "CASSR Commissioned Support": "CASSR commissioned support",
}

#: Ownway's codes for a person's primary support reason (people/data/code_lists.json) → Release 2.
PSR_CODE_TO_R2 = {
    "physical_mobility": "Physical support: Access and mobility only",
    "physical_personal_care": "Physical support: Personal care support",
    "sensory_visual": "Sensory support: Support for visual impairment",
    "sensory_hearing": "Sensory support: Support for hearing impairment",
    "sensory_dual": "Sensory support: Support for dual impairment",
    "memory_cognition": "Support with memory and cognition",
    "learning_disability": "Learning disability support",
    "mental_health": "Mental health support",
    "social_substance_misuse": "Social support: Substance misuse support",
    "social_asylum_seeker": "Social support: Asylum seeker support",
    "social_isolation_other": "Social support: Support for social isolation or other reason",
    "social_support_to_carer": "Social support: Support to unpaid carer",
    "unknown": "Unknown",
}

#: Ownway's codes for accommodation status (people/data/code_lists.json) → Release 2 (DHSC-D 2E code).
ACCOMMODATION_CODE_TO_R2 = {
    "owner_occupier": "Owner occupier or shared ownership scheme",
    "tenant_social": "Tenant: Local authority or other social housing provider",
    "tenant_private": "Tenant: Private landlord",
    "with_family": "Settled mainstream housing with family or friends",
    "supported_accommodation": "Supported accommodation, supported lodgings or supported group home",
    "shared_lives": "Shared Lives scheme",
    "approved_premises": "Approved premises for offenders released from prison or under probation supervision",
    "sheltered_extra_care": "Sheltered housing, extra care housing or other sheltered housing",
    "mobile_traveller": "Mobile accommodation for Gypsy, Roma and Traveller communities",
    "rough_sleeper": "Rough sleeper or squatting",
    "night_shelter": "Night shelter, emergency hostel or direct access hostel",
    "refuge": "Refuge",
    "temporary_council": "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
    "short_term_guest": "Staying with family or friends as a short term guest",
    "hospital": "Acute hospital or long term healthcare residential facility",
    "care_home": "Registered care home",
    "nursing_home": "Registered nursing home",
    "prison": "Prison, young offenders institution or detention centre",
    "other_temporary": "Other temporary accommodation",
    "unknown": "Unknown",
}

#: Ownway's codes for employment status (people/data/code_lists.json) → Release 2.
EMPLOYMENT_CODE_TO_R2 = {
    "paid_under_16": "Paid: Less than 16 hours a week",
    "paid_16_plus": "Paid: 16 or more hours a week",
    "paid_hours_unknown": "Paid: Hours per week unknown",
    "seeking_work": "Not in paid employment: Seeking work",
    "not_seeking_retired": "Not in paid employment: Not actively seeking work or retired",
    "voluntary_only": "Not in paid employment: Voluntary work only",
    "unknown": "Unknown",
}

#: The front door's route of access (ownway.frontdoor.models.RouteOfAccess) → the list in the data file.
ROUTE_OF_ACCESS_TO_R2 = {
    "planned_entry": "Planned entry (transition)",
    "discharge_from_hospital": "Discharge from hospital",
    "diversion_from_hospital": "Diversion from hospital services",
    "self_funder_depleted": "Self-funder with depleted funds",
    "community": "Community/other route",
    "prison": "Prison",
}

#: How a review was held (ownway.reviews.models.ReviewMethod) → Method of Review.
REVIEW_METHOD_TO_R2 = {"person": "Service user only", "person_and_carer": "Service user and unpaid carer"}
