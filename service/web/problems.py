"""RFC 9457 problem details: every error the API returns is one of these."""

from __future__ import annotations

from flask import jsonify

PROBLEM_JSON = "application/problem+json"
BASE = "urn:routewijzer:problem:"

TITLES = {
    400: "Malformed request",
    401: "Unauthorized",
    404: "Not found",
    405: "Method not allowed",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid incident",
    500: "Internal error",
    503: "Service unavailable",
}
TYPES = {
    400: "malformed-json",
    401: "unauthorized",
    404: "not-found",
    405: "method-not-allowed",
    413: "body-too-large",
    415: "unsupported-media-type",
    422: "invalid-incident",
    500: "internal-error",
    503: "unavailable",
}


def problem(status: int, detail: str, errors: dict | None = None, headers: dict | None = None,
            kind: str | None = None, title: str | None = None):
    body = {"type": BASE + (kind or TYPES.get(status, "error")), "title": title or TITLES.get(status, "Error"),
            "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def flatten_errors(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"field": [...], "content_types.0": [...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = prefix if key == "_schema" else (f"{prefix}.{key}" if prefix else str(key))
            for k, v in flatten_errors(value, name).items():
                out.setdefault(k or "_schema", []).extend(v)
    elif isinstance(messages, list):
        for m in messages:
            if isinstance(m, (dict, list)):
                for k, v in flatten_errors(m, prefix).items():
                    out.setdefault(k, []).extend(v)
            else:
                out.setdefault(prefix or "_schema", []).append(str(m))
    else:
        out.setdefault(prefix or "_schema", []).append(str(messages))
    return out
