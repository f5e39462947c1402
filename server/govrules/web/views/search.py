"""The corpus over HTTP: full-text search, the documents page, the changes between two dates."""

from flask import Blueprint, current_app, make_response, render_template, request

from govrules.errors import BadRequest
from govrules.knowledge.search import index_for
from govrules.web import linked
from govrules.web.pages import corpus
from govrules.web.service import get_store, settings
from govrules.web.views.web import cached, site

bp = Blueprint("corpus", __name__)


def search_index():
    """Return the search index of the served store, opened once per process."""
    cache = current_app.extensions.setdefault("govrules.web", {})
    if "search" not in cache:
        cache["search"] = index_for(settings()["store"], get_store())
    return cache["search"]


def _int(name: str, default: int, top: int) -> int:
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdigit():
        raise BadRequest(f"{name} must be a whole number, not {raw!r}")
    return min(int(raw), top)


@bp.route("/search")
def search():
    """Search every article for the words of q: HTML for browsers, JSON otherwise."""
    query = request.args.get("q", "")
    html = linked.wants_html(request.headers.get("Accept"), request.args.get("format"))
    if html and not query.strip():
        return cached(make_response(render_template("search.html", q="", hits=None)), "html")
    limit = _int("limit", 20, 200)
    offset = _int("offset", 0, 1_000_000)
    current = request.args.get("current", "") in ("1", "true", "yes", "on")
    total, hits = search_index().search(query, limit=limit, offset=offset, current_only=current)
    if html:
        page = render_template(
            "search.html",
            q=query,
            hits=hits,
            total=total,
            offset=offset,
            limit=limit,
            current=current,
            href=lambda iri: linked.href(settings()["base_iri"], iri),
        )
        return cached(make_response(page), "html")
    base = settings()["base_iri"]
    data = {
        "query": query,
        "total": total,
        "offset": offset,
        "hits": [h.as_dict() | {"href": linked.href(base, h.iri)} for h in hits],
    }
    return cached(make_response(data), "json")


@bp.route("/documents")
def documents():
    """List the documents of the corpus, filtered by type, jurisdiction, body and year."""
    filters = {k: request.args.get(k, "") for k in ("type", "jurisdiction", "issuer", "year")}
    model = corpus.documents(site(), filters)
    if linked.wants_html(request.headers.get("Accept"), request.args.get("format")):
        return cached(make_response(render_template("documents.html", **model)), "html")
    data = [
        {
            "iri": d.ref.iri,
            "title": d.title,
            "jurisdiction": d.jurisdiction,
            "type": d.type,
            "issuer": d.issuer.iri if d.issuer else None,
            "year": d.year,
            "versions": d.versions,
            "texts": d.texts,
            "latest": d.latest,
        }
        for d in model["documents"]
    ]
    return cached(make_response({"documents": data, "total": model["total"]}), "json")


@bp.route("/changes")
def changes():
    """Show what changed in a document between the versions in force on two dates."""
    values = {k: request.args.get(k, "").strip() for k in ("document", "from", "to")}
    missing = [k for k, v in values.items() if not v]
    if missing:
        raise BadRequest(f"/changes needs document, from and to (missing: {', '.join(missing)})")
    model = corpus.changes(site(), values["document"], values["from"], values["to"])
    return cached(make_response(render_template("changes.html", **model)), "html")
