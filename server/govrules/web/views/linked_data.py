"""Linked data: every IRI the service mints, as HTML for people and RDF by Accept."""

from flask import Blueprint, Response, make_response, render_template, request

from govrules.query.questions import load_questions
from govrules.web import linked, pages
from govrules.web.service import get_store, settings
from govrules.web.views.web import cached, site

bp = Blueprint("linked_data", __name__)


@bp.route("/")
def home():
    """Show the home page: the regulation, the organisation, the questions, the tools."""
    context = pages.home_page(site())
    html = render_template("home.html", questions=load_questions(), **context)
    return cached(make_response(html), "html")


@bp.route("/<any(eli, id, concept):root>/<path:rest>")
@bp.route("/<any(ontology, shapes):root>", defaults={"rest": ""})
@bp.route("/<any(ontology, shapes):root>.<any(ttl, jsonld, nt, rdf, html):ext>")
def resource(root: str, rest: str = "", ext: str | None = None):
    """Describe a resource (or serve the ontology or shapes whole), by Accept or format."""
    path, fmt = linked.split_suffix(f"{root}/{rest}" if rest else root)
    fmt = request.args.get("format") or ext or fmt
    base = settings()["base_iri"]
    if linked.wants_html(request.headers.get("Accept"), fmt):
        linked.resolve(get_store(), base, path)
        template, context = pages.page(site(), path)
        return cached(make_response(render_template(template, **context)), "html")
    key, media = linked.negotiate(request.headers.get("Accept"), fmt)
    result = linked.describe(get_store(), base, path)
    return cached(Response(result.serialize(key), content_type=media), key)
