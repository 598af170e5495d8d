"""Goals and their results stated in running prose or in a table inside the notes.

People rarely write a "Goals" section: they write "留存率目标30%，最后只有26%", "open rate
landed at 41 percent, short of plan", "we had aimed for 200 ms … measured 230 ms", or paste a
"| metric | target | actual |" table among the notes. This pass reads those shapes anywhere in
a document (outside the units the section-based extractors already took) and yields each goal
with the result that answers it, so the result can be linked to its goal and the verdict be
computed from the numbers. A measurement with no goal cue stays a result, never a goal; a
goal with no result is kept without a result, so it gets no verdict rather than a wrong one.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from retro_ai.ingest.docdate import MONTH
from retro_ai.needles import Gated
from retro_ai.stages.drafts import GoalDraft, ResultDraft
from retro_ai.stages.offline import cues, values
from retro_ai.stages.offline.extract_goals import cell_direction, goal_from_span
from retro_ai.stages.offline.goal_lists import ANNOUNCES, SENTENCE, Listed, listed_goals
from retro_ai.stages.offline.items import entries
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import CJK, Span, clean, tokens
from retro_ai.stages.offline.units import CLAUSES, Unit
from retro_ai.verify.numbers import (
    CN_MEASURE,
    CN_SPELLED,
    NUMBER_WORDS,
    SPELLED,
    cn_spelled_value,
    parse_value,
)


@dataclass(slots=True)
class Pair:
    """A goal stated in the notes and, when the notes say it, the result that answers it; a
    measurement said to have no target ("no target, but nice") is a result with no goal."""

    goal: GoalDraft | None
    result: ResultDraft | None = None
    measure: str = ""  # a measurement's named measure: kept only when it names a goal
    table: bool = False  # a row of a target table


@dataclass(slots=True)
class Stated:
    pairs: list[Pair]
    owned: set[int]  # units read here instead of by the section-based goal and result passes


def _owned(doc: Document) -> tuple[set[int], dict[int, Unit], set[int]]:
    """Goal and result entries that state both a goal and its result: this pass reads them.
    Also the goal lines answered by the line right after them ("p95 under 400ms." then
    "p95 sits at 430ms."), keyed by the goal line, with the answer; and the labelled goal
    lines that say both in a sentence, which are read as prose."""
    out: set[int] = set()
    prose: set[int] = set()
    answers: dict[int, Unit] = {}
    listed = entries(doc)
    place: dict[int, dict[int, int]] = {}
    for n, e in enumerate(listed):
        if e.columns is not None or e.unit.cells is not None:
            continue
        if e.kind == "result":
            label = e.unit.label
            # "刘书记把定的目标过了一遍:A,B,C" under "目标和完成情况": the label announces goals
            body = e.unit.span if label is not None and ANNOUNCES.search(label.text) else None
            body = body or e.unit.content
            if _has_goal_cue(body.text) and any(_goal_clause(c.text) for c in _clauses(body)):
                out.add(id(e.unit))
            elif e.unit.label is not None and _measured_score(e.unit):
                out.add(id(e.unit))  # "总分:冲380 → 373" under "flag vs 实际": both
            continue
        row = _row(e.section.kind, e.unit)
        if e.kind == "goal" and e.title is None and goal_unit_split(e.unit.content, row)[1]:
            out.add(id(e.unit))
        elif e.kind == "goal" and e.title is not None and _labelled_prose(e.unit):
            out.add(id(e.unit))  # "- Amount: we set out to raise $8M and closed $9.2M"
            prose.add(id(e.unit))
        elif e.kind == "goal" and _labelled_answer(e.unit):
            out.add(id(e.unit))  # "审批时长降到1天以内：目前0.8天" — the "label" is the goal
        elif e.kind == "goal" and e.title is None and n + 1 < len(listed):
            nxt = listed[n + 1]
            units = e.section.units
            if id(e.section) not in place:  # each unit's place, found once per section
                place[id(e.section)] = {id(u): i for i, u in enumerate(units)}
            at = place[id(e.section)].get(id(e.unit), -1)
            follows = nxt.section is e.section and 0 <= at < len(units) - 1
            follows = follows and units[at + 1] is nxt.unit
            first = _clauses(nxt.unit.content)[:1]
            if (
                follows
                and nxt.kind == "goal"
                and first
                and RESULT_CUE.search(first[0].text)
                and not GOAL_CUE.search(nxt.unit.span.text)
                # it names the goal's measure: "均价做到880/晚" under "入住率冲95%" is one more goal
                and _shares_measure(e.unit.content.text, first[0].text)
            ):
                out |= {id(e.unit), id(nxt.unit)}
                answers[id(e.unit)] = nxt.unit
    return out, answers, prose


def _row(kind: str, unit: Unit) -> bool:
    """ "Go live by Fri 1 May → live Wed 6 May" under "Targets vs actuals": a row of a list of
    goals, each with an arrow to how it went, whether or not its target is a figure."""
    return kind == "goals" and _ARROW.search(unit.content.text) is not None


_ASIDE_END = re.compile(r"\s*[(（][^()（）]{1,24}[)）]\s*$")  # "(林姐 👍2)": who pinned it


def _shares_measure(goal: str, answer: str) -> bool:
    """Whether a line names the goal's measure, leaving aside who pinned either."""
    words = _stems(_ASIDE_END.sub("", goal)) - _UNIT_STEMS
    return bool(words & _stems(_ASIDE_END.sub("", answer)))


def _named_by_label(unit: Unit, pairs: list[Pair]) -> list[Pair]:
    """ "整车方案定稿:计划3.15,实际3.28": the label names what the plan was for, so the goal
    reads "整车方案定稿:计划3.15", not a bare "计划3.15"."""
    label = unit.label
    if label is None or unit.label_kind() is not None or len(pairs) != 1:
        return pairs
    goal = pairs[0].goal
    text = unit.line.text
    at = text.find(goal.quote, unit.content.start) if goal is not None and goal.quote else -1
    if goal is None or at != unit.content.start or CLAUSES.search(label.text):
        return pairs  # only a goal opening the content, under a label that is a name
    if tokens(re.sub(r"[\d.,wW万千%]+", " ", GOAL_CUE.sub(" ", goal.quote))):
        return pairs  # "Phone bank: we planned on 20 volunteers" names its own measure
    quote = text[label.start : at + len(goal.quote)]
    named = goal.model_copy(update={"title": clean(quote), "quote": quote})
    return [Pair(named, pairs[0].result, pairs[0].measure, pairs[0].table)]


def _labelled_prose(unit: Unit) -> bool:
    """A labelled goal line that says its goal and its result in a sentence ("Valuation: I
    wanted a pre-money of at least $40M. We signed at $34M."): read as prose."""
    text = unit.content.text
    return (
        _has_goal_cue(text)
        and _num(text) is not None
        and any(p.result is not None for p in _prose_pairs(unit, [], set()))
    )


_last: tuple[list[weakref.ref[Document]], Stated] | None = None


def stated(docs: list[Document]) -> Stated:
    """Every goal stated in prose, in an inline table or with its result on its own line.

    The goals stage and the results stage both ask for the same documents in turn, so the
    last answer is kept and read once. The documents are held weakly: once a draft is done
    its parsed documents (tens of megabytes for a week of chat) go, and the answer with them.
    """
    global _last
    if (
        _last is not None
        and len(_last[0]) == len(docs)
        and all(a() is b for a, b in zip(_last[0], docs, strict=True))
    ):
        return _last[1]
    out = _read(docs)
    _last = ([weakref.ref(d, _forget) for d in docs], out)
    return out


def _forget(_: weakref.ref[Document]) -> None:
    global _last
    _last = None


def stated_pairs(docs: list[Document]) -> list[Pair]:
    return stated(docs).pairs


def _has_goal_cue(text: str) -> bool:
    """A cheap look for a goal cue before the full pattern runs (most lines have none)."""
    return _GOAL_GATE.search(text) is not None


def _read(docs: list[Document]) -> Stated:
    out: list[Pair] = []
    owned_all: set[int] = set()
    for doc in docs:
        owned, answers, prose = _owned(doc)
        owned_all |= owned
        answering = {id(u) for u in answers.values()}
        kinds = {id(e.unit): e.kind for e in entries(doc)}
        taken = {u for u, k in kinds.items() if k in ("goal", "result")} - owned
        for section in doc.sections:
            units = section.units
            goal_list = section.kind == "other" and bool(
                _LIST_TITLE.search(section.title) or ANNOUNCES.search(section.title)
            )  # "目标", or "当初写下的几条" over the list
            header: list[str] | None = None
            bullets: list[Unit] = []  # the bullets above this one, outermost first
            skip: set[int] = set()  # the items of a goal list read with the line announcing it
            for i, unit in enumerate(units):
                if id(unit) in skip:
                    continue
                if unit.bullet:
                    bullets = [b for b in bullets if b.depth < unit.depth]
                    under_goals = bool(bullets) and bool(_LIST_TITLE.search(bullets[-1].span.text))
                    bullets.append(unit)
                else:
                    bullets, under_goals = [], False
                if unit.cells is not None:
                    prev = units[i - 1] if i else None
                    if prev is None or prev.cells is None:
                        header = [clean(c.text).lower() for c in unit.cells]
                    elif header and (id(unit) not in taken or len(header) == 2):
                        # "| 当初的目标 | 一年后 |" under a goals heading: a goal table reads
                        # three columns, so a row whose goal cell is its metric is read here
                        pair = _table_pair(header, unit)
                        if pair:
                            out.append(pair)
                    continue
                header = None
                if id(unit) in taken or id(unit) in answering:
                    continue
                if kinds.get(id(unit)) == "action" or section.kind == "actions" or unit.checkbox:
                    continue  # "Send 10 emails by end of August", "预算800以内" in a plan: work
                if id(unit) in answers:
                    out.extend(_goal_unit_pairs(unit, answers[id(unit)]))
                    continue
                if id(unit) in prose:
                    out.extend(_prose_pairs(unit, [], taken))
                    continue
                if (id(unit) in owned and kinds.get(id(unit)) == "goal") or (
                    goal_list and unit.bullet
                ):
                    nxt = units[i + 1] if i + 1 < len(units) else None
                    if goal_list and nxt is not None and _ARROW_LEAD.match(nxt.span.text):
                        skip.add(id(nxt))  # "1. 一次回归从3天压到1天" over "-> 目前大概一天半"
                        out.extend(_goal_unit_pairs(unit, _arrowed(nxt)))
                        continue
                    out.extend(_goal_unit_pairs(unit, listed=_row(section.kind, unit)))
                    continue
                if under_goals and _SAID.search(unit.content.text):
                    # "- targets vs what happened:" over "  - kill the cron -> done"
                    out.extend(_goal_unit_pairs(unit, listed=True))
                    continue
                # a list and its answers sit near the line announcing it: a bounded look
                # ahead keeps a week of chat linear
                listed, used = listed_goals(unit, units[i + 1 : i + 1 + _LIST_REACH])
                if listed:
                    skip |= {id(u) for u in units[i + 1 : i + 1 + used]}
                    ahead = units[i + 1 + used : i + 1 + used + _ANSWER_REACH]
                    out.extend(_listed_pairs(listed, [u for u in ahead if id(u) not in taken]))
                    continue
                score = unit.bullet and (
                    _SCORE_LINE.match(unit.content.text) or _VERDICT_LINE.match(unit.span.text)
                )
                if id(unit) in owned and unit.label is not None and _measured_score(unit):
                    out.extend(_goal_unit_pairs(unit, listed=True))  # "政治:70 → 68"
                    continue
                if score and (_num(score.group("g")) or _DATE.search(score.group("g"))):
                    out.extend(_goal_unit_pairs(unit, listed=True))  # "• zero P0s → nope"
                    continue
                bracketed = _bracketed_pair(unit)
                if bracketed is not None:
                    out.append(bracketed)
                    continue
                cued = _has_goal_cue(unit.span.text) and not _NO_TARGET.search(unit.span.text)
                out.extend(_lone_results(unit, measured=not cued))
                done: set[str] = set()  # "I wanted X, and X came through": set and answered
                if _WANTS.search(unit.content.text):
                    for sentence in unit.content.sentences():
                        said = _done_at_once(_parts(sentence))
                        if said is not None and said.goal is not None:
                            out.append(said)
                            done.add(said.goal.title)
                if not cued:
                    if section.kind in _MEASURED_IN:
                        out.extend(_measurement(unit))
                    continue  # most lines state no goal: skip them before splitting
                in_results = kinds.get(id(unit)) == "result"
                pairs = _named_by_label(
                    unit, _prose_pairs(unit, units[i + 1 : i + 3], taken, in_results)
                )
                out.extend(p for p in pairs if p.goal is None or p.goal.title not in done)
    return Stated(_restated(out), owned_all)


