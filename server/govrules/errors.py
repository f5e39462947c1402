"""The exception hierarchy and the one handler that renders it.

Core modules raise these exceptions; only :func:`init_app` touches Flask, so
importing this module from core code does not pull in the web layer.
"""

from __future__ import annotations


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


class Conflict(GovrulesError):
    status, code = 409, "conflict"


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
