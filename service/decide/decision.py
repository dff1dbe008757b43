"""From fired rules to the answer of the contract: routes, exclusions, authorities, obstacles, notes, plan.

The rules decide the atoms (is a route relevant, does a requirement hold or fail, which version of a
legal basis is in force, which obstacle to expect). This module only combines them, the same way for
every route:

* a requirement that failed excludes the route, with the requirement's obstacle as the reason;
* a requirement neither met nor failed (the facts are unknown) makes the route *conditional*;
* a route with offence-like legal bases (bases that carry ``when``) needs at least one of them to
  apply: an offence not in force at the incident date, or whose own requirement fails, is a reason.
  When the route applies through another offence, the ones that do not apply are still named among
  its obstacles, with their citation (doxing before 285d Sr existed, next to a threat under 285 Sr).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass

from ..rules.compiler import Compiled
from ..rules.vocabulary import CLOCKS, INPUT_FIELDS, RESOLVED_FIELDS
from .firing import Firing
from .incident import with_value
from .plan import build as build_plan

APPLICABLE, CONDITIONAL, EXCLUDED = "applicable", "conditional", "excluded"
_RANK = {APPLICABLE: 0, CONDITIONAL: 1, EXCLUDED: 2}
EXPERT_OBSTACLE = "qualification_needs_expert"


@dataclass
class _Atoms:
    relevant: set
    holds: set
    fails: dict
    versions: dict
    obstacles: dict
    notes: list
    because: dict
    note_version: dict = dataclasses.field(default_factory=dict)  # note id -> index of its dated text, or None


def _atoms(compiled: Compiled, firing: Firing) -> _Atoms:
    a = _Atoms(set(), set(), defaultdict(list), defaultdict(list), defaultdict(list), [], defaultdict(list))
    by_name = compiled.by_name
    for name in sorted(firing.fired, key=compiled.position.__getitem__):  # compiled order: stable
        rule = by_name[name]
        kind, *rest = rule.effect
        if kind in ("relevant", "holds", "fails", "version", "obstacle"):
            element = rest[0]
            route = element.split("/", 1)[0]
            if rule.id not in a.because[route]:
                a.because[route].append(rule.id)
        if kind == "relevant":
            a.relevant.add(rest[0])
        elif kind == "holds":
            a.holds.add((rest[0], rest[1]))
        elif kind == "fails":
            if (rest[1], rest[2]) not in a.fails[rest[0]]:
                a.fails[rest[0]].append((rest[1], rest[2]))
        elif kind == "version":
            if rest[1] not in a.versions[rest[0]]:
                a.versions[rest[0]].append(rest[1])
        elif kind == "obstacle":
            if rest[1] not in a.obstacles[rest[0]]:
                a.obstacles[rest[0]].append(rest[1])
        elif kind == "note" and rest[0] not in a.notes:
            a.notes.append(rest[0])
            a.note_version[rest[0]] = rest[1] if len(rest) > 1 else None
    return a


class Texts:
    """Titles and texts of the rulebook in one language; contact details as of ``as_of`` (when given)."""

    def __init__(self, compiled: Compiled, lang: str, as_of=None):
        self.compiled = compiled
        self.book = compiled.book
        self.lang = lang
        self.as_of = as_of

    def t(self, text: dict | None) -> str | None:
        return None if text is None else text[self.lang]

    def obstacle(self, oid: str) -> dict:
        return {"id": oid, "text": self.t(self.book.obstacles[oid].data["text"])}

    def glossary(self, texts: list[str]) -> list[dict]:
        """The glossary terms these texts use, in the glossary's order, explained in this language."""
        terms_in = _glossary_terms(self.compiled)
        used: set = set()
        for t in texts:
            if t:
                used.update(terms_in(t))
        return [{"term": term, "text": self.t(item.data["text"])}
                for term, item in self.book.glossary.items() if term in used]

    def obstacle_of(self, oid: str, basis: dict, version_id: str | None) -> dict:
        """An obstacle about one offence that does not apply: the offence's citation, then the reason."""
        version = next((v for v in basis["versions"] or [] if v["id"] == version_id), None)
        if version is None:  # not in force: the first version (criminal law is not retroactive)
            version = (basis["versions"] or [basis])[0]
        return {"id": oid, "text": f"{self.t(version['citation'])}: {self.obstacle(oid)['text']}"}

    def note(self, nid: str, version: int | None = None) -> dict:
        d = self.book.notes[nid].data
        if version is not None:
            d = d["versions"][version]
        return {"id": nid, "title": self.t(d["title"]), "text": self.t(d["text"])}

    def authority(self, aid: str) -> dict:
        d = self.book.authorities[aid].data
        out = {"id": aid, "name": self.t(d["name"])}
        contact = current_contact(d, self.as_of) if self.as_of is not None else None
        for key in ("url", "phone"):
            if contact and contact.get(key):
                out[key] = contact[key]
        return out


