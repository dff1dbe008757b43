"""The rule linter: every problem of a rulebook at once, as ``path:line: message``.

Beyond what loading and compiling already check (the file format, unknown ids, duplicates, conditions
that do not parse, durable-rules layout limits), the linter looks at the rulebook as a whole:

* ids that are declared but never used (authorities, obstacles, derived facts);
* duplicate ids the compiler would only notice as clashing engine rule names;
* conditions that can never hold, for any incident the API accepts;
* rules that fire together with contradictory outcomes: a requirement that holds and fails at once, a
  derived fact with two values for one incident, two versions of a legal basis in force on one day;
* scenarios (``features/*.feature`` next to the rules directory) that name unknown ids (routes, obstacles,
  plan steps, ordering rules, ...);
* rulebooks durable-rules cannot evaluate (its match-stack and node limits), found by driving the real
  engine over a stress corpus (:mod:`routewijzer.check.smoke`).

The exact questions are answered by :mod:`routewijzer.check.satisfiability`.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations
from pathlib import Path

from ..rules import gherkin
from ..rules.citations import cited_ids, rulebook_date
from ..rules.compiler import PLATFORM_FACTS, Compiled, compile_all
from ..rules.rulebook import Item, Problem, Rulebook, load_all
from .satisfiability import Solver
from .smoke import engine_problems

GENERATED = re.compile(r"^(always|platform\.[a-z0-9_]+\.unknown_.*|platform\.no_profile)$")


# The checks that may be demoted to warnings (--allow). stale: citations checked more than a year before
# the rulebook's date, or ended while still cited (rules/citations.yaml).
CATEGORIES = ("unused", "impossible", "scenarios", "stale")


def lint(directory: Path | str | None = None, features: Path | str | None = None,
         allow: tuple = ()) -> tuple[Compiled | None, list, list]:
    """Lint the rules below ``directory`` (and the scenarios in ``features``, when given).

    Returns the compiled rulebook (None when it could not be compiled), the problems, and the warnings:
    the problems of the categories in ``allow``.
    """
    book, problems = load_all(directory)
    if book.meta_source is None:
        return None, sorted(set(problems)), []
    compiled, compile_problems = compile_all(book)
    problems += compile_problems
    if compiled is not None and not compile_problems:
        problems += engine_problems(compiled)  # what the static layout bound cannot predict
    problems += duplicates(book)
    missing, unused_citations, stale = citations(book)
    problems += missing
    by_category = {"unused": unused(book, compiled) + unused_citations, "impossible": impossible(compiled),
                   "scenarios": [], "stale": stale}
    if features is not None and Path(features).is_dir():
        by_category["scenarios"] = scenario_references(book, Path(features), book.directory.parent)
    warnings = []
    for category, found in by_category.items():
        (warnings if category in allow else problems).extend(found)
    return compiled, sorted(set(problems)), sorted(set(warnings))


def _at(item: Item, path: tuple, message: str) -> Problem:
    return Problem(item.source.file, item.line(*path), message)


# ---------------------------------------------------------------------------------------------------


def duplicates(book: Rulebook) -> list[Problem]:
    out = []
    for name, item in book.facts.items():
        seen: dict = {}
        for i, rule in enumerate(item.data["rules"]):
            if rule["id"] in seen:
                out.append(_at(item, ("rules", i, "id"), f"duplicate rule id '{rule['id']}' in fact '{name}' "
                                                          f"(also at line {item.line('rules', seen[rule['id']])})"))
            seen.setdefault(rule["id"], i)

    def refs(item, path, refs_list):
        seen: dict = {}
        for i, ref in enumerate(refs_list):
            if ref["obstacle"] in seen:
                out.append(_at(item, path + ("obstacles", i), f"obstacle '{ref['obstacle']}' is listed twice "
                                                               f"(merge the conditions with any:)"))
            seen.setdefault(ref["obstacle"], i)

    for item in book.routes.values():
        refs(item, (), item.data["obstacles"])
        for i, b in enumerate(item.data["legal_basis"]):
            refs(item, ("legal_basis", i), b["obstacles"])
    return out


def citations(book: Rulebook) -> tuple[list, list, list]:
    """Legal bases without a catalogue entry (problems), entries nobody cites (unused), and citations
    that went stale (stale): checked more than a year before the rulebook's date, or ended while cited."""
    cited = cited_ids(book)
    missing, unused_entries, stale = [], [], []
    catalogue = book.citations
    where = "rules/citations.yaml"
    for cid, uses in cited.items():
        if cid not in catalogue:
            item, path = uses[0]
            missing.append(_at(item, path, (
                f"legal basis '{cid}' has no entry in {where}: add '- id: {cid}' with its official identifier "
                "(bwb: BWBR... and article: for Dutch law, celex: or eli: for EU law, ecli: for case law; or "
                "no_identifier: why it has none), checked: the day you checked it, and source: where")))
    for cid, item in catalogue.items():
        if cid not in cited:
            unused_entries.append(_at(item, ("id",), f"citation '{cid}' is cited by no legal basis of any route"))
    today = rulebook_date(book)
    for cid, item in catalogue.items():
        checked = item.data["checked"]
        if checked < today - dt.timedelta(days=365):
            stale.append(_at(item, ("checked",), (
                f"citation '{cid}' was last checked on {checked.isoformat()}, more than a year before the "
                f"rulebook's date {today.isoformat()}: compare it with the official text and update checked")))
    for cid, uses in cited.items():
        for item, path in uses:
            element = _element(item.data, path)
            ends = [d for d in (element.get("valid_until"), catalogue[cid].data.get("valid_until")
                                if cid in catalogue else None) if d is not None]
            if not ends or min(ends) > today:
                continue
            end = min(ends)
            if not _successor(item.data, element, end):
                stale.append(_at(item, path, (
                    f"legal basis '{cid}' ended on {end.isoformat()} (valid_until) but route "
                    f"'{item.data['route']}' still cites it with nothing in force after it: add its successor "
                    "(a version or legal basis with valid_from on that day) or remove it")))
    return missing, unused_entries, stale


