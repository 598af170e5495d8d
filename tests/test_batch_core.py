"""`retro-ai batch`: discovery, outputs and index, the SQLite database and its example queries,
failure isolation, --retry-failed, fatal errors, resume after kill -9, dry run, progress and
concurrency, through the CLI, the library and the loopback fake server."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.batch.runner import BatchOptions, estimate_tokens, run_batch
from retro_ai.batch.store import INDEX_COLUMNS
from retro_ai.cli import app
from retro_ai.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

# The two example queries the README documents.


def _readme_queries() -> dict[str, str]:
    """The example queries of the README's batch section, by their comment line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?)```", readme, re.S)
    assert block, "the README shows the example queries in a sql block"
    queries = {}
    for part in re.split(r"^-- ", block.group(1), flags=re.M)[1:]:
        name, _, sql = part.partition("\n")
        queries[name.strip()] = sql.strip().rstrip(";")
    return queries


QUERIES = _readme_queries()
ROOT_CAUSES_OF_2024 = QUERIES["every root cause of 2024"]
ACTIONS_WITHOUT_OWNER = QUERIES["actions without an owner"]


def batch(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["batch", "--date", "2026-11-28", "--no-progress", *args], env=env)


@pytest.fixture
def notes(checkout_notes: str, tmp_path: Path):
    """`notes(rel, extra="")` writes a copy of the checkout notes (plus `extra`) at tmp/in/rel."""

    def write(rel: str, extra: str = "") -> Path:
        path = tmp_path / "in" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(checkout_notes + extra, encoding="utf-8")
        return path

    return write


@pytest.fixture
def server(fake_server, checkout_replies, monkeypatch):
    """A fake server answering every stage from the checkout replies; a request whose text says
    BROKEN gets a reply that is not JSON, DOWN a 503, and QUOTA an insufficient_quota 429."""
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("RETRO_AI_MAX_RETRIES", "0")

    def handler(body):
        text = json.dumps(body["messages"], ensure_ascii=False)
        if "BROKEN" in text:
            return fake_server.Reply(content="this is not JSON at all")
        if "DOWN" in text:
            return fake_server.Reply(status=503)
        name = fake_server.stage_output_name(body)
        return fake_server.json_reply(checkout_replies.get(name, {}))

    return fake_server(handler=handler)


def model_args(srv) -> list[str]:
    return ["-m", "fake-model", "--base-url", srv.base_url]


def rows(out: Path) -> dict[str, dict]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["doc_id"]: r for r in map(json.loads, lines)}


def docs_asked(srv, marker_prefix: str = "DOC-") -> set[str]:
    """The document markers (DOC-x) that appear in the requests the server received."""
    found = set()
    for body in srv.requests:
        text = json.dumps(body["messages"])
        for word in text.replace('"', " ").replace("\\n", " ").split():
            if word.startswith(marker_prefix):
                found.add(word.rstrip(".,"))
    return found


def no_temp_files(out: Path) -> bool:
    return not [p for p in out.rglob("*") if p.suffix in (".tmp", ".old")]


# --- 1. discovery, outputs and the index ---------------------------------------------------