# "场观:1.84万 (目标1万)", "Open rate: 41% (target 35%)", "均值 2.4s(目标3s以内)": a measure and
# its value, then its target in brackets
_BRACKET_TARGET = re.compile(
    r"[(（]\s*(?:目标|计划|target|goal|plan)\s*[:：]?\s*(?P<t>[^()（）]{1,20})[)）]", re.I
)


def _bracketed_pair(unit: Unit) -> Pair | None:
    """A value with its target in brackets after it: the goal and its result on one line."""
    body = unit.content if unit.label is not None else unit.span  # after "场观:", if labelled
    found = _BRACKET_TARGET.search(body.text) if "(" in body.text or "（" in body.text else None
    if found is None or not _num(found["t"]) or _BRACKET_TARGET.search(body.text, found.end()):
        return None
    measured = _num(body.text[: found.start()])
    if measured is None:
        return None
    head = unit.span.sub(0, body.start - unit.span.start + found.start()).strip()
    pair = _pair(body.sub(found.start(), found.end()), head, "")
    if pair is None or pair.goal is None or pair.result is None:
        return None
    named = unit.label_text if unit.label is not None else clean(body.text[: measured.start()])
    title = clean(f"{named} {found.group(0)}") if named else pair.goal.title
    said = pair.goal.direction or values.words_say(found.group(0))  # "(目标3s以内)": lower
    return Pair(pair.goal.model_copy(update={"title": title, "direction": said}), pair.result)


_LIST_REACH = 40  # units a goal list may run over
_ANSWER_REACH = 60  # units after a list where its goals' results are looked for


def _listed_pairs(listed: list[Listed], later: list[Unit]) -> list[Pair]:
    """Each goal of a list with its result: said in its own item ("1) 中一篇main conference ->
    投了ACL, 中了"), else the later clause that names its measure ("Digital cards are at 850"
    for "1,200 new digital card sign-ups") and states a value or how it went."""
    out: list[Pair] = []
    open_goals: list[tuple[int, Span]] = []
    for item in listed:
        goal, said = item.goal, [c for s in item.said for c in _parts(s)]
        heads, inline = goal_unit_split(goal, listed=True)
        if inline:
            goal, said = Span(goal.line, heads[0].start, heads[-1].end), inline + said
        else:
            clauses = _parts(goal)
            for n, clause in enumerate(clauses):
                head, told = _split_inline(clause)  # "raise $8M and closed $9.2M, because …"
                if told is not None:
                    goal = Span(goal.line, goal.start, head.end)
                    said = [told, *clauses[n + 1 :], *said]
                    break
        answer = _item_answer(goal, said)
        if answer is not None and len(clean(answer.text)) < 6:  # "超额了": the sentence says it
            answer = next((s for s in item.said if s.start <= answer.start < s.end), answer)
        if answer is not None:
            tail = " ".join(c.text for c in said if c is not answer and not _num(c.text))
            pair = _pair(goal, answer, tail)
        else:
            pair = _pair(goal, None, "")
            if pair is not None:
                open_goals.append((len(out), goal))
        if pair is not None:
            out.append(pair)
    if not open_goals:
        return out
    found: list[tuple[set[str], list[Span], int]] = []
    for u in later:
        named: set[str] = set()  # "Downloads though." names what the next sentence measures
        for sentence in u.content.pieces(SENTENCE):
            clauses = _parts(sentence)
            first = next((k for k, c in enumerate(clauses) if _answers(c)), None)
            if first is not None:  # "Budget, we landed at £438k": named in the sentence
                found.append((_stems(sentence.text) | named, clauses, first))
            short = (
                first is None
                and len(sentence.text.split()) <= 3
                and len(sentence.text) <= 24
                and not CJK.search(sentence.text)  # "可用率就不用算了。" closes the topic
            )
            named = _stems(sentence.text) if short else set()
    used: set[int] = set()
    for at, goal in open_goals:
        words = _stems(goal.text) - _UNIT_STEMS
        money = bool(values.MONEY.search(goal.text))
        scores = [
            (len(words & w), k)
            for k, (w, c, n) in enumerate(found)
            if k not in used and (money or not values.MONEY.search(c[n].text))
        ]
        best = max(scores, default=(0, -1))
        if best[0] == 0 or sum(s == best[0] for s, _ in scores) > 1:
            continue  # no later sentence names this goal, or several do equally
        used.add(best[1])
        _w, clauses, n = found[best[1]]
        tail = " ".join(c.text for c in clauses[n + 1 : n + 2] if not _num(c.text))
        pair = _pair(goal, clauses[n], tail)
        if pair is not None:
            out[at] = pair
    return out


def _answers(clause: Span) -> bool:
    """A clause that could say how a goal went: a figure or a verdict word, and no goal cue."""
    text = clause.text
    return bool(_num(text) or _ANSWER.search(text) or _OVER.search(text)) and not (
        GOAL_CUE.search(text)
    )


def _stems(text: str) -> set[str]:
    """Words cut to four letters, so "opened" names "open" and "openings" too; a number, in
    figures or in words ("forty"), names nothing."""
    return {w[:4] for w in tokens(text) if not w.isdigit() and w not in _COUNTING}


_COUNTING = frozenset(w[:5] for w in NUMBER_WORDS)  # as `tokens` cuts them


_UNIT_STEMS = _stems(values.UNIT_WORDS)


def _item_answer(goal: Span, said: list[Span]) -> Span | None:
    """What a list item says about its goal: for a goal with a figure, the clause with a figure
    in its unit, else any figure ("全年跑满1万单。这个真做到了,账单显示11460单" is 11460单);
    for one without, how it went ("passed!", "没做到")."""
    figures = [c for c in said if _num(c.text)]
    words = [c for c in said if _ANSWER.search(c.text) or _OVER.search(c.text)]
    if _num(goal.text):
        return _same_unit(goal, figures) or next(iter(figures + words), None)
    if words and figures and len(clean(words[0].text)) < 6:
        return figures[0]  # "结果存了6.2万,超额了": the figure, with the words that judge it
    return next(iter(words + figures), None)


def _restated(pairs: list[Pair]) -> list[Pair]:
    """A target table that restates goals set in prose above it ("目标是: 平均等候20分钟以内"
    then "| 平均等候 | ≤20分钟 | 48分钟 |") answers those goals rather than stating new ones."""
    out: list[Pair] = []
    open_goals: list[GoalDraft] = []  # goals stated in prose with no result yet
    for pair in pairs:
        said = None
        if pair.table and pair.goal is not None and pair.result is not None:
            said = next((g for g in open_goals if _same_target(g, pair.goal)), None)
        if said is not None and pair.result is not None:
            out.append(Pair(None, pair.result, measure=said.title))
            continue
        if pair.goal is not None and not pair.table and pair.result is None:
            open_goals.append(pair.goal)
        out.append(pair)
    return out


def _same_target(prose: GoalDraft, row: GoalDraft) -> bool:
    a, b = parse_value(prose.target), parse_value(row.target)
    if a.value is None or a.value != b.value or a.unit != b.unit:
        return False
    return bool({w for w in tokens(row.title) if not w.isdigit()} & tokens(prose.title))


# --- results with no goal of their own ---------------------------------------------------------

_NO_TARGET = re.compile(
    r"\bno (?:target|goal)\b|\bnobody set (?:a|any) (?:number|target|goal)|\bwithout (?:a|any) "
    r"(?:target|goal)|\bdid(?:n'?t| not) (?:even )?(?:target|aim for|plan for) (?:this|it|that)\b"
    r"|\bwithout (?:a|any) "
    r"(?:target|goal)|没定目标|没有目标|没设目标|没有定目标|无目标|没定指标",
    re.I,
)
_MEASURED = re.compile(r"实测|测得|压测|\bmeasured\b|\bbenchmarked\b", re.I)


