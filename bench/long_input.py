"""Offline draft time and peak memory on long inputs: a week of incident chat at 64 KB, 1 MB, 10 MB.

Bar: 1 MB drafts offline in under 5 s and 10 MB in under 60 s on one core, peak RSS under 500 MB,
and seconds per MB flat as the input grows (the engine is linear, not quadratic). The input is a
chat export built deterministically from the dev set's chat logs (English and Chinese turns with
speakers, timestamps, figures and commitments), repeated with varied names, days and figures so
the engine really extracts items. Each size runs `retro-ai draft FILE` (Markdown and JSON written,
as the user's command does) in its own process, so peak RSS is per size.
`--profile` runs one size under cProfile in this process instead and prints the hot spots.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "unseen" / "dev"
CHATS = (
    "en-queue-incident-slack.txt",
    "zh-growth-campaign-wechat.txt",
    "en-search-relaunch-wechat.txt",
    "zh-r2-causes-app-release-chat.txt",
    "en-r2-acts-support-tooling-thread.txt",
    "zh-r2-acts-mooncake-wechat.txt",
)
# At most twelve speakers (the transcript reader's limit), English and Chinese.
PEOPLE = tuple("Nina Leo Kai Ethan Felix Priya 陈璐 敏姐 阿豪 小美 老K 小林".split())
_TURN = re.compile(r"^(?:\[\d{1,2}:\d{2}\]\s*)?(?P<name>[^:：\[]{1,20}?)\s*[:：]\s*(?P<text>\S.*)$")
_NUMBER = re.compile(r"(?<![\d:.])[1-9]\d{0,3}(?![\d:])")
SIZES = {"64KB": 64 * 1024, "256KB": 256 * 1024, "1MB": 1024 * 1024, "10MB": 10 * 1024 * 1024}


def turns() -> list[tuple[int, str]]:
    """(speaker slot, text) of every chat turn in the source logs, in order."""
    found: list[tuple[int, str]] = []
    for name in CHATS:
        speakers: dict[str, int] = {}
        for line in (DEV / name).read_text(encoding="utf-8").splitlines()[1:]:
            match = _TURN.match(line.strip())
            if match:
                slot = speakers.setdefault(match["name"], len(speakers))
                found.append((slot, match["text"]))
    return found


def build(size: int) -> str:
    """A chat export of about `size` bytes: the turns repeated day after day, figures varied."""
    pool = turns()
    day, out, total, block = date(2026, 12, 1), ["#incident-week - export"], 0, 0
    while total < size:
        shift = block % len(PEOPLE)
        minute = 8 * 60
        for slot, text in pool:
            who = PEOPLE[(slot + shift) % len(PEOPLE)]
            text = _NUMBER.sub(lambda m, b=block: str(int(m[0]) + b % 7), text)
            line = f"[{day.isoformat()} {minute // 60:02d}:{minute % 60:02d}] {who}: {text}"
            out.append(line)
            total += len(line.encode()) + 1
            minute = min(minute + 1, 23 * 60 + 59)
        day += timedelta(days=1)
        block += 1
    return "\n".join(out) + "\n"


def draft_once(path: Path) -> float:
    """Wall seconds of `retro-ai draft FILE` in a fresh process (Markdown and JSON written)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RETRO_AI_", "OPENAI_"))}
    out = path.with_suffix(".retro.md")
    cmd = [sys.executable, "-m", "retro_ai", "draft", str(path), "-o", str(out), "--force",
           "--no-progress", "--date", "2026-12-31"]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def children_peak_mb() -> float:
    """Peak RSS of the largest child so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def profile(size: int, top: int) -> None:
    """Draft one size under cProfile in this process and print the functions by cumulative time."""
    sys.path.insert(0, str(ROOT))
    from retro_ai.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "week.txt"
        path.write_text(build(size), encoding="utf-8")
        sys.argv = ["retro-ai", "draft", str(path), "--no-progress", "--date", "2026-12-31"]
        prof = cProfile.Profile()
        prof.enable()
        try:
            cli()
        except SystemExit as exc:
            if exc.code:
                raise
        finally:
            prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="64KB,1MB,10MB", help=f"from {', '.join(SIZES)}")
    parser.add_argument("--profile", metavar="SIZE", help="profile one size in this process")
    parser.add_argument("--top", type=int, default=25, help="functions listed by --profile")
    args = parser.parse_args()
    if args.profile:
        profile(SIZES[args.profile], args.top)
        return
    rows: list[tuple[float, float]] = []
    print(f"{'size':>6} {'lines':>8} {'seconds':>8} {'s/MB':>7} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.sizes.split(","):
            text = build(SIZES[label])
            path = Path(tmp) / f"week-{label}.txt"
            path.write_text(text, encoding="utf-8")
            mb = len(text.encode()) / (1024 * 1024)
            seconds = draft_once(path)
            rows.append((mb, seconds))
            lines = text.count("\n")
            print(f"{label:>6} {lines:>8} {seconds:>8.2f} {seconds / mb:>7.2f} "
                  f"{children_peak_mb():>8.1f}")  # fmt: skip
    if len(rows) > 1:
        (mb0, s0), (mb1, s1) = rows[-2], rows[-1]
        print(f"slope: {(s1 - s0) / (mb1 - mb0):.2f} s per added MB between the last two sizes "
              f"(s/MB x{(s1 / mb1) / (s0 / mb0):.2f}; 1.0 is linear)")  # fmt: skip
    print("bar: 1 MB under 5 s, 10 MB under 60 s, peak RSS under 500 MB, s/MB flat")


if __name__ == "__main__":
    main()
