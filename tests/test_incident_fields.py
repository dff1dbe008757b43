"""The v1.1 incident fields outside the API: the playground form offers them, the rulebook page and the
questions speak of them in plain Dutch and English."""

from __future__ import annotations

import re

import pytest

from routewijzer.rules.plain import LABELS, PLATFORM_NAMES, Plain, label
from routewijzer.rules.vocabulary import INPUT_FIELDS

V11 = ("audience", "audience_size", "image_origin", "publication", "victim_role", "hosting_established",
       "platform_size", "extortion_threat", "extortion_demand", "perpetrator_relation", "perpetrator_minor",
       "victim_has_copy", "in_search_results", "prosecution_status", "goals")


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def test_the_playground_offers_every_field_of_the_vocabulary(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    for name in V11:
        spec = INPUT_FIELDS[name]
        if spec["kind"] == "set":
            for value in spec["values"]:
                assert f'id="{name}-{value}"' in html, (name, value)
        elif spec["kind"] == "number":
            assert re.search(rf'<input type="number" name="{name}" id="{name}" min="0" max="{spec["max"]}"', html)
        else:
            select = re.search(rf'<select name="{name}" id="{name}">(.*?)</select>', html, re.DOTALL)
            assert select, name
            offered = re.findall(r'<option value="([^"]*)"', select.group(1))
            known = [v for v in spec["values"] if v != "unknown" and not (spec.get("null_default") and v == spec["default"])]
            assert offered == [""] + known, (name, offered)
    assert 'value="gender_identity"' in html


def test_the_playground_decides_with_the_new_fields_and_refuses_contradictions(client):
    form = {"lang": "en", "content_types": ["intimate_image", "extortion"], "audience": "group_joined_by_link",
            "audience_size": "250", "image_origin": "self_made", "publication": "threatened",
            "extortion_threat": "publish_or_reveal", "extortion_demand": "money", "perpetrator_minor": "false",
            "victim_has_copy": "true", "goals": ["removal", "prosecution"], "platform_size": "very_large"}
    html = client.post("/", data=form).get_data(as_text=True)
    assert 'id="decision"' in html and 'id="errors"' not in html
    html = client.post("/", data={"lang": "en", "content_types": ["threat"], "audience": "public",
                                  "group_closed": "true"}).get_data(as_text=True)
    assert 'id="errors"' in html and 'id="decision"' not in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_field_and_value_has_a_label_in_both_languages(lang):
    for name, spec in INPUT_FIELDS.items():
        assert name in LABELS[lang], name
        for value in spec.get("values", ()):
            known = value in LABELS[lang] or f"{name}.{value}" in LABELS[lang] or value in PLATFORM_NAMES
            assert known, (name, value)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_conditions_on_the_new_fields_read_as_words(lang):
    plain = Plain(lang)
    text = plain.condition({"audience": "group_joined_by_link", "audience_size": {"at_least": 100},
                            "goals": ["removal"], "prosecution_status": "none", "victim_has_copy": True,
                            "extortion_threat": {"not": "violence"}})
    for name in ("audience", "audience_size", "goals", "prosecution_status", "victim_has_copy", "extortion_threat"):
        assert label(name, lang) in text
    assert label("none", lang, "prosecution_status") in text and "_" not in text


def test_every_question_is_asked_in_both_languages(app):
    book = app.extensions["routewijzer"].decider.compiled.book
    for name in V11:
        if name == "goals":  # what the victim wants orders the plan; it never changes a route
            assert name not in book.questions
            continue
        question = book.questions[name].data["question"]
        assert "?" in question["nl"] and "?" in question["en"], name
