"""Reading ``rules/``: every file validated, every reference checked, every problem reported at once.

A problem is reported as ``path:line: message`` so that a legal expert can go straight to it. Loading
never raises half-way: it collects all problems, and :class:`RulebookError` carries them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import ValidationError

from routewijzer.schemas.rulefile import FILE_KINDS

from . import yamlsource

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class RulebookError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))


@dataclass
class Source:
    """One rule file: its path as shown to people, and the line of every key in it."""

    file: str
    lines: dict

    def line(self, path: tuple) -> int:
        return yamlsource.line_of(self.lines, path)


@dataclass
class Item:
    """A loaded, validated piece of a rule file, with where it came from."""

    data: dict
    source: Source
    path: tuple  # path of this item inside its file

    def line(self, *sub) -> int:
        return self.source.line(self.path + tuple(sub))


@dataclass
class Rulebook:
    directory: Path
    digest: str
    meta: dict = field(default_factory=dict)
    routes: dict[str, Item] = field(default_factory=dict)
    steps: dict[str, Item] = field(default_factory=dict)  # general steps of the plan (rules/steps/)
    orderings: dict[str, Item] = field(default_factory=dict)  # ordering rules of the plan
    facts: dict[str, Item] = field(default_factory=dict)
    platforms: dict[str, Item] = field(default_factory=dict)
    authorities: dict[str, Item] = field(default_factory=dict)
    obstacles: dict[str, Item] = field(default_factory=dict)
    notes: dict[str, Item] = field(default_factory=dict)
    questions: dict[str, Item] = field(default_factory=dict)
    glossary: dict[str, Item] = field(default_factory=dict)  # term -> its explanation
    citations: dict[str, Item] = field(default_factory=dict)  # official identifiers of the legal bases
    meta_source: Source | None = None

    @property
    def version(self) -> str:
        return self.meta.get("version", "unknown")


def _flatten(messages, path=()):
    """marshmallow's nested error dict as (path, message) pairs."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            sub = path if key == "_schema" else path + (key,)
            yield from _flatten(value, sub)
    elif isinstance(messages, list):
        for m in messages:
            yield from _flatten(m, path)
    else:
        yield path, str(messages)


def rule_files(directory: Path) -> list[Path]:
    """Every *.yaml below ``directory``, through symlinked directories, hidden entries skipped.

    A Kubernetes ConfigMap volume shows its files through symlinks into ``..data``, itself a symlink to
    a timestamped ``..2026_...`` directory that kubelet swaps atomically: both hidden.
    """
    found, seen = [], set()
    for root, dirs, files in os.walk(directory, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a symlink loop
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, f) for f in files if f.endswith(".yaml") and not f.startswith(".")]
    return sorted(p for p in found if p.is_file())


def digest_of(directory: Path) -> str:
    return digest_of_files((p.relative_to(directory).as_posix(), p.read_bytes()) for p in rule_files(directory))


def digest_of_files(files) -> str:
    """The digest of (relative path, bytes) pairs: the names and the bytes of every rule file.

    A ``/`` in a name counts as ``.``: the files of a rules directory and the same files in a flat
    Kubernetes ConfigMap (``routes/x.yaml`` as ``routes.x.yaml``, ops/configmap.py) are one rulebook
    with one digest, so a decision served in a cluster names the digest of the repository's files.
    """
    h = hashlib.sha256()
    for name, content in sorted((name.replace("/", "."), content) for name, content in files):
        h.update(name.encode() + b"\0")
        h.update(content + b"\0")
    return "sha256:" + h.hexdigest()


def load(directory: Path | str | None = None, display_root: Path | None = None) -> Rulebook:
    """Load and validate every rule file below ``directory``; raise RulebookError listing all problems."""
    book, problems = load_all(directory, display_root)
    if problems:
        raise RulebookError(problems)
    return book


def load_all(directory: Path | str | None = None, display_root: Path | None = None) -> tuple[Rulebook, list]:
    """Load what can be loaded and return it with every problem found (the linter goes on from here)."""
    directory = Path(directory or DEFAULT_RULES_DIR).resolve()
    root = display_root or directory.parent
    problems: list[Problem] = []
    book = Rulebook(directory=directory, digest=digest_of(directory) if directory.is_dir() else "")
    if not directory.is_dir():
        return book, [Problem(str(directory), 1, "rules directory not found")]

    def shown(p: Path) -> str:
        try:
            return p.relative_to(root).as_posix()
        except ValueError:
            return p.as_posix()

    for path in rule_files(directory):
        name = shown(path)
        try:
            data, lines = yamlsource.load(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(name, 1, "the file is not UTF-8 text"))
            continue
        except yamlsource.YamlSyntaxError as exc:
            problems.append(Problem(name, exc.line, f"YAML syntax: {exc}"))
            continue
        source = Source(name, lines)
        if not isinstance(data, dict) or not data:
            problems.append(Problem(name, 1, f"expected a mapping starting with one of: {', '.join(FILE_KINDS)}"))
            continue
        kind = next(iter(data))
        schema = FILE_KINDS.get(kind)
        if schema is None:
            problems.append(Problem(name, source.line((kind,)),
                                    f"unknown file kind '{kind}' (expected one of: {', '.join(FILE_KINDS)})"))
            continue
        try:
            loaded = schema().load(data)
        except ValidationError as exc:
            for p, msg in _flatten(exc.messages):
                where = ".".join(str(x) for x in p) or kind
                problems.append(Problem(name, source.line(p), f"{where}: {msg}"))
            continue
        _register(book, kind, loaded, source, problems)

    if book.meta_source is None:
        problems.append(Problem(shown(directory / "rulebook.yaml"), 1, "rulebook.yaml is missing"))
    return book, problems


def _register(book: Rulebook, kind: str, data: dict, source: Source, problems: list[Problem]) -> None:
    def put(table: dict, key: str, item: Item, what: str):
        if key in table:
            other = table[key]
            problems.append(Problem(source.file, item.line(),
                                    f"duplicate {what} id '{key}' (also at {other.source.file}:{other.line()})"))
        else:
            table[key] = item

    if kind == "rulebook":
        book.meta, book.meta_source = data, source
    elif kind == "route":
        put(book.routes, data["route"], Item(data, source, ()), "route")
    elif kind == "step":
        put(book.steps, data["step"], Item(data, source, ()), "step")
    elif kind == "fact":
        put(book.facts, data["fact"], Item(data, source, ()), "fact")
    elif kind == "platform":
        put(book.platforms, data["platform"], Item(data, source, ()), "platform")
    else:
        table = {"authorities": book.authorities, "obstacles": book.obstacles, "ordering": book.orderings,
                 "notes": book.notes, "questions": book.questions, "glossary": book.glossary,
                 "citations": book.citations}[kind]
        for i, entry in enumerate(data[kind]):
            key = entry.get("id") or entry.get("field") or entry.get("term")
            put(table, key, Item(entry, source, (kind, i)),
                {"authorities": "authority", "ordering": "ordering rule", "glossary": "glossary term",
                 "citations": "citation"}.get(kind, kind[:-1]))
