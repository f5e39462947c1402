"""The query runner (issue 17): which queries skip the worker hop, the result cache, events."""

from __future__ import annotations

import pytest

from govrules.errors import BadRequest
from govrules.query.cache import ResultCache, job_key
from govrules.query.cheap import MAX_DESCRIBED, MAX_LIMIT, is_cheap
from govrules.query.execution import Answer, Job, Settings
from govrules.query.runner import Runner
from govrules.store.oxigraph import OxigraphStore

R = "<https://w3id.org/govrules/id/cn/330382/post/mayor>"

CHEAP = [
    "ASK {}",
    "ASK WHERE { }",
    "ask { ?s ?p ?o }",
    f"ASK {{ {R} a ?type . }}",
    "PREFIX gwr: <https://w3id.org/govrules/ontology#>\nASK { ?m a gwr:Meeting }",
    f"DESCRIBE {R}",
    f"DESCRIBE {R} <http://e/b>",
    f"SELECT (COUNT(*) AS ?n) WHERE {{ {R} ?p ?o }}",
    f"SELECT ?p ?o {{ {R} ?p ?o }}",
    f"SELECT * WHERE {{ {R} ?p ?o }} LIMIT 5",
    f"SELECT ?s WHERE {{ ?s ?p {R} }} LIMIT {MAX_LIMIT}",
    '# a comment\nBASE <http://e/>\nASK { ?s ?p "x{y}" }'.replace('"x{y}"', '"x"@zh'),
]
DEAR = [
    "ASK { ?s ?p ?s }",  # a repeated variable: rows filtered after the seek
    "ASK { ?s ?p ?o . ?o ?q ?r }",  # a join
    "ASK { ?s ?p ?o FILTER(?o > 3) }",
    "ASK { { ?s ?p ?o } }",
    "ASK { ?s <http://e/p>+ ?o }",  # a path
    "ASK { ?s <http://e/p>/<http://e/q> ?o }",
    "SELECT ?s { ?s a <http://e/C> }",  # every instance: no constant subject, no small LIMIT
    f"SELECT ?s {{ ?s ?p ?o }} LIMIT {MAX_LIMIT + 1}",
    "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",  # counts the whole store
    f"SELECT ?p {{ {R} ?p ?o }} ORDER BY ?p",
    f"SELECT ?p {{ {R} ?p ?o }} OFFSET 10",
    f"SELECT DISTINCT ?p {{ {R} ?p ?o }}",
    f"SELECT ?p FROM <http://e/g> {{ {R} ?p ?o }}",
    f"SELECT ?p {{ {R} ?p ?o OPTIONAL {{ ?o ?q ?r }} }}",
    f"SELECT ?p {{ SERVICE <http://e/> {{ {R} ?p ?o }} }}",
    "SELECT ?p { GRAPH ?g { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { ?s ?p ?o }",
    "DESCRIBE " + " ".join(f"<http://e/{i}>" for i in range(MAX_DESCRIBED + 1)),
    "CONSTRUCT WHERE { ?s ?p ?o }",
    "not sparql at all",
    "",
]


@pytest.mark.parametrize("query", CHEAP)
def test_bounded_shapes_are_cheap(query):
    assert is_cheap(query)


@pytest.mark.parametrize("query", DEAR)
def test_anything_else_goes_to_a_worker(query):
    assert not is_cheap(query)


def answer(size: int, tag: str = "") -> Answer:
    return Answer(tag.encode() + b"x" * size, "text/plain")


def test_cache_is_bounded_by_bytes_and_drops_the_least_used():
    cache = ResultCache(800)
    for i in range(8):
        cache.put(f"k{i}", answer(100), "v1")
    assert cache.size == 800 and len(cache) == 8
    cache.get("k0")  # used again: k1 is now the least recently used
    cache.put("k8", answer(100), "v1")
    assert cache.get("k1") is None and cache.get("k0") is not None
    assert cache.size <= 800


def test_cache_forgets_everything_when_the_version_changes():
    cache = ResultCache(10_000)
    cache.put("a", answer(10), "v1")
    cache.put("b", answer(10), "v2")
    assert cache.get("a") is None and cache.get("b") is not None and len(cache) == 1


def test_cache_skips_an_answer_bigger_than_an_eighth_of_it():
    cache = ResultCache(800)
    cache.put("big", answer(101), "v1")
    assert cache.get("big") is None and cache.size == 0


def test_job_key_depends_on_every_input():
    from govrules.store import Dataset

    base = Job("ASK {}", None, "application/json", None)
    others = [
        Job("ASK { }", None, "application/json", None),
        Job("ASK {}", Dataset(["http://e/g"]), "application/json", None),
        Job("ASK {}", Dataset(None, ["http://e/g"]), "application/json", None),
        Job("ASK {}", None, "text/csv", None),
        Job("ASK {}", None, "application/json", "xml"),
    ]
    keys = {job_key(base, "v1"), job_key(base, "v2")} | {job_key(j, "v1") for j in others}
    assert len(keys) == 7
    assert all(c in "0123456789abcdef" for c in job_key(base, "v1"))


