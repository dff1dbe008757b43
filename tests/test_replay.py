"""Replay: a decision made before a reload is answered again, after it, by its rulebook digest.

The real server (gunicorn, several workers) serves a copy of the rules; the test changes a route's
authority and reloads, then asks for the earlier rulebook by digest from every worker.
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from servers import ROOT, start_server
from test_server import TOKEN, set_version

KEEP = 3
pytestmark = pytest.mark.slow
INCIDENT = {"content_types": ["child_sexual_abuse_material"], "platform_established": "nl", "as_of": "2026-11-30"}
ROUTE = "atkm_csam_instruction"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("replay")
    rules = tmp / "rules"
    shutil.copytree(ROOT / "rules", rules)
    # Reloads by hand only: a watcher could publish a half-made change as a rulebook of its own.
    running = start_server(tmp, rules, TOKEN, WEB_CONCURRENCY="2", GUNICORN_THREADS="2",
                           ROUTEWIJZER_KEEP_RULEBOOKS=str(KEEP), ROUTEWIJZER_WATCH_INTERVAL="0")
    yield running
    running.stop()


def ask(server, digest: str | None = None, explain: bool = False, lang: str = "en"):
    query = "&".join(q for q in (f"rulebook={digest}" if digest else "", "explain=true" if explain else "") if q)
    return server.client.request("POST", "/v1/decisions" + ("?" + query if query else ""),
                                 json.dumps(INCIDENT).encode(),
                                 {"Content-Type": "application/json", "Accept-Language": lang})


def without_id(body: dict) -> dict:
    return {k: v for k, v in body.items() if k != "decision_id"}


def authority(answer: dict) -> str:
    return next(r["authority"]["id"] for r in answer["routes"] if r["id"] == ROUTE)


def change_and_reload(server, version: str, authority_id: str | None = None) -> dict:
    set_version(server.rules, version)
    if authority_id:
        route = server.rules / "routes" / f"{ROUTE}.yaml"
        text = route.read_text(encoding="utf-8")
        route.write_text("\n".join(f"authority: {authority_id}" if line.startswith("authority:") else line
                                   for line in text.splitlines()) + "\n", encoding="utf-8")
    r = server.reload()
    assert r.status == 200 and r.body["status"] == "reloaded", r.body
    return r.body["rulebook"]


def test_a_decision_made_before_a_reload_is_replayed_after_it_by_its_digest(server):
    before = ask(server)
    assert before.status == 200 and authority(before.body) == "atkm"
    first = before.body["rulebook"]
    listed = server.get("/v1/rulebooks").body
    assert listed["keep"] == KEEP and [r["digest"] for r in listed["rulebooks"]] == [first["digest"]]

    second = change_and_reload(server, "2099.01.01", "police")
    assert second["digest"] != first["digest"]
    now = ask(server)
    assert now.body["rulebook"] == second and authority(now.body) == "police"

    # Every worker answers the replay (several requests at once), with the rulebook of then.
    with ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(pool.map(lambda _: ask(server, first["digest"]), range(12)))
    assert all(r.status == 200 for r in replies), [r.body for r in replies if r.status != 200][:1]
    assert all(without_id(r.body) == without_id(before.body) for r in replies)
    explained = ask(server, first["digest"], explain=True)
    assert explained.status == 200 and explained.body["rulebook"] == first
    assert all("explanation" in r for r in explained.body["routes"])
    assert ask(server, second["digest"]).body["rulebook"] == second  # the digest in service: the same as none

    listed = server.get("/v1/rulebooks").body["rulebooks"]
    assert [(r["version"], r["digest"]) for r in listed] == [(second["version"], second["digest"]),
                                                             (first["version"], first["digest"])]
    assert all(r["in_service_since"].endswith("Z") for r in listed)
    assert listed[0]["in_service_since"] >= listed[1]["in_service_since"]


def test_a_rulebook_not_kept_is_a_404_problem_and_a_malformed_digest_a_400(server):
    gone = ask(server, "sha256:" + "0" * 64)
    assert gone.status == 404 and gone.headers["content-type"].startswith("application/problem+json")
    assert gone.body["type"].endswith("rulebook-not-kept") and "/v1/rulebooks" in gone.body["detail"]
    bad = ask(server, "sha256:xyz")
    assert bad.status == 400 and "rulebook" in bad.body["errors"]


def test_only_the_last_n_rulebooks_are_kept(server):
    first = server.get("/v1/rulebooks").body["rulebooks"][-1]["digest"]
    for i in range(KEEP):
        change_and_reload(server, f"2099.02.0{i + 1}")
    kept = [r["digest"] for r in server.get("/v1/rulebooks").body["rulebooks"]]
    assert len(kept) == KEEP and first not in kept
    assert ask(server, first).status == 404
    assert ask(server, kept[-1]).status == 200  # the oldest one kept still answers
