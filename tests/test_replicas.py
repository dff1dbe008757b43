"""Two replicas on one rules directory converge on one rulebook without a restart (issue 13).

Two independent servers (each its own gunicorn master, state directory and free loopback port) serve
one rules directory laid out as a Kubernetes ConfigMap volume (tests/configmap_volume.py). Under load
from both, the files change by an atomic ``..data`` swap: each master's watcher notices and reloads
(the SIGHUP path of ops/reload.py), and both must serve the new digest within the watch interval plus a
few seconds, with no failed request. A broken change then leaves both on the old rulebook, ``degraded``.
"""

from __future__ import annotations

import threading
import time

import pytest
from configmap_volume import files_of, write_volume
from servers import ROOT, start_server

from routewijzer.rules.rulebook import digest_of

pytestmark = pytest.mark.slow

WATCH = 2.0  # ROUTEWIJZER_WATCH_INTERVAL of both replicas
# A look every WATCH seconds and one second for the files to settle; then each master validates the
# files in a subprocess (about 1 s of CPU: imports, compiling, the engine's stress corpus, a smoke
# decision) and each worker loads the new rulebook on its next request. On a quiet machine that is a few
# seconds; on this 2-core machine shared with other test runs (load average 10) the validation alone
# took 8-15 s. The bound allows for that; the time taken is in the failure message.
CONVERGED_WITHIN = WATCH + 1 + 20
INCIDENTS = [
    {"content_types": ["intimate_image", "personal_data"], "platform": "telegram", "victim_age": 16,
     "incident_date": "2024-03-01", "as_of": "2026-11-30"},
    {"content_types": ["threat"], "as_of": "2026-11-30"},
    {"content_types": ["extortion"], "victim_age": 15, "as_of": "2026-11-30"},
    {"content_types": ["defamation", "harassment"], "platform": "x", "as_of": "2026-11-30"},
]


def with_version(files: dict[str, str], version: str) -> dict[str, str]:
    lines = [f'version: "{version}"' if line.startswith("version:") else line
             for line in files["rulebook.yaml"].splitlines()]
    return {**files, "rulebook.yaml": "\n".join(lines) + "\n"}


class Load:
    """Client threads sending decisions to every replica until stopped (at most 120 s, 20,000 requests).

    Each thread pauses PAUSE seconds between requests: steady traffic that leaves the two cores of the
    machine room for the reload itself (unpaced, the clients would take all the CPU the reload needs).
    """

    PAUSE = 0.02

    def __init__(self, servers, per_server: int = 2):
        self.servers, self.stop_at = servers, time.time() + 120
        self.results: list[tuple[int, int | str, str | None]] = []  # (replica, status or error, digest)
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,)) for i in range(len(servers))
                         for _ in range(per_server)]

    def _run(self, i: int) -> None:
        n = 0
        while not self._stop.is_set() and time.time() < self.stop_at and len(self.results) < 20_000:
            try:
                r = self.servers[i].decide(INCIDENTS[n % len(INCIDENTS)])
                digest = r.body["rulebook"]["digest"] if r.status == 200 else None
                self.results.append((i, r.status, digest))
            except OSError as exc:  # a refused or reset connection is a failed request too
                self.results.append((i, type(exc).__name__, None))
            n += 1
            self._stop.wait(self.PAUSE)

    def __enter__(self) -> Load:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for t in self._threads:
            t.join()

    def failed(self) -> list:
        return [r for r in self.results if r[1] != 200]


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("replicas")
    volume = tmp / "rules"
    write_volume(volume, files_of(ROOT / "rules"))
    servers = []
    try:
        for name in ("a", "b"):
            (tmp / name).mkdir()
            servers.append(start_server(tmp / name, volume, WEB_CONCURRENCY="2", GUNICORN_THREADS="2",
                                        ROUTEWIJZER_WATCH_INTERVAL=str(WATCH)))
        yield volume, servers
    finally:
        for server in servers:
            server.stop()


