"""A bounded LRU cache of decisions, owned by one Decider.

The input space is small and categorical (content types, a handful of enums, an age, two dates), so
the same incident comes back often: a form re-submitted, a chat bot asking again, a campaign of
reports about one group. A decision depends only on the normalised incident (which includes
``as_of``), the language, the set of fields the caller actually answered and the rulebook, so that is
the key. The cache lives inside the Decider: a reload builds a new Decider, and the old answers go
with the old one. The rulebook digest is in the key as well, so that a cache can never serve an
answer of another rulebook even if it were shared by mistake.

Answers are stored pickled and unpickled on every hit: each caller gets its own copy to add its
``decision_id`` to (or to change) without touching what the next caller gets. No incident leaves the
process and nothing is logged.
"""

from __future__ import annotations

import os
import pickle
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


class DecisionCache:
    def __init__(self, size: int):
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key):
        """A fresh copy of the cached answer, or None."""
        if not self.size:
            return None
        with self._lock:
            blob = self._data.get(key)
            if blob is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
        return pickle.loads(blob)

    def put(self, key, answer: dict) -> None:
        if not self.size:
            return
        blob = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            self._data[key] = blob
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
