"""UK postcodes: checking the format and writing them the standard way.

Source: the format in BS 7666 and the Royal Mail / ONS postcode guidance as summarised in the
GOV.UK Design System's address pattern: an outward code (area letters, district digits and an
optional letter) and an inward code (a digit and two letters), e.g. "B1 1BB", "SW1A 2AA", with the
special non-geographic "GIR 0AA". The inward letters never use C, I, K, M, O or V.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_POSTCODE = re.compile(
    r"^(?:GIR0AA|"
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)


@dataclass(frozen=True)
class PostcodeCheck:
    valid: bool
    normalised: str
    explanation: str


def normalise_postcode(raw: str) -> str:
    """Upper case, with one space before the inward code ("b11bb" → "B1 1BB")."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def check_postcode(raw: str) -> PostcodeCheck:
    compact = re.sub(r"\s+", "", raw or "").upper()
    if not compact:
        return PostcodeCheck(False, "", "Enter a postcode")
    if not compact.isalnum():
        return PostcodeCheck(False, compact, "A postcode must only include letters A to Z and numbers 0 to 9")
    if not _POSTCODE.match(compact):
        return PostcodeCheck(False, normalise_postcode(compact), "Enter a real postcode, like B1 1BB")
    return PostcodeCheck(True, normalise_postcode(compact), "The postcode is valid")


def postcode_district(postcode: str) -> str:
    """The outward code ("B12 9QR" → "B12")."""
    return normalise_postcode(postcode).split(" ")[0]
