"""Import texts into the corpus: parse each, propose its catalog entry, copy it as received.

``govrules import PATH...`` reads files or folders (``.txt`` or ``.md``). Each text is parsed
first; one that does not parse is reported with the parser's error and imports nothing. A
text whose title is that of a work already in the catalog becomes another version of it (the
NPCSC's rules of 2009 and 2022); any other becomes a new work with the id
``{jurisdiction}-{type}-{year}`` (the year of its first event). Before anything is written,
the work is assembled as the build would (its versions must be consistent), so an import
never leaves a catalog the build refuses.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from govrules.errors import BuildError
from govrules.knowledge import catalog as cat
from govrules.knowledge.parse import ParseError, parse_file

SUFFIXES = (".txt", ".md")


@dataclass
class Outcome:
    """What importing one text did (or would do, in a dry run)."""

    path: Path
    entry: cat.Entry | None = None
    action: str = ""  # "new work", "new version", "already imported", or "" for an error
    version_date: dt.date | None = None
    error: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether the text was (or would be) imported."""
        return not self.error


def collect(paths: list[Path]) -> list[Path]:
    """Return the texts named by *paths* (files, or the .txt and .md files of folders), sorted.

    :raises FileNotFoundError: for a path that does not exist.
    """
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def propose(doc, source_name: str, *, jurisdiction: str | None = None) -> cat.Entry:
    """Propose the catalog entry of a parsed text stored as ``source/<source_name>``.

    :raises ValueError: if the jurisdiction cannot be told from the title and none is given.
    """
    title = doc.title
    code = jurisdiction or cat.jurisdiction_of(title)
    if code is None:
        raise ValueError(
            f"cannot tell the jurisdiction of {title!r} from its title: give --jurisdiction CODE"
        )
    doc_type = cat.type_of(title, code)
    dates = sorted(e.date for e in doc.events)
    year = str(dates[0].year) if dates else cat.UNDATED
    return cat.Entry(
        id=cat.entry_id(code, doc_type, year),
        jurisdiction=code,
        type=doc_type,
        year=year,
        title=title,
        sources=[f"source/{source_name}"],
        title_en=cat.english_title(cat.short_title(title)),
        issuer=cat.issuer_of(title, doc_type),
    )


def import_texts(
    paths: list[Path],
    data_dir: Path,
    *,
    dry_run: bool = False,
    jurisdiction: str | None = None,
    on_text=None,
) -> list[Outcome]:
    """Import the texts at *paths* into the catalog of *data_dir*; return one outcome per text.

    Nothing is written in a dry run; otherwise the catalog is written once, at the end, with
    every text that imported. *on_text* is called with each text's path as its turn comes
    (the command line's progress).
    """
    from govrules.knowledge.build import parse_sources
    from govrules.knowledge.versions import plan

    catalog = cat.read(data_dir)
    outcomes = []
    for path in collect(paths):
        if on_text is not None:
            on_text(path)
        outcome = Outcome(path)
        outcomes.append(outcome)
        try:
            doc = parse_file(path)
        except (ParseError, OSError, UnicodeDecodeError) as exc:
            outcome.error = f"does not parse: {exc}"
            continue
        outcome.version_date = doc.version_date
        try:
            proposed = propose(doc, path.name, jurisdiction=jurisdiction)
        except ValueError as exc:
            outcome.error = str(exc)
            continue
        target = data_dir / proposed.sources[0]
        existing = _same_work(catalog, proposed)
        if target.exists() and target.read_bytes() == path.read_bytes():
            if existing is not None and proposed.sources[0] in existing.sources:
                outcome.entry, outcome.action = existing, "already imported"
                continue
        elif target.exists():
            outcome.error = f"{target.name} exists in {target.parent} with another text; rename"
            continue
        if existing is None:
            clash = catalog.find(proposed.id)
            if clash is not None:
                outcome.error = f"id {proposed.id} is taken by 《{clash.title}》, another work"
                continue
            entry, outcome.action = proposed, "new work"
        else:
            entry = cat.Entry(**{**existing.__dict__, "sources": [*existing.sources]})
            entry.sources.append(proposed.sources[0])
            outcome.action = "new version"
        try:
            docs = [*parse_sources(_without(entry, proposed.sources[0]), data_dir), doc]
            plan(entry, docs)  # the texts of one work must agree on their versions
        except (BuildError, ValueError) as exc:
            outcome.error = f"cannot join the catalog: {exc}"
            continue
        outcome.entry = entry
        if not (data_dir / "org" / f"{entry.jurisdiction}.ttl").exists():
            outcome.notes.append(f"no organisation graph data/org/{entry.jurisdiction}.ttl yet")
        if dry_run:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        _put(catalog, entry, data_dir)
    if not dry_run and any(o.ok and o.action in ("new work", "new version") for o in outcomes):
        cat.write(catalog, data_dir)
    return outcomes


def _same_work(catalog: cat.Catalog, proposed: cat.Entry) -> cat.Entry | None:
    """The entry of the catalog with the same title and jurisdiction, if any."""
    for entry in catalog.documents:
        same_title = cat.short_title(entry.title) == cat.short_title(proposed.title)
        if same_title and entry.jurisdiction == proposed.jurisdiction:
            return entry
    return None


def _without(entry: cat.Entry, source: str) -> cat.Entry:
    return cat.Entry(**{**entry.__dict__, "sources": [s for s in entry.sources if s != source]})


def _put(catalog: cat.Catalog, entry: cat.Entry, data_dir: Path) -> None:
    """Add or replace *entry* in the catalog, and its organisation if its graph exists."""
    catalog.documents = [e for e in catalog.documents if e.id != entry.id] + [entry]
    known = {o["id"] for o in catalog.organisations}
    has_graph = (data_dir / "org" / f"{entry.jurisdiction}.ttl").exists()
    if entry.jurisdiction not in known and has_graph:
        catalog.organisations.append(
            {
                "id": entry.jurisdiction,
                "name": cat.NAMES.get(entry.jurisdiction, entry.jurisdiction),
                "file": f"org/{entry.jurisdiction}.ttl",
            }
        )
