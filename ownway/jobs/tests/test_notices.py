import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from ownway.accounts.roles import Role
from ownway.accounts.tests.factories import UserFactory
from ownway.jobs import notices
from ownway.jobs.models import JobStatus
from ownway.jobs.notices import job_mark_seen, job_notices, job_page_register, job_remember
from ownway.jobs.services import job_cancel, job_start
from ownway.jobs.tests import sample_tasks
from ownway.jobs.worker import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setattr(notices, "_PAGES", {})
    job_page_register(sample_tasks.add_up, lambda job: f"/sums/{job.pk}/")


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    return request


def test_the_person_who_started_a_job_is_told_once_it_has_finished_until_they_see_it(pages):
    user = UserFactory(role=Role.ENABLEMENT_MANAGER)
    request = _request(user)
    assert job_notices(request) == []  # nothing noted: no look-up at all
    job = job_start(sample_tasks.add_up, label="Add up", arguments={"numbers": [1]}, requested_by=user)
    job_remember(request, job)
    assert job_notices(request) == []  # still running
    run_queued()
    [notice] = job_notices(request)
    assert notice.page == f"/sums/{job.pk}/"
    assert 'Add up has finished. <a class="govuk-notification-banner__link" href="/sums/' in notice.html
    job.refresh_from_db()
    job_mark_seen(job, UserFactory(role=Role.ENABLEMENT_MANAGER))  # someone else looking does not count
    assert len(job_notices(request)) == 1
    job_mark_seen(job, user)
    assert job_notices(request) == []
    assert request.session[notices.SESSION_KEY] == []  # forgotten once seen


def test_no_one_else_is_told_and_a_cancelled_job_is_forgotten(pages):
    user, other = UserFactory(role=Role.ENABLEMENT_MANAGER), UserFactory(role=Role.ENABLEMENT_MANAGER)
    job = job_start(sample_tasks.add_up, label="Add up", arguments={"numbers": [1]}, requested_by=user)
    stolen = _request(other)
    job_remember(stolen, job)
    run_queued()
    assert job_notices(stolen) == []
    cancelled = job_start(sample_tasks.add_up, label="Add up", arguments={"numbers": [2]}, requested_by=user)
    request = _request(user)
    job_remember(request, cancelled)
    job_cancel(cancelled)
    cancelled.refresh_from_db()
    assert cancelled.status == JobStatus.CANCELLED
    assert job_notices(request) == []
    assert request.session[notices.SESSION_KEY] == []