def _element(route: dict, path: tuple) -> dict:
    node = route
    for key in path[:-1]:
        node = node[key]
    return node


def _successor(route: dict, ended: dict, end) -> bool:
    """Another legal basis (or version) of the route takes over on the day ``end`` (a renumbered article:
    sr_139h until 2024-07-01, sr_254ba from that day)."""
    return any(e is not ended and e.get("valid_from") == end
               for b in route["legal_basis"] for e in (b["versions"] or [b]))


def _used_obstacles(book: Rulebook) -> set:
    used = set()
    for item in book.routes.values():
        d = item.data
        elements = [d] + d["legal_basis"]
        for e in elements:
            used.update(o["obstacle"] for o in e["obstacles"])
            used.update(r["fails_with"] for r in e["requires"] if r["fails_with"])
        used.update(b["not_in_force_reason"] for b in d["legal_basis"] if b["when"] is not None)
    return used


def unused(book: Rulebook, compiled: Compiled) -> list[Problem]:
    out = []
    authorities = {item.data["authority"] for item in book.routes.values()}
    for aid, item in book.authorities.items():
        if aid not in authorities:
            out.append(_at(item, ("id",), f"authority '{aid}' is not the authority of any route"))
    obstacles = _used_obstacles(book)
    for oid, item in book.obstacles.items():
        if oid not in obstacles:
            out.append(_at(item, ("id",), f"obstacle '{oid}' is never used (no route, requirement or legal basis names it)"))
    facts = set()
    for r in compiled.rules:
        facts.update(a for a in r.conjunct if a != "incident")
    for item in book.facts.values():
        facts.update(rule["same_as"] for rule in item.data["rules"] if rule["same_as"])
    for name, item in book.facts.items():
        if name not in facts and name not in PLATFORM_FACTS:
            out.append(_at(item, ("fact",), f"derived fact '{name}' is not used in any condition"))
    return out


