"""A stage: its prompt name, what it returns, what it waits for, and how its draft is applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from retro_ai.ingest.source import Source
from retro_ai.schema import Evidence, Kind, Retrospective
from retro_ai.stages.drafts import Draft
from retro_ai.verify.evidence import EvidenceLocator


@dataclass
class Context:
    """What applying a draft needs besides the draft: the sources and the report date."""

    sources: list[Source]
    locator: EvidenceLocator
    report_date: date

    def evidence(self, quote: str) -> list[Evidence]:
        return [self.locator.locate(quote)]


@dataclass(frozen=True)
class Stage:
    name: str
    output: type[Draft]
    after: tuple[str, ...]
    apply: Callable[[Draft, Retrospective, Context], None]
    kinds: frozenset[Kind] | None = None  # None: every kind
    sections: tuple[str, ...] = ()  # the Retrospective fields this stage writes

    def reset(self, retro: Retrospective) -> None:
        """Empty this stage's sections, so running it again replaces them."""
        for name in self.sections:
            default = Retrospective.model_fields[name].get_default(call_default_factory=True)
            setattr(retro, name, default)

    def wanted(self, kind: Kind) -> bool:
        return self.kinds is None or kind in self.kinds


def clean(text: str | None) -> str | None:
    """Strip a value; empty strings from the model become None."""
    if text is None:
        return None
    text = text.strip()
    return text or None
