"""The durable-rules wrapper: same answers as the reference, no threads, no leaks, errors surface."""

import threading

import pytest

from routewijzer.decide import reference
from routewijzer.decide.engine import DurableEngine, EngineError
from routewijzer.decide.incident import engine_fact
from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.rulebook import load
from routewijzer.schemas.request import IncidentSchema


@pytest.fixture(scope="module")
def compiled():
    return compile_rulebook(load())


def fact(**kw):
    return engine_fact(IncidentSchema().load(kw))


def test_engine_and_reference_agree_on_an_expose_incident(compiled):
    engine = DurableEngine(compiled)
    f = fact(content_types=["intimate_image", "personal_data"], platform="telegram", victim_age=16,
             group_closed=True, incident_date="2024-03-01", as_of="2026-11-30")
    a, b = engine.evaluate(f), reference.evaluate(compiled, f)
    assert a.fired == b.fired and a.derived == b.derived
    assert "criminal_complaint/sr_285d.in_force.sr_285d" in a.fired
    assert a.derived["csam"] == frozenset({"true"})
    engine.close()


def test_forward_chaining_derives_facts_from_derived_facts(compiled):
    engine = DurableEngine(compiled)
    firing = engine.evaluate(fact(content_types=["intimate_image"], age_when_made=12, victim_age=20))
    assert firing.derived["minor_when_made"] == {"true"} and firing.derived["csam"] == {"true"}
    engine.close()


def test_the_engine_starts_no_threads(compiled):
    before = threading.active_count()
    engines = [DurableEngine(compiled) for _ in range(3)]
    for e in engines:
        e.evaluate(fact(content_types=["threat"]))
    assert threading.active_count() == before
    for e in engines:
        e.close()


def test_more_decisions_than_live_session_slots(compiled):
    """durable-rules allows 1,024 live sessions per ruleset; states are deleted after each decision."""
    engine = DurableEngine(compiled)
    f = fact(content_types=["personal_data"], platform="x")
    first = engine.evaluate(f)
    for _ in range(1500):
        assert engine.evaluate(f) == first
    engine.close()


def test_a_closed_engine_refuses_work(compiled):
    engine = DurableEngine(compiled)
    engine.close()
    with pytest.raises(EngineError):
        engine.evaluate(fact(content_types=["threat"]))


def test_an_exception_inside_an_action_reaches_the_caller(compiled):
    """durable-rules swallows exceptions raised in actions (upstream #305); the wrapper must not."""

    class Failing(DurableEngine):
        def _action(self, rule):
            inner = super()._action(rule)
            if rule.name != "always":
                return inner

            def run(c):
                self._state["fired"] = None  # the wrapped action now fails inside its own body
                inner(c)

            return run

    engine = Failing(compiled)
    with pytest.raises(EngineError, match="rule action failed"):
        engine.evaluate(fact(content_types=["threat"]))
    assert engine.broken
    engine.close()


def test_two_engines_from_one_rulebook_coexist(compiled):
    a, b = DurableEngine(compiled), DurableEngine(compiled)
    assert a.name != b.name
    f = fact(content_types=["extortion"])
    assert a.evaluate(f) == b.evaluate(f)
    a.close()
    assert b.evaluate(f).fired
    b.close()
