"""The ``routewijzer`` command: tools for developers, legal experts and QA."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _print_or_check(text: str, check: str | None, make_target: str) -> int:
    """Print a generated document, or with ``check`` exit 1 when the committed file differs from it."""
    if check:
        current = Path(check).read_text(encoding="utf-8") if Path(check).exists() else ""
        if current != text:
            print(f"{check} is out of date: run 'make {make_target}'", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


def _openapi(args) -> int:
    from .web.openapi import spec_yaml

    return _print_or_check(spec_yaml(), args.check, "openapi")


def _rules_check(args) -> int:
    from .check.lint import lint
    from .rules.rulebook import DEFAULT_RULES_DIR

    rules_dir = Path(args.path) if args.path else DEFAULT_RULES_DIR
    features = Path(args.features) if args.features else rules_dir.resolve().parent / "features"
    compiled, problems, warnings = lint(rules_dir, features, tuple(args.allow or ()))
    for w in warnings:
        print(f"{w} (warning)")
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    from .rules.network import headroom

    for line in headroom(compiled.parts):
        print(line)
    print(f"ok: rulebook {compiled.version}, {len(compiled.book.routes)} routes, "
          f"{len(compiled.rules)} engine rules in {len(compiled.parts)} engine parts, {compiled.digest}")
    return 0


def _rules_schema(args) -> int:
    from .check.editor_schema import schema_json

    return _print_or_check(schema_json(), args.check, "rules-schema")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="routewijzer")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("openapi", help="print the OpenAPI document generated from the schemas")
    p.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the generated document")
    p.set_defaults(func=_openapi)
    rules = sub.add_parser("rules", help="rule-file tools").add_subparsers(dest="rules_command", required=True)
    c = rules.add_parser("check", help="validate and compile the rule files; report every problem as path:line")
    c.add_argument("path", nargs="?", default=None, help="rules directory (default: rules/)")
    c.add_argument("--features", metavar="DIR", help="scenarios to check too (default: features/ next to the rules)")
    c.add_argument("--allow", action="append", choices=["unused", "impossible", "scenarios"],
                   help="report this kind of problem as a warning only (while a rulebook is being completed)")
    c.set_defaults(func=_rules_check)
    s = rules.add_parser("schema", help="print the JSON Schema of the rule files (for editors)")
    s.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the generated schema")
    s.set_defaults(func=_rules_schema)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
