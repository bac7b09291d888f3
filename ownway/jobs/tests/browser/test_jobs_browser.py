"""Background work in a real browser: an administrator finds a failed job from their home page, reads its
error and tries it again; a finance officer changes when the payment run starts. Every page checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ownway.ui.tests.browser.helpers import check_page, sign_in

pytestmark = pytest.mark.browser


def test_an_administrator_finds_a_failed_job_reads_why_and_tries_it_again(page: Page, administrator):
    from ownway.jobs.models import Job, JobStatus

    Job.objects.create(
        task_path="ownway.payments.tasks.direct_payments_run", label="Pay the direct payments due",
        status=JobStatus.FAILED, attempts=3, max_attempts=3,
        error="Traceback (most recent call last):\n  ...\nBankFileError: the folder for bank files cannot be written",
    )  # fmt: skip
    sign_in(page, "administrator")
    page.get_by_role("link", name="Background work that failed").click()
    check_page(page, "jobs-failed")
    page.get_by_role("link", name="Pay the direct payments due").click()
    expect(page.get_by_text("BankFileError: the folder for bank files cannot be written")).to_be_visible()
    check_page(page, "job-failed")
    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Trying again")
    expect(page.get_by_text("Waiting to start").first).to_be_visible()


def test_a_finance_officer_changes_when_the_payment_run_starts(page: Page, finance_officer):
    sign_in(page, "finance_officer")
    page.get_by_role("link", name="Scheduled work").first.click()
    expect(page.get_by_text("Every day at 06:00")).to_be_visible()
    check_page(page, "schedules")
    page.get_by_role("link", name="Change when pay the direct payments due runs").click()
    page.get_by_label("Time it starts").fill("25:00")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("like 06:00 or 18:30")
    check_page(page, "schedule-errors")
    page.get_by_label("Time it starts").fill("07:30")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("runs every day at 07:30")
    payment_run = page.get_by_role("row").filter(has_text="Pay the direct payments due")
    expect(payment_run.get_by_role("cell", name="Every day at 07:30")).to_be_visible()
