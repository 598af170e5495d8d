"""`retro-ai batch --via batch-api`: each round of stages as one OpenAI Batch API job (files and
batches endpoints of the loopback fake server), the same outputs as live calls, resuming the
poll of recorded jobs after kill -9, expired jobs with part done, and re-asked lines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app

runner = CliRunner()
ENV = {"OPENAI_API_KEY": "test-key", "RETRO_AI_MAX_RETRIES": "0"}
RUN_META = ("usage",)  # meta fields that describe the run rather than the document


@pytest.fixture
def docs(checkout_notes: str, tmp_path: Path) -> Path:
    """Three documents (the checkout notes, each with its own marker line) under tmp/in."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"doc{i}.md").write_text(checkout_notes + f"\nDOC-{i}.\n", encoding="utf-8")
    return folder


@pytest.fixture
def handler(fake_server, checkout_replies):
    """Answers every stage from the checkout replies; a request mentioning BADLINE gets a 400,
    BUSY a 429, and the first request mentioning REASK a reply that is not JSON."""
    seen: set[str] = set()

    def answer(body):
        text = json.dumps(body["messages"], ensure_ascii=False)
        name = fake_server.stage_output_name(body)
        if "BADLINE" in text:
            return fake_server.Reply(status=400)
        if "BUSY" in text:
            return fake_server.Reply(status=429)
        if "REASK" in text and name not in seen and "did not validate" not in text:
            seen.add(name)
            return fake_server.Reply(content="not JSON at all")
        return fake_server.json_reply(checkout_replies.get(name, {}))

    return answer


def batch(folder: Path, out: Path, srv, *extra: str):
    args = ["batch", str(folder), "-o", str(out), "--date", "2026-11-28", "--no-progress"]
    args += ["-m", "fake-model", "--base-url", srv.base_url, *extra]
    return runner.invoke(app, args, env=ENV)


def via_api(folder: Path, out: Path, srv, *extra: str):
    return batch(folder, out, srv, "--via", "batch-api", "--poll-interval", "0", *extra)


