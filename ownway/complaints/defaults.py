"""The complaint timescales each council starts with, loaded by migration ``0002``; a council changes them as data.

Sources: the Local Authority Social Services and National Health Service Complaints (England) Regulations 2009
(SI 2009/309) regs 12(1), 13(1) and 14(2); the Local Government and Social Care Ombudsman's Complaint Handling Code
(2024), stage 1 (acknowledge in 5 working days, answer in 10), and its 12-month time limit; the
Local Government Act 1974 s.26B(1) for the time to go to the Ombudsman.
"""

from __future__ import annotations

from typing import Any

REGS = "SI 2009/309"
CODE = "LGSCO Complaint Handling Code 2024"
#: The Ombudsman looks at a complaint made within 12 months of the matter coming to the complainant's notice
#: (Local Government Act 1974 s.26B(1)); the letter gives 12 months from the council's answer as the date to go by.
OMBUDSMAN = "Local Government Act 1974 s.26B(1)"

#: (procedure, stage, amount, unit, source)
TIMESCALES: list[tuple[str, str, int, str, str]] = [
    ("statutory", "time_limit", 12, "months", f"{REGS} reg 12(1)"),
    ("statutory", "acknowledge", 3, "working_days", f"{REGS} reg 13(1)"),
    ("statutory", "respond", 6, "months", f"{REGS} reg 14(2)"),
    ("corporate", "time_limit", 12, "months", f"{CODE}, 12 months from the matter"),
    ("corporate", "acknowledge", 5, "working_days", f"{CODE}, stage 1"),
    ("corporate", "respond", 10, "working_days", f"{CODE}, stage 1"),
    ("statutory", "ombudsman", 12, "months", OMBUDSMAN),
    ("corporate", "ombudsman", 12, "months", OMBUDSMAN),
]


def defaults_load(timescale_model: Any) -> None:
    for procedure, stage, amount, unit, source in TIMESCALES:
        timescale_model.objects.get_or_create(
            procedure=procedure, stage=stage, defaults={"amount": amount, "unit": unit, "source": source}
        )
