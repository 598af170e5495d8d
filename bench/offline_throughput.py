"""Offline engine throughput over the real postmortem corpus, one core (bar: ≥ 50 docs/s)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro_ai.ingest import load_sources  # noqa: E402
from retro_ai.pipeline import draft  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    paths = sorted(Path(args.corpus).rglob("*.md"))
    paths = [p for p in paths if p.name not in ("README.md",)]
    if not paths:
        sys.exit(f"no corpus at {args.corpus}")
    sources = [load_sources([p]) for p in paths]
    draft(sources[0], report_date=date(2026, 11, 28))  # warm imports
    start = time.perf_counter()
    items = 0
    for _ in range(args.repeat):
        for src in sources:
            retro = draft(src, report_date=date(2026, 11, 28))
            items += len(retro.goals) + len(retro.problems) + len(retro.action_items)
    wall = time.perf_counter() - start
    docs = len(sources) * args.repeat
    rate = docs / wall
    print(f"documents            {len(sources)} × {args.repeat}")
    print(f"wall time            {wall:.2f} s")
    print(f"throughput           {rate:.1f} docs/s  (bar 50: {'ok' if rate >= 50 else 'UNDER'})")
    print(f"items per document   {items / docs:.1f}")


if __name__ == "__main__":
    main()
