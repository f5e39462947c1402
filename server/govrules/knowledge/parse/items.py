"""Items of a paragraph, at any depth: (一) then 1. then (1), opening lines or inline after a colon.

A marker that opens a source line is certainly an item; an inline marker (…如下：（一）…；（二）…)
is one when it continues the numbering, and otherwise a reference such as 第（二）项.
"""

import re

from govrules.knowledge.parse.classify import Kind
from govrules.knowledge.parse.numerals import NUMERAL, to_int
from govrules.knowledge.parse.structure import Item, Paragraph, ParseError

_INLINE_ITEM = re.compile(rf"(?:^|(?<=[：:；;。，,]))[(（]({NUMERAL})[)）]")


def split_items(
    para: Paragraph,
    starts: list[tuple[int, int]],
    markers: list[tuple[int, Kind]],
    warnings: list[tuple[int, str]],
) -> list[Item]:
    """Return the items of a paragraph as a tree; a marker out of sequence is warned about.

    :param starts: (offset in the text, source line) where each source line of the text starts.
    :param markers: (offset, kind) of the items that open a line.
    :param warnings: where an item out of sequence is reported.
    """

    def line_at(offset: int) -> int:
        return max(line for start, line in starts if start <= offset)

    found: dict[int, tuple[str, str, int, bool]] = {
        offset: (k.heading, k.marker, k.number or 0, True) for offset, k in markers
    }
    for match in _INLINE_ITEM.finditer(para.text):
        if match.start() not in found:
            try:
                num = to_int(match.group(1))
            except ValueError:
                continue
            found[match.start()] = (match.group(0), "paren", num, False)
    # Each open level: [marker kind, its item list, last number written].
    root: list[Item] = []
    stack: list[list] = []
    accepted: list[tuple[int, Item]] = []
    for offset in sorted(found):
        marker, level, num, opens_line = found[offset]
        depth = next((d for d, entry in enumerate(stack) if entry[0] == level), None)
        if depth is not None:
            expected = stack[depth][2] + 1
            if num != expected:
                if not opens_line:
                    continue  # a reference such as 第（二）项
                prev = stack[depth][1][-1].marker
                message = f"item {marker} follows {prev}: expected item {expected}"
                warnings.append((line_at(offset), message))
            del stack[depth + 1 :]
            siblings = stack[depth][1]
        else:
            if num != 1:
                if not opens_line:
                    continue
                warnings.append(
                    (line_at(offset), f"item {marker} follows the start of its list: expected 1")
                )
            siblings = stack[-1][1][-1].items if stack else root
            stack.append([level, siblings, 0])
        item = Item(len(siblings) + 1, "", line_at(offset), marker)
        siblings.append(item)
        stack[-1 if depth is None else depth][2] = num
        accepted.append((offset, item))
    if not accepted:
        return []
    ends = [offset for offset, _ in accepted[1:]] + [len(para.text)]
    for (offset, item), end in zip(accepted, ends, strict=True):
        item.text = para.text[offset + len(item.marker) : end].strip()
        if not item.text and not item.items:
            raise ParseError(item.line, f"item {item.marker} has no text")
    return root
