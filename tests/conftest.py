"""Shared fixtures and the BDD step vocabulary.

The steps talk to the real app through ``api``: the in-process Flask client by default, or a live
server when ``BASE_URL`` is set (``BASE_URL=http://127.0.0.1:8000 make bdd``).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from routewijzer.rules.scenario import apply_given

BASE_URL = os.environ.get("BASE_URL", "").rstrip("/")


@dataclass
class Reply:
    status: int
    headers: dict
    body: object

    @property
    def json(self):
        return self.body


class LiveClient:
    def __init__(self, base: str):
        self.base = base

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict | None = None) -> Reply:
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw, status, hdrs = r.read(), r.status, dict(r.headers)
        except urllib.error.HTTPError as e:
            raw, status, hdrs = e.read(), e.code, dict(e.headers)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        return Reply(status, {k.lower(): v for k, v in hdrs.items()}, body)


class InProcessClient:
    def __init__(self, app):
        self.client = app.test_client()

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict | None = None) -> Reply:
        r = self.client.open(path, method=method, data=data, headers=headers or {})
        try:
            body = json.loads(r.data) if r.data else None
        except ValueError:
            body = r.data.decode("utf-8", "replace")
        return Reply(r.status_code, {k.lower(): v for k, v in r.headers.items()}, body)


class Api:
    def __init__(self, client):
        self.client = client

    def get(self, path: str, headers: dict | None = None) -> Reply:
        return self.client.request("GET", path, headers=headers)

    def post_json(self, path: str, body, lang: str | None = None, headers: dict | None = None) -> Reply:
        h = {"Content-Type": "application/json", **(headers or {})}
        if lang:
            h["Accept-Language"] = lang
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        return self.client.request("POST", path, data=data.encode() if isinstance(data, str) else data, headers=h)

    def decide(self, incident: dict, lang: str | None = None) -> Reply:
        return self.post_json("/v1/decisions", incident, lang)


@pytest.fixture(scope="session")
def app():
    from routewijzer import create_app

    return create_app()


@pytest.fixture(scope="session")
def api(request):
    if BASE_URL:
        return Api(LiveClient(BASE_URL))
    return Api(InProcessClient(request.getfixturevalue("app")))


# ---------------------------------------------------------------------------------------------------
# BDD steps. A scenario builds an incident, asks the service, then checks what a lawyer would check.


@dataclass
class Case:
    incident: dict = field(default_factory=dict)
    reply: Reply | None = None

    @property
    def answer(self) -> dict:
        assert self.reply is not None, "no decision was asked for"
        assert self.reply.status == 200, f"expected a decision, got {self.reply.status}: {self.reply.body}"
        return self.reply.body

    def route(self, rid: str) -> dict | None:
        return next((r for r in self.answer["routes"] if r["id"] == rid), None)

    def exclusion(self, rid: str) -> dict | None:
        return next((r for r in self.answer["not_applicable"] if r["id"] == rid), None)

    def offered(self, rid: str) -> dict:
        r = self.route(rid)
        assert r is not None, (
            f"route {rid} is not offered; routes: {[x['id'] for x in self.answer['routes']]}, "
            f"not applicable: {[(x['id'], [o['id'] for o in x['reasons']]) for x in self.answer['not_applicable']]}"
        )
        return r


PRODUCED: dict[str, set] = {"routes": set(), "exclusions": set(), "reasons": set(), "legal_basis": set(),
                            "obstacles": set(), "notes": set(), "authorities": set()}


def record(answer: dict) -> None:
    """Remember every id a scenario's decision produced (the coverage test reads this)."""
    for r in answer.get("routes", []):
        PRODUCED["routes"].add(r["id"])
        PRODUCED["authorities"].add(r["authority"]["id"])
        PRODUCED["legal_basis"].update(b["id"] for b in r["legal_basis"])
        PRODUCED["obstacles"].update(o["id"] for o in r["obstacles"])
    for e in answer.get("not_applicable", []):
        PRODUCED["exclusions"].add(e["id"])
        PRODUCED["reasons"].update(o["id"] for o in e["reasons"])
    PRODUCED["notes"].update(n["id"] for n in answer.get("notes", []))


@pytest.fixture
def case() -> Case:
    return Case()


## Given
# The Given phrases live in routewijzer/rules/scenario.py (one table for the BDD run, the coverage report,
# `routewijzer rules diff` and the playground's "as a scenario"): add a new phrase there.

@given(parsers.re(r"(?P<text>.+)"))
def _given(case: Case, text: str):
    apply_given(case.incident, text)


## When

@when("the service decides")
def _decide(case: Case, api: Api):
    case.reply = api.decide(case.incident)
    if case.reply.status == 200:
        record(case.reply.body)


@when("the service decides in English")
def _decide_en(case: Case, api: Api):
    case.reply = api.decide(case.incident, lang="en")
    if case.reply.status == 200:
        record(case.reply.body)


## Then

@then(parsers.parse('the route "{rid}" applies'))
def _applies(case: Case, rid: str):
    assert case.offered(rid)["status"] == "applicable", case.offered(rid)


