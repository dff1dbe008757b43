"""Contract fuzzing: schemathesis drives the real app (in-process WSGI) from the committed openapi.yaml.

Checks: no server error, every response conforms to the spec (status code, content type, headers,
body schema), and no request that the spec forbids is accepted. Both valid (positive) and invalid
(negative) requests are generated, a bounded number per operation so that CI stays quick and
deterministic; ``FUZZ_EXAMPLES=2000 FUZZ_RANDOM=1 pytest tests/test_contract_fuzz.py`` digs deeper.
"""

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = schemathesis.openapi.from_path(ROOT / "openapi.yaml")
OPERATIONS = {op.label: op for op in (r.ok() for r in CONTRACT.get_all_operations())}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
DERANDOMIZE = os.environ.get("FUZZ_RANDOM") != "1"
# Cross-field rules that JSON Schema cannot express (contract: contradictions are 422). A request that
# is valid by the spec may be refused only for these, and only by naming these fields.
CROSS_FIELD = {"age_when_made", "hate_ground", "incident_date", "as_of"}


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
        response = case.call_and_validate(app=app, excluded_checks=[schemathesis.checks.positive_data_acceptance])
        if mode is GenerationMode.POSITIVE and label == "POST /v1/decisions":
            if response.status_code == 404:  # a replay of a rulebook this service never served
                assert (case.query or {}).get("rulebook"), response.text
                assert response.json()["type"].endswith(":rulebook-not-kept"), response.text
                return
            assert response.status_code in (200, 422), response.text
            if response.status_code == 422:
                assert set(response.json()["errors"]) <= CROSS_FIELD, response.text

    run()