GLOSSARY_MEMO = 8192  # texts remembered per rulebook; every text of an answer comes from the rulebook


def _glossary_terms(compiled: Compiled):
    """``terms_in(text)``: the glossary terms a text uses (whole words, case as written: "AP", not "ap").

    One expression for every term, built once per rulebook; the terms found in each text are kept with
    the rulebook (``Compiled.memo``), so an answer's texts are scanned once, not per decision.
    """
    found = compiled.memo.get("glossary_terms")
    if found is not None:
        return found
    terms = sorted(compiled.book.glossary, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w])") if terms else None
    seen: dict[str, frozenset] = {}

    def terms_in(text: str) -> frozenset:
        out = seen.get(text)
        if out is None:
            out = frozenset(m.group(1) for m in pattern.finditer(text)) if pattern is not None else frozenset()
            if len(seen) >= GLOSSARY_MEMO:
                seen.clear()
            seen[text] = out
        return out

    return compiled.memo.setdefault("glossary_terms", terms_in)


def answer_texts(answer: dict) -> list[str]:
    """Every text of an answer a person reads (for the glossary)."""
    out = []
    for r in answer["routes"]:
        out += [r["title"], r.get("summary"), r["authority"]["name"], *r["conditions"],
                *(b["citation"] for b in r["legal_basis"]), *(o["text"] for o in r["obstacles"])]
    for e in answer["not_applicable"]:
        out += [e["title"], *(o["text"] for o in e["reasons"])]
    for n in answer["notes"]:
        out += [n["title"], n["text"]]
    for step in answer.get("plan", []):
        out += [step["title"], step["text"], step.get("reason")]
    return out


def current_contact(authority: dict, as_of) -> dict | None:
    """The authority's contact period that holds on ``as_of`` (valid_from inclusive, valid_until not)."""
    for c in authority.get("contact") or []:
        if (c["valid_from"] is None or c["valid_from"] <= as_of) and (c["valid_until"] is None or as_of < c["valid_until"]):
            return c
    return None


def _element_status(element: str, reqs: list, atoms: _Atoms, texts: Texts):
    """Status of a route or legal basis from its own requirements: (status, reasons, conditions)."""
    reasons = [oid for _, oid in atoms.fails.get(element, [])]
    if reasons:
        return EXCLUDED, reasons, []
    conditions = [texts.t(r["condition"]) for r in reqs if (element, r["id"]) not in atoms.holds]
    return (CONDITIONAL if conditions else APPLICABLE), [], conditions


def _version(basis: dict, version_id: str) -> dict:
    return next((v for v in basis["versions"] or [] if v["id"] == version_id), basis)


def _basis_out(basis: dict, version_id: str, texts: Texts) -> dict:
    version = _version(basis, version_id)
    out = {"id": version["id"], "citation": texts.t(version["citation"])}
    for key in ("valid_from", "valid_until"):
        if version.get(key) is not None:
            out[key] = version[key].isoformat()
    if version.get("url"):
        out["url"] = version["url"]
    return out


def outcome_by_route(result: dict) -> dict[str, tuple]:
    """Route id -> what a person would see change: status, legal bases, obstacles or reasons."""
    out = {r["id"]: (r["status"], tuple(b["id"] for b in r["legal_basis"]), tuple(o["id"] for o in r["obstacles"]))
           for r in result["routes"]}
    out.update({e["id"]: (EXCLUDED, (), tuple(o["id"] for o in e["reasons"])) for e in result["not_applicable"]})
    return out


def route_outcomes(compiled: Compiled, firing: Firing) -> dict[str, tuple]:
    return outcome_by_route(assemble(compiled, firing, Texts(compiled, "en")))


