"""Turn a parsed document into typed entries: what each unit is (goal, cause, owner…) and why.

A unit's kind comes from an inline cue label ("原因:", "Owner:") when it has one, else from its
section's kind; sections about process or background yield only labelled or cued units, and
process sections ("转型之路", "Strategy") yield nothing, because their "行动:" are past deeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retro_ai.schema import Horizon
from retro_ai.stages.offline import cues, owners, prose, values
from retro_ai.stages.offline.sections import Document, Section, both_ways, classify
from retro_ai.stages.offline.text import Span, clean
from retro_ai.stages.offline.units import Unit

SECTION_ITEM = {
    "goals": "goal",
    "results": "result",
    "highlights": "highlight",
    "problems": "problem",
    "causes": "cause",
    "lessons": "lesson",
    "lessons_keep": "lesson",
    "lessons_improve": "lesson",
    "actions": "action",
    "timeline": "event",
    "followups": "followup",
}
ITEM_LABELS = frozenset(
    {"goal", "result", "highlight", "problem", "cause", "lesson", "suggestion", "action"}
)
FIELD_LABELS = frozenset(
    {"owner", "due", "category", "baseline", "period", "title", "background", "status"}
)

# A point listed under "what went wrong" that its writer says is good after all.
_POSITIVE_ASIDE = re.compile(
    r"\bnot (?:really |actually )?(?:a |an )?(?:problem|issue)\b"
    r"|\b(?:this|that|it) (?:one )?went well"
    r"|pleasantly surprised|(?:turned out|was) (?:fine|great|a good thing)"
    r"|^\s*[(（\[]\s*(?:not all bad|silver lining|good news|upside|a good one)\b"
    # "(one good thing I'll sneak in here: …)", "(not a fire but) the new copy cut tickets"
    r"|^\s*[(（\[]\s*(?:one |a |the )?good thing\b|^\s*[(（\[]\s*not a (?:fire|problem|complaint)\b"
    # "(ok this one's not a complaint) that field is exactly what we needed"
    r"|^\s*[(（\[][^)）\]]{0,24}?\b(?:this|that|it)(?: one)?(?:'s| is) not a (?:complaint|gripe)\b"
    r"|算是?(?:好事|优点|亮点)|不算(?:是)?(?:问题|坏事)|不是(?:什么)?(?:问题|坏事)|反而是?好事"
    r"|不(?:全|完全)是坏事"
    # "说个好的:…", "Good news: …" opening a point among the problems
    r"|^\s*(?:说(?:个|点|一个)好的|也有好的|好消息是?|(?:one |the )?good news|on the bright side)"
    r"\s*[:：,，]",
    re.IGNORECASE,
)
_GOOD_NEWS = re.compile(r"说(?:个|点|一个)好的|也有好的|好消息是?|(?:one |the )?good news", re.I)
# A point that says it was luck from its first words ("运气好的是公司楼下新开了家健身房",
# "luckily the rain held off"), whatever list it sits in: a lucky highlight.
_LUCK_LEAD = re.compile(
    r"^\W*(?:(?:还有|也)?(?:运气好的?是|幸好|幸亏|好在|侥幸的是)|luckily|(?:we )?got lucky)", re.I
)


_JUDGED = frozenset({"highlight", "problem", "lesson"})
# a minute-taker's note of who spoke: "老马插话", "小林补充", "Dana adds"
_SPEAKS = re.compile(
    r"[\u4e00-\u9fff]{1,4}(?:插话|插了一句|插一句|补充|补充说|提到|指出)"
    r"|[A-Z][a-z]+ (?:adds|added|chimed in)"
)
_QUESTION = re.compile(r"[?？]\s*$")
# The words that make a sentence ask rather than state ("交接还没做?" still states a problem).
_ASKING = re.compile(
    r"为什么|为啥|怎么|要不要|是不是|能不能|有没有|是否|谁|哪|[吗呢][?？]"
    r"|^(?:why|how|what|who|when|where|which|should|shall|do|does|did|can|could|is|are|will"
    r"|would)\b",
    re.IGNORECASE,
)


def _asks(span: Span) -> bool:
    """Whether a whole item is one question: an open question, not a finding."""
    text = span.text.strip()
    one = len(span.sentences()) == 1
    return one and bool(_QUESTION.search(text)) and bool(_ASKING.search(text))


# A board's column of what to improve ("待改进", "To improve") holds what went badly unless a
# card says what to do; "What we'd do differently" holds what to do.
_IMPROVE_BOARD = re.compile(r"待改进|需改进|\bto improve\b", re.I)


def _states_a_problem(text: str, board: bool = False) -> bool:
    """Whether a point under an "improve" heading says what went badly rather than what to do:
    by a complaint's words, or on a board's column by saying nothing of what to do."""
    if cues.LESSON_PHRASE.search(text):
        return False
    said = prose.kind_of(text)
    return said == "problem" or (board and said is None)


# the points of a paragraph that counts them out: "一是…;二是…", "…; …", "首先…,其次…"
_POINTS = re.compile(
    r"[;；。]\s*|(?:^|[,，])\s*(?:[一二三四五六七八九]是|首先|其次|另外|最后)[,，:：]?"
)


@dataclass(slots=True)
class Entry:
    """A unit with the kind of item it yields and the text to build that item from."""

    section: Section
    unit: Unit
    kind: str
    body: Span
    title: Span | None = None
    group: str | None = None
    cued: bool = False
    columns: dict[str, Span] | None = None  # a table row, keyed by its header cells
    prose: bool = False  # one sentence of a paragraph, classified by its words (offline.prose)

    @property
    def horizon(self) -> Horizon | None:
        for text in (self.group or "", self.section.title):
            for name, pattern in cues.HORIZON:
                if pattern.search(text):
                    return name
        return self.section.horizon


_TARGET_ARROW = re.compile(r"\S\s*(?:→|->|=>)\s*\S")


def entries(doc: Document) -> list[Entry]:
    """All entries of a document, in order; computed once per parsed document."""
    if doc.entries is None:
        out: list[Entry] = []
        for section in doc.sections:
            out.extend(_section_entries(section, transcript=doc.source.type == "transcript"))
        doc.entries = out
    return doc.entries


def _section_entries(section: Section, transcript: bool) -> list[Entry]:
    if section.kind in ("process", "questions"):
        return []  # a stage of a journey is read by offline.extract_phases; a parking lot left open
    base = SECTION_ITEM.get(section.kind)
    group: str | None = section.group
    group_kind: str | None = None
    grouped_by: str | None = None  # in chat, who sent the group label ("7. 待办:")
    has_bold = any(u.bold_only and u.bullet for u in section.units)
    has_bullets = any(u.bullet and not u.star_item for u in section.units)
    top_depth = min((u.depth for u in section.units if u.bullet), default=0)
    out: list[Entry] = []
    header: list[str] | None = None
    previous: Unit | None = None
    task_depth: int | None = None  # the depth of the open task whose steps may follow
    lead: tuple[str | None, str] | None = None  # who said "ok the bad:" in chat, and its kind
    asked: str | None = None  # the kind a chat question asks everyone to list
    nested: int | None = None  # the depth of the group label when its items sit deeper
    decided = False  # after "会议定了下面几件事。": each "二是…" paragraph is work handed out
    assigning = False  # after "接下来分工如下。": each paragraph naming its doer is work
    for n, unit in enumerate(section.units):
        if decided and not unit.bullet and _DECISION_ITEM.match(unit.content.text):
            out.append(Entry(section, unit, "action", unit.content, group=group, cued=True))
            continue
        if assigning and not unit.bullet and unit.label is None:
            doer = owners.zh_owner(unit.content.text, None, loose=False)
            if doer or owners.planned(unit.content.text):
                out.append(Entry(section, unit, "action", unit.content, group=group, cued=True))
                continue
        decided = "定" in unit.content.text and bool(_DECIDES.search(unit.content.text))
        assigning = assigning or _ASSIGNS.search(unit.content.text) is not None
        if group_kind and nested is not None and (not unit.bullet or unit.depth <= nested):
            group_kind, group, nested = None, section.group, None  # "* Actions" after "* Lessons:"
        if transcript:
            if group_kind and unit.line.speaker != grouped_by:
                group_kind, group, nested = None, section.group, None  # another voice
            if lead and unit.line.speaker != lead[0] and not _ADDS.match(unit.line.text):
                lead = None  # another voice: the list is over, unless it adds "+ …" to it
            if asked and not (unit.bullet or _LIST_OPENS.match(unit.span.text)):
                asked = None  # the replies listing what to change are over
            if _may_ask_what_changes(unit.span.text) and _ASKS_WHAT_CHANGES.search(unit.span.text):
                asked = "lesson"  # "So for next year, what do we do different" then "- …" replies
                continue
            then = section.units[n + 1] if n + 1 < len(section.units) else None
            listing = (
                not unit.bullet
                and then is not None
                and then.line.speaker == unit.line.speaker
                and (then.bullet or bool(_LIST_OPENS.match(then.span.text)))
            )
            said = _chat_lead(unit.span.text, listing)
            if said:
                lead = (unit.line.speaker, said)
                continue
        if unit.cells is not None and base is None:
            if previous is None or previous.cells is None:
                header = [clean(c.text).lower() for c in unit.cells]
            previous = unit
            if header and cues.target_and_actual(header):
                # "| 指标 | 目标 | 实际 | 备注 |": the row's goal and result are read with the
                # goals; only a remark ("薅完就退群的太多") may state a finding
                for name, cell in zip(header[1:], unit.cells[1:], strict=False):
                    if cues.TARGET_COLUMN.search(name) or cues.ACTUAL_COLUMN.search(name):
                        continue
                    for kind, body in prose.read(cell.strip(), section.kind):
                        found = Entry(section, unit, kind, body, group=group, cued=True, prose=True)
                        out.append(found)
                continue
        if unit.cells is not None and base and base != "event":
            if previous is None or previous.cells is None:
                header = [clean(c.text).lower() for c in unit.cells]
            elif header:
                cols = dict(zip(header, unit.cells, strict=False))
                # a "| 指标 | 目标 | 实际 |" row states a goal and its result at once
                for kind in ("goal", "result") if base in ("goal", "result") else (base,):
                    out.append(Entry(section, unit, kind, unit.span, group=group, columns=cols))
            previous = unit
            continue
        previous = unit
        lk = unit.label_kind()
        if unit.is_group and has_bold:
            continue
        after = section.units[n + 1] if n + 1 < len(section.units) else None
        deeper = after is not None and after.bullet and after.depth > unit.depth
        if unit.is_group:
            if lk in ITEM_LABELS:
                group_kind, group = lk, section.group
                grouped_by = unit.line.speaker
                nested = unit.depth if deeper else None
            else:
                group_kind, group = None, unit.label_text
            continue
        named = SECTION_ITEM.get(classify(unit.span.text) or "") if deeper else None
        if named and unit.label is None and len(clean(unit.content.text)) <= 24:
            group_kind, group, nested = named, section.group, unit.depth  # "* Actions" over items
            continue
        if base and base != "event" and has_bold and not unit.bold_only:
            out.append(Entry(section, unit, "detail", unit.content, group=group))
            continue
        if base and unit.bullet and unit.depth > top_depth and not unit.star_item:
            out.append(Entry(section, unit, "detail", unit.content, group=group))
            continue
        if base == "followup" and lk not in FIELD_LABELS:
            pass  # under "Previous action items" every item (checked, labelled) is a follow-up
        elif lk in ITEM_LABELS or lk in FIELD_LABELS:
            kind = lk
            if lk == "suggestion":
                kind = "action" if base == "action" else "lesson"
            if lk == "goal" and base == "result":
                kind = "result"  # "目标达成情况" bullets labelled 目标 are results
            body = unit.content
            if kind == "action" and unit.label_text.lower().startswith("stop"):
                body = unit.span  # "Stop: merging on Fridays" means the opposite without its label
            if kind in ("highlight", "problem") and len(body.sentences()) > 1:
                # "Good stuff: Kofi's IT move was flawless. We were also lucky the lease ran
                # on.": each sentence read, the uncued ones the label's kind
                for said, piece in prose.read(body, "other", kind):
                    out.append(
                        Entry(section, unit, said, piece, group=group, cued=True, prose=True)
                    )
                continue
            if kind == "lesson" and _MANY_LESSONS.fullmatch(clean(unit.label_text)):
                # "Takeaways: migrations ship alone. p99 alerts get a 3-min window.": several
                for piece in body.pieces(_RUN_IN_SEP):
                    if len(clean(piece.text)) >= 4:
                        out.append(Entry(section, unit, kind, piece, group=group, cued=True))
                continue
            out.append(Entry(section, unit, kind, body, group=group, cued=True))
            continue
        if out and unit.label and _ANOTHER.fullmatch(unit.label_text):
            # "takeaway — …" then "another one: …": one more of the same kind unless its words
            # say another ("还有一个:…纯属侥幸"), and never a title
            kind = prose.kind_of(unit.content.text) or out[-1].kind
            out.append(Entry(section, unit, kind, unit.content, group=group, cued=True))
            continue
        run_in = _run_in(unit)
        announced = run_in is not None and _points(unit.label_text)
        # "最值钱的几条是:" under what went badly still lists lessons
        if run_in and (base in (None, run_in) or announced):
            # "What I'm taking from all this: A. B.", "几点体会:A;B": each one an item; under a
            # heading of another kind the head is an item's title ("…的亮点: …" in 经验)
            for piece in unit.content.pieces(_RUN_IN_SEP):
                if len(clean(piece.text)) >= 4:
                    out.append(Entry(section, unit, run_in, piece, group=group, cued=True))
            continue
        if task_depth is not None and unit.depth <= task_depth and not unit.checkbox:
            task_depth = None
        if unit.checkbox and base != "followup":
            if task_depth is not None and unit.depth > task_depth:
                continue  # "☐ Delta Dental" under "☐ Change address w/ insurance networks"
            task_depth = unit.depth
            out.append(Entry(section, unit, "action", unit.content, group=group, cued=True))
            continue
        implied = group_kind or base
        if implied in _JUDGED and section.paragraph and len(unit.span.sentences()) > 1:
            # "What didn't" over a paragraph: each sentence is read, the uncued ones its kind
            for kind, body in prose.read(unit.span, "other", implied):
                out.append(Entry(section, unit, kind, body, group=group, cued=True, prose=True))
            continue
        if implied:
            if unit.intro and implied != "cause":
                implied = "intro"
            elif (
                has_bullets
                and not unit.bullet
                and implied not in ("lesson", "cause", "event")
                and not (transcript and group_kind)  # "待办:" in a message, then one per line
                # "Go live by Fri 1 May → live Wed 6 May": a target and how it went, one a line
                and not (implied in ("goal", "result") and _TARGET_ARROW.search(unit.span.text))
            ):
                # prose between bullets explains them; it is not an item, unless it hands out
                # work of its own under the actions ("I'll write up the results tomorrow.")
                taken_on = [s for s in unit.span.sentences() if _own_commitment(s)]
                if implied == "action" and taken_on:
                    for one in taken_on:
                        out.append(Entry(section, unit, "action", one.strip(), group=group))
                    continue
                named = SECTION_ITEM.get(classify(unit.label_text) or "") if unit.label else None
                if named in _JUDGED and named != implied:
                    # "经验就两条:一是…;二是…" after the actions: its label says what follows
                    for part in unit.content.split(_POINTS):
                        if len(clean(part.text)) >= 4:
                            out.append(Entry(section, unit, named, part.strip(), group=group))
                    continue
                implied = "detail"
            elif implied == "action" and not unit.bullet and len(unit.span.sentences()) > 1:
                # a narrative paragraph under "Moving forward" is no action, but its sentences
                # that commit someone are: "I'll get GoCardless set up this month."
                planned = [s for s in unit.span.sentences() if _planned(s)]
                for sentence in planned:
                    out.append(Entry(section, unit, "action", sentence.strip(), group=group))
                if planned:
                    continue
                implied = "detail"
            if implied == "problem" and (
                _POSITIVE_ASIDE.search(unit.span.text)
                or prose.kind_of(unit.span.text) == "highlight"
            ):
                implied = "highlight"  # "…, not a problem at all", "one upside in there: …"
            if implied in ("problem", "lesson", "cause") and _LUCK_LEAD.match(unit.span.text):
                implied = "highlight"
            if implied in _JUDGED and _asks(unit.span):
                continue  # "为什么每次都要通宵?" under 待改进 is an open question, not a finding
            if section.kind == "lessons_improve" and _states_a_problem(
                unit.span.text, _IMPROVE_BOARD.search(section.title) is not None
            ):
                implied = "problem"  # 待改进 / "to improve" boards list what went badly
            if implied == "lesson" and _HANDED_OVER.search(unit.span.text):
                implied = "action"  # "限流阈值重新算一遍,小林负责,下周五前" among lessons
            title = unit.label if unit.label and unit.content else None
            # "老马插话: …", "说个好的: …" say who spoke or how it went; the rest is the item
            label = clean(title.text) if title is not None else ""
            if label and (_SPEAKS.fullmatch(label) or _GOOD_NEWS.fullmatch(label)):
                title = None
            out.append(Entry(section, unit, implied, unit.span, title=title, group=group))
            continue
        read = [
            Entry(section, unit, kind, body, group=group, cued=True, prose=True)
            for kind, body in prose.read(unit.span, section.kind)
        ]
        lent = lead[1] if lead else asked
        if (
            not read
            and lent
            and not _asks(unit.span)
            and not _PLANS.search(unit.span.text)
            and not prose.ACTION.search(unit.span.text)
        ):
            read = [Entry(section, unit, lent, unit.span, group=group, cued=True, prose=True)]
        if read:
            out.extend(read)
            continue
        mid = cues.MIDLINE_CUES.search(unit.span.text)
        if mid:
            cue = mid.group("cue")
            mk = next((k for k, p in cues.MIDLINE_KIND if p.search(cue)), None)
            if mk:
                body = unit.span.sub(mid.end()).strip()
                if body:
                    out.append(Entry(section, unit, mk, body, group=group, cued=True))
                    continue
        if values.RESULT_START.match(unit.span.text):  # "We reached 2.9% against 3.0%"
            out.append(Entry(section, unit, "result", unit.span, group=group, cued=True))
        elif transcript and section.kind == "other":
            out.append(Entry(section, unit, "speech", unit.span, group=group))
    if base is None and not transcript:
        out = _by_neighbours(section, out)
        out = _explained(section, out)
    return _guessed(section, out) if base is None else out


def _guessed(section: Section, out: list[Entry]) -> list[Entry]:
    """Units that neither cue words nor layout classified (talk only heard as talk), read last
    by the learned model: "Refund emails went out twice to 300 people" is a problem with no word
    saying so."""
    if _under_background(section):
        return out
    taken: dict[int, list[Entry]] = {}
    for e in out:
        taken.setdefault(id(e.unit), []).append(e)
    guessed: dict[int, list[Entry]] = {}
    for unit in section.units:
        had = [e for e in taken.get(id(unit), []) if e.kind != "speech"]
        if any(not e.prose for e in had) or unit.cells is not None or unit.intro:
            continue  # a line its layout or a label classified is left as it is
        if _asks(unit.span):
            continue
        found = [
            Entry(section, unit, kind, body, group=section.group, cued=True, prose=True)
            for kind, body in prose.guess(unit.span, section.kind, [(e.kind, e.body) for e in had])
            if not any(e.body.start < body.end and body.start < e.body.end for e in had)
        ]
        if found:
            guessed[id(unit)] = had + found
    if not guessed:
        return out
    kept = [e for e in out if id(e.unit) not in guessed]
    order = {id(u): i for i, u in enumerate(section.units)}
    added = [e for found in guessed.values() for e in found]
    return sorted([*kept, *added], key=lambda e: order.get(id(e.unit), 0))


def _under_background(section: Section) -> bool:
    """Whether the section, or a heading it sits under, sets out the background: context told
    before the story ("1.2 外部机遇与行业趋势" under "一、转型背景") judges nothing unless its words
    say so."""
    at: Section | None = section
    while at is not None:
        if at.kind == "background":
            return True
        at = at.parent
    return False


def _explained(section: Section, out: list[Entry]) -> list[Entry]:
    """A bullet nobody judged whose own sub-bullets say why it happened ("Plans landed at 05:40
    on three mornings" over "- probably because the nightly job runs at 23:00") is a problem."""
    kinds: dict[int, set[str]] = {}
    for e in out:
        kinds.setdefault(id(e.unit), set()).add(e.kind)
    units = section.units
    added: list[Entry] = []
    for n, unit in enumerate(units):
        if not unit.bullet or id(unit) in kinds or _asks(unit.span):
            continue
        children = []
        for child in units[n + 1 :]:
            if not child.bullet or child.depth <= unit.depth:
                break
            children.append(child)
        if any("cause" in kinds.get(id(c), ()) for c in children):
            added.append(Entry(section, unit, "problem", unit.content, cued=True))
    if not added:
        return out
    order = {id(u): i for i, u in enumerate(units)}
    return sorted([*out, *added], key=lambda e: order.get(id(e.unit), 0))


_NEIGHBOURLY = ("highlight", "problem", "lesson")
# "ok so what I'm taking away:", "things that went wrong, my list": a chat message that only
# announces what its writer lists next
_CHAT_LEAD_DRESS = re.compile(
    r"^(?:[-*•+]\s*)?(?:(?:ok(?:ay)?|so|right|alright|and|now|then|well|also)[,.]?\s+)*"
    r"|(?:,?\s*(?:my|our|the) list|,?\s*in no (?:particular )?order|\s+(?:below|then|first))?"
    r"\s*[.?!:：…]*\s*$",
    re.I,
)
_LEAD_KIND = {"lessons": "lesson", "highlights": "highlight", "problems": "problem"}
# a message in such a list that plans or asks is no finding: "I'll…", "could you…", "@jo …"
_PLANS = re.compile(
    r"\b(?:I|we)(?:'ll|'d| will)\b|\b(?:could|would|will|can) (?:you|we|someone)\b|\blet'?s\b|^@",
    re.I,
)


def _chat_lead(text: str, listing: bool = False) -> str | None:
    """The kind a short chat message announces for the list its writer sends next: it ends on
    a colon, says "list", or is `listing` (the writer's next message opens on "1." or "•")."""
    if len(text) > 60 or not (listing or re.search(r"[:：]\s*$|\blist\b", text)):
        return None
    bare = _AS_I_SEE.sub("", _CHAT_LEAD_DRESS.sub("", text).strip())
    if not bare:
        return None
    kind = _LEAD_KIND.get(classify(bare) or "")
    return kind or ("lesson" if _points(bare) else None)


# A chat question asking everyone what to do differently: the list replies are lessons.
_ASKS_WHAT_CHANGES = re.compile(
    r"\bwhat (?:do|would|should|will) we (?:do |change )?differen(?:t|tly)\b"
    r"|\bwhat (?:would|should|do) we change\b|下次(?:怎么做|要改什么|改什么)|有什么要改的",
    re.I,
)


def _may_ask_what_changes(text: str) -> bool:
    """A cheap look for the words of such a question before the pattern runs."""
    return "ifferen" in text or "change" in text or "下次" in text or "要改" in text


# How an item of a list sent as chat messages opens: "1. count holds…", "• kids' wall…"
_LIST_OPENS = re.compile(r"^\s*(?:\d{1,2}[.)、]\s|[•·▪◦*-]\s|[①-⑩])")
_AS_I_SEE = re.compile(r"\s+(?:as I see (?:them|it)|from me|for me|imo|if you ask me)$", re.I)


# A meeting's decisions announced as a count ("会议定了下面几件事", "会上定了三条"), then one
# paragraph each opening on its place ("二是急救培训,蒋雯联系…").
_DECIDES = re.compile(
    r"(?:会议|会上|今天|这次|本次|最后)(?:商|议|决)?定了?(?:下面|以下|这么)?(?:几|[两三四五六七八九])(?:件事|条|项|点)"
)
# Work handed out in the paragraphs that follow: "接下来分工如下,会上当场确认。"
_ASSIGNS = re.compile(
    r"分工(?:如下|是这样的?)|(?:任务|工作)(?:分配|安排)如下|(?:分一下|分了一下)工"
)


_DECISION_ITEM = re.compile(
    r"^\s*(?:[二三四五六七八九十]是|第[二三四五六七八九十](?:件|条|项|点)?[是,，:：])"
)


# "最值钱的几条是", "学到的三点": the points worth keeping
_WORTH = re.compile(
    r"(?:最值钱|最重要|最关键|值得记住?|学到|体会|收获|教训)的?(?:就是)?(?:几|两|三|四|五)(?:条|点)(?:是|吧)?$"
)
# "我捋几条,大家看对不对:", "总结三点:": the points a retro ends on are its lessons
_SUMS_UP = re.compile(r"(?:捋|总结|归纳|说|记|列|提|讲)(?:一下|了)?(?:几|两|三|四|五|\d)(?:条|点)")


def _points(text: str) -> bool:
    """Whether `text` announces the points a retro ends on: its lessons."""
    return bool(_SUMS_UP.search(text) or _WORTH.search(text))


# A sentence that commits its writer or a named person to something ahead.
_COMMITS = re.compile(
    r"\bI(?:'ll| will| am going to|'m going to)\b|\bI'm (?!not\b)\w+ing\b|\bwe(?:'ll| will)\b"
    r"|\b(?:has|have) (?:said|agreed) (?:she|he|they)(?:'ll| will)\b|\bfrom now on\b"
    r"|我(?:会|要|打算|准备|来)|(?:下周|明天|月底|下个月)(?:前|开始)?(?:就)?(?:把|去|会)",
    re.I,
)


def _own_commitment(sentence: Span) -> bool:
    """ "I'll write up the results tomorrow.": the writer takes work on, in so many words; not a
    reply to an ask ("可以,明天我自己去盯"), which is the ask's own action."""
    text = sentence.text
    return bool(_COMMITS.search(text)) and not _REPLY.match(text) and not _QUESTION.search(text)


_REPLY = re.compile(
    r"^\W*(?:[^:：]{1,8}[:：]\s*)?(?:可以|好的?|行|没问题|收到|ok|okay|sure|yes|yep)\b", re.I
)


def _planned(sentence: Span) -> bool:
    """A sentence that hands someone work: "I'll …", "Ana will fix …", "王阿姨牵头…",
    "小吴这周先做一版…"; in a paragraph under an actions heading, each such one is an action."""
    text = sentence.text
    if _COMMITS.search(text) or _HANDED_OVER.search(text) or _SOON.search(text):
        return True
    if owners.IMPERATIVE.match(text) and owners.due(sentence)[1] is not None:
        return True  # "Finish modules 7 and 8 over the holidays."
    return owners.lead(sentence)[1] is not None


# "小吴这周先做一版积分卡": someone, a time soon, and the deed
_SOON = re.compile(
    r"^[^,，。:：]{1,8}?(?:这周|本周|下周|明天|今晚|月底前?|这个月|下个月)(?:内|前)?(?:先|就|再|会)?"
    r"(?:把|做|出|去|写|排|改|整理|联系|约|拉|定|补|跟)"
)


# A bullet that hands work to someone by a date, whatever list it sits in.
_HANDED_OVER = re.compile(
    r"负责(?!人)|牵头|跟进|(?:周[一二三四五六日天]|月底|月末|\d{1,2}[日号])前"
    r"|\bby (?:mon|tues|wednes|thurs|fri)day\b|\b(?:owner|owns it)\b|\bby (?:eow|eod|eom)\b",
    re.I,
)
_ANOTHER = re.compile(
    r"another(?: one)?|one more|and another|再(?:加)?一(?:条|个|点)|还有一(?:条|个|点)", re.I
)
# A label over several lessons at once, not one: "Takeaways:", "Lessons learned:".
_MANY_LESSONS = re.compile(
    r"(?:key |main |our )?(?:takeaways|lessons(?: learn(?:ed|t))?|learnings)", re.I
)
# "+ fix broken kit the day it breaks": one more item for the list just given, not "+1"
_ADDS = re.compile(r"^\s*\+\s+(?!\d)\S")
_RUN_IN_SEP = re.compile(r"[；;]|(?<=[。!！])|(?<=[.])(?=\s+\S)")
_RUN_IN_KIND = {"lessons": "lesson"}  # a problem's next sentences are often its causes


def _run_in(unit: Unit) -> str | None:
    """The kind a run-in head in the writer's own words names ("What we're taking from it.",
    "几点体会:"), when its body follows on the same line; a report label ("Lesson:") is read
    as one item elsewhere."""
    if unit.label is None or not unit.content or unit.label_kind() is not None:
        return None
    if _points(unit.label_text):
        return "lesson"  # "我觉得最值钱的几条是: A;B;C"
    return _RUN_IN_KIND.get(classify(unit.label_text) or "")


def _by_neighbours(section: Section, out: list[Entry]) -> list[Entry]:
    """Bullets of one list under a heading that names no kind share the kind most of their
    cued siblings have: "- 1:1是最不该被砍的会" between two lessons is a lesson too."""
    runs: list[list[Unit]] = []
    for unit in section.units:
        if unit.bullet and not unit.star_item and unit.cells is None:
            if runs and runs[-1] and runs[-1][-1].depth == unit.depth:
                runs[-1].append(unit)
                continue
            runs.append([unit])
        else:
            runs.append([])
    kinds: dict[int, list[str]] = {}
    for e in out:
        kinds.setdefault(id(e.unit), []).append(e.kind)
    added: dict[int, Entry] = {}
    # a heading in the writer's own words that reads as a judgement ("where it hurt",
    # "下次别再…", "值得表扬一下自己的") says what its list holds
    said = prose.kind_of(section.title) if section.title and not both_ways(section.title) else None
    heading = [said, said] if said in _NEIGHBOURLY else []
    for run in runs:
        if len(run) + len(heading) < 3:
            continue
        votes = heading + [k for u in run for k in kinds.get(id(u), []) if k in _NEIGHBOURLY]
        others = [k for u in run for k in kinds.get(id(u), []) if k not in _NEIGHBOURLY]
        if not votes:
            continue
        top = max(set(votes), key=votes.count)
        n = votes.count(top)
        if n < 2 or n * 2 < len(run) or n < 2 * (len(votes) - n) + 1 or len(others) > n:
            continue
        for u in run:
            if id(u) not in kinds and not _asks(u.span) and not prose.ACTION.search(u.span.text):
                added[id(u)] = Entry(section, u, top, u.span)
    if not added:
        return out
    order = {id(u): i for i, u in enumerate(section.units)}
    return sorted([*out, *added.values()], key=lambda e: order.get(id(e.unit), 0))


def of_kind(docs: list[Document], *kinds: str) -> list[tuple[Document, Entry]]:
    return [(d, e) for d in docs for e in entries(d) if e.kind in kinds]
