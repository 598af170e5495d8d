"""Results said away from their goals: in a list as long as the goals' list, or lines later
in no sentence of their own kind, found by what the goal measures and a value in its unit.

The pairing passes of `assess_results` read results said beside their goal or under a results
heading; these read the rest, and read a paired result's value in its goal's unit.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from retro_ai.schema import Evidence, Goal
from retro_ai.stages.drafts import ResultDraft
from retro_ai.stages.offline import values
from retro_ai.stages.offline.extract_goals import value_of
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.stated_goals import answered
from retro_ai.stages.offline.text import Span, tokens
from retro_ai.verify.achievement import comparable
from retro_ai.verify.measures import codes_differ
from retro_ai.verify.numbers import parse_value


def fit_actual(result: ResultDraft, goal: Goal, cell: bool = False) -> None:
    """The result's value in its goal's unit: "7天一共92.6万" answers "冲80万" with 92.6万, not
    the 7 days its first figure counts. A table row's result (`cell`) is looked for in its
    actual cell alone: the row's target cell beside it answers nothing."""
    target = goal.target
    if target.state != "known" or target.value is None or target.change:
        return
    if cell and _PENDING.search(result.actual or ""):
        result.actual = None  # "| 新客次月留存 | 25% | 8月中旬才能出 |": not known yet
        return
    if cell and _NOT_ONE.match(result.actual or ""):
        result.actual = "0"  # "| 病假不超过3天 | 一天没请 |": not a single day
        return
    got = parse_value(result.actual)
    bare = got.unit is None and target.unit == "%"  # "the 200-title spot check … got 96.5%"
    if (
        got.state == "known"
        and got.value is not None
        and (got.unit == target.unit or (comparable(target, got) is not None and not bare))
    ):
        if _SCALE.search(target.text or "") is None or _SCALE.search(result.actual or ""):
            return
    fit = _value_like((result.actual or "") if cell else result.quote, goal, paired=True)
    if fit is not None:
        result.actual = fit
    elif cell and result.stated_verdict is None:
        # "| pass the level 3 exam | passed in March |": the cell says so in words
        result.stated_verdict = answered(result.actual or "")


def parallel_lists(docs: list[Document], goals: list[Goal], results: list[ResultDraft]) -> None:
    """A list of results as long as the list of goals above it answers them in order (a board's
    "🎯 定的" and "📊 最后咋样" columns): each result no goal's words claimed takes the goal in
    its place, if that goal has no result yet."""
    answered = {r.goal_id for r in results if r.goal_id}
    for doc in docs:
        lists = {
            kind: [u for s in doc.sections if s.kind == kind for u in s.units if u.bullet]
            for kind in ("goals", "results")
        }
        if len(lists["goals"]) < 2 or len(lists["goals"]) != len(lists["results"]):
            continue
        by_line = {
            e.line: g
            for g in goals
            for e in g.evidence[:1]
            if e.source in (doc.source.id, doc.source.name)
        }
        for unit, answer in zip(lists["goals"], lists["results"], strict=True):
            goal = by_line.get(unit.line.number)
            if goal is None or goal.id in answered:
                continue
            result = next(
                (r for r in results if not r.goal_id and r.quote and r.quote in answer.span.text),
                None,
            )
            # "Q2 revenue: 120万" answers no "Q1 revenue 100万", wherever it stands
            if result is not None and not codes_differ(result.quote, goal.title):
                result.goal_id = goal.id
                answered.add(goal.id)


# Words of any goal ("目标", "at least", "以内"): they say a goal is stated, not what it measures.
_PLAIN = tokens(
    "目标 指标 计划 要求 预期 原定 达到 提升 提高 降低 控制 以上 以内 以下 不超过 不低于 至少 最多"
    " target goal aimed hoped wanted planned least most under below above more less than"
)
_REACH = 60  # lines after a goal within which its result is looked for


# Units and spans of time name no measure: "38分钟" and "month 9" share them with anything.
_UNITS = tokens("分钟 小时 毫秒 个月 每天 每周 每月 weeks days hours minutes months years percent")


def _measures(goal: Goal) -> frozenset[str]:
    said = goal.title  # "这次地推的目标是新增会员500人": the measure may follow the verb
    at = said.find(goal.target.text or "\0")
    if at >= 0:  # "break-even was supposed to be month 9. first month in the black was…"
        said = said[: at + len(goal.target.text or "") + 12]
    words = tokens(said) - _PLAIN - _UNITS
    return frozenset(words - tokens(goal.target.text or ""))


