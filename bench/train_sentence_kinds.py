"""Train the sentence-kind model the offline engine falls back on (offline/learned.py).

Every sentence of every dev document of the unseen set, split the way the engine splits it, is
labelled by the hand labels beside it: a highlight (or lucky item), problem, cause or lesson when
one of that section's keys lies in it, "none" otherwise (goals, results, actions, chit-chat).
A TF-IDF over `learned.features` feeds a multinomial logistic regression; its weights are
written as JSON. The held-out half is never read. `--leave-out` trains without some rounds, so
their score with the model is a measure on documents it did not learn from.

Needs scikit-learn (a development dependency); drafting with the written model does not.
"""

from __future__ import annotations

import argparse
import base64
import functools
import importlib.util
import json
import re
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro_ai.ingest.loader import load_sources  # noqa: E402
from retro_ai.stages.offline import learned  # noqa: E402
from retro_ai.stages.offline.sections import parse  # noqa: E402
from tests.quality import (  # noqa: E402
    CORE,
    DocScore,
    Label,
    attributes,
    core,
    evaluate,
    load_set,
    totals,
)

_SECTIONS = {
    "highlights": "highlights",
    "lucky": "highlights",
    "problems": "problems",
    "causes": "causes",
    "lessons": "lessons",
}
_ROUND = re.compile(r"-r(\d+)-")


def _round(label: Label) -> int | None:
    found = _ROUND.search(label.name)
    return int(found.group(1)) if found else None


