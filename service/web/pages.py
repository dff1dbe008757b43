"""Pages for people: the playground (``GET /``) and the rulebook (``GET /rulebook``).

Server-side HTML, no JavaScript, no external assets (one stylesheet under /assets). The playground's
form is generated from the contract vocabulary (rules/vocabulary.py) and has no free-text inputs; it
is sent with GET, so that the address holds the incident and Back returns to the answer; the access log
records the endpoint only, never the query, and the pages send no Referer. The rulebook page is
rendered from the rule files in use, with every route's conditions in plain Dutch or English, and the
scenarios (features/*.feature) that specify it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, render_template, request
from marshmallow import ValidationError

from routewijzer.schemas.messages import field_of, translate
from routewijzer.schemas.request import IncidentSchema, today
from routewijzer.schemas.rulefile import ALL_OTHER_STEPS

from ..decide.decision import current_contact
from ..rules import gherkin
from ..rules.citations import identifier
from ..rules.plain import Plain, date, label, platform_label
from ..rules.scenario import scenario_text
from ..rules.vocabulary import CONTENT_TYPES, INPUT_FIELDS, LANGUAGES
from .problems import flatten_errors

bp = Blueprint("pages", __name__, template_folder="templates", static_folder="pages_static",
               static_url_path="/assets")
_schema = IncidentSchema()
# The pages need nothing but their own stylesheet: no scripts at all, no inline styles, no other origin.
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'")

UI = {
    "nl": {
        "title": "Routewijzer", "playground": "Uitproberen", "rulebook": "Regelboek", "decide": "Toon wat u kunt doen",
        "intro": "Beschrijf wat er is gebeurd met de vaste keuzes hieronder (geen namen, geen beelden, geen vrije "
                 "tekst). U krijgt de stappen die mogelijk zijn, wie kan helpen en hoe u hen bereikt. Dit is "
                 "hulp bij beslissen, geen juridisch advies.",
        "skip": "Naar de inhoud", "menu": "Menu", "in_nl": "Nederlands", "in_en": "English",
        "danger": "Direct gevaar?", "call": "Bel", "suicidal": "Denkt u aan zelfdoding?", "or_free": "of gratis",
        "day_and_night": "dag en nacht", "crisis_question": "Eerst: is iemand nu in gevaar of denkt iemand aan zelfdoding?",
        "answer_heading": "Uitkomst", "change": "Gegevens aanpassen", "error_prefix": "Fout",
        "started_by": "Wie zet deze stap", "website_of": "Website van", "more": "Meer over deze route",
        "rules_of_route": "De regels achter deze route (regelboek)", "see_obstacles": "Let op",
        "for_routes": "geldt voor", "glossary": "Woordenlijst", "or": " of ",
        "outcome": "{n} mogelijke stappen voor dit incident", "outcome_one": "1 mogelijke stap voor dit incident",
        "outcome_none": "Geen routes gevonden voor dit incident",
        "starters": {"victim": "u zelf", "helper": "iemand die u helpt (ouder, docent, hulpverlener)",
                     "police": "de politie", "prosecutor": "de officier van justitie",
                     "authority": "de instantie zelf, na een melding"},
        "content_types": "Wat is er gedeeld of gedaan?", "unknown": "onbekend", "yes": "ja", "no": "nee",
        "routes": "De routes in detail", "not_applicable": "Niet van toepassing", "missing": "Wat nog helpt om te weten",
        "notes": "Goed om te weten", "obstacles": "Waar u tegenaan kunt lopen", "authority": "Bij",
        "legal_basis": "Waarop dit rust (wet of regel)", "conditions": "Voorwaarden", "applicable": "van toepassing",
        "conditional": "onder voorwaarden", "reasons": "Waarom niet", "affects": "van belang voor",
        "expert": "Of dit strafbaar of onrechtmatig is, is hier niet zeker. Laat iemand met verstand van zaken "
                  "meekijken, bijvoorbeeld Helpwanted of Slachtofferhulp Nederland (gratis), of een advocaat.",
        "errors": "Controleer deze antwoorden", "no_routes": "Geen routes gevonden voor dit incident.",
        "see_rulebook": "Zie het regelboek voor de regels achter deze routes.", "language": "Taal",
        "rulebook_intro": "Elke route met de instantie, wanneer ze in aanmerking komt, wat ze vereist, de "
                          "wetten en regels waarop ze rust en wat u onderweg kunt verwachten. Gemaakt uit de "
                          "regelbestanden; versie",
        "relevant_when": "Komt in aanmerking als", "requires": "Vereist", "holds_when": "voldaan als",
        "fails_when": "niet voldaan als", "reason": "reden", "valid": "Geldig", "from": "vanaf", "until": "tot",
        "source": "Bron", "scenarios": "Scenario's", "no_scenarios": "Nog geen scenario's.", "when": "als",
        "in_force_by": "getoetst op", "clock_incident_date": "de datum van het incident",
        "clock_as_of": "de beoordelingsdatum", "versions": "Versies", "offence_when": "Geldt als",
        "depends_on": "Hangt af van de route", "facts": "Afgeleide feiten", "confidence": "zekerheid",
        "always_obstacle": "altijd", "kind": "soort", "file": "regelbestand", "derived_value": "waarde",
        "victim_in_crisis": "Ja: het slachtoffer is in acute nood of denkt aan zelfdoding",
        "back": "Terug naar het regelboek",
    },
    "en": {
        "title": "Routewijzer", "playground": "Try it", "rulebook": "Rulebook", "decide": "Show what you can do",
        "intro": "Describe what happened with the fixed choices below (no names, no images, no free text). You get "
                 "the steps that are possible, who can help and how to reach them. This helps you decide; it is "
                 "not legal advice.",
        "skip": "Skip to content", "menu": "Menu", "in_nl": "Nederlands", "in_en": "English",
        "danger": "In danger now?", "call": "Call", "suicidal": "Thinking about suicide?", "or_free": "or free",
        "day_and_night": "day and night",
        "crisis_question": "First: is someone in danger now, or thinking about suicide?",
        "answer_heading": "The answer", "change": "Change the answers", "error_prefix": "Error",
        "started_by": "Who takes this step", "website_of": "Website of", "more": "More about this route",
        "rules_of_route": "The rules behind this route (rulebook)", "see_obstacles": "Watch out",
        "for_routes": "applies to", "glossary": "Words explained", "or": " or ",
        "outcome": "{n} possible steps for this incident", "outcome_one": "1 possible step for this incident",
        "outcome_none": "No routes found for this incident",
        "starters": {"victim": "you", "helper": "someone helping you (parent, teacher, support worker)",
                     "police": "the police", "prosecutor": "the public prosecutor",
                     "authority": "the authority itself, after a report"},
        "content_types": "What was shared or done?", "unknown": "unknown", "yes": "yes", "no": "no",
        "routes": "The routes in detail", "not_applicable": "Not applicable", "missing": "What would help to know",
        "notes": "Good to know", "obstacles": "What may stand in the way", "authority": "With",
        "legal_basis": "Based on (law or rule)", "conditions": "Conditions", "applicable": "applicable",
        "conditional": "conditional", "reasons": "Why not", "affects": "matters for",
        "expert": "Whether this is a crime or unlawful is not certain here. Ask someone who knows to look at it, for "
                  "example Helpwanted or Victim Support Netherlands (free), or a lawyer.",
        "errors": "Check these answers", "no_routes": "No routes found for this incident.",
        "see_rulebook": "See the rulebook for the rules behind these routes.", "language": "Language",
        "rulebook_intro": "Every route with its authority, when it is considered, what it requires, its legal "
                          "bases and what to expect on the way. Made from the rule files; version",
        "relevant_when": "Considered when", "requires": "Requires", "holds_when": "met when",
        "fails_when": "not met when", "reason": "reason", "valid": "Valid", "from": "from", "until": "until",
        "source": "Source", "scenarios": "Scenarios", "no_scenarios": "No scenarios yet.", "when": "when",
        "in_force_by": "judged by", "clock_incident_date": "the incident date", "clock_as_of": "the assessment date",
        "versions": "Versions", "offence_when": "Applies when", "depends_on": "Depends on the route",
        "facts": "Derived facts", "confidence": "confidence", "always_obstacle": "always", "kind": "kind",
        "file": "rule file", "derived_value": "value",
        "victim_in_crisis": "Yes: the victim is in acute distress or thinking about suicide",
        "back": "Back to the rulebook",
    },
}
# The decided incident as a scenario to paste into a feature file (text to copy: no script).
SCENARIO_UI = {
    "nl": {"title": "Als scenario",
           "hint": "Plak dit in het feature-bestand van de route (features/<route>.feature) en geef het een naam die "
                   "zegt wat het laat zien. De Then-stappen leggen vast wat de dienst nu beslist: klopt dat juridisch?"},
    "en": {"title": "As a scenario",
           "hint": "Paste this into the route's feature file (features/<route>.feature) and give it a name that says "
                   "what it shows. The Then steps record what the service decides now: is that right in law?"},
}
# The playground's inputs, generated from the vocabulary in its order: a drop-down for every field with
# a fixed list of values (yes/no facts too), check boxes for the sets, a number for the audience size.
FORM_FIELDS = [n for n in INPUT_FIELDS if n not in ("content_types", "victim_age", "age_when_made", "victim_in_crisis")]
SELECTS = [(n, INPUT_FIELDS[n]) for n in FORM_FIELDS if INPUT_FIELDS[n]["kind"] in ("enum", "tristate")]
SETS = [n for n in FORM_FIELDS if INPUT_FIELDS[n]["kind"] == "set"]
NUMBERS = [n for n in FORM_FIELDS if INPUT_FIELDS[n]["kind"] == "number"]
AGES = tuple(range(121))
INPUT_NAMES = ("victim_age", "age_when_made", *NUMBERS, *(name for name, _ in SELECTS), *SETS, "incident_date",
               "as_of")


@bp.after_request
def _policy(response):
    response.headers["Content-Security-Policy"] = PAGE_CSP
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def _lang() -> str:
    chosen = request.values.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES), default="nl") or "nl"


def _service():
    return current_app.extensions["routewijzer"]


def _features_dir() -> Path:
    return Path(current_app.config.get("FEATURES_DIR") or gherkin.DEFAULT_FEATURES_DIR)


def _common(lang: str) -> dict:
    return {"lang": lang, "ui": UI[lang], "label": lambda v: label(v, lang),
            "heading": lambda v: label(v, lang)[:1].upper() + label(v, lang)[1:], "languages": LANGUAGES,
            "path": request.path}


# ---------------------------------------------------------------------------------------------------
# The playground


def _options(lang: str) -> dict:
    out = {"content_types": [(ct, label(ct, lang)) for ct in CONTENT_TYPES], "selects": [],
           "sets": [(name, _heading(name, lang), [(v, label(v, lang, name)) for v in INPUT_FIELDS[name]["values"]])
                    for name in SETS],
           "numbers": [(name, _heading(name, lang), INPUT_FIELDS[name]["max"]) for name in NUMBERS]}
    for name, spec in SELECTS:
        # an empty choice means "unknown" (for a hate ground: none): shown first, as the default
        empty = spec["default"] if spec.get("null_default") and spec["default"] != "unknown" else "unknown"
        values = [v for v in spec["values"] if v not in ("unknown", empty)]
        shown = [(v, platform_label(v, lang) if name == "platform" else label(v, lang, name)) for v in values]
        out["selects"].append((name, _heading(name, lang), [("", label(empty, lang))] + shown))
    return out


def _heading(name: str, lang: str) -> str:
    text = label(name, lang)
    return text[:1].upper() + text[1:]


def _incident_from_form(form) -> tuple[dict, set]:
    """The form as the JSON the API takes: only the fields that were answered."""
    body: dict = {"content_types": form.getlist("content_types")}
    for name in ("victim_age", "age_when_made", *NUMBERS):
        value = form.get(name, "")
        if value != "":
            body[name] = int(value) if value.isdigit() else value
    for name, spec in SELECTS:
        value = form.get(name, "")
        if value == "":
            continue
        body[name] = {"true": True, "false": False}.get(value, value) if spec["kind"] == "tristate" else value
    for name in SETS:
        if form.getlist(name):
            body[name] = form.getlist(name)
    if form.get("victim_in_crisis"):
        body["victim_in_crisis"] = True
    for name in ("incident_date", "as_of"):
        if form.get(name):
            body[name] = form.get(name)
    return body, {k for k, v in body.items() if v != "unknown"}


FIRST_NOTES = ("not_your_fault",)  # said before the routes: no blame first


def _host(url: str) -> str:
    host = urlsplit(url).netloc
    return host[4:] if host.startswith("www.") else host


def answer_view(answer: dict, lang: str, titles: dict) -> dict:
    """The answer as a helper reads it: routes with how to reach them, each obstacle once (with the routes
    it concerns), the no-blame note first."""
    ui = UI[lang]
    routes, obstacles = [], {}
    for r in answer["routes"]:
        for o in r["obstacles"]:
            obstacles.setdefault(o["id"], {"id": o["id"], "text": o["text"], "routes": []})["routes"].append(r["title"])
    for r in answer["routes"]:
        phone = r["authority"].get("phone")
        routes.append({
            **r, "starters": ui["or"].join(ui["starters"].get(s, s) for s in r.get("started_by", [])),
            "tel": "".join(ch for ch in phone if ch.isdigit()) if phone else None,
            "host": _host(r["authority"]["url"]) if r["authority"].get("url") else None,
            "legal_basis": [{**b, "host": _host(b["url"])} if b.get("url") else b for b in r["legal_basis"]],
            "obstacle_refs": [{"id": o["id"], "short": _short(o["text"])} for o in r["obstacles"]],
        })
    for m in answer["missing_information"]:
        m["affects_titles"] = [titles.get(rid, rid) for rid in m["affects"]]
    n = len(routes)
    outcome = ui["outcome_none"] if n == 0 else ui["outcome_one"] if n == 1 else ui["outcome"].format(n=n)
    return {"routes": routes, "obstacles": list(obstacles.values()), "outcome": outcome,
            "first_notes": [x for x in answer["notes"] if x["id"] in FIRST_NOTES],
            "other_notes": [x for x in answer["notes"] if x["id"] not in FIRST_NOTES]}


def _short(text: str, words: int = 6) -> str:
    """The first words of an obstacle, to point at it from a route."""
    first = text.split(":")[0].split(";")[0].rstrip(".").split()
    return " ".join(first[:words]) + (" …" if len(first) > words else "")


# Where an error about a field is shown: the control (or group) it belongs to.
ANCHORS = {"content_types": "fs-content_types", "victim_in_crisis": "victim_in_crisis"}


@bp.route("/", methods=["GET", "POST"])
def playground():
    lang = _lang()
    asked = request.method == "POST" or request.args.get("ask") == "1"
    form = request.values if asked else None
    answer, errors, view, scenario = None, None, {}, None
    if form is not None:
        body, provided = _incident_from_form(form)
        try:
            incident = _schema.load(body)
        except ValidationError as exc:
            errors = {}
            for key, messages in translate(flatten_errors(exc.messages), lang).items():
                errors.setdefault(field_of(key), []).extend(m for m in messages if m not in errors.get(field_of(key), []))
        else:
            answer = _service().decide(incident, lang, frozenset(provided))
            book = _service().decider.compiled.book
            titles = {rid: item.data["title"][lang] for rid, item in book.routes.items()}
            scenario = scenario_text(body, answer, "From the playground: " + ", ".join(body["content_types"]), lang)
            view = answer_view(answer, lang, titles)
    anchors = {**{name: name for name in INPUT_NAMES}, **ANCHORS}
    response = current_app.make_response(render_template(
        "playground.html", **_common(lang), options=_options(lang), form=form or {}, answer=answer,
        plan_ui=PLAN_UI[lang], errors=errors, ages=AGES, today=today().isoformat(), anchors=anchors, **view,
        scenario=scenario, scenario_ui=SCENARIO_UI[lang],
        chosen=set(form.getlist("content_types")) if form is not None else set(),
    ))
    response.headers["Content-Language"] = lang
    return response


# ---------------------------------------------------------------------------------------------------
# The rulebook


def _scenarios(route_id: str, features: list) -> list[dict]:
    out = []
    for feature in features:
        for sc in feature.scenarios:
            named = feature.stem == route_id or any(f'"{route_id}"' in s.text for s in sc.steps)
            if named:
                out.append({"file": feature.file, "stem": feature.stem, "feature": feature.name,
                            "name": sc.title, "line": sc.line})
    return out


def _dates(item: dict, lang: str) -> dict:
    return {k: date(item[k], lang) for k in ("valid_from", "valid_until") if item.get(k)}


def _requirements(reqs: list, plain: Plain, book, lang: str) -> list[dict]:
    return [{"id": r["id"], "condition": r["condition"][lang], "holds_when": plain.condition(r["holds_when"]),
             "fails_when": plain.condition(r["fails_when"]) if r["fails_when"] is not None else None,
             "reason": book.obstacles[r["fails_with"]].data["text"][lang]
             if r["fails_with"] in book.obstacles else r["fails_with"]} for r in reqs]


def _obstacles(refs: list, plain: Plain, book, lang: str) -> list[dict]:
    out = []
    for ref in refs:
        o = book.obstacles.get(ref["obstacle"])
        out.append({"id": ref["obstacle"], "text": o.data["text"][lang] if o else ref["obstacle"],
                    "confidence": o.data["confidence"] if o else None,
                    "when": plain.condition(ref["when"]) if ref["when"] else None})
    return out


CITATION_UI = {
    "nl": {"checked": "gecontroleerd op", "none": "geen officiële aanduiding"},
    "en": {"checked": "checked on", "none": "no official identifier"},
}


def _official(book, cid: str, lang: str) -> dict | None:
    """The official identifier of a legal basis (rules/citations.yaml) as a link, with when it was checked."""
    item = book.citations.get(cid)
    if item is None:
        return None
    found = identifier(item.data)
    return {"label": found[0] if found else None, "url": found[1] if found else None,
            "reason": (item.data.get("no_identifier") or {}).get(lang), "checked": date(item.data["checked"], lang),
            "ui": CITATION_UI[lang]}


def rulebook_view(compiled, lang: str, features: list) -> dict:
    book = compiled.book
    plain = Plain(lang, {name: item.data["description"] for name, item in book.facts.items()})
    routes = []
    for rid in book.meta["route_order"]:
        item = book.routes.get(rid)
        if item is None:
            continue
        d = item.data
        authority = book.authorities.get(d["authority"])
        bases = []
        for b in d["legal_basis"]:
            versions = b["versions"] or [b]
            bases.append({
                "id": b["id"],
                "versions": [{"id": v["id"], "citation": v["citation"][lang], "url": v.get("url"),
                              "official": _official(book, v["id"], lang), **_dates(v, lang)} for v in versions],
                "clock": UI[lang]["clock_" + b["clock"]],
                "when": plain.condition(b["when"]) if b["when"] is not None else (
                    plain.condition(b["listed_when"]) if b["listed_when"] is not None else None),
                "requires": _requirements(b["requires"], plain, book, lang),
                "obstacles": _obstacles(b["obstacles"], plain, book, lang),
                "source": b["source"],
            })
        routes.append({
            "id": rid, "kind": d["kind"], "title": d["title"][lang],
            "summary": d["summary"][lang] if d.get("summary") else None,
            "authority": {"name": authority.data["name"][lang], **(current_contact(authority.data, today()) or {})}
            if authority else {"name": d["authority"]},
            "source": d["source"], "file": item.source.file, **_dates(d, lang),
            "relevant_when": plain.condition(d["relevant_when"]),
            "depends_on": d.get("depends_on"),
            "requires": _requirements(d["requires"], plain, book, lang),
            "obstacles": _obstacles(d["obstacles"], plain, book, lang),
            "legal_basis": bases,
            "scenarios": _scenarios(rid, features),
        })
    facts = []
    for name, item in book.facts.items():
        rules = []
        for r in item.data["rules"]:
            value = (f"= {label(r['same_as'], lang)}" if r["same_as"] else label(r["value"], lang))
            rules.append({"value": value, "when": plain.condition(r["when"])})
        facts.append({"id": name, "description": item.data["description"][lang], "rules": rules})
    titles = {rid: book.routes[rid].data["title"][lang] for rid in book.routes}
    return {"book": {"version": compiled.version, "digest": compiled.digest,
                     "title": book.meta["title"][lang]}, "routes": routes, "facts": facts, "titles": titles}


_RULEBOOK_PAGES: dict[tuple, str] = {}  # (rulebook digest, language, scenarios) -> the rendered page


@bp.get("/rulebook")
def rulebook():
    lang = _lang()
    compiled = _service().decider.compiled
    features = _features_dir()
    signature = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(features.glob("*.feature")))
    key = (compiled.digest, lang, str(features), signature)
    html = _RULEBOOK_PAGES.get(key)
    if html is None:
        view = rulebook_view(compiled, lang, gherkin.parse_dir(features))
        html = render_template("rulebook.html", **_common(lang), **view, plan_ui=PLAN_UI[lang],
                               ordering=ordering_view(compiled, lang, gherkin.parse_dir(features)))
        if len(_RULEBOOK_PAGES) >= 8:
            _RULEBOOK_PAGES.clear()
        _RULEBOOK_PAGES[key] = html
    response = current_app.make_response(html)
    response.headers["Content-Language"] = lang
    return response


@bp.get("/rulebook/scenarios/<stem>")
def feature(stem: str):
    lang = _lang()
    features = {f.stem: f for f in gherkin.parse_dir(_features_dir())}
    if stem not in features:
        abort(404)
    path = _features_dir() / f"{stem}.feature"
    lines = path.read_text(encoding="utf-8").splitlines()
    return render_template("feature.html", **_common(lang), feature=features[stem],
                           lines=list(enumerate(lines, start=1)))


# ---------------------------------------------------------------------------------------------------
# The plan (templates/_plan.html): the playground shows it first; the rulebook lists its rules

PLAN_UI = {
    "nl": {"plan": "Wat u kunt doen, in deze volgorde", "after": "na", "why": "waarom",
           "plan_intro": "Stappen met hetzelfde nummer kunt u tegelijk doen. Meer over elke route staat eronder.",
           "ordering": "De volgorde van het stappenplan", "steps": "Algemene stappen", "first": "Eerst",
           "then": "daarna", "all_other_steps": "alle andere stappen", "always": "altijd",
           "ordering_intro": "Een regel zet de eerste stappen vóór de andere, als de voorwaarde geldt en beide "
                             "stappen in het plan staan. Wat het slachtoffer wil (doelen) verandert alleen de "
                             "volgorde, nooit welke routes gelden.",
           "when": "als", "source": "Bron", "scenarios": "Scenario's"},
    "en": {"plan": "What you can do, in this order", "after": "after", "why": "why",
           "plan_intro": "Steps with the same number can be taken at the same time. The details of each route follow.",
           "ordering": "The order of the plan", "steps": "General steps", "first": "First", "then": "then",
           "all_other_steps": "all other steps", "always": "always",
           "ordering_intro": "A rule puts its first steps before the others when its condition holds and both "
                             "steps are in the plan. What the victim wants (goals) changes only the order, never "
                             "which routes apply.",
           "when": "when", "source": "Source", "scenarios": "Scenarios"},
}


def ordering_view(compiled, lang: str, features: list) -> dict:
    """The general steps and the ordering rules, in plain words, with the scenarios that name them."""
    book = compiled.book
    plain = Plain(lang, {name: item.data["description"] for name, item in book.facts.items()})
    titles = {rid: item.data["title"][lang] for rid, item in book.routes.items()}
    titles.update({sid: item.data["title"][lang] for sid, item in book.steps.items()})

    def named(ids):
        return [{"id": x, "title": titles.get(x, x)} for x in ids]

    steps = [{"id": sid, "title": item.data["title"][lang], "text": item.data["text"][lang],
              "when": plain.condition(item.data["when"]) if item.data["when"] else None,
              "source": item.data["source"], "file": item.source.file, "scenarios": _scenarios(sid, features)}
             for sid, item in book.steps.items()]
    rules = []
    for oid, item in book.orderings.items():
        d = item.data
        rules.append({"id": oid, "first": named(d["first"]),
                      "then": None if d["then"] == ALL_OTHER_STEPS else named(d["then"]),
                      "when": plain.condition(d["when"]) if d["when"] else None, "reason": d["reason"][lang],
                      "source": d["source"], "where": f"{item.source.file}:{item.line()}",
                      "scenarios": [s for s in _scenarios(oid, features)]})
    return {"steps": steps, "rules": rules}


__all__ = ["bp", "ordering_view", "rulebook_view"]
