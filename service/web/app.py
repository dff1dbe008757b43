"""The Flask application factory. Nothing is built at import time."""

from __future__ import annotations

import logging
import os

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from ..decide.engine import EngineError
from ..ops import observability
from ..ops.reload import timeout_from_env
from ..ops.serving import Service
from .problems import problem

log = logging.getLogger("routewijzer")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask("routewijzer")
    app.config.update(
        MAX_CONTENT_LENGTH=16 * 1024,
        RULES_DIR=os.environ.get("ROUTEWIJZER_RULES"),
        FEATURES_DIR=os.environ.get("ROUTEWIJZER_FEATURES"),  # the scenarios /rulebook shows (default: features/)
        # Shared by the worker processes of one server (gunicorn_conf.py sets it); private otherwise.
        STATE_DIR=os.environ.get("ROUTEWIJZER_STATE_DIR"),
        # Without a token the admin endpoint does not exist.
        ADMIN_TOKEN=os.environ.get("ROUTEWIJZER_ADMIN_TOKEN") or None,
        # /metrics behind a bearer token, or on a port of its own (served by the gunicorn master).
        METRICS_TOKEN=os.environ.get("ROUTEWIJZER_METRICS_TOKEN") or None,
        METRICS_PORT=os.environ.get("ROUTEWIJZER_METRICS_PORT") or None,
        RELOAD_TIMEOUT=timeout_from_env(),
        JSON_SORT_KEYS=False,
        BENCH_ENDPOINTS=os.environ.get("ROUTEWIJZER_BENCH_ENDPOINTS") == "1",  # bench/ only, never in production
    )
    if test_config:
        app.config.update(test_config)
    from .admin import token_problem

    if reason := token_problem(app.config["ADMIN_TOKEN"]):
        raise ValueError(reason)
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    # A broken rule file stops the boot here with path:line messages (RulebookError).
    app.extensions["routewijzer"] = Service(app.config["RULES_DIR"], app.config["STATE_DIR"],
                                            app.config["RELOAD_TIMEOUT"])

    from .api import bp

    app.register_blueprint(bp)
    if app.config["BENCH_ENDPOINTS"]:
        from .bench_endpoint import bp as bench_bp

        app.register_blueprint(bench_bp)
    from . import pages

    app.register_blueprint(pages.bp)  # the playground (/) and the rulebook (/rulebook)
    from . import metrics

    app.register_blueprint(metrics.bp)
    observability.install(app)
    if app.config["ADMIN_TOKEN"]:
        from . import admin

        admin.install(app)

    @app.errorhandler(EngineError)
    def _engine_failed(exc: EngineError):
        # The engine has been rebuilt (Service.decide); the next request is served.
        return problem(503, "The rules engine failed on this request and has been restarted; retry.",
                       headers={"Retry-After": "1"})

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
        log.error("unhandled %s on %s", type(exc).__name__, request.url_rule.rule if request.url_rule else "-")
        return problem(500, "The service could not answer this request.")

    return app
