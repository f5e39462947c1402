"""Chinese full-text search over every article of the corpus: an SQLite FTS5 trigram index.

The index is a build output (``build/search.sqlite``) like the store, never edited by hand.
FTS5's trigram tokenizer matches any substring of three characters or more through the index
(ranked by bm25). A word of two characters (备案, 会议) is matched through a second FTS5 table
of the texts' overlapping character pairs (the bigrams of CJK search engines); one character,
or a pair with punctuation, as a substring with LIKE over the rows the other words selected, or
over the whole table. Either way a word matches inside longer words: 备案 finds 报送备案.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from govrules.errors import BadRequest
from govrules.namespaces import sparql_prologue

INDEX_NAME = "search.sqlite"
MIN_TRIGRAM = 3
MAX_WORDS = 8
MAX_WORD = 100
COLUMNS = ("iri", "citation", "text", "work", "title", "version", "date", "jurisdiction", "type")
SCHEMA = f"""
CREATE VIRTUAL TABLE provision USING fts5(
  text, citation, iri UNINDEXED, work UNINDEXED, title UNINDEXED, version UNINDEXED,
  date UNINDEXED, jurisdiction UNINDEXED, type UNINDEXED, current UNINDEXED,
  tokenize = 'trigram'
);
CREATE VIRTUAL TABLE pair USING fts5(pairs, tokenize = 'unicode61');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES ('min_trigram', '{MIN_TRIGRAM}');
"""
# Every article with its version, work and what the documents page filters by.
ROWS = (
    sparql_prologue()
    + """
SELECT DISTINCT ?iri ?citation ?text ?work ?title ?version ?date ?jurisdiction ?typeSlug ?current
WHERE {
  ?iri a gwr:Article ; gwr:text ?text ; rdfs:label ?citation ; gwr:inVersion ?version .
  FILTER(lang(?citation) = "zh")
  ?version eli:realizes ?work .
  ?work eli:title ?title ; gwr:jurisdiction ?jurisdiction .
  OPTIONAL { ?work eli:type_document ?type BIND(REPLACE(STR(?type), "^.*/", "") AS ?typeSlug) }
  OPTIONAL { ?version eli:version_date ?date }
  BIND(NOT EXISTS { ?later gwr:previousVersion+ ?version ; gwr:textKnown true } AS ?current)
}"""
)


@dataclass(frozen=True)
class Hit:
    """One article found: where it is, its citation, a snippet, and its rank (lower is better)."""

    iri: str
    citation: str
    snippet: str
    work: str
    title: str
    version: str
    date: str
    jurisdiction: str
    type: str
    current: bool
    rank: float

    def as_dict(self) -> dict:
        """Return the hit as plain JSON-ready data."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def rows_from_store(store) -> list[tuple]:
    """Read the rows to index from a store (anything with ``query``)."""
    found = []
    for row in store.query(ROWS).rows():
        current = row.get("current")
        found.append(
            (
                str(row["text"]),
                str(row["citation"]),
                str(row["iri"]),
                str(row["work"]),
                str(row["title"]),
                str(row["version"]),
                str(row.get("date", "")),
                str(row["jurisdiction"]),
                str(row.get("typeSlug", "")),
                1 if current is None or current.toPython() else 0,
            )
        )
    return sorted(found, key=lambda r: r[2])


def write_index(rows: list[tuple], path: Path | str) -> None:
    """Create the index at *path* (":memory:" is not useful here: use :func:`memory_index`)."""
    path = Path(path)
    staging = path.with_suffix(".tmp")
    staging.unlink(missing_ok=True)
    connection = sqlite3.connect(staging)
    _fill(connection, rows)
    connection.close()
    staging.replace(path)


