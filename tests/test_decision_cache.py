"""The decision cache: a cached answer is the answer, and a reload (a new Decider) forgets the old ones."""

import json
import shutil
from pathlib import Path

import pytest

from routewijzer import create_app
from routewijzer.decide.decider import Decider
from routewijzer.decide.decision_cache import DecisionCache, decision_key
from routewijzer.schemas.request import IncidentSchema

RULES = Path(__file__).resolve().parent.parent / "rules"

BODIES = [
    {"content_types": ["intimate_image"], "platform": "telegram", "as_of": "2025-03-01"},
    {"content_types": ["child_sexual_abuse_material", "threat"], "victim_age": 15, "group_closed": True,
     "as_of": "2024-06-01", "incident_date": "2024-01-10"},
    {"content_types": ["discriminatory_insult"], "hate_ground": "religion", "platform": "x",
     "platform_response": "refused", "as_of": "2026-11-30"},
    {"content_types": ["personal_data", "harassment"], "perpetrator": "identified", "victim_in_crisis": True,
     "as_of": "2023-05-05"},
]


def _load(body):
    return IncidentSchema().load(dict(body)), frozenset(body)


@pytest.fixture(scope="module")
def cached():
    d = Decider.from_directory(RULES, cache_size=64)
    yield d
    d.close()


@pytest.fixture(scope="module")
def uncached():
    d = Decider.from_directory(RULES, cache_size=0)
    yield d
    d.close()


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_cached_answer_equals_the_uncached_answer(cached, uncached, body, lang):
    incident, provided = _load(body)
    first = cached.decide(incident, lang, provided)
    hits = cached.cache.hits
    second = cached.decide(incident, lang, provided)
    assert cached.cache.hits == hits + 1  # the second answer did come from the cache
    assert first == second == uncached.decide(incident, lang, provided)
    assert uncached.cache.hits == 0 and len(uncached.cache) == 0


def test_the_key_tells_apart_language_answered_fields_and_as_of(cached):
    incident, provided = _load(BODIES[1])
    nl, en = cached.decide(incident, "nl", provided), cached.decide(incident, "en", provided)
    assert nl["routes"][0]["title"] != en["routes"][0]["title"]
    fewer = provided - {"group_closed"}
    assert decision_key("d", incident, "nl", provided) != decision_key("d", incident, "nl", fewer)
    later = dict(incident, as_of=incident["as_of"].replace(year=2026))
    assert decision_key("d", incident, "nl", provided) != decision_key("d", later, "nl", provided)
    assert decision_key("d", incident, "nl", provided) != decision_key("e", incident, "nl", provided)


def test_changing_a_returned_answer_does_not_change_the_cached_one(cached):
    incident, provided = _load(BODIES[0])
    answer = cached.decide(incident, "nl", provided)
    expected = cached.decide_uncached(incident, "nl", provided)
    answer["routes"].clear()
    answer["facts"]["platform"] = "tampered"
    assert cached.decide(incident, "nl", provided) == expected


def _answer(n: int) -> dict:
    return {"rulebook": {"version": "v", "digest": "d"}, "routes": [{"id": f"r{n}"}], "n": n}


def test_the_cache_is_bounded_and_evicts_the_least_recently_used():
    cache = DecisionCache(2)
    cache.put("a", _answer(1))
    cache.put("b", _answer(2))
    assert cache.get("a") == _answer(1)  # a is now the most recent
    cache.put("c", _answer(3))
    assert len(cache) == 2 and cache.get("b") is None and cache.get("a") == _answer(1)


@pytest.mark.parametrize("body", BODIES)
def test_the_encoded_answer_is_the_answer(cached, uncached, body):
    incident, provided = _load(body)
    expected = uncached.decide(incident, "en", provided)
    for _ in range(2):  # a miss, then a hit
        encoded, route_ids, rulebook = cached.decide_json(incident, "en", provided)
        assert json.loads(encoded) == expected
        assert route_ids == tuple(r["id"] for r in expected["routes"]) and rulebook == expected["rulebook"]


def test_the_api_sends_the_cached_answer_with_a_fresh_decision_id_as_flask_would_encode_it():
    app = create_app()
    client = app.test_client()
    first = client.post("/v1/decisions", json=BODIES[2], headers={"Accept-Language": "en"})
    second = client.post("/v1/decisions", json=BODIES[2], headers={"Accept-Language": "en"})
    assert first.status_code == second.status_code == 200
    assert first.headers["Content-Type"] == "application/json" and second.headers["Content-Language"] == "en"
    a, b = first.get_json(), second.get_json()
    assert a.pop("decision_id") != b.pop("decision_id") and a == b
    incident, provided = _load(BODIES[2])
    with app.app_context():
        answer = app.extensions["routewijzer"].decider.decide(incident, "en", provided)
        flask_bytes = app.json.response({"decision_id": json.loads(second.data)["decision_id"], **answer}).data
    assert second.data == flask_bytes


def test_a_reload_from_a_changed_rules_dir_does_not_serve_old_answers(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    incident, provided = _load(BODIES[0])
    old = Decider.from_directory(rules, cache_size=64)
    before = old.decide(incident, "en", provided)
    assert old.decide(incident, "en", provided) == before and old.cache.hits == 1
    route = next(r for r in before["routes"])
    path = rules / "routes" / f"{route['id']}.yaml"
    text = path.read_text(encoding="utf-8")
    assert route["title"] in text
    path.write_text(text.replace(route["title"], route["title"] + " (revised)", 1), encoding="utf-8")
    new = Decider.from_directory(rules, cache_size=64)
    try:
        after = new.decide(incident, "en", provided)
        assert new.cache.hits == 0
        assert after["rulebook"]["digest"] != before["rulebook"]["digest"]
        assert next(r for r in after["routes"] if r["id"] == route["id"])["title"] == route["title"] + " (revised)"
    finally:
        old.close()
        new.close()


def test_every_response_still_gets_a_fresh_decision_id():
    app = create_app()
    client = app.test_client()
    ids = set()
    for _ in range(3):
        r = client.post("/v1/decisions", json=BODIES[0])
        assert r.status_code == 200
        ids.add(r.get_json()["decision_id"])
    assert len(ids) == 3
    assert app.extensions["routewijzer"].decider.cache.hits >= 2