def later_results(
    docs: list[Document], goals: list[Goal], results: list[ResultDraft]
) -> list[tuple[Span, str, str]]:
    """A result said lines after its goal, in no sentence of its own kind ("问卷收完了,满意+非常
    满意86%" under "满意度问卷80%以上"): the first later sentence that names what the goal
    measures and gives a value in the goal's unit, for goals nothing else answered. A result
    already read for no goal is linked in place; the others come back as (sentence, goal id,
    value) for the caller to draft."""
    answered = {r.goal_id for r in results if r.goal_id}
    open_goals = [
        g
        for g in goals
        if g.id not in answered
        and g.direction != "binary"
        and g.target.state == "known"
        and g.target.value is not None
        and not g.target.change
        and g.evidence
        and g.evidence[0].line is not None
        and _measures(g)
    ]
    if not open_goals:
        return []
    paired = [r for r in results if r.quote and r.goal_id]
    unpaired = [r for r in results if r.quote and not r.goal_id]
    goal_lines = {(e.source, e.line) for g in goals for e in g.evidence}
    out: list[tuple[Span, str, str]] = []
    used: set[tuple[str, int, int]] = set()
    for doc in docs:
        mine = [g for g in open_goals if g.evidence[0].source in (doc.source.id, doc.source.name)]
        if not mine:
            continue
        # only the lines within reach of an open goal are split: a week of chat stays linear
        reach = {
            n
            for g in mine
            for n in range((g.evidence[0].line or 0) + 1, (g.evidence[0].line or 0) + _REACH + 1)
        }
        sentences = [
            s
            for section in doc.sections
            for unit in section.units
            if unit.cells is None
            and unit.line.number in reach
            and (doc.source.id, unit.line.number) not in goal_lines
            and (doc.source.name, unit.line.number) not in goal_lines
            for s in unit.span.sentences()
        ]
        for goal in mine:
            at = goal.evidence[0].line or 0
            words = _measures(goal)
            for sentence in sentences:
                number = sentence.line.number
                if not at < number <= at + _REACH:
                    continue
                key = (doc.source.id, number, sentence.start)
                if key in used:
                    continue
                if not words & tokens(sentence.text) or codes_differ(sentence.text, goal.title):
                    continue  # "Q2 revenue" never answers "Q1 revenue"
                actual = _value_like(sentence.text, goal)
                if actual is None:
                    continue
                if any(
                    _overlap(sentence.text, r.quote or "") and (r.actual or actual) in actual
                    for r in paired
                ):
                    continue  # another goal's result, unless it holds a second figure for this
                    # one: "We got 38 stalls and about 2,300 visitors"
                used.add(key)
                # read already as a result of no goal ("39 of 42 setups. I cut …"): it is this one's
                result = next((r for r in unpaired if _overlap(sentence.text, r.quote)), None)
                if result is not None:
                    unpaired.remove(result)
                    result.goal_id, result.actual = goal.id, actual
                else:
                    out.append((sentence.strip(), goal.id, actual))
                break
    return out


# An item's number: "①", "1)", "(2)", "3.", "一是", "第二条"; the style and the number it gives.
_ORDINAL = re.compile(
    r"(?P<c>[①-⑳])|(?<![\w.,])[(（]?(?P<d>\d{1,2})(?:[)）、]|\.(?=\s))"
    r"|(?P<z>[一二三四五六七八九十])是|第(?P<t>[一二三四五六七八九十])(?:条|个|点|件|项)"
    # a chat answer opening on the goal's bare number: "1 is done ✅", "3 nope", "2 -> 93.4%"
    r"|^(?P<b>\d)(?=\s+(?:is|was|->|→|=|nope|nah|yep|yes|no|done|half|partly|missed|hit)\b"
    r"|\s+(?:->|→|=|[✅❌]))"
)
_ZH_DIGITS = "一二三四五六七八九十"


def _ordinal(m: re.Match[str]) -> tuple[str, int]:
    if m.group("c"):
        return "c", ord(m.group("c")) - ord("①") + 1
    if m.group("d") or m.group("b"):
        return "d", int(m.group("d") or m.group("b"))
    style = "z" if m.group("z") else "t"
    return style, _ZH_DIGITS.index(m.group(style)) + 1


def _mark_before(text: str, at: int) -> re.Match[str] | None:
    """The item number written right before position `at` ("② 质检错误率…"), if one is."""
    for m in _ORDINAL.finditer(text, max(0, at - 6), at):
        if not text[m.end() : at].strip(" ,，:："):
            return m
    return None


def _numbered(text: str, at: int) -> tuple[str, int] | None:
    m = _mark_before(text, at)
    return _ordinal(m) if m else None


