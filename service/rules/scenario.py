"""The words of the scenarios: Given steps to an incident, and an incident (with its answer) to steps.

One table serves every place that reads or writes scenarios: the BDD run (tests/conftest.py registers
one Given step that hands its text to :func:`apply_given`), the scenario coverage report, the corpus of
``routewijzer rules diff`` (every scenario's incident) and the playground, which offers the incident it
decided as a ready scenario (:func:`scenario_text`). A new Given phrase is added here, once.

The Then phrases written by :func:`then_steps` are the ones tests/conftest.py checks; a test runs a
generated scenario through those step definitions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass


class UnknownStep(LookupError):
    """A Given step whose words no entry of :data:`GIVEN` matches."""


@dataclass(frozen=True)
class Given:
    pattern: str  # the whole step text must match
    apply: Callable[[dict, re.Match], None]  # writes the step's fields into the request body
    field: str | None = None  # the request field this step writes (for writing scenarios)
    render: Callable[[object], str | None] | None = None  # that field's value as this step's words

    def match(self, text: str) -> re.Match | None:
        return re.fullmatch(self.pattern, text)


def _set(name: str, convert=str):
    def apply(body: dict, m: re.Match) -> None:
        body[name] = convert(m.group(1))

    return apply


def _quoted_list(values) -> str:
    quoted = [f'"{v}"' for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _raw_field(body: dict, m: re.Match) -> None:
    body[m.group(1)] = json.loads(m.group(2))


GIVEN: tuple[Given, ...] = (
    Given(r"an incident involving (.+)",
          lambda body, m: body.__setitem__("content_types", re.findall(r'"([a-z_]+)"', m.group(1))),
          "content_types", lambda v: f"an incident involving {_quoted_list(v)}" if v else None),
    Given(r"the victim is (\d+) years old", _set("victim_age", int), "victim_age",
          lambda v: f"the victim is {v} years old" if isinstance(v, int) else None),
    Given(r"the person depicted was (\d+) when the image was made", _set("age_when_made", int), "age_when_made",
          lambda v: f"the person depicted was {v} when the image was made" if isinstance(v, int) else None),
    Given(r'it was shared on "([^"]+)"', _set("platform"), "platform", lambda v: f'it was shared on "{v}"'),
    Given(r'the provider is established "([^"]+)"', _set("platform_established"), "platform_established",
          lambda v: f'the provider is established "{v}"'),
    Given(r"it was shared in a closed group", lambda body, m: body.__setitem__("group_closed", True),
          "group_closed", lambda v: "it was shared in a closed group" if v is True else None),
    Given(r"it was shared publicly", lambda body, m: body.__setitem__("group_closed", False),
          "group_closed", lambda v: "it was shared publicly" if v is False else None),
    Given(r'the perpetrator is "([^"]+)"', _set("perpetrator"), "perpetrator", lambda v: f'the perpetrator is "{v}"'),
    Given(r'the platform\'s response was "([^"]+)"', _set("platform_response"), "platform_response",
          lambda v: f'the platform\'s response was "{v}"'),
    Given(r'the hate ground is "([^"]+)"', _set("hate_ground"), "hate_ground", lambda v: f'the hate ground is "{v}"'),
    Given(r"the victim is in crisis", lambda body, m: body.__setitem__("victim_in_crisis", True),
          "victim_in_crisis", lambda v: "the victim is in crisis" if v is True else None),
    Given(r"it happened on (\S+)", _set("incident_date"), "incident_date", lambda v: f"it happened on {v}"),
    Given(r"the decision is made as of (\S+)", _set("as_of"), "as_of", lambda v: f"the decision is made as of {v}"),
    # v1.1: the victim's facts and goals.
    Given(r"the victim has the image on their own device", lambda body, m: body.__setitem__("victim_has_copy", True),
          "victim_has_copy", lambda v: "the victim has the image on their own device" if v is True else None),
    Given(r"the victim does not have the image", lambda body, m: body.__setitem__("victim_has_copy", False),
          "victim_has_copy", lambda v: "the victim does not have the image" if v is False else None),
    Given(r"publication is only threatened", lambda body, m: body.__setitem__("publication", "threatened"),
          "publication", lambda v: "publication is only threatened" if v == "threatened" else None),
    Given(r"the content shows up when searching for the victim's name",
          lambda body, m: body.__setitem__("in_search_results", True), "in_search_results",
          lambda v: "the content shows up when searching for the victim's name" if v is True else None),
    Given(r"the content does not show up when searching for the victim's name",
          lambda body, m: body.__setitem__("in_search_results", False), "in_search_results",
          lambda v: "the content does not show up when searching for the victim's name" if v is False else None),
    Given(r'the platform is "([^"]+)"', _set("platform_size"), "platform_size", lambda v: f'the platform is "{v}"'),
    Given(r'the criminal case stands at "([^"]+)"', _set("prosecution_status"), "prosecution_status",
          lambda v: f'the criminal case stands at "{v}"'),
    Given(r'the perpetrator is the victim\'s "([^"]+)"', _set("perpetrator_relation"), "perpetrator_relation",
          lambda v: f'the perpetrator is the victim\'s "{v}"'),
    Given(r'the victim is targeted as "([^"]+)"', _set("victim_role"), "victim_role",
          lambda v: f'the victim is targeted as "{v}"'),
    Given(r'the victim wants ("[a-z_]+"(?:(?:, | and )"[a-z_]+")*)',
          lambda body, m: body.__setitem__("goals", re.findall(r'"([a-z_]+)"', m.group(1))),
          "goals", lambda v: f"the victim wants {_quoted_list(v)}" if v else None),
    # v1.1: the incident's other facts.
    Given(r'the audience is "([^"]+)"', _set("audience"), "audience", lambda v: f'the audience is "{v}"'),
    Given(r"about (\d+) people could see it", _set("audience_size", int), "audience_size",
          lambda v: f"about {v} people could see it" if isinstance(v, int) else None),
    Given(r'the image was "([^"]+)"', _set("image_origin"), "image_origin", lambda v: f'the image was "{v}"'),
    Given(r'the content was "([^"]+)"', _set("publication"), "publication", lambda v: f'the content was "{v}"'),
    Given(r'the content is hosted by a provider established "([^"]+)"', _set("hosting_established"),
          "hosting_established", lambda v: f'the content is hosted by a provider established "{v}"'),
    Given(r'the perpetrator threatens "([^"]+)"', _set("extortion_threat"), "extortion_threat",
          lambda v: f'the perpetrator threatens "{v}"'),
    Given(r'the perpetrator demands "([^"]+)"', _set("extortion_demand"), "extortion_demand",
          lambda v: f'the perpetrator demands "{v}"'),
    Given(r"the perpetrator is (a minor|an adult)",
          lambda body, m: body.__setitem__("perpetrator_minor", m.group(1) == "a minor"), "perpetrator_minor",
          lambda v: {True: "the perpetrator is a minor", False: "the perpetrator is an adult"}.get(v)),
    # Any other field, as the JSON the API takes (for fields without words of their own yet).
    Given(r'the field "([a-z_]+)" is (.+)', _raw_field),
)


def apply_given(body: dict, text: str) -> None:
    """Write what one Given step says into the request body ``body``."""
    for step in GIVEN:
        m = step.match(text)
        if m:
            step.apply(body, m)
            return
    raise UnknownStep(f"no Given step matches '{text}' (the Given phrases are in service/rules/scenario.py)")


def incident_of(steps) -> dict:
    """The request body a scenario's Given steps describe (``steps``: gherkin.Step objects)."""
    body: dict = {}
    for step in steps:
        if step.keyword == "Given":
            apply_given(body, step.text)
    return body


