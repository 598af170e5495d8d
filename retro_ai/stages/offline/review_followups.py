"""Follow-up of the previous retro's actions: each action as written and what became of it.

Items come from sections such as "Follow-up on last sprint's actions", "Previous action items"
or "上期行动项跟进". The status is read from a cue after the action ("…: done", "(进行中)",
"— dropped, …"), a "Status:" line or column, or a checked box or ✅; with none it is unknown.
"""

from __future__ import annotations

import re

from retro_ai.schema import FollowUpStatus
from retro_ai.stages.drafts import FollowUpDraft
from retro_ai.stages.offline.cues import TRIM_CHARS, rx
from retro_ai.stages.offline.distill_insights import parse_action
from retro_ai.stages.offline.items import Entry, entries
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import Span, clean
from retro_ai.stages.offline.units import BULLET, label_kind

# Status cues, tried in this order: "not done" is not_started before "done" can match.
_STATUS_CUES: dict[FollowUpStatus, str] = {
    "not_started": r"not (?:yet )?(?:started|begun|done|picked up)|hasn'?t started"
    r"|haven'?t started|no progress|未开始|未启动|尚未开始|未完成|没有?(?:开始|做|推进)",
    "in_progress": r"in[- ]progress|ongoing|underway|under way|partially(?: done| completed?)?"
    r"|half[- ]done|\bwip\b|started|进行中|推进中|跟进中|部分完成|持续进行",
    "dropped": r"dropped|cancell?ed|abandoned|won'?t do|descoped|de-?prioriti[sz]ed"
    r"|放弃|取消|不再(?:执行|推进)|搁置",
    "done": r"done|completed?|finished|shipped|closed|implemented|已完成|已上线|已落地|完成",
}
_STATUS_WORDS = "|".join(f"(?P<{status}>{words})" for status, words in _STATUS_CUES.items())
# Latin words need word edges ("done", not "abandoned-ish"); CJK cues stand inside text.
_STATUS = rx(r"(?<![A-Za-z0-9_-])(?:" + _STATUS_WORDS + r")(?![A-Za-z0-9_-])")
# A cue right after a separator: "X: done", "X — dropped", "X (in progress)", "X, 进行中".
_SEP = r"(?:[:：—–(（,，;；\[【→]|\s-\s|\s-?->|=>)\s*"
_AFTER_SEP = rx(_SEP + r"(?:" + _STATUS_WORDS + r")(?![A-Za-z])")
_COL_ACTION = re.compile(r"行动|措施|事项|任务|改进项|action|item|task", re.I)
_COL_STATUS = re.compile(r"状态|进展|status|progress", re.I)
_COL_NOTE = re.compile(r"备注|说明|note|comment", re.I)
_TRAIL = TRIM_CHARS + "()（）[]【】✅❌~→>="
_BOX_DONE = re.compile(r"\[[xX]\]|[✅☑✔]")


def _status_of(m: re.Match[str]) -> FollowUpStatus:
    return next(status for status in _STATUS_CUES if m.group(status) is not None)


def _from_mark(entry: Entry) -> FollowUpStatus:
    """The status a checkbox or emoji mark at the start of the line states, if any."""
    head = BULLET.match(entry.unit.line.text)
    marks = head.group(0) if head else ""
    if _BOX_DONE.search(marks):
        return "done"
    if "❌" in marks or "[ ]" in marks:
        return "not_started"  # an open box: not done, and the notes say no more
    return "unknown"


def _split(span: Span) -> tuple[Span, FollowUpStatus | None, Span | None]:
    """(action, status, note) from "Add X: done, it saves 20 minutes" or "Done: add X"."""
    m = _AFTER_SEP.search(span.text)
    if m and m.start() > 0:
        note = span.sub(m.end()).strip(_TRAIL)
        return span.sub(0, m.start()).strip(_TRAIL), _status_of(m), note or None
    lead = len(span.text) - len(span.text.lstrip(" [【(（"))
    m = _STATUS.match(span.text, lead)
    if m:  # "Done: add X", "[进行中] 优化发布流程"
        return span.sub(m.end()).strip(_TRAIL), _status_of(m), None
    return span, None, None


def _after_cue(span: Span) -> tuple[FollowUpStatus | None, Span | None]:
    """The first status cue in a label's content ("done, it saves…") and what follows it."""
    m = _STATUS.search(span.text)
    if not m:
        return None, span
    return _status_of(m), span.sub(m.end()).strip(_TRAIL)


def _column(cols: dict[str, Span], pattern: re.Pattern[str]) -> Span | None:
    return next((cell for name, cell in cols.items() if pattern.search(name)), None)


def _table(entry: Entry) -> FollowUpDraft | None:
    cols = entry.columns or {}
    action = _column(cols, _COL_ACTION) or next(iter(cols.values()), None)
    if action is None or not clean(action.text):
        return None
    status_cell, note_cell = _column(cols, _COL_STATUS), _column(cols, _COL_NOTE)
    status: FollowUpStatus = "unknown"
    if status_cell is not None:
        m = _STATUS.search(status_cell.text)
        status = _status_of(m) if m else ("done" if _BOX_DONE.search(status_cell.text) else status)
    note = clean(note_cell.text) if note_cell is not None else ""
    return FollowUpDraft(action=clean(action.text), status=status, note=note, quote=action.text)


def _item(entry: Entry) -> FollowUpDraft | None:
    if entry.columns is not None:
        return _table(entry)
    unit = entry.unit
    if entry.title is not None and label_kind(unit.label_text) != "action":
        action: Span = entry.title.strip(_TRAIL)  # "Add X: done, it saves 20 minutes"
        status, note = _after_cue(unit.content)
    else:  # "Action: add X — done" or a plain "Add X (in progress)"
        body = unit.content if unit.label is not None and unit.content else entry.body
        action, status, note = _split(body)
    action = parse_action(action).action
    if not action or not clean(action.text):
        return None
    return FollowUpDraft(
        action=clean(action.text),
        status=status or _from_mark(entry),
        note=clean(note.text) if note else "",
        quote=action.text,
    )


def follow_ups(docs: list[Document]) -> list[FollowUpDraft]:
    out: list[FollowUpDraft] = []
    for doc in docs:
        last: FollowUpDraft | None = None
        last_section = None
        for entry in entries(doc):
            if entry.kind in ("status", "detail"):
                if last is not None and entry.section is last_section:
                    _annotate(last, entry)  # "  - Status: not started, nobody picked it up"
                continue
            if entry.kind != "followup":
                continue
            draft = _item(entry)
            if draft is not None:
                out.append(draft)
                last, last_section = draft, entry.section
    return out


def _annotate(draft: FollowUpDraft, entry: Entry) -> None:
    """A status or note on the line under a follow-up fills what its own line left out."""
    status, rest = _after_cue(entry.body)
    if status is not None and draft.status == "unknown":
        draft.status = status
        draft.note = draft.note or (clean(rest.text) if rest else "")
    elif status is None and not draft.note:
        draft.note = clean(entry.body.text)
