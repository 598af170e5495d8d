"""Hostile configuration: broken prompt files, impossible settings, odd URLs and environments.

Each case must end in one line on stderr with the configuration exit code (or run cleanly),
before any request reaches the model server.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.errors import ConfigError
from retro_ai.models.openai_chat import OpenAIChatModel
from retro_ai.resources import bundled_dir

runner = CliRunner()
NOTES = "Goal: ship the beta by May.\nResult: we shipped in June.\nAction: write docs, owner Sam.\n"
SECRET = "s3cr3t-pa55"


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    return tmp_path


@pytest.fixture
def srv(fake_server):
    """A loopback model server answering `{}` to every request."""
    return fake_server()


def draft(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["draft", "notes.md", "--no-progress", "--force", *args], env=env)


def model_draft(srv, *args: str, env: dict[str, str] | None = None):
    return draft("-m", "fake-gpt", "--base-url", srv.base_url, *args, env=env)


def one_line_error(result, code: int) -> str:
    """The single stderr line of a failed run, after checking the exit code and no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("retro-ai: error: ")
    return lines[0]


def prompt_dir(tmp_path: Path, name: str = "write_summary.md", data: bytes | None = None) -> Path:
    """A prompts folder with one file `name` holding `data` (default: the built-in prompt)."""
    folder = tmp_path / "prompts"
    folder.mkdir(exist_ok=True)
    builtin = (bundled_dir("prompts") / name).read_bytes()
    (folder / name).write_bytes(builtin if data is None else data)
    return folder


def builtin_prompt(name: str = "write_summary.md") -> str:
    return (bundled_dir("prompts") / name).read_text(encoding="utf-8")


# 7: prompt files ------------------------------------------------------------------------------


def test_binary_prompt_file_is_one_line(work, srv):
    folder = prompt_dir(work, data=b"\x00\x01\x02\xff\xfe binary")
    line = one_line_error(model_draft(srv, "--prompts", str(folder)), 78)
    assert "write_summary.md" in line and "binary" in line
    assert srv.requests == []


def test_latin1_prompt_file_is_one_line(work, srv):
    text = builtin_prompt() + "\nNotes de l'équipe, café.\n"
    folder = prompt_dir(work, data=text.encode("latin-1", errors="replace"))
    line = one_line_error(model_draft(srv, "--prompts", str(folder)), 78)
    assert "write_summary.md" in line and "UTF-8" in line
    assert srv.requests == []


def test_utf8_prompt_with_bom_is_accepted(work, srv):
    folder = prompt_dir(work, data=b"\xef\xbb\xbf" + builtin_prompt().encode("utf-8"))
    result = model_draft(srv, "--prompts", str(folder), "--json")
    assert result.exit_code == 0, result.output


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_unreadable_prompt_file_is_one_line(work, srv):
    """/proc/self/mem is a regular file whose first page cannot be read, even by root."""
    folder = work / "prompts"
    folder.mkdir()
    (folder / "write_summary.md").symlink_to("/proc/self/mem")
    line = one_line_error(model_draft(srv, "--prompts", str(folder)), 78)
    assert "write_summary.md" in line and "cannot read" in line
    assert srv.requests == []


def test_prompt_path_that_is_not_a_file_is_refused(work, srv):
    """A folder named like a prompt is not silently replaced by the built-in prompt."""
    (work / "prompts" / "write_summary.md").mkdir(parents=True)
    line = one_line_error(model_draft(srv, "--prompts", str(work / "prompts")), 78)
    assert "write_summary.md" in line and "not a file" in line
    assert srv.requests == []


@pytest.mark.parametrize("output", ["GoalDraft", "Draft", "GoalsOutput", "BaseModel"])
def test_prompt_output_must_be_its_stages_output(work, srv, output):
    text = builtin_prompt().replace("output: SummaryOutput", f"output: {output}")
    folder = prompt_dir(work, data=text.encode("utf-8"))
    line = one_line_error(model_draft(srv, "--prompts", str(folder)), 78)
    assert f"'{output}'" in line and "SummaryOutput" in line
    assert srv.requests == []


