"""Hot reload of the rule files, safe for several worker processes.

A reload (SIGHUP to the gunicorn master, or ``POST /v1/admin/reload``) *publishes* the rule files:

1. copy ``rules/`` into a snapshot below the state directory (so later edits cannot change what was
   checked);
2. validate and compile the snapshot in a **subprocess with a timeout**: loading, compiling and
   registering a durable-rules engine, and one smoke decision. durable-rules can hang for ever (holding
   the GIL) or crash on pathological rule layouts; a subprocess can be killed, a thread cannot;
3. on success write the new *generation* (``generation.json``: snapshot path, version, digest)
   atomically; on failure keep the old snapshot and record the ``path:line`` problems.

Every worker process stats ``generation.json`` once per request (``Service.sync``); when it changed
it builds a Decider from the published snapshot and swaps it in (or, after a failed reload, reports
the problems in ``/v1/health``). A broken rule change therefore never reaches a worker, and a worker
that boots later (a restart, a crash) boots from the last good snapshot.

``python -m routewijzer.ops.reload DIR [MEMORY_MIB CPU_SECONDS]`` is the subprocess: it prints one
JSON line. It limits itself first (address space, CPU time: ``ROUTEWIJZER_RELOAD_MEMORY_MB``, default
1024, and the reload timeout), so that a hostile or mistaken rule file can exhaust neither the memory
nor the processors of the running service; the parent also stops it after the timeout.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import math
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..rules.rulebook import DEFAULT_RULES_DIR, RulebookError
from .history import History

GENERATION_FILE = "generation.json"
KEEP_SNAPSHOTS = 3
DEFAULT_MEMORY_MIB = 1024
# Seconds (wall clock) the check of a rulebook may take (ROUTEWIJZER_RELOAD_TIMEOUT); it also gets that
# many seconds of processor time, plus one. The check of today's rulebook needs about 1.3 s of CPU, but
# on a loaded 2-core host its wall clock is 10-20 times that (12.9 s measured with ten checks at once
# beside other work; 8-25 s seen under test suites); 60 s leaves room for a rulebook a few times larger
# on such a host (five times today's needs about 4 s of CPU, ten times about 10 s: raise it for those).
DEFAULT_TIMEOUT = 60.0


def timeout_from_env() -> float:
    return float(os.environ.get("ROUTEWIJZER_RELOAD_TIMEOUT", DEFAULT_TIMEOUT))


@dataclass(frozen=True)
class Generation:
    number: int
    rules_dir: str  # the snapshot the workers load
    version: str
    digest: str
    problems: tuple = ()  # path:line problems of the last failed reload
    attempt: int = 0  # every publish, good or bad, makes a new attempt

    @property
    def key(self) -> tuple:
        return (self.number, self.attempt)


@dataclass
class Outcome:
    """What one reload did."""

    ok: bool
    generation: Generation | None
    problems: list = field(default_factory=list)
    changed: bool = False


def memory_limit_mib() -> int:
    return int(os.environ.get("ROUTEWIJZER_RELOAD_MEMORY_MB", DEFAULT_MEMORY_MIB))


def check_in_subprocess(rules_dir: Path, timeout: float, memory_mib: int | None = None) -> dict:
    """Validate and compile ``rules_dir`` in a fresh interpreter; {"ok", "version", "digest" | "problems"}."""
    shown = f"{rules_dir.name}/rulebook.yaml"
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    memory_mib = memory_mib or memory_limit_mib()
    command = [sys.executable, "-m", "routewijzer.ops.reload", str(rules_dir), str(memory_mib),
               str(math.ceil(timeout) + 1)]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        message = (f"{shown}:1: compiling the rulebook took longer than {timeout:g} s and was stopped "
                   "(durable-rules can hang on pathological rule layouts: keep conditions few and selective); "
                   "nothing was changed")
        return {"ok": False, "problems": [message]}
    lines = done.stdout.strip().splitlines()
    out_of_limits = done.returncode in (-signal.SIGXCPU, -signal.SIGKILL) or "MemoryError" in done.stderr
    if out_of_limits and not (lines and lines[-1].startswith("{")):
        return {"ok": False, "problems": [
            f"{shown}:1: validating the rulebook needed more than {memory_mib} MiB of memory or more than "
            f"{math.ceil(timeout) + 1} s of processor time and was stopped; nothing was changed"]}
    if done.returncode not in (0, 1) or not lines:
        return {"ok": False, "problems": [
            f"{shown}:1: the rule compiler crashed (exit status {done.returncode}); nothing was changed"]}
    return json.loads(lines[-1])


def _check(directory: str) -> dict:
    from routewijzer.schemas.request import IncidentSchema

    from ..check.smoke import engine_problems
    from ..decide.decider import Decider

    try:
        decider = Decider.from_directory(directory, cache_size=0)
    except RulebookError as exc:
        return {"ok": False, "problems": [str(p) for p in exc.problems]}
    try:
        problems = engine_problems(decider.compiled, engine=decider.engine)  # its limits, on a stress corpus
        if problems:
            return {"ok": False, "problems": [str(p) for p in problems]}
        smoke = IncidentSchema().load({"content_types": ["intimate_image", "personal_data"], "victim_age": 15})
        decider.decide_uncached(smoke, "nl", frozenset(smoke))
    finally:
        decider.close()
    return {"ok": True, "version": decider.compiled.version, "digest": decider.compiled.digest}


class RulebookStore:
    """The published generations of one service (shared by its worker processes through a directory)."""

    def __init__(self, state_dir=None, rules_dir=None, timeout: float = DEFAULT_TIMEOUT):
        self.rules_dir = Path(rules_dir or DEFAULT_RULES_DIR).resolve()
        if state_dir is None:  # one process of its own (tests, a script): a private directory
            state_dir = tempfile.mkdtemp(prefix="routewijzer-state-")
            atexit.register(shutil.rmtree, state_dir, True)
        self.state_dir = Path(state_dir)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.file = self.state_dir / GENERATION_FILE
        self.timeout = timeout
        self.history = History(self.state_dir)  # the rulebooks served, for replay by digest

    # -- reading (every worker, every request) -------------------------------------------------------
    def stamp(self) -> tuple | None:
        """Identifies one write of the generation file (it is replaced, never rewritten in place)."""
        try:
            st = os.stat(self.file)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def read(self) -> tuple[tuple | None, Generation | None]:
        """The generation published now, with the stamp of the file it was read from."""
        try:
            with open(self.file, encoding="utf-8") as f:
                st = os.fstat(f.fileno())
                data = json.load(f)
        except FileNotFoundError:
            return None, None
        data["problems"] = tuple(data.get("problems", ()))
        return (st.st_ino, st.st_mtime_ns, st.st_size), Generation(**data)

    def current(self) -> Generation | None:
        return self.read()[1]

    # -- writing (the master on SIGHUP, a worker on the admin endpoint, the first boot) --------------
    @contextmanager
    def _locked(self):
        with open(self.state_dir / "lock", "w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _write(self, generation: Generation) -> None:
        tmp = self.state_dir / f".{GENERATION_FILE}.{uuid.uuid4().hex}"
        tmp.write_text(json.dumps(asdict(generation)), encoding="utf-8")
        os.replace(tmp, self.file)

    def snapshot(self) -> Path:
        """A private copy of the rule files, named like the rules directory (path:line stays readable)."""
        target = self.state_dir / "snapshots" / uuid.uuid4().hex / self.rules_dir.name
        shutil.copytree(self.rules_dir, target, ignore=shutil.ignore_patterns(".*"))  # as rulebook.rule_files
        return target

    def adopt(self, snapshot: Path, version: str, digest: str) -> Generation:
        """Record a snapshot already loaded in this process as the first generation."""
        with self._locked():
            generation = Generation(1, str(snapshot), version, digest)
            self._write(generation)
            self.history.record(version, digest, str(snapshot))
            return generation

    def publish(self) -> Outcome:
        """Validate the rule files in a subprocess and publish them; a broken change publishes only problems."""
        from .observability import METRICS

        with self._locked():
            previous = self.current()
            snapshot = self.snapshot()
            result = check_in_subprocess(snapshot, self.timeout)
            if not result["ok"]:
                shutil.rmtree(snapshot.parent, ignore_errors=True)
                METRICS.reloads.labels(result="failed").inc()
                if previous is None:
                    return Outcome(False, None, result["problems"])
                generation = replace(previous, problems=tuple(result["problems"]), attempt=previous.attempt + 1)
                self._write(generation)
                return Outcome(False, generation, result["problems"])
            METRICS.reloads.labels(result="ok").inc()
            if previous is not None and previous.digest == result["digest"]:
                shutil.rmtree(snapshot.parent, ignore_errors=True)  # the same files: keep the engines
                generation = replace(previous, problems=(), attempt=previous.attempt + 1)
            else:
                number = previous.number + 1 if previous else 1
                generation = Generation(number, str(snapshot), result["version"], result["digest"], (),
                                        previous.attempt + 1 if previous else 0)
            self._write(generation)
            changed = previous is None or previous.digest != generation.digest
            if changed:
                self.history.record(generation.version, generation.digest, generation.rules_dir)
            self._prune(generation, previous)
            return Outcome(True, generation, [], changed)

    def _prune(self, current: Generation, previous: Generation | None) -> None:
        keep = {Path(current.rules_dir).parent} | {Path(e.rules_dir).parent for e in self.history.entries()}
        if previous is not None:
            keep.add(Path(previous.rules_dir).parent)
        snapshots = self.state_dir / "snapshots"
        old = sorted((p for p in snapshots.iterdir() if p not in keep), key=lambda p: p.stat().st_mtime)
        for p in old[: max(0, len(old) - (KEEP_SNAPSHOTS - len(keep)))]:
            shutil.rmtree(p, ignore_errors=True)


def limit_self(memory_mib: int, cpu_seconds: int) -> None:
    """Cap this process's address space and processor time (the kernel enforces both)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_mib << 20, memory_mib << 20))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) >= 3:
        limit_self(int(args[1]), int(args[2]))
    result = _check(args[0])  # a MemoryError here ends the process: the parent reports the limit
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
