"""Differential test: the durable-rules engine and the reference evaluator agree on random incidents,
on the real rulebook and on a synthetic one five times its size (bench/synth.py: routes copied under new
ids), which a single durable-rules ruleset could not hold (docs/engine.md)."""

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routewijzer.decide import decision, reference
from routewijzer.decide.engine import DurableEngine
from routewijzer.decide.incident import engine_fact
from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.consistency import ONLY_WITH
from routewijzer.rules.rulebook import load
from routewijzer.rules.vocabulary import (
    AUDIENCE_SIZE_MAX,
    CONTENT_TYPES,
    ESTABLISHMENTS,
    GOALS,
    INPUT_FIELDS,
    PERPETRATORS,
    PLATFORM_RESPONSES,
    PLATFORMS,
)
from routewijzer.schemas.request import IncidentSchema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from synth import make_scaled  # noqa: E402 - bench/ is not a package

COMPILED = compile_rulebook(load())
ENGINE = DurableEngine(COMPILED)
DAYS = st.dates(dt.date(2019, 6, 1), dt.date(2027, 12, 31))


@st.composite
def incidents(draw):
    cts = draw(st.lists(st.sampled_from(CONTENT_TYPES), min_size=1, max_size=5, unique=True))
    inc = {"content_types": cts}
    as_of = draw(DAYS)
    inc["as_of"] = as_of.isoformat()
    if draw(st.booleans()):
        inc["incident_date"] = draw(st.dates(dt.date(2019, 1, 1), as_of)).isoformat()
    if draw(st.booleans()):
        va = draw(st.integers(0, 120))
        inc["victim_age"] = va
        if draw(st.booleans()):
            inc["age_when_made"] = draw(st.integers(0, va))
    for name, values in (("platform", PLATFORMS), ("platform_established", ESTABLISHMENTS),
                         ("perpetrator", PERPETRATORS), ("platform_response", PLATFORM_RESPONSES)):
        if draw(st.booleans()):
            inc[name] = draw(st.sampled_from(values))
    for name, needed in ONLY_WITH.items():
        if set(cts) & set(needed) and draw(st.booleans()):
            inc[name] = draw(st.sampled_from([v for v in INPUT_FIELDS[name]["values"] if v != "none"]))
    for name, spec in INPUT_FIELDS.items():  # the other v1.1 enums: audience, publication, victim_role, ...
        if spec["kind"] == "enum" and not spec.get("null_default") and name not in inc and name not in ONLY_WITH \
                and draw(st.booleans()):
            inc[name] = draw(st.sampled_from(spec["values"]))
    for name in ("group_closed", "victim_in_crisis", "perpetrator_minor", "victim_has_copy", "in_search_results"):
        if draw(st.booleans()):
            inc[name] = draw(st.booleans())
    if inc.get("audience") not in (None, "unknown") and "group_closed" in inc:
        inc["group_closed"] = inc["audience"] != "public"  # the contract: public <=> group_closed false
    if draw(st.booleans()):
        inc["audience_size"] = draw(st.integers(0, AUDIENCE_SIZE_MAX))
    if draw(st.booleans()):
        inc["goals"] = draw(st.lists(st.sampled_from(GOALS), max_size=3, unique=True))
    return inc


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_durable_engine_equals_reference_evaluator(raw):
    incident = IncidentSchema().load(raw)
    fact = engine_fact(incident)
    durable, ref = ENGINE.evaluate(fact), reference.evaluate(COMPILED, fact)
    assert durable.fired == ref.fired, sorted(durable.fired ^ ref.fired)
    assert durable.derived == ref.derived
    texts = decision.Texts(COMPILED, "nl")
    assert decision.assemble(COMPILED, durable, texts) == decision.assemble(COMPILED, ref, texts)


@pytest.fixture(scope="module")
def five_times(tmp_path_factory):
    compiled = compile_rulebook(load(make_scaled(ROOT / "rules", tmp_path_factory.mktemp("synth") / "rules", 5)))
    assert len(compiled.rules) >= 5 * len(COMPILED.rules) and len(compiled.parts) > len(COMPILED.parts)
    engine = DurableEngine(compiled)
    yield compiled, engine
    engine.close()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(incidents())
def test_durable_engine_equals_reference_evaluator_on_five_times_the_rulebook(five_times, raw):
    compiled, engine = five_times
    fact = engine_fact(IncidentSchema().load(raw))
    durable, ref = engine.evaluate(fact), reference.evaluate(compiled, fact)
    assert durable.fired == ref.fired, sorted(durable.fired ^ ref.fired)
    assert durable.derived == ref.derived


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_platform_gets_exactly_one_profile_on_any_date(platform):
    for day in ("2023-10-11", "2024-05-05", "2024-05-06", "2024-09-22", "2024-09-23", "2026-11-30"):
        firing = ENGINE.evaluate(engine_fact(IncidentSchema().load(
            {"content_types": ["threat"], "platform": platform, "as_of": day})))
        for name in ("platform_cooperation", "profile_establishment", "platform_terms"):
            assert len(firing.derived.get(name, ())) == 1, (platform, day, name, firing.derived.get(name))


def test_every_derived_fact_gets_exactly_one_value():
    for raw in ({"content_types": ["intimate_image"]}, {"content_types": ["threat"], "victim_age": 12},
                {"content_types": ["child_sexual_abuse_material", "intimate_image"], "group_closed": True}):
        firing = ENGINE.evaluate(engine_fact(IncidentSchema().load(raw)))
        for name in COMPILED.derived:
            assert len(firing.derived.get(name, ())) == 1, (raw, name, firing.derived.get(name))
