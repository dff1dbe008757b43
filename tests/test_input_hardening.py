"""Input hardening beyond the schema: media types, charsets, encodings, paths and methods.

Every hostile request gets a 4xx application/problem+json, never a 5xx, and the next valid request is
answered. (Schema errors are in test_api.py; chunked and oversized bodies through the real server in
test_server.py.)
"""

import json

import pytest
from test_api import EXPOSE

J = {"Content-Type": "application/json"}
THREAT = b'{"content_types": ["threat"]}'

CASES = [
    # (method, path, body, headers, status)
    ("POST", "/v1/decisions", b'{"\\ud800": 1, "content_types": ["threat"]}', J, 400),
    ("POST", "/v1/decisions", b'{"content_types": ["\\udfff"]}', J, 400),
    ("POST", "/v1/decisions", b"", J, 400),
    ("POST", "/v1/decisions", b"   ", J, 400),
    ("POST", "/v1/decisions", b"\xef\xbb\xbf" + THREAT, J, 400),
    ("POST", "/v1/decisions", b'{"content_types": ["threat"], "victim_age": 1' + b"0" * 5000 + b"}", J, 400),
    ("POST", "/v1/decisions", b'{"content_types": ["threat"], "victim_age": Infinity}', J, 400),
    ("POST", "/v1/decisions", b'{"content_types": ["threat"], "victim_age": 1e400}', J, 422),
    ("POST", "/v1/decisions", b'{"content_types": ["threat"], "victim_age": true}', J, 422),
    ("POST", "/v1/decisions", b'{"content_types": ["threat"], "victim_age": 17.5}', J, 422),
    ("POST", "/v1/decisions", b'{"content_types": [null]}', J, 422),
    ("POST", "/v1/decisions", b'{"content_types": ["threat"], "as_of": null}', J, 422),
    ("POST", "/v1/decisions", b'{"content_types": ["threat"], "name": "Jan"}', J, 422),
    ("POST", "/v1/decisions", b"{" * 20 + b"}" * 20, J, 400),
    ("POST", "/v1/decisions", b'{"a":' * 40 + b"1" + b"}" * 40, J, 400),
    ("POST", "/v1/decisions", THREAT, {"Content-Type": "application/json; charset=latin-1"}, 415),
    ("POST", "/v1/decisions", THREAT, {"Content-Type": "application/problem+json"}, 415),
    ("POST", "/v1/decisions", THREAT, {"Content-Type": "application/x-www-form-urlencoded"}, 415),
    ("POST", "/v1/decisions", THREAT, {"Content-Type": "multipart/form-data; boundary=x"}, 415),
    ("POST", "/v1/decisions", THREAT, {}, 415),
    ("POST", "/v1/decisions/", THREAT, J, 404),
    ("GET", "/v1/health/", None, {}, 404),
    ("GET", "/v1/%ff%fe", None, {}, 404),
    ("GET", "/nowhere", None, {}, 404),  # / is the playground page (issue 6)
    ("PUT", "/v1/decisions", THREAT, J, 405),
    ("DELETE", "/v1/health", None, {}, 405),
    ("PATCH", "/v1/openapi.json", None, {}, 405),
]


@pytest.mark.parametrize("method,path,body,headers,status", CASES,
                         ids=[f"{c[0]} {c[1]} {c[3].get('Content-Type')} {(c[2] or b'')[:30]!r}" for c in CASES])
def test_hostile_requests_get_a_4xx_problem_and_the_service_goes_on(api, method, path, body, headers, status):
    r = api.client.request(method, path, data=body, headers=headers)
    assert r.status == status, r.body
    assert r.headers["content-type"] == "application/problem+json"
    assert r.body["status"] == status and r.body["title"] and r.body["detail"] and r.body["type"]
    if status == 405:
        assert r.headers["allow"]
    assert api.decide(EXPOSE).status == 200, "the next valid request is answered"


def test_utf8_charset_parameter_is_accepted_in_any_case(api):
    r = api.client.request("POST", "/v1/decisions", data=THREAT,
                           headers={"Content-Type": "application/json; charset=UTF-8"})
    assert r.status == 200


def test_query_strings_do_not_change_a_decision(api):
    plain = api.decide(EXPOSE).body
    r = api.post_json("/v1/decisions?x=%ff&content_types=threat", EXPOSE)
    assert r.status == 200
    assert {k: v for k, v in r.body.items() if k != "decision_id"} == \
        {k: v for k, v in plain.items() if k != "decision_id"}


def test_head_and_options_answer_without_a_body(api):
    r = api.client.request("HEAD", "/v1/health")
    assert r.status == 200 and r.body is None
    r = api.client.request("OPTIONS", "/v1/decisions")
    assert r.status == 200 and "POST" in r.headers["allow"]
    r = api.client.request("HEAD", "/v1/decisions")
    assert r.status == 405 and "POST" in r.headers["allow"]


def test_an_oversized_body_is_413_even_when_it_is_valid_json(api):
    body = json.dumps({"content_types": ["threat"], "pad": " " * 17000})
    r = api.post_json("/v1/decisions", body)
    assert r.status == 413 and r.headers["content-type"] == "application/problem+json"


def _within_limit(text: str) -> bytes:
    body = text.encode()
    assert len(body) <= 16 * 1024, len(body)
    return body


HOSTILE_422 = {
    "many invalid items": json.dumps({"content_types": [f"x{i}" for i in range(1900)]}),
    "many items of the wrong type": json.dumps({"content_types": [1] * 5000}),
    "a few long invalid items": json.dumps({"content_types": ["threat", "y" * 3000, "z" * 3000, 1, {}, []]}),
    "many unknown fields": json.dumps({"content_types": ["threat"], **{f"k{i}": 1 for i in range(1400)}}),
    "one very long unknown field": json.dumps({"content_types": ["threat"], "n" * 16000: 1}),
    "every field wrong": json.dumps({"content_types": [], "victim_age": "x", "age_when_made": -1, "platform": "?",
                                     "platform_established": "?", "group_closed": 1, "perpetrator": "?",
                                     "platform_response": "?", "hate_ground": "?", "victim_in_crisis": "?",
                                     "incident_date": "?", "as_of": "?", **{f"u{i}" * 40: 1 for i in range(60)}}),
}


@pytest.mark.parametrize("body", HOSTILE_422.values(), ids=HOSTILE_422.keys())
def test_an_error_answer_stays_within_a_few_kb_whatever_the_input(api, body):
    r = api.client.request("POST", "/v1/decisions", data=_within_limit(body), headers=J)
    assert r.status == 422 and r.headers["content-type"] == "application/problem+json"
    size = len(json.dumps(r.body, ensure_ascii=False).encode())
    assert size <= 4096, f"a {len(body)}-byte body got a {size}-byte error answer"
    assert r.body["errors"] and all(1 <= len(messages) <= 3 for messages in r.body["errors"].values())


def test_a_list_stops_being_checked_after_a_few_invalid_items(api):
    r = api.post_json("/v1/decisions", {"content_types": ["threat", "bad1", "bad2", "bad3", "bad4", "bad5"]})
    assert r.status == 422
    assert set(r.body["errors"]) == {"content_types.1", "content_types.2", "content_types.3"}


def test_a_whole_number_written_with_a_decimal_point_is_an_integer(api):
    """JSON Schema (OpenAPI 3.1) counts 17.0 as an integer, so the service does too."""
    r = api.client.request("POST", "/v1/decisions", data=b'{"content_types": ["threat"], "victim_age": 17.0}',
                           headers=J)
    assert r.status == 200 and r.body["facts"]["victim_age"] == 17
