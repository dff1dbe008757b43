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
    408: "request-timeout",
    413: "body-too-large",
    415: "unsupported-media-type",
    422: "invalid-incident",
    429: "too-many-requests",
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


# An error answer stays within a few KB whatever the input: a hostile body of 16 KiB must not buy a
# megabyte of messages (nor the time to build and send them).
MAX_FIELDS = 12  # fields named in one answer
MAX_MESSAGES = 3  # messages per field
MAX_NAME = 64  # characters of a field name (unknown fields are named as sent)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def flatten_errors(messages, prefix: str = "") -> dict[str, list]:
    """marshmallow's nested messages as {"field": [...], "content_types.0": [...]} (messages kept as
    raised), bounded: at most MAX_FIELDS fields with MAX_MESSAGES messages each, long names clipped.
    No message repeats the input, so none needs clipping."""
    out: dict[str, list[str]] = {}
    for name, message in _walk(messages, prefix):
        name = _clip(name or "_schema", MAX_NAME)
        if name not in out and len(out) >= MAX_FIELDS:
            break
        kept = out.setdefault(name, [])
        if len(kept) < MAX_MESSAGES:
            kept.append(message)
    return out


def _walk(messages, prefix: str):
    """(field, message) pairs of marshmallow's nested messages, lazily (the caller stops early)."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = prefix if key == "_schema" else (f"{prefix}.{key}" if prefix else str(key))
            yield from _walk(value, name)
    elif isinstance(messages, list):
        for m in messages:
            if isinstance(m, (dict, list)):
                yield from _walk(m, prefix)
            else:
                yield prefix, m
    else:
        yield prefix, messages