def memory_index(rows: list[tuple]) -> Index:
    """Return an index held in memory (tests and the rdflib backend)."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(connection, rows)
    return Index(connection)


def pairs(text: str) -> str:
    """Return the overlapping pairs of letters or digits of *text*, space-separated.

    >>> pairs("报送备案。")
    '报送 送备 备案'
    """
    return " ".join(text[i : i + 2] for i in range(len(text) - 1) if text[i : i + 2].isalnum())


def _fill(connection: sqlite3.Connection, rows: list[tuple]) -> None:
    connection.executescript(SCHEMA)
    connection.executemany(
        "INSERT INTO provision(rowid, text, citation, iri, work, title, version, date, "
        "jurisdiction, type, current) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        ((n, *row) for n, row in enumerate(rows, 1)),
    )
    connection.executemany(
        "INSERT INTO pair(rowid, pairs) VALUES (?, ?)",
        ((n, pairs(row[0])) for n, row in enumerate(rows, 1)),
    )
    for table in ("provision", "pair"):
        connection.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    connection.commit()


def index_for(store_setting: str, store) -> Index:
    """Return the index beside the store served, or one built in memory from *store*.

    A store on disk (``build/store``) has its index beside it (``build/search.sqlite``); an
    in-memory store (tests, the rdflib backend) gets one made from its triples.
    """
    if store_setting != "memory":
        path = Path(store_setting).parent / INDEX_NAME
        if path.exists():
            return Index.open(path)
    return memory_index(rows_from_store(store))


def words_of(query: str) -> list[str]:
    """Split a query into words (spaces, ideographic spaces, punctuation).

    :raises BadRequest: for an empty query, or one with too many or too long words.

    >>> words_of("备案  常务委员会，会议")
    ['备案', '常务委员会', '会议']
    """
    words = [w for w in re.split(r"[\s\u3000,，。;；、\"'“”]+", query or "") if w]
    if not words:
        raise BadRequest("give one or more words to search for (q=…)")
    if len(words) > MAX_WORDS or any(len(w) > MAX_WORD for w in words):
        raise BadRequest(f"a search takes at most {MAX_WORDS} words of {MAX_WORD} characters")
    return words


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class Index:
    """An open search index."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        # An index written before the pair table: two-character words fall back to LIKE.
        found = "SELECT 1 FROM sqlite_master WHERE name = 'pair'"
        self._pairs = connection.execute(found).fetchone() is not None

    @classmethod
    def open(cls, path: Path | str) -> Index:
        """Open the index at *path* read-only.

        :raises FileNotFoundError: if there is none (build first).
        """
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"no search index at {path}: run govrules build")
        uri = f"file:{path.resolve()}?mode=ro"
        return cls(sqlite3.connect(uri, uri=True, check_same_thread=False))

    def count(self) -> int:
        """Return the number of indexed articles."""
        return self._db.execute("SELECT count(*) FROM provision").fetchone()[0]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        current_only: bool = False,
        jurisdiction: str | None = None,
    ) -> tuple[int, list[Hit]]:
        """Return the number of articles holding every word of *query*, and one page of them.

        Ranked by bm25 over the words of three characters or more, then by how often the words
        occur, then by citation.
        """
        words = words_of(query)
        long_words = [w for w in words if len(w) >= MIN_TRIGRAM]
        where, params = [], []
        if long_words:
            where.append("provision MATCH ?")
            params.append(" AND ".join(_phrase(w) for w in long_words))
        paired = [w for w in words if len(w) == 2 and w.isalnum() and self._pairs]
        if paired:
            # With a trigram MATCH, +rowid keeps the pairs from driving the query (SQLite would
            # run the MATCH once per row: minutes); alone, the pairs drive it (milliseconds).
            rowid = "+rowid" if long_words else "rowid"
            where.append(f"{rowid} IN (SELECT rowid FROM pair WHERE pair MATCH ?)")
            params.append(" AND ".join(_phrase(w) for w in paired))
        for word in words:
            if len(word) < MIN_TRIGRAM and word not in paired:
                where.append("text LIKE ? ESCAPE '\\'")
                params.append(_like(word))
        if current_only:
            where.append("current = 1")
        if jurisdiction:
            where.append("jurisdiction = ?")
            params.append(jurisdiction)
        rank = "bm25(provision)" if long_words else "0"
        sql = f"""SELECT {", ".join(COLUMNS)}, current, {rank} AS score
                  FROM provision WHERE {" AND ".join(where)}"""
        count = f"SELECT count(*) FROM provision WHERE {' AND '.join(where)}"
        total = self._db.execute(count, params).fetchone()[0]
        ordered = sql + " ORDER BY score, length(text), iri LIMIT ? OFFSET ?"
        rows = self._db.execute(ordered, [*params, max(1, min(limit, 200)), max(0, offset)])
        hits = [
            Hit(
                iri=r[0],
                citation=r[1],
                snippet=snippet(r[2], words),
                work=r[3],
                title=r[4],
                version=r[5],
                date=r[6],
                jurisdiction=r[7],
                type=r[8],
                current=bool(r[9]),
                rank=float(r[10]),
            )
            for r in rows
        ]
        return total, hits


def snippet(text: str, words: list[str], width: int = 40) -> str:
    """Return the part of *text* around the first word found, the words marked 【】.

    >>> snippet("文件应当报送备案。", ["备案"])
    '文件应当报送【备案】。'
    """
    positions = [text.find(w) for w in words if text.find(w) >= 0]
    start = max(0, min(positions) - width // 2) if positions else 0
    part = text[start : start + width * 2].replace("\n", " ")
    for word in sorted(set(words), key=len, reverse=True):
        part = part.replace(word, f"【{word}】")
    part = part.replace("【【", "【").replace("】】", "】")
    return ("…" if start else "") + part + ("…" if start + width * 2 < len(text) else "")
