"""What a stage asks the model (or the offline engine) for: small, flat drafts with quotes.

Drafts hold values as written; ids, evidence lines, numbers and verdicts are added by code
when a draft is applied to the `Retrospective`. Field descriptions are read by the model.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Quote = Field(
    min_length=1,
    description="Exact words copied from the sources that support this item; never paraphrased.",
)


class Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class GoalDraft(Draft):
    title: str = Field(min_length=1, description="The goal in a short phrase.")
    category: str | None = Field(
        None, description="Group such as 功能/性能/时间/成本/体验 or delivery/cost."
    )
    metric: str | None = Field(None, description="What is measured, e.g. 响应时间, signups.")
    target: str | None = Field(
        None, description="Target exactly as written: '+30%', '≤200ms', 'X万元'."
    )
    unit: str | None = Field(None, description="Unit of the target: %, ms, 万, 元, users.")
    direction: Literal["higher", "lower", "binary"] | None = Field(
        None, description="higher or lower is better, or binary (done / not done)."
    )
    baseline: str | None = Field(None, description="Starting value if the sources state one.")
    quote: str = Quote


class GoalsOutput(Draft):
    goals: list[GoalDraft] = Field(default_factory=list)


class ResultDraft(Draft):
    goal_id: str | None = Field(None, description="Id of the goal this result answers (G1, G2…).")
    title: str = Field(min_length=1, description="What was achieved, in a short phrase.")
    actual: str | None = Field(None, description="Actual value exactly as written, e.g. '95%'.")
    stated_rate: str | None = Field(None, description="Achievement rate if the sources state one.")
    stated_verdict: str | None = Field(
        None, description="Verdict as written: 达成, 略有超支, missed."
    )
    quote: str = Quote


class ResultsOutput(Draft):
    results: list[ResultDraft] = Field(default_factory=list)


class HighlightDraft(Draft):
    title: str = Field(min_length=1)
    description: str = ""
    luck: bool = Field(False, description="true when it went well by luck, not by design.")
    quote: str = Quote


class CauseDraft(Draft):
    text: str = Field(
        min_length=1, description="The cause as a condition of the system, not blame."
    )
    type: Literal["trigger", "direct", "contributing", "root"] = "contributing"
    confidence: Literal["confirmed", "likely", "hypothesis"] = Field(
        "confirmed", description="hypothesis when the sources hedge (可能, probably, we think)."
    )
    quote: str = Quote


class ProblemDraft(Draft):
    title: str = Field(min_length=1)
    description: str = ""
    causes: list[CauseDraft] = Field(default_factory=list)
    quote: str = Quote


class AnalysisOutput(Draft):
    highlights: list[HighlightDraft] = Field(default_factory=list)
    problems: list[ProblemDraft] = Field(default_factory=list)


class EventDraft(Draft):
    kind: Literal["start", "detection", "mitigation", "resolution", "other"] = Field(
        "other", description="start of impact, detection, mitigation, resolution, or other."
    )
    at: str = Field(
        min_length=1, description="Time exactly as written, e.g. '14:05' or '2024-03-01 09:10'."
    )
    description: str = Field(min_length=1)
    quote: str = Quote


class TimelineOutput(Draft):
    events: list[EventDraft] = Field(default_factory=list)


class LessonDraft(Draft):
    statement: str = Field(min_length=1)
    polarity: Literal["keep", "improve"] = Field(
        "improve", description="keep: worked and should continue; improve: do differently."
    )
    quote: str = Quote


class ActionDraft(Draft):
    action: str = Field(min_length=1)
    owner: str | None = Field(None, description="Owner exactly as stated; null if not stated.")
    due: str | None = Field(None, description="Deadline exactly as stated; null if not stated.")
    horizon: Literal["short", "medium", "long"] | None = None
    area: str | None = Field(None, description="Area or 层面 the action belongs to, if stated.")
    problem_ids: list[str] = Field(
        default_factory=list, description="Ids of problems it addresses."
    )
    quote: str = Quote


class InsightsOutput(Draft):
    lessons: list[LessonDraft] = Field(default_factory=list)
    actions: list[ActionDraft] = Field(default_factory=list)


class SummaryOutput(Draft):
    title: str = Field("", description="A title for the report.")
    background: str = Field("", description="Context and why the work was done, 1-3 sentences.")
    period: str | None = Field(None, description="Period covered, as written.")
    summary: str = Field("", description="Overall verdict in 2-4 sentences.")
    key_points: list[str] = Field(default_factory=list)


class PhaseDraft(Draft):
    name: str = Field(min_length=1, description="The phase or stage, e.g. 认知准备阶段.")
    challenges: list[str] = Field(default_factory=list, description="挑战: what was hard.")
    actions: list[str] = Field(default_factory=list, description="行动: what was done.")
    gains: list[str] = Field(default_factory=list, description="收获: what was gained.")
    quote: str = Quote


class PhasesOutput(Draft):
    phases: list[PhaseDraft] = Field(default_factory=list)


class StatementDraft(Draft):
    text: str = Field(min_length=1)
    quote: str = Quote


class IncidentOutput(Draft):
    impact: StatementDraft | None = Field(None, description="Who or what was affected, how much.")
    detection: StatementDraft | None = Field(None, description="How the incident was noticed.")
    resolution: StatementDraft | None = Field(None, description="How it was mitigated and fixed.")


class FollowUpDraft(Draft):
    action: str = Field(min_length=1, description="An action item from the previous retro.")
    status: Literal["done", "in_progress", "not_started", "dropped", "unknown"] = "unknown"
    note: str = ""
    quote: str = Quote


class FollowUpsOutput(Draft):
    follow_ups: list[FollowUpDraft] = Field(default_factory=list)


class ThemeDraft(Draft):
    name: str = Field(min_length=1, description="A short name for what the findings share.")
    finding_ids: list[str] = Field(
        default_factory=list, description="Ids of the findings in this theme (F1, F2…)."
    )


class ThemesOutput(Draft):
    """Themes across many retrospectives: groups of extracted causes and lessons."""

    themes: list[ThemeDraft] = Field(default_factory=list)
