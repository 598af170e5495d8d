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
from retro_ai.stages.offline.answers import (
    COMPARED,
    fit_actual,
    labelled_answers,
    later_results,
    ordinal_answers,
    parallel_lists,
    worded_answers,
)
from retro_ai.stages.offline.extract_goals import columns, table_title, value_of
from retro_ai.stages.offline.items import Entry, of_kind
from retro_ai.stages.offline.nearby import around, places, window
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import Span, clean, shorten, tokens
from retro_ai.verify.measures import codes_differ

# A result that opens on its answer: "demo: yes!! it ran end to end", "live data: nope, …"
_ANSWER = re.compile(
    rf"^\s*(?:[^:：]{{1,30}}[:：]\s*)?(?P<a>{values.ANSWER_WORDS})(?=\s*(?:[,.!;:，。！；]|$))",
    re.I,
)


# An answer that opens on a tick or a cross: "✅ we were 7th lol" (after the goal's number)
_MARK_LEAD = re.compile(r"^\s*(?:(?P<y>[✅✔☑])|[❌✗✘])")


def _verdict(text: str) -> str | None:
    mark = _MARK_LEAD.match(text)
    if mark:
        return "done" if mark.group("y") else "not done"
    m = values.VERDICT_EXPLICIT.search(text)
    if m:
        return m.group("v")
    m = values.VERDICT_ZH.search(text) or values.VERDICT_EN.search(text)
    if m:
        return m.group(0)
    m = _ANSWER.match(text)
    return m.group("a") if m else None


def _actual(span: Span) -> str | None:
    """The first value that is not inside "(目标…)" / "(target …)" nor a stated rate."""
    masked = values.TARGET_PAREN.sub(lambda m: " " * len(m.group(0)), span.text)
    masked = values.STATED_RATE.sub(lambda m: " " * len(m.group(0)), masked)
    for m in values.TARGET.finditer(masked):
        found = value_of(m)
        if found and not COMPARED.search(masked[: found[0]]):
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


def _stated_results(
    docs: list[Document], goals: list[Goal], taken: set[str], tabled: set[int]
) -> list[ResultDraft]:
    """Results paired with a goal stated in prose or an inline table, linked to that goal;
    those read off a table's row are noted in `tabled`."""
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
        if pair.table:
            tabled.add(id(out[-1]))
    return out


def assess_results(docs: list[Document], goals: list[Goal]) -> list[ResultDraft]:
    from retro_ai.stages.offline.stated_goals import stated

    owned = stated(docs).owned  # results stated next to their goal: read there
    results: list[ResultDraft] = []
    tabled: set[int] = set()  # results read off a table's row, whose actual is one cell
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
                tabled.add(id(result))
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
    results.extend(_stated_results(docs, goals, taken, tabled))
    parallel_lists(docs, goals, results)
    for said, gid, actual in later_results(docs, goals, results):
        result = _result(said, clean(said.text), gid)
        if result:
            result.actual = actual
            results.append(result)
    for said, gid in ordinal_answers(docs, goals, results) + labelled_answers(docs, goals, results):
        result = _result(said, clean(said.text), gid)
        if result:
            results.append(result)
    for said, gid in worded_answers(docs, goals, results):
        result = _result(said, clean(said.text), gid)
        if result:
            results.append(result)
    by_id = {g.id: g for g in goals}
    for result in results:
        if result.goal_id in by_id:
            fit_actual(result, by_id[result.goal_id], cell=id(result) in tabled)
    return results


# "| 不动产登记预约 | 本sprint提测 | 未提测,整体挪到S15 |": the actual says it did not happen
_UNDONE = re.compile(r"\s*(?:未|没有?|还没有?|尚未)(?!达|完全|全)[\u4e00-\u9fff]")
_FIRST = re.compile(r"[,，;；]")  # "未提测,整体挪到S15": the first clause says it


def _table_result(entry: Entry, goals: list[Goal], taken: set[str]) -> ResultDraft | None:
    from retro_ai.stages.offline.stated_goals import date_verdict, row_mark

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
        if draft.stated_verdict is None:
            others = [c for c in cells if c is not metric and c is not target]
            said = _FIRST.split(actual.text)[0]
            undone = _UNDONE.match(said) and not re.search(r"\d", said)
            draft.stated_verdict = row_mark(others) or ("missed" if undone else None)
    return draft
