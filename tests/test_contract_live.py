"""Schemathesis, as a new user would run it, against the real server: every check, every phase.

gunicorn serves the app on a free port (with an admin token, so that POST /v1/admin/reload exists and
answers 401 without it); ``schemathesis run openapi.yaml --checks all`` then tests every operation of the
committed document, deterministically, and must find nothing. The only help it gets are the hooks in
tests/schemathesis_hooks.py: valid requests keep the cross-field rules the document states in words.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLES = os.environ.get("LIVE_FUZZ_EXAMPLES", "25")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    port = _free_port()
    env = dict(os.environ, PORT=str(port), WEB_CONCURRENCY="1", GUNICORN_THREADS="4",
               ROUTEWIJZER_ADMIN_TOKEN="live-contract-test-token-" + "x" * 16)
    for k in ("ROUTEWIJZER_STATE_DIR", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(k, None)
    log = tmp / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(BIN / "gunicorn"), "-c", "service/gunicorn_conf.py",
                                 "routewijzer.web.app:create_app()"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            urllib.request.urlopen(base + "/v1/ready", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise AssertionError("gunicorn did not come up:\n" + log.read_text()) from None
            time.sleep(0.3)
    yield base, tmp
    proc.terminate()
    proc.wait(timeout=60)


def test_schemathesis_with_every_check_finds_nothing_against_the_running_service(live):
    base, tmp = live
    env = dict(os.environ, SCHEMATHESIS_HOOKS="schemathesis_hooks",
               PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [str(BIN / "schemathesis"), "run", str(ROOT / "openapi.yaml"), "--url", base, "--checks", "all",
         "--max-examples", EXAMPLES, "--generation-deterministic", "--no-color",
         "--report", "junit", "--report-dir", str(tmp)],
        cwd=tmp, env=env, capture_output=True, text=True, timeout=1200, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    counts = re.search(r"(\d+) generated, (\d+) passed", done.stdout)
    assert counts and counts.group(1) == counts.group(2) and int(counts.group(1)) > 100, done.stdout[-3000:]
