"""What one evaluation of the rules produced: the rules that fired and the facts they derived.

Both evaluators (durable-rules and the pure-Python reference) return this, so that everything after
evaluation (aggregation into routes, explanations, questions) is shared and the two can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Firing:
    fired: frozenset  # engine rule names
    derived: dict  # derived fact -> frozenset of values

    def key(self) -> tuple:
        return (self.fired, tuple(sorted((k, tuple(sorted(v))) for k, v in self.derived.items())))
