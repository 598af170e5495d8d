"""Bounded matching windows, so linking items costs the same per item in a week of chat as in a
one-page note.

A cause, a result or an action is linked to the problem or goal it best matches. In a long log it
answers what was said near it, so it is matched among the `NEAR` candidates closest to where it
was said rather than against every candidate of the document (which made a megabyte of chat
quadratic). A document of ordinary length has fewer candidates than that, and then every one of
them is considered, exactly as before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol

from retro_ai.schema import Evidence

NEAR = 100


class _Quoted(Protocol):
    evidence: list[Evidence]


def window(count: int, at: int, size: int = NEAR) -> slice:
    """The `size` places of `count` candidates centred on place `at` (all when no more)."""
    lo = min(max(at - size // 2, 0), max(count - size, 0))
    return slice(lo, lo + size)


def places(items: Sequence[_Quoted], names: Sequence[str]) -> list[tuple[int, int]]:
    """Where each item was said, as (document index, line), from its first located quote.

    An item with no located quote (a goal read from a metrics file) takes the place of the one
    before it, so the places stay in order and can be searched with bisect.
    """
    order = {name: i for i, name in enumerate(names)}
    out: list[tuple[int, int]] = []
    last = (0, 0)
    for item in items:
        found = next(
            ((order[e.source], e.line) for e in item.evidence if e.line and e.source in order),
            None,
        )
        if found is not None:
            last = max(last, found)
        out.append(last)
    return out


def around(places: list[tuple[int, int]], doc: int, line: int, size: int = NEAR) -> slice:
    """The window of candidates (by their `places`) nearest line `line` of document `doc`."""
    return window(len(places), bisect_right(places, (doc, line)) - 1, size)
