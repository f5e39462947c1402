"""Source text → numbered lines: Markdown markers, comments, noise and page furniture set apart.

Every later stage reads ``Line`` objects. What this module leaves out of the text (HTML comments,
a YAML header, ``<!-- INFO END -->``, page furniture, noise) goes to the parse report as a
skipped line with its number, never silently.
"""

import re
from dataclasses import dataclass

TERMINATORS = "。；;：:！？!?"
CLOSING_QUOTES = "”’」』\"'"
_TITLE = re.compile(r"《([^《》]+)》")
_HEADING_MARK = re.compile(r"#{1,6}(?=\s|$)")
_COMMENT = re.compile(r"<!--.*?-->")
INFO_END = "<!-- INFO END -->"
# Zero-width characters some sites leave on blank lines and inside words: read as spaces.
_INVISIBLE = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", " "))
# Pinyin a converter left after a character: 規(guī)則, 規（gui）.
_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
# A run of ASCII letters and digits inside Chinese text, as anti-copy scripts interleave.
# Mixed case with a lower-case letter, so that figures (2016), units and codes (ISO9001) stay.
_ASCII_RUN = re.compile(
    r"(?<=[\u4e00-\u9fff，。、；：])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z0-9])[A-Za-z0-9]{5,}"
    r"(?=[\u4e00-\u9fff，。、；：])"
)

# Words of web-page furniture that copies of these texts often start with.
RESIDUE_WORDS = frozenset(
    ("朗读", "打印", "关闭", "分享", "收藏", "字号", "大", "中", "小", "默认", "返回")
    + ("返回顶部", "打印本页", "关闭窗口", "扫一扫", "手机版", "听全文", "播报", "下载", "保存")
    + ("编辑", "市政府文件", "政府文件", "正文", "首页", "当前位置", "信息公开", "政策文件")
)
# Metadata blocks of government sites: 索引号：…, 发布日期：….
_METADATA = re.compile(
    r"(索引号|主题分类|发文机关|发布机构|成文日期|发布日期|公开方式|有效性|文号|主题词|"
    r"来源|浏览次数|访问量|信息来源|生效日期|废止日期|时效性|效力级别|所属类别|点击数)"
    r"\s*[:：]"
)
_BREADCRUMB = re.compile(r".{0,12}(首页|当前位置).*[>＞»].*")


@dataclass(frozen=True)
class Line:
    """One non-blank source line: 1-based number, stripped text, Markdown heading level."""

    number: int
    text: str
    level: int = 0


@dataclass
class Source:
    """The lines of a text split at the collection's ``<!-- INFO END -->`` marker, if any."""

    front: list[Line]
    body: list[Line]
    skipped: list[tuple[int, str]]
    markdown: bool


def read_lines(text: str) -> Source:
    """Return the non-blank lines of *text*, split into front matter and body.

    >>> src = read_lines("# 示例规则\\n\\n2020年1月2日 通过\\n<!-- INFO END -->\\n## 第一章 总则")
    >>> [line.text for line in src.front], src.skipped
    (['示例规则', '2020年1月2日 通过'], [(4, '<!-- INFO END -->')])
    >>> src.body
    [Line(number=5, text='第一章 总则', level=2)]
    """
    lines: list[Line] = []
    skipped: list[tuple[int, str]] = []
    raw = text.lstrip("\ufeff").translate(_INVISIBLE).splitlines()
    start = _skip_yaml_header(raw, skipped)
    info_end: int | None = None
    for n, source in enumerate(raw[start:], start + 1):
        stripped = source.strip()
        if not stripped:
            continue
        if stripped == INFO_END:
            info_end = len(lines) if info_end is None else info_end
            skipped.append((n, stripped))
            continue
        cleaned = _COMMENT.sub("", stripped).strip()
        if not cleaned:
            skipped.append((n, stripped))
            continue
        level = 0
        if mark := _HEADING_MARK.match(cleaned):
            level = len(mark.group(0))
            cleaned = cleaned[level:].strip()
            if not cleaned:
                skipped.append((n, stripped))
                continue
        lines.append(Line(n, cleaned, level))
    markdown = info_end is not None or any(line.level for line in lines)
    if info_end is None:
        return Source([], lines, skipped, markdown)
    return Source(lines[:info_end], lines[info_end:], skipped, markdown)


