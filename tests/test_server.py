"""The real server: gunicorn with the production config, as `make run` starts it."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = dict(os.environ, PORT=str(port), WEB_CONCURRENCY="2")
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "service/gunicorn_conf.py", "routewijzer.app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/v1/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stdout.read().decode())
            time.sleep(0.2)
    else:
        proc.kill()
        raise AssertionError("gunicorn did not come up")
    yield base
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.slow
def test_gunicorn_serves_health_and_decisions(server):
    with urllib.request.urlopen(server + "/v1/health", timeout=5) as r:
        assert json.load(r)["rulebook"]["version"]
    req = urllib.request.Request(
        server + "/v1/decisions", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"content_types": ["personal_data"], "platform": "telegram",
                         "incident_date": "2024-03-01"}).encode(),
    )
    with urllib.request.urlopen(req, timeout=5) as r:
        body = json.load(r)
    assert "criminal_complaint" in [x["id"] for x in body["routes"]]