def _lone_results(unit: Unit, measured: bool) -> list[Pair]:
    """A measurement alone ("压测实测峰值为3000 QPS", "rating moved from 4.3 to 4.4 (no
    target)") is a result: of the goal it measures if one matches, never a goal itself. On a
    line that also states a goal, a measurement is that goal's result: read with it instead."""
    text = unit.span.text
    low = text.lower()
    if not any(w in low for w in ("target", "goal", "number", "目标", "指标", "测", "measured")):
        return []
    out: list[Pair] = []
    for sentence in unit.content.sentences() or [unit.content]:
        no_target = _NO_TARGET.search(sentence.text)
        measured_at = _MEASURED.search(sentence.text) if measured else None
        if not (no_target or measured_at) or (measured_at and GOAL_CUE.search(sentence.text)):
            continue
        end = no_target.start() if no_target else len(sentence.text)
        head = sentence.sub(0, end).strip(" (（")
        clause = next((c for c in _parts(head) if _num(c.text)), None)
        if clause is None:
            continue
        moved = values.FROM_TO.search(clause.text)
        v = _num(clause.text[moved.end() :] if moved else clause.text)
        out.append(
            Pair(
                None,
                ResultDraft(
                    title=clean(clause.text),
                    actual=v.group(0).strip() if v else None,
                    quote=clause.strip().text,
                ),
            )
        )
    return out


_MEASURED_IN = ("other", "goals", "results")
_SUBJECT = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,}")


def _measurement(unit: Unit) -> list[Pair]:
    """ "bounce ended at forty-one percent", "paid conversion reached 3.2%": a measure named,
    a result verb, then a value. Kept only when it names a goal of the notes (the results
    stage matches it by its words), so a stray number never becomes a result."""
    text = unit.content.text
    if not (RESULT_CUE.search(text) or _MOVED.search(text)) or not _value_search(text):
        return []  # most lines hold no result verb and figure at all: skip the split
    clauses = _clauses(unit.content)
    if not clauses:
        return []
    first = clauses[0]
    cue = RESULT_CUE.search(first.text) or _MOVED.search(first.text)
    subject = first.text[: cue.start()] if cue else ""
    if cue is None or _num(subject) or not _SUBJECT.search(subject):
        return []
    moved = _MOVED.search(first.text)
    v = _num(first.text[moved.end() if moved else cue.end() :])
    if v is None:
        return []
    change = _CHANGE.search(unit.content.text)  # "3k to 3.6k (so +20%)": the change is said
    actual = (change or v).group(0).strip()
    result = ResultDraft(title=clean(first.text), actual=actual, quote=first.text)
    return [Pair(None, result, measure=clean(subject))]


_MOVED = re.compile(
    r"\b(?:went )?from\s+\S*\d\S*\s+to\b|从\s*\S*\d\S*?\s*(?:到|至|提升到|降到)", re.I
)
_CHANGE = re.compile(r"(?<![\w.])[+\-−]\d+(?:\.\d+)?\s*%")


# --- a goal with its result on one line ---------------------------------------------------------

_LIST_TITLE = re.compile(
    r"\bgoals?\b|\btargets?\b|\bOKRs?\b|\bKRs?\b|key results?|目标|\bKPIs?\b|指标|考核|\bflags?\b",
    re.I,
)
_VERDICT_WORD = re.compile(
    r"✅|❌|\bdone\b|\bpartial\b|\bmissed\b|\bmet\b|达成|未达成|完成了|部分", re.I
)


_PAST = re.compile(r"(?:wrote|held|got|did|made|ran|read|[a-z]{3,}ed)\b", re.I)


# Where a result follows its goal on one line: a spaced dash, an arrow ("under 2h -> came in at
# 1h40m") or an ellipsis ("CSAT 90%+ ... we landed 86%").
_SAID = re.compile(r"\s[—–-]\s|\s*[—–]\s*|\s*(?:->|→|=>|\.{3}|…)\s*")
_MARK = re.compile(r"\s*[✅❌✔✗☑]")
_BAND = re.compile(r"\d\s*[—–-]\s*\d")
_COLON = re.compile(r"\s*[:：]\s*")
_DASH = re.compile(r"\s[—–-]\s|\s*[—–]\s*")
# A bound set on the figure before an arrow makes it the target, not a baseline moved from.
_BOUND_BEFORE = re.compile(
    r"(?:[≥≤<>]=?|\bat (?:least|most)|\bunder|\bbelow|\babove|\bover|\bmax|\bmin"
    r"|不低于|不少于|不超过|至少|最多)\s*[$¥€£]?\d[\d,.]*\s*\S*\s*$",
    re.I,
)
_FROM_END = re.compile(r"(?:\bfrom|从|由)\s*\S*\d\S*\s*$", re.I)  # not "$500/mo from DoorDash"


_BOUND_WORD = re.compile(
    r"不超过|以内|不低于|至少|以上|\bunder\b|\bat least\b|\bwithin\b|[≤≥]", re.I
)


def _labelled_answer(unit: Unit) -> bool:
    """Whether a goal line split at its colon is "goal: how it went" rather than a label."""
    if unit.label is None or unit.label_kind() is not None or not unit.content:
        return False
    first = _clauses(unit.content)[:1]
    text = first[0].text if first else ""
    target = _num(unit.label.text)
    bounded = target is not None and bool(
        re.search(r"\D", target.group(0).strip()) or _BOUND_WORD.search(unit.label.text)
    )
    return bool(
        (bounded and _num(text))  # "入园排队不超过15分钟:1号上午东门最长排到50分钟"
        or RESULT_CUE.search(text)
        or _VERDICT_WORD.search(text)
        or _ANSWER_LEAD.match(text)
        or _ANSWER.search(text)
    )


# Words of when, shared by a goal and a line about something else: "600 pre-orders this year"
# is not answered by "theirs were £6 cheaper this year".
_WHEN_WORDS = tokens("year month week quarter today tonight weekend") | tokens(
    "今年 去年 全年 本月 上月 本周 上周 季度"
)


def _same_sign(goals: list[Span], clause: Span) -> bool:
    """ "target was £2,000 for the roof. Counted tonight, £2,460 after the float came out": the
    next sentence's sum in the goal's own currency answers it."""
    sign = re.search(r"[$¥€£]", clause.text)
    return (
        sign is not None
        and len(goals) == 1
        and re.search(rf"{re.escape(sign.group(0))}\s?\d", goals[0].text) is not None
        and _num(clause.text) is not None
    )


def _answer_for(goal: Span, results: list[Span]) -> Span | None:
    """Take the result that names the goal's measure ("CTR 31%" for "search CTR up to 35%"),
    else one in the target's unit, else the next one in order."""
    if not results:
        return None
    words = {w for w in tokens(goal.text) if not w.isdigit()} - _WHEN_WORDS
    # a figure on the goal's own line answers it before a word shared with a later paragraph
    # ("I said 40 paid gigs … and it's 46", not "Eastfield paid me 90 days late")
    here = [r for r in results if r.line is goal.line] or results
    named = next((r for r in here if words & tokens(r.text)), None)
    pick = named or _same_unit(goal, here) or here[0]
    results.remove(pick)
    return pick


def goal_unit_split(body: Span, listed: bool = False) -> tuple[list[Span], list[Span]]:
    """(goal clauses, result clauses) of "cut review time to under 1 day - averaged 1.4 days",
    "注册转化率 from 18% → 22%,实际 20.5%": the result starts at a dash or at a result cue."""
    text = body.text
    dash = next(
        (m for m in _SAID.finditer(text) if not _BAND.match(text, max(0, m.start() - 1))),
        None,
    )  # "8–10%" is one target band
    mark = _MARK.search(text)
    if dash is None and mark and mark.start() > 0:
        return [body.sub(0, mark.start()).strip()], [body]  # "上线 ✅ done": the line says it
    if dash is None:
        dash = next(
            (
                c
                for c in _COLON.finditer(text)
                if _num(text[: c.start()])
                and not (
                    text[c.start() - 1 : c.start()].isdigit()
                    and text[c.end() : c.end() + 1].isdigit()
                )
                and (RESULT_CUE.match(text, c.end()) or (listed and _num(text[c.end() :])))
            ),
            None,
        )  # "deflection 25-30%: hit 27% in week 9"; in a list, "…within 48h: all 19, 14 hrs"
    if dash and not _DASH.fullmatch(dash.group(0)):
        before = body.text[: dash.start()]
        moved = values.FROM_TO.search(text)
        inside = moved is not None and moved.start() < dash.start() < moved.end()
        inside = inside and not _BOUND_BEFORE.search(before)  # ">= 95% -> 97%": said, then how
        if inside or _FROM_END.search(before) or not (_num(before) or listed):
            dash = None  # "from 18% → 22%" is one target; "Zendesk → Intercom" states none
    if dash and dash.start() > 0:
        head, tail = body.sub(0, dash.start()).strip(), body.sub(dash.end()).strip()
        return [head], _clauses(tail) if tail else []
    parts = _with_targets(_clauses(body))
    for n, part in enumerate(parts[1:], start=1):
        cue = (
            RESULT_CUE.match(part.text) or _VERDICT_WORD.match(part.text) or _PAST.match(part.text)
        )
        if cue or (RESULT_CUE.search(part.text) and _num(part.text)) or _REPORTED.match(part.text):
            return parts[:n], parts[n:]
        if _LATE.search(part.text) or _SHORT_ZH.search(part.text) or _SHORT_EN.search(part.text):
            return parts[:n], parts[n:]  # "考下证书,报了名但是考试推到10月了"
    return parts, []


# A clause that only gives the target of the clause before it: "Pipeline sourced, target $1.2M"
_TARGET_ONLY = re.compile(
    r"^\s*(?:target|goal|aim|plan|目标|计划)\s*(?:was|is|of|[:：=])?\s*[~≈<>≤≥]?\s*[$£€¥]?\d", re.I
)


# A figure read off a source, after the goal on its line: "SFDC says $1.31M as of Tuesday"
_REPORTED = re.compile(
    r"^\s*(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:says|shows|showed|reads)\s+"
    r"(?:~|about |around )?[$£€¥]?\d",
    re.I,
)


def _with_targets(parts: list[Span]) -> list[Span]:
    """Clauses, with a bare target ("target $1.2M") joined to the measure it follows."""
    out: list[Span] = []
    for part in parts:
        prev = out[-1] if out else None
        if prev is not None and prev.line is part.line and _TARGET_ONLY.match(part.text):
            if not _num(prev.text):
                out[-1] = Span(prev.line, prev.start, part.end)
                continue
        out.append(part)
    return out


