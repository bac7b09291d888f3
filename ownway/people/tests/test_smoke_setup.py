from ownway.people.models import CodeValue


def test_code_lists_are_loaded_by_migration(db):
    assert CodeValue.objects.filter(list="ethnicity").count() == 21
    assert CodeValue.objects.filter(list="primary_support_reason").count() == 13


def test_social_worker_client_sees_home(social_worker_client):
    response = social_worker_client.get("/")
    assert response.status_code == 200
    assert "people on your team" in response.content.decode()
