"""Goals (with target, unit, direction, category) and the results that answer them.

A goal line often packs several targets ("订单处理速度提升30%,库存管理精确度达到99.5%"), so a
line with two or more targeted clauses yields one goal per clause; a target is kept as written,
placeholders ("X万元") included, and only code elsewhere turns it into a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retro_ai.offline import cues, values
from retro_ai.offline.items import Entry, of_kind
from retro_ai.offline.sections import Document
from retro_ai.offline.text import Span, clean, shorten, tokens
from retro_ai.schema import Goal
from retro_ai.stages.drafts import GoalDraft, ResultDraft

_UNIT_NAMES = {"ms": "ms", "s": "s", "h": "h", "x": "x", "×": "x"}


@dataclass(slots=True)
class Target:
    span: Span
    unit: str | None


def find_target(span: Span) -> Target | None:
    """The first target-like value in a span: '30%', '200毫秒', 'X万元', '$52', '两个'."""
    text = span.text
    for m in values.TARGET.finditer(text):
        num, mag, unit, cur = m.group("num"), m.group("mag"), m.group("unit"), m.group("cur")
        if not (mag or unit or cur):
            continue
        if num.isalpha() and not (mag or unit):
            continue
        start = m.start("sign") if m.group("sign") else (m.start("cur") if cur else m.start("num"))
        unit_text = (unit or "").strip() or None
        if unit_text is None:
            unit_text = (cur or mag or "").strip() or None
        elif unit_text not in {"%"} and mag and mag.strip() in {"万", "千", "百万", "亿"}:
            unit_text = unit_text if unit_text != "元" else "元"
        return Target(span.sub(start, m.end()).strip(" "), _UNIT_NAMES.get(unit_text, unit_text))
    m = values.CN_TARGET.search(text)
    if m:
        t = m.group("t")
        return Target(span.sub(m.start("t"), m.end("t")), t[-1])
    m = values.BARE_TARGET.search(text)
    if m:
        return Target(span.sub(m.start("t"), m.end("t")), None)
    return None


def direction(clause: str, target: Target | None, offset: int | None = None) -> str | None:
    """higher / lower / binary from the words around the target (nearest verb wins)."""
    if target is not None and offset is not None:
        after = clause[offset:]
        if values.LOWER_AFTER.match(after):
            return "lower"
        if values.HIGHER_AFTER.match(after):
            return "higher"
        before = clause[: max(0, offset - len(target.span.text))]
        lo = [m.end() for m in values.LOWER_WORDS.finditer(before)]
        hi = [m.end() for m in values.HIGHER_WORDS.finditer(before)]
        if lo or hi:
            return "lower" if max(lo, default=-1) > max(hi, default=-1) else "higher"
        if values.LOWER_WORDS.search(after[:12]):
            return "lower"
        if values.HIGHER_WORDS.search(after[:12]):
            return "higher"
        return None
    return "binary" if values.BINARY_WORDS.search(clause) else None


def _metric(clause: Span, target: Target) -> str | None:
    before = clause.text[: target.span.start - clause.start]
    verbs = list(values.HIGHER_WORDS.finditer(before)) + list(values.LOWER_WORDS.finditer(before))
    cut = min((m.start() for m in verbs), default=len(before))
    metric = clean(cues.LEADING_CONNECTOR.sub("", before[:cut]))
    return metric or None


def _goal(span: Span, category: str | None) -> GoalDraft | None:
    span = span.strip()
    lead = cues.LEADING_CONNECTOR.match(span.text)
    if lead and lead.end() < len(span.text):
        span = span.sub(lead.end())
    target = find_target(span)
    direct = None
    metric = unit = baseline = None
    from_to = values.FROM_TO.search(span.text)
    if from_to:  # "from 2.4% to 3.0%": the second value is the target, the first the baseline
        target = find_target(span.sub(from_to.end())) or target
        baseline = from_to.group("b").strip()
    if (
        target is not None
        and values.BINARY_WORDS.match(span.text)
        and not (values.HIGHER_WORDS.search(span.text) or values.LOWER_WORDS.search(span.text))
    ):
        target = None  # "Launch to 100% of web traffic by …" is done or not done
    if target is not None:
        offset = target.span.end - span.start
        direct = direction(span.text, target, offset)
        metric = _metric(span, target)
        unit = target.unit
        base = values.BASELINE.search(span.text)
        if baseline is None and base and base.group("b") != target.span.text:
            baseline = base.group("b").strip()
    else:
        direct = direction(span.text, None)
    if not clean(span.text):
        return None
    return GoalDraft(
        title=clean(span.text),
        category=category,
        metric=metric,
        target=target.span.text if target else None,
        unit=unit,
        direction=direct,
        baseline=baseline,
        quote=span.text,
    )


def _category(entry: Entry) -> str | None:
    label = clean(entry.title.text) if entry.title else None
    if label and values.GOAL_CATEGORY_LABEL.search(label):
        return label
    if entry.group:
        return entry.group
    return label


def extract_goals(docs: list[Document]) -> list[GoalDraft]:
    goals: list[GoalDraft] = []
    for _doc, entry in of_kind(docs, "goal"):
        category = _category(entry)
        content = entry.unit.content if entry.title else entry.body
        if not content:
            continue
        clauses = [c for c in content.clauses() if find_target(c)]
        if len(clauses) >= 2:
            goals.extend(g for g in (_goal(c, category) for c in clauses) if g)
            continue
        span = content
        if entry.title and entry.group and category != clean(entry.title.text):
            span = entry.unit.span  # "上线三个核心新模块:…" — the label is part of the goal
        if len(span.text) > 150:
            if not clauses:
                continue
            span = clauses[0]
        goal = _goal(span.strip(), category)
        if goal:
            goals.append(goal)
    return goals


# --- results -----------------------------------------------------------------------------------


def _verdict(text: str) -> str | None:
    m = values.VERDICT_EXPLICIT.search(text)
    if m:
        return m.group("v")
    m = values.VERDICT_ZH.search(text) or values.VERDICT_EN.search(text)
    return m.group(0) if m else None


def _actual(span: Span) -> str | None:
    text = span.text
    masked = values.TARGET_PAREN.sub(lambda m: " " * len(m.group(0)), text)
    masked = values.STATED_RATE.sub(lambda m: " " * len(m.group(0)), masked)
    probe = Span(span.line, span.start, span.end)
    for m in values.TARGET.finditer(masked):
        if not (m.group("mag") or m.group("unit") or m.group("cur")):
            continue
        if m.group("num").isalpha() and not (m.group("mag") or m.group("unit")):
            continue
        start = m.start("sign") if m.group("sign") else m.start("num")
        if m.group("cur"):
            start = m.start("cur")
        return probe.sub(start, m.end()).text.strip()
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


def _match_goal(text: str, goals: list[Goal], taken: set[str]) -> str | None:
    words = tokens(text)
    best, best_score = None, 0.0
    for goal in goals:
        cand = tokens(" ".join(filter(None, [goal.title, goal.metric or ""])))
        if not cand or not words:
            continue
        score = 2 * len(words & cand) / (len(words) + len(cand))
        if goal.id in taken:
            score *= 0.8
        if score > best_score:
            best, best_score = goal.id, score
    return best if best_score >= 0.3 else None


def assess_results(docs: list[Document], goals: list[Goal]) -> list[ResultDraft]:
    results: list[ResultDraft] = []
    taken: set[str] = set()
    for _doc, entry in of_kind(docs, "result"):
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
            title = clean(entry.title.text) if entry.title else clean(shorten(body, 60).text)
            gid = _category_goal(span.text, goals) or _match_goal(
                f"{title} {clean(body.clauses()[0].text) if body.clauses() else ''}", goals, taken
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
            gid = _category_goal(sentence.text, goals) or _match_goal(sentence.text, goals, taken)
            if gid:
                taken.add(gid)
            result = _result(sentence, clean(sentence.text), gid)
            if result:
                results.append(result)
    return results