def _goal_unit_pairs(unit: Unit, answer: Unit | None = None, listed: bool = False) -> list[Pair]:
    if answer is not None:
        goals, said = _clauses(unit.content), _clauses(answer.content)
    elif _labelled_answer(unit):
        goals, said = [unit.label.strip()], _clauses(unit.content)  # type: ignore[union-attr]
    elif unit.label is not None and (score := _measured_score(unit)):
        # "总分:冲380 → 373": the label names the measure, the arrow parts target from actual
        at = unit.content.start - unit.span.start
        goals = [unit.span.sub(0, at + score.end("g")).strip()]
        said = _clauses(unit.content.sub(score.start("r")))
    else:
        goals, said = goal_unit_split(unit.content, listed)
    if not said:
        return []
    pieces = [p for g in goals for p in _split_and(g)]
    valued = [c for c in said if _num(c.text) or RESULT_CUE.search(c.text)] or said[:1]
    out: list[Pair] = []
    left = list(valued)
    for g in pieces:
        r = _answer_for(g, left) if len(pieces) > 1 else _in_its_unit(g, left)
        tail = " ".join(c.text for c in said if c is not r and not _num(c.text))
        pair = _pair(g, r, tail)
        if pair:
            out.append(pair)
    return out


def _in_its_unit(goal: Span, said: list[Span]) -> Span | None:
    """The clause answering a lone goal: the first stating a value in the target's unit, else
    the first ("定的6成 → 实际来了108个,41%左右" is answered by 41%); taken from `said`."""
    if not said:
        return None
    pick = _same_unit(goal, said) or said[0]
    said.remove(pick)
    return pick


def _unit_of(goal: Span) -> str | None:
    want = _value(goal.text)
    return parse_value(want.group(0)).unit if want else None


def _same_unit(goal: Span, said: list[Span]) -> Span | None:
    unit = _unit_of(goal)
    for clause in said if unit else []:
        found = _value(clause.text)
        if found and parse_value(found.group(0)).unit == unit:
            return clause
    return None


# --- tables -----------------------------------------------------------------------------------


_ROW_MARK = {"✅": "met", "✔": "met", "☑": "met", "❌": "missed", "✗": "missed", "部分": "partial"}


def row_mark(cells: list[Span]) -> str | None:
    """The tick or cross a row's cells give its goal ("| 下单页入口 | 全量上线 | 全量 | ✅ |",
    "| 适老化改造 | 通过验收 | 6.17一次通过 ✅ |"), or "部分" alone in a notes column."""
    for cell in cells:
        said = cell.text.strip()
        if not said:
            continue
        found = {v for k, v in _ROW_MARK.items() if (k in said if len(k) == 1 else said == k)}
        if len(found) == 1:
            return found.pop()
    return None


def _table_pair(header: list[str], unit: Unit) -> Pair | None:
    """A row of a table whose header names a target and an actual column."""
    cells = unit.cells or []
    t_col = a_col = None
    first_names = len(header) > 2 and any(cues.TARGET_COLUMN.search(h) for h in header[1:])
    for n, name in enumerate(header):
        if n == 0 and first_names:
            continue  # "| 目标 | 计划 | 实际 |": the first column names the goal
        if a_col is None and cues.ACTUAL_COLUMN.search(name):
            a_col = n
        elif t_col is None and cues.TARGET_COLUMN.search(name):
            t_col = n
    if t_col is not None and a_col is None and first_names and len(header) == 3:
        a_col = 3 - t_col  # "| Goal | Target | Where I ended up |": the column left is the outcome
    if t_col is None or a_col is None or max(t_col, a_col) >= len(cells):
        return None
    graded = [n for n, h in enumerate(header) if n < len(cells) and cues.STATUS_COLUMN.match(h)]
    m_col = next(
        (n for n in range(len(cells)) if n not in (t_col, a_col) and n not in graded), None
    )
    # "| 想做到的 | 实际 |" over "| 半年流水做到15万 | 13.2万 |", "| Target | Where we landed |
    # RAG |": the goal cell names itself
    metric = cells[t_col if m_col is None else m_col]
    target, actual = cells[t_col], cells[a_col]
    title = name = clean(metric.text)
    if not title or not clean(target.text) or not clean(actual.text):
        return None
    if len(title) <= 3 and metric is not target:  # "冰箱" alone names no goal: "冰箱 目标(台) 70"
        title = f"{title} {header[t_col]} {clean(target.text)}"
    row = Span(metric.line, cells[0].start, cells[-1].end)
    grade = cells[graded[0]].text.strip() if graded else ""  # "❌" is all some grades say
    stated = cues.RAG.get(grade.lower()) or (answered(grade) if grade else None)
    verdict = date_verdict(target.text, actual.text)
    if verdict is None and not _value(target.text):
        # "| Pass the exam | May sitting | passed!! |", "| 客诉零升级 | 两单升级 | ❌ |"
        verdict = answered(actual.text) or stated
        if verdict is None:
            return None
    if verdict is not None:  # "| 上线时间 | 5月20日 | 6月3日 |": dates, not numbers
        dated = GoalDraft(title=title, metric=name, direction="binary", quote=row.text)
        result = ResultDraft(
            title=name, actual=clean(actual.text), stated_verdict=verdict, quote=row.text
        )
        return Pair(dated, result, table=True)
    goal = goal_from_span(target, None)
    if goal is None:
        return None
    goal = goal.model_copy(
        update={
            "title": title,
            "metric": name,
            "quote": row.text,
            "target": goal.target or clean(target.text),
            "direction": cell_direction(goal.direction, name, target.text),
        }
    )
    result = ResultDraft(
        title=name, actual=clean(actual.text), stated_verdict=stated, quote=row.text
    )
    return Pair(goal, result, table=True)


# --- prose ------------------------------------------------------------------------------------

GOAL_CUE = re.compile(
    r"原计划|原定|计划|目标|要求|预期|预算|约定|定的|KPI|OKR|\bKR\d?\b"
    r"|(?<!\bon )\bplan(?:ned)?\b|\btarget(?:ed|s)?\b|\bgoals?\b|\baim(?:ed|ing)?\b|\bsupposed to\b"
    r"|\bset out to\b|\bbudget(?:ed)?\b|\bexpected\b|\bpromised\b|\bwanted to\b|\bOKR\b"
    r"|(?<!\bthan )\b(?:we|I) (?:wanted|hoped|committed)\b"
    r"|\bhoped to\b|\bcommitted to\b|\bsigned up for\b"
    r"|\btold (?:myself|ourselves)\b"  # "I told myself thirty-five percent after costs"
    r"|希望|承诺|底线|规定|\bthings? (?:we )?agreed\b|\bagreed targets?\b"
    # said in talk: "we said 300 hackers", "was meant to be 70%", "we were hoping for 80%"
    r"|\b(?:we|I)(?:'d| had)? (?:said(?! (?:yes|no|that)\b)|hoped for|promised)\b"
    r"|\b(?:was|were) meant to\b|\bhoping for\b|\b(?:were|was|we're) going for\b"
    r"|\bpencill?ed (?:in )?for\b|说好|本来想|原本想|原来想|原先想|想着|不低于|不少于|不超过|不高于"
    r"|(?:当时|当初)说(?=[^,，。]{0,12}(?:前|之前|以内|内)(?:完工|完成|上线|交付|弄完|做完|搞定))"
    r"|合同(?:里|上)?写(?:的|着|明)"  # "维保合同写的困人30分钟内到场"
    r"|(?:原来|本来|原本|原先|当初)说(?:要|是)?(?=[冲做拿卖招收达到])"  # "储值卡充值原来说冲8万"
    # a requirement: "had to be at least 99.5%", "needed to stay under 2s"
    r"|\b(?:had|has|have|needed|needs) to (?:be|stay|hit|reach)\b|\bmust (?:be|stay)\b"
    # the brief set before: "the brief was: …", "success looked like: …"
    r"|\bthe brief was\b|\bsuccess (?:looked|looks|would look) like\b",
    re.I,
)
# Most lines hold none of the words any goal cue needs: those skip the full pattern.
_GOAL_GATE = Gated(GOAL_CUE)
RESULT_CUE = re.compile(
    r"实际|做到了?|目前|现在|最后|最终|结果|只有|只写了|才|已经|累计|涨了|达到了"
    r"|\blanded\b|\bended\b|\bin the end\b|\bfinal (?:is|was|came)\b|\bcame in\b|\bmeasured\b"
    r"|\bcame back (?:at|with)\b|\breported [$£€]?\d|\bthe real (?:figure|number) (?:is|was)\b"
    r"|\bactual(?:ly)?\b|\bwe'?re at\b"
    r"|\bwe are at\b|\bgot to\b|\bsits? at\b|\bspent\b|\baveraged\b|\bis at\b|\bnow\b"
    r"|\breached\b|\bhit\b|\bwent (?:out|live)\b|\bshipped\b|\bfinished\b|\bclosed at\b"
    r"|\bgot (?:it|them|that|this) (?:down |up )?to\b|\b(?:we|I) got \d|\bcame out (?:at|to)\b"
    r"|\b(?:we|I) (?:signed|closed|raised|sold|ran|did|made|counted) (?:at |on )?[$£€]?\d"
    r"|\b(?:opened|released|launched|delivered|completed)\b|\b(?:is|are) live\b"
    r"|交付了|上线了|完成了|达成率|完成率|截至|截止|平均(?:下来|是|为)?\s*\d"
    r"|推到了?|推迟到|延到|拖到|\bpushed (?:back )?to\b|\bslipped to\b"  # the day it moved to
    r"|签下来|算出来|弄好了|搞定了|全合格|这回是|这次是|最高(?:一天|那天)|掉到|做完"
    r"|出来(?:的)?(?:是|了)\s*\d|弄完了"  # "二季度出来是90.6", "6月20号就弄完了"
    r"|^\s*[^\d\s,，]{1,3}了\s*(?:\d|一?半)"  # "读了 31 篇", "花了 3100"
    r"|^\s*(?:只|才|一共|总共)?完成\s*\d",  # "计划34点,完成29": the plan, then what was done
    re.I,
)
_VALUE = re.compile(
    r"\d+\s*h\s*\d+\s*m(?:in)?\b|\d+h\d{2}(?![\d:.])|\d+\s*小时\s*\d+\s*分钟?|\d+\s*分\s*\d+\s*秒|(?:(?<![\w.])[+\-−])?[$¥€£]?(?<![A-Za-z0-9_.])\d+(?:,\d{3})*(?:\.\d+)?\s*(?:%|percent\b|pp\b|ms\b|毫秒|秒|分钟|小时|天|mins?\b|minutes?\b|hours?\b"
    r"|days?\b|weeks?\b|(?<=\d)[sh]\b|[万千亿]|[kKM]\b|成(?![本功员立交果绩]))?"
    r"|(?<![a-z])(?:"
    + "|".join(
        (
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
        )
    )
    + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\s+percent\b",
    re.I,
)
# A word every number written out with a tens word, a scale, a point or a half ends one of:
# only a text holding one is searched for "Five thousand downloads", "sixty grand".
_SPELLED_HINT = re.compile(r"ty\b|hundred|thousand|grand|point|half", re.I)


