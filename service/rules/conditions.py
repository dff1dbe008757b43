"""The condition language of the rule files, and its two back ends.

A legal expert writes a condition as a YAML mapping (``when:``). Every key is a fact, every value what
the fact must be; several keys must all hold; ``any:`` and ``all:`` nest. This module parses that into a
small tree, expands it into disjunctive normal form over *aliases* (one alias per fact the engine
joins: the incident itself, or one derived fact), and renders each conjunct

* as durable-rules JSON (the production engine), and
* as a Python predicate (the reference evaluator used for the differential test).

Both back ends read the same expanded form, so they cannot disagree on what a rule means.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from typing import Any

from .vocabulary import INPUT_FIELDS

INCIDENT = "incident"  # the alias (and fact type) of the incident itself
MAX_DNF = 16  # a condition that expands into more conjuncts than this is rejected: split the rule

OPS = {
    "not": "neq",
    "below": "lt",
    "at_most": "lte",
    "above": "gt",
    "at_least": "gte",
}
_DURABLE_OP = {"lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte", "neq": "$neq"}


class ConditionError(ValueError):
    """A condition that cannot be compiled; ``path`` locates it inside the ``when:`` mapping."""

    def __init__(self, message: str, path: tuple = ()):
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Atom:
    attr: str  # engine attribute: an input field, a content flag, a day number, or "v" of a derived fact
    op: str  # eq neq lt lte gt gte ex nex
    value: Any
    alias: str  # INCIDENT or the name of a derived fact
    fact: str  # the name the expert wrote (for explanations)

    def holds(self, facts: dict) -> bool:
        if self.op == "nex":
            return self.attr not in facts
        if self.attr not in facts:
            return False
        actual = facts[self.attr]
        if self.op == "ex":
            return True
        if self.op == "eq":
            return actual == self.value
        if self.op == "neq":
            return actual != self.value
        if self.op == "lt":
            return actual < self.value
        if self.op == "lte":
            return actual <= self.value
        if self.op == "gt":
            return actual > self.value
        return actual >= self.value  # gte

    def durable(self) -> dict:
        if self.op == "eq":
            return {self.attr: self.value}
        if self.op in ("ex", "nex"):
            return {"$" + self.op: {self.attr: 1}}
        return {_DURABLE_OP[self.op]: {self.attr: self.value}}

    def atoms(self) -> Iterable[Atom]:
        yield self


@dataclass(frozen=True)
class All:
    children: tuple

    def holds(self, facts: dict) -> bool:
        return all(c.holds(facts) for c in self.children)

    def durable(self) -> dict:
        return {"$and": [c.durable() for c in self.children]}

    def atoms(self):
        for c in self.children:
            yield from c.atoms()


@dataclass(frozen=True)
class Any_:
    children: tuple

    def holds(self, facts: dict) -> bool:
        return any(c.holds(facts) for c in self.children)

    def durable(self) -> dict:
        return {"$or": [c.durable() for c in self.children]}

    def atoms(self):
        for c in self.children:
            yield from c.atoms()


def _aliases(node) -> set:
    return {a.alias for a in node.atoms()}


def day_number(value: _dt.date | str) -> int:
    """A date as the integer YYYYMMDD: durable-rules compares numbers, not dates."""
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value)
    return value.year * 10000 + value.month * 100 + value.day


# ---------------------------------------------------------------------------------------------------
# Parsing


class Parser:
    """Turns a YAML ``when:`` mapping into a condition tree, checking every name against the vocabulary.

    ``derived`` maps each derived fact to its allowed values (strings).
    """

    def __init__(self, derived: dict[str, tuple]):
        self.derived = derived

    def parse(self, when: Any, path: tuple = ()) -> Any:
        if when is None:
            return All(())
        if not isinstance(when, dict):
            raise ConditionError("a condition must be a mapping of facts to values", path)
        parts = []
        for key, value in when.items():
            p = path + (key,)
            if key in ("any", "all"):
                if not isinstance(value, list) or not value:
                    raise ConditionError(f"'{key}' takes a non-empty list of conditions", p)
                subs = tuple(self.parse(v, p + (i,)) for i, v in enumerate(value))
                parts.append(Any_(subs) if key == "any" else All(subs))
            else:
                parts.append(self._fact(key, value, p))
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def _fact(self, name: str, value: Any, path: tuple):
        if name in ("as_of", "incident_date"):
            return self._date(name, value, path)
        if name in INPUT_FIELDS:
            spec = INPUT_FIELDS[name]
            if spec["kind"] == "set":
                return self._set(name, spec, value, path)
            if spec["kind"] == "number":
                return self._number(name, value, path)
            return self._enum(name, name, INCIDENT, spec["values"], value, path)
        if name in self.derived:
            return self._enum(name, "v", name, self.derived[name], value, path)
        raise ConditionError(f"unknown fact '{name}'", path)

    @staticmethod
    def _text(v: Any) -> Any:
        if isinstance(v, bool):
            return "true" if v else "false"
        return v

    def _enum(self, fact, attr, alias, allowed, value, path):
        op = "eq"
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) != "not":
                raise ConditionError(f"'{fact}' takes a value, a list of values or {{not: ...}}", path)
            op, value = "neq", value["not"]
        values = value if isinstance(value, list) else [value]
        if not values:
            raise ConditionError(f"'{fact}' needs at least one value", path)
        values = [self._text(v) for v in values]
        for v in values:
            if v not in allowed:
                raise ConditionError(
                    f"'{v}' is not a value of '{fact}' (allowed: {', '.join(map(str, allowed))})", path
                )
        atoms = tuple(Atom(attr, op, v, alias, fact) for v in values)
        if len(atoms) == 1:
            return atoms[0]
        return All(atoms) if op == "neq" else Any_(atoms)

    def _set(self, fact, spec, value, path):
        mode = "includes"
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("includes", "includes_all", "excludes"):
                raise ConditionError(
                    f"'{fact}' takes a list of values, or one of includes / includes_all / excludes", path
                )
            mode, value = next(iter(value.items()))
        values = value if isinstance(value, list) else [value]
        if not values:
            raise ConditionError(f"'{fact}' needs at least one value", path)
        for v in values:
            if v not in spec["values"]:
                raise ConditionError(f"'{v}' is not a value of '{fact}'", path)
        want = "false" if mode == "excludes" else "true"
        atoms = tuple(Atom(member_flag(fact, v), "eq", want, INCIDENT, fact) for v in values)
        if len(atoms) == 1:
            return atoms[0]
        return Any_(atoms) if mode == "includes" else All(atoms)

    def _date(self, fact, value, path):
        if isinstance(value, dict) and len(value) == 1:
            (word, day), = value.items()
            if word in ("before", "on_or_after"):
                try:
                    n = day_number(day if isinstance(day, _dt.date) else str(day))
                except ValueError:
                    n = None
                if n is not None:
                    attr = "incident_day" if fact == "incident_date" else "as_of_day"
                    return Atom(attr, "lt" if word == "before" else "gte", n, INCIDENT, fact)
        raise ConditionError(f"'{fact}' takes {{before: YYYY-MM-DD}} or {{on_or_after: YYYY-MM-DD}}", path)

    def _number(self, fact, value, path):
        if value == "unknown":
            return Atom(fact, "nex", None, INCIDENT, fact)
        if value == "known":
            return Atom(fact, "ex", None, INCIDENT, fact)
        if isinstance(value, dict) and len(value) == 1:
            (word, n), = value.items()
            if word in OPS and word != "not" and isinstance(n, int) and not isinstance(n, bool):
                return Atom(fact, OPS[word], n, INCIDENT, fact)
        raise ConditionError(
            f"'{fact}' takes unknown, known, or one of below / at_most / above / at_least with a number",
            path,
        )


def flag(content_type: str) -> str:
    """The engine attribute that says whether the incident includes a content type."""
    return member_flag("content_types", content_type)


def member_flag(field: str, member: str) -> str:
    """The engine attribute that says whether a set field (content_types, goals) includes a member."""
    return INPUT_FIELDS[field]["prefix"] + member


def set_member(attr: str) -> tuple[str, str] | None:
    """(field, member) for an engine attribute made by member_flag, else None."""
    for name, spec in INPUT_FIELDS.items():
        if spec["kind"] == "set" and attr.startswith(spec["prefix"]) and attr[len(spec["prefix"]):] in spec["values"]:
            return name, attr[len(spec["prefix"]):]
    return None


def date_window(clock: str, valid_from, valid_until) -> list:
    """Atoms restricting a rule to [valid_from, valid_until) on the given clock."""
    attr = "incident_day" if clock == "incident_date" else "as_of_day"
    out = []
    if valid_from is not None:
        out.append(Atom(attr, "gte", day_number(valid_from), INCIDENT, clock))
    if valid_until is not None:
        out.append(Atom(attr, "lt", day_number(valid_until), INCIDENT, clock))
    return out


# ---------------------------------------------------------------------------------------------------
# Expansion


def dnf(node) -> list[list]:
    """Disjunctive normal form, keeping every subtree that concerns one alias as one term.

    durable-rules can say "or" inside one fact ($or) but not across facts, so only disjunctions that
    span the incident and a derived fact (or two derived facts) multiply into separate engine rules.
    """
    if len(_aliases(node)) <= 1:
        return [[node]]
    if isinstance(node, All):
        out = [[]]
        for child in node.children:
            out = [a + b for a, b in product(out, dnf(child))]
        return out
    if isinstance(node, Any_):
        return [conj for child in node.children for conj in dnf(child)]
    return [[node]]  # pragma: no cover - an atom has one alias


def group(conjunct: list) -> dict[str, list]:
    """A conjunct's terms by alias, incident first, then derived facts in name order."""
    by: dict[str, list] = {}
    for term in conjunct:
        aliases = _aliases(term)
        if not aliases:  # an empty "all": always true
            continue
        (alias,) = aliases
        by.setdefault(alias, []).append(term)
    if not by:
        by[INCIDENT] = []
    return dict(sorted(by.items(), key=lambda kv: (kv[0] != INCIDENT, kv[0])))