def test_folders_globs_and_files_with_metrics_beside_their_document(
    notes, checkout_metrics, tmp_path
):
    doc = notes("retros/2024/db-outage.md")
    (doc.parent / "db-outage.csv").write_text(checkout_metrics, encoding="utf-8")
    notes("retros/2025/q1/launch.txt")
    notes("retros/.hidden/skip.md")
    notes("globbed/a.md")
    notes("globbed/b.md")
    single = notes("single.md")
    out = tmp_path / "out"

    result = batch(
        str(tmp_path / "in" / "retros"),
        str(tmp_path / "in" / "globbed" / "*.md"),
        str(single),
        "-o",
        str(out),
    )

    assert result.exit_code == 0, result.output
    assert set(rows(out)) == {"2024/db-outage", "2025/q1/launch", "a", "b", "single"}
    for doc_id in rows(out):
        assert (out / f"{doc_id}.retro.md").is_file()
        assert (out / f"{doc_id}.retro.json").is_file()
    record = json.loads((out / "2024/db-outage.retro.json").read_text(encoding="utf-8"))
    assert [s["type"] for s in record["meta"]["sources"]] == ["notes", "metrics"]
    assert record["results"], "the metrics beside the notes were read with them"
    assert "db-outage" not in {k.split("/")[-1] for k in rows(out) if k != "2024/db-outage"}
    with (out / "index.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert tuple(table[0]) == INDEX_COLUMNS
    assert {r["status"] for r in table} == {"done"}


def test_output_inside_the_input_folder_is_not_read_back_and_metrics_go_with_notes(
    notes, checkout_metrics, tmp_path
):
    doc = notes("retro.md")
    metrics = doc.with_suffix(".csv")
    metrics.write_text(checkout_metrics, encoding="utf-8")
    out = tmp_path / "in" / "out"

    first = batch(str(doc), str(metrics), "-o", str(out))
    second = batch(str(tmp_path / "in"), "-o", str(out), "--json")

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert list(rows(out)) == ["retro"]
    assert json.loads(second.stdout)["skipped"] == 1


def test_index_row_counts_goals_causes_actions_and_tokens(notes, server, tmp_path):
    notes("retro.md")
    out = tmp_path / "out"

    result = batch(str(tmp_path / "in"), "-o", str(out), *model_args(server))

    assert result.exit_code == 0, result.output
    row = rows(out)["retro"]
    assert row["status"] == "done" and row["error"] is None
    assert row["kind"] == "project" and row["language"] == "en"
    assert row["goals"] == 2 and row["problems"] == 1 and row["causes_root"] == 1
    assert (row["actions"], row["actions_with_owner"], row["actions_without_owner"]) == (3, 2, 1)
    assert row["actions_with_due"] == 2 and row["actions_without_due"] == 1
    assert row["calls"] == len(server.requests) and row["prompt_tokens"] > 0
    assert row["open_questions"] > 0


# --- 2. the database ------------------------------------------------------------------------


def test_database_answers_the_two_documented_queries(notes, server, tmp_path):
    notes("2024/checkout.md")
    notes("2025/checkout.md")
    out = tmp_path / "out"

    result = batch(str(tmp_path / "in"), "-o", str(out), *model_args(server))

    assert result.exit_code == 0, result.output
    db = sqlite3.connect(out / "retro.sqlite")
    assert db.execute(ROOT_CAUSES_OF_2024).fetchall() == [("2024/checkout", "single sandbox")]
    assert db.execute(ACTIONS_WITHOUT_OWNER).fetchall() == [
        ("2024/checkout", "Write the rollout checklist"),
        ("2025/checkout", "Write the rollout checklist"),
    ]
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    expected = {"documents", "goals", "results", "problems", "causes", "lessons", "actions"}
    assert expected | {"evidence", "themes"} <= tables
    assert db.execute("SELECT count(*) FROM evidence WHERE verified = 1").fetchone()[0] > 0


def test_rerun_updates_the_database_in_place(notes, server, tmp_path):
    first = notes("a.md", "\nDOC-a.\n")
    notes("b.md", "\nDOC-b.\n")
    out = tmp_path / "out"
    assert batch(str(tmp_path / "in"), "-o", str(out), *model_args(server)).exit_code == 0
    asked = len(server.requests)

    unchanged = batch(str(tmp_path / "in"), "-o", str(out), *model_args(server))
    assert unchanged.exit_code == 0, unchanged.output
    assert len(server.requests) == asked, "an unchanged batch asks the model nothing"

    first.write_text(first.read_text(encoding="utf-8") + "Action: call DOC-a again\n", "utf-8")
    changed = batch(str(tmp_path / "in"), "-o", str(out), *model_args(server))
    assert changed.exit_code == 0, changed.output
    assert docs_asked(type("S", (), {"requests": server.requests[asked:]})) == {"DOC-a"}
    db = sqlite3.connect(out / "retro.sqlite")
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM causes").fetchone()[0] == 2  # replaced, not added
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.execute("DELETE FROM documents WHERE id = 'a'")
    assert db.execute("SELECT count(*) FROM causes WHERE doc_id = 'a'").fetchone()[0] == 0


# --- 6. one bad document never stops the batch ----------------------------------------------


def test_bad_documents_fail_alone_and_retry_failed_reruns_only_them(notes, server, tmp_path):
    notes("good1.md", "\nDOC-good1.\n")
    notes("good2.md", "\nDOC-good2.\n")
    broken = notes("broken.md", "\nDOC-broken. BROKEN\n")
    down = notes("down.md", "\nDOC-down. DOWN\n")
    undecodable = tmp_path / "in" / "binary.md"
    undecodable.write_bytes(b"\x00\xff\xfe\x00garbage\x00" * 50)
    out = tmp_path / "out"

    result = batch(str(tmp_path / "in"), "-o", str(out), *model_args(server))

    assert result.exit_code == 3
    error_lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(error_lines) == 1 and "3 of 5 documents failed" in error_lines[0]
    assert "Traceback" not in result.output
    index = rows(out)
    assert {k for k, r in index.items() if r["status"] == "done"} == {"good1", "good2"}
    assert "invalid" in index["broken"]["error"]
    assert "503" in index["down"]["error"] or "server" in index["down"]["error"]
    assert "binary.md" in index["binary"]["error"]
    assert not (out / "broken.retro.md").exists() and no_temp_files(out)
    db = sqlite3.connect(out / "retro.sqlite")
    failed = db.execute("SELECT id FROM documents WHERE status = 'failed' AND error != ''")
    assert {r[0] for r in failed} == {"broken", "down", "binary"}

    for path in (broken, down):
        path.write_text(path.read_text("utf-8").replace("BROKEN", "").replace("DOWN", ""), "utf-8")
    undecodable.unlink()
    notes("binary.md", "\nDOC-binary.\n")
    asked = len(server.requests)
    retried = batch(str(tmp_path / "in"), "-o", str(out), "--retry-failed", *model_args(server))

    assert retried.exit_code == 0, retried.output
    later = type("S", (), {"requests": server.requests[asked:]})
    assert docs_asked(later) == {"DOC-broken", "DOC-down", "DOC-binary"}
    assert {r["status"] for r in rows(out).values()} == {"done"}


@pytest.mark.parametrize(
    ("status", "error", "code", "words"),
    [
        (429, {"message": "quota", "type": "insufficient_quota", "code": "insufficient_quota"},
         75, "quota exhausted"),
        (401, None, 77, "rejected the API key"),
    ],
)  # fmt: skip
def test_quota_or_rejected_key_stops_the_whole_batch(
    fake_server, notes, tmp_path, monkeypatch, status, error, code, words
):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("RETRO_AI_MAX_RETRIES", "0")
    srv = fake_server(fake_server.Reply(status=status, error=error))
    for i in range(12):
        notes(f"doc{i:02}.md")
    out = tmp_path / "out"

    result = batch(str(tmp_path / "in"), "-o", str(out), "--concurrency", "2", *model_args(srv))

    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("retro-ai: error: batch stopped: ") and words in lines[-1]
    assert "Traceback" not in result.output
    assert len(srv.requests) <= 2, "stopped at once, not after every document"
    assert not list(out.rglob("*.retro.md"))
    assert (out / "index.csv").is_file() and not any(
        r["status"] == "done" for r in rows(out).values()
    )


# --- 5. resume: kill -9 mid-batch, then run again -------------------------------------------


def test_kill_9_mid_batch_then_rerun_finishes_the_rest(fake_server, checkout_replies, notes,
                                                       tmp_path):  # fmt: skip
    def handler(body):
        name = fake_server.stage_output_name(body)
        return fake_server.json_reply(checkout_replies.get(name, {}))

    srv = fake_server(handler=handler, latency=0.03)
    for i in range(5):
        notes(f"doc{i}.md", f"\nDOC-{i}.\n")
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "in"), "-o", str(out), "--date", "2026-11-28"]
    args += ["--concurrency", "1", *model_args(srv)]
    env = {**os.environ, "OPENAI_API_KEY": "k", "RETRO_AI_MAX_RETRIES": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "retro_ai", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(out.glob("*.retro.json"))) < 1:
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done_before = {p.name.split(".")[0] for p in out.glob("*.retro.json")}
    assert 1 <= len(done_before) < 5, "killed mid-batch"
    db = sqlite3.connect(out / "retro.sqlite")
    recorded = {r[0] for r in db.execute("SELECT id FROM documents WHERE status = 'done'")}
    db.close()
    asked = len(srv.requests)

    again = [*args[1:], "--concurrency", "4"]
    result = batch(*again, env={"OPENAI_API_KEY": "k", "RETRO_AI_MAX_RETRIES": "0"})

    assert result.exit_code == 0, result.output
    redone = docs_asked(type("S", (), {"requests": srv.requests[asked:]}))
    assert not redone & {f"DOC-{d.removeprefix('doc')}" for d in recorded}
    assert len(rows(out)) == 5 and {r["status"] for r in rows(out).values()} == {"done"}
    assert no_temp_files(out)
    for path in out.glob("*.retro.json"):
        json.loads(path.read_text(encoding="utf-8"))


