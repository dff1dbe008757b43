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


def changed_fact(fact: dict, incident: dict, changed: dict) -> dict:
    """engine_fact(changed), made from engine_fact(incident) = ``fact``: only the fields that differ
    (what-if answers change one field, and what it implies)."""
    out = dict(fact)
    for name in INPUT_FIELDS:
        value = changed.get(name)
        if value != incident.get(name):
            _attrs(name, value, out)
    return out


def field_attrs(name: str) -> frozenset:
    """The engine attributes an answer to ``name`` can change: its own, and those of the fields it implies."""
    names = {name, *IMPLIES.get(name, ())}
    if name == "victim_age":
        names.add("age_when_made")  # its default
    out: set = set()
    for n in names:
        flags = _FLAGS.get(n)
        out.update(attr for _, attr in flags) if flags else out.add(n)
    return frozenset(out)


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
