"""Canned questions: named, parameterised SPARQL queries shipped with the package.

Each ``questions/<name>.rq`` opens with a header of ``# key: value`` comment lines::

    # title@zh: 谁必须决定或批准什么
    # title@en: Who must decide or approve what
    # description@en: …
    # param matter optional matter: the matter category (IRI or zh/en label) / 事项类别
    # param as-of optional date = today: the date the rules stood on / 日期

A ``param`` line gives the name, ``required`` or ``optional``, the kind (``party``,
``matter``, ``concept``, ``number``, ``text``, ``document``: a work by title or IRI, ``date``:
YYYY-MM-DD), optionally ``= today`` (a date left out means the day of the request) or
``= all`` (a text left out is bound to "", read by the query as "no filter"), and a
description. An optional date left out without ``= today`` is bound to 9999-12-31 (the
latest version), since Oxigraph folds ``BOUND`` of a substituted variable. A hyphenated name
binds the variable with an underscore (``as-of`` binds ``?as_of``). Values are bound to the
query's variables by the engine; user input is never formatted into the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from govrules.errors import BadRequest, NotFound
from govrules.knowledge.parse.numerals import to_int
from govrules.namespaces import sparql_prologue

KINDS = ("party", "matter", "concept", "number", "text", "document", "date")
DEFAULTS = ("today", "all")
# An optional date left out means "from now on": the latest version.
LATEST = "9999-12-31"
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_HEADER = re.compile(r"^#\s*(param)\s+(.*)$|^#\s*([\w@-]+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^([\w-]+)\s+(required|optional)\s+(\w+)(?:\s*=\s*(\w+))?\s*:\s*(.*)$")
_NUMBER = re.compile(r"^第?([0-9]+|[零〇一二两三四五六七八九十百千]+)[条條]?$")

RESOLVE = (
    sparql_prologue()
    + """
SELECT DISTINCT ?text ?x ?collective WHERE {
  ?x rdfs:label|skos:prefLabel|skos:altLabel ?label .
  FILTER(str(?label) = ?text)
  BIND(EXISTS { ?x a gwr:Collective } AS ?collective)
} ORDER BY ?x LIMIT 10"""
)


@dataclass(frozen=True)
class Param:
    """One parameter of a question."""

    name: str
    required: bool
    kind: str
    description: str
    default: str | None = None

    @property
    def variable(self) -> str:
        """Return the name of the query variable the value is bound to (``as-of`` → ``as_of``)."""
        return self.name.replace("-", "_")


@dataclass(frozen=True)
class Question:
    """A canned question: its name, titles, description, parameters and SPARQL text."""

    name: str
    sparql: str
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    params: tuple[Param, ...] = ()


def parse_question(name: str, text: str) -> Question:
    """Read a question's header and body.

    :raises ValueError: for a malformed header.

    >>> q = parse_question("x", "# title@en: X\\n# param n required number: article\\nSELECT *{}")
    >>> (q.title, q.params[0].kind)
    ({'en': 'X'}, 'number')
    """
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        if key.startswith("title@"):
            title[key[6:]] = value.strip()
        elif key.startswith("description@"):
            description[key[12:]] = value.strip()
        elif key == "param":
            p = _PARAM.match(value.strip())
            if not p or p.group(3) not in KINDS or p.group(4) not in (None, *DEFAULTS):
                raise ValueError(f"question {name}: malformed param line {value!r}")
            required, kind, default = p.group(2) == "required", p.group(3), p.group(4)
            params.append(Param(p.group(1), required, kind, p.group(5), default))
    return Question(name, text, title, description, tuple(params))


def load_questions() -> dict[str, Question]:
    """Return every question shipped with the package, by name, sorted."""
    folder = resources.files("govrules.query") / "questions"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_question(name, entry.read_text(encoding="utf-8"))
    return found


def parse_number(value: str) -> str:
    """Read an article number written as 7, 第七条 or 七.

    >>> parse_number("第二十五条"), parse_number("7")
    ('25', '7')
    """
    match = _NUMBER.match(value.strip())
    if not match:
        raise BadRequest(f"{value!r} is not an article number (write 7 or 第七条)")
    digits = match.group(1)
    return digits if digits.isdigit() else str(to_int(digits))


RESOLVE_DOCUMENT = (
    sparql_prologue()
    + """
SELECT DISTINCT ?text ?work WHERE {
  ?work eli:is_realized_by ?v ; eli:title ?title .
  FILTER(str(?title) = ?text || str(?title) = CONCAT("中华人民共和国", ?text))
} ORDER BY ?work LIMIT 10"""
)
WORK_OF = (
    sparql_prologue()
    + """
