"""Fixtures for the directory's tests: a small directory imported from an ORUK feed, and the ORUK schemata."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ownway.directory.demo import build_feed
from ownway.directory.models import Organization, ProviderAccount
from ownway.directory.services import directory_import

#: The official ORUK 3.0 schemata and examples, kept with the tests (see ``data/oruk-3.0/README.md``).
SCHEMATA = Path(__file__).resolve().parent / "data" / "oruk-3.0" / "schemata"


@pytest.fixture(scope="session")
def oruk_schema():
    """``oruk_schema("service.json")``: a validator for one of the official ORUK 3.0 schemata, refs resolved."""
    if not SCHEMATA.exists():
        pytest.fail(f"The ORUK 3.0 schemata are not at {SCHEMATA}")
    resources = []
    for path in SCHEMATA.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    registry = Registry().with_resources(resources)

    def make(name: str) -> Draft202012Validator:
        schema = json.loads((SCHEMATA / name).read_text())
        return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())

    return make


@pytest.fixture(scope="session")
def _feed():
    return build_feed(services=40, seed=7)


@pytest.fixture
def feed(_feed):
    return copy.deepcopy(_feed)


@pytest.fixture
def directory(db, feed):
    report = directory_import(actor=None, payload=feed, source="test")
    assert report.rejected == []
    return report


@pytest.fixture
def provider_org(directory, feed, provider):
    organization = Organization.objects.get(pk=feed["services"][0]["organization"]["id"])
    ProviderAccount.objects.create(user=provider, organization=organization)
    return organization
