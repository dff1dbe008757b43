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
3. **A route can only change if its own rules fire differently,** or those of the route it
   ``depends_on``. Route outcomes are a function of those fired rules (see ``decision.assemble``), so
   only such routes are decided, from just those rules, and only to compare their outcome; that
   outcome is memoised per route under the set of those rules that fired (a bit mask), because the
   same route meets the same few patterns again and again, across fields, answers and incidents.
4. **Stratified evaluation.** Conditions on derived facts are existential over the values derived so
   far, so evaluating the rules that derive a fact before the rules that read it reaches the same
   fixpoint as the reference evaluator's repeated rounds, in one pass (a cyclic rulebook falls back to
   rounds). The conditions are compiled to Python predicates once per rulebook, and the dependent
   rules of each set of changed attributes to one Python function that fires them in that order.
5. **The answer is a function of a few condition atoms.** Which routes a field affects depends only
   on the truth of the incident atoms of its *cone*: the dependent rules, every rule of the routes they
   touch, and the rules deriving the facts those read. It is memoised under that truth vector (the
   input space is small and categorical), per WhatIf, so per Decider: a reload starts afresh.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from ..rules.compiler import Compiled, CompiledRule
from ..rules.conditions import INCIDENT, compile_function, compile_python, predicate_source, python_expr
from ..rules.conditions import predicate as conjunct_predicate
from . import decision
from .firing import Firing
from .incident import changed_fact, engine_fact, field_attrs, with_value

MEMO_SIZE = 8192
_UNSEEN = object()
_ROUTE_EFFECTS = ("relevant", "holds", "fails", "version", "obstacle")


