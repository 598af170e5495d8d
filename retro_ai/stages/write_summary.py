"""Summary: title, background, period and the overall verdict, written last."""

from __future__ import annotations

from retro_ai.schema import Retrospective
from retro_ai.stages.base import Context, Stage, clean
from retro_ai.stages.drafts import SummaryOutput


def apply(out: SummaryOutput, retro: Retrospective, ctx: Context) -> None:  # noqa: ARG001
    retro.meta.title = out.title.strip() or retro.meta.title
    retro.meta.period = clean(out.period) or retro.meta.period
    retro.background = out.background.strip()
    retro.summary.text = out.summary.strip()
    retro.summary.key_points = [p.strip() for p in out.key_points if p.strip()]


STAGE = Stage(
    "write_summary",
    SummaryOutput,
    (
        "extract_goals",
        "assess_results",
        "analyze_causes",
        "distill_insights",
        "extract_timeline",
        "extract_phases",
        "describe_incident",
        "review_followups",
    ),
    apply,
    sections=("summary", "background"),
    after_verify=True,
)
