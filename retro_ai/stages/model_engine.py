"""The model engine: runs a stage by filling its prompt file and asking a chat model (`ask`).

Every request is sized to the model's window before it is sent (`sizing`): sources too long
for one request are chunked and the stage runs once per chunk, its drafts merged (`merge`);
a request the model still finds too long (ContextOverflowError) is split in two and asked again.
All requests of the engine share one limit of `concurrency` in flight, however many stages and
chunks run at once.

With a stage cache, a stage whose exact request was answered before (same sources, sections it
reads, prompt, model and options) is read back from disk and asks the model nothing.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retro_ai.errors import ContextOverflowError
from retro_ai.i18n import LANGUAGE_NAMES
from retro_ai.ingest import Source
from retro_ai.schema import Provenance, Retrospective
from retro_ai.stages import STAGES
from retro_ai.stages.ask import Usage
from retro_ai.stages.cache import StageCache, cached_ask
from retro_ai.stages.chunking import render_chunks, split_sources
from retro_ai.stages.drafts import Draft
from retro_ai.stages.merge import merge_drafts
from retro_ai.stages.prompts import PromptSpec, load_prompt
from retro_ai.stages.sizing import (
    Budget,
    Request,
    carried_sections,
    plan_requests,
    reads_all_sources,
)

if TYPE_CHECKING:
    from retro_ai.settings import Settings

MIN_SPLIT = 128  # sources (tokens) below which a request too long for the model is not split
Part = tuple[tuple[int, ...], Draft]


class ModelEngine:
    """Runs stages by asking a chat model, one prompt file per stage."""

    concurrent = True

    def __init__(
        self,
        model: Any,
        max_reasks: int,
        prompt_dir: Path | None = None,
        cache: StageCache | None = None,
        settings: Settings | None = None,
    ) -> None:
        from retro_ai.models.langchain_chat import as_chat_model
        from retro_ai.settings import Settings

        self.model = as_chat_model(model)
        self.name = self.model.name
        self.max_reasks = max_reasks
        self.prompts: dict[str, PromptSpec] = {n: load_prompt(n, prompt_dir) for n in STAGES}
        self.usage = Usage()
        self.cache = cache
        self._lock = threading.Lock()
        settings = settings or Settings()
        self.budget = Budget.from_settings(settings, self.name)
        self.concurrency = settings.concurrency
        self._slots = threading.BoundedSemaphore(settings.concurrency)

    def run(self, stage: str, sources: list[Source], retro: Retrospective) -> Draft:
        spec = self.prompts[stage]
        text_sources = [s for s in sources if s.type != "metrics"]
        base = {"output_language": LANGUAGE_NAMES[retro.meta.output_language]}
        requests = plan_requests(spec, text_sources, carried_sections(retro), base, self.budget)
        first = not reads_all_sources(spec)  # the summary reads the first chunk only
        if len(requests) == 1:
            parts = self._request(spec, requests[0], text_sources, first)
        else:
            from concurrent.futures import ThreadPoolExecutor

            workers = min(len(requests), self.concurrency)
            with ThreadPoolExecutor(workers, "retro-ai-chunk") as pool:
                done = pool.map(lambda r: self._request(spec, r, text_sources, first), requests)
                parts = [
                    (r.part + k, d) for r, got in zip(requests, done, strict=True) for k, d in got
                ]
        return merge_drafts(spec.output_model, parts)

    def _ask(self, spec: PromptSpec, variables: dict[str, str]) -> Draft:
        with self._slots:  # one in-flight limit for every stage and chunk of this engine
            draft, usage = cached_ask(self.model, spec, variables, self.max_reasks, self.cache)
        with self._lock:
            self.usage.add(usage)
        return draft

    def _request(
        self, spec: PromptSpec, request: Request, sources: list[Source], first: bool
    ) -> list[Part]:
        """Ask one request; if the model finds it too long, split its sources in two and ask
        each half (only the first for the summary), down to `MIN_SPLIT` tokens of sources."""
        try:
            return [((), self._ask(spec, request.variables))]
        except ContextOverflowError:
            smaller = self._split(request, sources)
            if not smaller:
                raise
        if first:
            smaller = smaller[:1]
        return [
            ((k, *sub), draft)
            for k, r in enumerate(smaller)
            for sub, draft in self._request(spec, r, sources, first)
        ]

    def _split(self, request: Request, sources: list[Source]) -> list[Request]:
        """The request's sources as halves (by tokens), each in its own request."""
        if "sources" not in request.variables or not request.variables["sources"]:
            return []
        if request.chunks is None:
            parts = sources
        else:
            parts = [
                dataclasses.replace(c.source, lines=c.source.lines[c.start : c.end])
                for c in request.chunks
            ]
        tokens = self.budget.count(request.variables["sources"])
        if tokens < MIN_SPLIT or sum(len(p.lines) for p in parts) < 1:
            return []
        halves = split_sources(parts, max(tokens // 2, MIN_SPLIT // 2), self.budget.count)
        if len(halves) < 2:
            return []
        fixed = request.tokens - tokens
        return [
            Request(
                {**request.variables, "sources": render_chunks(h)},
                h,
                fixed + sum(c.tokens for c in h),
            )
            for h in halves
        ]

    def provenance(self, stage: str) -> Provenance:
        """This model wrote the stage's sections today, from this version of its prompt."""
        return Provenance(
            stage=stage,
            engine="model",
            model=self.name,
            prompt_version=self.prompts[stage].version,
            drafted_on=date.today(),
        )