def durable_conjunct(grouped: dict[str, list]) -> list:
    """The ``all`` list of one durable-rules rule: one alias per joined fact; a fresh list on every call
    (registration mutates it).

    Equalities go first inside each alias: the engine shares and prunes on the most selective test.
    """
    return json.loads(_durable_json(_key(grouped)))


def durable_conjunct_shared(grouped: dict[str, list]) -> list:
    """durable_conjunct, the same list for every call with the same condition: only to be read."""
    return _durable_shared(_key(grouped))


def _key(grouped: dict[str, list]) -> tuple:
    return tuple((alias, tuple(terms)) for alias, terms in grouped.items())


@functools.lru_cache(maxsize=65536)
def _durable_shared(grouped: tuple) -> list:
    return json.loads(_durable_json(grouped))


@functools.lru_cache(maxsize=65536)
def _durable_json(grouped: tuple) -> str:
    """durable_conjunct as JSON, made once per condition: the compiler's packing (network.py) models
    every candidate ruleset anew and asks for the same conditions again and again (at ten times
    today's rulebook, this sorting was half of the compile time)."""
    out = []
    for i, (alias, terms) in enumerate(grouped):
        tests = [{"t": alias}] + sorted((t.durable() for t in flat(terms)), key=_test_order)
        name = "i" if alias == INCIDENT else f"d{i}"
        out.append({name: {"$and": tests}})
    return json.dumps(out, ensure_ascii=False)


