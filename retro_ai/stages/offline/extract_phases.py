"""Phases of a personal journey: each stage's challenges (挑战), actions (行动) and gains (收获).

A phase is a heading that names a stage ("2.1 认知准备阶段:…", "阶段一:打基础", "Phase 1: …")
or a process section whose lines carry at least two of the three labels. Under a label, the
label's own text and the lines that follow (sub-bullets such as "- 阅读与学习: …") fill that
list until the next label; sub-headings named like a label ("#### Challenges") fill it too.
"""

from __future__ import annotations

from retro_ai.stages.drafts import PhaseDraft
from retro_ai.stages.offline.cues import PHASE_TITLE, PhaseLabel, phase_label
from retro_ai.stages.offline.sections import Document, Section
from retro_ai.stages.offline.text import clean
from retro_ai.stages.offline.units import Unit


def _label_bucket(text: str) -> PhaseLabel | None:
    return phase_label(clean(text))


def _unit_bucket(unit: Unit) -> PhaseLabel | None:
    if unit.label is not None:
        return _label_bucket(unit.label_text)
    if unit.bold_only:
        return _label_bucket(unit.content.text)
    return None


def _fill(phase: dict[PhaseLabel, list[str]], units: list[Unit], bucket: PhaseLabel | None) -> None:
    for unit in units:
        if unit.cells is not None:
            continue
        own = _unit_bucket(unit)
        if own is not None:
            bucket = own
            if unit.label is not None and unit.content:
                phase[bucket].append(clean(unit.content.text))
            continue
        if bucket is not None and clean(unit.span.text):
            phase[bucket].append(clean(unit.span.text))


def _is_phase(section: Section) -> bool:
    if section.title_span is None or _label_bucket(section.title) is not None:
        return False
    buckets = {_unit_bucket(u) for u in section.units} - {None}
    if PHASE_TITLE.search(section.title):
        return bool(buckets) or bool(section.units) or section.kind == "process"
    return section.kind == "process" and len(buckets) >= 2


def phases(docs: list[Document]) -> list[PhaseDraft]:
    out: list[PhaseDraft] = []
    for doc in docs:
        found = [s for s in doc.sections if _is_phase(s)]
        # "二、转型之路:关键阶段…" holds the phases; it is not one of them
        found = [s for s in found if not any(o is not s and _descends(o, s) for o in found)]
        for phase in found:
            span = phase.title_span
            if span is None or not clean(span.text):
                continue
            lists: dict[PhaseLabel, list[str]] = {"challenges": [], "actions": [], "gains": []}
            _fill(lists, phase.units, None)
            for section in doc.sections:
                if _descends(section, phase):
                    _fill(lists, section.units, _label_bucket(section.title))
            out.append(PhaseDraft(name=clean(span.text), quote=span.text, **lists))
    return out


def _descends(section: Section, ancestor: Section) -> bool:
    parent = section.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False
