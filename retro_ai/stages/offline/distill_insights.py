"""Lessons (keep / improve) and action items with owner, due, horizon, area and problem links.

Action blocks are grouped across lines: "- 行动: …", "- 负责人: …", a stray "-", then
"完成时限: …" make one action, as do "Action: … Owner: … Due: …" on one line and
"- [ ] do X (@alice, by 2026-12-01)". Owners and dues are copied as written, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retro_ai.schema import Polarity, Problem
from retro_ai.stages.drafts import ActionDraft, LessonDraft
from retro_ai.stages.offline import cues, owners
from retro_ai.stages.offline.items import Entry, entries, of_kind
from retro_ai.stages.offline.nearby import around, places
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import CJK, Span, best_match, clean, shorten, tokens
from retro_ai.stages.offline.units import Unit

_PAREN_TAIL = re.compile(r"[(（](?P<in>[^()（）]*)[)）]\s*[.。]?\s*$")
_DASH_TAIL = re.compile(r"\s[—–]\s*(?P<in>@[\w.\-]+|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*$")
_OWNER_IN = re.compile(r"(?:owner|assignee|负责人)\s*[:：]?\s*(?P<o>[^,;，；]+)", re.I)
_DUE_IN = re.compile(r"(?:due|deadline|截止|完成时限)\s*[:：]\s*(?P<d>[^,;，；]+)", re.I)
# "AI:", "TODO(marisol):", "Action item -", "- [ ]": a tag that marks a line as an action
_TAG = (
    r"(?:\[\s?\]\s*)?(?:AI|A\.I\.|AP|TODO|To-?do|Action(?: item)?|Follow[- ]up)"
    r"(?:\s*[(（](?P<o>[^()（）]{1,20})[)）])?"
)
_ACTION_TAG = re.compile(rf"^{_TAG}\s*(?:[:：]|\s[-–—])\s*(?=\S)", re.I)
_TAG_LABEL = re.compile(rf"{_TAG}|另外|此外|还有|also|plus|ps|btw", re.I)
# "… — IT, EOW", "…, Theo, ASAP", "… [Kofi]": an owner (and a due) trailing the action
_WHO = r"@?[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2,5}(?: team)?|[a-z]+ team"
_OWNER_DUE_TAIL = re.compile(
    rf"(?:\s[—–-]\s*|,\s*)(?P<o>{_WHO})(?:\s*,\s*(?P<d>[^,;()]{{2,25}}))?\s*[.。]?$"
)
_BRACKET_TAIL = re.compile(rf"\s\[(?P<o>{_WHO})\]\s*[.。]?$")
# "(Hannah, end of May)": who, then by when, in the brackets closing the line
_WHO_DUE_IN = re.compile(rf"\s*(?P<o>{_WHO})\s*[,，]\s*(?P<d>[^,;()]{{2,25}}?)\s*")
_ALSO = re.compile(r",?\s+and also\s+|,\s*also\s+|;\s*also\s+", re.I)
_OWNER_LABEL = re.compile(r"owner|assignee|负责人|责任人", re.I)
_TRAIL = " \t,，;；.。:：—–-"


@dataclass(slots=True)
class _Fields:
    action: Span
    owner: str | None = None
    due: str | None = None


def _board(entry: Entry) -> str | None:
    """ "keep" or "try" for an item of a retro board's Keep / Try column (heading or label)."""
    names = [clean(entry.section.title)]
    if entry.cued and entry.unit.label is not None:
        names.append(entry.unit.label_text)
    for name in names:
        if cues.KEEP_BOARD.match(name):
            return "keep"
        if cues.TRY_BOARD.match(name):
            return "try"
    return None


def _board_lesson(entry: Entry) -> LessonDraft | None:
    """A Keep item is a practice to keep; a Try item phrased as a rule ("should …") a lesson."""
    board = _board(entry)
    polarity: Polarity
    if board == "keep" and entry.kind == "highlight":
        span = shorten(entry.body, 120).strip()
        polarity = "keep"
    elif board == "try" and entry.kind == "action" and cues.LESSON_PHRASE.search(entry.body.text):
        span = parse_action(entry.body).action
        polarity = "improve"
    else:
        return None
    if len(span.text) < 4 or not clean(span.text):
        return None
    return LessonDraft(statement=clean(span.text), polarity=polarity, quote=span.text)


def lessons(docs: list[Document]) -> list[LessonDraft]:
    out: list[LessonDraft] = []
    for _doc, entry in of_kind(docs, "lesson", "highlight", "action"):
        if entry.kind != "lesson":
            found = _board_lesson(entry)
            if found:
                out.append(found)
            continue
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
            polarity: Polarity
            if kind == "lessons_keep":
                polarity = "keep"
            elif kind == "lessons_improve" or entry.unit.label_kind() == "suggestion":
                polarity = "improve"
            else:
                polarity = "keep" if cues.KEEP_WORDS.search(span.text) else "improve"
            out.append(LessonDraft(statement=clean(span.text), polarity=polarity, quote=span.text))
    return out


# A task copied from Asana's or Todoist's list view: "Final walkthrough · Renee Ortiz · Due Apr 30"
_CARD_FIELDS = re.compile(
    r"^(?P<t>[^·]{4,}?)\s+·\s+(?P<o>[^·\d]{2,40}?)\s+·\s+(?:due|截止)\s*[:：]?\s*(?P<d>[^·]{2,30}?)"
    r"\s*(?:·.*)?$",
    re.I,
)


_NAMED_BEHIND = re.compile(r"\s+(?P<n>[\u4e00-\u9fff]{2,3})(?=\s)")


