"""The offline engine: a deterministic, extractive stand-in for a model, one stage at a time.

It reads notes and transcripts (metrics are turned into goals and results by code elsewhere),
parses each source once per engine instance, and answers each stage with the same draft models
a model would fill, with every quote cut verbatim from a line.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from retro_ai.ingest.source import Source
from retro_ai.schema import Retrospective
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
from retro_ai.stages.offline.review_followups import follow_ups
from retro_ai.stages.offline.sections import Document, parse
from retro_ai.stages.offline.write_summary import summarize

STAGES = (
    "extract_goals",
    "assess_results",
    "analyze_causes",
    "extract_timeline",
    "extract_phases",
    "describe_incident",
    "review_followups",
    "distill_insights",
    "write_summary",
)
_CACHE_SIZE = 64


class OfflineEngine:
    """Answers every stage from cue phrases and section headings; no network, no model."""

    name = "offline"

    def __init__(self) -> None:
        self._docs: OrderedDict[tuple, Document] = OrderedDict()
        self._lock = Lock()

    def run(self, stage: str, sources: list[Source], retro: Retrospective) -> Draft:
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
        docs = [self._parse(s) for s in sources if s.type != "metrics"]
        if stage == "extract_goals":
            return GoalsOutput(goals=extract_goals(docs))
        if stage == "assess_results":
            return ResultsOutput(results=assess_results(docs, retro.goals))
        if stage == "analyze_causes":
            return self._analysis(docs)
        if stage == "extract_timeline":
            return TimelineOutput(events=timeline(docs, retro.meta.kind))
        if stage == "extract_phases":
            return PhasesOutput(phases=phases(docs))
        if stage == "describe_incident":
            return describe(docs, timeline(docs, "incident"))
        if stage == "review_followups":
            return FollowUpsOutput(follow_ups=follow_ups(docs))
        if stage == "distill_insights":
            return InsightsOutput(lessons=lessons(docs), actions=actions(docs, retro.problems))
        return summarize(docs, self._analysis(docs))

    def _analysis(self, docs: list[Document]) -> AnalysisOutput:
        titles = [d.title for d in docs if d.title is not None]
        return analyze(docs, titles[0] if titles else None)

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