def scenario_incidents(features_dir=None, root=None):
    """Every scenario that asks for a decision, with its request body: (label, body or UnknownStep).

    The label is ``features/x.feature:line title``; a scenario whose Given steps use unknown words yields
    the UnknownStep instead of a body, so that the caller can report it with its place.
    """
    from . import gherkin

    for feature in gherkin.parse_dir(features_dir, root):
        for sc in feature.scenarios:
            if not any(s.keyword == "When" and "decides" in s.text for s in sc.steps):
                continue
            label = f"{feature.file}:{sc.line} {sc.title}"
            try:
                yield label, incident_of(sc.steps)
            except UnknownStep as exc:
                yield label, exc


def given_steps(body: dict) -> list[str]:
    """A request body as Given steps (the first one starts with Given, the rest with And)."""
    out = []
    for name, value in body.items():
        words = None
        for step in GIVEN:
            if step.field == name and step.render is not None:
                words = step.render(value)
                if words is not None:
                    break
        out.append(words or f'the field "{name}" is {json.dumps(value, ensure_ascii=False)}')
    return out


def then_steps(answer: dict) -> list[str]:
    """What a decision says, as the Then steps a lawyer checks: routes in order, the plan's order,
    exclusions, notes."""
    out = []
    routes = answer.get("routes", [])
    for r in routes:
        out.append(f'the route "{r["id"]}" {"applies" if r["status"] == "applicable" else "is conditional"}')
        out.append(f'the route "{r["id"]}" is handled by "{r["authority"]["id"]}"')
    groups: dict = {}
    for step in answer.get("plan", []):  # the plan, pinned: who comes first, what goes together
        groups.setdefault(step["order"], []).append(step["id"])
    ordered = [groups[k] for k in sorted(groups)]
    for group in ordered:
        out += [f'steps "{group[0]}" and "{other}" can be taken at the same time' for other in group[1:]]
    for before, after in zip(ordered, ordered[1:], strict=False):
        out.append(f'step "{before[0]}" comes before "{after[0]}"')
    for e in answer.get("not_applicable", []):
        for reason in e["reasons"]:
            out.append(f'the route "{e["id"]}" is not applicable because "{reason["id"]}"')
    for n in answer.get("notes", []):
        out.append(f'the note "{n["id"]}" is given')
    out.append("an expert assessment is needed" if answer.get("needs_expert_assessment")
               else "no expert assessment is needed")
    return out


def scenario_text(body: dict, answer: dict, name: str, lang: str = "nl") -> str:
    """One scenario, ready to paste into a feature file: the incident, the decision, what it decided."""
    body = dict(body)
    body.setdefault("as_of", answer.get("as_of"))  # pinned: without it the scenario would age
    given = given_steps(body)
    when = "the service decides in English" if lang == "en" else "the service decides"
    lines = [f"  Scenario: {name}"]
    lines += [f"    {'Given' if i == 0 else 'And'} {s}" for i, s in enumerate(given)]
    lines.append(f"    When {when}")
    lines += [f"    {'Then' if i == 0 else 'And'} {s}" for i, s in enumerate(then_steps(answer))]
    return "\n".join(lines) + "\n"