def parse_action(span: Span) -> _Fields:
    """Split "do X Owner: Y Due: Z", "do X (@alice, by 2026-12-01)", "do X — @ana, by Friday",
    "write docs, owner Sam" and "Priya will do X by Friday" into action, owner and due."""
    card = _CARD_FIELDS.match(span.text)
    if card and owners.plausible(card["o"]):
        return _Fields(span.sub(card.start("t"), card.end("t")), card["o"], card["d"])
    fields = _Fields(span.strip(_TRAIL))
    tag = _ACTION_TAG.match(fields.action.text)
    if tag:
        fields.owner = clean(tag.group("o") or "") or None
        fields.action = fields.action.sub(tag.end()).strip(_TRAIL)
    tail = _PAREN_TAIL.search(fields.action.text)
    if tail and _names_owner_or_due(tail.group("in")):
        fields.action = fields.action.sub(0, tail.start()).strip(_TRAIL)
        _fill_from(fields, tail.group("in"))
    act = fields.action
    labels = list(cues.INLINE_FIELD.finditer(act.text))
    if labels:
        fields.action = act.sub(0, labels[0].start()).strip(_TRAIL)
        for i, m in enumerate(labels):
            stop = labels[i + 1].start() if i + 1 < len(labels) else len(act.text)
            value = clean(act.text[m.end() : stop]) or None
            if _OWNER_LABEL.match(m.group("label")):
                fields.owner = fields.owner or value
            else:
                fields.due = fields.due or value
        return fields
    owner_tail = cues.OWNER_TAIL.search(act.text)
    if owner_tail:  # "write docs, owner Sam"
        fields.owner = fields.owner or owner_tail.group("o")
        act = fields.action = act.sub(0, owner_tail.start()).strip(_TRAIL)
    due = next(reversed(list(cues.DUE_TAIL.finditer(act.text))), None)
    if due and not act.text[due.end() :].strip(_TRAIL):
        fields.due = fields.due or clean(due.group("due"))
        act = fields.action = act.sub(0, due.start()).strip(_TRAIL)
    dash = _DASH_TAIL.search(act.text)
    whose = _BRACKET_TAIL.search(act.text) or _OWNER_DUE_TAIL.search(act.text)
    who = re.sub(r" team$", "", whose.group("o")) if whose else ""
    if not dash and whose and owners.is_due(who):
        whose = None  # "…, EOW" is a due, not a team
    if not dash and whose and (who.isupper() or owners.plausible(who)):
        d = whose.groupdict().get("d")
        if not d or owners.is_due(d):
            fields.owner = fields.owner or whose.group("o").lstrip("@")
            fields.due = fields.due or (clean(d) if d else None)
            act = fields.action = act.sub(0, whose.start()).strip(_TRAIL)
    if dash:  # "Split integration tests — @ana"
        fields.owner = fields.owner or clean(dash.group("in")).lstrip("@")
        fields.action = act.sub(0, dash.start()).strip(_TRAIL)
    mention = cues.MENTION.search(fields.action.text)
    if mention and owners.zh_owner(fields.action.text, None, loose=False):
        mention = None  # "超24h自动@组长,老王负责": the one who is responsible owns it
    if mention and not fields.owner:
        fields.owner = mention.group(1)
        behind = _NAMED_BEHIND.match(fields.action.text, mention.end())
        if behind and owners.is_person(behind["n"]):
            fields.owner = behind["n"]  # "@厂家 李工 下周五前出方案": the firm, then its man
    commit = cues.NAME_COMMITS.match(fields.action.text)
    if commit and not fields.owner and owners.plausible(commit.group("name")):
        fields.owner = commit.group("name")
        fields.action = fields.action.sub(commit.end()).strip(_TRAIL)
    return fields


def _who_and_due(inner: str) -> tuple[str, str] | None:
    m = _WHO_DUE_IN.fullmatch(inner)
    if (
        m
        and owners.plausible(m["o"])
        and not owners.is_due(m["o"])
        and owners.is_due(m["d"])
        and owners.opens_on_when(m["d"])  # not "(Lou, sending today)"
    ):
        return m["o"].lstrip("@"), m["d"]
    return None


def _names_owner_or_due(inner: str) -> bool:
    return bool(
        _who_and_due(inner)
        or cues.MENTION.search(inner)
        or cues.DUE_PHRASE.search(inner)
        or _OWNER_IN.search(inner)
        or _DUE_IN.search(inner)
        or re.search(r"\b(?:by|before|until|due)\b", inner)
    )


def _fill_from(fields: _Fields, inner: str) -> None:
    """Owner and due from a parenthetical such as "@alice, by 2026-12-01", "owner: Raj" or
    "Hannah, end of May"."""
    named = _who_and_due(inner)
    if named:
        fields.owner, fields.due = named
        return
    owners = cues.MENTION.findall(inner) or [m.group("o") for m in _OWNER_IN.finditer(inner)]
    fields.owner = ", ".join(clean(o) for o in owners) or None
    labelled = _DUE_IN.search(inner)
    if labelled:
        fields.due = clean(labelled.group("d"))
        return
    due = cues.DUE_TAIL.search(" " + inner)
    if due:
        fields.due = clean(due.group("due"))
        return
    phrase = cues.DUE_PHRASE.search(inner)
    fields.due = clean(phrase.group(0)) if phrase else None
    if fields.due is None and re.match(r"\s*(?:by|before|until|due)\b", inner, re.I):
        fields.due = clean(inner)  # "(before Q end)": the due as written


