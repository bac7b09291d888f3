"""Loading the national code lists (``data/code_lists.json``) into the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "code_lists.json"


def read_code_lists(path: Path = DATA_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def load_code_lists(code_value_model: Any, path: Path = DATA_FILE) -> int:
    """Insert or update every value; values no longer in the file are kept but marked inactive.

    Takes the model as an argument so that migrations can pass their historical model.
    """
    data = read_code_lists(path)
    count = 0
    for list_name, spec in data.items():
        seen = []
        for order, value in enumerate(spec["values"]):
            code_value_model.objects.update_or_create(
                list=list_name,
                code=value["code"],
                defaults={
                    "label": value["label"],
                    "cld_r1": value.get("cld_r1", ""),
                    "cld_r2": value.get("cld_r2", ""),
                    "group": value.get("group", ""),
                    "sort_order": order,
                    "is_active": True,
                },
            )
            seen.append(value["code"])
            count += 1
        code_value_model.objects.filter(list=list_name).exclude(code__in=seen).update(is_active=False)
    return count
