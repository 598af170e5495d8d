"""Train the document-kind model the kind guess falls back on (offline/learned.py).

Each dev document of the unseen set, read as `detect.document_text` reads it, is labelled by the
kind its hand label gives. A TF-IDF over `learned.features` feeds a multinomial logistic
regression, the same machinery as the sentence model (`train_sentence_kinds.fit`); its weights are
written as JSON. The held-out half is never read; `--leave-out` trains without some rounds.
`--cross-validate` scores each block of three rounds with a model trained without it, beside the
cue words alone, at several thresholds: the figure that chose `learned.SURE_KIND`.

Needs scikit-learn (a development dependency); drafting with the written model does not.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro_ai.ingest.detect import cued_kind, document_text, model_may_decide  # noqa: E402
from retro_ai.ingest.loader import load_sources  # noqa: E402
from retro_ai.stages.offline import learned  # noqa: E402
from tests.quality import Label  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "train_sentence_kinds", Path(__file__).with_name("train_sentence_kinds.py")
)
assert _spec and _spec.loader
sentence_kinds = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sentence_kinds)

C, VOCABULARY = 32.0, 5000  # chosen by cross-validation, as SURE_KIND


def rows(labels: list[Label]) -> list[tuple[str, str]]:
    """(document text, kind) for each labelled document."""
    return [(document_text(load_sources([lab.path])), lab.kind) for lab in labels]


def fit(data: list[tuple[str, str]], c: float = C, vocabulary: int = VOCABULARY) -> tuple[Any, Any]:
    return sentence_kinds.fit(data, c, vocabulary)


def cross_validate(labels: list[Label], c: float, vocabulary: int) -> None:
    """Kinds right on each block with a model trained without it: cue words alone, and cue words
    overruled where they weigh less than each bar and the model is at least as sure as each
    threshold."""
    data = rows(labels)
    sources = [load_sources([lab.path]) for lab in labels]
    found = [cued_kind(s) for s in sources]
    named = [not model_may_decide(s, k, 0.0) for s, (k, _, _) in zip(sources, found, strict=True)]
    guesses: list[tuple[str, float]] = [("", 0.0)] * len(labels)
    blocks = sorted({sentence_kinds.block(lab) for lab in labels})
    for name in blocks:
        inside = [i for i, lab in enumerate(labels) if sentence_kinds.block(lab) == name]
        vectorizer, model = fit(
            [row for i, row in enumerate(data) if i not in set(inside)], c, vocabulary
        )
        probs = model.predict_proba(vectorizer.transform([data[i][0] for i in inside]))
        for i, p in zip(inside, probs, strict=True):
            best = int(p.argmax())
            guesses[i] = (str(model.classes_[best]), float(p[best]))
    want = [lab.kind for lab in labels]

    def right(kinds: list[str]) -> int:
        return sum(k == w for k, w in zip(kinds, want, strict=True))

    alone = right([g for g, _ in guesses])
    print(f"{len(labels)} documents: cue words {right([k for k, _, _ in found])}, model {alone}")
    for weak in (3.0, 5.0, 8.0, 12.0, float("inf")):
        chosen = {
            sure: right(
                [
                    g if w < weak and p >= sure and not n else k
                    for (k, _, w), (g, p), n in zip(found, guesses, named, strict=True)
                ]
            )
            for sure in (0.5, 0.6, 0.7, 0.8, 0.9)
        }
        print(f"  cues under {weak:>4}: " + "  ".join(f"{s:.1f} {n}" for s, n in chosen.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leave-out", type=int, nargs="*", default=[], metavar="ROUND")
    parser.add_argument("--out", type=Path, default=learned.DOCUMENT_MODEL)
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    parser.add_argument("--vocabulary", type=int, default=VOCABULARY, help="n-grams kept")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="score each block of three rounds with a model trained without it; writes no model",
    )
    args = parser.parse_args()

    left_out = set(args.leave_out)
    labels = sentence_kinds.dev_labels(left_out)
    if args.cross_validate:
        cross_validate(labels, args.c, args.vocabulary)
        return
    data = rows(labels)
    weights = sentence_kinds.payload(*fit(data, args.c, args.vocabulary))
    trained_on = sentence_kinds.described(labels, left_out)
    sentence_kinds._write({"trained_on": trained_on} | weights, args.out)
    counts = {k: sum(1 for _, kind in data if kind == k) for k in weights["classes"]}
    print(f"{trained_on}; {counts}; {len(weights['grams'])} n-grams -> {args.out}")


if __name__ == "__main__":
    main()
