"""Verify and compute: metrics rows become goals and results, achievement is computed, numbers
are checked against quotes, and every unknown becomes an open question.

This is where the principles "numbers are data" and "unknowns are questions" are enforced,
whichever engine produced the drafts.
"""

from __future__ import annotations

import re
import unicodedata

from retro_ai.achievement import assess
from retro_ai.evidence import EvidenceLocator, normalize
from retro_ai.ingest.source import MetricRow, Source
from retro_ai.numbers import numbers_in, parse_value
from retro_ai.questions import Questions
from retro_ai.schema import Goal, Result, Retrospective

_DIRECTIONS = {"higher": "higher", "lower": "lower", "binary": "binary"}


_STOPWORDS = frozenset(
    "a an the of to by for in on at per and or from with is are be our we its rate".split()
)


def _words(text: str) -> set[str]:
    """Words (and Chinese character pairs) that carry meaning, for matching metric names."""
    low = unicodedata.normalize("NFKC", text).casefold()
    words = {w for w in re.findall(r"[a-z]+", low) if w not in _STOPWORDS and len(w) > 1}
    han = re.sub(r"[^\u4e00-\u9fff]", "", low)
    return words | {han[i : i + 2] for i in range(len(han) - 1)}


def _similar(a: str, b: str) -> bool:
    """True when two metric or goal names most likely name the same measure."""
    na, nb = normalize(a), normalize(b)
    if na and nb and (na in nb or nb in na):
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _metric_rows(sources: list[Source]) -> list[tuple[Source, MetricRow]]:
    return [(s, row) for s in sources if s.type == "metrics" for row in s.metrics]


def _row_line(source: Source, row: MetricRow) -> str:
    for line in source.lines:
        if line.number == row.line:
            return line.text
    return row.metric


def merge_metric_goals(
    retro: Retrospective, sources: list[Source], locator: EvidenceLocator
) -> None:
    """Attach each metrics row to the goal it measures, or add a goal for it."""
    for source, row in _metric_rows(sources):
        evidence = locator.locate(_row_line(source, row))
        goal = next((g for g in retro.goals if _similar(row.metric, g.metric or g.title)), None)
        target = parse_value(row.target)
        if goal is None:
            goal = Goal(id=f"G{len(retro.goals) + 1}", title=row.metric, metric=row.metric)
            retro.goals.append(goal)
        goal.metric = goal.metric or row.metric
        if row.target:
            goal.target = target
        goal.unit = row.unit or goal.unit or target.unit
        goal.direction = _DIRECTIONS.get(row.direction or "", goal.direction)  # type: ignore[assignment]
        goal.category = goal.category or row.category
        if row.baseline:
            goal.baseline = parse_value(row.baseline)
        goal.evidence.append(evidence)


def merge_metric_results(
    retro: Retrospective, sources: list[Source], locator: EvidenceLocator
) -> None:
    """Results from metrics rows override stated actuals (numbers are data)."""
    for source, row in _metric_rows(sources):
        if not row.actual:
            continue
        goal = next((g for g in retro.goals if _similar(row.metric, g.metric or g.title)), None)
        result = next((r for r in retro.results if goal and r.goal_id == goal.id), None)
        if result is None:
            result = Result(
                id=f"R{len(retro.results) + 1}",
                goal_id=goal.id if goal else None,
                title=row.metric,
            )
            retro.results.append(result)
        result.actual = parse_value(row.actual)
        if row.stated_rate:
            result.achievement.stated_rate = parse_value(row.stated_rate)
        result.evidence.append(locator.locate(_row_line(source, row)))