def flat(terms):
    """The terms of a conjunct without nested "all" groups: what durable-rules tests one after the other."""
    for t in terms:
        if isinstance(t, All):
            yield from flat(t.children)
        else:
            yield t


def _test_order(test: dict):
    """A canonical order of the tests inside one alias: equalities first (they prune and are shared
    by many rules), then disjunctions, then comparisons; alphabetical within each, so that rules
    with the same leading tests share alpha nodes in the engine."""
    (key,) = test
    rank = 2 if key.startswith("$") and key != "$or" else (1 if key == "$or" else 0)
    return (rank, json.dumps(test, sort_keys=True))


def holds(grouped: dict[str, list], incident: dict, derived: dict[str, set]) -> bool:
    """Python twin of :func:`durable_conjunct`: each derived alias binds one fact (one value)."""
    for alias, terms in grouped.items():
        if alias == INCIDENT:
            if not all(t.holds(incident) for t in terms):
                return False
        else:
            if not any(all(t.holds({"v": v}) for t in terms) for v in derived.get(alias, ())):
                return False
    return True


# ---------------------------------------------------------------------------------------------------
# Compiled Python predicates (the same semantics as Atom.holds and holds above, without interpretation)

_MISSING = object()


def python_expr(node, var: str) -> str:
    """Python source for a condition term, evaluated on the dict named ``var`` (Atom.holds semantics)."""
    if isinstance(node, Atom):
        a, v = repr(node.attr), repr(node.value)
        if node.op == "nex":
            return f"({a} not in {var})"
        if node.op == "ex":
            return f"({a} in {var})"
        if node.op == "eq":
            return f"({var}.get({a}, _M) == {v})"
        py = {"neq": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}[node.op]
        return f"({a} in {var} and {var}[{a}] {py} {v})"
    if isinstance(node, All):
        return "(" + " and ".join(python_expr(c, var) for c in node.children) + ")" if node.children else "True"
    if isinstance(node, Any_):
        return "(" + " or ".join(python_expr(c, var) for c in node.children) + ")" if node.children else "False"
    raise TypeError(f"not a condition term: {node!r}")  # pragma: no cover


def compile_python(source: str):
    """Evaluate generated source (built by python_expr from parsed conditions only, never from input)."""
    return eval(source, {"_M": _MISSING})


def compile_function(source: str, name: str):
    """The function ``name`` defined by generated source (built from parsed conditions only)."""
    scope = {"_M": _MISSING}
    exec(source, scope)
    return scope[name]


def predicate_source(grouped: dict[str, list]) -> str:
    """A Python expression over ``f`` (the incident) and ``d`` (derived fact -> values) that is true
    exactly when ``holds(grouped, f, d)`` is."""
    parts = []
    for alias, terms in grouped.items():
        if alias == INCIDENT:
            parts.extend(python_expr(t, "f") for t in terms)
        else:
            body = " and ".join(python_expr(t, "dv") for t in terms) or "True"
            parts.append(f"any({body} for x in d.get({alias!r}, ()) for dv in ({{'v': x}},))")
    return " and ".join(parts) or "True"


def predicate(grouped: dict[str, list]):
    """``pred(fact, derived) -> bool``, equal to ``holds(grouped, fact, derived)``, compiled once."""
    return compile_python("lambda f, d: " + predicate_source(grouped))

