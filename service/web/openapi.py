"""The OpenAPI document, generated from the marshmallow schemas (never written by hand).

``routewijzer openapi`` prints it; ``openapi.yaml`` at the top of the repository is its committed
copy, and a test fails when the two differ. Every status the service or gunicorn in front of it can
answer is declared with the problem schema (``default`` stands for the rest: 404 for an unknown
path, 405 for another method), and so are the response headers; Redocly's and Spectral's default
rules pass (``make openapi-lint``, part of ``make test``).
"""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.yaml_utils import dict_to_yaml

from routewijzer.schemas import request as req
from routewijzer.schemas import response as res

from .. import __version__
from ..rules.consistency import ONLY_WITH


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


PROBLEM = {"application/problem+json": {"schema": _ref("schemas", "Problem")}}
HEADERS = {
    "X-Request-ID": {"description": "The request id sent (1-128 of A-Za-z0-9._:-), or a new one",
                     "schema": {"type": "string", "pattern": "^[A-Za-z0-9._:-]{1,128}$"}},
    "Content-Language": {"description": "The language of the texts: nl (default) or en",
                         "schema": {"type": "string", "enum": ["nl", "en"]}},
    "Retry-After": {"description": "Seconds to wait before trying again",
                    "schema": {"type": "integer", "minimum": 1}},
    "WWW-Authenticate": {"description": "The scheme to use: Bearer, with the realm",
                         "schema": {"type": "string"}},
}
EVERY_ANSWER = {"X-Request-ID": _ref("headers", "X-Request-ID")}
PROBLEM_HEADERS = {**EVERY_ANSWER, "Content-Language": _ref("headers", "Content-Language")}
# (name, status, description, extra headers)
PROBLEMS = [
    ("BadRequest", 400, "The request could not be read: a malformed request line or header, JSON or chunked "
     "body, or a query parameter out of its range", ()),
    ("Unauthorized", 401, "No or wrong token", ("WWW-Authenticate",)),
    ("NotFound", 404, "Not here: an endpoint that is switched off, or a rulebook that is not kept (any more)", ()),
    ("RequestTimeout", 408, "The request did not arrive within GUNICORN_READ_TIMEOUT seconds", ()),
    ("ContentTooLarge", 413, "The body is larger than 16 KiB", ()),
    ("UriTooLong", 414, "The request line is longer than 4094 bytes", ()),
    ("UnsupportedMediaType", 415, "The body is not application/json in UTF-8", ()),
    ("InvalidIncident", 422, "The incident is invalid or contradictory (errors: field -> messages)", ()),
    ("TooManyRequests", 429, "Too many wrong tokens in the last minute; wait Retry-After seconds", ("Retry-After",)),
    ("HeadersTooLarge", 431, "More than 100 headers, or one longer than 8190 bytes", ()),
    ("InternalError", 500, "The service could not answer this request", ()),
    ("Unavailable", 503, "Not ready, or the engine failed on this request; retry after Retry-After seconds",
     ("Retry-After",)),
]
STATUS = {status: name for name, status, _, _ in PROBLEMS}
# What any request can get from gunicorn or the app, whatever the operation.
ANY_REQUEST = (400, 408, 414, 431, 500)


def _problem(description: str, *extra: str) -> dict:
    headers = {**PROBLEM_HEADERS, **{h: _ref("headers", h) for h in extra}}
    return {"description": description, "headers": headers, "content": PROBLEM}


OTHER = {"description": "Any other error (404 for an unknown path, 405 for another method), as a problem",
         "headers": PROBLEM_HEADERS, "content": PROBLEM}


def _responses(ok: dict, *statuses: int, own: dict[int, dict] | None = None) -> dict:
    """200, the problems this operation can answer besides those of any request, and ``default``;
    ``own``: statuses this operation describes in its own words instead of the shared ones."""
    out = {"200": ok}
    for status in sorted(set(statuses) | set(ANY_REQUEST)):
        out[str(status)] = _ref("responses", STATUS[status])
    for status, response in (own or {}).items():
        out[str(status)] = response
    out["default"] = OTHER
    return out


def _ok(description: str, content: dict, language: bool = False) -> dict:
    headers = PROBLEM_HEADERS if language else EVERY_ANSWER
    return {"description": description, "headers": headers, "content": content}


