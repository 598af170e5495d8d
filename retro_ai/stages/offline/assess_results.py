"""Results: what was achieved, per goal, as written ("达到X百万(目标X百万),达成率为Y%").

A result keeps the stated actual, rate and verdict next to the goal it answers; numbers and
computed verdicts are code's job elsewhere. Goals are matched by category ("性能目标方面…")
or by shared words, and an unsure match leaves the result untargeted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retro_ai.schema import Goal
from retro_ai.stages.drafts import ResultDraft
from retro_ai.stages.offline import values
from retro_ai.stages.offline.extract_goals import columns, table_title, value_of
from retro_ai.stages.offline.items import Entry, of_kind
from retro_ai.stages.offline.nearby import around, places, window
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import Span, clean, shorten, tokens
from retro_ai.verify.achievement import comparable
from retro_ai.verify.measures import codes_differ
from retro_ai.verify.numbers import parse_value


def _verdict(text: str) -> str | None:
    m = values.VERDICT_EXPLICIT.search(text)
    if m:
        return m.group("v")
    m = values.VERDICT_ZH.search(text) or values.VERDICT_EN.search(text)
    return m.group(0) if m else None


def _actual(span: Span) -> str | None:
    """The first value that is not inside "(目标…)" / "(target …)" nor a stated rate."""
    masked = values.TARGET_PAREN.sub(lambda m: " " * len(m.group(0)), span.text)
    masked = values.STATED_RATE.sub(lambda m: " " * len(m.group(0)), masked)
    for m in values.TARGET.finditer(masked):
        found = value_of(m)
        if found:
            return span.text[found[0] : m.end()].strip()
    return None


def _result(span: Span, title: str, goal_id: str | None) -> ResultDraft | None:
    if not title or not span:
        return None
    rate = values.STATED_RATE.search(span.text)
    return ResultDraft(
        goal_id=goal_id,
        title=title,
        actual=_actual(span),
        stated_rate=rate.group("r").replace(" ", "") if rate else None,
        stated_verdict=_verdict(span.text),
        quote=span.text,
    )


def _category_goal(text: str, goals: list[Goal]) -> str | None:
    for goal in goals:
        cat = re.sub(r"目标$|goals?$", "", goal.category or "", flags=re.I).strip()
        if cat and len(cat) >= 2 and cat in text:
            return goal.id
    return None


@lru_cache(maxsize=4096)
def _goal_words(title: str, metric: str | None) -> frozenset[str]:
    """A goal's words, read once per goal rather than once per result compared with it."""
    return frozenset(tokens(" ".join(filter(None, [title, metric or ""]))))


def _match_goal(text: str, goals: list[Goal], taken: set[str]) -> str | None:
    words = tokens(text)
    best, best_score = None, 0.0
    for goal in goals:
        cand = _goal_words(goal.title, goal.metric)
        if not cand or not words or codes_differ(text, goal.metric or goal.title):
            continue  # "Q2 revenue" never answers "Q1 revenue"
        score = 2 * len(words & cand) / (len(words) + len(cand))
        if goal.id in taken:
            score *= 0.8
        if score > best_score:
            best, best_score = goal.id, score
    return best if best_score >= 0.3 else None


def _named_goal(measure: str, goals: list[Goal], taken: set[str]) -> str | None:
    """The one open goal whose words hold every word of a measure ("LCP" of "page load (LCP)
    2.5s or less"); none when no goal or several do."""
    words = tokens(measure)
    if not words:
        return None
    found = [
        g.id
        for g in goals
        if g.id not in taken
        and words <= _goal_words(g.title, g.metric)
        and not codes_differ(measure, g.metric or g.title)
    ]
    return found[0] if len(found) == 1 else None


def _per_goal_clauses(
    entry: Entry, body: Span, goals: list[Goal], taken: set[str]
) -> list[ResultDraft]:
    """ "性能目标: 接口响应时间达到120毫秒,可用性达到99.95%,达到预期" answers two goals of the
    category it is labelled with: one result per clause that states a value."""
    label = clean(entry.title.text) if entry.title else ""
    in_category = [g for g in goals if label and g.category == label]
    first = body.first_sentence()
    clauses = [c for part in first.clauses() for c in part.split(values.MARK_END) if _actual(c)]
    verdict = _verdict(first.text)
    if len(in_category) < 2 and len(clauses) >= 2 and entry.cued:
        # "实际: GMV 812万 ✅ 峰值在线 3.8万": one figure per goal, each naming its measure
        found = [_match_goal(clean(c.text), goals, taken) for c in clauses]
        if None in found or len(set(found)) < len(found):
            return []
        in_category, verdict = goals, None
    if len(in_category) < 2 or len(clauses) < 2:
        return []
    out = []
    for clause in clauses:
        gid = _match_goal(clean(clause.text), in_category, taken)
        if gid:
            taken.add(gid)
        result = _result(clause, clean(clause.text), gid)
        if result:
            result.stated_verdict = result.stated_verdict or verdict
            out.append(result)
    return out