# --- 8. dry run and progress ----------------------------------------------------------------


def test_dry_run_reads_everything_and_calls_no_model(notes, server, tmp_path):
    notes("a.md")
    notes("b.md")
    (tmp_path / "in" / "zh.md").write_text("复盘：目标是提升转化率。" * 10, encoding="utf-8")
    out = tmp_path / "out"

    result = batch(str(tmp_path / "in"), "-o", str(out), "--dry-run", "--json", *model_args(server))

    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["documents"] == 3 and plan["unreadable"] == 0
    assert plan["model_calls"] >= 3 * 4 and plan["estimated_prompt_tokens"] > 0
    assert server.requests == [] and not out.exists()
    assert estimate_tokens("复盘abcd") == 3 and estimate_tokens("ab") == 1


def test_json_prints_the_outcome_and_no_progress_off_a_terminal(notes, tmp_path):
    notes("a.md")
    out = tmp_path / "out"

    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(out), "--json"])

    assert result.exit_code == 0, result.output
    outcome = json.loads(result.stdout)
    assert outcome["documents"] == 1 and outcome["drafted"] == 1 and outcome["failed"] == 0
    assert "━" not in result.stderr and "\r" not in result.stderr


def test_progress_bar_on_a_terminal_shows_done_failed_calls_and_tokens(notes, server, tmp_path):
    notes("a.md")
    terminal = {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}
    args = [str(tmp_path / "in"), *model_args(server)]

    shown = runner.invoke(app, ["batch", *args, "-o", str(tmp_path / "one")], env=terminal)
    quiet = runner.invoke(
        app, ["batch", *args, "-o", str(tmp_path / "two"), "--json"], env=terminal
    )

    assert shown.exit_code == 0 and quiet.exit_code == 0, shown.output + quiet.output
    assert "done 1 · failed 0 · calls " in shown.stderr and "ETA" in shown.stderr
    assert "tokens 0" not in shown.stderr.rsplit("done 1", 1)[1]
    assert "done 1" not in quiet.stderr and "━" not in quiet.stderr