def block(label: Label) -> str:
    """The block of three rounds a document is cross-validated in ("rounds 3-5"; 1 and 2 are
    one block, documents with no round another)."""
    n = _round(label)
    if n is None:
        return "unnumbered"
    first = 1 if n < 3 else 3 * ((n - 3) // 3) + 3
    return f"rounds {first}-{2 if first == 1 else first + 2}"


def dev_labels(left_out: set[int]) -> list[Label]:
    """The dev documents present on disk, without the rounds left out."""
    return [lab for lab in load_set("dev") if lab.available and _round(lab) not in left_out]


def _kind(sentence: str, label: Label) -> str:
    for section, kind in _SECTIONS.items():
        for key in label.sections.get(section, []):
            if any(k in sentence or (len(sentence) >= 8 and sentence in k) for k in key):
                return kind
    return "none"


def sentences(label: Label) -> list[tuple[str, str]]:
    """(sentence, kind) for each sentence the engine reads in a labelled document."""
    doc = parse(load_sources([label.path])[0])
    out = []
    for section in doc.sections:
        for unit in section.units:
            for sentence in unit.span.sentences():
                text = sentence.text.strip()
                if len(text) >= 4:
                    out.append((text, _kind(text, label)))
    return out


def fit(
    rows: list[tuple[str, str]], c: float = 16.0, vocabulary: int = 15000, longest: int = 3
) -> tuple[Any, Any]:
    """The fitted TF-IDF over `learned.features` (n-grams up to `longest` characters) and the
    logistic regression over it."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=functools.partial(learned.features, longest=longest),
        min_df=2,
        max_features=vocabulary,
        sublinear_tf=True,
    )
    matrix = vectorizer.fit_transform([text for text, _ in rows])
    model = LogisticRegression(C=c, max_iter=3000).fit(matrix, [kind for _, kind in rows])
    return vectorizer, model


def payload(vectorizer: Any, model: Any, longest: int = 3) -> dict[str, Any]:
    """The JSON `learned` reads: the n-grams, and per n-gram its idf and one weight per class
    packed as little-endian float32 in base64, and the intercepts."""
    coef = model.coef_
    grams = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    packed = array("f")
    for col in range(len(grams)):
        packed.append(float(vectorizer.idf_[col]))
        packed.extend(float(coef[k, col]) for k in range(coef.shape[0]))
    if sys.byteorder != "little":
        packed.byteswap()
    return {
        "longest": longest,
        "classes": [str(name) for name in model.classes_],
        "intercept": [float(b) for b in model.intercept_],
        "grams": grams,
        "weights": base64.b64encode(packed.tobytes()).decode("ascii"),
    }


def _write(weights: dict[str, Any], path: Path) -> None:
    text = json.dumps(weights, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def _document_trainer() -> Any:
    spec = importlib.util.spec_from_file_location(
        "train_document_kinds", Path(__file__).with_name("train_document_kinds.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def described(labels: list[Label], left_out: set[int]) -> str:
    """What a model was trained on, as its file records it: "398 dev documents, rounds 25 and
    26 left out"."""
    named = " and ".join(map(str, sorted(left_out)))
    rounds = f", round{'s' if len(left_out) > 1 else ''} {named} left out" if left_out else ""
    return f"{len(labels)} dev documents{rounds}"


def cross_validate(labels: list[Label], c: float, vocabulary: int, longest: int) -> None:
    """Score each block of rounds with a model trained without it, and the dev half as a whole
    from those scores: the dev figure a model that learned from the dev labels cannot flatter.
    The document-kind model is trained without the block too, so the kinds are not flattered."""
    documents = _document_trainer()
    texts = dict(zip(map(id, labels), documents.rows(labels), strict=True))
    blocks: dict[str, list[Label]] = {}
    for lab in labels:
        blocks.setdefault(block(lab), []).append(lab)
    scores: list[DocScore] = []
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "model.json"
        kinds_path = Path(tmp) / "kinds.json"
        for name, inside in blocks.items():
            rest = [lab for lab in labels if lab not in inside]
            _write(
                payload(
                    *fit([r for lab in rest for r in sentences(lab)], c, vocabulary, longest),
                    longest,
                ),
                model_path,
            )
            _write(payload(*documents.fit([texts[id(lab)] for lab in rest])), kinds_path)
            learned.MODEL, learned.DOCUMENT_MODEL = model_path, kinds_path
            learned._model.cache_clear()
            learned._document_model.cache_clear()
            found = evaluate(inside)
            scores += found
            got = core(found)
            print(
                f"{name:<15} {len(inside):>3} documents  recall {got.recall:.3f}  "
                f"precision {got.precision:.3f}"
            )
    got = core(scores)
    print(
        f"{'dev, all':<15} {len(scores):>3} documents  recall {got.recall:.3f} "
        f"({got.tp}/{got.labelled})  precision {got.precision:.3f} ({got.tp}/{got.extracted})"
    )
    sections = totals(scores)
    print(
        "  "
        + "  ".join(
            f"{k} {sections[k].recall:.2f}/{sections[k].precision:.2f}"
            f" ({sections[k].tp}/{sections[k].labelled}/{sections[k].extracted})"
            for k in CORE
            if k in sections
        )
    )
    print(
        "  "
        + "  ".join(f"{k} {t.right}/{t.total}" for k, t in attributes(scores).items() if t.total)
    )
    garbage = sum(len(d.garbage) for d in scores)
    print(f"  garbage {garbage}  kind {sum(d.kind_ok for d in scores)}/{len(scores)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leave-out", type=int, nargs="*", default=[], metavar="ROUND")
    parser.add_argument("--out", type=Path, default=learned.MODEL)
    parser.add_argument("--c", type=float, default=16.0, help="inverse regularisation strength")
    parser.add_argument("--vocabulary", type=int, default=15000, help="n-grams kept")
    parser.add_argument(
        "--longest", type=int, default=3, help="longest character n-gram inside a word"
    )
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="score each block of three rounds with a model trained without it; writes no model",
    )
    args = parser.parse_args()

    left_out = set(args.leave_out)
    labels = dev_labels(left_out)
    if args.cross_validate:
        cross_validate(labels, args.c, args.vocabulary, args.longest)
        return
    rows = [row for lab in labels for row in sentences(lab)]
    weights = payload(*fit(rows, args.c, args.vocabulary, args.longest), args.longest)
    trained_on = f"{described(labels, left_out)}; {len(rows)} sentences"
    _write({"trained_on": trained_on} | weights, args.out)
    counts = {k: sum(1 for _, kind in rows if kind == k) for k in weights["classes"]}
    print(f"{trained_on}; {counts}; {len(weights['grams'])} n-grams -> {args.out}")


if __name__ == "__main__":
    main()
