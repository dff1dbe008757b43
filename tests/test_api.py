"""The HTTP contract: shape of a decision, languages, and clear problem+json errors for bad input."""

import json

import pytest

TOP_LEVEL = {"decision_id", "rulebook", "as_of", "facts", "routes", "not_applicable", "competent_authorities",
             "obstacles", "notes", "needs_expert_assessment", "plan", "missing_information", "glossary"}
EXPOSE = {"content_types": ["intimate_image", "personal_data"], "platform": "telegram", "group_closed": True,
          "victim_age": 16, "incident_date": "2024-03-01", "as_of": "2026-11-29"}


def test_a_decision_has_every_top_level_field_of_the_contract(api):
    r = api.decide(EXPOSE)
    assert r.status == 200 and r.headers["content-type"].startswith("application/json")
    assert set(r.body) == TOP_LEVEL
    assert r.body["as_of"] == "2026-11-29"
    assert r.body["rulebook"]["digest"].startswith("sha256:") and r.body["rulebook"]["version"]
    for route in r.body["routes"]:
        assert {"id", "kind", "status", "title", "authority", "legal_basis", "obstacles", "conditions",
                "because"} <= set(route)
        assert route["because"], "every route names the rules that fired"
    plan = r.body["plan"]
    assert {s["id"] for s in plan} >= {route["id"] for route in r.body["routes"]}
    for step in plan:
        assert {"order", "id", "title", "text", "after"} <= set(step)


def test_decisions_validate_against_the_response_schema(api):
    from routewijzer.schemas.response import Decision

    assert Decision().validate(api.decide(EXPOSE).body) == {}


def test_dutch_by_default_english_on_request(api):
    nl = api.decide(EXPOSE).body
    en = api.decide(EXPOSE, lang="en").body
    assert [r["id"] for r in nl["routes"]] == [r["id"] for r in en["routes"]]
    assert nl["routes"][0]["title"] != en["routes"][0]["title"]
    assert "meld de links" in nl["routes"][0]["title"] and "report the links" in en["routes"][0]["title"]


def test_each_decision_has_its_own_id(api):
    assert api.decide(EXPOSE).body["decision_id"] != api.decide(EXPOSE).body["decision_id"]


def test_health_names_the_rulebook_version(api):
    r = api.get("/v1/health")
    assert r.status == 200 and r.body["status"] == "ok" and r.body["rulebook"]["version"]


HOSTILE = [
    (b"{", 400, None),
    (b"\xff\xfe", 400, None),
    (b'{"content_types": ["threat"], "victim_age": NaN}', 400, None),
    (b'{"content_types": ["threat"], "content_types": ["insult"]}', 400, None),
    (b"[" * 5000 + b"]" * 5000, 400, None),
    (b"[]", 422, "_schema"),
    (b'"threat"', 422, "_schema"),
    (b"{}", 422, "content_types"),
    (b'{"content_types": []}', 422, "content_types"),
    (b'{"content_types": ["threat", "threat"]}', 422, "content_types"),
    (b'{"content_types": ["selfie"]}', 422, "content_types.0"),
    (b'{"content_types": "threat"}', 422, "content_types"),
    (b'{"content_types": ["threat"], "victim_age": "17"}', 422, "victim_age"),
    (b'{"content_types": ["threat"], "victim_age": 17.5}', 422, "victim_age"),
    (b'{"content_types": ["threat"], "victim_age": -1}', 422, "victim_age"),
    (b'{"content_types": ["threat"], "victim_age": 121}', 422, "victim_age"),
    (b'{"content_types": ["threat"], "victim_age": null}', 422, "victim_age"),
    (b'{"content_types": ["threat"], "group_closed": "true"}', 422, "group_closed"),
    (b'{"content_types": ["threat"], "group_closed": 1}', 422, "group_closed"),
    (b'{"content_types": ["threat"], "platform": "myspace"}', 422, "platform"),
    (b'{"content_types": ["threat"], "as_of": "2024-02-30"}', 422, "as_of"),
    (b'{"content_types": ["threat"], "as_of": "20240101"}', 422, "as_of"),
    (b'{"content_types": ["threat"], "incident_date": "2024-W01-1"}', 422, "incident_date"),
    (b'{"content_types": ["threat"], "description": "he posted my address"}', 422, "description"),
    (b'{"content_types": ["threat"], "image": "data:image/png;base64,AAAA"}', 422, "image"),
    (b'{"content_types": ["threat"], "victim_age": 15, "age_when_made": 16}', 422, "age_when_made"),
    (b'{"content_types": ["threat"], "hate_ground": "race"}', 422, "hate_ground"),
    (b'{"content_types": ["threat"], "incident_date": "2025-01-02", "as_of": "2025-01-01"}', 422, "incident_date"),
]


@pytest.mark.parametrize("body,status,field", HOSTILE, ids=[str(h[0][:40]) for h in HOSTILE])
def test_hostile_requests_get_a_clear_problem(api, body, status, field):
    r = api.post_json("/v1/decisions", body)
    assert r.status == status, r.body
    assert r.headers["content-type"].startswith("application/problem+json")
    assert {"type", "title", "status", "detail"} <= set(r.body) and r.body["status"] == status
    if field:
        assert field in r.body["errors"], r.body
        assert all(isinstance(m, str) and m for m in r.body["errors"][field])
    assert api.decide(EXPOSE).status == 200, "the next valid request is answered"


def test_wrong_content_type_is_415(api):
    r = api.client.request("POST", "/v1/decisions", data=b'{"content_types":["threat"]}',
                           headers={"Content-Type": "text/plain"})
    assert r.status == 415 and r.headers["content-type"].startswith("application/problem+json")


def test_oversized_body_is_413(api):
    big = json.dumps({"content_types": ["threat"], "x": "a" * 20000})
    r = api.post_json("/v1/decisions", big)
    assert r.status == 413 and r.headers["content-type"].startswith("application/problem+json")


def test_unknown_path_is_404_and_wrong_method_405(api):
    r = api.get("/v1/nothing")
    assert r.status == 404 and r.headers["content-type"].startswith("application/problem+json")
    r = api.get("/v1/decisions")
    assert r.status == 405 and r.headers["content-type"].startswith("application/problem+json")
    assert "POST" in r.headers.get("allow", "")