SELECT DISTINCT ?iri ?work WHERE {
  { ?iri eli:is_realized_by ?x . ?work eli:is_realized_by ?x . FILTER(?work = ?iri) }
  UNION { ?iri eli:realizes ?work }
  UNION { ?iri gwr:inVersion ?v . ?v eli:realizes ?work }
} LIMIT 2"""
)


def parse_date(value: str) -> Literal:
    """Read a date written YYYY-MM-DD as an xsd:date literal.

    :raises BadRequest: for anything else, or a day that does not exist.

    >>> parse_date("2015-06-01").toPython()
    datetime.date(2015, 6, 1)
    """
    match = _DATE.match(value.strip())
    try:
        if not match:
            raise ValueError
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise BadRequest(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2015-06-01") from None
    return Literal(day.isoformat(), datatype=XSD.date)


def resolve_document(store, value: str) -> URIRef:
    """Turn a title (with or without 中华人民共和国, with or without 《》) or an IRI into a work.

    The IRI of a version or of a provision names its work.

    :raises NotFound: if no work has that title or IRI.
    :raises BadRequest: if several works have it.
    """
    value = value.strip()
    if re.match(r"^https?://", value):
        rows = store.query(WORK_OF, bindings={"iri": URIRef(value)}).rows()
        if not rows:
            raise NotFound(f"<{value}> is not a document, a version or a provision of one")
        return rows[0]["work"]
    title = value.removeprefix("《").removesuffix("》")
    rows = store.query(RESOLVE_DOCUMENT, bindings={"text": Literal(title)}).rows()
    if not rows:
        raise NotFound(f"no document is titled {value!r}; give its full title or its IRI")
    if len(rows) > 1:
        names = ", ".join(str(r["work"]) for r in rows)
        raise BadRequest(f"{value!r} is the title of several documents ({names}); give the IRI")
    return rows[0]["work"]


def resolve(store, value: str) -> URIRef:
    """Turn an IRI or a zh/en label into the IRI of the resource it names.

    :raises NotFound: if no resource has that label.
    :raises BadRequest: if several do.
    """
    value = value.strip()
    if re.match(r"^https?://", value):
        return URIRef(value)
    rows = store.query(RESOLVE, bindings={"text": Literal(value)}).rows()
    if not rows:
        raise NotFound(f"no resource is labelled {value!r}; give its IRI or another label")
    if len(rows) > 1:
        # 副市长 names the post and the group of all vice-mayors: the post is meant.
        single = [r for r in rows if not r["collective"].toPython()]
        if len(single) == 1:
            return single[0]["x"]
        names = ", ".join(str(r["x"]) for r in rows)
        raise BadRequest(f"{value!r} names several resources ({names}); give the IRI")
    return rows[0]["x"]


def bind(store, question: Question, values: dict[str, str]) -> dict:
    """Check the values given for a question's parameters and turn them into RDF terms.

    :raises BadRequest: for a missing required value or an unknown parameter.
    """
    known = {p.name: p for p in question.params}
    # --as-of on a command line, as-of or asOf in a URL: the same parameter.
    spelled = {p.name.lower(): p.name for p in question.params}
    values = {
        spelled.get(k.replace("-", "").replace("_", "").lower(), k): v for k, v in values.items()
    }
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise BadRequest(
            f"question {question.name} has no parameter {', '.join(unknown)}; "
            f"it takes: {', '.join(known) or 'none'}"
        )
    bindings = {}
    for param in question.params:
        raw = values.get(param.name)
        if (raw is None or not str(raw).strip()) and param.kind == "date" and not param.required:
            raw = date.today().isoformat() if param.default == "today" else LATEST
        if (raw is None or not str(raw).strip()) and param.default == "all":
            bindings[param.variable] = Literal("")
            continue
        if raw is None or not str(raw).strip():
            if param.required:
                raise BadRequest(
                    f"question {question.name} needs the parameter {param.name}: "
                    f"{param.description}"
                )
            continue
        if param.kind == "number":
            bindings[param.variable] = Literal(parse_number(raw))
        elif param.kind == "text":
            bindings[param.variable] = Literal(str(raw).strip())
        elif param.kind == "date":
            bindings[param.variable] = parse_date(str(raw))
        elif param.kind == "document":
            bindings[param.variable] = resolve_document(store, str(raw))
        else:
            bindings[param.variable] = resolve(store, raw)
    return bindings


def ask(store, name: str, values: dict[str, str] | None = None, *, questions=None):
    """Run the canned question *name* with parameter *values*; return the query result.

    :raises NotFound: for an unknown question.
    """
    questions = questions if questions is not None else load_questions()
    if name not in questions:
        raise NotFound(f"no question named {name!r}; try: {', '.join(questions)}")
    question = questions[name]
    return store.query(question.sparql, bindings=bind(store, question, values or {}))
