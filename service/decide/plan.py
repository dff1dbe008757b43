"""The plan: every route of the answer once, plus the general steps that apply, in the order to take them.

Which general steps apply (``rules/steps/``) and which ordering rules hold (``rules/ordering.yaml``) is
decided by the rules like everything else: they are compiled rules the engine fires. This module only
puts the fired pieces together, the same way for every incident:

* an ordering rule that holds puts each of its ``first`` steps before each of its ``then`` steps, when
  both are in the plan (a rule about a step that is not in the plan does not apply);
* a step's ``order`` is one more than the highest order of the steps it comes after (1 when none):
  steps with the same order can be taken at the same time;
* ties are broken by a fixed rank (general steps in the order of their ids, then routes in
  ``route_order``), so the same incident always gets the same plan.

The compiler refuses ordering rules that could form a cycle, so there is always an order.
"""

from __future__ import annotations

from routewijzer.schemas.rulefile import ALL_OTHER_STEPS

from ..rules.compiler import Compiled
from .firing import Firing


def fired(compiled: Compiled, firing: Firing, kind: str) -> list[str]:
    """The ids of the fired rules of one kind ("step" or "order"), in compiled order, once each."""
    out = []
    for name in sorted(firing.fired, key=compiled.position.__getitem__):
        effect = compiled.by_name[name].effect
        if effect[0] == kind and effect[1] not in out:
            out.append(effect[1])
    return out


def placements(compiled: Compiled, firing: Firing, present: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Step id -> the (earlier step, ordering rule) pairs that place it, for the steps present.

    Only the nearest earlier steps are kept: when crisis help comes before keeping evidence, and keeping
    evidence before the notice, the notice is placed by "evidence first", not again by "crisis first".
    """
    book = compiled.book
    here = set(present)
    before: dict[str, list[tuple[str, str]]] = {s: [] for s in present}
    for oid in fired(compiled, firing, "order"):
        d = book.orderings[oid].data
        firsts = [s for s in d["first"] if s in here]
        thens = [s for s in present if s not in d["first"]] if d["then"] == ALL_OTHER_STEPS else \
            [s for s in d["then"] if s in here]
        for b in thens:
            for a in firsts:
                if (a, oid) not in before[b]:
                    before[b].append((a, oid))
    ancestors: dict[str, set] = {}

    def up(s: str) -> set:  # every step that comes before s (acyclic: the compiler refuses cycles)
        if s not in ancestors:
            ancestors[s] = set()
            for a, _ in before[s]:
                ancestors[s] |= {a} | up(a)
        return ancestors[s]

    for b in present:
        preds = {a for a, _ in before[b]}
        before[b] = [(a, oid) for a, oid in before[b] if not any(a in up(p) for p in preds if p != a)]
    return before


def build(compiled: Compiled, firing: Firing, routes: list[dict], texts) -> tuple[list[dict], dict]:
    """The plan for the routes of an answer: (steps, step id -> ids of the ordering rules that placed it)."""
    book = compiled.book
    general = fired(compiled, firing, "step")
    rank = {s: i for i, s in enumerate(sorted(general) + book.meta["route_order"])}
    present = sorted(general, key=rank.__getitem__) + [r["id"] for r in routes]
    before = placements(compiled, firing, present)

    order: dict[str, int] = {}
    remaining = sorted(present, key=rank.__getitem__)
    while remaining:  # Kahn's algorithm, lowest rank first: acyclic by the compiler's check
        ready = [s for s in remaining if all(a in order for a, _ in before[s])]
        if not ready:  # pragma: no cover - the compiler refuses cycles
            raise RuntimeError(f"ordering rules form a cycle among {remaining}")
        for s in ready:
            order[s] = 1 + max((order[a] for a, _ in before[s]), default=0)
        remaining = [s for s in remaining if s not in order]

    by_route = {r["id"]: r for r in routes}
    steps, placed_by = [], {}
    for s in sorted(present, key=lambda x: (order[x], rank[x])):
        after = sorted(dict.fromkeys(a for a, _ in before[s]), key=lambda x: (order[x], rank[x]))
        rules = list(dict.fromkeys(oid for _, oid in before[s]))
        if s in by_route:
            d = book.routes[s].data
            title, text = by_route[s]["title"], texts.t(d.get("summary")) or by_route[s]["title"]
        else:
            d = book.steps[s].data
            title, text = texts.t(d["title"]), texts.t(d["text"])
        step = {"order": order[s], "id": s, "title": title, "text": text, "after": after}
        if rules:
            step["reason"] = " ".join(dict.fromkeys(texts.t(book.orderings[o].data["reason"]) for o in rules))
        steps.append(step)
        placed_by[s] = rules
    return steps, placed_by
