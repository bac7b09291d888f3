"""Directory import speed: a 25,000-service feed in the ORUK 1.x (Placecube summary) shape, imported whole.

    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/directory_import.py
    uv run python benchmarks/directory_import.py --services 2000   # a quick run, SQLite

It makes a fresh database beside the configured one (Django's test database, dropped afterwards),
migrates it, writes a feed of ``--services`` services as council directories publish them (a bare JSON
list: HTML descriptions with prices and venue postcodes in the text, a few hundred organisations, one to
three audiences each, fees in words), and times reading the file and importing it as a registered feed
is imported (:func:`ownway.directory.services.directory_import`). With ``--again`` the same feed is then
imported a second time, as the daily re-import does, and timed too. The last line is ``seconds=<float>``:
the first import. Target: under 60 s on PostgreSQL for 25,000 services.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from benchkit import throwaway_database

AUDIENCES = ["Older people", "Carers", "Adults", "Men", "Women", "People with dementia", "Young adults", "Families"]
ACTIVITIES = ["Lunch club", "Memory café", "Walking group", "Choir", "Digital drop-in", "Chair exercise", "Men's shed"]
PLACES = ["Moseley", "Kings Heath", "Northfield", "Erdington", "Sutton Coldfield", "Handsworth", "Selly Oak"]
POSTCODES = ["B13 8DL", "B14 7SW", "B31 2RE", "B23 6RB", "B72 1XX", "B21 9RY", "B29 6LN"]
ATTENDING = [("Venue", "Drop-in"), ("Online", "Self-referral"), ("Phone", "Referral"), ("Venue", "Appointment")]


def build_summary_feed(services: int, seed: int) -> list[dict[str, object]]:
    """A feed in the ORUK 1.x summary shape, made up but shaped like the real ones."""
    rng = random.Random(seed)  # noqa: S311 - making a test feed
    organizations = [
        {
            "id": f"org-{n}",
            "name": f"{rng.choice(PLACES)} Community Trust {n}",
            "description": "<p>A local charity.</p>",
            "url": rng.choice([f"www.trust{n}.org.uk", f"https://trust{n}.org.uk", ""]),
            "logo": "",
            "uri": f"https://directory.example.gov.uk/organisations/{n}",
        }
        for n in range(max(1, services // 80))
    ]
    feed = []
    for n in range(services):
        place = rng.randrange(len(PLACES))
        attending_type, attending_access = rng.choice(ATTENDING)
        price = rng.choice(["Free", "£3 per session", "£2.50 (£1 concession)", "", "No charge", "£10 a year"])
        feed.append(
            {
                "id": str(100_000 + n),
                "name": f"{rng.choice(ACTIVITIES)} {PLACES[place]} {n}",
                "description": (
                    f"<p>A friendly group in {PLACES[place]}.<br aria-hidden='true'>Tea &amp; cake.</p>"
                    f"<ul><li>Meet people</li><li>Keep active</li></ul>"
                    f"<p>Venue: Church Hall, {POSTCODES[place]}. Sessions {price or 'vary'}. "
                    f"<a href='https://www.example.org/groups?id={n}&section=adults'>More</a></p>"
                ),
                "url": rng.choice([f"www.group{n}.org.uk", f"https://group{n}.example.org", ""]),
                "email": f"group{n}@example.org",
                "status": "active",
                "fees": price,
                "accreditations": "",
                "deliverable_type": "Activity",
                "attending_type": attending_type,
                "attending_access": attending_access,
                "pc_attendingAccess_additionalInfo": "<p>Just come along.</p>",
                "assured_date": "2024-03-11",
                "organization": rng.choice(organizations),
                "pc_metadata": {
                    "date_created": "2021-06-02T09:14:00Z",
                    "date_modified": "2024-03-11T15:42:10Z",
                    "date_assured": "2024-03-11",
                    "assured_by": "Community Connect team",
                },
                "pc_targetAudience": [
                    {"id": AUDIENCES.index(a), "audienceType": a} for a in rng.sample(AUDIENCES, rng.randint(1, 3))
                ],
            }
        )
    return feed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--again", action="store_true", help="import the same feed a second time, timed too")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    with throwaway_database(keep=args.keep) as test_name, tempfile.TemporaryDirectory() as folder:
        from django.db import connection

        from ownway.directory.importer import read_source
        from ownway.directory.models import Service
        from ownway.directory.services import directory_import

        path = Path(folder) / "feed.json"
        path.write_text(json.dumps(build_summary_feed(args.services, args.seed)))
        print(f"database={connection.vendor}:{test_name} services={args.services} feed_bytes={path.stat().st_size}")
        started = time.perf_counter()
        report = directory_import(actor=None, payload=read_source(str(path)), source=str(path))
        first = time.perf_counter() - started
        print(f"first import: {report.summary} in {first:.1f} s ({Service.objects.count()} services)")
        if args.again:
            started = time.perf_counter()
            report = directory_import(actor=None, payload=read_source(str(path)), source=str(path))
            print(f"second import: {report.summary} in {time.perf_counter() - started:.1f} s")
        print(f"seconds={first:.3f}")


if __name__ == "__main__":
    main()
