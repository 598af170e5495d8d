"""Spans of one line's text: every quote is cut from a span, so it is verbatim by construction.

A `Span` never holds its own copy of the text; trimming, splitting and searching return new
spans into the same `Line.text`, which is what lets code locate every quote later.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from retro_ai.ingest.source import Line
from retro_ai.stages.offline import cues

# Paired emphasis and code marks around text; `__` is left alone, as in `__init__`, and an
# unpaired mark (2**10) is text. Links are kept whole: their targets are the source's words too.
_MD_PAIRED = re.compile(r"(?<!\w)(\*\*|~~|`)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MD_MARK = re.compile(r"✅|❌|☑")
_SPACES = re.compile(r"\s+")
SENTENCE_PUNCT = re.compile(r"[。！？!?；;]|[.,，](?=\s|$)")
CJK = re.compile(r"[\u4e00-\u9fff]")  # one Chinese character
_WORD = re.compile(r"[a-z][a-z0-9]{2,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_STOP = frozenset(
    "the and for with that this from was were are our not but have has had will would should "
    "into onto more less all any can could also when what which their them they its been being "
    "than then there these those over under after before during".split()
)


@dataclass(frozen=True, slots=True)
class Span:
    """`line.text[start:end]`."""

    line: Line
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]

    def __bool__(self) -> bool:
        return self.end > self.start

    def sub(self, start: int, end: int | None = None) -> Span:
        """A span relative to this one's start (clamped to it)."""
        n = self.end - self.start
        end = n if end is None else max(0, min(end, n))
        return Span(self.line, self.start + max(0, min(start, n)), self.start + end)

    def strip(self, chars: str = cues.TRIM_CHARS) -> Span:
        left, right = _strip_bounds(self.text, chars)
        if right <= left:
            return Span(self.line, self.start, self.start)
        return Span(self.line, self.start + left, self.start + right)

    def split(self, pattern: re.Pattern[str] | _Meaningful) -> list[Span]:
        """Pieces between matches of `pattern`, stripped, empty ones dropped."""
        return [
            Span(self.line, self.start + a, self.start + b) for a, b in _pieces(pattern, self.text)
        ]

    def sentences(self) -> list[Span]:
        """Sentences; "e.g.", "approx.", "v2.1" and a stop inside brackets end none."""
        return self.split(_Meaningful(cues.SENT_END))

    def first_sentence(self) -> Span:
        parts = self.sentences()
        return parts[0] if parts else self

    def pieces(self, pattern: re.Pattern[str]) -> list[Span]:
        """Pieces between matches of `pattern` that end something (see `sentences`)."""
        return self.split(_Meaningful(pattern))

    def clauses(self) -> list[Span]:
        """Clauses; a comma inside brackets ("(see PR #12, #13)") splits none."""
        return self.split(_Meaningful(cues.CLAUSE_SEP))

    def search(self, pattern: re.Pattern[str], group: str | int = 0) -> Span | None:
        m = pattern.search(self.text)
        if not m or m.start(group) < 0:
            return None
        return self.sub(m.start(group), m.end(group))


# Words that end in a full stop without ending a sentence: "e.g. Slack", "approx. 40%",
# "Prof. Hwang", and a name's initial: "thank-you note to Dev K. (Jess)"
_ABBREV = re.compile(
    r"(?:^|(?<=[\s(（\[]))(?i:e\.g|i\.e|vs|approx|incl|esp|cf|ca|resp|fig|mr|mrs|ms|dr|jr|sr"
    r"|prof|dept|avg)\.$|\b[A-Z][a-z]+ [A-Z]\.$",
)
_OPEN, _CLOSE = "([（【「“", ")]）】」”"
_OPENERS = re.compile(r"[(\[（【「“]")
_QUOTE_GOES_ON = re.compile(r"\"\s+[a-z]")


