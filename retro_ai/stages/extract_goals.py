"""Goals (G): what the work set out to reach, with targets parsed but never guessed."""

from __future__ import annotations

from retro_ai.schema import Goal, Retrospective
from retro_ai.stages.base import Context, Stage, clean
from retro_ai.stages.drafts import GoalsOutput
from retro_ai.verify.numbers import parse_in_context, parse_value
from retro_ai.verify.reconcile import merge_metric_goals


def apply(out: GoalsOutput, retro: Retrospective, ctx: Context) -> None:
    for draft in out.goals:
        target = parse_in_context(draft.target, f"{draft.title} {draft.quote}")
        retro.goals.append(
            Goal(
                id=f"G{len(retro.goals) + 1}",
                title=draft.title.strip(),
                category=clean(draft.category),
                metric=clean(draft.metric),
                target=target,
                unit=clean(draft.unit) or target.unit,
                direction=draft.direction,
                baseline=parse_value(draft.baseline) if clean(draft.baseline) else None,
                evidence=ctx.evidence(draft.quote),
            )
        )


def merge_metrics(retro: Retrospective, ctx: Context) -> None:
    """Each metrics-file row joins the one drafted goal it measures, or becomes a goal."""
    merge_metric_goals(retro, ctx.sources, ctx.locator)


STAGE = Stage("extract_goals", GoalsOutput, (), apply, sections=("goals",), post=merge_metrics)
