"""Incident facts: impact, detection and resolution, each one statement with its quote.

Each comes, in order of trust, from its own section ("## Impact", "发现与响应", "Resolution"),
from a label ("Impact:", "影响范围:", a "| Detection | … |" row), from the timeline (the first
detection event; the resolution event, with the mitigation that led to it), and for impact from
a sentence of the summary that says what failed. A field the sources do not state stays null.
"""

from __future__ import annotations

import re

from retro_ai.stages.drafts import EventDraft, IncidentOutput, StatementDraft
from retro_ai.stages.offline import values
from retro_ai.stages.offline.cues import gated, rx
from retro_ai.stages.offline.events import has_cue
from retro_ai.stages.offline.sections import Document, classify
from retro_ai.stages.offline.text import Span, clean, shorten
from retro_ai.stages.offline.units import Unit

FIELDS = ("impact", "detection", "resolution")
FIELD_LABELS = {
    "impact": rx(
        r"(?:customer |user |business )?impact|影响(?:范围|面|用户)?|故障影响|blast radius"
        r"|who was affected|what was affected"
    ),
    "detection": rx(
        r"detection|detected|how (?:was it|it was|we) (?:detected|noticed|found)"
        r"|how (?:was it|it was) (?:detected|noticed)|how we found out|发现(?:方式|过程|途径)?"
        r"|告警"
    ),
    "resolution": rx(
        r"resolution|mitigation|recovery|remediation|fix|how (?:it was|we) (?:resolved|fixed"
        r"|mitigated)|处置(?:过程|措施)?|恢复(?:过程)?|处理(?:过程)?|解决(?:方案)?|修复|止损"
    ),
}
# Sections about why detection failed say nothing about how the incident was noticed.
_NOT_HOW = rx(r"why|wasn'?t|hard to|未能|为什么|为何")
IMPACT_CUE = gated(
    r"(?<!we )\bfail(?:ed|ing|ures?)?\b|\berrors?\b|\bunavailable\b|could(?: not|n't)"
    r"|unable to|\baffect(?:ed|ing)?\b|\bimpact(?:ed)?\b|\bdown for\b|\bdegraded\b"
    r"|\btimeouts?\b|\blost\b|\d+(?:\.\d+)?% of\b|\bcrash\w*|\b(?:go|goes|gone|went|was|were)"
    r" down\b|\breturn\w* (?:status )?[45]\d\d\b|\bno (?:\w+ )?traffic\b"
    r"|无法|不可用|失败|报错|超时|受影响|影响了"
)
# Not a fix: "Rollback fails …", "rollback attempted", "ungracefully reverts changes".
_FAILED_FIX = rx(
    r"\bfail(?:s|ed)?\b|\battempt(?:ed|s)?\b|\bunsuccessful\b|unexpected|accident"
    r"|unintention|ungraceful|未成功|失败"
)
# Facts about the incident that are not its impact ("**Severity:** Major").
_META_LABEL = rx(r"severity|priority|sev|level|等级|级别|duration|时长|status|状态|date|日期")
_PROSE_KINDS = ("summary", "other", "background")
_EVENT_LABEL = rx(r"^(?:detection|recovery|resolution|mitigation)\s*[:：]\s*")


def _statement(units: list[Unit]) -> StatementDraft | None:
    """The first unit quoted; with bullets, up to three joined for the text."""
    units = [
        u
        for u in units
        if u.cells is None
        and clean(u.span.text)
        and not (u.label is not None and _META_LABEL.fullmatch(u.label_text))
    ]
    if not units:
        return None
    first = shorten(units[0].span, 200)
    if units[0].bullet:
        text = "; ".join(clean(shorten(u.span, 200).text) for u in units[:3] if u.bullet)
    else:
        text = clean(first.text)
    return StatementDraft(text=text or clean(first.text), quote=first.text)


