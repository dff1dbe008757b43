"""POST /v1/decisions?explain=true: which conditions held or failed, with the values and the rule file line."""

from __future__ import annotations

from pathlib import Path

from routewijzer.schemas.response import Decision

ROOT = Path(__file__).resolve().parent.parent
TELEGRAM_MINOR = {"content_types": ["intimate_image"], "victim_age": 15, "platform": "telegram",
                  "incident_date": "2024-09-01", "as_of": "2024-09-01"}


def _has_explanation(body) -> bool:
    return any("explanation" in e for e in body["routes"] + body["not_applicable"])


def test_without_explain_the_answer_has_no_explanation(api):
    plain = api.decide(TELEGRAM_MINOR).body
    assert not _has_explanation(plain)
    explicit = api.post_json("/v1/decisions?explain=false", TELEGRAM_MINOR).body
    assert not _has_explanation(explicit)
    for body in (plain, explicit):
        body.pop("decision_id")
    assert plain == explicit


def test_explain_adds_an_explanation_to_every_route_and_exclusion_and_changes_nothing_else(api):
    plain = api.decide(TELEGRAM_MINOR).body
    reply = api.post_json("/v1/decisions?explain=true", TELEGRAM_MINOR)
    assert reply.status == 200
    body = reply.body
    assert body["routes"] and body["not_applicable"]
    for entry in body["routes"] + body["not_applicable"]:
        assert entry["explanation"]["rules"], entry["id"]
        assert all(r["element"].split("/")[0] == entry["id"] for r in entry["explanation"]["rules"])
    stripped = {k: v for k, v in body.items() if k != "decision_id"}
    for entry in stripped["routes"] + stripped["not_applicable"] + stripped["plan"]:
        entry.pop("explanation")
    plain.pop("decision_id")
    assert stripped == plain
    assert Decision().validate(body) == {}


def test_an_exclusion_names_the_failed_condition_its_value_and_the_line_it_was_written_on(api):
    body = api.post_json("/v1/decisions?explain=true", {**TELEGRAM_MINOR, "platform_established": "eu"}).body
    atkm = next(e for e in body["not_applicable"] if e["id"] == "atkm_csam_instruction")
    failed = [r for r in atkm["explanation"]["rules"] if r["effect"] == "requirement_fails" and r["fired"]]
    assert [r["reason"] for r in failed] == ["atkm_only_nl_established"]
    rule = failed[0]
    assert rule["requirement"] == "nl_established"
    # review E06: the Wbaokm addresses the hosting provider, so its establishment decides (the platform's by default)
    deciding = [c for c in rule["conditions"] if c["fact"] == "hosting_establishment" and c["held"]]
    assert deciding and deciding[0]["actual"] == ["eu"], rule["conditions"]
    lines = (ROOT / rule["file"]).read_text(encoding="utf-8").splitlines()
    assert "id: nl_established" in lines[rule["line"] - 1]


def test_an_applicable_route_shows_the_input_values_that_made_it_relevant(api):
    body = api.post_json("/v1/decisions?explain=true", {**TELEGRAM_MINOR, "platform": "other",
                                                        "platform_established": "nl"}).body
    atkm = next(r for r in body["routes"] if r["id"] == "atkm_csam_instruction")
    relevant = next(r for r in atkm["explanation"]["rules"] if r["effect"] == "relevant")
    assert relevant["fired"] is True
    held = [c for c in relevant["conditions"] if c["held"]]
    assert {"fact": "content_types", "test": "includes", "value": "intimate_image",
            "actual": ["intimate_image"], "held": True} in held
    in_force = [r for r in atkm["explanation"]["rules"] if r["effect"] == "in_force"]
    assert in_force and in_force[0]["fired"] and in_force[0]["version"] == "wbaokm"
    date = next(c for c in in_force[0]["conditions"] if c["fact"] == "as_of")
    assert date == {"fact": "as_of", "test": "on_or_after", "value": "2024-07-01", "actual": "2024-09-01", "held": True}


def test_explain_takes_only_true_or_false(api):
    reply = api.post_json("/v1/decisions?explain=yes", TELEGRAM_MINOR)
    assert reply.status == 400
    assert reply.headers["content-type"].startswith("application/problem+json")


def test_explain_says_which_ordering_rules_placed_each_step_of_the_plan(api):
    body = api.post_json("/v1/decisions?explain=true", TELEGRAM_MINOR).body
    steps = {s["id"]: s for s in body["plan"]}
    for step in body["plan"]:
        order_rules = [r for r in step["explanation"]["rules"] if r["effect"] == "order"]
        assert len(order_rules) == len({r["rule"] for r in order_rules})
        assert bool(order_rules) == bool(step["after"]), step
        for r in order_rules:
            assert r["fired"] and r["file"] == "rules/ordering.yaml" and r["line"] > 0
            assert set(r["first"]) <= set(step["after"]) and step["id"] in r["then"]
    evidence = steps["preserve_evidence"]["explanation"]["rules"]
    assert [r["rule"] for r in evidence] == ["step.preserve_evidence"]
    notice = [r["rule"] for r in steps["platform_notice"]["explanation"]["rules"]]
    assert notice == ["order.evidence_before_removal"]
