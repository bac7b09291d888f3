"""The taxonomies the directory starts with, loaded by migration ``0002`` and by ``seed_taxonomies``.

* **Interests** and **client groups**: Ownway's own short lists, with the activities and groups of people
  the source documents name (arts, sport, learning, employment, volunteering, social, faith…; seeds 000
  and 003).
* **LGA/ESD Community Services** and **LGA/ESD Needs**: the lists Open Referral UK recommends
  (http://id.esd.org.uk/list/communityServices and http://id.esd.org.uk/list/needs). Only a
  **sample** of terms relevant to adult social care is seeded here, with names taken from the lists'
  subject areas; their ESD identifiers are not reproduced, so ``term_uri`` is left empty. A council
  loads the full official lists by importing them as an ORUK taxonomy feed
  (``manage.py import_oruk``), which upserts by id.

Ids are UUID version 5 of the taxonomy and term names, so they are the same on every installation.
"""

from __future__ import annotations

import uuid
from typing import Any

INTERESTS = "Interests"
CLIENT_GROUPS = "Client groups"
ESD_SERVICES = "LGA/ESD Community Services (sample)"
ESD_NEEDS = "LGA/ESD Needs (sample)"

SEED: list[dict[str, Any]] = [
    {
        "name": INTERESTS,
        "description": "What a person enjoys or wants to do: for finding things to do in the community.",
        "uri": "",
        "terms": [
            ("arts", "Arts and crafts"),
            ("music", "Music and singing"),
            ("drama", "Drama and performance"),
            ("sport", "Sport and exercise"),
            ("learning", "Learning and courses"),
            ("digital", "Computers and digital skills"),
            ("employment", "Work and getting ready for work"),
            ("volunteering", "Volunteering"),
            ("social", "Meeting people and social groups"),
            ("faith", "Faith and worship"),
            ("gardening", "Gardening and the outdoors"),
            ("cooking", "Cooking and food"),
            ("wellbeing", "Health and wellbeing"),
            ("independent_living", "Independent living skills"),
        ],
    },
    {
        "name": CLIENT_GROUPS,
        "description": "Who a service is for. A service for everyone carries no client group.",
        "uri": "",
        "terms": [
            ("older_people", "Older people"),
            ("learning_disability", "People with a learning disability"),
            ("autism", "Autistic people"),
            ("physical_disability", "People with a physical disability"),
            ("sensory_impairment", "People with sight or hearing loss"),
            ("mental_health", "People with mental health needs"),
            ("dementia", "People living with dementia"),
            ("carers", "Carers"),
        ],
    },
    {
        "name": ESD_SERVICES,
        "description": "A sample of the LGA/ESD Community Services list recommended by Open Referral UK.",
        "uri": "http://id.esd.org.uk/list/communityServices",
        "terms": [
            ("day_services", "Day services and day opportunities"),
            ("befriending", "Befriending"),
            ("carers_support", "Support for carers"),
            ("community_transport", "Community transport"),
            ("lunch_clubs", "Lunch clubs"),
            ("personal_assistants", "Personal assistants"),
            ("short_breaks", "Short breaks and respite"),
            ("supported_employment", "Supported employment"),
            ("advocacy", "Advocacy"),
            ("home_care", "Care at home"),
        ],
    },
    {
        "name": ESD_NEEDS,
        "description": "A sample of the LGA/ESD Needs list recommended by Open Referral UK.",
        "uri": "http://id.esd.org.uk/list/needs",
        "terms": [
            ("loneliness", "Loneliness and isolation"),
            ("daily_living", "Help with daily living"),
            ("mobility", "Getting about"),
            ("memory", "Memory problems"),
            ("carer_break", "A break from caring"),
            ("work", "Finding work"),
            ("wellbeing", "Mental wellbeing"),
        ],
    },
]


def taxonomy_id(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://ownway.example/taxonomy/{name}")


def term_id(taxonomy_name: str, code: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://ownway.example/taxonomy/{taxonomy_name}/{code}")


def load_taxonomies(taxonomy_model: Any, term_model: Any) -> None:
    """Create or refresh the seeded taxonomies (works with historical models in migrations)."""
    for tax in SEED:
        taxonomy, _ = taxonomy_model.objects.update_or_create(
            id=taxonomy_id(tax["name"]),
            defaults={"name": tax["name"], "description": tax["description"], "uri": tax["uri"]},
        )
        for code, name in tax["terms"]:
            term_model.objects.update_or_create(
                id=term_id(tax["name"], code),
                defaults={"taxonomy": taxonomy, "code": code, "name": name, "description": name},
            )


#: Each seeded term's name by its id (as a string), for loaders that skip the database.
TERM_NAMES_BY_ID: dict[str, str] = {str(term_id(t["name"], code)): name for t in SEED for code, name in t["terms"]}
