"""Goals read back as a list: "what we said going in: A, B, C", "年初给自己定了几件事。第一是…".

Writers seldom put their goals under a "Goals" heading. They announce them in their own words
("Quick reminder of what we told the board.", "I wrote four things on an index card",
"开季前我在群里立了几个flag:") and then list them: after a colon, one per sentence, as numbered
or ordinal items ("1) …", "第二件是…", "Second: …"), or as the bullets below. This module finds
such a list and cuts it into one goal per item, with what the item itself says about how it
went; pairing a goal with a result said later is the stated-goals pass's work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retro_ai.stages.offline import cues
from retro_ai.stages.offline.text import Span
from retro_ai.stages.offline.units import Unit
from retro_ai.verify.numbers import NUMBER_WORDS

_COUNT_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_COUNT_ZH = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_N_EN = r"(?P<n>two|three|four|five|six|seven|\d)"

# The clause that announces the goals: what was said, promised or written down at the start.
ANNOUNCES = re.compile(
    r"\b(?:what|things?|stuff)\s+(?:we|I)(?:'d| had)?\s+(?:said|told|promised"
    r"|set(?: (?:for )?(?:ourselves|myself))?"
    r"|signed up (?:for|to)|agreed|committed to|wrote(?: down)?|planned|came in with"
    r"|went in with|put down)\b"
    r"|\b(?:targets?|goals?|numbers?)\s+(?:we|I)\s+(?:set|agreed|promised|gave|wrote(?: down)?"
    r"|signed up (?:for|to)|committed to)\b"
    # "the plan we signed off in March was: A, B, and C"
    r"|\b(?:plan|brief)\b[^.:;!?]{0,40}?\bwas\s*(?=:)"
    # "The sprint goal as agreed at planning: A, B, and C"
    r"|\b(?:goals?|targets?)\s+as\s+(?:agreed|set|signed off|committed)\b[^.:;]{0,30}(?=:)"
    rf"|\b(?:I|we) (?:wrote(?: down)?|pinned|stuck|taped|put)(?: up)? {_N_EN}"
    r" (?:things|numbers|goals|targets)\b"
    r"|\bcame in (?:with|w/) (?P<n2>two|three|four|five|\d) (?:goals|targets|things)\b"
    r"|\bplan going in was (?:basically |roughly )?(?P<n3>two|three|four|five|\d) things\b"
    r"|\b(?:I|we)(?:'d| had)? set (?:myself |ourselves )?(?P<n4>two|three|four|five|\d)"
    r" (?:targets|goals|things)\b"
    r"|\bwent through the (?:\w+ )?(?:targets|goals)\b"
    # "Targets from the October meeting, and where we landed:" over the list
    r"|^\s*(?:the |our )?(?:targets?|goals?|KPIs?|OKRs?)\b[^.!?:]{0,60}:\s*$"
    # "copy paste from the kickoff slides, our goals were:" over the list
    r"|\b(?:our|the|my)\s+(?:[a-z]+\s+)?(?:goals?|targets?|KPIs?|OKRs?)\s+(?:were|was|are)\s*:\s*$"
    # "targets were 1) 500 signups 2) …": the first item's number right after them
    r"|\b(?:targets?|goals?|KPIs?|OKRs?) (?:were|was|are)\b(?=\s*:?\s*(?:[(（]?1[)）]|①))"
    # "the committee paper back in Feb said: forty crews entered, …"
    r"|\b(?:paper|plan|brief|business case|proposal|pitch|charter|committee|board)\b"
    r"[^.:;]{0,24}?\b(?:said|set out|promised|asked for)(?=\s*:|\s+[^,.;:]{3,40},)"
    r"|(?<!会议)(?<!会上)(?<!今天)(?<!这次)(?<!本次)"  # "会议定了下面几件事" decides work
    r"(?:定|立|报|写|许|说好|约好|列)了?过?[^,，。:：;；]{0,8}?(?P<zh>几|[两三四五六七八九]|一些)\s*"
    r"(?:件事|条|个(?:目标|小目标|数|数字|指标|事)|项(?:目标|指标)?)(?:[\u4e00-\u9fff]{0,6})"
    r"\s*(?=[:：。.,，!！]|$|flag)"
    r"|立了?[^,，。:：;；]{0,4}flag|(?:对|过|回顾|看)一下(?:当初的|之前的)?目标"
    # "目标当时定了四个，一个是…，第二个…": the goals, then how many, then each
    r"|目标[^,，。:：;；]{0,6}?(?:定|立|列)了?(?P<zh2>[两三四五六七八九])个(?=[,，:：])"
    r"|(?:定|说好|约好|承诺)的[^,，。:：;；]{0,6}(?=[:：]|$)"  # "先把年前定的贴一下:①…"
    r"|(?:报|答应|承诺|许)给?[^,，。:：;；]{0,6}?的是?(?=[:：])",  # "当时报给县里的是:…"
    re.I,
)
# A word each announcement holds, looked for before the pattern itself.
_WORDS = (
    "what ",
    "thing",
    "stuff",
    "target",
    "goal",
    "number",
    "wrote",
    "came in",
    "plan",
    "brief",
    "went through",
    "said",
    "set out",
    "promised",
    "asked for",
    "定",
    "立",
    "报",
    "写",
    "许",
    "说好",
    "约好",
    "列",
    "答应",
    "承诺",
    "目标",
)
# How an item of the list opens: a number, an ordinal word, "the big one".
ORDINAL = re.compile(
    r"^\s*(?:[(（]?\d{1,2}[)）]|\d{1,2}[.、](?!\d)|[①-⑩]|头一(?:件|条|个)[是,，:：]?"
    r"|第[一二三四五六七八九十](?:个|件|条|项)?(?:是|[,，:：])?|[一二三四五六七八九]是"
    r"|(?:first|second|third|fourth|fifth|sixth)(?:ly)?\b\s*[,:：]?(?:\s*(?:one|thing))?"
    r"(?:\s*(?:was|is))?|(?:the )?(?:big|main|first|other|last|headline) one (?:was|is)\b)\s*",
    re.I,
)
_MARKER = re.compile(
    r"(?:(?<=^)|(?<=[\s,，;；。.:：]))(?:[(（]?\d{1,2}[)）]|[①-⑩]|第[一二三四五六七八九十](?:个|件|条)?是"
    # "一个是A，第二个B，第三个C" said aloud
    r"|[一二三四五六七八九]是|一个是|第[二三四五六七八九十]个(?![月人天周小星季])"
    r")"
)
# Sentences, with a half-width stop after Chinese ("定了几件事. 第一是…") ending one too.
SENTENCE = re.compile(rf"{cues.SENT_END.pattern}|(?<=[\u4e00-\u9fff)）])\.(?=\s*\S)")
_COLON = re.compile(r"[:：]")
_ITEM_SEP = re.compile(r"[;；]")
_COMMA = re.compile(r"[,，](?!\d{3}(?!\d))")
_FILLER = re.compile(r"^(?:and|also|plus|uh+|um+|so|oh|以及|还有|另外|和)\b\s*[,，]?\s*", re.I)
_QUESTION = re.compile(r"[?？]\s*$")
# An item that says how it went rather than what was set: stops a list of sentences.
_SAID = re.compile(
    r"实际|结果|最后|目前|做到|完成了|没完成|没做到|对一对|对照"
    r"|\b(?:we|I) (?:got|did|made|hit|missed|ended|landed)\b|\bwe had \d|\bwe(?:'re| are) at\b"
    r"|\bcame in\b|\bactually\b|\bhow (?:it|they) went\b|\bgoing through\b",
    re.I,
)


@dataclass(slots=True)
class Listed:
    """One goal of a list, and what its own item says about how it went."""

    goal: Span
    said: list[Span] = field(default_factory=list)


# "一共五个", "共三条" after the announcement: how many it lists
_HOW_MANY = re.compile(r"[^:：。]{0,6}?(?:一共|总共|共)(?P<n>[两三四五六七八九])(?:个|条|件|项|点)")


def _count(m: re.Match[str]) -> int | None:
    after = _HOW_MANY.match(m.string, m.end())
    if after:
        return _COUNT_ZH.get(after.group("n"))
    for name in ("n", "n2", "n3", "n4"):
        word = m.group(name)
        if word:
            return int(word) if word.isdigit() else _COUNT_EN.get(word.lower())
    zh = m.group("zh") or m.group("zh2")
    return _COUNT_ZH.get(zh) if zh else None


def _item(span: Span) -> Span:
    span = span.strip()
    lead = _FILLER.match(span.text)
    return span.sub(lead.end()).strip() if lead else span


def _goal_like(span: Span) -> bool:
    text = span.text
    words = re.findall(r"[A-Za-z0-9]+|[\u4e00-\u9fff]", text)
    least = 2 if re.search(r"\d", text) else 3  # "34 pts" is a goal, "and so" is not
    return len(words) >= least and len(text) <= 160 and not _QUESTION.search(text)


def _ordinal_item(span: Span) -> Listed | None:
    """ "第二件是半马跑进2小时。我跑了2小时14分": the first sentence is the goal."""
    lead = ORDINAL.match(span.text)
    body = span.sub(lead.end()) if lead else span
    parts = body.pieces(SENTENCE)
    if not parts:
        return None
    goal = _item(parts[0])
    return Listed(goal, parts[1:]) if _goal_like(goal) else None


def _marked(body: Span) -> list[Span]:
    """ "1)中午12点前恢复供水 2)10点前送水上门": the pieces that open with a number or ordinal."""
    marks = list(_MARKER.finditer(body.text))
    if len(marks) < 2:
        return []
    ends = [m.start() for m in marks[1:]] + [len(body.text)]
    items = [body.sub(m.end(), end).strip() for m, end in zip(marks, ends, strict=True)]
    last = items[-1].pieces(SENTENCE)  # "四是三分命中率要到三成五. 另外…": the list ends there
    return items[:-1] + last[:1]


def _split_body(body: Span) -> list[Span]:
    """The items after the colon: numbered, else set off by semicolons, else by commas."""
    marked = _marked(body)
    if marked:
        return marked
    if _ITEM_SEP.search(body.text):
        return body.split(_ITEM_SEP)
    sentences = body.pieces(SENTENCE)  # set off by commas: the list ends with its sentence
    return (sentences[0] if sentences else body).split(_COMMA)


def listed_goals(unit: Unit, after: list[Unit]) -> tuple[list[Listed], int]:
    """The goals `unit` announces and lists, and how many of the `after` units the list took."""
    low = unit.span.text.lower()
    if not any(w in low for w in _WORDS):
        return [], 0  # most lines announce nothing: skip them before the full pattern runs
    content = unit.content
    if unit.label is not None and ANNOUNCES.search(unit.label.text):
        content = unit.span  # "先贴一下7月定的几个数:总量8万盒,…": the label announces them
    text = content.text
    m = ANNOUNCES.search(text)
    if m is None:
        return [], 0
    count = _count(m)
    colon = _COLON.search(text, m.end())
    sentences = content.pieces(SENTENCE)
    here = next((n for n, s in enumerate(sentences) if s.end > content.start + m.start()), None)
    if here is None:
        return [], 0
    announcing = sentences[here]
    if colon is not None and content.start + colon.start() < announcing.end:
        head = text[: colon.start()]
        if re.search(r"\d", head[m.end() :]) or len(head) - m.end() > 80:
            return [], 0
        body = content.sub(colon.end())
        items = [Listed(i) for i in (_item(p) for p in _split_body(body)) if _goal_like(i)]
        first, *tail = body.pieces(SENTENCE) or [body]
        if len(items) < 2 and count and len(first.split(_ENUM)) == count:
            items = [Listed(_item(p)) for p in first.split(_ENUM)]  # "三条:A、B、C"
        if len(items) >= 2 or (items and count == 1):
            more = _more_items(body, after)
            if more:  # "…几条:A;B;C;" then "还有D,E。": the list runs on into the next line
                return _by_ordinal(_at_most(items + more, count), tail), 1
            return _by_ordinal(_at_most(items, count), tail), 0
        if body.strip():
            return [], 0
    elif len(marked := _marked(content.sub(m.end(), announcing.end - content.start))) >= 2:
        # "targets were 1) 500 signups 2) churn under 3%": numbered items with no colon
        items = [Listed(i) for i in (_item(p) for p in marked) if _goal_like(i)]
        return (_at_most(items, count), 0) if len(items) >= 2 else ([], 0)
    elif len(told := _told_on(m, content, announcing)) >= 3:
        return _at_most([Listed(p) for p in told], count), 0
    elif len(announcing.text) - (m.end() - (announcing.start - content.start)) > 70:
        return [], 0
    else:
        rest = sentences[here + 1 :]
        if rest:
            listed = _sentence_items(rest, count)
            if not listed:  # "…what we promised the partners. Live by May 1, forty percent…"
                commas = [Listed(i) for i in (_item(p) for p in rest[0].split(_COMMA))]
                if len(commas) >= 2 and all(_goal_like(c.goal) for c in commas):
                    listed = _at_most(commas, count)
            return listed, 0
    return _unit_items(after, count, unit.line.number)


_ENUM = re.compile("、")
_RUNS_ON = re.compile(r"[;；,，、]\s*$")
_MORE = re.compile(r"^\s*(?:还有|另外|再就是|再有|(?:and|also|plus)\b)\s*[,，]?\s*", re.I)


def _more_items(body: Span, after: list[Unit]) -> list[Listed]:
    """The items a list left open with its separator goes on with on the next line, when that
    line opens on "还有" or "also": "…;防滑链15号前配发到每台车;" then "还有冬检一台不落,…"."""
    left_open = _RUNS_ON.search(body.text) or _RUNS_ON.search(body.line.text[: body.end + 1])
    if not after or not left_open:  # the line's own text: its separator may lie past the body
        return []
    nxt = after[0]
    lead = _MORE.match(nxt.content.text)
    if nxt.bullet or nxt.cells is not None or lead is None:
        return []
    if nxt.line.speaker != body.line.speaker:
        return []
    rest = nxt.content.sub(lead.end())
    first = (rest.pieces(SENTENCE) or [rest])[0]
    parts = first.split(_ITEM_SEP) if _ITEM_SEP.search(first.text) else first.split(_COMMA)
    items = [Listed(i) for i in (_item(p) for p in parts) if _goal_like(i)]
    return items if len(items) == len(parts) else []


_SAID_LIST = re.compile(r"(?:said|set out|promised|asked for)$")
_WORD = re.compile(r"[a-z]+")


def _has_figure(text: str) -> bool:
    """A figure in digits or in words: each item of a list told in one sentence states one."""
    return any(c.isdigit() for c in text) or any(
        w in NUMBER_WORDS for w in _WORD.findall(text.lower())
    )


_ZH_N = {"一": 1, **_COUNT_ZH}
# "第三条算做到了", "前两条都没守住", "后两个也完成了": how the items went, named by place
_BY_PLACE = re.compile(r"(?P<w>第|前|后)(?P<n>[一二两三四五六])(?:条|个|项|件|点)")


def _told_on(m: re.Match[str], content: Span, announcing: Span) -> list[Span]:
    """ "Brief said six hundred registrations, forty percent live attendance, …": the list that
    runs on in the sentence announcing it, set off by commas, each item with its figure."""
    if not _SAID_LIST.search(m.group(0)):
        return []
    rest = content.sub(m.end(), announcing.end - content.start)
    pieces = [_item(p) for p in rest.split(_COMMA)]
    return pieces if all(_goal_like(p) and _has_figure(p.text) for p in pieces) else []


def _by_ordinal(items: list[Listed], tail: list[Span]) -> list[Listed]:
    """Lend each item the clause after the list that names it by its place."""
    for sentence in tail[:2]:
        for clause in sentence.split(_COMMA):
            m = _BY_PLACE.search(clause.text)
            if m is None:
                continue
            n = _ZH_N[m.group("n")]
            places = {
                "第": [n - 1],
                "前": list(range(n)),
                "后": list(range(len(items) - n, len(items))),
            }
            for at in places[m.group("w")]:
                if 0 <= at < len(items):
                    items[at].said.append(clause)
    return items


def _at_most(items: list[Listed], count: int | None) -> list[Listed]:
    return items[:count] if count else items


def _sentence_items(rest: list[Span], count: int | None) -> list[Listed]:
    """Goals one per sentence after the announcing one, or one per ordinal and what follows."""
    if ORDINAL.match(rest[0].text):
        out: list[Listed] = []
        for sentence in rest:
            if ORDINAL.match(sentence.text):
                item = _ordinal_item(sentence)
                if item:
                    out.append(item)
            elif out:
                out[-1].said.append(sentence)
        return _at_most(out, count)
    items: list[Listed] = []
    for sentence in rest:
        goal = _item(sentence)
        if _SAID.search(goal.text) or not _goal_like(goal):
            break
        items.append(Listed(goal))
        if count and len(items) == count:
            break
    return items if len(items) >= 2 else []


_PLAIN_MAX = 60  # a goal jotted on a line of its own is short: "月流水1.5万", "全年跑满4000单"


def _plain_lines(after: list[Unit], start: int) -> list[Unit]:
    """ "年初给自己定的几个数:" over short lines with no bullet, up to the blank line: each line
    one goal, as on a phone memo; empty when any of them says how it went or runs on."""
    block: list[Unit] = []
    for k, unit in enumerate(after):
        if unit.line.number != start + k + 1 or unit.bullet or unit.cells is not None:
            break
        block.append(unit)
    for unit in block:
        text = unit.content.text
        if len(text) > _PLAIN_MAX or _SAID.search(text) or not _goal_like(unit.content):
            return []
        if len(unit.content.pieces(SENTENCE)) > 1:
            return []
    return block


def _unit_items(after: list[Unit], count: int | None, start: int) -> tuple[list[Listed], int]:
    """Goals listed below the announcing line (numbered `start`): its bullets, short plain
    lines, or paragraphs opening "第二件…"."""
    if not after:
        return [], 0
    if after[0].bullet and not after[0].checkbox:
        depth = after[0].depth
        items: list[Listed] = []
        taken = 0
        for unit in after:
            if not unit.bullet or unit.depth < depth:
                break
            taken += 1
            parts = unit.content.pieces(SENTENCE)
            if unit.depth == depth and parts and _goal_like(parts[0]):
                items.append(Listed(parts[0], parts[1:]))  # "I wanted $40M. We signed at $34M."
        return (_at_most(items, count), taken) if len(items) >= 2 else ([], 0)
    if count and count >= 2 and not ORDINAL.match(after[0].content.text):
        # "年初立的flag,一共五个,一个个对:" over five short lines, each a goal and how it went
        lines = after[:count]
        firsts = [u.content.pieces(SENTENCE) for u in lines]
        if (
            len(lines) == count
            and all(not u.bullet and u.cells is None and len(u.content.text) <= 120 for u in lines)
            and all(parts and _goal_like(parts[0]) for parts in firsts)
        ):
            return [Listed(parts[0], parts[1:]) for parts in firsts], count
    plain = _plain_lines(after, start)
    if len(plain) >= 2 and not ORDINAL.match(plain[0].content.text):
        return _at_most([Listed(u.content) for u in plain], count), len(plain)
    out: list[Listed] = []
    taken = 0
    for n, unit in enumerate(after[:16]):
        if ORDINAL.match(unit.content.text) and not unit.bullet:
            item = _ordinal_item(unit.content)
            if item is None:
                break
            out.append(item)
            taken = n + 1
        elif out and n - taken < 2:
            out[-1].said.extend(unit.content.pieces(SENTENCE))
        elif out or n > 1:
            break
    return (_at_most(out, count), taken) if len(out) >= 2 else ([], 0)
