"""What a timeline event marks: the start of impact, its detection, mitigation or resolution.

Cues are tried from the end of an incident backwards (resolution, mitigation, detection, start),
so "Incident resolved, query timings returned to normal" is a resolution and "Issue confirmed.
Begin reverting PRs" a mitigation. A start needs the problem to start ("errors began", "pods
begin failing", "spiked"), so "We started the investigation" stays an ordinary event.
"""

from __future__ import annotations

from functools import lru_cache

from retro_ai.needles import Gated
from retro_ai.schema import EventKind
from retro_ai.stages.offline.cues import gated, rx

_ACCIDENT = rx(r"unexpected|accident|unintention|ungraceful|意外|误操作")
EVENT_CUES: list[tuple[EventKind, Gated]] = [
    (
        "resolution",
        gated(
            r"\bresolved\b|\bresolution\b|\bfixed\b|\brecover(?:ed|y|ing)\b|\brestored\b"
            r"|(?:back|returned|went down) to normal|\b(?:fully|were|was|is|are|we're|it's) back\b"
            r"|\ball clear\b|all healthy|\bhealthy again\b|\bclosed\b"
            r"|\b(?:ok|fine|up|green|2\d\ds?)\b[^.]{0,30}\bagain\b"
            r"|\boperational\b|verified working|\bfix works\b|\bit works\b|\bresumed\b"
            r"|\bstabili[sz]ed\b|\b(?:responding|working|shipping|running|serving)\b[^.]{0,40}"
            r"\bagain\b|恢复|解决|修复|结束"
        ),
    ),
    (
        "mitigation",
        gated(
            r"\bmitigat\w*|\broll(?:ed|ing|s)?[ -]?back\b|\brollbacks?\b"
            r"|\brolled\b(?:\s+\S+){1,3}?\s+back\b|\bworkaround\b|\brevert\w*|\bfail(?:ed)? ?over\b"
            r"|\bscaled? (?:up|out)\b|\brestart\w*|\bdisabled?\b|\bhotfix\w*|\bthrottl\w*"
            r"|\bcancell?ed\b|\bhalted\b|\bswitched off\b|\bturned off\b"
            r"|\bkill(?:ed)? (?:the )?switch"
            r"|止损|回滚|降级|切换|切回|重启|扩容|临时方案|限流|关闭了?\S{0,6}开关|暂停|下线"
        ),
    ),
    (
        "detection",
        gated(
            r"\bdetect\w*|\balert\w*|(?<!nobody )(?<!no one )\bnoticed?\b|\bnotices\b"
            r"|\bpage[rd]\b|\bpaging\b|\bdown for (?:anyone|everyone|you|me)\b"
            r"|\b(?:getting|seeing)\s+(?:\w+\s+)?(?:5\d\ds|5xx|errors|timeouts)\b"
            r"|\b(?:users?|customers?|clients?|teams?|engineers?)\b[^.]{0,20}\breport\w*"
            r"|\b(?:is|was|were|been) reported\b|\breported by\b|\breports? (?:of|from)\b"
            r"|\bdeclar(?:ed|ing)\b|\banyone else (?:seeing|see|getting|having)\b"
            r"|\bescalat\w*|\bwe (?:are|were) informed\b"
            r"|发现|告警|报警|收到.{0,6}(?:反馈|投诉)"
        ),
    ),
    (
        "start",
        gated(
            r"\b(?:problem|issue|incident|outage|impact|degradation|errors?|failures?|disruption"
            r"|latency|saturation)s?\b(?:\s+[\w-]+){0,2}?\s+(?:start(?:ed|s)?|began|begins?)\b"
            r"|\b(?:start(?:ed|s)?|began|begins?)\s+(?:to\s+)?(?:fail|return|crash|experienc"
            r"|overwhelm|throw|time\w* out|report\w*\s+\W*(?:errors?|no )|erroring)"
            r"|\bjumped\b|\bspiked?\b|\bsurged?\b|\bwent down\b|\boutage\b|the one that started"
            r"|(?:故障|问题|异常|报错|错误|影响)\S{0,4}开始|故障发生"
            r"|开始\S{0,4}?(?:出现|报错|失败|超时|异常|不可用|大面积|大量|批量|返回|掉|跌|飙|堆积|积压)"
            r"|一路(?:往下)?(?:掉|跌)"  # "成功率从99.5%一路往下掉": the fall is the start
            r"|出现(?:大量|异常|故障|报错|超时)"
        ),
    ),
]


@lru_cache(maxsize=4096)  # the timeline is built for two stages; its texts repeat
def event_kind(text: str) -> EventKind:
    """start, detection, mitigation, resolution or other, by the first kind with a cue."""
    for kind, pattern in EVENT_CUES:
        if pattern.search(text) and not (kind == "mitigation" and _ACCIDENT.search(text)):
            return kind
    return "other"


def has_cue(text: str, kind: EventKind) -> bool:
    """True when `text` carries a cue of `kind`, even if another kind's cue decides the event."""
    return any(k == kind and p.search(text) for k, p in EVENT_CUES)
