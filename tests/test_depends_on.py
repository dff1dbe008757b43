"""``depends_on``: a route that needs another route's outcome (art. 125p and 126n Sv need a suspected crime)."""

import shutil
from pathlib import Path

import pytest

from routewijzer.decide.decision import Texts, assemble
from routewijzer.decide.incident import engine_fact
from routewijzer.decide.reference import evaluate
from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.rulebook import RulebookError, load

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture(scope="module")
def compiled():
    return compile_rulebook(load(RULES))


def _decide(compiled, **incident):
    incident.setdefault("incident_date", "2026-01-10")
    incident.setdefault("as_of", "2026-01-10")
    return assemble(compiled, evaluate(compiled, engine_fact(incident)), Texts(compiled, "en"))


def _status(answer, rid):
    for r in answer["routes"]:
        if r["id"] == rid:
            return r["status"], [o for o in r["conditions"]]
    for e in answer["not_applicable"]:
        if e["id"] == rid:
            return "excluded", [o["id"] for o in e["reasons"]]
    return None, []


def test_a_dependent_route_is_excluded_with_the_reasons_of_the_route_it_depends_on(compiled):
    answer = _decide(compiled, content_types=["discriminatory_insult"], hate_ground="sex", group_closed=False)
    assert _status(answer, "criminal_complaint") == ("excluded", ["sex_not_ground_for_group_insult"])
    assert _status(answer, "takedown_order") == ("excluded", ["sex_not_ground_for_group_insult"])


def test_a_dependent_route_inherits_the_conditions_of_the_route_it_depends_on(compiled):
    answer = _decide(compiled, content_types=["call_to_violence"], platform_established="nl")
    status, conditions = _status(answer, "takedown_order")
    assert status == "conditional"
    assert _status(answer, "criminal_complaint")[1][0] in conditions


def test_a_dependent_route_applies_when_both_apply(compiled):
    answer = _decide(compiled, content_types=["threat"], platform_established="nl")
    assert _status(answer, "takedown_order")[0] == "applicable"


def test_depends_on_must_name_a_route_listed_earlier(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    f = target / "routes" / "takedown_order.yaml"
    f.write_text(f.read_text().replace("depends_on: criminal_complaint", "depends_on: victim_support"))
    with pytest.raises(RulebookError) as err:
        compile_rulebook(load(target))
    assert "depends_on names 'victim_support'" in str(err.value)
