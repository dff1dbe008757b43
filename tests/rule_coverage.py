"""Scenario coverage of the rulebook: which compiled rules, and which exclusion reasons, the features exercise.

Deterministic and independent of test order: the feature files are read (service/rules/gherkin.py),
every scenario's incident is built by the *same* Given steps the BDD run uses (the table in
service/rules/scenario.py, which tests/conftest.py hands every Given step to), and the incident is evaluated with the
reference evaluator (kept equal to the engine by the differential test). A rule is exercised when it
fires for at least one scenario; an exclusion reason when some scenario's answer excludes a route for it.

    make coverage-rules            # the report, also written to reports/rule-coverage.txt
    python tests/rule_coverage.py --check   # exit 1 when a rule is never exercised (what CI checks)

An ordering rule of the plan is exercised when it places a step in some scenario's plan (it holds, and
both its steps are in the plan), not merely when its condition holds.

Rules the compiler generates itself (the catch-all, gaps between platform profile versions, platforms
without a profile) are not written by anyone and are left out.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
GENERATED = re.compile(r"^(always|platform\.[a-z0-9_]+\.unknown_.*|platform\.no_profile)$")


def rule_key(rule_id: str) -> str:
    """A same_as rule compiles into one rule per value it copies (fact.<fact>.<rule>.<value>); it is
    exercised when any copy fires, as a value its source never takes is nobody's mistake (see lint.py)."""
    return rule_id.rsplit(".", 1)[0] if rule_id.startswith("fact.") and rule_id.count(".") == 3 else rule_id


@dataclass
class Coverage:
    rules: dict[str, list]  # rule id -> scenarios (feature:line name) that fire it
    rule_where: dict[str, str]  # rule id -> file:line
    reasons: dict[tuple, list]  # (route, reason) -> scenarios
    scenarios: int
    errors: list[str] = field(default_factory=list)

    @property
    def unexercised(self) -> list[str]:
        return [rid for rid, seen in self.rules.items() if not seen]

    def report(self) -> str:
        total, hit = len(self.rules), sum(1 for s in self.rules.values() if s)
        reasons_hit = sum(1 for s in self.reasons.values() if s)
        out = [f"Scenario coverage of the rulebook: {hit}/{total} rules exercised by {self.scenarios} scenarios; "
               f"{reasons_hit}/{len(self.reasons)} exclusion reasons."]
        for e in self.errors:
            out.append(f"ERROR {e}")
        if self.unexercised:
            out.append("")
            out.append("Rules no scenario exercises (add a scenario to the route's feature file):")
            out.extend(f"  {self.rule_where[rid]}: {rid}" for rid in self.unexercised)
        missing = [k for k, s in self.reasons.items() if not s]
        if missing:
            out.append("")
            out.append("Exclusion reasons no scenario produces:")
            out.extend(f"  {route}: {reason}" for route, reason in missing)
        out.append("")
        out.append("Rules and the scenarios that exercise them:")
        for rid, seen in self.rules.items():
            mark = "x" if seen else " "
            example = f"  ({len(seen)} scenarios, e.g. {seen[0]})" if seen else ""
            out.append(f"  [{mark}] {rid}{example}")
        out.append("")
        out.append("Exclusion reasons:")
        for (route, reason), seen in self.reasons.items():
            mark = "x" if seen else " "
            out.append(f"  [{mark}] {route}: {reason}" + (f"  ({len(seen)} scenarios)" if seen else ""))
        return "\n".join(out) + "\n"


def measure(rules_dir: Path | None = None, features_dir: Path | None = None) -> Coverage:
    from marshmallow import ValidationError

    from routewijzer.decide import decision, plan, reference
    from routewijzer.decide.incident import engine_fact
    from routewijzer.rules.compiler import compile_rulebook
    from routewijzer.rules.rulebook import load
    from routewijzer.rules.scenario import UnknownStep, scenario_incidents
    from routewijzer.schemas.request import IncidentSchema

    compiled = compile_rulebook(load(rules_dir))
    schema = IncidentSchema()
    rules: dict[str, list] = {}
    where: dict[str, str] = {}
    reasons: dict[tuple, list] = {}
    for r in compiled.rules:
        if GENERATED.match(r.id):
            continue
        rules.setdefault(rule_key(r.id), [])
        where.setdefault(rule_key(r.id), f"{r.file}:{r.line}")
        if r.effect[0] == "fails":
            reasons.setdefault((r.effect[1].split("/")[0], r.effect[3]), [])
    for rid, item in compiled.book.routes.items():
        for b in item.data["legal_basis"]:
            if b["when"] is not None:
                reasons.setdefault((rid, b["not_in_force_reason"]), [])
    cov = Coverage(rules, where, reasons, 0)
    texts = decision.Texts(compiled, "en")
    by_reason = defaultdict(list)
    for label, body in scenario_incidents(features_dir or ROOT / "features", ROOT):
        if isinstance(body, UnknownStep):
            cov.errors.append(f"{label.split(' ')[0]}: {body}")
            continue
        try:
            incident = schema.load(body)
        except ValidationError:
            continue  # a scenario about a rejected request: no rule runs
        cov.scenarios += 1
        firing = reference.evaluate(compiled, engine_fact(incident))
        fired_ids = {rule_key(compiled.by_name[name].id) for name in firing.fired
                     if compiled.by_name[name].effect[0] != "order"}
        answer = decision.assemble(compiled, firing, texts)
        before = plan.placements(compiled, firing, [s["id"] for s in answer["plan"]])
        fired_ids |= {f"order.{oid}" for pairs in before.values() for _, oid in pairs}
        for rid in fired_ids & rules.keys():
            rules[rid].append(label)
        for e in answer["not_applicable"]:
            for o in e["reasons"]:
                by_reason[(e["id"], o["id"])].append(label)
    for key, seen in by_reason.items():
        reasons.setdefault(key, []).extend(seen)
    return cov


def main(argv: list[str]) -> int:
    cov = measure()
    text = cov.report()
    reports = ROOT / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "rule-coverage.txt").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    if cov.errors or ("--check" in argv and cov.unexercised):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
