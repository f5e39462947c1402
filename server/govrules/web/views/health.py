"""Liveness and store statistics."""

from flask import Blueprint

from govrules.web.service import get_store

bp = Blueprint("health", __name__)


@bp.get("/health")
def health():
    """Report that the service is up, with the graphs it serves and their sizes."""
    store = get_store()
    graphs = store.sizes()
    return {"status": "ok", "quads": sum(graphs.values()), "graphs": graphs}
