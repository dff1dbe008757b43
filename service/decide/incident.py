"""An incident as the engine sees it: one flat fact of strings and integers.

durable-rules coerces types ("true" equals true, "12" < 18 holds), so nothing reaches it that is not
a string from the vocabulary or an integer we produced ourselves.
"""

from __future__ import annotations

from ..rules.conditions import day_number, flag
from ..rules.vocabulary import CONTENT_TYPES

DEFAULTS = {
    "platform": "unknown",
    "platform_established": "unknown",
    "perpetrator": "unknown",
    "platform_response": "not_reported",
    "hate_ground": "none",
}


def tri(value) -> str:
    return "unknown" if value is None else ("true" if value else "false")


def engine_fact(incident: dict) -> dict:
    """The normalised request (after the request schema) as the flat fact the rules are written on."""
    fact: dict = {flag(ct): ("true" if ct in incident["content_types"] else "false") for ct in CONTENT_TYPES}
    for key, default in DEFAULTS.items():
        fact[key] = incident.get(key) or default
    fact["group_closed"] = tri(incident.get("group_closed"))
    fact["victim_in_crisis"] = "true" if incident.get("victim_in_crisis") else "false"
    for age in ("victim_age", "age_when_made"):
        if incident.get(age) is not None:
            fact[age] = int(incident[age])
    fact["incident_day"] = day_number(incident["incident_date"])
    fact["as_of_day"] = day_number(incident["as_of"])
    return fact


def with_value(incident: dict, field: str, value) -> dict:
    """A copy of the incident with one field answered (for what-if questions)."""
    changed = dict(incident)
    changed[field] = value
    if field == "victim_age" and incident.get("age_when_made") is None:
        changed["age_when_made"] = value  # the contract: age_when_made defaults to victim_age
    return changed
