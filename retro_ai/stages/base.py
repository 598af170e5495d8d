"""A stage: its prompt name, what it returns, what it waits for, and how its draft is applied.

A stage declares everything the pipeline needs to know about it, so the pipeline treats every
stage alike: the stages it waits for, the fix-up to run after its draft is applied, whether it
runs only once the drafts are verified and computed, and which redrafts must re-run it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from retro_ai.ingest.docdate import dates_along
from retro_ai.ingest.source import Source
from retro_ai.schema import Evidence, Kind, Retrospective
from retro_ai.stages.drafts import Draft
from retro_ai.verify.evidence import EvidenceLocator


@dataclass
class Context:
    """What applying a draft needs besides the draft: the sources, the report date, and the
    document's own date (relative due dates resolve against it; None when it states none)."""

    sources: list[Source]
    locator: EvidenceLocator
    report_date: date
    document_date: date | None = None
    # each source's (line numbers, days) where a mail or a chat day begins, read once
    _days: dict[str, tuple[list[int], list[date]]] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )

    def evidence(self, quote: str) -> list[Evidence]:
        return [self.locator.locate(quote)]

    def day_of(self, evidence: list[Evidence]) -> date | None:
        """The day a relative due said on the evidence's line counts from: the day of the mail
        or the chat turns it sits in, when a thread or a chat dates them, else the document's."""
        said = next((e for e in evidence if e.verified and e.line), None)
        source = next((s for s in self.sources if said and s.name == said.source), None)
        if said is None or source is None or said.line is None:
            return self.document_date
        if source.name not in self._days:
            along = dates_along(source, self.document_date)
            self._days[source.name] = ([n for n, _ in along], [d for _, d in along])
        numbers, days = self._days[source.name]
        at = bisect_right(numbers, said.line)
        return days[at - 1] if at else self.document_date


D = TypeVar("D", bound=Draft)


@dataclass(frozen=True)
class Stage(Generic[D]):
    """One stage, typed by its draft: `apply` takes exactly the draft that `output` validates."""

    name: str
    output: type[D]
    after: tuple[str, ...]  # stages whose sections this one reads
    apply: Callable[[D, Retrospective, Context], None]
    kinds: frozenset[Kind] | None = None  # None: every kind
    sections: tuple[str, ...] = ()  # the Retrospective fields this stage writes
    # Runs after `apply`, e.g. to merge rows from a metrics file into the drafted sections.
    post: Callable[[Retrospective, Context], None] | None = None
    # Runs once the other drafts are verified and computed, so it can summarise checked numbers.
    after_verify: bool = False
    # Redrafting any of these stages re-runs this one too: its ids point into their sections.
    redrafted_with: tuple[str, ...] = ()

    def reset(self, retro: Retrospective) -> None:
        """Empty this stage's sections, so running it again replaces them."""
        for name in self.sections:
            field = Retrospective.model_fields[name]
            # The factory is called directly: get_default inspects its signature on every call,
            # and the schema's factories (list, Summary) take no argument.
            if field.default_factory is None:
                default = field.get_default()
            else:
                default = field.default_factory()  # type: ignore[call-arg]
            setattr(retro, name, default)

    def wanted(self, kind: Kind) -> bool:
        return self.kinds is None or kind in self.kinds


def clean(text: str | None) -> str | None:
    """Strip a value; empty strings from the model become None."""
    if text is None:
        return None
    text = text.strip()
    return text or None
