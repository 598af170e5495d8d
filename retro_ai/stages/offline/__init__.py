"""Offline extractive engine: fills the stage drafts from headings and cue phrases.

The engine is imported on first use, so reading one of its small parts (the learned kind model,
which the kind guess uses for every draft) does not compile the whole engine's patterns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from retro_ai.stages.offline.engine import STAGES, OfflineEngine

__all__ = ["OfflineEngine", "STAGES"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from retro_ai.stages.offline import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
