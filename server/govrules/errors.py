"""The exception hierarchy and the one handler that renders it.

Core modules raise these exceptions; only :func:`init_app` touches Flask, so
importing this module from core code does not pull in the web layer.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class GovrulesError(Exception):
    """Base of every error the project raises on purpose: a message and an HTTP status."""

    status = 500
    code = "error"

    def __init__(self, message: str, *, status: int | None = None, **details):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.details = details

    def to_dict(self) -> dict:
        """Return the JSON error envelope."""
        return {
            "error": {"status": self.status, "code": self.code, "message": self.message}
            | ({"details": self.details} if self.details else {})
        }


class BadRequest(GovrulesError):
    status, code = 400, "bad-request"


class QuerySyntaxError(BadRequest):
    code = "query-syntax"


class NotFound(GovrulesError):
    status, code = 404, "not-found"


class Forbidden(GovrulesError):
    status, code = 403, "forbidden"


class MethodNotAllowed(GovrulesError):
    status, code = 405, "method-not-allowed"


class NotAcceptable(GovrulesError):
    status, code = 406, "not-acceptable"


class PayloadTooLarge(GovrulesError):
    status, code = 413, "payload-too-large"


class UnsupportedMediaType(GovrulesError):
    status, code = 415, "unsupported-media-type"


class QueryTimeout(GovrulesError):
    status, code = 503, "query-timeout"


class StoreUnavailable(GovrulesError):
    status, code = 503, "store-unavailable"


class BuildError(GovrulesError):
    """The build cannot produce a correct graph (a parse error, a failed self-check)."""

    code = "build"


class LoadError(BadRequest):
    """An RDF input cannot be read; names the file and line when known."""

    code = "load"


def init_app(app) -> None:
    """Register the one error handler on a Flask app."""
    from flask import request
    from werkzeug.exceptions import HTTPException

    def render(status: int, payload: dict, headers=None):
        accept = request.accept_mimetypes
        if accept.best_match(["application/json", "text/html"]) == "text/html" and (
            accept["text/html"] > accept["application/json"]
        ):
            from flask import render_template

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