class _GoalIndex:
    """The goals by title and by quote, so a stated pair finds its goal without a scan of all."""

    def __init__(self, goals: list[Goal]) -> None:
        self.goals = goals
        self.place = {g.id: i for i, g in reversed(list(enumerate(goals)))}
        self._by_key: dict[tuple[str, str], list[int]] = {}
        for i, goal in enumerate(goals):
            keys = {("title", goal.title), *(("quote", e.quote) for e in goal.evidence)}
            for key in keys:
                self._by_key.setdefault(key, []).append(i)

    def first_open(self, title: str, quote: str, taken: set[str]) -> str | None:
        """The first goal (in order) not yet taken whose title is `title` or that quotes `quote`.

        Taken goals stay taken, so they are dropped from the front of each list as they are met.
        """
        heads = []
        for key in (("title", title), ("quote", quote)):
            found = self._by_key.get(key)
            while found and self.goals[found[0]].id in taken:
                found.pop(0)
            if found:
                heads.append(found[0])
        return self.goals[min(heads)].id if heads else None


def _stated_results(docs: list[Document], goals: list[Goal], taken: set[str]) -> list[ResultDraft]:
    """Results paired with a goal stated in prose or an inline table, linked to that goal."""
    from retro_ai.stages.offline.stated_goals import stated_pairs

    out: list[ResultDraft] = []
    named = _GoalIndex(goals)
    at = 0  # the place of the goal last linked: a measurement is matched among goals near it
    for pair in stated_pairs(docs):
        if pair.result is None:
            continue
        if pair.goal is None:  # a measurement: of the goal it measures, if one clearly matches
            near = goals[window(len(goals), at)]
            if pair.measure:
                lone = _named_goal(pair.measure, near, taken)
                if lone is None:
                    continue
            else:
                lone = _match_goal(pair.result.title, near, taken)
            if lone:
                taken.add(lone)
                at = named.place[lone]
            out.append(pair.result.model_copy(update={"goal_id": lone}))
            continue
        gid = named.first_open(clean(pair.goal.title), pair.goal.quote, taken)
        if gid:
            taken.add(gid)
            at = named.place[gid]
        out.append(pair.result.model_copy(update={"goal_id": gid}))
    return out


def assess_results(docs: list[Document], goals: list[Goal]) -> list[ResultDraft]:
    from retro_ai.stages.offline.stated_goals import stated

    owned = stated(docs).owned  # results stated next to their goal: read there
    results: list[ResultDraft] = []
    taken: set[str] = set()
    where = places(goals, [d.source.name for d in docs])
    order = {id(d): i for i, d in enumerate(docs)}
    for doc, entry in of_kind(docs, "result"):
        if id(entry.unit) in owned:
            continue
        near = goals[around(where, order[id(doc)], entry.unit.line.number)]
        if entry.columns is not None:
            result = _table_result(entry, near, taken)
            if result:
                results.append(result)
            continue
        if entry.title or entry.cued or entry.unit.bullet:
            body = entry.unit.content if entry.title else entry.body
            span = shorten(entry.unit.span if entry.title else body, 160)
            if entry.title:
                stop = body.first_sentence()
                for sentence in body.sentences():
                    if values.VERDICT_EXPLICIT.search(sentence.text):
                        stop = sentence  # "…的认可。此目标达成" — quote up to the verdict
                        break
                span = entry.unit.span.sub(0, stop.end - entry.unit.span.start)
            split = _per_goal_clauses(entry, body, near, taken)
            if split:
                results.extend(split)
                continue
            title = clean(entry.title.text) if entry.title else clean(shorten(body, 60).text)
            gid = _category_goal(span.text, near) or _match_goal(
                f"{title} {clean(body.clauses()[0].text) if body.clauses() else ''}", near, taken
            )
            if gid:
                taken.add(gid)
            result = _result(span.strip(), title, gid)
            if result:
                results.append(result)
            continue
        for sentence in entry.body.sentences():
            if not (
                _verdict(sentence.text)
                or _actual(sentence)
                or values.RESULT_WORDS.search(sentence.text)
            ):
                continue
            sentence = sentence.strip()
            gid = _category_goal(sentence.text, near) or _match_goal(sentence.text, near, taken)
            if gid:
                taken.add(gid)
            result = _result(sentence, clean(sentence.text), gid)
            if result:
                results.append(result)
    results.extend(_stated_results(docs, goals, taken))
    _parallel_lists(docs, goals, results)
    results.extend(_later_results(docs, goals, results))
    by_id = {g.id: g for g in goals}
    for result in results:
        if result.goal_id in by_id:
            _fit_actual(result, by_id[result.goal_id])
    return results


