"""YAML with line numbers: every error a legal expert sees names ``file:line``.

Rule files are plain YAML: every value written out. Anchors and aliases (``&x``, ``*x``) are refused,
because a reader must see a rule's whole text where it stands, and because aliases let a file of a
few hundred bytes expand to gigabytes (or refer to itself); explicit tags (``!!python/tuple``,
``!!str``) are refused, since no rule needs one; and a file holds at most MAX_NODES values.
"""

from __future__ import annotations

import yaml


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


# libyaml's parser when PyYAML was built with it (about three times faster on the rule files, which
# matters for a reload on a busy machine); the pure-Python one otherwise. Both keep line marks.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


MAX_NODES = 20_000  # values per file; the largest rule file has a few hundred


def _plain_yaml_only(text: str) -> None:
    """Refuse anchors, aliases, tags and more than MAX_NODES values, before anything is built: the
    events of the parser tell each one with its line, and an alias is never expanded."""
    nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlSyntaxError(line, f"aliases (*{event.anchor}) are not allowed in rule files: write the value out")
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            continue
        if event.anchor is not None:
            raise YamlSyntaxError(line, f"anchors (&{event.anchor}) are not allowed in rule files: write values out")
        if event.tag is not None:
            raise YamlSyntaxError(line, f"tags ({event.tag}) are not allowed in rule files: write plain values")
        nodes += 1
        if nodes > MAX_NODES:
            raise YamlSyntaxError(line, f"more than {MAX_NODES} values in one file: split it")


def load(text: str) -> tuple[object, dict[tuple, int]]:
    """Parse YAML; return the data and a map from each path (keys and list indices) to its 1-based line."""
    try:
        _plain_yaml_only(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError((mark.line + 1) if mark else 1, str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - marked errors cover the parser
        raise YamlSyntaxError(1, str(exc)) from None
    lines: dict[tuple, int] = {}
    if node is None:
        return None, lines
    constructor = _Loader(text)

    def walk(n, path):
        lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            out = {}
            for k, v in n.value:
                key = constructor.construct_object(k, deep=True)
                if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                    raise YamlSyntaxError(k.start_mark.line + 1, "keys must be words")
                if key in out:
                    raise YamlSyntaxError(k.start_mark.line + 1, f"duplicate key '{key}'")
                lines[path + (key,)] = k.start_mark.line + 1
                out[key] = walk(v, path + (key,))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [walk(v, path + (i,)) for i, v in enumerate(n.value)]
        return constructor.construct_object(n, deep=True)

    try:
        return walk(node, ()), lines
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise YamlSyntaxError((mark.line + 1) if mark else 1, str(exc.problem)) from None


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """The line of the deepest known ancestor of ``path``."""
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
