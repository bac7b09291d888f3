"""Read and write the JSON form of the Mankowska et al. (2014) home-care instances.

The JSON is the one published by ``iolab-uniud/hhcrsp`` (Ceschia, Di Gaspero, Rosati & Schaerf, *ITOR* 2024):
``patients`` (time window, one or two required services, optional ``synchronization``), ``caregivers`` with
``abilities``, one central office and a square ``distances`` matrix whose row 0 is the office and row ``i`` the
``i``-th patient. Every carer starts and ends at the office, has no shift limit, and every service must be given.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import MANKOWSKA_WEIGHTS, Instance, Link, LinkKind, Task, Worker


class InstanceFormatError(ValueError):
    pass


def load(path: str | Path) -> Instance:
    path = Path(path)
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise InstanceFormatError(f"{path.name} is not valid JSON: {exc}") from exc
    return from_dict(data, name=path.stem)


def task_id(patient_id: str, index: int) -> str:
    return f"{patient_id}/{index}"


def from_dict(data: dict[str, Any], *, name: str) -> Instance:
    try:
        patients = data["patients"]
        caregivers = data["caregivers"]
        distances = data["distances"]
    except KeyError as exc:
        raise InstanceFormatError(f"{name}: missing {exc.args[0]!r}") from exc
    if len(distances) != len(patients) + 1:
        raise InstanceFormatError(
            f"{name}: the distance matrix has {len(distances)} rows for {len(patients)} patients and one office"
        )
    tasks: list[Task] = []
    links: list[Link] = []
    for i, patient in enumerate(patients, start=1):
        earliest, latest = (float(x) for x in patient["time_window"])
        required = patient["required_caregivers"]
        ids = [task_id(patient["id"], k) for k in range(len(required))]
        for tid, need in zip(ids, required, strict=True):
            tasks.append(
                Task(
                    id=tid,
                    visit=patient["id"],
                    location=i,
                    duration=float(need["duration"]),
                    earliest=earliest,
                    latest=latest,
                    skill=need["service"],
                )
            )
        sync = patient.get("synchronization")
        if len(required) == 2:
            if sync is None:
                raise InstanceFormatError(f"{name}: patient {patient['id']} needs two services but no synchronisation")
            if sync["type"] == "simultaneous":
                links.append(Link(ids[0], ids[1], LinkKind.SIMULTANEOUS))
            elif sync["type"] == "sequential":
                low, high = (float(x) for x in sync["distance"])
                links.append(Link(ids[0], ids[1], LinkKind.SEQUENTIAL, low, high))
            else:
                raise InstanceFormatError(f"{name}: unknown synchronisation {sync['type']!r}")
        elif len(required) != 1:
            raise InstanceFormatError(f"{name}: patient {patient['id']} needs {len(required)} services")
    workers = tuple(Worker(id=c["id"], skills=frozenset(c["abilities"])) for c in caregivers)
    travel = tuple(tuple(float(x) for x in row) for row in distances)
    return Instance(
        name=name, tasks=tuple(tasks), workers=workers, travel=travel, links=tuple(links), weights=MANKOWSKA_WEIGHTS
    )


def best_known(path: str | Path) -> dict[str, float]:
    """Best known total cost per instance name, read from a ``best_known.md`` table."""
    result: dict[str, float] = {}
    for line in Path(path).read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and cells[0].endswith(".json"):
            try:
                result[cells[0].removesuffix(".json")] = float(cells[4])
            except ValueError:
                continue
    return result
