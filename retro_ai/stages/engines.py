"""The engines that run stages, and choosing one: a model behind prompt files, or offline.

The pipeline knows an engine only through `Engine`: what a stage drafts, whether stages may
run concurrently, what the engine spent, and how to record who wrote each section.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from retro_ai.ingest.source import Source
from retro_ai.schema import Provenance, Retrospective
from retro_ai.settings import Settings
from retro_ai.stages.ask import Usage
from retro_ai.stages.drafts import Draft
from retro_ai.stages.prompts import check_prompt_dir


class Engine(Protocol):
    """What runs a stage: the offline engine, or a model behind its prompt files."""

    name: str
    concurrent: bool  # whether stages of one round may run at the same time

    @property
    def usage(self) -> Usage | None:
        """Model calls and tokens spent so far; None for an engine that asks no model."""
        ...

    def run(self, stage: str, sources: list[Source], retro: Retrospective) -> Draft: ...

    def provenance(self, stage: str) -> Provenance:
        """Who wrote this stage's sections today: the engine, model and prompt version."""
        ...


def build_engine(
    model: Any = None, settings: Settings | None = None, prompt_dir: Path | None = None
) -> Engine:
    """The engine for `model`, else for the configured model, else the offline engine."""
    settings = settings or Settings.resolve()
    check_prompt_dir(prompt_dir)
    if model is None and settings.offline:
        settings.check()
        from retro_ai.stages.offline import OfflineEngine

        return OfflineEngine()
    if model is None:
        from retro_ai.models.openai_chat import OpenAIChatModel

        model = OpenAIChatModel.from_settings(settings)
    from retro_ai.models.limits import limited
    from retro_ai.stages.cache import StageCache
    from retro_ai.stages.model_engine import ModelEngine

    model = limited(model, settings)
    cache = StageCache.from_settings(settings)
    return ModelEngine(model, settings.max_reasks, prompt_dir, cache, settings)
