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
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro_ai.ingest.loader import load_sources  # noqa: E402
from retro_ai.stages.offline import learned  # noqa: E402
from retro_ai.stages.offline.sections import parse  # noqa: E402
from tests.quality import Label, load_set  # noqa: E402

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


def fit(rows: list[tuple[str, str]], c: float = 16.0, vocabulary: int = 15000) -> tuple[Any, Any]:
    """The fitted TF-IDF over `learned.features` and the logistic regression over it."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=learned.features, min_df=2, max_features=vocabulary, sublinear_tf=True
    )
    matrix = vectorizer.fit_transform([text for text, _ in rows])
    model = LogisticRegression(C=c, max_iter=3000).fit(matrix, [kind for _, kind in rows])
    return vectorizer, model


def payload(vectorizer: Any, model: Any) -> dict[str, Any]:
    """The JSON `learned` reads: idf and one weight per class for each n-gram, and intercepts."""
    coef = model.coef_
    return {
        "longest": 3,
        "classes": [str(name) for name in model.classes_],
        "intercept": [round(float(b), 4) for b in model.intercept_],
        "features": {
            gram: [round(float(vectorizer.idf_[col]), 4)]
            + [round(float(coef[k, col]), 4) for k in range(coef.shape[0])]
            for gram, col in sorted(vectorizer.vocabulary_.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leave-out", type=int, nargs="*", default=[], metavar="ROUND")
    parser.add_argument("--out", type=Path, default=learned.MODEL)
    parser.add_argument("--c", type=float, default=16.0, help="inverse regularisation strength")
    parser.add_argument("--vocabulary", type=int, default=15000, help="n-grams kept")
    args = parser.parse_args()

    left_out = set(args.leave_out)
    labels = [lab for lab in load_set("dev") if lab.available and _round(lab) not in left_out]
    rows = [row for lab in labels for row in sentences(lab)]
    weights = payload(*fit(rows, args.c, args.vocabulary))
    rounds = f", rounds {' '.join(map(str, sorted(left_out)))} left out" if left_out else ""
    trained_on = f"{len(labels)} dev documents{rounds}; {len(rows)} sentences"
    weights = {"trained_on": trained_on} | weights
    text = json.dumps(weights, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    counts = {k: sum(1 for _, kind in rows if kind == k) for k in weights["classes"]}
    print(f"{trained_on}; {counts}; {len(weights['features'])} n-grams -> {args.out}")


if __name__ == "__main__":
    main()
