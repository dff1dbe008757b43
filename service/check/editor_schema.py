"""The JSON Schema of the rule files, generated from the marshmallow schemas in schemas/rulefile.py.

Editors with the YAML language server read it through the ``# yaml-language-server: $schema=...`` line
every rule file starts with: they validate and autocomplete while a legal expert types. The committed
copy is ``schemas/rulefile.schema.json`` (``make rules-schema``); a test fails when it drifts.

What JSON Schema cannot say (references between files, the condition language, dates in order) is
left to ``make lint-rules``.
"""

from __future__ import annotations

import json

from marshmallow import fields, validate

from routewijzer.schemas import rulefile

SCHEMA_ID = "https://routewijzer.example/schemas/rulefile.schema.json"


def _name(schema) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    return cls.__name__


class _Generator:
    def __init__(self):
        self.defs: dict[str, dict] = {}

    def schema(self, schema) -> dict:
        """A $ref to the definition of a marshmallow schema (generated once)."""
        name = _name(schema)
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursion-safe
            cls = schema if isinstance(schema, type) else type(schema)
            instance = cls()
            props, required = {}, []
            for key, f in instance.fields.items():
                props[key] = self.field(f)
                if f.required:
                    required.append(key)
            out: dict = {"type": "object"}
            if cls.__doc__:
                out["description"] = " ".join(cls.__doc__.split())
            out["properties"] = props
            if required:
                out["required"] = required
            out["additionalProperties"] = False
            self.defs[name] = out
        return {"$ref": f"#/$defs/{name}"}

    def field(self, f: fields.Field) -> dict:
        if hasattr(f, "json_schema"):  # a field that says itself what it accepts (rulefile.StepIds)
            out = dict(f.json_schema)
        elif isinstance(f, fields.Nested):
            out = self.schema(f.nested)
        elif isinstance(f, fields.List):
            out = {"type": "array", "items": self.field(f.inner)}
        elif isinstance(f, fields.Dict):
            out = {"type": "object", "description": "a condition: facts and the values they must have "
                                                    "(docs/rule-format.md)"}
        elif isinstance(f, fields.Date):
            out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        elif isinstance(f, fields.Url):
            out = {"type": "string", "format": "uri", "pattern": "^https?://"}
        elif isinstance(f, fields.String):
            out = {"type": "string"}
        elif isinstance(f, fields.Boolean):
            out = {"type": "boolean"}
        elif isinstance(f, fields.Integer):
            out = {"type": "integer"}
        else:  # Raw
            out = {}
        for v in f.validators:
            if isinstance(v, validate.OneOf):
                out["enum"] = list(v.choices)
            elif isinstance(v, validate.Regexp):
                out["pattern"] = v.regex.pattern
            elif isinstance(v, validate.Length):
                key = ("minItems", "maxItems") if out.get("type") == "array" else ("minLength", "maxLength")
                if v.min is not None:
                    out[key[0]] = v.min
                if v.max is not None:
                    out[key[1]] = v.max
        description = f.metadata.get("description")
        if description:
            if "$ref" in out:
                out = {"allOf": [out], "description": description}
            else:
                out["description"] = description
        optional = not f.required and f.load_default is None and "$ref" not in out and "allOf" not in out
        if optional and "type" in out:  # an optional field may be written empty (null) in YAML
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = out["enum"] + [None]
        return out


def build() -> dict:
    gen = _Generator()
    kinds = []
    for key, schema in rulefile.FILE_KINDS.items():
        ref = gen.schema(schema)
        # A file is of the kind its first key names; JSON Schema cannot see order, so a key that is also
        # a field of another kind (a route has obstacles) only decides when that other kind's key is absent.
        hosts = [k for k, other in rulefile.FILE_KINDS.items() if k != key and key in other().fields]
        test: dict = {"type": "object", "required": [key]}
        if hosts:
            test["not"] = {"anyOf": [{"required": [k]} for k in hosts]}
        kinds.append({"if": test, "then": ref})
    kind_keys = list(rulefile.FILE_KINDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Routewijzer rule file",
        "description": "A rule file of the Routewijzer rulebook (docs/rule-format.md). Generated from "
                       "schemas/rulefile.py by 'routewijzer rules schema': do not edit by hand.",
        "type": "object",
        "anyOf": [{"required": [k]} for k in kind_keys],
        "allOf": kinds,
        "$defs": dict(sorted(gen.defs.items())),
    }


def schema_json() -> str:
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


__all__ = ["build", "schema_json"]