def _value_search(text: str) -> re.Match[str] | None:
    """The first value in the text, in figures or written out in words."""
    found = _VALUE.search(text)
    if _SPELLED_HINT.search(text):
        spelled = SPELLED.search(text)
        if spelled and (found is None or spelled.start() < found.start()):
            found = spelled
    if _CN_SCALE.search(text):
        for cn in CN_SPELLED.finditer(text, 0, found.start() if found else len(text)):
            if cn_spelled_value(cn.group(0)) is not None:
                return cn
    return found


_CN_SCALE = re.compile(r"[十百千万亿成]")


_DATE = re.compile(
    r"\d{1,2}\s?月\d{1,2}[日号]|\d{1,2}\s?月(?:底|初|中)|\d{1,2}\s?月份?(?!\d)|"
    rf"\b{MONTH} \d{{1,2}}(?!\d)(?:st|nd|rd|th)?"  # a month is a word: "maybe 80" is no date
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?\b{MONTH}"
    r"|\bthe \d{1,2}(?:st|nd|rd|th)\b",  # "live by the 12th": a day of the month in question
    re.I,
)
# Read only where a goal names a date: "原定13号灰度" (a day of this month), "说好6.1前上架".
_SHORT_DATE = re.compile(
    r"(?<![\d月./])(?P<day>\d{1,2})[号日](?![线楼店机位门台床库仓院区馆厅栋层车])"
    r"|(?<![\d.])(?P<m>1[0-2]|0?[1-9])\.(?P<d>3[01]|[12]\d|0?[1-9])(?=\s*(?:前|之前|号|日|上线|上架|才|就))"
)
# A chat stamp's date ("2026/09/29 20:13") is when a line was said, not a figure it states.
_STAMP = re.compile(r"\b\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b")
_SHORT_EN = re.compile(
    r"short of|not quite|below (?:target|plan|goal)|missed|fell short|didn'?t (?:happen|make it"
    r"|get there|hit|stick|get (?:it )?done)|did not (?:happen|make|hit|get)|never (?:got|happened"
    r"|shipped|started)|not (?:yet )?started|haven'?t started|\bgave up\b"
    r"|\bdropped (?:it|this)\b|\bnot done\b|\bnope\b"
    r"|\b(?:isn'?t|wasn'?t|aren'?t|not) (?:done|finished)\b|\bdid(?:n'?t| not) finish\b",
    re.I,
)
_SHORT_ZH = re.compile(
    r"❌|✗|差一点|还差|没达到|未达|没完成|没有完成|没做到|没达成|没坚持|没能|没开始|落空|泡汤|放弃了|不到|只有"
    r"|没守住|没保住"
)
_OVER = re.compile(r"超额|超出预期|beat|exceeded|above (?:target|plan)", re.I)
_DONE = re.compile(
    r"✅|✔|☑|\b(?:is|are) live\b|\bshipped\b|\bwent live\b|\blaunched\b|\bdone\b"
    r"|\bnailed\b|\bmade it\b|\bdelivered\b|\bcompleted\b|\bpassed\b|\bcame through\b"
    r"|\b(?:we|I) did (?:that|it)\b|\bgot there\b|\bpulled it off\b|\bhad it (?:by|in|before)\b"
    r"|上线了|完成了|做完了|做到了|达成(?!率)|搞定|拿下|实现了|(?<!没)守住了|(?<!没)保住了"
    rf"|(?<![没未能]){values.ON_TIME}"
    r"|(?<!not )\bon (?:time|schedule)\b",
    re.I,
)
_LATE = re.compile(
    r"\blate\b|later than|delayed|slipped|pushed (?:to|back)|延期|推迟|延迟|晚了|推到|延到|拖到"
    r"|\b(?:days?|weeks?|months?) (?:after|behind)\b",  # "went live three weeks after kick-off"
    re.I,
)
# How a goal with no number of its own was answered ("做到了", "didn't happen", "推到10月了").
_PARTLY = re.compile(r"^\s*(?:mostly|partly|partially)\b\W*$", re.I)  # "mostly??"
_ANSWER = re.compile(
    f"{_SHORT_EN.pattern}|{_SHORT_ZH.pattern}|{_DONE.pattern}|{_LATE.pattern}|{_PARTLY.pattern}",
    re.I,
)
# The words an answer after "goal: …" starts with ("基本只坚持了…", "only 2 of 3 …").
_ANSWER_LEAD = re.compile(r"基本|算|只|没|未|还没|\bonly\b|\bstill\b|\bnot\b|\bmostly\b", re.I)
_HALF = re.compile(r"一半|\bhalf (?:of )?the (?:time|days|weeks)\b", re.I)
# "8/19 上线": a month and day in figures answers a date target.
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/])")


def _value(text: str) -> re.Match[str] | None:
    return _value_search(text)


_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b\d{1,2}:\d{2}\b|(?<!\d)(?:[01]?\d|2[0-4])点", re.I
)  # "34点" is story points, not a time


def _num(text: str) -> re.Match[str] | None:
    """A value that is not part of a date ("3月底" is a date, not the number 3)."""
    masked = _STAMP.sub(lambda m: " " * len(m.group(0)), text)
    masked = _DATE.sub(lambda m: " " * len(m.group(0)), masked)
    masked = _DOTTED_SPAN.sub(lambda m: " " * len(m.group(0)), masked)  # "迭代(7.6-7.17)"
    masked = _CLOCK.sub(lambda m: " " * len(m.group(0)), masked)  # "after 8pm" is a time
    if "号" in masked or "日" in masked:  # "1号上午" is a day
        masked = _DAY_OF_MONTH.sub(lambda m: " " * len(m.group(0)), masked)
    return _value_search(masked)


_DOTTED_DAY = r"(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9])"
_DOTTED_SPAN = re.compile(rf"(?<![\d.]){_DOTTED_DAY}\s*[-~～–—至到]\s*{_DOTTED_DAY}(?![\d.])")
_DAY_OF_MONTH = re.compile(
    r"(?<![\d月.])\d{1,2}[号日](?=上午|下午|晚上|早上|凌晨|中午|当天|那天|以后|之后|起|开始)"
)


_NO_GOAL = re.compile(r"(?:\bno|\bnot|\bwithout|没有|没|无|不设)\s*(?:a\s+|any\s+|real\s+)?$", re.I)
_TARGET_REF = re.compile(
    r"\b(?:against|vs\.?|versus|short of|under|over|above|below|beat|missed|met|hit)\s+"
    r"(?:the|our|a|its)\s+(?:[^,;]{0,24}?\s)?(?:target|goal|plan)\b"
    r"|[(（]\s*(?:目标|计划|target|goal|plan)"
    # "57% of target", "比计划多了6户", "比公司要求的90%高": a result measured against the goal
    r"|(?:%|percent) of (?:the |our )?(?:target|goal|plan)\b"
    # ("比预算的15块低" names the target itself: a goal)
    r"|比(?:原|我们|公司|当初)?(?:计划|目标|要求|预期|预算|原定|定的)[^\d,，。;；]{0,4}?"
    r"(?:多|少|快|慢|高|低|超|差|省|晚|早)",
    re.I,
)
# "So, what we signed up for.", "Going in I had four things agreed with Marco."
_ANNOUNCES_LIST = re.compile(
    r"(?:signed up for|things? (?:we )?agreed(?: (?:on|with) \w+)?|we set ourselves"
    r"|(?:goals|targets) (?:were|was))\s*[.。]?$",
    re.I,
)
_LIST_CUE = re.compile(
    r"(?:目标|要求|goals?|targets?|KPI|OKR|signed up for)s?\s*(?:是|为|were|are|was|is)?\s*[:：]"
    r"|(?:规定|要求|目标是|计划是)\s*$"
    # a sentence that announces the goals the next one lists
    rf"|{_ANNOUNCES_LIST.pattern}",
    re.I,
)
# "预案规定, 故障应在30分钟内恢复": a clause that only leads to the goal after it
_LEADS_TO_GOAL = re.compile(r"(?:规定|要求|目标是|计划是)\s*$")
# What should be, not what was: "故障应在30分钟内恢复", "must be signed off by Friday".
_NORM = re.compile(r"应(?:在|该|当)|必须|不得|\b(?:must|should|shall) (?:be|have)\b", re.I)
# A clause that announces what follows ("结果如下:", "as follows") states no result itself.
_ANNOUNCES = re.compile(r"如下\s*[:：]?\s*$|\bas follows\b|\bbelow\s*[:：]?\s*$", re.I)


def _goal_clause(text: str) -> bool:
    """A clause that states a goal: a goal cue, not after a result cue, with a value or a list."""
    cue = GOAL_CUE.search(text)
    if not cue or RESULT_CUE.search(text[: cue.start()]) or _NO_GOAL.search(text[: cue.start()]):
        return False
    if _TARGET_REF.search(text) or values.TARGET_PAREN.search(text):
        return False  # "2.9% against the 3.0% target": a result that names its target
    return bool(
        _num(text)
        or _DATE.search(text)
        or _LIST_CUE.search(text)
        or _time_target(text[cue.end() :])
        or _worded_goal(text)
    )


# A target in words, not figures, set by a goal's own words: "the goal was zero duplicate
# charges", "we promised nobody gets left on the pier", "every child reading at 'expected'",
# "we wanted half of bookings via the website form" (not "every year", "an hour and a half")
_WORDED = re.compile(
    r"\b(?:zero|nobody|no one|none of|half of|a (?:third|quarter|fifth) of"
    r"|every (?!(?:year|day|week|month|time|single|payday|morning|night|other)\b)\w+"
    # a count of things in words: "all three pilot stores", "six guests", "one workshop a month"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?= (?!of\b|or\b|and\b|to\b|more\b|days? ago\b)[a-z]))\b"
    r"|零|所有|每(?:个|位)|全部|一半|三分之一|四分之一",
    re.I,
)
_SETS_GOAL = re.compile(
    r"\b(?:goal|target|aim|objective|idea|plan|brief|promise) (?:was|is)\b"
    r"|\b(?:we|I)(?:'d| had)? (?:wanted|hoped|aimed|promised|swore|committed)\b"
    r"|\b(?:was|were) (?:supposed|meant) to\b|目标|要求|说好|原计划|原定"
    # "We said zero bricked labels", "I said I'd take two weeks off", not "we said thanks"
    r"|\b(?:we|I)(?:'d| had)? said (?=(?:we|I)(?:'d| would)\b|zero\b|no more than\b"
    r"|at least\b|under\b|over\b|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|(?:a (?:third|quarter|fifth)|half|every|nobody|no one|all)\b)"
    r"|\b(?:I was|we were) going to\b",
    re.I,
)


