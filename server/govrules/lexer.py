"""SPARQL text read as the SPARQL 1.1 grammar reads it: its terminals, in order.

Shared by the query guard, the update checks and the remote backend, so every layer reads a
query the same way, and the same way as the engine: IRIs (``IRIREF``, with ``\\u`` escapes),
prefixed names with their ``PLX`` escapes and percent-encoding (``ex:o\\#`` is one name, not a
name and a comment), strings with their escapes, comments, variables, blank node labels,
numbers, language tags and keywords.

One place needs context: ``<`` starts an IRI, except inside a parenthesised expression right
after an operand, where it is the less-than operator (``FILTER(?a<?b&&?c>3)``). Every binary
operator of SPARQL sits inside parentheses, so the lexer tracks which open parenthesis is an
expression and which a collection, a path group or a ``VALUES`` row.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = f"(?:[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?)?"
_LOCAL = f"(?:(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?)"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']"
_STR_ESC = f"(?:{_ECHAR}|{_UCHAR})"

_TERMINALS = [
    f"(?P<string>'''(?:(?:'|'')?(?:[^'\\\\]|{_STR_ESC}))*'''"
    f'|"""(?:(?:"|"")?(?:[^"\\\\]|{_STR_ESC}))*"""'
    f"|'(?:[^'\\\\\\n\\r]|{_STR_ESC})*'"
    f'|"(?:[^"\\\\\\n\\r]|{_STR_ESC})*")',
    f"(?P<pname>{_PREFIX}:{_LOCAL}?)",
    f"(?P<bnode>_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)",
    f"(?P<var>[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
    r"(?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?)",
    r"(?P<number>[0-9]+\.[0-9]*[eE][+-]?[0-9]+|[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?"
    r"|[0-9]+(?:[eE][+-]?[0-9]+)?)",
    r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
    r"(?P<end>\Z)",
]
# Punctuation first (no other terminal starts with these), '.' and signs last (numbers do).
_PUNCT = r"(?P<punct>\^\^|\|\||&&|!=|<=|>=|<<\(|\)>>|<<|>>|\{\||\|\}|[{}()\[\],;*/!=<>^|~])"
_PUNCT_AFTER_OPERAND = _PUNCT.replace(r"<<\(|", "").replace("|<<|", "|")
_DOT = r"(?P<dot>[.+\-])"
# White space and comments, then one terminal: one match per token. Where '<' can only be the
# operator, the IRIREF alternative is left out.
_SKIP = r"(?:[ \t\r\n]+|#[^\r\n]*)*"
_IRI = f'(?P<iri><(?:[^<>"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*>)'
_TOKEN = re.compile(_SKIP + "(?:" + "|".join([_IRI, _PUNCT, *_TERMINALS, _DOT]) + ")")
_TOKEN_AFTER_OPERAND = re.compile(
    _SKIP + "(?:" + "|".join([_PUNCT_AFTER_OPERAND, *_TERMINALS, _DOT]) + ")"
)
_SKIP_ONLY = re.compile(_SKIP)
_UNESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_OPERAND_END = {"iri", "pname", "var", "string", "number", "bnode", "langtag"}
_NOT_EXPRESSION_AFTER = {"VALUES", "A"}  # a (…) after these is a variable list or a collection
_EXPRESSION_CLAUSES = {"SELECT", "BY", "HAVING"}
_CLAUSE_ENDS = {"WHERE", "FROM", "LIMIT", "OFFSET", "VALUES", "GROUP", "ORDER", "HAVING"}


class LexError(ValueError):
    """Text that is no sequence of SPARQL terminals; *index* is where it stops."""

    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.index = index


class Token(NamedTuple):
    """One terminal: its kind, the text as written and where it starts and ends."""

    kind: str  # iri, pname, bnode, var, string, langtag, number, word, punct
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        """Return the text upper-cased (keywords are case-insensitive, except ``a``)."""
        return self.text.upper()

    def iri(self) -> str:
        """Return the IRI of an ``iri`` token with its ``\\u`` escapes decoded."""
        return unescape(self.text[1:-1])

    def prefix(self) -> str:
        """Return the prefix of a ``pname`` token (without the colon)."""
        return self.text.split(":", 1)[0]


def unescape(text: str) -> str:
    r"""Decode ``\uXXXX`` and ``\UXXXXXXXX`` escapes.

    >>> unescape(r"\u0068ttp")
    'http'
    """
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def string_value(text: str) -> str:
    r"""Return the value of a string token (quotes removed, escapes decoded).

    >>> string_value(r"'a\tb'")
    'a\tb'
    """
    body = text[3:-3] if text[:3] in ("'''", '"""') else text[1:-1]
    return re.sub(
        r"\\([tbnrf\\\"'])|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
        lambda m: _ECHARS[m.group(1)] if m.group(1) else chr(int(m.group(2) or m.group(3), 16)),
        body,
    )


