"""The vocabulary of an incident, declared once.

The request schema, the rule-file compiler, the playground form and the OpenAPI document all read
their enums from here, so that an id means the same thing everywhere (see docs/contract.md).
"""

from __future__ import annotations

CONTENT_TYPES = (
    "intimate_image",
    "synthetic_intimate_image",
    "child_sexual_abuse_material",
    "personal_data",
    "threat",
    "call_to_violence",
    "discriminatory_insult",
    "incitement_to_hatred",
    "defamation",
    "insult",
    "harassment",
    "extortion",
    "terrorist_content",
)
PLATFORMS = ("telegram", "x", "facebook", "instagram", "whatsapp", "tiktok", "snapchat", "youtube", "other")
ESTABLISHMENTS = ("nl", "eu", "non_eu_with_eu_representative", "non_eu", "unknown")
PERPETRATORS = ("identified", "anonymous", "unknown")
PLATFORM_RESPONSES = ("not_reported", "pending", "removed", "refused", "no_response")
HATE_GROUNDS = ("race", "religion", "sexual_orientation", "disability", "sex", "gender_identity", "other")
HATE_CONTENT_TYPES = ("discriminatory_insult", "incitement_to_hatred")
IMAGE_CONTENT_TYPES = ("intimate_image", "synthetic_intimate_image", "child_sexual_abuse_material")
EXTORTION_CONTENT_TYPES = ("extortion",)

# Contract v1.1: optional facts the lawyer's review found decisive (docs/contract.md, "v1.1 additions").
AUDIENCES = ("one_to_one", "closed_group_admin_approved", "group_joined_by_link", "public", "unknown")
IMAGE_ORIGINS = ("self_made", "made_with_consent", "made_covertly", "obtained_unlawfully", "unknown")
PUBLICATIONS = ("published", "threatened", "unknown")
VICTIM_ROLES = ("private_person", "public_official", "journalist", "public_task_worker", "unknown")
PLATFORM_SIZES = ("micro_or_small", "medium_or_large", "very_large", "unknown")
EXTORTION_THREATS = ("publish_or_reveal", "violence", "both", "unknown")
EXTORTION_DEMANDS = ("money", "images_or_sexual_acts", "other", "unknown")
PERPETRATOR_RELATIONS = ("partner_or_ex_partner", "family", "classmate_or_colleague", "acquaintance", "stranger",
                         "unknown")
PROSECUTION_STATUSES = ("none", "reported", "report_refused", "not_prosecuted", "prosecuted", "unknown")
GOALS = ("removal", "prevent_spread", "identification", "prosecution", "compensation", "protection", "support")
AUDIENCE_SIZE_MAX = 1_000_000_000
ROUTE_KINDS = ("criminal", "administrative", "platform", "civil", "support")
# Who can take a route's first step: the victim, someone helping them (a parent, teacher, support worker),
# the police, the public prosecutor, or the authority itself once the material has been reported.
STARTERS = ("victim", "helper", "police", "prosecutor", "authority")
LANGUAGES = ("nl", "en")

# Tri-state booleans are carried into the engine as strings: durable-rules coerces "true", 1 and true
# into one another, so the engine only ever sees the strings below (see durable-rules-notes, Semantics).
TRI_STATE = ("true", "false", "unknown")

# How every input field appears in rule conditions. kind: enum (string value, always present after
# normalisation: ``default`` when not given; ``null_default``: a default of the rules' own, not a value of
# the request, so the answer's facts show null), tristate (a boolean that may be unknown), number (an
# integer in [0, max], absent when unknown), set (a condition names the members it needs; the engine
# sees one flag per member, named ``prefix`` + member).
INPUT_FIELDS: dict[str, dict] = {
    "content_types": {"kind": "set", "values": CONTENT_TYPES, "prefix": "ct_"},
    "victim_age": {"kind": "number", "max": 120},
    "age_when_made": {"kind": "number", "max": 120},
    "platform": {"kind": "enum", "values": PLATFORMS + ("unknown",), "default": "unknown", "null_default": True},
    "platform_established": {"kind": "enum", "values": ESTABLISHMENTS, "default": "unknown"},
    "group_closed": {"kind": "tristate", "values": TRI_STATE},
    "perpetrator": {"kind": "enum", "values": PERPETRATORS, "default": "unknown"},
    "platform_response": {"kind": "enum", "values": PLATFORM_RESPONSES, "default": "not_reported"},
    "hate_ground": {"kind": "enum", "values": HATE_GROUNDS + ("none",), "default": "none", "null_default": True},
    "victim_in_crisis": {"kind": "tristate", "values": ("true", "false"), "default": "false"},
    # v1.1
    "audience": {"kind": "enum", "values": AUDIENCES, "default": "unknown"},
    "audience_size": {"kind": "number", "max": AUDIENCE_SIZE_MAX},
    "image_origin": {"kind": "enum", "values": IMAGE_ORIGINS, "default": "unknown"},
    "publication": {"kind": "enum", "values": PUBLICATIONS, "default": "unknown"},
    "victim_role": {"kind": "enum", "values": VICTIM_ROLES, "default": "unknown"},
    "hosting_established": {"kind": "enum", "values": ESTABLISHMENTS, "default": "unknown"},
    "platform_size": {"kind": "enum", "values": PLATFORM_SIZES, "default": "unknown"},
    "extortion_threat": {"kind": "enum", "values": EXTORTION_THREATS, "default": "unknown"},
    "extortion_demand": {"kind": "enum", "values": EXTORTION_DEMANDS, "default": "unknown"},
    "perpetrator_relation": {"kind": "enum", "values": PERPETRATOR_RELATIONS, "default": "unknown"},
    "perpetrator_minor": {"kind": "tristate", "values": TRI_STATE},
    "victim_has_copy": {"kind": "tristate", "values": TRI_STATE},
    "in_search_results": {"kind": "tristate", "values": TRI_STATE},
    "prosecution_status": {"kind": "enum", "values": PROSECUTION_STATUSES, "default": "unknown"},
    "goals": {"kind": "set", "values": GOALS, "prefix": "goal_"},
}
NUMBER_FIELDS = tuple(k for k, spec in INPUT_FIELDS.items() if spec["kind"] == "number")
SET_FIELDS = tuple(k for k, spec in INPUT_FIELDS.items() if spec["kind"] == "set")

# Fields the answer reports as resolved by the rulebook (a derived fact of that name in rules/facts/):
# what the caller said, else what the dated platform profile says.
RESOLVED_FIELDS = {
    "platform_established": "establishment",
    "hosting_established": "hosting_establishment",
    "platform_size": "provider_size",
}

# Dates are not conditions of their own: rules carry valid_from / valid_until, judged by one of these
# clocks (criminal offences by the incident date, procedures and authorities by as_of).
CLOCKS = ("incident_date", "as_of")
