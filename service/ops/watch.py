"""Watching the rules directory, so that replicas sharing it converge on one rulebook without a restart.

One watcher per server: a thread in the gunicorn master (``gunicorn_conf.when_ready``), never one per
worker. Every ``ROUTEWIJZER_WATCH_INTERVAL`` seconds (default 5; 0 turns it off) it computes the digest
of the rule files (``rulebook.digest_of``, the digest the rulebook itself reports). When the digest
differs from the last one seen and a second read a moment later agrees (an editor or a copy may still be
writing), it calls ``on_change``: gunicorn_conf sends SIGHUP to the master, so the reload is exactly the
SIGHUP reload of ``reload.py`` (a snapshot validated in a subprocess with a timeout; a broken change is
refused, the old rulebook keeps serving and ``/v1/health`` says ``degraded``). A refused digest is not
tried again until the files change again.

A Kubernetes ConfigMap volume changes by an atomic swap of its ``..data`` symlink; the digest reads the
files through the symlinks and skips the hidden ``..data`` and ``..2026_...`` entries themselves.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from ..rules.rulebook import digest_of

log = logging.getLogger("routewijzer")

DEFAULT_INTERVAL = 5.0


def interval_from_env(environ=os.environ) -> float:
    """``ROUTEWIJZER_WATCH_INTERVAL`` in seconds (0: off); ValueError with the reason otherwise."""
    raw = environ.get("ROUTEWIJZER_WATCH_INTERVAL", "")
    if not raw.strip():
        return DEFAULT_INTERVAL
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise ValueError(f"ROUTEWIJZER_WATCH_INTERVAL must be a number of seconds from 0 (off) to 3600, not {raw!r}")
    return value


class Watcher:
    def __init__(self, rules_dir: Path | str, interval: float, on_change: Callable[[str], None],
                 digest: str | None = None):
        self.rules_dir = Path(rules_dir)
        self.interval = interval
        self.settle = min(1.0, interval / 2)
        self.on_change = on_change
        self.seen = digest if digest is not None else self.digest()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def digest(self) -> str | None:
        try:
            return digest_of(self.rules_dir)
        except OSError:  # a file removed while it was read: the next look sees the result
            return None

    def check(self) -> bool:
        """One look: call on_change (and return True) when the files changed and have settled."""
        now = self.digest()
        if now is None or now == self.seen:
            return False
        if self._stop.wait(self.settle) or self.digest() != now:
            return False  # still being written (or stopping): look again next time
        self.seen = now
        self.on_change(now)
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:  # noqa: BLE001 - the watcher must outlive any one failure; the next look retries
                log.exception("watching the rules directory failed")

    def start(self) -> Watcher:
        self._thread = threading.Thread(target=self._run, name="routewijzer-rules-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.interval + self.settle + 1)
