"""Incident timeline: timestamped events, kept in the order of their times as written."""

from __future__ import annotations

from retro_ai.schema import Retrospective, TimelineEvent
from retro_ai.stages.base import Context, Stage
from retro_ai.stages.drafts import TimelineOutput


def apply(out: TimelineOutput, retro: Retrospective, ctx: Context) -> None:
    for e in out.events:
        retro.timeline.append(
            TimelineEvent(
                id=f"T{len(retro.timeline) + 1}",
                at=e.at.strip(),
                description=e.description.strip(),
                kind=e.kind,
                evidence=ctx.evidence(e.quote),
            )
        )


STAGE = Stage(
    "extract_timeline",
    TimelineOutput,
    (),
    apply,
    kinds=frozenset({"incident"}),
    sections=("timeline",),
)
