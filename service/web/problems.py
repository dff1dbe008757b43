"""RFC 9457 problem details: every error the API returns is one of these.

Titles and field messages follow the request's ``Accept-Language`` (Dutch by default), like every
other text; the messages come from one catalogue (schemas/messages.py).
"""

from __future__ import annotations

from flask import has_request_context, jsonify, request

from routewijzer.schemas.messages import TITLES, translate

PROBLEM_JSON = "application/problem+json"
BASE = "urn:routewijzer:problem:"

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


def request_language() -> str:
    """nl (the default) or en, from Accept-Language."""
    if not has_request_context():
        return "nl"
    return request.accept_languages.best_match(["nl", "en"], default="nl") or "nl"


def problem(status: int, detail: str, errors: dict | None = None, headers: dict | None = None,
            kind: str | None = None, title: str | None = None):
    lang = request_language()
    default_title = TITLES.get(status, {}).get(lang, "Error")
    body = {"type": BASE + (kind or TYPES.get(status, "error")), "title": title or default_title,
            "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = translate(errors, lang)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    response.headers["Content-Language"] = lang
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def flatten_errors(messages, prefix: str = "") -> dict[str, list]:
    """marshmallow's nested messages as {"field": [...], "content_types.0": [...]} (messages kept as raised)."""
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
                out.setdefault(prefix or "_schema", []).append(m)
    else:
        out.setdefault(prefix or "_schema", []).append(messages)
    return out