def _skip_yaml_header(raw: list[str], skipped: list[tuple[int, str]]) -> int:
    """Return the index after a ``---`` … ``---`` header at the top, listing it as skipped."""
    if not raw or raw[0].strip() != "---":
        return 0
    for i, line in enumerate(raw[1:], 1):
        if line.strip() == "---":
            skipped.extend((n, s.strip()) for n, s in enumerate(raw[: i + 1], 1) if s.strip())
            return i + 1
    return 0


_ARTICLE_AHEAD = (
    r"\s*(?=第[一二三四五六七八九十百千零〇]+[条條](?![规的之中所和及或至、，,第款项]))"
)
_AFTER_SENTENCE = re.compile(r"(?<=[。；;！？!?])" + _ARTICLE_AHEAD)
_AFTER_SPACE = re.compile(r"(?:(?<=[。；;！？!?])|(?<=\s))" + _ARTICLE_AHEAD)


def split_run_on(lines: list[Line], *, after_space: bool = True) -> list[Line]:
    """Return *lines* cut before each 第X条 that follows a sentence end (or a space).

    >>> [line.text for line in split_run_on([Line(1, "规则 第一条 甲。第二条 乙。")])]
    ['规则', '第一条 甲。', '第二条 乙。']
    """
    pattern = _AFTER_SPACE if after_space else _AFTER_SENTENCE
    out: list[Line] = []
    for line in lines:
        pieces = [p.strip() for p in pattern.split(line.text)]
        out.extend(Line(line.number, piece, line.level) for piece in pieces if piece)
    return out


def clean_noise(line: Line) -> tuple[Line, str]:
    """Return *line* without converter pinyin and anti-copy ASCII runs, and what was removed.

    >>> clean_noise(Line(3, "本規(guī)則自公布之日起施行。"))
    (Line(number=3, text='本規則自公布之日起施行。', level=0), '(guī)')
    """
    removed = _PINYIN.findall(line.text) + _ASCII_RUN.findall(line.text)
    if not removed:
        return line, ""
    text = _ASCII_RUN.sub("", _PINYIN.sub("", line.text))
    return Line(line.number, text, line.level), "".join(removed)


def is_residue(line: str) -> bool:
    """Return whether *line* is web-page furniture: residue words, a metadata field, a breadcrumb.

    >>> is_residue("朗读"), is_residue("【打印】 【关闭】"), is_residue("字号：大 中 小")
    (True, True, True)
    >>> is_residue("索引号：001008003004/2020-00012"), is_residue("总则")
    (True, False)
    """
    if _METADATA.match(line) or (">" in line or "＞" in line) and _BREADCRUMB.fullmatch(line):
        return True
    if len(line) > 40:
        return False
    words = [w for w in re.split(r"[\s【】\[\]|｜/：:]+", line) if w]
    return bool(words) and all(w in RESIDUE_WORDS for w in words)


def ends_sentence(text: str) -> bool:
    """Return whether *text* ends with sentence-final punctuation, possibly then a quote.

    >>> ends_sentence("负责处理市政府"), ends_sentence("制定本规则。"), ends_sentence("“是。”")
    (False, True, True)
    """
    stripped = text.rstrip().rstrip(CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in TERMINATORS


def cited_titles(text: str, *, exclude: str = "") -> list[str]:
    """Return the titles quoted in 《》 in *text*, first occurrence order, without *exclude*.

    >>> cited_titles("根据《宪法》《组织法》和《宪法》", exclude="组织法")
    ['宪法']
    """
    found = [t for t in _TITLE.findall(text) if t != exclude]
    return list(dict.fromkeys(found))


def squeeze(text: str) -> str:
    """Return *text* without any whitespace (总 则 → 总则)."""
    return re.sub(r"\s+", "", text)
