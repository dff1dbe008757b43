"""Notes with dated texts: a note says what was known or pending at ``as_of``."""

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


def _note(compiled, as_of: str, nid: str) -> dict:
    incident = {"content_types": ["threat"], "platform_response": "no_response",
                "incident_date": as_of, "as_of": as_of}
    answer = assemble(compiled, evaluate(compiled, engine_fact(incident)), Texts(compiled, "en"))
    return next(n for n in answer["notes"] if n["id"] == nid)


def test_a_note_gives_the_text_of_its_version_in_force_at_as_of(compiled):
    before = _note(compiled, "2024-05-13", "netzdg_superseded")["text"]
    after = _note(compiled, "2024-05-14", "netzdg_superseded")["text"]
    assert "expected to be withdrawn" in before and "Digitale-Dienste-Gesetz" not in before
    assert "Since 14 May 2024" in after


def test_a_note_with_versions_may_not_also_have_its_own_text(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    f = target / "notes.yaml"
    text = f.read_text(encoding="utf-8")
    old = "  - id: dsa_fines\n"
    assert old in text
    f.write_text(text.replace(old, old + "    text: {nl: x, en: x}\n", 1), encoding="utf-8")
    with pytest.raises(RulebookError) as err:
        load(target)
    assert "with versions, text belongs to each version" in str(err.value)
