"""`retro-ai batch --dry-run`: the estimated cost of a run, from the built-in price table or
--price-in/--price-out, halved for --via batch-api, unknown for an unlisted model, and none
offline; through the CLI against a loopback fake server that must receive no request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_price_env(monkeypatch):
    monkeypatch.delenv("RETRO_AI_PRICE_IN", raising=False)
    monkeypatch.delenv("RETRO_AI_PRICE_OUT", raising=False)


@pytest.fixture
def inputs(checkout_notes: str, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        (folder / name).write_text(checkout_notes, encoding="utf-8")
    return folder


@pytest.fixture
def srv(fake_server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    return fake_server()


def dry_run(inputs: Path, *args: str, env: dict[str, str] | None = None):
    out = inputs.parent / "out"
    result = runner.invoke(
        app, ["batch", str(inputs), "-o", str(out), "--dry-run", "--no-progress", *args], env=env
    )
    assert not out.exists()
    return result


def plan_json(inputs: Path, srv, model: str, *args: str) -> dict:
    result = dry_run(inputs, "--json", "-m", model, "--base-url", srv.base_url, *args)
    assert result.exit_code == 0, result.output
    assert srv.requests == []
    return json.loads(result.stdout)


def expected(plan: dict, per_in: float, per_out: float) -> float:
    tokens_in, tokens_out = plan["estimated_prompt_tokens"], plan["max_completion_tokens"]
    return (tokens_in * per_in + tokens_out * per_out) / 1_000_000


def test_known_model_prices_prompt_and_completion_tokens(inputs, srv):
    plan = plan_json(inputs, srv, "gpt-4o-mini", "--max-tokens", "1000")

    assert plan["model_calls"] >= 2 * 4 and plan["estimated_prompt_tokens"] > 0
    assert plan["max_completion_tokens"] == plan["model_calls"] * 1000
    assert plan["price_per_million"]["input"] == 0.15
    assert plan["price_per_million"]["output"] == 0.60
    assert plan["estimated_cost_usd"] == pytest.approx(expected(plan, 0.15, 0.60), abs=1e-6)
    assert sum(r["completion_tokens"] for r in plan["rows"]) == plan["max_completion_tokens"]


def test_known_model_text_output_states_tokens_and_cost(inputs, srv):
    result = dry_run(inputs, "-m", "gpt-4.1", "--base-url", srv.base_url)

    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert "completion tokens" in last and "--max-tokens 4,096 per call" in last
    assert "estimated cost at most $" in last and "$2/$8 per million" in last
    assert srv.requests == []


def test_unknown_model_says_cost_unknown_and_guesses_nothing(inputs, srv):
    plan = plan_json(inputs, srv, "my-local-llama")
    text = dry_run(inputs, "-m", "my-local-llama", "--base-url", srv.base_url)

    assert plan["estimated_cost_usd"] is None and plan["price_per_million"] is None
    assert plan["estimated_prompt_tokens"] > 0 and plan["max_completion_tokens"] > 0
    assert text.exit_code == 0, text.output
    assert "cost unknown" in text.stdout and "--price-in" in text.stdout
    assert "$" not in text.stdout
    assert srv.requests == []


def test_price_flags_override_the_table_and_price_unknown_models(inputs, srv):
    listed = plan_json(inputs, srv, "gpt-4o", "--price-in", "1", "--price-out", "3")
    unlisted = plan_json(inputs, srv, "my-local-llama", "--price-in", "1", "--price-out", "3")
    one_side = plan_json(inputs, srv, "gpt-4o", "--price-out", "3")

    for plan in (listed, unlisted):
        assert plan["price_per_million"]["input"] == 1.0
        assert plan["estimated_cost_usd"] == pytest.approx(expected(plan, 1, 3), abs=1e-6)
    assert one_side["price_per_million"]["input"] == 2.50  # the table's, for the other side
    assert one_side["estimated_cost_usd"] == pytest.approx(expected(one_side, 2.5, 3), abs=1e-6)


def test_price_from_environment(inputs, srv, monkeypatch):
    monkeypatch.setenv("RETRO_AI_PRICE_IN", "0.5")
    monkeypatch.setenv("RETRO_AI_PRICE_OUT", "0.5")

    plan = plan_json(inputs, srv, "my-local-llama")

    assert plan["estimated_cost_usd"] == pytest.approx(expected(plan, 0.5, 0.5), abs=1e-6)


def test_batch_api_halves_the_price(inputs, srv):
    live = plan_json(inputs, srv, "gpt-4o")
    batch = plan_json(inputs, srv, "gpt-4o", "--via", "batch-api")
    flagged = plan_json(
        inputs, srv, "x", "--via", "batch-api", "--price-in", "2", "--price-out", "2"
    )

    assert batch["price_per_million"]["input"] == 1.25
    assert batch["estimated_cost_usd"] == pytest.approx(live["estimated_cost_usd"] / 2, abs=1e-6)
    assert flagged["estimated_cost_usd"] == pytest.approx(expected(flagged, 1, 1), abs=1e-6)


def test_offline_dry_run_says_no_model_calls_and_no_cost(inputs):
    text = dry_run(inputs)
    plan = json.loads(dry_run(inputs, "--json").stdout)

    assert text.exit_code == 0, text.output
    assert "no model calls" in text.stdout and "no cost" in text.stdout
    assert plan["model"] is None and plan["model_calls"] == 0
    assert plan["estimated_prompt_tokens"] == 0 and plan["max_completion_tokens"] == 0
    assert plan["estimated_cost_usd"] == 0 and plan["documents"] == 2


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (["--price-in", "abc"], None, "--price-in"),
        (["--price-out", "-1"], None, "--price-out"),
        (["--price-in", "nan"], None, "--price-in"),
        (["--price-out", "1e9"], None, "--price-out"),
        ([], {"RETRO_AI_PRICE_IN": "cheap"}, "RETRO_AI_PRICE_IN"),
    ],
)
def test_bad_price_is_one_line_config_error(inputs, srv, args, env, named):
    result = dry_run(inputs, "-m", "gpt-4o", "--base-url", srv.base_url, *args, env=env)

    assert result.exit_code == 78, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("retro-ai: error: invalid ")
    assert named in lines[0] and "Traceback" not in result.output
    assert result.stdout == "" and srv.requests == []
