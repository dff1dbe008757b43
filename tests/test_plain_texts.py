"""The dull parts of plain language, checked on every rulebook: summaries without unexplained
abbreviations, a way to reach every support service, 113 and 0800-0113 in the crisis answer, a no-blame
line where it is due, and a glossary for every term an answer uses.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from routewijzer.decide import decision
from routewijzer.decide.decider import Decider
from routewijzer.decide.decision import current_contact
from routewijzer.rules.plain import PLATFORM_NAMES
from routewijzer.schemas.request import IncidentSchema

# Abbreviations: words with two capitals or more (DSA, ATKM, HvJ), and the short forms of Dutch law.
ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z][a-z]*[A-Z][A-Za-z]*|Sr|Sv|Rv|Stb\.|art\.|jo\.|bijv\.|e\.g\.|i\.e\.)(?![\w])")


@pytest.fixture(scope="module")
def book(app):
    return app.extensions["routewijzer"].decider.compiled.book


def _names(book) -> set[str]:
    """Names of platforms and services, written as their owners write them (TikTok, Meld.Online)."""
    words = set(PLATFORM_NAMES.values())
    for item in book.authorities.values():
        for text in item.data["name"].values():
            words.update(re.findall(r"[\w.]+", text))
    return words


def test_every_route_has_a_summary_without_unexplained_abbreviations(book):
    names, terms = _names(book), set(book.glossary)
    for rid, item in book.routes.items():
        summary = item.data["summary"]
        for lang in ("nl", "en"):
            found = {m.group(0) for m in ABBREVIATION.finditer(summary[lang])} - names
            assert found <= terms, f"{rid} ({lang}): explain {sorted(found - terms)} in rules/glossary.yaml"
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", summary[lang].strip()) if s]
            assert 1 <= len(sentences) <= 4, f"{rid} ({lang}): a summary is two or three sentences"


@pytest.mark.parametrize("as_of", [dt.date(2023, 10, 11), dt.date(2025, 3, 1), dt.date(2026, 11, 30)])
def test_every_support_service_can_be_reached(book, as_of):
    for rid, item in book.routes.items():
        if item.data["kind"] != "support":
            continue
        contact = current_contact(book.authorities[item.data["authority"]].data, as_of)
        assert contact and (contact.get("url") or contact.get("phone")), f"{rid}: no url or phone as of {as_of}"


@pytest.mark.parametrize("as_of, phone", [("2024-03-01", "0800-0113"), ("2026-11-30", "113")])
def test_the_crisis_answer_carries_113_and_0800_0113(api, as_of, phone):
    for lang in ("nl", "en"):
        answer = api.decide({"content_types": ["intimate_image"], "victim_in_crisis": True, "victim_age": 16,
                             "as_of": as_of}, lang=lang).body
        crisis = answer["routes"][0]
        assert crisis["id"] == "crisis_support"
        assert crisis["authority"]["phone"] == phone and crisis["authority"]["url"] == "https://www.113.nl"
        said = " ".join([crisis["title"], crisis["summary"], crisis["authority"]["phone"]])
        assert re.search(r"(?<![\d-])113(?![\d-])", said) and "0800-0113" in said and "112" in said


def test_the_answer_explains_every_glossary_term_it_uses(api, book):
    answer = api.decide({"content_types": ["intimate_image", "personal_data"], "platform": "telegram",
                         "platform_response": "refused", "victim_age": 16, "as_of": "2025-06-01"}, lang="nl").body
    used = {g["term"] for g in answer["glossary"]}
    assert {"DSA", "Sr", "art."} <= used
    everything = " ".join([*(r["title"] for r in answer["routes"]),
                           *(b["citation"] for r in answer["routes"] for b in r["legal_basis"])])
    for term in book.glossary:
        if re.search(rf"(?<![\w.]){re.escape(term)}(?![\w])", everything):
            assert term in used, term
    for g in answer["glossary"]:
        assert g["text"] == book.glossary[g["term"]].data["text"]["nl"]


def test_texts_avoid_the_jargon_a_victim_does_not_know(book):
    jargon = re.compile(r"grondslag|bevoegd|verstrekkingsbevel|dwangsom|oogmerk|peildatum|kort geding", re.I)
    for rid, item in book.routes.items():
        d = item.data
        for text in (d["title"]["nl"], *(r["condition"]["nl"] for r in d["requires"])):
            assert not jargon.search(text), (rid, text)
        # a summary may name the procedure once, explained beside it
        for m in jargon.finditer(d["summary"]["nl"]):
            assert m.group(0).lower() == "kort geding" and "spoedprocedure" in d["summary"]["nl"], (rid, m.group(0))
    for oid, item in book.obstacles.items():
        assert not jargon.search(item.data["text"]["nl"]), (oid, item.data["text"]["nl"])


def _scanned(compiled, answer) -> set:
    """The glossary terms an answer's texts use, scanned afresh (no memo)."""
    terms = sorted(compiled.book.glossary, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w])")
    return {m.group(1) for t in decision.answer_texts(answer) if t for m in pattern.finditer(t)}


def test_each_rulebook_explains_its_own_glossary_terms_found_once_per_text(tmp_path):
    """The terms found in each text are kept with the rulebook: a second rulebook in the same process,
    without one term, does not explain it, and every answer explains what a fresh scan finds."""
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "rules", tmp_path / "rules")
    glossary = tmp_path / "rules" / "glossary.yaml"
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    data["glossary"] = [g for g in data["glossary"] if g["term"] != "DSA"]
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    body = {"content_types": ["intimate_image", "personal_data"], "platform": "telegram",
            "platform_response": "refused", "victim_age": 16, "as_of": "2025-06-01"}
    incident = IncidentSchema().load(body)
    deciders = [Decider.from_directory(root / "rules", cache_size=0),
                Decider.from_directory(tmp_path / "rules", cache_size=0)]
    try:
        for _ in range(2):  # the second time from what each rulebook kept
            for d, has_dsa in zip(deciders, (True, False), strict=True):
                for lang in ("nl", "en"):
                    answer = d.decide(incident, lang, frozenset(body))
                    used = [g["term"] for g in answer["glossary"]]
                    assert ("DSA" in used) == has_dsa
                    assert set(used) == _scanned(d.compiled, answer)
                    assert used == [t for t in d.compiled.book.glossary if t in used]  # the glossary's order
    finally:
        for d in deciders:
            d.close()
