"""A sentence's kind as a small linear model learned from hand-labelled notes says it.

Cue words find the judgements people mark ("root cause", "教训", "went well"); most of what
people write carries no such word ("workers were OOMing all weekend", "Sara basically carried
the migration"). For sentences no cue classifies, a logistic regression over character n-grams,
trained by `bench/train_sentence_kinds.py` on the dev half of the unseen set, names the kind
when it is confident. The weights ship as JSON beside this module and are applied here in plain
Python, so a draft needs neither scikit-learn nor numpy and no model is fetched at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from retro_ai.errors import ConfigError

MODEL = Path(__file__).with_name("sentence_kinds.json")
KINDS = {"highlights": "highlight", "problems": "problem", "causes": "cause", "lessons": "lesson"}
# How sure the model must be. Chosen on dev rounds the model was trained without (rounds 10-14
# and 15-17 left out in turn): naming a kind at 0.7 added 5-9 points of recall there at about
# the engine's own precision; overruling a cue at 0.97 dropped 24 items there, 3 of them right.
SURE = 0.7
SURE_NOT = 0.97
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def features(text: str, longest: int = 3) -> list[str]:
    """Character n-grams inside each padded word, lower-cased, numbers folded to one sign:
    "OOMing" and "OOMed" share most grams, and "41%" reads like "26%"."""
    text = _DIGITS.sub("0", _SPACE.sub(" ", text.lower()))
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(1, longest + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
    return grams


@dataclass(frozen=True, slots=True)
class _Model:
    longest: int
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    features: dict[str, list[float]]  # n-gram -> [idf, one weight per class]


def _numbers(row: object, width: int) -> bool:
    return (
        isinstance(row, list)
        and len(row) == width
        and all(isinstance(v, (int, float)) and math.isfinite(v) for v in row)
    )


@cache
def _model() -> _Model:
    """The bundled model, read once; a damaged installation is a clear error, not a traceback."""
    try:
        raw = json.loads(MODEL.read_text(encoding="utf-8"))
        model = _Model(
            int(raw["longest"]),
            tuple(str(c) for c in raw["classes"]),
            tuple(float(b) for b in raw["intercept"]),
            raw["features"],
        )
        width = len(model.classes) + 1
        if len(model.intercept) != len(model.classes) or not isinstance(model.features, dict):
            raise ValueError("classes and intercepts differ")
        if not all(_numbers(row, width) for row in model.features.values()):
            raise ValueError(f"a feature row does not hold {width} finite numbers")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise ConfigError(
            f"the sentence model bundled with retro-ai ({MODEL.name}) cannot be read: {reason}; "
            "reinstall retro-ai"
        ) from None
    return model


def probabilities(text: str) -> dict[str, float]:
    """Each class's probability ("highlights" … "none"); empty when no gram is known.

    The same arithmetic as scikit-learn's TfidfVectorizer (sublinear tf, l2 norm) and
    multinomial LogisticRegression that trained the weights."""
    model = _model()
    weights = model.features
    counts = Counter(g for g in features(text, model.longest) if g in weights)
    if not counts:
        return {}
    tfidf = {g: (1.0 + math.log(c)) * weights[g][0] for g, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in tfidf.values())) or 1.0
    scores = list(model.intercept)
    for gram, value in tfidf.items():
        row = weights[gram]
        for k in range(len(scores)):
            scores[k] += row[k + 1] * value / norm
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


def surely_none(text: str) -> bool:
    """Whether the model is all but sure a sentence is no finding, whatever cue word it holds."""
    return probabilities(text).get("none", 0.0) >= SURE_NOT
