"""Limits, faults and fixed cost: the process-wide --rpm/--tpm budgets, and a 50-document batch
that completes through 20% injected faults within a stated bound on requests, leaving nothing
half-written."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.models.limits import Budget, TokenBucket, budget_for
from retro_ai.stages import STAGES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "launch-retro.md")
runner = CliRunner()


class Clock:
    """A manual clock for the token bucket: `sleep` advances it instead of waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def sprint_notes(i: int) -> str:
    return (
        f"# Sprint {i} retro\n\n"
        f"Goal: ship the export feature {i} by Friday.\n"
        f"Result: export {i} shipped on Thursday.\n"
        "Problem: flaky integration tests, because the fixtures share one database.\n"
        "Lesson: isolate test data per test.\n"
        f"Action: Dana to split the fixtures (due 2026-12-{1 + i % 28:02d}).\n"
    )


def test_batch_of_50_completes_through_20_percent_faults(fake_server, tmp_path, monkeypatch):
    """Every kind of fault is met; every document completes; requests stay within the bound.

    Bound: each document asks each stage of its kind once; a stage's reply may be re-asked
    `max_reasks` times, and each ask is one SDK call of at most 1 + `max_retries` HTTP requests;
    the cross-document theme stage is one more stage. So requests ≤ (documents × stages + 1) ×
    (1 + max_reasks) × (1 + max_retries). Retries are the SDK's alone: nothing else repeats a
    request.
    """
    max_retries, max_reasks, docs = 8, 3, 50  # three bad replies in a row stay unlikely
    monkeypatch.setenv("RETRO_AI_MAX_RETRIES", str(max_retries))
    monkeypatch.setenv("RETRO_AI_MAX_REASKS", str(max_reasks))
    src = tmp_path / "in"
    for i in range(docs):
        path = src / f"team-{i % 5}" / f"sprint-{i:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sprint_notes(i), encoding="utf-8")
    faults = fake_server.faulty(lambda body: fake_server.Reply(content="{}"), 0.2, seed=9, hang=2.0)
    srv = fake_server(handler=faults)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "batch",
            str(src),
            "-o",
            str(out),
            "-m",
            "fake-model",
            "--base-url",
            srv.base_url,
            "--kind",
            "sprint",
            "--concurrency",
            "32",
            "--timeout",
            "0.5",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["drafted"] == docs and counts["failed"] == 0

    stages = sum(1 for s in STAGES.values() if s.wanted("sprint"))
    bound = (docs * stages + 1) * (1 + max_reasks) * (1 + max_retries)
    assert docs * stages <= len(srv.requests) <= bound
    assert set(faults.counts) == {"ok", *fake_server.FAULTS}  # every fault was met

    rows = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert len(rows) == docs and {r["status"] for r in rows} == {"done"}
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert not [p for p in written if p.endswith((".tmp", ".old")) or "/." in f"/{p}"]
    for i in range(docs):
        base = out / f"team-{i % 5}" / f"sprint-{i:02d}.retro"
        assert base.with_suffix(".retro.md").read_text(encoding="utf-8").strip()
        data = json.loads(base.with_suffix(".retro.json").read_text(encoding="utf-8"))
        assert data["meta"]["model"] == "fake-model"


def test_draft_and_batch_take_rpm_and_tpm(fake_server, tmp_path):
    srv = fake_server(fake_server.Reply(content="{}"))
    model = ["-m", "fake-model", "--base-url", srv.base_url, "--no-progress"]
    limits = ["--rpm", "60000", "--tpm", "50000000"]
    result = runner.invoke(
        app, ["draft", EXAMPLE, "-o", str(tmp_path), "--kind", "project", *model, *limits]
    )
    assert result.exit_code == 0, result.output
    assert len(srv.requests) == sum(1 for s in STAGES.values() if s.wanted("project"))
    result = runner.invoke(
        app, ["batch", EXAMPLE, "-o", str(tmp_path / "b"), "--kind", "project", *model, *limits]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "launch-retro.retro.json").is_file()


def test_invalid_budgets_are_one_line_config_errors(tmp_path):
    model = ["-m", "fake-model", "--base-url", "http://127.0.0.1:9/v1", "-o", str(tmp_path)]
    result = runner.invoke(app, ["draft", EXAMPLE, *model, "--rpm", "0"])
    assert result.exit_code == 78
    assert (
        result.stderr.strip()
        == "retro-ai: error: invalid --rpm: Input should be greater than or equal to 1"
    )
    result = runner.invoke(app, ["batch", EXAMPLE, *model], env={"RETRO_AI_TPM": "lots"})
    assert result.exit_code == 78
    assert result.stderr.startswith("retro-ai: error: invalid RETRO_AI_TPM:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_one_budget_per_process():
    """Every draft and every document of a batch with the same limits draws on one budget."""
    assert budget_for(None, None) is None
    assert budget_for(120, 9000) is budget_for(120, 9000)
    assert budget_for(120, 9000) is not budget_for(120, 9001)


def test_rpm_spaces_requests_evenly():
    budget = Budget(rpm=120)  # one request every half second, no burst
    assert budget.acquire(0)
    assert not budget.acquire(0, blocking=False)


def test_tpm_bucket_waits_for_tokens_and_settles_with_usage():
    clock = Clock()
    bucket = TokenBucket(600, clock=clock, sleep=clock.sleep)  # 10 tokens per second
    assert bucket.take(500)
    assert not bucket.take(200, blocking=False)
    assert bucket.take(200)  # waits for the 100 missing tokens
    assert clock.now == 10.0 and bucket.level == 0
    bucket.settle(200, 400)  # the server counted 200 more than estimated: debt
    assert bucket.level == -200
    clock.now += 20
    assert bucket.level == 0
    assert bucket.take(10_000)  # more than a minute's budget waits for a full bucket, not forever
    assert clock.now == 90.0