class VersionedStore(OxigraphStore):
    """An in-memory store whose version the test sets."""

    def __init__(self):
        super().__init__()
        self.name = "1"
        self.load(b'<http://e/s> <http://e/p> "o" .\n', format="ntriples", to_graph="http://e/g")

    def version(self):
        return self.name


class RecordingPool:
    """A stand-in for the worker pool that says which jobs reached it."""

    def __init__(self, store, settings=None):
        self.store, self.settings, self.jobs = store, settings or Settings(), []

    def run(self, job):
        from govrules.query.execution import execute

        self.jobs.append(job.query)
        return execute(self.store, job, self.settings)

    def close(self):
        self.jobs.append("closed")


@pytest.fixture()
def parts():
    store = VersionedStore()
    pool = RecordingPool(store, Settings(result_limit=1))
    events = []
    runner = Runner(
        store,
        settings=Settings(result_limit=1),
        pool=pool,
        cache=ResultCache(1 << 20),
        on_event=lambda e, d: events.append((e, d)),
    )
    return store, pool, runner, events


JSON = "application/sparql-results+json"


def test_cheap_queries_run_in_process_and_the_rest_in_the_pool(parts):
    store, pool, runner, events = parts
    assert runner.run(Job("ASK {}", None, JSON)).body == b'{"head":{},"boolean":true}'
    join = "SELECT ?s { ?s ?p ?o . ?o ?q ?r }"
    runner.run(Job(join, None, JSON))
    assert pool.jobs == [join]
    assert ("query", "in-process") in events and ("query", "worker") in events


def test_a_second_identical_job_comes_from_the_cache_until_a_write(parts):
    store, pool, runner, events = parts
    join = "SELECT ?s { ?s ?p ?o . ?o ?q ?r }"
    first = runner.run(Job(join, None, JSON))
    assert runner.run(Job(join, None, JSON)) is first
    assert pool.jobs == [join] and events.count(("query", "cache")) == 1
    store.load(b"<http://e/o2> <http://e/q> <http://e/r> .\n", format="ntriples", to_graph=None)
    store.name = "2"  # what a published write does to the served version
    runner.run(Job(join, None, JSON))
    assert pool.jobs == [join, join]


def test_errors_are_not_cached(parts):
    store, pool, runner, events = parts
    for _ in range(2):
        with pytest.raises(BadRequest):
            runner.run(Job("SELECT ?s { ?s ?p ?o . ?o ?q ", None, JSON))
    assert len(pool.jobs) == 2


def test_a_cut_result_is_reported_and_the_etag_follows_the_version(parts):
    store, pool, runner, events = parts
    store.load(b'<http://e/s2> <http://e/p> "o" .\n', format="ntriples", to_graph="http://e/g")
    answer_ = runner.run(Job("SELECT ?s { ?s ?p ?o . FILTER(isIRI(?s)) }", None, JSON))
    assert answer_.truncated and events.count(("truncated", "")) == 1
    runner.run(Job("SELECT ?s { ?s ?p ?o . FILTER(isIRI(?s)) }", None, JSON))
    assert events.count(("truncated", "")) == 2, "a cut answer from the cache is counted too"
    tag = runner.etag(Job("ASK {}"))
    store.name = "3"
    assert runner.etag(Job("ASK {}")) != tag


def test_without_a_store_version_nothing_is_cached_and_no_etag():
    store = OxigraphStore()
    pool = RecordingPool(store)
    runner = Runner(store, settings=Settings(), pool=pool, cache=ResultCache(1 << 20))
    join = "SELECT ?s { ?s ?p ?o . ?o ?q ?r }"
    runner.run(Job(join))
    runner.run(Job(join))
    assert pool.jobs == [join, join] and runner.etag(Job(join)) is None
    runner.close()
    assert pool.jobs[-1] == "closed"


def test_the_pool_reports_timeouts_and_replacements(built_dir):
    """The real pool: a runaway query is stopped and its process replaced, and both are told."""
    from govrules.errors import QueryTimeout
    from govrules.query.workers import WorkerPool

    events = []
    pool = WorkerPool(
        str(built_dir / "store"),
        size=1,
        timeout=1.0,
        settings=Settings(),
        on_event=lambda e, d: events.append((e, d)),
    )
    try:
        runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        with pytest.raises(QueryTimeout):
            pool.run(Job(runaway))
        assert events == [("timeout", ""), ("replaced", "timeout")]
        with pytest.raises(QueryTimeout, match="busy for 0 s"):
            pool.wait = 0.0  # the replacement is still starting: no process is free
            pool.run(Job("ASK { ?s ?p ?o . ?o ?q ?r }", None, JSON))
        pool.wait = 30.0  # the wait for a process is bounded apart from the time limit
        assert pool.run(Job("ASK { ?s ?p ?o . ?o ?q ?r }", None, JSON)).body.endswith(b"true}")
    finally:
        pool.close()
