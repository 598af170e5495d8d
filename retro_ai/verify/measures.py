"""Telling measures apart by name: "p95 latency" and "p99 latency" are two measures, "Keep p95
latency under 800 ms" and "p95 latency" one.

Names are compared token by token; a token in place of another of its kind (p95/p99, Q1/Q2,
web/app, 华东/华南) marks a different measure, while direction words, targets and qualifiers
only one name has do not. Used to attach metrics rows to goals and results to goals.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from retro_ai.schema import Goal
from retro_ai.verify.evidence import normalize

_STOPWORDS = frozenset(
    "a an the of to by for in on at per and or from with is are be our we its rate".split()
)
# Words that say how a goal moves a measure, not which measure it is: "Keep p95 latency under…"
_FILLER = re.compile(
    r"\b(?:rais\w*|increas\w*|grow\w*|improv\w*|boost\w*|cut|cutting|reduc\w*|decreas\w*"
    r"|lower\w*|keep\w*|maintain\w*|hold|stay|reach\w*|hit|achiev\w*|bring|under|below|above"
    r"|over|within|least|most|less|more|than|target|goal)\b"
    r"|提升|提高|增长|增加|降低|减少|下降|缩短|削减|缩减|压缩|控制在|保持|达到|实现|以内|以下|以上"
    r"|不超过|不低于|不少于|至少|目标"
)
_QUANTITY = re.compile(
    r"[$¥€£]?\d[\d,]*(?:\.\d+)?\s*(?:%|pp\b|ms\b|s\b|secs?\b|seconds?\b|mins?\b|minutes?\b"
    r"|万元|百万|千万|万|亿|千|元|毫秒|秒|分钟|k\b)|[$¥€£]\d[\d,]*(?:\.\d+)?"
)
_TOKEN = re.compile(r"[a-z0-9]+(?:\.\d+)?|[\u4e00-\u9fff]")


def words(text: str) -> set[str]:
    """Words (and Chinese character pairs) that carry meaning, for matching metric names."""
    low = unicodedata.normalize("NFKC", text).casefold()
    found = {w for w in re.findall(r"[a-z]+", low) if w not in _STOPWORDS and len(w) > 1}
    han = re.sub(r"[^\u4e00-\u9fff]", "", low)
    return found | {han[i : i + 2] for i in range(len(han) - 1)}


def alike(a: str, b: str) -> bool:
    """True when two names share most of their words (or one contains the other)."""
    na, nb = normalize(a), normalize(b)
    if na and nb and (na in nb or nb in na):
        return True
    wa, wb = words(a), words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def tokens(text: str, drop: tuple[str | None, ...] = ()) -> tuple[str, ...]:
    """The tokens that say which measure a name is, in order: "p95", "web", "q2", 华, 东.

    Targets and other quantities ("800 ms", "20%") and direction words ("keep", "降低") are
    dropped, so "Keep p95 latency under 800 ms" and "p95 latency" name the same measure.
    """
    low = unicodedata.normalize("NFKC", text).casefold()
    for part in drop:
        if part and part.strip():
            low = low.replace(unicodedata.normalize("NFKC", part).casefold(), " ")
    low = _FILLER.sub(" ", _QUANTITY.sub(" ", low))
    out = []
    for token in _TOKEN.findall(low):
        if token in _STOPWORDS:
            continue
        if token.isalpha() and len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]  # tickets / ticket
        out.append(token)
    return tuple(out)


def _kind(token: str) -> str:
    return "number" if token.replace(".", "").isdigit() else "word"


def distinct(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when the names differ by a distinguishing token: p95/p99, Q1/Q2, web/app, 东/南.

    A token in place of another of its kind (a word for a word, a number for a number) marks
    another measure, as do codes with digits on both sides; a token only one side has (a
    qualifier such as "payment-related") does not.
    """
    only_a, only_b = set(a) - set(b), set(b) - set(a)
    if not (only_a and only_b):
        return False
    if any(re.search(r"\d", t) for t in only_a) and any(re.search(r"\d", t) for t in only_b):
        return True
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "replace" and {_kind(t) for t in a[i1:i2]} & {_kind(t) for t in b[j1:j2]}:
            return True
    return False


