"""How deep an upload nests, measured before any parser sees it, in time linear in its size.

The parsers recurse (pyoxigraph's JSON-LD parser died of SIGSEGV at 10,000 levels), so depth
is checked first. Each format's structure is reduced to brackets with C-speed regex and byte
operations (strings, IRIs, escapes and comments removed: ``ex:a\\#b`` is a name, not a
comment), then innermost pairs are removed pass by pass up to the limit.
"""

from __future__ import annotations

import re

# Each opaque piece runs to its end, or to the end of the data (or line) when it has none:
# every match attempt succeeds and consumes, so a scan is linear on any input.
_JSON_OPAQUE = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.S)
_TURTLE_OPAQUE = re.compile(
    rb'"""(?:[^"\\]|\\.|"(?!""))*+(?:"""|\\?\Z)'
    rb"|'''(?:[^'\\]|\\.|'(?!''))*+(?:'''|\\?\Z)"
    rb'|"[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+(?:"|(?=[\n\r])|\\?\Z)'
    rb"|'[^'\\\n\r]*+(?:\\.[^'\\\n\r]*+)*+(?:'|(?=[\n\r])|\\?\Z)"
    rb"|<[^<>\s]*+>|\\.|#[^\n\r]*+",
    re.S,
)
_OPENERS, _CLOSERS = b"[{(", b"]})"
_AS_PARENS = bytes.maketrans(_OPENERS + _CLOSERS, b"(((" + b")))")
_NOT_BRACKETS = bytes(c for c in range(256) if c not in _OPENERS + _CLOSERS)
# XML: a tag cannot hold '<', nor can its quoted values, so no match runs past the next '<'.
_XML_TAG = r"""<(?![/!?])[^<>"'/]*+(?:(?:"[^"<]*+"|'[^'<]*+'|/(?!>))[^<>"'/]*+)*+"""
_XML_SELF_CLOSING = re.compile(_XML_TAG + "/>")
_XML_OPEN = re.compile(_XML_TAG + ">")
_XML_CLOSE = re.compile(r"</[^<>]*>")
_XML_OPAQUE = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<\?.*?(?:\?>|\Z)|<![^>]*+(?:>|\Z)", re.S
)


def depth(structure: bytes, limit: int) -> int | None:
    """Return how deep the brackets of *structure* nest, or None if deeper than *limit*.

    An opener never closed counts as a level.

    >>> depth(b"{[()]}[]", 5), depth(b"[[[[", 3), depth(b"[" * 10 + b"]" * 10, 9)
    (3, None, None)
    """
    brackets = structure.translate(_AS_PARENS, _NOT_BRACKETS)
    passes = 0
    while b"()" in brackets:
        if passes == limit:
            return None
        brackets, passes = brackets.replace(b"()", b""), passes + 1
    found = passes + brackets.count(b"(")
    return found if found <= limit else None


def json_structure(data: bytes) -> bytes:
    """Return the brackets of JSON *data*, its strings left out.

    >>> json_structure(b'{"a": [[1], "[[[\\\\"]"]}')
    b'{[[]]}'
    """
    return _JSON_OPAQUE.sub(b"", data).translate(None, _NOT_BRACKETS)


def turtle_structure(data: bytes) -> bytes:
    """Return the brackets of Turtle (or TriG) *data*: strings, IRIs, escapes, comments left out.

    >>> turtle_structure(b'ex:a\\\\#b ex:p [ ex:q "]" ] . # ((')
    b'[]'
    """
    return _TURTLE_OPAQUE.sub(b"", data).translate(None, _NOT_BRACKETS)


def xml_structure(text: str) -> bytes:
    """Return the elements of XML *text* as brackets: '(' per opening tag, ')' per closing one.

    >>> xml_structure('<a x="/>"><b/><c><!-- <d> --></c>(</a>')
    b'(())'
    """
    markup = _XML_OPAQUE.sub("", text).replace("(", "").replace(")", "")
    markup = _XML_SELF_CLOSING.sub("", markup)
    markup = _XML_CLOSE.sub(")", _XML_OPEN.sub("(", markup))
    return re.sub(r"[^()]+", "", markup).encode("ascii")
