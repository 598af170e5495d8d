"""Sentence-level reading of prose paragraphs and chat lines.

Minutes written as running text put their cues anywhere in a sentence ("比较稳定的是接口层",
"教训是…", "the batch size change went out without a load test, that's the root of it"), not
in headings or "标签:" lines. Each sentence of an otherwise unclaimed unit is read on its own
and becomes a highlight, problem, cause or lesson when its words say so; sentences that say
nothing of the kind are left to the other readers.
"""

from __future__ import annotations

import re

from retro_ai.stages.offline import cues
from retro_ai.stages.offline.text import Span

# Luck: it went well, but not by design.
LUCK = cues.rx(r"幸运|侥幸|运气好|运气成分|\blucky\b|\bluckily\b|\bluck\b")
# Lessons: what to keep or change next time; the cue may lead the sentence ("教训是…").
LESSON = cues.rx(
    r"教训|经验是|心得是|下次|下回|以后(?:要|得|必须)|需要改进|可以延续|值得延续|值得保持"
    r"|lessons? learned|\blesson\b|takeaway|learned that|next time,? (?:we|I)\b"
    r"|going forward,? (?:we|I) (?:should|must|need)|(?:^|\s)\S+ (?:beats?|>) "
)
# Where a lesson's words start once its cue is dropped: "教训是X" -> "X".
LESSON_LEAD = cues.rx(
    r"^.{0,12}?(?:教训|经验|心得|可以延续的|值得延续的|值得保持的)(?:是|就是|在于)?\s*[:：,，]?\s*"
    r"|^.{0,30}?(?:lessons? learned|\blesson|takeaway)s?(?:\s+(?:is|was|here))?\s*[:,-]?\s*"
)
# Causes: why something happened, stated or guessed.
CAUSE = cues.rx(
    r"原因|根因|因为|由于|归因于|源于|导致|造成|\bbecause\b|\bb/c\b|\bdue to\b|\bcaused by\b"
    r"|\broot\b|\bsuspect\b|came from|\bthanks to\b|contribut"
)
# Highlights: praise in so many words.
HIGHLIGHT = cues.rx(
    r"做得好|做得不错|做得很好|超出预期|超预期|比较稳定|很稳定|效果很好|效果不错|起了很大作用"
    r"|很默契|顺很多|顺利|亮点|值得表扬|went well|kudos|shout[- ]?out|worked (?:really )?well"
    r"|really helped|best part|was the star|great job|nice work|props to|^good\s*[:,]"
)
# Problems: what went badly, in so many words.
PROBLEM = cues.rx(
    r"问题是|遗憾|不足|没跑起来|不可用|失败|延期|卡了|停滞|跌了|掉了|went wrong|the problem"
    r"|didn'?t go well|\bbroke\b|\bfailed\b|underperformed|was slow|too slow|\blost a\b"
    r"|\bdelayed\b|\bslipped\b|\bover budget\b"
)
# Sentences that commit someone to doing something are actions, read elsewhere.
ACTION = cues.rx(
    r"负责|跟进|牵头|前完成|\bI'll\b|\bI will\b|\bwill\b|\bcan you\b|\bowner\b|\bowns\b"
    r"|\baction items?\b|\bactions?:|\btodo\b|->|→"
)
_QUESTION = re.compile(r"[?？]\s*$")
# Sentences about the report itself ("本报告将…总结经验和教训", "this review covers …").
META = cues.rx(
    r"本(?:次)?(?:报告|复盘|文)|复盘过程|旨在|我将|将对|经验(?:和|与|及)教训|成功经验与|本篇"
    r"|this (?:review|report|document|retro(?:spective)?|postmortem)\b"
)


def kind_of(sentence: str) -> str | None:
    """highlight, problem, cause or lesson when a sentence's words say so."""
    if ACTION.search(sentence) or _QUESTION.search(sentence) or META.search(sentence):
        return None
    if LUCK.search(sentence):
        return "highlight"
    if LESSON.search(sentence):
        return "lesson"
    if PROBLEM.search(sentence):
        return "problem"  # a problem's own "because …" becomes its cause
    if CAUSE.search(sentence):
        return "cause"
    if HIGHLIGHT.search(sentence):
        return "highlight"
    return None


def read(span: Span) -> list[tuple[str, Span]]:
    """(kind, sentence) for each sentence of `span` that its words classify."""
    out: list[tuple[str, Span]] = []
    for sentence in span.sentences():
        kind = kind_of(sentence.text)
        if kind is None:
            continue
        if kind == "lesson":
            lead = LESSON_LEAD.match(sentence.text)
            if lead and lead.end() < len(sentence.text):
                sentence = sentence.sub(lead.end()).strip()
        out.append((kind, sentence))
    return out
