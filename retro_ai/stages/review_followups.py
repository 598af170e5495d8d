"""Follow-up of the previous retrospective's actions (sprint kind): done, in progress, dropped."""

from __future__ import annotations

from retro_ai.schema import FollowUp, Retrospective
from retro_ai.stages.base import Context, Stage
from retro_ai.stages.drafts import FollowUpsOutput


def apply(out: FollowUpsOutput, retro: Retrospective, ctx: Context) -> None:
    for f in out.follow_ups:
        retro.follow_ups.append(
            FollowUp(
                id=f"F{len(retro.follow_ups) + 1}",
                action=f.action.strip(),
                status=f.status,
                note=f.note.strip(),
                evidence=ctx.evidence(f.quote),
            )
        )


STAGE = Stage(
    "review_followups",
    FollowUpsOutput,
    (),
    apply,
    kinds=frozenset({"sprint"}),
    sections=("follow_ups",),
)
