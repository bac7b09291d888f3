"""The commissioner's figures fit a laptop's screen: no table scrolls sideways at 1,100 pixels."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ownway.dayops import services
from ownway.dayops.models import Attendance
from ownway.dayops.tests.conftest import day_centre
from ownway.ui.tests.browser.fixtures import NewContext
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser

#: Each table's box is as wide as its table: nothing hidden to scroll to.
TABLES_THAT_SCROLL = """() => [...document.querySelectorAll('.ownway-table-scroll')]
    .filter(box => box.scrollWidth > box.clientWidth + 1).map(box => box.getAttribute('aria-label'))"""


def test_the_commissioners_tables_fit_at_1100_pixels(new_context: NewContext, commissioner, social_worker, person):
    centre = day_centre()
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    placement = services.placement_make(actor=social_worker, person=person, service=centre, days=["MO", "WE"],
                                        session="morning", starts_on=monday)  # fmt: skip
    Attendance.objects.create(placement=placement, date=monday, status="absent", absence_reason="no_transport",
                              marked_by=social_worker)  # fmt: skip
    page = new_context(viewport={"width": 1100, "height": 900}).new_page()
    sign_in(page, "commissioner")
    page.goto("/day-opportunities/figures/")
    check_page(page, "figures-1100")
    assert page.evaluate(TABLES_THAT_SCROLL) == []
    assert not page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
