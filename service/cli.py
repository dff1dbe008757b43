"""The ``routewijzer`` command: tools for developers, legal experts and QA."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _openapi(args) -> int:
    from .openapi import spec_yaml

    text = spec_yaml()
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8") if Path(args.check).exists() else ""
        if current != text:
            print(f"{args.check} is out of date: run 'make openapi'", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


def _rules_check(args) -> int:
    from .compiler import compile_rulebook
    from .rulebook import RulebookError, load

    try:
        compiled = compile_rulebook(load(args.path))
    except RulebookError as exc:
        for p in exc.problems:
            print(p)
        print(f"{len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"ok: rulebook {compiled.version}, {len(compiled.book.routes)} routes, "
          f"{len(compiled.rules)} engine rules, {compiled.digest}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="routewijzer")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("openapi", help="print the OpenAPI document generated from the schemas")
    p.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the generated document")
    p.set_defaults(func=_openapi)
    rules = sub.add_parser("rules", help="rule-file tools").add_subparsers(dest="rules_command", required=True)
    c = rules.add_parser("check", help="validate and compile the rule files; report every problem as path:line")
    c.add_argument("path", nargs="?", default=None, help="rules directory (default: rules/)")
    c.set_defaults(func=_rules_check)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