_DASH_ITEM = re.compile(r"^\s*[-*•·]\s+\S")
_IN_ORDER_MIN = 3


def _listed_in_order(
    mine: list[tuple[Goal, Evidence]], lines: dict[int, str]
) -> dict[tuple[str, int], Goal]:
    """Goals dashed one per line, line after line, are numbered by their place: a chat answers
    "1 ✅", "3 nope" of a list it was pasted ("our goals were:" over "- …", "- …")."""
    dashed = sorted(
        (
            (ev.line or 0, goal)
            for goal, ev in mine
            if _DASH_ITEM.match(lines.get(ev.line or 0, ""))
        ),
        key=lambda lg: lg[0],
    )
    run = [lg for n, lg in enumerate(dashed) if n == 0 or lg[0] == dashed[n - 1][0] + 1]
    if len(run) < _IN_ORDER_MIN or len(run) != len(dashed):
        return {}
    return {("d", n): goal for n, (_line, goal) in enumerate(run, start=1)}


def ordinal_answers(
    docs: list[Document], goals: list[Goal], results: list[ResultDraft]
) -> list[tuple[Span, str]]:
    """Goals numbered in a list ("① 12万字 5/27交付 ② 错误率千分之一以内") answered lines later
    under the same numbers ("①没按时,28号才交;②抽查下来0.6‰,达标"): (what follows each number,
    the goal of that number). The number says which goal a piece answers, so a result another
    pass cut from that line of answers gives way; a goal answered elsewhere keeps its result."""
    out: list[tuple[Span, str]] = []
    for doc in docs:
        mine = [
            (g, g.evidence[0])
            for g in goals
            if g.evidence
            and g.evidence[0].line is not None
            and g.evidence[0].source in (doc.source.id, doc.source.name)
        ]
        if len(mine) < 2:
            continue  # a list needs two numbered goals
        lines = {line.number: line.text for line in doc.source.lines}
        numbered: dict[tuple[str, int], Goal] = {}
        for goal, ev in mine:
            text = lines.get(ev.line or 0, "")
            at = text.find(ev.quote)
            mark = _numbered(text, at) if at >= 0 else None
            if mark is not None:
                numbered[mark] = goal
        if len(numbered) < 2:
            numbered = _listed_in_order(mine, lines)
        styles = {style for style, _ in numbered}
        if len(numbered) < 2:
            continue
        first = min(g.evidence[0].line or 0 for g in numbered.values())
        last = max(g.evidence[0].line or 0 for g in numbered.values())
        for section in doc.sections:
            for unit in section.units:
                number = unit.line.number
                if not last < number <= first + _REACH or unit.cells is not None:
                    continue
                span = _with_mark(unit.span)
                text = span.text
                marks = [
                    (m, key)
                    for m in _ORDINAL.finditer(text)
                    if (key := _ordinal(m))[0] in styles and key in numbered
                ]
                if len(marks) < 2 and not (marks and marks[0][0].start() <= 2):
                    continue  # one number mid-line is a figure; a line of answers starts on one
                for n, (m, key) in enumerate(marks):
                    goal = numbered.pop(key)
                    end = marks[n + 1][0].start() if n + 1 < len(marks) else len(text)
                    piece = span.sub(m.end(), end).strip()
                    if len(piece.text) >= 2 and _free_for(goal.id, results, text):
                        _drop_loose(results, piece.text)
                        _drop_numbered(results, text, m.start(), goal.id)
                        out.append((piece, goal.id))
    return out


def _with_mark(span: Span) -> Span:
    """The span from the item number its line opens it with: a chat message "14:35 王磊: ①实测
    1.8秒" is parsed as a bullet whose mark "①" sits outside the span."""
    m = _mark_before(span.line.text, span.start)
    return Span(span.line, m.start(), span.end) if m else span


def _free_for(goal_id: str, results: list[ResultDraft], line: str) -> bool:
    """Frees the goal for an answer cut from `line`: its results cut from that line go, and it
    is free when it had no other; a result read elsewhere keeps it."""
    mine = [r for r in results if r.goal_id == goal_id]
    if any(not (r.quote and r.quote in line) for r in mine):
        return False
    for r in mine:
        results.remove(r)
    return True


def _drop_numbered(results: list[ResultDraft], line: str, mark: int, goal_id: str) -> None:
    """A result cut from the line with its number ("1 is done") answers that number's goal,
    whichever goal another pass gave it to."""
    results[:] = [
        r
        for r in results
        if r.goal_id == goal_id or not r.quote or not 0 <= line.find(r.quote) <= mark
    ]


