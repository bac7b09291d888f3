from django.utils import timezone

from ownway.frontdoor.services import ConversationData, contact_create, conversation_record
from ownway.frontdoor.tests.services.test_contact_services import _data


def test_list_and_open_contacts(api_client, social_worker, commissioner):
    contact = contact_create(actor=social_worker, data=_data())
    conversation_record(
        actor=social_worker,
        contact=contact,
        data=ConversationData(kind="listen_and_connect", held_on=timezone.localdate(), what_matters="Her garden."),
    )
    client = api_client(social_worker)
    listed = client.get("/api/v1/contacts").json()
    assert [c["reference"] for c in listed] == [contact.reference]
    body = client.get(f"/api/v1/contacts/{contact.pk}").json()
    assert body["reason"] == contact.reason
    assert body["conversations"][0]["what_matters"] == "Her garden."
    assert client.get("/api/v1/contacts/999999").status_code == 404
    assert api_client(commissioner).get("/api/v1/contacts").status_code == 403
    assert api_client(commissioner).get(f"/api/v1/contacts/{contact.pk}").status_code == 403
