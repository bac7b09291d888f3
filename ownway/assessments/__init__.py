"""Assessments: needs, carers' and self-assessments, strengths and networks, eligibility decisions."""
