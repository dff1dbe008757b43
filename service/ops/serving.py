"""What the app holds between requests: the Decider in service, swapped whole, never mutated.

A Decider (compiled rules, its durable-rules engine and its decision cache) is replaced as a unit:

* after a rule reload (``reload.py`` validates the new rule files in a subprocess and publishes a
  snapshot; every worker process notices the new generation on its next request and swaps);
* after an engine failure (``EngineError``: the engine's C state may be corrupt), by a fresh Decider
  over the same compiled rules.

Requests take a lease on the Decider they start with; a replaced Decider is closed (its C ruleset
freed) when its last lease ends, so a request in flight always finishes on the engine it began with
and no request fails because of a swap.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from pathlib import Path

from ..decide.decider import Decider
from ..decide.engine import EngineError
from .observability import METRICS
from .reload import RulebookStore

log = logging.getLogger("routewijzer")


class _Slot:
    """One Decider and the requests using it."""

    __slots__ = ("decider", "retired", "users")

    def __init__(self, decider: Decider):
        self.decider = decider
        self.users = 0
        self.retired = False


class Service:
    def __init__(self, rules_dir=None, state_dir=None, reload_timeout: float = 20.0):
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
        self._generation = generation
        self._stamp = stamp  # of the generation file this process has fully adopted
        self.problems: list[str] = list(generation.problems)

    # -- leases ---------------------------------------------------------------------------------
    @contextmanager
    def lease(self):
        """The current Decider, kept open until the block ends even if it is swapped meanwhile."""
        self.sync()
        with self._lock:
            slot = self._slot
            slot.users += 1
        try:
            yield slot.decider
        finally:
            with self._lock:
                slot.users -= 1
                free = slot.retired and slot.users == 0
            if free:
                slot.decider.close()

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
    def decide(self, incident: dict, lang: str, provided: frozenset) -> dict:
        answer = self._decide("decide", incident, lang, provided)
        self._count([route["id"] for route in answer["routes"]])
        return answer

    def decide_json(self, incident: dict, lang: str, provided: frozenset) -> tuple[bytes, dict]:
        """decide(), encoded as JSON by the decision cache: (bytes, rulebook reference)."""
        encoded, route_ids, rulebook = self._decide("decide_json", incident, lang, provided)
        self._count(route_ids)
        return encoded, rulebook

    def _decide(self, method: str, incident: dict, lang: str, provided: frozenset):
        with self.lease() as decider:
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
