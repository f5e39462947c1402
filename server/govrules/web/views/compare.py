"""The comparison page: documents × concerns on a date, with what amendments changed."""

import csv
import io

from flask import Blueprint, Response, make_response, render_template, request

from govrules.errors import NotAcceptable
from govrules.query.questions import ask
from govrules.web import linked
from govrules.web.pages.compare import as_csv_rows, as_data, comparison
from govrules.web.pages.questions import results_table
from govrules.web.service import get_store, settings
from govrules.web.views.web import cached, site

bp = Blueprint("compare", __name__)
PARAMS = ("as-of", "jurisdiction", "document")


@bp.route("/compare")
def compare():
    """Show the matrix as HTML, or give it as JSON or CSV (?format= or Accept)."""
    values = {k: request.args[k] for k in PARAMS if request.args.get(k, "").strip()}
    fmt = request.args.get("format")
    store = get_store()
    matrix = comparison(store, settings()["base_iri"], values)
    if linked.wants_html(request.headers.get("Accept"), fmt):
        document = {k: v for k, v in values.items() if k == "document"}
        changes = results_table(site(), ask(store, "concern-changes", document))
        html = render_template("compare.html", matrix=matrix, values=values, changes=changes)
        return cached(make_response(html), "html")
    accept = request.headers.get("Accept") or ""
    key = (fmt or ("csv" if "text/csv" in accept else "json")).lower()
    if key not in ("csv", "json"):
        raise NotAcceptable(f"format {key!r} is not available for the comparison; use json or csv")
    if key == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(as_csv_rows(matrix))
        return cached(Response(out.getvalue(), content_type="text/csv; charset=utf-8"), "csv")
    return cached(make_response(as_data(matrix)), "json")
