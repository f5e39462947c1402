"""Read uploads of exported records: formats, JSON-LD contexts, syntax errors with positions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from govrules.compliance import nesting
from govrules.errors import BadRequest, LoadError
from govrules.namespaces import DEFAULT_BASE

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    # Systems that export plain JSON records with our @context send them as JSON.
    "application/json": "jsonld",
}
SUFFIXES = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".json": "jsonld"}


_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.I)
_ENTITY = re.compile(r"<!ENTITY\s+(%\s*)?[^\s]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')", re.I)


@dataclass(frozen=True)
class UploadLimits:
    """How deep an upload may nest, and whether RDF/XML may declare entities."""

    max_json_depth: int = 100
    max_rdf_depth: int = 100
    rdfxml_entities: bool = False

    @classmethod
    def from_settings(cls, settings: dict) -> UploadLimits:
        """Return the limits of the service's settings."""
        return cls(
            settings["max_json_depth"], settings["max_rdf_depth"], settings["rdfxml_entities"]
        )


def _xml_text(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:512]:
        return data.decode("utf-16", "ignore")
    return data.decode("utf-8", "ignore")


def check_upload(data: bytes, fmt: str, limits: UploadLimits = UploadLimits()) -> None:
    """Refuse, before any parser sees it, an upload nested too deep or declaring entities.

    :raises LoadError: naming the depth and where it is, or the declaration.
    """
    if fmt in ("jsonld", "turtle", "trig", "rdfxml"):
        limit = limits.max_json_depth if fmt == "jsonld" else limits.max_rdf_depth
        if fmt == "rdfxml":
            structure = nesting.xml_structure(_xml_text(data))
        elif fmt == "jsonld":
            structure = nesting.json_structure(data)
        else:
            structure = nesting.turtle_structure(data)
        if nesting.depth(structure, limit) is None:
            what = "elements" if fmt == "rdfxml" else "levels of brackets"
            setting = "max_json_depth" if fmt == "jsonld" else "max_rdf_depth"
            raise LoadError(
                f"the {fmt} upload nests more than {limit} {what} deep; at most {limit} are "
                f"allowed (setting {setting})"
            )
    if fmt == "rdfxml":
        text = _xml_text(data)
        found = _DECLARATION.search(text)
        if found and not limits.rdfxml_entities:
            raise LoadError(
                f"RDF/XML with a {found.group(1).upper()} declaration is refused (entities can "
                "expand without bound); send the document without a DTD"
            )
        for entity in _ENTITY.finditer(text) if found else ():
            value = entity.group(2)
            if entity.group(1) or value.upper() in ("SYSTEM", "PUBLIC") or "&" in value:
                raise LoadError(
                    "RDF/XML entities may only be plain text: parameter, external and nested "
                    "entities are refused"
                )


def context_document(root: Path) -> dict:
    """Return the published JSON-LD context (``data/context.jsonld``)."""
    return json.loads((root / "data" / "context.jsonld").read_text(encoding="utf-8"))


def format_for(name: str | None = None, *, media_type: str | None = None) -> str:
    """Return the upload format of a file name or a media type.

    :raises govrules.errors.BadRequest: if neither names a format we read.

    >>> format_for("export.ttl"), format_for(media_type="application/ld+json; charset=utf-8")
    ('turtle', 'jsonld')
    """
    if media_type is not None:
        fmt = MEDIA_TYPES.get(media_type.split(";")[0].strip().lower())
    else:
        fmt = SUFFIXES.get(Path(name or "").suffix.lower())
    if fmt is None:
        raise BadRequest(f"unknown format: {media_type or name}")
    return fmt


def resolve_contexts(data: bytes, context: dict, *, allowed: tuple[str, ...] = ()) -> bytes:
    """Replace references to our own context by its content; refuse any other remote context.

    :param allowed: IRIs that name our context besides ``{base}context.jsonld``.
    :raises govrules.errors.LoadError: for bad JSON or a remote context.
    """
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise LoadError(f"not JSON: {exc}") from None
    ours = {DEFAULT_BASE + "context.jsonld", "/context.jsonld", "context.jsonld", *allowed}

    def walk(node):
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        result = {key: walk(value) for key, value in node.items() if key != "@context"}
        if "@context" in node:
            result["@context"] = resolve(node["@context"])
        return result

    def resolve(ctx):
        if isinstance(ctx, list):
            return [resolve(item) for item in ctx]
        if isinstance(ctx, str):
            if ctx in ours:
                return context["@context"]
            raise LoadError(f"remote JSON-LD context refused: {ctx}")
        return ctx

    return json.dumps(walk(document)).encode("utf-8")


def load_upload(
    data: bytes,
    *,
    format: str,
    context: dict | None = None,
    allowed=(),
    into: ox.Store | None = None,
) -> ox.Store:
    """Parse an upload into a fresh in-memory store (its default graph), or *into* one.

    :raises govrules.errors.LoadError: with the line and column of the first syntax error.
    """
    if format not in FORMATS:
        raise BadRequest(f"unknown format: {format}")
    if format == "jsonld" and context is not None:
        data = resolve_contexts(data, context, allowed=allowed)
    store = ox.Store() if into is None else into
    try:
        store.bulk_load(data, format=FORMATS[format], to_graph=ox.DefaultGraph())
    except SyntaxError as exc:
        where = {"line": exc.lineno, "column": exc.offset} if exc.lineno else {}
        raise LoadError(f"cannot parse the {format} upload: {exc.msg}", **where) from None
    return store


def load_files(paths, *, context: dict | None = None) -> ox.Store:
    """Parse several files into one in-memory store, naming the file of a syntax error.

    :raises govrules.errors.LoadError: for a file that does not parse (with line and column).
    """
    store = ox.Store()
    for path in paths:
        try:
            load_upload(
                Path(path).read_bytes(), format=format_for(str(path)), context=context, into=store
            )
        except LoadError as exc:
            raise LoadError(f"{path}: {exc.message}", file=str(path), **exc.details) from None
    return store
