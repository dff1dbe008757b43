"""What a rule change does: the same incidents through two rulebooks, every difference in the answers.

``routewijzer rules diff OLD NEW`` (two rules directories or git revisions) decides a *corpus* with both
rulebooks and reports how the answers differ, grouped by what changed, each group with the number of
incidents it concerns and one example incident. The corpus is

* every scenario's incident (``features/`` beside either rulebook, built by the Given steps of
  :mod:`routewijzer.rules.scenario`), and
* a generated set that covers every value of every enum and boolean of the request, and both sides of
  every age and date threshold either rulebook tests (the day before and the day of every ``valid_from``
  and ``valid_until``, each age a rule compares with, one below and one above): each value on the
  incident with every content type and on two incidents with one content type (in turn), and every
  content type alone.

The answers are compared generically, so that a new part of the answer (the plan, say) is covered the
day it appears: lists of objects are matched by their ``id`` (or ``field``), and a changed order is a
change of its own. Only the rulebook reference (version and digest) is left out: it always differs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import OrderedDict
from dataclasses import dataclass, field

from marshmallow import ValidationError, fields, validate

from routewijzer.schemas.request import IncidentSchema

from ..decide.decider import Decider
from ..rules.compiler import Compiled
from ..rules.scenario import UnknownStep, scenario_incidents

CLOCK_ATTRS = {"incident_day": "incident_date", "as_of_day": "as_of"}
MAX_INT_FOR_THRESHOLDS = 10**9
SPREAD = 2  # one-content-type incidents each value is tried on (besides the one with every content type)


@dataclass
class Corpus:
    incidents: list  # (source label, request body)
    scenarios: int = 0
    generated: int = 0
    skipped: list = field(default_factory=list)  # scenarios whose Given words are unknown here


# ---------------------------------------------------------------------------------------------------
# The corpus


def _day(n: int) -> dt.date:
    return dt.date(n // 10000, n // 100 % 100, n % 100)


def _choices(f) -> tuple | None:
    for v in ([f.validate] if callable(f.validate) else []) + list(f.validators):
        if isinstance(v, validate.OneOf):
            return tuple(v.choices)
    return None


def _int_range(f) -> tuple[int, int]:
    for v in f.validators:
        if isinstance(v, validate.Range):
            return (v.min if v.min is not None else 0, v.max if v.max is not None else MAX_INT_FOR_THRESHOLDS)
    return 0, MAX_INT_FOR_THRESHOLDS


def dimensions(books: list[Compiled]) -> tuple[tuple, dict]:
    """(content types, {field: values to try}) from the request schema and the rulebooks' thresholds."""
    schema = IncidentSchema()
    set_values: tuple = ()
    dims: dict[str, list] = OrderedDict()
    for name, f in schema.fields.items():
        if isinstance(f, fields.List):
            choices = _choices(f.inner)
            if name == "content_types":
                set_values = choices or ()
            elif choices:  # another set of values (e.g. goals): each alone, and all together
                dims[name] = [[c] for c in choices] + [list(choices)]
        elif isinstance(f, fields.Boolean):
            dims[name] = [True, False]
        elif isinstance(f, fields.Integer):
            low, high = _int_range(f)
            values = set()
            for book in books:
                for t in book.thresholds(name):
                    values.update(v for v in (t - 1, t, t + 1) if low <= v <= high)
            if values:
                dims[name] = sorted(values)
        elif isinstance(f, fields.Date):
            days = set()
            for book in books:
                for attr, clock in CLOCK_ATTRS.items():
                    if clock == name:
                        days.update(book.thresholds(attr))
            values = set()
            for n in days:
                d = _day(n)
                values.update(((d - dt.timedelta(days=1)).isoformat(), d.isoformat()))
            if values:
                dims[name] = sorted(values)
        elif isinstance(f, fields.String):
            choices = _choices(f)
            if choices:
                dims[name] = list(choices)
    return set_values, dims


