"""A remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB …) behind the Store interface.

Queries go to the query URL and come back in the format asked for, passed through as bytes
when that is the format served. Every request has a time limit: an unreachable server is a
502, a slow one a 504, never a hang. Writes go to the update URL as SPARQL Update.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from io import BytesIO

import pyoxigraph as ox
from rdflib import Literal
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser

from govrules.errors import GovrulesError, QuerySyntaxError
from govrules.store.base import Dataset, QueryResult, Store
from govrules.store.binding import query_kind, with_values
from govrules.store.oxigraph import RDF_FORMATS

ACCEPT = {"solutions": "application/sparql-results+json", "graph": "application/n-triples"}
UPDATE_BATCH = 1000


class RemoteError(GovrulesError):
    status, code = 502, "remote-store"


class RemoteTimeout(GovrulesError):
    status, code = 504, "remote-timeout"


class RemoteResult(QueryResult):
    """An answer as the remote server sent it: JSON results or N-Triples."""

    def __init__(self, kind: str, body: bytes):
        self.kind, self.body = kind, body
        self._parsed = None

    def _result(self):
        if self._parsed is None:
            self._parsed = JSONResultParser().parse(BytesIO(self.body))
        return self._parsed

    def serialize(self, format: str) -> bytes:
        if self.kind == "graph":
            if format == "ntriples":
                return self.body
            triples = list(ox.parse(self.body, format=ox.RdfFormat.N_TRIPLES))
            if format in ("trig", "nquads"):
                triples = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
            return ox.serialize(triples, format=RDF_FORMATS[format])
        if format == "json":
            return self.body
        out = BytesIO()
        self._result().serialize(out, format=format)
        return out.getvalue()

    @property
    def variables(self) -> list[str]:
        return [str(v) for v in self._result().vars] if self.kind == "solutions" else []

    def rows(self):
        names = self.variables
        return [{n: row[n] for n in names if row[n] is not None} for row in self._result()]

    def boolean(self) -> bool:
        data = json.loads(self.body)
        if "boolean" in data:
            return bool(data["boolean"])
        # Virtuoso answers ASK as one binding of __ASK_RETVAL (1 or 0).
        bindings = data.get("results", {}).get("bindings", [])
        return bool(bindings) and next(iter(bindings[0].values()))["value"] not in ("0", "false")

    def triples(self):
        from govrules.store.oxigraph import to_rdflib

        parsed = ox.parse(self.body, format=ox.RdfFormat.N_TRIPLES)
        return [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in parsed]


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint; named graphs are those under *graph_prefix*."""

    local = False

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str = "",
        gsp_url: str = "",
        user: str = "",
        password: str = "",
        timeout: float = 30.0,
        graph_prefix: str = "",
    ):
        self.query_url, self.update_url, self.gsp_url = query_url, update_url, gsp_url
        self.timeout, self.graph_prefix = timeout, graph_prefix
        handlers = []
        if user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (query_url, update_url, gsp_url):
                if url:
                    passwords.add_password(None, url, user, password)
            handlers = [
                urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_settings(cls, settings: dict) -> RemoteStore:
        """Return the remote store the settings describe (``store`` is the query URL)."""
        return cls(
            settings["store"],
            update_url=settings["remote_update_url"],
            gsp_url=settings["remote_gsp_url"],
            user=settings["remote_user"],
            password=settings["remote_password"],
            timeout=settings["remote_timeout"],
            graph_prefix=settings["base_iri"],
        )

    def request(self, url: str, data: dict, *, accept: str = "*/*") -> bytes:
        """POST a form to *url*; map network failures to 502 and slowness to 504."""
        body = urllib.parse.urlencode(data, doseq=True).encode("utf-8")
        req = urllib.request.Request(url, data=body, headers={"Accept": accept})
        req.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        return self.send(req)

    def send(self, req: urllib.request.Request) -> bytes:
        """Send *req* with the time limit; map network failures to 502 and slowness to 504."""
        url = req.full_url.split("?")[0]
        try:
            with self._opener.open(req, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            if exc.code == 400 or "syntax" in detail.lower() or "SP030" in detail:
                raise QuerySyntaxError(f"the remote store refused the request: {detail}") from None
            raise RemoteError(f"the remote store answered {exc.code}: {detail}") from None
        except TimeoutError:
            raise RemoteTimeout(
                f"the remote store at {url} did not answer within {self.timeout:g} s"
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise RemoteTimeout(
                    f"the remote store at {url} did not answer within {self.timeout:g} s"
                ) from None
            raise RemoteError(f"cannot reach the remote store at {url}: {exc.reason}") from None
        except (ConnectionError, OSError) as exc:
            raise RemoteError(f"the remote store at {url} failed: {exc}") from None

    def query(
        self, query: str, *, dataset: Dataset | None = None, bindings: dict | None = None
    ) -> QueryResult:
        kind = query_kind(query)
        form: dict = {"query": with_values(query, bindings) if bindings else query}
        if dataset is not None and dataset.default_graphs is not None:
            form["default-graph-uri"] = list(dataset.default_graphs)
        if dataset is not None and dataset.named_graphs is not None:
            form["named-graph-uri"] = list(dataset.named_graphs)
        accept = ACCEPT.get(kind, ACCEPT["solutions"])
        return RemoteResult(kind, self.request(self.query_url, form, accept=accept))

    def update(self, text: str) -> None:
        """Run a SPARQL Update on the remote store."""
        if not self.update_url:
            raise RemoteError("no update URL is configured for the remote store")
        self.request(self.update_url, {"update": text})

    def load(self, data: bytes, *, format: str, to_graph: str | None) -> None:
        quads = ox.parse(data, format=RDF_FORMATS[format])
        if to_graph:
            quads = (
                ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(to_graph)) for q in quads
            )
        from govrules.store.remote_writes import trig_block

        self.update(f"INSERT DATA {{ {trig_block(list(quads))} }}")

    def replace_graph(
        self, graph: str, ntriples: bytes, *, batch: int = 50_000, progress=None
    ) -> int:
        """Replace *graph* with *ntriples*, sent in batches of *batch* triples; return the count."""
        lines = [line for line in ntriples.decode("utf-8").splitlines() if line.strip()]
        self.update(f"DROP SILENT GRAPH <{graph}>")
        # INSERT DATA grows the server's compiled query with each triple (Virtuoso stops at
        # about 2,000): without a Graph Store URL, batches stay small.
        batch = batch if self.gsp_url else min(batch, UPDATE_BATCH)
        for start in range(0, len(lines), batch):
            chunk = "\n".join(lines[start : start + batch])
            if self.gsp_url:
                self.gsp("POST", graph, (chunk + "\n").encode("utf-8"))
            else:
                self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}\n}} }}")
            if progress:
                progress(f"{graph}: {min(start + batch, len(lines))}/{len(lines)} triples")
        return len(lines)

    def gsp(self, method: str, graph: str, data: bytes) -> None:
        """Send N-Triples to the Graph Store protocol URL (PUT replaces, POST adds)."""
        url = f"{self.gsp_url}?{urllib.parse.urlencode({'graph': graph})}"
        headers = {"Content-Type": "text/turtle; charset=utf-8"}
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        self.send(req)

    def dump(self, *, format: str = "nquads") -> bytes:
        quads = []
        for graph in self.graphs():
            for s, p, o in self.query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
            ).triples():
                quads.append(f"{s.n3()} {p.n3()} {o.n3()} <{graph}> .\n")
        return (
            "".join(quads).encode("utf-8")
            if format == "nquads"
            else ox.serialize(
                ox.parse("".join(quads).encode(), format=ox.RdfFormat.N_QUADS),
                format=RDF_FORMATS[format],
            )
        )

    def sizes(self) -> dict[str, int]:
        """Return the number of triples of each graph under the graph prefix (one query)."""
        prefix = Literal(self.graph_prefix).n3()
        rows = self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(STRSTARTS(STR(?g), {prefix})) }} GROUP BY ?g"
        ).rows()
        return {str(r["g"]): int(r["n"]) for r in rows}

    def graphs(self) -> list[str]:
        return sorted(self.sizes())

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return sum(self.sizes().values())
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        return int(self.query(query).rows()[0]["n"])

    def writer(self):
        """Return the writer used by /update, /store and /ingest."""
        from govrules.store.remote_writes import RemoteWriter

        return RemoteWriter(self)