@dataclass
class Outcome:
    """What the rules decided about one route, before it is put into words (see ``assemble``)."""

    status: str
    reasons: list  # obstacle ids that exclude the route
    conditions: list  # the texts of the requirements not known to hold
    bases: list  # (legal basis, id of the version in force): the bases that apply
    obstacles: list  # obstacle ids
    not_applying: list  # (legal basis, version in force or None, reasons): offences that do not apply

    def key(self) -> tuple:
        """The route's entry of ``outcome_by_route`` for the answer assembled from this outcome."""
        if self.status == EXCLUDED:
            return EXCLUDED, (), tuple(dict.fromkeys(self.reasons))
        return (self.status, tuple(_version(b, v)["id"] for b, v in self.bases),
                tuple(self.obstacles) + tuple(o for _, _, rs in self.not_applying for o in dict.fromkeys(rs)))


def _outcomes(compiled: Compiled, atoms: _Atoms, texts: Texts, only: set | None = None) -> dict[str, Outcome]:
    """Route id -> its outcome, for the relevant routes in route order; ``only``: just these routes (and
    the routes they depend on)."""
    book = compiled.book
    outcome: dict[str, Outcome] = {}
    if only is not None:  # a route that depends_on another needs that one's outcome too
        only = set(only)
        for rid in reversed(book.meta["route_order"]):
            dep = book.routes[rid].data.get("depends_on")
            if rid in only and dep is not None:
                only.add(dep)
    for rid in book.meta["route_order"]:
        if rid not in atoms.relevant or (only is not None and rid not in only):
            continue
        d = book.routes[rid].data
        status, reasons, conditions = _element_status(rid, d["requires"], atoms, texts)
        bases, gated_status, gated_reasons, obstacles = [], [], [], list(atoms.obstacles.get(rid, []))
        not_applying = []  # (basis, version in force or None, reasons): offences that do not apply
        for b in d["legal_basis"]:
            element = f"{rid}/{b['id']}"
            if element not in atoms.relevant:
                continue
            in_force = atoms.versions.get(element, [])
            if b["when"] is None:
                if in_force:  # a procedural basis simply not (yet, or any longer) in force is left out
                    bases.append((b, in_force[0]))
                continue
            bstatus, breasons, bconditions = _element_status(element, b["requires"], atoms, texts)
            if not in_force:
                bstatus, breasons = EXCLUDED, [b["not_in_force_reason"]] + breasons
            gated_status.append(bstatus)
            if bstatus == EXCLUDED:
                gated_reasons.extend(breasons)
                not_applying.append((b, in_force[0] if in_force else None, breasons))
                continue
            bases.append((b, in_force[0]))
            conditions.extend(c for c in bconditions if c not in conditions)
            obstacles.extend(o for o in atoms.obstacles.get(element, []) if o not in obstacles)
        if gated_status:
            best = min(gated_status, key=_RANK.get)
            if best == EXCLUDED:
                reasons = reasons + [r for r in gated_reasons if r not in reasons]
            status = max(status, best, key=_RANK.get)
        dep = d.get("depends_on")
        if dep is not None:  # e.g. an order under art. 125p Sv needs a suspected crime (criminal_complaint)
            if dep not in outcome:
                continue
            dep_outcome = outcome[dep]
            if dep_outcome.status == EXCLUDED:
                reasons = reasons + [r for r in dep_outcome.reasons if r not in reasons]
            conditions.extend(c for c in dep_outcome.conditions if c not in conditions)
            status = max(status, dep_outcome.status, key=_RANK.get)
        outcome[rid] = Outcome(status, reasons, conditions, bases, obstacles, not_applying)
    return outcome


def outcomes(compiled: Compiled, firing: Firing, only: set | None = None) -> dict[str, tuple]:
    """``route_outcomes`` without putting the answer into words: what the what-if questions compare."""
    texts = Texts(compiled, "en")  # the conditions' texts only tell a conditional route from an applicable one
    return {rid: o.key() for rid, o in _outcomes(compiled, _atoms(compiled, firing), texts, only).items()}


