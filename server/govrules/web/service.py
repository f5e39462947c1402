"""The store as the web layer sees it: opened once per process, shared by requests."""

from __future__ import annotations

from flask import Flask, current_app, request

from govrules.errors import GovrulesError
from govrules.query.cache import ResultCache
from govrules.query.execution import Settings
from govrules.query.guard import Limits
from govrules.query.runner import Runner
from govrules.store import Store, open_store

LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def execution_settings(settings: dict) -> Settings:
    """Return the query limits from the app settings; loopback hosts are never allowed."""
    hosts = tuple(
        h.strip().lower()
        for h in settings["allowed_service_hosts"].split(",")
        if h.strip() and h.strip().lower() not in LOOPBACK
    )
    return Settings(
        result_limit=settings["result_limit"],
        max_result_bytes=settings["max_result_bytes"],
        guard=Limits(settings["max_query_depth"], settings["max_describe"], hosts),
        base_iri=settings["base_iri"],
    )


def init_app(app: Flask, *, store: Store | None = None) -> None:
    """Open the configured store (or adopt *store*), start the query runner, add headers."""
    from govrules.web import metrics

    settings = app.config["GOVRULES"]
    limits = execution_settings(settings)
    on_disk = store is None and settings["backend"] == "oxigraph" and settings["store"] != "memory"
    if on_disk:
        from govrules.store.versions import tidy

        tidy(settings["store"])  # what a killed write left behind
    if store is None:
        store = open_store(
            settings["store"], backend=settings["backend"], read_only=True, settings=settings
        )
    app.extensions["govrules.store"] = store
    pool = None
    if on_disk and settings["query_workers"] > 0:
        from govrules.query.workers import WorkerPool

        pool = WorkerPool(
            settings["store"],
            size=settings["query_workers"],
            timeout=settings["query_timeout"],
            wait=settings["query_wait"],
            settings=limits,
            on_event=metrics.record,
        )
    cache = ResultCache(settings["result_cache_bytes"]) if settings["result_cache_bytes"] else None
    runner = Runner(store, settings=limits, pool=pool, cache=cache, on_event=metrics.record)
    app.extensions["govrules.runner"] = runner

    @app.before_request
    def limit_url():
        if len(request.full_path.encode()) > settings["max_url_bytes"]:
            raise GovrulesError(
                f"the request URL is longer than {settings['max_url_bytes']} bytes; "
                "send the query in a POST body",
                status=414,
            )

    @app.after_request
    def cors(response):
        if settings["cors"] and request.method in ("GET", "HEAD", "POST", "OPTIONS"):
            response.headers["Access-Control-Allow-Origin"] = "*"
            if request.method == "OPTIONS":  # the preflight of a direct POST
                response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
                response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
                response.headers["Access-Control-Max-Age"] = "86400"
            response.headers["Access-Control-Expose-Headers"] = (
                "Content-Type, Vary, ETag, Govrules-Result-Truncated"
            )
        return response


def get_store() -> Store:
    """Return the store of the current app."""
    return current_app.extensions["govrules.store"]


def get_runner() -> Runner:
    """Return what runs protocol queries for the current app."""
    return current_app.extensions["govrules.runner"]


def settings() -> dict:
    """Return the effective settings of the current app."""
    return current_app.config["GOVRULES"]
