"""The catalog: every document the build reads, and the organisation graph of each jurisdiction.

``data/catalog.toml`` holds ``[[organisation]]`` and ``[[document]]`` tables. A document is a
work: one id (``{juris}-{type}-{year}``), one jurisdiction (GB/T 2260 code; the national bodies
use ``100000``), one type, the year of its first known event, and one or more source texts
(``source`` for one, ``sources`` for several dated texts of the same work).
This module reads and writes it, and proposes an entry for a title (jurisdiction, type,
issuing body, English title) from the words of the title.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from govrules.errors import BuildError

NATIONAL = "100000"
# Name of the division as it opens a title → (GB/T 2260 code, English adjective of its bodies).
JURISDICTIONS = {
    "中华人民共和国全国": (NATIONAL, "National"),
    "全国": (NATIONAL, "National"),
    "北京市": ("110000", "Beijing Municipal"),
    "上海市": ("310000", "Shanghai Municipal"),
    "浙江省": ("330000", "Zhejiang Provincial"),
    "山东省": ("370000", "Shandong Provincial"),
    "河南省": ("410000", "Henan Provincial"),
    "广东省": ("440000", "Guangdong Provincial"),
    "重庆市": ("500000", "Chongqing Municipal"),
    "乐清市": ("330382", "Yueqing Municipal"),
}
NAMES = {
    NATIONAL: "中华人民共和国",
    "110000": "北京市",
    "310000": "上海市",
    "330000": "浙江省",
    "370000": "山东省",
    "410000": "河南省",
    "440000": "广东省",
    "500000": "重庆市",
    "330382": "乐清市",
}
TYPES = (
    "work-rules",
    "rules-of-procedure",
    "meeting-system",
    "law",
    "administrative-regulation",
    "local-regulation",
    "judicial-interpretation",
    "departmental-rule",
)
TYPE_LABELS = {
    "work-rules": ("工作规则", "Work rules"),
    "rules-of-procedure": ("议事规则", "Rules of procedure"),
    "meeting-system": ("会议制度", "Meeting system"),
    "law": ("法律", "Law"),
    "administrative-regulation": ("行政法规", "Administrative regulation"),
    "local-regulation": ("地方性法规", "Local regulation"),
    "judicial-interpretation": ("司法解释", "Judicial interpretation"),
    "departmental-rule": ("部门规章", "Departmental rule"),
}
UNDATED = "undated"
_ID = re.compile(r"^[0-9]{6}-[a-z-]+-([0-9]{4}|undated)$")


@dataclass
class Entry:
    """One work of the catalog, with the source texts of its known versions."""

    id: str
    jurisdiction: str
    type: str
    year: str
    title: str
    sources: list[str]
    title_en: str = ""
    issuer: str = ""
    norms: str = ""

    def as_toml(self) -> str:
        """Return the entry as a ``[[document]]`` table."""
        lines = ["[[document]]"]
        for key in ("id", "jurisdiction", "type", "year", "issuer", "title", "title_en"):
            if getattr(self, key):
                lines.append(f"{key} = {_quote(getattr(self, key))}")
        if len(self.sources) == 1:
            lines.append(f"source = {_quote(self.sources[0])}")
        else:
            lines.append("sources = [")
            lines += [f"  {_quote(s)}," for s in self.sources]
            lines.append("]")
        if self.norms:
            lines.append(f"norms = {_quote(self.norms)}")
        return "\n".join(lines) + "\n"


@dataclass
class Catalog:
    """The documents and organisation graphs of a data directory."""

    documents: list[Entry] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)

    def find(self, doc_id: str) -> Entry | None:
        """Return the entry of *doc_id*, or None."""
        return next((e for e in self.documents if e.id == doc_id), None)


HEADER = """# The documents and organisation graphs the build reads (written by `govrules import`,
# which keeps this layout; edit by hand with care). A document is a work: its id is
# {jurisdiction}-{type}-{year}, the jurisdiction its GB/T 2260 code (100000 for the national
# bodies), the year that of its first known event; `source` names its text, `sources` the
# dated texts of its versions; `issuer` is a body slug in the jurisdiction's organisation graph.
"""


def _quote(value: str) -> str:
    """Quote a TOML basic string.

    >>> _quote('a"b')
    '"a\\\\"b"'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read(data_dir: Path) -> Catalog:
    """Read ``catalog.toml`` of *data_dir*.

    :raises govrules.errors.BuildError: if it cannot be read or an entry is malformed.
    """
    path = data_dir / "catalog.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BuildError(f"cannot read {path}: {exc}") from None
    catalog = Catalog(organisations=list(raw.get("organisation", [])))
    for doc in raw.get("document", []):
        sources = doc.get("sources") or ([doc["source"]] if doc.get("source") else [])
        if not sources or not doc.get("id"):
            raise BuildError(f"{path}: document {doc.get('id', '?')} has no id or no source")
        catalog.documents.append(
            Entry(
                id=doc["id"],
                jurisdiction=str(doc["jurisdiction"]),
                type=doc["type"],
                year=str(doc["year"]),
                title=doc.get("title", ""),
                sources=list(sources),
                title_en=doc.get("title_en", ""),
                issuer=doc.get("issuer", ""),
                norms=doc.get("norms", ""),
            )
        )
    return catalog


