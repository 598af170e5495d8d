"""A sentence's kind, and a document's, as small linear models learned from hand-labelled notes
say them.

Cue words find the judgements people mark ("root cause", "教训", "went well"); most of what
people write carries no such word ("workers were OOMing all weekend", "Sara basically carried
the migration"). For sentences no cue classifies, a logistic regression over character n-grams,
trained by `bench/train_sentence_kinds.py` on the dev half of the unseen set, names the kind
when it is confident. A second one, trained by `bench/train_document_kinds.py` on the kinds of
the same documents, reads a whole document when the kind's cue words are few or disagree with
it. The weights ship as JSON beside this module and are applied here in plain Python, so a
draft needs neither scikit-learn nor numpy and no model is fetched at run time.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import sys
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import mul
from pathlib import Path
from typing import Any

from retro_ai.errors import ConfigError

MODEL = Path(__file__).with_name("sentence_kinds.json")
# The same arithmetic over a whole document, trained on the labelled documents' kinds: cue
# words tell an incident from a personal review; "campaign" and "project" share most of them.
DOCUMENT_MODEL = Path(__file__).with_name("document_kinds.json")
# The document model speaks only where the kind's cue words weigh less than WEAK_CUES (a title
# naming the kind and a few cues weigh more) and the document does not call itself the cued
# kind, and names another kind only when it is SURE_KIND sure. Chosen by cross-validation on dev
# (rounds 1-29 in blocks of three, each scored by a model trained without it; see
# bench/train_document_kinds.py): cue words alone got 421 of 478 kinds right; 0.6 below 8 435,
# as below 12; 0.7 431; 0.6 over cues of any weight 434, at the cost of seed reports whose cues
# weigh over a hundred.
SURE_KIND = 0.6
WEAK_CUES = 8.0
DOCUMENT_LINES = 10  # every labelled document has 10 to 60 lines: a shorter one is out of reach
# Every labelled document is under 10 KB, too: the opening 64 KB of a long export says what kind
# of notes it is, and a week of chat is not read a second time for its kind.
DOCUMENT_CHARS = 65_536
KINDS = {"highlights": "highlight", "problems": "problem", "causes": "cause", "lessons": "lesson"}
# How sure the model must be. Chosen on dev rounds the model was trained without (rounds 10-14
# and 15-17 left out in turn): naming a kind at 0.7 added 5-9 points of recall there at about
# the engine's own precision; overruling a cue at 0.97 dropped 24 items there, 3 of them right;
# giving a cued sentence another kind at 0.75 made 13 more items right and none wrong.
SURE = 0.7
# A cause right after a problem, as cross-validated on dev: 0.45 named 12 more causes than 0.7
# (rounds 1-21), with the section's precision unchanged (0.90); 0.35 seven more right than 0.45
# (rounds 1-28, 1461 against 1454), the section's precision 0.88 -> 0.87.
SURE_AFTER_PROBLEM = 0.35
SURE_NOT = 0.97
SURE_OTHER = 0.75
# Turning a complaint into praise needs more: at 0.75 "approximately 78% of requests failed"
# became a highlight once the model learned from rounds 1-23; cross-validated on dev, 0.8 costs
# about one item in a thousand.
SURE_PRAISE = 0.8
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _words(text: str) -> list[str]:
    return _DIGITS.sub("0", text.lower()).split()


def _grams(word: str, longest: int) -> list[str]:
    padded = f" {word} "
    return [
        padded[i : i + n] for n in range(1, longest + 1) for i in range(max(1, len(padded) - n + 1))
    ]


def features(text: str, longest: int = 3) -> list[str]:
    """Character n-grams inside each padded word, lower-cased, numbers folded to one sign:
    "OOMing" and "OOMed" share most grams, and "41%" reads like "26%"."""
    return [gram for word in _words(text) for gram in _grams(word, longest)]


@dataclass(frozen=True, slots=True, eq=False)
class _Model:
    longest: int
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    rows: dict[str, int]  # n-gram -> its row in `idf` and in each column
    idf: array[float]
    columns: tuple[array[float], ...]  # per class, its weight for each row


def _read(raw: dict[str, Any]) -> _Model:
    classes = tuple(str(c) for c in raw["classes"])
    intercept = tuple(float(b) for b in raw["intercept"])
    grams = raw["grams"]
    if not classes or len(intercept) != len(classes) or not isinstance(grams, list):
        raise ValueError("classes, intercepts and n-grams do not fit together")
    weights = array("f", base64.b64decode(raw["weights"], validate=True))
    if sys.byteorder != "little":
        weights.byteswap()
    if len(weights) != len(grams) * (len(classes) + 1):
        raise ValueError(f"{len(weights)} weights for {len(grams)} n-grams")
    if not all(map(math.isfinite, weights)) or not all(map(math.isfinite, intercept)):
        raise ValueError("a weight is not a finite number")
    rows = {str(gram): n for n, gram in enumerate(grams)}
    width = len(classes) + 1  # stored per row: idf, then one weight per class
    columns = tuple(weights[k::width] for k in range(1, width))
    return _Model(int(raw["longest"]), classes, intercept, rows, weights[::width], columns)


def _load(path: Path, what: str) -> _Model:
    """A bundled model, read once; a damaged installation is a clear error, not a traceback.

    Weights are one packed float32 array, not JSON numbers: parsing 90,000 numbers into Python
    objects costs several megabytes more at the peak of a long draft."""
    try:
        return _read(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, binascii.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise ConfigError(
            f"the {what} model bundled with retro-ai ({path.name}) cannot be read: {reason}; "
            "reinstall retro-ai"
        ) from None


@cache
def _model() -> _Model:
    return _load(MODEL, "sentence")


@cache
def _document_model() -> _Model:
    return _load(DOCUMENT_MODEL, "document")


@lru_cache(maxsize=8192)
def _known(model: _Model, word: str) -> tuple[int, ...]:
    """The model rows of a word's n-grams; words recur, so each is cut and looked up once."""
    found = (model.rows.get(gram) for gram in _grams(word, model.longest))
    return tuple(row for row in found if row is not None)


