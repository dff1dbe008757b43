"""Operations, in-process: readiness, request ids, security headers, metrics, access logs without
personal data, engine failure containment, and rule reloads through the admin endpoint.

(The same behaviour through the real multi-worker gunicorn server is in test_server.py.)
"""

import json
import logging
import shutil
from pathlib import Path

import pytest
from promtext import sample
from test_api import EXPOSE

from routewijzer import create_app
from routewijzer.decide.decider import Decider
from routewijzer.decide.engine import DurableEngine

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "test-admin-token-of-at-least-32-characters"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_ready_names_the_rulebook(api):
    r = api.get("/v1/ready")
    assert r.status == 200 and r.body["status"] == "ready" and r.body["rulebook"]["digest"].startswith("sha256:")


@pytest.mark.parametrize("method,path,body", [
    ("GET", "/v1/health", None), ("GET", "/v1/ready", None), ("GET", "/metrics", None),
    ("POST", "/v1/decisions", json.dumps(EXPOSE).encode()), ("POST", "/v1/decisions", b"{"),
    ("GET", "/nowhere", None), ("DELETE", "/v1/decisions", None), ("GET", "/v1/openapi.json", None),
])
def test_every_response_has_security_headers_and_a_request_id(api, method, path, body):
    r = api.client.request(method, path, data=body, headers={"Content-Type": "application/json"})
    h = r.headers
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer" and h["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert len(h["x-request-id"]) >= 16


def test_a_request_id_is_passed_through_and_a_hostile_one_replaced(api):
    r = api.client.request("GET", "/v1/health", headers={"X-Request-ID": "chain-42.a:b"})
    assert r.headers["x-request-id"] == "chain-42.a:b"
    r = api.client.request("GET", "/v1/health", headers={"X-Request-ID": "<script>" + "x" * 300})
    assert r.headers["x-request-id"] != "<script>" + "x" * 300 and "<" not in r.headers["x-request-id"]


def test_metrics_count_requests_by_status_and_decisions_by_route(api):
    before = api.get("/metrics").body
    assert api.decide(EXPOSE).status == 200
    api.post_json("/v1/decisions", b"{")
    after = api.get("/metrics").body
    route = api.decide(EXPOSE).body["routes"][0]["id"]
    for name, labels, delta in [
        ("routewijzer_http_requests_total", {"endpoint": "/v1/decisions", "status": "200"}, 1),
        ("routewijzer_http_requests_total", {"endpoint": "/v1/decisions", "status": "400"}, 1),
        ("routewijzer_http_request_duration_seconds_count", {"endpoint": "/v1/decisions", "status": "200"}, 1),
        ("routewijzer_decisions_total", {"route": route}, 1),
    ]:
        assert sample(after, name, **labels) - sample(before, name, **labels) == delta, name
    assert "routewijzer_engine_errors_total" in after and "routewijzer_rule_reloads_total" in after


def test_a_decisions_log_lines_carry_ids_and_no_incident_value(api, caplog):
    incident = dict(EXPOSE, platform="tiktok", victim_age=13, perpetrator="identified",
                    platform_response="refused", incident_date="2023-05-17")
    with caplog.at_level(logging.DEBUG):
        r = api.client.request("POST", "/v1/decisions", data=json.dumps(incident).encode(),
                               headers={"Content-Type": "application/json", "X-Request-ID": "log-test-1"})
    assert r.status == 200
    from routewijzer.ops.observability import JsonFormatter

    lines = [JsonFormatter().format(rec) for rec in caplog.records]
    access = [json.loads(line) for line in lines if '"log-test-1"' in line]
    assert len(access) == 1
    entry = access[0]
    assert entry["decision_id"] == r.body["decision_id"] and entry["status"] == 200
    assert entry["rulebook_version"] == r.body["rulebook"]["version"] and entry["duration_ms"] >= 0
    text = "\n".join(lines)
    for value in ("tiktok", "2023-05-17", "refused", "identified", "intimate_image", '"victim_age"'):
        assert value not in text, f"{value} reached a log line"


class PoisonedEngine(DurableEngine):
    """A real engine that hands durable-rules a value it cannot take, once, when armed."""

    armed = False

    def evaluate(self, fact):
        if self.armed:
            self.armed = False
            fact = dict(fact, poison=object())  # durable-rules fails to serialise it: a real engine error
        return super().evaluate(fact)


@pytest.fixture
def fresh_app():
    return create_app()


def test_an_engine_failure_is_a_503_and_the_next_request_is_served(fresh_app):
    service = fresh_app.extensions["routewijzer"]
    decider = Decider(service.decider.compiled, cache_size=0)
    decider.engine.close()
    decider.engine = poisoned = PoisonedEngine(decider.compiled)
    service.swap(decider)
    poisoned.armed = True
    client = fresh_app.test_client()
    r = client.post("/v1/decisions", json=EXPOSE)
    assert r.status_code == 503 and r.mimetype == "application/problem+json" and r.headers["Retry-After"]
    assert poisoned.broken and poisoned.closed, "the broken engine is freed"
    assert service.decider.engine is not poisoned and not service.decider.engine.broken
    r = client.post("/v1/decisions", json=EXPOSE)
    assert r.status_code == 200 and r.json["routes"]
    assert "routewijzer_engine_errors_total" in client.get("/metrics").get_data(as_text=True)


def test_a_swap_waits_for_the_request_in_flight_before_freeing_the_engine(fresh_app):
    service = fresh_app.extensions["routewijzer"]
    with service.lease() as old:
        service.swap(Decider(old.compiled))
        assert not old.engine.closed, "still in use by this request"
        assert old.engine.evaluate is not None
    assert old.engine.closed, "freed when its last request finished"


