"""gunicorn settings and hooks; every number can be overridden from the environment.

Environment: HOST, PORT, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS (threads per worker),
GUNICORN_TIMEOUT, GUNICORN_GRACEFUL_TIMEOUT, LOG_LEVEL, ROUTEWIJZER_RULES (rules directory),
ROUTEWIJZER_ADMIN_TOKEN (turns on POST /v1/admin/reload; 32 characters at least),
ROUTEWIJZER_RELOAD_TIMEOUT (seconds), ROUTEWIJZER_METRICS_TOKEN, ROUTEWIJZER_METRICS_PORT,
ROUTEWIJZER_METRICS_HOST (see web/metrics.py), ROUTEWIJZER_WATCH_INTERVAL (seconds between looks at the
rules directory; 0: off).

The master validates the rule files (in a subprocess) and publishes the first generation before any
worker starts; a broken rulebook stops the server here, with its path:line problems. SIGHUP to the
master reloads the rule files the same way (instead of gunicorn's restart of the workers, which would
let a broken rulebook stop workers from booting): every worker switches on its next request. A thread
of the master watches the rules directory and sends that SIGHUP when the files change (ops/watch.py).
"""

import json
import os
import shutil
import signal
import tempfile

import gunicorn.util

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads keep a slow client from holding a whole process; decisions are serialised per process by
# the engine's lock anyway (durable-rules holds the GIL): scale with workers.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
max_requests = 0
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn 23+ opens a control socket at one fixed path per user: two servers on one machine (tests,
# several checkouts) would take it from each other. Not used here.
control_socket_disable = True
accesslog = None  # the app writes its own structured access log without request bodies
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")

_private_dirs: list[str] = []


def _problem_error(sock, status_int, reason, mesg):
    """gunicorn's own error answers (414, 431, 400 before the app sees the request; 500 when a worker
    fails to write) as problem+json like every other error, without echoing the request line."""
    body = json.dumps({"type": f"urn:routewijzer:problem:http-{status_int}", "title": reason,
                       "status": status_int, "detail": "The server could not read this HTTP request."}).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n"
            f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n")
    gunicorn.util.write_nonblock(sock, head.encode("latin-1") + body)


# gunicorn has no setting for the body of these answers: its workers call util.write_error.
gunicorn.util.write_error = _problem_error


def on_starting(server):
    """Before any worker: shared directories for metrics and rule generations; publish the rules."""
    if not os.environ.get("ROUTEWIJZER_STATE_DIR"):
        path = tempfile.mkdtemp(prefix="routewijzer-state-")
        _private_dirs.append(path)
        os.environ["ROUTEWIJZER_STATE_DIR"] = path
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        path = tempfile.mkdtemp(prefix="routewijzer-metrics-")
        _private_dirs.append(path)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = path

    # Only now (prometheus_client picks its multiprocess mode when first imported):
    from routewijzer.ops.reload import RulebookStore
    from routewijzer.ops.watch import interval_from_env
    from routewijzer.web.admin import token_problem

    if reason := token_problem(os.environ.get("ROUTEWIJZER_ADMIN_TOKEN") or None):
        server.log.error("%s: not starting", reason)
        on_exit(server)
        raise SystemExit(1)
    try:
        server._routewijzer_watch_interval = interval_from_env()
    except ValueError as exc:
        server.log.error("%s", exc)
        on_exit(server)
        raise SystemExit(1) from None

    store = RulebookStore(os.environ["ROUTEWIJZER_STATE_DIR"], os.environ.get("ROUTEWIJZER_RULES"),
                          float(os.environ.get("ROUTEWIJZER_RELOAD_TIMEOUT", "20")))
    outcome = store.publish()
    if outcome.generation is None or outcome.problems:
        for p in outcome.problems:
            server.log.error("%s", p)
        server.log.error("the rulebook is broken: not starting")
        on_exit(server)
        raise SystemExit(1)
    server.log.info("rulebook %s (%s) published", outcome.generation.version, outcome.generation.digest)
    server._routewijzer_store = store


def _serve_metrics(server):
    """ROUTEWIJZER_METRICS_PORT: /metrics of every worker from the master, on a port of its own (the
    app's /metrics is then 404), for a scraper inside the cluster only."""
    port = os.environ.get("ROUTEWIJZER_METRICS_PORT")
    if not port:
        return
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    host = os.environ.get("ROUTEWIJZER_METRICS_HOST", os.environ.get("HOST", "127.0.0.1"))
    start_http_server(int(port), addr=host, registry=registry)
    server.log.info("metrics on http://%s:%s/metrics", host, port)


def when_ready(server):
    store = server._routewijzer_store
    _serve_metrics(server)

    def handle_hup():
        server.log.info("SIGHUP: validating the rule files")
        outcome = store.publish()
        if outcome.ok:
            server.log.info("rulebook %s published; workers switch on their next request",
                            outcome.generation.version)
        else:
            for p in outcome.problems:
                server.log.error("%s", p)
            server.log.error("rule reload refused; the old rulebook keeps serving")

    server.handle_hup = handle_hup

    # Replicas that share a rules directory (a ConfigMap volume) converge: the master watches it and
    # reloads through SIGHUP above when the files change. One watcher per server, never per worker.
    from routewijzer.ops.watch import Watcher

    def changed(digest):
        server.log.info("rule files changed (%s): reloading", digest)
        os.kill(server.pid, signal.SIGHUP)

    interval = server._routewijzer_watch_interval
    if interval > 0:
        server._routewijzer_watcher = Watcher(store.rules_dir, interval, changed, store.current().digest).start()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    for path in _private_dirs:
        shutil.rmtree(path, ignore_errors=True)
