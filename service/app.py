"""The Flask application factory. Nothing is built at import time."""

from __future__ import annotations

import logging
import os
import time

from flask import Flask, g, request
from werkzeug.exceptions import HTTPException

from .decider import Decider
from .problems import problem

log = logging.getLogger("routewijzer")


class Service:
    """What the app holds between requests: the decider built from the rule files."""

    def __init__(self, rules_dir):
        self.rules_dir = rules_dir
        self.decider = Decider.from_directory(rules_dir)

    def decide(self, incident: dict, lang: str, provided: frozenset) -> dict:
        return self.decider.decide(incident, lang, provided)

    def health(self) -> dict:
        return {"status": "ok", "rulebook": self.decider.rulebook_ref}


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask("routewijzer")
    app.config.update(
        MAX_CONTENT_LENGTH=16 * 1024,
        RULES_DIR=os.environ.get("ROUTEWIJZER_RULES"),
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.update(test_config)
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    # A broken rule file stops the boot here with path:line messages (RulebookError).
    app.extensions["routewijzer"] = Service(app.config["RULES_DIR"])

    from .api import bp

    app.register_blueprint(bp)
    from . import pages

    app.register_blueprint(pages.bp)  # the playground (/) and the rulebook (/rulebook)

    @app.before_request
    def _start():
        g.started = time.perf_counter()

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        headers = {}
        if exc.code == 405 and exc.valid_methods:
            headers["Allow"] = ", ".join(exc.valid_methods)
        if exc.code == 404:
            detail = "There is no resource at this path."
        elif exc.code == 405:
            detail = f"This method is not allowed here; use {headers.get('Allow', 'another method')}."
        elif exc.code == 413:
            detail = "The body is larger than the 16 KiB limit."
        else:
            detail = exc.description or ""
        return problem(exc.code or 500, detail, headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # Log the type only: the request body and the incident never reach a log.
        log.error("unhandled %s on %s", type(exc).__name__, request.path)
        return problem(500, "The service could not answer this request.")

    return app
