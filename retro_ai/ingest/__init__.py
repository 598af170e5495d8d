"""Ingest: read notes, transcripts and metrics files into numbered Sources (no model calls here)."""

from retro_ai.ingest.decode import decode
from retro_ai.ingest.loader import load_sources, read_text
from retro_ai.ingest.source import Line, MetricRow, Source, SourceType

__all__ = ["Line", "MetricRow", "Source", "SourceType", "decode", "load_sources", "read_text"]
