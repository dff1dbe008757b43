"""openapi.yaml is generated from the schemas; it must never drift from the code."""

from pathlib import Path

import yaml
from openapi_spec_validator import validate

from routewijzer.web.openapi import spec_dict, spec_yaml

ROOT = Path(__file__).resolve().parent.parent


def test_committed_openapi_matches_the_schemas():
    committed = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == spec_yaml(), "openapi.yaml is out of date: run 'make openapi' and commit it"


def test_openapi_is_a_valid_openapi_3_document():
    validate(yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8")))


def test_served_openapi_equals_the_committed_one(api):
    reply = api.get("/v1/openapi.json")
    assert reply.status == 200
    assert reply.body == spec_dict()


def test_the_request_schema_lists_every_contract_field():
    props = spec_dict()["components"]["schemas"]["Incident"]["properties"]
    assert set(props) == {
        "content_types", "victim_age", "age_when_made", "platform", "platform_established", "group_closed",
        "perpetrator", "platform_response", "hate_ground", "victim_in_crisis", "incident_date", "as_of",
    }
