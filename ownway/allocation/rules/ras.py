"""The Resource Allocation System (RAS): from answers about need to a weekly indicative budget.

A council-configurable questionnaire (domains, questions and points per answer) gives points; a price
table turns points into pounds a week; bands name the result. One RAS serves every client group, as
in Coventry (the city council's response to the report, seed 001, "Policy development": "CCC is the only
authority to implement a single, consistent Resource Allocation System (RAS) across all user groups"), so
equal need gives an equal budget whoever the person is. Bands follow Coventry's indicative amounts (seed
001, §3.6: basic £90–£195, standard £195–£700, enhanced £700 upwards), configurable per model version.
The report does not say what period the amounts are for; Ownway reads them as amounts a week. Coventry
itself used no points (seed 001, §3.6: "Coventry has opted out of using a point system").

The price table is marginal, like tax bands: each row gives the pounds per point for points from its
threshold up to the next row's. Every result explains itself by area of need: each domain's share of
the budget is in proportion to its points, so "£… for <area> because …" adds up to the whole budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ownway.core.money import format_money, pounds

D = Decimal
ZERO = D("0.00")


@dataclass(frozen=True)
class AnswerOption:
    code: str
    text: str
    points: int
    #: What the answer means for the person, for the explanation ("needs help every day with …").
    because: str = ""


@dataclass(frozen=True)
class Question:
    code: str
    domain: str
    text: str
    options: tuple[AnswerOption, ...]
    #: The assessment outcome (Eligibility Regulations reg 2(2)) this question is answered from, if any.
    from_outcome: str = ""

    def option(self, code: str) -> AnswerOption | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class Domain:
    code: str
    name: str


@dataclass(frozen=True)
class PriceRow:
    """Pounds a week for each point from ``from_points`` up to the next row's threshold."""

    from_points: int
    pounds_per_point: Decimal


@dataclass(frozen=True)
class Band:
    name: str
    lower: Decimal
    upper: Decimal | None  # None: no upper end


@dataclass(frozen=True)
class RasModel:
    version: int
    domains: tuple[Domain, ...]
    questions: tuple[Question, ...]
    price_table: tuple[PriceRow, ...]
    bands: tuple[Band, ...]

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)

    def domain_name(self, code: str) -> str:
        return next((d.name for d in self.domains if d.code == code), code)


class ModelError(ValueError):
    """A RAS model that cannot be used (each problem says what to correct)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class AnswersError(ValueError):
    """Answers that cannot be scored: question code → what to correct."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def model_from_data(data: Mapping[str, Any]) -> RasModel:
    """A RAS model from its stored definition, checked so that every budget it gives is well defined."""
    problems: list[str] = []
    try:
        domains = tuple(Domain(d["code"], d["name"]) for d in data["domains"])
        questions = tuple(
            Question(
                q["code"],
                q["domain"],
                q["text"],
                tuple(AnswerOption(o["code"], o["text"], int(o["points"]), o.get("because", "")) for o in q["options"]),
                q.get("from_outcome", ""),
            )
            for q in data["questions"]
        )
        price_table = tuple(PriceRow(int(r["from_points"]), D(str(r["pounds_per_point"]))) for r in data["price_table"])
        bands = tuple(
            Band(b["name"], D(str(b["lower"])), None if b.get("upper") is None else D(str(b["upper"])))
            for b in data["bands"]
        )
        version = int(data.get("version", 0))
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise ModelError([f"The definition is incomplete or malformed: {error!r}"]) from error
    domain_codes = {d.code for d in domains}
    if len(domain_codes) != len(domains):
        problems.append("Each domain needs its own code")
    if len({q.code for q in questions}) != len(questions):
        problems.append("Each question needs its own code")
    for q in questions:
        if q.domain not in domain_codes:
            problems.append(f"Question {q.code} belongs to an unknown domain {q.domain!r}")
        if not q.options:
            problems.append(f"Question {q.code} has no answers")
        if any(o.points < 0 for o in q.options):
            problems.append(f"Question {q.code} has an answer with negative points")
    if not price_table or price_table[0].from_points != 0:
        problems.append("The price table must start at 0 points")
    thresholds = [r.from_points for r in price_table]
    if thresholds != sorted(set(thresholds)):
        problems.append("The price table's thresholds must rise")
    if any(r.pounds_per_point < 0 for r in price_table):
        problems.append("The price table cannot have negative pounds per point")
    if not bands:
        problems.append("Name at least one band")
    if problems:
        raise ModelError(problems)
    return RasModel(version, domains, questions, price_table, bands)