def _json(schema) -> dict:
    return {"application/json": {"schema": schema}}


PUBLIC: list = []  # no authentication


def build_spec() -> APISpec:
    spec = APISpec(
        title="Routewijzer decision service",
        version=__version__,
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={
            "description": (
                "Decides which legal routes apply to an online-abuse incident in the Netherlands, which "
                "authority is competent for each, and which obstacles to expect. Contract v1.1."
            ),
            "contact": {"name": "Routewijzer maintainers"},
            "license": {"name": "Proprietary"},
        },
        servers=[{"url": "http://127.0.0.1:8000", "description": "make run on this machine (HOST, PORT)"}],
        tags=[{"name": "decisions", "description": "Which legal routes apply to an incident"},
              {"name": "operations", "description": "Health, readiness, metrics and this document"},
              {"name": "admin", "description": "For operators holding the admin token"}],
    )
    spec.components.schema("Incident", schema=req.IncidentSchema)
    spec.components.schema("Decision", schema=res.Decision)
    spec.components.schema("Health", schema=res.Health)
    spec.components.schema("Ready", schema=res.Ready)
    spec.components.schema("ReloadResult", schema=res.ReloadResult)
    spec.components.schema("Rulebooks", schema=res.Rulebooks)
    spec.components.schema("Problem", schema=res.Problem)
    for name, header in HEADERS.items():
        spec.components.header(name, header)
    for name, _status, description, extra in PROBLEMS:
        spec.components.response(name, _problem(description, *extra))
    spec.components.security_scheme("adminToken", {"type": "http", "scheme": "bearer",
                                                   "description": "the value of ROUTEWIJZER_ADMIN_TOKEN"})
    spec.components.security_scheme("metricsToken", {"type": "http", "scheme": "bearer",
                                                     "description": "the value of ROUTEWIJZER_METRICS_TOKEN, when set"})
    spec.path(
        path="/v1/decisions",
        operations={
            "post": {
                "summary": "Decide which legal routes apply to one incident.",
                "description": "One incident in, the routes out, with their authorities, obstacles and plan. "
                               "Texts in Dutch by default, English with Accept-Language: en.",
                "operationId": "decide",
                "tags": ["decisions"],
                "security": PUBLIC,
                "parameters": [
                    {"name": "Accept-Language", "in": "header", "required": False,
                     "schema": {"type": "string"}, "description": "nl (default) or en"},
                    {"name": "explain", "in": "query", "required": False,
                     "schema": {"type": "boolean", "default": False},
                     "description": "true: add an explanation to every route and exclusion"},
                    {"name": "rulebook", "in": "query", "required": False,
                     "schema": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                     "description": "replay: answer with this earlier rulebook (its digest, as an answer names "
                                    "it); GET /v1/rulebooks lists those kept"},
                ],
                "requestBody": {"required": True, "content": _json("Incident")},
                "responses": _responses(
                    _ok("The decision", _json("Decision"), language=True), 413, 415, 422, 503,
                    own={400: _problem("Malformed JSON or chunked body, explain is not true or false, or rulebook "
                                       "is not a digest (or any request gunicorn cannot read)"),
                         404: _problem("The rulebook asked for is not kept (any more)")}),
            }
        },
    )
    spec.path(
        path="/v1/rulebooks",
        operations={"get": {"summary": "The rulebooks this service keeps for replay, newest first.",
                            "operationId": "rulebooks",
                            "description": "Each with its version and digest; POST /v1/decisions?rulebook=<digest> "
                                           "answers with one of them.",
                            "tags": ["decisions"], "security": PUBLIC,
                            "responses": _responses(_ok("The rulebooks kept", _json("Rulebooks")))}},
    )
    spec.path(
        path="/v1/health",
        operations={"get": {"summary": "Liveness and the rulebook in use.", "operationId": "health",
                            "description": "ok, or degraded with the path:line problems of a refused reload.",
                            "tags": ["operations"], "security": PUBLIC,
                            "responses": _responses(_ok("Health", _json("Health")))}},
    )
    spec.path(
        path="/v1/ready",
        operations={"get": {"summary": "Readiness: a rulebook is loaded and its engine serves.", "operationId": "ready",
                            "description": "200 once a rulebook is in service, 503 before.",
                            "tags": ["operations"], "security": PUBLIC,
                            "responses": _responses(_ok("Ready", _json("Ready")), 503)}},
    )
    spec.path(
        path="/metrics",
        operations={"get": {
            "summary": "Prometheus metrics of every worker process.", "operationId": "metrics",
            "description": "Behind a bearer token when ROUTEWIJZER_METRICS_TOKEN is set; 404 when "
                           "ROUTEWIJZER_METRICS_PORT moves the metrics to a port of their own.",
            "tags": ["operations"], "security": [{}, {"metricsToken": []}],
            "responses": _responses(_ok("Prometheus text format", {"text/plain": {"schema": {"type": "string"}}}),
                                    401, 404)}},
    )
    spec.path(
        path="/v1/admin/reload",
        operations={"post": {
            "summary": "Reload the rule files: validated in a subprocess, then every worker switches.",
            "description": "Exists only when the server has ROUTEWIJZER_ADMIN_TOKEN: without it every request "
                           "is answered 404, like any unknown path, and the document this server serves "
                           "(/v1/openapi.json) leaves the operation out. With it, a request without the token "
                           "or with a wrong one is 401, and after 10 failures within a minute every admin request "
                           "is 429 until the minute has passed. A broken rule change is refused with its "
                           "path:line problems; the old rulebook keeps serving and /v1/health reports status "
                           "degraded.",
            "operationId": "reloadRules",
            "tags": ["admin"],
            "security": [{"adminToken": []}],
            "responses": _responses(
                _ok("The rulebook now in service", _json("ReloadResult")), 413, 429,
                own={401: _problem("No or wrong admin token (the server has one)", "WWW-Authenticate"),
                     404: _problem("The admin endpoint is off: the server has no ROUTEWIJZER_ADMIN_TOKEN"),
                     422: _problem("The rule files are broken (errors.rules: path:line problems)")}),
        }},
    )
    spec.path(
        path="/v1/openapi.json",
        operations={"get": {"summary": "This OpenAPI document.", "operationId": "openapi",
                            "description": "The document generated from the schemas (openapi.yaml); without an "
                                           "admin token on the server, without the admin operation.",
                            "tags": ["operations"], "security": PUBLIC,
                            "responses": _responses(_ok("OpenAPI 3.1 document", _json({"type": "object"})))}},
    )
    return spec


