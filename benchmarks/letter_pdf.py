"""Time making decision letters into PDFs (plain English and easy read), as a worker's download does.

    uv run python benchmarks/letter_pdf.py [--letters 20]

Renders the letter templates with a decided assessment held in memory (no database), so the figure is
the template and WeasyPrint's layout alone. Prints the time per letter of each kind, the pages and
size of one of each, and last ``seconds=<float>``: the mean time for one letter of either kind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=20, help="letters of each kind to make")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from pypdf import PdfReader

    from ownway.accounts.models import User
    from ownway.assessments.models import Assessment, EligibilityDetermination
    from ownway.people.models import Person
    from ownway.ui.pdf import render_pdf

    person = Person(
        first_name="Ada", last_name="Lovelace", reference="P0001234", address_line_1="12 Lime Grove",
        town="Ownway", postcode="OW2 3CD", date_of_birth=dt.date(1950, 12, 10),
    )  # fmt: skip
    assessment = Assessment(person=person, kind="needs")
    determination = EligibilityDetermination(
        assessment=assessment,
        eligible=True,
        rule_eligible=True,
        rule_reasons=[
            "Their needs arise from a physical or mental impairment or illness (reg 2(1)(a)).",
            "They are unable to achieve managing and maintaining nutrition (reg 2(2)(a)): cannot do this "
            "without help (including prompting).",
            "They are unable to achieve being appropriately clothed (reg 2(2)(d)): doing it causes "
            "significant pain, distress or anxiety.",
            "They are unable to achieve 2 of the outcomes, and the threshold is two (reg 2(1)(b)).",
            "As a result there is, or is likely to be, a significant impact on their well-being (reg 2(1)(c)).",
            "So their needs meet the eligibility criteria.",
        ],
        rule_outcomes_not_achieved=["nutrition", "clothing"],
        decided_by=User(first_name="Sam", last_name="Social"),
        decided_at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC),
    )
    context = {
        "assessment": assessment,
        "determination": determination,
        "not_achieved": ["managing and maintaining nutrition", "being appropriately clothed"],
    }
    render_pdf("assessments/letter_pdf.html", {**context, "easy_read_version": False})  # load fonts once
    means = []
    for kind, easy_read in (("plain", False), ("easy_read", True)):
        times = []
        pdf = b""
        for _ in range(args.letters):
            started = time.perf_counter()
            pdf = render_pdf("assessments/letter_pdf.html", {**context, "easy_read_version": easy_read})
            times.append(time.perf_counter() - started)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{kind}: letters={args.letters} mean_seconds={statistics.mean(times):.3f} "
              f"max_seconds={max(times):.3f} pages={pages} bytes={len(pdf)}")  # fmt: skip
        means.append(statistics.mean(times))
    print(f"seconds={statistics.mean(means):.3f}")


if __name__ == "__main__":
    main()
