"""Results (R): what actually happened against each goal; rates are computed later, in code."""

from __future__ import annotations

from retro_ai.schema import Result, Retrospective
from retro_ai.stages.base import Context, Stage, clean
from retro_ai.stages.drafts import ResultsOutput
from retro_ai.verify.numbers import parse_in_context, parse_value
from retro_ai.verify.reconcile import merge_metric_results


def apply(out: ResultsOutput, retro: Retrospective, ctx: Context) -> None:
    goal_ids = {g.id for g in retro.goals}
    for draft in out.results:
        stated_rate = parse_value(draft.stated_rate) if clean(draft.stated_rate) else None
        result = Result(
            id=f"R{len(retro.results) + 1}",
            goal_id=draft.goal_id if draft.goal_id in goal_ids else None,
            title=draft.title.strip(),
            actual=parse_in_context(draft.actual, f"{draft.title} {draft.quote}"),
            evidence=ctx.evidence(draft.quote),
        )
        result.achievement.stated_rate = stated_rate
        result.achievement.stated_verdict = clean(draft.stated_verdict)
        retro.results.append(result)


def merge_metrics(retro: Retrospective, ctx: Context) -> None:
    """Numbers from metrics-file rows override the actuals the drafts state."""
    merge_metric_results(retro, ctx.sources, ctx.locator)


STAGE = Stage(
    "assess_results",
    ResultsOutput,
    ("extract_goals",),
    apply,
    sections=("results",),
    post=merge_metrics,
    redrafted_with=("extract_goals",),  # results point at goal ids, which a redraft renumbers
)
