"""Recognising accessibility features in the words a feed uses.

ORUK 3.0's ``accessibility`` entity is free text (``description``, ``details``; schemata
``accessibility.json``), so a feed from elsewhere says "Wheelchair accessible" or "Changing Places
toilet" in its own words. People in Birmingham raised access to buildings and to toilets (seed 000,
"Work Done to Inform Draft Strategy Development": "access to toilet/changing facilities"), and people in
York the "availability of changing places" (seed 002, "Active and supportive communities": "accessibility
of buildings - including availability of changing places"). To let people search by such features
(step-free access, accessible toilets, Changing Places; hearing loops and BSL, which Ownway adds), Ownway
recognises them from the words, keeping the feed's description as it was. The Changing Places test follows the
Changing Places Consortium's name for the facility (a toilet with a hoist and an adult-sized bench).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("changing_places", re.compile(r"changing\s*places?", re.I)),
    ("hearing_loop", re.compile(r"(hearing|induction|audio)[\s-]*loop", re.I)),
    ("bsl", re.compile(r"\bBSL\b|british sign language|sign language", re.I)),
    ("accessible_toilet", re.compile(r"(accessible|disabled|wheelchair)[\s-]*(toilet|loo|wc)", re.I)),
    ("accessible_parking", re.compile(r"blue\s*badge|disabled\s*parking|accessible\s*parking", re.I)),
    ("quiet_space", re.compile(r"quiet\s*(space|room|area)|sensory\s*room", re.I)),
    ("step_free", re.compile(r"step[\s-]*free|level\s*access|wheelchair\s*(access|accessible)|\bramps?\b", re.I)),
]
CODES = [code for code, _ in _PATTERNS]


@dataclass(frozen=True)
class Recognised:
    feature: str
    explanation: str


def recognise_feature(code: str, text: str) -> Recognised:
    """The feature a feed's accessibility row describes: its own code if it is one of ours, else from its words."""
    if code in CODES:
        return Recognised(code, f"The feed gives the feature code '{code}'.")
    for feature, pattern in _PATTERNS:
        match = pattern.search(text or "")
        if match:
            return Recognised(feature, f"The description mentions '{match.group(0)}'.")
    return Recognised("", "The description does not name a feature people can search by.")
