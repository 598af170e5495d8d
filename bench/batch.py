"""`retro-ai batch` throughput over the postmortem corpus.

Prints: offline documents per second on one core (bar: 50) and with --workers processes; and,
against a loopback fake server of latency L with concurrency C, the wall time against the ideal
(model calls × L ÷ C; bar: within 15%); and, on a fake server with a prompt prefix cache, how
many times each document's own text is billed uncached across its stages (`bench/prefix_cache.py`
measures it; 1.0 means once).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from prefix_cache import run as prefix_run  # noqa: E402

from retro_ai.batch.discover import DOCUMENT_SUFFIXES  # noqa: E402
from retro_ai.batch.runner import BatchOptions, run_batch  # noqa: E402
from retro_ai.models.openai_chat import OpenAIChatModel  # noqa: E402
from retro_ai.settings import Settings  # noqa: E402
from tests.fakeserver import FakeOpenAIServer, Reply  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def copy_corpus(corpus: Path, dest: Path, repeat: int) -> int:
    """The corpus's documents `repeat` times under varied names; returns how many."""
    docs = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
    for k in range(repeat):
        for i, path in enumerate(docs):
            shutil.copyfile(path, dest / f"r{k:03}-{i:03}-{path.stem[:40]}.md")
    return len(docs) * repeat


def handler(body: dict) -> Reply:
    chars = sum(len(m.get("content") or "") for m in body["messages"])
    return Reply(content="{}", prompt_tokens=chars // 4, completion_tokens=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--model-docs", type=int, default=20, help="documents for the model run")
    args = parser.parse_args()
    options = {"report_date": date(2026, 11, 28)}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        n = copy_corpus(args.corpus, src, args.repeat)
        offline = Settings.resolve()
        run_batch([str(src)], Path(tmp) / "warm", settings=offline, options=BatchOptions(**options))
        start = time.perf_counter()
        run_batch([str(src)], Path(tmp) / "one", settings=offline, options=BatchOptions(**options))
        one = time.perf_counter() - start
        start = time.perf_counter()
        run_batch(
            [str(src)],
            Path(tmp) / "many",
            settings=offline,
            options=BatchOptions(workers=args.workers, **options),
        )
        many = time.perf_counter() - start
        print(f"documents            {n}")
        print(f"offline, 1 core      {n / one:7.1f} docs/s   (bar: 50)")
        print(f"offline, {args.workers} workers   {n / many:7.1f} docs/s")

        few = Path(tmp) / "few"
        few.mkdir()
        for path in sorted(src.iterdir())[: args.model_docs]:
            shutil.copyfile(path, few / path.name)
        with FakeOpenAIServer(handler=handler, latency=args.latency) as srv:
            settings = Settings.resolve(concurrency=args.concurrency, no_cache=True)
            model = OpenAIChatModel("bench", base_url=srv.base_url, max_retries=0)
            start = time.perf_counter()
            result = run_batch(
                [str(few)], Path(tmp) / "model", settings=settings, model=model,
                options=BatchOptions(**options),
            )  # fmt: skip
            wall = time.perf_counter() - start
        calls = result.usage["calls"]
        ideal = calls * args.latency / args.concurrency
        print(f"model run            {args.model_docs} docs, {calls} calls, "
              f"L={args.latency:g} s, C={args.concurrency}")  # fmt: skip
        print(f"wall / ideal         {wall:.2f} s / {ideal:.2f} s = {wall / ideal:.2f}  "
              "(bar: ≤ 1.15)")  # fmt: skip
        rows = prefix_run(sorted(few.iterdir()), "json_object")
        billed = sum(r[3] for r in rows) / sum(r[0] for r in rows)
        print(f"prefix cache         each document's text billed uncached {billed:.2f} times "
              "(json_object; bench/prefix_cache.py compares json_schema)")  # fmt: skip


if __name__ == "__main__":
    main()