def predicate(rule: CompiledRule):
    """``pred(fact, derived) -> bool``, equal to ``conditions.holds(rule.conjunct, fact, derived)``."""
    return conjunct_predicate(rule.conjunct)


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
        # route's rules fire differently, the dependent route may change too.
        self.dependents: dict[str, set] = defaultdict(set)  # route -> routes that depend on it
        self.targets: dict[str, set] = defaultdict(set)  # route -> the routes it depends on
        for rid in compiled.book.meta["route_order"]:
            dep = compiled.book.routes[rid].data.get("depends_on")
            if dep is not None:
                self.dependents[dep].add(rid)
                self.targets[rid].add(dep)
        for graph in (self.dependents, self.targets):  # transitively, should chains ever appear
            for rid in list(graph):
                todo = list(graph[rid])
                while todo:
                    nxt = todo.pop()
                    for more in graph.get(nxt, ()):
                        if more not in graph[rid]:
                            graph[rid].add(more)
                            todo.append(more)
        self.candidates = {f: decision.question_candidates(compiled, f) for f in compiled.book.questions}
        self.writers_of: dict[str, set] = defaultdict(set)
        for r in rules:
            for k, _ in _writes(r):
                self.writers_of[k].add(r.name)
        self.rules_of_route: dict[str, frozenset] = defaultdict(frozenset)
        for r in rules:
            if self.route_of[r.name] is not None:
                self.rules_of_route[self.route_of[r.name]] |= {r.name}
        # A route's outcome is a function of the fired rules of the route and of those it depends on:
        # those rules as a bit mask over the compiled rules (one bit per rule, at its position).
        self.bit = {r.name: 1 << i for i, r in enumerate(rules)}
        self.scope: dict[str, tuple] = {}  # route -> (bit mask, rule names) of what decides its outcome
        for rid in {*compiled.book.meta["route_order"], *self.rules_of_route}:
            names = self.rules_of_route[rid].union(*(self.rules_of_route[t] for t in self.targets.get(rid, ())))
            self.scope[rid] = (self.mask(names), names)
        self._route_memo: dict[tuple, tuple | None] = {}
        self._plans: dict[frozenset, tuple] = {}
        self._memo: dict[tuple, frozenset] = {}
        # Fields no route rule reads, directly or through what they imply (audience <-> group_closed,
        # victim_age -> age_when_made): no answer can change a route, so they are never tried.
        self.idle = {f for f in compiled.book.questions if not self._dependent(field_attrs(f))[2]}

    @cached_property
    def pred(self) -> dict:
        """Rule name -> its predicate (for ``evaluate`` and a cyclic rulebook; the what-if fires the
        dependent rules with the generated functions of ``_runner``)."""
        return {r.name: predicate(r) for r in self.compiled.rules}

    def mask(self, names) -> int:
        bit = self.bit
        out = 0
        for n in names:
            out |= bit[n]
        return out

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
    def _runner(self, names: list):
        """``fire(fact, derived) -> set``: the rules of ``names`` (stratified order) that fire on top of
        ``derived``, which it updates; one generated function, the rules' predicates inlined."""
        if self.cyclic:  # rounds to a fixpoint
            def fire(fact: dict, derived: dict) -> set:
                fired: set = set()
                self._run(names, fact, fired, derived)
                return fired

            return fire
        lines = ["def fire(f, d):", "    out = set()"]
        for name in names:
            lines.append(f"    if {predicate_source(self.compiled.by_name[name].conjunct)}:")
            lines.append(f"        out.add({name!r})")
            lines.extend(f"        d[{k!r}].add({v!r})" for k, v in self.writes[name])
        lines.append("    return out")
        return compile_function("\n".join(lines), "fire")

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

    def _dependent(self, attrs: frozenset) -> tuple[list, frozenset, set]:
        """The rules that depend on ``attrs`` (transitively through derived facts), in order and as a
        set, and the routes they touch."""
        dep: set = set()
        todo = [n for a in attrs for n in self.readers_of_attr.get(a, ())]
        while todo:
            name = todo.pop()
            if name in dep:
                continue
            dep.add(name)
            for k, _ in self.writes[name]:
                todo.extend(self.readers_of_fact.get(k, ()))
        return [n for n in self.order if n in dep], frozenset(dep), {self.route_of[n] for n in dep} - {None}

    def _plan(self, attrs: frozenset) -> tuple:
        """For the rules that depend on ``attrs``: a function that fires them (``_runner``); their names;
        the routes they touch; the truth vector (a compiled function of the fact) of the cone; the other
        rules that derive what they read; their mask. Made on first use (a worker's first decisions)."""
        plan = self._plans.get(attrs)
        if plan is None:
            names, dep, routes = self._dependent(attrs)
            read = {f for n in dep for f in _reads(self.compiled.by_name[n])}
            feeders = frozenset(w for f in read for w in self.writers_of.get(f, ()) if w not in dep)
            plan = (self._runner(names), dep, routes, self._cone_vector(dep, routes), feeders, self.mask(dep))
            self._plans[attrs] = plan
        return plan

    def _cone_vector(self, dep: set, routes: set):
        shown = set(routes)  # the routes whose outcome may change, and the routes those depend on
        shown |= {d for r in routes for d in self.dependents.get(r, ())}
        shown |= {t for r in shown for t in self.targets.get(r, ())}
        cone: set = set(dep)
        for r in shown:
            cone |= self.rules_of_route[r]
        todo = list(cone)
        while todo:
            rule = self.compiled.by_name[todo.pop()]
            for fact in _reads(rule):
                for w in self.writers_of.get(fact, ()):
                    if w not in cone:
                        cone.add(w)
                        todo.append(w)
        atoms: dict = {}  # ordered, without repeats
        for name in self.order:
            if name in cone:
                for t in self.compiled.by_name[name].conjunct.get(INCIDENT, []):
                    atoms.update(dict.fromkeys(t.atoms()))
        return compile_python("lambda f: (" + "".join(python_expr(a, "f") + ", " for a in atoms) + ")")

    def _signature(self, attrs, fact: dict) -> tuple:
        return tuple(a.holds(fact) for attr in sorted(attrs) for a in self.atoms_on.get(attr, ()))

    # -- the question -------------------------------------------------------------------------------
    def _outcomes(self, rids: set, fired_bits: int, base: frozenset, new: set) -> dict:
        """``decision.outcomes(...)`` of these routes (absent: not in the answer) when the rules
        ``base | new`` have fired (``fired_bits``: their mask); each from the memo when its pattern was
        seen before."""
        out, todo, memo = {}, [], self._route_memo
        for rid in rids:
            key = (rid, fired_bits & self.scope[rid][0])
            known = memo.get(key, _UNSEEN)
            if known is _UNSEEN:
                todo.append((rid, key))
            elif known is not None:
                out[rid] = known
        if todo:
            names = frozenset().union(*(self.scope[rid][1] for rid, _ in todo))
            mine = Firing((names & base) | (names & new), {})
            found = decision.outcomes(self.compiled, mine, only={r for r, _ in todo})
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            for rid, key in todo:
                memo[key] = known = found.get(rid)
                if known is not None:
                    out[rid] = known
        return out

    def affected_routes(self, incident: dict, base_fact: dict, firing: Firing, statuses_now: dict,
                        field: str, fired_bits: int | None = None) -> set:
        """The routes whose outcome some answer to ``field`` would change (``fired_bits``: the mask of
        ``firing.fired``, when the caller has it)."""
        alternatives, possible = [], []
        for value in self.candidates[field]:
            answered = with_value(incident, field, value)
            if answered is None:  # an answer that would contradict the incident
                continue
            possible.append(value)
            alt, attrs = changed_fact(base_fact, incident, answered)
            if attrs:
                alternatives.append((attrs, alt))
        if not alternatives:
            return set()
        every = frozenset().union(*(attrs for attrs, _ in alternatives))
        fire, dep, routes, vector, feeders, dep_mask = self._plan(every)
        key = (field, tuple(possible), every, vector(base_fact))
        known = self._memo.get(key)
        if known is not None:
            return set(known)
        affects: set = set()
        seen: set = set()
        if fired_bits is None:
            fired_bits = self.mask(firing.fired)
        base = firing.fired - dep  # these fire whatever the answer
        base_dep = firing.fired & dep
        base_bits = fired_bits & ~dep_mask
        route_of, bit = self.route_of, self.bit
        signatures = {}
        for attrs, alt in alternatives:
            signature = (attrs, self._signature(attrs, alt))
            if attrs not in signatures:
                signatures[attrs] = self._signature(attrs, base_fact)
            if signature in seen or signatures[attrs] == signature[1]:
                continue  # no condition tells this answer apart from one already tried, or from now
            seen.add(signature)
            derived: dict = defaultdict(set)
            for n in base & feeders:  # the facts the dependent rules read, as derived by the others
                for k, v in self.writes[n]:
                    derived[k].add(v)
            new = fire(alt, derived)
            # Only dependent rules can fire differently: the routes they belong to may change, and
            # the routes that depend on those.
            changed = {route_of[n] for n in base_dep ^ new} - {None}
            changed = (changed | {d for r in changed for d in self.dependents.get(r, ())}) - affects
            if not changed:
                continue
            alt_bits = base_bits
            for n in new:
                alt_bits |= bit[n]
            outcomes = self._outcomes(changed, alt_bits, base, new)
            affects.update(r for r in changed if outcomes.get(r) != statuses_now.get(r))
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = frozenset(affects)
        return affects

    def missing_information(self, incident: dict, provided, firing: Firing, statuses_now: dict,
                            texts: decision.Texts, base_fact: dict | None = None) -> list:
        """Same list as ``decision.missing_information`` (fields in questions.yaml order)."""
        compiled = self.compiled
        base_fact = engine_fact(incident) if base_fact is None else base_fact
        asked = {field for name, field in self.asks.items() if name in firing.fired}
        order = compiled.book.meta["route_order"]
        out = []
        fired_bits = None
        for field, item in compiled.book.questions.items():
            if field not in asked or field in provided or field in self.idle:
                continue
            if fired_bits is None:
                fired_bits = self.mask(firing.fired)
            affects = self.affected_routes(incident, base_fact, firing, statuses_now, field, fired_bits)
            if affects:
                out.append({"field": field, "question": texts.t(item.data["question"]),
                            "affects": sorted(affects, key=order.index)})
        return out