def _worded_goal(text: str) -> bool:
    cue = _SETS_GOAL.search(text)
    return cue is not None and _WORDED.search(text, cue.end()) is not None


# What a time of day can be the target of: a start, an opening, an end, an arrival ("the start
# was meant to be 9:00 sharp", "supposed to land 18:30"), not a call or a meeting set for then.
_AT_TIME = re.compile(
    r"\b(?:start|begin|open|doors|kick-?off|finish|end|wrap|done|close|land|arriv|live|leav|depart"
    r"|sharp|by)|开始|开门|开场|结束|完成|收工|截止|之前|前",
    re.I,
)


def _time_target(text: str) -> int | None:
    """A time of day a goal is set for: the clock time of a clause naming a start or an end."""
    return _clock(text) if _AT_TIME.search(text) else None


def _clock(text: str) -> int | None:
    """The first time of day in the text, in minutes after midnight ("9:26", "6pm", "18点")."""
    m = _CLOCK.search(text)
    if m is None:
        return None
    parts = re.match(r"(\d{1,2})(?::(\d{2}))?\s?(am|pm|点)?", m.group(0), re.I)
    if parts is None:
        return None
    hour, minute = int(parts.group(1)), int(parts.group(2) or 0)
    if (parts.group(3) or "").lower() == "pm" and hour < 12:
        hour += 12
    return hour * 60 + minute


def _direction(metric: str, found: str | None) -> str | None:
    """Lower is better for latency, cost and time, whatever verb the sentence used."""
    if found in (None, "higher") and values.LOWER_METRIC.search(metric):
        if values.words_say(metric) != "higher" or found is None:
            return "lower"
    return found


_CLAUSE = re.compile(
    r"[，;；。]|,(?!\d{3}(?!\d))|(?<=[A-Za-z%])\.\s+"
    rf"|{values.MARK_END.pattern}"
    # "£14,620 against the £18k we'd hoped for": the result, then the goal it is held against
    r"|\s(?=(?:against|vs\.?|versus)\s+(?:the|our|a|an)\s+[$£€¥]?\d[^,;]{0,24}?"
    r"(?:\b(?:we|I)(?:'d| had)? (?:hoped|wanted|aimed|budgeted|planned|targeted|promised|set)"
    r"|\b(?:target|goal|plan)\b))"
)  # "1,200" is one number, not two clauses; "812万 ✅ 峰值 3.8万": a mark ends a clause


def _parts(span: Span) -> list[Span]:
    return span.split(_CLAUSE)


def _clauses(span: Span) -> list[Span]:
    return [c for s in span.sentences() for c in _parts(s)]


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PART = {"初": 5, "中": 15, "底": 31}


def _date(text: str) -> tuple[int, int] | None:
    """(month, day) of the first date in the text: notes compare dates within one year."""
    m = _DATE.search(text)
    if not m:
        return None
    written = m.group(0).lower()
    zh = re.match(r"(\d{1,2})月(\d{1,2}|[初中底])", written)
    if zh:
        day = zh.group(2)
        return int(zh.group(1)), _PART.get(day) or int(day)
    day_m = re.search(r"\d{1,2}", written)
    if written.startswith("the "):
        return (0, int(day_m.group(0))) if day_m else None  # "by the 12th": this month
    month = next((n + 1 for n, name in enumerate(_MONTHS) if name in written), None)
    return (month, int(day_m.group(0))) if month and day_m else None


def _prose_pairs(
    unit: Unit, following: list[Unit], taken: set[int], in_results: bool = False
) -> list[Pair]:
    """Goals a sentence states by cue and the results after them; under a results heading a
    clause after the goal ("要求99.9%,盘点下来99.92%") is its result, not a second goal."""
    labelled = unit.label is not None and GOAL_CUE.search(unit.label.text)
    body = unit.span if labelled else unit.content  # "约定的目标:…" — the cue is the label
    sentences = _semicolon_lists(body.sentences() or [body])
    out: list[Pair] = []
    i = 0
    while i < len(sentences):
        clauses = _parts(sentences[i])
        start = next((n for n, c in enumerate(clauses) if _goal_clause(c.text)), None)
        if start is None:
            pair = _done_at_once(clauses)
            out += [pair] if pair else []
            i += 1
            continue
        goals: list[Span] = []
        rest: list[Span] = []
        answered = False  # "the aim was every bag on its flight -> 17 left": said, then how it went
        listed = bool(_LIST_CUE.search(clauses[start].text))
        # "目标是: A; B; C。": every item of a list set off by semicolons is a goal
        semi = listed and bool(re.search(r"[;；]", sentences[i].text))
        for c in clauses[start:]:
            if not goals and not rest and _LEADS_TO_GOAL.search(c.text) and not _num(c.text):
                continue
            if not goals and not rest and listed and _ANNOUNCES_LIST.search(c.text):
                continue  # "Going in I had three things agreed with Priya": the list follows
            has = _num(c.text) or _DATE.search(c.text) or (listed and (not goals or semi))
            has = has or (not goals and _time_target(c.text) is not None)
            has = has or (not goals and _worded_goal(c.text))
            if in_results and goals and not GOAL_CUE.search(c.text):
                has = False
            said_so = goals and (
                RESULT_CUE.search(c.text)
                or _TOLD.match(c.text)
                or _PERIOD_WAS.match(c.text)
                or _ELIDED.match(c.text)  # "We planned around 31 trucks, had 26"
                or _CLOCKED_SPAN.search(c.text)  # "恒达从19:54接电话到20:32": how long it took
            )
            if not rest and (has or listed) and not said_so:
                goal, said = _split_inline(c)
                goals.extend(_split_and(goal))
                if said is not None:
                    rest.append(said)  # "planned July 1 and went live July 3": result follows
                    answered = answered or bool(_ARROW.search(c.text) or _TOLD.match(said.text))
            else:
                rest.append(c)
        if not answered and not any(
            _num(g.text) or _DATE.search(g.text) or _time_target(g.text) or _worded_goal(g.text)
            for g in goals
        ):
            i += 1  # "转型动机与目标: …" names no target: no goal to measure
            continue
        if start == 1 and len(goals) == 1 and _MEASURE_NAME.fullmatch(clauses[0].text.strip()):
            # "体验夜到场率,我们自己定的6成": the measure named first belongs to the goal
            goals = [Span(goals[0].line, clauses[0].start, goals[0].end).strip()]
            start = 0
        before = clauses[:start]
        later = [c for s in sentences[i + 1 : i + 3] for c in _parts(s)]
        following_sentence = _parts(sentences[i + 1]) if i + 1 < len(sentences) else []
        next_sentence = following_sentence[:1]
        named = tokens(" ".join(g.text for g in goals))
        for u in following:
            if id(u) not in taken and u.cells is None and not GOAL_CUE.search(u.content.text):
                later.extend(c for c in _clauses(u.content) if not _other_measure(c, named))
        results = [
            c
            for c in rest + later
            if not GOAL_CUE.search(c.text)
            and not _ANNOUNCES.search(c.text)
            and not _NORM.search(c.text)
            and (
                RESULT_CUE.search(c.text)
                or (c in rest and (_num(c.text) or _clock(c.text) is not None))
                or (_num(c.text) and not _MOVED.search(c.text) and _names_goal(c, named))
                or (c in next_sentence and _IT_DID.match(c.text) and _num(c.text))  # "It's up 19%"
                or (c in following_sentence and _same_sign(goals, c))
            )
        ]
        results = results or [c for c in reversed(before) if _num(c.text)][:1]
        if not results and i > 0 and len(goals) == 1:
            # "some people waited 40 mins in the rain. We promised 10 min max": told just before
            just_before = _same_unit(
                goals[0],
                [
                    c
                    for c in _parts(sentences[i - 1])
                    if _num(c.text)
                    and not GOAL_CUE.search(c.text)
                    and not _BOUND_WORD.search(c.text)
                ],
            )
            unit_known = _unit_of(goals[0]) is not None
            results = [just_before] if just_before is not None and unit_known else []
        pool = rest + later
        dated = [c for c in results if _DATE.search(c.text) or _SHORT_DATE.search(c.text)]
        # a dated clause with a figure ("实际2月份做到了83.5%") still answers a goal of figures
        plain = list(results)
        for g in goals:
            r: Span | None
            if _date_target(g) is not None:
                told = dated or [c for c in reversed(before) if RESULT_CUE.search(c.text)]
                told = (
                    told or [c for c in later if _LATE.search(c.text) or _DONE.search(c.text)][:1]
                )  # "We went live on the 20th, so almost three weeks late"
                r = told[0] if told else None
                if r in dated:
                    dated.remove(r)
            else:
                r = _answer_for(g, plain)
            k = pool.index(r) + 1 if r is not None and r in pool else len(pool)
            after = pool[k : k + 1]  # "…, not quite" / "…,还差一些" speaks of this result only
            tail = " ".join(c.text for c in after if not _num(c.text))
            pair = _pair(g, r, tail)
            if pair:
                out.append(pair)
        i += 1
    return out


# After a goal, a clause that opens on who or what did it tells how it went: "we were hoping
# for 80%, it came back 91%", "we said 150, we've got 3".
_TOLD = re.compile(
    r"(?:and |but |so |then )?(?:(?:it|we|they|that|which)(?:'s|'ve|'re| is| are| was| were"
    r"| got| made| came| went| did| ended| hit| had| took| sold| raised| signed| booked| reached"
    r"| pulled in)"
    r"|(?-i:[A-Z][a-z]+) (?:says|reckons|counted|measured))\b",
    re.I,
)


# The sentence after a goal opening on what it did: "It's up 19%", "It dropped to 9.8%".
_IT_DID = re.compile(
    r"(?:and |but |so )?(?:it|they|that|we)(?:'s|'re| is| are| was| were| \w+ed| fell| rose"
    r"| grew| got| hit| came| went| made| did| sold| took)\b"
    r"|(?:and |but |so )?I (?:did|got|hit|made|sold|ran|shot|booked|landed|managed|finished"
    r"|ended|reached|raised|read|wrote)\b",  # "I'd aimed for forty-five shoots. I did fifty-two"
    re.I,
)


