"""SPARQL text, read without a parser: what a query answers, and values bound by VALUES."""

from __future__ import annotations

import re

from rdflib.term import Identifier

from govrules.errors import QuerySyntaxError
from govrules.lexer import strip

_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_KIND = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_kind(query: str) -> str:
    """Return what a query answers: solutions, boolean or graph.

    >>> query_kind("PREFIX a: <x:> ASK { ?s ?p ?o }")
    'boolean'
    """
    found = _KIND.search(strip(query))
    word = found.group(1).upper() if found else "SELECT"
    return {"SELECT": "solutions", "ASK": "boolean"}.get(word, "graph")


def values_clause(bindings: dict[str, Identifier]) -> str:
    """Return a VALUES clause giving variables their values, terms written in N-Triples syntax.

    >>> from rdflib import Literal
    >>> values_clause({"x": Literal('a"b')})
    '\\nVALUES (?x) { ("a\\\\"b") }'
    """
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(v.n3() for v in bindings.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}"


def with_values(query: str, bindings: dict[str, Identifier]) -> str:
    """Return *query* with a VALUES block opening its WHERE clause, so the values bind first.

    (A VALUES after the query would join after grouping, which is not what binding means.)

    >>> from rdflib import URIRef
    >>> with_values("SELECT ?s WHERE { ?s ?p ?x }", {"x": URIRef("http://e/a")}).split()[4:8]
    ['VALUES', '(?x)', '{', '(<http://e/a>)']
    """
    code = strip(query)
    found = _WHERE.search(code)
    if found is None and query_kind(query) != "graph":
        found = re.compile(r"\{").search(code)  # SELECT * { … } leaves out the keyword
    if found is None:
        raise QuerySyntaxError("cannot bind values: the query has no WHERE clause")
    at = found.end()
    return query[:at] + values_clause(bindings) + "\n" + query[at:]
