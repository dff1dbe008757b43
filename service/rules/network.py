"""The engine's network, planned before durable-rules builds it: its parts, and the limits each one uses.

durable-rules 2.0.28 has fixed limits per ruleset, compiled into its C core (see docs/engine.md and
../shared/durable-rules-notes.md): a match stack of 64 entries (error 303, after which the session is
corrupt), 512 hash buckets of conditions under one node (a full table hangs the engine), lists of 128
alternatives and of 256 rule endings per node (errors 107 and 108 at registration) and 4,096 rules. One
ruleset holding the whole rulebook reached them at 25 routes. So the compiled rules are registered as
many small rulesets (*parts*), evaluated in *stages*:

1. ``facts``: every rule that derives a fact (derived facts, platform profiles) in one ruleset, so that
   facts derived from derived facts chain inside it, as before;
2. ``routes``: one ruleset per route, given the incident and the derived facts its rules read;
3. ``notes``, ``questions``, ``steps`` and ``ordering`` (of the plan): one ruleset each.

Parts that derive nothing and have the same gate run together anyway: they are packed into one ruleset
as long as it keeps half of every limit free (a ruleset that runs has a fixed cost per decision).

A part's limits grow with its own rules only, however many routes the rulebook holds. Every part runs
only when its *gate* holds: the condition terms that all of its rules test (for a route: its
``relevant_when`` and validity dates). The gate is a necessary condition of every rule of the part,
not a decision: what fires inside a part that runs is decided by durable-rules. A decision therefore
pays for the routes that can apply, not for the whole rulebook.

To evaluate a new kind of rule, give its effect kind (compiler.py) a stage in :data:`STAGES`: a new
stage after the ones whose derived facts it reads, split into parts by a key when it can grow.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from . import conditions as C

ROUTE_EFFECTS = ("relevant", "holds", "fails", "version", "obstacle")
CATCH_ALL = "always"  # the rule name of the catch-all every ruleset carries (see decide/engine.py)


def route_of(rule) -> str:
    """The route a route rule belongs to (its element is the route, or "route/legal basis")."""
    return rule.effect[1].split("/", 1)[0]


@dataclass(frozen=True)
class Stage:
    name: str
    effects: tuple  # the effect kinds of the rules it evaluates
    split: Callable | None = None  # rule -> the part it belongs to; None: the stage is one part


STAGES = (
    Stage("facts", ("derive", "noop")),
    Stage("routes", ROUTE_EFFECTS, route_of),
    Stage("notes", ("note",)),
    Stage("questions", ("ask",)),
    Stage("steps", ("step",)),  # the general steps of the plan
    Stage("ordering", ("order",)),  # the ordering rules of the plan
)


@dataclass(frozen=True)
class Limit:
    key: str
    what: str  # "<used> of <most> <what>"
    most: int
    why: str
    short: str = ""  # the column name in the headroom report


# The C constants of durable-rules 2.0.28 (rules.h, events.c, rete.c) and what exceeding them does.
LIMITS = (
    Limit("matching", "conditions matching at once", 64,
          "MAX_STACK_SIZE 64: the match stack overflows (error 303) and the session state is corrupt",
          "matching siblings"),
    Limit("siblings", "conditions under one node", 511,
          "NEXT_BUCKET_LENGTH 512: a full hash table hangs registration or every decision", "siblings"),
    Limit("alternatives", "alternatives (any:) sharing one condition", 127,
          "NEXT_LIST_LENGTH 128: the ruleset cannot be registered (error 107)", "alternatives"),
    Limit("endings", "rules ending at one condition", 255,
          "BETA_LIST_LENGTH 256: the ruleset cannot be registered (error 108)", "endings"),
    Limit("rules", "rules", 4095, "MAX_ACTIONS 4096 rules per ruleset, the catch-all included (error 106)",
          "rules"),
)


@dataclass
class Usage:
    used: int
    rule: object  # the compiled rule where it is used most (for path:line)


@dataclass
class Part:
    name: str  # "facts", "routes/criminal_complaint", ...
    stage: int  # index in STAGES
    rules: list  # compiled rules, in compiled order
    gate: dict = field(default_factory=dict)  # alias -> terms every rule tests; empty: always runs
    reads: tuple = ()  # the derived facts its rules join: asserted into it before it runs
    writes: tuple = ()  # the derived facts its rules derive
    # Engine rule name -> the compiled rules it stands for. Rules of one part with the same condition
    # (a route and its legal bases without conditions of their own, say) are one engine rule: every
    # engine rule costs durable-rules state in each decision, whether it fires or not.
    shared: dict = field(default_factory=dict)

    def __post_init__(self):
        if not self.shared:
            by_condition: dict[str, list] = {}
            for r in self.rules:
                key = json.dumps(C.durable_conjunct_shared(r.conjunct), sort_keys=True)
                by_condition.setdefault(key, []).append(r)
            self.shared = {rules[0].name: rules for rules in by_condition.values()}

    def ruleset(self) -> dict:
        """The durable-rules ruleset (engine rule name -> {all, run}), with a catch-all rule: a fresh
        dict on every call (registration mutates it)."""
        out = {name: {"all": C.durable_conjunct(rules[0].conjunct), "run": name} for name, rules in self.shared.items()}
        out.setdefault(CATCH_ALL, {"all": C.durable_conjunct({C.INCIDENT: []}), "run": CATCH_ALL})
        return out

    def usage(self) -> dict[str, Usage]:
        """How much of each limit of :data:`LIMITS` this part's ruleset uses."""
        return _Network(self).usage()


