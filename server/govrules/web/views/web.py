"""What the web views share: the page site (labels) and the build id for ETags."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app, request

from govrules.knowledge.dumps import build_id
from govrules.store.versions import current
from govrules.web.pages import Site
from govrules.web.service import get_store, settings

MAX_AGE = 300


def dumps_dir() -> Path:
    """Return the directory of the dumps: beside the store served, else under build_dir."""
    config = settings()
    if config["store"] != "memory":
        return Path(config["store"]).parent / "dumps"
    return Path(config["build_dir"]) / "dumps"


def site() -> Site:
    """Return the labels of the served store, read once per process."""
    cache = current_app.extensions.setdefault("govrules.web", {})
    if "site" not in cache:
        cache["site"] = Site(get_store(), settings()["base_iri"])
    return cache["site"]


def current_build_id() -> str:
    """Return the build id of the served store, computed once per process."""
    cache = current_app.extensions.setdefault("govrules.web", {})
    if "build_id" not in cache:
        cache["build_id"] = build_id(get_store(), dumps_dir().parent)
    return cache["build_id"]


def store_version() -> str:
    """Return what changes with every write: the published version on disk, a write count else.

    Every process of the server follows the same symlink, so they agree on disk.
    """
    config = settings()
    if config["backend"] == "oxigraph" and config["store"] != "memory":
        target = current(Path(config["store"]))
        return target.name if target is not None else "0"
    writer = current_app.extensions.get("govrules.writer")
    return f"w{getattr(writer, 'generation', 0)}"


def cached(response, variant: str):
    """Add the ETag (build, store version, *variant*) and cache headers; 304 when unchanged."""
    if request.query_string:
        variant += "-" + hashlib.sha256(request.query_string).hexdigest()[:12]
    response.set_etag(f"{current_build_id()[:20]}-v{store_version()}-{variant}")
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.vary.add("Accept")
    return response.make_conditional(request)
