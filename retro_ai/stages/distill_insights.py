"""Insights (I): lessons to keep or improve, and action items with owners and dues."""

from __future__ import annotations

from retro_ai.schema import ActionItem, Due, Lesson, Retrospective
from retro_ai.stages.base import Context, Stage, clean
from retro_ai.stages.drafts import InsightsOutput
from retro_ai.verify.dates import resolve_due


def apply(out: InsightsOutput, retro: Retrospective, ctx: Context) -> None:
    for lesson in out.lessons:
        retro.lessons.append(
            Lesson(
                id=f"L{len(retro.lessons) + 1}",
                statement=lesson.statement.strip(),
                polarity=lesson.polarity,
                evidence=ctx.evidence(lesson.quote),
            )
        )
    problem_ids = {p.id for p in retro.problems}
    for a in out.actions:
        due_text = clean(a.due) or ""
        evidence = ctx.evidence(a.quote)
        due_date = resolve_due(due_text, ctx.day_of(evidence)) if due_text else None
        retro.action_items.append(
            ActionItem(
                id=f"A{len(retro.action_items) + 1}",
                action=a.action.strip(),
                owner=clean(a.owner),
                due=Due(text=due_text, date=due_date),
                horizon=a.horizon,
                area=clean(a.area),
                problem_ids=[p for p in a.problem_ids if p in problem_ids],
                evidence=evidence,
            )
        )


STAGE = Stage(
    "distill_insights",
    InsightsOutput,
    ("analyze_causes",),
    apply,
    sections=("lessons", "action_items"),
)
