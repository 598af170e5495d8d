"""The closed sets of names retro-ai is built from, each defined once: report kinds, languages,
structured-output rungs and redraftable sections.

Only `typing` is imported here, so the CLI can list the choices in `--help` without loading
pydantic or the stages; the schema, the settings and the stage table use these definitions.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["project", "personal", "campaign", "incident", "sprint", "other"]
Language = Literal["zh", "en"]
Rung = Literal["json_schema", "json_object", "text"]
ResponseFormat = Literal["auto", Rung]

# A section of the report a user can redraft, and the stage that writes it.
SECTION_STAGES: dict[str, str] = {
    "goals": "extract_goals",
    "results": "assess_results",
    "analysis": "analyze_causes",
    "highlights": "analyze_causes",
    "problems": "analyze_causes",
    "timeline": "extract_timeline",
    "insights": "distill_insights",
    "lessons": "distill_insights",
    "actions": "distill_insights",
    "summary": "write_summary",
    "phases": "extract_phases",
    "incident": "describe_incident",
    "follow-ups": "review_followups",
}
