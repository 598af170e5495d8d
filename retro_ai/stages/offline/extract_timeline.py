"""Timeline events from timeline sections (table rows, "- **16:58 UTC** - …", "14:05 发现告警").

Incidents and transcripts without such a section fall back to any line that states a clock
time, one event per time, so a call's "at 14:09 the pager fired and at 14:11 …" gives two. In a
chat export ("[09:17] oncall: paged, looking") the message's own time is the event's time, and
only messages that mark a start, detection, mitigation or resolution are events.
"""

from __future__ import annotations

import re

from retro_ai.stages.drafts import EventDraft
from retro_ai.stages.offline import values
from retro_ai.stages.offline.events import event_kind
from retro_ai.stages.offline.items import entries
from retro_ai.stages.offline.sections import Document, classify
from retro_ai.stages.offline.text import Span, clean
from retro_ai.stages.offline.units import Unit
from retro_ai.verify.durations import ZH_CLOCK, zh_clock

_LEAD = re.compile(r"^[\s*_\[]+")
_DESC_LEAD = re.compile(r"^[\s*_\])）:：|\-–—]+")
_HAS_DIGIT = re.compile(r"\d")
_LABEL_LEAD = re.compile(r"^[^:：\d]{1,24}[:：]\s+")
# "时间线:20:00 …", "Timeline:14:02 …": a label glued to the first time
_TIGHT_LABEL = re.compile(r"^[^:：\d\s]{1,12}[:：](?=\d{1,2}:\d{2})")
# A remark about how long detection or recovery took is no event ("time to recover from 10:20 …")
_STATED_SPAN = re.compile(
    r"\btime to (?:detect|recover|resol|restor|mitigat)|\bM?TT[DRM]\b|用时|耗时"
    r"|\btook\b[^.]{0,20}\bto (?:notice|detect|recover|restore)\b",
    re.I,
)
# Clock times as written: "14:05 UTC", "9点15分", "上午九点一刻"
_CLOCK = re.compile(rf"{values.CLOCK.pattern}|(?:{ZH_CLOCK})", re.I)


def _clocks(text: str) -> list[re.Match[str]]:
    """The clock times in `text`; a Chinese one only where it reads as a time of day."""
    return [m for m in _CLOCK.finditer(text) if ":" in m.group(0) or zh_clock(m.group(0))]


# A chat message's wall-clock time, after its date in a phone export ("21/10/2026, 06:12");
# subtitle cue times carry milliseconds ("00:00:07.500").
_WALL_CLOCK = re.compile(r"(?:.*[\s,T])?(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)")


def _wall_clock(timestamp: str | None) -> str | None:
    m = _WALL_CLOCK.fullmatch(timestamp or "")
    return m["clock"] if m else None


def _row_event(unit: Unit) -> EventDraft | None:
    cells = unit.cells or []
    if len(cells) < 2 or not _HAS_DIGIT.search(cells[0].text):
        return None
    at, desc = cells[0].strip(" *_"), cells[1].strip()
    if not clean(desc.text):
        return None
    quote = Span(at.line, at.start, desc.end).text
    text = clean(desc.text)
    return EventDraft(kind=event_kind(text), at=clean(at.text), description=text, quote=quote)


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
    quote = span.strip(" \t").text  # "**16:58 UTC** - …" as written
    text = clean(desc.text)
    return EventDraft(
        kind=event_kind(text), at=m.group("at").strip(), description=text, quote=quote
    )


# A message that promises or asks for work ("I'll add an alert", "can you…", "我明天把告警补上")
# plans what comes after the incident; it marks no turn of it.
_PLAN = re.compile(
    r"^(?:(?:I'll|I will|we'll|we will|we should|let's|can you|could you|pls|please)\b"
    r"|我(?:来|会|明天|下周|回头)|请|待办)",
    re.I,
)


def _chat_event(unit: Unit) -> EventDraft | None:
    """A chat message that marks a turn of the incident, at the time it was sent."""
    text = clean(unit.span.text)
    kind = event_kind(text)
    if kind == "other" or not re.search(r"[^\W\d_]", text) or _STATED_SPAN.search(text):
        return None
    if _PLAN.match(text):
        return None
    lead = _LABEL_LEAD.match(text)
    if lead and classify(lead.group(0).strip(" :：")):
        return None  # "actions: can you add a queue-depth alert": the retro, not the incident
    at = _wall_clock(unit.line.timestamp) or ""
    return EventDraft(kind=kind, at=at, description=text, quote=unit.span.strip(" \t").text)


_CLAUSE_AND = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=(?:at|by|around)?\s*\S)|[,，；;]")


def _clock_events(span: Span) -> list[EventDraft]:
    """One event per clock time in a spoken or free-text line, described by its clause."""
    out: list[EventDraft] = []
    for sentence in span.sentences():
        lead = _LABEL_LEAD.match(sentence.text) or _TIGHT_LABEL.match(sentence.text)
        if lead:  # "时间线:20:00 …": the label is no part of any event
            sentence = sentence.sub(lead.end())
        if not _clocks(sentence.text):
            continue
        many = len(_clocks(sentence.text)) > 1
        for part in sentence.split(_CLAUSE_AND) if many else [sentence]:
            m = next(iter(_clocks(part.text)), None)
            lead = _LABEL_LEAD.match(part.text)
            if m and lead and lead.end() <= m.start():  # "Timeline first: at 14:02 UTC …"
                part = part.sub(lead.end())
                m = next(iter(_clocks(part.text)), None)
            if m and not _STATED_SPAN.search(part.text):
                at, text = clean(m.group(0)), clean(part.text)
                kind = event_kind(text)
                out.append(EventDraft(kind=kind, at=at, description=text, quote=part.text))
    return out


def timeline(docs: list[Document], kind: str) -> list[EventDraft]:
    events: list[EventDraft] = []
    for doc in docs:
        found: list[EventDraft] = []
        for entry in entries(doc):
            if entry.kind != "event":
                continue
            unit = entry.unit
            if unit.cells:
                event = _row_event(unit)
                found.extend([event] if event else [])
                continue
            event = _line_event(unit.span)
            # "At 21:44 he pressed Send.": a told time under the timeline, not one leading it
            found.extend([event] if event else _clock_events(unit.span))
        no_section = not doc.of("timeline")
        if not found and no_section and (kind == "incident" or doc.source.type == "transcript"):
            for section in doc.sections:
                if section.kind == "process" and kind != "incident":
                    continue  # an incident's "经过" / "What happened" is its story in time
                for unit in section.units:
                    if _wall_clock(unit.line.timestamp):
                        chat = _chat_event(unit)
                        found.extend([chat] if chat else [])
                        continue
                    event = _line_event(unit.span)
                    if event and len(_clocks(unit.span.text)) > 1:
                        event = None  # "14:00 errors began. 14:10 we were paged.": one per time
                    found.extend([event] if event else _clock_events(unit.span))
        events.extend(found)
    return events