# A goal with no figure, set in so many words and answered in the same sentence: "I wanted one
# regular theatre contract …, and the Civic thing came through", "本来想把通史啃完,最后也做到了".
_WANTED = re.compile(
    r"^\W*(?:(?:and|so|also|but),?\s+)?(?:(?:we|I)(?:'d| had)? (?:wanted|hoped|aimed|promised)"
    r"|the (?:idea|plan|aim|goal) was|(?:we|I) (?:was|were) (?:supposed|meant) to)\b"
    r"|(?:本来|原本|原来|当初)(?:想|打算)|说好(?:了)?要",
    re.I,
)
_WANTS = re.compile(r"\b(?:we|I)(?:'d| had)? (?:wanted|hoped|aimed|promised)\b|本来想|原本想", re.I)
_DID_IT = re.compile(
    r"\b(?:we|I|they) (?:did (?:that|it)|managed (?:that|it)|got there|pulled it off)\b"
    r"|\bcame through\b|(?:也|都)?做到了|搞定了|实现了",
    re.I,
)


def _done_at_once(clauses: list[Span]) -> Pair | None:
    """The goal with no figure a sentence sets and says was done in the same breath."""
    for n, clause in enumerate(clauses[:-1]):
        if not _WANTED.search(clause.text) or _num(clause.text) or _DATE.search(clause.text):
            continue
        for answer in clauses[n + 1 : n + 3]:
            if _DID_IT.search(answer.text):
                return _pair(clause, answer, "")
        return None
    return None


# After a goal, a stretch between two clock times tells how long it took, it sets nothing.
_CLOCKED_SPAN = re.compile(
    r"\d{1,2}[:：]\d{2}[^,，。;；]{0,12}?(?:到|->|→|–|-|to|until)[^,，。;；]{0,8}?\d{1,2}[:：]\d{2}"
)


# After a goal, a clause whose subject is left out, opening on what happened and a figure:
# "had 26", "got 11 and 13", "signed up 38".
_ELIDED = re.compile(
    r"\s*(?:and |but |then )?(?:had|got|hit|reached|managed|sold|took|did|signed(?: up)?|raised"
    r"|booked|closed|landed(?: at| on)?|ended(?: up)?(?: at| on| with)?)\s+(?:only |just )?\d",
    re.I,
)


# After a goal, a clause naming a stretch of time and what it came to: "2月是3起", "上周只有12单".
_PERIOD_WAS = re.compile(
    r"^\s*(?:\d{1,2}\s?月份?|[上这本]个?(?:月|周|季度)|今年|全年|当月|当周)"
    r"(?:[^\d,，。]{0,3}?)(?:是|有|只有|才|就|一共|共|实际|平均(?:下来)?|均)\s*\d"
)


# A measure's name on its own before the goal that sets it: "体验夜到场率", "open rate".
_MEASURE_NAME = re.compile(r"[^\d,，。;；:：!?！？]{2,12}?(?:率|量|数|额|占比|rate|share|count)")


def _semicolon_lists(sentences: list[Span]) -> list[Span]:
    """Sentences with a list set off by semicolons ("目标是: A; B; C。") joined into one, and a
    sentence announcing goals joined to the one that lists them."""
    out: list[Span] = []
    for sentence in sentences:
        prev = out[-1] if out else None
        after = prev.line.text[prev.end : sentence.start].strip() if prev else ""
        announced = (
            prev is not None
            and len(prev.text) <= 60
            and not _num(prev.text)
            and bool(_LIST_CUE.search(prev.text))
        )
        if prev and sentence.line is prev.line and (after[:1] in (";", "；") or announced):
            out[-1] = Span(sentence.line, out[-1].start, sentence.end)
        else:
            out.append(sentence)
    return out


def _names_goal(clause: Span, goal_words: set[str]) -> bool:
    """ "CTR 31%" after "search CTR up to 35%": a figure under a word of the goal's measure."""
    return bool({w for w in tokens(clause.text) if not w.isdigit()} & goal_words)


def _other_measure(clause: Span, goal_words: set[str]) -> bool:
    """ "CPU load ended at 70%" on the line after "get NPS to 45" measures something else: it
    names a measure before its result verb, and no word of it is in the goal."""
    cue = RESULT_CUE.search(clause.text)
    if cue is None:
        return False
    words = tokens(clause.text[: cue.start()])
    return bool(words) and not words & goal_words


# a clause that says what happened: "six showed up", "we only got 40", "1,047 crossed the line"
_DID = re.compile(
    r"(?:only |just |then |in the end |we |they |it )*(?:[\w,.]+ ){0,2}?"
    r"(?:showed up|turned up|came|did|got|made|[a-z]{3,}ed)\b",
    re.I,
)
_COUNT_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|none|nobody)\b",
    re.I,
)
# "and" inside a number written out ("a hundred and twenty", "four and a half") joins no goals
_AND = re.compile(r"(?<!\bhundred)(?<!\bthousand)\s+and\s+(?!a half\b)|\s*\+\s*|以及|并且")


def _split_inline(clause: Span) -> tuple[Span, Span | None]:
    """Cut "we planned to launch on July 1 and went live on July 3" at its result cue."""
    cue = GOAL_CUE.search(clause.text)
    said = RESULT_CUE.search(clause.text, cue.end()) if cue else None
    arrow = _ARROW.search(clause.text, cue.end()) if cue else None
    if arrow and (said is None or arrow.start() < said.start()):
        said = arrow  # "the aim was every bag on its flight -> 17 bags left behind"
    rest = clause.text[said.end() if said is arrow else said.start() :] if said else ""
    if said is not None and not (_num(rest) or _DATE.search(rest)):
        said = None  # "hoped for 100 signups and it's at 260ish now": the cue ends the clause
    if said is None and cue is not None:  # "we planned on 20 volunteers and six showed up"
        parts = clause.split(_AND)
        told = next((p for p in parts[1:] if _TOLD.match(p.text)), None)
        if told is not None and parts[0].end > cue.end():  # "we said 30 min and we made it"
            return clause.sub(0, told.start - clause.start).strip(" ,and"), told
        if len(parts) == 2 and parts[0].end > cue.end() and _DID.match(parts[1].text):
            if (_num(parts[1].text) or _COUNT_WORD.search(parts[1].text)) and _num(parts[0].text):
                return parts[0], parts[1]
    if said is None:
        return clause, None
    goal = clause.sub(0, said.start())
    goal = goal.sub(0, len(re.sub(r"(?:\s+and|\s*but|而|但)?[\s→=>—–-]*$", "", goal.text)))
    pronoun = re.search(r",?\s+(?:and|but)\s+(?=(?:it|we|they)\b)[^,]*$", goal.text)
    if pronoun:  # "meant to come off the line Oct 20 and it was actually Oct 23"
        goal = goal.sub(0, pronoun.start())
    return goal.strip(), clause.sub(said.end() if said is arrow else said.start()).strip()


_ARROW = re.compile(r"\s*(?:->|→|=>)\s*")
_ARROW_LEAD = re.compile(r"^\s*(?:->|→|=>)\s*(?=\S)")


def _arrowed(unit: Unit) -> Unit:
    """The line after a goal that opens on an arrow, read without the arrow."""
    lead = _ARROW_LEAD.match(unit.span.text)
    assert lead is not None
    body = unit.span.sub(lead.end())
    return Unit(span=body, content=body)


# A scoreboard bullet: "• battle pass bought by 6% of weekly actives → 8.3%!!!", a target, an
# arrow and how it went; "Lena -> the retry test" names no figure and hands work over instead.
_SCORE_LINE = re.compile(r"^\s*(?P<g>(?:(?!->|→|=>).){4,100}?)\s*(?:->|→|=>)\s*(?P<r>\S.*)$")


_LABELLED_SCORE = re.compile(r"^\s*(?P<g>(?:(?!->|→|=>).){1,60}?)\s*(?:->|→|=>)\s*(?P<r>\S.*)$")


def _measured_score(unit: Unit) -> re.Match[str] | None:
    """A labelled bullet's "target → actual", figures on both sides ("政治:70 → 68"): a short
    target, not a story ("the crew got the Act 1→2 change") or a range ("灰度(5%→30%)")."""
    score = _LABELLED_SCORE.match(unit.content.text) if unit.bullet else None
    if score is None or len(score.group("g")) > 12 or re.search(r"[(（\[]", score.group("g")):
        return None
    if _ARROW.search(score.group("r")):
        return None  # "5% → 25% → 100%": a ramp, not a target and what came of it
    return score if _num(score.group("g")) and _num(score.group("r")[:10]) else None


def _one_word(text: str) -> bool:
    words = len(text.split())
    return (words < 3 and len(text) < 6) or (words < 2 and not CJK.search(text))


# A bar and how it went, after a colon: "p99 under 800ms (SLO): missed, ~75 min over",
# "detect within 5 min of impact: missed. 22 min"
_VERDICT_LINE = re.compile(
    r"^\s*(?P<g>[^:：]{4,100}?)\s*[:：]\s*(?P<r>(?:missed|met|held|hit|exceeded|beat it|done"
    r"|not met|achieved|nope|yes|没做到|做到了|达成|未达成|守住了|没守住)\b.*)$",
    re.I,
)


def _split_and(clause: Span) -> list[Span]:
    """ "shipping the landing page and getting signups to 1,200": two goals, each a phrase."""
    parts = clause.split(_AND)
    if len(parts) < 2 or any(_one_word(p.text) for p in parts):
        return [clause]  # "raffle + bar to raise £1,500": one goal of two means
    return parts


def _date_target(goal_span: Span) -> tuple[int, int] | None:
    """The date a goal names as its target ("the planned date of May 27", "原定6月15日")."""
    cue = GOAL_CUE.search(goal_span.text)
    after = goal_span.text[cue.end() :] if cue else goal_span.text
    if _num(_SHORT_DATE.sub(" ", _NUMERIC_DATE.sub(" ", _DATE.sub(" ", after)))):
        return None
    return _date(after) or _numeric_date(after) or _short_date(after)


def _lead_date(goal_span: Span) -> tuple[int, int] | None:
    """The date a goal's cue opens on ("原定3月28日前搬进新楼4层"), whatever figures follow."""
    cue = GOAL_CUE.search(goal_span.text)
    if cue is None:
        return None
    m = _DATE.match(goal_span.text[cue.end() :].lstrip(" :：是的为在于"))
    return _date(m.group(0)) if m else None


_BY_DATE = re.compile(
    rf"\bby\s+(?P<d>{_DATE.pattern})\W*$|(?P<z>{_DATE.pattern})\s*(?:前|之前)\W*$", re.I
)


