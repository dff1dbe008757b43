"""The reverse proxy the README recommends (deploy/nginx/), in front of the real server.

nginx is Debian's (`make test` installs it when missing). The configuration is the repository's, with
only the addresses and the log path changed to the test's.
"""

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import LiveClient
from servers import free_port, start_server

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.slow


def nginx_prefix(tmp: Path, listen: int, upstream: int) -> Path:
    shutil.copytree(DEPLOY / "snippets", tmp / "snippets")
    site = (DEPLOY / "routewijzer.conf").read_text(encoding="utf-8")
    for old, new in (("listen 80;", f"listen 127.0.0.1:{listen};"),
                     ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
                     ("/var/log/nginx/routewijzer.log", str(tmp / "access.log"))):
        assert old in site, old
        site = site.replace(old, new)
    (tmp / "routewijzer.conf").write_text(site, encoding="utf-8")
    (tmp / "nginx.conf").write_text(
        f"user root;\nworker_processes 1;\ndaemon off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n  client_body_temp_path {tmp}/body;\n  proxy_temp_path {tmp}/proxy;\n"
        f"  fastcgi_temp_path {tmp}/fcgi;\n  uwsgi_temp_path {tmp}/uwsgi;\n  scgi_temp_path {tmp}/scgi;\n"
        "  include routewijzer.conf;\n}\n", encoding="utf-8")
    return tmp


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    upstream = tmp_path_factory.mktemp("upstream")
    shutil.copytree(ROOT / "rules", upstream / "rules")
    server = start_server(upstream, upstream / "rules", ROUTEWIJZER_WATCH_INTERVAL="0")
    port = free_port()
    prefix = nginx_prefix(tmp_path_factory.mktemp("nginx"), port, server.port)
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    yield base, prefix
    proc.terminate()
    proc.wait(timeout=20)
    server.stop()


def test_decisions_pass_the_proxy_and_metrics_do_not(proxied):
    base, prefix = proxied
    client = LiveClient(base)
    r = client.request("POST", "/v1/decisions", json.dumps({"content_types": ["threat"]}).encode(),
                       {"Content-Type": "application/json", "X-Request-ID": "via-proxy-1"})
    assert r.status == 200 and r.headers["x-request-id"] == "via-proxy-1"
    assert client.request("GET", "/metrics").status == 404
    time.sleep(0.5)
    log = (prefix / "access.log").read_text(encoding="utf-8")
    assert "via-proxy-1" in log and "127.0.0.1" not in log and "/v1/decisions" not in log


def test_a_client_with_too_many_open_connections_gets_a_429_problem(proxied):
    base, _ = proxied
    port = int(base.rsplit(":", 1)[1])
    held = []
    try:
        for _ in range(10):  # each has sent its head, and waits with its body unsent
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(b"POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 30\r\n\r\n")
            held.append(s)
        time.sleep(0.5)
        r = LiveClient(base).request("GET", "/v1/health")
        assert r.status == 429 and r.headers["content-type"] == "application/problem+json"
        assert r.body["status"] == 429 and r.headers["x-frame-options"] == "DENY" and r.headers["retry-after"]
    finally:
        for s in held:
            s.close()
    time.sleep(0.5)
    assert LiveClient(base).request("GET", "/v1/health").status == 200
