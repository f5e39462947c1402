"""What the web views share: the page site (labels) and the build id for ETags."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app, request

from govrules.knowledge.dumps import build_id
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


def cached(response, variant: str):
    """Add the build's ETag (per *variant*) and cache headers; answer 304 when unchanged."""
    if request.query_string:
        variant += "-" + hashlib.sha256(request.query_string).hexdigest()[:12]
    response.set_etag(f"{current_build_id()[:20]}-{variant}")
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.vary.add("Accept")
    return response.make_conditional(request)