def partition(rules: list, pack: bool = True) -> tuple[list[Part], list[tuple]]:
    """The parts of a compiled rulebook, in evaluation order; and problems as (rule, message).
    ``pack=False`` keeps every route in a ruleset of its own (bench/partitions.py compares)."""
    problems: list[tuple] = []
    stage_of = {kind: i for i, stage in enumerate(STAGES) for kind in stage.effects}
    grouped: dict[tuple, list] = {}
    for r in rules:
        i = stage_of.get(r.effect[0])
        if i is None:
            problems.append((r, f"no engine stage evaluates rules of kind '{r.effect[0]}' (network.STAGES)"))
            continue
        stage = STAGES[i]
        name = stage.name if stage.split is None else f"{stage.name}/{stage.split(r)}"
        grouped.setdefault((i, name), []).append(r)
    parts = []
    for (i, name), members in sorted(grouped.items(), key=lambda kv: kv[0][0]):
        reads = sorted({a for r in members for a in r.conjunct if a != C.INCIDENT})
        writes = sorted({k for r in members if r.effect[0] == "derive" for k in r.effect[1]})
        parts.append(Part(name, i, members, _gate(members), tuple(reads), tuple(writes)))
    parts = _pack(parts) if pack else parts
    written_by: dict[str, Part] = {}
    for part in parts:
        for fact in part.writes:
            written_by.setdefault(fact, part)
    for part in parts:
        for fact in part.reads:
            source = written_by.get(fact)
            if source is not None and source is not part and source.stage >= part.stage:
                rule = next(r for r in part.rules if fact in r.conjunct)
                problems.append((rule, f"'{fact}' is derived in engine part {source.name}, which is not "
                                       f"evaluated before {part.name} (network.STAGES)"))
    return parts, problems


PACKED_SHARE = 0.5  # parts packed together keep at least half of every limit free


def _pack(parts: list[Part]) -> list[Part]:
    """Parts with the same gate always run together: pack them into one ruleset while it stays within
    half of every limit. Each ruleset a decision runs costs a fixed amount (a session, the incident
    parsed and matched, the state deleted), so this saves work without running any rule more often.
    Only parts that derive nothing are packed, and only behind the parts deriving what they read.
    First fit over the open rulesets of a gate, then rulesets of one gate merged while they fit: no two
    rulesets of one gate are kept apart unless together they would exceed half a limit."""
    out: list[Part | None] = []
    bins: dict[tuple, list[int]] = {}  # gate -> indexes in out of the rulesets being filled
    stage_of_fact = {f: p.stage for p in parts for f in p.writes}
    for part in parts:
        if part.writes:
            out.append(part)
            continue
        key = tuple((alias, tuple(map(repr, terms))) for alias, terms in sorted(part.gate.items()))
        for at in bins.get(key, []):
            merged = _merge(out[at], part, stage_of_fact)
            if merged is not None:
                out[at] = merged
                break
        else:
            if _within(part):
                bins.setdefault(key, []).append(len(out))
            out.append(part)
    changed = True
    while changed:
        changed = False
        for ats in bins.values():
            for i, a in enumerate(ats):
                for b in ats[i + 1:]:
                    if out[a] is None or out[b] is None:
                        continue
                    merged = _merge(out[a], out[b], stage_of_fact)
                    if merged is not None:
                        out[a], out[b], changed = merged, None, True
    return [p for p in out if p is not None]


