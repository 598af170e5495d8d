"""Finding quotes in the sources, in code: the model's word is never taken for where a quote is.

Matching ignores whitespace, case and full-width vs half-width punctuation, so a quote copied
from "目标：提升 30％" still matches "目标: 提升30%"; the line (and transcript timestamp) come from
the source, not from the model.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from retro_ai.ingest.source import Line, Source
from retro_ai.schema import Evidence

_PUNCT = str.maketrans(
    {
        "。": ".",
        "、": ",",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "《": "<",
        "》": ">",
        "【": "[",
        "】": "]",
        "—": "-",
        "–": "-",
        "−": "-",
        "…": "...",
        "·": ".",
    }
)


def normalize(text: str) -> str:
    """Fold width, case and punctuation, and drop whitespace, for tolerant matching."""
    folded = unicodedata.normalize("NFKC", text).translate(_PUNCT).casefold()
    return "".join(folded.split())


@dataclass(slots=True)
class LineIndex:
    """Lines joined into one text, so a quote is found by one search in C, with where each line
    begins to tell which line a match came from."""

    text: str
    starts: array[int]  # where each line's text begins in `text`, in order
    owners: array[int]  # the index of that line in the source (machine ints: a week of chat
    # has a million lines, and a list would hold a boxed int for each)

    @classmethod
    def of(cls, lines: Iterable[tuple[int, str]], sep: str = "") -> LineIndex:
        """The index of (line index, text) pairs, joined by `sep`."""
        parts: list[str] = []
        starts: array[int] = array("q")
        owners: array[int] = array("q")
        at = 0
        for i, text in lines:
            parts.append(text)
            starts.append(at)
            owners.append(i)
            at += len(text) + len(sep)
        return cls(sep.join(parts), starts, owners)

    def owner(self, pos: int) -> int:
        """The index of the line the character at `pos` came from (a bisect over line starts,
        not a list entry per character, which cost eight bytes per character of input)."""
        return self.owners[bisect_right(self.starts, pos) - 1]


class EvidenceLocator:
    """Locates quotes in a fixed set of sources; each source is indexed once."""

    def __init__(self, sources: list[Source]) -> None:
        self._sources = sources
        self._indexes: dict[str, LineIndex] = {}

    def _index(self, source: Source) -> LineIndex:
        index = self._indexes.get(source.id)
        if index is None:
            normalized = ((i, normalize(line.display())) for i, line in enumerate(source.lines))
            index = LineIndex.of((i, norm) for i, norm in normalized if norm)
            self._indexes[source.id] = index
        return index

    def locate(self, quote: str) -> Evidence:
        """Evidence for `quote`: verified with source and line when found, else unverified."""
        needle = normalize(quote).strip(".,;:!?\"'")
        if needle:
            for source in self._sources:
                index = self._index(source)
                pos = index.text.find(needle)
                if pos >= 0:
                    return _evidence(quote, source, source.lines[index.owner(pos)])
        return Evidence(quote=quote, verified=False)


def _evidence(quote: str, source: Source, line: Line) -> Evidence:
    return Evidence(
        quote=quote,
        source=source.name,
        line=line.number,
        timestamp=line.timestamp,
        speaker=line.speaker,
        verified=True,
    )
