"""Every id of the contract is produced by some scenario, and the OpenAPI document takes the contract's
request vocabulary.

The contract (``docs/contract.md``, the project's copy) names the route ids, the offences of
``criminal_complaint``, the note ids and the obstacle ids (v1 and the v1.1 additions). A scenario
*produces* an id when one of its positive assertions names it (the route "X" applies / is conditional /
is offered / is handled by, the first or last route is "X", cites "Y", warns "Z", is not applicable
because "R", the note "N" is given / mentions). The BDD suite must pass, so a positive assertion in a
scenario means the service really produced that id. The feature files are read, not the results of other
tests, so this test does not depend on test order. Only files inside the repository are read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from routewijzer.rules import gherkin

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"
CONTRACT = ROOT / "docs" / "contract.md"

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


def contract_text() -> str:
    return CONTRACT.read_text(encoding="utf-8")


def _section(text: str, title: str) -> str:
    """The body of the section with this heading, up to the next heading of any level."""
    body = text[text.index(title):]
    body = body[body.index("\n"):]
    end = re.search(r"\n#{2,3} ", body)
    return body if end is None else body[:end.start()]


def contract_ids(text: str) -> dict[str, set]:
    """Route, offence, note and obstacle ids as the contract lists them (v1 and v1.1)."""
    routes = set(re.findall(r"^\| `([a-z0-9_]+)` \| (?:support|platform|criminal|administrative|civil) \|",
                            text, re.MULTILINE))
    offences_par = text[text.index("`criminal_complaint` lists every offence"):]
    offences_par = offences_par[:offences_par.index("\n\n")]
    offences_par += _section(text, "### New offence ids").split("\n\n")[1]
    offences = {i for i in re.findall(r"`([a-z0-9_]+)`", offences_par) if i.startswith("sr_") or i == "terrorist_offence"}

    def ids(*titles: str) -> set:
        return {i for t in titles for i in re.findall(r"`([a-z0-9_]+)`", _section(text, t))}

    notes = {i for i in ids("## Note ids", "### New note ids") if not i.startswith("sr_")}
    obstacles = ids("## Obstacle ids", "### New obstacle ids") - routes  # the example sentence names a route too
    return {"routes": routes, "offences": offences, "notes": notes, "obstacles": obstacles}


def contract_request_fields(text: str) -> dict[str, tuple]:
    """Request field -> its enum values ((): not an enum), from the request tables of v1 and v1.1."""
    out: dict[str, tuple] = {}
    for title, column in (("## POST /v1/decisions", 3), ("### New optional request fields", 2)):
        for line in _section(text, title).splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            m = re.fullmatch(r"`([a-z_]+)`", cells[0])
            if not m or len(cells) <= column:
                continue
            values = tuple(re.findall(r"`([a-z0-9_]+)`", cells[column]))
            same = re.fullmatch(r"as `([a-z_]+)`", cells[column])
            out[m.group(1)] = out[same.group(1)] if same else values
    content = re.search(r"`content_types` values: (.*?)\.\n", text, re.DOTALL).group(1)
    out["content_types"] = tuple(re.findall(r"`([a-z0-9_]+)`", content))
    gained = re.search(r"`hate_ground` gains the value `([a-z_]+)`", text).group(1)
    out["hate_ground"] += (gained,)
    return out


def test_the_contract_lists_what_this_test_expects():
    text = contract_text()
    ids = contract_ids(text)
    assert len(ids["routes"]) == 27 and {"hash_blocking_adult", "veilig_thuis"} <= ids["routes"]
    assert {"sr_139h", "sr_254ba", "sr_252", "terrorist_offence", "sr_137e"} <= ids["offences"]
    assert {"vaw_directive", "bill_36510_sex_ground"} <= ids["notes"]
    assert {"public_element_required", "no_eio_with_ireland"} <= ids["obstacles"]
    assert "atkm_csam_instruction" not in ids["obstacles"]
    request = contract_request_fields(text)
    assert len(request) == 12 + 15
    assert request["platform_response"] == ("not_reported", "pending", "removed", "refused", "no_response")
    assert request["hosting_established"] == request["platform_established"]
    assert "gender_identity" in request["hate_ground"] and request["victim_age"] == ()


def test_the_openapi_document_takes_the_contracts_request_vocabulary():
    incident = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["components"]["schemas"]["Incident"]
    props = incident["properties"]
    request = contract_request_fields(contract_text())
    assert set(props) == set(request), sorted(set(props) ^ set(request))
    assert incident["required"] == ["content_types"]
    for name, values in request.items():
        prop = props[name].get("items", props[name])
        if values:
            assert set(prop["enum"]) == set(values), name
        else:
            assert "enum" not in prop, name


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


@pytest.mark.parametrize("kind,produced_as", [("routes", "routes"), ("offences", "legal_basis"),
                                              ("notes", "notes"), ("obstacles", "obstacles")])
def test_every_contract_id_is_produced_by_some_scenario(kind, produced_as):
    wanted = contract_ids(contract_text())[kind]
    missing = sorted(wanted - produced_by_scenarios()[produced_as])
    assert not missing, f"{kind} of the contract that no scenario produces: {missing}"


def test_a_negative_assertion_does_not_count_as_produced():
    feature = gherkin.parse(
        'Feature: x\n  Scenario: y\n    Then the route "a" does not cite "sr_999"\n'
        '    And the route "b" is not offered\n    And the note "n" is not given\n'
        '    And the route "c" does not warn "o"\n', "x.feature")
    texts = [t for s in feature.scenarios for _, t in s.lines()]
    assert not any(p.match(t) for t in texts for p, _ in POSITIVE)
