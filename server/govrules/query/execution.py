"""Run one protocol query to completion: guard, execute, cap, serialise, mark truncation.

Pure of web concerns: the views (in-process, or through :mod:`govrules.workers`) hand in
a :class:`Job` and get back an :class:`Answer` holding the whole body, so a 200 response
is never started for a result that could still fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from govrules.errors import BadRequest, QuerySyntaxError
from govrules.lexer import strip
from govrules.query import protocol as sparql
from govrules.query.guard import Limits, check_query
from govrules.store import Dataset, Store

_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.I)
_SELECT = re.compile(r"SELECT\s+(?:(DISTINCT|REDUCED)\s+)?", re.I)
_VAR = re.compile(r"[?$](\w+)")
_AS = re.compile(r"AS\s+[?$](\w+)", re.I)


@dataclass(frozen=True)
class Job:
    """One query to run, as the protocol request gave it."""

    query: str
    dataset: Dataset | None = None
    accept: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Settings:
    """The limits a query runs under."""

    result_limit: int = 100_000
    max_result_bytes: int = 100 * 1024 * 1024
    guard: Limits = field(default_factory=Limits)
    base_iri: str = "https://w3id.org/govrules/"


@dataclass(frozen=True)
class Answer:
    """A finished response body and how to label it."""

    body: bytes
    content_type: str
    truncated: bool = False


class _Capped:
    """A writer that refuses to grow past a size, so a huge result fails early."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise BadRequest(
                f"the result is larger than {self.limit} bytes; narrow the query or add LIMIT"
            )
        self.parts.append(bytes(data))
        return len(data)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def projection(query: str) -> tuple[str, str, str] | None:
    """Split a SELECT query into prologue, projected variables and the rest.

    Returns None when the query is not a plain SELECT that can be wrapped.

    >>> projection("PREFIX a: <x:>\\nSELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s")[1]
    '?s ?n'
    >>> projection("ASK {}") is None, projection("SELECT ? WHERE {}") is None
    (True, True)
    """
    code = strip(query)
    start = _PROLOGUE.match(query).end()
    select = _SELECT.match(code, start)
    if not select:
        return None
    names, depth, index = [], 0, select.end()
    while index < len(code):
        char = code[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and (char in "{*" or code[index : index + 4].upper() in ("WHER", "FROM")):
            break
        elif depth == 0 and char in "?$":
            variable = _VAR.match(code, index)
            if variable is None:
                return None  # '?' without a name: the engine reports the syntax error
            names.append(variable.group(1))
        elif depth == 1 and code[index - 1] in " \t\n)":
            found = _AS.match(code, index)
            if found:
                names.append(found.group(1))
                index = found.end() - 1
        index += 1
    if code[index : index + 4].upper() == "FROM" or index >= len(code):
        return None  # a sub-select cannot carry FROM: such a query is not wrapped
    if code[index] == "*" and not names:
        return query[:start], "*", query[start:]  # the engine orders * the same way inside
    if not names:
        return None
    return query[:start], " ".join(f"?{n}" for n in names), query[start:]


_MODIFIERS = re.compile(r"\b(LIMIT|OFFSET)\b(?:\s+(\d+))?", re.I)
_VALUES = re.compile(r"\bVALUES\b", re.I)


def own_limit(query: str) -> int | None:
    """Return the LIMIT at the end of *query*: None if it has none, -1 if it cannot be told.

    Past the last closing brace, a SELECT has only its solution modifiers; -1 stands for an
    OFFSET there or a VALUES block after the query (nothing can be appended after those).

    >>> own_limit("SELECT ?s { ?s ?p ?o } ORDER BY ?s"), own_limit("SELECT ?s { ?s ?p ?o } LIMIT 5")
    (None, 5)
    >>> own_limit("SELECT ?s { ?s ?p ?o } OFFSET 5 LIMIT 5"), own_limit("SELECT ?s {} VALUES ?s {}")
    (-1, -1)
    >>> own_limit("SELECT ?s { VALUES ?s { 1 } }")
    """
    code = strip(query)
    for match in _VALUES.finditer(code):
        if code.count("{", 0, match.start()) == code.count("}", 0, match.start()):
            return -1  # a VALUES block after the query, at depth 0
    found = _MODIFIERS.findall(code[code.rfind("}") + 1 :])
    if not found:
        return None
    if len(found) == 1 and found[0][0].upper() == "LIMIT" and found[0][1]:
        return int(found[0][1])
    return -1


def count_rows(body: bytes, fmt: str) -> int:
    """Count the solutions in a serialised SELECT result (exact or a slight overcount)."""
    if fmt == "json":
        return body.count(b"},{") + 1 if b'"bindings":[{' in body else 0
    if fmt == "xml":
        return body.count(b"<result>")
    if fmt == "tsv":
        return body.count(b"\n") - 1
    return body.count(b"\r\n") - 1


def mark_truncated(body: bytes, fmt: str, link: str) -> bytes:
    """Add a link explaining the cut to the head of a JSON or XML result."""
    if fmt == "json":
        return body.replace(b'{"head":{', b'{"head":{"link":["' + link.encode() + b'"],', 1)
    if fmt == "xml":
        return body.replace(b"</head>", b'<link href="' + link.encode() + b'"/></head>', 1)
    return body


# A worker answers the same queries again and again: the lexical work on a query text (the
# guard, the plan of the row cap) and the negotiation of a format are done once per text. Only
# texts up to this size are remembered, so the memo stays small; checks that fail are not.
MEMO_TEXT = 64 * 1024


@lru_cache(maxsize=2048)
def _checked(query: str, limits: Limits) -> None:
    check_query(query, limits)


def guard(query: str, limits: Limits) -> None:
    """Run :func:`check_query`, remembering the texts that passed."""
    if len(query) <= MEMO_TEXT:
        _checked(query, limits)
    else:
        check_query(query, limits)


@lru_cache(maxsize=2048)
def _plan(query: str, limit: int) -> tuple[str, tuple[str, str, str] | None]:
    parts = projection(query) if limit else None
    if not parts:
        return query, None
    prologue, names, rest = parts
    own = own_limit(query)
    if own is None:
        # A LIMIT of its own at the end keeps the engine's plan (a sub-select may not).
        return f"{query}\nLIMIT {limit}", parts
    if own == -1 or own > limit:
        return f"{prologue}SELECT {names} WHERE {{\n{rest}\n}} LIMIT {limit}", parts
    return query, None  # its own LIMIT is within the cap: it cannot be cut


def plan(query: str, limit: int) -> tuple[str, tuple[str, str, str] | None]:
    """Return the text to run for the row cap *limit*, and the parts to probe a cut with.

    >>> plan("SELECT ?s { ?s ?p ?o }", 10)[0]
    'SELECT ?s { ?s ?p ?o }\\nLIMIT 10'
    >>> plan("SELECT ?s { ?s ?p ?o } LIMIT 5", 10)
    ('SELECT ?s { ?s ?p ?o } LIMIT 5', None)
    """
    return _plan(query, limit) if len(query) <= MEMO_TEXT else _plan.__wrapped__(query, limit)


negotiate = lru_cache(maxsize=256)(sparql.negotiate)


def execute(store: Store, job: Job, settings: Settings = Settings()) -> Answer:
    """Guard, run and serialise *job*; SELECT results are cut at the row limit, visibly.

    :raises govrules.errors.GovrulesError: for a refused, malformed or oversized query.
    """
    guard(job.query, settings.guard)
    limit = settings.result_limit
    text, parts = plan(job.query, limit)
    try:
        result = store.query(text, dataset=job.dataset)
    except QuerySyntaxError:
        if not parts:
            raise
        # Report positions in the query as sent; a query we cannot wrap runs as it is.
        result, parts = store.query(job.query, dataset=job.dataset), None
    fmt, media = negotiate(result.kind, job.accept, format=job.format)
    out = _Capped(settings.max_result_bytes)
    out.write(result.serialize(fmt))
    body, truncated = out.getvalue(), False
    if parts and count_rows(body, fmt) >= limit:
        prologue, names, rest = parts
        probe = f"{prologue}ASK {{ SELECT {names} WHERE {{\n{rest}\n}} OFFSET {limit} LIMIT 1 }}"
        truncated = store.query(probe, dataset=job.dataset).boolean()
    if truncated:
        body = mark_truncated(body, fmt, f"{settings.base_iri}sparql#result-limit-{limit}")
    return Answer(body, media, truncated)
