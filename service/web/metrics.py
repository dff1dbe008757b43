"""GET /metrics: Prometheus metrics of every worker process.

At low traffic the per-route counters tell single decisions apart, so an operator can keep them from
the public: ``ROUTEWIJZER_METRICS_TOKEN`` asks for ``Authorization: Bearer <token>`` (Prometheus:
``authorization: {credentials_file: ...}``), ``ROUTEWIJZER_METRICS_PORT`` serves them from the gunicorn
master on a port of their own (``gunicorn_conf.py``) and this path answers 404.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from werkzeug.exceptions import NotFound

from routewijzer.schemas.messages import DETAILS

from ..ops.observability import metrics_text
from .problems import problem, request_language

bp = Blueprint("metrics", __name__)


def bearer_matches(authorization: str, token: str) -> bool:
    """``Authorization: Bearer <token>``, compared in constant time."""
    scheme, _, given = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode())


@bp.get("/metrics")
def metrics():
    """Prometheus metrics of every worker process."""
    if current_app.config.get("METRICS_PORT"):
        raise NotFound()  # answered like any unknown path
    token = current_app.config.get("METRICS_TOKEN")
    if token and not bearer_matches(request.headers.get("Authorization", ""), token):
        return problem(401, DETAILS["token_needed"][request_language()],
                       headers={"WWW-Authenticate": 'Bearer realm="routewijzer-metrics"'})
    return Response(metrics_text(), headers={"Content-Type": CONTENT_TYPE_LATEST})
