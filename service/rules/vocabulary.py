"""The vocabulary of an incident, declared once.

The request schema, the rule-file compiler, the playground form and the OpenAPI document all read
their enums from here, so that an id means the same thing everywhere (see ../shared/contract.md).
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
HATE_GROUNDS = ("race", "religion", "sexual_orientation", "disability", "sex", "other")
HATE_CONTENT_TYPES = ("discriminatory_insult", "incitement_to_hatred")
ROUTE_KINDS = ("criminal", "administrative", "platform", "civil", "support")
# Who can take a route's first step: the victim, someone helping them (a parent, teacher, support worker),
# the police, the public prosecutor, or the authority itself once the material has been reported.
STARTERS = ("victim", "helper", "police", "prosecutor", "authority")
LANGUAGES = ("nl", "en")

# Tri-state booleans are carried into the engine as strings: durable-rules coerces "true", 1 and true
# into one another, so the engine only ever sees the strings below (see durable-rules-notes, Semantics).
TRI_STATE = ("true", "false", "unknown")

# How every input field appears in rule conditions. kind: enum (string value, always present after
# normalisation), tristate (a boolean that may be unknown), age (integer, absent when unknown),
# set (content_types: a condition names the members it needs).
INPUT_FIELDS: dict[str, dict] = {
    "content_types": {"kind": "set", "values": CONTENT_TYPES},
    "victim_age": {"kind": "age"},
    "age_when_made": {"kind": "age"},
    "platform": {"kind": "enum", "values": PLATFORMS + ("unknown",)},
    "platform_established": {"kind": "enum", "values": ESTABLISHMENTS},
    "group_closed": {"kind": "tristate", "values": TRI_STATE},
    "perpetrator": {"kind": "enum", "values": PERPETRATORS},
    "platform_response": {"kind": "enum", "values": PLATFORM_RESPONSES},
    "hate_ground": {"kind": "enum", "values": HATE_GROUNDS + ("none",)},
    "victim_in_crisis": {"kind": "tristate", "values": ("true", "false")},
}

# Dates are not conditions of their own: rules carry valid_from / valid_until, judged by one of these
# clocks (criminal offences by the incident date, procedures and authorities by as_of).
CLOCKS = ("incident_date", "as_of")
