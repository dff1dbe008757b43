"""A bare endpoint for the benchmark only: the cost of a request without the decision.

POST /v1/_bench/parse parses and validates the body exactly as POST /v1/decisions does (same JSON
parsing, same IncidentSchema, same language negotiation) and answers a small JSON object. bench/http.py
compares the throughput of decisions with this one. It is registered only when the app is built with
``BENCH_ENDPOINTS`` set (env ``ROUTEWIJZER_BENCH_ENDPOINTS=1``), which only the benchmark does: it does
not exist in production, and it is not in the OpenAPI document.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from .api import language, read_incident

bp = Blueprint("bench", __name__)
ENV_FLAG = "ROUTEWIJZER_BENCH_ENDPOINTS"


@bp.post("/v1/_bench/parse")
def parse_only():
    incident, _, error = read_incident()
    if error is not None:
        return error
    response = jsonify({"valid": True, "fields": len(incident)})
    response.headers["Content-Language"] = language()
    return response