def wait_for(servers, condition, within: float) -> float:
    """Seconds until ``condition(health)`` holds on every server; fails after ``within`` seconds."""
    start = time.time()
    while True:
        healths = [s.get("/v1/health").body for s in servers]
        if all(condition(h) for h in healths):
            return time.time() - start
        assert time.time() - start < within, f"not within {within:g} s: {healths}"
        time.sleep(0.1)


def digests_served(servers, n: int = 16) -> set:
    return {s.decide(INCIDENTS[i % len(INCIDENTS)]).body["rulebook"]["digest"] for s in servers for i in range(n)}


def test_both_replicas_serve_one_rulebook_to_start_with(replicas):
    volume, servers = replicas
    assert {s.get("/v1/health").body["rulebook"]["digest"] for s in servers} == {digest_of(volume)}
    assert servers[0].proc.pid != servers[1].proc.pid and servers[0].port != servers[1].port


def test_a_changed_configmap_reaches_both_replicas_under_load_without_a_failed_request(replicas):
    volume, servers = replicas
    old = digest_of(volume)
    with Load(servers) as load:
        time.sleep(1)
        write_volume(volume, with_version(files_of(ROOT / "rules"), "2099.01.01"))
        new = digest_of(volume)
        took = wait_for(servers, lambda h: h["rulebook"]["digest"] == new and h["status"] == "ok",
                        CONVERGED_WITHIN)
        time.sleep(1)
    assert new != old
    assert len(load.results) > 20, "the load reached the replicas"
    assert not load.failed(), f"{len(load.failed())} of {len(load.results)} requests failed: {load.failed()[:3]}"
    assert {d for _, _, d in load.results} <= {old, new}
    assert {i for i, _, d in load.results if d == new} == {0, 1}, "both answered with the new rulebook under load"
    assert digests_served(servers) == {new}, f"every worker of both replicas serves it ({took:.1f} s)"
    assert {s.get("/v1/health").body["rulebook"]["version"] for s in servers} == {"2099.01.01"}


def test_a_broken_change_leaves_both_on_the_old_rulebook_and_degraded(replicas):
    volume, servers = replicas
    good_files = files_of(volume)
    good = digest_of(volume)
    route = sorted(k for k in good_files if k.startswith("routes/"))[0]
    broken = {**with_version(good_files, "2099.02.02"), route: good_files[route] + "\n  broken: [\n"}
    with Load(servers) as load:
        time.sleep(1)
        write_volume(volume, broken)
        wait_for(servers, lambda h: h["status"] == "degraded", CONVERGED_WITHIN)
        time.sleep(WATCH + 1)  # a few more looks: a refused digest is not tried again and again
    assert not load.failed(), f"{len(load.failed())} of {len(load.results)} requests failed: {load.failed()[:3]}"
    assert {d for _, _, d in load.results} == {good}, "the old rulebook kept serving"
    for server in servers:
        health = server.get("/v1/health").body
        assert health["rulebook"]["digest"] == good and health["rulebook"]["version"] == "2099.01.01"
        assert any(p.startswith(f"rules/{route}:") for p in health["problems"]), health
    assert digests_served(servers) == {good}
    refused = [s.log.read_text(encoding="utf-8", errors="replace").count("rule reload refused") for s in servers]
    assert refused == [1, 1], "each master tried the broken files once"

    # Mending the files is a change like any other: both recover.
    write_volume(volume, good_files)
    wait_for(servers, lambda h: h["status"] == "ok" and h["rulebook"]["digest"] == good, CONVERGED_WITHIN)


def test_a_bad_watch_interval_stops_the_server_with_the_reason(tmp_path):
    with pytest.raises(AssertionError, match="ROUTEWIJZER_WATCH_INTERVAL must be a number of seconds"):
        start_server(tmp_path, ROOT / "rules", ROUTEWIJZER_WATCH_INTERVAL="soon")
