"""Merging the drafts one stage wrote for several chunks into one draft, without duplicates.

Rules:
- Parts are taken in chunk order (their index), so the merge does not depend on which request
  finished first; within a part, items keep the model's order.
- Two items are the same when their keys match after `normalize` (width, case, punctuation and
  whitespace folded): goals by title and target, results by goal id and title, highlights,
  problems and follow-ups by title or action, causes by text, timeline events by time and
  description, lessons by statement, actions by action text, phases by name. Items from
  different parts that quote the same line are the same item too (the overlap repeats lines).
- The first item stays; its empty fields are filled from the later one, lists of ids or
  strings are joined, causes are merged the same way, and the later item's quote, when it is
  another line, is kept as additional evidence (`extra_quotes`), so one action stated in two
  chunks is one action with both quotes.
- A single statement (incident impact, detection, resolution) or a summary field takes the
  first part that states it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from retro_ai.schema import Evidence
from retro_ai.stages import drafts
from retro_ai.stages.base import Context
from retro_ai.stages.drafts import Draft
from retro_ai.verify.evidence import normalize

_EXTRA = "_retro_ai_extra_quotes"


def _n(value: Any) -> str:
    return normalize(str(value or "")).strip(".,;:!?\"'")


KEYS: dict[type[Draft], Callable[[Any], tuple[str, ...]]] = {
    drafts.GoalDraft: lambda d: (_n(d.title), _n(d.target)),
    drafts.ResultDraft: lambda d: (_n(d.goal_id), _n(d.title)),
    drafts.HighlightDraft: lambda d: (_n(d.title),),
    drafts.ProblemDraft: lambda d: (_n(d.title),),
    drafts.CauseDraft: lambda d: (_n(d.text),),
    drafts.EventDraft: lambda d: (_n(d.at), _n(d.description)),
    drafts.LessonDraft: lambda d: (_n(d.statement),),
    drafts.ActionDraft: lambda d: (_n(d.action),),
    drafts.PhaseDraft: lambda d: (_n(d.name),),
    drafts.FollowUpDraft: lambda d: (_n(d.action),),
    drafts.ThemeDraft: lambda d: (_n(d.name),),
}


def extra_quotes(draft: Draft) -> dict[str, list[str]]:
    """The additional quotes a merged draft holds, by the kept item's quote."""
    return getattr(draft, _EXTRA, None) or {}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


@dataclass
class _Merger:
    extras: dict[str, list[str]] = field(default_factory=dict)

    def add_quote(self, kept: Any, other: Any) -> None:
        quote, more = getattr(kept, "quote", None), getattr(other, "quote", None)
        if not quote or not more or _n(quote) == _n(more):
            return
        known = self.extras.setdefault(quote, [])
        if all(_n(q) != _n(more) for q in known):
            known.append(more)

    def combine(self, kept: Draft, other: Draft) -> Draft:
        """`kept` with its empty fields filled from `other`, lists joined, quotes kept."""
        update: dict[str, Any] = {}
        for name in type(kept).model_fields:
            mine, theirs = getattr(kept, name), getattr(other, name)
            if isinstance(mine, list) and mine and isinstance(mine[0], Draft):
                update[name] = self.items([(0, mine), (1, theirs)])
            elif isinstance(mine, list):
                update[name] = mine + [v for v in theirs if v not in mine]
            elif _empty(mine) and not _empty(theirs):
                update[name] = theirs
        self.add_quote(kept, other)
        return kept.model_copy(update=update)

    def items(self, parts: Sequence[tuple[Any, list[Any]]]) -> list[Any]:
        """One list from several parts' lists, duplicates merged (module rules)."""
        kept: list[Any] = []
        by_key: dict[tuple[str, ...], int] = {}
        by_quote: dict[str, tuple[int, Any]] = {}  # quote -> (position in kept, part)
        for part, values in sorted(parts, key=lambda p: p[0]):
            for item in values:
                key_of = KEYS.get(type(item))
                key = (type(item).__name__, *key_of(item)) if key_of else None
                quote = _n(getattr(item, "quote", ""))
                at = by_key.get(key) if key is not None else None
                if at is None and quote and quote in by_quote and by_quote[quote][1] != part:
                    at = by_quote[quote][0]
                if at is None:
                    if key is not None:
                        by_key[key] = len(kept)
                    if quote:
                        by_quote.setdefault(quote, (len(kept), part))
                    kept.append(item)
                    continue
                kept[at] = self.combine(kept[at], item)
                if key is not None:
                    by_key.setdefault(key, at)
        return kept


def merge_drafts(output: type[Draft], parts: Sequence[tuple[Any, Draft]]) -> Draft:
    """One draft of `output` from the drafts of several chunks, `(chunk position, draft)`;
    positions (numbers or tuples of numbers) order the parts."""
    ordered = sorted(parts, key=lambda p: p[0])
    if len(ordered) == 1:
        return ordered[0][1]
    merger = _Merger()
    values: dict[str, Any] = {}
    for name in output.model_fields:
        columns = [(i, getattr(d, name)) for i, d in ordered]
        if all(isinstance(v, list) for _, v in columns):
            if any(v and isinstance(v[0], BaseModel) for _, v in columns):
                values[name] = merger.items(columns)
            else:
                values[name] = list(dict.fromkeys(x for _, v in columns for x in v))
        else:
            values[name] = next((v for _, v in columns if not _empty(v)), columns[0][1])
    for _, d in ordered:  # quotes that earlier merges (e.g. of a chunk split again) kept
        for quote, more in extra_quotes(d).items():
            merger.extras.setdefault(quote, []).extend(
                q for q in more if q not in merger.extras.get(quote, [])
            )
    merged = output.model_construct(**values)
    object.__setattr__(merged, _EXTRA, merger.extras)  # not a field: never sent or dumped
    return merged


@dataclass
class QuotedContext(Context):
    """A context whose evidence for a merged item holds every quote the chunks gave for it."""

    extras: dict[str, list[str]] = field(default_factory=dict)

    def evidence(self, quote: str) -> list[Evidence]:
        found = super().evidence(quote)
        return found + [self.locator.locate(q) for q in self.extras.get(quote, [])]


def context_for(ctx: Context, draft: Draft) -> Context:
    """`ctx` as it should apply `draft`: with the extra quotes of a merged draft, if any."""
    extras = extra_quotes(draft)
    if not extras:
        return ctx
    return QuotedContext(ctx.sources, ctx.locator, ctx.report_date, ctx.document_date, extras)
