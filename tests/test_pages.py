"""The rulebook page and the playground without a browser: content, languages, errors, no inline code."""

from __future__ import annotations

import re

import pytest

from routewijzer.rules import gherkin
from routewijzer.rules.plain import Plain


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def book(app):
    return app.extensions["routewijzer"].decider.compiled.book


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'").replace("&amp;", "&")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_rulebook_page_shows_every_route_with_authority_bases_dates_and_obstacles(client, book, lang):
    reply = client.get(f"/rulebook?lang={lang}")
    assert reply.status_code == 200 and reply.mimetype == "text/html"
    html = reply.get_data(as_text=True)
    text = _text(html)
    for rid in book.meta["route_order"]:
        d = book.routes[rid].data
        assert f'id="route-{rid}"' in html
        assert d["title"][lang] in text
        assert book.authorities[d["authority"]].data["name"][lang] in text
        for b in d["legal_basis"]:
            for v in b["versions"] or [b]:
                assert v["citation"][lang] in text
                if v.get("url"):
                    assert f'href="{v["url"]}"' in html
        for ref in d["obstacles"]:
            assert book.obstacles[ref["obstacle"]].data["text"][lang] in text


def test_the_rulebook_page_follows_accept_language(client):
    en = client.get("/rulebook", headers={"Accept-Language": "en"})
    nl = client.get("/rulebook", headers={"Accept-Language": "nl"})
    assert en.headers["Content-Language"] == "en" and "Considered when" in en.get_data(as_text=True)
    assert nl.headers["Content-Language"] == "nl" and "Komt in aanmerking als" in nl.get_data(as_text=True)


def test_the_rulebook_page_renders_conditions_in_plain_language(client):
    html = _text(client.get("/rulebook?lang=en").get_data(as_text=True))
    assert "assessed on or after 1 July 2024" in html or "From 1 July 2024" in html
    assert "shared in a closed group: yes" in html
    assert "{" not in html  # no YAML left over


def test_every_route_links_to_the_scenarios_that_specify_it(client, book):
    html = client.get("/rulebook?lang=en").get_data(as_text=True)
    features = {f.stem: f for f in gherkin.parse_dir()}
    for rid in book.meta["route_order"]:
        if rid not in features:
            continue
        section = html[html.index(f'id="route-{rid}"'):]
        section = section[:section.index("</article>")]
        for sc in features[rid].scenarios:
            assert f'href="/rulebook/scenarios/{rid}?lang=en#L{sc.line}"' in section
            assert sc.title.replace("'", "&#39;").replace('"', "&#34;") in section


def test_a_scenario_page_shows_the_feature_file_with_line_anchors(client):
    reply = client.get("/rulebook/scenarios/crisis_support")
    assert reply.status_code == 200
    assert 'id="L1"' in reply.get_data(as_text=True)
    assert client.get("/rulebook/scenarios/..%2Fsecrets").status_code == 404
    assert client.get("/rulebook/scenarios/nope").status_code == 404


def test_the_playground_shows_the_decision(client, app):
    reply = client.post("/", data={"lang": "en", "content_types": ["child_sexual_abuse_material"],
                                   "platform_established": "nl", "as_of": "2025-01-01"})
    assert reply.status_code == 200
    text = _text(reply.get_data(as_text=True))
    assert "The ATKM can order the provider to make the material inaccessible" in text
    assert "Who takes this step: the authority itself, after a report" in text
    assert 'href="https://www.atkm.nl"' in reply.get_data(as_text=True)


