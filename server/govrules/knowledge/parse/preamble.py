"""The lines before a work-rules document's first chapter or article: its promulgation notice.

Recognised, in this order, each optional: page residue (朗读, 打印…), the notice's own title
(…关于印发《…》的通知), its document number (国发〔2018〕21号), the addressee line (…：), the
notice paragraphs, the issuing body, the date, (此件公开发布), the document's title and a
parenthesised note after it ((2020年3月12日…通过)). Any other line raises ParseError.
"""

import re

from govrules.knowledge.parse.structure import (
    Document,
    ParseError,
    cited_titles,
    is_residue,
    parse_date,
)

_STAGES = (
    "residue",
    "notice title",
    "document number",
    "addressee",
    "notice",
    "issuer",
    "date",
    "publication note",
    "title",
    "title note",
)
# Kinds whose line is kept as it stands, and the Document field that keeps it.
_FIELDS = {
    "notice title": "notice_title",
    "document number": "document_number",
    "issuer": "issuer",
    "title note": "title_note",
}
_SENTENCE = re.compile(r"[。！？!?；;]")
_NOTICE_WORDS = re.compile(r"印发|通过|发布|施行|执行|公布|废止|《")
_DOC_NUMBER = re.compile(r"\S{1,15}[〔［\[(（]\d{4}[〕］\])）]\s*\d+\s*号")
_NOTICE_TITLE = re.compile(r".*(关于|印发|发布).*(通知|决定|命令|通告|公告)")
_ADOPTED = re.compile(r"(?:已经|已由|经|\d日)(.+?会议)(?:审议)?(?:通过|决定)")
_DATE_IN = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def read_preamble(lines: list[tuple[int, str]], *, first_body_line: int) -> Document:
    """Return a Document holding what the preamble *lines* say (no provisions yet).

    >>> doc = read_preamble([(1, "朗读"), (2, "示例规则")], first_body_line=3)
    >>> doc.title, doc.title_line, doc.body_line
    ('示例规则', 2, 2)

    :param lines: (1-based line number, stripped text) of the non-blank lines.
    :param first_body_line: line number of the first chapter or article heading.
    :raises ParseError: on a line that is not a recognisable part of a preamble.
    """
    kinds = _kinds(_join_wrapped(lines))
    doc = Document(body_line=first_body_line)
    stage = -1
    notice: list[str] = []
    for (n, line), kind in kinds:
        rank = _STAGES.index(kind)
        if rank < stage or (rank == stage and kind not in ("residue", "notice")):
            raise _unrecognised(n, line, f"{kind} out of place after {_STAGES[stage]}")
        stage = rank
        if kind in _FIELDS:
            setattr(doc, _FIELDS[kind], line)
        elif kind == "addressee":
            doc.addressee = line.rstrip("：:").strip()
        elif kind == "notice":
            notice.append(line)
        elif kind == "date":
            doc.date = parse_date(line)
        elif kind == "title":
            doc.title, doc.title_line, doc.body_line = line, n, n
    doc.notice = "\n".join(notice)
    _complete(doc)
    return doc


def _join_wrapped(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join a notice or addressee hard-wrapped over lines (a fragment with a comma or 《)."""
    out: list[tuple[int, str]] = []
    for n, line in lines:
        if out and _fragment(out[-1][1]) and _kind(line, True) in ("plain", "notice", "addressee"):
            out[-1] = (out[-1][0], out[-1][1] + line)
        else:
            out.append((n, line))
    return out


def _fragment(line: str) -> bool:
    """Return whether *line* is an unfinished sentence rather than a title or issuer."""
    return _kind(line, True) == "plain" and bool(re.search(r"[，,、《]", line))


def _kind(line: str, started: bool) -> str:
    """Return the preamble kind of *line* read on its own ("plain" if only context can tell)."""
    if not started and is_residue(line):
        return "residue"
    if parse_date(line):
        return "date"
    if re.fullmatch(r"[(（]此件.*[)）]", line):
        return "publication note"
    if re.fullmatch(r"[(（].*[)）]", line):
        return "title note"
    if _DOC_NUMBER.fullmatch(line):
        return "document number"
    if _SENTENCE.search(line):
        return "notice"
    if _NOTICE_TITLE.fullmatch(line):
        return "notice title"
    if line[-1] in "：:":
        return "addressee"
    return "plain"


def _kinds(lines: list[tuple[int, str]]) -> list[tuple[tuple[int, str], str]]:
    """Classify each line; a plain line is the issuer before a date, or the title at the end."""
    kinds: list[str] = []
    for n, line in lines:
        kind = _kind(line, started=any(k != "residue" for k in kinds))
        if kind == "notice" and not _NOTICE_WORDS.search(line):
            raise _unrecognised(n, line, "a sentence that is not part of a promulgation notice")
        kinds.append(kind)
    for i, ((n, line), kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind != "plain":
            continue
        after = kinds[i + 1 :]
        if after[:1] == ["date"]:
            kinds[i] = "issuer"
        elif all(k == "title note" for k in after) and not is_residue(line) and len(line) <= 60:
            kinds[i] = "title"
        else:
            raise _unrecognised(n, line, "neither an issuer before a date nor the title")
    return list(zip(lines, kinds, strict=True))


def _complete(doc: Document) -> None:
    """Fill what the notice implies: the title (if no title line), adoption, date."""
    if not doc.title:
        titles = cited_titles(doc.notice_title + doc.notice)
        doc.title = titles[0] if len(titles) == 1 else ""
    for source in (doc.notice, doc.title_note):
        if match := _ADOPTED.search(source):
            doc.adopted_at = match.group(1)
            break
    if doc.date is None and (match := _DATE_IN.search(doc.title_note)):
        doc.date = parse_date(match.group(0))


def _unrecognised(n: int, line: str, reason: str) -> ParseError:
    """Return the error for a line before the first article that is not a preamble."""
    excerpt = line if len(line) <= 30 else line[:30] + "…"
    return ParseError(
        n, f"text before the first article is not a recognisable preamble: {excerpt!r} ({reason})"
    )
