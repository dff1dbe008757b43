"""The response of POST /v1/decisions and the other endpoints, as the contract defines it."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

from routewijzer.rules.vocabulary import CLOCKS, INPUT_FIELDS, RESOLVED_FIELDS, ROUTE_KINDS, STARTERS


class Out(Schema):
    class Meta:
        ordered = True


class RulebookRef(Out):
    version = fields.String(required=True)
    digest = fields.String(required=True, metadata={"description": "sha256 of the rule files"})


class Authority(Out):
    id = fields.String(required=True)
    name = fields.String(required=True)
    url = fields.String(metadata={"description": "the page where a person starts (report form, helpline page), "
                                                 "as of the assessment date"})
    phone = fields.String(metadata={"description": "the number to call, as dialled in the Netherlands "
                                                   "(e.g. 113, 0800-0113)"})


class LegalBasis(Out):
    id = fields.String(required=True)
    citation = fields.String(required=True)
    valid_from = fields.String(metadata={"format": "date"})
    valid_until = fields.String(metadata={"format": "date"})
    url = fields.String()


class Obstacle(Out):
    id = fields.String(required=True)
    text = fields.String(required=True)


class ExplainedCondition(Out):
    fact = fields.String(required=True, metadata={"description": "the fact as the rule files name it"})
    test = fields.String(required=True, validate=validate.OneOf(
        ["is", "is_not", "includes", "excludes", "below", "at_most", "above", "at_least", "known", "unknown",
         "before", "on_or_after"]))
    value = fields.Raw(required=True, metadata={
        "description": "what the rule compares with: a value of the fact, an age, a date (YYYY-MM-DD); "
                       "null for the tests known and unknown",
        "type": ["string", "integer", "null"]})
    actual = fields.Raw(required=True, metadata={
        "description": "the value of the fact for this incident: a value, an age, a date, null when "
                       "unknown; a list for content types and for derived facts (all values derived)",
        "type": ["string", "integer", "array", "null"], "items": {"type": "string"}})
    held = fields.Boolean(required=True)


class ExplainedRule(Out):
    rule = fields.String(required=True, metadata={"description": "the rule id (as in because)"})
    effect = fields.String(required=True, validate=validate.OneOf(
        ["relevant", "requirement_holds", "requirement_fails", "in_force", "obstacle", "step", "order"]))
    element = fields.String(required=True, metadata={"description": "the route, or route/legal basis; the "
                                                                    "general step; the ordering rule"})
    fired = fields.Boolean(required=True)
    file = fields.String(required=True, metadata={"description": "the rule file it was written in"})
    line = fields.Integer(required=True)
    requirement = fields.String()
    reason = fields.String(metadata={"description": "the obstacle shown when the requirement fails"})
    obstacle = fields.String()
    version = fields.String(metadata={"description": "the legal basis (version) in force"})
    first = fields.List(fields.String(), metadata={"description": "ordering rules: the steps it puts first"})
    then = fields.List(fields.String(), metadata={"description": "ordering rules: the steps of this plan it "
                                                                 "puts after them"})
    conditions = fields.List(fields.Nested(ExplainedCondition), required=True)


class Explanation(Out):
    rules = fields.List(fields.Nested(ExplainedRule), required=True)


class Route(Out):
    id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(ROUTE_KINDS))
    status = fields.String(required=True, validate=validate.OneOf(["applicable", "conditional"]))
    title = fields.String(required=True)
    summary = fields.String(metadata={"description": "two or three sentences in plain words: what this route "
                                                     "does and what to expect"})
    started_by = fields.List(fields.String(validate=validate.OneOf(STARTERS)), metadata={
        "description": "who can take the first step: the victim, someone helping them, the police, the "
                       "public prosecutor, or the authority itself once the material has been reported"})
    authority = fields.Nested(Authority, required=True)
    legal_basis = fields.List(fields.Nested(LegalBasis), required=True)
    obstacles = fields.List(fields.Nested(Obstacle), required=True)
    conditions = fields.List(fields.String(), required=True)
    because = fields.List(fields.String(), required=True, metadata={"description": "ids of the rules that fired"})
    explanation = fields.Nested(Explanation, metadata={
        "description": "with ?explain=true: the rules about this route, the conditions they test with the "
                       "values that decided them, and the file and line they come from"})


class Exclusion(Out):
    id = fields.String(required=True)
    title = fields.String(required=True)
    reasons = fields.List(fields.Nested(Obstacle), required=True)
    explanation = fields.Nested(Explanation, metadata={"description": "with ?explain=true (see Route)"})


class Note(Out):
    id = fields.String(required=True)
    title = fields.String(required=True)
    text = fields.String(required=True)


class PlanStep(Out):
    order = fields.Integer(required=True, validate=validate.Range(min=1), metadata={
        "description": "starts at 1; steps with the same order can be taken at the same time"})
    id = fields.String(required=True, metadata={"description": "a route id of routes, or a general step "
                                                               "(preserve_evidence, stop_contact)"})
    title = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "what to do, in plain words"})
    after = fields.List(fields.String(), required=True, metadata={"description": "the steps that must come first"})
    reason = fields.String(metadata={"description": "why it comes after them"})
    explanation = fields.Nested(Explanation, metadata={
        "description": "with ?explain=true: the ordering rules that placed this step (and, for a general "
                       "step, the rule that put it in the plan), with the conditions they test"})


class GlossaryTerm(Out):
    term = fields.String(required=True, metadata={"description": "as written in the texts, e.g. Sr, DSA"})
    text = fields.String(required=True)


class MissingInformation(Out):
    field = fields.String(required=True)
    question = fields.String(required=True)
    affects = fields.List(fields.String(), required=True)


def _fact_field(name: str, spec: dict) -> fields.Field:
    """How the answer reports one request field (see decision.request_facts)."""
    kind = spec["kind"]
    resolved = f"; resolved from the dated platform profile when not given ({RESOLVED_FIELDS[name]})" \
        if name in RESOLVED_FIELDS else ""
    if kind == "set":
        return fields.List(fields.String(validate=validate.OneOf(spec["values"])), required=True)
    if kind == "number":
        return fields.Integer(required=True, allow_none=True, metadata={"description": "null: unknown"})
    if kind == "tristate":
        nullable = "default" not in spec
        return fields.Boolean(required=True, allow_none=nullable,
                              metadata={"description": "null: unknown"} if nullable else {})
    values = [v for v in spec["values"] if not (spec.get("null_default") and v == spec["default"])]
    return fields.String(required=True, allow_none=bool(spec.get("null_default")),
                         validate=validate.OneOf(values),
                         metadata={"description": ("null: not given" if spec.get("null_default") else
                                                   f"default {spec['default']}") + resolved})


class _FactsMeta:
    ordered = True
    unknown = INCLUDE  # the derived facts: named by the rule files, so not listed here


Facts = type("Facts", (Out,), {
    "Meta": _FactsMeta,
    "__doc__": "The normalised incident: every request field with the value the decision used, then the derived "
               "facts of the rulebook (true, false, a value, or null when unknown).",
    **{name: _fact_field(name, spec) for name, spec in INPUT_FIELDS.items()},
    **{clock: fields.String(required=True, metadata={"format": "date"}) for clock in CLOCKS},
})


class Decision(Out):
    decision_id = fields.UUID(required=True)
    rulebook = fields.Nested(RulebookRef, required=True)
    as_of = fields.String(required=True, metadata={"format": "date"})
    facts = fields.Nested(Facts, required=True)
    routes = fields.List(fields.Nested(Route), required=True)
    not_applicable = fields.List(fields.Nested(Exclusion), required=True)
    competent_authorities = fields.List(fields.Nested(Authority), required=True)
    obstacles = fields.List(fields.Nested(Obstacle), required=True)
    notes = fields.List(fields.Nested(Note), required=True)
    needs_expert_assessment = fields.Boolean(required=True)
    plan = fields.List(fields.Nested(PlanStep), required=True, metadata={
        "description": "every route of routes once, plus the general steps that apply, in the order to take them"})
    missing_information = fields.List(fields.Nested(MissingInformation), required=True)
    glossary = fields.List(fields.Nested(GlossaryTerm), metadata={
        "description": "the abbreviations and legal words this answer's texts use, explained"})


class Health(Out):
    status = fields.String(required=True, validate=validate.OneOf(["ok", "degraded"]))
    rulebook = fields.Nested(RulebookRef, required=True)
    problems = fields.List(fields.String(), metadata={"description": "path:line errors of a failed reload"})


class Ready(Out):
    status = fields.String(required=True, validate=validate.OneOf(["ready"]))
    rulebook = fields.Nested(RulebookRef, required=True)


class ServedRulebook(Out):
    version = fields.String(required=True)
    digest = fields.String(required=True, metadata={"description": "give it as ?rulebook= to replay a decision"})
    in_service_since = fields.String(required=True, metadata={
        "format": "date-time", "description": "when this rulebook (last) came into service"})


class Rulebooks(Out):
    rulebooks = fields.List(fields.Nested(ServedRulebook), required=True,
                            metadata={"description": "newest first: the first is in service"})
    keep = fields.Integer(required=True, metadata={"description": "how many are kept (ROUTEWIJZER_KEEP_RULEBOOKS)"})


class ReloadResult(Out):
    status = fields.String(required=True, validate=validate.OneOf(["reloaded", "unchanged"]),
                           metadata={"description": "unchanged: the rule files are the ones in service"})
    rulebook = fields.Nested(RulebookRef, required=True)


class Problem(Out):
    """RFC 9457 problem details."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict(
        keys=fields.String(), values=fields.List(fields.String()),
        metadata={"description": "validation errors: field -> messages"},
    )
