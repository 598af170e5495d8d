"""Splitting sources too long for one request into chunks, on paragraph and speaker-turn boundaries.

Rules, in order:
- A chunk may begin before a line that follows a blank line (a paragraph), before a transcript
  turn (a parsed line with a speaker or a timestamp), and before a chat message (a line starting
  with a time such as "14:05", "[09:10]" or "2024-03-01 09:10", or with "Name:" / "名字：").
- Units between two such places are kept whole; a unit larger than a chunk is split between its
  lines, and a single line larger than a chunk is cut at character boundaries (the last resort).
- Overlap: every chunk after the first repeats the last one or two units of the chunk before
  it, as long as they take at most a tenth of the chunk, so an item stated across a boundary
  is seen whole at least once (the merge removes the duplicate).
- Every line of a source is in some chunk, and a chunk records the original line numbers it
  spans, shown to the model as `lines="1201-1350"` in its `<source>` tag; evidence is still
  found in the whole original source, so quotes keep their file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from retro_ai.ingest.source import Line, Source
from retro_ai.stages.ask import _escape as escape  # the same escaping the whole sources get
from retro_ai.stages.ask import sent_name

Counter = Callable[[str], int]

OVERLAP_UNITS = 2
OVERLAP_SHARE = 0.10
_MESSAGE_START = re.compile(
    r"^\s*(?:\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\[?\d{1,2}:\d{2}|[^\s:：]{1,30}(?::\s|：))"
)


@dataclass(frozen=True)
class Chunk:
    """A run of one source's lines (`start`..`end` index into `source.lines`, end exclusive).

    `text` is what the model reads (the displayed lines, escaped); `first` and `last` are the
    original line numbers it spans.
    """

    source: Source
    start: int
    end: int
    text: str
    tokens: int

    @property
    def first(self) -> int:
        return self.source.lines[self.start].number

    @property
    def last(self) -> int:
        return self.source.lines[self.end - 1].number


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    text: str
    tokens: int


def _breaks(lines: list[Line]) -> list[bool]:
    """Whether a chunk may begin at each line (paragraph, turn or message start)."""
    out = []
    for i, line in enumerate(lines):
        after_blank = i > 0 and not lines[i - 1].text.strip()
        turn = bool(line.speaker or line.timestamp)
        out.append(i == 0 or after_blank or turn or bool(_MESSAGE_START.match(line.text)))
    return out


def _cut(text: str, size: int, count: Counter) -> list[str]:
    """A line cut at character boundaries into pieces of at most `size` tokens."""
    pieces: list[str] = []
    while text:
        n = len(text)
        while n > 1 and count(text[:n]) > size:
            n = max(1, int(n * size / max(count(text[:n]), 1) * 0.95))
        pieces.append(text[:n])
        text = text[n:]
    return pieces


def _atoms(source: Source, size: int, count: Counter) -> list[_Atom]:
    """The source as units that fit `size`: whole paragraphs or turns, else lines, else pieces."""
    lines = source.lines
    texts = [escape(line.display()) for line in lines]
    costs = [count(t) + 1 for t in texts]  # +1: the newline joining it to the next line
    starts = [i for i, b in enumerate(_breaks(lines)) if b] + [len(lines)]
    atoms: list[_Atom] = []
    for a, b in zip(starts, starts[1:], strict=False):
        total = sum(costs[a:b])
        if total <= size:
            atoms.append(_Atom(a, b, "\n".join(texts[a:b]), total))
            continue
        for i in range(a, b):
            if costs[i] <= size:
                atoms.append(_Atom(i, i + 1, texts[i], costs[i]))
            else:
                atoms.extend(_Atom(i, i + 1, p, count(p) + 1) for p in _cut(texts[i], size, count))
    return atoms


def split_source(source: Source, size: int, count: Counter) -> list[Chunk]:
    """`source` as chunks of at most `size` tokens each, with a small overlap (module rules)."""
    groups: list[list[_Atom]] = []
    current: list[_Atom] = []
    used = 0
    for atom in _atoms(source, size, count):
        if current and used + atom.tokens > size:
            groups.append(current)
            carry: list[_Atom] = []
            for prev in reversed(current[-OVERLAP_UNITS:]):
                if sum(a.tokens for a in carry) + prev.tokens > size * OVERLAP_SHARE:
                    break
                carry.insert(0, prev)
            used = sum(a.tokens for a in carry)
            if used + atom.tokens > size:
                carry, used = [], 0
            current = carry
        current.append(atom)
        used += atom.tokens
    if current:
        groups.append(current)
    return [
        Chunk(
            source,
            g[0].start,
            g[-1].end,
            "\n".join(a.text for a in g),
            sum(a.tokens for a in g),
        )
        for g in groups
    ]


def _open_tag(source: Source, first: int, last: int) -> str:
    name = escape(sent_name(source), quote=True)
    return (
        f'<source id="{escape(source.id, quote=True)}" name="{name}" '
        f'type="{escape(source.type, quote=True)}" lines="{first}-{last}">'
    )


def tag_tokens(source: Source, count: Counter) -> int:
    """Tokens the `<source ... lines="...">` and `</source>` tags of one chunk take."""
    widest = max((line.number for line in source.lines), default=1)
    return count(_open_tag(source, widest, widest)) + count("</source>") + 2


def split_sources(sources: list[Source], size: int, count: Counter) -> list[list[Chunk]]:
    """The text sources as requests' worth of chunks: each list fits `size` tokens, tags
    included. Long sources are split; short ones (and the tails of long ones) share a request."""
    chunks: list[tuple[Chunk, int]] = []
    for source in sources:
        if not source.lines:
            continue
        tags = tag_tokens(source, count)
        room = max(size - tags, 16)
        chunks.extend((c, c.tokens + tags) for c in split_source(source, room, count))
    requests: list[list[Chunk]] = []
    used = 0
    for chunk, cost in chunks:
        if requests and used + cost <= size:
            requests[-1].append(chunk)
            used += cost
        else:
            requests.append([chunk])
            used = cost
    return requests


def render_chunks(chunks: list[Chunk]) -> str:
    """The `sources` variable for one request of chunks: the same tags as whole sources, plus
    the original line numbers each chunk spans."""
    blocks = [f"{_open_tag(c.source, c.first, c.last)}\n{c.text}\n</source>" for c in chunks]
    return "<sources>\n" + "\n".join(blocks) + "\n</sources>"
