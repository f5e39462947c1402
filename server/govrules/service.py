"""The store as the web layer sees it: opened once per process, shared by requests."""

from __future__ import annotations

from flask import Flask, current_app, request

from .store import Store, open_store


def init_app(app: Flask, *, store: Store | None = None) -> None:
    """Open the configured store (or adopt *store*) and add the response headers."""
    settings = app.config["GOVRULES"]
    if store is None:
        store = open_store(settings["store"], backend=settings["backend"], read_only=True)
    app.extensions["govrules.store"] = store

    @app.after_request
    def cors(response):
        if settings["cors"] and request.method in ("GET", "HEAD", "POST", "OPTIONS"):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = "Content-Type, Vary"
        return response


def get_store() -> Store:
    """Return the store of the current app."""
    return current_app.extensions["govrules.store"]


def settings() -> dict:
    """Return the effective settings of the current app."""
    return current_app.config["GOVRULES"]
