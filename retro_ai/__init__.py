"""retro-ai: notes, transcripts and metrics in; a structured retrospective (复盘) and a draft out.

from retro_ai import draft, redraft, render_markdown
retro = draft(["notes.txt", "metrics.csv"])          # offline engine without a model
retro = draft(["notes.txt"], model=my_langchain_chat_model)
retro = redraft(retro, "actions", model=my_langchain_chat_model)  # one section again
print(render_markdown(retro))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Retrospective",
    "Settings",
    "draft",
    "json_schema",
    "load_retrospective",
    "load_sources",
    "redraft",
    "render_markdown",
]

if TYPE_CHECKING:
    from retro_ai.ingest import load_sources
    from retro_ai.pipeline import draft, redraft
    from retro_ai.render.markdown import render_markdown
    from retro_ai.schema import Retrospective, json_schema, load_retrospective
    from retro_ai.settings import Settings

_LAZY = {
    "draft": "retro_ai.pipeline",
    "redraft": "retro_ai.pipeline",
    "render_markdown": "retro_ai.render.markdown",
    "load_sources": "retro_ai.ingest",
    "Retrospective": "retro_ai.schema",
    "json_schema": "retro_ai.schema",
    "load_retrospective": "retro_ai.schema",
    "Settings": "retro_ai.settings",
}


def __getattr__(name: str) -> Any:
    """Import the public API on first use, so `retro-ai --help` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'retro_ai' has no attribute {name!r}")
