"""A provider marks a week's register on a phone: 320 pixels wide, without JavaScript, one form and one button."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ownway.dayops import services
from ownway.dayops.models import Attendance
from ownway.dayops.tests.conftest import day_centre
from ownway.directory.models import ProviderAccount
from ownway.ui.tests.browser.fixtures import NewContext
from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_the_provider_marks_the_week_on_a_phone_without_javascript(new_context: NewContext, provider, social_worker,
                                                                    person):  # fmt: skip
    centre = day_centre(organization="Friendly Day Services Ltd")
    ProviderAccount.objects.create(user=provider, organization=centre.organization)
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    placement = services.placement_make(actor=social_worker, person=person, service=centre, days=["MO", "WE"],
                                        session="morning", starts_on=monday)  # fmt: skip
    page = new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False).new_page()
    sign_in(page, "provider")
    page.goto(f"/day-opportunities/services/{centre.pk}/register/week/?week={monday}&session=morning")
    check_page(page, "narrow-register-week")
    assert not page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
    selects = page.get_by_label(person.full_name)
    selects.nth(0).select_option("attended")
    selects.nth(1).select_option("no_transport")
    page.get_by_role("button", name="Save the week's register").click()
    page.wait_for_load_state("load")
    assert "Register saved for the week" in page.content()
    marks = dict(Attendance.objects.filter(placement=placement).values_list("date", "absence_reason"))
    assert marks == {monday: "", monday + dt.timedelta(days=2): "no_transport"}