def same_measure(a: str, b: str) -> bool:
    """True when two metric or goal names most likely name the same measure."""
    return same_name(Name.of(a), Name.of(b))


@dataclass(frozen=True, slots=True)
class Name:
    """The forms of a name that `same_measure` compares, computed once per name."""

    norm: str
    words: frozenset[str]
    tokens: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Name:
        return cls(normalize(text), frozenset(words(text)), tokens(text))


def same_name(a: Name, b: Name) -> bool:
    """`same_measure` on names already read: `alike` and not `distinct`."""
    if a.norm and b.norm and (a.norm in b.norm or b.norm in a.norm):
        alike_ = True
    else:
        wa, wb = a.words, b.words
        alike_ = bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6
    return alike_ and not distinct(a.tokens, b.tokens)


class NameIndex:
    """Names indexed so that every name `same_name` may accept for a given one is found without
    comparing with them all: names that are `alike` share a word, or the normalised form of
    one contains the other's, and then the contained one's first character pair (or its one
    character) is a pair (a character) of the other. Candidates come in index order."""

    def __init__(self, names: list[str]) -> None:
        self.names = [Name.of(n) for n in names]
        self._word: dict[str, list[int]] = defaultdict(list)
        self._pair: dict[str, list[int]] = defaultdict(list)  # every pair of the name
        self._head: dict[str, list[int]] = defaultdict(list)  # its first pair or its one char
        for i, name in enumerate(self.names):
            for word in name.words:
                self._word[word].append(i)
            for pair in _pairs(name.norm):
                self._pair[pair].append(i)
            if name.norm:
                self._head[name.norm[:2]].append(i)

    def candidates(self, name: Name) -> list[int]:
        """Indexes of the names that may be the same measure as `name`, in order."""
        found: set[int] = set()
        for word in name.words:
            found.update(self._word.get(word, ()))
        norm = name.norm
        if norm:
            for head in _pairs(norm) | set(norm):  # names `name` contains
                found.update(self._head.get(head, ()))
            if len(norm) >= 2:  # names containing `name`
                found.update(self._pair.get(norm[:2], ()))
            else:
                found.update(i for i, other in enumerate(self.names) if norm in other.norm)
        return sorted(found)


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


class GoalIndex:
    """Goals indexed by their name's words, so matching n rows stays near-linear."""

    def __init__(self, goals: list[Goal]) -> None:
        self._entries: list[tuple[Goal, str, tuple[str, ...]]] = []
        self._by_key: dict[str, list[int]] = defaultdict(list)
        for i, goal in enumerate(goals):
            name = goal.metric or goal.title
            baseline = goal.baseline.text if goal.baseline else None
            goal_tokens = tokens(name, (goal.target.text, baseline))
            self._entries.append((goal, name, goal_tokens))
            for key in set(goal_tokens) | words(name):
                self._by_key[key].append(i)

    def matches(self, metric: str) -> list[Goal]:
        """Every goal `metric` may measure, in goal order."""
        row_tokens = tokens(metric)
        keys = set(row_tokens) | words(metric)
        if keys:
            ids = sorted({i for key in keys for i in self._by_key.get(key, ())})
        else:
            ids = list(range(len(self._entries)))
        return [
            goal
            for goal, name, goal_tokens in (self._entries[i] for i in ids)
            if alike(metric, name) and not distinct(row_tokens, goal_tokens)
        ]


def codes_differ(a: str, b: str) -> bool:
    """True when each name has a code with digits the other lacks ("p95" vs "p99", "Q1" vs "Q2")."""
    ca, cb = _codes(a), _codes(b)
    return bool(ca - cb) and bool(cb - ca)


@lru_cache(maxsize=8192)
def _codes(name: str) -> frozenset[str]:
    """A name's code tokens, read once per name: a result is compared with a hundred goals."""
    return frozenset(t for t in tokens(name) if _is_code(t))


def _is_code(token: str) -> bool:
    return bool(re.search(r"\d", token)) and bool(re.search(r"[a-z]", token))
