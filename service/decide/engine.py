"""The durable-rules engine, behind a narrow wrapper that handles every pitfall we measured.

The compiled rulebook is not one durable-rules ruleset but many small ones (*parts*, planned by
rules/network.py and explained in docs/engine.md), evaluated in stages: the facts first (derived facts
chain inside that ruleset), then every part whose gate holds, given the incident and the derived facts
its rules read. Each ruleset stays far from durable-rules' fixed limits however large the rulebook
grows, and a decision only pays for the parts that can fire.

durable-rules 2.0.28 races, leaks, hangs or segfaults when driven naively
(../shared/durable-rules-notes.md). This wrapper:

* asserts the incident as a *fact* (events are consumed by the first matching rule);
* uses a fresh session id per decision and deletes its state in every ruleset it ran in, in
  ``finally`` (1,024 live sids max per ruleset, and memory grows otherwise);
* gives every ruleset a catch-all rule, so every session has run an action before ``delete_state``
  (segfault);
* never starts the Host's self-rescheduling timer threads (they race request threads);
* drives the C core's action loop itself (assert, start action, complete-and-start-next, delete):
  the stock Python layer builds a Closure, two timestamps and a JSON round trip of the session state
  for every fired action (20-45 µs each, most of a decision); our loop costs a few µs per action and
  fires the same actions in the same order (the differential test checks it);
* serialises decisions with one lock per engine (the C core holds the GIL anyway; one process, one
  core: scale with worker processes);
* normalises every value to a string or an integer before asserting (the engine coerces types);
* catches exceptions inside actions itself (the engine swallows them into the session state) and
  raises them to the caller as :class:`EngineError`;
* registers each build under new ruleset names (a name cannot be registered twice) and frees every C
  ruleset on :meth:`close`, also of a build that failed half way (abandoned Hosts are never freed);
* derives both outcomes of every derived fact explicitly (negation of derived facts is unreliable);
* deep-copies the ruleset before registration (registration mutates it): ``Part.ruleset()`` builds a
  fresh dict each time.
The layout of every part is bounded at compile time (network.LIMITS, compiler.check_layout).
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from collections import defaultdict

import durable_rules_engine
from durable import engine as _durable

from ..rules.compiler import Compiled
from ..rules.conditions import predicate
from ..rules.network import CATCH_ALL
from .firing import Firing

_names = itertools.count(1)


class EngineError(RuntimeError):
    """The engine failed on one decision (or could not be built). Its state may be corrupt: rebuild it
    before the next call. ``part`` names the engine part (rules/network.py) that failed, when one did."""

    def __init__(self, message: str, part: str | None = None):
        super().__init__(message)
        self.part = part


class _QuietHost(_durable.Host):
    """A Host without dispatcher threads; actions are looked up in our own table."""

    def __init__(self, actions: dict):
        self._actions = actions
        super().__init__()

    def _run(self):  # the stock Host starts timer threads that race request threads
        return None

    def get_action(self, action_name):
        return self._actions[action_name]


_FACT_JSON: dict[tuple, str] = {}


def derived_json(name: str, value: str, sid: str) -> str:
    """``{"t": name, "v": value, "sid": sid}`` as JSON; the part before the sid is made once per value."""
    head = _FACT_JSON.get((name, value))
    if head is None:
        head = _FACT_JSON.setdefault((name, value), json.dumps({"t": name, "v": value}, ensure_ascii=False)[:-1])
    return f'{head}, "sid": {json.dumps(sid)}}}'


class _Session:
    """What an action may do to the session it runs in: assert one more (derived) fact."""

    __slots__ = ("handle", "sid")

    def __init__(self, handle: int, sid: str):
        self.handle = handle
        self.sid = sid

    def derive(self, name: str, value: str) -> None:
        # Result codes 1 (no rule uses it) and 2 (already derived) are returned, not raised: both fine.
        durable_rules_engine.assert_fact(self.handle, derived_json(name, value, self.sid))


def _rule_name(message: str) -> str:
    """The rule of a started action: the first key of ``{"<rule name>": {...}}``, as the C core writes it."""
    return message[2:message.index('"', 2)]


def _rule_name_json(message: str) -> str:
    return next(iter(json.loads(message)))


def _all_of(actions: tuple):
    def run(c):
        for action in actions:
            action(c)

    return run


class _Part:
    """One registered ruleset: a part of the network (rules/network.py) and its C handle."""

    __slots__ = ("gate", "handle", "name", "reads", "rules")

    def __init__(self, part, handle: int):
        self.name = part.name
        self.rules = part.rules
        self.reads = part.reads
        self.gate = predicate(part.gate) if part.gate else None
        self.handle = handle


class DurableEngine:
    def __init__(self, compiled: Compiled):
        self.compiled = compiled
        self.name = f"routewijzer_{os.getpid()}_{next(_names)}"
        self._lock = threading.Lock()
        self._state: dict | None = None
        self._sids = itertools.count(1)
        self.closed = False
        self.broken = False
        self.last_parts_run = 0  # how many parts the last decision ran (for the bench)
        actions = {r.name: self._action(r) for r in compiled.rules}
        run = {CATCH_ALL: actions[CATCH_ALL]} if CATCH_ALL in actions else {}
        for part in compiled.parts:  # an engine rule fires every compiled rule it stands for
            for name, rules in part.shared.items():
                each = tuple(actions[r.name] for r in rules)
                run[name] = each[0] if len(each) == 1 else _all_of(each)
        self._run = run
        self._host = _QuietHost(run)
        self._parts: list[_Part] = []
        for i, part in enumerate(compiled.parts):
            name = f"{self.name}_{i}"
            try:
                self._host.register_rulesets({name: part.ruleset()})
            except Exception as exc:
                self._free()
                raise EngineError(f"durable-rules refuses engine part {part.name}: {exc}", part.name) from exc
            self._parts.append(_Part(part, self._host.get_ruleset(name)._handle))
        plain = all('"' not in n and "\\" not in n for n in run)
        self._name_of = _rule_name if plain else _rule_name_json

    def _action(self, rule):
        effect = rule.effect
        name = rule.name

        def run(c):
            state = self._state
            try:
                state["fired"].append(name)
                if effect[0] == "derive":
                    for k, v in effect[1].items():
                        state["derived"][k].add(v)
                        try:
                            c.derive(k, v)
                        except (_durable.MessageObservedException, _durable.MessageNotHandledException):
                            pass  # already derived by another rule, or no rule uses it: both fine
            except BaseException as exc:  # noqa: BLE001 - the engine would swallow it (upstream #305)
                state["errors"].append(exc)

        return run

    def evaluate(self, fact: dict) -> Firing:
        """Fire the rules on one incident (a flat dict of strings and integers)."""
        with self._lock:
            if self.closed:
                raise EngineError("engine closed")
            sid = str(next(self._sids))
            derived: dict = defaultdict(set)
            state = {"fired": [], "derived": derived, "errors": []}
            self._state = state
            try:
                incident = json.dumps(dict(fact, sid=sid, t="incident"), ensure_ascii=False)
            except (TypeError, ValueError) as exc:  # not a fact of strings and integers
                self._state = None
                self.broken = True
                raise EngineError(f"durable-rules cannot take this fact: {exc}") from exc
            ran = 0
            try:
                for part in self._parts:  # in stage order: the facts a part reads are derived before it
                    if part.gate is None or part.gate(fact, derived):
                        self._evaluate_part(part, sid, incident, derived)
                        ran += 1
            finally:
                self.last_parts_run = ran
                self._state = None
            if state["errors"]:
                self.broken = True
                raise EngineError(f"rule action failed: {state['errors'][0]!r}")
            return Firing(frozenset(state["fired"]), {k: frozenset(v) for k, v in derived.items()})

    def _evaluate_part(self, part: _Part, sid: str, incident: str, derived: dict) -> None:
        handle, run, name_of = part.handle, self._run, self._name_of
        session = _Session(handle, sid)
        asserted = False
        try:
            _, offset = durable_rules_engine.assert_fact(handle, incident)
            asserted = True
            for k in part.reads:  # derived by earlier stages; result codes 1 and 2 are fine
                for v in derived.get(k, ()):
                    durable_rules_engine.assert_fact(handle, derived_json(k, v, sid))
            started = durable_rules_engine.start_action_for_state(handle, offset)
            message = started[1] if started else None
            while message is not None:  # actions may assert derived facts: their rules queue up here
                run[name_of(message)](session)
                message = durable_rules_engine.complete_and_start_action(handle, offset)
        except BaseException as exc:
            self.broken = True
            asserted = False  # a half-run session is left alone: this engine is not used again
            raise EngineError(f"durable-rules failed in engine part {part.name}: {exc}", part.name) from exc
        finally:
            if asserted:
                try:
                    durable_rules_engine.delete_state(handle, sid)
                except BaseException as exc:
                    self.broken = True
                    raise EngineError(f"durable-rules could not delete state in engine part {part.name}: {exc}",
                                      part.name) from exc

    def parts_run(self, fact: dict) -> int:
        """How many parts (rulesets) one decision on ``fact`` runs (for the bench)."""
        self.evaluate(fact)
        return self.last_parts_run

    def _free(self) -> None:
        for part in self._parts:
            try:
                durable_rules_engine.delete_ruleset(part.handle)
            except BaseException:  # noqa: BLE001 # pragma: no cover - nothing more to free
                pass
        self._parts = []

    def close(self) -> None:
        """Free the C rulesets. Waits for the decision in flight, if any."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            self._free()
