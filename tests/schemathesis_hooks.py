"""Schemathesis hooks for this API (``SCHEMATHESIS_HOOKS=schemathesis_hooks`` with ``tests`` on the path).

The OpenAPI document states three cross-field rules in words only (``RELATIONS`` in
service/web/openapi.py): JSON Schema cannot compare one field with another, and schemathesis cannot
generate from the audience rule combined with the content-type rules. A request generated as valid
(positive) is made to keep those rules, as a client reading the document would, before it is sent:
age_when_made at most victim_age, incident_date not after as_of, and group_closed as audience says.
That the service refuses a request breaking them (422, naming the field) is tested in
tests/test_contract_fuzz.py.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import schemathesis
from schemathesis.generation.modes import GenerationMode

CLOSED_BY_AUDIENCE = {"public": False, "one_to_one": True, "closed_group_admin_approved": True,
                      "group_joined_by_link": True}


def keep_relations(body: dict) -> dict:
    """The body with the three stated relations kept (values of the wrong type are left alone)."""
    out = dict(body)
    va, am = out.get("victim_age"), out.get("age_when_made")
    if all(isinstance(x, int | float) and not isinstance(x, bool) for x in (va, am)) and am > va:
        out["age_when_made"] = va
    today = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()
    as_of, incident = out.get("as_of", today), out.get("incident_date")
    if isinstance(incident, str) and isinstance(as_of, str) and incident > as_of:
        out["incident_date"] = as_of
    if out.get("audience") in CLOSED_BY_AUDIENCE and isinstance(out.get("group_closed"), bool):
        out["group_closed"] = CLOSED_BY_AUDIENCE[out["audience"]]
    return out


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if meta is not None and meta.generation.mode is GenerationMode.POSITIVE and isinstance(case.body, dict):
        case.body = keep_relations(case.body)
    return case
