"""openapi.yaml is generated from the schemas; it must never drift from the code."""

import os
from pathlib import Path

import yaml
from openapi_spec_validator import validate

from routewijzer.web.openapi import spec_dict, spec_yaml

BASE_URL = os.environ.get("BASE_URL")

ROOT = Path(__file__).resolve().parent.parent


def _document() -> dict:
    """The committed document (what generated clients are made from); equal to the code's by the next test."""
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


def test_committed_openapi_matches_the_schemas():
    committed = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == spec_yaml(), "openapi.yaml is out of date: run 'make openapi' and commit it"


def test_openapi_is_a_valid_openapi_3_document():
    validate(_document())


def test_served_openapi_equals_the_committed_one(api):
    reply = api.get("/v1/openapi.json")
    assert reply.status == 200
    # a server without an admin token has no admin operation, and says so in the document it serves
    assert reply.body in (spec_dict(), spec_dict(admin=False))
    if not BASE_URL:
        assert reply.body == spec_dict(admin=False)


def test_the_admin_operation_documents_the_answers_it_really_gives(tmp_path):
    from routewijzer import create_app

    responses = spec_dict()["paths"]["/v1/admin/reload"]["post"]["responses"]
    assert {"200", "401", "404", "422", "429"} <= set(responses)
    closed = create_app().test_client()
    assert closed.post("/v1/admin/reload").status_code == 404
    assert "/v1/admin/reload" not in closed.get("/v1/openapi.json").get_json()["paths"]
    token = "a-token-of-at-least-thirty-two-characters"
    opened = create_app({"ADMIN_TOKEN": token}).test_client()
    assert opened.get("/v1/openapi.json").get_json() == spec_dict()
    reply = opened.post("/v1/admin/reload")
    assert reply.status_code == 401 and reply.headers["WWW-Authenticate"].startswith("Bearer")
    for _ in range(10):
        opened.post("/v1/admin/reload", headers={"Authorization": "Bearer wrong"})
    reply = opened.post("/v1/admin/reload", headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 429 and int(reply.headers["Retry-After"]) >= 1


def _incident_validator():
    import jsonschema

    document = _document()
    incident = dict(document["components"]["schemas"]["Incident"], components=document["components"])
    return jsonschema.Draft202012Validator(incident)


def test_the_document_states_the_cross_field_rules_the_service_enforces(api):
    """Each contradiction the service refuses is also invalid by the document, and the same incident
    without the contradiction is valid by both."""
    validator = _incident_validator()
    contradictions = [
        ({"content_types": ["threat"], "hate_ground": "race"}, "hate_ground"),
        ({"content_types": ["threat"], "image_origin": "self_made"}, "image_origin"),
        ({"content_types": ["threat"], "extortion_threat": "violence"}, "extortion_threat"),
        ({"content_types": ["intimate_image"], "extortion_demand": "money"}, "extortion_demand"),
    ]
    for body, field in contradictions:
        assert not validator.is_valid(body), body
        reply = api.decide(body)
        assert reply.status == 422 and field in reply.body["errors"], (body, reply.body)
    fine = [
        {"content_types": ["incitement_to_hatred"], "hate_ground": "gender_identity"},
        {"content_types": ["intimate_image"], "image_origin": "self_made"},
        {"content_types": ["extortion"], "extortion_threat": "violence", "extortion_demand": "money"},
        {"content_types": ["insult"], "audience": "public", "group_closed": False},
        {"content_types": ["insult"], "audience": "one_to_one", "group_closed": True},
        {"content_types": ["insult"], "audience": "unknown", "group_closed": True},
    ]
    for body in fine:
        assert validator.is_valid(body), body
        assert api.decide(body).status == 200, body


def test_the_rules_it_states_in_words_are_enforced(api):
    from routewijzer.web.openapi import RELATIONS

    description = spec_dict()["components"]["schemas"]["Incident"]["description"]
    broken = {
        "age_when_made": {"content_types": ["intimate_image"], "victim_age": 15, "age_when_made": 16},
        "incident_date": {"content_types": ["threat"], "incident_date": "2025-02-02", "as_of": "2025-02-01"},
        "audience": {"content_types": ["insult"], "audience": "public", "group_closed": True},
    }
    assert set(broken) == set(RELATIONS)
    for field, body in broken.items():
        assert RELATIONS[field] in description
        reply = api.decide(body)
        assert reply.status == 422 and set(reply.body["errors"]) == {field}, reply.body


def test_the_answers_facts_are_typed():
    facts = spec_dict()["components"]["schemas"]["Facts"]
    assert facts["properties"]["victim_age"]["type"] == ["integer", "null"]
    assert facts["properties"]["platform_size"]["enum"] == ["micro_or_small", "medium_or_large", "very_large",
                                                             "unknown"]
    assert facts["additionalProperties"] == {"type": ["string", "boolean", "null"]}


# -- completeness for generated clients (issue 15) ----------------------------------------------------


def _resolve(doc: dict, node: dict) -> dict:
    while "$ref" in node:
        kind, name = node["$ref"].split("/")[-2:]
        node = doc["components"][kind][name]
    return node


def test_servers_and_security_are_stated_for_every_operation():
    doc = _document()
    assert doc.get("servers") and doc["servers"][0]["url"].startswith("http")
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            assert "security" in op, f"{method} {path}"
            assert op["tags"] and op["description"], f"{method} {path}"
    assert doc["paths"]["/v1/admin/reload"]["post"]["security"] == [{"adminToken": []}]
    assert doc["paths"]["/v1/decisions"]["post"]["security"] == []


def test_every_status_the_server_can_answer_is_declared_as_a_problem_with_its_headers():
    doc = _document()
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            responses = op["responses"]
            for status in ("400", "408", "414", "431", "500", "default"):
                assert status in responses, f"{method} {path} lacks {status}"
            for status, response in responses.items():
                response = _resolve(doc, response)
                assert "X-Request-ID" in response["headers"], f"{method} {path} {status}"
                if status != "200":
                    schema = response["content"]["application/problem+json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Problem"}, f"{method} {path} {status}"
                    assert "Content-Language" in response["headers"]
    decide = doc["paths"]["/v1/decisions"]["post"]["responses"]
    assert {"413", "415", "422", "503"} <= set(decide) and "Content-Language" in decide["200"]["headers"]
    assert "Retry-After" in _resolve(doc, decide["503"])["headers"]
    admin = doc["paths"]["/v1/admin/reload"]["post"]["responses"]
    assert {"401", "404", "422", "429"} <= set(admin) and "Retry-After" in _resolve(doc, admin["429"])["headers"]
    assert {"401", "404"} <= set(doc["paths"]["/metrics"]["get"]["responses"])


def test_explained_values_are_typed_and_real_answers_conform(api):
    """Generated clients get typed explanation values; answers with explain=true match the document."""
    import jsonschema

    document = _document()
    condition = document["components"]["schemas"]["ExplainedCondition"]["properties"]
    assert condition["value"].get("type") == ["string", "integer", "null"]
    assert condition["actual"].get("type") == ["string", "integer", "array", "null"]
    decision = dict(document["components"]["schemas"]["Decision"], components=document["components"])
    validator = jsonschema.Draft202012Validator(decision)
    conditions = 0
    for body in ({"content_types": ["intimate_image"], "victim_age": 15, "platform": "telegram",
                  "incident_date": "2023-06-01"},
                 {"content_types": ["incitement_to_hatred", "personal_data"], "hate_ground": "race",
                  "platform": "other", "platform_established": "non_eu", "group_closed": True}):
        reply = api.post_json("/v1/decisions?explain=true", body)
        assert reply.status == 200
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(reply.body)]
        assert not errors, errors[:5]
        conditions += sum(len(rule["conditions"]) for route in reply.body["routes"]
                          for rule in route["explanation"]["rules"])
    assert conditions > 0


def test_the_answers_facts_are_typed_from_the_incident_with_derived_facts_nullable():
    """facts is the normalised incident: every request field typed as in the request, then the rulebook's
    derived facts (named by the rule files, so typed but not listed), which may be null."""
    doc = _document()
    schemas = doc["components"]["schemas"]
    facts = _resolve(doc, schemas["Decision"]["properties"]["facts"])
    assert set(schemas["Incident"]["properties"]) <= set(facts.get("properties", {}))
    for name, prop in facts["properties"].items():
        assert "type" in prop or "$ref" in prop, name
    assert facts.get("additionalProperties", True) is not True
    assert "null" in facts["additionalProperties"]["type"]
