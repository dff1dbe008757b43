"""Soak: the real gunicorn server (production config) answers many decisions; worker RSS must stay flat.

Not a test (it takes minutes): ``make soak`` (defaults below) or

    .venv/bin/python bench/soak.py --per-worker 100000 --workers 2 --distinct 3000

It starts gunicorn on a free loopback port, sends decisions over keep-alive connections from several
threads (incidents drawn from a fixed pseudo-random corpus of ``--distinct`` incidents, so that the
decision cache both hits and evicts), reads every worker's RSS from /proc at each checkpoint, counts
the decisions each worker answered from the JSON access log, and stops when every worker has answered
``--per-worker`` decisions. Exit status 1 when any worker's RSS grew more than ``--max-growth-mb``
between the end of the warm-up and the end, or a request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from routewijzer.rules.vocabulary import (  # noqa: E402 - after the sys.path entry
    CONTENT_TYPES,
    ESTABLISHMENTS,
    PERPETRATORS,
    PLATFORM_RESPONSES,
    PLATFORMS,
)

PID = re.compile(rb'"pid": (\d+)[^\n]*"endpoint": "/v1/decisions", "status": (\d+)')


def corpus(n: int, seed: int = 4) -> list[bytes]:
    rnd = random.Random(seed)
    out = set()
    while len(out) < n:
        inc = {"content_types": sorted(rnd.sample([c for c in CONTENT_TYPES if c not in
                                                  ("discriminatory_insult", "incitement_to_hatred")],
                                                 rnd.randint(1, 3))),
               "as_of": "2026-11-30",
               "incident_date": f"{rnd.choice([2022, 2023, 2024, 2025])}-{rnd.randint(1, 12):02d}-01"}
        for key, values in (("platform", PLATFORMS), ("platform_established", ESTABLISHMENTS),
                            ("perpetrator", PERPETRATORS), ("platform_response", PLATFORM_RESPONSES)):
            if rnd.random() < 0.5:
                inc[key] = rnd.choice(values)
        if rnd.random() < 0.6:
            inc["victim_age"] = rnd.randint(10, 60)
        if rnd.random() < 0.5:
            inc["group_closed"] = rnd.random() < 0.5
        out.add(json.dumps(inc, sort_keys=True).encode())
    return sorted(out)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(c) for c in children)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-worker", type=int, default=100_000, help="decisions every worker must answer")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    ap.add_argument("--clients", type=int, default=4, help="client threads (keep-alive connections)")
    ap.add_argument("--distinct", type=int, default=3000, help="distinct incidents in the corpus")
    ap.add_argument("--checkpoint", type=int, default=10_000, help="sample RSS every N decisions per worker")
    ap.add_argument("--warmup", type=int, default=20_000, help="decisions per worker before RSS must be flat")
    ap.add_argument("--max-growth-mb", type=float, default=8.0)
    args = ap.parse_args()

    # Background jobs ignore SIGINT: let SIGTERM stop the run and the server it started.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    bodies = corpus(args.distinct)
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="routewijzer-soak-"))
    log_path = tmp / "server.log"
    env = dict(os.environ, PORT=str(port), WEB_CONCURRENCY=str(args.workers), GUNICORN_THREADS=str(args.threads))
    env.pop("ROUTEWIJZER_ADMIN_TOKEN", None)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    with open(log_path, "wb") as log:
        server = subprocess.Popen([str(gunicorn), "-c", "service/gunicorn_conf.py", "routewijzer.web.app:create_app()"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/v1/ready")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            print(log_path.read_text())
            return 2
        time.sleep(1.0)
        pids = workers_of(server.pid)
        print(f"gunicorn {server.pid}: workers {pids}, {args.threads} threads each; corpus {len(bodies)} incidents; "
              f"target {args.per_worker:,} decisions per worker")

        stop = threading.Event()
        failures: list[str] = []
        sent = [0] * args.clients

        def client(i: int) -> None:
            rnd = random.Random(i)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while not stop.is_set():
                try:
                    conn.request("POST", "/v1/decisions", rnd.choice(bodies), {"Content-Type": "application/json"})
                    r = conn.getresponse()
                    r.read()
                    if r.status != 200:
                        failures.append(str(r.status))
                except (OSError, http.client.HTTPException) as exc:
                    failures.append(type(exc).__name__)
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                sent[i] += 1

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.clients)]
        for t in threads:
            t.start()
        counts = {p: 0 for p in pids}
        samples: dict[int, list[tuple[int, int]]] = {p: [(0, rss_kb(p))] for p in pids}
        offset, started, next_mark = 0, time.time(), args.checkpoint
        print(f"{'decisions/worker':>17} " + " ".join(f"{'rss ' + str(p) + ' (MB)':>16}" for p in pids) + "  elapsed")
        while min(counts.values()) < args.per_worker:
            time.sleep(1.0)
            with open(log_path, "rb") as f:
                f.seek(offset)
                chunk = f.read()
            cut = chunk.rfind(b"\n") + 1
            offset += cut
            for pid, status in PID.findall(chunk[:cut]):
                pid = int(pid)
                if pid in counts:
                    counts[pid] += 1
                if status != b"200":
                    failures.append(status.decode())
            if set(workers_of(server.pid)) != set(pids):
                failures.append("a worker was replaced")
                break
            while min(counts.values()) >= next_mark:
                for p in pids:
                    samples[p].append((next_mark, rss_kb(p)))
                print(f"{next_mark:>17,} " + " ".join(f"{samples[p][-1][1] / 1024:>16.1f}" for p in pids)
                      + f"  {time.time() - started:6.0f} s", flush=True)
                next_mark += args.checkpoint
        stop.set()
        for t in threads:
            t.join(timeout=30)
        elapsed = time.time() - started
        print(f"answered per worker: {counts}; {sum(sent):,} requests in {elapsed:.0f} s "
              f"({sum(sent) / elapsed:.0f}/s); failures: {len(failures)} {failures[:5]}")
        ok = not failures
        for p in pids:
            after_warmup = [kb for n, kb in samples[p] if n >= args.warmup]
            if len(after_warmup) >= 2:
                growth = (after_warmup[-1] - after_warmup[0]) / 1024
                peak = (max(after_warmup) - after_warmup[0]) / 1024
                print(f"worker {p}: RSS {after_warmup[0] / 1024:.1f} MB at {args.warmup:,} -> "
                      f"{after_warmup[-1] / 1024:.1f} MB at the end (growth {growth:+.1f} MB, peak {peak:+.1f} MB)")
                ok &= growth <= args.max_growth_mb
        print("RSS flat" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
