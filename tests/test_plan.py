"""The plan in every answer: every route once, the general steps where they apply, ordered by the rules.

Properties over random incidents (the strategy of the differential test), the ordering rules' own
checks (cycles, unknown steps) on small rulebooks written for the test, and the answer's shape.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_differential import COMPILED, ENGINE, incidents

from routewijzer.decide import decision
from routewijzer.decide.incident import engine_fact
from routewijzer.rules.compiler import compile_all
from routewijzer.rules.rulebook import load
from routewijzer.schemas.request import IncidentSchema

ROOT = Path(__file__).resolve().parent.parent


def _answer(raw: dict) -> dict:
    firing = ENGINE.evaluate(engine_fact(IncidentSchema().load(raw)))
    return decision.assemble(COMPILED, firing, decision.Texts(COMPILED, "en"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_every_route_is_in_the_plan_once_after_the_steps_it_needs(raw):
    answer = _answer(raw)
    plan = answer["plan"]
    ids = [s["id"] for s in plan]
    assert len(ids) == len(set(ids))
    general = set(COMPILED.book.steps)
    assert set(ids) - general == {r["id"] for r in answer["routes"]}
    order = {s["id"]: s["order"] for s in plan}
    assert [s["order"] for s in plan] == sorted(s["order"] for s in plan)
    assert plan == [] or plan[0]["order"] == 1
    for s in plan:
        assert all(order[a] < s["order"] for a in s["after"]), s
        assert s["order"] == 1 + max((order[a] for a in s["after"]), default=0), s
        assert ("reason" in s) == bool(s["after"]), s
        assert s["title"] and s["text"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_the_same_incident_always_gets_the_same_plan(raw):
    assert _answer(raw)["plan"] == _answer(dict(reversed(list(raw.items()))))["plan"]


def test_crisis_help_comes_before_every_other_step():
    plan = _answer({"content_types": ["intimate_image", "extortion", "personal_data"], "victim_in_crisis": True,
                    "platform": "telegram"})["plan"]
    assert plan[0]["id"] == "crisis_support"
    assert all(s["order"] > 1 for s in plan[1:])


def test_the_general_steps_apply_only_where_they_should():
    ids = [s["id"] for s in _answer({"content_types": ["insult"]})["plan"]]
    assert "preserve_evidence" in ids and "stop_contact" not in ids
    ids = [s["id"] for s in _answer({"content_types": ["extortion"]})["plan"]]
    assert ids[0] == "stop_contact"


# ---------------------------------------------------------------------------------------------------
# The ordering rules' own checks, on a copy of the real rulebook with one change


def _rulebook_with(tmp_path: Path, ordering_extra: str) -> list:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    with open(rules / "ordering.yaml", "a", encoding="utf-8") as f:
        f.write(ordering_extra)
    _, problems = compile_all(load(rules))
    return [str(p) for p in problems]


def test_a_cycle_through_several_rules_is_refused_with_path_and_line(tmp_path):
    problems = _rulebook_with(tmp_path, """
  - id: appeal_before_evidence
    first: platform_appeal
    then: [preserve_evidence]
    reason: {nl: "x", en: "x"}
    source: "test"
""")
    assert problems and all(p.startswith("rules/ordering.yaml:") and "cycle" in p for p in problems), problems
    assert any("platform_appeal before preserve_evidence before platform_appeal" in p
               and "appeal_before_evidence, evidence_before_removal" in p for p in problems), problems


def test_an_unknown_step_and_a_step_before_itself_are_refused(tmp_path):
    problems = _rulebook_with(tmp_path, """
  - id: to_nowhere
    first: preserve_evidence
    then: [platform_notice, nowhere]
    reason: {nl: "x", en: "x"}
    source: "test"
  - id: itself
    first: [platform_notice]
    then: platform_notice
    reason: {nl: "x", en: "x"}
    source: "test"
""")
    assert any("unknown step 'nowhere'" in p for p in problems), problems
    assert any("'itself' puts a step before itself" in p for p in problems), problems


@pytest.mark.parametrize("when", ["{victim_in_crisis: true}", "{content_types: [extortion]}"])
def test_a_conditional_cycle_is_refused_too(tmp_path, when):
    problems = _rulebook_with(tmp_path, f"""
  - id: notice_first
    first: platform_notice
    then: preserve_evidence
    when: {when}
    reason: {{nl: "x", en: "x"}}
    source: "test"
""")
    assert any("cycle" in p for p in problems), problems


GOALS = ("removal", "prevent_spread", "identification", "prosecution", "compensation", "protection", "support")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents(), st.lists(st.sampled_from(GOALS), unique=True, max_size=4))
def test_goals_change_the_order_never_which_routes_apply(raw, goals):
    without = _answer({k: v for k, v in raw.items() if k != "goals"})
    with_goals = _answer({**raw, "goals": goals})
    assert {k: v for k, v in with_goals.items() if k != "plan"} == {k: v for k, v in without.items() if k != "plan"}
    assert sorted(s["id"] for s in with_goals["plan"]) == sorted(s["id"] for s in without["plan"])


def test_goals_are_refused_outside_the_ordering_rules(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    path = rules / "routes" / "victim_support.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "relevant_when:\n  goals: support\n", encoding="utf-8")
    _, problems = compile_all(load(rules))
    assert any(str(p).startswith("rules/routes/victim_support.yaml:") and "'goals' may only order the plan" in str(p)
               for p in problems), problems
