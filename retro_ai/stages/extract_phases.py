"""Phases of a personal retrospective: 挑战 / 行动 / 收获 for each stage of the journey."""

from __future__ import annotations

from retro_ai.schema import Phase, Retrospective
from retro_ai.stages.base import Context, Stage
from retro_ai.stages.drafts import PhasesOutput


def _items(texts: list[str]) -> list[str]:
    return [t.strip() for t in texts if t.strip()]


def apply(out: PhasesOutput, retro: Retrospective, ctx: Context) -> None:
    for p in out.phases:
        retro.phases.append(
            Phase(
                id=f"PH{len(retro.phases) + 1}",
                name=p.name.strip(),
                challenges=_items(p.challenges),
                actions=_items(p.actions),
                gains=_items(p.gains),
                evidence=ctx.evidence(p.quote),
            )
        )


STAGE = Stage(
    "extract_phases", PhasesOutput, (), apply, kinds=frozenset({"personal"}), sections=("phases",)
)