def test_the_playground_reports_an_invalid_incident_by_field(client):
    reply = client.post("/", data={"lang": "en", "content_types": ["threat"], "hate_ground": "race"})
    assert reply.status_code == 200
    assert 'id="errors"' in reply.get_data(as_text=True)
    assert "Discrimination ground" in _text(reply.get_data(as_text=True))
    tampered = client.post("/", data={"lang": "nl", "content_types": ["selfie"], "victim_age": "abc"})
    assert tampered.status_code == 200 and 'id="errors"' in tampered.get_data(as_text=True)
    shown = _text(tampered.get_data(as_text=True))
    assert "Kies een van deze waarden" in shown and "Geef een heel getal." in shown
    assert "{" not in shown and "Must be" not in shown  # no raw structure, no English on the Dutch page
    nothing = client.post("/", data={"lang": "en"})
    assert nothing.status_code == 200 and 'id="errors"' in nothing.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/rulebook", "/rulebook/scenarios/crisis_support"])
def test_pages_have_no_inline_scripts_styles_or_external_assets(client, path):
    html = client.get(path).get_data(as_text=True)
    assert "<script" not in html and " style=" not in html and "<style" not in html
    for ref in re.findall(r'<(?:link|img|script)[^>]+(?:href|src)="([^"]+)"', html):
        assert ref.startswith("/"), ref


@pytest.mark.parametrize("path", ["/", "/rulebook", "/assets/style.css"])
def test_pages_forbid_scripts_and_other_origins(client, path):
    csp = client.get(path).headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "style-src 'self'" in csp and "script-src" not in csp


def test_the_form_is_sent_with_get_and_the_query_never_reaches_a_log(client, caplog):
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'<form method="get"', html)  # Back returns to the answer
    with caplog.at_level("DEBUG"):
        reply = client.get("/?lang=en&ask=1&content_types=intimate_image&victim_age=16")
    assert reply.status_code == 200 and 'id="decision"' in reply.get_data(as_text=True)
    assert reply.headers["Referrer-Policy"] == "no-referrer"
    logged = " ".join(r.getMessage() + " " + " ".join(f"{k}={v}" for k, v in vars(r).items()) for r in caplog.records)
    assert "intimate_image" not in logged and "victim_age" not in logged


def test_the_answer_page_says_each_obstacle_once_and_the_no_blame_line_first(client):
    reply = client.get("/?lang=nl&ask=1&content_types=intimate_image&content_types=personal_data&victim_age=16"
                       "&platform=telegram&group_closed=true&as_of=2025-03-01")
    html = reply.get_data(as_text=True)
    text = _text(html)
    assert text.index("Dit is niet uw schuld") < text.index("Wat u kunt doen, in deze volgorde") < text.index("De routes in detail")
    items = re.findall(r'<li id="obstacle-[^"]+">(.*?) <span', html)
    assert items and len(items) == len(set(items))
    for item in items:
        assert text.count(_text(item).strip()) == 1, item
    assert 'href="tel:' in html and "Wie zet deze stap" in text


@pytest.mark.parametrize("when, lang, expected", [
    ({"content_types": [ "intimate_image", "threat"]}, "en", "the incident includes intimate image or threat"),
    ({"content_types": {"excludes": ["threat"]}}, "nl", "het gaat niet om bedreiging"),
    ({"age_when_made": {"below": 18}}, "en", "age when the image was made below 18"),
    ({"victim_age": "unknown"}, "nl", "leeftijd van het slachtoffer onbekend"),
    ({"incident_date": {"before": "2024-07-01"}}, "nl", "het incident was vóór 1 juli 2024"),
    ({"establishment": {"not": "nl"}}, "en", "Where the provider is established: not in the Netherlands"),
    ({"csam": [True, "unknown"]}, "en", "Child sexual abuse material: yes or unknown"),
    ({"any": [{"platform": "telegram"}, {"group_closed": True}]}, "en",
     "one of: (1) platform: Telegram; (2) shared in a closed group: yes"),
])
def test_conditions_in_plain_language(when, lang, expected):
    facts = {"establishment": {"nl": "Vestiging.", "en": "Where the provider is established."},
             "csam": {"nl": "Kinderporno.", "en": "Child sexual abuse material."}}
    assert Plain(lang, facts).condition(when) == expected
