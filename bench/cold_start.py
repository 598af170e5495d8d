"""Median cold start of `retro-ai --help` against a bare interpreter (bar: ≤ 200 ms)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def median_ms(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = shutil.which("retro-ai")
    cli = [exe, "--help"] if exe else [sys.executable, "-m", "retro_ai", "--help"]
    bare = median_ms([sys.executable, "-c", "pass"], args.runs)
    help_ms = median_ms(cli, args.runs)
    print(f"python -c pass      median {bare:7.1f} ms")
    print(
        f"{' '.join(cli[-2:]):<19} median {help_ms:7.1f} ms  (bar 200 ms: "
        f"{'ok' if help_ms <= 200 else 'OVER'})"
    )


if __name__ == "__main__":
    main()
