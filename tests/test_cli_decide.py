"""`routewijzer decide` answers as POST /v1/decisions does (but for decision_id), on every scenario's incident."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from routewijzer.cli import ask, offline_app
from routewijzer.rules.rulebook import DEFAULT_RULES_DIR
from routewijzer.rules.scenario import UnknownStep, scenario_incidents

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "routewijzer.cli"]


def _scenario_bodies() -> list:
    out = []
    for label, body in scenario_incidents(ROOT / "features", ROOT):
        assert not isinstance(body, UnknownStep), f"{label}: {body}"
        out.append((label, body))
    assert len(out) > 100
    return out


def _api(client, body: bytes, lang: str, explain: bool = False):
    r = client.post("/v1/decisions" + ("?explain=true" if explain else ""), data=body,
                    headers={"Content-Type": "application/json", "Accept-Language": lang})
    answer = json.loads(r.data)
    if r.status_code == 200:
        assert answer.pop("decision_id")
    return r.status_code, answer


@pytest.fixture(scope="module")
def offline():
    return offline_app(DEFAULT_RULES_DIR)


def test_the_cli_and_the_api_agree_on_every_scenarios_incident(app, offline):
    client = app.test_client()
    for i, (label, body) in enumerate(_scenario_bodies()):
        raw = json.dumps(body).encode()
        langs = ("nl", "en") if i % 10 == 0 else ("nl",)
        for lang in langs:
            assert ask(offline, raw, lang) == _api(client, raw, lang), label
        if i % 25 == 0:  # with explanations too (slower)
            assert ask(offline, raw, "en", explain=True) == _api(client, raw, "en", explain=True), label


def test_the_command_reads_stdin_and_prints_the_answer_without_a_decision_id(app):
    body = {"content_types": ["intimate_image", "personal_data"], "victim_age": 16, "platform": "telegram",
            "as_of": "2026-11-30"}
    done = subprocess.run(CLI + ["decide", "--lang", "en"], input=json.dumps(body).encode(), capture_output=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert "decision_id" not in printed
    assert printed == _api(app.test_client(), json.dumps(body).encode(), "en")[1]


def test_an_invalid_incident_gives_the_apis_problem_document_on_stderr_and_exit_status_2(app, tmp_path):
    incident = tmp_path / "incident.json"
    incident.write_text('{"content_types": ["intimate_image"], "victim_age": 16, "age_when_made": 17}')
    done = subprocess.run(CLI + ["decide", str(incident)], capture_output=True, check=False, timeout=120)
    assert done.returncode == 2
    assert done.stdout == b""
    problem = json.loads(done.stderr)
    status, expected = _api(app.test_client(), incident.read_bytes(), "nl")
    assert status == 422 and problem == expected and "age_when_made" in problem["errors"]


def test_broken_json_and_unknown_revisions_exit_2():
    done = subprocess.run(CLI + ["decide"], input=b'{"content_types": [', capture_output=True, check=False,
                          timeout=120)
    assert done.returncode == 2 and json.loads(done.stderr)["status"] == 400
    done = subprocess.run(CLI + ["decide", "--rules", "no-such-revision-or-directory"], input=b"{}",
                          capture_output=True, check=False, timeout=120, cwd=ROOT)
    assert done.returncode == 2
    assert b"neither a rules directory nor a git revision" in done.stderr
