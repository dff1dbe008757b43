"""The playground offers the incident it decided as a ready scenario, and that scenario passes.

The scenario is read back as a feature file is read (gherkin.py), its Given steps build the incident the
form sent, and every Then step is run by the step definitions of tests/conftest.py against the API's
answer for that incident: pasted into a feature file, it would pass.
"""

from __future__ import annotations

import html
import inspect
import re

import pytest
from conftest import Api, Case, InProcessClient
from pytest_bdd.steps import step_function_context_registry

from routewijzer.rules import gherkin
from routewijzer.rules.scenario import incident_of

FORMS = [
    {"content_types": ["intimate_image", "personal_data"], "victim_age": "16", "platform": "telegram",
     "group_closed": "true", "as_of": "2026-11-30", "lang": "en"},
    {"content_types": ["extortion"], "victim_age": "19", "perpetrator": "anonymous", "platform_response": "refused",
     "incident_date": "2024-03-01", "as_of": "2026-11-30", "lang": "nl"},
    {"content_types": ["discriminatory_insult"], "hate_ground": "religion", "platform": "x", "victim_in_crisis": "true",
     "lang": "en"},
]


def scenario_of(page: str) -> str:
    m = re.search(r'<pre class="scenario"[^>]*><code>(.*?)</code></pre>', page, re.S)
    assert m, "the answer page offers no scenario"
    return html.unescape(m.group(1))


def run_then(text: str, case: Case) -> None:
    contexts = [c for c in step_function_context_registry.values() if c.type == "then"]
    matches = [c for c in contexts if c.parser.is_matching(text)]
    assert matches, f"no Then step of tests/conftest.py matches '{text}'"
    ctx = matches[0]
    args = ctx.parser.parse_arguments(text) or {}
    args = {k: ctx.converters[k](v) if k in ctx.converters else v for k, v in args.items()}
    params = inspect.signature(ctx.step_func).parameters
    ctx.step_func(**{k: v for k, v in {**args, "case": case}.items() if k in params})


@pytest.mark.parametrize("form", FORMS, ids=["expose-minor", "sextortion", "hate-crisis"])
def test_the_answer_page_offers_a_scenario_that_passes(app, form):
    page = app.test_client().post("/", data=form)
    assert page.status_code == 200
    text = scenario_of(page.get_data(as_text=True))
    feature = gherkin.parse("Feature: pasted from the playground\n\n" + text, "features/pasted.feature")
    [scenario] = feature.scenarios
    assert scenario.name.startswith("From the playground")

    body = incident_of(scenario.steps)
    sent = {k: v for k, v in form.items() if k != "lang"}
    assert body["content_types"] == sent.pop("content_types")
    for name, value in sent.items():
        expected = {"true": True}.get(value, int(value) if value.isdigit() else value)
        assert body[name] == expected, (name, body)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", body["as_of"]), "the scenario pins its date"

    when = [s.text for s in scenario.steps if s.keyword == "When"]
    assert when == ["the service decides in English" if form["lang"] == "en" else "the service decides"]
    case = Case(incident=body)
    case.reply = Api(InProcessClient(app)).decide(body, lang="en" if form["lang"] == "en" else None)
    thens = [s.text for s in scenario.steps if s.keyword == "Then"]
    assert any("applies" in t or "is conditional" in t for t in thens)
    for t in thens:
        run_then(t, case)


def test_no_scenario_before_a_decision_or_for_an_invalid_incident(app):
    client = app.test_client()
    assert 'class="scenario"' not in client.get("/").get_data(as_text=True)
    page = client.post("/", data={"content_types": ["threat"], "victim_age": "12", "age_when_made": "15"})
    assert 'class="scenario"' not in page.get_data(as_text=True)
