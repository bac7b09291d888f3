"""The results worked out by hand for six answered surveys and eight budget holders.

| Who | Team  | Age | Control (ASCS Q3a) | Other answers                                   |
|-----|-------|-----|--------------------|-------------------------------------------------|
| 1   | North | 40  | as much (good)     | safe: better (good), job: same, advice: very easy (good) |
| 2   | North | 50  | some               | safe: a lot better (good), job: does not apply  |
| 3   | North | 70  | enough (good)      | advice: very hard                               |
| 4   | North | 80  | none               |                                                 |
| 5   | North | 90  | as much (good)     | I feel safe: always (good)                      |
| 6   | South | 67  | enough (good)      | I feel safe: never                              |

Everyone: 6 answered; control 4 of 6 = 67%; areas of life 2 of 3 (the answer that does not apply left out) and
the rest under 5, so not shown. North: control 3 of 5 = 60%; South: 1 answer, not shown. Budget holders: North 5
of 6 told (83%), South 1 of 2 (not shown), everyone 6 of 8 = 75%.
"""

from decimal import Decimal

from ownway.surveys.rules import HolderRow, ResponseRow, Share, age_band, question_shares, results_by


def _row(team, age, *answers):
    return ResponseRow(groups={"team": team, "client_group": "Physical support", "age_band": age_band(age)},
                       answers=tuple(answers))  # fmt: skip


RESPONSES = [
    _row("North", 40, ("about", "control", "as_much", True), ("outcome", "outcome_safe", "better", True),
         ("outcome", "outcome_job", "same", False), ("process", "process_advice", "very_easy", True)),
    _row("North", 50, ("about", "control", "some", False), ("outcome", "outcome_safe", "much_better", True),
         ("outcome", "outcome_job", "not_applicable", False)),
    _row("North", 70, ("about", "control", "adequate", True), ("process", "process_advice", "very_hard", False)),
    _row("North", 80, ("about", "control", "none", False)),
    _row("North", 90, ("about", "control", "as_much", True), ("statement", "i_safe", "always", True)),
    _row("South", 67, ("about", "control", "adequate", True), ("statement", "i_safe", "never", False)),
]  # fmt: skip
HOLDERS = [
    *(HolderRow(groups={"team": "North", "client_group": "Physical support", "age_band": "65 to 74"}, told=told)
      for told in (True, True, True, True, True, False)),
    *(HolderRow(groups={"team": "South", "client_group": "Physical support", "age_band": "65 to 74"}, told=told)
      for told in (True, False)),
]  # fmt: skip


def test_everyone():
    (row,) = results_by("all", RESPONSES, HOLDERS)
    assert (row.group, row.answered) == ("Everyone", 6)
    assert row.control == Share(4, 6)
    assert row.control.percent == Decimal(67)
    assert row.control.words() == "67% (4 of 6)"
    assert row.better == Share(2, 3)
    assert row.better.words() == "Fewer than 5"
    assert row.better.percent is None
    assert (row.easy, row.agree) == (Share(1, 2), Share(1, 2))
    assert row.told.words() == "75% (6 of 8)"


def test_by_team_small_counts_are_not_shown():
    north, south = results_by("team", RESPONSES, HOLDERS)
    assert (north.group, north.answered, north.control.words()) == ("North", 5, "60% (3 of 5)")
    assert north.told.words() == "83% (5 of 6)"
    assert (south.group, south.answered_words, south.control.words()) == ("South", "Fewer than 5", "Fewer than 5")
    assert south.told.words() == "Fewer than 5"


def test_by_age_band():
    bands = {row.group: row.answered for row in results_by("age_band", RESPONSES, [])}
    assert bands == {"18 to 64": 2, "65 to 74": 2, "75 to 84": 1, "85 and over": 1}
    assert (age_band(64), age_band(65), age_band(74), age_band(75), age_band(85)) == (
        "18 to 64", "65 to 74", "65 to 74", "75 to 84", "85 and over",
    )  # fmt: skip


def test_each_question():
    shares = question_shares(RESPONSES)
    assert shares["control"] == Share(4, 6)
    assert shares["outcome_job"] == Share(0, 1)
    assert shares["outcome_safe"] == Share(2, 2)


def test_nothing_answered_says_so():
    assert Share(0, 0).words() == "No answers"
