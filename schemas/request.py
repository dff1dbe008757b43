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

from routewijzer.rules.consistency import contradictions, implied
from routewijzer.rules.vocabulary import (
    AUDIENCE_SIZE_MAX,
    AUDIENCES,
    CONTENT_TYPES,
    ESTABLISHMENTS,
    EXTORTION_DEMANDS,
    EXTORTION_THREATS,
    GOALS,
    HATE_GROUNDS,
    IMAGE_ORIGINS,
    PERPETRATOR_RELATIONS,
    PERPETRATORS,
    PLATFORM_RESPONSES,
    PLATFORM_SIZES,
    PLATFORMS,
    PROSECUTION_STATUSES,
    PUBLICATIONS,
    VICTIM_ROLES,
)
from routewijzer.schemas.messages import say

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> dt.date:
    return dt.datetime.now(AMSTERDAM).date()


class StrictInteger(fields.Integer):
    """An integer in JSON: not a boolean, not a string, not a fraction. ``17.0`` is the integer 17, as JSON
    Schema (OpenAPI 3.1) counts it."""

    default_error_messages = {"invalid": "Not a valid integer."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return value


class StrictBoolean(fields.Boolean):
    """true or false in JSON; not 1, "yes" or "true"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


# The earliest dates accepted (older law is not modelled), also spelled as patterns for OpenAPI clients.
EARLIEST = {"incident_date": dt.date(1990, 1, 1), "as_of": dt.date(2000, 1, 1)}
YEAR_FROM = {"incident_date": r"(199\d|[2-9]\d{3})", "as_of": r"([2-9]\d{3})"}


class StrictDate(fields.Date):
    """A calendar date written YYYY-MM-DD, from the earliest date of its field on."""

    def __init__(self, name: str, **kwargs):
        kwargs.setdefault("metadata", {}).setdefault("pattern", rf"^{YEAR_FROM[name]}-\d{{2}}-\d{{2}}$")
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
    incident_date = StrictDate("incident_date", metadata={"description": "when the content was shared; decides the criminal law"})
    as_of = StrictDate("as_of", metadata={"description": "date at which procedures and platforms are assessed; default today"})
    # v1.1 (docs/contract.md, "v1.1 additions"): all optional; absent means unknown.
    audience = enum(AUDIENCES, metadata={
        "description": "who could see it: a private chat; a group whose admin approves each member; a group "
                       "anyone with the link can join; a public channel, open group, public post or website. "
                       "public <=> group_closed false"})
    audience_size = StrictInteger(validate=validate.Range(0, AUDIENCE_SIZE_MAX), metadata={
        "description": "approximate number of people who could see it (group members, followers)"})
    image_origin = enum(IMAGE_ORIGINS, metadata={
        "description": "how the image came about; only with an image content type"})
    publication = enum(PUBLICATIONS, metadata={
        "description": "whether the content was shown to others, or publication is only threatened"})
    victim_role = enum(VICTIM_ROLES, metadata={
        "description": "public_official: a function listed in art. 285d(2) Sr other than journalist; "
                       "public_task_worker: targeted for other public-task work"})
    hosting_established = enum(ESTABLISHMENTS, metadata={
        "description": "where the provider that stores the content is established; default: the platform's"})
    platform_size = enum(PLATFORM_SIZES, metadata={
        "description": "the provider's size under the DSA (art. 19); default from the dated platform profile"})
    extortion_threat = enum(EXTORTION_THREATS, metadata={
        "description": "only with extortion: what the perpetrator threatens"})
    extortion_demand = enum(EXTORTION_DEMANDS, metadata={
        "description": "only with extortion: what the perpetrator demands"})
    perpetrator_relation = enum(PERPETRATOR_RELATIONS, metadata={
        "description": "how the perpetrator relates to the victim"})
    perpetrator_minor = StrictBoolean(metadata={"description": "the perpetrator is under 18"})
    victim_has_copy = StrictBoolean(metadata={
        "description": "the victim (or a parent) holds a copy of the image on their own device"})
    in_search_results = StrictBoolean(metadata={
        "description": "the content shows up in search-engine results for the victim's name"})
    prosecution_status = enum(PROSECUTION_STATUSES, metadata={"description": "where a criminal case stands"})
    goals = fields.List(
        enum(GOALS), validate=validate.Length(max=len(GOALS)),
        metadata={"description": "what the victim wants; decides the order of the plan, never whether a route "
                                 "applies (no repeats)", "uniqueItems": True},
    )

    @validates_schema
    def _consistent(self, data, **kwargs):
        errors = {name: [say(kind, **values) for kind, values in found]
                  for name, found in contradictions(data).items()}
        as_of = data.get("as_of") or today()
        if data.get("incident_date") and data["incident_date"] > as_of:
            errors.setdefault("incident_date", []).append(say("not_after", field="as_of"))
        for name, earliest in EARLIEST.items():
            if data.get(name) and data[name] < earliest:
                errors.setdefault(name, []).append(say("not_before", date=earliest.isoformat()))
        if errors:
            raise ValidationError(errors)

    @post_load
    def _defaults(self, data, **kwargs):
        data.setdefault("as_of", today())
        data.setdefault("incident_date", data["as_of"])
        if data.get("age_when_made") is None and data.get("victim_age") is not None:
            data["age_when_made"] = data["victim_age"]
        data["content_types"] = sorted(set(data["content_types"]), key=CONTENT_TYPES.index)
        if "goals" in data:
            data["goals"] = sorted(set(data["goals"]), key=GOALS.index)
        return implied(data)
