"""Generated exports break exactly the rules their manifest says, as the compliance shapes find."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from govrules.compliance.validation import knowledge_from_graphs, validate
from govrules.generator import RULES, generate
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def knowledge(built):
    return knowledge_from_graphs(built.graphs, ROOT)


def findings(export, knowledge) -> Counter:
    upload = ox.Store()
    upload.bulk_load(export.data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    outcome = validate(upload, knowledge, engine="fast")
    return Counter((f.focus, f.shape.rsplit("#", 1)[-1]) for f in outcome.findings)


@pytest.mark.parametrize("seed", [1, 2])
def test_findings_are_exactly_the_manifest(knowledge, seed):
    export = generate(records=2000, violations=0.04, seed=seed)
    found = findings(export, knowledge)
    assert set(r for _, r in found) == set(RULES)
    assert found == export.expected()


def test_an_export_without_violations_conforms(knowledge):
    assert findings(generate(records=1000, seed=3), knowledge) == Counter()
