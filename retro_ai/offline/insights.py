"""Lessons (keep / improve) and action items with owner, due, horizon, area and problem links.

Action blocks are grouped across lines: "- 行动: …", "- 负责人: …", a stray "-", then
"完成时限: …" make one action, as do "Action: … Owner: … Due: …" on one line and
"- [ ] do X (@alice, by 2026-12-01)". Owners and dues are copied as written, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retro_ai.offline import cues
from retro_ai.offline.items import Entry, of_kind
from retro_ai.offline.sections import Document
from retro_ai.offline.text import Span, best_match, clean, shorten, tokens
from retro_ai.schema import Problem
from retro_ai.stages.drafts import ActionDraft, LessonDraft

_PAREN_TAIL = re.compile(r"[(（](?P<in>[^()（）]*)[)）]\s*[.。]?\s*$")
_DASH_TAIL = re.compile(r"\s[—–-]{1,2}\s*(?P<in>@?[A-Z][\w.]*(?:,? .{0,40})?)$")
_OWNER_IN = re.compile(r"(?:owner|assignee|负责人)\s*[:：]?\s*(?P<o>[^,;，；]+)", re.I)
_TRAIL = " \t,，;；.。:：—–-"


@dataclass(slots=True)
class _Fields:
    action: Span
    owner: str | None = None
    due: str | None = None


def lessons(docs: list[Document]) -> list[LessonDraft]:
    out: list[LessonDraft] = []
    for _doc, entry in of_kind(docs, "lesson"):
        kind = entry.section.kind
        if entry.unit.bullet or entry.cued or entry.title:
            parts = entry.body.sentences()
            first = parts[0] if parts else entry.body
            width = len(first.text) + len(re.findall(r"[\u4e00-\u9fff]", first.text))
            spans = [first if len(parts) > 1 and width >= 20 else shorten(entry.body, 120)]
        else:
            spans = entry.body.sentences()[:3]
        for span in spans:
            span = span.strip()
            if len(span.text) < 4 or not clean(span.text):
                continue
            if kind == "lessons_keep":
                polarity = "keep"
            elif kind == "lessons_improve" or entry.unit.label_kind() == "suggestion":
                polarity = "improve"
            else:
                polarity = "keep" if cues.KEEP_WORDS.search(span.text) else "improve"
            out.append(LessonDraft(statement=clean(span.text), polarity=polarity, quote=span.text))
    return out


def _clip(span: Span, end: int) -> Span:
    return span.sub(0, end - span.start).strip(_TRAIL)


def parse_action(span: Span) -> _Fields:
    """Split "do X Owner: Y Due: Z", "do X (@alice, by 2026-12-01)", "Priya will do X by Friday"."""
    fields = _Fields(span.strip(_TRAIL))
    labels = list(cues.INLINE_FIELD.finditer(span.text))
    if labels:
        fields.action = span.sub(0, labels[0].start()).strip(_TRAIL)
        for i, m in enumerate(labels):
            stop = labels[i + 1].start() if i + 1 < len(labels) else len(span.text)
            value = clean(span.text[m.end() : stop])
            if re.match(r"owner|assignee|负责人|责任人", m.group("label"), re.I):
                fields.owner = value or None
            else:
                fields.due = value or None
        return fields
    act = fields.action
    tail = _PAREN_TAIL.search(act.text)
    if tail and (
        cues.MENTION.search(tail.group("in"))
        or cues.DUE_PHRASE.search(tail.group("in"))
        or _OWNER_IN.search(tail.group("in"))
        or re.search(r"\bby\b", tail.group("in"))
    ):
        inner = tail.group("in")
        fields.action = act.sub(0, tail.start()).strip(_TRAIL)
        owner = cues.MENTION.findall(inner) or [m.group("o") for m in _OWNER_IN.finditer(inner)]
        fields.owner = ", ".join(clean(o) for o in owner) or None
        due = cues.DUE_TAIL.search(" " + inner) or cues.DUE_PHRASE.search(inner)
        if due:
            fields.due = clean(due.group("due") if "due" in due.re.groupindex else due.group(0))
        return fields
    due = next(reversed(list(cues.DUE_TAIL.finditer(act.text))), None)
    if due and not act.text[due.end() :].strip(_TRAIL):
        fields.due = clean(due.group("due"))
        fields.action = act.sub(0, due.start()).strip(_TRAIL)
    mention = cues.MENTION.search(fields.action.text)
    if mention:
        fields.owner = mention.group(1)
    commit = cues.NAME_COMMITS.match(fields.action.text)
    if commit and not fields.owner:
        fields.owner = commit.group("name")
        fields.action = fields.action.sub(commit.end()).strip(_TRAIL)
    return fields


def actions(docs: list[Document], problems: list[Problem]) -> list[ActionDraft]:
    drafts: list[ActionDraft] = []
    bags = [
        tokens(" ".join([p.title, p.description, *(c.text for c in p.causes)])) for p in problems
    ]
    for doc in docs:
        cur: ActionDraft | None = None
        cur_section = None
        for _d, entry in of_kind([doc], "action", "owner", "due"):
            if entry.kind in ("owner", "due"):
                if cur is None or entry.section is not cur_section:
                    continue
                value = clean(entry.body.text) or None
                if entry.kind == "owner" and not cur.owner:
                    cur.owner = value
                elif entry.kind == "due" and not cur.due:
                    cur.due = value
                continue
            draft = _action(entry)
            if draft is None:
                continue
            if bags:
                area = draft.area or ""
                words = tokens(f"{entry.unit.span.text} {area}")
                pick = best_match(words, bags, floor=1.0, margin=1.5)
                draft.problem_ids = [problems[pick].id] if pick is not None else []
            drafts.append(draft)
            cur, cur_section = draft, entry.section
    return drafts


def _action(entry: Entry) -> ActionDraft | None:
    owner = None
    label = clean(entry.title.text) if entry.title else None
    if label and cues.ORG_OWNER.match(label):
        owner, fields = label, parse_action(entry.unit.content)  # "营销部: 召开…"
    elif label:
        fields = parse_action(entry.unit.content)  # "**Circuit breakers**: Adding …"
        fields.action = entry.title.strip()
    else:
        fields = parse_action(entry.body)
    if not fields.action or len(fields.action.text) < 2 or not clean(fields.action.text):
        return None
    body = entry.body
    owner = owner or fields.owner
    line = entry.unit.line
    if not owner and line.speaker and cues.FIRST_PERSON_COMMIT.search(body.text):
        owner = line.speaker
    lead = cues.FIRST_PERSON_LEAD.match(fields.action.text)
    if lead and lead.end() < len(fields.action.text):
        fields.action = fields.action.sub(lead.end()).strip(_TRAIL)  # "I'll add jitter…"
    section = entry.section
    area = section.group if section.inherited and section.kind == "actions" else None
    if entry.group and not any(p.search(entry.group) for _h, p in cues.HORIZON):
        area = entry.group
    if area and any(p.search(area) for _h, p in cues.HORIZON):
        area = None
    return ActionDraft(
        action=clean(fields.action.text),
        owner=owner,
        due=fields.due,
        horizon=entry.horizon,
        area=area,
        quote=fields.action.text,
    )