def actions(
    docs: list[Document], problems: list[Problem], personal: bool = False
) -> list[ActionDraft]:
    """Every action of `docs`, linked to the problem it answers. An action said in the first
    person with no speaker ("我下周去跟顾问公司谈") is the writer's, and so is every unowned plan
    of a personal review, when the notes say who wrote them."""
    drafts: list[ActionDraft] = []
    bags = [
        tokens(" ".join([p.title, p.description, *(c.text for c in p.causes)])) for p in problems
    ]
    where = places(problems, [d.source.name for d in docs])
    known: set[str] = set()  # the writers and attendees a short name may stand for
    for at, doc in enumerate(docs):
        first = len(drafts)
        cur: ActionDraft | None = None
        cur_section = None
        head = [ln.text for ln in doc.source.lines[:40]]
        author, present = owners.writer(head), owners.roster(head)
        known.update(present, (ln.speaker for ln in doc.source.lines if ln.speaker))
        author = author or owners.signed([ln.text for ln in doc.source.lines])
        taken: set[int] = set()  # replies that volunteered for an action asked before
        for _d, entry in of_kind([doc], "action", "owner", "due"):
            if id(entry.unit) in taken:
                continue  # "yep, on it" under the ask it agrees to
            if entry.kind in ("owner", "due"):
                if cur is None or entry.section is not cur_section:
                    continue
                value = clean(entry.body.text) or None
                if entry.kind == "owner" and not cur.owner:
                    cur.owner = value
                elif entry.kind == "due" and not cur.due:
                    cur.due = value
                continue
            near = around(where, at, entry.unit.line.number)
            volunteered = _volunteered(doc, entry.unit)
            if volunteered:
                taken.add(id(volunteered[1]))
            found = [volunteered[0]] if volunteered else _split_action(entry)
            for draft in found:
                _with_me(draft, entry.unit.line.speaker or author)
                if present and not draft.owner:
                    draft.owner = owners.rostered(draft.quote or draft.action, present)
                if author and not draft.owner and not entry.unit.line.speaker:
                    if personal or owners.FIRST_PERSON.search(entry.unit.span.text):
                        draft.owner = author
                if not draft.owner and entry.unit.line.speaker and _ZH_MY_DEED.search(draft.quote):
                    draft.owner = entry.unit.line.speaker  # "…,纸质登记表模板我来做" in a chat
                if not draft.owner and _signed_card(doc, entry):
                    draft.owner = entry.unit.line.speaker  # "[Marco] get X re-approved by Fri"
                _link(draft, entry.unit, bags[near], problems[near])
                if (agreed := _agreed_reply(doc, entry.unit, draft)) is not None:
                    taken.add(id(agreed))
            drafts.extend(found)
            if found:
                cur, cur_section = found[-1], entry.section
        for unit, listed in _uncovered(doc):
            if id(unit) in taken:
                continue
            near = around(where, at, unit.line.number)
            volunteered = _volunteered(doc, unit)
            if volunteered:
                draft, reply = volunteered
                taken.add(id(reply))
                _link(draft, unit, bags[near], problems[near])
                drafts.append(draft)
                continue
            for draft in _talk_actions(unit, listed, personal):
                _with_me(draft, unit.line.speaker or author)
                if not draft.owner and unit.line.speaker and _ZH_MY_DEED.search(draft.quote):
                    draft.owner = unit.line.speaker
                if not draft.owner and (up := _taken_up(doc, unit, draft)) is not None:
                    taken.add(id(up))  # "someone needs to X" - "alright, Ellie takes that"
                if author and not draft.owner and not unit.line.speaker:
                    if owners.FIRST_PERSON.search(unit.span.text):
                        draft.owner = author  # "I'll write the runbook" in Tom's write-up
                _link(draft, unit, bags[near], problems[near])
                if (agreed := _agreed_reply(doc, unit, draft)) is not None:
                    taken.add(id(agreed))
                drafts.append(draft)
        _name_voices(doc, drafts[first:], {*present, *known})
    known = {owners.person(who) for who in known}
    for draft in drafts:
        owner = owners.person(draft.owner) if draft.owner else draft.owner
        draft.owner = owners.full_name(owner, known) if owner else owner  # "老邓" is 邓国平
    return drafts


def _name_voices(doc: Document, drafts: list[ActionDraft], people: set[str]) -> None:
    """Owners a transcriber left as "发言人2" or "Speaker 2", named by who the talk handed the
    floor to ("海涛你先说…"), when it did."""
    if not any(d.owner and owners.GENERIC_SPEAKER.fullmatch(d.owner) for d in drafts):
        return
    turns: list[tuple[str, str]] = []
    said: tuple[str | None, str | None] | None = None
    for line in doc.source.lines:
        if not line.speaker:
            continue
        if (line.speaker, line.timestamp) == said:
            turns[-1] = (line.speaker, f"{turns[-1][1]}\n{line.text}")
        else:
            turns.append((line.speaker, line.text))
            said = (line.speaker, line.timestamp)
    named = owners.named_speakers(turns, people)
    for draft in drafts:
        if draft.owner in named:
            draft.owner = named[draft.owner]


# a reply written under a card in a shared doc: "[Olu: yep, ringing them Tuesday]"
_CARD_REPLY = re.compile(r"^\[?(?P<who>[^\s:：\]][^:：\]]{0,19})[:：]\s*(?P<say>[^\]]+)\]?$")


def _same_person(name: str, owner: str) -> bool:
    """ "Dev Patel" answering for "Dev": one of them names the other's first name."""
    a, b = name.casefold().split(), owner.casefold().split()
    return bool(a and b) and (a == b or a[0] == " ".join(b) or b[0] == " ".join(a))


def _agreed_reply(doc: Document, unit: Unit, draft: ActionDraft) -> Unit | None:
    """The owner's yes to an ask, which is the same action, not another; the due they give
    with it becomes the action's: "Owen, could you …? by the 3rd?", "Otto, could you …?" -
    "yes, by Tuesday", or a reply under a doc's card ("[Olu: yep, Tuesday]")."""
    if not draft.owner:
        return None
    text = unit.span.text
    at = text.find(draft.quote) if draft.quote else -1
    if at >= 0 and not draft.due:
        for piece in re.split(r"[?？]\s*", text[at + len(draft.quote) :]):
            piece = piece.strip(" ,，.。")
            if 0 < len(piece) <= 24 and owners.is_due(piece):
                draft.due = piece
                break
    for later in doc.after(unit, 3):
        who, say = later.line.speaker, later.span
        if not who and (card := _CARD_REPLY.match(say.text)):
            who, say = card.group("who"), say.sub(card.start("say"), card.end("say"))
        elif not unit.line.speaker:
            continue
        if who and _same_person(who, draft.owner) and owners.AGREE.match(say.text):
            draft.due = owners.narrowed(draft.due, owners.due(say)[1])  # "下周" - "周四前"
            return later if _adds_nothing(say) else None
    return None


# the next voices taking up work put to nobody: "alright, Ellie takes that", "I'll do it"
_TAKES_IT = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|right|fine|so|sure|yep|yeah)[,!.\s]+)*"
    r"(?:(?P<o>[A-Z][a-z]+) (?:takes|will take|can take|owns|gets|has got|is on)"
    r"|I(?:'ll| will| can) (?:take|do|own|grab|handle)|I'm on) (?:that|it|this)(?: one)?\b"
)


