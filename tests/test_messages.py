"""Validation messages are written for people, in the request's language (Dutch by default).

The random bodies are made from the request schema's own fields, so a field or a cross-field check
added later is covered without touching this file: every message it can produce must be one the
catalogue (schemas/messages.py) knows, and none may show a Python structure or a JSON field name.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import fields, validate

from routewijzer.schemas.messages import CATALOGUE, kind_of, say
from routewijzer.schemas.request import IncidentSchema
from routewijzer.web.problems import flatten_errors

SCHEMA_FIELDS = IncidentSchema().fields
INTERNAL = [name for name in SCHEMA_FIELDS if "_" in name]


def _choices(field) -> list:
    for v in field.validators:
        if isinstance(v, validate.OneOf):
            return list(v.choices)
    return []


def _range(field) -> tuple[int, int]:
    for v in field.validators:
        if isinstance(v, validate.Range):
            return v.min, v.max
    return 0, 1000


def _value(field):
    """Values of the right type (often contradicting each other) and now and then a wrong one."""
    wrong = st.sampled_from([None, "yes", 1.5, [], {}, True, "2024-02-30", -1])
    if isinstance(field, fields.List):
        right = st.lists(st.sampled_from(_choices(field.inner) or ["x"]), min_size=0, max_size=4)
    elif _choices(field):
        right = st.sampled_from(_choices(field))
    elif isinstance(field, fields.Boolean):
        right = st.booleans()
    elif isinstance(field, fields.Integer):
        lo, hi = _range(field)
        right = st.integers(lo - 1, min(hi + 1, 200))
    elif isinstance(field, fields.Date):
        right = st.dates(dt.date(1985, 1, 1), dt.date(2035, 1, 1)).map(dt.date.isoformat)
    else:
        right = st.just("x")
    return st.one_of(right, right, right, wrong)


@st.composite
def bodies(draw):
    body = {}
    for name, field in SCHEMA_FIELDS.items():
        if draw(st.integers(0, 2)) == 0:
            body[name] = draw(_value(field))
    if draw(st.integers(0, 9)) == 0:
        body["victim_name"] = "Anna"
    return body


def _check_human(reply: dict):
    for key, messages in reply["errors"].items():
        for m in messages:
            assert not re.search(r"[{}\[\]]|\bNone\b|\bTrue\b|\bFalse\b", m), (key, m)
            for name in INTERNAL:
                assert not re.search(rf"\b{name}\b", m), (key, m)
    for name in INTERNAL:
        assert not re.search(rf"\b{name}\b", reply["detail"]), reply["detail"]
    assert "{" not in reply["detail"] and "[" not in reply["detail"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies())
def test_every_message_a_request_can_get_is_in_the_catalogue_and_written_for_people(app, body):
    client = app.test_client()
    schema_errors = IncidentSchema().validate(body)
    for key, messages in flatten_errors(schema_errors).items():
        for m in messages:
            assert kind_of(m) is not None, (
                f"{key}: {m!r} has no kind in schemas/messages.py: add one (nl and en) and raise say(kind, ...)")
    for lang in ("nl", "en"):
        reply = client.post("/v1/decisions", data=json.dumps(body), content_type="application/json",
                            headers={"Accept-Language": lang})
        assert reply.status_code in (200, 422)
        if reply.status_code == 422:
            assert reply.headers["Content-Language"] == lang
            _check_human(reply.get_json())


def test_a_dutch_request_gets_dutch_messages_and_an_english_one_english(app):
    client = app.test_client()
    contradictory = {"content_types": ["threat"], "victim_age": 15, "age_when_made": 17, "hate_ground": "race",
                     "incident_date": "2024-05-01", "as_of": "2024-01-01"}
    nl = client.post("/v1/decisions", json=contradictory).get_json()  # no Accept-Language: Dutch
    en = client.post("/v1/decisions", json=contradictory, headers={"Accept-Language": "en"}).get_json()
    assert nl["title"] == "Incident niet geldig" and en["title"] == "Invalid incident"
    assert set(nl["errors"]) == set(en["errors"]) == {"age_when_made", "hate_ground", "incident_date"}
    assert nl["errors"]["age_when_made"] == ["Kan niet hoger zijn dan de leeftijd van het slachtoffer."]
    assert en["errors"]["age_when_made"] == ["Cannot be higher than the victim's age."]
    assert nl["errors"]["incident_date"] == ["Kan niet na de beoordelingsdatum liggen."]
    assert "discriminerende belediging of aanzetten tot haat" in nl["errors"]["hate_ground"][0]
    assert "leeftijd toen het beeld werd gemaakt" in nl["detail"]
    _check_human(nl)
    _check_human(en)
    wrong = {"content_types": ["threat", "selfie"], "group_closed": None, "victim_age": "16", "name": "Anna"}
    nl = client.post("/v1/decisions", json=wrong, headers={"Accept-Language": "nl-NL,nl;q=0.9"}).get_json()
    assert set(nl["errors"]) == {"content_types.1", "group_closed", "victim_age", "name"}
    assert nl["errors"]["name"][0].startswith("Dit veld hoort niet bij een incident")
    assert nl["errors"]["victim_age"] == ["Geef een heel getal."]
    assert nl["errors"]["content_types.1"][0].startswith("Kies een van deze waarden: intimate_image, ")
    _check_human(nl)


@pytest.mark.parametrize("lang, title", [("nl", "Verkeerd type inhoud"), ("en", "Unsupported media type")])
def test_other_problems_have_a_title_in_the_requests_language(app, lang, title):
    reply = app.test_client().post("/v1/decisions", data="x", content_type="text/plain",
                                   headers={"Accept-Language": lang})
    assert reply.status_code == 415 and reply.get_json()["title"] == title


def test_every_kind_is_written_in_both_languages_with_the_same_blanks():
    for kind, entry in CATALOGUE.items():
        blanks = {lang: set(re.findall(r"\{(\w+)\}", entry[lang])) for lang in ("nl", "en")}
        assert blanks["nl"] == blanks["en"], kind
    with pytest.raises(KeyError):
        say("no_such_kind")
