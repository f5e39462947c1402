"""The SPARQL 1.1 query endpoint."""

from flask import Blueprint, Response, render_template, request

from govrules.query import protocol as sparql
from govrules.query.execution import Job
from govrules.web.bodies import check_text, read_body
from govrules.web.service import get_runner, get_store, settings

bp = Blueprint("sparql", __name__)


@bp.route("/sparql", methods=["GET", "POST"])
def query():
    """Answer a SPARQL query by GET, form POST or direct POST; with none, show the query page."""
    limit = settings()["max_query_bytes"]
    parsed = sparql.parse_query_request(
        request.method,
        request.args.to_dict(flat=False),
        form=request.form.to_dict(flat=False) if request.method == "POST" else None,
        content_type=request.content_type,
        body=read_body(limit, "query (setting max_query_bytes)")
        if request.mimetype == "application/sparql-query"
        else b"",
    )
    if parsed is None:
        return describe_service()
    check_text(parsed.query, limit, "query")
    job = Job(
        parsed.query, parsed.dataset, request.headers.get("Accept"), request.values.get("format")
    )
    runner = get_runner()
    etag = runner.etag(job)
    if etag is not None and request.method == "GET" and request.if_none_match.contains(etag):
        response = Response(status=304)  # the store has not changed since the client's copy
    else:
        answer = runner.run(job)
        response = Response(answer.body, content_type=answer.content_type)
        if answer.truncated:
            response.headers["Govrules-Result-Truncated"] = f"limit={settings()['result_limit']}"
    if etag is not None:
        response.set_etag(etag)
    response.vary.add("Accept")
    return response


def describe_service():
    """Answer a request without a query: the query page for browsers, else the description."""
    accept = request.accept_mimetypes
    if (
        accept.best_match(["text/html", "text/turtle"]) == "text/html"
        and accept["text/html"] > (accept["text/turtle"])
    ):
        page = Response(render_template("sparql.html"), content_type="text/html; charset=utf-8")
        page.vary.add("Accept")  # the same URL answers RDF to other clients
        return page
    store = get_store()
    graph = sparql.service_description(
        request.base_url, store.sizes(), update=request.url_root + "update"
    )
    fmt, media = sparql.negotiate(
        "graph", request.headers.get("Accept"), format=request.args.get("format")
    )
    response = Response(
        graph.serialize(format=sparql.RDFLIB_NAMES[fmt], encoding="utf-8"), content_type=media
    )
    response.vary.add("Accept")
    return response
