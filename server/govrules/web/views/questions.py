"""Canned questions over HTTP: stable URLs with a form, an HTML table, JSON and CSV."""

from flask import Blueprint, Response, make_response, render_template, request

from govrules.errors import NotFound
from govrules.namespaces import PREFIXES
from govrules.query import protocol as sparql
from govrules.query.questions import ask, load_questions
from govrules.web import linked
from govrules.web.pages.questions import listing, results_table, split_name
from govrules.web.service import get_store
from govrules.web.views.web import cached, site

bp = Blueprint("questions", __name__)


@bp.app_context_processor
def examples():
    """Give templates (the SPARQL page) the prefixes and the canned questions, on demand."""

    def canned_questions():
        return [
            {"title": q.title.get("zh", q.name), "sparql": q.sparql}
            for q in load_questions().values()
        ]

    return {"canned_questions": canned_questions, "sparql_prefixes": lambda: PREFIXES}


@bp.route("/queries")
def index():
    """List the canned questions, as HTML for browsers and JSON otherwise."""
    questions = load_questions()
    if linked.wants_html(request.headers.get("Accept"), request.args.get("format")):
        return cached(make_response(render_template("queries.html", questions=questions)), "html")
    return cached(make_response({"questions": listing(questions)}), "json")


@bp.route("/queries/<name>")
def question(name: str):
    """Ask one question with the parameters given; HTML table, SPARQL JSON or CSV."""
    name, fmt = split_name(name)
    questions = load_questions()
    if name not in questions:
        raise NotFound(f"no question named {name!r}; see /queries")
    values = {k: v for k, v in request.args.items() if k != "format" and v.strip()}
    fmt = request.args.get("format") or fmt
    if linked.wants_html(request.headers.get("Accept"), fmt):
        q = questions[name]
        ready = all(p.name in values for p in q.params if p.required)
        table = results_table(site(), ask(get_store(), name, values)) if ready else None
        html = render_template("question.html", q=q, values=values, table=table)
        return cached(make_response(html), "html")
    key, media = sparql.negotiate("solutions", request.headers.get("Accept"), format=fmt)
    result = ask(get_store(), name, values)
    return cached(Response(result.serialize(key), content_type=media), key)
