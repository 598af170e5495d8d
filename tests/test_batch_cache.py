"""The stage cache (`--cache-dir`, `--no-cache`, `retro-ai cache info|clear`) and token
accounting (prompt, cached and completion tokens; every stage of a document sharing the sources
as its leading prompt prefix), through the CLI, the library and the loopback fake server."""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.pipeline import draft
from retro_ai.settings import Settings
from retro_ai.stages.drafts import GoalsOutput

runner = CliRunner()
KEY = "sk-test-cache"
STAGES = 5  # the stages a project retro runs


@pytest.fixture
def server(fake_server, checkout_replies):
    """A fake server answering each stage with its checkout reply; `server(**options)`."""

    def start(**options):
        def handle(body):
            name = fake_server.stage_output_name(body)
            return fake_server.json_reply(checkout_replies.get(name, {}), cached_tokens=7)

        return fake_server(handler=handle, **options)

    return start


def cli(srv, *extra: str, command: str = "draft", model: str = "fake-gpt"):
    env = {"OPENAI_API_KEY": KEY, "RETRO_AI_MAX_RETRIES": "0"}
    args = [command, "--model", model, "--base-url", srv.base_url, "--no-progress"]
    if command != "redraft":
        args += ["--date", "2026-11-28"]
    return runner.invoke(app, [*args, *extra], env=env)


def draft_json(srv, *extra: str, **kwargs):
    result = cli(srv, "notes.md", "metrics.csv", "--json", *extra, **kwargs)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("stages/*/*.json"))


# --- the stage cache -------------------------------------------------------------------------


def test_drafting_unchanged_inputs_again_makes_zero_model_calls(work, server):
    srv = server()
    first = draft_json(srv, "--cache-dir", "c")
    assert len(srv.requests) == STAGES and len(entries(work / "c")) == STAGES
    second = draft_json(srv, "--cache-dir", "c")
    assert len(srv.requests) == STAGES  # nothing asked
    assert second["meta"]["usage"]["calls"] == 0
    first["meta"].pop("usage"), second["meta"].pop("usage")
    assert first == second  # the same draft, read back


def test_the_default_cache_is_the_user_cache_folder_and_cache_info_says_where(work, server):
    srv = server()
    draft_json(srv)
    folder = work / "cache" / "retro-ai"  # XDG_CACHE_HOME is tmp/cache in tests
    assert len(entries(folder)) == STAGES
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0, info.output
    path, count, size = info.stdout.strip().split("\t")
    assert Path(path) == folder and count == f"{STAGES} entries" and size != "0 bytes"
    draft_json(srv)
    assert len(srv.requests) == STAGES


def test_no_cache_asks_every_stage_and_keeps_nothing(work, server, monkeypatch):
    srv = server()
    draft_json(srv, "--cache-dir", "c", "--no-cache")
    draft_json(srv, "--cache-dir", "c", "--no-cache")
    assert len(srv.requests) == 2 * STAGES
    assert not (work / "c").exists()
    monkeypatch.setenv("RETRO_AI_NO_CACHE", "1")  # the same from the environment
    draft_json(srv)
    draft_json(srv)
    assert len(srv.requests) == 4 * STAGES
    assert not (work / "cache").exists()


def test_cache_clear_removes_every_entry_so_the_next_draft_asks_again(work, server):
    srv = server()
    draft_json(srv, "--cache-dir", "c")
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", "c"])
    assert cleared.exit_code == 0, cleared.output
    assert f"removed {STAGES} entries" in cleared.stderr
    assert entries(work / "c") == []
    empty = runner.invoke(app, ["cache", "info", "--cache-dir", "c"])
    assert "\t0 entries\t" in empty.stdout
    draft_json(srv, "--cache-dir", "c")
    assert len(srv.requests) == 2 * STAGES


def test_what_changes_the_reply_changes_the_key(work, server, fake_server, checkout_replies):
    srv = server()
    draft_json(srv, "--cache-dir", "c")
    draft_json(srv, "--cache-dir", "c", "--max-tokens", "2000")  # another token limit
    assert len(srv.requests) == 2 * STAGES
    draft_json(srv, "--cache-dir", "c", model="other-model")
    assert len(srv.requests) == 3 * STAGES
    other = server()  # another server with the same model name
    draft_json(other, "--cache-dir", "c")
    assert len(other.requests) == STAGES
    # One edited source line: every stage reads the sources, so every stage asks again.
    notes = work / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    draft_json(srv, "--cache-dir", "c")
    assert len(srv.requests) == 4 * STAGES


