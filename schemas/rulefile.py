"""The format of the rule files in ``rules/``: what a legal expert may write, field by field.

Every file is YAML and declares what it is by its first key (``route:``, ``step:``, ``ordering:``,
``fact:``, ``platform:``, ``authorities:``, ``obstacles:``, ``notes:``, ``questions:`` or ``rulebook:``). The schemas below check
the shape; :mod:`routewijzer.rules.rulebook` then checks the references between files and compiles the
conditions. The JSON Schema that editors use is generated from these classes
(``routewijzer rules schema``).
"""

from __future__ import annotations

import datetime as dt
import re

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from routewijzer.rules.vocabulary import ESTABLISHMENTS, PLATFORM_SIZES, PLATFORMS, ROUTE_KINDS, STARTERS

ID = validate.Regexp(r"^[a-z][a-z0-9_]*$", error="must be a lower-case id (a-z, 0-9, _)")


class YamlDate(fields.Date):
    """A date as YAML writes it (2024-07-01, unquoted) or as an ISO string."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dt.datetime):
            raise self.make_error("invalid")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return super()._deserialize(value, attr, data, **kwargs)
        raise self.make_error("invalid")


class Strict(Schema):
    class Meta:
        unknown = RAISE
        ordered = True


class Text(Strict):
    """A text in Dutch and in English; both are required."""

    nl = fields.String(required=True, validate=validate.Length(min=1))
    en = fields.String(required=True, validate=validate.Length(min=1))


def text(**kw):
    return fields.Nested(Text, **kw)


def condition(**kw):
    """A condition: a mapping of facts to values (see docs/rule-format.md)."""
    return fields.Dict(keys=fields.String(), **kw)


class Dated(Strict):
    valid_from = YamlDate(load_default=None, metadata={"description": "first day this holds"})
    valid_until = YamlDate(load_default=None, metadata={"description": "first day this no longer holds"})

    @validates_schema
    def _window(self, data, **kwargs):
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] <= data["valid_from"]:
            raise ValidationError("valid_until must be after valid_from", "valid_until")


class Requirement(Strict):
    """Something a route needs. When neither holds_when nor fails_when is met the route is conditional."""

    id = fields.String(required=True, validate=ID)
    holds_when = condition(required=True)
    fails_when = condition(load_default=None)
    fails_with = fields.String(load_default=None, validate=ID, metadata={"description": "obstacle id: the reason"})
    condition = text(required=True, metadata={"description": "shown while it is unknown whether it holds"})
    source = fields.String(load_default=None)

    @validates_schema
    def _reason(self, data, **kwargs):
        if data.get("fails_when") is not None and data.get("fails_with") is None:
            raise ValidationError("a requirement that can fail needs fails_with (the obstacle id)", "fails_with")
        if data.get("fails_when") is None and data.get("fails_with") is not None:
            raise ValidationError("fails_with without fails_when can never be used", "fails_with")


class ObstacleRef(Strict):
    """An obstacle to expect on this route, when its condition holds (always when absent)."""

    obstacle = fields.String(required=True, validate=ID)
    when = condition(load_default=None)
    source = fields.String(load_default=None)


class Version(Dated):
    id = fields.String(required=True, validate=ID)
    citation = text(required=True)
    url = fields.Url(load_default=None)
    source = fields.String(load_default=None)


class LegalBasis(Dated):
    """A legal basis. With ``when`` it is an offence or ground the route needs: at least one must apply."""

    id = fields.String(validate=ID, load_default=None)
    citation = text(load_default=None)
    url = fields.Url(load_default=None)
    versions = fields.List(fields.Nested(Version), validate=validate.Length(min=1), load_default=None)
    clock = fields.String(
        load_default="as_of",
        validate=validate.OneOf(["as_of", "incident_date"]),
        metadata={"description": "which date decides whether it is in force (offences: incident_date)"},
    )
    when = condition(load_default=None)
    listed_when = condition(
        load_default=None,
        metadata={"description": "a basis without when (a procedure or power) is listed only when this holds; "
                                 "it never decides whether the route applies"},
    )
    requires = fields.List(fields.Nested(Requirement), load_default=list)
    obstacles = fields.List(fields.Nested(ObstacleRef), load_default=list)
    not_in_force_reason = fields.String(validate=ID, load_default="offence_not_in_force_at_incident_date")
    source = fields.String(required=True)

    @validates_schema
    def _one_form(self, data, **kwargs):
        if data.get("when") is not None and data.get("listed_when") is not None:
            raise ValidationError("an offence (with when) is listed when it applies; listed_when is for "
                                  "procedures and powers", "listed_when")
        if data.get("versions"):
            if data.get("id") is None:
                raise ValidationError("a legal basis with versions needs an id of its own", "id")
            for key in ("citation", "url", "valid_from", "valid_until"):
                if data.get(key) is not None:
                    raise ValidationError(f"with versions, {key} belongs to each version", key)
        elif data.get("id") is None or data.get("citation") is None:
            raise ValidationError("a legal basis needs an id and a citation (or versions)", "citation")


class Route(Dated):
    route = fields.String(required=True, validate=ID)
    kind = fields.String(required=True, validate=validate.OneOf(ROUTE_KINDS))
    authority = fields.String(required=True, validate=ID)
    title = text(required=True)
    summary = text(required=True, metadata={
        "description": "two or three sentences a 16-year-old or a helper without legal training understands; "
                       "no abbreviation that rules/glossary.yaml does not explain"})
    started_by = fields.List(fields.String(validate=validate.OneOf(STARTERS)), required=True,
                             validate=validate.Length(min=1),
                             metadata={"description": "who can take the first step: " + ", ".join(STARTERS)})
    source = fields.String(required=True)
    relevant_when = condition(load_default=None)
    requires = fields.List(fields.Nested(Requirement), load_default=list)
    obstacles = fields.List(fields.Nested(ObstacleRef), load_default=list)
    legal_basis = fields.List(fields.Nested(LegalBasis), required=True, validate=validate.Length(min=1))
    depends_on = fields.String(
        load_default=None, validate=ID,
        metadata={"description": "a route listed earlier in route_order whose outcome this route shares: "
                                 "excluded with its reasons, or conditional on its conditions"},
    )


class Step(Dated):
    """A general step of the plan that is not a route (keep evidence, stop contact), when its condition holds."""

    step = fields.String(required=True, validate=ID)
    title = text(required=True)
    text = text(required=True, metadata={"description": "what to do, in plain words"})
    when = condition(load_default=None, metadata={"description": "when the step belongs in the plan (always when absent)"})
    source = fields.String(required=True)


# In an ordering rule, ``then: all_other_steps`` puts the ``first`` steps before every other step of the plan.
ALL_OTHER_STEPS = "all_other_steps"


class StepIds(fields.Field):
    """A step id, a list of step ids, or (only where allowed) the words ``all_other_steps``."""

    def __init__(self, allow_all: bool = False, **kw):
        self.allow_all = allow_all
        super().__init__(**kw)

    def _deserialize(self, value, attr, data, **kwargs):
        if self.allow_all and value == ALL_OTHER_STEPS:
            return value
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and re.fullmatch(r"[a-z][a-z0-9_]*", v) for v in values):
            extra = f", or {ALL_OTHER_STEPS}" if self.allow_all else ""
            raise ValidationError(f"must be a step or route id, or a list of them{extra}")
        if len(set(values)) != len(values):
            raise ValidationError("names a step twice")
        return list(values)

    @property
    def json_schema(self) -> dict:
        """What the editor schema (service/check/editor_schema.py) says about this field."""
        one = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
        out = [one, {"type": "array", "items": one, "minItems": 1, "uniqueItems": True}]
        if self.allow_all:
            out.append({"const": ALL_OTHER_STEPS})
        return {"anyOf": out}


class OrderingRule(Strict):
    """One ordering rule of the plan: the ``first`` steps come before the ``then`` steps, when ``when`` holds.

    Steps are route ids and the general steps of ``rules/steps/``; a rule about a step that is not in the
    plan of an incident simply does not apply to it.
    """

    id = fields.String(required=True, validate=ID)
    first = StepIds(required=True, metadata={"description": "the step(s) to take first"})
    then = StepIds(allow_all=True, required=True,
                   metadata={"description": f"the step(s) that come after them, or {ALL_OTHER_STEPS}"})
    when = condition(load_default=None, metadata={"description": "facts and goals under which the rule holds "
                                                                "(always when absent)"})
    reason = text(required=True, metadata={"description": "why, shown with every step it places"})
    source = fields.String(required=True)


class Ordering(Strict):
    ordering = fields.List(fields.Nested(OrderingRule), required=True, validate=validate.Length(min=1))


class FactRule(Dated):
    id = fields.String(required=True, validate=ID)
    value = fields.Raw(load_default=None)
    same_as = fields.String(load_default=None, metadata={"description": "copy this input field's value"})
    when = condition(load_default=None)
    source = fields.String(load_default=None)
    clock = fields.String(load_default="as_of", validate=validate.OneOf(["as_of", "incident_date"]))

    @validates_schema
    def _value(self, data, **kwargs):
        if (data.get("value") is None) == (data.get("same_as") is None):
            raise ValidationError("give exactly one of value and same_as", "value")


class Fact(Strict):
    fact = fields.String(required=True, validate=ID)
    description = text(required=True)
    values = fields.List(fields.Raw(), required=True, validate=validate.Length(min=1))
    source = fields.String(load_default=None)
    rules = fields.List(fields.Nested(FactRule), required=True, validate=validate.Length(min=1))


class PlatformVersion(Dated):
    establishment = fields.String(required=True, validate=validate.OneOf(ESTABLISHMENTS))
    cooperation = fields.String(required=True, validate=validate.OneOf(["cooperative", "limited", "nonresponsive"]))
    ignores_orders = fields.Boolean(required=True)
    public_private_partnership = fields.Boolean(required=True)
    terms_of_service = fields.String(required=True, validate=validate.OneOf(["broad", "narrow"]))
    very_large_online_platform = fields.Boolean(required=True)
    eu_representative = fields.Boolean(required=True)
    discloses_data_on_request = fields.Boolean(required=True)
    representative_in_nl = fields.Boolean(required=True, metadata={"description": "an entity or DSA representative in NL"})
    eio_available = fields.Boolean(
        load_default=None,
        metadata={"description": "the member state of the EU establishment takes part in the European "
                                 "Investigation Order (Directive 2014/41/EU; not Ireland, not Denmark); absent: unknown"},
    )
    source = fields.String(required=True)


class PlatformSize(Dated):
    """The provider's size under the DSA in one period: micro_or_small (art. 19 exempts it from arts. 20-28),
    medium_or_large, or very_large (designated VLOP/VLOSE, art. 33)."""

    value = fields.String(required=True, validate=validate.OneOf([s for s in PLATFORM_SIZES if s != "unknown"]))
    source = fields.String(required=True)


class Platform(Strict):
    platform = fields.String(required=True, validate=validate.OneOf([p for p in PLATFORMS if p != "other"]))
    name = fields.String(required=True)
    versions = fields.List(fields.Nested(PlatformVersion), required=True, validate=validate.Length(min=1))
    platform_size = fields.List(fields.Nested(PlatformSize), required=True, validate=validate.Length(min=1),
                                metadata={"description": "the provider's DSA size, dated (becomes profile_size)"})


PHONE = validate.Regexp(r"^(1[0-9]{2}|0[0-9]{2,3}-[0-9]{4,7})$",
                        error="a phone number as dialled in the Netherlands: 113, 0800-0113, 020-2615275")


class Contact(Dated):
    """How a person reaches the authority during a period (judged by as_of): the page where one starts
    (the report form, the helpline's page) and the number to call, each period with its source."""

    url = fields.Url(load_default=None, schemes={"https"})
    phone = fields.String(load_default=None, validate=PHONE)
    source = fields.String(required=True)

    @validates_schema
    def _something(self, data, **kwargs):
        if data.get("url") is None and data.get("phone") is None:
            raise ValidationError("a contact gives a url, a phone number or both", "url")


class Authority(Strict):
    id = fields.String(required=True, validate=ID)
    name = text(required=True)
    contact = fields.List(fields.Nested(Contact), load_default=list,
                          metadata={"description": "dated contact details; periods must not overlap"})
    source = fields.String(required=True)


class Obstacle(Strict):
    id = fields.String(required=True, validate=ID)
    text = text(required=True)
    source = fields.String(required=True)
    confidence = fields.String(required=True, validate=validate.OneOf(["high", "medium", "low"]))


class NoteVersion(Dated):
    """What a note says during a period (judged by as_of): what was known or pending then."""

    title = text(required=True)
    text = text(required=True)
    source = fields.String(required=True)


class Note(Dated):
    id = fields.String(required=True, validate=ID)
    title = text(load_default=None)
    text = text(load_default=None)
    versions = fields.List(fields.Nested(NoteVersion), validate=validate.Length(min=1), load_default=None,
                           metadata={"description": "dated texts instead of one title and text"})
    source = fields.String(required=True)
    when = condition(load_default=None)

    @validates_schema
    def _one_form(self, data, **kwargs):
        if data.get("versions"):
            for key in ("title", "text"):
                if data.get(key) is not None:
                    raise ValidationError(f"with versions, {key} belongs to each version", key)
        elif data.get("title") is None or data.get("text") is None:
            raise ValidationError("a note needs a title and a text (or versions)", "text")


class Question(Strict):
    """A question to ask when an input is unknown and its answer would change the routes."""

    field = fields.String(required=True)
    question = text(required=True)
    unknown_when = condition(required=True, metadata={"description": "when the answer is not known yet"})


class Term(Strict):
    """An abbreviation or legal word, explained for people without legal training."""

    term = fields.String(required=True, validate=validate.Length(min=1))
    text = text(required=True)
    source = fields.String(load_default=None)


class Glossary(Strict):
    glossary = fields.List(fields.Nested(Term), required=True)


class Citation(Strict):
    """The official identifier of a legal basis the routes cite, and when someone last checked it."""

    id = fields.String(required=True, validate=ID,
                       metadata={"description": "the legal basis id (or version id) as the route files write it"})
    bwb = fields.String(load_default=None, validate=validate.Regexp(r"^BWB[RV]\d{7}$", error="must be a BWB id "
                        "like BWBR0001854"), metadata={"description": "Dutch law: the act's id on wetten.overheid.nl"})
    celex = fields.String(load_default=None, validate=validate.Regexp(r"^[0-9CE][0-9]{4}[A-Z]{1,2}[0-9]{4}$",
                          error="must be a CELEX number like 32022R2065"), metadata={"description": "EU law"})
    eli = fields.Url(load_default=None, metadata={"description": "EU or Dutch law: the European Legislation Identifier"})
    ecli = fields.String(load_default=None, validate=validate.Regexp(r"^ECLI:[A-Z]{2}:[A-Z0-9]+:[0-9]{4}:[A-Z0-9.]+$",
                         error="must be an ECLI like ECLI:NL:HR:2005:AU4019"), metadata={"description": "case law"})
    article = fields.String(load_default=None, metadata={"description": "with bwb or celex: the article (6:162 in "
                                                                          "the Civil Code)"})
    no_identifier = text(load_default=None, metadata={
        "description": "instead of an identifier: why it has none, or why none is given (not verified)"})
    checked = YamlDate(required=True, metadata={"description": "the day the identifier and the text were last "
                                                                "compared with the official publication"})
    valid_until = YamlDate(load_default=None, metadata={
        "description": "first day the identified text no longer holds (repealed, renumbered)"})
    source = fields.String(required=True, metadata={"description": "where the identifier was checked"})

    @validates_schema
    def _one(self, data, **kwargs):
        given = [k for k in ("bwb", "celex", "eli", "ecli", "no_identifier") if data.get(k) is not None]
        if len(given) != 1:
            raise ValidationError("give exactly one of bwb, celex, eli, ecli and no_identifier", "no_identifier")
        if data.get("article") is not None and given[0] not in ("bwb", "celex"):
            raise ValidationError("an article goes with bwb or celex", "article")


class Citations(Strict):
    citations = fields.List(fields.Nested(Citation), required=True)


class Authorities(Strict):
    authorities = fields.List(fields.Nested(Authority), required=True)


class Obstacles(Strict):
    obstacles = fields.List(fields.Nested(Obstacle), required=True)


class Notes(Strict):
    notes = fields.List(fields.Nested(Note), required=True)


class Questions(Strict):
    questions = fields.List(fields.Nested(Question), required=True)


class Rulebook(Strict):
    rulebook = fields.String(required=True)
    version = fields.String(required=True)
    title = text(required=True)
    route_order = fields.List(fields.String(validate=ID), required=True)


# The first key of a file names its schema.
FILE_KINDS: dict[str, type[Schema]] = {
    "route": Route,
    "step": Step,
    "ordering": Ordering,
    "fact": Fact,
    "platform": Platform,
    "authorities": Authorities,
    "glossary": Glossary,
    "obstacles": Obstacles,
    "notes": Notes,
    "questions": Questions,
    "citations": Citations,
    "rulebook": Rulebook,
}
