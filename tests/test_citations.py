"""Citations with official identifiers and a shelf life (rules/citations.yaml), checked by the linter."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from routewijzer.check.lint import lint
from routewijzer.rules.citations import cited_ids, identifier
from routewijzer.rules.rulebook import load

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def rules(tmp_path) -> Path:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "features", tmp_path / "features")
    return tmp_path / "rules"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def entry(cid: str) -> str:
    """The lines of one catalogue entry, as written in rules/citations.yaml."""
    text = (ROOT / "rules" / "citations.yaml").read_text(encoding="utf-8")
    m = re.search(rf"  - id: {cid}\n(?:    .*\n)+", text)
    assert m, cid
    return m.group(0)


def test_every_legal_basis_has_an_identifier_or_a_stated_reason():
    book = load(ROOT / "rules")
    assert set(cited_ids(book)) == set(book.citations)
    for cid, item in book.citations.items():
        found = identifier(item.data)
        assert found or (item.data["no_identifier"]["nl"] and item.data["no_identifier"]["en"]), cid
        assert item.data["source"], cid


def test_a_legal_basis_without_an_entry_is_a_problem_that_says_what_to_add(rules):
    edit(rules / "citations.yaml", entry("sr_285"), "")
    _, problems, _ = lint(rules, allow=("stale",))
    [p] = [str(p) for p in problems if "sr_285'" in str(p)]
    assert p.startswith("rules/routes/criminal_complaint.yaml:")
    assert "add '- id: sr_285'" in p and "bwb:" in p and "no_identifier:" in p and "checked:" in p


def test_a_citation_checked_more_than_a_year_before_the_rulebook_is_stale_and_may_be_allowed(rules):
    old = entry("sr_285")
    edit(rules / "citations.yaml", old, old.replace("checked: 2026-12-01", "checked: 2025-11-29"))
    _, problems, warnings = lint(rules)
    assert any("'sr_285' was last checked on 2025-11-29, more than a year before the rulebook's date 2026-11-30"
               in str(p) for p in problems)
    _, problems, warnings = lint(rules, allow=("stale",))
    assert not any("sr_285" in str(p) for p in problems) and any("sr_285" in str(w) for w in warnings)
    # a day less than a year is not stale
    edit(rules / "citations.yaml", "checked: 2025-11-29", "checked: 2025-12-01")
    _, problems, warnings = lint(rules)
    assert not any("sr_285" in str(p) for p in problems + warnings)


def test_a_citation_that_ended_while_still_cited_without_a_successor_is_stale(rules):
    old = entry("sr_285")
    edit(rules / "citations.yaml", old, old + "    valid_until: 2026-01-01\n")
    _, problems, _ = lint(rules)
    assert any("'sr_285' ended on 2026-01-01 (valid_until) but route 'criminal_complaint' still cites it" in str(p)
               for p in problems)
    # A renumbered article with its successor in force from that day (sr_139h -> sr_254ba) is no problem.
    book = load(ROOT / "rules")
    assert book.citations["sr_139h"] and not any("sr_139h" in str(p) for p in lint(ROOT / "rules")[1])


def test_an_entry_needs_exactly_one_identifier(rules):
    old = entry("sr_285")
    edit(rules / "citations.yaml", old, old.replace("    bwb: BWBR0001854\n", "    bwb: BWBR0001854\n    ecli: "
                                                    "\"ECLI:NL:HR:2005:AU4019\"\n"))
    _, problems, _ = lint(rules)
    assert any(str(p).startswith("rules/citations.yaml:") and
               "give exactly one of bwb, celex, eli, ecli and no_identifier" in str(p) for p in problems)


def test_an_entry_nobody_cites_is_unused(rules):
    edit(rules / "citations.yaml", entry("sr_266"), entry("sr_266") + entry("sr_266").replace("sr_266", "sr_999"))
    _, problems, _ = lint(rules)
    assert [str(p) for p in problems if "sr_999" in str(p)] == [
        f"rules/citations.yaml:{_line_of(rules, 'sr_999')}: citation 'sr_999' is cited by no legal basis of any route"]


def _line_of(rules: Path, cid: str) -> int:
    lines = (rules / "citations.yaml").read_text(encoding="utf-8").splitlines()
    return lines.index(f"  - id: {cid}") + 1


def test_the_rulebook_page_links_the_official_identifiers(app):
    page = app.test_client().get("/rulebook?lang=en").get_data(as_text=True)
    assert 'href="https://wetten.overheid.nl/jci1.3:c:BWBR0001854&amp;artikel=285"' in page
    assert 'href="https://wetten.overheid.nl/jci1.3:c:BWBR0005289&amp;boek=6&amp;artikel=162"' in page
    assert 'href="https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32022R2065"' in page
    assert 'href="https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:HR:2005:AU4019"' in page
    assert "no official identifier: ECLI not verified" in page
    nl = app.test_client().get("/rulebook?lang=nl").get_data(as_text=True)
    assert "geen officiële aanduiding: ECLI niet geverifieerd" in nl and "gecontroleerd op 1 december 2026" in nl
