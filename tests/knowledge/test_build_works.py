"""Works without curated norms, built apart in worker processes: same bytes, same closure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govrules import namespaces as ns
from govrules.errors import BuildError
from govrules.knowledge import catalog as cat
from govrules.knowledge.build import assemble, gather, infer_split
from govrules.knowledge.checks import (
    ShapeCheck,
    check_part,
    check_rest,
    subject_of,
    type_lines,
)
from govrules.knowledge.importer import import_texts
from govrules.knowledge.quads import strip_graphs
from govrules.knowledge.shortcuts import derive
from govrules.knowledge.works import jobs_for, owner

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def plain_corpus(tmp_path_factory) -> Path:
    """Yueqing (curated) and eight rules of procedure imported anew: no curated norms."""
    where = tmp_path_factory.mktemp("plain")
    data = where / "data"
    (data / "source").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "org", data / "org")
    shutil.copytree(ROOT / "data" / "norms", data / "norms")
    shutil.copy(
        ROOT / "data" / "source" / "yueqing-government-work-rules-2020.txt", data / "source"
    )
    full = cat.read(ROOT / "data")
    orgs = [o for o in full.organisations if o["id"] == "330382"]
    cat.write(cat.Catalog([full.find("330382-work-rules-2020")], orgs), data)
    copies = where / "copies"
    copies.mkdir()
    texts = sorted((ROOT / "data" / "source").glob("*议事规则*.md"))[:8]
    for n, path in enumerate(texts):
        head, _, rest = path.read_text(encoding="utf-8").partition("\n")
        title = head.lstrip("# ").strip().removeprefix("中华人民共和国")
        target = copies / f"copy-{n}.md"
        target.write_text(f"# 副本{title}\n{rest}", encoding="utf-8")
        outcomes = import_texts([target], data, jurisdiction=f"9900{n:02d}")
        assert all(o.ok for o in outcomes), outcomes
    return data


@pytest.fixture(scope="module")
def in_one(plain_corpus):
    return assemble(ROOT, data_dir=plain_corpus, jobs=1)


def test_the_plain_works_are_built_by_two_processes_into_the_same_bytes(plain_corpus, in_one):
    assert jobs_for(8, 2) == 2
    lines: list[str] = []
    in_two = assemble(ROOT, data_dir=plain_corpus, jobs=2, progress=lines.append)
    assert "works: 8 without curated norms, built and checked in 2 process(es)" in lines
    assert in_two.nquads() == in_one.nquads()


def test_the_closure_is_the_one_of_the_whole_graph(plain_corpus, in_one):
    """What the works' data rules derive equals the split reasoning over every graph at once."""
    graphs = gather(ROOT, data_dir=plain_corpus)
    expected = set(infer_split(graphs))
    inferred = set(in_one.graphs[ns.graph_iri("inferred")])
    shortcuts = set(derive(b"".join(in_one.quads_of(n) for n in in_one.graphs)))
    assert inferred - shortcuts == expected
    # The drafted norms of the plain works are closed too (their modality's superclasses).
    drafted = [t for t in expected if "/norm/draft/" in str(t[0]) and t[2] == ns.GWR.Norm]
    assert len(drafted) > 100


def test_graphs_of_plain_works_are_read_only_when_asked_for(in_one):
    name = next(n for n in in_one.graphs if n.startswith(ns.graph_iri("rules") + "/99"))
    size = in_one.sizes()[name]
    assert size > 500
    assert len(in_one.graphs[name]) == size  # read from its N-Quads on first use


def test_a_plain_work_that_does_not_parse_fails_the_build_naming_its_file(plain_corpus, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(plain_corpus, data)
    entry = next(e for e in cat.read(data).documents if e.jurisdiction.startswith("99"))
    (data / entry.sources[0]).write_text("这不是一份规则。\n", encoding="utf-8")
    with pytest.raises(BuildError, match=entry.sources[0].rsplit("/", 1)[-1]):
        assemble(ROOT, data_dir=data, jobs=2, shapes_check=False)


def test_the_plain_works_are_checked_where_they_are_built(plain_corpus):
    lines: list[str] = []
    assemble(ROOT, data_dir=plain_corpus, jobs=2, progress=lines.append)
    assert "self-check: conforms (8 works checked apart, then the rest)" in lines


GWR = "https://w3id.org/govrules/ontology#"


def _nt(result) -> list[bytes]:
    shapes = ns.graph_iri("shapes")
    data = strip_graphs(result.quads_of(n) for n in result.graphs if n != shapes)
    return sorted(set(data.splitlines(keepends=True)))


def test_checking_in_parts_finds_what_one_check_of_the_whole_finds(plain_corpus, in_one):
    """Faults in plain works, in the curated part and across them: the parts find each one."""
    entries = [e for e in cat.read(plain_corpus).documents if e.jurisdiction.startswith("99")]
    lines = _nt(in_one)
    first, second = owner(entries[0]), owner(entries[1])
    article = next(x for x in lines if first(subject_of(x)) and f"{GWR}text>".encode() in x)
    draft = next(x for x in lines if second(subject_of(x)) and f"{GWR}bearer>".encode() in x)
    curated = next(x for x in lines if b"/330382/work-rules/2020/art_7> " in x and b"#text>" in x)
    faulty = [x for x in lines if x not in (article, draft, curated)]
    # A plain work that says a body of the curated part is a norm (with no bearer, no action).
    body = b"<https://w3id.org/govrules/id/cn/330382/body/cppcc>"
    across = body + b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <" + GWR.encode()
    across += b"Norm> .\n"
    faulty.append(across)
    # A norm of a plain work borne by a post of the curated part: right, if its type is known.
    bearer = f"{GWR}bearer>".encode()
    other = next(x for x in faulty if first(subject_of(x)) and bearer in x)
    mayor = b"<https://w3id.org/govrules/id/cn/330382/post/mayor>"
    faulty[faulty.index(other)] = subject_of(other) + b" <" + bearer + b" " + mayor + b" .\n"
    faults = {subject_of(x).decode().strip("<>") for x in (article, draft, curated, across)}
    # And says of that body something about one of its own nodes (as a shortcut may).
    pointing = body + f" <{GWR}mustApprove> ".encode() + subject_of(other) + b" .\n"
    faulty.append(pointing)

    shapes = ShapeCheck(ROOT / "shapes" / "ontology")
    whole = {f[:3] for f in shapes.findings(b"".join(faulty))}
    assert {f for f, _, _ in whole} == faults

    # Each plain work's part: the triples about its nodes; and one said of a curated node.
    owners = {e.id: owner(e) for e in entries}
    parts: dict[str, list[bytes]] = {e.id: [] for e in entries}
    rest = []
    for x in faulty:
        part = next((i for i, owns in owners.items() if owns(subject_of(x))), None)
        if x is across or x is pointing:
            part = entries[0].id
        (rest if part is None else parts[part]).append(x)
    assert all(len(p) > 1000 for p in parts.values())

    types = type_lines(rest)
    found, reports = [], []
    for entry in entries:
        report = check_part(parts[entry.id], owners[entry.id], types, shapes)
        found += report.findings
        reports.append(report)
    assert pointing in reports[0].outside.splitlines(keepends=True)
    own = [b"".join(p) for p in parts.values()]
    found += check_rest(rest, reports, shapes, own)
    assert {f[:3] for f in found} == whole
    # Without the curated part's types, the norm borne by the mayor would be a false alarm.
    alone = check_part(parts[entries[0].id], owners[entries[0].id], {}, shapes).findings
    assert subject_of(other).decode().strip("<>") in {f[0] for f in alone}
