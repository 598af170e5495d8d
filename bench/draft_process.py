"""Whole-process time of one `retro-ai draft` against a zero-latency loopback server.

Bar: median under 0.9 s (the fixed cost a single draft pays: interpreter, imports, schema
building, the stage requests). Also prints the offline draft and `python -c pass` for scale.
"""

from __future__ import annotations

import argparse
import os
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


def median_s(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(cmd, capture_output=True, check=True, env=env)  # warm the file cache once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        model = median_s([*draft, "-m", "bench", "--base-url", srv.base_url], args.runs, env)
        calls = len(srv.requests) / (args.runs + 1)
    print(f"python -c pass              median {bare:6.3f} s")
    print(f"draft offline               median {offline:6.3f} s")
    print(
        f"draft, zero-latency server  median {model:6.3f} s  ({calls:.0f} requests; bar {BAR} s: "
        f"{'ok' if model < BAR else 'OVER'})"
    )


if __name__ == "__main__":
    main()