def _from_sections(doc: Document, field: str) -> StatementDraft | None:
    for section in doc.sections:
        if section.kind != field or not section.units or classify(section.title) != field:
            continue  # "## Attendees" under "# Node IPC Incident Response" is no resolution
        if field == "detection" and _NOT_HOW.search(section.title):
            continue
        found = _statement(section.units)
        if found:
            return found
    return None


def _from_labels(doc: Document, field: str) -> StatementDraft | None:
    pattern = FIELD_LABELS[field]
    for section in doc.sections:
        for unit in section.units:
            if unit.cells is not None and len(unit.cells) >= 2:
                if pattern.fullmatch(clean(unit.cells[0].text)) and clean(unit.cells[1].text):
                    cell = unit.cells[1].strip()
                    return StatementDraft(text=clean(cell.text), quote=cell.text)
                continue
            if unit.label is not None and unit.content and pattern.fullmatch(unit.label_text):
                span = shorten(unit.content, 200)
                return StatementDraft(text=clean(span.text), quote=span.text)
    return None


def _event_statement(event: EventDraft) -> StatementDraft:
    text = _EVENT_LABEL.sub("", event.description)
    return StatementDraft(text=text or event.description, quote=event.quote)


def _from_events(events: list[EventDraft], field: str) -> StatementDraft | None:
    if field == "detection":
        found = next((e for e in events if e.kind == "detection"), None) or next(
            (e for e in events if has_cue(e.description, "detection")), None
        )  # "Incident declared, rollback attempted" is a mitigation, and when it was noticed
        return _event_statement(found) if found else None
    if field != "resolution":
        return None
    resolved = [i for i, e in enumerate(events) if e.kind == "resolution"]
    fixes = [
        i
        for i, e in enumerate(events)
        if e.kind == "mitigation" and not _FAILED_FIX.search(e.description)
    ]
    if not resolved and not fixes:
        return None
    end = resolved[0] if resolved else len(events)
    # the mitigation that led to the resolution: one of the three events before it
    fix = next((i for i in reversed(fixes) if end - 3 <= i < end or not resolved), None)
    if fix is None:
        return _event_statement(events[end])
    statement = _event_statement(events[fix])
    if resolved:  # "We rolled the config back …; checkout was fully recovered by 14:38"
        statement.text = f"{statement.text}; {_event_statement(events[end]).text}"
    return statement


def _impact_sentence(doc: Document) -> StatementDraft | None:
    """A summary sentence that says what failed: "all inbound traffic failed to reach …"."""
    order = sorted(
        (s for s in doc.sections if s.kind in _PROSE_KINDS),
        key=lambda s: _PROSE_KINDS.index(s.kind),
    )
    for section in order:
        for unit in section.units:
            if unit.cells is not None:
                continue
            for sentence in unit.span.sentences():
                span = _impact_clause(sentence)
                if span is not None:
                    return StatementDraft(text=clean(span.text), quote=span.text)
    return None


def _impact_clause(sentence: Span) -> Span | None:
    if not IMPACT_CUE.search(sentence.text):
        return None
    if len(values.CLOCK.findall(sentence.text)) < 2:
        return shorten(sentence, 200)
    # "at 14:02 we pushed …, and at 14:06 error rates jumped": the clause with the cue
    for clause in sentence.split(re.compile(r",\s*(?:and\s+)?|[,，;；]")):
        if IMPACT_CUE.search(clause.text):
            return clause
    return None


def describe(docs: list[Document], events: list[EventDraft]) -> IncidentOutput:
    out: dict[str, StatementDraft | None] = {}
    for field in FIELDS:
        found = None
        for doc in docs:
            found = _from_sections(doc, field) or _from_labels(doc, field)
            if found:
                break
        if found is None:
            found = _from_events(events, field)
        if found is None and field == "impact":
            found = next((s for s in map(_impact_sentence, docs) if s), None)
        out[field] = found
    return IncidentOutput(**out)
