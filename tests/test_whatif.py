"""missing_information by dependent rules only (whatif.py) equals the plain what-if over every rule."""

from hypothesis import HealthCheck, given, settings
from test_differential import COMPILED, ENGINE, incidents

from routewijzer.decide import decision, reference
from routewijzer.decide.incident import engine_fact
from routewijzer.decide.whatif import WhatIf, predicate
from routewijzer.rules.conditions import holds
from routewijzer.schemas.request import IncidentSchema

WHATIF = WhatIf(COMPILED)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_the_stratified_evaluator_equals_the_reference_evaluator(raw):
    fact = engine_fact(IncidentSchema().load(raw))
    assert WHATIF.evaluate(fact) == reference.evaluate(COMPILED, fact)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_missing_information_equals_the_plain_what_if(raw):
    incident = IncidentSchema().load(raw)
    provided = frozenset(k for k, v in raw.items() if v != "unknown")
    fact = engine_fact(incident)
    firing = ENGINE.evaluate(fact)
    texts = decision.Texts(COMPILED, "en")
    statuses = decision.outcome_by_route(decision.assemble(COMPILED, firing, texts))
    plain = decision.missing_information(COMPILED, incident, provided, firing, reference.evaluate, statuses, texts)
    assert WHATIF.missing_information(incident, provided, firing, statuses, texts, fact) == plain


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_route_outcomes_decided_without_words_equal_those_of_the_assembled_answer(raw):
    firing = ENGINE.evaluate(engine_fact(IncidentSchema().load(raw)))
    for lang in ("nl", "en"):
        answer = decision.assemble(COMPILED, firing, decision.Texts(COMPILED, lang))
        assert decision.outcomes(COMPILED, firing) == decision.outcome_by_route(answer)
    every = decision.outcomes(COMPILED, firing)
    for rid in every:  # one route at a time (as the what-if asks), with the routes it depends on
        assert decision.outcomes(COMPILED, firing, only={rid})[rid] == every[rid]


def test_an_unanswered_field_that_matters_is_asked_and_one_that_is_answered_is_not():
    raw = {"content_types": ["intimate_image"], "platform": "telegram", "as_of": "2025-03-01"}
    incident = IncidentSchema().load(raw)
    fact = engine_fact(incident)
    firing = ENGINE.evaluate(fact)
    texts = decision.Texts(COMPILED, "en")
    statuses = decision.outcome_by_route(decision.assemble(COMPILED, firing, texts))
    asked = WHATIF.missing_information(incident, frozenset(raw), firing, statuses, texts, fact)
    assert "victim_age" in [q["field"] for q in asked]  # a minor depicted changes the criminal routes
    answered = dict(raw, victim_age=30)
    incident = IncidentSchema().load(answered)
    fact = engine_fact(incident)
    firing = ENGINE.evaluate(fact)
    statuses = decision.outcome_by_route(decision.assemble(COMPILED, firing, texts))
    again = WHATIF.missing_information(incident, frozenset(answered), firing, statuses, texts, fact)
    assert "victim_age" not in [q["field"] for q in again]


def test_predicates_follow_the_conditions_on_missing_and_present_attributes():
    rule = next(r for r in COMPILED.rules if any(a.op == "nex" for t in r.conjunct.get("incident", [])
                                                  for a in t.atoms()))
    pred = predicate(rule)
    fact = engine_fact(IncidentSchema().load({"content_types": ["intimate_image"], "as_of": "2025-03-01"}))
    for f in (fact, dict(fact, victim_age=12, age_when_made=12), dict(fact, victim_age=40, age_when_made=40)):
        assert pred(f, {}) == holds(rule.conjunct, f, {})
