"""The model engine: runs a stage by filling its prompt file and asking a chat model (`ask`).

With a stage cache, a stage whose exact request was answered before (same sources, sections it
reads, prompt, model and options) is read back from disk and asks the model nothing.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path
from typing import Any

from retro_ai.i18n import LANGUAGE_NAMES
from retro_ai.ingest import Source
from retro_ai.schema import Provenance, Retrospective
from retro_ai.stages import STAGES
from retro_ai.stages.ask import Usage, render_sources
from retro_ai.stages.cache import StageCache, cached_ask
from retro_ai.stages.drafts import Draft
from retro_ai.stages.prompts import PromptSpec, load_prompt


class ModelEngine:
    """Runs stages by asking a chat model, one prompt file per stage."""

    concurrent = True

    def __init__(
        self,
        model: Any,
        max_reasks: int,
        prompt_dir: Path | None = None,
        cache: StageCache | None = None,
    ) -> None:
        from retro_ai.models.langchain_chat import as_chat_model

        self.model = as_chat_model(model)
        self.name = self.model.name
        self.max_reasks = max_reasks
        self.prompts: dict[str, PromptSpec] = {n: load_prompt(n, prompt_dir) for n in STAGES}
        self.usage = Usage()
        self.cache = cache
        self._lock = threading.Lock()

    def run(self, stage: str, sources: list[Source], retro: Retrospective) -> Draft:
        spec = self.prompts[stage]
        text_sources = [s for s in sources if s.type != "metrics"]
        variables = {
            "sources": render_sources(text_sources),
            "goals": _dump(
                [
                    g.model_dump(include={"id", "title", "metric", "target", "unit"})
                    for g in retro.goals
                ]
            ),
            "problems": _dump([p.model_dump(include={"id", "title"}) for p in retro.problems]),
            "retrospective": retro.model_dump_json(exclude={"meta", "open_questions"}),
            "output_language": LANGUAGE_NAMES[retro.meta.output_language],
        }
        draft, usage = cached_ask(self.model, spec, variables, self.max_reasks, self.cache)
        with self._lock:
            self.usage.add(usage)
        return draft

    def provenance(self, stage: str) -> Provenance:
        """This model wrote the stage's sections today, from this version of its prompt."""
        return Provenance(
            stage=stage,
            engine="model",
            model=self.name,
            prompt_version=self.prompts[stage].version,
            drafted_on=date.today(),
        )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
