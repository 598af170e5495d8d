"""The `Retrospective`: the one structure between extraction and rendering.

Every extracted item carries evidence (verbatim quotes located in the sources by code), and
every number that matters is computed by code next to whatever the source stated.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    computed_field,
    model_serializer,
    model_validator,
)

from retro_ai.vocab import Kind, Language

SCHEMA_VERSION = "1"

Direction = Literal["higher", "lower", "binary"]
ValueState = Literal["known", "placeholder", "missing"]
Verdict = Literal["exceeded", "met", "partial", "missed", "unknown"]
CauseType = Literal["trigger", "direct", "contributing", "root"]
Confidence = Literal["confirmed", "likely", "hypothesis"]
Polarity = Literal["keep", "improve"]
Horizon = Literal["short", "medium", "long"]
QuestionReason = Literal[
    "unverified_quote",
    "placeholder",
    "missing_baseline",
    "rate_conflict",
    "duration_conflict",
    "unsupported_number",
    "no_owner",
    "no_due",
    "hypothesis_cause",
    "missing",
    "conflict",
    "unit_mismatch",
    "ambiguous_metric",
    "duplicate_metric",
    "unanswered_question",
]


# One set of set-field names per distinct set (see `_Model`), and the ids of those sets.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_SHARED: set[int] = set()


class _Model(BaseModel):
    """The base of every retrospective model: strict about unknown fields, and light.

    Pydantic keeps a set of the fields given explicitly per object, 728 bytes for six names:
    two thirds of the memory of a long draft, whose items are nearly all alike. Objects that
    set the same fields share one set; one assigned a field not in it gets its own set first,
    so each object's `model_fields_set` reads exactly as pydantic's own would.
    """

    model_config = ConfigDict(extra="forbid")

    def model_post_init(self, _context: Any, /) -> None:
        given = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.get(frozenset(given))
        if shared is None:
            shared = _FIELDS_SETS.setdefault(frozenset(given), set(given))
            _SHARED.add(id(shared))
        object.__setattr__(self, "__pydantic_fields_set__", shared)

    def __setattr__(self, name: str, value: Any) -> None:
        given = self.__pydantic_fields_set__
        if name not in given and id(given) in _SHARED:
            object.__setattr__(self, "__pydantic_fields_set__", set(given))
        super().__setattr__(name, value)


class Evidence(_Model):
    """A verbatim quote and where code found it; `verified` is false when it was not found."""

    quote: str
    source: str | None = None
    line: int | None = None
    timestamp: str | None = None
    speaker: str | None = None
    verified: bool = False


class _Item(_Model):
    id: str
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _drop_derived(cls, data: Any) -> Any:
        if isinstance(data, dict) and "verified" in data:
            data = {k: v for k, v in data.items() if k != "verified"}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def verified(self) -> bool:
        """True when at least one quote was found in the sources; derived, never stored."""
        return any(e.verified for e in self.evidence)


class Value(_Model):
    """A stated value: its text as written, the number code read from it, and its state."""

    text: str = ""
    value: float | None = None
    unit: str | None = None
    change: bool = False
    state: ValueState = "missing"


class Goal(_Item):
    title: str
    category: str | None = None
    metric: str | None = None
    target: Value = Field(default_factory=Value)
    unit: str | None = None
    direction: Direction | None = None
    baseline: Value | None = None


class Achievement(_Model):
    """Computed in code; `stated_rate` and `stated_verdict` keep what the source said."""

    rate: float | None = None
    convention: str | None = None
    stated_rate: Value | None = None
    stated_verdict: str | None = None
    verdict: Verdict = "unknown"
    basis: Literal["computed", "stated", "none"] = "none"


class Result(_Item):
    goal_id: str | None = None
    title: str
    actual: Value = Field(default_factory=Value)
    achievement: Achievement = Field(default_factory=Achievement)


class Highlight(_Item):
    title: str
    description: str = ""
    luck: bool = False  # "where we got lucky": it went well, but not by design


class Cause(_Item):
    text: str
    type: CauseType = "contributing"
    confidence: Confidence = "confirmed"


class Problem(_Item):
    title: str
    description: str = ""
    causes: list[Cause] = Field(default_factory=list)


class Lesson(_Item):
    statement: str
    polarity: Polarity = "improve"


class Due(_Model):
    text: str = ""
    date: dt.date | None = None


class ActionItem(_Item):
    action: str
    owner: str | None = None
    due: Due = Field(default_factory=Due)
    horizon: Horizon | None = None
    area: str | None = None
    problem_ids: list[str] = Field(default_factory=list)


EventKind = Literal["start", "detection", "mitigation", "resolution", "other"]


class TimelineEvent(_Item):
    at: str
    description: str
    kind: EventKind = "other"


class Phase(_Item):
    """A stage of a personal or project journey: what was hard, what was done, what was gained."""

    name: str
    challenges: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)
    gains: list[str] = Field(default_factory=list)


class Statement(_Item):
    text: str


class Incident(_Model):
    """Incident extras; time to detect and to recover are derived from the timeline in code."""

    impact: Statement | None = None
    detection: Statement | None = None
    resolution: Statement | None = None
    time_to_detect: str | None = None
    time_to_recover: str | None = None


FollowUpStatus = Literal["done", "in_progress", "not_started", "dropped", "unknown"]


class FollowUp(_Item):
    """An action from the previous retrospective and what became of it (sprint kind)."""

    action: str
    status: FollowUpStatus = "unknown"
    note: str = ""


class Summary(_Model):
    text: str = ""
    key_points: list[str] = Field(default_factory=list)


class OpenQuestion(_Model):
    id: str
    field: str
    question: str
    reason: QuestionReason


class SourceInfo(_Model):
    id: str
    name: str
    path: str | None = None  # relative to the .retro.json on disk, so `redraft` finds it again
    sha256: str | None = None
    type: Literal["notes", "transcript", "metrics"]
    encoding: str
    lines: int


class UsageInfo(_Model):
    """Model calls and tokens spent on this draft (zero for the offline engine).

    `cached_tokens` is the part of `prompt_tokens` the server read from its prefix cache; stages
    answered from retro-ai's own cache make no call and add nothing."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0


