"""What the fuzz suite sends: strategies for hostile queries, updates, uploads and graph IRIs,
and a tally of the answers.

Inputs start from valid SPARQL and RDF and are mutated with the fragments known to confuse a
reader (escaped '#', comments, '<' that may be an IRI or an operator, keywords glued to names,
codepoint escapes, deep nesting, entity declarations), with SERVICE and LOAD aimed at the
listener on 127.0.0.1.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field

from hypothesis import strategies as st

from ..unit.test_lexer_w3c import POSITIVE, UPDATES

EXPORT = "https://w3id.org/govrules/graph/exports/fuzz"
RULES = "https://w3id.org/govrules/graph/rules/330382-work-rules-2020"


def fragments(url: str) -> list[str]:
    """Return the pieces spliced into valid text."""
    return [
        "\\#",
        "ex:o\\#",
        "#",
        "# }\n",
        "\n",
        "<",
        ">",
        "{",
        "}",
        "(",
        ")",
        "[",
        "'",
        '"',
        '"""',
        "\\u0041",
        "\\",
        f"SERVICE <{url}> {{ ?s ?p ?o }}",
        f"SERVICE<{url}>{{}}",
        f"SERVICE SILENT <{url}> {{}}",
        "SERVICE:x {}",
        "SERVICEex:x {}",
        f"LOAD <{url}>",
        "LOADex:x",
        f"BASE <{url}>",
        f"PREFIX ex: <{url}#>",
        "FILTER(?o<?s)",
        "{ " * 300,
        "( " * 300,
        "[ <urn:p> " * 300,
        "DESCRIBE " + " ".join(f"<urn:x{i}>" for i in range(600)),
        "\x00",
        "\u202e",
        "城市",
    ]


def mutated(texts: list[str], url: str) -> st.SearchStrategy[str]:
    """Valid texts with fragments inserted at random places."""
    pieces = fragments(url)

    @st.composite
    def build(draw) -> str:
        text = draw(st.sampled_from(texts))
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + " " + draw(st.sampled_from(pieces)) + " " + text[at:]
        if draw(st.booleans()):
            text = "PREFIX ex: <urn:x/> " + text
        return text

    return build()


def queries(url: str) -> st.SearchStrategy[str]:
    return mutated(POSITIVE, url) | st.text(max_size=200)


def updates(url: str) -> st.SearchStrategy[str]:
    ours = [
        f"INSERT DATA {{ GRAPH <{EXPORT}> {{ <urn:s> <urn:p> 1 }} }}",
        f"DROP GRAPH <{RULES}>",
        "DROP ALL",
        "CLEAR DEFAULT",
        f"DELETE WHERE {{ GRAPH <{RULES}> {{ ?s ?p ?o }} }}",
        f"WITH <{RULES}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    ]
    return mutated(UPDATES + ours, url)


TURTLE = b'@prefix ex: <urn:x/> .\nex:a ex:p "v" , [ ex:q ( 1 2 ) ] .\n'
JSONLD = b'{"@id": "urn:a", "urn:p": [{"@value": "v"}, {"@id": "urn:b"}]}'
RDFXML = (
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    b'xmlns:e="urn:e#"><rdf:Description rdf:about="urn:x"><e:p>v</e:p></rdf:Description></rdf:RDF>'
)
MEDIA = {
    "text/turtle": TURTLE,
    "application/n-triples": b'<urn:a> <urn:p> "v" .\n',
    "application/ld+json": JSONLD,
    "application/json": JSONLD,
    "application/rdf+xml": RDFXML,
}


@st.composite
def uploads(draw, url: str) -> tuple[str, bytes]:
    """A media type and a body: a valid sample, mutated, nested deep or declaring entities."""
    media = draw(st.sampled_from([*MEDIA, "text/plain", "application/xml"]))
    body = MEDIA.get(media, TURTLE)
    kind = draw(st.sampled_from(["mutate", "deep", "entities", "context", "bytes"]))
    if kind == "deep":
        depth = draw(st.sampled_from([150, 600, 5000, 20000]))
        if media in ("application/ld+json", "application/json"):
            body = b'{"@id": "urn:a", "urn:p": ' + b"[" * depth + b"1" + b"]" * depth + b"}"
        else:
            body = b"<urn:a> <urn:p> " + b"[ <urn:p> " * depth + b"1" + b" ]" * depth + b" ."
    elif kind == "entities":
        body = (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;">'
            b'<!ENTITY c SYSTEM "'
            + url.encode()
            + b'">]>'
            + RDFXML[21:].replace(b">v<", b">&b;&c;<")
        )
    elif kind == "context":
        body = b'{"@context": "' + url.encode() + b'", "@id": "urn:a", "p": 1}'
    elif kind == "bytes":
        body = draw(st.binary(max_size=300))
    else:
        data = bytearray(body)
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(
                st.sampled_from([b"\\#", b"#", b"[", b"{", b'"', b"<", b"\x00", b"\xff"])
            )
        body = bytes(data)
    return media, body


def graph_iris() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),
        st.builds(lambda c: f"urn:x:a{c}b", st.sampled_from(list(' \t\n\x00<>"{}|^`\\%'))),
        st.just(EXPORT),
        st.just(RULES),
    )


@dataclass
class Tally:
    """Counts of what the fuzz suite sent and got back."""

    statuses: collections.Counter = field(default_factory=collections.Counter)
    routes: collections.Counter = field(default_factory=collections.Counter)

    def add(self, route: str, status: int) -> None:
        self.statuses[status] += 1
        self.routes[route] += 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500)

    def summary(self, hits: int) -> str:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        routes = ", ".join(f"{r}: {n}" for r, n in sorted(self.routes.items()))
        return (
            f"fuzz: {self.requests} requests; statuses {statuses}; "
            f"5xx {self.server_errors}; outbound hits {hits}; routes {routes}"
        )
