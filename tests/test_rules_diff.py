"""`routewijzer rules diff`: a rulebook against itself changes nothing; a one-line change is found and named.

The history tests build a small git repository (the real rules and scenarios, then a one-line change) so
that git revisions are read as `rules diff` and `decide --rules` read them from the project's history.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from routewijzer.check.impact import compare, dimensions, generated_incidents
from routewijzer.cli import main
from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.rulebook import DEFAULT_RULES_DIR, load

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "routewijzer.cli"]
ROUTE = DEFAULT_RULES_DIR / "routes" / "atkm_csam_instruction.yaml"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.org",
                           *args], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A repository whose last commit changes one line: the ATKM route's authority."""
    repo = tmp_path_factory.mktemp("history")
    shutil.copytree(DEFAULT_RULES_DIR, repo / "rules")
    shutil.copytree(ROOT / "features", repo / "features")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "the rulebook")
    route = repo / "rules" / "routes" / ROUTE.name
    text = route.read_text(encoding="utf-8")
    assert text.count("\nauthority: atkm\n") == 1
    route.write_text(text.replace("\nauthority: atkm\n", "\nauthority: police\n"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "the ATKM route handled by the police (a mistake to catch)")
    return repo


def test_a_rulebook_against_itself_exits_0(capsys):
    assert main(["rules", "diff", str(DEFAULT_RULES_DIR), str(DEFAULT_RULES_DIR)]) == 0
    out = capsys.readouterr().out
    assert "No answer changes." in out
    corpus = re.search(r"Corpus: (\d+) incidents \((\d+) from scenarios, (\d+) generated\)", out)
    assert corpus and int(corpus.group(2)) > 100 and int(corpus.group(3)) > 100, out


def test_a_changed_authority_exits_1_and_names_the_route_with_a_count_and_an_example(history, monkeypatch, capsys):
    monkeypatch.chdir(history)  # git revisions are those of the repository around the current directory
    assert main(["rules", "diff", "HEAD~1", "HEAD", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    change = next(c for c in report["changes"] if c["path"] == ["routes", "atkm_csam_instruction", "authority", "id"])
    assert (change["old"], change["new"], change["change"]) == ('"atkm"', '"police"', "changed")
    assert change["count"] >= 1 and change["count"] <= report["changed_incidents"]
    assert "intimate_image" in json.dumps(change["example"]["incident"]) or \
        "child_sexual_abuse_material" in json.dumps(change["example"]["incident"])
    # Nothing else changed but what follows from the authority: its name, and the competent authorities.
    assert {c["path"][0] for c in report["changes"]} <= {"routes", "competent_authorities"}
    assert {tuple(c["path"][:2]) for c in report["changes"] if c["path"][0] == "routes"} == \
        {("routes", "atkm_csam_instruction")}

    assert main(["rules", "diff", "HEAD~1", "HEAD"]) == 1
    markdown = capsys.readouterr().out
    line = next(x for x in markdown.splitlines() if "atkm_csam_instruction › authority › id" in x)
    assert '"atkm" → "police"' in line and f"{change['count']} incident" in line and "e.g." in line


def test_decide_replays_a_revision_of_the_history(history):
    body = json.dumps({"content_types": ["child_sexual_abuse_material"], "platform_established": "nl",
                       "as_of": "2026-11-30"})
    answers = {}
    for rev in ("HEAD~1", "HEAD"):
        done = subprocess.run(CLI + ["decide", "--rules", rev], cwd=history, input=body, capture_output=True,
                              text=True, check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        answers[rev] = json.loads(done.stdout)
    old, new = answers["HEAD~1"], answers["HEAD"]
    authority = {a["rulebook"]["digest"]: next(r["authority"]["id"] for r in a["routes"]
                                               if r["id"] == "atkm_csam_instruction") for a in (old, new)}
    assert authority == {old["rulebook"]["digest"]: "atkm", new["rulebook"]["digest"]: "police"}
    # The revision's rulebook is the rulebook of those files: its digest is the one a server gave then.
    assert old["rulebook"]["digest"] == compile_rulebook(load(DEFAULT_RULES_DIR)).digest


def test_a_broken_side_or_an_unknown_revision_exits_2(tmp_path):
    broken = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, broken)
    (broken / "routes" / ROUTE.name).write_text("route: [", encoding="utf-8")
    assert main(["rules", "diff", str(DEFAULT_RULES_DIR), str(broken)]) == 2
    assert main(["rules", "diff", "no-such-revision", str(DEFAULT_RULES_DIR)]) == 2


def test_the_generated_corpus_covers_every_value_and_both_sides_of_every_threshold():
    book = compile_rulebook(load(DEFAULT_RULES_DIR))
    content_types, dims = dimensions([book])
    corpus = generated_incidents([book], __import__("datetime").date(2026, 11, 30))
    for ct in content_types:
        assert any(b["content_types"] == [ct] for b in corpus)
    for name, values in dims.items():
        for value in values:
            assert any(b.get(name) == value for b in corpus), (name, value)
    assert {17, 18} <= set(dims["victim_age"])  # the age of majority, both sides
    assert {"2024-06-30", "2024-07-01"} <= set(dims["incident_date"])  # art. 254ba Sr from 1 July 2024


def test_answers_are_compared_by_id_and_order_is_a_change_of_its_own():
    old = {"routes": [{"id": "a", "status": "applicable"}, {"id": "b", "status": "applicable"}], "notes": []}
    new = {"routes": [{"id": "b", "status": "conditional"}, {"id": "a", "status": "applicable"}],
           "notes": [{"id": "n"}], "plan": [{"id": "x", "order": 1}]}
    changes = compare(old, new)
    assert (("routes", "b", "status"), "changed", '"applicable"', '"conditional"') in changes
    assert (("routes",), "order", "a, b", "b, a") in changes
    assert (("notes", "n"), "added", None, "{id: n}") in changes
    assert (("plan",), "added", None, json.dumps([{"id": "x", "order": 1}])) in changes
    assert compare(new, new) == []