def test_a_new_prompt_version_asks_that_stage_again(work, server, fake_server):
    from retro_ai.resources import bundled_dir

    srv = server()
    draft_json(srv, "--cache-dir", "c")
    folder = work / "prompts"
    folder.mkdir()
    text = (bundled_dir("prompts") / "write_summary.md").read_text(encoding="utf-8")
    head, _, body = text.partition('version: "')
    version, _, rest = body.partition('"')
    (folder / "write_summary.md").write_text(f'{head}version: "{version}-b"{rest}', "utf-8")
    draft_json(srv, "--cache-dir", "c", "--prompts", str(folder))
    assert len(srv.requests) == STAGES + 1
    assert fake_server.stage_output_name(srv.requests[-1]) == "SummaryOutput"


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{",
        b"\x00\xff binary",
        b"[]",
        b'{"format": 1, "output": "GoalsOutput"}',
        b'{"format": 1, "output": "GoalsOutput", "draft": {"goals": "not a list"}}',
    ],
    ids=["empty", "truncated", "binary", "list", "no-draft", "invalid-draft"],
)
def test_a_corrupt_entry_is_a_miss_and_is_replaced(work, server, garbage):
    srv = server()
    draft_json(srv, "--cache-dir", "c")
    for path in entries(work / "c"):
        path.write_bytes(garbage)
    draft_json(srv, "--cache-dir", "c")
    assert len(srv.requests) == 2 * STAGES
    draft_json(srv, "--cache-dir", "c")  # the bad entries were rewritten
    assert len(srv.requests) == 2 * STAGES


def test_an_unwritable_cache_folder_costs_calls_not_the_draft(work, server):
    (work / "c").write_text("a file, not a folder", encoding="utf-8")
    srv = server()
    draft_json(srv, "--cache-dir", "c")
    draft_json(srv, "--cache-dir", "c")
    assert len(srv.requests) == 2 * STAGES


def test_redraft_asks_the_model_again_though_the_stages_are_cached(work, server):
    srv = server()
    for _ in range(2):
        result = cli(srv, "notes.md", "metrics.csv", "--force")
        assert result.exit_code == 0, result.output
    assert len(srv.requests) == STAGES
    again = cli(srv, "notes.retro.json", "--section", "insights", "--force", command="redraft")
    assert again.exit_code == 0, again.output
    assert len(srv.requests) == STAGES + 1


def test_the_library_draft_uses_the_cache(work, make_fake_model, checkout_replies):
    settings = Settings(cache_dir=work / "lib-cache")
    first, second = make_fake_model(checkout_replies), make_fake_model(checkout_replies)
    day = date(2026, 11, 28)
    one = draft(["notes.md", "metrics.csv"], model=first, settings=settings, report_date=day)
    two = draft(["notes.md", "metrics.csv"], model=second, settings=settings, report_date=day)
    assert len(first.history) == STAGES and second.history == []
    assert one.model_dump(exclude={"meta"}) == two.model_dump(exclude={"meta"})


def test_a_second_batch_of_the_same_documents_makes_zero_model_calls(work, server):
    docs = work / "docs"
    docs.mkdir()
    for name in ("a", "b"):
        (docs / f"{name}.md").write_text((work / "notes.md").read_text("utf-8"), "utf-8")
    srv = server()
    first = cli(srv, "docs", "-o", "out1", "--cache-dir", "c", "--json", command="batch")
    assert first.exit_code == 0, first.output
    calls = len(srv.requests)
    assert calls == 2 * STAGES + 1  # each document's stages, and the themes across them
    second = cli(srv, "docs", "-o", "out2", "--cache-dir", "c", "--json", command="batch")
    assert second.exit_code == 0, second.output
    assert len(srv.requests) == calls and json.loads(second.stdout)["usage"]["calls"] == 0
    for name in ("a", "b"):
        assert (work / "out2" / f"{name}.retro.md").read_bytes() == (
            work / "out1" / f"{name}.retro.md"
        ).read_bytes()
    uncached = cli(srv, "docs", "-o", "out3", "--no-cache", command="batch")
    assert uncached.exit_code == 0, uncached.output
    assert len(srv.requests) == 2 * calls


