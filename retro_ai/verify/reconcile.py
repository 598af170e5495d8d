"""Verify and compute: metrics rows become goals and results, achievement is computed, numbers
are checked against quotes, and every unknown becomes an open question.

This is where the principles "numbers are data" and "unknowns are questions" are enforced,
whichever engine produced the drafts.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict

from retro_ai.i18n import LABELS
from retro_ai.ingest.source import Line, MetricRow, Source
from retro_ai.schema import Direction, Evidence, Goal, Result, Retrospective
from retro_ai.verify.achievement import assess, hard_limit
from retro_ai.verify.evidence import EvidenceLocator, normalize
from retro_ai.verify.measures import GoalIndex, Name, NameIndex, same_name
from retro_ai.verify.numbers import numbers_in, parse_value
from retro_ai.verify.questions import Questions, shorten

_DIRECTIONS: dict[str, Direction] = {"higher": "higher", "lower": "lower", "binary": "binary"}


def _metric_rows(sources: list[Source]) -> list[tuple[Source, MetricRow]]:
    return [(s, row) for s in sources if s.type == "metrics" for row in s.metrics]


class _RowEvidence:
    """Evidence for metrics rows: the row's own line, looked up once per source."""

    def __init__(self, locator: EvidenceLocator) -> None:
        self._locator = locator
        self._lines: dict[str, dict[int, Line]] = {}

    def __call__(self, source: Source, row: MetricRow) -> Evidence:
        lines = self._lines.get(source.id)
        if lines is None:
            lines = self._lines[source.id] = {line.number: line for line in source.lines}
        line = lines.get(row.line)
        if line is None:
            return self._locator.locate(row.metric)
        return Evidence(
            quote=line.text,
            source=source.name,
            line=line.number,
            timestamp=line.timestamp,
            speaker=line.speaker,
            verified=True,
        )


def merge_metric_goals(
    retro: Retrospective, sources: list[Source], locator: EvidenceLocator
) -> None:
    """Attach each metrics row to the one goal it measures, or add a goal for it.

    A row attaches only when it matches exactly one drafted goal and no other row matches that
    goal; otherwise it stands as its own goal (`compute` asks which goal it belongs to), so two
    measures never merge into one goal with the other's numbers.
    """
    rows = _metric_rows(sources)
    if not rows:
        return
    index = GoalIndex(retro.goals)
    candidates = [index.matches(row.metric) for _source, row in rows]
    claims = Counter(g.id for goals in candidates for g in goals)
    evidence_of = _RowEvidence(locator)
    for (source, row), goals in zip(rows, candidates, strict=True):
        evidence = evidence_of(source, row)
        target = parse_value(row.target)
        if len(goals) == 1 and claims[goals[0].id] == 1:
            goal = goals[0]
        else:
            goal = Goal(id=f"G{len(retro.goals) + 1}", title=row.metric, metric=row.metric)
            retro.goals.append(goal)
        goal.metric = goal.metric or row.metric
        if row.target:
            goal.target = target
        goal.unit = row.unit or goal.unit or target.unit
        goal.direction = _DIRECTIONS.get(row.direction or "", goal.direction)
        goal.category = goal.category or row.category
        if row.baseline:
            goal.baseline = parse_value(row.baseline)
        goal.evidence.append(evidence)


def merge_metric_results(
    retro: Retrospective, sources: list[Source], locator: EvidenceLocator
) -> None:
    """Results from metrics rows override stated actuals (numbers are data).

    Each row answers the goal that cites its line, so a row's numbers never reach another goal.
    """
    metric_files = {s.name for s in sources if s.type == "metrics"}
    goal_of_line: dict[tuple[str, int], Goal] = {}
    for g in retro.goals:
        for e in g.evidence:
            if e.verified and e.source in metric_files and e.line is not None:
                goal_of_line.setdefault((e.source, e.line), g)
    result_of_goal: dict[str, Result] = {}
    for r in retro.results:
        if r.goal_id:
            result_of_goal.setdefault(r.goal_id, r)
    evidence_of = _RowEvidence(locator)
    for source, row in _metric_rows(sources):
        if not row.actual:
            continue
        evidence = evidence_of(source, row)
        goal = goal_of_line.get((evidence.source or "", evidence.line or 0))
        result = result_of_goal.get(goal.id) if goal else None
        if result is None:
            result = Result(
                id=f"R{len(retro.results) + 1}",
                goal_id=goal.id if goal else None,
                title=row.metric,
            )
            retro.results.append(result)
            if goal:
                result_of_goal[goal.id] = result
        result.actual = parse_value(row.actual)
        if row.stated_rate:
            result.achievement.stated_rate = parse_value(row.stated_rate)
        result.evidence.append(evidence)


