from __future__ import annotations

import pytest

from retro_ai.ingest.source import Line, Source
from retro_ai.verify.evidence import EvidenceLocator

NOTES = Source(
    id="S1",
    name="notes.txt",
    type="notes",
    encoding="utf-8",
    lines=[
        Line(3, "目标：订单处理速度提升 30％。"),
        Line(7, "We shipped the new checkout on Dec 3."),
    ],
)
CALL = Source(
    id="S2",
    name="call.vtt",
    type="transcript",
    encoding="utf-8",
    lines=[Line(5, "The deploy at 14:05 triggered it.", speaker="Ana", timestamp="00:01:02.000")],
)


@pytest.mark.parametrize(
    "quote,source,line",
    [
        ("目标:订单处理速度提升30%", "notes.txt", 3),  # half-width vs full-width, spaces
        ("订单处理速度提升 30％", "notes.txt", 3),
        ("we SHIPPED the new   checkout", "notes.txt", 7),  # case and whitespace
        ("“the deploy at 14:05 triggered it.”", "call.vtt", 5),
        ("Ana: The deploy at 14:05", "call.vtt", 5),  # speaker prefix as displayed
    ],
)
def test_locate_tolerant(quote, source, line):
    ev = EvidenceLocator([NOTES, CALL]).locate(quote)
    assert ev.verified and ev.source == source and ev.line == line


def test_transcript_evidence_keeps_timestamp_and_speaker():
    ev = EvidenceLocator([NOTES, CALL]).locate("triggered it")
    assert (ev.timestamp, ev.speaker) == ("00:01:02.000", "Ana")


@pytest.mark.parametrize("quote", ["订单处理速度提升50%", "We shipped on time", "", "..."])
def test_not_found_is_unverified(quote):
    ev = EvidenceLocator([NOTES, CALL]).locate(quote)
    assert not ev.verified and ev.line is None and ev.quote == quote
