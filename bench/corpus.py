"""A fixed corpus of varied incidents (seeded), as request bodies: the same for every bench run.

Varied on purpose: every content type, platform, perpetrator, platform response and hate ground
occurs; ages and dates spread over the thresholds and the dated versions in the rulebook; about
half of the optional fields are left out, so missing_information has work to do.
"""

from __future__ import annotations

import datetime as dt
import random

from routewijzer.rules.vocabulary import (
    CONTENT_TYPES,
    ESTABLISHMENTS,
    HATE_CONTENT_TYPES,
    HATE_GROUNDS,
    PERPETRATORS,
    PLATFORM_RESPONSES,
    PLATFORMS,
)

START, END = dt.date(2019, 6, 1), dt.date(2027, 12, 31)


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def incident(rng: random.Random) -> dict:
    cts = rng.sample(CONTENT_TYPES, rng.randint(1, 4))
    body: dict = {"content_types": cts}
    as_of = _day(rng, START, END)
    body["as_of"] = as_of.isoformat()
    if rng.random() < 0.5:
        body["incident_date"] = _day(rng, dt.date(2019, 1, 1), as_of).isoformat()
    if rng.random() < 0.6:
        va = rng.randint(8, 70)
        body["victim_age"] = va
        if rng.random() < 0.3:
            body["age_when_made"] = rng.randint(max(0, va - 10), va)
    for name, values in (("platform", PLATFORMS), ("platform_established", ESTABLISHMENTS),
                         ("perpetrator", PERPETRATORS), ("platform_response", PLATFORM_RESPONSES)):
        if rng.random() < 0.5:
            body[name] = rng.choice(values)
    if set(cts) & set(HATE_CONTENT_TYPES) and rng.random() < 0.5:
        body["hate_ground"] = rng.choice(HATE_GROUNDS)
    for name in ("group_closed", "victim_in_crisis"):
        if rng.random() < 0.5:
            body[name] = rng.random() < 0.5
    return body


def corpus(n: int = 1000, seed: int = 20261130) -> list[dict]:
    """n request bodies, all distinct (so that a pass over them is all cache misses)."""
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        body = incident(rng)
        key = repr(sorted(body.items()))
        if key not in seen:
            seen.add(key)
            out.append(body)
    return out
