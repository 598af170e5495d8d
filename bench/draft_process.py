"""Whole-process time of one `retro-ai draft` against a zero-latency loopback server.

Bar: median under 0.9 s (the fixed cost a single draft pays: interpreter, imports, schema
building, the stage requests). Also prints the offline draft and `python -c pass` for scale.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakeserver import FakeOpenAIServer, Reply  # noqa: E402

BAR = 0.9
INPUTS = [str(ROOT / "examples/launch-retro.md"), str(ROOT / "examples/launch-metrics.csv")]


def handler(_body: dict) -> Reply:
    return Reply(content="{}", prompt_tokens=100, completion_tokens=1)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_s(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU seconds of `cmd` (CPU time is steadier on a busy machine)."""
    subprocess.run(cmd, capture_output=True, check=True, env=env)  # warm the file cache once
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exe = shutil.which("retro-ai")
    cli = [exe] if exe else [sys.executable, "-m", "retro_ai"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "RETRO_AI_"))}
    with tempfile.TemporaryDirectory() as out, FakeOpenAIServer(handler=handler) as srv:
        draft = [*cli, "draft", *INPUTS, "-o", out, "--force", "--no-progress"]
        bare = median_s([sys.executable, "-c", "pass"], args.runs, env)
        offline = median_s(draft, args.runs, env)
        srv.requests.clear()
        model = median_s(
            [*draft, "-m", "bench", "--base-url", srv.base_url, "--no-cache"], args.runs, env
        )
        calls = len(srv.requests) / (args.runs + 1)
    print(f"python -c pass              median {bare[0]:6.3f} s wall, {bare[1]:6.3f} s CPU")
    print(f"draft offline               median {offline[0]:6.3f} s wall, {offline[1]:6.3f} s CPU")
    print(
        f"draft, zero-latency server  median {model[0]:6.3f} s wall, {model[1]:6.3f} s CPU  "
        f"({calls:.0f} requests; bar {BAR} s wall: {'ok' if model[0] < BAR else 'OVER'})"
    )


if __name__ == "__main__":
    main()