def _taken_up(doc: Document, unit: Unit, draft: ActionDraft) -> Unit | None:
    """The reply that takes up work a line put to nobody ("someone needs to check both lists"),
    its taker made the owner; None when nobody does within two turns."""
    if not unit.line.speaker or not owners.SOMEONE.match(draft.quote or draft.action):
        return None
    for later in doc.after(unit, 2):
        m = _TAKES_IT.match(later.span.text)
        if later.line.speaker and m:
            draft.owner = m.group("o") or later.line.speaker
            return later
    return None


# what an agreeing reply may say beyond yes without adding a deed: "I'll take that one", "我来"
_AGREED_ONLY = re.compile(
    r"\bI(?:'ll| will|'m)\s+(?:take|do|own|grab|handle|on)\s+(?:it|that|this|that one|this one)\b"
    r"|\b(?:on it|will do|can do|no problem|sure thing)\b|[我你]来|我去办|我弄|我做",
    re.I,
)


def _adds_nothing(say: Span) -> bool:
    """Whether an agreeing reply says only yes (and when): "yep, on it", "行,我周一弄"; not
    "收到。断电报警器我这周就买了装上", which takes on a deed of its own."""
    rest, _when = owners.due(say)
    text = owners.AGREE.sub("", _AGREED_ONLY.sub("", rest.text), count=1)
    return (
        len(re.findall(r"[A-Za-z]+", text)) <= 3 and len(re.findall(r"[\u4e00-\u9fff]", text)) <= 5
    )


def _signed_card(doc: Document, entry: Entry) -> bool:
    """A board card its writer signed, in the column of actions, asking nobody anything: the
    writer's own action, as a board reads."""
    return (
        doc.source.type == "notes"
        and entry.unit.line.speaker is not None
        and entry.section.kind == "actions"
        and not entry.unit.span.text.rstrip().endswith(("?", "？"))
    )


# A question put to whoever answers next: "你下周三之前能把自动同步的脚本弄好吗", "这个年底前能上
# 吗", "can you get the export to me by Friday?"; not the call's own checks ("能听到吗", "看到我屏幕
# 了吗", "can you hear me?")
_ASKED_NEXT = re.compile(
    r"^(?P<a>[^?？。]{2,}?(?:你|您|能不能|能否|能)[^?？。]*?)"
    r"(?:[,，\s]\s*(?:行|好)|[,，\s]?\s*可以)?(?:吗|不|么)\s*[?？]*\s*$"
    r"|^(?:[^?]*?[.!]\s+)?(?i:can|could|would) you\s+(?P<e>[^?]{8,}?)\s*\?+\s*$"
    # "方便的话周五厂家来的时候您也过来帮我们看看?": a favour asked with no 吗
    r"|^(?P<z>[^?？。]*?(?:方便的话|麻烦)[^?？。]*?(?:你|您)[^?？。]{2,})\s*[?？]+\s*$"
)
_ASK_ENDS = frozenset("吗么不?？")
_CALL_CHECK = re.compile(
    r"听到|听见|看到|看见|屏幕|共享|声音|网络|卡了|在吗|到了吗|理解|明白|清楚|同意|接受|记住"
    r"|\b(?:hear|see|share|repeat|remind|explain|clarify|confirm)\b"
)
_ZH_WHEN = re.compile(
    r"(?:(?:下|本|这)周[一二三四五六日天末]?|(?<![每])周[一二三四五六日天])(?:之前|前)?|明天|后天"
    r"|今天(?:下午|晚上)?|今晚|(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月|年)(?:底|初|中)(?:之前|前)?"
    r"|\d{1,2}月\d{1,2}[日号](?:之前|前)?"
)


def _answered_ask(doc: Document, unit: Unit) -> tuple[ActionDraft, Unit] | None:
    """ "你下周三之前能把脚本弄好吗" answered by the next voice "可以 下周三没问题": the one
    who says yes owns it, with the due the ask or the answer gives."""
    said, asker = unit.span, unit.line.speaker
    text = said.text.strip()
    if asker and text and text[-1] not in _ASK_ENDS and "?" in text:
        # "Can you have that by Thursday? I want it in front of me …": the question, then why
        first = said.sentences()[:1]  # a sentence ends before its stop
        if first and said.line.text[first[0].end : first[0].end + 1] == "?":
            said = said.sub(0, first[0].end + 1 - said.start)
            text = said.text.strip()
    if not asker or not text or text[-1] not in _ASK_ENDS:
        return None  # most turns are no question: the pattern is tried on questions only
    ask = _ASKED_NEXT.match(text)
    if not ask or _CALL_CHECK.search(text):
        return None
    later = next(iter(doc.after(unit, 1)), None)
    if later is None:
        return None
    speaker, say = later.line.speaker, later.span.text.strip()
    if not speaker or speaker == asker:
        return None
    if not (owners.AGREE.search(say[:10]) or "尽量" in say[:8]):  # "码表是吧 可以 …"
        return None
    group = next(g for g in ("a", "e", "z") if ask.group(g))
    action = said.sub(ask.start(group), ask.end(group)).strip(_TRAIL)
    if len(clean(action.text)) < 6:
        return None
    asked, told = _ZH_WHEN.search(action.text), _ZH_WHEN.search(say)
    due = owners.narrowed(
        asked.group(0) if asked else owners.due(action)[1],
        told.group(0) if told else owners.due(later.span)[1],
    )
    draft = ActionDraft(action=clean(action.text), owner=speaker, due=due, quote=action.text)
    return draft, later


# A deed bidden in a chat between two ("And get the physio to look at that calf …", "Enter it,
# deadline's end of the month"): an imperative opening the sentence
_BIDDEN = re.compile(
    r"^(?P<lead>(?:(?:and|also|so|then|ok(?:ay)?|right|pls|please)[,\s]+)*)"
    r"(?:get|send|enter|book|ring|call|email|text|buy|write|sign up|register|ask|check|fix"
    r"|update|sort|post|upload|share|put|order|print|finish|pick|bring|fill|pay|cancel|renew"
    r"|apply|chase)\b",
    re.I,
)
# the other's yes, taking it on: "yep I'll ring them tomorrow", "doing it now 🤞"
_TAKING = re.compile(
    r"^\W*(?:(?:yes|yep|yeah|sure|ok(?:ay)?|will do|on it|done|fine)\b"
    r"|I(?:'ll| will)\s|doing it\b)",
    re.I,
)


