"""The published figures the demo city is calibrated to, kept as data for every app that needs them.

Source: Birmingham City Council, *Adult Social Care Draft Day Opportunities Strategy 2019* (seed 000, copied
in ``docs/sources/``), its section "Activity within Adult Social Care in Birmingham" (the open cases are
"As of March 2019") and Tables 1 to 6. Each table below is copied as printed, with its number, so a reader
can check it against the strategy.

The printed tables do not all add up to one another (Table 2 totals 1,537 and Table 3 totals 1,537,
against Table 1's 1,540; Tables 4 to 6 account for 1,311 of the 1,540 people in day care). The demo
uses each table for what it measures (a share within a client group, a count within a provision) and
derives the rest in :data:`OPEN_CASE_CELLS` and :data:`OPEN_CASES_BY_GROUP`, with the arithmetic
written out. Later apps (``dayops``, ``reporting``) should read these figures from here.

Figures marked *illustrative* are not in the strategy: they are the generator's assumptions about
things the strategy does not say (how older adults divide between primary support reasons, for
example), chosen to look like an English council's Client Level Data. They are not calibrated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

SOURCE = "Birmingham City Council, Draft Day Opportunities Strategy (2019), Tables 1-6 (open cases as of March 2019)"

#: seed 000: "The estimated population of Birmingham numbers 1,137,100."
CITY_POPULATION = 1_137_100
#: seed 000: "As of March 2019, there are 20,192 people with cases open to Adult Social Care and Health services."
OPEN_CASES = 20_192
#: seed 000: "Of these cases 13,861 are receiving some form of commissioned care package."
COMMISSIONED_PACKAGES = 13_861
#: seed 000: "in the region of 1,600 of those receiving a commissioned care package receive some form of day care
#: provision."
DAY_CARE_APPROX = 1_600
#: seed 000: "there are 4,326 citizens under the age of 65 years accessing social care for their learning disability"
LEARNING_DISABILITY_CASES = 4_326
#: Table 4: people supported by third-sector services, from the providers' own returns ("data sourced from
#: providers self-assessment of their service users"); the strategy says they include some people with an
#: assessed need care package, so this is not a count of open cases.
THIRD_SECTOR_CLIENTS = 15_742
#: seed 000: "There are currently, approximately 55 providers across Birmingham delivering day opportunities."
EXTERNAL_DAY_PROVIDERS = 55
#: seed 000: "Younger adults ... day care services are currently delivered across 9 sites plus 2 gardening projects."
INTERNAL_DAY_SITES = 9
INTERNAL_GARDENING_PROJECTS = 2

OLDER_ADULTS = "older_adults"
LEARNING_DISABILITIES = "learning_disabilities"
PHYSICAL_DISABILITIES = "physical_disabilities"
MENTAL_HEALTH = "mental_health"
#: The strategy's four client groups, in the order of its tables.
CLIENT_GROUPS: tuple[str, ...] = (OLDER_ADULTS, LEARNING_DISABILITIES, PHYSICAL_DISABILITIES, MENTAL_HEALTH)
CLIENT_GROUP_LABELS = {
    OLDER_ADULTS: "Older adults",
    LEARNING_DISABILITIES: "Learning disabilities",
    PHYSICAL_DISABILITIES: "Physical disability or sensory impairment",
    MENTAL_HEALTH: "Mental health",
}

# --- Table 1: Activity across adult social care and day opportunities --------------------------------
#: client group -> (current day opportunities citizens, 2017 population, projected 2021 population,
#: projected day opportunities users in 2021). The "population" columns are people in the city with
#: that need (seed 000, Table 1: "people aged 65 and over with a limiting lifelong illness which affects
#: their daily life 'a lot'"), not open cases; for learning disabilities, though, the strategy's text gives
#: the same 4,326 as the people accessing social care (:data:`LEARNING_DISABILITY_CASES`).
TABLE_1: dict[str, tuple[int, int, int, int]] = {
    OLDER_ADULTS: (379, 45_860, 48_365, 400),
    LEARNING_DISABILITIES: (861, 4_326, 4_875, 970),
    MENTAL_HEALTH: (21, 2_790, 3_013, 23),
    PHYSICAL_DISABILITIES: (279, 13_948, 15_233, 305),
}
#: Table 1's current day opportunities citizens, total 1,540.
DAY_CARE_BY_GROUP: dict[str, int] = {group: row[0] for group, row in TABLE_1.items()}
DAY_CARE_TOTAL = sum(DAY_CARE_BY_GROUP.values())

# --- Table 2: Ethnic breakdown of those accessing day care ------------------------------------------
#: The strategy's ethnic groups. Each of the 21 CLD ethnicity codes names its group in the ``group``
#: field of ``people/data/code_lists.json``.
ETHNIC_GROUPS: tuple[str, ...] = ("Asian", "Black", "Mixed", "White UK", "White other", "Other or not known")
#: ethnic group -> client group -> people.
TABLE_2: dict[str, dict[str, int]] = {
    "Asian": {OLDER_ADULTS: 96, LEARNING_DISABILITIES: 226, PHYSICAL_DISABILITIES: 66, MENTAL_HEALTH: 8},
    "Black": {OLDER_ADULTS: 75, LEARNING_DISABILITIES: 98, PHYSICAL_DISABILITIES: 43, MENTAL_HEALTH: 1},
    "Mixed": {OLDER_ADULTS: 0, LEARNING_DISABILITIES: 11, PHYSICAL_DISABILITIES: 4, MENTAL_HEALTH: 0},
    "White UK": {OLDER_ADULTS: 177, LEARNING_DISABILITIES: 489, PHYSICAL_DISABILITIES: 151, MENTAL_HEALTH: 11},
    "White other": {OLDER_ADULTS: 16, LEARNING_DISABILITIES: 24, PHYSICAL_DISABILITIES: 5, MENTAL_HEALTH: 0},
    "Other or not known": {
        OLDER_ADULTS: 13,
        LEARNING_DISABILITIES: 12,
        PHYSICAL_DISABILITIES: 10,
        MENTAL_HEALTH: 1,
    },
}

# --- Table 3: Age breakdown of those accessing day care ---------------------------------------------
#: Age bands as printed; (lowest age, highest age) for each. "80 and over" is capped for generation.
AGE_BANDS: dict[str, tuple[int, int]] = {
    "18 to 34": (18, 34),
    "35 to 49": (35, 49),
    "50 to 64": (50, 64),
    "65 to 79": (65, 79),
    "80 and over": (80, 102),
}
#: age band -> client group -> people ("n/a" in the strategy is 0 here: older adults are 65 and over,
#: physical disability and mental health are under 65 by the strategy's own definitions).
TABLE_3: dict[str, dict[str, int]] = {
    "18 to 34": {OLDER_ADULTS: 0, LEARNING_DISABILITIES: 273, PHYSICAL_DISABILITIES: 63, MENTAL_HEALTH: 1},
    "35 to 49": {OLDER_ADULTS: 0, LEARNING_DISABILITIES: 271, PHYSICAL_DISABILITIES: 72, MENTAL_HEALTH: 6},
    "50 to 64": {OLDER_ADULTS: 0, LEARNING_DISABILITIES: 241, PHYSICAL_DISABILITIES: 141, MENTAL_HEALTH: 14},
    "65 to 79": {OLDER_ADULTS: 191, LEARNING_DISABILITIES: 72, PHYSICAL_DISABILITIES: 0, MENTAL_HEALTH: 0},
    "80 and over": {OLDER_ADULTS: 188, LEARNING_DISABILITIES: 4, PHYSICAL_DISABILITIES: 0, MENTAL_HEALTH: 0},
}
OVER_65_BANDS = frozenset({"65 to 79", "80 and over"})

# --- Table 4: Current spend on day care -------------------------------------------------------------
#: provision -> (clients, cost per year in pounds, locations).
TABLE_4: dict[str, tuple[int, int, str]] = {
    "External provision": (633, 7_600_000, "Across Birmingham, Sandwell & Solihull"),
    "Internal provision (younger adults)": (678, 9_200_000, "Across Birmingham"),
    "Third sector": (15_742, 1_100_000, "Across Birmingham"),
}

# --- Table 5: Client groups attending internal day opportunities (complexity of need) ----------------
COMPLEXITIES: tuple[str, ...] = ("moderate", "substantial", "complex", "not_classified")
COMPLEXITY_LABELS = {
    "moderate": "Moderate",
    "substantial": "Substantial",
    "complex": "Complex",
    "not_classified": "Not classified",
}
TABLE_5: dict[str, int] = {"moderate": 10, "substantial": 111, "complex": 473, "not_classified": 84}
INTERNAL_TOTAL = sum(TABLE_5.values())  # 678

# --- Table 6: Client groups attending external day opportunities ------------------------------------
TABLE_6: dict[str, int] = {
    LEARNING_DISABILITIES: 258,
    OLDER_ADULTS: 215,
    PHYSICAL_DISABILITIES: 139,
    MENTAL_HEALTH: 21,
}
EXTERNAL_TOTAL = sum(TABLE_6.values())  # 633

#: Where a person's day care is provided. "other" is the 229 people Table 1 counts in day care whom
#: Tables 4 to 6 do not place in internal or external provision (1,540 - 678 - 633); the strategy does
#: not say how they are served (direct payments and self-arranged places are the likely answer).
INTERNAL = "internal"
EXTERNAL = "external"
OTHER_DAY_CARE = "other"
NO_DAY_CARE = "none"
PROVISIONS: tuple[str, ...] = (INTERNAL, EXTERNAL, OTHER_DAY_CARE, NO_DAY_CARE)
PROVISION_LABELS = {
    INTERNAL: "Council-run day service (younger adults)",
    EXTERNAL: "External provider",
    OTHER_DAY_CARE: "Other day care (not placed by Tables 4 to 6)",
    NO_DAY_CARE: "No day care",
}


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into whole numbers in proportion to ``weights`` (largest remainder method).

    Each part is the exact quota rounded down, and the units left over go to the largest remainders
    (ties to the earlier weight), so every part is within one of its exact quota and the parts sum
    to ``total``. Zero weights get zero.
    """
    if total < 0:
        raise ValueError("Cannot apportion a negative total")
    weight_sum = sum(weights)
    if total == 0 or weight_sum <= 0:
        return [0] * len(weights)
    quotas = [total * w / weight_sum for w in weights]
    parts = [int(q) for q in quotas]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def apportion_map(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """:func:`apportion` over a mapping, keeping its keys and order."""
    return dict(zip(weights, apportion(total, list(weights.values())), strict=True))


def _derive_internal_split() -> dict[str, int]:
    """Internal day care (678, Table 5) divided between learning and physical disabilities.

    The strategy says who the 678 are (seed 000, "Day opportunity services run internally by the Council":
    "678 clients with physical and learning disabilities are currently supported") but not how many of each.
    Table 1 minus Table 6 leaves 861 - 258 = 603 people with learning disabilities and 279 - 139 = 140
    with a physical disability in day care outside external provision; the 678 are split in that ratio:
    550 and 128.
    """
    ld = DAY_CARE_BY_GROUP[LEARNING_DISABILITIES] - TABLE_6[LEARNING_DISABILITIES]
    pd = DAY_CARE_BY_GROUP[PHYSICAL_DISABILITIES] - TABLE_6[PHYSICAL_DISABILITIES]
    return apportion_map(INTERNAL_TOTAL, {LEARNING_DISABILITIES: ld, PHYSICAL_DISABILITIES: pd})


INTERNAL_BY_GROUP = _derive_internal_split()


def _derive_open_cases_by_group() -> dict[str, int]:
    """The 20,192 open cases by client group (the strategy gives only the learning disability count).

    Learning disabilities: the 4,326 people the strategy counts (seed 000, "Adults with a Learning Disability":
    "4,326 citizens under the age of 65 years accessing social care for their learning disability").
    The other 15,866 are divided between older adults, physical disability and mental health in the
    ratio of Table 1's 2017 population column (45,860 : 13,948 : 2,790), the people in the city with
    those needs: 11,624, 3,535 and 707.
    """
    rest = OPEN_CASES - LEARNING_DISABILITY_CASES
    others = apportion_map(
        rest, {group: TABLE_1[group][1] for group in (OLDER_ADULTS, PHYSICAL_DISABILITIES, MENTAL_HEALTH)}
    )
    counts = {LEARNING_DISABILITIES: LEARNING_DISABILITY_CASES, **others}
    return {group: counts[group] for group in CLIENT_GROUPS}


OPEN_CASES_BY_GROUP = _derive_open_cases_by_group()


def _derive_cells() -> dict[tuple[str, str], int]:
    """Open cases by client group and day-care provision, summing to 20,192.

    internal: :data:`INTERNAL_BY_GROUP`; external: Table 6; other day care: Table 1 less the two;
    no day care: :data:`OPEN_CASES_BY_GROUP` less Table 1.
    """
    cells: dict[tuple[str, str], int] = {}
    for group in CLIENT_GROUPS:
        internal = INTERNAL_BY_GROUP.get(group, 0)
        external = TABLE_6[group]
        other = DAY_CARE_BY_GROUP[group] - internal - external
        cells[(group, INTERNAL)] = internal
        cells[(group, EXTERNAL)] = external
        cells[(group, OTHER_DAY_CARE)] = other
        cells[(group, NO_DAY_CARE)] = OPEN_CASES_BY_GROUP[group] - DAY_CARE_BY_GROUP[group]
    return cells


#: (client group, provision) -> open cases at Birmingham's scale. The generator scales these to the
#: number of people asked for by exact quota (:func:`apportion`).
OPEN_CASE_CELLS = _derive_cells()

# --- Illustrative figures (not in the strategy) ------------------------------------------------------
#: How each client group divides between CLD primary support reasons. Learning disabilities and mental
#: health map one to one; the strategy's physical disability group (seed 000, Table 6: "Physical
#: Disability/Sensory Impairment") spans physical and sensory support; older adults span physical, memory
#: and cognition, sensory and social support.
ILLUSTRATIVE_PSR_BY_GROUP: dict[str, dict[str, float]] = {
    OLDER_ADULTS: {
        "physical_personal_care": 56,
        "physical_mobility": 12,
        "memory_cognition": 22,
        "sensory_visual": 3,
        "sensory_hearing": 3,
        "sensory_dual": 1,
        "social_isolation_other": 3,
    },
    LEARNING_DISABILITIES: {"learning_disability": 100},
    PHYSICAL_DISABILITIES: {
        "physical_personal_care": 58,
        "physical_mobility": 24,
        "sensory_visual": 8,
        "sensory_hearing": 7,
        "sensory_dual": 3,
    },
    MENTAL_HEALTH: {"mental_health": 100},
}
#: Share of each client group with at least one unpaid carer known to the council (illustrative).
ILLUSTRATIVE_CARER_SHARE = {
    OLDER_ADULTS: 0.40,
    LEARNING_DISABILITIES: 0.58,
    PHYSICAL_DISABILITIES: 0.35,
    MENTAL_HEALTH: 0.22,
}
#: Of people with a carer, the share with a second one (both parents, a spouse and a daughter).
ILLUSTRATIVE_SECOND_CARER_SHARE = 0.15


def client_group_for(psr_code: str, age: int) -> str | None:
    """The strategy's client group for a primary support reason and an age (``None`` for carers).

    The inverse of how the generator assigns reasons: learning disability and mental health support
    are their own groups; everyone else is an older adult from 65, and otherwise in the physical
    disability or sensory impairment group.
    """
    if psr_code == "social_support_to_carer":
        return None
    if psr_code == "learning_disability":
        return LEARNING_DISABILITIES
    if psr_code == "mental_health":
        return MENTAL_HEALTH
    return OLDER_ADULTS if age >= 65 else PHYSICAL_DISABILITIES


def age_band_for(age: int) -> str:
    for band, (low, high) in AGE_BANDS.items():
        if low <= age <= high:
            return band
    return "80 and over" if age > 80 else "18 to 34"


def shares(counts: Mapping[str, float]) -> dict[str, float]:
    """Counts as fractions of their total (all zero when the total is zero)."""
    total = sum(counts.values())
    return {key: (value / total if total else 0.0) for key, value in counts.items()}


def table_2_shares(group: str) -> dict[str, float]:
    """Table 2's ethnic mix within one client group, as fractions."""
    return shares({ethnic: TABLE_2[ethnic][group] for ethnic in ETHNIC_GROUPS})


def table_3_shares(group: str) -> dict[str, float]:
    """Table 3's age mix within one client group, as fractions."""
    return shares({band: TABLE_3[band][group] for band in AGE_BANDS})
