"""In-process measurements: one decision (cold and warm), the evaluators, the scaling, the memory."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from corpus import corpus
from synth import make_scaled

from routewijzer.decide import decision, reference
from routewijzer.decide.decider import Decider
from routewijzer.decide.incident import engine_fact
from routewijzer.decide.whatif import WhatIf
from routewijzer.schemas.request import IncidentSchema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = IncidentSchema()
clock = time.perf_counter


def load(bodies: list[dict]) -> list[tuple]:
    """(incident, provided) as the API hands them to the Decider."""
    return [(SCHEMA.load(b), frozenset(k for k, v in b.items() if v != "unknown")) for b in bodies]


def stats(xs: list[float], cpu: list[float] | None = None) -> dict:
    """Median and p99 of wall-clock time, and of the CPU time of this thread (which a busy machine
    distorts far less: time spent waiting for a core is not in it)."""
    xs = sorted(xs)
    out = {"n": len(xs), "median_us": statistics.median(xs) * 1e6, "p99_us": xs[int(len(xs) * 0.99)] * 1e6}
    if cpu:
        cpu = sorted(cpu)
        out.update(cpu_median_us=statistics.median(cpu) * 1e6, cpu_p99_us=cpu[int(len(cpu) * 0.99)] * 1e6)
    return out


def timed(fn, items) -> dict:
    wall, cpu = [], []
    for item in items:
        c0, t0 = time.thread_time(), clock()
        fn(*item)
        wall.append(clock() - t0)
        cpu.append(time.thread_time() - c0)
    return stats(wall, cpu)


def decisions(n: int = 1000) -> dict:
    """Cold (every call a cache miss) and warm (every call a hit) over the same varied corpus."""
    items = load(corpus(n))
    d = Decider.from_directory(ROOT / "rules")
    for inc, provided in load(corpus(200, seed=7)):  # warm the code paths, not the cache
        d.decide(inc, "nl", provided)
    d.cache.clear()
    misses = d.cache.misses
    cold = timed(lambda inc, p: d.decide(inc, "nl", p), items)
    assert d.cache.misses - misses == len(items), "the cold pass must miss on every incident"
    hits = d.cache.hits
    warm = timed(lambda inc, p: d.decide(inc, "nl", p), items)
    assert d.cache.hits - hits == len(items), "the warm pass must hit on every incident"
    warm_encoded = timed(lambda inc, p: d.decide_json(inc, "nl", p), items)

    # Where the cold time goes: the same steps as Decider.decide_uncached, one at a time.
    c = d.compiled
    facts = [engine_fact(inc) for inc, _ in items]
    firings = [d.engine.evaluate(f) for f in facts]
    parts = {
        "engine (durable-rules)": timed(d.engine.evaluate, [(f,) for f in facts]),
        "assemble": timed(lambda f: decision.assemble(c, f, decision.Texts(c, "nl")), [(f,) for f in firings]),
    }
    statuses = [decision.outcome_by_route(decision.assemble(c, f, decision.Texts(c, "nl"))) for f in firings]
    args = [(inc, p, f, s, decision.Texts(c, "nl"), fact)
            for (inc, p), f, s, fact in zip(items, firings, statuses, facts, strict=False)]
    parts["missing_information (whatif.py, memo empty)"] = timed(WhatIf(c).missing_information, args)
    parts["missing_information (whatif.py, memo as after the cold pass)"] = timed(d.whatif.missing_information, args)
    sub = args[:100]
    parts["missing_information, plain what-if (before), 100 incidents"] = timed(
        lambda inc, p, f, s, t, fact: decision.missing_information(c, inc, p, f, reference.evaluate, s, t), sub)

    evaluators = {
        "durable-rules engine": timed(d.engine.evaluate, [(f,) for f in facts]),
        "reference evaluator (pure Python, rounds to a fixpoint)": timed(
            lambda f: reference.evaluate(c, f), [(f,) for f in facts]),
        "stratified predicates (whatif.py)": timed(d.whatif.evaluate, [(f,) for f in facts]),
    }
    d.close()
    return {"rules": len(c.rules), "version": c.version, "digest": c.digest, "corpus": len(items),
            "cold": cold, "warm": warm, "warm_encoded": warm_encoded, "parts": parts, "evaluators": evaluators}


def scaling(factors=(1, 2, 5, 10), n: int = 300) -> list[dict]:
    """Synthetic rulebooks 1x, 2x, 5x and 10x the engine rules (routes copied under new ids): the build
    (load, validate, compile, register, what-if tables: what a worker does at boot), and the cold cost."""
    items = load(corpus(n))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in factors:
            rules = make_scaled(ROOT / "rules", Path(tmp) / f"rules-{factor}x", factor)
            t0, c0 = clock(), time.process_time()
            try:
                d = Decider.from_directory(rules, cache_size=0)
            except Exception as exc:  # noqa: BLE001 - a size the engine refuses: report it
                out.append({"factor": factor, "error": f"{type(exc).__name__}: {str(exc)[:200]}"})
                continue
            build, build_cpu = clock() - t0, time.process_time() - c0
            try:
                for inc, p in items[:50]:  # warm the code paths (and the what-if memo, as a server would)
                    d.decide(inc, "nl", p)
                facts = [(engine_fact(inc),) for inc, _ in items]
                run = sorted(d.engine.parts_run(f) for (f,) in facts)
                row = {"factor": factor, "rules": len(d.compiled.rules), "routes": len(d.compiled.book.routes),
                       "parts": len(d.compiled.parts), "parts_run": f"{run[len(run) // 2]} / {run[-1]}",
                       "build_ms": build * 1e3, "build_cpu_ms": build_cpu * 1e3,
                       "engine": timed(d.engine.evaluate, facts),
                       "decision": timed(lambda inc, p, d=d: d.decide(inc, "nl", p), items)}
            except Exception as exc:  # noqa: BLE001 - e.g. the engine's match stack (error 303)
                row = {"factor": factor, "error": f"registered ({len(d.compiled.rules):,} rules, {build * 1e3:,.0f} ms) "
                       f"but deciding fails: {type(exc).__name__}: {str(exc)[:160]}"}
            d.close()
            out.append(row)
    return out


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def memory(total: int = 100_000, distinct: int = 1500, engine_runs: int = 10_000) -> dict:
    """RSS over ``total`` decisions drawn at random from ``distinct`` incidents (cache as in production,
    so mostly hits once every incident has been decided), then over ``engine_runs`` evaluations by the
    engine alone (every one a fresh durable-rules session, created and deleted)."""
    items = load(corpus(distinct, seed=11))
    rng = random.Random(5)
    d = Decider.from_directory(ROOT / "rules")
    marks = {"after boot": rss_kb()}
    t0 = clock()
    for i in range(1, total + 1):
        inc, p = items[rng.randrange(distinct)]
        d.decide(inc, "nl", p)
        if i == 10_000:
            marks["after 10k decisions"] = rss_kb()
    marks[f"after {total // 1000}k decisions"] = rss_kb()
    facts = [engine_fact(inc) for inc, _ in items]
    for i in range(engine_runs):
        d.engine.evaluate(facts[i % distinct])
    marks[f"after {engine_runs // 1000}k more engine evaluations"] = rss_kb()
    seconds = clock() - t0
    out = {"marks": marks, "seconds": seconds, "hits": d.cache.hits, "misses": d.cache.misses,
           "cache_entries": len(d.cache), "cache_size": d.cache.size, "distinct": distinct, "total": total,
           "engine_runs": engine_runs}
    d.close()
    return out
