"""Turn validation findings into a report people and programs can read.

Every result is enriched from the knowledge graph and the shapes graph: the shape's messages in
zh and en, its severity, the norms it enforces, and each cited paragraph with its citation
label, text and IRI. Results are grouped by record, and counted per article. The same report
renders as JSON, text, HTML or a SHACL report graph (Turtle, JSON-LD).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.util import from_n3

from govrules.compliance.validation import Knowledge, Outcome
from govrules.namespaces import ELI, GWR, SH, bind_prefixes

SEVERITIES = ("Violation", "Warning", "Info")
_ARTICLE_NUMBER = re.compile(r"/art_(\d+)$")


def _labels(graph: Graph, node) -> dict[str, str]:
    return {lit.language: str(lit) for lit in graph.objects(node, RDFS.label) if lit.language}


def provision(graph: Graph, paragraph: URIRef) -> dict:
    """Return a paragraph's citation labels, text, IRI and article.

    :returns: ``{"iri", "label": {zh, en}, "text", "article": {"iri", "label"}}``.
    """
    article = graph.value(paragraph, ELI.is_part_of)
    return {
        "iri": str(paragraph),
        "label": _labels(graph, paragraph),
        "text": str(graph.value(paragraph, GWR.text) or ""),
        "article": {"iri": str(article), "label": _labels(graph, article)} if article else None,
    }


def shape_info(knowledge: Knowledge) -> dict[str, dict]:
    """Return, per shape IRI, what a report says about it (messages, norms, provisions)."""
    shapes, graph = knowledge.shapes, knowledge.graph()
    info = {}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        messages = {m.language: str(m) for m in shapes.objects(shape, SH.message)}
        paragraphs = sorted(shapes.objects(shape, GWR.hasLegalSource))
        info[str(shape)] = {
            "shape": str(shape),
            "name": str(shape).rsplit("#", 1)[-1],
            "label": _labels(shapes, shape),
            "message": messages,
            "norms": sorted(str(n) for n in shapes.objects(shape, GWR.enforces)),
            "provisions": [provision(graph, p) for p in paragraphs],
        }
    return info


def _article_key(iri: str) -> tuple[int, str]:
    match = _ARTICLE_NUMBER.search(iri)
    return (int(match.group(1)) if match else 10**6, iri)


def enrich(outcome: Outcome, knowledge: Knowledge) -> dict:
    """Return the report as a JSON-ready dict: summary per article, results grouped by record."""
    info = shape_info(knowledge)
    records: dict[str, list[dict]] = defaultdict(list)
    per_article: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, dict] = {}
    for finding in outcome.findings:
        about = info.get(finding.shape, {"name": finding.shape, "message": {}, "norms": []})
        provisions = about.get("provisions", [])
        records[finding.focus].append(
            {
                "shape": finding.shape,
                "rule": about["name"],
                "severity": finding.severity,
                "message": about["message"],
                "value": finding.value,
                "norms": about["norms"],
                "provisions": provisions,
            }
        )
        for article in {
            p["article"]["iri"]: p["article"] for p in provisions if p["article"]
        }.values():
            articles[article["iri"]] = article
            per_article[article["iri"]][finding.severity] += 1
    counts = Counter(f.severity for f in outcome.findings)
    return {
        "conforms": outcome.conforms,
        "allowed": sorted(outcome.allowed, key=SEVERITIES.index),
        "engine": outcome.engine,
        "triples": outcome.triples,
        "records_checked": outcome.records,
        "counts": {s: counts.get(s, 0) for s in SEVERITIES},
        "failing": len(outcome.failing),
        "records_with_results": len(records),
        "articles": [
            articles[iri] | {s: per_article[iri].get(s, 0) for s in SEVERITIES}
            for iri in sorted(articles, key=_article_key)
        ],
        "records": [
            {
                "record": focus,
                "results": sorted(results, key=lambda r: (r["rule"], r["value"] or "")),
            }
            for focus, results in sorted(records.items())
        ],
    }


def to_graph(report: dict) -> Graph:
    """Return the report as a SHACL validation report graph (with the legal sources)."""
    graph = Graph()
    bind_prefixes(graph)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(report["conforms"])))
    for record in report["records"]:
        for result in record["results"]:
            node = BNode()
            graph.add((root, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            focus = record["record"]
            graph.add((node, SH.focusNode, BNode() if focus.startswith("_:") else URIRef(focus)))
            graph.add((node, SH.sourceShape, URIRef(result["shape"])))
            graph.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            graph.add((node, SH.resultSeverity, SH[result["severity"]]))
            value = result["value"]
            if value and not value.startswith("_:"):
                graph.add((node, SH.value, from_n3(value) if value[0] == '"' else URIRef(value)))
            for lang, text in result["message"].items():
                graph.add((node, SH.resultMessage, Literal(text, lang=lang)))
            for paragraph in result["provisions"]:
                graph.add((node, GWR.hasLegalSource, URIRef(paragraph["iri"])))
    return graph


def to_text(report: dict) -> str:
    """Return the report as plain text, one block per record, then the summary per article."""
    lines = []
    state = "conforms" if report["conforms"] else "does not conform"
    counts = ", ".join(f"{n} {s.lower()}" for s, n in report["counts"].items())
    allowed = report.get("allowed", [])
    if any(report["counts"][s] for s in allowed):
        counts += " (" + " and ".join(s.lower() for s in allowed) + " allowed)"
    lines.append(
        f"Export {state} ({report['triples']} triples, {report.get('records_checked', 0)} "
        f"records; {counts}; engine {report['engine']})"
    )
    for record in report["records"]:
        lines.append("")
        lines.append(record["record"])
        for result in record["results"]:
            cites = "; ".join(p["label"].get("zh", p["iri"]) for p in result["provisions"])
            lines.append(
                f"  [{result['severity']}] {result['rule']}: {result['message'].get('zh', '')}"
            )
            lines.append(f"      {result['message'].get('en', '')}")
            if result["value"]:
                lines.append(f"      value: {result['value']}")
            lines.append(f"      {cites}")
    if report["articles"]:
        lines.append("")
        lines.append("Per article:")
        for article in report["articles"]:
            lines.append(
                f"  {article['label'].get('zh', article['iri'])}: "
                + ", ".join(f"{article[s]} {s.lower()}" for s in SEVERITIES)
            )
    return "\n".join(lines) + "\n"


RENDERINGS = {
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
}


def render(report: dict, fmt: str) -> tuple[str, str]:
    """Return the report in *fmt* (a key of RENDERINGS) and its media type.

    HTML is a page of the web layer: :func:`govrules.web.pages.report.render`.
    """
    import json

    if fmt == "json":
        body = json.dumps(report, ensure_ascii=False, indent=2)
    elif fmt == "text":
        body = to_text(report)
    elif fmt in ("turtle", "jsonld"):
        body = to_graph(report).serialize(format="turtle" if fmt == "turtle" else "json-ld")
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return body, RENDERINGS[fmt]
