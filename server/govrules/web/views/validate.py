"""Compliance validation of an upload: ``POST /validate``, the form page, the JSON-LD context."""

from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request

from govrules.compliance import reporting, uploads, validation
from govrules.errors import NotAcceptable, UnsupportedMediaType
from govrules.web.bodies import read_body, too_large
from govrules.web.pages import report as report_page
from govrules.web.service import get_store, settings

bp = Blueprint("validate", __name__)
ACCEPTS = {
    "application/json": "json",
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "text/html": "html",
}


def root() -> Path:
    """Return the project directory: the parent of the data directory."""
    return Path(settings()["data_dir"]).resolve().parent


def knowledge() -> validation.Knowledge:
    """Return the rules, norms, org and shapes the uploads are checked against (read once)."""
    if "govrules.knowledge" not in current_app.extensions:
        loaded = validation.knowledge_from_store(get_store(), root())
        current_app.extensions["govrules.knowledge"] = loaded
    return current_app.extensions["govrules.knowledge"]


def flag(name: str) -> bool:
    """Return an option of ``?allow-info=…`` (query or form), else its default (400 if bad)."""
    value = request.values.get(name, request.values.get(name.replace("-", "_")))
    return validation.policy_flag(name, value)


@bp.get("/validate")
def form():
    """Show the page to paste or upload an export."""
    return render_template("validate.html")


@bp.post("/validate")
def validate():
    """Validate the body (Turtle, N-Triples, JSON-LD; or the form) and answer with the report."""
    if (request.content_length or 0) > settings()["max_body_bytes"]:
        raise too_large(settings()["max_body_bytes"])
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        upload = request.files.get("file")
        data = upload.read() if upload and upload.filename else request.form.get("data", "")
        fmt = request.form.get("format", "turtle")
        data = data.encode("utf-8") if isinstance(data, str) else data
    elif request.mimetype in uploads.MEDIA_TYPES:
        data = read_body(settings()["max_body_bytes"])
        fmt = uploads.MEDIA_TYPES[request.mimetype]
    else:
        raise UnsupportedMediaType(f"cannot validate {request.mimetype or 'a body without type'}")
    accept = request.accept_mimetypes
    best = accept.best_match(list(ACCEPTS)) if accept else "application/json"
    if best is None:
        raise NotAcceptable("the report comes as " + ", ".join(ACCEPTS))
    uploads.check_upload(data, fmt, uploads.UploadLimits.from_settings(settings()))
    store = uploads.load_upload(
        data,
        format=fmt,
        context=uploads.context_document(root()),
        allowed=(request.host_url + "context.jsonld",),
    )
    options = {name.replace("-", "_"): flag(name) for name in validation.POLICY_FLAGS}
    engine = request.values.get("engine") or None
    outcome = validation.validate(store, knowledge(), engine=engine, **options)
    report = reporting.enrich(outcome, knowledge())
    body, media_type = report_page.render(report, ACCEPTS[best])
    response = Response(body, content_type=media_type)
    response.vary.add("Accept")
    return response


@bp.get("/context.jsonld")
def context():
    """Serve the JSON-LD context of the export format."""
    path = root() / "data" / "context.jsonld"
    return Response(path.read_bytes(), content_type="application/ld+json")
