"""The visit-recording endpoint over real HTTP, as the phone's script uses it: each recording's id makes it
idempotent, the phone's time is kept beside the server's, and refusals come back as clear JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ownway.enablement.models import ActualStatus, ActualVisit, EnablementWorker, VisitRecording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Phone:
    """A signed-in browser session talking to the live server over HTTP (its cookies kept by hand)."""

    def __init__(self, base: str, user) -> None:
        client = Client()
        client.force_login(user)
        self.base = base
        self.cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}

    def _send(self, request: urllib.request.Request) -> tuple[int, bytes]:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with urllib.request.urlopen(request) as response:  # noqa: S310 (the live test server)
                status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, body = error.code, error.headers, error.read()
        for cookie in headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, body

    def get(self, path: str) -> str:
        status, body = self._send(urllib.request.Request(self.base + path))  # noqa: S310
        assert status == 200, status
        return body.decode()

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, dict]:
        request = urllib.request.Request(  # noqa: S310
            self.base + path,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Accept": "application/json", "Referer": self.base + path},
            method="POST",
        )
        status, body = self._send(request)
        try:
            return status, json.loads(body)
        except ValueError:
            raise AssertionError(f"{status}: {body[:2000]!r}") from None


def _token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found
    return found.group(1)


def _iso(minutes_ago: int) -> str:
    return (timezone.now() - dt.timedelta(minutes=minutes_ago)).isoformat()


def test_a_queued_recording_sent_again_is_recorded_once(live_server, placed):
    phone = Phone(live_server.url, placed.worker.user)
    path = reverse("enablement:visit_record", kwargs={"pk": placed.pk})
    token = _token(phone.get(path))
    arrival = {"csrfmiddlewaretoken": token, "client_id": str(uuid.uuid4()), "kind": "arrive",
               "device_time": _iso(50)}  # fmt: skip
    status, body = phone.post(path, arrival)
    assert status == 201
    assert body["ok"]
    assert body["new"]
    assert body["status"] == ActualStatus.ARRIVED
    status, body = phone.post(path, arrival)  # the signal came back and the queue sent it again
    assert status == 200
    assert body["ok"]
    assert not body["new"]
    assert VisitRecording.objects.count() == 1
    departure = {"csrfmiddlewaretoken": token, "client_id": str(uuid.uuid4()), "kind": "depart",
                 "device_time": _iso(0), "note": "Walked to the kitchen with her frame"}  # fmt: skip
    status, body = phone.post(path, departure)
    assert status == 201
    assert body["status"] == ActualStatus.DONE
    actual = ActualVisit.objects.get()
    assert actual.minutes == 50
    # The phone's time is when it happened; the server's is when it was heard of.
    assert actual.arrived_at < actual.arrival_received_at


def test_refusals_come_back_with_their_reasons(live_server, placed, enablement_team):
    phone = Phone(live_server.url, placed.worker.user)
    path = reverse("enablement:visit_record", kwargs={"pk": placed.pk})
    token = _token(phone.get(path))
    phone.post(path, {"csrfmiddlewaretoken": token, "client_id": str(uuid.uuid4()), "kind": "arrive",
                      "device_time": _iso(10)})  # fmt: skip
    status, body = phone.post(path, {"csrfmiddlewaretoken": token, "client_id": str(uuid.uuid4()), "kind": "arrive"})
    assert status == 400
    assert "already recorded, at" in json.dumps(body)
    status, body = phone.post(path, {"csrfmiddlewaretoken": token, "client_id": str(uuid.uuid4()), "kind": "depart",
                                     "device_time": _iso(30)})  # fmt: skip
    assert status == 400
    assert "cannot leave before you arrived" in json.dumps(body)
    other = EnablementWorker.objects.filter(team=enablement_team).exclude(pk=placed.worker_id).first()
    stranger = Phone(live_server.url, other.user)
    theirs = _token(stranger.get(reverse("enablement:my_day")))
    status, body = stranger.post(path, {"csrfmiddlewaretoken": theirs, "client_id": str(uuid.uuid4()),
                                        "kind": "missed", "reason": "not_in"})  # fmt: skip
    assert status == 403
    assert "not on this visit" in body["errors"][""][0]
    assert VisitRecording.objects.count() == 1


@pytest.mark.django_db
def test_the_page_works_without_javascript(client, placed):
    client.force_login(placed.worker.user)
    path = reverse("enablement:visit_record", kwargs={"pk": placed.pk})
    page = client.get(path)
    assert page.status_code == 200
    assert b"I have arrived" in page.content
    assert re.search(rb'<button type="submit" value="arrive" name="kind"', page.content)
    key = re.search(rb'name="client_id" value="([^"]+)"', page.content).group(1).decode()
    sent = client.post(path, {"client_id": key, "kind": "arrive"}, follow=True)
    assert b"Arrival recorded" in sent.content
    assert b"I have left" in sent.content
    again = client.post(path, {"client_id": key, "kind": "arrive"}, follow=True)  # sent twice: recorded once
    assert b"already received" in again.content
    refused = client.post(path, {"client_id": str(uuid.uuid4()), "kind": "depart", "device_time": "2000-01-01T09:00Z"})
    assert refused.status_code == 200
    assert b"the time recorded is not that day" in refused.content
    assert VisitRecording.objects.count() == 1
