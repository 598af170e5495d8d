from __future__ import annotations

import pytest

from retro_ai.ingest import load_sources
from retro_ai.ingest.source import Source
from retro_ai.verify.evidence import EvidenceLocator

NOTES = "\n\n目标：订单处理速度提升 30％。\n\n\n\nWe shipped the new checkout on Dec 3.\n"
CALL = """WEBVTT

1
00:01:02.000 --> 00:01:04.000
<v Ana>The deploy at 14:05 triggered it.
"""


@pytest.fixture
def sources(tmp_path, monkeypatch) -> list[Source]:
    """Notes with quotable lines 3 and 7, and a call whose line 5 Ana speaks at 00:01:02."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    (tmp_path / "call.vtt").write_text(CALL, encoding="utf-8")
    return load_sources(["notes.txt", "call.vtt"])


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
def test_locate_tolerant(sources, quote, source, line):
    ev = EvidenceLocator(sources).locate(quote)
    assert ev.verified and ev.source == source and ev.line == line


def test_transcript_evidence_keeps_timestamp_and_speaker(sources):
    ev = EvidenceLocator(sources).locate("triggered it")
    assert (ev.timestamp, ev.speaker) == ("00:01:02.000", "Ana")


@pytest.mark.parametrize("quote", ["订单处理速度提升50%", "We shipped on time", "", "..."])
def test_not_found_is_unverified(sources, quote):
    ev = EvidenceLocator(sources).locate(quote)
    assert not ev.verified and ev.line is None and ev.quote == quote