def assemble(compiled: Compiled, firing: Firing, texts: Texts, only: set | None = None) -> dict:
    """The answer's routes and what follows from them; ``only``: assemble just these routes (what-if)."""
    atoms = _atoms(compiled, firing)
    book = compiled.book
    routes, excluded = [], []
    for rid, o in _outcomes(compiled, atoms, texts, only).items():
        d = book.routes[rid].data
        if o.status == EXCLUDED:
            excluded.append({"id": rid, "title": texts.t(d["title"]),
                             "reasons": [texts.obstacle(r) for r in dict.fromkeys(o.reasons)]})
            continue
        routes.append({
            "id": rid,
            "kind": d["kind"],
            "status": o.status,
            "title": texts.t(d["title"]),
            "summary": texts.t(d["summary"]),
            "started_by": list(d["started_by"]),
            "authority": texts.authority(d["authority"]),
            "legal_basis": [_basis_out(b, v, texts) for b, v in o.bases],
            "obstacles": [texts.obstacle(r) for r in o.obstacles]
                         + [texts.obstacle_of(r, b, v) for b, v, rs in o.not_applying for r in dict.fromkeys(rs)],
            "conditions": o.conditions,
            "because": atoms.because[rid],
        })
    authorities, seen = [], set()
    for r in routes:
        if r["authority"]["id"] not in seen:
            seen.add(r["authority"]["id"])
            authorities.append(r["authority"])
    all_obstacles = list({o["id"]: o for r in routes for o in r["obstacles"]}.values())
    notes = [texts.note(n, atoms.note_version.get(n)) for n in atoms.notes]
    answer = {
        "routes": routes,
        "not_applicable": excluded,
        "competent_authorities": authorities,
        "obstacles": all_obstacles,
        "notes": notes,
        "needs_expert_assessment": any(o["id"] == EXPERT_OBSTACLE for o in all_obstacles),
    }
    if only is None:  # what-if questions compare routes only
        answer["plan"] = build_plan(compiled, firing, routes, texts)[0]
    answer["glossary"] = texts.glossary(answer_texts(answer))
    return answer


def request_facts(incident: dict, firing: Firing) -> dict:
    """Every request field with the value the decision used: the default where the contract states one
    (``unknown`` for most), ``null`` where nothing is known and the field has no ``unknown`` value, and
    the establishments and the DSA size as the rulebook resolved them (what the caller said, else the
    dated platform profile)."""
    out: dict = {}
    for name, spec in INPUT_FIELDS.items():
        value = incident.get(name)
        if spec["kind"] == "set":
            value = list(value or ())
        elif value is None and "default" in spec and not spec.get("null_default"):
            value = {"true": True, "false": False}.get(spec["default"], spec["default"])
        resolved = RESOLVED_FIELDS.get(name)
        if resolved is not None and firing.derived.get(resolved):
            value = sorted(firing.derived[resolved])[0]
        out[name] = value
    for name in CLOCKS:
        out[name] = incident[name].isoformat()
    return out


def derived_facts(compiled: Compiled, firing: Firing) -> dict:
    """Derived facts for the response: booleans as booleans, 'unknown' as null."""
    out = {}
    for name in sorted(compiled.derived):
        values = firing.derived.get(name)
        if not values:
            continue
        value = sorted(values)[0]
        out[name] = {"true": True, "false": False, "unknown": None}.get(value, value)
    return out


def question_candidates(compiled: Compiled, field: str) -> list:
    """The answers worth trying for an unknown field: every value, or both sides of every age threshold."""
    spec = INPUT_FIELDS[field]
    if spec["kind"] == "number":
        out = set()
        # victim_age answers age_when_made too (its default): both fields' thresholds matter
        names = ("victim_age", "age_when_made") if field in ("victim_age", "age_when_made") else (field,)
        for n in (t for name in names for t in compiled.thresholds(name)):
            out.update({max(0, n - 1), n, min(spec["max"], n + 1)})
        return sorted(out)
    if spec["kind"] == "set":
        return []  # a set field (goals) is never asked: absent is an answer of its own (none chosen)
    if spec["kind"] == "tristate":
        return [True, False]
    return [v for v in spec["values"] if v not in ("unknown", "none")]


def missing_information(compiled: Compiled, incident: dict, provided: set, firing: Firing,
                        evaluate, statuses_now: dict, texts: Texts) -> list:
    """For each question whose field is unknown: the routes whose outcome its answer would change.

    ``evaluate`` is the reference evaluator (cheap, and equal to the engine by the differential test).
    """
    from .incident import engine_fact

    out = []
    asked = {r.effect[1] for r in compiled.rules if r.effect[0] == "ask" and r.name in firing.fired}
    for field, item in compiled.book.questions.items():
        if field not in asked or field in provided:
            continue
        affects = set()
        for value in question_candidates(compiled, field):
            answered = with_value(incident, field, value)
            if answered is None:  # an answer that would contradict the incident
                continue
            alt = route_outcomes(compiled, evaluate(compiled, engine_fact(answered)))
            for rid in set(alt) | set(statuses_now):
                if alt.get(rid) != statuses_now.get(rid):
                    affects.add(rid)
        if affects:
            order = compiled.book.meta["route_order"]
            out.append({"field": field, "question": texts.t(item.data["question"]),
                        "affects": sorted(affects, key=order.index)})
    return out
