"""Checks a query or an update must pass before it reaches the engine.

Oxigraph's engine aborts its whole process on a query nested about 2,000 levels deep
and on a DESCRIBE of about 3,000 IRIs; SERVICE and LOAD would make the server fetch from
the network. These checks read the text as the grammar does (:mod:`govrules.lexer`), so
they see what the engine sees, cost microseconds and never run the engine on what they
refuse. The engine reads a keyword even when a name follows it without a space
(``SERVICEex:s`` is ``SERVICE ex:s``), so any word or prefix that begins with SERVICE or
LOAD counts as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from govrules.errors import BadRequest, Forbidden, QuerySyntaxError
from govrules.lexer import LexError, Token, position, tokenize

_OPEN = {"{", "(", "[", "<<", "<<(", "{|"}
_CLOSE = {"}", ")", "]", ">>", ")>>", "|}"}
LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "[::1]"}


@dataclass(frozen=True)
class Limits:
    """What a query or update may ask of the engine."""

    max_depth: int = 200
    max_describe: int = 500
    allowed_service_hosts: tuple[str, ...] = ()
    allowed_load_hosts: tuple[str, ...] = ()


def max_depth(tokens: list[Token]) -> tuple[int, int]:
    """Return the deepest nesting of brackets among *tokens*, and the index where it is.

    >>> from govrules.lexer import tokenize
    >>> max_depth(tokenize("{ ( ) { [ ] } }"))
    (3, 8)
    """
    depth = deepest = where = 0
    for token in tokens:
        if token.kind != "punct":
            continue
        if token.text in _OPEN:
            depth += 1
            if depth > deepest:
                deepest, where = depth, token.start
        elif token.text in _CLOSE:
            depth -= 1
    return deepest, where


def tokens_of(text: str, what: str = "query") -> list[Token]:
    """Return the terminals of *text*.

    :raises QuerySyntaxError: naming where the text stops being SPARQL.
    """
    try:
        return tokenize(text)
    except LexError as exc:
        raise QuerySyntaxError(f"SPARQL syntax error in the {what}: {exc}") from None


def _begins(token: Token, keyword: str) -> bool:
    if token.kind == "word":
        return token.upper.startswith(keyword)
    return token.kind == "pname" and token.prefix().upper().startswith(keyword)


def _target(tokens: list[Token], index: int, base: str | None) -> tuple[str, str | None]:
    """Return how the target after the keyword at *index* is written, and its absolute IRI."""
    keyword, following = tokens[index], tokens[index + 1 : index + 3]
    if keyword.kind != "word" or keyword.upper not in ("SERVICE", "LOAD"):
        return keyword.text, None  # a name glued to the keyword: refused whatever it names
    if following and following[0].kind == "word" and following[0].upper == "SILENT":
        following = following[1:]
    if not following:
        return "?", None
    target = following[0]
    if target.kind != "iri":
        return target.text, None  # a variable or a prefixed name: only full IRIs are checked
    iri = target.iri()
    return target.text, urljoin(base, iri) if base and not urlsplit(iri).scheme else iri


def _allowed(iri: str | None, hosts: tuple[str, ...]) -> bool:
    if iri is None:
        return False
    parts = urlsplit(iri)
    host = (parts.hostname or "").lower()
    return parts.scheme in ("http", "https") and host in hosts and host not in LOOPBACK


def check_query(query: str, limits: Limits = Limits(), *, what: str = "query") -> None:
    """Refuse a query (or update) the engine must not see.

    :raises QuerySyntaxError: for text that is no sequence of SPARQL terminals.
    :raises BadRequest: for nesting deeper than allowed or too large a DESCRIBE.
    :raises Forbidden: for SERVICE or LOAD to a host configuration does not allow.

    >>> check_query("SELECT * { ?s ?p ?o }")
    >>> check_query("SELECT * { SERVICE <http://ex.org/s> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govrules.errors.Forbidden: SERVICE <http://ex.org/s> is not allowed (at line 1, column 12): ...
    """
    tokens = tokens_of(query, what)
    deepest, where = max_depth(tokens)
    if deepest > limits.max_depth:
        raise BadRequest(
            f"the {what} nests {deepest} levels of braces, brackets or parentheses "
            f"(at {position(query, where)}); at most {limits.max_depth} are allowed"
        )
    base = None
    # Only words and prefixed names that could be BASE, SERVICE or LOAD need a closer look.
    candidates = (
        i for i, t in enumerate(tokens) if t.kind in ("word", "pname") and t.text[:1] in "bBsSlL"
    )
    for index in candidates:
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind == "word" and token.upper == "BASE" and following and following.kind == "iri":
            base = urljoin(base, following.iri()) if base else following.iri()
        for keyword, hosts, reason in (
            ("SERVICE", limits.allowed_service_hosts, "does not query other endpoints"),
            ("LOAD", limits.allowed_load_hosts, "does not fetch data from elsewhere"),
        ):
            if not _begins(token, keyword):
                continue
            written, iri = _target(tokens, index, base)
            if not _allowed(iri, hosts):
                raise Forbidden(
                    f"{keyword} {written} is not allowed (at {position(query, token.start)}): "
                    f"this server {reason} (allowed hosts: {', '.join(hosts) or 'none'}; "
                    "name an allowed endpoint by its full IRI)"
                )
    describe = next(
        (i for i, t in enumerate(tokens) if t.kind == "word" and t.upper == "DESCRIBE"), None
    )
    if describe is not None:
        terms = sum(1 for t in tokens[describe:] if t.kind in ("iri", "pname"))
        if terms > limits.max_describe:
            raise BadRequest(
                f"DESCRIBE names about {terms} resources; at most {limits.max_describe} "
                "are allowed in one query"
            )