def _drop_loose(results: list[ResultDraft], piece: str) -> None:
    """Results read from an answer's words with no goal go: the answer now names its goal."""
    results[:] = [r for r in results if r.goal_id or not (r.quote and r.quote in piece)]


# What a labelled line must open on to answer a goal: a yes or no, a verdict word, a figure.
_ANSWERS = re.compile(
    rf"^\s*(?:{values.ANSWER_WORDS}|nailed it|hit it|missed it)(?![\w-])"
    r"|^\s*(?:是|否|做到了|没做到|达成|未达成|完成了|没完成)",
    re.I,
)


# A line that opens on a figure: "2nd out of 14", "£1,120", "about 26%"
_NUM_AT = re.compile(
    r"\s*(?:(?:we(?:'re| are)|it's|it is|now|currently)\s+(?:at|on)\s+)?"  # "we're at 47"
    r"(?:about |around |~|only |just )?[$¥€£]?\d",
    re.I,
)


def _unanswered_in(doc: Document, goals: list[Goal], answered: set[str]) -> list[Goal]:
    """The goals stated in `doc` that no result answers yet."""
    return [
        g
        for g in goals
        if g.id not in answered
        and g.evidence
        and g.evidence[0].line is not None
        and g.evidence[0].source in (doc.source.id, doc.source.name)
    ]


def labelled_answers(
    docs: list[Document], goals: list[Goal], results: list[ResultDraft]
) -> list[tuple[Span, str]]:
    """A line labelled with the goal's own words that opens on how it went, lines after the
    goal ("demo: yes!! it ran end to end" under "three goals: working demo on stage by Sun,
    …"): (the line, that goal), for goals nothing else answered and that only one label names."""
    answered = {r.goal_id for r in results if r.goal_id}
    out: list[tuple[Span, str]] = []
    for doc in docs:
        mine = _unanswered_in(doc, goals, answered)
        if not mine:
            continue
        goal_lines = {g.evidence[0].line for g in goals if g.evidence}
        for section in doc.sections:
            for unit in section.units:
                if unit.label is None or unit.line.number in goal_lines or unit.cells is not None:
                    continue
                said = unit.content.text
                opens = _ANSWERS.match(said) or values.VERDICT_EN.match(said)
                if not (opens or _NUM_AT.match(said)):
                    continue
                words = tokens(unit.label_text) - _PLAIN
                named = [
                    g
                    for g in mine
                    if words
                    and words <= tokens(g.title)
                    and not codes_differ(unit.span.text, g.title)  # "Q2 …" answers no Q1 goal
                    and (g.evidence[0].line or 0)
                    < unit.line.number
                    <= (g.evidence[0].line or 0) + _REACH
                ]
                if len(named) == 1:
                    mine.remove(named[0])
                    out.append((unit.span.strip(), named[0].id))
    return out


_SAYS_HOW = re.compile(
    rf"{values.VERDICT_ZH.pattern}|{values.VERDICT_EN.pattern}"
    r"|\b(?:didn'?t|never|not yet|wasn'?t|weren'?t|hasn'?t|haven'?t|only got|short of|made it"
    r"|did it|pulled (?:it )?off|nailed)\b"
    r"|没(?:有|能)?(?:做到|完成|达到|按时|赶上)|没做|做到了|搞定|办成|拖到",
    re.I,
)
_WORDED_MIN = 2  # words a sentence must share with a goal to say how that goal went


def worded_answers(
    docs: list[Document], goals: list[Goal], results: list[ResultDraft]
) -> list[tuple[Span, str]]:
    """A sentence lines after a goal that names it in its own words and says how it went
    ("新椅位那个…实际是3月18号才接的第一个病人, 晚了两周多" for "二楼两台新椅位3月1日前开诊"):
    (the sentence, the goal), for goals nothing else answered."""
    answered = {r.goal_id for r in results if r.goal_id}
    quoted = {r.quote for r in results if r.quote}
    out: list[tuple[Span, str]] = []
    for doc in docs:
        mine = _unanswered_in(doc, goals, answered)
        if not mine:
            continue
        goal_lines = {e.line for g in goals for e in g.evidence}
        units = sorted(
            (u for s in doc.sections for u in s.units if u.cells is None),
            key=lambda u: u.line.number,
        )
        numbers = [u.line.number for u in units]  # a goal's reach is found, not scanned for
        for goal in mine:
            start = goal.evidence[0].line or 0
            words = tokens(goal.title) - _PLAIN
            if len(words) < _WORDED_MIN:
                continue
            reach = units[bisect_right(numbers, start) : bisect_right(numbers, start + _REACH)]
            for unit in reach:
                if unit.line.number in goal_lines:
                    continue
                said = next(
                    (
                        s
                        for s in unit.span.sentences()
                        if _SAYS_HOW.search(s.text)
                        and s.text not in quoted
                        and len(tokens(s.text) & words) >= _WORDED_MIN
                    ),
                    None,
                )
                if said is not None:
                    out.append((said.strip(), goal.id))
                    quoted.add(said.text)
                    break
    return out


