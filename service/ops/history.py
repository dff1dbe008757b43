"""The rulebooks a service has served, so that a past decision can be replayed by its rulebook digest.

Every answer names its rulebook (version and digest). The store (``reload.py``) records each rulebook
that comes into service here, newest first, with the snapshot of its rule files and the moment it came
into service; the last ``ROUTEWIJZER_KEEP_RULEBOOKS`` (default 10) are kept, and their snapshots are not
pruned. The file lives in the state directory the worker processes share, so every worker can answer
``POST /v1/decisions?rulebook=<digest>`` with any rulebook kept, also after hot reloads.

A rulebook that comes back (a rollback to the same files) is one entry, moved to the front with its new
time; ``GET /v1/rulebooks`` lists the entries.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

HISTORY_FILE = "rulebooks.json"
DEFAULT_KEEP = 10


def configured_keep() -> int:
    """How many rulebooks to keep (ROUTEWIJZER_KEEP_RULEBOOKS, at least 1: the one in service)."""
    try:
        return max(1, int(os.environ.get("ROUTEWIJZER_KEEP_RULEBOOKS", DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


@dataclass(frozen=True)
class Served:
    version: str
    digest: str
    in_service_since: str  # ISO 8601, UTC
    rules_dir: str  # its snapshot below the state directory

    def public(self) -> dict:
        return {"version": self.version, "digest": self.digest, "in_service_since": self.in_service_since}


class History:
    def __init__(self, state_dir: Path, keep: int | None = None):
        self.file = Path(state_dir) / HISTORY_FILE
        self.keep = keep or configured_keep()

    def entries(self) -> list[Served]:
        """Newest first."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        return [Served(**e) for e in data]

    def find(self, digest: str) -> Served | None:
        return next((e for e in self.entries() if e.digest == digest), None)

    def record(self, version: str, digest: str, rules_dir: str) -> list[Served]:
        """A rulebook came into service now (the caller holds the store's lock); returns the entries kept."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        entries = [Served(version, digest, now, str(rules_dir))]
        entries += [e for e in self.entries() if e.digest != digest]
        entries = entries[: self.keep]
        tmp = self.file.with_name(f".{HISTORY_FILE}.{uuid.uuid4().hex}")
        tmp.write_text(json.dumps([asdict(e) for e in entries]), encoding="utf-8")
        os.replace(tmp, self.file)
        return entries
