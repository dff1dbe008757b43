"""YAML with line numbers: every error a legal expert sees names ``file:line``."""

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


def load(text: str) -> tuple[object, dict[tuple, int]]:
    """Parse YAML; return the data and a map from each path (keys and list indices) to its 1-based line."""
    try:
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
