"""HTTP endpoints of API v1. Handlers stay thin: parsing and validation live in schemas."""

from __future__ import annotations

import json
import re
import uuid

from flask import Blueprint, current_app, g, jsonify, request
from gunicorn.http.errors import ParseException
from marshmallow import ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from routewijzer.schemas.messages import DETAILS, invalid_detail, say
from routewijzer.schemas.request import IncidentSchema

from ..ops.serving import RulebookNotKept
from .problems import flatten_errors, problem, request_language

bp = Blueprint("api", __name__)
_incident_schema = IncidentSchema()
MAX_DEPTH = 32
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")


class BadJson(ValueError):
    pass


def _reject_constant(name):
    raise BadJson(f"{name} is not valid JSON")


def _no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise BadJson(f"duplicate key '{k}'")
        out[k] = v
    return out


def _depth(value, limit=MAX_DEPTH) -> int:
    """How deep the value nests (stops counting past the limit); BadJson on a lone surrogate.

    json.loads accepts "\\ud800", which is no Unicode character: it would fail later, when the
    error message that names the field is encoded.
    """
    stack = [(value, 1)]
    deepest = 0
    while stack:
        v, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
            stack.extend((k, d) for k in v)
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
        elif isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                raise BadJson("a string holds a lone surrogate (\\ud800-\\udfff)") from None
    return deepest


def parse_json_body():
    """The request body as JSON, or a problem response (415 / 400)."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if request.mimetype != "application/json" or charset not in ("utf-8", "utf8"):
        return None, problem(415, "Send the incident as application/json in UTF-8.")
    try:
        raw = request.get_data(cache=False)
    except TimeoutError:  # the server's read deadline (gunicorn_conf.py): a client that stopped sending
        return None, problem(408, DETAILS["body_timeout"][request_language()])
    except (ParseException, OSError):  # a malformed chunked encoding, a connection cut short
        return None, problem(400, DETAILS["body_unreadable"][request_language()], kind="malformed-body")
    if request.content_length is None and len(raw) >= (request.max_content_length or len(raw) + 1):
        # A chunked body is cut at the limit without an error (werkzeug's LimitedStream): treat
        # reaching the limit as exceeding it, rather than parsing a truncated body.
        raise RequestEntityTooLarge()
    try:
        text = raw.decode("utf-8")
        if text.count("[") + text.count("{") > 10_000:
            raise BadJson("too many nested values")
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError:
        return None, problem(400, "The body is not valid UTF-8.")
    except RecursionError:
        return None, problem(400, "The JSON is nested too deeply.")
    except (BadJson, ValueError) as exc:
        return None, problem(400, f"The body is not valid JSON: {exc}")
    try:
        too_deep = _depth(value) > MAX_DEPTH
    except BadJson as exc:
        return None, problem(400, f"The body is not valid JSON: {exc}")
    if too_deep:
        return None, problem(400, "The JSON is nested too deeply.")
    return value, None


language = request_language


def read_incident():
    """The request's incident, validated: (incident, answered fields, None) or (None, None, problem)."""
    body, error = parse_json_body()
    if error is not None:
        return None, None, error
    if not isinstance(body, dict):
        return None, None, problem(422, DETAILS["not_json_object"][language()], {"_schema": [say("object")]})
    try:
        incident = _incident_schema.load(body)
    except ValidationError as exc:
        errors = flatten_errors(exc.messages)
        return None, None, problem(422, invalid_detail(errors, language()), errors)
    return incident, frozenset(k for k, v in body.items() if v != "unknown"), None


@bp.post("/v1/decisions")
def decide():
    """Decide which legal routes apply to one incident."""
    explain = request.args.get("explain", "false").lower()
    if explain not in ("true", "false"):
        return problem(400, "The parameter explain takes true or false.")
    explain = explain == "true"
    digest = request.args.get("rulebook")  # replay: answer with an earlier rulebook
    if digest is not None and not DIGEST.fullmatch(digest):
        return problem(400, DETAILS["rulebook_param"][language()], {"rulebook": [say("rulebook_digest")]})
    incident, provided, error = read_incident()
    if error is not None:
        return error
    service = current_app.extensions["routewijzer"]
    lang = language()
    try:
        return _answer(service, incident, lang, provided, explain, digest)
    except RulebookNotKept:
        return problem(404, DETAILS["rulebook_not_kept"][lang], kind="rulebook-not-kept")


def _answer(service, incident: dict, lang: str, provided: frozenset, explain: bool, digest: str | None):
    decision_id = g.decision_id = str(uuid.uuid4())
    if not explain:  # the cached answer, already encoded: only the decision_id is new
        encoded, rulebook = service.decide_json(incident, lang, provided, digest)
        g.rulebook = rulebook  # for the access log: the rulebook that answered
        body = b'{"decision_id":"' + decision_id.encode("ascii") + b'",' + encoded[1:] + b"\n"
        response = current_app.response_class(body, mimetype="application/json")
        response.headers["Content-Language"] = lang
        return response
    from ..decide.explain import add_explanations

    answer = service.decide(incident, lang, provided, digest)
    with service.lease(digest) as decider:  # explain with the rulebook that answered, even across a reload
        if decider.compiled.digest != answer["rulebook"]["digest"]:
            answer = decider.decide(incident, lang, provided)
        add_explanations(decider.compiled, incident, answer)
    g.rulebook = answer["rulebook"]  # for the access log: the rulebook that answered
    response = jsonify({"decision_id": decision_id, **answer})
    response.headers["Content-Language"] = lang
    return response


@bp.get("/v1/rulebooks")
def rulebooks():
    """The rulebooks this service keeps for replay, newest first."""
    service = current_app.extensions["routewijzer"]
    return jsonify({"rulebooks": service.rulebooks(), "keep": service.store.history.keep})


@bp.get("/v1/health")
def health():
    """Liveness and the rulebook in use."""
    service = current_app.extensions["routewijzer"]
    return jsonify(service.health())


@bp.get("/v1/ready")
def ready():
    """Readiness: 200 when a rulebook is loaded and its engine is serving."""
    service = current_app.extensions["routewijzer"]
    if not service.ready():
        return problem(503, "No rulebook is in service yet.")
    return jsonify({"status": "ready", "rulebook": service.decider.rulebook_ref})


@bp.get("/v1/openapi.json")
def openapi_json():
    """The OpenAPI document of this API."""
    from .openapi import spec_dict

    return jsonify(spec_dict(admin=bool(current_app.config.get("ADMIN_TOKEN"))))
