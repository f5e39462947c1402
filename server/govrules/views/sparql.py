"""The SPARQL 1.1 query endpoint."""

from flask import Blueprint, Response, render_template, request

from .. import sparql
from ..service import get_store

bp = Blueprint("sparql", __name__)


@bp.route("/sparql", methods=["GET", "POST"])
def query():
    """Answer a SPARQL query by GET, form POST or direct POST; with none, show the query page."""
    parsed = sparql.parse_query_request(
        request.method,
        request.args.to_dict(flat=False),
        form=request.form.to_dict(flat=False) if request.method == "POST" else None,
        content_type=request.content_type,
        body=request.get_data(cache=False) if request.method == "POST" else b"",
    )
    if parsed is None:
        return render_template("sparql.html")
    result = get_store().query(parsed.query, dataset=parsed.dataset)
    fmt, media = sparql.negotiate(
        result.kind, request.headers.get("Accept"), format=request.values.get("format")
    )
    response = Response(result.serialize(fmt), content_type=media)
    response.vary.add("Accept")
    return response
