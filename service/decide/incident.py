"""An incident as the engine sees it: one flat fact of strings and integers.

durable-rules coerces types ("true" equals true, "12" < 18 holds), so nothing reaches it that is not
a string from the vocabulary or an integer we produced ourselves.
"""

from __future__ import annotations

from ..rules.conditions import day_number, member_flag
from ..rules.consistency import contradictions, implied
from ..rules.vocabulary import INPUT_FIELDS


def tri(value) -> str:
    return "unknown" if value is None else ("true" if value else "false")


def engine_fact(incident: dict) -> dict:
    """The normalised request (after the request schema) as the flat fact the rules are written on."""
    fact: dict = {}
    for name, spec in INPUT_FIELDS.items():
        value = incident.get(name)
        kind = spec["kind"]
        if kind == "set":
            chosen = set(value or ())
            for member in spec["values"]:
                fact[member_flag(name, member)] = "true" if member in chosen else "false"
        elif kind == "number":
            if value is not None:
                fact[name] = int(value)
        elif value is None and "default" in spec:
            fact[name] = spec["default"]
        elif kind == "tristate":
            fact[name] = tri(value)
        else:
            fact[name] = value
    fact["incident_day"] = day_number(incident["incident_date"])
    fact["as_of_day"] = day_number(incident["as_of"])
    return fact


def with_value(incident: dict, field: str, value) -> dict | None:
    """A copy of the incident with one field answered (for what-if questions); None when that answer
    would contradict the rest of the incident (it is then never a possible answer)."""
    changed = dict(incident)
    changed[field] = value
    if field == "victim_age" and incident.get("age_when_made") is None:
        changed["age_when_made"] = value  # the contract: age_when_made defaults to victim_age
    if contradictions(changed):
        return None
    return implied(changed)
