"""SPARQL Update text read before it runs: which graphs it writes, and the protocol's dataset.

A ``write`` token may change graphs under the exports only. Which graphs an update writes
is decided from its operations and templates, before any work is done, so a refused update
costs nothing and changes nothing on every backend; the digest check of the embedded writer
stays behind it.
"""

from __future__ import annotations

from urllib.parse import urljoin

from govrules.errors import BadRequest, Forbidden
from govrules.lexer import Token, position
from govrules.query.guard import tokens_of

_GRAPH_OPS = {"CLEAR", "DROP", "CREATE", "LOAD", "ADD", "MOVE", "COPY"}


def _block_end(tokens: list[Token], start: int) -> int:
    """Return the index just after the bracket closing the one opened at *start*."""
    depth = 0
    for index in range(start, len(tokens)):
        text = tokens[index].text if tokens[index].kind == "punct" else ""
        if text in ("{", "(", "["):
            depth += 1
        elif text in ("}", ")", "]"):
            depth -= 1
            if depth == 0:
                return index + 1
    return len(tokens)


class _Reader:
    """Resolves the IRIs of an update as the engine will: prefixes, BASE, the request IRI."""

    def __init__(self, text: str, base: str | None):
        self.text, self.base, self.prefixes = text, base, {}

    def iri(self, token: Token) -> str | None:
        if token.kind == "iri":
            iri = token.iri()
            return urljoin(self.base, iri) if self.base else iri
        if token.kind == "pname":
            prefix, local = token.text.split(":", 1)
            return self.prefixes[prefix] + local if prefix in self.prefixes else None
        return None  # a variable, DEFAULT, ALL, …

    def where(self, token: Token) -> str:
        return position(self.text, token.start)


def check_scope(text: str, prefix: str, *, base: str | None = None) -> None:
    """Refuse an update that could write a graph whose IRI does not start with *prefix*.

    :raises Forbidden: naming the operation and where it is.
    """
    tokens = tokens_of(text, "update")
    reader = _Reader(text, base)
    index, default = 0, None  # default: the graph WITH names for bare triples

    def refuse(token: Token, why: str):
        raise Forbidden(
            f"{why} (at {reader.where(token)}): a write token may change graphs under "
            f"{prefix} only; this needs an admin token"
        )

    def writable(token: Token) -> bool:
        iri = reader.iri(token)
        return iri is not None and iri.startswith(prefix)

    while index < len(tokens):
        token, word = tokens[index], tokens[index].upper if tokens[index].kind == "word" else ""
        if word == "PREFIX" and index + 2 < len(tokens) and tokens[index + 2].kind == "iri":
            reader.prefixes[tokens[index + 1].text[:-1]] = reader.iri(tokens[index + 2])
            index += 3
        elif word == "BASE" and index + 1 < len(tokens) and tokens[index + 1].kind == "iri":
            reader.base = reader.iri(tokens[index + 1])
            index += 2
        elif token.text == ";":
            index += 1
        elif word == "WITH":
            default = tokens[index + 1] if index + 1 < len(tokens) else token
            index += 2
        elif word in _GRAPH_OPS:
            index = _check_graph_op(tokens, index, writable, refuse)
            default = None
        elif word in ("INSERT", "DELETE"):
            index += 1
            if index < len(tokens) and tokens[index].upper in ("DATA", "WHERE"):
                index += 1
            if index < len(tokens) and tokens[index].text == "{":
                end = _block_end(tokens, index)
                _check_template(tokens[index + 1 : end - 1], default, writable, refuse, token)
                index = end
        elif token.text == "{":  # a WHERE pattern: read, not written
            index, default = _block_end(tokens, index), None
        else:
            index += 1


def _check_graph_op(tokens, index, writable, refuse) -> int:
    """Check one graph management operation; return the index after it."""
    op, end = tokens[index], index + 1
    while (
        end < len(tokens)
        and tokens[end].text not in (";",)
        and not (
            tokens[end].kind == "word"
            and tokens[end].upper in _GRAPH_OPS | {"INSERT", "DELETE", "WITH"}
        )
    ):
        end += 1
    words = tokens[index + 1 : end]
    names = [
        t for t in words if t.kind in ("iri", "pname") or t.upper in ("DEFAULT", "ALL", "NAMED")
    ]
    if op.upper in ("ADD", "COPY") and names:
        names = names[-1:]  # the source is only read
    if op.upper == "LOAD":
        into = [i for i, t in enumerate(words) if t.upper == "INTO"]
        names = [t for t in words[into[0] :] if t.kind in ("iri", "pname")] if into else []
        if not names:
            refuse(op, "LOAD without INTO GRAPH writes the default graph")
    if not names:
        refuse(op, f"{op.upper} names no graph")
    for name in names:
        if not writable(name):
            refuse(name, f"{op.upper} {name.text} writes outside the exports")
    return end


def _check_template(body, default, writable, refuse, op) -> None:
    """Check a template (or DATA block): every triple must fall in a writable graph."""
    index = 0
    while index < len(body):
        token = body[index]
        if token.kind == "word" and token.upper == "GRAPH":
            target = body[index + 1] if index + 1 < len(body) else token
            if not writable(target):
                refuse(target, f"{op.upper} writes the graph {target.text}")
            index += 2
            if index < len(body) and body[index].text == "{":
                index = _block_end(body, index)
        elif token.text == ".":
            index += 1
        else:
            if default is None or not writable(default):
                refuse(token, f"{op.upper} writes triples to the default graph")
            index = _skip_triples(body, index)


def _skip_triples(body, index) -> int:
    """Skip bare triples up to the next GRAPH block of a template."""
    while index < len(body) and not (body[index].kind == "word" and body[index].upper == "GRAPH"):
        index = _block_end(body, index) if body[index].text in ("(", "[") else index + 1
    return index


def with_dataset(text: str, using: list[str], using_named: list[str]) -> str:
    """Add the protocol's ``using-graph-uri``/``using-named-graph-uri`` as USING clauses.

    :raises BadRequest: if the update names its own dataset with USING or WITH.

    >>> with_dataset("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["urn:g"], [])
    'DELETE { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }'
    """
    if not using and not using_named:
        return text
    for iri in using + using_named:
        if any(c in iri for c in '<>"{}|^`\\ \t\n\r'):
            raise BadRequest(f"not an IRI: {iri!r}")
    tokens = tokens_of(text, "update")
    clauses = " ".join(
        [f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]
    )
    out, last, index = [], 0, 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "word" and token.upper in ("USING", "WITH"):
            raise BadRequest(
                f"the update names its dataset with {token.upper} (at "
                f"{position(text, token.start)}) and the request with using-graph-uri or "
                "using-named-graph-uri: use one or the other"
            )
        if token.text == "{":
            index = _block_end(tokens, index)
            continue
        if token.kind == "word" and token.upper == "WHERE":
            prev = tokens[index - 1] if index else None
            if prev is not None and prev.kind == "word" and prev.upper == "DELETE":
                end = _block_end(tokens, index + 1)
                pattern = text[tokens[index + 1].start : tokens[end - 1].end]
                out.append(text[last : token.start] + f"{pattern} {clauses} WHERE {pattern}")
                last, index = tokens[end - 1].end, end
                continue
            out.append(text[last : token.start] + clauses + " ")
            last = token.start
        index += 1
    return "".join(out) + text[last:]