# 7: settings and paths ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1e999", "inf", "nan", "-1", "0", "100000"])
def test_impossible_timeout_is_one_line(work, srv, value):
    line = one_line_error(model_draft(srv, "--timeout", value), 78)
    assert "--timeout" in line
    assert srv.requests == []


def test_impossible_timeout_from_env_names_the_variable(work, srv):
    line = one_line_error(model_draft(srv, env={"RETRO_AI_TIMEOUT": "inf"}), 78)
    assert "RETRO_AI_TIMEOUT" in line and "--timeout" not in line


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost:99999/v1", "port"),
        ("http://localhost:0/v1", "port"),
        ("http://localhost:http/v1", "port"),
        ("localhost:8000/v1", "http"),
        ("ftp://example.com/v1", "http"),
        ("http:///v1", "host"),
    ],
)
def test_bad_base_url_is_one_line(work, url, reason):
    line = one_line_error(draft("-m", "fake-gpt", "--base-url", url), 78)
    assert "--base-url" in line and reason in line


def test_bad_base_url_in_env_with_a_model_is_one_line(work):
    env = {"OPENAI_BASE_URL": "http://localhost:99999/v1"}
    line = one_line_error(draft("-m", "fake-gpt", env=env), 78)
    assert "OPENAI_BASE_URL" in line and "port" in line


def test_missing_prompts_folder_is_refused(work):
    line = one_line_error(draft("--prompts", "/nonexistent/prompts"), 78)
    assert "/nonexistent/prompts" in line and "does not exist" in line
    assert not (work / "notes.retro.md").exists()


def test_misspelled_prompt_file_is_refused(work):
    (work / "mine").mkdir()
    (work / "mine" / "README.md").write_text("my prompts\n", encoding="utf-8")
    (work / "mine" / "write_sumary.md").write_text("---\n", encoding="utf-8")
    line = one_line_error(draft("--prompts", "mine"), 78)
    assert "write_sumary.md" in line and "write_summary" in line
    assert not (work / "notes.retro.md").exists()


def test_prompts_path_that_is_a_file_is_refused(work):
    line = one_line_error(draft("--prompts", "notes.md"), 78)
    assert "notes.md" in line and "not a folder" in line


def test_missing_template_is_refused_before_the_model_is_asked(work, srv):
    line = one_line_error(model_draft(srv, "--template", "/nonexistent/report.md.j2"), 78)
    assert "/nonexistent/report.md.j2" in line and "does not exist" in line
    assert srv.requests == []
    assert not (work / "notes.retro.json").exists()


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_template_that_is_neither_file_nor_folder_is_refused(work):
    line = one_line_error(draft("--template", "/dev/null"), 78)
    assert "/dev/null" in line and "not a file or folder" in line


def test_redraft_checks_prompts_and_template_before_the_model(work, srv):
    assert draft().exit_code == 0
    base = ["redraft", "notes.retro.json", "-s", "summary", "--no-progress", "--force"]
    model = ["-m", "fake-gpt", "--base-url", srv.base_url]
    result = runner.invoke(app, [*base, *model, "--prompts", "/nonexistent"])
    assert "does not exist" in one_line_error(result, 78)
    result = runner.invoke(app, [*base, *model, "--template", "/nonexistent"])
    assert "does not exist" in one_line_error(result, 78)
    assert srv.requests == []


# 9: clear configuration -----------------------------------------------------------------------


def test_base_url_in_env_without_model_runs_offline(work):
    result = draft(env={"OPENAI_BASE_URL": "http://localhost:11434/v1"})
    assert result.exit_code == 0, result.output
    assert "offline engine" in result.stderr and "error" not in result.stderr
    assert (work / "notes.retro.md").exists()


def test_base_url_flag_without_model_is_an_error(work):
    line = one_line_error(draft("--base-url", "http://localhost:11434/v1"), 78)
    assert "--base-url" in line and "--model" in line
    assert not (work / "notes.retro.md").exists()


