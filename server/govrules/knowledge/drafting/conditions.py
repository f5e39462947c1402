"""Which clauses of a sentence are conditions or aims of a norm, not norms of their own."""

from __future__ import annotations

import re

#: A clause that only says whose approval a norm needs (经主任会议决定，…): a condition.
_APPROVAL_ONLY = re.compile(
    r"^\s*(?:并|须|应)?经[^，,。；]{1,30}?(?:决定|批准|同意|通过)后?(?:实施|执行|施行)?\s*$"
)

_CONDITION_END = re.compile(r"(的|时|之前|以前|前|之后|以后|后|期间)\s*$")


def _is_condition(parts, cued, index: int, ccues, verbs, opened: bool) -> bool:
    """Return whether clause *index* of *parts* is a condition or aim, not a norm of its own.

    A clause ending in 的 (涉及相关部门的，), in 时/前/后 (举行会议时，) or saying only whose
    approval is needed (经主任会议决定，); *cued* tells which clauses have a cue, *opened*
    whether a norm of the sentence is open.
    """
    clause = parts[index]
    later_cue = any(cued[index + 1 :])
    later_passive = any(c.text.startswith(("由", "再由")) for c in parts[index + 1 :])
    return (
        (
            not ccues
            and (
                bool(_CONDITION_END.search(clause.text))
                or bool(_APPROVAL_ONLY.match(clause.text))
                # A topic before the cue: 部门提请研究决定的重大决策建议，必须…
                # …or before a passive clause: 审议意见，由专门委员会归纳整理
                or (
                    (later_cue or later_passive)
                    and verbs
                    and "的" in clause.text[max(v.end for v in verbs) :]
                )
                # 推行…制度，切实做到严格规范公正文明执法: the aim of the norm before it.
                or (opened and bool(_AIM.match(clause.text)))
            )
        )
        or (clause.text.startswith("对") and "的" in clause.text and not opened)
        # 是否提请…，由主任会议决定 / 不能到会的，可以委托…: what the next clause rules on.
        or (
            not ccues
            and not clause.text.startswith("由")
            and index + 1 < len(parts)
            and parts[index + 1].text.startswith("由")
        )
        or clause.text.startswith("是否")
        or clause.text.rstrip().endswith("的")
        # 事先提出要求，经主持人同意的，可以…: the clauses of a condition before its 的.
        # (由X协商确定，协商不成的，由Y…: a clause with its agent is a norm before it.)
        or (
            not ccues
            and not clause.text.startswith(("由", "再由"))
            and _condition_follows(parts, cued, index)
        )
        # 经审议，…: what has happened before the norm (经 + an act, no party).
        or (not ccues and any(clause.text[v.start - 1 : v.start] == "经" for v in verbs))
    )


_AIM = re.compile(r"^(?:并|切实|真正|努力|确保)*做到")


def _condition_follows(parts, cued, index: int) -> bool:
    """Return whether a clause ending in 的 follows before the next clause with a cue."""
    for clause, has_cue in zip(parts[index + 1 :], cued[index + 1 :], strict=False):
        if has_cue:
            return False
        if clause.text.rstrip().endswith("的"):
            return True
    return False
