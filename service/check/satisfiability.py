"""Exact questions about compiled rules: can this rule ever fire? Can these two fire together?

Every compiled rule is a condition on the incident plus conditions on derived facts, and every derived
fact value is itself the disjunction of the rules that derive it. Unfolding the derived facts turns a
rule into a formula over the incident alone. The incident has a finite *abstract* input space: content
type flags and enums take their listed values, ages and dates only matter relative to the thresholds
the rules compare them with, so one representative per interval between thresholds is enough. A
depth-first search over that space with three-valued evaluation (unknown while a field is unassigned)
decides satisfiability exactly, and returns a witness incident when there is one.

The search also respects what the request schema guarantees: at least one content type, a hate ground
(an image origin, extortion details) only with the content types they need, ``audience`` and
``group_closed`` in agreement, ``age_when_made <= victim_age`` (and known when the victim's age is
known), ``incident_date <= as_of``, and the earliest dates the schema accepts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..rules import conditions as C
from ..rules.compiler import Compiled, CompiledRule
from ..rules.consistency import AUDIENCE_CLOSED, ONLY_WITH
from ..rules.vocabulary import CONTENT_TYPES, INPUT_FIELDS, NUMBER_FIELDS

TRUE = ("true",)
FALSE = ("false",)
ABSENT = "<unknown>"  # a number (an age, the audience size) that was not given
AGES = ("victim_age", "age_when_made")
DAYS = ("incident_day", "as_of_day")
MIN_DAY = {"incident_day": C.day_number("1990-01-01"), "as_of_day": C.day_number("2000-01-01")}
MAX_DAY = C.day_number("2100-01-01")


def _and(parts) -> tuple:
    parts = [p for p in parts if p is not TRUE]
    if any(p is FALSE for p in parts):
        return FALSE
    if not parts:
        return TRUE
    return parts[0] if len(parts) == 1 else ("and", tuple(parts))


def _or(parts) -> tuple:
    parts = [p for p in parts if p is not FALSE]
    if any(p is TRUE for p in parts):
        return TRUE
    if not parts:
        return FALSE
    return parts[0] if len(parts) == 1 else ("or", tuple(parts))


def _next_day(n: int) -> int:
    d = dt.date(n // 10000, n // 100 % 100, n % 100) + dt.timedelta(days=1)
    return C.day_number(d)


@dataclass
class Witness:
    """An abstract incident that makes a formula hold (only the fields that mattered)."""

    values: dict

    def __str__(self) -> str:
        out = []
        for name, spec in INPUT_FIELDS.items():
            if spec["kind"] == "set":
                chosen = [m for m in spec["values"] if self.values.get(C.member_flag(name, m)) == "true"]
                if chosen:
                    out.append(f"{name}=[" + ", ".join(chosen) + "]")
        for k, v in self.values.items():
            if C.set_member(k) is not None:
                continue
            if k in DAYS:
                v = f"{v // 10000:04d}-{v // 100 % 100:02d}-{v % 100:02d}"
                k = k.replace("_day", "_date") if k == "incident_day" else "as_of"
            out.append(f"{k}={'unknown' if v == ABSENT else v}")
        return ", ".join(out)


class Solver:
    def __init__(self, compiled: Compiled, extra: tuple = ()):
        """``extra``: condition trees (conditions.py) to be asked about besides the compiled rules; their
        thresholds join the input space."""
        self.compiled = compiled
        self.by_id: dict[str, list[CompiledRule]] = {}
        self.deriving: dict[tuple, list[CompiledRule]] = {}
        for r in compiled.rules:
            self.by_id.setdefault(r.id, []).append(r)
            if r.effect[0] == "derive":
                for k, v in r.effect[1].items():
                    self.deriving.setdefault((k, v), []).append(r)
        self._derived: dict[tuple, tuple] = {}
        self._vars: dict[int, tuple] = {}
        self.domains = self._domains([a for tree in extra for a in tree.atoms()])
        self.constraints = self._constraints()

    # -- formulas --------------------------------------------------------------------------------
    def tree(self, node) -> tuple:
        if isinstance(node, C.Atom):
            return ("atom", node)
        if isinstance(node, C.All):
            return _and([self.tree(c) for c in node.children])
        return _or([self.tree(c) for c in node.children])

    def derived(self, fact: str, value) -> tuple:
        key = (fact, value)
        if key not in self._derived:
            self._derived[key] = FALSE  # a cycle reads the value as not (yet) derived: least fixpoint
            self._derived[key] = _or([self.rule(r) for r in self.deriving.get(key, [])])
        return self._derived[key]

    def rule(self, r: CompiledRule) -> tuple:
        parts = []
        for alias, terms in r.conjunct.items():
            if alias == C.INCIDENT:
                parts.extend(self.tree(t) for t in terms)
            else:
                values = self.compiled.derived.get(alias, ())
                parts.append(_or([self.derived(alias, v) for v in values
                                  if all(t.holds({"v": v}) for t in terms)]))
        return _and(parts)

    def fires(self, rule_id: str) -> tuple:
        return _or([self.rule(r) for r in self.by_id.get(rule_id, [])])

    def effect(self, predicate) -> tuple:
        return _or([self.rule(r) for r in self.compiled.rules if predicate(r.effect)])

    # -- the input space -------------------------------------------------------------------------
    def _domains(self, extra_atoms: list) -> dict:
        # victim_age and age_when_made share their points: the schema compares them with each other
        points = {name: {0} for name in NUMBER_FIELDS}
        share = {name: (AGES if name in AGES else (name,)) for name in NUMBER_FIELDS}
        days = set(MIN_DAY.values())
        atoms = [a for r in self.compiled.rules for terms in r.conjunct.values() for t in terms for a in t.atoms()]
        for a in atoms + extra_atoms:
            if a.attr in points and a.op in ("lt", "gte", "lte", "gt"):
                for name in share[a.attr]:
                    points[name].add(a.value if a.op in ("lt", "gte") else a.value + 1)
            elif a.attr in DAYS and a.op in ("lt", "gte"):
                days.add(a.value)
            elif a.attr in DAYS and a.op in ("lte", "gt"):
                days.add(_next_day(a.value))
        out: dict = {}
        for name, spec in INPUT_FIELDS.items():
            if spec["kind"] == "set":
                out.update({C.member_flag(name, m): ("false", "true") for m in spec["values"]})
            elif spec["kind"] in ("enum", "tristate"):
                out[name] = tuple(spec["values"])
            else:
                out[name] = (ABSENT,) + tuple(sorted(p for p in points[name] if 0 <= p <= spec["max"]))
        for name in DAYS:
            out[name] = tuple(sorted(d for d in days if MIN_DAY[name] <= d <= MAX_DAY))
        return out

    def _constraints(self) -> tuple:
        some_content = _or([("atom", C.Atom(C.flag(ct), "eq", "true", C.INCIDENT, "content_types"))
                            for ct in CONTENT_TYPES])

        def atom(attr, value, fact):
            return ("atom", C.Atom(attr, "eq", value, C.INCIDENT, fact))

        only_with = [_or([atom(name, INPUT_FIELDS[name]["default"], name)]
                         + [atom(C.flag(ct), "true", "content_types") for ct in needed])
                     for name, needed in ONLY_WITH.items()]
        # after the schema: a known audience fixes group_closed, group_closed false means audience public
        audience = _or([_and([atom("audience", "unknown", "audience"), _or([atom("group_closed", "unknown", "group_closed"),
                                                                            atom("group_closed", "true", "group_closed")])])]
                       + [_and([atom("audience", a, "audience"),
                                atom("group_closed", "true" if closed else "false", "group_closed")])
                          for a, closed in AUDIENCE_CLOSED.items()])

        def ages_ok(va, am):
            if va == ABSENT:
                return True
            return am != ABSENT and am <= va

        return _and([some_content, *only_with, audience,
                     ("pred", AGES, ages_ok),
                     ("pred", DAYS, lambda i, a: i <= a)])

    # -- evaluation ------------------------------------------------------------------------------
    def variables(self, node) -> frozenset:
        key = id(node)
        hit = self._vars.get(key)
        if hit is None or hit[0] is not node:  # ids are reused once a node is gone: keep the node
            kind = node[0]
            if kind == "atom":
                out = frozenset([node[1].attr])
            elif kind == "pred":
                out = frozenset(node[1])
            elif kind in ("and", "or"):
                out = frozenset().union(*(self.variables(c) for c in node[1]))
            else:
                out = frozenset()
            self._vars[key] = (node, out)
            return out
        return hit[1]

    @staticmethod
    def evaluate(node, asg: dict, memo: dict):
        """True, False, or None (depends on unassigned fields)."""
        kind = node[0]
        if kind == "true":
            return True
        if kind == "false":
            return False
        key = id(node)
        if key in memo:
            return memo[key]
        if kind == "atom":
            a = node[1]
            if a.attr not in asg:
                out = None
            else:
                v = asg[a.attr]
                out = a.holds({} if v == ABSENT else {a.attr: v})
        elif kind == "pred":
            if all(x in asg for x in node[1]):
                out = bool(node[2](*(asg[x] for x in node[1])))
            else:
                out = None
        else:  # "and" / "or", three-valued: the absorbing value decides, otherwise unknown wins
            absorbing = kind == "or"  # False absorbs an "and", True absorbs an "or"
            out = not absorbing
            for c in node[1]:
                v = Solver.evaluate(c, asg, memo)
                if v is absorbing:
                    out = absorbing
                    break
                if v is None:
                    out = None
        memo[key] = out
        return out

    def solve(self, *formulas) -> Witness | None:
        """A witness incident for which every formula holds, or None when there is none."""
        goal = _and(list(formulas))
        if goal is FALSE:
            return None
        whole = _and([goal, self.constraints])
        first = sorted(self.variables(goal), key=lambda v: (len(self.domains[v]), v))
        rest = sorted(self.variables(self.constraints) - set(first), key=lambda v: (len(self.domains[v]), v))
        order = first + rest
        asg: dict = {}

        def search(i: int) -> bool:
            v = self.evaluate(whole, asg, {})
            if v is not None:
                return v
            var = order[i]
            for value in self.domains[var]:
                asg[var] = value
                if search(i + 1):
                    return True
                del asg[var]
            return False

        if not search(0):
            return None
        relevant = self.variables(goal)
        return Witness({k: v for k, v in asg.items() if k in relevant or (k.startswith("ct_") and v == "true")})
