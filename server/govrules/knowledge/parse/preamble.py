"""The lines before a document's first heading: promulgation notice, title and title notes.

Recognised, in this order, each optional: the notice's own title (…关于印发《…》的通知), its
document number (国发〔2018〕21号), the addressee line (…：), the notice paragraphs, the issuing
body, the date, (此件公开发布), the document's title (``# title`` in Markdown) and its title notes
(dated adoption and amendment lines, or a parenthesised note). Page furniture anywhere, the title
printed twice and a line repeating the issuing body are skipped and reported. Any other line
raises ParseError naming it.
"""

import re

from govrules.knowledge.parse.lines import (
    Line,
    cited_titles,
    clean_noise,
    is_body_name,
    is_residue,
    squeeze,
)
from govrules.knowledge.parse.notes import adopting_body, is_note, parse_date, read_events
from govrules.knowledge.parse.structure import Document, ParseError

_STAGES = (
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
_FIELDS = {
    "notice title": "notice_title",
    "document number": "document_number",
    "issuer": "issuer",
}
_SENTENCE = re.compile(r"[。！？!?；;]")
_NOTICE_WORDS = re.compile(
    r"印发|通过|发布|施行|执行|公布|废止|修订|修改|制定|现将|遵照|贯彻|《|^附件"
)
_DOC_NUMBER = re.compile(r"\S{1,15}[〔［\[(（]\d{4}[〕］\])）]\s*\d+\s*号")
_NOTICE_TITLE = re.compile(r".*(关于|印发|发布).*(通知|决定|命令|通告|公告)")
_ADOPTED = re.compile(r"(?:已经|已由|经|\d日)(.+?会议)(?:审议)?(?:通过|决定)")


def read_front(lines: list[Line], *, markdown: bool) -> Document:
    """Return a Document holding what the front *lines* say (no provisions yet).

    >>> doc = read_front([Line(1, "朗读"), Line(2, "示例规则")], markdown=False)
    >>> doc.title, doc.title_line, doc.body_line, doc.skipped
    ('示例规则', 2, 2, [(1, '朗读')])

    :raises ParseError: on a line that is not a recognisable part of the front matter.
    """
    doc = Document(body_line=lines[0].number if lines else 1)
    kept: list[Line] = []
    for line in lines:
        cleaned, removed = clean_noise(line)
        if removed:
            doc.skipped.append((line.number, removed))
        if not cleaned.text.strip():
            continue
        if is_residue(cleaned.text, front=True):
            doc.skipped.append((line.number, cleaned.text))
        else:
            kept.append(cleaned)
    if markdown and kept and kept[0].level == 1:
        _read_markdown(doc, kept)
    else:
        _read_plain(doc, _join_wrapped(kept))
    _complete(doc)
    return doc


def _read_markdown(doc: Document, lines: list[Line]) -> None:
    """Read ``# title``, further ``#`` lines (a subtitle such as 物权编) and the title notes."""
    title, *rest = lines
    doc.title, doc.title_line, doc.body_line = squeeze(title.text), title.number, title.number
    _read_after_title(doc, rest)


def _read_after_title(doc: Document, lines: list[Line]) -> None:
    """Read the title notes; skip the title printed again and a line naming the issuing body."""
    notes: list[Line] = []
    recital: list[str] = []
    for line in lines:
        text = squeeze(line.text)
        kept = True
        if recital or (_SENTENCE.search(line.text) and not is_note(line.text)):
            recital.append(line.text)  # the text's own preamble: 为正确审理…，制定本解释。
        elif _DOC_NUMBER.fullmatch(line.text) and not doc.document_number:
            doc.document_number = line.text
        elif is_note(line.text) or re.fullmatch(r"[(（].*[)）]", line.text):
            notes.append(line)
        elif text and text in doc.title:
            doc.skipped.append((line.number, line.text))
            kept = False
        elif notes and _unfinished(notes[-1].text):
            notes[-1] = Line(notes[-1].number, notes[-1].text + line.text)  # a wrapped note
        elif line.level == 1 and not notes:
            doc.subtitle = text  # 物权编, a part of a code published alone
        elif is_body_name(text) and not _SENTENCE.search(text):
            doc.skipped.append((line.number, line.text))
            kept = False
        else:
            raise _unrecognised(line.number, line.text, "expected a title note after the title")
        if kept:
            doc.front_lines.append((line.number, line.text))
    doc.recital = "\n".join(recital)
    for note in notes:
        events = read_events(note.text, note.number)
        if not events and is_note(note.text):
            doc.warnings.append(
                (note.number, f"title note without a known event: {note.text[:30]!r}")
            )
        doc.events.extend(events)
    doc.title_note = "\n".join(n.text for n in notes)


def _unfinished(note: str) -> bool:
    """Return whether a dated title note breaks off (its line wrapped before the verb)."""
    return is_note(note) and not note.endswith((")", "）", "通过", "修正", "修订", "施行", "公布"))


def _page_headings(doc: Document, lines: list[Line]) -> list[Line]:
    """Return *lines* without a heading the page printed above the notice and again below.

    A site shows the notice's title, or the text's, as the page's heading, then the notice.
    """
    notice_kinds = ("document number", "addressee", "notice", "date")
    out: list[Line] = []
    for i, line in enumerate(lines):
        text = squeeze(line.text)
        later = [j for j in range(i + 1, len(lines)) if squeeze(lines[j].text) == text]
        between = lines[i + 1 : later[0]] if later else []
        repeated_notice_title = later[:1] == [i + 1] and _kind(line.text) == "notice title"
        if repeated_notice_title or any(_kind(other.text) in notice_kinds for other in between):
            doc.skipped.append((line.number, line.text))
        else:
            out.append(line)
    return out


def _read_plain(doc: Document, lines: list[Line]) -> None:
    """Read a notice, then the title and title notes, of a text as published."""
    lines = _page_headings(doc, lines)
    kinds = _kinds(lines)
    stage = -1
    notice: list[str] = []
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        rank = _STAGES.index(kind)
        if kind == "title":
            doc.title, doc.title_line, doc.body_line = squeeze(line.text), line.number, line.number
            _read_after_title(doc, lines[i + 1 :])
            break
        if rank < stage or (rank == stage and kind != "notice"):
            raise _unrecognised(
                line.number, line.text, f"{kind} out of place after {_STAGES[stage]}"
            )
        stage = rank
        if kind in _FIELDS:
            setattr(doc, _FIELDS[kind], line.text)
        elif kind == "addressee":
            doc.addressee = line.text.rstrip("：:").strip()
        elif kind == "notice":
            notice.append(line.text)
        elif kind == "date":
            doc.date = parse_date(line.text)
        elif kind == "title note":
            raise _unrecognised(line.number, line.text, "a title note before the title")
    doc.notice_text = "\n".join(notice)


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Join a notice or addressee hard-wrapped over lines (a fragment with a comma or 《)."""
    out: list[Line] = []
    for line in lines:
        if out and _fragment(out[-1].text) and _kind(line.text) in ("plain", "notice", "addressee"):
            out[-1] = Line(out[-1].number, out[-1].text + line.text, out[-1].level)
        else:
            out.append(line)
    return out


def _fragment(line: str) -> bool:
    """Return whether *line* is an unfinished sentence rather than a title or issuer."""
    return _kind(line) == "plain" and bool(re.search(r"[，,、《]", line))


def _kind(line: str) -> str:
    """Return the front-matter kind of *line* read on its own ("plain" if only context can tell)."""
    if parse_date(line):
        return "date"
    if re.fullmatch(r"[(（]此件.*[)）]", line):
        return "publication note"
    if is_note(line) or re.fullmatch(r"[(（].*[)）]", line):
        return "title note"
    if _DOC_NUMBER.fullmatch(line):
        return "document number"
    if _SENTENCE.search(line) or re.match(r"附件\s*[:：\d]", line):
        return "notice"  # the notice's paragraphs, and its list of attachments
    if _NOTICE_TITLE.fullmatch(line):
        return "notice title"
    if line[-1:] in ("：", ":"):
        return "addressee"
    return "plain"


def _kinds(lines: list[Line]) -> list[str]:
    """Classify each line; a plain line is the issuer before a date, or else the title."""
    kinds = [_kind(line.text) for line in lines]
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "notice" and not _NOTICE_WORDS.search(line.text):
            raise _unrecognised(line.number, line.text, "a sentence that is not part of a notice")
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind != "plain":
            continue
        if kinds[i + 1 : i + 2] == ["date"]:
            kinds[i] = "issuer"
        elif len(line.text) <= 60 and (
            kinds[i + 1 : i + 2] == ["title note"]
            or _rest_follows_title(lines[i + 1 :], kinds[i + 1 :], line)
        ):
            kinds[i] = "title"
            break
        else:
            raise _unrecognised(
                line.number, line.text, "neither an issuer before a date nor the title"
            )
    return kinds


def _rest_follows_title(lines: list[Line], kinds: list[str], title: Line) -> bool:
    """Return whether every line after a would-be title can follow a title."""
    for line, kind in zip(lines, kinds, strict=True):
        text = squeeze(line.text)
        if kind in ("title note", "notice") or (text and text in squeeze(title.text)):
            continue  # a note, the text's own preamble (为正确审理…，制定本解释。), the title again
        if kind == "plain" and is_body_name(text):
            continue
        return False
    return True


def _complete(doc: Document) -> None:
    """Fill what the notice implies: the title (if no title line), adoption, date."""
    if not doc.title:
        titles = cited_titles(doc.notice_title + doc.notice_text)
        doc.title = titles[0] if len(titles) == 1 else ""
    if match := _ADOPTED.search(doc.notice_text):
        doc.adopted_at = match.group(1)
    else:
        doc.adopted_at = adopting_body(doc.events)
    if doc.date is None:
        doc.date = doc.version_date


def _unrecognised(n: int, line: str, reason: str) -> ParseError:
    """Return the error for a line before the first heading that cannot be read."""
    excerpt = line if len(line) <= 30 else line[:30] + "…"
    return ParseError(
        n, f"text before the first article is not a recognisable preamble: {excerpt!r} ({reason})"
    )
