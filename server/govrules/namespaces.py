"""Every namespace the project uses, and the one prefix mapping.

No other module spells out a project IRI: IRIs are built from ``BASE`` and the
helpers below, so a deployment can change the base in one place.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

DEFAULT_BASE = "https://w3id.org/govrules/"

GWR = Namespace(DEFAULT_BASE + "ontology#")
GWRSH = Namespace(DEFAULT_BASE + "shapes#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

ID = Namespace(DEFAULT_BASE + "id/")
CONCEPT = Namespace(DEFAULT_BASE + "concept/")
GRAPH = Namespace(DEFAULT_BASE + "graph/")
ELI_BASE = Namespace(DEFAULT_BASE + "eli/")

PREFIXES = {
    "gwr": str(GWR),
    "gwrsh": str(GWRSH),
    "eli": str(ELI),
    "org": str(ORG),
    "odrl": str(ODRL),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "void": str(VOID),
    "sd": str(SD),
    "foaf": str(FOAF),
    "concept": str(CONCEPT),
}


def sparql_prologue(prefixes: dict[str, str] = PREFIXES) -> str:
    """Return PREFIX declarations for *prefixes*, one per line.

    >>> sparql_prologue({"ex": "http://example.org/"})
    'PREFIX ex: <http://example.org/>\\n'
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())


def bind_prefixes(graph) -> None:
    """Bind the project prefixes on an rdflib graph or dataset."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)


def body_iri(jurisdiction: str, slug: str, *, base: str = DEFAULT_BASE) -> str:
    """Return the IRI of a public body of a jurisdiction.

    >>> body_iri("330382", "justice-bureau")
    'https://w3id.org/govrules/id/cn/330382/body/justice-bureau'
    """
    return f"{base}id/cn/{jurisdiction}/body/{slug}"


def post_iri(jurisdiction: str, slug: str, *, base: str = DEFAULT_BASE) -> str:
    """Return the IRI of a post of a jurisdiction.

    >>> post_iri("330382", "mayor")
    'https://w3id.org/govrules/id/cn/330382/post/mayor'
    """
    return f"{base}id/cn/{jurisdiction}/post/{slug}"


def concept_iri(scheme: str, slug: str, *, base: str = DEFAULT_BASE) -> str:
    """Return the IRI of a generic concept in a scheme.

    >>> concept_iri("meeting-type", "executive-meeting")
    'https://w3id.org/govrules/concept/meeting-type/executive-meeting'
    """
    return f"{base}concept/{scheme}/{slug}"


def document_iri(jurisdiction: str, doc_type: str, year: str, *, base: str = DEFAULT_BASE) -> str:
    """Return the ELI-style IRI of a work-rules document.

    >>> document_iri("330382", "work-rules", "2020")
    'https://w3id.org/govrules/eli/cn/330382/work-rules/2020'
    """
    return f"{base}eli/cn/{jurisdiction}/{doc_type}/{year}"


def work_iri(jurisdiction: str, doc_type: str, year: str, *, base: str = DEFAULT_BASE) -> str:
    """Return the IRI of a work (``eli:LegalResource``): the same as its document IRI.

    >>> work_iri("100000", "rules-of-procedure", "1987")
    'https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987'
    """
    return document_iri(jurisdiction, doc_type, year, base=base)


def version_iri(work: str, date: str) -> str:
    """Return the IRI of the dated version of a work (the text produced by the event of *date*).

    >>> version_iri("https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987", "2022-06-24")
    'https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987/2022-06-24'
    """
    return f"{work.rstrip('/')}/{date}"


def event_iri(work: str, date: str, kind: str) -> str:
    """Return the IRI of an event in the life of a work (adoption, amendment, revision …).

    >>> event_iri("https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987",
    ...           "2009-04-24", "amended")
    'https://w3id.org/govrules/eli/cn/100000/rules-of-procedure/1987/event/2009-04-24-amended'
    """
    return f"{work.rstrip('/')}/event/{date}-{kind}"


def graph_iri(kind: str, name: str = "", *, base: str = DEFAULT_BASE) -> str:
    """Return the IRI of a named graph.

    >>> graph_iri("rules", "330382-work-rules-2020")
    'https://w3id.org/govrules/graph/rules/330382-work-rules-2020'
    >>> graph_iri("inferred")
    'https://w3id.org/govrules/graph/inferred'
    """
    return f"{base}graph/{kind}/{name}" if name else f"{base}graph/{kind}"