def _end_date(goal_span: Span) -> tuple[int, int] | None:
    """The date a goal ends on ("$0 on every card by Dec 25", "6月15日前"): its deadline."""
    m = _BY_DATE.search(goal_span.text)
    return _date(m.group("d") or m.group("z")) if m else None


# A month and day with a dot, as Chinese chat writes dates: "计划3.15,实际3.28" (no unit after)
_DOTTED = re.compile(
    r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\.(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.%]|\s*[万千百亿kKwW元个人件])"
)


# What happens on a day: a deliverable's milestone or the slip of one
_MILESTONE = re.compile(
    r"拖|晚了|延期|推迟|提前|上线|定稿|交付|发布|完成|下地|到货|开工|提测|验收|开业|搬"
)


def _dotted_dates(
    goal: Span, result: Span | None
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Planned and actual day when both the goal and its result give only a dotted month.day:
    "3.15" and "3.28" beside each other are days, not two figures."""
    if result is None or not _MILESTONE.search(goal.line.text):
        return None  # "客单价:计划3.5,实际3.8" is a price
    g, r = _DOTTED.search(goal.text), _DOTTED.search(result.text)
    if g is None or r is None or _num(_DOTTED.sub(" ", goal.text)):
        return None
    return (int(g["m"]), int(g["d"])), (int(r["m"]), int(r["d"]))


def _short_date(text: str) -> tuple[int, int] | None:
    m = _SHORT_DATE.search(text)
    if m is None:
        return None
    return (0, int(m.group("day"))) if m.group("day") else (int(m.group("m")), int(m.group("d")))


def is_date(text: str) -> bool:
    """Whether a cell or phrase is a date ("5月20日", "Feb 1", "8/19") and no other figure."""
    return (_date(text) or _numeric_date(text)) is not None and not _num(
        _NUMERIC_DATE.sub(" ", _DATE.sub(" ", text))
    )


def date_verdict(target: str, actual: str) -> str | None:
    """met or missed for a date target and the date it was done, compared as dates."""
    if not is_date(target):
        return None
    planned, done = _date(target) or _numeric_date(target), _date(actual) or _numeric_date(actual)
    if planned is None or done is None:
        return None
    return "met" if _by(done, planned) else "missed"


def _by(done: tuple[int, int], planned: tuple[int, int]) -> bool:
    """Done on or before the planned day; "the 12th" names no month, so days alone decide."""
    if 0 in (done[0], planned[0]):
        return done[1] <= planned[1]
    if abs(planned[0] - done[0]) > 6:  # the year turned: "by Dec 25" / "posted Jan 2" is late,
        return done[0] > planned[0]  # "by Jan 10" / "Dec 28" early
    return done <= planned


def _numeric_date(text: str) -> tuple[int, int] | None:
    m = _NUMERIC_DATE.search(text)
    return (int(m.group("m")), int(m.group("d"))) if m else None


def answered(context: str) -> str | None:
    """The verdict words give a goal that has no number: late or short is missed, done met."""
    if _LATE.search(context) or _SHORT_EN.search(context) or _SHORT_ZH.search(context):
        return "missed"
    if _PARTLY.match(context.split(" ", 1)[0]):
        return "partial"  # "no new charges on any card -> mostly?? put a $340 vet bill on …"
    return "met" if _DONE.search(context) else None


_OF_TOTAL = re.compile(
    r"(?<![\d.,])(?P<a>\d[\d,]*)\s*(?:of|out of)\s+(?:the |all )?(?P<of>\d[\d,]*)\b"
    r"|(?<![\d.,])\d+\s*[个家位名条项台所座间张]?[^\d,，。;；月日号]{0,3}?(?:里|中)?有\s*(?P<za>\d+)"
    r"(?![\d.]*\s*%)"  # "2月只有69%" is a month and a rate, not 69 of 2
    # "342单里新客62单", "31台里13台做了贷款": the whole, then the part of it
    rf"|(?<![\d.,])(?P<zof>\d+)\s*(?:{CN_MEASURE}\s*(?:里面|当中|里|中)|里面|当中|里)有?"
    r"[^\d,，。;；]{0,6}?"
    r"(?P<zb>\d+)(?![\d.]*\s*%)"
)


_CLOCKED_UNIT = re.compile(r"\d\s*(?:(?:h|hrs?|hours?|mins?|minutes?)\b|分钟|小时)", re.I)
# A time it takes to notice or fix something: shorter is better
_RESPONSE_TIME = re.compile(
    r"\btime to (?:detect|recover|restore|resolve|respond|repair|mitigate|acknowledge|ack)"
    r"|\b(?:MTT[RDAM]|TTD|TTR)\b|\bSEV-?\d|\bP[0-4]\b|\bdetect(?:ion)? (?:time|target)"
    r"|发现用时|恢复用时|响应时间|修复时长|恢复时长|发现时长",
    re.I,
)


_EVERY = re.compile(r"\b(?:every|all|each)\b|全部|所有|每(?:一|个)", re.I)


def _same_figure(a: str, b: str) -> bool:
    x, y = parse_value(a), parse_value(b)
    return x.value is not None and x.value == y.value and x.unit == y.unit


def _is_share(actual: str) -> bool:
    """A share of the way there: "80%", "eighty percent", "八成"."""
    return parse_value(actual).unit == "%"


def _pair(goal_span: Span, result_span: Span | None, tail: str) -> Pair | None:
    goal = goal_from_span(goal_span, None)
    if goal is None:
        return None
    target_date = _date_target(goal_span)
    if target_date is None and result_span is not None and _DATE.search(result_span.text):
        target_date = _lead_date(goal_span)  # "…4层, 实际是4月2日": a date answers the date
        if target_date is None and not _num(_DATE.sub(" ", result_span.text)):
            target_date = _end_date(goal_span)  # "$0 on every card by Dec 25" / "posted Jan 2"
    dotted = _dotted_dates(goal_span, result_span)
    target_date = target_date or (dotted[0] if dotted else None)
    cue = GOAL_CUE.search(goal_span.text)
    clocked = (
        cue is not None
        and target_date is None
        and not _num(goal_span.text)
        and _time_target(goal_span.text[cue.end() :]) is not None
    )
    if clocked or target_date is not None:
        goal = goal.model_copy(update={"target": None, "unit": None, "direction": "binary"})
    else:
        if goal.target is None:
            v = _num(goal_span.text)
            said = values.words_say(goal_span.text) if v and goal.direction is None else None
            goal = goal.model_copy(
                update={
                    "target": v.group(0).strip() if v else None,
                    "direction": said or goal.direction,  # "under five percent": lower
                }
            )
        found = goal.direction
        if found == "binary" and goal.target and _num(goal.target):
            found = (
                None  # "all 14 queues migrated by Oct 31": 14 is counted, the date is a deadline
            )
        named = f"{goal.metric or ''} {goal.title}"  # "fit-out inside the £410k budget"
        direct = _direction(named, found)
        if direct is None and goal.target and _CLOCKED_UNIT.search(goal.target):
            # "Time to recover: 5 h 45 min …, where the SEV-1 target is 4 h": a time to respond
            if _RESPONSE_TIME.search(goal_span.line.text):
                direct = "lower"
        goal = goal.model_copy(update={"direction": direct})
    if result_span is None:
        return Pair(goal)
    text = result_span.text
    context = f"{text} {tail}"
    verdict: str | None = None
    actual: str | None = None
    at = _clock(goal_span.text[cue.end() :]) if clocked and cue else None
    done_at = _clock(text) if at is not None else None
    if at is not None and done_at is not None:
        verdict = "met" if done_at <= at else "missed"  # "meant to start at 9:00"
    elif target_date is not None:
        got = _date(text) or _numeric_date(text) or _short_date(text) or (dotted and dotted[1])
        if got is not None:
            verdict = "met" if _by(got, target_date) else "missed"
        elif _LATE.search(f"{context} {goal_span.text}"):
            verdict = "missed"
        elif _DONE.search(context):
            verdict = "met"
    elif (
        goal.target is None
        and (_ANSWER.search(context) or _PARTLY.match(text))
        and not _num(_DATE.sub(" ", text))
    ):
        verdict = answered(context)  # "考下证书 … 推到10月了" answers a goal with no number
    else:
        moved = values.FROM_TO.search(text)  # "moved from 4.3 to 4.4": the second is the actual
        v = _num(text[moved.end() :] if moved and _num(text[moved.end() :]) else text)
        actual = v.group(0).strip() if v else None
        share = _OF_TOTAL.search(text)
        if share and not moved:  # "22 of 25 screens", "12家店有10家": the part is the actual
            actual = share.group("a") or share.group("za") or share.group("zb")
            whole = share.group("of") or share.group("zof")
            if whole and goal.target and _is_share(goal.target):
                actual = share.group(0)  # "22 out of 29" against "80%": a share, as written
            elif (
                whole
                and _EVERY.search(goal_span.text)
                and not (goal.target and _same_figure(goal.target, whole))
            ):  # "Close every P1 bug older than 2 cycles" → "4 of 7 closed": 4 of all 7
                goal = goal.model_copy(update={"target": whole, "direction": "higher"})
        if actual and values.MONEY.search(actual) and not values.MONEY.search(goal_span.text):
            return Pair(goal)  # "The $29 intro month …" answers no "break-even by month 9"
        if _OVER.search(context):
            verdict = "exceeded"
        elif _SHORT_EN.search(context) or _SHORT_ZH.search(context):
            verdict = "missed"
            if actual and goal.target and _same_figure(actual, goal.target):
                actual = None  # "NPQ module 2 isn't done": the goal's own figure, no result
        elif (goal.target is None or actual is None) and _DONE.search(context):
            verdict = "met"  # "Landing page shipped Wednesday" answers "ship the landing page"
            actual = None  # and "第三条算做到了" the third of a list, figures or not
    rate = None
    stated_rate = values.STATED_RATE.search(text)
    if stated_rate:  # "达成率 95%": the rate is stated, the actual is not
        rate, actual = stated_rate.group("r").strip(), None
    elif goal.target is None and target_date is None and actual and _is_share(actual):
        rate, actual = actual, None  # "no email after 8pm — held it ~80% of weeknights"
    elif verdict is None and _HALF.search(text):
        rate, actual = "50%", None  # "实际坚持了一半的天数", "kept it up about half the time"
    result = ResultDraft(
        title=clean(text),
        actual=actual,
        stated_rate=rate,
        stated_verdict=verdict,
        quote=result_span.strip().text,
    )
    return Pair(goal, result)
