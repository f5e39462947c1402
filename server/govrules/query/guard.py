"""Checks a query must pass before it reaches the engine.

Oxigraph's engine aborts its whole process on a query nested about 2,000 levels deep
and on a DESCRIBE of about 3,000 IRIs; SERVICE would make the server fetch from the
network. These checks read the query lexically (strings, IRIs and comments skipped),
so they cost microseconds and never run the engine on what they refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govrules.errors import BadRequest, Forbidden
from govrules.lexer import strip

_SERVICE = re.compile(r"\bSERVICE\b(?:\s+SILENT\b)?", re.I)
_TARGET = re.compile(r"\s*(<[^>]*>|[?$]\w+|[\w-]*:[\w.-]*)")
_DESCRIBE = re.compile(r"\bDESCRIBE\b", re.I)


@dataclass(frozen=True)
class Limits:
    """What a query may ask of the engine."""

    max_depth: int = 200
    max_describe: int = 500
    allowed_service_hosts: tuple[str, ...] = ()


def max_depth(code: str) -> tuple[int, int]:
    """Return the deepest nesting of braces and parentheses in stripped *code*, and where.

    >>> max_depth("{ ( ) { { } } }")
    (3, 8)
    """
    depth = deepest = where = 0
    for index, char in enumerate(code):
        if char in "{(":
            depth += 1
            if depth > deepest:
                deepest, where = depth, index
        elif char in "})":
            depth -= 1
    return deepest, where


def _position(query: str, index: int) -> str:
    line = query.count("\n", 0, index) + 1
    column = index - (query.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def check_query(query: str, limits: Limits = Limits()) -> None:
    """Refuse a query the engine must not see.

    :raises BadRequest: for nesting deeper than allowed or too large a DESCRIBE.
    :raises Forbidden: for SERVICE to a host configuration does not allow.

    >>> check_query("SELECT * { ?s ?p ?o }")
    >>> check_query("SELECT * { SERVICE <http://ex.org/s> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govrules.errors.Forbidden: SERVICE <http://ex.org/s> is not allowed: ...
    """
    code = strip(query)
    deepest, where = max_depth(code)
    if deepest > limits.max_depth:
        raise BadRequest(
            f"the query nests {deepest} levels of braces or parentheses "
            f"(at {_position(query, where)}); at most {limits.max_depth} are allowed"
        )
    for match in _SERVICE.finditer(code):
        found = _TARGET.match(query, match.end())
        target = found.group(1) if found else "?"
        host = re.match(r"<https?://([^/:>]+)", target)
        if not (host and host.group(1).lower() in limits.allowed_service_hosts):
            allowed = ", ".join(limits.allowed_service_hosts) or "none"
            raise Forbidden(
                f"SERVICE {target} is not allowed: this server does not query other "
                f"endpoints (allowed hosts: {allowed})"
            )
    describe = _DESCRIBE.search(code)
    if describe:
        terms = len(re.findall(r"<[^>]*>|\b[\w-]*:[\w.-]+", query[describe.end() :]))
        if terms > limits.max_describe:
            raise BadRequest(
                f"DESCRIBE names about {terms} resources; at most {limits.max_describe} "
                "are allowed in one query"
            )
