"""Offline extractive engine: fills the stage drafts from headings and cue phrases."""

from retro_ai.stages.offline.engine import STAGES, OfflineEngine

__all__ = ["OfflineEngine", "STAGES"]
