"""The summary stage: title, background, period, summary text and key points, all copied.

The summary text comes only from a 总结/结语/Summary section: with none it stays empty rather
than being invented, and the key points are the first extracted highlight and problem titles.
"""

from __future__ import annotations

import re

from retro_ai.stages.drafts import SummaryOutput
from retro_ai.stages.offline import cues
from retro_ai.stages.offline.guard import plain
from retro_ai.stages.offline.items import entries
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import Span, clean
from retro_ai.stages.offline.units import label_kind


def _title(doc: Document) -> str:
    for section in doc.sections[:3]:
        for unit in section.units[:3]:
            if unit.label and unit.content and label_kind(unit.label_text) == "title":
                return clean(unit.content.text)
    if doc.title:
        return clean(doc.title.text)
    first = doc.sections[0].units[:1] if doc.sections[0].units else []
    if not first and len(doc.sections) > 1 and doc.sections[1].level == 1:
        return clean(doc.sections[1].title)
    if (
        first
        and len(first[0].span.text) <= 80
        and not re.search(r"[。.!?！？]$", first[0].span.text)
    ):
        return clean(first[0].span.text)
    return ""


def _leading_sentences(span: Span, n: int) -> str:
    parts = span.sentences()
    if not parts:
        return ""
    return clean(Span(span.line, parts[0].start, parts[:n][-1].end).text)


def _background(doc: Document) -> str:
    for entry in entries(doc):
        if entry.kind == "background" and entry.body:
            return _leading_sentences(entry.body, 3)
    sections = [s for s in doc.of("background") if any(not u.intro for u in s.units)]
    plain = [s for s in sections if not cues.INTRO_TITLE.search(s.title)]
    for section in plain or sections:
        unit = next(u for u in section.units if not u.intro)
        return _leading_sentences(unit.span, 3)
    return ""


def _period(doc: Document) -> str | None:
    for entry in entries(doc):
        if entry.kind == "period" and entry.body:
            return clean(entry.body.text)
    for section in doc.sections:
        for unit in section.units:
            m = cues.PERIOD_INLINE.search(unit.span.text)
            if m:
                return clean(m.group("p"))
    return None


def _summary_text(doc: Document) -> str:
    for section in doc.of("summary"):
        for unit in section.units:
            if unit.intro:
                continue
            return _leading_sentences(unit.span, 2)
    return ""


def _first_line(doc: Document) -> str:
    """The document's first written line: its title, whatever dress it wears."""
    return next((ln.text.lstrip("#") for ln in doc.source.lines if ln.text.strip()), "")


def summarize(docs: list[Document], highlights: list[str], problems: list[str]) -> SummaryOutput:
    """The summary of `docs`; its key points are taken from the analysis's `highlights` and
    `problems` titles."""
    notes = [d for d in docs if d.source.type == "notes"] or docs
    title = next((t for t in (_title(d) for d in notes) if t), "")
    background = next((b for b in (_background(d) for d in notes) if b), "")
    period = next((p for p in (_period(d) for d in notes) if p), None)
    titles = {plain(t).casefold() for t in [title, *(_first_line(d) for d in notes)] if t}
    texts = (_summary_text(d) for d in notes)
    summary = next((s for s in texts if s and plain(s).casefold() not in titles), "")
    points: list[str] = []
    for h, p in zip(highlights, problems, strict=False):
        points.extend([h, p])
    points.extend(highlights[len(problems) :])
    points.extend(problems[len(highlights) :])
    points = [p for p in points if plain(p).casefold() not in titles]
    return SummaryOutput(
        title=title,
        background=background,
        period=period,
        summary=summary,
        key_points=points[:3],
    )
