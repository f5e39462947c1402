"""The parse report of one file: what ``govrules parse --summary`` prints, one JSON object a file.

The keys are a contract other tools read: ``file``, ``ok``, ``title``, ``chapters``,
``sections``, ``articles``, ``paragraphs``, ``items``, ``versions`` (``date``, ``event``, ``by``),
``skipped`` (``line``, ``text``), ``warnings`` (``line``, ``message``) and ``error`` (null, or
``line`` and ``message``).
"""

from pathlib import Path

from govrules.knowledge.parse.structure import Document, Item, ParseError, parse_file


def summary(path: Path, *, strict: bool = False) -> dict:
    """Parse the file at *path* and return its report; a failure is reported, never raised.

    :param strict: refuse the publisher's slips that are otherwise warnings.
    """
    try:
        doc = parse_file(path, strict=strict)
    except ParseError as exc:
        return _report(path, None, {"line": exc.line, "message": exc.message})
    except OSError as exc:
        return _report(
            path, None, {"line": None, "message": f"cannot read the file: {exc.strerror}"}
        )
    return _report(path, doc, None)


def _report(path: Path, doc: Document | None, error: dict | None) -> dict:
    """Return the report's keys, with zero counts and empty lists for a file that failed."""
    paragraphs = [p for a in doc.articles for p in a.paragraphs] if doc else []
    return {
        "file": str(path),
        "ok": error is None,
        "title": (doc.title or None) if doc else None,
        "chapters": len(doc.chapters) if doc else 0,
        "sections": len(doc.sections) if doc else 0,
        "articles": len(doc.articles) if doc else 0,
        "paragraphs": len(paragraphs),
        "items": sum(_count(p.items) for p in paragraphs),
        "versions": [{"date": e.date.isoformat(), "event": e.kind, "by": e.by} for e in doc.events]
        if doc
        else [],
        "skipped": [{"line": n, "text": t} for n, t in doc.skipped] if doc else [],
        "warnings": [{"line": n, "message": m} for n, m in doc.warnings] if doc else [],
        "error": error,
    }


def _count(items: list[Item]) -> int:
    """Return the number of items, nested ones included."""
    return sum(1 + _count(item.items) for item in items)