def test_timeout_message_states_total_wait_and_attempts(work, fake_server):
    slow = fake_server(latency=3.0)
    result = model_draft(slow, "--timeout", "0.2", env={"RETRO_AI_MAX_RETRIES": "1"})
    line = one_line_error(result, 69)
    assert "timed out: no data for 0.2 s (2 attempts, " in line
    waited = float(re.search(r"([\d.]+) s in total", line).group(1))
    assert waited >= 0.4  # both attempts, not one
    assert slow.base_url in line


def test_credentials_in_base_url_are_refused_and_never_shown(work, srv):
    url = srv.base_url.replace("http://", f"http://sam:{SECRET}@")
    env = {"OPENAI_API_KEY": "sk-real-key"}
    line = one_line_error(draft("-m", "fake-gpt", "--base-url", url, env=env), 78)
    assert "--base-url" in line and "OPENAI_API_KEY" in line
    assert SECRET not in line and "sam" not in line
    assert srv.requests == []


def test_credentials_in_base_url_env_are_refused(work, srv):
    env = {"OPENAI_BASE_URL": srv.base_url.replace("http://", f"http://:{SECRET}@")}
    line = one_line_error(draft("-m", "fake-gpt", env=env), 78)
    assert "OPENAI_BASE_URL" in line and SECRET not in line
    assert srv.requests == []


def test_library_model_refuses_credentials_in_base_url(srv):
    url = srv.base_url.replace("http://", f"http://sam:{SECRET}@")
    with pytest.raises(ConfigError) as info:
        OpenAIChatModel("m", api_key="sk-real-key", base_url=url, max_retries=0)
    assert SECRET not in str(info.value) and "OPENAI_API_KEY" in str(info.value)


def _flags(command: str) -> set[str]:
    help_text = runner.invoke(app, [command, "--help"], terminal_width=200).output
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text))


def test_error_messages_name_only_real_flags(work, srv, monkeypatch, fake_server):
    """Every `--flag` an error message suggests exists on the command that printed it."""
    flags = _flags("draft") | _flags("redraft")
    runs = [
        draft("-m", "gpt-4o-mini", "--base-url", "https://api.example.com/v1"),  # no API key
        draft("--base-url", "http://localhost:11434/v1"),
        draft("-m", "x", "--base-url", "http://localhost:99999/v1"),
        draft("-m", "x", "--base-url", "http://u:p@localhost:1/v1"),
        model_draft(srv, "--timeout", "inf"),
        model_draft(srv, "--max-tokens", "1"),
        model_draft(srv, "--response-format", "yaml"),
        draft("--prompts", "/nonexistent"),
        draft("--template", "/nonexistent"),
    ]
    slow = fake_server(latency=3.0)
    runs.append(model_draft(slow, "--timeout", "0.1", env={"RETRO_AI_MAX_RETRIES": "0"}))
    named: set[str] = set()
    for result in runs:
        assert result.exit_code not in (0, 1), result.output
        line = one_line_error(result, result.exit_code)
        named |= set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", line))
    assert named, "the scenarios should suggest some flags"
    assert named <= flags, named - flags


@pytest.mark.parametrize(
    "env", [{"LANGSMITH_TRACING": "true"}, {"LANGCHAIN_TRACING_V2": "1"}], ids=["ls", "lc"]
)
def test_langsmith_tracing_is_announced_once(work, srv, env):
    from langsmith import tracing_context

    with tracing_context(enabled=False):  # announce it, but send nothing from the test
        result = model_draft(srv, "--json", env=env)
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if "LangSmith" in line]
    assert len(notices) == 1, result.stderr
    assert next(iter(env)) in notices[0] and "documents" in notices[0]


def test_langsmith_notice_only_when_something_can_be_sent(work, srv):
    """Offline runs send nothing, and "false" is off: no notice then, but one for a model run."""
    tracing = {"LANGSMITH_TRACING": "true"}
    assert "LangSmith" not in draft(env=tracing).stderr
    off = model_draft(srv, "--json", env={"LANGSMITH_TRACING": "false"})
    assert off.exit_code == 0 and "LangSmith" not in off.stderr
    from langsmith import tracing_context

    with tracing_context(enabled=False):
        on = model_draft(srv, "--json", env=tracing)
    assert on.stderr.count("LangSmith tracing is on") == 1, on.stderr
