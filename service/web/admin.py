"""POST /v1/admin/reload: reload the rule files, for operators holding the admin token.

The endpoint exists only when ``ROUTEWIJZER_ADMIN_TOKEN`` is set (without it: 404, like any unknown
path); the service refuses to start with a token shorter than 32 characters. The token is sent as
``Authorization: Bearer <token>`` and compared in constant time. Failed attempts are counted
(``routewijzer_admin_auth_failures_total``), logged as warnings (request id only, never the token),
and limited: after ``FAILURES_ALLOWED`` failures within ``FAILURE_WINDOW`` seconds the service
answers every admin request with 429 until the window has passed, so the token cannot be guessed
at speed (``kill -HUP`` on the gunicorn master reloads the rules meanwhile). Under gunicorn the
failures are counted once for all worker processes, in a file of the state directory the master
shares with them (``ROUTEWIJZER_STATE_DIR``); one replica counts its own.
"""

from __future__ import annotations

import fcntl
import logging
import math
import os
import threading
import time
from collections import deque
from contextlib import contextmanager
from pathlib import Path

from flask import Blueprint, current_app, g, jsonify, request

from routewijzer.schemas.messages import DETAILS

from ..ops.observability import METRICS
from .metrics import bearer_matches
from .problems import problem, request_language

MIN_TOKEN_LENGTH = 32
FAILURES_ALLOWED = 10
FAILURE_WINDOW = 60.0  # seconds

bp = Blueprint("admin", __name__)
log = logging.getLogger("routewijzer.admin")


def token_problem(token: str | None) -> str | None:
    """Why ``token`` cannot guard the admin endpoint, or None (also None when there is no token)."""
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        return (f"ROUTEWIJZER_ADMIN_TOKEN has {len(token)} characters; use at least {MIN_TOKEN_LENGTH} "
                "random ones (e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(32))'), or unset it")
    return None


FAILURES_FILE = "admin-failures"


class FailureLimit:
    """Failed attempts in a sliding window; blocked while the window holds too many.

    With ``path``, the times of the failures live in that file (locked while read and written), so
    every process given the same path shares one limit; the clock must then be the same for all of
    them (``time.monotonic`` is, on one host)."""

    def __init__(self, allowed: int = FAILURES_ALLOWED, window: float = FAILURE_WINDOW, clock=time.monotonic,
                 path: str | os.PathLike | None = None):
        self.allowed, self.window, self.clock = allowed, window, clock
        self.path = Path(path) if path else None
        self._failures: deque[float] = deque()
        self._lock = threading.Lock()

    @contextmanager
    def _window(self, now: float):
        """The failures of the last ``window`` seconds, to read and extend; written back afterwards."""
        with self._lock:
            if self.path is None:
                self._expire(self._failures, now)
                yield self._failures
                return
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                with os.fdopen(os.dup(fd), "r+", encoding="ascii") as f:
                    failures: deque[float] = deque()
                    for line in f.read().split():
                        try:
                            failures.append(float(line))
                        except ValueError:
                            continue  # a torn or foreign line counts for nothing
                    self._expire(failures, now)
                    before = list(failures)
                    yield failures
                    if list(failures) != before:
                        f.seek(0)
                        f.truncate()
                        f.write("".join(f"{t!r}\n" for t in failures))
            finally:
                os.close(fd)  # releases the lock

    def _expire(self, failures: deque[float], now: float) -> None:
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        while len(failures) > self.allowed:  # only the newest ``allowed`` decide when the window opens
            failures.popleft()

    def retry_after(self) -> int:
        """Seconds until attempts are accepted again; 0 when they are accepted now."""
        now = self.clock()
        with self._window(now) as failures:
            if len(failures) < self.allowed:
                return 0
            return max(1, math.ceil(failures[0] + self.window - now))

    def fail(self) -> int:
        """Count a failure; how many there were in the window, this one included (at most ``allowed``)."""
        now = self.clock()
        with self._window(now) as failures:
            failures.append(now)
            self._expire(failures, now)
            return len(failures)


def install(app) -> None:
    state_dir = app.config.get("STATE_DIR")
    app.extensions["routewijzer.admin_failures"] = FailureLimit(
        path=Path(state_dir) / FAILURES_FILE if state_dir else None)
    app.register_blueprint(bp)


@bp.post("/v1/admin/reload")
def reload_rules():
    """Validate the rule files in a subprocess and switch every worker to them."""
    limit: FailureLimit = current_app.extensions["routewijzer.admin_failures"]
    wait = limit.retry_after()
    if wait:
        return problem(429, DETAILS["admin_locked"][request_language()].format(wait=wait),
                       headers={"Retry-After": str(wait)})
    token = current_app.config.get("ADMIN_TOKEN") or ""
    if not token or not bearer_matches(request.headers.get("Authorization", ""), token):
        failures = limit.fail()
        METRICS.admin_failures.inc()
        log.warning("admin token refused (%d in the last %g s)", failures, limit.window,
                    extra={"event": "admin_auth_failed", "request_id": g.get("request_id")})
        return problem(401, DETAILS["token_needed"][request_language()],
                       headers={"WWW-Authenticate": 'Bearer realm="routewijzer-admin"'})
    service = current_app.extensions["routewijzer"]
    outcome = service.reload()
    if not outcome.ok:
        return problem(422, "The rule files are broken; the old rulebook keeps serving.",
                       {"rules": list(outcome.problems)}, kind="invalid-rulebook", title="Invalid rulebook")
    return jsonify({"status": "reloaded" if outcome.changed else "unchanged",
                    "rulebook": service.decider.rulebook_ref})