def impossible(compiled: Compiled) -> list[Problem]:
    """Conditions that can never hold, and rules that always fire together with contradictory outcomes."""
    solver = Solver(compiled)
    out = []
    # A same_as rule compiles into one rule per value copied (fact.<fact>.<rule>.<value>): judge them
    # together, since a value the source never takes is no mistake of the rule.
    groups: dict = {}
    for r in compiled.rules:
        key = r.id.rsplit(".", 1)[0] if r.id.startswith("fact.") and r.id.count(".") == 3 else r.id
        groups.setdefault(key, []).append(r)
    for key, rules in groups.items():
        if GENERATED.match(key):
            continue
        ids = dict.fromkeys(r.id for r in rules)
        if all(solver.solve(solver.fires(i)) is None for i in ids):
            r = rules[0]
            out.append(Problem(r.file, r.line, f"condition can never hold for any valid incident ({key})"))

    # A requirement that holds and fails for the same incident.
    reqs: dict = {}
    for r in compiled.rules:
        if r.effect[0] in ("holds", "fails"):
            reqs.setdefault((r.effect[1], r.effect[2]), {}).setdefault(r.effect[0], r)
    for (element, req), rules in reqs.items():
        if len(rules) < 2:
            continue
        w = solver.solve(solver.fires(rules["holds"].id), solver.fires(rules["fails"].id))
        if w is not None:
            out.append(Problem(rules["holds"].file, rules["holds"].line,
                               f"requirement '{req}' of {element}: holds_when and fails_when both hold, e.g. for {w}"))

    # A derived fact that gets two values for the same incident.
    for fact, values in compiled.derived.items():
        for a, b in combinations(values, 2):
            w = solver.solve(solver.derived(fact, a), solver.derived(fact, b))
            if w is not None:
                r = solver.deriving[(fact, a)][0]
                out.append(Problem(r.file, r.line, f"derived fact '{fact}' gets both '{a}' and '{b}', e.g. for {w}"))

    # Two versions of one legal basis in force at once (overlapping validity periods).
    versions: dict = {}
    for r in compiled.rules:
        if r.effect[0] == "version":
            versions.setdefault(r.effect[1], {}).setdefault(r.effect[2], r)
    for element, by_version in versions.items():
        for (va, ra), (vb, rb) in combinations(by_version.items(), 2):
            w = solver.solve(solver.fires(ra.id), solver.fires(rb.id))
            if w is not None:
                out.append(Problem(rb.file, rb.line, f"validity periods of '{va}' and '{vb}' ({element}) overlap, e.g. for {w}"))
    return out


# ---------------------------------------------------------------------------------------------------

_STEP_REFS = [
    (re.compile(r'the route "([^"]+)" is not applicable because "([^"]+)"'), ("route", "obstacle")),
    (re.compile(r'the route "([^"]+)" (?:does not )?warns? "([^"]+)"'), ("route", "obstacle")),
    (re.compile(r'the route "([^"]+)" (?:does not )?cites? "([^"]+)"'), ("route", "basis")),
    (re.compile(r'the route "([^"]+)" is handled by "([^"]+)"'), ("route", "authority")),
    (re.compile(r'the (?:first )?route (?:is )?"([^"]+)"'), ("route",)),
    (re.compile(r'the note "([^"]+)"'), ("note",)),
    (re.compile(r'because it affects "([^"]+)"'), ("route",)),
    (re.compile(r'^step "([^"]+)" is placed by the ordering rule "([^"]+)"'), ("step", "ordering")),
    (re.compile(r'^steps? "([^"]+)" (?:comes before|and) "([^"]+)"'), ("step", "step")),
    (re.compile(r'^step "([^"]+)"'), ("step",)),
    (re.compile(r'^the plan (?:starts with|has the step|does not have the step) "([^"]+)"'), ("step",)),
]


def scenario_references(book: Rulebook, features: Path, root: Path) -> list[Problem]:
    """Scenarios that name a route, obstacle, legal basis, authority or note the rulebook does not have."""
    bases: dict = {}
    for rid, item in book.routes.items():
        for b in item.data["legal_basis"]:
            bases.setdefault(rid, set()).add(b["id"])
            bases[rid].update(v["id"] for v in b["versions"] or [])
    known = {"route": set(book.routes), "obstacle": set(book.obstacles), "authority": set(book.authorities),
             "note": set(book.notes), "step": set(book.routes) | set(book.steps), "ordering": set(book.orderings)}
    out = []
    for feature in gherkin.parse_dir(features, root):
        for scenario in feature.scenarios:
            for line, text in scenario.lines():
                for pattern, kinds in _STEP_REFS:
                    m = pattern.search(text)
                    if not m:
                        continue
                    route = None
                    for kind, value in zip(kinds, m.groups(), strict=False):
                        if kind == "route":
                            route = value
                        if kind == "basis":
                            ok = route not in book.routes or value in bases.get(route, set())
                        else:
                            ok = value in known[kind]
                        if not ok:
                            what = {"basis": f"legal basis of route '{route}'", "step": "plan step",
                                    "ordering": "ordering rule"}.get(kind, kind)
                            out.append(Problem(feature.file, line, f"scenario '{scenario.name}': unknown {what} '{value}'"))
                    break
    return out