@then(parsers.parse('the route "{rid}" is conditional'))
def _conditional(case: Case, rid: str):
    r = case.offered(rid)
    assert r["status"] == "conditional", r
    assert r["conditions"], "a conditional route says on what it depends"


@then(parsers.parse('the route "{rid}" is offered'))
def _offered(case: Case, rid: str):
    case.offered(rid)


@then(parsers.parse('the route "{rid}" is not applicable because "{reason}"'))
def _excluded(case: Case, rid: str, reason: str):
    e = case.exclusion(rid)
    assert e is not None, f"{rid} is not among the exclusions: {case.answer['not_applicable']}"
    assert reason in [o["id"] for o in e["reasons"]], e
    assert case.route(rid) is None


@then(parsers.parse('the route "{rid}" is not offered'))
def _not_offered(case: Case, rid: str):
    assert case.route(rid) is None, case.route(rid)


@then(parsers.parse('the route "{rid}" is not considered'))
def _not_considered(case: Case, rid: str):
    assert case.route(rid) is None and case.exclusion(rid) is None


@then(parsers.parse('the route "{rid}" is of kind "{kind}"'))
def _kind(case: Case, rid: str, kind: str):
    assert case.offered(rid)["kind"] == kind, case.offered(rid)


@then(parsers.parse('the route "{rid}" is handled by "{authority}"'))
def _authority(case: Case, rid: str, authority: str):
    assert case.offered(rid)["authority"]["id"] == authority
    assert authority in [a["id"] for a in case.answer["competent_authorities"]]


@then(parsers.parse('the route "{rid}" cites "{basis}"'))
def _cites(case: Case, rid: str, basis: str):
    assert basis in [b["id"] for b in case.offered(rid)["legal_basis"]], case.offered(rid)["legal_basis"]


@then(parsers.parse('the route "{rid}" does not cite "{basis}"'))
def _not_cites(case: Case, rid: str, basis: str):
    assert basis not in [b["id"] for b in case.offered(rid)["legal_basis"]]


@then(parsers.parse('the route "{rid}" warns "{obstacle}"'))
def _warns(case: Case, rid: str, obstacle: str):
    assert obstacle in [o["id"] for o in case.offered(rid)["obstacles"]], case.offered(rid)["obstacles"]
    assert obstacle in [o["id"] for o in case.answer["obstacles"]]


@then(parsers.parse('the route "{rid}" does not warn "{obstacle}"'))
def _not_warns(case: Case, rid: str, obstacle: str):
    assert obstacle not in [o["id"] for o in case.offered(rid)["obstacles"]]


@then(parsers.parse('the first route is "{rid}"'))
def _first(case: Case, rid: str):
    assert case.answer["routes"][0]["id"] == rid, [r["id"] for r in case.answer["routes"]]


@then(parsers.parse('the note "{nid}" is given'))
def _note(case: Case, nid: str):
    assert nid in [n["id"] for n in case.answer["notes"]], case.answer["notes"]


@then(parsers.parse('the note "{nid}" is not given'))
def _no_note(case: Case, nid: str):
    assert nid not in [n["id"] for n in case.answer["notes"]]


@then("an expert assessment is needed")
def _expert(case: Case):
    assert case.answer["needs_expert_assessment"] is True


@then("no expert assessment is needed")
def _no_expert(case: Case):
    assert case.answer["needs_expert_assessment"] is False


@then(parsers.parse('the service asks about "{name}" because it affects "{rid}"'))
def _asks(case: Case, name: str, rid: str):
    q = next((m for m in case.answer["missing_information"] if m["field"] == name), None)
    assert q is not None, case.answer["missing_information"]
    assert q["question"] and rid in q["affects"], q


@then(parsers.parse('the service does not ask about "{name}"'))
def _not_asks(case: Case, name: str):
    assert name not in [m["field"] for m in case.answer["missing_information"]]


@then(parsers.parse('the derived fact "{name}" is {value}'))
def _derived(case: Case, name: str, value: str):
    assert case.answer["facts"].get(name) == json.loads(value), case.answer["facts"]


@then(parsers.parse('the answer\'s facts give "{name}" as {value}'))
def _fact(case: Case, name: str, value: str):
    assert name in case.answer["facts"], sorted(case.answer["facts"])
    assert case.answer["facts"][name] == json.loads(value), case.answer["facts"]


@then("the answer's facts give every field of the request")
def _every_field(case: Case):
    import yaml

    document = yaml.safe_load((Path(__file__).resolve().parent.parent / "openapi.yaml").read_text(encoding="utf-8"))
    fields_of_request = set(document["components"]["schemas"]["Incident"]["properties"])
    missing = fields_of_request - set(case.answer["facts"])
    assert not missing, sorted(missing)


@then(parsers.parse('the request is rejected with status {status:d} naming "{name}"'))
def _rejected(case: Case, status: int, name: str):
    r = case.reply
    assert r.status == status, (r.status, r.body)
    assert r.headers.get("content-type", "").startswith("application/problem+json")
    assert name in r.body.get("errors", {}), r.body


