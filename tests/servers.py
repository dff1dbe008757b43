"""Real gunicorn servers for the slow tests, as `make run` starts them: each its own master on a free
loopback port, its own state directory, its log in a file; stopped by its own pid."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import LiveClient

ROOT = Path(__file__).resolve().parent.parent
# The package's own factory (routewijzer.create_app), as stable across releases as the package name.
APP = "routewijzer:create_app()"
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: str, proc: subprocess.Popen, log: Path, rules: Path, token: str | None):
        self.base, self.proc, self.log, self.rules, self.token = base, proc, log, rules, token
        self.client = LiveClient(base)

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def get(self, path: str):
        return self.client.request("GET", path)

    def decide(self, incident: dict, headers: dict | None = None, lang: str = "nl"):
        h = {"Content-Type": "application/json", "Accept-Language": lang, **(headers or {})}
        return self.client.request("POST", "/v1/decisions", json.dumps(incident).encode(), h)

    def reload(self):
        return self.client.request("POST", "/v1/admin/reload", b"", {"Authorization": f"Bearer {self.token}"})

    def log_entries(self) -> list[dict]:
        out = []
        for line in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("{"):
                out.append(json.loads(line))
        return out

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def start_server(workdir: Path, rules: Path, token: str | None = None, **env_extra: str) -> Server:
    """gunicorn with service/gunicorn_conf.py serving ``rules``; returns once /v1/ready answers."""
    log = workdir / "server.log"
    port = free_port()
    env = dict(os.environ, PORT=str(port), ROUTEWIJZER_RULES=str(rules), **env_extra)
    if token:
        env["ROUTEWIJZER_ADMIN_TOKEN"] = token
    for k in ("ROUTEWIJZER_STATE_DIR", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(k, None)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [GUNICORN, "-c", "service/gunicorn_conf.py", APP], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/v1/ready", timeout=1)
            return Server(base, proc, log, rules, token)
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(log.read_text()) from None
            time.sleep(0.2)
    proc.kill()
    proc.wait(timeout=10)
    raise AssertionError("gunicorn did not come up:\n" + log.read_text())