def position(text: str, index: int) -> str:
    """Return 'line L, column C' (both from 1) of *index* in *text*.

    >>> position("a\\nbc", 3)
    'line 2, column 2'
    """
    line = text.count("\n", 0, index) + 1
    return f"line {line}, column {index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def tokenize(text: str) -> list[Token]:
    """Return the terminals of *text*, comments and white space left out.

    :raises LexError: at the first character that starts no terminal.

    >>> [t.text for t in tokenize("PREFIX ex: <urn:x/> ASK { ex:o\\\\# ?p 1 } # c")]
    ['PREFIX', 'ex:', '<urn:x/>', 'ASK', '{', 'ex:o\\\\#', '?p', '1', '}']
    >>> [t.kind for t in tokenize("FILTER(?a<?b&&?c>3)")][3:6]
    ['punct', 'var', 'punct']
    """
    out: list[Token] = []
    # The open brackets: '{', '[', or '(' marked as expression ('e') or not ('('); '<<' too.
    stack: list[str] = []
    clause = False  # inside SELECT's projection, GROUP BY, ORDER BY or HAVING
    pending = False  # after FILTER: its constraint (a call or a bracketted expression) is next
    index = 0
    while True:
        prev = out[-1] if out else None
        operator = (
            stack
            and stack[-1] == "e"
            and prev is not None
            and (prev.kind in _OPERAND_END or prev.text in (")", "]") or _is_literal_word(prev))
        )
        found = (_TOKEN_AFTER_OPERAND if operator else _TOKEN).match(text, index)
        if found is None:
            at = _SKIP_ONLY.match(text, index).end()
            raise LexError(f"unexpected {text[at]!r} at {position(text, at)}", at)
        kind = found.lastgroup
        if kind == "end":
            return out
        if kind == "dot":
            kind = "punct"
        start, index = found.start(found.lastgroup), found.end()
        value = text[start:index]
        token = Token(kind, value, start, index)
        if kind == "word":
            upper = value.upper()
            if upper in _EXPRESSION_CLAUSES:
                clause = True
            elif upper in _CLAUSE_ENDS:
                clause = False
            if upper == "FILTER":
                pending = True
        elif kind != "punct":
            pass
        elif value in ("(", "<<("):
            stack.append("e" if _opens_expression(out, stack, clause, pending) else "(")
            pending = False
        elif value in ("{", "[", "<<", "{|"):
            stack.append(value)
            clause = clause and value == "["
        elif value in (")", "}", "]", ">>", ")>>", "|}"):
            if stack:
                stack.pop()
            if value == "}":
                clause = False
        out.append(token)
    return out


def _is_literal_word(token: Token) -> bool:
    return token.kind == "word" and token.upper in ("TRUE", "FALSE")


def _opens_expression(out: list[Token], stack: list[str], clause: bool, pending: bool) -> bool:
    """Tell whether a '(' about to be pushed opens an expression (or an argument list)."""
    if stack and stack[-1] == "e":
        return True
    prev = out[-1] if out else None
    if prev is None:
        return False
    if prev.kind == "word":
        return prev.upper not in _NOT_EXPRESSION_AFTER
    if prev.kind in ("iri", "pname"):
        return pending or clause  # a function call, else a collection after a predicate
    return clause


def strip(query: str) -> str:
    """Return *query* with comments, strings and IRIs blanked out (kept the same length).

    Text that is no SPARQL is blanked from where it stops being SPARQL.

    >>> strip('SELECT * { ?s ?p "a{b" } # }')
    'SELECT * { ?s ?p       }    '
    """
    try:
        tokens = tokenize(query)
        stop = len(query)
    except LexError as exc:
        tokens, stop = tokenize(query[: exc.index]), exc.index
    chars = [" "] * len(query)
    for token in tokens:
        if token.kind not in ("iri", "string"):
            chars[token.start : token.end] = token.text
    del chars[stop:]
    return "".join(chars).ljust(len(query))
