"""Access logs, metrics, request ids and security headers: everything operations sees.

Privacy first: a log line or a metric carries ids, versions, status codes, timings and route ids, and
never a request body, a query string, a header value other than the request id, or an incident field.
Paths are logged as their route rule (``/v1/decisions``), unknown paths as ``unmatched``.

Metrics use prometheus_client; under gunicorn (several processes) its multiprocess mode is switched on
by ``PROMETHEUS_MULTIPROC_DIR``, which ``gunicorn_conf.py`` sets to a fresh directory before any
worker starts, and ``/metrics`` then adds up the files of every worker. Every label value comes from a
fixed set (methods outside the standard ones count as ``other``, paths as their route rule), so no
client can grow the number of series. At low traffic the per-route counters tell single decisions
apart: ``/metrics`` can be put behind a token (``ROUTEWIJZER_METRICS_TOKEN``) or moved to a port of
its own (``ROUTEWIJZER_METRICS_PORT``, served by the gunicorn master; the app's ``/metrics`` is then 404).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid

from flask import Flask, current_app, g, request
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000",
    "Cache-Control": "no-store",
}
# For JSON and text; a page (text/html) sets its own policy, or gets only frame-ancestors.
API_CSP = "default-src 'none'; frame-ancestors 'none'"
PAGE_CSP = "frame-ancestors 'none'"

# Label values from the request are mapped to fixed sets: a client cannot add series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})


def method_label(method: str) -> str:
    return method if method in METHODS else "other"


class _Metrics:
    def __init__(self):
        self.requests = Counter("routewijzer_http_requests_total", "HTTP requests", ["method", "endpoint", "status"])
        self.latency = Histogram(
            "routewijzer_http_request_duration_seconds", "HTTP request latency", ["endpoint", "status"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.decisions = Counter("routewijzer_decisions_total", "Routes offered in decisions", ["route"])
        self.engine_errors = Counter("routewijzer_engine_errors_total", "Decisions the engine failed on")
        self.engine_rebuilds = Counter("routewijzer_engine_rebuilds_total", "Engines rebuilt after a failure")
        self.reloads = Counter("routewijzer_rule_reloads_total", "Rule reloads (validated in a subprocess)",
                               ["result"])
        self.swaps = Counter("routewijzer_rulebook_swaps_total", "Rulebooks swapped in by a worker process")
        self.admin_failures = Counter("routewijzer_admin_auth_failures_total",
                                      "Admin requests refused for a missing or wrong token")


METRICS = _Metrics()


def metrics_text() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest()


class JsonFormatter(logging.Formatter):
    """One JSON object per line; only the fields we put there on purpose."""

    FIELDS = ("event", "request_id", "method", "endpoint", "status", "duration_ms", "decision_id",
              "rulebook_version", "rulebook_digest")

    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
               "level": record.levelname.lower(), "logger": record.name, "pid": record.process,
               "message": record.getMessage()}
        for name in self.FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                out[name] = value
        return json.dumps(out, ensure_ascii=False)


def configure_logging(level: str | None = None) -> None:
    """JSON lines on stderr for the ``routewijzer`` loggers (once per process)."""
    logger = logging.getLogger("routewijzer")
    if any(getattr(h, "_routewijzer", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler._routewijzer = True
    logger.addHandler(handler)
    logger.setLevel((level or os.environ.get("LOG_LEVEL", "info")).upper())


access_log = logging.getLogger("routewijzer.access")


def install(app: Flask) -> None:
    """Request ids, timing, the access log, metrics and security headers for every response."""
    configure_logging()

    @app.before_request
    def _start():
        g.started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex

    @app.after_request
    def _finish(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        else:
            response.headers.setdefault("Content-Security-Policy", API_CSP)
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers["X-Request-ID"] = request_id
        started = g.get("started")
        elapsed = time.perf_counter() - started if started is not None else 0.0
        endpoint = request.url_rule.rule if request.url_rule is not None else "unmatched"
        status = str(response.status_code)
        METRICS.requests.labels(method=method_label(request.method), endpoint=endpoint, status=status).inc()
        METRICS.latency.labels(endpoint=endpoint, status=status).observe(elapsed)
        ref = g.get("rulebook")
        if ref is None:
            service = current_app.extensions.get("routewijzer")
            ref = service.decider.rulebook_ref if service is not None else {}
        access_log.info(
            "request", extra={
                "event": "access", "request_id": request_id, "method": method_label(request.method), "endpoint": endpoint,
                "status": response.status_code, "duration_ms": round(elapsed * 1000, 3),
                "decision_id": g.get("decision_id"), "rulebook_version": ref.get("version"),
                "rulebook_digest": ref.get("digest"),
            },
        )
        return response
