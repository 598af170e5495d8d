"""Analysis (A): highlights, and problems with typed, confidence-rated causes."""

from __future__ import annotations

from retro_ai.schema import Cause, Highlight, Problem, Retrospective
from retro_ai.stages.base import Context, Stage
from retro_ai.stages.drafts import AnalysisOutput


def apply(out: AnalysisOutput, retro: Retrospective, ctx: Context) -> None:
    for h in out.highlights:
        retro.highlights.append(
            Highlight(
                id=f"H{len(retro.highlights) + 1}",
                title=h.title.strip(),
                description=h.description.strip(),
                luck=h.luck,
                evidence=ctx.evidence(h.quote),
            )
        )
    for p in out.problems:
        pid = f"P{len(retro.problems) + 1}"
        causes = [
            Cause(
                id=f"{pid}.C{i}",
                text=c.text.strip(),
                type=c.type,
                confidence=c.confidence,
                evidence=ctx.evidence(c.quote),
            )
            for i, c in enumerate(p.causes, 1)
        ]
        retro.problems.append(
            Problem(
                id=pid,
                title=p.title.strip(),
                description=p.description.strip(),
                causes=causes,
                evidence=ctx.evidence(p.quote),
            )
        )


STAGE = Stage("analyze_causes", AnalysisOutput, (), apply, sections=("highlights", "problems"))
