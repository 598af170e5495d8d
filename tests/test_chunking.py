"""Long inputs: split into chunks that fit the window, extracted per chunk, merged without
duplicates; a dry run and a cost ceiling that send nothing; carried sections compacted to fit."""

from __future__ import annotations

import json
import random

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.errors import ContextOverflowError
from retro_ai.ingest.source import Line, Source
from retro_ai.models.base import Completion
from retro_ai.models.tokens import estimate_tokens
from retro_ai.pipeline import draft
from retro_ai.settings import Settings
from retro_ai.stages.chunking import render_chunks, split_source, split_sources
from retro_ai.stages.drafts import ActionDraft, InsightsOutput
from retro_ai.stages.merge import extra_quotes, merge_drafts

WINDOW = 8192
SPEAKERS = ["Alice", "Bob", "Carol", "Dmitri"]
WORDS = "latency deploy rollout cache queue review budget alert shard replica metric".split()
FIRST = "Bob will rotate the staging credentials before the audit"
LAST = "Carol will publish the capacity report for the board"
AGAIN = "again, Bob will rotate the staging credentials before the audit, no excuses"
ENV = {"OPENAI_API_KEY": "sk-test", "RETRO_AI_MAX_RETRIES": "0"}


def transcript(size: int) -> tuple[str, dict[str, int]]:
    """A "Name: text" transcript of about `size` bytes with paragraphs, and the line number
    of each planted sentence."""
    rng = random.Random(7)
    lines: list[str] = []
    planted: dict[str, int] = {}
    total = 0
    while total < size:
        if len(lines) == 40:
            lines.append(f"{SPEAKERS[1]}: {FIRST}.")
            planted[FIRST] = len(lines)
        if len(lines) == 400:
            lines.append(f"{SPEAKERS[1]}: {AGAIN}.")
            planted[AGAIN] = len(lines)
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
        line = f"{SPEAKERS[len(lines) % 4]}: {text}."
        lines.append(line)
        total += len(line) + 1
        if len(lines) % 9 == 0:
            lines.append("")
    lines.append(f"{SPEAKERS[2]}: {LAST}.")
    planted[LAST] = len(lines)
    return "\n".join(lines) + "\n", planted


def handler(fake_server, seen: list[int] | None = None):
    """Answers each stage; the insights stage returns the planted actions found in the request."""

    def answer(body):
        name = fake_server.stage_output_name(body)
        text = "".join(m.get("content") or "" for m in body["messages"])
        if seen is not None:
            seen.append(fake_server.prompt_tokens(body) + int(body.get("max_tokens") or 0))
        if name != "InsightsOutput":
            return fake_server.json_reply({})
        actions = []
        if FIRST in text:
            actions.append(
                {"action": "Rotate the staging credentials", "owner": "Bob", "quote": FIRST}
            )
        if AGAIN in text:
            actions.append({"action": "rotate the staging credentials.", "quote": AGAIN})
        if LAST in text:
            actions.append({"action": "Publish the capacity report", "quote": LAST})
        return fake_server.json_reply({"lessons": [], "actions": actions})

    return answer


def invoke(*args: str):
    return CliRunner().invoke(app, ["draft", *args, "--no-progress", "--no-cache"], env=ENV)


def test_two_megabyte_transcript_drafts_within_an_8k_window(tmp_path, fake_server):
    text, planted = transcript(2_000_000)
    (tmp_path / "call.txt").write_text(text, encoding="utf-8")
    seen: list[int] = []
    srv = fake_server(handler=handler(fake_server, seen), context_window=WINDOW)
    result = invoke(
        str(tmp_path / "call.txt"),
        "--json",
        "-m",
        "fake-gpt",
        "--base-url",
        srv.base_url,
        "--max-tokens",
        "2048",
        "--concurrency",
        "8",
        "--kind",
        "project",
    )
    assert result.exit_code == 0, result.output
    assert srv.context_rejections == 0
    assert len(srv.requests) > 100 and max(seen) <= WINDOW
    retro = json.loads(result.stdout)
    actions = {a["action"]: a for a in retro["action_items"]}
    assert set(actions) == {"Rotate the staging credentials", "Publish the capacity report"}
    rotate = actions["Rotate the staging credentials"]
    assert [(e["line"], e["verified"]) for e in rotate["evidence"]] == [
        (planted[FIRST], True),
        (planted[AGAIN], True),
    ]
    assert rotate["owner"] == "Bob"
    assert [e["line"] for e in actions["Publish the capacity report"]["evidence"]] == [
        planted[LAST]
    ]
    chunked = [r for r in srv.requests if 'lines="' in r["messages"][1]["content"]]
    assert chunked, "chunks name the original lines they span"


