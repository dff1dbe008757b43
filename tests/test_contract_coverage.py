"""Every id of the contract is produced by some scenario.

The contract (``../shared/contract.md`` beside the repository, as in CI) names the route ids, the
offences of ``criminal_complaint``, the note ids and the obstacle ids. A scenario *produces* an id when
one of its positive assertions names it (the route "X" applies / is conditional / is offered / is
handled by, the first or last route is "X", cites "Y", warns "Z", is not applicable because "R", the
note "N" is given / mentions). The BDD suite must pass, so a positive assertion in a scenario means the
service really produced that id. The feature files are read, not the results of other tests, so this
test does not depend on test order.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from routewijzer.rules import gherkin

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"

_ROUTE = r'the route "([a-z0-9_]+)"'
POSITIVE = [
    (re.compile(rf'^{_ROUTE} (?:applies|is conditional|is offered|is handled by "[a-z0-9_]+")$'), "routes"),
    (re.compile(r'^the (?:first|last) route is "([a-z0-9_]+)"$'), "routes"),
    (re.compile(rf'^{_ROUTE} comes before {_ROUTE}$'), "routes"),
    (re.compile(r'^step "([a-z0-9_]+)" comes before "([a-z0-9_]+)"$'), "routes"),  # plan steps: routes offered
    (re.compile(rf'^{_ROUTE} cites "([a-z0-9_]+)"$'), "legal_basis"),
    (re.compile(rf'^{_ROUTE} warns "([a-z0-9_]+)"$'), "obstacles"),
    (re.compile(rf'^{_ROUTE} is not applicable because "([a-z0-9_]+)"$'), "obstacles"),
    (re.compile(r'^the note "([a-z0-9_]+)" (?:is given|mentions ".*")$'), "notes"),
]


def contract_path() -> Path:
    env = os.environ.get("ROUTEWIJZER_CONTRACT")
    if env:
        return Path(env)
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "contract.md"
        if candidate.is_file():
            return candidate
    raise AssertionError(f"contract.md not found in ../shared beside {ROOT} (set ROUTEWIJZER_CONTRACT)")


def contract_ids(text: str) -> dict[str, set]:
    """Route, offence, note and obstacle ids as the contract lists them."""
    routes = set(re.findall(r"^\| `([a-z0-9_]+)` \| (?:support|platform|criminal|administrative|civil) \|",
                            text, re.MULTILINE))
    offences_par = text[text.index("`criminal_complaint` lists every offence"):]
    offences_par = offences_par[:offences_par.index("\n\n")]
    offences = {i for i in re.findall(r"`([a-z0-9_]+)`", offences_par) if i.startswith("sr_") or i == "terrorist_offence"}

    def section(title: str) -> set:
        body = text[text.index(title):]
        body = body[body.index("\n"):]
        end = body.find("\n## ")
        return set(re.findall(r"`([a-z0-9_]+)`", body if end < 0 else body[:end]))

    notes = section("## Note ids")
    obstacles = section("## Obstacle ids") - routes  # the example sentence names a route too
    return {"routes": routes, "offences": offences, "notes": notes, "obstacles": obstacles}


def produced_by_scenarios() -> dict[str, set]:
    out: dict[str, set] = {"routes": set(), "legal_basis": set(), "obstacles": set(), "notes": set()}
    for feature in gherkin.parse_dir(FEATURES, ROOT):
        for scenario in feature.scenarios:
            for _, text in scenario.lines():
                for pattern, kind in POSITIVE:
                    m = pattern.match(text.strip())
                    if m:
                        groups = m.groups()
                        if kind == "routes":
                            out["routes"].update(groups)
                        else:
                            out[kind].add(groups[-1])
                        break
    return out


def test_the_contract_lists_what_this_test_expects():
    ids = contract_ids(contract_path().read_text(encoding="utf-8"))
    assert len(ids["routes"]) == 17
    assert {"sr_139h", "sr_254ba", "sr_252", "terrorist_offence"} <= ids["offences"]
    assert "vaw_directive" in ids["notes"] and "public_element_required" in ids["obstacles"]
    assert "atkm_csam_instruction" not in ids["obstacles"]


@pytest.mark.parametrize("kind,produced_as", [("routes", "routes"), ("offences", "legal_basis"),
                                              ("notes", "notes"), ("obstacles", "obstacles")])
def test_every_contract_id_is_produced_by_some_scenario(kind, produced_as):
    wanted = contract_ids(contract_path().read_text(encoding="utf-8"))[kind]
    missing = sorted(wanted - produced_by_scenarios()[produced_as])
    assert not missing, f"{kind} of the contract that no scenario produces: {missing}"


def test_a_negative_assertion_does_not_count_as_produced():
    feature = gherkin.parse(
        'Feature: x\n  Scenario: y\n    Then the route "a" does not cite "sr_999"\n'
        '    And the route "b" is not offered\n    And the note "n" is not given\n'
        '    And the route "c" does not warn "o"\n', "x.feature")
    texts = [t for s in feature.scenarios for _, t in s.lines()]
    assert not any(p.match(t) for t in texts for p, _ in POSITIVE)
