"""The one error handler of the service: every error in one JSON envelope, or an HTML page."""

from __future__ import annotations

import logging

from flask import render_template, request
from werkzeug.exceptions import HTTPException

from govrules.errors import GovrulesError

log = logging.getLogger(__name__)


def init_app(app) -> None:
    """Register the one error handler on a Flask app."""

    def render(status: int, payload: dict, headers=None):
        accept = request.accept_mimetypes
        if accept.best_match(["application/json", "text/html"]) == "text/html" and (
            accept["text/html"] > accept["application/json"]
        ):
            return render_template("error.html", error=payload["error"]), status, headers
        return payload, status, headers

    @app.errorhandler(GovrulesError)
    def handle_own(exc: GovrulesError):
        return render(exc.status, exc.to_dict())

    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException):
        error = GovrulesError(exc.description or exc.name, status=exc.code)
        error.code = exc.name.lower().replace(" ", "-")
        headers = None
        if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            headers = {"Allow": ", ".join(exc.valid_methods)}
        return render(exc.code, error.to_dict(), headers)

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        error = GovrulesError("internal server error", status=500)
        return render(500, error.to_dict())