def test_dry_run_counts_chunks_calls_and_tokens_and_sends_nothing(tmp_path, fake_server):
    text, _ = transcript(200_000)
    (tmp_path / "call.txt").write_text(text, encoding="utf-8")
    srv = fake_server(context_window=WINDOW)
    args = [
        str(tmp_path / "call.txt"),
        "--dry-run",
        "-m",
        "fake-gpt",
        "--base-url",
        srv.base_url,
        "--max-tokens",
        "2048",
        "--kind",
        "project",
    ]
    shown = invoke(*args)
    assert shown.exit_code == 0, shown.output
    assert "window: 8,192 tokens" in shown.stdout and "tokens counted by: estimate" in shown.stdout
    assert "split into" in shown.stdout and "distill_insights" in shown.stdout
    plan = json.loads(invoke(*args, "--json").stdout)
    assert plan["chunked"] and plan["chunks"] > 5 and plan["counter"] == "estimate"
    insights = next(s for s in plan["stages"] if s["name"] == "distill_insights")
    assert insights["calls"] == plan["chunks"] and insights["prompt_tokens"] > plan["input_tokens"]
    assert plan["total_tokens"] == plan["prompt_tokens"] + plan["completion_tokens"]
    assert srv.requests == [] and sorted(p.name for p in tmp_path.iterdir()) == ["call.txt"]


def test_cost_ceiling_refuses_off_a_terminal(tmp_path, fake_server):
    text, _ = transcript(100_000)
    (tmp_path / "call.txt").write_text(text, encoding="utf-8")
    srv = fake_server(context_window=WINDOW)
    result = invoke(
        str(tmp_path / "call.txt"),
        "-m",
        "fake-gpt",
        "--base-url",
        srv.base_url,
        "--max-cost-tokens",
        "50000",
        "-o",
        str(tmp_path),
    )
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "exceeds --max-cost-tokens 50,000" in lines[0]
    assert srv.requests == [] and sorted(p.name for p in tmp_path.iterdir()) == ["call.txt"]


def test_short_note_on_an_8k_window_compacts_the_carried_retrospective(tmp_path, fake_server):
    note = "\n".join(
        [f"Goal {i}: raise signup conversion in region {i} by {i}% this quarter" for i in range(8)]
        + [
            f"Problem {i}: the onboarding emails in region {i} bounced for two weeks"
            for i in range(7)
        ]
    )
    (tmp_path / "note.txt").write_text(note, encoding="utf-8")
    long_quote = "the onboarding emails in region 3 bounced for two weeks"

    def answer(body):
        name = fake_server.stage_output_name(body)
        item = {"title": "x" * 350, "description": "y" * 350, "quote": long_quote}
        if name == "AnalysisOutput":
            cause = {"text": "z" * 350, "quote": long_quote}
            problems = [{**item, "causes": [cause] * 4} for _ in range(20)]
            return fake_server.json_reply({"highlights": [item] * 20, "problems": problems})
        if name == "GoalsOutput":
            return fake_server.json_reply({"goals": [item] * 25})
        return fake_server.json_reply({})

    srv = fake_server(handler=answer, context_window=WINDOW)
    result = invoke(
        str(tmp_path / "note.txt"),
        "--json",
        "-m",
        "fake-gpt",
        "--base-url",
        srv.base_url,
        "--max-tokens",
        "2048",
        "--kind",
        "project",
    )
    assert result.exit_code == 0, result.output
    assert srv.context_rejections == 0
    summary = [r for r in srv.requests if fake_server.stage_output_name(r) == "SummaryOutput"]
    assert len(summary) == 1
    for body in srv.requests:
        assert fake_server.prompt_tokens(body) + body["max_tokens"] <= WINDOW


class Overflowing:
    """A model whose window is smaller than the client thinks: it refuses any prompt above
    `limit` tokens the way the chat adapter does, with ContextOverflowError."""

    name = "fake-local"

    def __init__(self, limit: int) -> None:
        self.limit, self.sizes = limit, []

    def complete(self, messages, *, output):
        size = sum(estimate_tokens(m["content"]) for m in messages)
        self.sizes.append(size)
        if size > self.limit:
            raise ContextOverflowError("too long", prompt_tokens=size, window=self.limit)
        found = LAST in messages[-1]["content"]
        actions = [{"action": "Publish the capacity report", "quote": LAST}] if found else []
        reply = {"actions": actions} if output is InsightsOutput else {}
        return Completion(json.dumps(reply))


def test_a_chunk_the_model_refuses_as_too_long_is_split_and_asked_again(tmp_path):
    text, planted = transcript(30_000)
    (tmp_path / "call.txt").write_text(text, encoding="utf-8")
    model = Overflowing(limit=3000)
    settings = Settings(max_tokens=1024, context_window=16384, no_cache=True)
    retro = draft([tmp_path / "call.txt"], model=model, settings=settings, kind="project")
    assert max(model.sizes) > 3000  # the first attempt was refused, then split
    assert [a.evidence[0].line for a in retro.action_items] == [planted[LAST]]


# --- split and merge, as units -----------------------------------------------------------------


