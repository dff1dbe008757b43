"""HTTP throughput and latency against the real gunicorn server, decisions side by side with a bare
endpoint that only parses and validates the same requests with the same schema.

Two servers are started from service/gunicorn_conf.py (the production settings) with the bench-only
endpoint switched on: one with the decision cache as in production, one with
the cache off (every request does the whole decision). wrk (Debian package) sends the corpus of varied
incidents, rotating through it, at 16 and 64 connections; the endpoints are measured in alternation
(bare, decisions, decisions without cache, and again) so that a noisy machine affects them alike. The
CPU time the server's workers spent per request (from /proc) is recorded too: on a shared machine it is
the steadier measure of what a request costs, and its ratio says what throughput a dedicated machine
would reach.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from corpus import corpus

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"

LUA = """
bodies = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("POST", "%s", {["Content-Type"] = "application/json", ["Accept-Language"] = "nl"},
                    bodies[(counter %% #bodies) + 1])
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lua_string(text: str) -> str:
    assert "]]" not in text
    return "[[" + text + "]]"


def start_server(port: int, cache: str | None) -> subprocess.Popen:
    env = dict(os.environ, PORT=str(port), HOST="127.0.0.1", ROUTEWIJZER_BENCH_ENDPOINTS="1", LOG_LEVEL="warning")
    if cache is not None:
        env["ROUTEWIJZER_DECISION_CACHE"] = cache
    proc = subprocess.Popen([str(BIN / "gunicorn"), "-c", str(ROOT / "service" / "gunicorn_conf.py"),
                             "routewijzer.web.app:create_app()"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"gunicorn did not come up on port {port}")


def stop_server(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
_TICK = os.sysconf("SC_CLK_TCK")


def _workers(master: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                out.append(int(entry))
    return out


def server_cpu_seconds(master: int) -> float:
    """User + system CPU time of the server's worker processes so far."""
    total = 0
    for pid in _workers(master):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / _TICK


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * _UNITS[m.group(2)]


def run_wrk(url: str, script: Path, connections: int, seconds: int, master: int | None = None) -> dict:
    cpu0 = server_cpu_seconds(master) if master else 0.0
    with_script = ["-s", str(script)] if script is not None else []  # none: plain GET requests
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *with_script, url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    cpu = (server_cpu_seconds(master) - cpu0) if master else 0.0
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "requests": total,
            "server_cpu_us": cpu / max(total, 1) * 1e6,
            "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(1) if errors else ""}


def bench(seconds: int = 5, rounds: int = 2, levels=(16, 64), n_bodies: int = 1000) -> dict:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (make bench installs it with apt-get)")
    bodies = [json.dumps(b, separators=(",", ":")) for b in corpus(n_bodies)]
    ports = {"cache": _free_port(), "nocache": _free_port()}
    servers = {}
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        scripts = {}
        for name, path in (("bare", "/v1/_bench/parse"), ("decisions", "/v1/decisions")):
            scripts[name] = Path(tmp) / f"{name}.lua"
            scripts[name].write_text(LUA % (",\n".join(_lua_string(b) for b in bodies), path), encoding="utf-8")
        try:
            servers["cache"] = start_server(ports["cache"], None)
            servers["nocache"] = start_server(ports["nocache"], "0")
            base = {k: f"http://127.0.0.1:{p}" for k, p in ports.items()}
            cache, nocache = servers["cache"].pid, servers["nocache"].pid
            endpoints = [
                ("bare endpoint (parse + validate only)", base["cache"] + "/v1/_bench/parse", scripts["bare"], cache),
                ("health (GET /v1/health)", base["cache"] + "/v1/health", None, cache),
                ("decisions, cache as in production", base["cache"] + "/v1/decisions", scripts["decisions"], cache),
                ("decisions, cache off (every request decided)", base["nocache"] + "/v1/decisions",
                 scripts["decisions"], nocache),
            ]
            for label, url, script, _ in endpoints:  # warm up: imports, first decisions, the caches
                # the cached server sees the corpus a few times over, so that each worker holds it
                run_wrk(url, script, 64, 8 if "cache as in production" in label else 2)
            for conns in levels:
                for _ in range(rounds):
                    for label, url, script, master in endpoints:  # A B C A B C
                        results.setdefault((conns, label), []).append(
                            run_wrk(url, script, conns, seconds, master))
        finally:
            for proc in servers.values():
                stop_server(proc)
    from routewijzer import gunicorn_conf as conf

    server = f"{conf.workers} {conf.worker_class} workers" + (
        f" x {conf.threads} threads" if conf.worker_class == "gthread" else "")
    return {"seconds": seconds, "rounds": rounds, "bodies": n_bodies, "server": server, "runs": results}
