"""How pydantic's and the services' errors become the API's messages."""

import pytest
from django.core.exceptions import ValidationError

from ownway.api.errors import django_errors_by_field, errors_by_field, field_label, message_for, with_article


def test_field_labels_read_as_words():
    assert field_label("date_of_birth") == "date of birth"
    assert field_label("nhs_number") == "NHS number"
    assert field_label("team_id") == "team ID"


def test_articles():
    assert with_article("first name") == "a first name"
    assert with_article("employment status") == "an employment status"
    assert with_article("NHS number") == "an NHS number"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ({"type": "missing", "loc": ("body", "payload", "last_name")}, ("last_name", "Enter a last name")),
        (
            {"type": "date_from_datetime_parsing", "loc": ("body", "payload", "date_of_birth")},
            ("date_of_birth", "Enter the date of birth as a real date in the format YYYY-MM-DD, like 1957-03-27"),
        ),
        (
            {"type": "bool_parsing", "loc": ("body", "payload", "dementia")},
            ("dementia", "Dementia must be true or false"),
        ),
        (
            {"type": "string_too_long", "loc": ("body", "payload", "title"), "ctx": {"max_length": 20}},
            ("title", "Title must be 20 characters or fewer"),
        ),
        ({"type": "int_parsing", "loc": ("path", "person_id")}, ("person_id", "Person ID must be a whole number")),
        (
            {"type": "greater_than_equal", "loc": ("query", "page"), "ctx": {"ge": 1}},
            ("page", "Page must be 1 or more"),
        ),
        (
            {"type": "extra_forbidden", "loc": ("body", "payload", "frist_name")},
            ("frist_name", "Remove frist_name: it is not a field you can send here"),
        ),
        (
            {"type": "model_attributes_type", "loc": ("body", "payload")},
            ("body", 'Send the details as a JSON object, like {"first_name": "Ada"}'),
        ),
    ],
)
def test_pydantic_errors_become_messages_by_field(error, expected):
    assert message_for(error) == expected


def test_repeated_messages_are_given_once():
    error = {"type": "missing", "loc": ("body", "payload", "first_name")}
    assert errors_by_field([error, error]) == {"first_name": ["Enter a first name"]}


def test_service_errors_keep_their_fields_and_words():
    error = ValidationError({"date_of_birth": ["Date of birth must be in the past"], "__all__": ["Already exists"]})
    assert django_errors_by_field(error) == {
        "date_of_birth": ["Date of birth must be in the past"],
        "record": ["Already exists"],
    }
    assert django_errors_by_field(ValidationError("Not allowed")) == {"record": ["Not allowed"]}
