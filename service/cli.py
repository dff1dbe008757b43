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


def _read_input(name: str | None) -> bytes:
    if name in (None, "-"):
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def offline_app(rules_dir: Path):
    """The service's own Flask app over ``rules_dir``: the CLI asks it in-process, so that parsing,
    validation, deciding and the problem documents are the API's, not a second copy."""
    from .web.app import create_app

    return create_app({"RULES_DIR": str(rules_dir), "STATE_DIR": None, "ADMIN_TOKEN": None})


def ask(app, raw: bytes, lang: str = "nl", explain: bool = False, rulebook: str | None = None) -> tuple[int, dict]:
    """POST /v1/decisions on ``app`` in-process: (status, body), the answer without its decision_id."""
    import json
    from urllib.parse import urlencode

    query = {k: v for k, v in (("explain", "true" if explain else None), ("rulebook", rulebook)) if v}
    response = app.test_client().post("/v1/decisions" + ("?" + urlencode(query) if query else ""), data=raw,
                                      headers={"Content-Type": "application/json", "Accept-Language": lang})
    body = json.loads(response.data)
    if response.status_code == 200:
        body.pop("decision_id", None)
    return response.status_code, body


def _dump(value, stream) -> None:
    import json

    stream.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")


def _decide(args) -> int:
    import logging

    from .rules.revisions import RevisionError, checkout
    from .rules.rulebook import RulebookError

    try:
        raw = _read_input(args.incident)
    except OSError as exc:
        print(f"routewijzer decide: cannot read {args.incident}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        with checkout(args.rules) as (rules_dir, _features):
            app = offline_app(rules_dir)
            logging.getLogger("routewijzer").setLevel(logging.ERROR)  # stderr: the problem document only
            status, body = ask(app, raw, args.lang, args.explain)
    except RevisionError as exc:
        print(f"routewijzer decide: {exc}", file=sys.stderr)
        return 2
    except RulebookError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return 2
    if status != 200:
        _dump(body, sys.stderr)  # the API's problem document
        return 2
    _dump(body, sys.stdout)
    return 0


def _rules_diff(args) -> int:
    """Exit status as diff's: 0 the answers are the same, 1 they differ, 2 trouble."""
    from contextlib import ExitStack

    from .check.impact import impact
    from .rules.compiler import compile_rulebook
    from .rules.revisions import RevisionError, checkout
    from .rules.rulebook import RulebookError, load

    with ExitStack() as stack:
        books, feature_dirs = [], []
        for spec in (args.old, args.new):
            try:
                rules_dir, features = stack.enter_context(checkout(spec))
                books.append(compile_rulebook(load(rules_dir)))
            except RevisionError as exc:
                print(f"routewijzer rules diff: {exc}", file=sys.stderr)
                return 2
            except RulebookError as exc:
                print(f"routewijzer rules diff: {spec} is not a valid rulebook:", file=sys.stderr)
                for p in exc.problems:
                    print(f"  {p}", file=sys.stderr)
                return 2
            feature_dirs.append(Path(args.features) if args.features else features)
        result = impact(books[0], books[1], feature_dirs, args.lang, labels=(args.old, args.new or "rules/"))
    if args.format == "json":
        _dump(result.as_json(), sys.stdout)
    else:
        sys.stdout.write(result.markdown())
    return 1 if result.changed else 0


def _rules_schema(args) -> int:
    from .check.editor_schema import schema_json

    return _print_or_check(schema_json(), args.check, "rules-schema")


def _rules_configmap(args) -> int:
    from .ops.configmap import DEFAULT_NAME, ConfigMapError, configmap_yaml

    try:
        sys.stdout.write(configmap_yaml(args.path, args.name or DEFAULT_NAME))
    except ConfigMapError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="routewijzer")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("openapi", help="print the OpenAPI document generated from the schemas")
    p.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the generated document")
    p.set_defaults(func=_openapi)
    d = sub.add_parser("decide", help="decide one incident (JSON on stdin or in a file), as POST /v1/decisions does",
                       description="Prints the answer POST /v1/decisions gives (without decision_id). An invalid "
                                   "incident: the API's problem document on stderr, exit status 2.")
    d.add_argument("incident", nargs="?", default=None, help="a JSON file (default: stdin)")
    d.add_argument("--rules", metavar="DIR|REVISION", default=None,
                   help="a rules directory, or a git revision whose rules/ to use (default: rules/)")
    d.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the texts (default nl)")
    d.add_argument("--explain", action="store_true", help="add the explanations (as ?explain=true)")
    d.set_defaults(func=_decide)
    rules = sub.add_parser("rules", help="rule-file tools").add_subparsers(dest="rules_command", required=True)
    c = rules.add_parser("check", help="validate and compile the rule files; report every problem as path:line")
    c.add_argument("path", nargs="?", default=None, help="rules directory (default: rules/)")
    c.add_argument("--features", metavar="DIR", help="scenarios to check too (default: features/ next to the rules)")
    c.add_argument("--allow", action="append", choices=["unused", "impossible", "scenarios", "stale"],
                   help="report this kind of problem as a warning only (while a rulebook is being completed)")
    c.set_defaults(func=_rules_check)
    r = rules.add_parser("diff", help="what a rule change does: the answers of two rulebooks over a corpus, compared",
                         description="Decides every scenario's incident and a generated corpus (every enum value, both "
                                     "sides of every age and date threshold) with both rulebooks and reports every "
                                     "difference, grouped, with a count and an example. Exit status 0: no difference; "
                                     "1: differences; 2: trouble.")
    r.add_argument("old", help="rules directory or git revision (e.g. main, HEAD~1, a tag)")
    r.add_argument("new", nargs="?", default=None, help="rules directory or git revision (default: rules/)")
    r.add_argument("--format", choices=["markdown", "json"], default="markdown")
    r.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the compared texts")
    r.add_argument("--features", metavar="DIR", help="scenarios to use (default: features/ beside each rulebook)")
    r.set_defaults(func=_rules_diff)
    s = rules.add_parser("schema", help="print the JSON Schema of the rule files (for editors)")
    s.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the generated schema")
    s.set_defaults(func=_rules_schema)
    m = rules.add_parser("configmap", help="print the rule files as a Kubernetes ConfigMap (deploy/kubernetes/README.md)")
    m.add_argument("path", nargs="?", default=None, help="rules directory (default: rules/)")
    m.add_argument("--name", help="the ConfigMap's name (default: routewijzer-rules)")
    m.set_defaults(func=_rules_configmap)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
