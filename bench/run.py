"""make bench: every measurement of bench/README.md, printed as Markdown (and saved to bench/last-run.md).

    .venv/bin/python bench/run.py            # everything (about 4 minutes on 2 cores)
    BENCH_QUICK=1 .venv/bin/python bench/run.py   # a smoke run with small numbers
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load
import inprocess
import partitions
from synth import make_scaled

ROOT = Path(__file__).resolve().parent.parent
QUICK = os.environ.get("BENCH_QUICK") == "1"
lines: list[str] = []


def say(text: str = "") -> None:
    print(text, flush=True)
    lines.append(text)


def us(x: float) -> str:
    return f"{x:,.0f} µs" if x < 10_000 else f"{x / 1000:,.1f} ms"


def cols(s: dict) -> str:
    """median | p99 (wall clock) | median | p99 (CPU time of the thread)"""
    return (f"{us(s['median_us'])} | {us(s['p99_us'])} | {us(s['cpu_median_us'])} | {us(s['cpu_p99_us'])}")


def machine() -> None:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace").splitlines()
    meminfo = Path("/proc/meminfo").read_text(encoding="ascii").splitlines()
    cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) // 1024 for ln in meminfo if ln.startswith("MemTotal")), 0)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    say("## Machine")
    say()
    say(f"- {os.cpu_count()} CPUs ({cpu}), {mem:,} MB RAM, {platform.system()} {platform.release()}")
    say(f"- CPython {platform.python_version()}, durable-rules {metadata.version('durable_rules')}, "
        f"Flask {metadata.version('flask')}, gunicorn {metadata.version('gunicorn')}, "
        f"marshmallow {metadata.version('marshmallow')}")
    say(f"- commit {commit}; load average at start {os.getloadavg()[0]:.2f} "
        f"(other processes on the machine distort every number; see the README)")


def in_process() -> None:
    r = inprocess.decisions(300 if QUICK else 1000)
    say()
    say(f"## One decision in process (rulebook {r['version']}, {r['rules']} engine rules, "
        f"{r['corpus']} varied incidents, language nl)")
    say()
    say("| | median | p99 | CPU median | CPU p99 |")
    say("|---|---|---|---|---|")
    say(f"| cold: cache miss, the whole decision | {cols(r['cold'])} |")
    say(f"| warm: cache hit, a fresh dict (Decider.decide) | {cols(r['warm'])} |")
    say(f"| warm: cache hit, the encoded answer the API sends (Decider.decide_json) | {cols(r['warm_encoded'])} |")
    for label, s in r["parts"].items():
        say(f"| cold, step: {label} | {cols(s)} |")
    say()
    say("Wall clock, and CPU time of the deciding thread (time.thread_time: without the time spent waiting "
        "for a core, so a busy machine distorts it far less).")
    say()
    say("### Evaluators on the same corpus (evaluation only)")
    say()
    say("| evaluator | median | p99 | CPU median | CPU p99 |")
    say("|---|---|---|---|---|")
    for label, s in r["evaluators"].items():
        say(f"| {label} | {cols(s)} |")
    ev = list(r["evaluators"].values())
    say()
    say(f"Ratio durable / reference (median): {ev[0]['median_us'] / ev[1]['median_us']:.2f} wall clock, "
        f"{ev[0]['cpu_median_us'] / ev[1]['cpu_median_us']:.2f} CPU time")


def scaling() -> None:
    say()
    say("## Scaling with synthetic rulebooks (bench/synth.py: routes copied under new ids)")
    say()
    say("| size | routes | engine rules | engine parts (most run for one incident: median / max) "
        "| build (load, compile, register; CPU) | engine CPU median / p99 | cold decision CPU median / p99 "
        "(cache off, with missing_information) | cold decision wall median / p99 |")
    say("|---|---|---|---|---|---|---|---|")
    for row in inprocess.scaling(n=100 if QUICK else 300):
        if "error" in row:
            say(f"| {row['factor']}x | - | - | - | fails: {row['error']} | - | - | - |")
            continue
        e, d = row["engine"], row["decision"]
        say(f"| {row['factor']}x | {row['routes']} | {row['rules']:,} | {row['parts']} ({row['parts_run']}) "
            f"| {row['build_ms']:,.0f} ms ({row['build_cpu_ms']:,.0f} ms) "
            f"| {us(e['cpu_median_us'])} / {us(e['cpu_p99_us'])} "
            f"| {us(d['cpu_median_us'])} / {us(d['cpu_p99_us'])} | {us(d['median_us'])} / {us(d['p99_us'])} |")


def layouts() -> None:
    say()
    say("## Engine layouts (bench/partitions.py): the same rules in four durable-rules layouts, in alternation")
    import tempfile

    for label, factor, n, rounds in (("the real rulebook", 1, 100 if QUICK else 300, 3),
                                     ("5x synthetic (bench/synth.py)", 5, 50 if QUICK else 100, 2)):
        with tempfile.TemporaryDirectory() as tmp:
            rules = make_scaled(ROOT / "rules", Path(tmp) / "rules", factor)
            say()
            say(f"{label}, {n} incidents x {rounds} rounds, engine only (CPU time of the deciding thread):")
            say()
            for line in partitions.table(partitions.measure(rules, n, rounds)):
                say(line)


def memory() -> None:
    m = inprocess.memory(total=10_000, engine_runs=2_000) if QUICK else inprocess.memory()
    say()
    say(f"## Memory: RSS over {m['total']:,} decisions ({m['distinct']:,} distinct incidents drawn at random; "
        f"cache as in production: {m['cache_size']:,} entries), then {m['engine_runs']:,} engine evaluations")
    say()
    say("| when | RSS |")
    say("|---|---|")
    for label, kb in m["marks"].items():
        say(f"| {label} | {kb / 1024:,.1f} MB |")
    say()
    say(f"{m['misses']:,} cache misses (decided by the engine), {m['hits']:,} hits, {m['cache_entries']:,} entries "
        f"cached at the end; {m['seconds']:.0f} s.")


def http() -> None:
    h = http_load.bench(seconds=3 if QUICK else 5, rounds=1 if QUICK else 2)
    say()
    say(f"## HTTP: gunicorn ({h['server']}, service/gunicorn_conf.py), wrk -t2, "
        f"{h['bodies']:,} varied incidents in rotation, {h['seconds']} s per run, {h['rounds']} rounds in alternation")
    say()
    say("| connections | endpoint | requests/s (each round) | requests/s | vs bare | p50 | p99 | non-2xx "
        "| server CPU per request | bare CPU / this CPU | this CPU / health CPU |")
    say("|---|---|---|---|---|---|---|---|---|---|---|")
    bare: dict = {}
    bare_cpu: dict = {}
    health_cpu: dict = {}
    for (conns, label), runs in h["runs"].items():
        rps = sum(r["rps"] for r in runs) / len(runs)
        cpu = sum(r["server_cpu_us"] * r["requests"] for r in runs) / max(1, sum(r["requests"] for r in runs))
        if label.startswith("bare"):
            bare[conns], bare_cpu[conns] = rps, cpu
        if label.startswith("health"):
            health_cpu[conns] = cpu
        p50 = sorted(r["p50_ms"] for r in runs)[len(runs) // 2]
        p99 = max(r["p99_ms"] for r in runs)
        bad = sum(r["non_2xx"] for r in runs)
        each = " / ".join(f"{r['rps']:,.0f}" for r in runs)
        vs_health = f"{cpu / health_cpu[conns]:.2f}" if conns in health_cpu else "-"
        say(f"| {conns} | {label} | {each} | {rps:,.0f} | {rps / bare[conns]:.2f} | {p50:.1f} ms | {p99:.1f} ms "
            f"| {bad} | {us(cpu)} | {bare_cpu[conns] / cpu:.2f} | {vs_health} |")


def main() -> None:
    started = time.time()
    say("# make bench")
    say()
    machine()
    in_process()
    scaling()
    layouts()
    memory()
    http()
    say()
    say(f"Load average at the end {os.getloadavg()[0]:.2f}; the whole bench took {time.time() - started:.0f} s.")
    (ROOT / "bench" / "last-run.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
