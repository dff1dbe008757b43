"""Why a route is offered or excluded: ``POST /v1/decisions?explain=true``.

For every route in the answer and every exclusion (and, for the plan, which ordering rules placed each
step: see :func:`plan_explanations`), the rules about that route (is it relevant, does
each requirement hold or fail, which version of a legal basis is in force, which obstacle applies)
with, per rule, whether it fired, the file and line it was written at, and each condition it tests with
the input value that decided it. The rules are evaluated with the reference evaluator, which the
differential test keeps equal to the engine; the answer itself is not changed.
"""

from __future__ import annotations

from ..rules.compiler import Compiled, CompiledRule
from ..rules.conditions import INCIDENT, member_flag, set_member
from ..rules.vocabulary import INPUT_FIELDS
from . import plan
from .firing import Firing
from .incident import engine_fact
from .reference import evaluate

_EFFECT = {"relevant": "relevant", "holds": "requirement_holds", "fails": "requirement_fails",
           "version": "in_force", "obstacle": "obstacle"}
_PLAN_EFFECT = {"step": "step", "order": "order"}
_AGE_OPS = {"lt": "below", "lte": "at_most", "gt": "above", "gte": "at_least", "ex": "known", "nex": "unknown"}


def _day(n: int) -> str:
    return f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"


def _condition(atom, fact: dict, firing: Firing) -> dict:
    """One tested condition, in the words of the rule files, with the value that decided it."""
    if atom.alias != INCIDENT:
        actual = sorted(firing.derived.get(atom.alias, ()))
        held = any(atom.holds({"v": v}) for v in actual)
        return {"fact": atom.fact, "test": "is" if atom.op == "eq" else "is_not", "value": atom.value,
                "actual": actual, "held": held}
    held = atom.holds(fact)
    member = set_member(atom.attr)
    if member is not None:
        name, value = member
        return {"fact": name, "test": "includes" if atom.value == "true" else "excludes", "value": value,
                "actual": [v for v in INPUT_FIELDS[name]["values"] if fact.get(member_flag(name, v)) == "true"],
                "held": held}
    if atom.attr in ("incident_day", "as_of_day"):
        return {"fact": "incident_date" if atom.attr == "incident_day" else "as_of",
                "test": "before" if atom.op == "lt" else "on_or_after", "value": _day(atom.value),
                "actual": _day(fact[atom.attr]), "held": held}
    if atom.op in _AGE_OPS:
        return {"fact": atom.fact, "test": _AGE_OPS[atom.op], "value": atom.value,
                "actual": fact.get(atom.attr), "held": held}
    return {"fact": atom.fact, "test": "is" if atom.op == "eq" else "is_not", "value": atom.value,
            "actual": fact.get(atom.attr), "held": held}


def _rule(rules: list[CompiledRule], fact: dict, firing: Firing) -> dict:
    first = rules[0]
    conditions, seen = [], set()
    for atom in first.tree.atoms() if first.tree is not None else ():
        key = (atom.attr, atom.op, atom.value, atom.alias)
        if key not in seen:
            seen.add(key)
            conditions.append(_condition(atom, fact, firing))
    kind, element, *rest = first.effect
    out = {"rule": first.id, "effect": {**_EFFECT, **_PLAN_EFFECT}[kind], "element": element,
           "fired": any(r.name in firing.fired for r in rules), "file": first.file, "line": first.line,
           "conditions": conditions}
    if kind in ("holds", "fails"):
        out["requirement"] = rest[0]
    if kind == "fails":
        out["reason"] = rest[1]
    if kind == "obstacle":
        out["obstacle"] = rest[0]
    if kind == "version":
        out["version"] = rest[0]
    return out


def explanations(compiled: Compiled, incident: dict) -> dict[str, dict]:
    """Route id -> its explanation, for every route that has rules."""
    fact = engine_fact(incident)
    firing = evaluate(compiled, fact)
    by_route: dict[str, dict[str, list]] = {}
    for r in compiled.rules:
        if r.effect[0] not in _EFFECT:
            continue
        route = r.effect[1].split("/", 1)[0]
        by_route.setdefault(route, {}).setdefault(r.id, []).append(r)
    return {route: {"rules": [_rule(rules, fact, firing) for rules in by_id.values()]}
            for route, by_id in by_route.items()}


def plan_explanations(compiled: Compiled, incident: dict, routes: list[dict]) -> dict[str, dict]:
    """Plan step id -> the rules that put it in the plan (general steps) and the ordering rules that
    placed it after other steps, each with the steps it put first and after them."""
    fact = engine_fact(incident)
    firing = evaluate(compiled, fact)
    general = plan.fired(compiled, firing, "step")
    present = sorted(general) + [r["id"] for r in routes]
    before = plan.placements(compiled, firing, present)
    out = {}
    for s in present:
        entries = []
        if s in general:
            rules = [r for r in compiled.rules if r.effect == ("step", s)]
            entries.append(_rule(rules, fact, firing))
        for oid in dict.fromkeys(o for _, o in before[s]):
            rules = [r for r in compiled.rules if r.effect == ("order", oid)]
            entry = _rule(rules, fact, firing)
            entry["first"] = [a for a, o in before[s] if o == oid]
            entry["then"] = [b for b in present if any(o == oid for _, o in before[b])]
            entries.append(entry)
        out[s] = {"rules": entries}
    return out


def add_explanations(compiled: Compiled, incident: dict, answer: dict) -> dict:
    """Add ``explanation`` to every route, exclusion and plan step of ``answer`` (in place; returns it)."""
    found = explanations(compiled, incident)
    for entry in answer.get("routes", []) + answer.get("not_applicable", []):
        entry["explanation"] = found.get(entry["id"], {"rules": []})
    placed = plan_explanations(compiled, incident, answer.get("routes", []))
    for step in answer.get("plan", []):
        step["explanation"] = placed.get(step["id"], {"rules": []})
    return answer
