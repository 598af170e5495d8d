"""Offline draft quality on the hand-labelled set: precision and recall per section.

Runs the offline engine on every document labelled in tests/data/labels/ (kind and language
detected, not forced) and prints per section P, R and counts, micro-averaged over documents,
then per document whether kind and language were detected right. --verbose also lists what
each document missed and what it extracted that no label names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.quality import SECTIONS, Counts, evaluate, load_labels, totals  # noqa: E402


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def _row(name: str, c: Counts) -> str:
    return (
        f"{name:<12} {_pct(c.precision):>5} {_pct(c.recall):>5} "
        f"{c.tp:>5} {c.extracted:>9} {c.labelled:>8}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args()
    labels = load_labels()
    scores = evaluate(labels)
    skipped = [lb.name for lb in labels if not lb.available]
    print(f"labelled documents   {len(scores)} scored, {len(skipped)} skipped (file absent)")
    print()
    print(f"{'section':<12} {'P':>5} {'R':>5} {'TP':>5} {'extracted':>9} {'labelled':>8}")
    sums = totals(scores)
    micro = Counts()
    for name in SECTIONS:
        if name in sums:
            print(_row(name, sums[name]))
            micro.add(sums[name])
    print(_row("micro (all)", micro))
    print()
    print(f"{'document':<24} {'kind':<22} {'language':<10} {'P':>5} {'R':>5}")
    for doc in scores:
        kind = f"{doc.kind} {'ok' if doc.kind_ok else 'WRONG (' + doc.label.kind + ')'}"
        lang = f"{doc.language} {'ok' if doc.language_ok else 'WRONG'}"
        total = doc.total()
        print(
            f"{doc.label.name:<24} {kind:<22} {lang:<10} "
            f"{_pct(total.precision):>5} {_pct(total.recall):>5}"
        )
    kinds = sum(d.kind_ok for d in scores)
    langs = sum(d.language_ok for d in scores)
    print()
    print(f"kind accuracy        {kinds}/{len(scores)}")
    print(f"language accuracy    {langs}/{len(scores)}")
    right = sum(d.status_right for d in scores)
    total_status = sum(d.status_total for d in scores)
    print(f"follow-up status     {right}/{total_status} right among matched follow-ups")
    misplaced = [(d.label.name, *m) for d in scores for m in d.misplaced]
    print(f"misplaced items      {len(misplaced)} (goal/result/action landed in another of them)")
    for name, landed, key, belongs in misplaced:
        print(f"  {name}: {key!r} is a {belongs} item, extracted among {landed}")
    if args.verbose:
        for doc in scores:
            print(f"\n== {doc.label.name}")
            for section in doc.sections:
                for key in doc.missed.get(section, []):
                    print(f"  missed   {section:<10} {key}")
                for quote in doc.spurious.get(section, []):
                    print(f"  extra    {section:<10} {quote[:90]}")


if __name__ == "__main__":
    main()