# -- the admin endpoint ------------------------------------------------------------------------------


@pytest.fixture
def rules(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def set_version(rules: Path, version: str) -> None:
    meta = rules / "rulebook.yaml"
    text = meta.read_text(encoding="utf-8")
    lines = [f'version: "{version}"' if line.startswith("version:") else line for line in text.splitlines()]
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_without_a_token_the_admin_endpoint_does_not_exist(api):
    r = api.client.request("POST", "/v1/admin/reload", headers=AUTH)
    assert r.status == 404 and r.headers["content-type"] == "application/problem+json"


def test_the_admin_endpoint_refuses_a_missing_or_wrong_token(rules):
    client = create_app({"RULES_DIR": rules, "ADMIN_TOKEN": TOKEN}).test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}):
        r = client.post("/v1/admin/reload", headers=headers)
        assert r.status_code == 401 and r.mimetype == "application/problem+json", headers


def test_a_reload_switches_the_rulebook_and_a_broken_one_keeps_the_old_serving(rules):
    app = create_app({"RULES_DIR": rules, "ADMIN_TOKEN": TOKEN})
    client = app.test_client()
    assert client.post("/v1/admin/reload", headers=AUTH).json["status"] == "unchanged"

    set_version(rules, "2099.01.01")
    r = client.post("/v1/admin/reload", headers=AUTH)
    assert r.status_code == 200 and r.json == {"status": "reloaded", "rulebook": r.json["rulebook"]}
    assert r.json["rulebook"]["version"] == "2099.01.01"
    assert client.post("/v1/decisions", json=EXPOSE).json["rulebook"]["version"] == "2099.01.01"

    route = next((rules / "routes").glob("*.yaml"))
    route.write_text(route.read_text(encoding="utf-8") + "\n  broken: [\n", encoding="utf-8")
    set_version(rules, "2099.02.02")
    r = client.post("/v1/admin/reload", headers=AUTH)
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert any(p.startswith(f"rules/routes/{route.name}:") for p in r.json["errors"]["rules"]), r.json
    health = client.get("/v1/health").json
    assert health["status"] == "degraded" and health["problems"] == r.json["errors"]["rules"]
    assert health["rulebook"]["version"] == "2099.01.01"
    d = client.post("/v1/decisions", json=EXPOSE)
    assert d.status_code == 200 and d.json["rulebook"]["version"] == "2099.01.01"


def test_a_reload_that_does_not_finish_in_time_is_stopped_and_changes_nothing(rules):
    app = create_app({"RULES_DIR": rules, "ADMIN_TOKEN": TOKEN, "RELOAD_TIMEOUT": 0.05})
    client = app.test_client()
    before = client.get("/v1/health").json["rulebook"]
    set_version(rules, "2099.03.03")
    r = client.post("/v1/admin/reload", headers=AUTH)
    assert r.status_code == 422 and "longer than" in r.json["errors"]["rules"][0]
    health = client.get("/v1/health").json
    assert health["status"] == "degraded" and health["rulebook"] == before


def test_after_a_reload_no_thread_answers_with_the_old_rulebook_while_another_builds_the_new(rules, monkeypatch):
    import threading

    from routewijzer.ops import serving
    from routewijzer.ops.reload import RulebookStore
    from routewijzer.schemas.request import IncidentSchema

    app = create_app({"RULES_DIR": rules})
    service = app.extensions["routewijzer"]
    set_version(rules, "2099.04.04")
    assert RulebookStore(service.store.state_dir, rules).publish().ok  # as another worker process would
    building, go_on = threading.Event(), threading.Event()
    real = serving.Decider.from_directory

    def slow_build(*args, **kwargs):  # the real build, held until the test lets it go on
        building.set()
        go_on.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(serving.Decider, "from_directory", slow_build)
    incident = IncidentSchema().load(EXPOSE)
    answers = []

    def ask():
        answers.append(service.decide(incident, "nl", frozenset(EXPOSE))["rulebook"]["version"])

    first = threading.Thread(target=ask)
    first.start()
    assert building.wait(30)
    second = threading.Thread(target=ask)
    second.start()
    second.join(timeout=0.5)
    alive = second.is_alive()
    go_on.set()
    first.join(30)
    second.join(30)
    assert alive, f"a request was answered during the switch, with rulebook {answers}"
    assert answers == ["2099.04.04", "2099.04.04"]


# -- the admin endpoint's limit on failed attempts (issue 15; through HTTP in test_security.py) ------


def test_the_failure_limit_opens_again_when_the_window_has_passed():
    from routewijzer.web.admin import FailureLimit

    now = [100.0]
    limit = FailureLimit(allowed=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert limit.retry_after() == 0
        limit.fail()
    assert limit.retry_after() == 60
    now[0] += 59.5
    assert limit.retry_after() == 1
    now[0] += 1
    assert limit.retry_after() == 0


def test_processes_sharing_a_failures_file_share_one_limit(tmp_path):
    """Under gunicorn every worker is given the same file (in the state directory): one limit."""
    from routewijzer.web.admin import FailureLimit

    now = [100.0]
    path = tmp_path / "admin-failures"
    first, second = (FailureLimit(allowed=4, window=60, clock=lambda: now[0], path=path) for _ in range(2))
    first.fail()
    second.fail()
    first.fail()
    assert second.retry_after() == 0
    assert second.fail() == 4
    assert first.retry_after() == 60 and second.retry_after() == 60
    now[0] += 60
    assert first.retry_after() == 0
    path.write_text("not a time\n")  # a file damaged by hand counts for nothing, and is no error
    assert second.retry_after() == 0 and second.fail() == 1
