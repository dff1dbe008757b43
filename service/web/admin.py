"""POST /v1/admin/reload: reload the rule files, for operators holding the admin token.

The endpoint exists only when ``ROUTEWIJZER_ADMIN_TOKEN`` is set (without it: 404, like any unknown
path). The token is sent as ``Authorization: Bearer <token>`` and compared in constant time.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, jsonify, request

from .problems import problem

bp = Blueprint("admin", __name__)


@bp.post("/v1/admin/reload")
def reload_rules():
    """Validate the rule files in a subprocess and switch every worker to them."""
    token = current_app.config.get("ADMIN_TOKEN") or ""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not token or scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        return problem(401, "Send the admin token as Authorization: Bearer <token>.",
                       headers={"WWW-Authenticate": 'Bearer realm="routewijzer-admin"'})
    service = current_app.extensions["routewijzer"]
    outcome = service.reload()
    if not outcome.ok:
        return problem(422, "The rule files are broken; the old rulebook keeps serving.",
                       {"rules": list(outcome.problems)}, kind="invalid-rulebook", title="Invalid rulebook")
    return jsonify({"status": "reloaded" if outcome.changed else "unchanged",
                    "rulebook": service.decider.rulebook_ref})