def _merge(host: Part, part: Part, stage_of_fact: dict) -> Part | None:
    """host and part as one ruleset at host's place, if part reads nothing derived at or after it and
    the whole stays within half of every limit."""
    if not all(stage_of_fact.get(f, -1) < host.stage for f in part.reads):
        return None
    merged = Part(_joined(host.name, part.name), host.stage, host.rules + part.rules, host.gate,
                  tuple(sorted(set(host.reads) | set(part.reads))), (), {**host.shared, **part.shared})
    return merged if _within(merged) else None


def _within(part: Part, share: float = PACKED_SHARE) -> bool:
    usage = part.usage()
    return all(usage[limit.key].used <= limit.most * share for limit in LIMITS)


def _joined(a: str, b: str) -> str:
    """"routes/x" and "routes/y" make "routes/x, y"; parts of other stages are added with " + "."""
    stage, _, name = b.partition("/")
    last = a.rsplit(" + ", 1)[-1]
    if name and last.startswith(stage + "/"):
        return f"{a}, {name}"
    return f"{a} + {b}"


def _gate(rules: list) -> dict:
    """The terms every rule of a part tests, by alias: a necessary condition for any of them to fire.

    For a derived fact (alias) the gate asks for one value meeting the common terms: each rule needs
    one value meeting all of its terms, so it needs one meeting the common ones."""
    common = None
    for r in rules:
        terms = {(alias, t) for alias, ts in r.conjunct.items() for t in C.flat(ts)}
        common = terms if common is None else common & terms
        if not common:
            return {}
    gate: dict = {}
    for alias, terms in rules[0].conjunct.items():  # in the order the first rule tests them
        for t in C.flat(terms):
            if (alias, t) in common:
                gate.setdefault(alias, []).append(t)
    return gate


