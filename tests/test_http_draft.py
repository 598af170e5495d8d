"""The HTTP path end to end: `retro-ai draft --model` against a fake OpenAI server on loopback."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app

KEY = "sk-test-SECRET-9f8e7d"


@pytest.fixture
def stage_handler(fake_server, checkout_replies):
    """A handler factory: answer each request with the checkout reply for the stage it is for,
    as bare JSON unless `wrap` says otherwise, or with the `overrides` given for that stage."""

    def make(wrap=fake_server.json_reply, **overrides):
        def handle(body):
            name = fake_server.stage_output_name(body)
            if name in overrides:
                return overrides[name]
            return wrap(checkout_replies.get(name, {}))

        return handle

    return make


@pytest.fixture
def notes(tmp_path, monkeypatch, checkout_notes, checkout_metrics):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(checkout_notes, encoding="utf-8")
    (tmp_path / "metrics.csv").write_text(checkout_metrics, encoding="utf-8")
    return tmp_path


def run(srv, *extra, key=KEY):
    env = {"OPENAI_API_KEY": key, "RETRO_AI_MAX_RETRIES": "0"}
    args = [
        "draft",
        "notes.md",
        "metrics.csv",
        "--model",
        "fake-gpt",
        "--base-url",
        srv.base_url,
        "--date",
        "2026-11-28",
        "--no-progress",
        *extra,
    ]
    return CliRunner().invoke(app, args, env=env)


def test_json_schema_server(notes, fake_server, stage_handler):
    srv = fake_server(handler=stage_handler())
    result = run(srv)
    assert result.exit_code == 0, result.output
    assert {r["response_format"]["type"] for r in srv.requests} == {"json_schema"}
    assert all(h["authorization"] == f"Bearer {KEY}" for h in srv.headers)
    text = (notes / "notes.retro.md").read_text(encoding="utf-8")
    assert "fake-gpt" in text and "Add a second sandbox provider" in text
    assert KEY not in result.output and KEY not in text


def test_server_rejecting_json_schema_falls_back_to_json_object(notes, fake_server, stage_handler):
    srv = fake_server(handler=stage_handler(), reject_json_schema=True)
    result = run(srv)
    assert result.exit_code == 0, result.output
    kinds = [r["response_format"]["type"] for r in srv.requests]
    assert kinds[0] == "json_schema" and kinds.count("json_schema") <= 3
    assert kinds[-1] == "json_object" and "schema" in srv.requests[-1]["response_format"]


def test_fenced_json_is_parsed(notes, fake_server, stage_handler):
    srv = fake_server(handler=stage_handler(wrap=fake_server.fenced))
    result = run(srv, "--json")
    assert result.exit_code == 0, result.output
    assert '"Add a second sandbox provider"' in result.stdout


def test_truncated_reply_is_a_distinct_error(notes, fake_server, stage_handler):
    cut = fake_server.Reply(content='{"goals": [', finish_reason="length")
    srv = fake_server(handler=stage_handler(GoalsOutput=cut))
    result = run(srv)
    assert result.exit_code == 76
    assert "truncated" in result.stderr and "--max-tokens" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (notes / "notes.retro.md").exists() and not (notes / "notes.retro.json").exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"content": '{"goals": [', "finish_reason": "length"},
        {"content": "   "},
    ],
    ids=["truncated", "empty"],
)
def test_a_cut_off_or_empty_reply_is_asked_again_shorter(
    notes, fake_server, stage_handler, checkout_replies, bad
):
    """A small model that runs into the token limit (or says nothing) is asked once more, told
    to answer shorter, before the draft gives up on it."""
    answers = iter(
        [fake_server.Reply(**bad), fake_server.json_reply(checkout_replies["GoalsOutput"])]
    )
    others = stage_handler()
    goals = []

    def handle(body):
        if fake_server.stage_output_name(body) == "GoalsOutput":
            goals.append(body)
            return next(answers)
        return others(body)

    srv = fake_server(handler=handle)
    result = run(srv, "--json")
    assert result.exit_code == 0, result.output
    assert len(goals) == 2
    assert "shorter" in goals[1]["messages"][-1]["content"]
    assert goals[1]["messages"][:-1] == goals[0]["messages"]


def test_a_reply_cut_off_every_time_stops_after_the_re_asks(notes, fake_server, stage_handler):
    cut = fake_server.Reply(content='{"goals": [', finish_reason="length")
    srv = fake_server(handler=stage_handler(GoalsOutput=cut))
    result = run(srv)
    assert result.exit_code == 76 and "truncated" in result.stderr
    goals = [b for b in srv.requests if fake_server.stage_output_name(b) == "GoalsOutput"]
    assert len(goals) == 3  # the first ask and RETRO_AI_MAX_REASKS (2) more


def test_a_reply_cut_off_every_time_keeps_the_items_it_completed(
    notes, fake_server, stage_handler, checkout_replies, caplog
):
    """A small model that always runs into the token limit still yields the goals it finished;
    the goal it was writing when it stopped is dropped, not kept half-written."""
    goals = checkout_replies["GoalsOutput"]["goals"]
    assert len(goals) >= 2
    whole = json.dumps({"goals": goals}, ensure_ascii=False)
    cut = whole[: whole.rindex('"quote"')]  # stopped inside the last goal
    srv = fake_server(
        handler=stage_handler(GoalsOutput=fake_server.Reply(content=cut, finish_reason="length"))
    )
    result = run(srv, "--json")
    assert result.exit_code == 0, result.output
    kept = [g["title"] for g in json.loads(result.stdout)["goals"] if g["id"].startswith("G")]
    assert all(g["title"] in kept for g in goals[:-1])
    assert "cut off at the token limit" in caplog.text  # a warning on stderr


def test_refusal_is_a_distinct_error(notes, fake_server, stage_handler):
    no = fake_server.Reply(content=None, refusal="I can't help with that.")
    srv = fake_server(handler=stage_handler(AnalysisOutput=no))
    result = run(srv)
    assert result.exit_code == 76 and "refused" in result.stderr


@pytest.mark.parametrize(
    "reply,code,words",
    [
        (
            {
                "status": 401,
                "error": {
                    "message": f"Incorrect API key provided: {KEY}",
                    "type": "invalid_request_error",
                    "code": "invalid_api_key",
                },
            },
            77,
            "API key",
        ),
        (
            {
                "status": 429,
                "error": {
                    "message": "You exceeded your current quota",
                    "type": "insufficient_quota",
                    "code": "insufficient_quota",
                },
            },
            75,
            "quota",
        ),
        ({"status": 500, "error": {"message": "boom", "type": "server_error"}}, 69, "server error"),
    ],
)
def test_service_errors_are_one_line_without_the_key(notes, reply, code, words, fake_server):
    srv = fake_server(fake_server.Reply(**reply))
    result = run(srv)
    assert result.exit_code == code, result.output
    assert words in result.stderr and KEY not in result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_unreachable_server(notes, fake_server):
    srv = fake_server()
    url = srv.base_url
    srv.stop()  # nothing listens there any more
    result = CliRunner().invoke(
        app,
        ["draft", "notes.md", "-m", "x", "--base-url", url, "--no-progress"],
        env={"RETRO_AI_MAX_RETRIES": "0"},
    )
    assert result.exit_code == 69 and "cannot reach" in result.stderr


def test_invalid_output_is_reasked_then_fails_with_last_reply(notes, fake_server, stage_handler):
    srv = fake_server(
        handler=stage_handler(GoalsOutput=fake_server.Reply(content='{"goals": "x"}'))
    )
    result = run(srv)
    assert result.exit_code == 76 and "invalid after 3 attempts" in result.stderr
    assert sum(1 for r in srv.requests if fake_server.stage_output_name(r) == "GoalsOutput") == 3
