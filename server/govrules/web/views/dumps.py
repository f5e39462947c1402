"""Dumps of the build and the VoID description."""

from flask import Blueprint, Response, make_response, render_template, request, send_from_directory

from govrules.errors import NotFound
from govrules.knowledge import dumps
from govrules.query import protocol as sparql
from govrules.web import linked
from govrules.web.service import get_store, settings
from govrules.web.views.web import cached, dumps_dir

bp = Blueprint("dumps", __name__)


@bp.route("/dumps/")
def index():
    """List the dumps, as HTML for browsers and JSON otherwise."""
    found = dumps.list_dumps(dumps_dir())
    if linked.wants_html(request.headers.get("Accept"), request.args.get("format")):
        return cached(make_response(render_template("dumps.html", dumps=found)), "html")
    listing = [{"name": d.name, "size": d.size, "media": d.media, "url": d.name} for d in found]
    return cached(make_response({"dumps": listing}), "json")


@bp.route("/dumps/<name>")
def download(name: str):
    """Serve one dump file."""
    media = dumps.media_type(name)
    if not media or not (dumps_dir() / name).is_file():
        raise NotFound(f"no dump named {name!r}; see /dumps/")
    response = send_from_directory(dumps_dir().resolve(), name, mimetype=media, etag=False)
    return cached(response, name)


@bp.route("/.well-known/void")
def void():
    """Describe the dataset in VoID: statistics per named graph, endpoint and dumps."""
    stats = dumps.statistics(get_store())
    graph = dumps.void_graph(
        stats,
        base=settings()["base_iri"],
        site=request.host_url,
        dumps=dumps.list_dumps(dumps_dir()),
    )
    if linked.wants_html(request.headers.get("Accept"), request.args.get("format")):
        html = render_template("void.html", stats=stats, turtle=graph.serialize(format="turtle"))
        return cached(make_response(html), "html")
    key, media = linked.negotiate(request.headers.get("Accept"), request.args.get("format"))
    body = graph.serialize(format=sparql.RDFLIB_NAMES[key], encoding="utf-8")
    return cached(Response(body, content_type=media), key)