class Provenance(_Model):
    """What produced one section, so a reader knows which prompt and model wrote it."""

    stage: str
    engine: Literal["offline", "model"]
    model: str | None = None
    prompt_version: str | None = None
    drafted_on: dt.date


class Cue(_Model):
    """A cue word that voted for the kind, and how often it occurs in the sources."""

    word: str
    count: int


KindHow = Literal["cues", "forced", "default", "model", "text"]
_LEGACY_HOW = {"no strong cues; default": "default", "forced with --kind": "forced"}
_LEGACY_CUES = re.compile(r"^\w+ cues: (.+)$")
_LEGACY_CUE = re.compile(r"^(.+)×(\d+)$")


class KindReason(_Model):
    """How the kind was chosen, as data the report words in its own language.

    `cues`: the top cue words counted in the sources; `forced`: the user chose it; `default`:
    no cue was strong enough; `model`: the learned document model was sure (`confidence`) where
    the cues were few or named another kind; `text`: a reason given as free text (or none),
    such as one from an older draft, kept as written.
    """

    how: KindHow = "text"
    cues: list[Cue] = Field(default_factory=list)
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    text: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_sentence(cls, data: Any) -> Any:
        """Read the English sentence older drafts stored ("project cues: launch×9")."""
        if not isinstance(data, str):
            return data
        if data in _LEGACY_HOW:
            return {"how": _LEGACY_HOW[data]}
        found = _LEGACY_CUES.match(data)
        cues = [_LEGACY_CUE.match(c) for c in found.group(1).split(", ")] if found else []
        if cues and all(cues):
            return {"how": "cues", "cues": [{"word": c[1], "count": c[2]} for c in cues if c]}
        return {"how": "text", "text": data}

    @model_serializer(mode="wrap")
    def _without_unset_confidence(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Only a model's guess has a confidence: other reasons are written as they always were."""
        data = handler(self)
        if isinstance(data, dict) and data.get("confidence") is None:
            data.pop("confidence", None)
        return data


class RedactionInfo(_Model):
    """That the sources were redacted before any model saw them, and with which roster, so a
    redraft redacts again the same way. Never the placeholder mapping itself."""

    roster: str | None = None  # relative to the .retro.json on disk, like source paths
    roster_sha256: str | None = None
    names_restored: bool = False


class Meta(_Model):
    schema_version: str = SCHEMA_VERSION
    title: str = ""
    kind: Kind = "project"
    kind_reason: KindReason = Field(default_factory=KindReason)
    language: Language = "zh"
    output_language: Language = "zh"
    period: str | None = None
    report_date: dt.date
    engine: Literal["offline", "model"] = "offline"
    model: str | None = None
    prompt_versions: dict[str, str] = Field(default_factory=dict)
    sources: list[SourceInfo] = Field(default_factory=list)
    usage: UsageInfo = Field(default_factory=UsageInfo)
    sections: dict[str, Provenance] = Field(default_factory=dict)
    redaction: RedactionInfo | None = Field(default=None, exclude_if=lambda v: v is None)


class Retrospective(_Model):
    """Goals → results → analysis → insights, with evidence and open questions."""

    meta: Meta
    background: str = ""
    goals: list[Goal] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    highlights: list[Highlight] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    lessons: list[Lesson] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    incident: Incident | None = None
    follow_ups: list[FollowUp] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    open_questions: list[OpenQuestion] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of `Retrospective`, as printed by `retro-ai schema`."""
    return Retrospective.model_json_schema(mode="serialization")


def load_retrospective(text: str, name: str = "retrospective") -> Retrospective:
    """Parse an (edited) `.retro.json`; errors name the field so the editor can fix it."""
    from pydantic import ValidationError

    from retro_ai.errors import InputError

    try:
        return Retrospective.model_validate_json(text)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(map(str, err["loc"])) or "(root)"
        raise InputError(f"{name}: invalid retrospective at {where}: {err['msg']}") from None
