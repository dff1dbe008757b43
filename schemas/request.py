"""The request of POST /v1/decisions: one incident, strictly typed, no free text.

Strict on purpose: booleans are not integers, numeric strings are not integers, ``null`` is not a
value, dates are ``YYYY-MM-DD`` and nothing else, and unknown fields (names, free text, images) are
rejected. Contradictions are errors, named by field.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from routewijzer.rules.vocabulary import (
    CONTENT_TYPES,
    ESTABLISHMENTS,
    HATE_CONTENT_TYPES,
    HATE_GROUNDS,
    PERPETRATORS,
    PLATFORM_RESPONSES,
    PLATFORMS,
)
from routewijzer.schemas.messages import say

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> dt.date:
    return dt.datetime.now(AMSTERDAM).date()


class StrictInteger(fields.Integer):
    """An integer in JSON: not a boolean, not a float, not a string."""

    default_error_messages = {"invalid": "Not a valid integer."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return value


class StrictBoolean(fields.Boolean):
    """true or false in JSON; not 1, "yes" or "true"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class StrictDate(fields.Date):
    """A calendar date written YYYY-MM-DD."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("pattern", r"^\d{4}-\d{2}-\d{2}$")
        super().__init__(**kwargs)

    default_error_messages = {"invalid": "Not a valid date: use YYYY-MM-DD."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise self.make_error("invalid")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.make_error("invalid") from None


MAX_ITEM_ERRORS = 3


class BoundedList(fields.List):
    """A list whose length is checked before its items, and whose items stop being checked after
    MAX_ITEM_ERRORS invalid ones: thousands of bad items cost little and get a short answer."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list):
            raise self.make_error("invalid")
        for check in self.validators:
            if isinstance(check, validate.Length):
                check(value)
        result, errors = [], {}
        for index, item in enumerate(value):
            try:
                result.append(self.inner.deserialize(item, **kwargs))
            except ValidationError as error:
                errors[index] = error.messages
                if len(errors) >= MAX_ITEM_ERRORS:
                    break
        if errors:
            raise ValidationError(errors, valid_data=result)
        return result


def enum(values, **kw):
    return fields.String(validate=validate.OneOf(values), **kw)


class IncidentSchema(Schema):
    """One incident, described with the contract's vocabulary only."""

    class Meta:
        unknown = RAISE
        ordered = True

    content_types = BoundedList(
        enum(CONTENT_TYPES), required=True,
        validate=[validate.Length(min=1), validate.Length(max=len(CONTENT_TYPES))],
        metadata={"description": "what was shared or done (one or more, no repeats)", "uniqueItems": True},
    )
    victim_age = StrictInteger(validate=validate.Range(0, 120), metadata={"description": "the victim's age now"})
    age_when_made = StrictInteger(
        validate=validate.Range(0, 120),
        metadata={"description": "age of the person depicted when the image was made; defaults to victim_age"},
    )
    platform = enum(PLATFORMS, metadata={"description": "a known platform; its profile comes from the rule files"})
    platform_established = enum(
        ESTABLISHMENTS, metadata={"description": "where the provider is established; overrides the profile"}
    )
    group_closed = StrictBoolean(
        metadata={"description": "true: closed group or private chat; false: public; absent: unknown"}
    )
    perpetrator = enum(PERPETRATORS)
    platform_response = enum(PLATFORM_RESPONSES)
    hate_ground = enum(HATE_GROUNDS, metadata={"description": "only with discriminatory_insult or incitement_to_hatred"})
    victim_in_crisis = StrictBoolean(metadata={"description": "suicidal thoughts or acute distress"})
    incident_date = StrictDate(metadata={"description": "when the content was shared; decides the criminal law"})
    as_of = StrictDate(metadata={"description": "date at which procedures and platforms are assessed; default today"})

    @validates_schema
    def _consistent(self, data, **kwargs):
        errors: dict[str, list[str]] = {}
        cts = data.get("content_types") or []
        if len(set(cts)) != len(cts):
            errors.setdefault("content_types", []).append(say("unique"))
        if data.get("hate_ground") and not set(cts) & set(HATE_CONTENT_TYPES):
            errors.setdefault("hate_ground", []).append(say("only_with_content", values=HATE_CONTENT_TYPES))
        va, am = data.get("victim_age"), data.get("age_when_made")
        if va is not None and am is not None and am > va:
            errors.setdefault("age_when_made", []).append(say("not_above", field="victim_age"))
        as_of = data.get("as_of") or today()
        if data.get("incident_date") and data["incident_date"] > as_of:
            errors.setdefault("incident_date", []).append(say("not_after", field="as_of"))
        if data.get("as_of") and data["as_of"] < dt.date(2000, 1, 1):
            errors.setdefault("as_of", []).append(say("not_before", date="2000-01-01"))
        if data.get("incident_date") and data["incident_date"] < dt.date(1990, 1, 1):
            errors.setdefault("incident_date", []).append(say("not_before", date="1990-01-01"))
        if errors:
            raise ValidationError(errors)

    @post_load
    def _defaults(self, data, **kwargs):
        data.setdefault("as_of", today())
        data.setdefault("incident_date", data["as_of"])
        if data.get("age_when_made") is None and data.get("victim_age") is not None:
            data["age_when_made"] = data["victim_age"]
        data["content_types"] = sorted(set(data["content_types"]), key=CONTENT_TYPES.index)
        return data
