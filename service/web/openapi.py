"""The OpenAPI document, generated from the marshmallow schemas (never written by hand).

``routewijzer openapi`` prints it; ``openapi.yaml`` at the top of the repository is its committed
copy, and a test fails when the two differ.
"""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.yaml_utils import dict_to_yaml

from routewijzer.schemas import request as req
from routewijzer.schemas import response as res

from .. import __version__
from ..rules.consistency import ONLY_WITH

PROBLEM = {"application/problem+json": {"schema": "Problem"}}


def _problem(description: str) -> dict:
    return {"description": description, "content": PROBLEM}


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
            )
        },
    )
    spec.components.schema("Incident", schema=req.IncidentSchema)
    spec.components.schema("Decision", schema=res.Decision)
    spec.components.schema("Health", schema=res.Health)
    spec.components.schema("Ready", schema=res.Ready)
    spec.components.schema("ReloadResult", schema=res.ReloadResult)
    spec.components.schema("Rulebooks", schema=res.Rulebooks)
    spec.components.schema("Problem", schema=res.Problem)
    spec.components.security_scheme("adminToken", {"type": "http", "scheme": "bearer",
                                                   "description": "the value of ROUTEWIJZER_ADMIN_TOKEN"})
    spec.path(
        path="/v1/decisions",
        operations={
            "post": {
                "summary": "Decide which legal routes apply to one incident.",
                "operationId": "decide",
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
                "requestBody": {"required": True, "content": {"application/json": {"schema": "Incident"}}},
                "responses": {
                    "200": {"description": "The decision", "content": {"application/json": {"schema": "Decision"}}},
                    "400": _problem("Malformed JSON, explain is not true or false, or rulebook is not a digest"),
                    "404": _problem("The rulebook asked for is not kept (any more)"),
                    "413": _problem("Body too large"),
                    "415": _problem("Not JSON"),
                    "422": _problem("Invalid or contradictory incident"),
                    "503": _problem("The engine failed on this request; retry"),
                },
            }
        },
    )
    spec.path(
        path="/v1/rulebooks",
        operations={"get": {"summary": "The rulebooks this service keeps for replay, newest first.",
                            "operationId": "rulebooks",
                            "responses": {"200": {"description": "The rulebooks kept",
                                                  "content": {"application/json": {"schema": "Rulebooks"}}}}}},
    )
    spec.path(
        path="/v1/health",
        operations={"get": {"summary": "Liveness and the rulebook in use.", "operationId": "health",
                            "responses": {"200": {"description": "Health",
                                                  "content": {"application/json": {"schema": "Health"}}}}}},
    )
    spec.path(
        path="/v1/ready",
        operations={"get": {"summary": "Readiness: a rulebook is loaded and its engine serves.", "operationId": "ready",
                            "responses": {"200": {"description": "Ready",
                                                  "content": {"application/json": {"schema": "Ready"}}},
                                          "503": _problem("Not ready")}}},
    )
    spec.path(
        path="/metrics",
        operations={"get": {"summary": "Prometheus metrics of every worker process.", "operationId": "metrics",
                            "responses": {"200": {"description": "Prometheus text format",
                                                  "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
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
            "security": [{"adminToken": []}],
            "responses": {
                "200": {"description": "The rulebook now in service",
                        "content": {"application/json": {"schema": "ReloadResult"}}},
                "401": dict(_problem("No or wrong admin token (the server has one)"),
                            headers={"WWW-Authenticate": {"description": "Bearer realm=\"routewijzer-admin\"",
                                                          "schema": {"type": "string"}}}),
                "404": _problem("The admin endpoint is off: the server has no ROUTEWIJZER_ADMIN_TOKEN"),
                "422": _problem("The rule files are broken (errors.rules: path:line problems)"),
                "429": dict(_problem("Too many wrong tokens in the last minute; try again after Retry-After"),
                            headers={"Retry-After": {"description": "seconds until admin requests are accepted",
                                                     "schema": {"type": "integer", "minimum": 1}}}),
            },
        }},
    )
    spec.path(
        path="/v1/openapi.json",
        operations={"get": {"summary": "This OpenAPI document.", "operationId": "openapi",
                            "responses": {"200": {"description": "OpenAPI 3 document",
                                                  "content": {"application/json": {"schema": {"type": "object"}}}}}}},
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
