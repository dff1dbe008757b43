"""A broken rule file stops the boot with path:line messages that name the field."""

import shutil
from pathlib import Path

import pytest

from routewijzer import create_app
from routewijzer.cli import main
from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.rulebook import RulebookError, load

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def _edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_the_shipped_rulebook_loads_and_compiles():
    compiled = compile_rulebook(load(RULES))
    assert compiled.book.routes and compiled.rules


def test_a_misspelt_field_names_file_line_and_field(rules_copy):
    f = rules_copy / "routes" / "atkm_csam_instruction.yaml"
    _edit(f, "fails_with: atkm_only_csam", "fails_wiht: atkm_only_csam")
    with pytest.raises(RulebookError) as err:
        load(rules_copy)
    line = _line_of(f, "fails_wiht")
    assert f"rules/routes/atkm_csam_instruction.yaml:{line}: requires.1.fails_wiht: Unknown field." in str(err.value)


def test_an_unknown_obstacle_is_reported_where_it_is_used(rules_copy):
    f = rules_copy / "routes" / "platform_notice.yaml"
    _edit(f, "obstacle: narrow_terms_of_service", "obstacle: narrow_terms")
    with pytest.raises(RulebookError) as err:
        compile_rulebook(load(rules_copy))
    line = _line_of(f, "obstacle: narrow_terms")
    assert f"rules/routes/platform_notice.yaml:{line}: unknown obstacle 'narrow_terms'" in str(err.value)


def test_an_unknown_fact_in_a_condition_is_reported(rules_copy):
    f = rules_copy / "routes" / "helpwanted.yaml"
    _edit(f, "when: {platform_cooperation: [limited, nonresponsive]}", "when: {platform_coop: limited}")
    with pytest.raises(RulebookError) as err:
        compile_rulebook(load(rules_copy))
    assert f"rules/routes/helpwanted.yaml:{_line_of(f, 'platform_coop')}:" in str(err.value)
    assert "unknown fact 'platform_coop'" in str(err.value)


def test_a_yaml_syntax_error_names_its_line(rules_copy):
    f = rules_copy / "obstacles.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulebookError) as err:
        load(rules_copy)
    assert "rules/obstacles.yaml:" in str(err.value) and "YAML syntax" in str(err.value)


def test_every_problem_is_reported_at_once(rules_copy):
    _edit(rules_copy / "routes" / "helpwanted.yaml", "kind: support", "kind: helpline")
    _edit(rules_copy / "routes" / "crisis_support.yaml", "kind: support", "kind: supportive")
    with pytest.raises(RulebookError) as err:
        load(rules_copy)
    text = str(err.value)
    assert "rules/routes/crisis_support.yaml:" in text and "rules/routes/helpwanted.yaml:" in text


def test_every_reference_problem_is_reported_at_once(rules_copy):
    _edit(rules_copy / "routes" / "helpwanted.yaml", "authority: helpwanted", "authority: nobody")
    _edit(rules_copy / "routes" / "platform_notice.yaml", "obstacle: narrow_terms_of_service", "obstacle: narrow")
    with pytest.raises(RulebookError) as err:
        compile_rulebook(load(rules_copy))
    text = str(err.value)
    assert "unknown authority 'nobody'" in text and "unknown obstacle 'narrow'" in text


def test_the_app_refuses_to_boot_on_a_broken_rulebook(rules_copy):
    _edit(rules_copy / "routes" / "crisis_support.yaml", "kind: support", "kind: supportive")
    with pytest.raises(RulebookError) as err:
        create_app({"RULES_DIR": str(rules_copy)})
    assert "rules/routes/crisis_support.yaml:" in str(err.value) and "kind:" in str(err.value)


def test_the_cli_check_exits_1_and_prints_path_line(rules_copy, capsys):
    _edit(rules_copy / "routes" / "crisis_support.yaml", "kind: support", "kind: supportive")
    assert main(["rules", "check", str(rules_copy)]) == 1
    out = capsys.readouterr().out
    assert "rules/routes/crisis_support.yaml:" in out


def test_the_cli_check_passes_on_the_shipped_rules(capsys):
    assert main(["rules", "check", str(RULES)]) == 0
    assert "ok: rulebook" in capsys.readouterr().out