def generated_incidents(books: list[Compiled], as_of: dt.date, spread: int = SPREAD) -> list[dict]:
    """Every value of every dimension, on the incident with all content types (where every route is
    considered) and on ``spread`` incidents with one content type each (taken in turn, so that each
    content type meets many values); every content type alone, too."""
    content_types, dims = dimensions(books)
    schema = IncidentSchema()
    out, seen = [], set()

    def add(v: dict) -> None:
        key = json.dumps(v, sort_keys=True)
        if key in seen:
            return
        seen.add(key)
        try:
            schema.load(v)
        except ValidationError:
            return  # a combination the API refuses (e.g. hate_ground without a hate content type)
        out.append(v)

    def base(types) -> dict:
        return {"content_types": list(types), "as_of": as_of.isoformat()}

    everything = base(content_types)
    add(everything)
    for ct in content_types:
        add(base([ct]))
    turn = 0
    for name, values in dims.items():
        for value in values:
            singles = [content_types[(turn + k) % len(content_types)] for k in range(spread)] if content_types else []
            turn += spread
            for b in [everything] + [base([ct]) for ct in singles]:
                v = dict(b, **{name: value})
                if name == "incident_date" and value > b["as_of"]:
                    v["as_of"] = value
                add(v)
    return out


def corpus(books: list[Compiled], feature_dirs: list, as_of: dt.date) -> Corpus:
    c = Corpus([])
    seen = set()
    for directory in feature_dirs:
        if directory is None:
            continue
        for label, body in scenario_incidents(directory, directory.parent):
            if isinstance(body, UnknownStep):
                c.skipped.append(f"{label}: {body}")
                continue
            key = json.dumps(body, sort_keys=True)
            if key not in seen:
                seen.add(key)
                c.incidents.append((label, body))
                c.scenarios += 1
    for body in generated_incidents(books, as_of):
        key = json.dumps(body, sort_keys=True)
        if key not in seen:
            seen.add(key)
            c.incidents.append(("generated", body))
            c.generated += 1
    return c


# ---------------------------------------------------------------------------------------------------
# Comparing two answers


def _key(item) -> str | None:
    if isinstance(item, dict):
        for k in ("id", "field"):
            if isinstance(item.get(k), str):
                return item[k]
    return None


def _short(value) -> str:
    if isinstance(value, dict):
        bits = [f"{k}: {value[k]}" for k in ("status", "id") if k in value and isinstance(value[k], str)]
        return "{" + ", ".join(bits) + "}" if bits else json.dumps(value, ensure_ascii=False)[:120]
    return json.dumps(value, ensure_ascii=False)


