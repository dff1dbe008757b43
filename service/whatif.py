"""missing_information without re-running the whole rulebook per candidate answer.

The question behind ``missing_information`` is: for a field the person did not answer, would some
answer change what they see of a route (its status, legal bases, obstacles or reasons)? The plain way
(``decision.missing_information``) evaluates every rule again for every candidate answer and
assembles every route. That is the yardstick, and the test suite checks that this module gives the
same list on every incident it draws. Here the same question is answered with four facts about the
compiled rules, each exact:

1. **Only dependent rules can change.** A rule can fire differently only if its condition reads an
   attribute that the answer changes, or a derived fact that such a rule derives (transitively). All
   other rules fire exactly as in the decision already made, so only the dependent ones are evaluated.
2. **Answers that no condition can tell apart are one answer.** Candidates are grouped by the truth
   of every condition atom on the changed attributes; one per group is evaluated, and a group that
   matches the current facts changes nothing at all.
3. **A route can only change if its own rules fire differently.** Route outcomes are a function of
   the fired rules of that route (see ``decision.assemble``), so only routes whose fired rules changed
   are assembled, and only to compare their outcome.
4. **Stratified evaluation.** Conditions on derived facts are existential over the values derived so
   far, so evaluating the rules that derive a fact before the rules that read it reaches the same
   fixpoint as the reference evaluator's repeated rounds, in one pass (a cyclic rulebook falls back to
   rounds). The conditions are compiled to Python predicates once per rulebook.
"""

from __future__ import annotations

from collections import defaultdict

from . import decision
from .compiler import Compiled, CompiledRule
from .conditions import INCIDENT, All, Any_, Atom
from .firing import Firing
from .incident import engine_fact, with_value

_MISSING = object()
_ROUTE_EFFECTS = ("relevant", "holds", "fails", "version", "obstacle")


def _expr(node, var: str) -> str:
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
        return "(" + " and ".join(_expr(c, var) for c in node.children) + ")" if node.children else "True"
    if isinstance(node, Any_):
        return "(" + " or ".join(_expr(c, var) for c in node.children) + ")" if node.children else "False"
    raise TypeError(f"not a condition term: {node!r}")  # pragma: no cover


def predicate(rule: CompiledRule):
    """``pred(fact, derived) -> bool``, equal to ``conditions.holds(rule.conjunct, fact, derived)``."""
    parts = []
    for alias, terms in rule.conjunct.items():
        if alias == INCIDENT:
            parts.extend(_expr(t, "f") for t in terms)
        else:
            body = " and ".join(_expr(t, "dv") for t in terms) or "True"
            parts.append(f"any({body} for x in d.get({alias!r}, ()) for dv in ({{'v': x}},))")
    source = "lambda f, d: " + (" and ".join(parts) or "True")
    return eval(source, {"_M": _MISSING})  # noqa: S307 - source built above from the compiled rulebook


def _reads(rule: CompiledRule) -> set:
    return {alias for alias in rule.conjunct if alias != INCIDENT}


def _incident_attrs(rule: CompiledRule) -> set:
    return {a.attr for t in rule.conjunct.get(INCIDENT, []) for a in t.atoms()}


def _writes(rule: CompiledRule) -> tuple:
    return tuple(rule.effect[1].items()) if rule.effect[0] == "derive" else ()


def _route(rule: CompiledRule) -> str | None:
    return rule.effect[1].split("/", 1)[0] if rule.effect[0] in _ROUTE_EFFECTS else None


