"""The stages, one module per prompt file, and the rounds in which they can run together."""

from __future__ import annotations

from typing import Any

from retro_ai.stages import (
    analyze_causes,
    assess_results,
    describe_incident,
    distill_insights,
    extract_goals,
    extract_phases,
    extract_timeline,
    review_followups,
    write_summary,
)
from retro_ai.stages.base import Context, Stage
from retro_ai.vocab import SECTION_STAGES

STAGES: dict[str, Stage[Any]] = {
    m.STAGE.name: m.STAGE
    for m in (
        extract_goals,
        analyze_causes,
        extract_timeline,
        extract_phases,
        describe_incident,
        review_followups,
        assess_results,
        distill_insights,
        write_summary,
    )
}


def redraft_names(name: str) -> list[str]:
    """`name` and every stage redrafted with it (see `Stage.redrafted_with`), in STAGES order."""
    names = {name}
    grown = True
    while grown:
        more = {s.name for s in STAGES.values() if names & set(s.redrafted_with)}
        grown = not more <= names
        names |= more
    return [name, *(n for n in STAGES if n in names and n != name)]


def rounds(names: list[str]) -> list[list[Stage[Any]]]:
    """Group stages into rounds: each round only needs stages from earlier rounds."""
    pending = [STAGES[n] for n in names]
    done: set[str] = set()
    result: list[list[Stage[Any]]] = []
    while pending:
        ready = [s for s in pending if all(d in done or d not in names for d in s.after)]
        if not ready:
            raise ValueError(f"stage dependencies form a cycle: {[s.name for s in pending]}")
        result.append(ready)
        done.update(s.name for s in ready)
        pending = [s for s in pending if s not in ready]
    return result


__all__ = ["SECTION_STAGES", "STAGES", "Context", "Stage", "redraft_names", "rounds"]