def source(lines: list[str], turns: bool = False) -> Source:
    parsed = [
        Line(i, t.split(": ", 1)[1], speaker=t.split(": ", 1)[0])
        if turns and ": " in t
        else Line(i, t)
        for i, t in enumerate(lines, 1)
    ]
    return Source("s1", "call.txt", "transcript" if turns else "notes", "utf-8", parsed)


def test_split_respects_boundaries_overlaps_and_covers_every_line():
    paragraphs = [[f"para {p} line {i} " + "word " * 8 for i in range(5)] for p in range(80)]
    lines = [line for para in paragraphs for line in [*para, ""]]
    src = source(lines)
    chunks = split_source(src, 1000, estimate_tokens)  # a paragraph is under a tenth of it
    assert len(chunks) > 3
    covered = set()
    for c in chunks:
        assert c.tokens <= 1000
        assert c.start == 0 or not src.lines[c.start - 1].text.strip()  # a paragraph start
        covered.update(range(c.start, c.end))
        assert (c.first, c.last) == (src.lines[c.start].number, src.lines[c.end - 1].number)
    assert covered == set(range(len(lines)))
    assert all(b.start < a.end for a, b in zip(chunks, chunks[1:], strict=False))  # overlap
    assert all(b.start > a.start for a, b in zip(chunks, chunks[1:], strict=False))


def test_split_keeps_speaker_turns_whole_and_cuts_an_overlong_line_last():
    lines = [f"{SPEAKERS[i % 4]}: turn {i} " + "talk " * 10 for i in range(60)]
    lines[30] = "Bob: " + "x" * 3000  # one line longer than a chunk
    src = source(lines, turns=True)
    chunks = split_source(src, 120, estimate_tokens)
    assert all(c.tokens <= 120 for c in chunks)
    long_parts = [c for c in chunks if c.start == 30 and c.end == 31]
    assert len(long_parts) > 3  # cut at character boundaries, all on line 31
    assert {c.first for c in long_parts} == {31}
    rendered = render_chunks(split_sources([src], 400, estimate_tokens)[0])
    assert 'lines="1-' in rendered and rendered.startswith("<sources>\n<source id=")


def test_merge_joins_duplicates_with_both_quotes_in_any_order():
    a = InsightsOutput(
        actions=[
            ActionDraft(action="Rotate the credentials", owner="Bob", quote="q1"),
            ActionDraft(action="Write the runbook", quote="q2"),
        ]
    )
    b = InsightsOutput(
        actions=[
            ActionDraft(action="rotate the credentials.", due="Friday", quote="q3"),
            ActionDraft(action="Write the run book", quote="q2"),  # the overlap: same line
        ]
    )
    c = InsightsOutput(actions=[ActionDraft(action="Publish the report", quote="q4")])
    parts = [(0, a), (1, b), (2, c)]
    merged = merge_drafts(InsightsOutput, parts)
    assert [(x.action, x.owner, x.due, x.quote) for x in merged.actions] == [
        ("Rotate the credentials", "Bob", "Friday", "q1"),
        ("Write the runbook", None, None, "q2"),
        ("Publish the report", None, None, "q4"),
    ]
    assert extra_quotes(merged) == {"q1": ["q3"]}
    for order in ([(2, c), (0, a), (1, b)], [(1, b), (2, c), (0, a)]):
        again = merge_drafts(InsightsOutput, order)
        assert again.model_dump() == merged.model_dump()
        assert extra_quotes(again) == extra_quotes(merged)


@pytest.mark.parametrize("size", [64, 500])
def test_split_sources_packs_each_request_within_its_size(size):
    small = source([f"line {i} " + "w " * 20 for i in range(40)])
    requests = split_sources([small, small], size, estimate_tokens)
    assert all(estimate_tokens(render_chunks(r)) <= size + 16 for r in requests)


def test_extraction_stages_share_each_chunk_so_a_prefix_cache_bills_it_once(tmp_path, fake_server):
    """Stages with a small fixed part split the sources at the same places, so every request
    for one chunk starts with the same system prompt, preamble and chunk text."""
    text, _ = transcript(120_000)
    (tmp_path / "call.txt").write_text(text, encoding="utf-8")
    srv = fake_server(handler=handler(fake_server), context_window=WINDOW)
    args = ["-m", "fake-gpt", "--base-url", srv.base_url, "--max-tokens", "2048"]
    result = invoke(str(tmp_path / "call.txt"), "--json", *args, "--kind", "incident")
    assert result.exit_code == 0, result.output
    by_chunk: dict[str, set[str]] = {}
    for body in srv.requests:
        user = body["messages"][1]["content"]
        chunk = user[user.index("<sources>") : user.index("</sources>")]
        by_chunk.setdefault(chunk, set()).add(fake_server.stage_output_name(body))
    assert len(by_chunk) > 3  # the transcript is chunked
    extraction = {"GoalsOutput", "AnalysisOutput", "TimelineOutput", "IncidentOutput"}
    assert all(extraction <= stages for stages in by_chunk.values() if len(stages) > 1)