# Cross-field rules the service enforces (422) that the document states in words only: JSON Schema cannot
# compare one field's value with another's, and schemathesis (the contract test) cannot generate from the
# audience rule once it is combined with the content-type rules (jsonschema-rs gives up on the combination).
RELATIONS = {
    "age_when_made": "age_when_made is at most victim_age",
    "incident_date": "incident_date is not after as_of (as_of defaults to today, Europe/Amsterdam)",
    "audience": "audience public goes with group_closed false, the other known audiences with group_closed true",
}


def cross_field_rules() -> dict:
    """The contract's "only with" rules as JSON Schema ``dependentSchemas`` (OpenAPI 3.1), made from the
    declarations the request schema enforces (rules/consistency.py)."""
    return {"dependentSchemas": {
        name: {"required": ["content_types"],
               "properties": {"content_types": {"contains": {"enum": list(needed)}}}}
        for name, needed in ONLY_WITH.items()
    }}


def _finish(document: dict) -> dict:
    schemas = document["components"]["schemas"]
    incident = schemas["Incident"]
    incident.update(cross_field_rules())
    incident["description"] = (
        "One incident. " + ", ".join(ONLY_WITH) + " need a content type (dependentSchemas). Also enforced "
        "(422): " + "; ".join(RELATIONS.values()) + ".")
    # the derived facts are named by the rule files: typed, not listed
    schemas["Facts"]["additionalProperties"] = {"type": ["string", "boolean", "null"]}
    return document


ADMIN_PATH = "/v1/admin/reload"


def spec_dict(admin: bool = True) -> dict:
    """The document; ``admin=False``: as served by a server without an admin token (no admin operation)."""
    document = _finish(build_spec().to_dict())
    if not admin:
        document["paths"].pop(ADMIN_PATH)
    return document


def spec_yaml() -> str:
    return dict_to_yaml(spec_dict())