# --- 3. concurrency ------------------------------------------------------------------------


def test_concurrency_bounds_requests_in_flight_across_documents(
    fake_server, checkout_replies, notes, tmp_path, monkeypatch
):
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def handler(body):
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.02)
        with lock:
            state["now"] -= 1
        return fake_server.json_reply(checkout_replies.get(fake_server.stage_output_name(body), {}))

    srv = fake_server(handler=handler)
    for i in range(6):
        notes(f"doc{i}.md")
    out = tmp_path / "out"

    result = batch(str(tmp_path / "in"), "-o", str(out), "--concurrency", "3", *model_args(srv))

    assert result.exit_code == 0, result.output
    assert 1 < state["peak"] <= 3


def test_workers_draft_offline_in_processes_with_the_same_results(notes, tmp_path):
    for i in range(4):
        notes(f"doc{i}.md")
    one, two = tmp_path / "one", tmp_path / "two"
    options = dict(report_date=None)
    settings = Settings.resolve()

    run_batch([str(tmp_path / "in")], one, settings=settings, options=BatchOptions(**options))
    result = run_batch(
        [str(tmp_path / "in")], two, settings=settings, options=BatchOptions(workers=2, **options)
    )

    assert result.done == 4 and not result.failed
    for path in one.glob("*.retro.json"):
        assert path.read_bytes() == (two / path.name).read_bytes()
    refused = batch(str(tmp_path / "in"), "-o", str(two), "--workers", "2", "-m", "x")
    assert refused.exit_code == 2 and "--concurrency" in refused.stderr
