"""What a document costs in uncached prompt tokens on a server with prompt prefix caching.

Every stage of a document sends the same leading prefix (system prompt, preamble, sources), so a
server that caches prefixes (OpenAI, DeepSeek, vLLM) bills the document's text about once, not
once per stage. Each corpus document is drafted against a loopback fake server that reports
`prompt_tokens_details.cached_tokens` the way such a server does (64-character blocks, one token
per four bytes), and the bench prints uncached prompt tokens per document ÷ the document's own
tokens (its sources block), and how many times the document's own text was billed uncached
(1.0: once, for the first stage), per response format:

- json_object / text: the schema goes at the end of the request, the prefix is shared;
- json_schema: the server renders the stage's schema before the conversation, so no stage shares
  the document with another (the figure to expect from strict structured output).

"prompt tokens ÷ document" is what a server without prefix caching bills.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro_ai.batch.discover import DOCUMENT_SUFFIXES  # noqa: E402
from retro_ai.ingest import load_sources  # noqa: E402
from retro_ai.models.openai_chat import OpenAIChatModel  # noqa: E402
from retro_ai.pipeline import run_pipeline  # noqa: E402
from retro_ai.settings import Settings  # noqa: E402
from retro_ai.stages.ask import render_sources  # noqa: E402
from retro_ai.stages.engines import build_engine  # noqa: E402
from tests.fakeserver import FakeOpenAIServer, PrefixCache, Reply  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def handler(_body: dict) -> Reply:
    return Reply(content="{}", completion_tokens=1)


def uncached_document(log: list[tuple[dict, int, int]]) -> int:
    """Tokens of the sources block that requests in `log` were billed for outside the cache."""
    total = 0
    for body, _, cached in log:
        prompt = PrefixCache.prompt(body).encode("utf-8")
        start, end = prompt.find(b"<sources>"), prompt.find(b"</sources>") + len(b"</sources>")
        total += max(0, end - max(start, cached * 4)) // 4
    return total


def run(docs: list[Path], rung: str) -> list[tuple[int, int, int, int]]:
    """(document tokens, prompt tokens, cached tokens, uncached document tokens) per document."""
    settings = Settings(no_cache=True)
    rows = []
    with FakeOpenAIServer(handler=handler, prefix_cache=True) as srv:
        model = OpenAIChatModel(
            "bench", base_url=srv.base_url, max_retries=0, response_format=rung
        )  # fmt: skip
        cache = srv.prefix_cache
        assert cache is not None
        for path in docs:
            seen = len(cache.log)
            sources = load_sources([str(path)])
            own = -(-len(render_sources(sources).encode("utf-8")) // 4)
            engine = build_engine(model, settings)
            retro = run_pipeline(
                sources, engine, settings=settings, report_date=date(2026, 11, 28)
            )  # fmt: skip
            usage = retro.meta.usage
            billed = uncached_document(cache.log[seen:])
            rows.append((own, usage.prompt_tokens, usage.cached_tokens, billed))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--documents", type=int, default=0, help="at most this many (0: all)")
    args = parser.parse_args()
    docs = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
    docs = [p for p in docs if p.name.lower() != "readme.md"]
    if args.documents:
        docs = docs[: args.documents]
    print(f"documents            {len(docs)}")
    for rung in ("json_object", "json_schema"):
        rows = run(docs, rung)
        own = sum(r[0] for r in rows)
        prompt = sum(r[1] for r in rows)
        uncached = sum(r[1] - r[2] for r in rows)
        billed = sum(r[3] for r in rows)
        per_doc = [(p - c) / o for o, p, c, _ in rows]
        print(
            f"{rung:<12} uncached prompt ÷ document: total {uncached / own:5.2f}, "
            f"median {statistics.median(per_doc):5.2f}, max {max(per_doc):5.2f}; "
            f"document billed uncached {billed / own:4.2f} times; "
            f"prompt tokens ÷ document {prompt / own:5.2f}"
        )


if __name__ == "__main__":
    main()
