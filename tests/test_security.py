"""The findings of the security review of 74d669d (issue 15, docs/security.md), through public surfaces
only: HTTP (the in-process app), the environment, rule files and the ``routewijzer`` command, so that each
test also runs against 74d669d and fails there on the behaviour.

The real server's part (slow clients, malformed chunked bodies, gunicorn's own answers and log lines,
/metrics on a port of its own, the short token at start-up) is in test_server.py; error answers within a
few KB in test_input_hardening.py.
"""

from __future__ import annotations

import logging
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from promtext import sample

from routewijzer import create_app

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "routewijzer")
TOKEN = "security-test-token-of-at-least-32-characters"
FAILURES_ALLOWED = 10  # README: after 10 failed attempts in 60 s a worker answers 429


@pytest.fixture
def rules(tmp_path, monkeypatch):
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    monkeypatch.setenv("ROUTEWIJZER_RULES", str(target))
    return target


# -- metric cardinality ------------------------------------------------------------------------------


def _series(text: str) -> set[str]:
    return {line.rsplit(" ", 1)[0] for line in text.splitlines() if line and not line.startswith("#")}


def _invent(api, numbers: range) -> str:
    for i in numbers:
        assert api.client.request(f"BREW{i}", "/v1/health").status == 405
        assert api.get(f"/invented-{i}").status == 404
    return api.get("/metrics").body


def test_invented_methods_and_paths_do_not_add_metric_series(api):
    """The review: 3,000 invented methods grew /metrics from 17 KB to 277 KB, kept until restart."""
    api.get("/metrics")  # counted once it has answered: its own series are there from now on
    first = _invent(api, range(40))
    again = _invent(api, range(40, 80))
    assert not _series(again) - _series(first), f"new series: {sorted(_series(again) - _series(first))[:5]}"
    assert "BREW" not in again and "invented-" not in again
    methods = {line.split('method="', 1)[1].split('"', 1)[0] for line in again.splitlines()
               if line.startswith("routewijzer_http_requests_total{")}
    assert "other" in methods, "the invented methods are still counted, as one"
    assert methods <= {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "other"}, methods


# -- /metrics kept from the public -------------------------------------------------------------------


def test_metrics_can_be_put_behind_a_token(rules, monkeypatch):
    token = "metrics-token-" + "x" * 20
    monkeypatch.setenv("ROUTEWIJZER_METRICS_TOKEN", token)
    client = create_app().test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token}):
        r = client.get("/metrics", headers=headers)
        assert r.status_code == 401 and "routewijzer_" not in r.text, (headers, r.status_code)
        assert r.mimetype == "application/problem+json"
    r = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and "routewijzer_http_requests_total" in r.text


def test_metrics_moved_to_their_own_port_are_not_served_by_the_app(rules, monkeypatch):
    monkeypatch.setenv("ROUTEWIJZER_METRICS_PORT", "9464")
    r = create_app().test_client().get("/metrics")
    assert r.status_code == 404 and "routewijzer_" not in r.text


# -- the admin token ---------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["x", "short-token", "y" * 31])
def test_the_service_refuses_to_start_with_a_short_admin_token(rules, monkeypatch, token):
    monkeypatch.setenv("ROUTEWIJZER_ADMIN_TOKEN", token)
    with pytest.raises(ValueError, match="at least 32") as exc:
        create_app()
    assert token not in str(exc.value)


def _guess(client, token: str = "guess-" + "z" * 30):
    return client.post("/v1/admin/reload", headers={"Authorization": f"Bearer {token}"})


def test_wrong_admin_tokens_are_limited(rules, monkeypatch):
    """The review: 3,000 wrong tokens in 2.3 s, every one answered 401."""
    monkeypatch.setenv("ROUTEWIJZER_ADMIN_TOKEN", TOKEN)
    client = create_app().test_client()
    for _ in range(FAILURES_ALLOWED):
        assert _guess(client).status_code == 401
    for token in ("another-guess-" + "q" * 30, TOKEN):  # locked: even the right token waits
        r = _guess(client, token)
        assert r.status_code == 429, f"attempt {FAILURES_ALLOWED + 1} within a minute got {r.status_code}"
        assert r.mimetype == "application/problem+json" and 1 <= int(r.headers["Retry-After"]) <= 60