def _bidden(doc: Document, unit: Unit) -> tuple[ActionDraft, Unit] | None:
    """ "And get the physio to look at that calf properly …" answered "yep I'll ring them
    tomorrow" in a chat between two: the one who answers owns it, with the due either gives."""
    speaker = unit.line.speaker
    if not speaker or len(doc.speakers) != 2:
        return None
    bids = ((s, _BIDDEN.match(s.text)) for s in unit.span.sentences())
    bid = next(((s, m) for s, m in bids if m), None)
    later = next(iter(doc.after(unit, 1)), None)
    if bid is None or later is None or later.line.speaker in (None, speaker):
        return None
    if not _TAKING.match(later.span.text):
        return None
    action = bid[0].sub(bid[1].end("lead")).strip(_TRAIL)
    whole = owners.due(unit.span)[1] or owners.due(action)[1]
    due = owners.narrowed(whole, owners.due(later.span)[1])
    owner = later.line.speaker
    return ActionDraft(action=clean(action.text), owner=owner, due=due, quote=action.text), later


def _volunteered(doc: Document, unit: Unit) -> tuple[ActionDraft, Unit] | None:
    """ "who can fix X?" answered "me, I'll do it tomorrow" (谁来X？- 我来): the one who
    answers owns X, with the due the answer gives; a question put to whoever answers next is
    owned by the one who says yes to it."""
    ask = owners.VOLUNTEER_ASK.search(unit.span.text)
    if not ask or not unit.line.speaker:
        return _answered_ask(doc, unit) or _bidden(doc, unit)
    for later in doc.after(unit, 2):
        speaker = later.line.speaker
        if speaker and speaker != unit.line.speaker and owners.VOLUNTEER.match(later.span.text):
            group = "a" if ask.group("a") else "z"
            action = unit.span.sub(ask.start(group), ask.end(group)).strip(_TRAIL)
            due = owners.due(later.span)[1]
            return ActionDraft(
                action=clean(action.text), owner=speaker, due=due, quote=action.text
            ), later
    return None


def _link(draft: ActionDraft, unit: Unit, bags: list[set[str]], problems: list[Problem]) -> None:
    if bags:
        words = tokens(f"{unit.span.text} {draft.area or ''}")
        pick = best_match(words, bags, floor=1.0, margin=1.5)
        draft.problem_ids = [problems[pick].id] if pick is not None else []


def _split_action(entry: Entry) -> list[ActionDraft]:
    """One draft per action of a cued line listing several ("Actions: A. B.", "…；…")"""
    body = entry.body
    parts = owners.items(body) if entry.columns is None and entry.title is None else []
    fielded = cues.INLINE_FIELD.search(body.text)  # "Action: X. Owner: Y. Due: Z" is one
    if len(parts) > 1 and not fielded and (entry.cued or re.search(r"[；;]", body.text)):
        return [d for part in parts for d in _from_span(entry, part)]
    content = entry.unit.content
    if entry.title is not None and entry.columns is None and re.search(r"[；;]", content.text):
        # "急诊留观:电路改造由赵建国负责,6月15日前完成;改完以后药剂科牵头装柜,6月底前上线": a
        # topic, then its deeds, each with its own doer or date
        deeds = [d for part in owners.items(content) for d in _from_span(entry, part)]
        if len(deeds) > 1 and all(d.owner or d.due for d in deeds):
            return deeds
    several = _ALSO.search(body.text) or owners.NEXT_DEED.search(body.text) or CJK.search(body.text)
    if entry.columns is None and entry.title is None and not fielded and several:
        deeds = _from_span(entry, body)  # "Ruth will call X and Sandeep will put Y, both by Z"
        if len(deeds) > 1:
            return deeds
    draft = _action(entry)
    return [draft] if draft else []


_SKIP_SECTIONS = frozenset({"process", "followups", "timeline"})
_ITEM_KINDS = frozenset(
    {"goal", "result", "highlight", "problem", "cause", "lesson", "action", "owner", "due"}
)


# what a commitment needs to say ("I'll", "can you", "@ana", "Joe to/will", "我来", "你来",
# "负责"), checked before a finding's turn is read again for one
_MAY_COMMIT = re.compile(
    r"\bI(?:'ll| will)\b|\b(?:can|could|would|will) you\b|@\w|\b[A-Z][a-z]+ (?:to|will)\b"
    r"|\b[Ss]ome(?:one|body) (?:also )?(?:needs? to|has to|should|must)\b"
    # "Gwen does X and Sam rechecks Y, both before Z": deeds handed out with the day they share
    r"|\b(?i:both|all) (?i:by|before|due|until)\b"
    r"|我(?:来|会|去|负责)|你来|负责|牵头|能[^?？。]{2,}吗\s*[?？]*$|能不能|能否|"
    + owners.ZH_KIN_SAID.pattern
    + "|"
    + owners.ZH_WHEN_I
    + "|"
    + owners.ZH_DELIVERS
    + "|"
    + owners.YOU_DO
    + "|"
    + owners.ZH_MY_PLAN.pattern
)


