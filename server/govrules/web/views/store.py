"""Writes: SPARQL Update at ``/update``, the Graph Store protocol at ``/store``, ``/ingest``."""

from pathlib import Path

from flask import Blueprint, Response, current_app, request

from govrules.compliance import ingest as ingesting
from govrules.compliance import uploads, validation
from govrules.errors import BadRequest, Forbidden, NotAcceptable, UnsupportedMediaType
from govrules.web.bodies import check_text, read_body
from govrules.web.service import get_store, settings
from govrules.writes import operations as writes
from govrules.writes import tokens

bp = Blueprint("store", __name__)
POLICY = validation.POLICY_FLAGS  # ?allow-info, ?allow-warnings, ?allow-empty: as /validate
BODY_TYPES = uploads.MEDIA_TYPES | {"application/rdf+xml": "rdfxml"}
GET_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}


def caller() -> tokens.Caller:
    """Return who sends the request, from its bearer token (403 if writes are disabled)."""
    path = settings()["tokens_file"]
    mtime = Path(path).stat().st_mtime if path and Path(path).exists() else None
    cached = current_app.extensions.get("govrules.tokens")
    if not cached or cached[0] != (path, mtime):
        cached = ((path, mtime), tokens.read_tokens(path))
        current_app.extensions["govrules.tokens"] = cached
    return tokens.authenticate(request.headers.get("Authorization"), cached[1])


def writer():
    """Return the writer of the served store (made once per app)."""
    if "govrules.writer" not in current_app.extensions:
        s = settings()
        if s["backend"] == "remote":
            current_app.extensions["govrules.writer"] = get_store().writer()
        elif s["backend"] != "oxigraph":
            raise Forbidden(f"the {s['backend']} backend is read-only: use oxigraph or remote")
        elif s["store"] == "memory":
            memory = get_store()._store
            current_app.extensions["govrules.writer"] = writes.EmbeddedWriter(None, memory=memory)
        else:
            current_app.extensions["govrules.writer"] = writes.EmbeddedWriter(s["store"])
    return current_app.extensions["govrules.writer"]


def body(types: dict, *, limit: int | None = None, what: str = "body") -> tuple[bytes, str]:
    """Return the request body and its format, refusing oversize, unsafe and unknown bodies."""
    if request.mimetype not in types:
        raise UnsupportedMediaType(
            f"cannot read {request.mimetype or 'a body without type'}: send {', '.join(types)}"
        )
    data = read_body(limit or settings()["max_body_bytes"], what)
    fmt = types[request.mimetype]
    uploads.check_upload(data, fmt, uploads.UploadLimits.from_settings(settings()))
    return data, fmt


def no_content() -> Response:
    """Return a 204 without a body type (SPARQL 1.1 Protocol, Graph Store Protocol)."""
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response


def target_graph() -> str | None:
    """Return the graph of ``?graph=IRI``, or None for ``?default``."""
    graphs, default = request.args.getlist("graph"), "default" in request.args
    if default == bool(graphs) or len(graphs) > 1:
        raise BadRequest("name one graph: ?graph=IRI or ?default")
    return writes.check_graph_iri(graphs[0]) if graphs else None


@bp.after_request
def challenge(response: Response) -> Response:
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="govrules"'
    return response


@bp.post("/update")
def update():
    """Apply a SPARQL 1.1 Update (form ``update=`` or ``application/sparql-update``)."""
    who, s = caller(), settings()
    params = request.args.to_dict(flat=False)
    if request.mimetype == "application/x-www-form-urlencoded":
        for name, values in request.form.to_dict(flat=False).items():
            params.setdefault(name, []).extend(values)
        texts = params.get("update", [])
    else:
        if "update" in params:
            raise BadRequest("a direct POST carries the update in its body, not in 'update'")
        data = body(
            {"application/sparql-update": "update"},
            limit=s["max_query_bytes"],
            what="update (setting max_query_bytes)",
        )[0]
        try:
            texts = [data.decode("utf-8")]
        except UnicodeDecodeError as exc:
            raise BadRequest(f"the update is not UTF-8: {exc}") from None
    if len(texts) > 1:
        raise BadRequest(f"{len(texts)} 'update' parameters: send exactly one (nothing applied)")
    if not texts or not texts[0].strip():
        raise BadRequest("no update: send update=… or an application/sparql-update body")
    check_text(texts[0], s["max_query_bytes"], "update")
    hosts = tuple(h.strip().lower() for h in s["allowed_load_hosts"].split(",") if h.strip())
    writes.run_update(
        writer(),
        texts[0],
        who,
        base=s["base_iri"],
        allowed_hosts=hosts,
        request_iri=request.base_url,
        using=[writes.check_graph_iri(g) for g in params.get("using-graph-uri", [])],
        using_named=[writes.check_graph_iri(g) for g in params.get("using-named-graph-uri", [])],
    )
    return no_content()


@bp.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_store():
    """The Graph Store HTTP Protocol over ``?graph=IRI`` or ``?default``."""
    graph, base = target_graph(), settings()["base_iri"]
    if request.method in ("GET", "HEAD"):
        accept = request.accept_mimetypes
        media = accept.best_match(list(GET_TYPES)) if accept else "text/turtle"
        if media is None:
            raise NotAcceptable("a graph comes as " + ", ".join(GET_TYPES))
        data = writer().get_graph(graph, GET_TYPES[media])
        return Response(data, content_type=f"{media}; charset=utf-8")
    who = caller()
    if request.method == "DELETE":
        writes.delete_graph(writer(), graph, who, base=base)
        return no_content()
    writes.check_scope(who, graph, base=base)  # before the body is even read
    data, fmt = body(BODY_TYPES)
    replace = request.method == "PUT"
    created = writes.put_graph(writer(), graph, data, fmt, who, base=base, replace=replace)
    return Response(status=201) if created else no_content()


@bp.post("/ingest")
def ingest():
    """Validate an export and store it as ``…/graph/exports/<graph>`` with provenance."""
    who = caller()
    data, fmt = body(uploads.MEDIA_TYPES)
    root = Path(settings()["data_dir"]).resolve().parent
    if "govrules.knowledge" not in current_app.extensions:
        loaded = validation.knowledge_from_store(get_store(), root)
        current_app.extensions["govrules.knowledge"] = loaded
    receipt = ingesting.ingest(
        writer(),
        data,
        fmt=fmt,
        name=request.args.get("graph", ""),
        caller=who,
        knowledge=current_app.extensions["govrules.knowledge"],
        base=settings()["base_iri"],
        force=request.args.get("force", "").lower() in ("1", "true", "yes"),
        context=uploads.context_document(root),
        **{n.replace("-", "_"): validation.policy_flag(n, request.args.get(n)) for n in POLICY},
    )
    return receipt.to_dict(), 201
