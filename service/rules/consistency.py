"""What the contract says about request fields together: which combinations contradict each other, and
what one field implies for another.

Declared once, as data, so that the request schema (422 with per-field messages), the what-if
questions (an answer that would contradict the incident is never tried) and the OpenAPI document
(JSON Schema ``dependentSchemas`` and ``if``/``then``) say the same thing.
"""

from __future__ import annotations

from .vocabulary import (
    AUDIENCES,
    EXTORTION_CONTENT_TYPES,
    HATE_CONTENT_TYPES,
    IMAGE_CONTENT_TYPES,
)

# A field that only makes sense with one of these content types (contract: "only with ...").
ONLY_WITH: dict[str, tuple] = {
    "hate_ground": HATE_CONTENT_TYPES,
    "image_origin": IMAGE_CONTENT_TYPES,
    "extortion_threat": EXTORTION_CONTENT_TYPES,
    "extortion_demand": EXTORTION_CONTENT_TYPES,
}

# audience and group_closed describe the same thing at two levels of detail (contract v1.1:
# public <=> group_closed false): the group_closed each known audience means.
AUDIENCE_CLOSED: dict[str, bool] = {a: a != "public" for a in AUDIENCES if a != "unknown"}


def contradictions(data: dict) -> dict[str, list[tuple[str, dict]]]:
    """Per field, why the incident contradicts itself, as (message kind, its values) for
    schemas/messages.py; empty when it does not. Dates are the schema's own."""
    errors: dict[str, list[tuple[str, dict]]] = {}
    for name in ("content_types", "goals"):
        values = data.get(name) or []
        if len(set(values)) != len(values):
            errors.setdefault(name, []).append(("unique", {}))
    cts = data.get("content_types") or []
    for name, needed in ONLY_WITH.items():
        if data.get(name) is not None and not set(cts) & set(needed):
            errors.setdefault(name, []).append(("only_with_content", {"values": needed}))
    audience, closed = data.get("audience"), data.get("group_closed")
    if audience in AUDIENCE_CLOSED and closed is not None and AUDIENCE_CLOSED[audience] != closed:
        errors.setdefault("audience", []).append(("must_agree", {"field": "group_closed"}))
    va, am = data.get("victim_age"), data.get("age_when_made")
    if va is not None and am is not None and am > va:
        errors.setdefault("age_when_made", []).append(("not_above", {"field": "victim_age"}))
    return errors


# The fields ``implied`` may fill in from each one.
IMPLIES: dict[str, tuple] = {"audience": ("group_closed",), "group_closed": ("audience",)}


def implied(data: dict) -> dict:
    """The incident with what its fields imply for one another filled in (in place; returned)."""
    audience, closed = data.get("audience"), data.get("group_closed")
    if closed is None and audience in AUDIENCE_CLOSED:
        data["group_closed"] = AUDIENCE_CLOSED[audience]
    elif closed is False and audience in (None, "unknown"):
        data["audience"] = "public"
    return data
