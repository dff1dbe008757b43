"""Why the engine is partitioned the way it is: the same rulebook registered in four layouts, timed in
alternation on the same incidents (docs/engine.md cites the output).

1. one ruleset for the whole rulebook (the engine before issue 9; refused, or failing to decide with
   error 303, beyond about 25 routes);
2. one ruleset per route after a facts stage, every part run on every incident;
3. the same, each part run only when its gate holds;
4. as built now (rules/network.py): gated parts, rules with one condition merged into one engine rule,
   parts with the same gate packed into one ruleset.

    .venv/bin/python bench/partitions.py
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus

from routewijzer.decide import reference
from routewijzer.decide.engine import DurableEngine, EngineError
from routewijzer.decide.incident import engine_fact
from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.network import Part, partition
from routewijzer.rules.rulebook import load
from routewijzer.schemas.request import IncidentSchema

ROOT = Path(__file__).resolve().parent.parent


def _unshared(part: Part, gate: bool) -> Part:
    return Part(part.name, part.stage, part.rules, part.gate if gate else {}, part.reads, part.writes,
                {r.name: [r] for r in part.rules})


def layouts(compiled) -> dict:
    """name -> a Compiled whose parts are laid out that way (the rules are the same)."""
    whole = Part("whole", 0, compiled.rules, {}, (), ("*",), {r.name: [r] for r in compiled.rules})
    unpacked, _ = partition(compiled.rules, pack=False)
    return {
        "one ruleset for the whole rulebook": dataclasses.replace(compiled, parts=[whole]),
        "a ruleset per route, all run": dataclasses.replace(compiled, parts=[_unshared(p, False) for p in unpacked]),
        "a ruleset per route, run when the gate holds": dataclasses.replace(
            compiled, parts=[_unshared(p, True) for p in unpacked]),
        "as built: gated, one engine rule per condition, same gates packed": compiled,
    }


def measure(rules_dir: Path = ROOT / "rules", n: int = 300, rounds: int = 3) -> list[dict]:
    compiled = compile_rulebook(load(rules_dir))
    facts = [engine_fact(IncidentSchema().load(b)) for b in corpus(n)]
    engines = {}
    for name, c in layouts(compiled).items():
        try:
            engines[name] = DurableEngine(c)
        except Exception as exc:  # noqa: BLE001 - a layout durable-rules refuses: report it
            engines[name] = exc
    for name, e in engines.items():  # every layout decides as the reference evaluator does
        if not isinstance(e, Exception):
            try:
                for f in facts[:50]:
                    got, want = e.evaluate(f), reference.evaluate(compiled, f)
                    assert got.fired == want.fired and got.derived == want.derived, name
            except EngineError as exc:  # registered, but it cannot decide (e.g. error 303, its match stack)
                e.close()
                engines[name] = EngineError(f"registered, but deciding fails: {exc}")
    cpu: dict = {name: [] for name in engines}
    runs: dict = {name: [] for name in engines}
    for _ in range(rounds):  # in alternation, so that a busy machine affects every layout alike
        for name, e in engines.items():
            if isinstance(e, Exception):
                continue
            for f in facts:
                c0 = time.thread_time()
                e.evaluate(f)
                cpu[name].append(time.thread_time() - c0)
                runs[name].append(e.last_parts_run)
    out = []
    for name, e in engines.items():
        if isinstance(e, Exception):
            out.append({"layout": name, "error": str(e)[:160]})
            continue
        xs = sorted(cpu[name])
        out.append({"layout": name, "rulesets": len(e.compiled.parts),
                    "engine_rules": sum(len(p.shared) for p in e.compiled.parts),
                    "run": statistics.median(runs[name]), "median_us": statistics.median(xs) * 1e6,
                    "p99_us": xs[int(len(xs) * 0.99)] * 1e6})
        e.close()
    return out


def table(rows: list[dict]) -> list[str]:
    lines = ["| layout | rulesets | engine rules | rulesets run (median) | engine CPU median | p99 |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['layout']} | - | - | - | refused: {r['error']} | - |")
        else:
            lines.append(f"| {r['layout']} | {r['rulesets']} | {r['engine_rules']} | {r['run']:.0f} "
                         f"| {r['median_us']:,.0f} µs | {r['p99_us']:,.0f} µs |")
    return lines


if __name__ == "__main__":
    print("\n".join(table(measure(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "rules"))))