def test_wrong_admin_tokens_are_logged_as_warnings_and_counted(rules, monkeypatch, caplog):
    monkeypatch.setenv("ROUTEWIJZER_ADMIN_TOKEN", TOKEN)
    client = create_app().test_client()
    before = sample(client.get("/metrics").text, "routewijzer_admin_auth_failures_total")
    guess = "guess-" + "w" * 30
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert _guess(client, guess).status_code == 401
    warnings = [rec for rec in caplog.records if rec.name.startswith("routewijzer") and rec.levelno == logging.WARNING]
    assert len(warnings) == 3, f"3 refused tokens, {len(warnings)} warnings logged"
    assert all(getattr(rec, "request_id", None) for rec in warnings)
    assert not any(guess in rec.getMessage() or TOKEN in rec.getMessage() for rec in caplog.records)
    after = sample(client.get("/metrics").text, "routewijzer_admin_auth_failures_total")
    assert after - before == 3


# -- rule-file bombs, through `routewijzer rules check` and the reload ---------------------------------


def _check(rules: Path, memory_mib: int = 2048, timeout: float = 60) -> tuple[int | None, str, str]:
    """``routewijzer rules check`` with at most ``memory_mib`` of address space: exit code, out, err."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory_mib << 20, memory_mib << 20))

    try:
        done = subprocess.run([CLI, "rules", "check", str(rules)], capture_output=True, text=True, timeout=timeout,
                              preexec_fn=limit, check=False)
    except subprocess.TimeoutExpired as exc:
        return None, exc.stdout or "", f"no answer within {timeout} s"
    return done.returncode, done.stdout, done.stderr


def _route(rules: Path) -> Path:
    return min((rules / "routes").glob("*.yaml"))


def _append(route: Path, text: str) -> int:
    """Append ``text`` to the rule file; the line it starts on."""
    before = route.read_text(encoding="utf-8")
    route.write_text(before + text, encoding="utf-8")
    return len(before.splitlines()) + 1


def _refused_at(code, out: str, err: str, where: str, reason: str) -> None:
    assert "Traceback" not in err, f"a traceback instead of {where}: {err.strip().splitlines()[-1]}"
    hits = [line for line in out.splitlines() if line.startswith(where + ":") and reason in line]
    assert code == 1 and hits, f"exit {code}, no '{where}: ... {reason}' in:\n{out[-1500:]}\n{err[-500:]}"


# Ten nested lists of nine aliases each: 9**9 values from 450 bytes (the review's 478 bytes: 2.4 GiB in 20 s).
BOMB = "b0: &b0 [lol]\n" + "".join(f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 9)}]\n" for i in range(1, 10))


def test_an_alias_bomb_is_refused_with_path_and_line_in_little_memory_and_time(rules):
    route = _route(rules)
    line = _append(route, BOMB)
    started = time.monotonic()
    code, out, err = _check(rules, memory_mib=512)
    _refused_at(code, out, err, f"rules/routes/{route.name}:{line}", "not allowed")
    assert time.monotonic() - started < 30


def test_a_recursive_alias_is_refused_with_path_and_line(rules):
    route = _route(rules)
    line = _append(route, "loop: &l [*l]\n")
    _refused_at(*_check(rules), f"rules/routes/{route.name}:{line}", "not allowed")


def test_a_python_tag_is_refused_not_loaded_as_a_plain_list(rules):
    route = _route(rules)
    text = route.read_text(encoding="utf-8")
    match = re.search(r"^(\s+content_types: )\[", text, re.MULTILINE)
    assert match, "the first route file has a content_types list"
    route.write_text(text[:match.end(1)] + "!!python/tuple " + text[match.end(1):], encoding="utf-8")
    line = text[:match.start(1)].count("\n") + 1
    _refused_at(*_check(rules), f"rules/routes/{route.name}:{line}", "not allowed")


def test_the_reload_subprocess_is_limited_in_memory(rules, monkeypatch):
    """ROUTEWIJZER_RELOAD_MEMORY_MB bounds the subprocess that validates a reload: a rulebook that needs
    more is refused and the old one keeps serving."""
    monkeypatch.setenv("ROUTEWIJZER_ADMIN_TOKEN", TOKEN)
    monkeypatch.setenv("ROUTEWIJZER_RELOAD_MEMORY_MB", "24")  # too little for any Python with the rulebook
    client = create_app().test_client()
    before = client.get("/v1/health").json["rulebook"]
    meta = rules / "rulebook.yaml"
    meta.write_text(re.sub(r'(?m)^version: .*$', 'version: "2099.05.05"', meta.read_text(encoding="utf-8")),
                    encoding="utf-8")
    r = client.post("/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, f"a reload with 24 MiB: {r.status_code} {r.json}"
    assert any("24 MiB" in p for p in r.json["errors"]["rules"]), r.json
    assert client.get("/v1/health").json["rulebook"] == before
