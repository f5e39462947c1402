"""Linked data: every IRI the service mints, as HTML for people and RDF by Accept."""

from flask import Blueprint, Response, make_response, redirect, render_template, request

from govrules.errors import NotFound
from govrules.query import asof
from govrules.query.questions import load_questions, parse_date
from govrules.web import linked, pages
from govrules.web.pages import corpus
from govrules.web.service import get_store, settings
from govrules.web.views.web import cached, site

bp = Blueprint("linked_data", __name__)


@bp.route("/")
def home():
    """Show the home page: the regulation, the organisation, the questions, the tools."""
    context = pages.home_page(site())
    context["corpus"] = corpus.documents(site(), {})["documents"]
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
    if request.args.get("as-of"):
        return redirect(as_of(base, path, request.args["as-of"]), code=303)
    if linked.wants_html(request.headers.get("Accept"), fmt):
        linked.resolve(get_store(), base, path)
        template, context = pages.page(site(), path)
        return cached(make_response(render_template(template, **context)), "html")
    key, media = linked.negotiate(request.headers.get("Accept"), fmt)
    result = linked.describe(get_store(), base, path)
    return cached(Response(result.serialize(key), content_type=media), key)


def as_of(base: str, path: str, day: str) -> str:
    """Return the local path of what *path* (a work, version or provision) was on *day*.

    The version in force then, or the provision's counterpart in it (by text, not number).

    :raises NotFound: when no known text stood on that day (with the reason), or the
        provision has no counterpart in that version.
    :raises BadRequest: for a malformed date.
    """
    date = parse_date(day).toPython()
    iri = linked.resolve(get_store(), base, path)
    work = corpus.work_of(site(), iri)
    if work is None:
        raise NotFound(
            f"<{iri}> is not a document, a version or a provision: ?as-of does not apply"
        )
    state = asof.in_force(get_store(), work, date)
    if not state.has_text:
        raise NotFound(state.explain())
    if iri == work or any(v.iri == iri for v in state.versions):
        return linked.href(base, state.version.iri)
    target = asof.counterpart(get_store(), iri, state.version.iri)
    if target is None:
        raise NotFound(
            f"<{iri}> has no counterpart in the version of {state.version.date} "
            f"(<{state.version.iri}>): it was added or removed in between"
        )
    return linked.href(base, target)
