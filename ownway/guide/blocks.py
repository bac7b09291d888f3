"""The council's own figures that public pages show where an officer writes a placeholder (:mod:`.markup`): read
from the records and settings each time, never typed in, so a page cannot disagree with what the service does.

* ``[[budget bands]]``: the bands of the Resource Allocation System in use (``ownway.allocation``), in pounds a
  week.
* ``[[service standard]]``: how fast the council answers, assesses, reviews and replies, from the timescales the
  service works to: contacting someone who asked for help (``ownway.frontdoor.tasks``), completing an assessment
  (``OWNWAY_ASSESSMENT_TARGET_DAYS``), contacting them to plan once a budget is set
  (``OWNWAY_PLANNING_CONTACT_DAYS``), deciding a budget appeal (``OWNWAY_BUDGET_APPEAL_DAYS``), the first and later
  reviews (``OWNWAY_REVIEW_*``; Care Act statutory guidance 13.32), deciding on a safeguarding concern (the
  safeguarding team's timescale), and acknowledging a complaint (3 working days: the Local Authority Social
  Services and NHS Complaints (England) Regulations 2009, reg 13(2)).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from markupsafe import Markup

from ownway.allocation.selectors import NoActiveRas, ras_model_active
from ownway.frontdoor.tasks import CONTACT_WITHIN_WORKING_DAYS
from ownway.safeguarding.models import Timescale, TimescaleStage

#: Working days within which a complaint is acknowledged (SI 2009/309 reg 13(2)).
COMPLAINT_ACKNOWLEDGED_WORKING_DAYS = 3


def budget_bands() -> Markup:
    try:
        version, model = ras_model_active()
    except NoActiveRas:
        return Markup(render_to_string("guide/blocks/bands.html", {"bands": []}))  # noqa: S704 - escaped template
    bands = sorted(model.bands, key=lambda band: band.lower)
    return Markup(render_to_string("guide/blocks/bands.html", {"bands": bands, "version": version}))  # noqa: S704


def service_standard_rows() -> list[tuple[str, str]]:
    """What the council aims to do and how fast, as (what, how fast) in plain English."""
    decision = Timescale.objects.filter(stage=TimescaleStage.DECISION).values_list("working_days", flat=True).first()
    rows = [
        ("Contact you after you ask us for help", f"within {CONTACT_WITHIN_WORKING_DAYS} working days"),
        ("Finish your assessment", f"within {settings.OWNWAY_ASSESSMENT_TARGET_DAYS} days of starting it"),
        (
            "Contact you to write your support plan once your budget is worked out",
            f"within {settings.OWNWAY_PLANNING_CONTACT_DAYS} days",
        ),
        ("Decide if you ask us to look again at your budget", f"within {settings.OWNWAY_BUDGET_APPEAL_DAYS} days"),
        (
            "First check that your support is working (a review)",
            f"{settings.OWNWAY_REVIEW_FIRST_FROM_WEEKS} to {settings.OWNWAY_REVIEW_FIRST_BY_WEEKS} weeks after it "
            "starts",
        ),
        ("Review your support after that", f"at least every {settings.OWNWAY_REVIEW_INTERVAL_MONTHS} months"),
    ]
    if decision is not None:
        rows.append(("Decide what to do when someone tells us an adult is at risk", f"within {decision} working days"))
    rows.append(("Tell you we have your complaint", f"within {COMPLAINT_ACKNOWLEDGED_WORKING_DAYS} working days"))
    return rows


def service_standard() -> Markup:
    return Markup(render_to_string("guide/blocks/service_standard.html", {"rows": service_standard_rows()}))  # noqa: S704


def blocks_register() -> None:
    from .markup import BLOCKS

    BLOCKS.update({"budget bands": budget_bands, "service standard": service_standard})
