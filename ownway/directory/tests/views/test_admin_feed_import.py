"""The administration site's action that imports registered ORUK feeds."""

from __future__ import annotations

import json

from ownway.directory.models import Feed, Service


def test_admin_imports_a_registered_feed_and_keeps_what_it_rejected(client, administrator, tmp_path, feed):
    administrator.is_staff = True
    administrator.is_superuser = True
    administrator.save()
    feed["services"].append({"id": "nope", "name": "Broken", "status": "active"})
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed))
    registered = Feed.objects.create(name="Neighbouring council", source=str(path))
    missing = Feed.objects.create(name="Gone", source=str(tmp_path / "missing.json"))
    client.force_login(administrator)
    response = client.post(
        "/admin/directory/feed/",
        {"action": "import_now", "_selected_action": [registered.pk, missing.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Neighbouring council: 40 services added, 0 updated" in page
    assert "Rejected Service nope (Broken): its id &#x27;nope&#x27; is not a UUID" in page
    assert "Gone: Could not read" in page
    assert Service.objects.count() == 40
    registered.refresh_from_db()
    assert registered.last_rejected == [{"record": "Service nope (Broken)", "reason": "its id 'nope' is not a UUID"}]