@dataclass(frozen=True, slots=True)
class _Meaningful:
    """A separator pattern whose matches inside brackets or after an abbreviation are skipped.

    `Span.split` only calls `finditer`, so this stands in for the compiled pattern.
    """

    pattern: re.Pattern[str]

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The separators that end something: outside brackets, not after an abbreviation."""
        found = list(self.pattern.finditer(text))
        if not found or (not _OPENERS.search(text) and "." not in text and '"' not in text):
            return found
        out = []
        depth, pos = 0, 0
        for m in found:
            for ch in text[pos : m.start()]:
                if ch in _OPEN:
                    depth += 1
                elif ch in _CLOSE and depth:
                    depth -= 1
            pos = m.start()
            if depth or _QUOTE_GOES_ON.match(text, m.end()):
                continue  # 'a "right patient?" prompt': the quote ends, the sentence goes on
            if text[m.start() - 1 : m.start()] == "." or text[m.start() : m.start() + 1] == ".":
                head = text[: m.end()].rstrip()
                if _ABBREV.search(head):
                    continue
            out.append(m)
        return out


@lru_cache(maxsize=8192)  # a unit's sentences and clauses are asked for by many readers
def _pieces(pattern: re.Pattern[str] | _Meaningful, text: str) -> tuple[tuple[int, int], ...]:
    """`Span.split` as (start, end) pairs within `text`."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.end() == m.start() and m.start() == pos:
            continue
        left, right = _strip_bounds(text[pos : m.start()], cues.TRIM_CHARS)
        if right > left:
            out.append((pos + left, pos + right))
        pos = m.end()
    left, right = _strip_bounds(text[pos:], cues.TRIM_CHARS)
    if right > left:
        out.append((pos + left, pos + right))
    return tuple(out)


@lru_cache(maxsize=8192)  # titles, cells and quotes are cleaned again by each stage and check
def clean(text: str) -> str:
    """Display text for titles and fields: paired bold, strike and code marks and ticks removed.

    Nothing else changes, so a title shown beside a verified quote keeps the source's words.
    """
    if "**" in text or "~~" in text or "`" in text:  # what _MD_PAIRED needs; most titles lack it
        text = _MD_PAIRED.sub(r"\2", text)
    if "✅" in text or "❌" in text or "☑" in text:
        text = _MD_MARK.sub("", text)
    text = _SPACES.sub(" ", text)
    left, right = _strip_bounds(text, cues.TRIM_CHARS)
    return text[left:right]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _strip_bounds(text: str, chars: str) -> tuple[int, int]:
    """`text.strip(chars)` as bounds, keeping the underscores of an identifier (`__init__`)."""
    left = len(text) - len(text.lstrip(chars))
    right = len(text.rstrip(chars))
    while 0 < left < len(text) and text[left - 1] == "_" and _is_word(text[left]):
        left -= 1
    while 0 < right < len(text) and text[right] == "_" and _is_word(text[right - 1]):
        right += 1
    return left, right


def shorten(span: Span, limit: int = 120) -> Span:
    """The first sentence when a span is long; titles stay readable and quotes stay exact."""
    if len(span.text) <= limit:
        return span
    first = span.first_sentence()
    if len(first.text) <= limit * 2:
        return first
    clauses = span.clauses()
    return clauses[0] if clauses else span


def tokens(text: str) -> set[str]:
    """CJK bigrams plus English word stems: a cheap bag for matching items across sections."""
    low = text.lower()
    out: set[str] = set()
    for run in _CJK_RUN.findall(low):
        if len(run) == 1:
            out.add(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    out.update(w[:5] for w in _WORD.findall(low) if w not in _STOP)
    return out


def best_match(
    item: set[str], candidates: list[set[str]], *, floor: float, margin: float = 1.2
) -> int | None:
    """Index of the candidate sharing the most informative tokens with `item`, or None if unsure.

    Tokens are weighted by rarity among the candidates (a word found in every problem says
    nothing), and the best must beat the runner-up by `margin` so ties stay unlinked.
    """
    if not item or not candidates:
        return None
    n = len(candidates)
    df: dict[str, int] = {}
    shares = [cand & item for cand in candidates]
    for shared in shares:
        for tok in shared:
            df[tok] = df.get(tok, 0) + 1
    root = math.sqrt(len(item))
    scores = [
        sum(math.log((n + 1) / df[t]) + 0.1 for t in shared) / root if shared else 0.0
        for shared in shares
    ]
    # The first of the highest scores, and the highest among the others (a sort did this).
    best = max(range(n), key=scores.__getitem__)
    if scores[best] < floor:
        return None
    if n > 1 and max(scores[:best] + scores[best + 1 :]) * margin > scores[best]:
        return None
    return best