def probabilities(text: str) -> dict[str, float]:
    """Each class's probability ("highlights" … "none"); empty when no gram is known."""
    return _probabilities(_model(), text)


def document_kind(text: str) -> tuple[str, float] | None:
    """(kind, probability) of the likeliest kind of a whole document, or None when no n-gram of
    it is known."""
    probs = _probabilities(_document_model(), text)
    if not probs:
        return None
    best = max(probs, key=probs.__getitem__)
    return best, probs[best]


def _probabilities(model: _Model, text: str) -> dict[str, float]:
    """The same arithmetic as scikit-learn's TfidfVectorizer (sublinear tf, l2 norm) and
    multinomial LogisticRegression that trained the weights."""
    counts: dict[int, int] = {}
    for word in _words(text):
        for row in _known(model, word):
            counts[row] = counts.get(row, 0) + 1
    if not counts:
        return {}
    rows = list(counts)
    values = [(1.0 + math.log(c)) * model.idf[row] for row, c in counts.items()]
    norm = math.sqrt(sum(map(mul, values, values))) or 1.0
    # One pass per class in C (map), not a Python loop per n-gram and class: a long chat asks
    # this of every sentence.
    scores = [
        bias + sum(map(mul, map(column.__getitem__, rows), values)) / norm
        for bias, column in zip(model.intercept, model.columns, strict=True)
    ]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return {name: e / total for name, e in zip(model.classes, exp, strict=True)}


def classify(text: str) -> tuple[str, float] | None:
    """(item kind, probability) of the likeliest class, or None when that class is no item."""
    probs = probabilities(text)
    if not probs:
        return None
    best = max(probs, key=probs.__getitem__)
    kind = KINDS.get(best)
    return (kind, probs[best]) if kind else None


_CLASS_OF = {kind: name for name, kind in KINDS.items()}


def prefers(text: str, kind: str, over: str) -> bool:
    """Whether the model finds `kind` at least as likely as `over` for this sentence: the
    heading's kind wins a sentence a cue word alone would give another."""
    probs = probabilities(text)
    return bool(probs) and probs.get(_CLASS_OF[kind], 0.0) >= probs.get(_CLASS_OF[over], 0.0)


def second_opinion(text: str, kind: str) -> str | None:
    """The kind of a sentence a cue word classified, as the model sees it: the same; another
    kind it is sure of, since a cue word can sit in a sentence of another kind; or None when it
    is all but sure the sentence is no finding."""
    probs = probabilities(text)
    if not probs:
        return kind
    if probs.get("none", 0.0) >= SURE_NOT:
        return None
    best = max(probs, key=probs.__getitem__)
    other = KINDS.get(best)
    sure = SURE_PRAISE if (kind, other) == ("problem", "highlight") else SURE_OTHER
    return other if other and other != kind and probs[best] >= sure else kind
