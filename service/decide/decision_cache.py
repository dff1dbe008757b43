"""A bounded LRU cache of decisions, owned by one Decider.

The input space is small and categorical (content types, a handful of enums, an age, two dates), so
the same incident comes back often: a form re-submitted, a chat bot asking again, a campaign of
reports about one group. A decision depends only on the normalised incident (which includes
``as_of``), the language, the set of fields the caller actually answered and the rulebook, so that is
the key. The cache lives inside the Decider: a reload builds a new Decider, and the old answers go
with the old one. The rulebook digest is in the key as well, so that a cache can never serve an
answer of another rulebook even if it were shared by mistake.

Answers are stored encoded as the JSON of the response (compact, as Flask writes it): the API sends
them as they are, with the ``decision_id`` of the request put in front, so a hit costs neither a copy
nor an encoding. ``get`` decodes a fresh copy for callers that add to the answer (``?explain=true``).
No incident leaves the process and nothing is logged.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict

DEFAULT_SIZE = 2048
ENV_SIZE = "ROUTEWIJZER_DECISION_CACHE"  # entries per worker process; 0 turns the cache off


def configured_size() -> int:
    raw = os.environ.get(ENV_SIZE, "")
    try:
        return max(0, int(raw)) if raw.strip() else DEFAULT_SIZE
    except ValueError:
        return DEFAULT_SIZE


def _freeze(value):
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def decision_key(digest: str, incident: dict, lang: str, provided) -> tuple:
    """The identity of a decision: rulebook, normalised incident (with as_of), language, answered fields."""
    return (digest, _freeze(incident), lang, tuple(sorted(provided)))


def encode(answer: dict) -> tuple[bytes, tuple, dict]:
    """(the answer as compact JSON, the ids of its routes, its rulebook reference)."""
    encoded = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return encoded, tuple(r["id"] for r in answer["routes"]), dict(answer["rulebook"])


class DecisionCache:
    def __init__(self, size: int):
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_encoded(self, key):
        """The cached (JSON bytes, route ids, rulebook reference), or None."""
        if not self.size:
            return None
        with self._lock:
            entry = self._data.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
        return entry

    def get(self, key):
        """A fresh copy of the cached answer, or None."""
        entry = self.get_encoded(key)
        return None if entry is None else json.loads(entry[0])

    def put(self, key, answer: dict) -> tuple:
        """Cache the answer; returns its encoded entry (also when the cache is off)."""
        entry = encode(answer)
        if self.size:
            with self._lock:
                self._data[key] = entry
                self._data.move_to_end(key)
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
