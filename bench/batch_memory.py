"""Peak memory of `retro-ai batch` over many documents (the corpus repeated under varied names).

Bar: peak RSS under 300 MB for 1,000 documents, and flat: documents stream through the batch,
none is held after it is recorded. Prints the peak after imports and after the batch.
"""

from __future__ import annotations

import argparse
import resource
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
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
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
    print(f"documents            {n} ({result.done} drafted, {len(result.failed)} failed)")
    print(f"peak RSS after warm-up {before:6.1f} MB")
    print(f"peak RSS after batch   {peak_mb():6.1f} MB   (bar: < 300 MB)")
    print(f"wall                 {wall:.1f} s")


if __name__ == "__main__":
    main()
