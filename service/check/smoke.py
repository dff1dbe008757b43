"""Run a compiled rulebook through durable-rules before it may serve.

The compiler bounds the network of every engine part statically (rules/network.py: an upper bound of
what durable-rules builds and of how many nodes are pending at once while one fact is matched, the
error 303 of its fixed match stack). The model is ours, the limits are the engine's: so before a
rulebook serves, the linter and the reload check also drive the real engine over a stress corpus drawn
from the abstract input space (every content type, every enum value, ages and dates on both sides of
every threshold the rules use) and compare answers with the reference evaluator. A rulebook the engine
cannot evaluate, or evaluates differently, is refused with a ``path:line`` problem (the file of the
engine part that failed), instead of failing requests at run time with 503.
"""

from __future__ import annotations

import random

from ..decide import reference
from ..decide.engine import DurableEngine, EngineError
from ..rules.compiler import Compiled
from ..rules.conditions import flag, set_member
from ..rules.consistency import AUDIENCE_CLOSED, ONLY_WITH
from ..rules.rulebook import Problem
from ..rules.vocabulary import CONTENT_TYPES, INPUT_FIELDS, NUMBER_FIELDS
from .satisfiability import ABSENT, Solver

SEED = 20231011  # the date of the Minister's answer: any fixed seed keeps the corpus reproducible


def stress_facts(compiled: Compiled, random_count: int = 40) -> list[dict]:
    """Engine facts (as incident.engine_fact makes them) that a valid request can produce."""
    domains = Solver(compiled)._domains([])
    numbers = set(NUMBER_FIELDS)
    flags = [k for k in domains if set_member(k) is not None]
    enums = {k: v for k, v in domains.items() if k not in flags and k not in numbers
             and k not in ("incident_day", "as_of_day")}
    ages = [a for a in domains["victim_age"] if a != ABSENT]
    days = list(domains["as_of_day"])
    incident_days = list(domains["incident_day"])

    def valid(fact: dict) -> dict:
        if not any(fact[flag(ct)] == "true" for ct in CONTENT_TYPES):
            fact[flag(CONTENT_TYPES[0])] = "true"
        for name, needed in ONLY_WITH.items():
            if not any(fact[flag(ct)] == "true" for ct in needed):
                fact[name] = INPUT_FIELDS[name]["default"]
        if fact["audience"] in AUDIENCE_CLOSED:  # the schema: a known audience fixes group_closed
            fact["group_closed"] = "true" if AUDIENCE_CLOSED[fact["audience"]] else "false"
        elif fact["group_closed"] == "false":
            fact["audience"] = "public"
        va, am = fact.get("victim_age"), fact.get("age_when_made")
        if va is not None and (am is None or am > va):
            fact["age_when_made"] = va  # the request schema's default and its contradiction rule
        fact["incident_day"] = min(fact["incident_day"], fact["as_of_day"])
        return fact

    base = {k: "true" for k in flags}
    base.update({k: v[0] for k, v in enums.items()})
    base.update({"incident_day": incident_days[-1], "as_of_day": days[-1]})
    out = [valid(dict(base))]
    # every value of every field, with every content type present: the i-th fact takes each field's i-th
    # value (the fields vary together; the random facts below mix them)
    for i in range(1, max(len(v) for v in enums.values())):
        out.append(valid(dict(base, **{name: values[i % len(values)] for name, values in enums.items()})))
    for age in ages:
        out.append(valid(dict(base, victim_age=age, age_when_made=age)))
    for name in numbers - {"victim_age", "age_when_made"}:
        for n in domains[name]:
            if n != ABSENT:
                out.append(valid(dict(base, **{name: n})))
    for day in days:
        out.append(valid(dict(base, as_of_day=day, incident_day=day)))
    rng = random.Random(SEED)
    for _ in range(random_count):
        fact = {k: ("true" if rng.random() < 0.5 else "false") for k in flags}
        fact.update({k: rng.choice(v) for k, v in enums.items()})
        for name in NUMBER_FIELDS:
            n = rng.choice(domains[name])
            if n != ABSENT:
                fact[name] = n
        fact["as_of_day"] = rng.choice(days)
        fact["incident_day"] = rng.choice(incident_days)
        out.append(valid(fact))
    return out


def engine_problems(compiled: Compiled, random_count: int = 40, compared: int = 25,
                    engine: DurableEngine | None = None) -> list[Problem]:
    """Problems found by driving durable-rules over the stress corpus (empty when the engine copes).

    Every fact goes through the engine; the first ``compared`` are also checked against the reference
    evaluator (the differential test in CI covers equivalence at large; this is a quick guard).
    ``engine``: one already registered for ``compiled`` (the reload check's Decider's: registering
    the rulebook once more costs time); else one is registered here, and closed."""
    meta = compiled.book.meta_source.file if compiled.book.meta_source else "rules/rulebook.yaml"
    first = {part.name: part.rules[0] for part in compiled.parts}

    def at(exc: EngineError) -> tuple:
        rule = first.get(exc.part)
        return (rule.file, rule.line) if rule is not None and rule.id != "always" else (meta, 1)

    own = engine is None
    try:
        engine = DurableEngine(compiled) if own else engine
    except EngineError as exc:  # e.g. error 107 (too many rules linked under one node)
        return [Problem(*at(exc), f"durable-rules refuses this rulebook ({exc}): too many rules share one "
                                  f"condition; make conditions more selective or split rules")]
    try:
        for n, fact in enumerate(stress_facts(compiled, random_count)):
            try:
                got = engine.evaluate(fact)
            except EngineError as exc:
                return [Problem(*at(exc), f"durable-rules cannot evaluate this rulebook ({exc}) for the incident "
                                          f"{_show(fact)}: too many conditions match at once; make conditions "
                                          f"more selective (a distinguishing fact first) or split rules")]
            if n >= compared:
                continue
            expected = reference.evaluate(compiled, fact)
            if got.fired != expected.fired or got.derived != expected.derived:
                diff = sorted(got.fired ^ expected.fired)[:5]
                return [Problem(meta, 1, f"durable-rules and the reference evaluator disagree for the incident "
                                          f"{_show(fact)} (rules {', '.join(diff)})")]
    finally:
        if own:
            engine.close()
    return []


def _show(fact: dict) -> str:
    cts = [ct for ct in CONTENT_TYPES if fact.get(flag(ct)) == "true"]
    rest = {k: v for k, v in fact.items() if not k.startswith("ct_")}
    return f"content_types={cts} " + " ".join(f"{k}={v}" for k, v in rest.items())
