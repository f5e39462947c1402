"""The validation report as an HTML page, for the service and for ``govrules validate``."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from govrules.compliance import reporting
from govrules.namespaces import DEFAULT_BASE

RENDERINGS = {**reporting.RENDERINGS, "html": "text/html; charset=utf-8"}


def to_html(report: dict) -> str:
    """Return the report as a standalone HTML page (no web framework needed)."""
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parents[1] / "templates"),
        autoescape=select_autoescape(["html"]),
    )
    env.filters["local"] = lambda iri: (
        "/" + iri[len(DEFAULT_BASE) :] if iri.startswith(DEFAULT_BASE) else iri
    )
    return env.get_template("validation_report.html").render(
        report=report, severities=reporting.SEVERITIES
    )


def render(report: dict, fmt: str) -> tuple[str, str]:
    """Return the report in *fmt* (a key of RENDERINGS, HTML included) and its media type."""
    if fmt == "html":
        return to_html(report), RENDERINGS["html"]
    return reporting.render(report, fmt)