def _uncovered(doc: Document) -> list[tuple[Unit, bool]]:
    """Lines no section or label made an item of (prose, chat and transcript turns), each with
    whether it is a bullet under an "【Action】" line or a "后续" heading the sections missed."""
    # a turn of talk whose sentences were read as findings may still commit someone
    kinds = {
        id(e.unit): e.kind
        for e in entries(doc)
        if not (e.prose and _MAY_COMMIT.search(e.unit.span.text))
    }
    out: list[tuple[Unit, bool]] = []
    for s in doc.sections:
        if s.kind in _SKIP_SECTIONS:
            continue
        title = clean(s.title)
        listed = bool(owners.ACTION_HEAD.fullmatch(title) or owners.ACTION_NAMED.search(title))
        run = listed
        head: int | None = None  # the depth of a bulleted "* Actions" whose items sit deeper
        turn: tuple[str, str | None] | None = None  # the chat message an "actions:" line opened
        for n, u in enumerate(s.units):
            text = clean(u.span.text)
            if owners.ACTION_HEAD.fullmatch(text) or (
                not u.bullet
                and len(text) <= 40
                and owners.ACTION_NAMED.search(text)
                and not re.search(r"[.。;；,，]", text)
            ):  # a line standing for a heading: "【Action】", "Next time / actions"
                after = s.units[n + 1] if n + 1 < len(s.units) else None
                nested = u.bullet and after is not None and after.depth > u.depth
                run, head = True, (u.depth if nested else None)
                turn = (u.line.speaker, u.line.timestamp) if u.line.speaker else None
                continue
            said = (u.line.speaker, u.line.timestamp) == turn  # "actions:" then its lines
            if (
                (turn is not None and not said)
                or (not u.bullet and not said)
                or (head is not None and u.depth <= head)
            ):
                run, head, turn = listed, None, None  # "* Q from Lucy: …" after the actions
            kind = kinds.get(id(u))
            if u.cells is not None or kind in ("action", "owner", "due", "detail"):
                continue
            if run and (u.bullet or said):  # the sections took it for a goal or a problem
                out.append((u, True))
            elif kind not in _ITEM_KINDS:
                out.append((u, False))
    return out


# "@Tomasz …", "Kwame - …", "Ines to …", "Lena: WebView fallback …": a task handed to a name;
# "Mia: on leave next week" says where someone is, not what they will do
_HANDED = re.compile(
    r"\s*(?:@\w|[^\s:：]{1,20}(?: [^\s:：]{1,20})?\s*(?:--?|—|–|->|→)\s"
    r"|[A-Z][a-z]+ (?:to|will)\s"
    r"|[A-Z][a-z]+(?:\s*(?:\+|&|/| and )\s*[A-Z][a-z]+)*:\s*"
    r"(?!(?i:on|off|out|away|at|in|back|sick|ooo|is|was|has|had)\b)[a-zA-Z0-9])"
)


# a task named only by pointing back at the sentence before it
_THAT = re.compile(
    r"(?:own|take|handle|do|pick up|look into|grab|drive|run with)\s+(?:that|this|it)"
    r"(?: one)?\s*[?.!]*",
    re.I,
)


_MINE = re.compile(r"\s*(?:me|myself|我|我自己)\s*[:：\-—–>]+\s*", re.I)
_MINE_ARROW = re.compile(r"\s*(?:me|myself|我|我自己)\s*(?:->|→)\s*", re.I)


# A comment copied into notes: "评论 韩磊:@林嘉怡 …", "Dana: @sam can you …": who, then whom
_SAID_TO = re.compile(
    r"^\s*(?:评论|回复)?\s*(?P<n>[^\s:：@]{2,16}(?: [^\s:：@]{2,16})?)\s*[:：]\s*(?=@)"
)


def _talk_actions(unit: Unit, listed: bool, personal: bool = False) -> list[ActionDraft]:
    """Actions in a line of prose or talk: after an "actions:" cue, or a commitment; in a
    personal review, also a bare to-do with a due ("book the resit before registration
    closes"), the writer's own."""
    span = unit.span
    speaker = unit.line.speaker
    said_to = _SAID_TO.match(span.text) if speaker is None else None
    if said_to and owners.plausible(said_to["n"]):  # "评论 韩磊:@林嘉怡 这个下周三前给我"
        span, speaker = span.sub(said_to.end()), said_to["n"]
    if listed:
        mine = _MINE.match(span.text)
        if mine and speaker:  # "me: postmortem doc Tuesday" under the writer's "actions:"
            return _draft(span.sub(mine.end()).strip(), speaker) or []
        found = owners.commitment(span, speaker) or owners.lead(span)
        return _draft(*found) or []
    cue = owners.ACTION_LEAD.search(span.text)
    out: list[ActionDraft] = []
    if cue:
        for part in owners.items(span.sub(cue.end())):
            action, owner = owners.commitment(part, speaker) or owners.lead(part)
            out.extend(_draft(action, owner) or [])
        return out
    parts = [piece for part in owners.items(span) for piece in owners.own_deed_after(part, speaker)]
    for i, part in enumerate(parts):
        said = owners.commitment(part, speaker)
        if said and i and _THAT.fullmatch(said[0].text):  # "can we push X? Dev can you own that?"
            said = (parts[i - 1].strip(_TRAIL), said[1])
        mine = _MINE_ARROW.match(part.text) if speaker and len(parts) > 1 else None
        if mine:  # "…, Ellie -> refunds today, me -> reply to the reviews tonight"
            said = (part.sub(mine.end()).strip(), speaker)
        if not said and (deeds := _deeds_told(part)):
            out.extend(deeds)  # "And the DVDs, Gwen does X and Sam rechecks Y, both before Z"
            continue
        if not said and _HANDED.match(part.text) and owners.due(part)[1]:
            # "@Tomasz quarantine the flaky tests by next Wed", "Kwame - tune the alert, EOW": a
            # name handed a task with a date, on a card or a line of its own
            action, owner = owners.lead(part)
            said = (action, owner) if owner else None
        to_do = personal and unit.bullet and _TO_DO.match(part.text)
        if not said and to_do and owners.due(part)[1]:
            said = (part, None)
        if said:
            out.extend(_draft(said[0], said[1]) or [])
    return out


# A bullet opening on the deed: "book the resit …", "ask Linguaset for …", "set up backups …"
_TO_DO = re.compile(
    r"\s*(?:ask|book|buy|call|email|send|set up|sort out|write|fix|finish|start|stop|plan"
    r"|schedule|register|sign up|apply|renew|update|cancel|move|hire|get|try|raise|cut|drop"
    r"|block|chase|invoice|quote|redo|rewrite|review|back up|find|pick|join|learn|practi[cs]e)\b",
    re.I,
)