def write(catalog: Catalog, data_dir: Path) -> Path:
    """Write *catalog* to ``catalog.toml`` of *data_dir* (organisations first, by id)."""
    parts = [HEADER]
    for org in sorted(catalog.organisations, key=lambda o: o["id"]):
        parts.append(
            "[[organisation]]\n" + "".join(f"{k} = {_quote(str(v))}\n" for k, v in org.items())
        )
    parts += [e.as_toml() for e in catalog.documents]
    path = data_dir / "catalog.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def short_title(title: str) -> str:
    """Return a title without the country's name, as documents are often cited.

    >>> short_title("中华人民共和国全国人民代表大会议事规则")
    '全国人民代表大会议事规则'
    """
    return title.removeprefix("中华人民共和国")


def jurisdiction_of(title: str) -> str | None:
    """Return the GB/T 2260 code of the division a title opens with, or None.

    >>> jurisdiction_of("中华人民共和国全国人民代表大会常务委员会议事规则")
    '100000'
    >>> jurisdiction_of("浙江省人民代表大会议事规则"), jurisdiction_of("某某规则")
    ('330000', None)
    """
    for name, (code, _) in JURISDICTIONS.items():
        if title.startswith(name):
            return code
    if title.startswith("最高人民") or title.startswith("国务院"):
        return NATIONAL
    return None


def type_of(title: str, jurisdiction: str | None) -> str:
    """Guess the document type from the words of its title.

    >>> type_of("北京市人民代表大会议事规则", "110000"), type_of("建筑法", "100000")
    ('rules-of-procedure', 'law')
    >>> type_of("北京市湿地保护条例", "110000"), type_of("户口登记条例", "100000")
    ('local-regulation', 'administrative-regulation')
    """
    if title.endswith("议事规则"):
        return "rules-of-procedure"
    if title.endswith("工作规则"):
        return "work-rules"
    if "会议制度" in title:
        return "meeting-system"
    if title.startswith("最高人民法院") or title.startswith("最高人民检察院"):
        return "judicial-interpretation"
    local = jurisdiction not in (None, NATIONAL)
    if title.endswith(("条例", "办法", "规定", "细则")) and local:
        return "local-regulation"
    if title.endswith(("法", "法修正案")) or "修正案" in title:
        return "law"
    if title.endswith("条例"):
        return "administrative-regulation"
    return "departmental-rule"


def issuer_of(title: str, doc_type: str) -> str:
    """Return the slug of the body that issued a document, where its title names it.

    >>> issuer_of("北京市人民代表大会常务委员会议事规则", "rules-of-procedure")
    'standing-committee'
    >>> issuer_of("北京市人民代表大会议事规则", "rules-of-procedure")
    'people-congress'
    """
    if "人民代表大会常务委员会" in title:
        return "standing-committee"
    if "人民代表大会" in title and doc_type == "rules-of-procedure":
        return "people-congress"
    if title.endswith("人民政府工作规则"):
        return "city-government"
    return ""


def english_title(title: str) -> str:
    """Return the English title of a congress's rules of procedure, or "" if not known.

    >>> english_title("中华人民共和国全国人民代表大会常务委员会议事规则")
    "Rules of Procedure of the Standing Committee of the National People's Congress"
    >>> english_title("广东省人民代表大会议事规则")
    "Rules of Procedure of the Guangdong Provincial People's Congress"
    """
    match = re.fullmatch(r"(.+?)人民代表大会(常务委员会)?议事规则", title)
    if not match:
        return ""
    place = JURISDICTIONS.get(match.group(1))
    if place is None:
        return ""
    congress = f"the {place[1]} People's Congress"
    if match.group(2):
        return f"Rules of Procedure of the Standing Committee of {congress}"
    return f"Rules of Procedure of {congress}"


def entry_id(jurisdiction: str, doc_type: str, year: str) -> str:
    """Return the catalog id of a work.

    >>> entry_id("100000", "rules-of-procedure", "1987")
    '100000-rules-of-procedure-1987'
    """
    doc_id = f"{jurisdiction}-{doc_type}-{year}"
    if not _ID.match(doc_id):
        raise ValueError(f"malformed id {doc_id!r}")
    return doc_id
