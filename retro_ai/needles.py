"""Needles: the words one of which every match of a pattern must hold.

The cue patterns are long alternations, many of whose alternatives open on "\\b" or a
lookbehind, so the regex engine tries each one at every position of a text; most texts they
are tried on hold none of their words. `Gated.search` first looks for those words with `in`,
which costs a small part of that, and runs the pattern only where one is present. The words
are read off the parsed pattern, so a text they rule out is one the pattern cannot match: the
answer is the pattern's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # the regex parser's own reading of a pattern: re._parser from Python 3.11 on
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # Python 3.10 names them sre_constants and sre_parse
    import sre_constants as _c
    import sre_parse as _p

# Letters IGNORECASE takes for an ASCII letter whose str.lower() does not give it ("ı" for "i",
# "ſ" for "s", "İ" lowers to two characters): a text holding one is always searched. Found by
# trying every code point against every ASCII character.
_ODD_FOLDS = ("ı", "İ", "ſ")
_Needles = frozenset[str]


def _seq(items: list[tuple[Any, Any]]) -> _Needles | None:
    """Needles of a sequence: those of the element whose shortest needle is longest."""
    found: list[_Needles] = []
    run = ""
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)  # adjacent literals are one word
            continue
        if run:
            found.append(frozenset({run}))
            run = ""
        one = _op(op, av)
        if one:
            found.append(one)
    if run:
        found.append(frozenset({run}))
    return max(found, key=lambda s: (min(map(len, s)), -len(s)), default=None)


# a repeat of its element; Python 3.10 has no possessive one
_REPEATS = tuple(
    op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op
)


def _op(op: Any, av: Any) -> _Needles | None:
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        return None if add or remove else _seq(list(sub))  # (?i:…) inside: not read
    if op is _c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            one = _seq(list(alternative))
            if not one:
                return None  # an alternative with no word of its own
            out |= one
        return frozenset(out)
    if op in _REPEATS:
        low, _high, sub = av
        return _seq(list(sub)) if low >= 1 else None
    if op is _c.IN and all(o is _c.LITERAL for o, _a in av) and len(av) <= 4:
        return frozenset(chr(a) for _o, a in av)  # "[?？]": one of a few characters
    return None  # lookarounds, classes, anchors, backreferences: no word


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words one of which any match of `pattern` holds, lower-cased when it ignores case; None
    when a match may hold no word, or a word holds a cased letter outside ASCII (whose
    case-insensitive matches str.lower() does not always give)."""
    tree = _p.parse(pattern.pattern, pattern.flags)
    found = _seq(list(tree))
    if not found:
        return None
    if any(not (ch.isascii() or ch.lower() == ch == ch.upper()) for w in found for ch in w):
        return None
    if pattern.flags & re.IGNORECASE:
        found = frozenset(w.lower() for w in found)
    # a word that holds another is found only where the shorter one is
    return tuple(sorted(w for w in found if not any(v != w and v in w for v in found)))


class Gated:
    """A pattern searched only in texts that hold one of its needles."""

    __slots__ = ("rx", "pattern", "_needles", "_fold")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.pattern = rx.pattern
        self._needles = needles(rx)
        self._fold = bool(rx.flags & re.IGNORECASE)

    def may_match(self, text: str) -> bool:
        """False only where the pattern cannot match `text`."""
        if self._needles is None:
            return True
        if self._fold:
            if not text.isascii() and any(ch in text for ch in _ODD_FOLDS):
                return True
            text = text.lower()
        return any(w in text for w in self._needles)

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if self.may_match(text) else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.rx.fullmatch(text) if self.may_match(text) else None

    def findall(self, text: str) -> list[Any]:
        return self.rx.findall(text) if self.may_match(text) else []

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text) if self.may_match(text) else iter(())