GOALS = GoalsOutput.model_validate(
    {"goals": [{"title": f"goal {i} " + "x" * 300, "quote": "q"} for i in range(20)]}
)


def _hammer(folder: str) -> int:
    """Write and read the same entries over and over; count reads that came back wrong."""
    from retro_ai.stages.cache import StageCache

    cache = StageCache(Path(folder))
    wrong = 0
    for i in range(40):
        key = f"{i % 4:064x}"
        cache.put(key, GOALS)
        got = cache.get(key, GoalsOutput)
        wrong += got != GOALS
    return wrong


def test_concurrent_threads_and_processes_never_read_half_an_entry(tmp_path):
    folder = str(tmp_path / "c")
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(_hammer(folder))) for _ in range(4)]
    with ProcessPoolExecutor(2) as pool:
        futures = [pool.submit(_hammer, folder) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        results += [f.result() for f in futures]
    assert results == [0] * 6
    assert len(entries(Path(folder))) == 4
    assert [p for p in Path(folder).rglob("*") if p.name.endswith(".tmp")] == []


# --- tokens and the shared prefix ------------------------------------------------------------


def test_cached_tokens_from_the_servers_usage_are_reported(work, server):
    srv = server()
    retro = draft_json(srv, "--no-cache")
    assert retro["meta"]["usage"] == {
        "calls": STAGES,
        "prompt_tokens": 10 * STAGES,
        "completion_tokens": 10 * STAGES,
        "cached_tokens": 7 * STAGES,
    }


def test_a_batch_reports_cached_tokens_per_document_and_in_total(work, server):
    docs = work / "docs"
    docs.mkdir()
    (docs / "a.md").write_text((work / "notes.md").read_text("utf-8"), "utf-8")
    srv = server()
    result = cli(srv, "docs", "-o", "out", "--no-cache", "--json", command="batch")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["usage"]["cached_tokens"] == 7 * STAGES
    (row,) = [json.loads(line) for line in (work / "out" / "index.jsonl").open()]
    assert row["cached_tokens"] == 7 * STAGES and row["prompt_tokens"] == 10 * STAGES


def test_every_stage_starts_with_the_same_system_prompt_and_sources(work, fake_model):
    draft(["notes.md", "metrics.csv"], model=fake_model, settings=Settings(no_cache=True))
    firsts = [messages for _, messages in fake_model.history]
    assert len(firsts) == STAGES
    assert len({m[0]["content"] for m in firsts}) == 1  # one system prompt for every stage
    users = [m[1]["content"] for m in firsts]
    shared = os.path.commonprefix(users)
    assert "</sources>" in shared  # the whole sources block is in the shared prefix
    assert "checkout" in shared.lower()  # the document's text is inside the shared prefix


def test_a_prefix_caching_server_bills_the_sources_once(work, server):
    srv = server(prefix_cache=True)
    retro = draft_json(srv, "--no-cache", "--response-format", "json_object")
    bodies = srv.requests
    assert len(bodies) == STAGES
    prompt = srv.prefix_cache.prompt(bodies[0])
    shared = (prompt.index("</sources>") + len("</sources>")) // 4  # tokens up to the sources
    assert retro["meta"]["usage"]["cached_tokens"] >= (STAGES - 1) * (shared - 16)
    # A strict json_schema request puts its per-stage schema before the conversation, so there
    # the prefix is not shared: this is what "where the response format allows it" means.
    strict = server(prefix_cache=True)
    retro = draft_json(strict, "--no-cache", "--response-format", "json_schema")
    assert retro["meta"]["usage"]["cached_tokens"] < shared


def test_a_langchain_models_cache_reads_count_as_cached_tokens(work):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    usage = {
        "input_tokens": 100,
        "output_tokens": 3,
        "total_tokens": 103,
        "input_token_details": {"cache_read": 60},
    }
    replies = iter([AIMessage(content="{}", usage_metadata=usage) for _ in range(STAGES)])
    model = GenericFakeChatModel(messages=replies)
    retro = draft(["notes.md"], model=model, settings=Settings(no_cache=True), kind="project")
    assert retro.meta.usage.cached_tokens == 60 * STAGES
    assert retro.meta.usage.prompt_tokens == 100 * STAGES
