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


# -- rule-file bombs (issue 15): plain YAML only, a cap on values, a limited reload subprocess -------


def _route_file(rules: Path) -> Path:
    return min((rules / "routes").glob("*.yaml"))


# Nine times nine times ... : 531,441 values from 300 bytes (the review's nine levels grew to 2.4 GiB).
BOMB = "".join(f"b{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 9)}]\n" for i in range(1, 7))


@pytest.mark.parametrize("addition,message", [
    ("shared: &s [a]\nagain: *s\n", "anchors (&s) are not allowed"),
    ("loop: &l [*l]\n", "anchors (&l) are not allowed"),
    ("b0: &b0 [lol]\n" + BOMB, "anchors (&b0) are not allowed"),
    ("odd: !!python/tuple [1, 2]\n", "tags (tag:yaml.org,2002:python/tuple) are not allowed"),
    ("odd: !!str plain\n", "are not allowed"),
    ("odd: !custom x\n", "tags (!custom) are not allowed"),
], ids=["alias", "recursive alias", "alias bomb", "python tag", "standard tag", "local tag"])
def test_anchors_aliases_and_tags_are_refused_with_path_and_line(rules_copy, addition, message):
    route = _route_file(rules_copy)
    before = len(route.read_text(encoding="utf-8").splitlines())
    route.write_text(route.read_text(encoding="utf-8") + addition, encoding="utf-8")
    with pytest.raises(RulebookError) as exc:
        load(rules_copy)
    hits = [str(p) for p in exc.value.problems if message in str(p)]
    assert hits and hits[0].startswith(f"rules/routes/{route.name}:{before + 1}:"), exc.value.problems


def test_an_alias_on_its_own_is_refused_where_it_stands(rules_copy):
    from routewijzer.rules import yamlsource

    with pytest.raises(yamlsource.YamlSyntaxError, match=r"aliases \(\*x\)") as exc:
        yamlsource.load("a: 1\nb: *x\n")
    assert exc.value.line == 2


def test_a_rule_file_with_too_many_values_is_refused(rules_copy):
    from routewijzer.rules.yamlsource import MAX_NODES

    route = _route_file(rules_copy)
    route.write_text(route.read_text(encoding="utf-8") + "padding:\n" + "  - x\n" * MAX_NODES, encoding="utf-8")
    with pytest.raises(RulebookError) as exc:
        load(rules_copy)
    assert any(f"more than {MAX_NODES} values" in str(p) for p in exc.value.problems)


def test_a_reload_of_an_alias_bomb_is_refused_quickly_and_the_old_rulebook_serves(rules_copy):
    app = create_app({"RULES_DIR": rules_copy, "ADMIN_TOKEN": "t" * 32, "RELOAD_TIMEOUT": 15})
    client = app.test_client()
    before = client.get("/v1/health").json["rulebook"]
    route = _route_file(rules_copy)
    route.write_text(route.read_text(encoding="utf-8") + "b0: &b0 [lol]\n" + BOMB, encoding="utf-8")
    r = client.post("/v1/admin/reload", headers={"Authorization": "Bearer " + "t" * 32})
    assert r.status_code == 422
    assert any(p.startswith(f"rules/routes/{route.name}:") and "not allowed" in p for p in r.json["errors"]["rules"])
    assert client.get("/v1/health").json["rulebook"] == before


def test_the_reload_subprocess_is_limited_in_memory(rules_copy):
    from routewijzer.ops.reload import check_in_subprocess

    result = check_in_subprocess(rules_copy, 20, memory_mib=24)
    assert not result["ok"] and "more than 24 MiB" in result["problems"][0]
    assert result["problems"][0].startswith("rules/rulebook.yaml:1:")


def test_the_limits_hold_inside_the_subprocess():
    import subprocess
    import sys

    code = ("from routewijzer.ops.reload import limit_self; limit_self(256, 5)\n"
            "try:\n    bytearray(512 << 20)\nexcept MemoryError:\n    print('refused')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "refused", done.stderr