def link_check(retro: Retrospective) -> None:
    """Drop links to items that no longer exist (after an edit or a redraft), and link a
    result to the one unanswered goal its title names ("后端服务" → "…一个后端服务的开发和上线")."""
    goal_ids = {g.id for g in retro.goals}
    problem_ids = {p.id for p in retro.problems}
    for result in retro.results:
        if result.goal_id not in goal_ids:
            result.goal_id = None
    answered = {r.goal_id for r in retro.results if r.goal_id}
    # Each goal's title and metric, indexed: a result is compared with the goals that share a
    # word or characters with it, not with every goal, and only until a second one matches.
    index = NameIndex([name for g in retro.goals for name in (g.title, g.metric or "")])
    for result in retro.results:
        if result.goal_id is None:
            title = Name.of(result.title)
            open_goals: list[Goal] = []
            for i in index.candidates(title):
                goal = retro.goals[i // 2]
                if goal.id in answered or (open_goals and open_goals[-1] is goal):
                    continue
                if same_name(title, index.names[i]):
                    open_goals.append(goal)
                    if len(open_goals) > 1:
                        break
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
                hard=hard_limit(
                    goal.direction, goal.title, goal.target.text, *(e.quote for e in goal.evidence)
                ),
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
    _ask_about_metric_goals(retro, questions, metric_files)
    answered = {r.goal_id for r in retro.results}
    for goal in retro.goals:
        if goal.target.state == "placeholder":
            questions.ask_placeholders(
                f"goals.{goal.id}", goal.title, [("target", goal.target.text)]
            )
        if goal.id not in answered:
            questions.ask(f"goals.{goal.id}", "missing", title=goal.title)


def _ask_about_metric_goals(
    retro: Retrospective, questions: Questions, metric_files: set[str]
) -> None:
    """Ask about goals that metrics rows stand as because no single goal matched them: a row
    that could measure a drafted goal, and a metric listed more than once."""
    from_rows: list[Goal] = []
    drafted: list[Goal] = []
    for goal in retro.goals:
        rows_only = goal.evidence and all(e.source in metric_files for e in goal.evidence)
        (from_rows if rows_only else drafted).append(goal)
    if not from_rows:
        return
    zh = questions.lang == "zh"
    same: dict[str, list[Goal]] = defaultdict(list)
    for goal in from_rows:
        same[normalize(goal.metric or goal.title)].append(goal)
    for goals in same.values():
        if len(goals) < 2:
            continue
        places = [(os.path.basename(e.source or ""), e.line) for g in goals for e in g.evidence]
        words = LABELS[questions.lang]
        lines = words["list_sep"].join(
            words["line_in"].format(name=name, line=line) for name, line in places[:5]
        )
        lines += "…" if len(places) > 5 else ""
        questions.ask(
            f"goals.{goals[0].id}",
            "duplicate_metric",
            title=goals[0].title,
            count=str(len(goals)),
            lines=lines,
        )
    if not drafted:
        return
    index = GoalIndex(drafted)
    for goal in from_rows:
        matches = index.matches(goal.metric or goal.title)
        if not matches:
            continue
        names = [f"{g.id}“{shorten(g.title, 40)}”" for g in matches]
        if not zh:
            names = [n.replace("“", " “") for n in names]
        joined = LABELS[questions.lang]["or"].join(names)
        questions.ask(f"goals.{goal.id}", "ambiguous_metric", title=goal.title, goals=joined)


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
