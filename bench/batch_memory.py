"""Peak memory of `retro-ai batch` over many documents (the corpus repeated under varied names).

Bar: peak RSS under 300 MB for 1,000 documents, and flat: documents stream through the batch,
none is held after it is recorded. Each size runs in its own process (peak RSS only grows), so
the figures at 100, 300 and 1,000 documents show the slope.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from batch import CORPUS, copy_corpus  # noqa: E402

from retro_ai.batch.runner import BatchOptions, run_batch  # noqa: E402
from retro_ai.settings import Settings  # noqa: E402


def peak_mb() -> float:
    """Peak resident set size of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,300,1000", help="document counts, one process each")
    parser.add_argument("--documents", type=int, help="measure this one size in this process")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if args.documents is None:
        print(f"{'documents':>10} {'warm MB':>9} {'peak MB':>9} {'wall s':>8} {'ms/doc':>8}")
        for size in (int(n) for n in args.sizes.split(",")):
            cmd = [sys.executable, __file__, "--documents", str(size), "--corpus", str(args.corpus)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
            n, warm, peak, wall = int(out[0]), float(out[1]), float(out[2]), float(out[3])
            print(f"{n:>10} {warm:>9.1f} {peak:>9.1f} {wall:>8.1f} {1000 * wall / n:>8.1f}")
        print("bar: peak under 300 MB at 1,000 documents, and flat as documents grow")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        per_copy = copy_corpus(args.corpus, src, 1)
        repeat = -(-args.documents // per_copy)
        for path in list(src.iterdir()):
            path.unlink()
        n = copy_corpus(args.corpus, src, repeat)
        for extra in sorted(src.iterdir())[args.documents :]:
            extra.unlink()
        n = min(n, args.documents)
        options = BatchOptions(report_date=date(2026, 11, 28))
        run_batch([str(next(src.iterdir()))], Path(tmp) / "warm", options=options)
        before = peak_mb()
        start = time.perf_counter()
        result = run_batch([str(src)], Path(tmp) / "out", settings=Settings.resolve(),
                           options=options)  # fmt: skip
        wall = time.perf_counter() - start
    if result.failed:
        sys.exit(f"{len(result.failed)} documents failed: {result.failed[0]}")
    print(n, f"{before:.1f}", f"{peak_mb():.1f}", f"{wall:.2f}")


if __name__ == "__main__":
    main()
