"""From a validated rulebook to engine rules: a pure function.

Every route, legal basis, requirement, obstacle, note, derived fact and platform profile becomes one
or more *compiled rules*: a condition in disjunctive normal form plus an *effect* (what it means when
it fires). The durable-rules ruleset and the reference evaluator are both built from this one list.

Effects (tuples):
  ("derive", {fact: value, ...})     assert derived facts (forward chaining)
  ("relevant", element)              a route (element "route") or legal basis ("route/basis") is relevant
  ("holds", element, requirement)    a requirement is met
  ("fails", element, requirement, obstacle)   a requirement fails, for this reason
  ("version", element, version_id)   a legal basis is in force on its clock, in this version
  ("obstacle", element, obstacle)    an obstacle to expect
  ("note", note_id)                  an informational note
  ("ask", field)                     the input field is unknown: a candidate for missing_information
  ("step", step_id)                  a general step of the plan (rules/steps/) belongs in the plan
  ("order", ordering_rule_id)        an ordering rule of the plan holds (rules/ordering.yaml)
  ("noop",)                          the catch-all (see engine.py)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from routewijzer.schemas.rulefile import ALL_OTHER_STEPS

from . import conditions as C
from .network import LIMITS, Part, partition
from .rulebook import Item, Problem, Rulebook, RulebookError
from .vocabulary import ESTABLISHMENTS, INPUT_FIELDS, PLATFORM_SIZES, PLATFORMS, TRI_STATE

# Facts every platform profile provides, derived by rules compiled from rules/platforms/*.yaml.
PLATFORM_FACTS = {
    "profile_establishment": ("establishment", ESTABLISHMENTS),
    "platform_cooperation": ("cooperation", ("cooperative", "limited", "nonresponsive", "unknown")),
    "platform_ignores_orders": ("ignores_orders", TRI_STATE),
    "platform_in_pps": ("public_private_partnership", TRI_STATE),
    "platform_terms": ("terms_of_service", ("broad", "narrow", "unknown")),
    "platform_vlop": ("very_large_online_platform", TRI_STATE),
    "platform_eu_representative": ("eu_representative", TRI_STATE),
    "platform_discloses_data": ("discloses_data_on_request", TRI_STATE),
    "platform_representative_in_nl": ("representative_in_nl", TRI_STATE),
    "platform_eio_available": ("eio_available", TRI_STATE),
}
# The DSA size of the provider (art. 19, art. 33), dated on its own: designations change it, not the profile.
PROFILE_SIZE = "profile_size"
UNKNOWN_PROFILE = {name: "unknown" for name in PLATFORM_FACTS}

# Facts that may only order the plan, never decide which routes or steps apply (contract v1.1, "goals").
ORDER_ONLY_FACTS = ("goals",)


@dataclass(frozen=True)
class CompiledRule:
    id: str  # the rule id people see in "because" and in explanations
    name: str  # the engine rule name (id, plus ~n for each conjunct of a disjunction)
    conjunct: dict  # alias -> terms (see conditions.group)
    effect: tuple
    file: str
    line: int
    tree: object = None  # the whole condition, for explanations


@dataclass
class Compiled:
    book: Rulebook
    rules: list[CompiledRule]
    derived: dict[str, tuple]  # derived fact -> allowed values
    parts: list[Part] = field(default_factory=list)  # the engine's rulesets, in evaluation order (network.py)
    by_name: dict[str, CompiledRule] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # rule name -> index in rules
    # What the layers above compute once per rulebook and keep with it (keyed by their own names), so
    # that it lives and dies with this rulebook: e.g. decide's glossary terms per text.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self.by_name = {r.name: r for r in self.rules}
        self.position = {r.name: i for i, r in enumerate(self.rules)}

    @property
    def version(self) -> str:
        return self.book.version

    @property
    def digest(self) -> str:
        return self.book.digest

    def thresholds(self, field_name: str) -> list[int]:
        """Every number an age field is compared with, for the what-if questions."""
        out = set()
        for r in self.rules:
            for terms in r.conjunct.values():
                for t in terms:
                    for a in t.atoms():
                        if a.attr == field_name and a.op in ("lt", "lte", "gt", "gte"):
                            out.add(a.value)
        return sorted(out)


class _Compiler:
    def __init__(self, book: Rulebook):
        self.book = book
        self.problems: list[Problem] = []
        self.rules: list[CompiledRule] = []
        self.derived: dict[str, tuple] = {}

    # -- helpers -----------------------------------------------------------------------------------
    def problem(self, item: Item, path: tuple, message: str):
        self.problems.append(Problem(item.source.file, item.line(*path), message))

    def parse(self, item: Item, path: tuple, when):
        try:
            return self.parser.parse(when)
        except C.ConditionError as exc:
            self.problems.append(Problem(item.source.file, item.line(*path, *exc.path),
                                         f"{'.'.join(map(str, path))}: {exc}"))
            return None

    def check_obstacle(self, item: Item, path: tuple, obstacle: str):
        if obstacle not in self.book.obstacles:
            self.problem(item, path, f"unknown obstacle '{obstacle}' (declare it in rules/obstacles.yaml)")

    def emit(self, rule_id: str, tree, effect: tuple, item: Item, path: tuple):
        if tree is None:
            return
        try:
            conjuncts = C.dnf(tree)
        except RecursionError:  # pragma: no cover
            conjuncts = []
        if len(conjuncts) > C.MAX_DNF:
            self.problem(item, path, f"condition expands into {len(conjuncts)} alternatives "
                                     f"(at most {C.MAX_DNF}): split the rule")
            return
        for n, conj in enumerate(conjuncts):
            name = rule_id if len(conjuncts) == 1 else f"{rule_id}~{n}"
            self.rules.append(CompiledRule(rule_id, name, C.group(conj), effect,
                                           item.source.file, item.line(*path), tree))

    @staticmethod
    def both(*trees):
        parts = [t for t in trees if t is not None]
        if any(t is None for t in trees):
            return None
        flat = []
        for p in parts:
            flat.extend(p.children if isinstance(p, C.All) else [p])
        return C.All(tuple(flat))

    # -- derived facts -----------------------------------------------------------------------------
    def declare_facts(self):
        for name, (_, values) in PLATFORM_FACTS.items():
            self.derived[name] = tuple(values)
        self.derived[PROFILE_SIZE] = PLATFORM_SIZES
        for name, item in self.book.facts.items():
            if name in INPUT_FIELDS or name in ("incident", "incident_day", "as_of_day"):
                self.problem(item, ("fact",), f"'{name}' is an input field; a derived fact needs its own name")
                continue
            if name in self.derived:
                self.problem(item, ("fact",), f"'{name}' is already provided by the platform profiles")
                continue
            self.derived[name] = tuple(C.Parser._text(v) for v in item.data["values"])
        self.parser = C.Parser(self.derived)

    def compile_facts(self):
        for name, item in self.book.facts.items():
            if name not in self.derived:
                continue
            allowed = self.derived[name]
            for i, rule in enumerate(item.data["rules"]):
                path = ("rules", i)
                when = self.parse(item, path + ("when",), rule["when"])
                window = C.date_window(rule["clock"], rule["valid_from"], rule["valid_until"])
                rid = f"fact.{name}.{rule['id']}"
                if rule["same_as"] is not None:
                    src = rule["same_as"]
                    spec = INPUT_FIELDS.get(src)
                    if spec is not None and spec["kind"] in ("enum", "tristate"):
                        source_values, attr, alias = spec["values"], src, C.INCIDENT
                    elif src in self.derived and src != name:
                        source_values, attr, alias = self.derived[src], "v", src
                    else:
                        self.problem(item, path + ("same_as",), f"same_as needs a fact with values, not '{src}'")
                        continue
                    for v in source_values:
                        if v not in allowed:
                            continue
                        copy = C.Atom(attr, "eq", v, alias, src)
                        tree = self.both(when, C.All(tuple(window) + (copy,)))
                        self.emit(f"{rid}.{v}", tree, ("derive", {name: v}), item, path)
                    continue
                value = C.Parser._text(rule["value"])
                if value not in allowed:
                    self.problem(item, path + ("value",), f"'{value}' is not one of the values of '{name}'")
                    continue
                tree = self.both(when, C.All(tuple(window)))
                self.emit(rid, tree, ("derive", {name: value}), item, path)

    def compile_platforms(self):
        """Each dated profile version is a rule deriving the profile facts; gaps derive 'unknown'. The
        dated sizes (platform_size) are a series of their own, deriving profile_size."""
        profiled = set()
        for pid, item in self.book.platforms.items():
            profiled.add(pid)
            self.dated_series(f"platform.{pid}", pid, item, "versions", dict(UNKNOWN_PROFILE),
                              lambda v: {fact: "unknown" if v[key] is None else C.Parser._text(v[key])
                                         for fact, (key, _) in PLATFORM_FACTS.items()})
            self.dated_series(f"platform.{pid}.size", pid, item, "platform_size", {PROFILE_SIZE: "unknown"},
                              lambda v: {PROFILE_SIZE: v["value"]})
        others = [p for p in PLATFORMS + ("unknown",) if p not in profiled]
        if others and self.book.meta_source is not None:
            meta = Item(self.book.meta, self.book.meta_source, ())
            tree = C.Any_(tuple(C.Atom("platform", "eq", p, C.INCIDENT, "platform") for p in others))
            self.emit("platform.no_profile", tree if len(others) > 1 else tree.children[0],
                      ("derive", {**UNKNOWN_PROFILE, PROFILE_SIZE: "unknown"}), meta, ())

    def dated_series(self, prefix: str, pid: str, item: Item, key: str, unknown: dict, values_of):
        """Rules deriving ``values_of(entry)`` for each dated entry of ``item.data[key]`` (judged by as_of),
        and ``unknown`` before, between and after them."""
        is_platform = C.Atom("platform", "eq", pid, C.INCIDENT, "platform")
        entries = sorted(enumerate(item.data[key]), key=lambda iv: (iv[1]["valid_from"] or C._dt.date.min))
        cursor = None  # first day not yet covered
        for n, (i, v) in enumerate(entries):
            start, end = v["valid_from"], v["valid_until"]
            if n and (cursor is None or start is None or start < cursor):
                self.problem(item, (key, i), f"{key}: dated entries overlap")
            if start is not None and (n == 0 or (cursor is not None and start > cursor)):
                gap = C.date_window("as_of", cursor, start)
                self.emit(f"{prefix}.unknown_before_{start.isoformat()}",
                          C.All((is_platform, *gap)), ("derive", dict(unknown)), item, (key, i))
            window = C.date_window("as_of", start, end)
            label = start.isoformat() if start else "start"
            self.emit(f"{prefix}.{label}", C.All((is_platform, *window)), ("derive", values_of(v)), item, (key, i))
            cursor = end
        if cursor is not None:
            self.emit(f"{prefix}.unknown_from_{cursor.isoformat()}",
                      C.All((is_platform, *C.date_window("as_of", cursor, None))),
                      ("derive", dict(unknown)), item, (key,))

    # -- routes ------------------------------------------------------------------------------------
    def compile_requirements(self, element: str, item: Item, path: tuple, reqs: list, scope):
        seen = set()
        for i, req in enumerate(reqs):
            p = path + ("requires", i)
            if req["id"] in seen:
                self.problem(item, p, f"duplicate requirement id '{req['id']}'")
            seen.add(req["id"])
            if req["fails_with"] is not None:
                self.check_obstacle(item, p + ("fails_with",), req["fails_with"])
            holds = self.parse(item, p + ("holds_when",), req["holds_when"])
            self.emit(f"{element}.requires.{req['id']}.holds", self.both(scope, holds),
                      ("holds", element, req["id"]), item, p)
            if req["fails_when"] is not None:
                fails = self.parse(item, p + ("fails_when",), req["fails_when"])
                self.emit(f"{element}.requires.{req['id']}.fails", self.both(scope, fails),
                          ("fails", element, req["id"], req["fails_with"]), item, p)

    def compile_obstacles(self, element: str, item: Item, path: tuple, refs: list, scope):
        for i, ref in enumerate(refs):
            p = path + ("obstacles", i)
            self.check_obstacle(item, p + ("obstacle",), ref["obstacle"])
            tree = self.parse(item, p + ("when",), ref["when"])
            self.emit(f"{element}.obstacle.{ref['obstacle']}", self.both(scope, tree),
                      ("obstacle", element, ref["obstacle"]), item, p)

    def compile_route(self, rid: str, item: Item):
        d = item.data
        if d["authority"] not in self.book.authorities:
            self.problem(item, ("authority",), f"unknown authority '{d['authority']}' (declare it in rules/authorities.yaml)")
        own = self.parse(item, ("relevant_when",), d["relevant_when"])
        window = C.All(tuple(C.date_window("as_of", d["valid_from"], d["valid_until"])))
        gated = [(i, b) for i, b in enumerate(d["legal_basis"]) if b["when"] is not None]
        gate_trees = []
        basis_ids: set = set()
        for i, b in enumerate(d["legal_basis"]):
            for x in [b["id"]] + [v["id"] for v in (b["versions"] or [])]:
                if x in basis_ids:
                    self.problem(item, ("legal_basis", i), f"duplicate legal basis id '{x}'")
                basis_ids.add(x)
        for i, b in gated:
            gate_trees.append(self.parse(item, ("legal_basis", i, "when"), b["when"]))
        if any(t is None for t in gate_trees):
            return
        gate = None
        if gate_trees:
            gate = gate_trees[0] if len(gate_trees) == 1 else C.Any_(tuple(gate_trees))
        scope = self.both(own, window, gate) if gate is not None else self.both(own, window)
        if scope is None:
            return
        self.emit(f"{rid}.relevant", scope, ("relevant", rid), item, ("relevant_when",) if d["relevant_when"] else ("route",))
        self.compile_requirements(rid, item, (), d["requires"], scope)
        self.compile_obstacles(rid, item, (), d["obstacles"], scope)
        for i, b in enumerate(d["legal_basis"]):
            element = f"{rid}/{b['id']}"
            path = ("legal_basis", i)
            when = self.parse(item, path + ("when",), b["when"]) if b["when"] is not None else None
            bscope = self.both(self.both(own, window), when) if when is not None else scope
            if b["listed_when"] is not None:  # a power listed only for some incidents (e.g. 126n Sv)
                bscope = self.both(scope, self.parse(item, path + ("listed_when",), b["listed_when"]))
            if bscope is None:
                continue
            self.emit(f"{element}.relevant", bscope, ("relevant", element), item, path)
            versions = b["versions"] or [b]
            for j, v in enumerate(versions):
                vwin = C.date_window(b["clock"], v["valid_from"], v["valid_until"])
                vp = path + (("versions", j) if b["versions"] else ())
                self.emit(f"{element}.in_force.{v['id']}", self.both(bscope, C.All(tuple(vwin))),
                          ("version", element, v["id"]), item, vp)
            if when is not None:
                self.check_obstacle(item, path + ("not_in_force_reason",), b["not_in_force_reason"])
            self.compile_requirements(element, item, path, b["requires"], bscope)
            self.compile_obstacles(element, item, path, b["obstacles"], bscope)

    def compile_notes(self):
        for nid, item in self.book.notes.items():
            d = item.data
            tree = self.parse(item, ("when",), d["when"])
            window = C.All(tuple(C.date_window("as_of", d["valid_from"], d["valid_until"])))
            if not d["versions"]:
                self.emit(f"note.{nid}", self.both(tree, window), ("note", nid), item, ())
                continue
            for k, v in enumerate(d["versions"]):  # dated texts: what was known at as_of
                vwin = C.All(tuple(C.date_window("as_of", v["valid_from"], v["valid_until"])))
                self.emit(f"note.{nid}.{k}", self.both(tree, window, vwin), ("note", nid, k), item, ("versions", k))

    def compile_questions(self):
        for field_name, item in self.book.questions.items():
            tree = self.parse(item, ("unknown_when",), item.data["unknown_when"])
            self.emit(f"question.{field_name}", tree, ("ask", field_name), item, ())

    # -- the plan ----------------------------------------------------------------------------------
    def compile_steps(self):
        for sid, item in self.book.steps.items():
            d = item.data
            if sid in self.book.routes:
                self.problem(item, ("step",), f"'{sid}' is a route id; a general step needs its own id")
                continue
            tree = self.parse(item, ("when",), d["when"])
            window = C.All(tuple(C.date_window("as_of", d["valid_from"], d["valid_until"])))
            self.emit(f"step.{sid}", self.both(tree, window), ("step", sid), item, ("when",) if d["when"] else ("step",))

    def plan_steps(self) -> list[str]:
        """Every id a plan can contain: the general steps, then the routes."""
        return list(self.book.steps) + [r for r in self.book.routes if r not in self.book.steps]

    def compile_orderings(self):
        known = set(self.plan_steps())
        for oid, item in self.book.orderings.items():
            d = item.data
            bad = False
            for key in ("first", "then"):
                if d[key] == ALL_OTHER_STEPS:
                    continue
                for n, step in enumerate(d[key]):
                    if step not in known:
                        bad = True
                        self.problem(item, (key, n) if len(d[key]) > 1 else (key,),
                                     f"ordering rule '{oid}': unknown step '{step}' (a route id or a general "
                                     f"step of rules/steps/)")
            if d["then"] != ALL_OTHER_STEPS and set(d["first"]) & set(d["then"]):
                bad = True
                self.problem(item, ("then",), f"ordering rule '{oid}' puts a step before itself")
            if bad:
                continue
            tree = self.parse(item, ("when",), d["when"])
            self.emit(f"order.{oid}", self.both(tree, C.All(())), ("order", oid), item, ("id",))
        self.check_cycles()

    def check_cycles(self):
        """The ordering rules taken together, whatever their conditions, must not put a step before itself:
        then every incident gets an order, and the same one (the linter and the service refuse a cycle)."""
        steps = self.plan_steps()
        edges: dict[str, dict[str, str]] = defaultdict(dict)  # step -> later step -> ordering rule
        for oid, item in self.book.orderings.items():
            d = item.data
            then = [x for x in steps if x not in d["first"]] if d["then"] == ALL_OTHER_STEPS else d["then"]
            for a in d["first"]:
                for b in then:
                    edges[a].setdefault(b, oid)
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        path: list[str] = []
        reported = set()

        def visit(a: str):
            state[a] = 1
            path.append(a)
            for b in sorted(edges.get(a, ())):
                if state.get(b) == 1:
                    cycle = path[path.index(b):] + [b]
                    rules = list(dict.fromkeys(edges[x][y] for x, y in zip(cycle, cycle[1:], strict=False)))
                    key = frozenset(rules)
                    if key not in reported:
                        reported.add(key)
                        item = self.book.orderings[rules[-1]]
                        self.problem(item, ("id",), "ordering rules form a cycle: " + " before ".join(cycle)
                                     + f" (rules {', '.join(rules)}): no order can satisfy them all")
                elif state.get(b) is None:
                    visit(b)
            path.pop()
            state[a] = 2

        for a in sorted(edges):
            if a not in state:
                visit(a)

    def check_order_only_facts(self):
        for r in self.rules:
            if r.effect[0] == "order" or r.tree is None:
                continue
            for atom in r.tree.atoms():
                if atom.fact in ORDER_ONLY_FACTS:
                    self.problems.append(Problem(r.file, r.line, f"'{atom.fact}' may only order the plan "
                                                 f"(rules/ordering.yaml), never decide whether a route or step applies"))
                    break

    def check_meta(self):
        meta = Item(self.book.meta, self.book.meta_source, ())
        order = self.book.meta["route_order"]
        for i, rid in enumerate(order):
            if rid not in self.book.routes:
                self.problem(meta, ("route_order", i), f"route_order names '{rid}', which has no route file")
        for rid, item in self.book.routes.items():
            if rid not in order:
                self.problem(item, ("route",), f"route '{rid}' is missing from route_order in rulebook.yaml")
        for rid, item in self.book.routes.items():
            dep = item.data.get("depends_on")
            if dep is not None and (dep not in order or rid not in order or order.index(dep) >= order.index(rid)):
                self.problem(item, ("depends_on",), f"depends_on names '{dep}', which is not a route "
                                                    f"listed before '{rid}' in route_order")
        for field_name, item in self.book.questions.items():
            if field_name not in INPUT_FIELDS:
                self.problem(item, ("field",), f"'{field_name}' is not an input field")

    def check_authorities(self):
        """Contact periods of an authority must not overlap; a support route must say how to reach it."""
        for item in self.book.authorities.values():
            periods = sorted(enumerate(item.data.get("contact") or []),
                             key=lambda iv: iv[1]["valid_from"] or C._dt.date.min)
            for (_, a), (j, b) in zip(periods, periods[1:], strict=False):
                if a["valid_until"] is None or (b["valid_from"] or C._dt.date.min) < a["valid_until"]:
                    self.problem(item, ("contact", j), "contact periods overlap: end the earlier one "
                                                       "(valid_until) where the next begins")
        for rid, item in self.book.routes.items():
            authority = self.book.authorities.get(item.data["authority"])
            if item.data["kind"] == "support" and authority is not None and not authority.data.get("contact"):
                self.problem(authority, ("id",), f"authority '{authority.data['id']}' of the support route "
                                                 f"'{rid}' needs a contact (url or phone) with its source")

    def check_layout(self) -> list[Part]:
        """Partition the rules into engine parts and bound each part's network by durable-rules' limits."""
        parts, problems = partition(self.rules)
        for rule, message in problems:
            self.problems.append(Problem(rule.file, rule.line, message))
        for part in parts:
            usage = part.usage()
            for limit in LIMITS:
                u = usage[limit.key]
                if u.used > limit.most:
                    self.problems.append(Problem(u.rule.file, u.rule.line,
                        f"engine part {part.name}: {u.used} {limit.what} (at '{u.rule.id}'); durable-rules allows "
                        f"{limit.most} ({limit.why}): make conditions more selective or split the rules"))
        return parts

    def run(self) -> Compiled:
        self.declare_facts()
        self.check_meta()
        self.compile_facts()
        self.compile_platforms()
        for rid, item in self.book.routes.items():
            self.compile_route(rid, item)
        self.compile_notes()
        self.compile_questions()
        self.compile_steps()
        self.compile_orderings()
        self.check_order_only_facts()
        self.check_authorities()
        # The catch-all: every incident fires at least one action, so that delete_state never meets a
        # session whose action pointers were never initialised (a segfault in durable-rules 2.0.28).
        meta = Item(self.book.meta, self.book.meta_source, ())
        self.rules.append(CompiledRule("always", "always", {C.INCIDENT: []}, ("noop",),
                                       meta.source.file, 1, C.All(())))
        names = [r.name for r in self.rules]
        if len(names) != len(set(names)):
            dupes = sorted({n for n in names if names.count(n) > 1})
            self.problems.append(Problem("rules", 1, f"duplicate engine rule names: {', '.join(dupes)}"))
        parts = self.check_layout()
        return Compiled(self.book, self.rules, self.derived, parts)


def compile_rulebook(book: Rulebook) -> Compiled:
    """Compile a loaded rulebook; raise RulebookError with every problem found."""
    compiled, problems = compile_all(book)
    if problems:
        raise RulebookError(problems)
    return compiled


def compile_all(book: Rulebook) -> tuple[Compiled, list[Problem]]:
    """Compile as much as possible and return it with every problem found (for the linter)."""
    compiler = _Compiler(book)
    compiled = compiler.run()
    return compiled, compiler.problems