def _fit_actual(result: ResultDraft, goal: Goal) -> None:
    """The result's value in its goal's unit: "7天一共92.6万" answers "冲80万" with 92.6万, not
    the 7 days its first figure counts."""
    target = goal.target
    if target.state != "known" or target.value is None or target.change:
        return
    got = parse_value(result.actual)
    if (
        got.state == "known"
        and got.value is not None
        and (got.unit == target.unit or comparable(target, got) is not None)
    ):
        if _SCALE.search(target.text or "") is None or _SCALE.search(result.actual or ""):
            return
    fit = _value_like(result.quote, goal)
    if fit is not None:
        result.actual = fit


def _parallel_lists(docs: list[Document], goals: list[Goal], results: list[ResultDraft]) -> None:
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
            if result is not None and codes_differ(result.quote, goal.title):
                continue  # "Q2 revenue: 120万" answers no "Q1 revenue 100万", wherever it stands
            if result is not None:
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


def _later_results(
    docs: list[Document], goals: list[Goal], results: list[ResultDraft]
) -> list[ResultDraft]:
    """A result said lines after its goal, in no sentence of its own kind ("问卷收完了,满意+非常
    满意86%" under "满意度问卷80%以上"): the first later sentence that names what the goal
    measures and gives a value in the goal's unit, for goals nothing else answered."""
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
    paired = [r.quote for r in results if r.quote and r.goal_id]
    unpaired = [r for r in results if r.quote and not r.goal_id]
    goal_lines = {(e.source, e.line) for g in goals for e in g.evidence}
    out: list[ResultDraft] = []
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
                if key in used or any(_overlap(sentence.text, q) for q in paired):
                    continue
                if not words & tokens(sentence.text) or codes_differ(sentence.text, goal.title):
                    continue  # "Q2 revenue" never answers "Q1 revenue"
                actual = _value_like(sentence.text, goal)
                if actual is None:
                    continue
                used.add(key)
                # read already as a result of no goal ("39 of 42 setups. I cut …"): it is this one's
                result = next((r for r in unpaired if _overlap(sentence.text, r.quote)), None)
                if result is not None:
                    unpaired.remove(result)
                    result.goal_id, result.actual = goal.id, actual
                elif result := _result(sentence.strip(), clean(sentence.text), goal.id):
                    result.actual = actual
                    out.append(result)
                break
    return out


def _overlap(a: str, b: str) -> bool:
    return a in b or b in a


def _value_like(said: str, goal: Goal) -> str | None:
    """The first value of `sentence` in the unit of the goal's target (a plain number within a
    factor of five of a plain target)."""
    target = goal.target
    picks: list[str] = []
    for m in values.TARGET.finditer(said):
        found = value_of(m)
        if found is None:
            continue
        text = said[found[0] : m.end()].strip()
        if _COMPARED.search(said[: found[0]]):
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
            if _near(float(m.group(0)), target.value)
            and _noun_after(said, m.group(0), m.start()) in (noun, "")
            and not _COMPARED.search(said[: m.start()])
        ]
    # "4300条里进去2100条 ④ 两个人都交了,小林1.2万" against "各完成1万字": the same magnitude
    scale = _SCALE.search(target.text or "")
    alike = [p for p in picks if scale and scale.group(0) in p]
    return next(iter(alike or picks), None)


_COMPARED = re.compile(
    r"(?:\bnot|\bvs\.?|\bversus|\binstead of|\bthan|\bof|\bout of|不是|而不是|对比|相比)\s*$", re.I
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


_BARE = re.compile(
    r"(?<![A-Za-z0-9_.,/:\-])\d+(?:\.\d+)?"
    r"(?!\d|\.\d|,\d{3}|[/:]|st\b|nd\b|rd\b|th\b|\s*(?:[月日号点年时分秒]|%))"
)


def _near(value: float, target: float | None) -> bool:
    return target is not None and target > 0 and target / 5 <= value <= target * 5


def _table_result(entry: Entry, goals: list[Goal], taken: set[str]) -> ResultDraft | None:
    from retro_ai.stages.offline.stated_goals import date_verdict

    metric, target, actual = columns(entry)
    if metric is None or actual is None or not clean(actual.text):
        return None
    cells = list((entry.columns or {}).values())
    row = Span(metric.line, cells[0].start, cells[-1].end)  # the whole row, verdict column too
    title = clean(metric.text)
    gid = _match_goal(title, goals, taken)
    title = table_title(title, actual)
    if gid:
        taken.add(gid)
    draft = _result(row, title, gid)
    if draft:
        draft.actual = clean(actual.text)
        if target is not None:
            draft.stated_verdict = date_verdict(target.text, actual.text) or draft.stated_verdict
    return draft