def _overlap(a: str, b: str) -> bool:
    return a in b or b in a


def _value_like(said: str, goal: Goal, paired: bool = False) -> str | None:
    """The first value `said` gives in the unit of the goal's target (a plain number within a
    factor of five of a plain target); a result found apart from its goal must also count what
    the goal counts, one already `paired` with it need not ("11 actually signed" for "15 new")."""
    target = goal.target
    picks: list[str] = []
    for m in values.TARGET.finditer(said):
        found = value_of(m)
        if found is None:
            continue
        text = said[found[0] : m.end()].strip()
        if COMPARED.search(said[: found[0]]):
            continue  # "month 11 not 9", "18k vs 50k": the number compared with is the target
        value = parse_value(text)
        if value.state != "known" or value.value is None or value.change:
            continue
        if value.unit != target.unit and comparable(target, value) is None:
            continue
        if (value.unit is None) != (target.unit is None):
            continue
        if values.MONEY.search(text) and not values.MONEY.search(goal.title):
            continue  # "$29" answers no "month 9"
        if target.unit is None and not _near(value.value, target.value):
            continue
        picks.append(text)
    if not picks and target.unit is None:  # "9月平均12.8" against "不超过12块": not a date
        noun = _noun_after(goal.title, target.text or "")
        picks = [
            m.group(0)
            for m in _BARE.finditer(said)
            if _near(float(m.group(0).replace(",", "")), target.value)
            and (paired or _noun_after(said, m.group(0), m.start()) in (noun, ""))
            and not COMPARED.search(said[: m.start()])
        ]
    # "4300条里进去2100条 ④ 两个人都交了,小林1.2万" against "各完成1万字": the same magnitude
    scale = _SCALE.search(target.text or "")
    alike = [p for p in picks if scale and scale.group(0) in p]
    return next(iter(alike or picks), None)


COMPARED = re.compile(
    r"(?:\bnot|\bvs\.?|\bversus|\binstead of|\bthan|\bof|\bout of|不是|而不是|对比|相比)\s*$"
    r"|\bnot\s+[a-z]+\s+$",  # "Breaking even was... not month 6": the figure it was not
    re.I,
)
_NOUN = re.compile(r"\s*(?:([A-Za-z][a-z]{2,})|([\u4e00-\u9fff]))")


def _noun_after(text: str, number: str, start: int | None = None) -> str | None:
    """What a bare number counts, by the word right after it ("14 volunteers" -> "volun",
    "500人" -> "人"); "" when none follows, None when the number is not in `text`."""
    at = text.find(number) if start is None else start
    if at < 0:
        return None
    m = _NOUN.match(text, at + len(number))
    if m is None:
        return ""
    return m.group(1).lower()[:5] if m.group(1) else m.group(2)


_SCALE = re.compile(r"万|亿|千|[kKM](?![a-z])|million|bn")
# An actual cell that says the figure is not in yet: "8月中旬才能出", "还没统计", "TBD"
_PENDING = re.compile(
    r"才能(?:出|知道|统计)|还没(?:出|统计|算|数)|待(?:定|统计|出|核)|暂无|未出|\bTBD\b|\bpending\b"
    r"|\bnot (?:yet |in )?(?:in|known|available|counted)\b|\bn/?a\b",
    re.I,
)
# "一天没请", "一次都没迟到", "not a single one": none at all
_NOT_ONE = re.compile(
    r"^\s*(?:一(?:天|次|个|件|回|单|台|分钱?)(?:都|也)?(?:没|没有|未)"
    r"|not (?:a )?single\b|not (?:even )?one\b|none\b|zero\b)",
    re.I,
)


_BARE = re.compile(
    r"(?<![A-Za-z0-9_.,/:\-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?!\d|\.\d|,\d{3}|[/:]|st\b|nd\b|rd\b|th\b|\s*(?:[月日号点年时分秒]|%))"
)


def _near(value: float, target: float | None) -> bool:
    return target is not None and target > 0 and target / 5 <= value <= target * 5
