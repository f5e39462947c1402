"""Shortcuts: read from N-Quads, only the lines whose predicate a pattern uses are loaded."""

import re

from govrules.knowledge.shortcuts import READ, SHORTCUTS, _read, derive
from govrules.namespaces import PREFIXES

GWR = "https://w3id.org/govrules/ontology#"
ACTION = "https://w3id.org/govrules/concept/action/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_every_predicate_of_a_pattern_is_read():
    for name, query in SHORTCUTS.items():
        where = query.split("WHERE", 1)[1]
        used = {
            f"{PREFIXES[p]}{local}" for p, local in re.findall(r"\b(gwr|odrl):([a-z]\w*)", where)
        }
        used.add(RDF_TYPE)  # "a"
        read = {r.decode().strip()[1:-1] for r in READ}
        assert used <= read, name


def test_lines_of_other_predicates_are_left_out_and_the_shortcut_still_follows():
    g = "<urn:graph>"
    lines = [
        f"<urn:n> <{RDF_TYPE}> <{GWR}Obligation> {g} .",
        f"<urn:n> <http://www.w3.org/ns/odrl/2/action> <{ACTION}report> {g} .",
        f"<urn:n> <{GWR}binds> <urn:a> {g} .",
        f"<urn:n> <{GWR}counterparty> <urn:b> {g} .",
        f'<urn:n> <{GWR}text> "向 <urn:x> 报告" {g} .',
        f'<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "市长"@zh {g} .',
    ]
    data = "\n".join(lines).encode() + b"\n"
    assert _read(data).decode().splitlines() == lines[:4]
    shortcut = [(str(s), str(p), str(o)) for s, p, o in derive(data)]
    assert shortcut == [("urn:a", f"{GWR}mustReportTo", "urn:b")]
