"""A rulebook durable-rules cannot evaluate is refused before it serves (linter and reload check).

The synthetic 2x rulebook of bench/synth.py (every route copied) passes the compiler's static layout
bound but overflows durable-rules' match stack (error 303) on incidents with many content types.
"""

import sys
from pathlib import Path

import pytest

from routewijzer.check.smoke import engine_problems, stress_facts
from routewijzer.cli import main
from routewijzer.ops.reload import check_in_subprocess
from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.rulebook import load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from synth import make_scaled  # noqa: E402 - bench/ is not a package


@pytest.fixture(scope="module")
def doubled(tmp_path_factory):
    return make_scaled(ROOT / "rules", tmp_path_factory.mktemp("synth") / "rules", 2)


def test_the_shipped_rulebook_passes_the_engine_stress_corpus():
    compiled = compile_rulebook(load(ROOT / "rules"))
    assert engine_problems(compiled) == []


def test_the_stress_corpus_covers_every_content_type_at_once_and_every_field_value():
    compiled = compile_rulebook(load(ROOT / "rules"))
    facts = stress_facts(compiled)
    assert all(v == "true" for k, v in facts[0].items() if k.startswith("ct_"))
    for field in ("platform", "platform_established", "group_closed", "perpetrator", "platform_response"):
        assert len({f[field] for f in facts}) > 2


def test_an_overflowing_rulebook_is_reported_by_the_linter(doubled, capsys):
    compiled = compile_rulebook(load(doubled))  # the static bound lets it through...
    problems = engine_problems(compiled)  # ...the engine does not
    assert problems and "error code: 303" in problems[0].message
    assert str(problems[0]).startswith("rules/rulebook.yaml:1: durable-rules cannot evaluate this rulebook")
    assert main(["rules", "check", str(doubled)]) == 1
    assert "durable-rules cannot evaluate this rulebook" in capsys.readouterr().out


def test_a_reload_refuses_an_overflowing_rulebook(doubled):
    result = check_in_subprocess(doubled, timeout=60)
    assert result["ok"] is False
    assert any("error code: 303" in p for p in result["problems"])
