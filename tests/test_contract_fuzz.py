"""Contract fuzzing: schemathesis drives the real app (in-process WSGI) from the committed openapi.yaml,
with every check it has.

Among them: no server error, every response conforms to the document (status code, content type, headers,
body schema), every request the document allows is accepted (positive data) and every request it forbids
is refused (negative data). Both kinds are generated, a bounded number per operation so that CI stays
quick and deterministic; ``FUZZ_EXAMPLES=2000 FUZZ_RANDOM=1 pytest tests/test_contract_fuzz.py`` digs
deeper.

The document states three cross-field rules in words only (``RELATIONS`` in web/openapi.py): JSON Schema
cannot compare two fields. A generated request that breaks one of them must be refused with 422 naming
exactly the fields it breaks (checked here independently of the service's code); every other valid
request must be accepted.
"""

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation.modes import GenerationMode

from routewijzer.web.openapi import RELATIONS

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
OPERATIONS = {op.label: op for op in (r.ok() for r in CONTRACT.get_all_operations())}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
DERANDOMIZE = os.environ.get("FUZZ_RANDOM") != "1"
CLOSED = {"one_to_one", "closed_group_admin_approved", "group_joined_by_link"}
load_all_checks()
ALL_CHECKS = CHECKS.get_all()


def broken_relations(body) -> set:
    """The cross-field rules of RELATIONS that a request body breaks (the contract, read independently)."""
    out: set = set()
    if not isinstance(body, dict):
        return out
    va, am = body.get("victim_age"), body.get("age_when_made")
    if all(isinstance(x, int | float) and not isinstance(x, bool) for x in (va, am)) and am > va:
        out.add("age_when_made")
    today = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()
    as_of, incident = body.get("as_of", today), body.get("incident_date")
    if isinstance(incident, str) and isinstance(as_of, str) and incident > as_of:
        out.add("incident_date")
    audience, closed = body.get("audience"), body.get("group_closed")
    if isinstance(closed, bool) and ((audience == "public" and closed) or (audience in CLOSED and not closed)):
        out.add("audience")
    assert out <= set(RELATIONS)
    return out


# An operation without a body or parameters has no invalid request to generate.
CASES = [(label, mode) for label, op in sorted(OPERATIONS.items())
         for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         if mode is GenerationMode.POSITIVE or op.body or list(op.iter_parameters())]


@pytest.mark.parametrize("label,mode", CASES, ids=[f"{label} {mode}" for label, mode in CASES])
def test_the_app_honours_its_openapi_contract(app, label, mode):
    operation = OPERATIONS[label]

    examples = EXAMPLES if label == "POST /v1/decisions" else max(1, EXAMPLES // 4)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, database=None, derandomize=DERANDOMIZE,
              suppress_health_check=list(HealthCheck))
    def run(case):
        broken = broken_relations(case.body) if mode is GenerationMode.POSITIVE else set()
        if broken:  # valid by the schema, refused by a rule the document states in words
            response = case.call(app=app)
            assert response.status_code == 422, response.text
            assert set(response.json()["errors"]) == broken, response.text
            return
        response = case.call_and_validate(app=app, checks=ALL_CHECKS)
        if mode is GenerationMode.POSITIVE and label == "POST /v1/decisions":
            if response.status_code == 404:  # a replay of a rulebook this service never served
                assert (case.query or {}).get("rulebook"), response.text
                assert response.json()["type"].endswith(":rulebook-not-kept"), response.text
                return
            assert response.status_code == 200, response.text

    run()
