"""The surveys as data: York's 14 outcome areas and 9 process aspects, the I statements, each question in plain
English and easy read with its scale."""

import pytest

from ownway.surveys.definitions import NOTTS, POET_SURVEY, SCALES, STATEMENTS_SURVEY, definitions_write
from ownway.surveys.models import Question, Survey, SurveyVersion


def test_the_poet_survey_asks_york_s_14_areas_and_9_aspects():
    sections = [q.section for q in POET_SURVEY.questions]
    assert sections.count("outcome") == 14
    assert sections.count("process") == 9
    assert {"control", "told_budget"} <= {q.code for q in POET_SURVEY.questions}


def test_the_i_statements_are_nottinghamshire_s_17_and_making_it_real_s():
    assert sum(q.source == NOTTS for q in STATEMENTS_SURVEY.questions) == 17
    assert STATEMENTS_SURVEY.questions[0].code == "control"


def test_every_question_has_both_wordings_and_a_known_scale():
    for survey in (POET_SURVEY, STATEMENTS_SURVEY):
        codes = [q.code for q in survey.questions]
        assert len(codes) == len(set(codes))
        for q in survey.questions:
            assert q.plain
            assert q.easy_read
            assert q.source
            assert q.scale in SCALES
            assert len(q.plain) <= 300
            assert len(q.easy_read) <= 300
    for scale in SCALES.values():
        assert scale.positive <= {o.value for o in scale.options}


@pytest.mark.django_db
def test_the_migration_wrote_them_and_writing_again_adds_nothing():
    assert Survey.objects.count() == 2
    version = SurveyVersion.objects.get(survey__key="poet", is_current=True)
    assert version.questions.count() == len(POET_SURVEY.questions)
    control = version.questions.get(code="control")
    assert control.values == ["as_much", "adequate", "some", "none"]
    assert control.positive == ["adequate", "as_much"]
    assert definitions_write(Survey, SurveyVersion, Question) == 0
    assert SurveyVersion.objects.count() == 2