def model_to_data(model: RasModel) -> dict[str, Any]:
    return {
        "version": model.version,
        "domains": [{"code": d.code, "name": d.name} for d in model.domains],
        "questions": [
            {
                "code": q.code,
                "domain": q.domain,
                "text": q.text,
                "from_outcome": q.from_outcome,
                "options": [
                    {"code": o.code, "text": o.text, "points": o.points, "because": o.because} for o in q.options
                ],
            }
            for q in model.questions
        ],
        "price_table": [
            {"from_points": r.from_points, "pounds_per_point": str(r.pounds_per_point)} for r in model.price_table
        ],
        "bands": [
            {"name": b.name, "lower": str(b.lower), "upper": None if b.upper is None else str(b.upper)}
            for b in model.bands
        ],
    }


def price(points: int, table: tuple[PriceRow, ...]) -> Decimal:
    """Weekly pounds for a number of points under a marginal price table."""
    total = ZERO
    for n, row in enumerate(table):
        upper = table[n + 1].from_points if n + 1 < len(table) else None
        if points <= row.from_points:
            break
        in_row = (points if upper is None else min(points, upper)) - row.from_points
        total += in_row * row.pounds_per_point
    return pounds(total)


def band_for(amount: Decimal, bands: tuple[Band, ...]) -> str:
    """The band an amount falls in (lower end included, upper end excluded); below the lowest band says so,
    naming it ("below the basic band")."""
    for band in bands:
        if amount >= band.lower and (band.upper is None or amount < band.upper):
            return band.name
    lowest = min(bands, key=lambda b: b.lower)
    return f"below the {lowest.name} band" if amount < lowest.lower else "outside the bands"


def band_words(band: str) -> str:
    """A band as a sentence names it: "basic band", but "below the basic band" (never "… band band")."""
    return band if band.startswith(("below the ", "outside the ")) else f"{band} band"


@dataclass(frozen=True)
class AreaLine:
    domain: str
    name: str
    points: int
    amount: Decimal
    reasons: tuple[str, ...]

    @property
    def sentence(self) -> str:
        because = "; ".join(self.reasons) if self.reasons else "no extra support is needed here"
        return f"{format_money(self.amount, whole_pounds=True)} for {self.name.lower()} because {because}."


@dataclass(frozen=True)
class IndicativeBudget:
    version: int
    points: int
    weekly: Decimal
    band: str
    areas: tuple[AreaLine, ...]

    @property
    def explanation(self) -> str:
        head = (
            f"Your indicative personal budget is {format_money(self.weekly, whole_pounds=True)} a week "
            f"({band_words(self.band)}), "
            f"from {self.points} points (Resource Allocation System version {self.version})."
        )
        return "\n".join([head, *(a.sentence for a in self.areas)])


def calculate(model: RasModel, answers: Mapping[str, str]) -> IndicativeBudget:
    """Score the answers, price the points and share the budget among the areas of need.

    Every question must be answered with one of its options; an answer to a question not in the model
    is refused, so that a budget never silently ignores what someone said.
    """
    problems: dict[str, str] = {}
    for code in answers:
        if model.question(code) is None:
            problems[code] = "This is not a question in this version of the RAS"
    chosen: dict[str, AnswerOption] = {}
    for q in model.questions:
        given = answers.get(q.code)
        option = q.option(given) if given is not None else None
        if given is None:
            problems[q.code] = f"Answer: {q.text}"
        elif option is None:
            problems[q.code] = f"Choose one of the answers to: {q.text}"
        else:
            chosen[q.code] = option
    if problems:
        raise AnswersError(problems)
    by_domain: dict[str, int] = {d.code: 0 for d in model.domains}
    reasons: dict[str, list[str]] = {d.code: [] for d in model.domains}
    for q in model.questions:
        option = chosen[q.code]
        by_domain[q.domain] += option.points
        if option.points:
            reasons[q.domain].append(f"{option.because or option.text} ({option.points} points)")
    points = sum(by_domain.values())
    weekly = price(points, model.price_table)
    # Share the budget in proportion to points; the pennies left by rounding go to the largest share.
    shares = {code: pounds(weekly * p / points) if points else ZERO for code, p in by_domain.items()}
    if points:
        largest = max(by_domain, key=lambda code: by_domain[code])
        shares[largest] += weekly - sum(shares.values(), ZERO)
    areas = tuple(
        AreaLine(d.code, d.name, by_domain[d.code], shares[d.code], tuple(reasons[d.code])) for d in model.domains
    )
    return IndicativeBudget(model.version, points, weekly, band_for(weekly, model.bands), areas)