def records(out: Path) -> dict[str, dict]:
    """Each document's JSON record, minus the run's own metadata."""
    found = {}
    for path in sorted(out.glob("*.retro.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in RUN_META:
            data["meta"].pop(key, None)
        found[path.name] = data
    return found


def input_ids(srv, batch_id: str) -> list[str]:
    """The custom_ids of a batch job's input file, in order."""
    data = srv.files[srv.batches[batch_id]["input_file_id"]]
    return [json.loads(line)["custom_id"] for line in data.splitlines() if line]


def canonical(bodies) -> list[str]:
    """Request bodies to compare, without how the reply is delivered (live calls stream)."""
    transport = {"stream", "stream_options"}
    return sorted(
        json.dumps({k: v for k, v in b.items() if k not in transport}, sort_keys=True)
        for b in bodies
    )


def test_batch_api_sends_the_live_requests_and_writes_the_same_outputs(
    fake_server, handler, docs, tmp_path
):
    live_srv = fake_server(handler=handler)
    api_srv = fake_server(handler=handler)

    live = batch(docs, tmp_path / "live", live_srv)
    api = via_api(docs, tmp_path / "api", api_srv)

    assert live.exit_code == 0 and api.exit_code == 0, live.output + api.output
    assert records(tmp_path / "api") == records(tmp_path / "live")
    assert len(records(tmp_path / "api")) == 3
    assert api_srv.requests == [], "no live chat completion"
    assert canonical(api_srv.batch_lines) == canonical(live_srv.requests)
    # one job per round of dependent stages (shared by the three documents) and one for themes
    per_doc = len(live_srv.requests) // 3 - 1
    assert 1 < len(api_srv.batch_creates) < per_doc + 1
    first = input_ids(api_srv, "batch-1")
    assert len(first) == 3 * len({i.split("-")[0] for i in first}), "a round for every document"
    assert json.loads((tmp_path / "api" / "index.jsonl").read_text().splitlines()[0])["calls"]
    assert not (tmp_path / "api" / ".retro-batch" / "jobs.json").exists()


def kill_when(srv, docs: Path, out: Path, ready) -> None:
    """Run the batch in a process against `srv` and kill -9 it once `ready()` holds."""
    args = ["batch", str(docs), "-o", str(out), "--date", "2026-11-28", "--no-progress"]
    args += ["-m", "fake-model", "--base-url", srv.base_url]
    args += ["--via", "batch-api", "--poll-interval", "0.01"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "retro_ai", *args],
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not ready():
            time.sleep(0.02)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_an_interrupted_run_resumes_polling_its_recorded_job_without_resubmitting(
    fake_server, handler, docs, tmp_path
):
    srv = fake_server(handler=handler)
    srv.hold_batches = True  # the first job stays in progress until the process is killed
    out = tmp_path / "out"
    journal = out / ".retro-batch" / "jobs.json"
    kill_when(srv, docs, out, lambda: srv.batch_polls)
    assert srv.batch_creates == ["batch-1"]
    assert [j["id"] for j in json.loads(journal.read_text())["jobs"]] == ["batch-1"]
    srv.hold_batches = False
    polls_before = len(srv.batch_polls)

    result = via_api(docs, out, srv)

    assert result.exit_code == 0, result.output
    assert "batch-1" in srv.batch_polls[polls_before:], "the recorded job was polled again"
    submitted = [i for job in srv.batch_creates for i in input_ids(srv, job)]
    assert len(submitted) == len(set(submitted)), "no request submitted twice"
    assert len(records(out)) == 3 and not journal.exists()
    lines = (out / "index.jsonl").read_text().splitlines()
    assert {json.loads(line)["status"] for line in lines} == {"done"}


def test_a_run_killed_before_hearing_of_its_created_job_finds_it_instead_of_creating_another(
    fake_server, handler, docs, tmp_path
):
    srv = fake_server(handler=handler)
    srv.stall_create_replies = True  # the job is created, the process never hears its id
    out = tmp_path / "out"
    kill_when(srv, docs, out, lambda: srv.batch_creates)
    assert srv.batch_creates == ["batch-1"]
    srv.stall_create_replies = False

    result = via_api(docs, out, srv)

    assert result.exit_code == 0, result.output
    assert srv.batch_polls[0] == "batch-1", "the created job was found and polled"
    submitted = [i for job in srv.batch_creates for i in input_ids(srv, job)]
    assert len(submitted) == len(set(submitted)), "no request submitted twice"
    assert len(records(out)) == 3


def test_a_service_failure_while_polling_stops_the_batch_and_the_next_run_resumes_the_job(
    fake_server, handler, docs, tmp_path
):
    srv = fake_server(handler=handler)
    srv.fail_polls = True
    out = tmp_path / "out"

    stopped = via_api(docs, out, srv)
    srv.fail_polls = False
    resumed = via_api(docs, out, srv)

    assert stopped.exit_code == 69, stopped.output
    assert (
        stopped.stderr.count("\n") == 1
        and "batch stopped: model server error 503" in stopped.stderr
    )
    assert srv.batch_creates[0] == "batch-1" and srv.batch_polls.count("batch-1") > 1
    assert resumed.exit_code == 0, resumed.output
    submitted = [i for job in srv.batch_creates for i in input_ids(srv, job)]
    assert len(submitted) == len(set(submitted)), "the stopped job was resumed, not resubmitted"
    assert len(records(out)) == 3


def test_an_expired_job_keeps_its_finished_part_and_resubmits_the_rest(
    fake_server, handler, docs, tmp_path
):
    live_srv = fake_server(handler=handler)
    srv = fake_server(handler=handler)
    srv.expire_first = 1  # the first job expires with one of its requests answered
    assert batch(docs, tmp_path / "live", live_srv).exit_code == 0

    result = via_api(docs, tmp_path / "api", srv)

    assert result.exit_code == 0, result.output
    assert srv.batches["batch-1"]["status"] == "expired"
    assert input_ids(srv, "batch-2") == input_ids(srv, "batch-1")[1:]
    assert records(tmp_path / "api") == records(tmp_path / "live")
    assert canonical(srv.batch_lines) == canonical(live_srv.requests)


def test_an_invalid_reply_is_re_asked_in_the_next_job(
    fake_server, handler, checkout_notes, tmp_path
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(checkout_notes + "\nREASK.\n", encoding="utf-8")
    (folder / "b.md").write_text(checkout_notes + "\nDOC-b.\n", encoding="utf-8")
    srv = fake_server(handler=handler)

    result = via_api(folder, tmp_path / "out", srv, "--json")

    assert result.exit_code == 0, result.output
    reasks = [b for b in srv.batch_lines if "did not validate" in json.dumps(b["messages"])]
    assert reasks and all("REASK" in json.dumps(b["messages"]) for b in reasks)
    created = srv.batch_creates
    assert not set(input_ids(srv, created[0])) & set(input_ids(srv, created[1]))
    lines = (tmp_path / "out" / "index.jsonl").read_text().splitlines()
    rows = {r["doc_id"]: r for r in map(json.loads, lines)}
    assert rows["a"]["status"] == rows["b"]["status"] == "done"
    assert rows["a"]["calls"] == rows["b"]["calls"] + len(reasks)


def test_a_rejected_line_fails_its_document_and_the_rest_complete(
    fake_server, handler, checkout_notes, docs, tmp_path
):
    (docs / "bad.md").write_text(checkout_notes + "\nBADLINE.\n", encoding="utf-8")
    srv = fake_server(handler=handler)

    result = via_api(docs, tmp_path / "out", srv)

    assert result.exit_code == 3, result.output
    lines = (tmp_path / "out" / "index.jsonl").read_text().splitlines()
    rows = {r["doc_id"]: r for r in map(json.loads, lines)}
    assert rows["bad"]["status"] == "failed" and "400" in rows["bad"]["error"]
    assert {rows[f"doc{i}"]["status"] for i in range(3)} == {"done"}


def test_a_rate_limited_line_goes_into_at_most_four_jobs_then_fails_its_document(
    fake_server, handler, checkout_notes, docs, tmp_path
):
    (docs / "busy.md").write_text(checkout_notes + "\nBUSY.\n", encoding="utf-8")
    srv = fake_server(handler=handler)

    result = via_api(docs, tmp_path / "out", srv)

    assert result.exit_code == 3, result.output
    busy = [b for b in srv.batch_lines if "BUSY" in json.dumps(b["messages"])]
    assert len(busy) == 4 * len({json.dumps(b, sort_keys=True) for b in busy})
    lines = (tmp_path / "out" / "index.jsonl").read_text().splitlines()
    rows = {r["doc_id"]: r for r in map(json.loads, lines)}
    assert rows["busy"]["status"] == "failed" and "not answered" in rows["busy"]["error"]
    assert {rows[f"doc{i}"]["status"] for i in range(3)} == {"done"}


def test_a_rejected_key_in_a_job_stops_the_batch_with_one_line(
    fake_server, checkout_replies, docs, tmp_path
):
    srv = fake_server(fake_server.Reply(status=401))

    result = via_api(docs, tmp_path / "out", srv)

    assert result.exit_code == 77, result.output
    assert result.stderr.count("\n") == 1 and "batch stopped" in result.stderr
    assert "rejected the API key" in result.stderr and "Traceback" not in result.output
    assert len(srv.batch_creates) == 1, "no job after the key was rejected"
    assert (tmp_path / "out" / ".retro-batch" / "jobs.json").is_file()


def test_batch_api_without_a_model_is_a_usage_error(docs, tmp_path):
    result = runner.invoke(
        app, ["batch", str(docs), "-o", str(tmp_path / "out"), "--via", "batch-api"]
    )

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--via batch-api needs" in result.stderr
    assert "Traceback" not in result.output
