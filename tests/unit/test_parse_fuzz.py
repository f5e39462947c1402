"""Mangled texts: the parser returns a document that round-trips, or raises ParseError.

Real texts (the Yueqing rules, the fixtures and, when present, the shared corpus) are cut, have
lines dropped, and get headings, markers, dates and comments inserted at random (seeded).
"""

import random
import re
from pathlib import Path

import pytest

from govrules.knowledge.parse import ParseError, parse_text, provision_text_concat

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    ROOT / "data" / "source" / "yueqing-government-work-rules-2020.txt",
    *sorted((ROOT / "tests" / "fixtures" / "texts").glob("*.*")),
    *sorted((ROOT / ".." / "shared" / "corpus").glob("*/*.md"))[::4],
]
PIECES = [
    "第一条",
    "第二章",
    "（一）",
    "1.",
    "一、",
    "第三节",
    "第一编",
    "2020年1月2日",
    "（",
    "）",
    "《",
    "》",
    "。",
    "：",
    "第",
    "编辑",
    "(guī)",
    "---",
    "\u200b",
    "总则",
    "第十条规定的",
    "〇",
    "○",
    "打印",
    "<!--",
    "INFO",
    "END",
    "-->",
    "索引号：1",
]
INVISIBLE = "[\\s\u200b\u200c\u200d\u2060\ufeff]+"


def mangle(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(4)
        if choice == 0 and lines:
            del lines[rng.randrange(len(lines))]
        elif choice == 1:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(PIECES) + rng.choice(PIECES))
        elif choice == 2 and lines:
            n = rng.randrange(len(lines))
            k = rng.randrange(len(lines[n]) + 1)
            lines[n] = lines[n][:k] + rng.choice(PIECES) + lines[n][k:]
        else:
            lines = lines[: rng.randrange(len(lines) + 1)]
    return "\n".join(lines)


def kept_source(text: str, doc) -> str:
    """Return the source from the title on, without Markdown marks and skipped text."""
    skipped: dict[int, list[str]] = {}
    for number, removed in doc.skipped:
        skipped.setdefault(number, []).append(removed)
    kept = []
    for number, line in enumerate(text.splitlines(), 1):
        if number >= doc.body_line:
            line = re.sub(r"^\s*#+(?=\s|$)", "", line.strip())
            for removed in skipped.get(number, []):
                line = line.replace(removed, "", 1)
            kept.append(line)
    return re.sub(INVISIBLE, "", "".join(kept))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_mangled_texts_parse_and_round_trip_or_raise_parse_error(seed):
    rng = random.Random(seed)
    texts = [path.read_text(encoding="utf-8") for path in SOURCES]
    parsed = 0
    for _ in range(150):
        text = mangle(rng.choice(texts), rng)
        try:
            doc = parse_text(text)
        except ParseError as exc:
            assert exc.line >= 1 and exc.message
            continue
        parsed += 1
        assert provision_text_concat(doc) == kept_source(text, doc)
    assert parsed > 0
