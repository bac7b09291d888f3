"""Directory search speed: 50,000 services, half of them at no location, then ranked searches by text, distance
and filters.

    DATABASE_URL=postgres://user:pass@host:5432/ownway uv run python benchmarks/directory_search.py
    uv run python benchmarks/directory_search.py --services 5000 --searches 100   # a quick run, SQLite

It makes a fresh database beside the configured one (Django's test database, dropped afterwards),
migrates it and loads ``--services`` directory entries from the demo generator (real postcodes of
Birmingham and the Black Country, with their real centres; schedules, costs, accessibility,
interests and client groups) straight into the tables, as an import of that size would leave them;
every second service has no location, as many services in real council feeds have none (online, by
phone, outreach, or no venue published). The database's triggers fill the full-text index as rows go in.
Then it runs ``--searches`` searches as the search page makes them: free text, a postcode with a
radius of 1 to 10 miles, and one or more of interest, day, evenings or weekends, accessibility and
maximum cost, through the directory's one search as the search page reads it (``service_search_groups``:
full-text, ranked, the exact name, then places within the distance by distance, then the services offered
anywhere, each group read only as far as the page needs); each timed from building the query
to having the first page of 20 services and the count of the results (up to the search page's limit, past
which it says "more than"), as the search page makes them. The last line is ``p95_ms=<float>``. Target: under 50 ms on
PostgreSQL and on SQLite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from decimal import Decimal
from pathlib import Path

from benchkit import percentile, throwaway_database

ROOT = Path(__file__).resolve().parent.parent
AREAS = ["B", "WS", "WV", "DY", "CV"]
WORDS = [
    "art",
    "group",
    "club",
    "swimming",
    "lunch",
    "choir",
    "garden",
    "digital",
    "football",
    "memory",
    "cookery",
    "employment",
    "social",
    "painting",
    "walking",
    "craft",
    "café",
    "drama",
]


def load(services: int, seed: int) -> None:
    from ownway.directory.demo import build_feed
    from ownway.directory.models import (
        Accessibility,
        Address,
        Attribute,
        CostOption,
        Feature,
        Location,
        Organization,
        Schedule,
        Service,
        ServiceAtLocation,
    )
    from ownway.directory.rules.cost import CostLine, full_cost
    from ownway.directory.rules.schedule import DAYS, Session, describe
    from ownway.directory.taxonomies import TERM_NAMES_BY_ID

    per_area = -(-services // len(AREAS))
    batch = 2000
    done = 0
    for index, area in enumerate(AREAS):
        count = min(per_area, services - done)
        if count <= 0:
            break
        feed = build_feed(services=count, seed=seed + index, area=area)["services"]
        for start in range(0, len(feed), batch):
            chunk = feed[start : start + batch]
            orgs, svcs, locs, addrs, sals, scheds, costs, access, attrs = ([] for _ in range(9))
            seen_orgs = set()
            for record in chunk:
                org = record["organization"]
                if org["id"] not in seen_orgs:
                    seen_orgs.add(org["id"])
                    orgs.append(Organization(id=org["id"], name=org["name"], description=org["description"]))
                lines = [
                    CostLine(c.get("option", ""), Decimal(str(c["amount"])), c["ownway_kind"], c["ownway_per"])
                    for c in record["cost_options"]
                ]
                cost = full_cost(lines)
                terms = [TERM_NAMES_BY_ID[a["taxonomy_term_id"]] for a in record["attributes"]]
                extras = record["ownway"]
                sessions = [
                    describe(
                        Session(
                            s["freq"],
                            None,
                            s["byday"],
                            dt.time.fromisoformat(s["opens_at"]),
                            dt.time.fromisoformat(s["closes_at"]),
                        )
                    )
                    for s in record["schedules"]
                ]
                when_days = ",".join(d for d in DAYS if any(d in w.days for w in sessions))
                evening = any(w.evening for w in sessions)
                svcs.append(
                    Service(
                        id=record["id"],
                        organization_id=org["id"],
                        name=record["name"],
                        description=record["description"],
                        status="active",
                        minimum_age=record.get("minimum_age"),
                        assured_date=dt.date.fromisoformat(record["assured_date"]),
                        kind=extras["kind"],
                        transport_provided=extras["transport_provided"],
                        getting_there=extras["getting_there"],
                        search_text=" ".join(
                            " ".join([record["name"], record["description"], org["name"], *terms]).lower().split()
                        ),
                        cost_from=cost.cost_from,
                        is_free=cost.is_free,
                        days=when_days,
                        has_evening=evening,
                    )
                )
                for c in record["cost_options"]:
                    costs.append(
                        CostOption(
                            id=c["id"],
                            service_id=record["id"],
                            option=c.get("option", ""),
                            amount=Decimal(str(c["amount"])),
                            kind=c["ownway_kind"],
                            per=c["ownway_per"],
                        )
                    )
                for s in record["schedules"]:
                    scheds.append(
                        Schedule(
                            id=s["id"],
                            service_id=record["id"],
                            freq=s["freq"],
                            byday=s["byday"],
                            opens_at=dt.time.fromisoformat(s["opens_at"]),
                            closes_at=dt.time.fromisoformat(s["closes_at"]),
                        )
                    )
                located = len(svcs) % 2 == 1
                svcs[-1].has_location = located
                for sal in record["service_at_locations"] if located else []:
                    loc = sal["location"]
                    address = loc["addresses"][0]
                    locs.append(
                        Location(
                            id=loc["id"],
                            name=loc["name"],
                            latitude=loc["latitude"],
                            longitude=loc["longitude"],
                            postcode=address["postal_code"],
                        )
                    )
                    addrs.append(
                        Address(
                            id=address["id"],
                            location_id=loc["id"],
                            address_1=address["address_1"],
                            city=address["city"],
                            state_province=address["state_province"],
                            postal_code=address["postal_code"],
                        )
                    )
                    features = 0
                    for a in loc["accessibility"]:
                        access.append(Accessibility(id=a["id"], location_id=loc["id"], feature=a["accessibility"]))
                        features |= Feature.bit(a["accessibility"])
                    service = svcs[-1]
                    sals.append(
                        ServiceAtLocation(
                            id=sal["id"],
                            service_id=record["id"],
                            location_id=loc["id"],
                            status="active",
                            kind=service.kind,
                            name=service.name.lower(),
                            search_text=service.search_text,
                            days=service.days,
                            has_evening=service.has_evening,
                            cost_from=service.cost_from,
                            is_free=service.is_free,
                            minimum_age=service.minimum_age,
                            maximum_age=service.maximum_age,
                            latitude=loc["latitude"],
                            longitude=loc["longitude"],
                            features=features,
                            terms=" " + " ".join(a["taxonomy_term_id"] for a in record["attributes"]) + " "
                            if record["attributes"]
                            else "",
                        )
                    )
                for a in record["attributes"]:
                    attrs.append(
                        Attribute(
                            id=a["id"],
                            taxonomy_term_id=a["taxonomy_term_id"],
                            link_type="service",
                            link_id=record["id"],
                        )
                    )
            Organization.objects.bulk_create(orgs, ignore_conflicts=True)
            for model, rows in [
                (Service, svcs),
                (Location, locs),
                (Address, addrs),
                (ServiceAtLocation, sals),
                (Schedule, scheds),
                (CostOption, costs),
                (Accessibility, access),
                (Attribute, attrs),
            ]:
                model.objects.bulk_create(rows, batch_size=1000)
        done += count
        print(f"loaded {done} services", flush=True)


def searches(count: int, seed: int) -> list[dict[str, object]]:
    from ownway.directory.models import Feature, Location
    from ownway.directory.rules.geo import METRES_PER_MILE
    from ownway.directory.rules.schedule import DAYS
    from ownway.directory.taxonomies import INTERESTS, SEED, term_id

    rng = random.Random(seed)  # noqa: S311 - choosing test searches
    points = list(Location.objects.order_by("?").values_list("latitude", "longitude")[:2000])
    interests = [term_id(INTERESTS, code) for code, _ in next(t for t in SEED if t["name"] == INTERESTS)["terms"]]
    result = []
    for _ in range(count):
        lat, lon = rng.choice(points)
        params: dict[str, object] = {
            "text": rng.choice(WORDS) if rng.random() < 0.8 else "",
            "latitude": lat,
            "longitude": lon,
            "within_m": rng.choice([1, 3, 3, 5, 10]) * METRES_PER_MILE,
            "sort": rng.choice(["relevance", "distance"]),
        }
        if rng.random() < 0.5:
            params["interest_ids"] = [rng.choice(interests)]
        roll = rng.random()
        if roll < 0.25:
            params["days"] = [rng.choice(DAYS)]
        elif roll < 0.45:
            params["weekends"] = True
        elif roll < 0.6:
            params["evenings"] = True
        if rng.random() < 0.5:
            params["features"] = [rng.choice(Feature.values)]
        if rng.random() < 0.3:
            params["max_cost"] = Decimal(rng.choice(["0", "5", "10", "50"]))
        result.append(params)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    with throwaway_database(keep=args.keep) as test_name:
        from django.db import connection, reset_queries

        from ownway.directory.models import Service
        from ownway.directory.selectors import DirectorySearch, result_page, service_search_groups
        from ownway.directory.views import COUNT_LIMIT

        started = time.perf_counter()
        load(args.services, args.seed)
        loaded = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"database={connection.vendor} {test_name}")
        located = Service.objects.filter(has_location=True).count()
        print(f"services={Service.objects.count()} located={located} load_seconds={loaded:.1f}")
        timings = []
        found = []
        by_radius: dict[int, list[float]] = {}
        by_kind: dict[str, list[float]] = {}
        for params in searches(args.searches, args.seed):
            reset_queries()
            began = time.perf_counter()
            qs = service_search_groups(search=DirectorySearch(**params))  # type: ignore[arg-type]
            page = result_page(qs, number=1, per_page=20, select_related=("organization",), count_limit=COUNT_LIMIT)
            timings.append((time.perf_counter() - began) * 1000)
            by_radius.setdefault(round(float(params["within_m"]) / 1609.344), []).append(timings[-1])  # type: ignore[arg-type]
            by_kind.setdefault("with_words" if params["text"] else "without_words", []).append(timings[-1])
            found.append(page.total)
            assert len(page.items) == min(20, page.total)
        timings.sort()
        p95 = percentile(timings, 0.95)
        print(f"searches={len(timings)} median_results={statistics.median(found):.0f} max_results={max(found)}")
        print(
            f"p50_ms={statistics.median(timings):.2f} p99_ms={percentile(timings, 0.99):.2f} max_ms={timings[-1]:.2f}"
        )
        for miles, values in sorted(by_radius.items()):
            values.sort()
            share = percentile(values, 0.95)
            print(f"within_{miles}_miles searches={len(values)} p95_ms={share:.2f}")
        for kind, values in sorted(by_kind.items()):
            values.sort()
            print(f"{kind} searches={len(values)} p95_ms={percentile(values, 0.95):.2f}")
        print(f"p95_ms={p95:.2f}")


if __name__ == "__main__":
    main()
