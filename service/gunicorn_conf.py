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

import os
import shutil
import signal
import tempfile

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads keep a slow client from holding a whole process; decisions are serialised per process by
# the engine's lock anyway (durable-rules holds the GIL): scale with workers. The worker is gthread
# reading each request before a thread takes it (GUNICORN_READ_TIMEOUT, default 10 s), answering its
# own refusals as problem+json (ops/worker.py).
worker_class = "routewijzer.ops.worker.GuardedWorker"
logger_class = "routewijzer.ops.worker.JsonLogger"  # gunicorn's lines as JSON, no client address
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


def _shared_dir(variable: str, prefix: str) -> None:
    if not os.environ.get(variable):
        path = tempfile.mkdtemp(prefix=prefix)
        _private_dirs.append(path)
        os.environ[variable] = path


# Shared by the master and its workers, set here, before gunicorn loads the worker and logger classes:
# prometheus_client chooses its multiprocess mode when it is first imported.
_shared_dir("ROUTEWIJZER_STATE_DIR", "routewijzer-state-")
_shared_dir("PROMETHEUS_MULTIPROC_DIR", "routewijzer-metrics-")


def on_starting(server):
    """Before any worker: publish the rules (a broken rulebook stops the server here)."""
    from routewijzer.ops.reload import RulebookStore, timeout_from_env
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
                          timeout_from_env())
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
