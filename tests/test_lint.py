"""The rule linter (make lint-rules) on a rulebook with a mistake of every kind, and on the real one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from routewijzer.check.editor_schema import schema_json
from routewijzer.check.lint import lint
from routewijzer.cli import main
from routewijzer.rules.vocabulary import CONTENT_TYPES

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "broken"
SCHEMA_FILE = ROOT / "schemas" / "rulefile.schema.json"
HEADER = "# yaml-language-server: $schema="

EXPECTED = [
    # schema errors
    "rules/routes/beta.yaml:3: legal_basis: Missing data for required field.",
    "rules/routes/beta.yaml:3: source: Missing data for required field.",
    "rules/routes/gamma.yaml:3: kind: Must be one of",
    # unknown ids
    "rules/routes/alpha.yaml:4: unknown authority 'nobody'",
    "rules/routes/alpha.yaml:15: unknown obstacle 'no_such_obstacle'",
    "rules/rulebook.yaml:6: route_order names 'ghost', which has no route file",
    "features/alpha.feature:6: scenario 'names ids the rulebook does not have': unknown legal basis of route 'alpha' 'no_such_basis'",
    "features/alpha.feature:7: scenario 'names ids the rulebook does not have': unknown obstacle 'no_such_warning'",
    "features/alpha.feature:8: scenario 'names ids the rulebook does not have': unknown route 'omega'",
    "features/alpha.feature:13: scenario 'names plan steps the rulebook does not have': unknown plan step 'nowhere'",
    "rules/ordering.yaml:15: ordering rule 'to_nowhere': unknown step 'nowhere'",
    # the plan's ordering rules must leave an order for every incident
    "rules/ordering.yaml:3: ordering rules form a cycle: alpha before keep before alpha (rules alpha_before_keep, "
    "keep_first)",
    # unused ids
    "rules/authorities.yaml:6: authority 'idle_body' is not the authority of any route",
    "rules/obstacles.yaml:7: obstacle 'never_used_obstacle' is never used",
    "rules/facts/orphan.yaml:2: derived fact 'orphan' is not used in any condition",
    # duplicate ids
    "rules/authorities.yaml:9: duplicate authority id 'police' (also at rules/authorities.yaml:3)",
    # contact details
    "rules/authorities.yaml:18: contact periods overlap",
    "rules/facts/age_band.yaml:12: duplicate rule id 'young' in fact 'age_band' (also at line 6)",
    # overlapping validity periods
    "rules/routes/alpha.yaml:31: validity periods of 'old_article' and 'new_article' (alpha/offence) overlap, "
    "e.g. for content_types=[threat], incident_date=2022-01-01",
    # conditions that can never hold
    "rules/routes/alpha.yaml:16: condition can never hold for any valid incident (alpha.obstacle.reason_x)",
    # rules that fire together with contradictory outcomes
    "rules/routes/alpha.yaml:9: requirement 'closed' of alpha: holds_when and fails_when both hold, "
    "e.g. for content_types=[threat], group_closed=true",
    "rules/facts/age_band.yaml:6: derived fact 'age_band' gets both 'young' and 'old', e.g. for",
    # durable-rules layout limits
    "rules/facts/age_step.yaml:196: engine part facts: 72 conditions matching at once (at 'fact.age_step.below_64')",
]


@pytest.fixture(scope="module")
def broken_report():
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["rules", "check", str(BROKEN / "rules")])
    return status, out.getvalue().splitlines(), err.getvalue()


def test_the_linter_fails_on_the_broken_rulebook(broken_report):
    status, lines, err = broken_report
    assert status == 1
    assert f"{len(lines)} problem(s)" in err


@pytest.mark.parametrize("expected", EXPECTED)
def test_the_linter_reports_every_problem_with_path_and_line(broken_report, expected):
    _, lines, _ = broken_report
    assert any(expected in line for line in lines), "\n".join(lines)


def test_every_reported_problem_names_a_file_and_line(broken_report):
    _, lines, _ = broken_report
    for line in lines:
        path, lineno, message = line.split(":", 2)
        assert path and lineno.isdigit() and message.strip(), line


def test_allowed_categories_become_warnings():
    _, problems, warnings = lint(BROKEN / "rules", BROKEN / "features", allow=("unused",))
    assert any("idle_body" in str(w) for w in warnings)
    assert not any("idle_body" in str(p) for p in problems)


def test_the_real_rulebook_has_no_errors():
    compiled, problems, warnings = lint(ROOT / "rules", ROOT / "features")
    assert compiled is not None and problems == [] and warnings == [], problems


# ---------------------------------------------------------------------------------------------------
# Editor support: the JSON Schema generated from schemas/rulefile.py


def _rule_files():
    return sorted((ROOT / "rules").rglob("*.yaml")) + sorted((BROKEN / "rules").rglob("*.yaml"))


def _as_editor_sees_it(value):
    """YAML as the YAML language server reads it (YAML 1.2: dates are strings)."""
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_editor_schema_matches_the_marshmallow_schemas():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "schemas/rulefile.schema.json is out of date: run 'make rules-schema' and commit it")


@pytest.mark.parametrize("path", _rule_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_rule_file_points_editors_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(HEADER), f"{path}: the first line must be '{HEADER}...'"
    target = (path.parent / first[len(HEADER):].strip()).resolve()
    assert target == SCHEMA_FILE.resolve(), f"{path}: $schema points at {target}"


@pytest.mark.parametrize("path", sorted((ROOT / "rules").rglob("*.yaml")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_editor_schema_accepts_every_real_rule_file(path, validator):
    data = _as_editor_sees_it(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("name, expected", [
    ("routes/beta.yaml", "'legal_basis' is a required property"),
    ("routes/beta.yaml", "'source' is a required property"),
    ("routes/gamma.yaml", "'bogus' is not one of"),
    ("obstacles.yaml", None),
])
def test_the_editor_schema_flags_the_broken_files(name, expected, validator):
    data = _as_editor_sees_it(yaml.safe_load((BROKEN / "rules" / name).read_text(encoding="utf-8")))
    errors = [e.message for e in validator.iter_errors(data)]
    if expected is None:
        assert errors == []
    else:
        assert any(expected in e for e in errors), errors


def test_the_editor_schema_rejects_unknown_keys_and_bad_dates(validator):
    route = _as_editor_sees_it(yaml.safe_load((ROOT / "rules" / "routes" / "atkm_csam_instruction.yaml").read_text()))
    route["legal_basis"][0]["valid_from"] = "1 July 2024"
    route["autority"] = "atkm"
    errors = [e.message for e in validator.iter_errors(route)]
    assert any("1 July 2024" in e for e in errors), errors
    assert any("autority" in e for e in errors), errors


# ---------------------------------------------------------------------------------------------------
# "Can never hold" is exact: it knows what the request schema guarantees about every incident.


@pytest.fixture(scope="module")
def compiled():
    from routewijzer.rules.compiler import compile_rulebook
    from routewijzer.rules.rulebook import load

    return compile_rulebook(load(ROOT / "rules"))


@pytest.mark.parametrize("when, impossible", [
    ("{victim_age: {below: 10}, age_when_made: {at_least: 12}}", True),  # made later than now
    ("{victim_age: {at_least: 18}, age_when_made: unknown}", True),  # defaults to the victim's age
    ("{victim_age: {below: 10}, age_when_made: {above: 8}}", False),  # 9 and 9
    ("{victim_age: {below: 10}, age_when_made: {above: 9}}", True),
    ("{hate_ground: race, content_types: {excludes: [discriminatory_insult, incitement_to_hatred]}}", True),
    ("{hate_ground: race, content_types: incitement_to_hatred}", False),
    ("{incident_date: {on_or_after: 2025-01-01}, as_of: {before: 2025-01-01}}", True),  # after as_of
    ("{incident_date: {before: 2025-01-01}, as_of: {on_or_after: 2025-01-01}}", False),
    ("{incident_date: {on_or_after: 2025-03-07}, as_of: {before: 2025-03-08}}", False),  # the same day
    ("{as_of: {before: 2000-01-01}}", True),  # the request schema's earliest as_of
    ("{content_types: {excludes: [" + ", ".join(CONTENT_TYPES) + "]}}", True),  # at least one content type
])
def test_impossible_conditions_are_found_exactly(compiled, when, impossible):
    from routewijzer.check.satisfiability import Solver
    from routewijzer.rules.conditions import Parser

    tree = Parser(compiled.derived).parse(yaml.safe_load(when))
    solver = Solver(compiled, extra=(tree,))
    witness = solver.solve(solver.tree(tree))
    assert (witness is None) == impossible, str(witness)
