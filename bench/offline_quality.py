"""Offline draft quality on the hand-labelled sets: the old set, the unseen dev and held-out.

Runs the offline engine on every labelled document (kind and language detected, not forced) and
prints, per set: precision and recall micro-averaged over goals, highlights, problems, causes,
lessons and actions and per section; owner, due, goal-verdict, cause-type, hypothesis and
incident-duration accuracy among matched items whose label states them; the garbage count
(extracted items that are no item at all: see `tests.quality.garbage_reason`); kind and language
accuracy; and a line per document. With `--set all` a last table puts the sets side by side, so
the gap between the tuned-on sets and the held-out one is visible. `--verbose` also lists, per
document, what it missed, what it extracted that no label names, wrong attributes and garbage.
`--round N` scores one round of the dev set alone: the documents of a round were written and
labelled by writers who had not read the engine, before any rule was changed for them, so the
round's score on the code of that day is a second honest measure of generalisation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.quality import (  # noqa: E402
    ATTRIBUTES,
    SECTIONS,
    SETS,
    Counts,
    DocScore,
    Tally,
    attributes,
    core,
    evaluate,
    load_set,
    totals,
)

_ATTRIBUTE_NAMES = {
    "owner": "owner accuracy",
    "due": "due accuracy",
    "verdict": "goal verdict",
    "cause_type": "cause type",
    "hypothesis": "hypothesis",
    "duration": "ttd/ttr",
}


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def _row(name: str, c: Counts) -> str:
    return (
        f"{name:<12} {_pct(c.precision):>5} {_pct(c.recall):>5} "
        f"{c.tp:>5} {c.extracted:>9} {c.labelled:>8}"
    )


def _tally(t: Tally) -> str:
    return f"{_pct(t.rate)} ({t.right}/{t.total})"


def _summary(scores: list[DocScore]) -> dict[str, str]:
    """The headline figures of one set, as printed in the side-by-side table."""
    micro = core(scores)
    tallies = attributes(scores)
    n = len(scores)
    out = {
        "documents": str(n),
        "core recall": _pct(micro.recall),
        "core precision": _pct(micro.precision),
    }
    sums = totals(scores)
    for name in ("goals", "highlights", "problems", "causes", "lessons", "actions"):
        c = sums.get(name, Counts())
        out[f"  {name} R/P"] = f"{_pct(c.recall)}/{_pct(c.precision)}"
    for name in ATTRIBUTES:
        out[_ATTRIBUTE_NAMES[name]] = _tally(tallies[name])
    out["garbage items"] = str(sum(len(d.garbage) for d in scores))
    out["kind accuracy"] = f"{sum(d.kind_ok for d in scores)}/{n}"
    out["language accuracy"] = f"{sum(d.language_ok for d in scores)}/{n}"
    return out


def _report(name: str, scores: list[DocScore], skipped: list[str], verbose: bool) -> None:
    print(f"==================== set: {name} ====================")
    print(f"labelled documents   {len(scores)} scored, {len(skipped)} skipped (file absent)")
    print()
    print(f"{'section':<12} {'P':>5} {'R':>5} {'TP':>5} {'extracted':>9} {'labelled':>8}")
    sums = totals(scores)
    for section in SECTIONS:
        if section in sums:
            print(_row(section, sums[section]))
    print(_row("micro (core)", core(scores)))
    print("  core = goals, highlights, problems, causes, lessons, actions")
    print()
    tallies = attributes(scores)
    for attr in ATTRIBUTES:
        print(f"{_ATTRIBUTE_NAMES[attr]:<20} {_tally(tallies[attr])}")
    right = sum(d.status_right for d in scores)
    total_status = sum(d.status_total for d in scores)
    print(f"{'follow-up status':<20} {right}/{total_status} right among matched follow-ups")
    garbage = [(d.label.name, *g) for d in scores for g in d.garbage]
    reasons: dict[str, int] = {}
    for *_rest, reason in garbage:
        reasons[reason] = reasons.get(reason, 0) + 1
    detail = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items()))
    print(f"{'garbage items':<20} {len(garbage)}" + (f" ({detail})" if detail else ""))
    kinds = sum(d.kind_ok for d in scores)
    langs = sum(d.language_ok for d in scores)
    print(f"{'kind accuracy':<20} {kinds}/{len(scores)}")
    print(f"{'language accuracy':<20} {langs}/{len(scores)}")
    misplaced = [(d.label.name, *m) for d in scores for m in d.misplaced]
    print(f"{'misplaced items':<20} {len(misplaced)} (goal/result/action landed in another)")
    for doc_name, landed, key, belongs in misplaced:
        print(f"  {doc_name}: {key!r} is a {belongs} item, extracted among {landed}")
    print()
    print(f"{'document':<32} {'kind':<22} {'language':<10} {'P':>5} {'R':>5} {'junk':>4}")
    for doc in scores:
        kind = f"{doc.kind} {'ok' if doc.kind_ok else 'WRONG (' + doc.label.kind + ')'}"
        lang = f"{doc.language} {'ok' if doc.language_ok else 'WRONG'}"
        total = doc.total()
        print(
            f"{doc.label.name:<32} {kind:<22} {lang:<10} "
            f"{_pct(total.precision):>5} {_pct(total.recall):>5} {len(doc.garbage):>4}"
        )
    if verbose:
        for doc in scores:
            print(f"\n== {doc.label.name}")
            for section in doc.sections:
                for key in doc.missed.get(section, []):
                    print(f"  missed   {section:<10} {key}")
                for quote in doc.spurious.get(section, []):
                    print(f"  extra    {section:<10} {quote[:90]}")
            for attr, tally in doc.attributes.items():
                for wrong in tally.wrong:
                    print(f"  wrong    {attr:<10} {wrong[:110]}")
            for section, text, reason in doc.garbage:
                print(f"  garbage  {section:<10} [{reason}] {text[:80]!r}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--set",
        choices=[*SETS, "all"],
        default="all",
        dest="which",
        help="which labelled set to score (default: all, side by side)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--round",
        metavar="N",
        help="score only the dev documents written in round N (3 to 30: named '-rN-'), each"
        " round written and labelled before any code was changed for it",
    )
    args = parser.parse_args()
    names = list(SETS) if args.which == "all" else [args.which]
    summaries: dict[str, dict[str, str]] = {}
    for name in names:
        labels = load_set(name)
        if args.round:
            labels = [lb for lb in labels if f"-r{args.round}-" in lb.name]
        scores = evaluate(labels)
        skipped = [lb.name for lb in labels if not lb.available]
        _report(name, scores, skipped, args.verbose)
        summaries[name] = _summary(scores)
    if len(names) > 1:
        print("==================== side by side ====================")
        rows = list(next(iter(summaries.values())))
        print(f"{'':<20}" + "".join(f"{n:>18}" for n in names))
        for row in rows:
            print(f"{row:<20}" + "".join(f"{summaries[n][row]:>18}" for n in names))


if __name__ == "__main__":
    main()
