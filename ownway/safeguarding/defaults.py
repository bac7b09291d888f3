# ruff: noqa: E501 - a table of values, one to a line
"""The national values each council starts with: its safeguarding lists and timescales, loaded by migration
(``0002``) and by :func:`defaults_load`. A council changes them as data (labels, explanations, local values that
count as a SAC category, timescales); the SAC categories are the return's own words.

Sources:

* SAC: NHS England / DHSC, Safeguarding Adults Collection guidance and the published tables SG2a–SG4a
  (``data_tables_export_outputs.py`` of NHS England's publication code).
* Risk outcome wording: ASC Collections Data Dictionary β1.3 ("Risk reduced", "Risk remained").
* MSP: LGA/ADASS Making Safeguarding Personal outcomes framework (2018), question 1.
* Disposals when there is no enquiry: the manager decision of the Hackney social care system
  (``sgAdultManagerDecisionConcern.ts``).
* Decision timescale: Pan Lancashire and Cumbria safeguarding procedures, summary of stages ("Decision: by end of
  the working day following referral"); MSP feedback within 8 weeks of closure (LGA, MSP outcomes framework).
"""

from __future__ import annotations

from typing import Any

SAC = "NHS England, Safeguarding Adults Collection guidance"

FINANCIAL = (
    "Someone taking or misusing an adult's money, property or belongings: stealing, fraud, scams, pressure about "
    "wills or gifts, or using their money for things that are not for them."
)
HATE = (
    "Harm done because of who someone is: their disability, race, religion, sexual orientation or gender "
    "identity. Hate crime can be name-calling, threats, damage or violence. It is a crime: you can also tell the "
    "police."
)