@then(parsers.parse('the last route is "{rid}"'))
def _last(case: Case, rid: str):
    assert case.answer["routes"][-1]["id"] == rid, [r["id"] for r in case.answer["routes"]]


@then(parsers.parse('the route "{first}" comes before the route "{second}"'))
def _before(case: Case, first: str, second: str):
    ids = [r["id"] for r in case.answer["routes"]]
    assert first in ids and second in ids and ids.index(first) < ids.index(second), ids


@then(parsers.parse('the note "{nid}" mentions "{words}"'))
def _note_mentions(case: Case, nid: str, words: str):
    note = next((n for n in case.answer["notes"] if n["id"] == nid), None)
    assert note is not None, case.answer["notes"]
    assert words.lower() in note["text"].lower(), note["text"]


## Victim routes and the plan (contract v1.1): their facts, and the steps in the order to take them

def _plan(case: Case) -> list[dict]:
    return case.answer["plan"]


def _plan_step(case: Case, sid: str) -> dict:
    step = next((s for s in _plan(case) if s["id"] == sid), None)
    assert step is not None, f"step {sid} is not in the plan: {[(s['order'], s['id']) for s in _plan(case)]}"
    return step


@when("the service decides and explains")
def _decide_explained(case: Case, api: Api):
    case.reply = api.post_json("/v1/decisions?explain=true", case.incident)
    if case.reply.status == 200:
        record(case.reply.body)


@then(parsers.parse('step "{first}" comes before "{second}"'))
def _step_before(case: Case, first: str, second: str):
    a, b = _plan_step(case, first), _plan_step(case, second)
    assert a["order"] < b["order"], [(s["order"], s["id"]) for s in _plan(case)]


@then(parsers.parse('steps "{first}" and "{second}" can be taken at the same time'))
def _step_same_time(case: Case, first: str, second: str):
    a, b = _plan_step(case, first), _plan_step(case, second)
    assert a["order"] == b["order"], [(s["order"], s["id"]) for s in _plan(case)]


@then(parsers.parse('the plan starts with "{sid}"'))
def _plan_starts(case: Case, sid: str):
    assert _plan(case)[0]["id"] == sid and _plan(case)[0]["order"] == 1, [(s["order"], s["id"]) for s in _plan(case)]


@then(parsers.parse('only "{sid}" comes first'))
def _plan_only_first(case: Case, sid: str):
    firsts = [s["id"] for s in _plan(case) if s["order"] == 1]
    assert firsts == [sid], [(s["order"], s["id"]) for s in _plan(case)]


@then(parsers.parse('the plan has the step "{sid}"'))
def _plan_has(case: Case, sid: str):
    _plan_step(case, sid)


@then(parsers.parse('the plan does not have the step "{sid}"'))
def _plan_has_not(case: Case, sid: str):
    assert sid not in [s["id"] for s in _plan(case)], _plan(case)


@then(parsers.parse('step "{sid}" says why: "{words}"'))
def _step_reason(case: Case, sid: str, words: str):
    step = _plan_step(case, sid)
    assert words.lower() in step.get("reason", "").lower(), step


@then(parsers.parse('step "{sid}" is placed by the ordering rule "{rule}"'))
def _placed_by(case: Case, sid: str, rule: str):
    step = _plan_step(case, sid)
    rules = [r["rule"] for r in step["explanation"]["rules"] if r["effect"] == "order"]
    assert f"order.{rule}" in rules, step["explanation"]


@then("the plan has every route once")
def _plan_covers(case: Case):
    ids = [s["id"] for s in _plan(case)]
    assert len(ids) == len(set(ids)), ids
    assert {r["id"] for r in case.answer["routes"]} <= set(ids), ids
    orders = {s["id"]: s["order"] for s in _plan(case)}
    for s in _plan(case):
        assert all(orders[a] < s["order"] for a in s["after"]), s


@then(parsers.parse('the route "{rid}" is conditional on "{words}"'))
def _conditional_on(case: Case, rid: str, words: str):
    r = case.offered(rid)
    assert r["conditions"], r
    assert any(words.lower() in c.lower() for c in r["conditions"]), r["conditions"]


@then(parsers.parse('the route "{rid}" cites "{basis}" as "{words}"'))
def _cites_as(case: Case, rid: str, basis: str, words: str):
    b = next((b for b in case.offered(rid)["legal_basis"] if b["id"] == basis), None)
    assert b is not None, case.offered(rid)["legal_basis"]
    assert words.lower() in b["citation"].lower(), b["citation"]


@then(parsers.parse('the route "{rid}" warns "{obstacle}" about "{words}"'))
def _warns_about(case: Case, rid: str, obstacle: str, words: str):
    texts = [o["text"] for o in case.offered(rid)["obstacles"] if o["id"] == obstacle]
    assert any(words.lower() in t.lower() for t in texts), case.offered(rid)["obstacles"]
