"""Offline engine throughput over the real postmortem corpus, one core (bar: ≥ 50 docs/s).

Each pass runs in a fresh process and drafts every document once, so no pass is helped by what
an earlier pass left in the engine's caches (a cleaned title, a split sentence): only the reuse
inside one document's draft counts, as in a batch of distinct documents. The process warms up
on a short note of its own, outside the corpus, before the clock starts.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_WARM_UP = (
    "Checkout outage review, 2026-03-24\n\n"
    "## What went wrong\n- card payments failed for 25 minutes because the pool ran dry\n\n"
    "## Actions\n- Ana: add a pool alert, by Friday\n"
)


def _one_pass(paths: list[str]) -> tuple[float, int]:
    """Seconds to draft each document once, and the items found (so the work is not skipped)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from retro_ai.ingest import load_sources
    from retro_ai.pipeline import draft

    sources = [load_sources([Path(p)]) for p in paths]
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm-up.md"
        warm.write_text(_WARM_UP, encoding="utf-8")
        draft([warm], report_date=date(2026, 11, 28))
    start = time.perf_counter()
    items = 0
    for src in sources:
        retro = draft(src, report_date=date(2026, 11, 28))
        items += len(retro.goals) + len(retro.problems) + len(retro.action_items)
    return time.perf_counter() - start, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=3, help="passes, each in its own process")
    args = parser.parse_args()
    paths = [str(p) for p in sorted(Path(args.corpus).rglob("*.md")) if p.name != "README.md"]
    if not paths:
        sys.exit(f"no corpus at {args.corpus}")
    ctx = mp.get_context("spawn")
    rates: list[float] = []
    items = 0
    for _ in range(args.repeat):
        with ctx.Pool(1) as pool:
            wall, items = pool.apply(_one_pass, (paths,))
        rates.append(len(paths) / wall)
    rate = statistics.median(rates)
    print(f"documents            {len(paths)}, each drafted once per pass")
    print(f"passes               {', '.join(f'{r:.1f}' for r in rates)} docs/s")
    print(f"throughput (median)  {rate:.1f} docs/s  (bar 50: {'ok' if rate >= 50 else 'UNDER'})")
    print(f"items per document   {items / len(paths):.1f}")


if __name__ == "__main__":
    main()
