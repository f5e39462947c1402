"""Queries whose cost is bounded by their shape, so they may skip the hop to a worker process.

A worker process exists for two reasons: a query may run past the time limit (only killing a
process stops the engine) and a query may crash the engine. Neither can happen to the shapes
accepted here, which the serving process answers itself:

- ``ASK`` over at most one triple pattern: the engine stops at the first match of one index
  range (a prefix seek; distinct variables only, so no row is filtered out after the seek);
- ``SELECT`` of variables, ``*`` or ``(COUNT(*) AS ?n)`` over at most one triple pattern with a
  constant subject (at most that subject's triples: one index range), or of variables with a
  ``LIMIT`` of at most :data:`MAX_LIMIT` rows;
- ``DESCRIBE`` of at most :data:`MAX_DESCRIBED` IRIs, without ``WHERE``: the triples about them.

Anything else (a second pattern, a path, ``FILTER``, ``OPTIONAL``, ``ORDER BY``, ``OFFSET``, a
nested group, a sub-query …) goes to a worker. The classifier reads the text lexically and costs
microseconds; a query it cannot read is not cheap.
"""

from __future__ import annotations

import re

MAX_LIMIT = 1000
MAX_DESCRIBED = 10

_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^<>\s]*>)*", re.I
)
_IRI = r"<[^<>\"{}|^`\\\s]*>"
_PNAME = r"[A-Za-z][\w.-]*:[\w-]*(?:[\w.-]*[\w-])?|:[\w-]*(?:[\w.-]*[\w-])?"
_CONSTANT = rf"{_IRI}|{_PNAME}"
_LITERAL = (
    r"\"(?:[^\"\\\n]|\\.)*\"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:" + _CONSTANT + r"))?"
    r"|'(?:[^'\\\n]|\\.)*'(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:" + _CONSTANT + r"))?"
    r"|[+-]?\d+(?:\.\d+)?"
)
_VAR = r"[?$]\w+"
_SUBJECT = rf"(?P<s>{_VAR}|{_CONSTANT})"
_PREDICATE = rf"(?P<p>{_VAR}|{_CONSTANT}|a)"
_OBJECT = rf"(?P<o>{_VAR}|{_CONSTANT}|{_LITERAL})"
_PATTERN = re.compile(rf"\s*(?:{_SUBJECT}\s+{_PREDICATE}\s+{_OBJECT}\s*\.?\s*)?", re.S)
_ASK = re.compile(r"ASK\s*(?:WHERE\s*)?\{(?P<body>.*)\}\s*$", re.I | re.S)
_SELECT = re.compile(
    r"SELECT\s+(?P<projection>\*|(?:[?$]\w+\s*)+|\(\s*COUNT\s*\(\s*\*\s*\)\s+AS\s+[?$]\w+\s*\))"
    r"\s*(?:WHERE\s*)?\{(?P<body>[^{}]*)\}\s*(?:LIMIT\s+(?P<limit>\d+)\s*)?$",
    re.I | re.S,
)
_DESCRIBE = re.compile(rf"DESCRIBE\s+(?P<terms>(?:(?:{_CONSTANT})\s*)+)$", re.I | re.S)


def _pattern(body: str) -> re.Match | None:
    """Return the match of at most one triple pattern filling *body*, or None."""
    found = _PATTERN.fullmatch(body)
    if found is None:
        return None
    variables = [t for t in found.group("s", "p", "o") if t and t[0] in "?$"]
    if len(set(variables)) != len(variables):
        return None  # a repeated variable filters after the index seek: not bounded by it
    return found


def is_cheap(query: str) -> bool:
    """Tell whether *query* has one of the bounded shapes of this module.

    >>> is_cheap("ASK {}"), is_cheap("ASK { ?s ?p ?o }"), is_cheap("ASK { ?s ?p ?s }")
    (True, True, False)
    >>> is_cheap("PREFIX e: <http://e/> SELECT (COUNT(*) AS ?n) { e:r1 ?p ?o }")
    True
    >>> is_cheap("SELECT ?s { ?s a <http://e/C> }"), is_cheap("SELECT ?s { ?s a ?c } LIMIT 10")
    (False, True)
    >>> is_cheap("DESCRIBE <http://e/r1>"), is_cheap("SELECT * { ?s ?p ?o . ?o ?q ?r }")
    (True, False)
    """
    start = _PROLOGUE.match(query).end()
    rest = query[start:]
    ask = _ASK.match(rest)
    if ask:
        return _pattern(ask.group("body")) is not None
    select = _SELECT.match(rest)
    if select:
        found = _pattern(select.group("body"))
        if found is None:
            return False
        limit = select.group("limit")
        constant_subject = found.group("s") is not None and found.group("s")[0] not in "?$_"
        if select.group("projection").lstrip().startswith("("):
            return constant_subject  # COUNT reads the whole range: only one subject's
        return constant_subject or (limit is not None and int(limit) <= MAX_LIMIT)
    describe = _DESCRIBE.match(rest)
    if describe:
        terms = re.findall(_CONSTANT, describe.group("terms"))
        return 0 < len(terms) <= MAX_DESCRIBED and not any(t.startswith("_") for t in terms)
    return False