class WhatIf:
    """Built once per compiled rulebook (inside the Decider); answers missing_information per decision."""

    def __init__(self, compiled: Compiled):
        self.compiled = compiled
        rules = compiled.rules
        self.pred = {r.name: predicate(r) for r in rules}
        self.writes = {r.name: _writes(r) for r in rules}
        self.route_of = {r.name: _route(r) for r in rules}
        self.order, self.cyclic = self._stratify(rules)
        self.readers_of_attr: dict[str, set] = defaultdict(set)
        self.readers_of_fact: dict[str, set] = defaultdict(set)
        self.atoms_on: dict[str, list] = defaultdict(list)
        for r in rules:
            for attr in _incident_attrs(r):
                self.readers_of_attr[attr].add(r.name)
            for fact in _reads(r):
                self.readers_of_fact[fact].add(r.name)
            for t in r.conjunct.get(INCIDENT, []):
                for a in t.atoms():
                    if a not in self.atoms_on[a.attr]:
                        self.atoms_on[a.attr].append(a)
        self.asks = {r.name: r.effect[1] for r in rules if r.effect[0] == "ask"}
        # A route with depends_on shares the outcome of another route (decision.assemble): when that
        # route's rules fire differently, the dependent route may change too (one level: the rulebook
        # has no chains of depends_on; the what-if test would catch one).
        self.dependents: dict[str, set] = defaultdict(set)
        for rid in compiled.book.meta["route_order"]:
            dep = compiled.book.routes[rid].data.get("depends_on")
            if dep is not None:
                self.dependents[dep].add(rid)
        self.candidates = {f: decision.question_candidates(compiled, f) for f in compiled.book.questions}
        self._plans: dict[frozenset, tuple] = {}

    @staticmethod
    def _stratify(rules: list) -> tuple[list, bool]:
        """Rule names in an order where every writer of a derived fact precedes its readers."""
        writers: dict[str, set] = defaultdict(set)
        for r in rules:
            for k, _ in _writes(r):
                writers[k].add(r.name)
        placed: set = set()
        order: list = []
        pending = list(rules)
        while pending:
            ready = [r for r in pending if all(w in placed for f in _reads(r) for w in writers[f])]
            if not ready:  # a cycle among derived facts: keep the rest in file order and iterate
                order.extend(r.name for r in pending)
                return order, True
            for r in ready:
                placed.add(r.name)
                order.append(r.name)
            pending = [r for r in pending if r.name not in placed]
        return order, False

    # -- evaluation ---------------------------------------------------------------------------------
    def _run(self, names: list, fact: dict, fired: set, derived: dict) -> None:
        """Fire ``names`` (in stratified order) on top of ``fired`` / ``derived``; both are updated."""
        pred, writes = self.pred, self.writes
        changed = True
        while changed:
            changed = False
            for name in names:
                if name in fired or not pred[name](fact, derived):
                    continue
                fired.add(name)
                changed = self.cyclic
                for k, v in writes[name]:
                    derived[k].add(v)

    def evaluate(self, fact: dict) -> Firing:
        """The whole rulebook on one fact: equal to reference.evaluate (see the differential test)."""
        fired: set = set()
        derived: dict = defaultdict(set)
        self._run(self.order, fact, fired, derived)
        return Firing(frozenset(fired), {k: frozenset(v) for k, v in derived.items()})

    def _plan(self, attrs: frozenset) -> tuple:
        """The rules that depend on ``attrs`` (transitively through derived facts), in order."""
        plan = self._plans.get(attrs)
        if plan is None:
            dep: set = set()
            todo = [n for a in attrs for n in self.readers_of_attr.get(a, ())]
            while todo:
                name = todo.pop()
                if name in dep:
                    continue
                dep.add(name)
                for k, _ in self.writes[name]:
                    todo.extend(self.readers_of_fact.get(k, ()))
            names = [n for n in self.order if n in dep]
            routes = {self.route_of[n] for n in dep} - {None}
            plan = self._plans[attrs] = (names, frozenset(dep), routes)
        return plan

    def _signature(self, attrs, fact: dict) -> tuple:
        return tuple(a.holds(fact) for attr in sorted(attrs) for a in self.atoms_on.get(attr, ()))

    # -- the question -------------------------------------------------------------------------------
    def affected_routes(self, incident: dict, base_fact: dict, firing: Firing, statuses_now: dict,
                        field: str) -> set:
        """The routes whose outcome some answer to ``field`` would change."""
        compiled = self.compiled
        affects: set = set()
        seen: set = set()
        by_route_now = None
        for value in self.candidates[field]:
            alt = engine_fact(with_value(incident, field, value))
            attrs = frozenset(k for k in base_fact.keys() | alt.keys()
                              if base_fact.get(k, _MISSING) != alt.get(k, _MISSING))
            if not attrs:
                continue
            signature = (attrs, self._signature(attrs, alt))
            if signature in seen or self._signature(attrs, base_fact) == signature[1]:
                continue  # no condition tells this answer apart from one already tried, or from now
            seen.add(signature)
            names, dep, routes = self._plan(attrs)
            fired = {n for n in firing.fired if n not in dep}
            derived: dict = defaultdict(set)
            for n in fired:
                for k, v in self.writes[n]:
                    derived[k].add(v)
            self._run(names, alt, fired, derived)
            if by_route_now is None:
                by_route_now = self._by_route(firing.fired)
            by_route_alt = self._by_route(fired)
            changed = {r for r in routes if by_route_alt.get(r) != by_route_now.get(r)}
            changed = (changed | {d for r in changed for d in self.dependents.get(r, ())}) - affects
            if not changed:
                continue
            alt_firing = Firing(frozenset(fired), {k: frozenset(v) for k, v in derived.items()})
            outcomes = decision.outcome_by_route(
                decision.assemble(compiled, alt_firing, decision.Texts(compiled, "en"), only=changed))
            affects.update(r for r in changed if outcomes.get(r) != statuses_now.get(r))
        return affects

    def _by_route(self, fired) -> dict:
        out: dict = defaultdict(set)
        route_of = self.route_of
        for n in fired:
            r = route_of[n]
            if r is not None:
                out[r].add(n)
        return out

    def missing_information(self, incident: dict, provided, firing: Firing, statuses_now: dict,
                            texts: decision.Texts, base_fact: dict | None = None) -> list:
        """Same list as ``decision.missing_information`` (fields in questions.yaml order)."""
        compiled = self.compiled
        base_fact = engine_fact(incident) if base_fact is None else base_fact
        asked = {field for name, field in self.asks.items() if name in firing.fired}
        order = compiled.book.meta["route_order"]
        out = []
        for field, item in compiled.book.questions.items():
            if field not in asked or field in provided:
                continue
            affects = self.affected_routes(incident, base_fact, firing, statuses_now, field)
            if affects:
                out.append({"field": field, "question": texts.t(item.data["question"]),
                            "affects": sorted(affects, key=order.index)})
        return out
