"""What ingest hands to the pipeline: sources made of numbered lines, plus parsed metrics rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from retro_ai.schema import Direction

SourceType = Literal["notes", "transcript", "metrics"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line as the model sees it, with where it stands in the original file.

    For transcripts `text` is the spoken text only; `speaker` and `timestamp` are kept apart so
    the model view can show them and evidence can cite them.
    """

    number: int
    text: str
    speaker: str | None = None
    timestamp: str | None = None

    def display(self) -> str:
        head = f"[{self.timestamp}] " if self.timestamp else ""
        who = f"{self.speaker}: " if self.speaker else ""
        return f"{head}{who}{self.text}"


@dataclass(frozen=True)
class MetricRow:
    """One row of a metrics file, as written; `retro_ai.verify.numbers` reads its numbers."""

    line: int
    metric: str
    target: str = ""
    actual: str = ""
    unit: str | None = None
    direction: Direction | None = None
    baseline: str | None = None
    category: str | None = None
    stated_rate: str | None = None


@dataclass
class Source:
    id: str
    name: str
    type: SourceType
    encoding: str
    lines: list[Line] = field(default_factory=list)
    metrics: list[MetricRow] = field(default_factory=list)

    def text(self) -> str:
        """The source as the model reads it: one displayed line per original line."""
        return "\n".join(line.display() for line in self.lines)
