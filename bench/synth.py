"""Synthetic rulebooks: the real one, scaled up by copying its routes under new ids.

``make_scaled(rules_dir, target_dir, factor)`` writes a rules directory whose compiled rulebook has about
``factor`` times as many engine rules as the real one: every route file is copied (route id suffixed
``__sN``) until the rule count reaches the target, and each copy is appended to ``route_order``. Facts,
platforms, notes and questions are shared, so the copies fire alongside the originals, like a rulebook
with more routes of the same shape would. durable-rules shares identical condition paths between rules
and has fixed limits per node of its network (64 siblings that match at once, error 303; 128 rules
joining one derived-fact condition, error 107; 4,096 rules per ruleset): bench/run.py reports the
sizes it refuses.
``make_copies(rules_dir, target_dir, copies)`` copies every route file ``copies`` times (the check of
issue 9: nine copies make a rulebook ten times today's routes).
Run as a script to write one:

    python bench/synth.py 5 /tmp/rules-5x
    python bench/synth.py --copies 9 /tmp/rules-10-routes
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from routewijzer.rules.compiler import compile_rulebook
from routewijzer.rules.rulebook import load

ROOT = Path(__file__).resolve().parent.parent


def rule_count(rules_dir: Path) -> int:
    return len(compile_rulebook(load(rules_dir)).rules)


def _copy_route(rules_dir: Path, target: Path, rid: str, copy: int) -> str:
    data = yaml.safe_load((rules_dir / "routes" / f"{rid}.yaml").read_text(encoding="utf-8"))
    new_id = f"{rid}__s{copy}"
    data["route"] = new_id
    (target / "routes" / f"{new_id}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return new_id


def _set_order(target: Path, order: list) -> None:
    meta_path = target / "rulebook.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    meta["route_order"] = order
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_copies(rules_dir: Path, target: Path, copies: int) -> Path:
    """The rulebook with every route file copied ``copies`` times under new ids (``<id>__s1`` ...)."""
    rules_dir, target = Path(rules_dir), Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(rules_dir, target)
    originals = list(yaml.safe_load((rules_dir / "rulebook.yaml").read_text(encoding="utf-8"))["route_order"])
    order = list(originals)
    for copy in range(1, copies + 1):
        order += [_copy_route(rules_dir, target, rid, copy) for rid in originals]
    _set_order(target, order)
    return target


def make_scaled(rules_dir: Path, target: Path, factor: int) -> Path:
    rules_dir, target = Path(rules_dir), Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(rules_dir, target)
    if factor <= 1:
        return target
    base = compile_rulebook(load(rules_dir))
    per_route: dict[str, int] = {}
    for r in base.rules:
        if r.effect[0] in ("relevant", "holds", "fails", "version", "obstacle"):
            rid = r.effect[1].split("/", 1)[0]
            per_route[rid] = per_route.get(rid, 0) + 1
    order = list(base.book.meta["route_order"])
    wanted, count, copy = factor * len(base.rules), len(base.rules), 1
    while count < wanted:
        for rid in list(base.book.meta["route_order"]):
            if count >= wanted:
                break
            order.append(_copy_route(rules_dir, target, rid, copy))
            count += per_route.get(rid, 0)
        copy += 1
    _set_order(target, order)
    return target


if __name__ == "__main__":
    if sys.argv[1] == "--copies":
        copies, out = int(sys.argv[2]), Path(sys.argv[3])
        make_copies(ROOT / "rules", out, copies)
        print(f"{out}: every route copied {copies} times, {rule_count(out)} engine rules")
    else:
        factor, out = int(sys.argv[1]), Path(sys.argv[2])
        make_scaled(ROOT / "rules", out, factor)
        print(f"{out}: {rule_count(out)} engine rules ({factor}x of {rule_count(ROOT / 'rules')})")
