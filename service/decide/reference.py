"""The reference evaluator: the compiled rules evaluated in plain Python, to a fixpoint.

It reads the same compiled conditions as the durable-rules ruleset (see conditions.py), so it is the
yardstick of the differential test, and it answers the cheap what-if questions behind
``missing_information`` without a round trip through the C engine.
"""

from __future__ import annotations

from collections import defaultdict

from ..rules.compiler import Compiled
from ..rules.conditions import holds
from .firing import Firing


def evaluate(compiled: Compiled, fact: dict) -> Firing:
    derived: dict[str, set] = defaultdict(set)
    fired: set[str] = set()
    rules = compiled.rules
    changed = True
    while changed:  # derived facts only ever grow, so this ends after at most len(rules) rounds
        changed = False
        for r in rules:
            if r.name in fired or not holds(r.conjunct, fact, derived):
                continue
            fired.add(r.name)
            changed = True
            if r.effect[0] == "derive":
                for k, v in r.effect[1].items():
                    derived[k].add(v)
    return Firing(frozenset(fired), {k: frozenset(v) for k, v in derived.items()})
