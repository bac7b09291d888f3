"""Fitting the RAS price table to what support actually cost, and checking it is fair.

:func:`fit_price_table` fits the pounds per point of each row of a marginal price table to historical
support-plan costs by ordinary least squares (each row's feature is the number of points falling in
it; no intercept, so no points means no budget), and reports the fit: R² (the share of the variation in
costs the table explains) and the mean absolute error in pounds a week.

:func:`fairness_report` groups indicative budgets by need score and compares the mean budget of each
age band and client group within the same need band, flagging gaps above a tolerance: equal need
should mean an equal budget (seed 001, §3.6: "younger people receive more significant care packages than older
people").

Statistics are computed in floating point; the fitted prices are rounded to pence as Decimals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from ownway.core.money import format_money, pounds

from .ras import PriceRow, price


@dataclass(frozen=True)
class Sample:
    points: int
    weekly_cost: Decimal


@dataclass(frozen=True)
class Fit:
    price_table: tuple[PriceRow, ...]
    r_squared: float
    mean_absolute_error: Decimal
    samples: int

    @property
    def explanation(self) -> str:
        rows = ", ".join(
            f"from {r.from_points} points {format_money(r.pounds_per_point, whole_pounds=True)} a point"
            for r in self.price_table
        )
        return (
            f"Fitted to {self.samples} support plans: {rows}. The table explains {self.r_squared:.1%} of the "
            f"variation in cost (R² {self.r_squared:.3f}); budgets differ from actual costs by "
            f"{format_money(self.mean_absolute_error, whole_pounds=True)} a week on average."
        )


class CalibrationError(ValueError):
    pass


def _features(points: int, thresholds: Sequence[int]) -> list[float]:
    out = []
    for n, start in enumerate(thresholds):
        end = thresholds[n + 1] if n + 1 < len(thresholds) else None
        upper = points if end is None else min(points, end)
        out.append(float(max(0, upper - start)))
    return out


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems here are a handful of rows)."""
    n = len(b)
    m = [[*row, rhs] for row, rhs in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-12:
            raise CalibrationError("Too few plans in some price bands to fit them: merge bands or add plans")
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit_price_table(samples: Iterable[Sample], thresholds: Sequence[int]) -> Fit:
    data = list(samples)
    if len(data) < len(thresholds) + 1:
        raise CalibrationError(f"At least {len(thresholds) + 1} support plans are needed to fit the table")
    if not thresholds or thresholds[0] != 0 or list(thresholds) != sorted(set(thresholds)):
        raise CalibrationError("Thresholds must start at 0 and rise")
    k = len(thresholds)
    xtx = [[0.0] * k for _ in range(k)]
    xty = [0.0] * k
    for s in data:
        x = _features(s.points, thresholds)
        y = float(s.weekly_cost)
        for i in range(k):
            xty[i] += x[i] * y
            for j in range(k):
                xtx[i][j] += x[i] * x[j]
    rates = _solve(xtx, xty)
    table = tuple(PriceRow(t, pounds(str(max(0.0, r)))) for t, r in zip(thresholds, rates, strict=True))
    costs = [float(s.weekly_cost) for s in data]
    mean = sum(costs) / len(costs)
    predicted = [float(price(s.points, table)) for s in data]
    ss_res = sum((c - p) ** 2 for c, p in zip(costs, predicted, strict=True))
    ss_tot = sum((c - mean) ** 2 for c in costs)
    r2 = 1.0 - ss_res / ss_tot if ss_tot else 1.0
    mae = sum(abs(c - p) for c, p in zip(costs, predicted, strict=True)) / len(costs)
    return Fit(table, r2, pounds(str(mae)), len(data))


@dataclass(frozen=True)
class BudgetRecord:
    points: int
    weekly: Decimal
    age_band: str
    client_group: str


@dataclass(frozen=True)
class GroupMean:
    need_band: str
    dimension: str  # "age band" or "client group"
    group: str
    count: int
    mean_weekly: Decimal
    #: Whether the group has enough people to be compared with others (see :func:`fairness_report`).
    compared: bool = True


def _percent_more(higher: Decimal, lower: Decimal) -> str:
    """How much more ``higher`` is than ``lower``, as a percentage to one place, never rounded down to the
    tolerance: 10.04% shows as 10.1%, so a gap above 10% never reads as 10%."""
    share = ((higher - lower) * 100 / lower).quantize(Decimal("0.1"), rounding=ROUND_UP)
    return f"{share.normalize():f}%" if share == share.to_integral_value() else f"{share}%"


@dataclass(frozen=True)
class Gap:
    need_band: str
    dimension: str
    higher: str
    lower: str
    higher_mean: Decimal
    lower_mean: Decimal

    @property
    def explanation(self) -> str:
        lower = (
            f"{format_money(self.lower_mean, whole_pounds=True)}: "
            f"{_percent_more(self.higher_mean, self.lower_mean)} more"
            if self.lower_mean
            else "nothing"
        )
        return (
            f"With {_need_words(self.need_band)}, {self.higher} get "
            f"{format_money(self.higher_mean, whole_pounds=True)} a week on average but "
            f"{self.lower} get {lower} (by {self.dimension})."
        )


@dataclass(frozen=True)
class FairnessReport:
    """The table of group means and what it shows, in sentences made from that same table."""

    means: tuple[GroupMean, ...]
    gaps: tuple[Gap, ...]
    tolerance: Decimal
    min_count: int = 5
    #: How many need bands and dimensions had two or more groups big enough to compare.
    comparisons: int = 0

    @property
    def too_few(self) -> tuple[GroupMean, ...]:
        """The rows of the table with too few people to compare."""
        return tuple(m for m in self.means if not m.compared)

    @property
    def summary(self) -> str:
        """The sentence for when no gap is found, saying which groups it covers; empty when there are gaps."""
        if self.gaps or not self.means:
            return ""
        if not self.comparisons:
            return (
                f"No two groups with equal need have {self.min_count} or more people each, so no comparison "
                "could be made."
            )
        return (
            f"Comparing groups of {self.min_count} or more people, no group's mean budget differs by more than "
            f"{self.tolerance:.0%} from another's with equal need."
        )

    @property
    def too_few_sentence(self) -> str:
        n = len(self.too_few)
        if not n:
            return ""
        groups = "1 group has" if n == 1 else f"{n:,} groups have"
        return (
            f"{groups} fewer than {self.min_count} people at their level of need, so "
            f"{'it is' if n == 1 else 'they are'} not compared: the table marks {'it' if n == 1 else 'them'} "
            "too few to compare."
        )

    @property
    def explanation(self) -> str:
        return "\n".join(
            [*(g.explanation for g in self.gaps), *(s for s in (self.summary, self.too_few_sentence) if s)]
        )


AGE_BANDS = ((18, "18 to 24"), (25, "25 to 64"), (65, "65 to 84"), (85, "85 and over"))


def age_band(age: int) -> str:
    """Age bands as adult social care returns use them (18–24, 25–64, 65–84, 85+)."""
    label = AGE_BANDS[0][1]
    for start, name in AGE_BANDS:
        if age >= start:
            label = name
    return label


def need_band(points: int, width: int = 10) -> str:
    start = points // width * width
    return f"{start} to {start + width - 1} points"


def _need_words(band: str) -> str:
    """A need band as a sentence says it: "30 to 39 points of need"."""
    return f"{band} of need"


def fairness_report(
    records: Iterable[BudgetRecord],
    *,
    tolerance: Decimal = Decimal("0.10"),
    min_count: int = 5,
    band_width: int = 10,
) -> FairnessReport:
    """Mean budgets by age band and by client group within each need band, and the gaps between them.

    A gap is flagged where, with the same need band, the highest group mean exceeds the lowest by more
    than ``tolerance`` (a fraction of the lower mean); groups with fewer than ``min_count`` people are
    reported, marked as not compared, so one unusual plan does not raise an alarm and a reader can see
    which rows the sentences do not cover. The comparison uses the means as the table shows them (to the
    penny), so the sentences always agree with the table.
    """
    sums: dict[tuple[str, str, str], list[Decimal]] = defaultdict(list)
    for r in records:
        nb = need_band(r.points, band_width)
        sums[(nb, "age band", r.age_band)].append(r.weekly)
        sums[(nb, "client group", r.client_group)].append(r.weekly)
    means = tuple(
        GroupMean(nb, dim, group, len(v), pounds(sum(v, Decimal(0)) / len(v)), len(v) >= min_count)
        for (nb, dim, group), v in sorted(sums.items(), key=lambda kv: (_band_start(kv[0][0]), kv[0][1], kv[0][2]))
    )
    gaps: list[Gap] = []
    by_key: dict[tuple[str, str], list[GroupMean]] = defaultdict(list)
    for m in means:
        if m.compared:
            by_key[(m.need_band, m.dimension)].append(m)
    comparisons = 0
    for (nb, dim), group_means in by_key.items():
        if len(group_means) < 2:
            continue
        comparisons += 1
        high = max(group_means, key=lambda g: g.mean_weekly)
        low = min(group_means, key=lambda g: g.mean_weekly)
        if high.mean_weekly > low.mean_weekly * (1 + tolerance):
            gaps.append(Gap(nb, dim, high.group, low.group, high.mean_weekly, low.mean_weekly))
    return FairnessReport(means, tuple(gaps), tolerance, min_count, comparisons)


def _band_start(label: str) -> int:
    return int(label.split(" ", 1)[0])
