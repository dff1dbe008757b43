"""An incident as the engine sees it: one flat fact of strings and integers.

durable-rules coerces types ("true" equals true, "12" < 18 holds), so nothing reaches it that is not
a string from the vocabulary or an integer we produced ourselves.
"""

from __future__ import annotations

from ..rules.conditions import day_number, member_flag
from ..rules.consistency import IMPLIES, contradictions, implied
from ..rules.vocabulary import INPUT_FIELDS


def tri(value) -> str:
    return "unknown" if value is None else ("true" if value else "false")


# per set field: (member, engine attribute) pairs, computed once
_FLAGS = {name: tuple((m, member_flag(name, m)) for m in spec["values"])
          for name, spec in INPUT_FIELDS.items() if spec["kind"] == "set"}
# per request field: the engine attributes _attrs may set or remove
_FIELD_ATTRS = {name: tuple(attr for _, attr in _FLAGS[name]) if name in _FLAGS else (name,) for name in INPUT_FIELDS}


def _attrs(name: str, value, into: dict) -> None:
    """The engine attributes of one request field (a number that is not known has none)."""
    spec = INPUT_FIELDS[name]
    kind = spec["kind"]
    if kind == "set":
        chosen = value or ()
        for member, attr in _FLAGS[name]:
            into[attr] = "true" if member in chosen else "false"
    elif kind == "number":
        if value is None:
            into.pop(name, None)
        else:
            into[name] = int(value)
    elif value is None and "default" in spec:
        into[name] = spec["default"]
    elif kind == "tristate":
        into[name] = tri(value)
    else:
        into[name] = value


def engine_fact(incident: dict) -> dict:
    """The normalised request (after the request schema) as the flat fact the rules are written on."""
    fact: dict = {}
    for name in INPUT_FIELDS:
        _attrs(name, incident.get(name), fact)
    fact["incident_day"] = day_number(incident["incident_date"])
    fact["as_of_day"] = day_number(incident["as_of"])
    return fact


_ABSENT = object()


def changed_fact(fact: dict, incident: dict, changed: dict) -> tuple[dict, frozenset]:
    """engine_fact(changed), made from engine_fact(incident) = ``fact``: only the fields that differ
    (what-if answers change one field, and what it implies); with the attributes whose value (or
    presence) differs from ``fact``."""
    out = dict(fact)
    touched: list = []
    for name in INPUT_FIELDS:
        value = changed.get(name)
        if value != incident.get(name):
            _attrs(name, value, out)
            touched.extend(_FIELD_ATTRS[name])
    return out, frozenset(a for a in touched if out.get(a, _ABSENT) != fact.get(a, _ABSENT))


def field_attrs(name: str) -> frozenset:
    """The engine attributes an answer to ``name`` can change: its own, and those of the fields it implies."""
    names = {name, *IMPLIES.get(name, ())}
    if name == "victim_age":
        names.add("age_when_made")  # its default
    return frozenset(attr for n in names for attr in _FIELD_ATTRS[n])


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
