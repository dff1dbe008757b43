"""What the app holds between requests: the Decider in service, swapped whole, never mutated.

A Decider (compiled rules, its durable-rules engine and its decision cache) is replaced as a unit:

* after a rule reload (``reload.py`` validates the new rule files in a subprocess and publishes a
  snapshot; every worker process notices the new generation on its next request and swaps);
* after an engine failure (``EngineError``: the engine's C state may be corrupt), by a fresh Decider
  over the same compiled rules.

Requests take a lease on the Decider they start with; a replaced Decider is closed (its C ruleset
freed) when its last lease ends, so a request in flight always finishes on the engine it began with
and no request fails because of a swap.

A request may name an earlier rulebook by its digest (replay, ``?rulebook=``): the store's history
(``history.py``) says where its snapshot is; the process builds a Decider for it and keeps the last
few such Deciders, leased and closed the same way.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

from ..decide.decider import Decider
from ..decide.engine import EngineError
from ..rules.rulebook import RulebookError
from .observability import METRICS
from .reload import DEFAULT_TIMEOUT, RulebookStore

log = logging.getLogger("routewijzer")
REPLAY_ENGINES = 2  # earlier rulebooks kept compiled per process (each is a durable-rules engine)


class RulebookNotKept(LookupError):
    """A replay asked for a rulebook this service does not keep (any more)."""


class _Slot:
    """One Decider and the requests using it."""

    __slots__ = ("decider", "retired", "users")

    def __init__(self, decider: Decider):
        self.decider = decider
        self.users = 0
        self.retired = False


class Service:
    def __init__(self, rules_dir=None, state_dir=None, reload_timeout: float = DEFAULT_TIMEOUT):
        self.rules_dir = Path(rules_dir) if rules_dir else None
        self.store = RulebookStore(state_dir, rules_dir, reload_timeout)
        self._lock = threading.Lock()  # guards the slot pointer and the lease counts
        self._sync_lock = threading.Lock()  # one thread of a process loads a new generation
        stamp, generation = self.store.read()
        if generation is None:
            # The first process: a broken rule file stops the boot here with path:line messages
            # (RulebookError). Under gunicorn the master has published the first generation already.
            snapshot = self.store.snapshot()
            decider = Decider.from_directory(snapshot)
            generation = self.store.adopt(snapshot, decider.compiled.version, decider.compiled.digest)
            stamp = self.store.stamp()
        else:
            decider = Decider.from_directory(generation.rules_dir)
        self._slot = _Slot(decider)
        self._replays: OrderedDict[str, _Slot] = OrderedDict()  # digest -> an earlier rulebook, for replay
        self._replay_lock = threading.Lock()  # one thread of a process compiles an earlier rulebook
        self._generation = generation
        self._stamp = stamp  # of the generation file this process has fully adopted
        self.problems: list[str] = list(generation.problems)

    # -- leases ---------------------------------------------------------------------------------
    @contextmanager
    def lease(self, digest: str | None = None):
        """The current Decider (or, given a digest, the one of that rulebook), kept open until the block
        ends even if it is swapped or evicted meanwhile. RulebookNotKept for a digest not kept."""
        self.sync()
        served = None
        if digest is not None and digest != self._slot.decider.compiled.digest:
            served = self.store.history.find(digest)  # every worker: kept exactly while the store keeps it
            if served is None:
                self._forget(digest)
                raise RulebookNotKept(digest)
        with self._lock:
            slot = self._slot
            if digest is not None and slot.decider.compiled.digest != digest:
                slot = self._replays.get(digest)
                if slot is not None:
                    self._replays.move_to_end(digest)
            if slot is not None:
                slot.users += 1
        if slot is None:
            slot = self._load_replay(digest, served)
        try:
            yield slot.decider
        finally:
            self._release(slot)

    def _release(self, slot: _Slot) -> None:
        with self._lock:
            slot.users -= 1
            free = slot.retired and slot.users == 0
        if free:
            slot.decider.close()

    def _forget(self, digest: str) -> None:
        with self._lock:
            slot = self._replays.pop(digest, None)
            if slot is None:
                return
            slot.retired = True
            free = slot.users == 0
        if free:
            slot.decider.close()

    def _load_replay(self, digest: str, served) -> _Slot:
        """A Decider for an earlier rulebook, from its snapshot, leased once."""
        with self._replay_lock:
            with self._lock:
                slot = self._replays.get(digest)
                if slot is not None:
                    slot.users += 1
                    return slot
            if served is None:  # the rulebook was in service when the lease began, and no longer is
                served = self.store.history.find(digest)
                if served is None:
                    raise RulebookNotKept(digest)
            try:
                decider = Decider.from_directory(served.rules_dir)
            except (OSError, RulebookError):  # pruned meanwhile
                raise RulebookNotKept(digest) from None
            if decider.compiled.digest != digest:  # the snapshot is not what was served: never answer with it
                decider.close()
                raise RulebookNotKept(digest)
            slot = _Slot(decider)
            slot.users = 1
            with self._lock:
                self._replays[digest] = slot
                evicted = []
                while len(self._replays) > REPLAY_ENGINES:
                    _, old = self._replays.popitem(last=False)
                    old.retired = True
                    if old.users == 0:
                        evicted.append(old)
            for old in evicted:
                old.decider.close()
            return slot

    def rulebooks(self) -> list[dict]:
        """The rulebooks kept for replay, newest first (the one in service first)."""
        self.sync()
        return [e.public() for e in self.store.history.entries()]

    def swap(self, decider: Decider) -> None:
        """Serve ``decider`` from now on; the old one is closed when its last request is done."""
        with self._lock:
            old, self._slot = self._slot, _Slot(decider)
            old.retired = True
            free = old.users == 0
        if free:
            old.decider.close()

    @property
    def decider(self) -> Decider:
        """The Decider in service now (for read-only use within one request)."""
        return self._slot.decider

    # -- requests ---------------------------------------------------------------------------------
    def decide(self, incident: dict, lang: str, provided: frozenset, rulebook: str | None = None) -> dict:
        answer = self._decide("decide", incident, lang, provided, rulebook)
        self._count([route["id"] for route in answer["routes"]])
        return answer

    def decide_json(self, incident: dict, lang: str, provided: frozenset,
                    rulebook: str | None = None) -> tuple[bytes, dict]:
        """decide(), encoded as JSON by the decision cache: (bytes, rulebook reference)."""
        encoded, route_ids, rulebook = self._decide("decide_json", incident, lang, provided, rulebook)
        self._count(route_ids)
        return encoded, rulebook

    def _decide(self, method: str, incident: dict, lang: str, provided: frozenset, digest: str | None = None):
        with self.lease(digest) as decider:
            try:
                return getattr(decider, method)(incident, lang, provided)
            except EngineError:
                METRICS.engine_errors.inc()
                log.error("engine failed; rebuilding it", extra={"event": "engine_error"})
                self._rebuild(decider)
                raise

    @staticmethod
    def _count(route_ids) -> None:
        for rid in route_ids:
            METRICS.decisions.labels(route=rid).inc()
        if not route_ids:
            METRICS.decisions.labels(route="none").inc()

    def _rebuild(self, broken: Decider) -> None:
        with self._lock:
            for digest, slot in list(self._replays.items()):
                if slot.decider is broken:  # an earlier rulebook: drop it, the next replay builds it afresh
                    del self._replays[digest]
                    slot.retired = True
                    return
            if self._slot.decider is not broken:
                return  # another thread rebuilt it already, or a reload replaced it
        self.swap(Decider(broken.compiled))
        METRICS.engine_rebuilds.inc()

    def health(self) -> dict:
        self.sync()
        body = {"status": "degraded" if self.problems else "ok", "rulebook": self.decider.rulebook_ref}
        if self.problems:
            body["problems"] = list(self.problems)
        return body

    def ready(self) -> bool:
        self.sync()
        return not self._slot.decider.engine.closed

    # -- reloads ------------------------------------------------------------------------------------
    def reload(self):
        """Validate the rule files in a subprocess and publish them to every worker; then swap here."""
        result = self.store.publish()
        self.sync()
        return result

    def sync(self) -> None:
        """Switch to the generation the store publishes, if it changed (one stat per request).

        The stamp is updated only once the new Decider is in service: until then every thread of this
        process that sees the new file waits here, so none answers with the old rulebook after a reload.
        """
        if self.store.stamp() == self._stamp:
            return
        with self._sync_lock:
            stamp, generation = self.store.read()
            if stamp == self._stamp or generation is None:
                return
            if generation.digest != self._generation.digest or generation.rules_dir != self._generation.rules_dir:
                try:
                    decider = Decider.from_directory(generation.rules_dir)
                except Exception as exc:  # noqa: BLE001 - validated in a subprocess already: unexpected; keep serving
                    log.error("could not load published rulebook %s: %s", generation.digest, type(exc).__name__)
                    self.problems = [f"{generation.rules_dir}:1: this worker could not load the published rules"]
                    self._generation, self._stamp = generation, stamp
                    return
                self.swap(decider)
                METRICS.swaps.inc()
                log.info("rulebook %s in service", generation.version,
                         extra={"event": "rulebook_swap", "rulebook_version": generation.version})
            self.problems = list(generation.problems)
            self._generation, self._stamp = generation, stamp
