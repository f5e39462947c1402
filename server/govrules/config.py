"""Every setting of the service, declared once.

Configuration flows one way: these defaults, then ``GOVRULES_<NAME>`` environment
variables, then the mapping passed to :func:`govrules.web.app.create_app`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from govrules.namespaces import DEFAULT_BASE


@dataclass(frozen=True)
class Setting:
    """One configuration setting: its name, default, type and one-line help."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        """Return the environment variable that overrides this setting."""
        return "GOVRULES_" + self.name.upper()

    def coerce(self, raw: str) -> Any:
        """Convert an environment string to the type of the default.

        >>> Setting("x", 3, "").coerce("5")
        5
        >>> Setting("y", True, "").coerce("no")
        False
        """
        if isinstance(self.default, bool):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(self.default, int):
            return int(raw)
        if isinstance(self.default, float):
            return float(raw)
        return raw


SETTINGS = (
    Setting("base_iri", DEFAULT_BASE, "Base of every IRI the service mints and answers for."),
    Setting(
        "store", "build/store", "Store to serve: a directory of an Oxigraph store, or 'memory'."
    ),
    Setting("backend", "oxigraph", "Store backend: 'oxigraph' (default) or 'rdflib' (reference)."),
    Setting(
        "build_dir", "build", "Directory where 'govrules build' writes the store and the dumps."
    ),
    Setting("data_dir", "data", "Directory of the sources, norms and organisation graphs."),
    Setting("max_body_bytes", 10 * 1024 * 1024, "Largest request body accepted, in bytes."),
    Setting("max_query_bytes", 1024 * 1024, "Largest query or update text, in bytes (413)."),
    Setting("max_json_depth", 100, "Deepest nesting of a JSON-LD upload (400 beyond)."),
    Setting(
        "max_rdf_depth", 100, "Deepest nesting of a Turtle (brackets) or RDF/XML (elements) upload."
    ),
    Setting(
        "rdfxml_entities", False, "Accept RDF/XML with DOCTYPE or ENTITY declarations (bounded)."
    ),
    Setting("cors", True, "Send CORS headers allowing reads from any origin."),
    Setting("query_timeout", 30.0, "Seconds a query may run before it is stopped (answered 503)."),
    Setting("query_wait", 30.0, "Seconds a query may wait for a free query process (503 beyond)."),
    Setting("result_limit", 100_000, "Most rows a SELECT returns; a cut result is marked."),
    Setting("max_result_bytes", 100 * 1024 * 1024, "Largest result body, in bytes."),
    Setting("max_url_bytes", 8190, "Longest request URL accepted, in bytes (414 beyond)."),
    Setting(
        "query_workers",
        4,
        "Query processes of the server (on-disk stores), shared out among its gunicorn workers.",
    ),
    Setting(
        "result_cache_bytes",
        64 * 1024 * 1024,
        "Bytes of answers each server process keeps for the current store version; 0: none.",
    ),
    Setting("max_query_depth", 200, "Deepest nesting of braces and parentheses in a query."),
    Setting("max_describe", 500, "Most resources one DESCRIBE may name."),
    Setting(
        "allowed_service_hosts", "", "Comma-separated hosts SERVICE may call; none by default."
    ),
    Setting("tokens_file", "", "TOML or JSON file of hashed write tokens; none: writes disabled."),
    Setting("allowed_load_hosts", "", "Comma-separated hosts an update may LOAD from; none."),
    Setting("remote_update_url", "", "SPARQL Update URL of a remote store (backend 'remote')."),
    Setting("remote_gsp_url", "", "Graph Store protocol URL of a remote store, if it has one."),
    Setting("remote_user", "", "User name for the remote store (HTTP basic or digest)."),
    Setting("remote_password", "", "Password for the remote store."),
    Setting("remote_timeout", 30.0, "Seconds to wait for the remote store (502/504 beyond)."),
)

SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


def load_config(overrides: dict[str, Any] | None = None, environ=os.environ) -> dict[str, Any]:
    """Return the effective settings: defaults, then environment, then *overrides*.

    :raises KeyError: if *overrides* names a setting that does not exist.

    >>> load_config({"cors": False}, environ={"GOVRULES_BACKEND": "rdflib"})["backend"]
    'rdflib'
    """
    config = {s.name: s.default for s in SETTINGS}
    for setting in SETTINGS:
        if setting.env in environ:
            config[setting.name] = setting.coerce(environ[setting.env])
    for name, value in (overrides or {}).items():
        if name.lower() not in SETTINGS_BY_NAME and not name.isupper():
            raise KeyError(f"unknown setting: {name}")
        config[name.lower() if name.lower() in SETTINGS_BY_NAME else name] = value
    return config
