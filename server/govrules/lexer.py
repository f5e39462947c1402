"""SPARQL text read lexically: what is code and what is a string, an IRI or a comment.

Shared by the query guard, the update checks and the remote backend, so every layer reads a
query the same way.
"""

from __future__ import annotations

import re

# A token stream good enough to skip what can contain braces or keywords:
# comments, IRIs, long and short strings.
_SKIP = re.compile(
    r"""#[^\n]*|<[^<>"{}|^`\\\s]*>|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\"""",
)


def strip(query: str) -> str:
    """Return *query* with comments, strings and IRIs blanked out (kept the same length).

    >>> strip('SELECT * { ?s ?p "a{b" } # }')
    'SELECT * { ?s ?p       }    '
    """
    return _SKIP.sub(lambda m: " " * len(m.group(0)), query)
