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
# Pinyin a converter left after a character: 規(guī)則. A tone mark is required, so that units
# in parentheses (kg) stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(rf"[(（](?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}[)）]")
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
# Encyclopaedia copies: the page header, the info box's fields, the 目录 heading.
_ENCYCLOPAEDIA = re.compile(
    r".*[_\-－—\s](百度百科|维基百科.*|互动百科|搜狗百科)|百科名片|"
    r"(中文名|外文名|英文名|发布单位|颁布单位|制定机关|发布时间|颁布时间|实施时间|施行时间|"
    r"类别|性质|适用范围|文件编号|属性)\s*[:：].*"
)
_CONTENTS = frozenset(("目录", "目錄"))


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
        skipped.extend((n, comment) for comment in _COMMENT.findall(stripped))
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
    text = _ASCII_RUN.sub("", _PINYIN.sub("", line.text)).strip()
    return Line(line.number, text, line.level), "".join(removed)


_BODY_NAME = re.compile(
    r".{2,30}(人民代表大会|常务委员会|人民政府|办公厅|办公室|国务院|法院|检察院|委员会|局|厅)"
)
# Site footers and sharing widgets: never part of a text.
_FOOTER = re.compile(
    r".{0,40}(版权所有|ICP备|网站标识码|主办单位[:：]|承办单位[:：]|技术支持[:：]|联系我们|网站地图|"
    r"扫一扫在手机|分享到[:：]|上一篇[:：]|下一篇[:：]|【?字体[:：]).{0,60}"
)


def is_body_name(text: str) -> bool:
    """Return whether *text* is the name of an issuing body alone (示例市人民政府).

    >>> is_body_name("乐清市人民政府"), is_body_name("市政府全体会议由市长召集。")
    (True, False)
    """
    return bool(_BODY_NAME.fullmatch(squeeze(text))) and not re.search(r"[，,。；;：:]", text)


def is_residue(line: str, *, front: bool = False) -> bool:
    """Return whether *line* is web-page furniture: residue words, and before the first heading
    (*front*) a metadata field, a breadcrumb or an encyclopaedia's header and info box.

    >>> is_residue("朗读"), is_residue("【打印】 【关闭】"), is_residue("字号：大 中 小")
    (True, True, True)
    >>> is_residue("索引号：001008003004/2020-00012", front=True), is_residue("总则")
    (True, False)
    >>> is_residue("示例规则_百度百科", front=True), is_residue("中文名：示例规则", front=True)
    (True, True)
    """
    if front and (
        _METADATA.match(line)
        or _ENCYCLOPAEDIA.fullmatch(line)
        or (">" in line or "＞" in line)
        and _BREADCRUMB.fullmatch(line)
    ):
        return True
    if _FOOTER.fullmatch(line):
        return True
    if len(line) > 40:
        return False
    words = [w for w in re.split(r"[\s【】\[\]|｜/：:]+", line) if w]
    return bool(words) and all(w in RESIDUE_WORDS for w in words)


def skip_contents(lines: list[Line]) -> tuple[list[Line], list[tuple[int, str]]]:
    """Return *lines* without a table of contents (目录 and the headings it lists), and what went.

    The contents end where their first heading is printed again, in the text itself.

    >>> text = ["规则", "目录", "第一章 总则", "第二章 附则", "第一章 总则", "第一条 甲。"]
    >>> kept, gone = skip_contents([Line(n, t) for n, t in enumerate(text, 1)])
    >>> [line.text for line in kept], [n for n, _ in gone]
    (['规则', '第一章 总则', '第一条 甲。'], [2, 3, 4])
    """
    squeezed = [squeeze(line.text) for line in lines]
    start = next((i for i, text in enumerate(squeezed) if text in _CONTENTS), None)
    if start is None or start + 1 >= len(lines):
        return lines, []
    first = squeezed[start + 1]
    end = next((k for k in range(start + 2, len(lines)) if squeezed[k] == first), None)
    if end is None:
        return lines, []
    gone = [(line.number, line.text) for line in lines[start:end]]
    return lines[:start] + lines[end:], gone


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
