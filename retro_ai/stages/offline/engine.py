"""The offline engine: a deterministic, extractive stand-in for a model, one stage at a time.

It reads notes and transcripts (metrics are turned into goals and results by code elsewhere),
parses each source once per engine instance, and answers each stage with the same draft models
a model would fill, with every quote cut verbatim from a line.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from threading import Lock

from retro_ai.ingest.source import Source
from retro_ai.schema import Provenance, Retrospective
from retro_ai.stages import STAGES as PIPELINE_STAGES
from retro_ai.stages.drafts import (
    AnalysisOutput,
    Draft,
    FollowUpsOutput,
    GoalsOutput,
    InsightsOutput,
    PhasesOutput,
    ResultsOutput,
    TimelineOutput,
)
from retro_ai.stages.offline.analyze_causes import analyze
from retro_ai.stages.offline.assess_results import assess_results
from retro_ai.stages.offline.describe_incident import describe
from retro_ai.stages.offline.distill_insights import actions, lessons
from retro_ai.stages.offline.extract_goals import extract_goals
from retro_ai.stages.offline.extract_phases import phases
from retro_ai.stages.offline.extract_timeline import timeline
from retro_ai.stages.offline.guard import Guard, check
from retro_ai.stages.offline.review_followups import follow_ups
from retro_ai.stages.offline.sections import Document, parse
from retro_ai.stages.offline.write_summary import summarize

STAGES = tuple(PIPELINE_STAGES)
_CACHE_SIZE = 64


# Each stage's draft from the parsed notes and transcripts (and the sections drafted so far);
# the engine is passed for what two stages share.
_EXTRACTORS: dict[str, Callable[[list[Document], Retrospective, OfflineEngine], Draft]] = {
    "extract_goals": lambda docs, _, __: GoalsOutput(goals=extract_goals(docs)),
    "assess_results": lambda docs, retro, _: ResultsOutput(
        results=assess_results(docs, retro.goals)
    ),
    "analyze_causes": lambda docs, _, engine: engine.analysis(docs),
    "extract_timeline": lambda docs, retro, _: TimelineOutput(
        events=timeline(docs, retro.meta.kind)
    ),
    "extract_phases": lambda docs, _, __: PhasesOutput(phases=phases(docs)),
    "describe_incident": lambda docs, _, __: describe(docs, timeline(docs, "incident")),
    "review_followups": lambda docs, _, __: FollowUpsOutput(follow_ups=follow_ups(docs)),
    "distill_insights": lambda docs, retro, _: InsightsOutput(
        lessons=lessons(docs),
        actions=actions(docs, retro.problems, personal=retro.meta.kind == "personal"),
    ),
    "write_summary": lambda docs, _, engine: summarize(docs, *engine.key_titles(docs)),
}


@dataclass(slots=True)
class _Analysis:
    """One analysis of a set of documents (held, so their ids stay unique) and its titles."""

    docs: list[Document]
    output: AnalysisOutput | None
    highlights: list[str]
    problems: list[str]


class OfflineEngine:
    """Answers every stage from cue phrases and section headings; no network, no model."""

    name = "offline"
    concurrent = False  # in-process and quick: a round runs its stages one after another
    usage = None  # asks no model, so spends no calls or tokens

    def __init__(self) -> None:
        self._docs: OrderedDict[tuple, Document] = OrderedDict()
        self._guards: OrderedDict[tuple[int, ...], tuple[list[Document], Guard]] = OrderedDict()
        self._analyses: OrderedDict[tuple[int, ...], _Analysis] = OrderedDict()
        self._lock = Lock()

    def run(self, stage: str, sources: list[Source], retro: Retrospective) -> Draft:
        extractor = _EXTRACTORS.get(stage)
        if extractor is None:
            raise ValueError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
        docs = [self._parse(s) for s in sources if s.type != "metrics"]
        goals = {g.id: g.title for g in retro.goals}
        return check(extractor(docs, retro, self), docs, goals, self._guard(docs))

    def analysis(self, docs: list[Document]) -> AnalysisOutput:
        """The highlights and problems of `docs`, analysed once for both stages that need them:
        handed out once (the pipeline applies and changes it), computed again if asked again."""
        found = self._analysed(docs)
        if found.output is None:
            found = self._analyse(docs)
        output, found.output = found.output, None
        assert output is not None
        return output

    def key_titles(self, docs: list[Document]) -> tuple[list[str], list[str]]:
        """The highlight and problem titles of `docs` as the analysis first found them."""
        found = self._analysed(docs)
        return found.highlights, found.problems

    def _analysed(self, docs: list[Document]) -> _Analysis:
        key = tuple(id(d) for d in docs)
        with self._lock:
            found = self._analyses.get(key)
            if found is not None and all(a is b for a, b in zip(found.docs, docs, strict=True)):
                return found
        return self._analyse(docs)

    def _analyse(self, docs: list[Document]) -> _Analysis:
        titles = [d.title for d in docs if d.title is not None]
        output = check(analyze(docs, titles[0] if titles else None), docs, guard=self._guard(docs))
        found = _Analysis(
            docs,
            output,
            [h.title for h in output.highlights],
            [p.title for p in output.problems],
        )
        with self._lock:
            self._analyses[tuple(id(d) for d in docs)] = found
            while len(self._analyses) > _CACHE_SIZE:
                self._analyses.popitem(last=False)
        return found

    def _guard(self, docs: list[Document]) -> Guard:
        """One guard per set of parsed documents: every stage of a draft checks with it."""
        key = tuple(id(d) for d in docs)
        with self._lock:
            found = self._guards.get(key)
            if found is not None and all(a is b for a, b in zip(found[0], docs, strict=True)):
                return found[1]
        guard = Guard(docs)
        with self._lock:
            self._guards[key] = (docs, guard)  # holding the documents keeps their ids unique
            while len(self._guards) > _CACHE_SIZE:
                self._guards.popitem(last=False)
        return guard

    def provenance(self, stage: str) -> Provenance:
        """The offline engine wrote the stage's sections today; there is no prompt version."""
        return Provenance(stage=stage, engine="offline", drafted_on=date.today())

    def _parse(self, source: Source) -> Document:
        # Sources are mutable dataclasses (unhashable), and batch runs reuse ids like "S1"
        # across documents, so the key includes the content.
        key = (source.id, source.name, source.type, tuple(source.lines))
        with self._lock:
            doc = self._docs.get(key)
            if doc is not None:
                self._docs.move_to_end(key)
                return doc
        doc = parse(source)
        with self._lock:
            self._docs[key] = doc
            while len(self._docs) > _CACHE_SIZE:
                self._docs.popitem(last=False)
        return doc
