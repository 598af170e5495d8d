"""What a timeline event marks: the start of impact, its detection, mitigation or resolution.

The first cue in the text decides ("Incident declared, rollback attempted" is a detection), and
a failed or merely attempted fix ("Rollback fails due to …") still counts as mitigation.
"""

from __future__ import annotations

import re

from retro_ai.offline.cues import rx

EVENT_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "resolution",
        rx(
            r"\bresolved\b|\bresolution\b|\bfixed\b|\brecover(?:ed|y)\b|\brestored\b"
            r"|back to normal|all healthy|\bhealthy again\b|\bclosed\b|恢复|解决|修复|结束"
        ),
    ),
    (
        "mitigation",
        rx(
            r"\bmitigat\w*|\brolled? ?back\b|\brolled\b(?:\s+\S+){1,3}?\s+back\b|\brollbacks?\b|\bworkaround\b|\brevert\w*"
            r"|\bfail(?:ed)? ?over\b|\bscaled? (?:up|out)\b|\brestart\w*|\bdisabled?\b"
            r"|\bhotfix\w*|止损|回滚|降级|切换|重启|扩容|临时方案|限流"
        ),
    ),
    (
        "detection",
        rx(
            r"\bdetect\w*|\balert\w*|\bnoticed\b|\bpage[rd]?\b|\bpaging\b|\breported\b"
            r"|\bdeclared\b|\bescalat\w*|\bidentified\b|发现|告警|报警|收到.{0,6}(?:反馈|投诉)"
        ),
    ),
    (
        "start",
        rx(
            r"\b(?:start(?:ed|s)?|began|begins?|beginning)\b(?!\s+(?:the|an?)\s+(?:incident|"
            r"investigat|channel|call|bridge|war|rollback|review))|\bimpact\b|\bjumped\b"
            r"|\bspiked?\b|\bsurged?\b|\bwent down\b|\boutage\b|开始|故障发生|出现"
        ),
    ),
]


def event_kind(text: str) -> str:
    """start, detection, mitigation, resolution or other, by the earliest cue in `text`."""
    best, best_at = "other", len(text) + 1
    for kind, pattern in EVENT_CUES:
        m = pattern.search(text)
        if m and m.start() < best_at:
            best, best_at = kind, m.start()
    return best