# "Sam asked if branches can keep the cheat sheets": a question told, not a deed
_ASKED_IF = re.compile(r"^\s*(?:[A-Z][a-z]+|someone|they|we)\s+asked\s+(?:if|whether)\b")


def _draft(span: Span, owner: str | None) -> list[ActionDraft] | None:
    if _ASKED_IF.match(span.text):
        return None
    parts = span.split(_ALSO)
    if len(parts) > 1 and all(len(p.text) >= 8 for p in parts):  # "do X, and also Y"
        return [d for p in parts for d in _draft(p, owner) or []]
    parts = span.split(owners.NEXT_DEED)
    if len(parts) > 1 and all(len(p.text) >= 8 for p in parts):
        return _deeds(parts, owner)
    deeds = _zh_deeds(span, owner)
    if len(deeds) > 1:
        return [d for part, who in deeds for d in _draft(part, who) or []]
    fields = parse_action(span)
    action, due = owners.due(fields.action)
    named = owner or fields.owner
    if named and due and len(clean(action.text).split()) == 1 and not CJK.search(action.text):
        action = fields.action  # "Ellie -> refunds today": the day is half of what it says
    if len(action.text) < 4 or not clean(action.text):
        return None
    owner = owner or fields.owner
    mine = _ZH_MY_DEED.search(span.text)  # "王阿姨那单我亲自打电话": the writer's, not 王阿姨's
    if not owner and not mine:
        action, owner = owners.lead(action)
    if not owner and CJK.search(span.text) and not mine:
        owner = owners.zh_owner(span.text, None)
    owner = owner or owners.named_after(span.text)  # "Helen agreed, and Sam will reprint …"
    owner = owners.antecedent(owner, span)  # "She will send the claim": the one named before
    return [
        ActionDraft(
            action=clean(action.text),
            owner=owner,
            due=fields.due or due,
            quote=action.text,
        )
    ]


def _deeds(parts: list[Span], owner: str | None) -> list[ActionDraft]:
    """One draft per person's deed of a line; a day said once for all of them at its end
    (", both before sprint review") is each one's."""
    last = parts[-1]
    shared = owners.BOTH_DUE.search(last.text)
    if shared:
        parts[-1] = last.sub(0, shared.start())
    drafts = [*(_draft(parts[0], owner) or [])]
    drafts += [d for p in parts[1:] for d in _draft(p, None) or []]
    if shared:
        when = owners.due(last.sub(shared.end()))[1]
        for draft in drafts:
            draft.due = draft.due or when
    return drafts


_ZH_CLAUSE = re.compile(r"[,，]")
# a clause of the writer's own deed after another's: "…,我今晚先把卡充上", "…,纸质登记表模板我来做"
# "我和刘会计一起出方案": the writer and the one named, together
_ZH_WITH_ME = re.compile(r"(?<!由)我(?:和|跟|与)(?P<o>[^,，。、和跟与我]{2,5}?)一起")


def _with_me(draft: ActionDraft, me: str | None) -> None:
    """The owners of a deed the writer or speaker does with someone named: both."""
    with_me = _ZH_WITH_ME.search(draft.quote or draft.action) if me and not draft.owner else None
    if with_me and (other := owners.person(with_me["o"])):
        draft.owner = f"{me}、{other}"


_ZH_MY_DEED = re.compile(
    r"(?<!由)我(?:来|去|亲自|自己|当天|今天|今晚|明天|马上|回头|晚点|下周|这周|月底|负责|先|再)"
)
_ZH_ALSO = re.compile(r"也(?!就是)|还要|顺便")


def _zh_deeds(span: Span, owner: str | None) -> list[tuple[Span, str | None]]:
    """A Chinese action line cut where a later clause is a deed of its own: the writer's after
    one its words give someone else ("由何静负责把物联网卡续费改成自动续费,我今晚先把卡充上": 我 is
    left for the speaker or writer), or the same person's again by another day ("今天下班前把3号库
    的冷凝器洗了,其他几个库的周五前也洗一遍"). A clause that only says who or when stays, and so
    does the writer's deed after a reply or a remark ("好,这个我去跟校长说")."""
    if not CJK.search(span.text):
        return []
    clauses = span.pieces(_ZH_CLAUSE)
    cuts: list[tuple[int, str | None]] = []
    for i, clause in enumerate(clauses[1:], 1):
        text = clause.text
        if len(CJK.findall(text)) < 6:
            continue
        head = span.sub(0, clause.start - span.start)
        if cuts and cuts[-1][1] is None:
            break
        # "由何静负责…,我今晚先把卡充上": a deed the words give someone else, before the writer's
        named = owners.zh_owner(head.text, None)
        if named and _ZH_MY_DEED.search(text) and "我" not in head.text:
            cuts.append((i, None))
        elif owner and _ZH_ALSO.search(text) and owners.due(clause)[1] and owners.due(head)[1]:
            cuts.append((i, owner))
    if not cuts:
        return []
    bounds = [(0, owner), *cuts]
    out = []
    for (at, who), (end, _w) in zip(bounds, [*bounds[1:], (len(clauses), None)], strict=True):
        first, last = clauses[at], clauses[end - 1]
        out.append((span.sub(first.start - span.start, last.end - span.start), who))
    return out


def _deeds_told(span: Span) -> list[ActionDraft]:
    """The deeds of a line of talk that hands one to each of several people, the words before
    the first name ("And the DVDs,") left out; none unless each piece names its doer."""
    parts = span.split(owners.NEXT_DEED)
    if len(parts) < 2:
        return []
    first = parts[0]
    lead = first.text.rfind(", ")
    parts[0] = first.sub(lead + 1).strip() if lead >= 0 else first
    if not all(owners.lead(p)[1] for p in parts) or min(len(p.text) for p in parts) < 8:
        return []
    return _deeds(parts, None)


def _from_span(entry: Entry, span: Span) -> list[ActionDraft]:
    found = owners.commitment(span, entry.unit.line.speaker)
    drafts = _draft(*(found or (span, None))) or []
    for draft in drafts:
        draft.horizon = entry.horizon
    return drafts


