"""Names of RDF formats shared by the backends and the protocol layer."""

# The rdflib serialiser name of each graph format key.
RDFLIB_NAMES = {
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
    "trig": "trig",
    "nquads": "nquads",
}
