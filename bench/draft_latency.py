"""One draft against a loopback OpenAI-compatible server with a set latency.

Bar: wall time ≤ (dependent stage rounds × latency) + 0.5 s. Also prints model calls and prompt
tokens per document (tokens as counted by the fake server: characters / 4).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro_ai.models.openai_chat import OpenAIChatModel  # noqa: E402
from retro_ai.pipeline import draft  # noqa: E402
from retro_ai.settings import Settings  # noqa: E402
from retro_ai.stages import STAGES, rounds  # noqa: E402
from tests.fakeserver import FakeOpenAIServer, Reply  # noqa: E402


def handler(body: dict) -> Reply:
    chars = sum(len(m.get("content") or "") for m in body["messages"])
    return Reply(content="{}", prompt_tokens=chars // 4, completion_tokens=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--kind", default="project")
    parser.add_argument(
        "inputs",
        nargs="*",
        default=[str(ROOT / "examples/launch-retro.md"), str(ROOT / "examples/launch-metrics.csv")],
    )
    args = parser.parse_args()
    names = [n for n, s in STAGES.items() if s.wanted(args.kind) and n != "write_summary"]
    n_rounds = len(rounds(names)) + 1  # the summary always runs last, on its own
    with FakeOpenAIServer(handler=handler, latency=args.latency) as srv:
        model = OpenAIChatModel("bench", base_url=srv.base_url, max_retries=0)
        uncached = Settings(no_cache=True)  # measure the calls, not the stage cache
        draft(args.inputs, model=model, settings=uncached, kind=args.kind)  # warm up
        srv.requests.clear()
        start = time.perf_counter()
        retro = draft(
            args.inputs, model=model, settings=uncached, kind=args.kind,
            report_date=date(2026, 11, 28),
        )  # fmt: skip
        wall = time.perf_counter() - start
    bar = n_rounds * args.latency + 0.5
    print(f"latency L            {args.latency:.2f} s")
    print(f"dependent rounds     {n_rounds}  (stages: {len(names) + 1})")
    print(
        f"wall time            {wall:.2f} s   ideal {n_rounds * args.latency:.2f} s   "
        f"bar {bar:.2f} s: {'ok' if wall <= bar else 'OVER'}"
    )
    print(f"model calls / doc    {retro.meta.usage.calls}")
    print(f"prompt tokens / doc  {retro.meta.usage.prompt_tokens}")


if __name__ == "__main__":
    main()
