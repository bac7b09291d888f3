"""The survey results, worked out from rows (pure Python: no database).

For each group of people (by team, by client group, by age band, and everyone):

* **answered**: how many surveys were answered;
* **control**: of those who answered the question about control over daily life (ASCS Q3a), the share who
  said they have as much control as they want or enough (how ASCOF 1B counts it, standards.md §7.2);
* **better**: of the answers about areas of life ("Your support and your budget"), the share saying the
  budget made it better (POET's "has your personal budget changed these things?", seed 002 Annex E);
* **easy**: of the answers about the process, the share saying the council made it easy;
* **agree**: of the answers to the I statements, the share saying "always" or "mostly";
* **told**: from the records, not from the answers: of the people with a personal budget, the share the council
  wrote to with their budget (the budget letter the allocation app sends). The goal is everyone; York's budget
  holders said 68%, and budget holders elsewhere in England 77% (POET survey, City of York Council data report,
  December 2012: seed 002 Annex E).

Answers that do not apply ("this does not apply to me") are left out of each share. A count under
:data:`SMALLEST_SHOWN` (5) is not shown, nor the share it would make, so that no one can be picked out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

#: The smallest count shown; fewer is shown as "fewer than 5".
SMALLEST_SHOWN = 5
#: The national and local comparisons the documents give, each with its source.
TOLD_GOAL = Decimal(100)
TOLD_YORK = Decimal(68)
TOLD_ENGLAND = Decimal(77)
COMPARISON_SOURCE = (
    "POET survey of personal budget holders, City of York Council data report, December 2012 (In Control): "
    "34 budget holders in York, 1,114 elsewhere in England"
)
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class ResponseRow:
    """One survey answered: the person's groups, and each answer with its question's section and whether it counts
    as good."""

    groups: Mapping[str, str]
    #: (section, question code, value, is good)
    answers: tuple[tuple[str, str, str, bool], ...]


@dataclass(frozen=True)
class HolderRow:
    """One person with a personal budget: their groups, and whether the council wrote to them with their budget."""

    groups: Mapping[str, str]
    told: bool


@dataclass(frozen=True)
class Share:
    """``good`` of ``of``; shown as a whole percentage, or not at all when ``of`` is under 5."""

    good: int
    of: int

    @property
    def shown(self) -> bool:
        return self.of >= SMALLEST_SHOWN

    @property
    def percent(self) -> Decimal | None:
        if not self.shown or self.of == 0:
            return None
        return (Decimal(100) * self.good / self.of).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    def words(self) -> str:
        if self.of == 0:
            return "No answers"
        if not self.shown:
            return "Fewer than 5"
        return f"{self.percent}% ({self.good} of {self.of})"


@dataclass
class _Tally:
    answered: int = 0
    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, what: str, good: bool) -> None:
        pair = self.counts.setdefault(what, [0, 0])
        pair[0] += int(good)
        pair[1] += 1

    def share(self, what: str) -> Share:
        good, of = self.counts.get(what, [0, 0])
        return Share(good, of)


@dataclass(frozen=True)
class ResultRow:
    group: str
    answered: int
    control: Share
    better: Share
    easy: Share
    agree: Share
    told: Share

    @property
    def answered_words(self) -> str:
        return str(self.answered) if self.answered >= SMALLEST_SHOWN or self.answered == 0 else "Fewer than 5"


_SECTION_MEASURE = {"outcome": "better", "process": "easy", "statement": "agree"}


def results_by(dimension: str, responses: Iterable[ResponseRow], holders: Iterable[HolderRow]) -> list[ResultRow]:
    """The results for each value of ``dimension`` (``"team"``, ``"client_group"``, ``"age_band"``, or
    ``"all"`` for one row of everyone), in order of the group's name."""
    tallies: dict[str, _Tally] = {}

    def tally(groups: Mapping[str, str]) -> _Tally:
        return tallies.setdefault("Everyone" if dimension == "all" else groups[dimension], _Tally())

    for response in responses:
        t = tally(response.groups)
        t.answered += 1
        for section, code, value, good in response.answers:
            if value == NOT_APPLICABLE:
                continue
            if code == "control":
                t.add("control", good)
            elif section in _SECTION_MEASURE:
                t.add(_SECTION_MEASURE[section], good)
    for holder in holders:
        tally(holder.groups).add("told", holder.told)
    return [
        ResultRow(group=name, answered=t.answered, control=t.share("control"), better=t.share("better"),
                  easy=t.share("easy"), agree=t.share("agree"), told=t.share("told"))
        for name, t in sorted(tallies.items())
    ]  # fmt: skip


def question_shares(responses: Iterable[ResponseRow]) -> dict[str, Share]:
    """For each question, the share of its answers that were good (answers that do not apply left out)."""
    tallies = _Tally()
    for response in responses:
        for _section, code, value, good in response.answers:
            if value != NOT_APPLICABLE:
                tallies.add(code, good)
    return {code: tallies.share(code) for code in tallies.counts}


def age_band(age: int) -> str:
    """The age bands the results use (the Adult Social Care Survey reports 18 to 64 and 65 and over; the older
    ages are split further, as most people answering are older)."""
    if age < 65:
        return "18 to 64"
    if age < 75:
        return "65 to 74"
    if age < 85:
        return "75 to 84"
    return "85 and over"