def compare(old, new, path: tuple = ()) -> list[tuple]:
    """Every difference between two answers: (path, what, old, new); what is changed/added/removed/order."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for k in list(old) + [k for k in new if k not in old]:
            if k not in new:
                out.append((path + (k,), "removed", _short(old[k]), None))
            elif k not in old:
                out.append((path + (k,), "added", None, _short(new[k])))
            else:
                out.extend(compare(old[k], new[k], path + (k,)))
        return out
    if isinstance(old, list) and isinstance(new, list):
        if all(not isinstance(x, (dict, list)) for x in old + new):
            return _compare_scalars(old, new, path)
        keyed_old, keyed_new = [_key(x) for x in old], [_key(x) for x in new]
        if (None in keyed_old + keyed_new or len(set(keyed_old)) != len(keyed_old)
                or len(set(keyed_new)) != len(keyed_new)):
            return [] if old == new else [(path, "changed", _short(old), _short(new))]
        out = []
        by_old, by_new = dict(zip(keyed_old, old, strict=True)), dict(zip(keyed_new, new, strict=True))
        for k in keyed_old:
            if k not in by_new:
                out.append((path + (k,), "removed", _short(by_old[k]), None))
            else:
                out.extend(compare(by_old[k], by_new[k], path + (k,)))
        for k in keyed_new:
            if k not in by_old:
                out.append((path + (k,), "added", None, _short(by_new[k])))
        common_old = [k for k in keyed_old if k in by_new]
        common_new = [k for k in keyed_new if k in by_old]
        if common_old != common_new:
            out.append((path, "order", ", ".join(common_old), ", ".join(common_new)))
        return out
    if old != new:
        return [(path, "changed", _short(old), _short(new))]
    return []


def _compare_scalars(old: list, new: list, path: tuple) -> list[tuple]:
    out = []
    for v in old:
        if v not in new:
            out.append((path, "removed", _short(v), None))
    for v in new:
        if v not in old:
            out.append((path, "added", None, _short(v)))
    common_old = [v for v in old if v in new]
    common_new = [v for v in new if v in old]
    if common_old != common_new:
        out.append((path, "order", _short(common_old), _short(common_new)))
    return out


# ---------------------------------------------------------------------------------------------------
# The report


@dataclass
class Group:
    path: tuple
    what: str
    old: str | None
    new: str | None
    count: int = 0
    example: tuple | None = None  # (source label, request body)


@dataclass
class Impact:
    old: dict
    new: dict
    corpus: Corpus
    groups: list[Group]
    changed_incidents: int
    lang: str

    @property
    def changed(self) -> bool:
        return bool(self.groups)

    def as_json(self) -> dict:
        return {
            "old": self.old, "new": self.new, "lang": self.lang,
            "corpus": {"incidents": len(self.corpus.incidents), "scenarios": self.corpus.scenarios,
                       "generated": self.corpus.generated, "skipped_scenarios": self.corpus.skipped},
            "changed_incidents": self.changed_incidents,
            "changes": [{"section": g.path[0], "path": list(g.path), "change": g.what, "old": g.old, "new": g.new,
                         "count": g.count, "example": {"source": g.example[0], "incident": g.example[1]}}
                        for g in self.groups],
        }

    def markdown(self) -> str:
        def ref(side):
            return f"{side['label']} (version {side['version']}, {side['digest'][:19]})"

        c = self.corpus
        out = [f"# Rulebook diff: {ref(self.old)} → {ref(self.new)}", "",
               f"Corpus: {len(c.incidents)} incidents ({c.scenarios} from scenarios, {c.generated} generated), "
               f"answers in {self.lang}. "
               + (f"{self.changed_incidents} incidents answered differently, {len(self.groups)} kinds of change."
                  if self.groups else "No answer changes."), ""]
        section = None
        for g in self.groups:
            if g.path[0] != section:
                out += ([""] if section is not None else []) + [f"## {g.path[0]}", ""]
                section = g.path[0]
            where = " › ".join(str(p) for p in g.path)
            if g.what == "added":
                change = f"added {g.new}"
            elif g.what == "removed":
                change = f"removed {g.old}"
            elif g.what == "order":
                change = f"order {g.old} → {g.new}"
            else:
                change = f"{g.old} → {g.new}"
            label, body = g.example
            out.append(f"- **{where}**: {change}: {g.count} incident{'s' if g.count != 1 else ''}; e.g. "
                       f"`{json.dumps(body, ensure_ascii=False)}` ({label})")
        if c.skipped:
            out += ["", "## Scenarios left out (their Given steps are unknown to this version)", ""]
            out += [f"- {s}" for s in c.skipped]
        return "\n".join(out) + "\n"


def impact(old: Compiled, new: Compiled, feature_dirs: list, lang: str = "nl", as_of: dt.date | None = None,
           labels: tuple = ("old", "new")) -> Impact:
    """Decide the corpus with both rulebooks and group the differences of the answers."""
    from routewijzer.schemas.request import today

    as_of = as_of or today()
    cases = corpus([old, new], feature_dirs, as_of)
    schema = IncidentSchema()
    groups: dict[tuple, Group] = OrderedDict()
    changed_incidents = 0
    deciders = [Decider(old, cache_size=0), Decider(new, cache_size=0)]
    try:
        for label, body in cases.incidents:
            try:
                incident = schema.load(body)
            except ValidationError:
                continue  # a scenario about a rejected request: no rulebook is asked
            provided = frozenset(k for k, v in body.items() if v != "unknown")
            a, b = (d.decide_uncached(incident, lang, provided) for d in deciders)
            a.pop("rulebook", None)
            b.pop("rulebook", None)
            changes = compare(a, b) if a != b else []
            if changes:
                changed_incidents += 1
            for change in changes:
                g = groups.get(change)
                if g is None:
                    g = groups[change] = Group(*change, example=(label, body))
                g.count += 1
    finally:
        for d in deciders:
            d.close()
    order = {"routes": 0, "plan": 1, "not_applicable": 2, "competent_authorities": 3, "obstacles": 4, "notes": 5,
             "needs_expert_assessment": 6, "missing_information": 7, "facts": 8}
    ordered = sorted(groups.values(), key=lambda g: (order.get(g.path[0], 9), str(g.path[0]), -g.count))
    return Impact(_side(old, labels[0]), _side(new, labels[1]), cases, ordered, changed_incidents, lang)


def _side(compiled: Compiled, label: str) -> dict:
    return {"label": label, "version": compiled.version, "digest": compiled.digest}
