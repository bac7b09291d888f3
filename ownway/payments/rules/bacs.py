"""What may go into a field of a BACS payment file, and how a name becomes that.

Bacs Payment Schemes' Standard 18 file format carries text (the name on the account a payment goes to,
the originator's name, references) in a restricted character set: the capital letters A to Z, the digits
0 to 9, space, full stop, ampersand, solidus and hyphen (A-Z 0-9 space . & / -). Lower case is not in it,
nor are accented letters, apostrophes, commas or line breaks; bureau software replaces anything else with
a space or refuses the file. The name on the account is at most 18 characters: a payment carries no
more, and the receiving bank sees only those. (Bacs, Standard 18 file format; the set is listed in bureau
documentation, for example Paygate's "Allowed characters" table and Access PaySuite's "Using special
characters in Direct Debit references"; the 18-character name in Paygate's payment file specification,
"Destination Name 18a".)

So a name is written the way banks write it: accents taken off (Zoë Ní Bhriain becomes ZOE NI BHRIAIN),
letters that do not decompose spelt out the usual way (Ø as O, Æ as AE, ß as SS), apostrophes dropped
(O'Brien becomes OBRIEN), spaces and line breaks run together into one space, and capitals throughout.
Anything else cannot be mapped, and a name with it is refused rather than guessed at. A name must start
with a letter or a number, so no field of the file can start with a character that a spreadsheet reads
as a formula (= + - @).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: The Standard 18 character set.
BACS_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .&/-")
#: The most characters of the name on the account that a payment carries.
ACCOUNT_NAME_LENGTH = 18
#: What the character set allows, as people read it.
ALLOWED_IN_WORDS = "letters, numbers, spaces and . / & -"

#: Letters that Unicode does not decompose into a plain letter and a mark, spelt the usual English way.
_SPELT_OUT = {
    "Ø": "O", "ø": "O", "Æ": "AE", "æ": "AE", "Œ": "OE", "œ": "OE", "ß": "SS", "ẞ": "SS",
    "Đ": "D", "đ": "D", "Ð": "D", "ð": "D", "Þ": "TH", "þ": "TH", "Ł": "L", "ł": "L",
    "Ħ": "H", "ħ": "H", "ı": "I", "Ŀ": "L", "ŀ": "L", "Ŧ": "T", "ŧ": "T",
}  # fmt: skip
#: Apostrophes and accents typed on their own, dropped as banks drop them.
_DROPPED = frozenset("'’‘`´ʼ")


@dataclass(frozen=True)
class BacsName:
    """A name as it goes into a BACS file, or why it cannot."""

    typed: str
    value: str
    problem: str
    explanation: str

    @property
    def usable(self) -> bool:
        return not self.problem


def _transliterate(text: str) -> tuple[str, list[str]]:
    """The text in the BACS character set, and the characters that have no place in it."""
    out: list[str] = []
    refused: list[str] = []
    for char in " ".join(text.split()):  # every run of spaces, tabs and line breaks becomes one space
        if char in _DROPPED:
            continue
        if char in _SPELT_OUT:
            out.append(_SPELT_OUT[char])
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).upper()
        if base and all(c in BACS_CHARACTERS for c in base):
            out.append(base)
        elif char not in refused:
            refused.append(char)
    return " ".join("".join(out).split()), refused  # a spacing accent (¨) decomposes to a space: runs become one


def _describe(chars: list[str]) -> str:
    shown = [f"“{char}”" for char in chars if char.isprintable()]
    if any(not char.isprintable() for char in chars):
        shown.append("an invisible character")
    return ", ".join(shown)


def account_name(typed: str) -> BacsName:
    """The name on the account as it goes to the bank, or the problem that stops it, in plain English."""
    value, refused = _transliterate(typed)
    problem = ""
    if not value and not refused:
        problem = "Enter the name on the account"
    elif refused:
        problem = f"Account name can only include {ALLOWED_IN_WORDS} (not {_describe(refused)})"
    elif not value[0].isalnum():
        problem = "Account name must start with a letter or a number"
    elif len(value) > ACCOUNT_NAME_LENGTH:
        problem = (
            f"Account name must be {ACCOUNT_NAME_LENGTH} characters or fewer: it is {len(value)}. "
            "Shorten it the way the bank does, for example with initials"
        )
    if problem:
        explanation = problem
    elif value == typed:
        explanation = f"The bank is sent the name {value}"
    else:
        explanation = f"The bank is sent the name {value} (for “{typed.strip()}”)"
    return BacsName(typed=typed, value=value if not problem else "", problem=problem, explanation=explanation)


def field(text: str, length: int) -> str:
    """Any text made fit for a field of ``length`` characters: mapped as names are, anything that cannot be
    mapped left out, starting with a letter or a number, and cut to length. For text that was never checked
    on the way in (a setting, or a name saved before names were checked); names typed by people go through
    :func:`account_name`, which refuses rather than drops."""
    value, _refused = _transliterate(text)
    start = next((i for i, char in enumerate(value) if char.isalnum()), len(value))
    return value[start:][:length].rstrip()
