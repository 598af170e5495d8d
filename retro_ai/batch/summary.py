"""The cross-document report: what recurs across many retrospectives.

`build_summary` turns (document id, Retrospective) pairs into a `Summary`: themes of causes and
lessons (a model stage when a model is configured, a deterministic grouping offline), actions
repeated across documents, actions missing an owner or a due date, documents with unverified
items, and counts per kind, cause type, goal category and period. `summary_files` renders it as
Markdown, one printable HTML page with static SVG charts, and JSON.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from retro_ai.batch.themes import Finding, Theme, findings, model_themes, offline_themes
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings
from retro_ai.verify.questions import SECTION_ORDER
from retro_ai.vocab import Language

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_SECTIONS = tuple(name for name in SECTION_ORDER if name != "incident")  # item lists
CAUSE_TYPES = ("trigger", "direct", "root", "contributing")
NO_PERIOD = "—"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentEntry(_Model):
    id: str
    title: str
    kind: str
    language: str
    period: str
    causes: int
    lessons: int
    actions: int
    unverified: int


class ActionGap(_Model):
    doc_id: str
    item_id: str
    action: str
    owner: str | None
    due: str | None
    quote: str | None


class UnverifiedDocument(_Model):
    doc_id: str
    title: str
    items: list[str]


class Counts(_Model):
    by_kind: dict[str, int] = Field(default_factory=dict)
    by_cause_type: dict[str, int] = Field(default_factory=dict)
    by_category: dict[str, int] = Field(default_factory=dict)
    by_period: dict[str, int] = Field(default_factory=dict)


class Summary(_Model):
    """Everything the cross-document report shows; `summary.json` is this model."""

    language: Language = "en"
    engine: Literal["offline", "model"] = "offline"
    model: str | None = None
    prompt_version: str | None = None
    documents: list[DocumentEntry] = Field(default_factory=list)
    cause_themes: list[Theme] = Field(default_factory=list)
    lesson_themes: list[Theme] = Field(default_factory=list)
    repeated_actions: list[Theme] = Field(default_factory=list)
    action_gaps: list[ActionGap] = Field(default_factory=list)
    unverified: list[UnverifiedDocument] = Field(default_factory=list)
    counts: Counts = Field(default_factory=Counts)
    usage: dict[str, int] = Field(default_factory=dict)


def period_of(doc_id: str, retro: Retrospective) -> str:
    """The year a document is about: from its stated period, else its id or title."""
    for text in (retro.meta.period or "", doc_id, retro.meta.title):
        found = _YEAR.search(text)
        if found:
            return found.group(1)
    return NO_PERIOD


def _unverified_ids(retro: Retrospective) -> list[str]:
    ids: list[str] = []
    for name in _SECTIONS:
        for item in getattr(retro, name):
            if not item.verified:
                ids.append(item.id)
            for cause in getattr(item, "causes", []):
                if not cause.verified:
                    ids.append(cause.id)
    return ids


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items()))


def build_summary(
    records: Iterable[tuple[str, Retrospective]],
    *,
    model: Any = None,
    settings: Settings | None = None,
    lang: Language = "en",
    prompt_dir: Path | None = None,
) -> Summary:
    """The cross-document summary of `records`; the same input gives the same summary in any
    order. Themes of causes and lessons come from the model when one is given or configured
    (`settings`), else from the offline grouping; everything else is counted by code."""
    summary = Summary(language=lang)
    pool: list[Finding] = []
    kinds: Counter[str] = Counter()
    types: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    periods: Counter[str] = Counter()
    for doc_id, retro in records:  # one at a time; the lists are put in order below
        found = findings(doc_id, retro)
        pool.extend(found)
        unverified = _unverified_ids(retro)
        period = period_of(doc_id, retro)
        title = retro.meta.title or doc_id
        summary.documents.append(
            DocumentEntry(
                id=doc_id,
                title=title,
                kind=retro.meta.kind,
                language=retro.meta.language,
                period=period,
                causes=sum(f.kind == "cause" for f in found),
                lessons=sum(f.kind == "lesson" for f in found),
                actions=sum(f.kind == "action" for f in found),
                unverified=len(unverified),
            )
        )
        if unverified:
            summary.unverified.append(
                UnverifiedDocument(doc_id=doc_id, title=title, items=unverified)
            )
        kinds[retro.meta.kind] += 1
        periods[period] += 1
        types.update(f.type for f in found if f.kind == "cause")
        categories.update(g.category for g in retro.goals if g.category)
        for action in retro.action_items:
            if not action.owner or not action.due.text:
                quote = next((e.quote for e in action.evidence if e.verified), None)
                summary.action_gaps.append(
                    ActionGap(
                        doc_id=doc_id,
                        item_id=action.id,
                        action=" ".join(action.action.split()),
                        owner=action.owner,
                        due=action.due.text or None,
                        quote=quote,
                    )
                )
    pool.sort(key=Finding.key)
    summary.documents.sort(key=lambda d: d.id)
    summary.unverified.sort(key=lambda u: u.doc_id)
    summary.action_gaps.sort(key=lambda g: (g.doc_id, g.item_id))
    summary.counts = Counts(
        by_kind=_sorted_counts(kinds),
        by_cause_type={t: types[t] for t in CAUSE_TYPES},
        by_category=_sorted_counts(categories),
        by_period=_sorted_counts(periods),
    )
    summary.repeated_actions = offline_themes(f for f in pool if f.kind == "action")
    themes = _themes(pool, model, settings, lang, prompt_dir, summary)
    summary.cause_themes = [t for t in themes if t.kind == "cause"]
    summary.lesson_themes = [t for t in themes if t.kind == "lesson"]
    return summary


def _themes(
    pool: list[Finding],
    model: Any,
    settings: Settings | None,
    lang: Language,
    prompt_dir: Path | None,
    summary: Summary,
) -> list[Theme]:
    """Themes of causes and lessons, by the model if there is one, else offline."""
    ideas = [f for f in pool if f.kind != "action"]
    if len({f.doc_id for f in ideas}) < 2:  # a theme spans two documents: nothing to ask
        return []
    if model is None and (settings is None or settings.offline):
        return offline_themes(ideas)
    settings = settings or Settings.resolve()
    if model is None:
        from retro_ai.models.openai_chat import OpenAIChatModel

        model = OpenAIChatModel.from_settings(settings)
    from retro_ai.stages.cache import StageCache
    from retro_ai.stages.prompts import load_prompt

    themes, usage = model_themes(
        ideas,
        model,
        max_reasks=settings.max_reasks,
        prompt_dir=prompt_dir,
        lang=lang,
        cache=StageCache.from_settings(settings),
    )
    summary.engine = "model"
    summary.model = getattr(model, "name", None) or type(model).__name__
    summary.prompt_version = load_prompt("find_themes", prompt_dir).version
    summary.usage = {
        "calls": usage.calls,
        "prompt_tokens": usage.prompt_tokens,
        "cached_tokens": usage.cached_tokens,
        "completion_tokens": usage.completion_tokens,
    }
    return themes


def summary_files(summary: Summary) -> dict[str, bytes]:
    """`summary.md`, `summary.html` and `summary.json`, ready for the atomic writer."""
    from retro_ai.batch.summary_render import render_html, render_markdown

    return {
        "summary.md": render_markdown(summary).encode("utf-8"),
        "summary.html": render_html(summary).encode("utf-8"),
        "summary.json": (summary.model_dump_json(indent=2) + "\n").encode("utf-8"),
    }