_COL_ACTION = re.compile(r"措施|行动|改进项|事项|任务|action|item|task|what", re.I)
_COL_OWNER = re.compile(r"负责人|责任人|负责|^谁$|谁来|谁做|owner|who|assignee|dri", re.I)
_COL_DUE = re.compile(
    r"截止|完成时限|时限|时间|日期|什么时候|啥时候|几时|due|deadline|when|eta|date", re.I
)


def _column(columns: dict[str, Span], pattern: re.Pattern[str]) -> Span | None:
    return next((span for name, span in columns.items() if pattern.search(name)), None)


def _table_action(entry: Entry) -> ActionDraft | None:
    """A row of "| 措施 | 负责人 | 截止 |" or "| Action | Owner | Due |"."""
    cols = entry.columns or {}
    action = _column(cols, _COL_ACTION) or next(iter(cols.values()), None)
    if action is None or not clean(action.text):
        return None
    owner, due = _column(cols, _COL_OWNER), _column(cols, _COL_DUE)
    return ActionDraft(
        action=clean(action.text),
        owner=clean(owner.text) or None if owner else None,
        due=clean(due.text) or None if due else None,
        horizon=entry.horizon,
        quote=action.text,
    )


def _action(entry: Entry) -> ActionDraft | None:
    if entry.columns is not None:
        return _table_action(entry)
    owner = None
    title = entry.title
    label = clean(title.text) if title else None
    field = cues.INLINE_FIELD.search(entry.unit.span.text) if title else None
    if (
        title is not None
        and label
        and field
        and field.start("label") > 0
        and title.end >= entry.unit.span.start + field.end("label")
    ):
        label, entry_body = None, entry.unit.span  # "出原型,负责人:产品经理": the label is a field
    else:
        entry_body = entry.body
    if label and _TAG_LABEL.fullmatch(label):  # "AI: …", "TODO(ana): …", "另外: …" name no topic
        label, entry_body = None, entry.unit.span
        title = None
    named = entry.unit.label_kind() is None and owners.is_person(label or "")
    if label and (cues.ORG_OWNER.match(label) or named):
        owner, fields = label.lstrip("@"), parse_action(entry.unit.content)  # "营销部: 召开…"
        # "Insurance: Jas will ring the broker": the one who will do it, not the topic
        doer = fields.owner if cues.NAME_COMMITS.match(entry.unit.content.text) else None
        owner = owners.addressed(entry.unit.content.text) or doer or owner
    elif title is not None and label:
        fields = parse_action(entry.unit.content)  # "**Circuit breakers**: Adding …"
        fields.due = fields.due or owners.due(fields.action)[1]
        fields.action = title.strip()
        who = owners.owner_and_due(entry.unit.content.text)  # "补上CDN回源:阿凯,5/15前"
        if who and not fields.owner:
            fields.owner, fields.due = who[0], fields.due or who[1]
    elif (
        entry.unit.label is not None
        and (to := owners.handed_to(entry.unit.span))
        and to[0].text == entry.unit.label_text
    ):
        fields = _Fields(to[0])  # "rev B bootloader: @jbrandt + @dmitri-k, by the 12th"
        fields.owner, fields.due = to[1], to[2]
    else:
        fields = parse_action(entry_body)
    if not fields.action or len(fields.action.text) < 2 or not clean(fields.action.text):
        return None
    sentences = fields.action.sentences()
    if len(sentences) > 1 and len(sentences[0].text) >= 8:
        # "Start incidents earlier. We should declare …": the first sentence is the action,
        # unless a later one hands it to someone ("Approval moves into RotaFlow. Jo to brief …")
        first = sentences[0]
        handed = next(
            (s.strip() for s in sentences[1:] if cues.NAME_COMMITS.match(s.strip().text)), None
        )
        committed = cues.NAME_COMMITS.match(first.text) or cues.FIRST_PERSON_COMMIT.search(
            first.text
        )
        fields.action = handed if handed and not fields.owner and not committed else first
    body = entry.body
    line = entry.unit.line
    owner = owner or fields.owner
    given = owners.handed_to(fields.action)
    if given is not None and (not owner or owner in given[1]):
        fields.action, owner, when = given  # "Workplace certificates → Priya + Tom, next week"
        fields.due = fields.due or when
    if not owner:
        fields.action, owner = owners.lead(fields.action)
    if not owner:
        said = owners.commitment(fields.action, line.speaker)
        if said and said[1]:
            fields.action, owner = said
    if not fields.due:
        fields.action, fields.due = owners.due(fields.action)
    if not owner and (after := owners.owner_after(fields.action)) is not None:
        fields.action, owner, when = after  # "Audit the printers: Mark Ellis, within two weeks"
        fields.due = fields.due or when
    if not fields.due and fields.action.line is entry.unit.span.line:
        rest = entry.unit.span.line.text[fields.action.end : entry.unit.span.end]
        fields.due = owners.later_due(rest)  # "I'll chase X. Worth a go, by the 12th."
    if not owner and (tail := owners.trailing_name(fields.action)) is not None:
        fields.action, owner = tail  # "Passport name change form, Hannah (by the 24th)"
    label_name = entry.unit.label_text if entry.unit.label is not None else ""
    if (
        not owner
        and title is None
        and entry.unit.label_kind() is None
        and owners.is_person(label_name)
    ):
        owner = label_name.lstrip("@")  # "- [ ] Mei + Joao: steps into the runbook, EOW"
    if not owner and re.search(r"[\u4e00-\u9fff]", body.text):
        loose = title is None  # "精进技能: 激发潜能(…)" under a topic title names nobody
        owner = owners.zh_owner(entry.unit.span.text, line.speaker, loose=loose)
    owner = owner or owners.said(entry.unit.span.text) or owners.named_after(entry.unit.span.text)
    if not owner and line.speaker and cues.FIRST_PERSON_COMMIT.search(body.text):
        owner = line.speaker
    lead = cues.FIRST_PERSON_LEAD.match(fields.action.text)
    if lead and lead.end() < len(fields.action.text):
        fields.action = fields.action.sub(lead.end()).strip(_TRAIL)  # "I'll add jitter…"
    if not clean(fields.action.text):
        return None  # "I'll ... tomorrow": once its speaker and due are read, nothing is left
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
