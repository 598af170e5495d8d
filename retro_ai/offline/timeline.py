"""Timeline events, and the summary stage (title, background, period, summary, key points).

Events come from timeline sections (table rows, "- **16:58 UTC** - …", "14:05 发现告警");
incidents and transcripts without such a section fall back to any line that states a clock
time. The summary only copies: with no 总结/Summary section its text stays empty.
"""

from __future__ import annotations

import re

from retro_ai.offline import cues, values
from retro_ai.offline.items import entries
from retro_ai.offline.sections import Document
from retro_ai.offline.text import Span, clean
from retro_ai.offline.units import Unit, label_kind
from retro_ai.stages.drafts import AnalysisOutput, EventDraft, SummaryOutput

_LEAD = re.compile(r"^[\s*_\[]+")
_DESC_LEAD = re.compile(r"^[\s*_\])）:：|\-–—]+")
_HAS_DIGIT = re.compile(r"\d")


def _row_event(unit: Unit) -> EventDraft | None:
    cells = unit.cells or []
    if len(cells) < 2 or not _HAS_DIGIT.search(cells[0].text):
        return None
    at, desc = cells[0].strip(" *_"), cells[1].strip()
    if not clean(desc.text):
        return None
    quote = Span(at.line, at.start, desc.end).text
    return EventDraft(at=clean(at.text), description=clean(desc.text), quote=quote)


def _line_event(span: Span) -> EventDraft | None:
    lead = _LEAD.match(span.text)
    offset = lead.end() if lead else 0
    m = values.TIME_AT_START.match(span.text[offset:])
    if not m:
        return None
    rest = span.sub(offset + m.end())
    desc_lead = _DESC_LEAD.match(rest.text)
    desc = rest.sub(desc_lead.end() if desc_lead else 0).strip()
    if not desc or not re.search(r"[^\W\d_]", desc.text):
        return None
    return EventDraft(
        at=m.group("at").strip(), description=clean(desc.text), quote=span.strip().text
    )


_CLAUSE_AND = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=(?:at|by|around)?\s*\S)|[,，；;]")


def _clock_events(span: Span) -> list[EventDraft]:
    """One event per clock time in a spoken or free-text line, described by its clause."""
    out: list[EventDraft] = []
    for sentence in span.sentences():
        if not values.CLOCK.search(sentence.text):
            continue
        many = len(values.CLOCK.findall(sentence.text)) > 1
        for part in sentence.split(_CLAUSE_AND) if many else [sentence]:
            m = values.CLOCK.search(part.text)
            if m:
                at = clean(m.group(0))
                out.append(EventDraft(at=at, description=clean(part.text), quote=part.text))
    return out


def timeline(docs: list[Document], kind: str) -> list[EventDraft]:
    events: list[EventDraft] = []
    for doc in docs:
        found: list[EventDraft] = []
        for entry in entries(doc):
            if entry.kind != "event":
                continue
            unit = entry.unit
            event = _row_event(unit) if unit.cells else _line_event(unit.span)
            if event:
                found.append(event)
        no_section = not doc.of("timeline")
        if not found and no_section and (kind == "incident" or doc.source.type == "transcript"):
            for section in doc.sections:
                if section.kind == "process":
                    continue
                for unit in section.units:
                    event = _line_event(unit.span)
                    found.extend([event] if event else _clock_events(unit.span))
        events.extend(found)
    return events


# --- summary -----------------------------------------------------------------------------------


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


def summarize(docs: list[Document], analysis: AnalysisOutput) -> SummaryOutput:
    notes = [d for d in docs if d.source.type == "notes"] or docs
    title = next((t for t in (_title(d) for d in notes) if t), "")
    background = next((b for b in (_background(d) for d in notes) if b), "")
    period = next((p for p in (_period(d) for d in notes) if p), None)
    summary = next((s for s in (_summary_text(d) for d in notes) if s), "")
    points: list[str] = []
    pairs = zip(analysis.highlights, analysis.problems, strict=False)
    for h, p in pairs:
        points.extend([h.title, p.title])
    points.extend(h.title for h in analysis.highlights[len(analysis.problems) :])
    points.extend(p.title for p in analysis.problems[len(analysis.highlights) :])
    return SummaryOutput(
        title=title,
        background=background,
        period=period,
        summary=summary,
        key_points=points[:3],
    )
