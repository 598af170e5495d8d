"""Incident extras: impact, detection and resolution, each with its quote."""

from __future__ import annotations

from retro_ai.schema import Incident, Retrospective, Statement
from retro_ai.stages.base import Context, Stage
from retro_ai.stages.drafts import IncidentOutput, StatementDraft


def apply(out: IncidentOutput, retro: Retrospective, ctx: Context) -> None:
    def statement(name: str, draft: StatementDraft | None) -> Statement | None:
        if draft is None:
            return None
        return Statement(id=name, text=draft.text.strip(), evidence=ctx.evidence(draft.quote))

    incident = retro.incident or Incident()
    incident.impact = statement("impact", out.impact)
    incident.detection = statement("detection", out.detection)
    incident.resolution = statement("resolution", out.resolution)
    retro.incident = incident


STAGE = Stage(
    "describe_incident",
    IncidentOutput,
    (),
    apply,
    kinds=frozenset({"incident"}),
    sections=("incident",),
)