def link_check(retro: Retrospective) -> None:
    """Drop links to items that no longer exist (after an edit or a redraft), and link a
    result to the one unanswered goal its title names ("后端服务" → "…一个后端服务的开发和上线")."""
    goal_ids = {g.id for g in retro.goals}
    problem_ids = {p.id for p in retro.problems}
    for result in retro.results:
        if result.goal_id not in goal_ids:
            result.goal_id = None
    answered = {r.goal_id for r in retro.results if r.goal_id}
    for result in retro.results:
        if result.goal_id is None:
            open_goals = [
                g
                for g in retro.goals
                if g.id not in answered
                and (_similar(result.title, g.title) or _similar(result.title, g.metric or ""))
            ]
            if len(open_goals) == 1:
                result.goal_id = open_goals[0].id
                answered.add(result.goal_id)
    for action in retro.action_items:
        action.problem_ids = [p for p in action.problem_ids if p in problem_ids]


def compute(retro: Retrospective) -> None:
    """Compute achievement for every result and raise the questions numbers leave open."""
    questions = Questions(retro)
    metric_files = {s.name for s in retro.meta.sources if s.type == "metrics"}
    goals = {g.id: g for g in retro.goals}
    for result in retro.results:
        goal = goals.get(result.goal_id or "")
        ach = result.achievement
        if goal is None:
            verdict = assess(
                parse_value(None), result.actual, None, None, ach.stated_rate, ach.stated_verdict
            )
        else:
            verdict = assess(
                goal.target,
                result.actual,
                goal.direction,
                goal.baseline,
                ach.stated_rate,
                ach.stated_verdict,
            )
        result.achievement = verdict.achievement
        placeholders = []
        for reason, params in verdict.questions:
            if reason == "placeholder":
                if params["what"] != "target" or goal is None:  # a goal's target: asked on it
                    placeholders.append((params["what"], params["text"]))
            else:
                questions.ask(f"results.{result.id}", reason, title=result.title, **params)
        questions.ask_placeholders(f"results.{result.id}", result.title, placeholders)
        from_metrics = any(e.verified and e.source in metric_files for e in result.evidence)
        if not from_metrics and result.actual.state == "known":
            missing = [
                n
                for n in numbers_in(result.actual.text)
                if not any(
                    e.verified and n in normalize(e.quote).replace(",", "") for e in result.evidence
                )
            ]
            if missing:
                questions.ask(
                    f"results.{result.id}",
                    "unsupported_number",
                    title=result.title,
                    actual=result.actual.text,
                )
    answered = {r.goal_id for r in retro.results}
    for goal in retro.goals:
        if goal.target.state == "placeholder":
            questions.ask_placeholders(
                f"goals.{goal.id}", goal.title, [("target", goal.target.text)]
            )
        if goal.id not in answered:
            questions.ask(f"goals.{goal.id}", "missing", title=goal.title)


def ask_open_questions(retro: Retrospective) -> None:
    """Questions about quotes not found, hedged causes, and actions without owner or due."""
    questions = Questions(retro)
    items = [
        *(("goals", g) for g in retro.goals),
        *(("results", r) for r in retro.results),
        *(("highlights", h) for h in retro.highlights),
        *(("problems", p) for p in retro.problems),
        *(("problems", c) for p in retro.problems for c in p.causes),
        *(("lessons", lesson) for lesson in retro.lessons),
        *(("action_items", a) for a in retro.action_items),
        *(("timeline", t) for t in retro.timeline),
    ]
    for section, item in items:
        for e in item.evidence:
            if not e.verified:
                questions.ask(f"{section}.{item.id}", "unverified_quote", id=item.id, quote=e.quote)
    for problem in retro.problems:
        for cause in problem.causes:
            if cause.confidence == "hypothesis":
                questions.ask(
                    f"problems.{cause.id}", "hypothesis_cause", id=cause.id, text=cause.text
                )
    personal = retro.meta.kind == "personal"  # the author's own plans: no owner or date asked
    for action in retro.action_items:
        if not action.owner and not personal:
            questions.ask(f"action_items.{action.id}", "no_owner", id=action.id, text=action.action)
        if not action.due.text and not personal:
            questions.ask(f"action_items.{action.id}", "no_due", id=action.id, text=action.action)
    questions.sort()
