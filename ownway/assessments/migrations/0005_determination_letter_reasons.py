"""Each eligibility determination keeps its reasons said to the person, for the decision letter.

Determinations made before this are given theirs from the assessment they decided: an assessment is
completed by its determination and cannot change afterwards, so its answers are the ones decided on.
"""

from django.db import migrations, models

from ownway.assessments.rules.eligibility import (
    AdultNeeds,
    AdultOutcome,
    CarerNeeds,
    CarerOutcome,
    OutcomeAnswer,
    decide_adult_eligibility,
    decide_carer_eligibility,
)


def _reasons_to_person(assessment):
    carer = assessment.kind == "carer"
    outcomes = CarerOutcome if carer else AdultOutcome
    answers = tuple(
        OutcomeAnswer(outcomes(f.outcome), f.unable_without_assistance, f.significant_pain_distress_or_anxiety,
                      f.endangers_health_or_safety, f.takes_significantly_longer)
        for f in assessment.findings.all()
    )  # fmt: skip
    if carer:
        decision = decide_carer_eligibility(
            CarerNeeds(
                arises_from_providing_necessary_care=bool(assessment.arises_from_providing_necessary_care),
                health_deteriorating_or_at_risk=bool(assessment.health_deteriorating_or_at_risk),
                outcomes=answers,
                significant_impact_on_wellbeing=bool(assessment.significant_impact_on_wellbeing),
            )
        )
    else:
        decision = decide_adult_eligibility(
            AdultNeeds(
                arises_from_impairment_or_illness=bool(assessment.arises_from_impairment_or_illness),
                outcomes=answers,
                significant_impact_on_wellbeing=bool(assessment.significant_impact_on_wellbeing),
            )
        )
    return list(decision.reasons_to_person)


def fill(apps, schema_editor):
    EligibilityDetermination = apps.get_model("assessments", "EligibilityDetermination")
    for determination in EligibilityDetermination.objects.select_related("assessment").iterator():
        determination.letter_reasons = _reasons_to_person(determination.assessment)
        determination.save(update_fields=["letter_reasons"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_letter_sending")]
    operations = [
        migrations.AddField(
            model_name="eligibilitydetermination", name="letter_reasons", field=models.JSONField(default=list)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
