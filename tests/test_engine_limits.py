"""durable-rules' fixed limits hold per engine part, however large the rulebook (docs/engine.md).

One durable-rules ruleset for the whole rulebook overflowed its match stack (error 303) at 25 routes and
could not be registered (error 107) at five times today's rules. The rulebook is now partitioned into
parts (rules/network.py), each bounded at compile time, and the real engine is still driven over a stress
corpus before a rulebook may serve: a part that exceeds a limit is refused with the path:line of its
rule file.
"""

import json
import sys
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from routewijzer.check.smoke import engine_problems, stress_facts
from routewijzer.cli import main
from routewijzer.decide import reference
from routewijzer.decide.engine import DurableEngine
from routewijzer.ops.reload import check_in_subprocess
from routewijzer.rules.compiler import compile_all, compile_rulebook
from routewijzer.rules.conditions import durable_conjunct
from routewijzer.rules.network import LIMITS, PACKED_SHARE, Part, short_name
from routewijzer.rules.rulebook import load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from synth import make_copies  # noqa: E402 - bench/ is not a package

ALTERNATIVES = 70  # requirements sharing one any: condition: more than the 64 entries of the match stack


@pytest.fixture(scope="module")
def overflowing(tmp_path_factory):
    """The rulebook with one route that asks for more conditions at once than durable-rules can match."""
    target = tmp_path_factory.mktemp("overflow") / "rules"
    make_copies(ROOT / "rules", target, 0)
    path = target / "routes" / "victim_support.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["requires"] = [{"id": f"r{i}", "holds_when": {"content_types": ["intimate_image", "personal_data"],
                                                       "victim_age": {"at_least": i}},
                         "condition": {"nl": f"voorwaarde {i}", "en": f"condition {i}"}}
                        for i in range(ALTERNATIVES)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_the_shipped_rulebook_passes_the_engine_stress_corpus():
    compiled = compile_rulebook(load(ROOT / "rules"))
    assert engine_problems(compiled) == []


def test_the_stress_corpus_covers_every_content_type_at_once_and_every_field_value():
    compiled = compile_rulebook(load(ROOT / "rules"))
    facts = stress_facts(compiled)
    assert all(v == "true" for k, v in facts[0].items() if k.startswith("ct_"))
    for field in ("platform", "platform_established", "group_closed", "perpetrator", "platform_response"):
        assert len({f[field] for f in facts}) > 2


def test_the_facts_come_first_and_every_rule_is_in_one_part():
    compiled = compile_rulebook(load(ROOT / "rules"))
    assert compiled.parts[0].name == "facts" and compiled.parts[0].writes
    assert all(not part.writes for part in compiled.parts[1:])
    assert sorted(r.name for p in compiled.parts for r in p.rules) == sorted(r.name for r in compiled.rules)
    routes = [p.name for p in compiled.parts if p.name.startswith("routes/")]
    named = sorted(rid for name in routes for rid in name.split(" + ")[0].removeprefix("routes/").split(", "))
    assert named == sorted(compiled.book.routes)


def test_parts_with_the_same_gate_are_packed_within_half_of_every_limit():
    compiled = compile_rulebook(load(ROOT / "rules"))
    packed = next(p for p in compiled.parts if "criminal_complaint" in p.name)
    support = next(p for p in compiled.parts if "victim_support" in p.name)
    assert not packed.gate and not support.gate  # the routes offered for every incident: ungated parts
    # ungated routes are packed together (criminal_complaint itself may fill half a limit alone)
    assert any(len(p.name.split(", ")) > 1 for p in compiled.parts if not p.gate and not p.writes)
    for part in compiled.parts:
        usage = part.usage()
        assert all(usage[limit.key].used <= limit.most * PACKED_SHARE for limit in LIMITS), part.name
    for a, b in combinations([p for p in compiled.parts if not p.writes], 2):
        if repr(a.gate) == repr(b.gate):  # kept apart only because together they would exceed half a limit
            merged = Part("both", a.stage, a.rules + b.rules, a.gate, shared={**a.shared, **b.shared})
            assert any(merged.usage()[lim.key].used > lim.most * PACKED_SHARE for lim in LIMITS)


def test_rules_with_one_condition_in_one_part_are_one_engine_rule():
    compiled = compile_rulebook(load(ROOT / "rules"))
    engine_rules = sum(len(p.shared) for p in compiled.parts)
    assert engine_rules < len(compiled.rules)
    for part in compiled.parts:
        for rules in part.shared.values():
            assert len({json.dumps(durable_conjunct(r.conjunct), sort_keys=True) for r in rules}) == 1


def test_ten_times_the_routes_stay_within_every_limit_and_decide_like_the_reference(tmp_path):
    """Issue 9: every route file copied nine times. One ruleset failed at 25 routes (error 303)."""
    compiled, problems = compile_all(load(make_copies(ROOT / "rules", tmp_path / "rules", 9)))
    assert problems == []
    assert len(compiled.book.routes) == 10 * len(load(ROOT / "rules").routes)
    for part in compiled.parts:
        usage = part.usage()
        assert all(usage[limit.key].used <= limit.most for limit in LIMITS), part.name
    engine = DurableEngine(compiled)
    try:
        for fact in stress_facts(compiled, random_count=10):
            got, expected = engine.evaluate(fact), reference.evaluate(compiled, fact)
            assert got.fired == expected.fired and got.derived == expected.derived
    finally:
        engine.close()


def test_a_part_over_a_limit_is_refused_with_the_path_and_line_of_its_route(overflowing, capsys):
    compiled, problems = compile_all(load(overflowing))
    layout = [p for p in problems if "engine part routes/victim_support" in p.message]
    assert layout and layout[0].file.endswith("routes/victim_support.yaml") and layout[0].line > 1
    assert "conditions matching at once" in layout[0].message and "durable-rules allows 64" in layout[0].message
    assert main(["rules", "check", str(overflowing)]) == 1
    out = capsys.readouterr().out
    assert "routes/victim_support.yaml:" in out and "engine part routes/victim_support" in out


def test_the_real_engine_confirms_the_overflow_the_compiler_predicts(overflowing):
    compiled, _ = compile_all(load(overflowing))  # registered in spite of the compiler's refusal...
    problems = engine_problems(compiled)  # ...the engine overflows on the stress corpus, in that part
    assert problems and "error code: 303" in problems[0].message
    assert "engine part routes/victim_support" in problems[0].message
    assert problems[0].file.endswith("routes/victim_support.yaml")


def test_rules_check_reports_the_headroom_of_every_part(capsys):
    assert main(["rules", "check", str(ROOT / "rules")]) == 0
    out = capsys.readouterr().out
    compiled = compile_rulebook(load(ROOT / "rules"))
    for part in compiled.parts:
        used = part.usage()["matching"].used
        assert f"  {short_name(part.name)}: {used} of 64 matching siblings, " in out
    assert "tightest: " in out


def test_a_reload_refuses_an_overflowing_rulebook(overflowing):
    result = check_in_subprocess(overflowing, timeout=60)
    assert result["ok"] is False
    assert any("routes/victim_support.yaml" in p and "engine part routes/victim_support" in p
               for p in result["problems"])
