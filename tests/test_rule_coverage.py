"""CI gate: every rule of the rulebook is exercised by at least one scenario (make coverage-rules)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rule_coverage import measure

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cov():
    return measure()


def test_every_rule_is_exercised_by_a_scenario(cov):
    assert cov.errors == [], cov.errors
    assert cov.scenarios > 0
    assert cov.unexercised == [], "\n" + cov.report().split("\n\nRules and the scenarios")[0]


def test_a_rule_without_a_scenario_is_caught(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    notes = rules / "notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + """
  - id: coverage_probe
    title: {nl: "Probe", en: "Probe"}
    text: {nl: "Probe", en: "Probe"}
    source: "tests/test_rule_coverage.py"
    when: {content_types: terrorist_content, victim_age: {below: 3}}
""", encoding="utf-8")
    cov = measure(rules)
    assert cov.unexercised == ["note.coverage_probe"]
    assert "rules/notes.yaml" in cov.report() and "note.coverage_probe" in cov.report()


def test_the_report_lists_exclusion_reasons(cov):
    assert ("atkm_csam_instruction", "atkm_only_nl_established") in cov.reasons
    assert cov.reasons[("atkm_csam_instruction", "atkm_only_nl_established")], "a scenario produces this reason"