def _canonical(value):
    """A hashable key equal for two tests exactly when their JSON with sorted keys is (types kept apart:
    1, 1.0, True and "1" are four tests), made without writing JSON (the packing models many networks)."""
    if isinstance(value, dict):
        return ("{", tuple(sorted((k, _canonical(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("[", tuple(_canonical(v) for v in value))
    return (type(value).__name__, value)


class _Network:
    """The alpha network durable-rules builds for one part (rete.c, createAlpha and linkAlpha).

    Each test of an alias is a node under the previous one, shared between rules with the same prefix
    (findAlpha); ``$nex`` tests go to the node's list; an ``$or`` makes a new forward node, linked from
    the list of each alternative's last node; a rule's alias ends in the node's beta list. Matching one
    fact walks this network depth first with a stack of 64 entries (events.c, handleAlpha): a node
    pushes every child that matches (of the equalities on one attribute, one; every other test and
    every list entry may match), so the peak is bounded by the sum of those pushes along a path.
    """

    ROOT = 0

    def __init__(self, part: Part):
        self.part = part
        self.ids = itertools.count(1)
        self.child: dict[tuple, int] = {}  # (parent, test json) -> node
        self.hashed: dict[int, list] = defaultdict(list)  # node -> [(test, child)]
        self.listed: dict[int, list] = defaultdict(list)  # node -> [child]
        self.endings: Counter = Counter()
        self.first: dict[int, object] = {self.ROOT: part.rules[0]}  # node -> the first rule through it
        for rules in part.shared.values():
            r = rules[0]
            for alias in C.durable_conjunct_shared(r.conjunct):
                (tests,) = alias.values()
                self.endings[self._chain(r, tests["$and"], self.ROOT)] += 1

    def _chain(self, rule, tests: list, node: int) -> int:
        for test in tests:
            node = self._test(rule, test, node)
        return node

    def _test(self, rule, test: dict, parent: int) -> int:
        ((key, value),) = test.items()
        if key == "$and":
            return self._chain(rule, value, parent)
        if key == "$or":  # a forward node of its own, never shared
            forward = next(self.ids)
            self.first[forward] = rule
            for alternative in value:
                self.listed[self._test(rule, alternative, parent)].append(forward)
            return forward
        k = (parent, _canonical(test))
        node = self.child.get(k)
        if node is None:
            node = self.child[k] = next(self.ids)
            self.first[node] = rule
            if key == "$nex":
                self.listed[parent].append(node)
            else:
                self.hashed[parent].append((test, node))
        return node

    def _pushes(self, node: int) -> int:
        """How many children of ``node`` one fact can match at once."""
        eq_attrs, others = set(), 0
        for test, _ in self.hashed.get(node, ()):
            ((key, _),) = test.items()
            if key.startswith("$"):
                others += 1
            else:
                eq_attrs.add(key)
        return len(eq_attrs) + others + len(self.listed.get(node, ()))

    def _peak(self) -> tuple[int, int]:
        """The most stack entries matching one fact can hold, and the node that pushes most on the way."""
        memo: dict[int, tuple] = {}

        def peak(node: int) -> tuple:  # (peak, node pushing most on the way there, its pushes)
            if node in memo:
                return memo[node]
            k = self._pushes(node)
            best = (k, node, k)
            for child in [c for _, c in self.hashed.get(node, ())] + self.listed.get(node, []):
                below, where, pushes = peak(child)
                if below and k - 1 + below > best[0]:
                    best = (k - 1 + below, where, pushes) if pushes > k else (k - 1 + below, node, k)
            memo[node] = best
            return best

        value, where, _ = peak(self.ROOT)
        return value, where

    def usage(self) -> dict[str, Usage]:
        def most(counts: dict) -> Usage:
            if not counts:
                return Usage(0, self.part.rules[0])
            node = max(counts, key=counts.get)
            return Usage(counts[node], self.first.get(node, self.part.rules[0]))

        matching, where = self._peak()
        # The rule to change is the one whose condition made the node's children too many: the child
        # created at the limit (nodes are numbered as they are created), else the last one.
        children = sorted([c for _, c in self.hashed.get(where, ())] + self.listed.get(where, []))
        culprit = children[min(LIMITS[0].most, len(children) - 1)] if children else where
        return {
            "matching": Usage(matching, self.first[culprit]),
            "siblings": most({n: len(c) for n, c in self.hashed.items()}),
            "alternatives": most({n: len(c) for n, c in self.listed.items()}),
            "endings": most(dict(self.endings)),
            "rules": Usage(len(self.part.shared) + (CATCH_ALL not in self.part.shared), self.part.rules[0]),
        }


def short_name(name: str, most: int = 4) -> str:
    """A packed part's name for people: at most ``most`` routes of each stage, then how many more."""
    out = []
    for segment in name.split(" + "):
        items = segment.split(", ")
        out.append(", ".join(items[:most]) + (f" (+{len(items) - most} more)" if len(items) > most else ""))
    return " + ".join(out)


def headroom(parts: list[Part]) -> list[str]:
    """The report of ``routewijzer rules check``: per part, how much of each limit it uses."""
    lines = [f"{len(parts)} engine parts (durable-rules rulesets); per part, used of each limit "
             f"(docs/engine.md):"]
    for limit in LIMITS:
        lines.append(f"  {limit.short}: {limit.what} (at most {limit.most}; {limit.why})")
    tightest = None
    for part in parts:
        usage = part.usage()
        lines.append(f"  {short_name(part.name)}: " + ", ".join(f"{usage[lim.key].used} of {lim.most} {lim.short}"
                                                   for lim in LIMITS))
        for lim in LIMITS:
            share = usage[lim.key].used / lim.most
            if tightest is None or share > tightest[0]:
                tightest = (share, short_name(part.name), lim, usage[lim.key].used)
    if tightest is not None:
        share, name, lim, used = tightest
        lines.append(f"tightest: {name}, {used} of {lim.most} {lim.short} ({share:.0%})")
    return lines