#: (list, code, label, SAC category, explanation)
VALUES: list[tuple[str, str, str, str, str]] = [
    ("risk_type", "physical", "Physical abuse", "Physical", "Hitting, pushing, rough handling, or the wrong use of medicine."),
    ("risk_type", "sexual", "Sexual abuse", "Sexual", "Any sexual act the adult has not agreed to or could not agree to."),
    ("risk_type", "psychological", "Psychological or emotional abuse", "Psychological", "Threats, humiliation, bullying, controlling or isolating someone."),
    ("risk_type", "financial", "Financial or material abuse", "Financial or Material", FINANCIAL),
    ("risk_type", "discriminatory", "Discriminatory abuse, including hate crime", "Discriminatory", HATE),
    ("risk_type", "organisational", "Organisational abuse", "Organisational", "Poor care in a care home, hospital or service, or at home, because of how the service is run."),
    ("risk_type", "neglect", "Neglect and acts of omission", "Neglect and Acts of Omission", "Not being given the care, food, medicine or help they need."),
    ("risk_type", "domestic", "Domestic abuse", "Domestic Abuse", "Abuse by a partner, ex-partner or family member."),
    ("risk_type", "sexual_exploitation", "Sexual exploitation", "Sexual Exploitation", "Being made to do sexual things in exchange for something."),
    ("risk_type", "modern_slavery", "Modern slavery", "Modern Slavery", "Being forced to work or live somewhere against their will."),
    ("risk_type", "self_neglect", "Self-neglect", "Self-Neglect", "Not looking after their own health, hygiene or home, in a way that puts them at risk."),
    ("location", "own_home", "Their own home", "Own Home", ""),
    ("location", "community", "In the community (not a community service)", "In the Community (excluding community services)", ""),
    ("location", "community_service", "In a community service (a day centre, for instance)", "In a Community Service", ""),
    ("location", "care_home_nursing", "Care home with nursing", "Care Home - Nursing", ""),
    ("location", "care_home_residential", "Care home without nursing", "Care Home - Residential", ""),
    ("location", "hospital_acute", "Hospital: acute", "Hospital - Acute", ""),
    ("location", "hospital_mental_health", "Hospital: mental health", "Hospital - Mental Health", ""),
    ("location", "hospital_community", "Hospital: community", "Hospital - Community", ""),
    ("location", "other", "Somewhere else", "Other", ""),
    ("source", "provider", "A care provider (paid, contracted or commissioned to provide social care)", "Service Provider", "Any social care provider however it is paid for; not council or NHS staff who assess or manage care."),
    ("source", "known_relative", "Someone they know: a relative or unpaid carer", "Other - Known to Individual", ""),
    ("source", "known_other", "Someone else they know (including themselves, or council or NHS staff)", "Other - Known to Individual", ""),
    ("source", "unknown", "Someone they do not know", "Other - Unknown to Individual", ""),
    ("risk_assessment_outcome", "identified_action", "Risk identified and action taken", "Risk identified and action taken", ""),
    ("risk_assessment_outcome", "identified_no_action", "Risk identified and no action taken", "Risk identified and no action taken", ""),
    ("risk_assessment_outcome", "inconclusive_action", "Risk assessment inconclusive and action taken", "Risk - Assessment inconclusive and action taken", ""),
    ("risk_assessment_outcome", "inconclusive_no_action", "Risk assessment inconclusive and no action taken", "Risk - Assessment inconclusive and no action taken", ""),
    ("risk_assessment_outcome", "none_action", "No risk identified and action taken", "No risk identified and action taken", ""),
    ("risk_assessment_outcome", "none_no_action", "No risk identified and no action taken", "No risk identified and no action taken", ""),
    ("risk_assessment_outcome", "ceased", "Enquiry ceased at the adult's request and no action taken", "Enquiry ceased at individual's request and no action taken", ""),
    ("risk_outcome", "removed", "Risk removed", "Risk removed", "The risk no longer exists."),
    ("risk_outcome", "reduced", "Risk reduced", "Risk reduced", "The circumstance causing the risk has been mitigated to some degree."),
    ("risk_outcome", "remains", "Risk remains", "Risk remained", "Unchanged: the same degree of risk remains (the adult may, for instance, keep in touch with the family member who was the source)."),
    ("risk_outcome", "not_applicable", "Not applicable: no risk identified", "", ""),
    ("capacity", "lacked", "Yes, they lacked capacity", "Yes, they lacked capacity", ""),
    ("capacity", "did_not_lack", "No, they did not lack capacity", "No, they did not lack capacity", ""),
    ("capacity", "dont_know", "Don't know", "Don't know", ""),
    ("capacity", "not_recorded", "Not recorded", "Not recorded", ""),
    ("msp_asked", "asked_expressed", "Yes, they were asked and outcomes were expressed", "Yes they were asked and outcomes were expressed", ""),
    ("msp_asked", "asked_none", "Yes, they were asked but no outcomes were expressed", "Yes they were asked but no outcomes were expressed", ""),
    ("msp_asked", "not_asked", "No", "No", ""),
    ("msp_asked", "dont_know", "Don't know", "Don't know", ""),
    ("msp_asked", "not_recorded", "Not recorded", "Not recorded", ""),
    ("msp_achieved", "fully", "Fully achieved", "Fully Achieved", ""),
    ("msp_achieved", "partly", "Partly achieved", "Partially Achieved", ""),
    ("msp_achieved", "not", "Not achieved", "Not Achieved", ""),
    ("disposal", "no_action", "No further action", "", ""),
    ("disposal", "advice", "Advice and guidance given", "", ""),
    ("disposal", "care_act_assessment", "Care Act assessment", "", ""),
    ("disposal", "case_management", "Case management by the person's team", "", ""),
    ("disposal", "review", "A review of their care and support", "", ""),
    ("disposal", "other_council_service", "Another council service", "", ""),
    ("disposal", "signposted", "Signposted to another organisation", "", ""),
    ("disposal", "other_council", "Passed to another council (where the abuse happened)", "", ""),
    ("raised_by", "self", "The adult themselves", "", ""),
    ("raised_by", "family", "A family member or friend", "", ""),
    ("raised_by", "neighbour", "A neighbour or member of the public", "", ""),
    ("raised_by", "provider", "A care provider", "", ""),
    ("raised_by", "health", "A health worker (GP, hospital, community health)", "", ""),
    ("raised_by", "police", "The police", "", ""),
    ("raised_by", "council", "Council staff", "", ""),
    ("raised_by", "other", "Someone else", "", ""),
]  # fmt: skip

#: (stage, working days, by the end of the day, source)
TIMESCALES: list[tuple[str, int, bool, str]] = [
    ("decision", 1, True, "Pan Lancashire and Cumbria procedures: decision by the end of the working day after referral"),
    ("enquiry", 20, True, "Pan Lancashire and Cumbria procedures: assessment within 4 working weeks of referral"),
    ("msp_feedback", 40, True, "LGA/ADASS MSP outcomes framework: ask within 8 weeks of closure"),
    ("record_access", 40, True, "Local standard: the team may open the adult's record while it asks them (MSP)"),
]  # fmt: skip


def defaults_load(value_model: Any, timescale_model: Any) -> None:
    """Add the national values and timescales a council does not have yet (never changing the council's own)."""
    for position, (value_list, code, label, sac, explanation) in enumerate(VALUES):
        value_model.objects.get_or_create(
            list=value_list,
            code=code,
            defaults={
                "label": label,
                "sac_category": sac,
                "explanation": explanation,
                "source": SAC if sac else "",
                "sort_order": position,
            },
        )
    for stage, days, end_of_day, source in TIMESCALES:
        timescale_model.objects.get_or_create(
            stage=stage, defaults={"working_days": days, "end_of_day": end_of_day, "source": source}
        )
