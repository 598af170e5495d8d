"""The CLI through CliRunner: every command, golden reports, and one test per bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"

runner = CliRunner()
EXAMPLE_RUNS = {
    "launch-retro": ["launch-retro.md", "launch-metrics.csv"],
    "zh-project-notes": ["zh-project-notes.txt"],
    "incident-call": ["incident-call.vtt"],
    "sprint-retro": ["sprint-retro.md"],
    "zh-personal-notes": ["zh-personal-notes.txt"],
    "zh-campaign-notes": ["zh-campaign-notes.txt"],
}


def draft(*args, env=None):
    return runner.invoke(app, ["draft", "--date", "2026-11-28", "--no-progress", *args], env=env)


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", sorted(EXAMPLE_RUNS))
def test_example_matches_golden_report(work, name):
    files = [str(EXAMPLES / f) for f in EXAMPLE_RUNS[name]]
    result = draft(*files, "-o", str(work))
    assert result.exit_code == 0, result.output
    relative = os.path.relpath(EXAMPLES, work).replace(os.sep, "/")  # names are relative
    text = (work / f"{name}.retro.md").read_text(encoding="utf-8")
    text = text.replace(f"{relative}/", "examples/")
    golden = GOLDEN / f"{name}.retro.md"
    if os.environ.get("RETRO_AI_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    data = json.loads((work / f"{name}.retro.json").read_text(encoding="utf-8"))
    assert data["meta"]["engine"] == "offline"
    for provenance in data["meta"]["sections"].values():
        provenance["drafted_on"] = "(drafting date)"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    text = text.replace(f'"{relative}/', '"examples/')
    golden = GOLDEN / f"{name}.retro.json"
    if os.environ.get("RETRO_AI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_offline_notice_and_outputs_next_to_input(work):
    (work / "notes.txt").write_text("Goal: ship the beta\nAction: write docs, owner Sam\n")
    result = draft("notes.txt")
    assert result.exit_code == 0
    assert "offline engine" in result.stderr
    assert (work / "notes.retro.md").exists() and (work / "notes.retro.json").exists()


def test_never_overwrites_without_force(work):
    (work / "notes.txt").write_text("Goal: ship the beta\n")
    (work / "notes.retro.json").write_text("mine")
    result = draft("notes.txt")
    assert result.exit_code == 73 and "--force" in result.stderr
    assert (work / "notes.retro.json").read_text() == "mine"
    assert not (work / "notes.retro.md").exists()  # nothing half-written
    assert draft("notes.txt", "--force").exit_code == 0
    assert (work / "notes.retro.json").read_text() != "mine"


def test_json_to_stdout_writes_nothing(work):
    (work / "notes.txt").write_text(
        "目标：上线新版本\n行动：补充测试用例，负责人：测试负责人\n", encoding="utf-8"
    )
    result = draft("notes.txt", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["meta"]["language"] == "zh"
    assert "上线新版本" in result.stdout  # Chinese kept as text, not \\u-escaped
    assert not list(work.glob("*.retro.*"))


def test_stdin_input(work):
    result = runner.invoke(
        app, ["draft", "-", "--json", "--no-progress"], input="Goal: cut p95 latency to 200ms\n"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["meta"]["sources"][0]["name"] == "<stdin>"


def test_lang_forces_output_language(work):
    (work / "notes.txt").write_text("Goal: ship the beta\n")
    assert draft("notes.txt", "--lang", "zh").exit_code == 0
    assert "## 二、项目目标与达成情况" in (work / "notes.retro.md").read_text(encoding="utf-8")


def test_render_keeps_edits(work):
    (work / "notes.txt").write_text("Goal: ship the beta\nAction: write docs, owner Sam\n")
    assert draft("notes.txt").exit_code == 0
    data = json.loads((work / "notes.retro.json").read_text(encoding="utf-8"))
    data["action_items"][0]["owner"] = "Priya (edited)"
    data["background"] = "Edited background."
    (work / "notes.retro.json").write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["render", "notes.retro.json", "--force"])
    assert result.exit_code == 0, result.output
    text = (work / "notes.retro.md").read_text(encoding="utf-8")
    assert "Priya (edited)" in text and "Edited background." in text


def test_render_rejects_invalid_json(work):
    (work / "bad.retro.json").write_text('{"meta": {"kind": "nope"}}')
    result = runner.invoke(app, ["render", "bad.retro.json"])
    assert result.exit_code == 65 and "invalid retrospective at meta" in result.stderr


def test_schema_prints_json_schema():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "Retrospective"
    for key in ("goals", "results", "problems", "action_items", "open_questions", "timeline"):
        assert key in schema["properties"]


def test_every_command_has_help_and_is_in_the_readme():
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands]
    assert set(names) == {
        "draft",
        "render",
        "redraft",
        "redact",
        "schema",
        "templates",
        "batch",
    }
    for command in names:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
        assert f"retro-ai {command}" in readme


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from typer.testing import CliRunner; from retro_ai.cli import app;"
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0;"
        "heavy = {'openai', 'langchain_core', 'jinja2', 'pydantic', 'yaml'};"
        "ours = {'retro_ai.schema', 'retro_ai.settings', 'retro_ai.stages'};"
        "top = {m.split('.')[0] for m in sys.modules};"
        "print(sorted((top & heavy) | (set(sys.modules) & ours)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


BAD_INPUTS = [
    # name, bytes, exit code, message part
    ("empty.txt", b"", 65, "file is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 65, "binary"),
    ("undecodable.txt", bytes(range(0x80, 0x100)) * 4, 65, "cannot decode"),
    ("metrics.csv", b"metric,target,actual\nlatency,200,180\n,100,90\n", 65, "line 3"),
    ("bad.vtt", b"not a header\n", 65, "WEBVTT"),
]


@pytest.mark.parametrize("name,data,code,message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_with_distinct_code(work, name, data, code, message):
    (work / name).write_bytes(data)
    result = draft(name)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not list(work.glob("*.retro.*"))


def test_missing_path(work):
    result = draft("nope.txt")
    assert result.exit_code == 66 and "nope.txt: no such file" in result.stderr


@pytest.mark.parametrize(
    "args,message",
    [
        (["--lang", "fr"], "--lang must be one of"),
        (["--kind", "epic"], "--kind must be one of"),
        (["--response-format", "xml"], "--response-format must be one of"),
        (["--date", "tomorrow"], "--date must be YYYY-MM-DD"),
        (["-o", "out.txt"], "-o takes an existing folder or a path ending in .md"),
    ],
)
def test_usage_errors(work, args, message):
    (work / "notes.txt").write_text("Goal: x\n")
    result = draft("notes.txt", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_config_errors(work):
    (work / "notes.txt").write_text("Goal: x\n")
    result = draft("notes.txt", "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 78 and "no model" in result.stderr
    result = draft("notes.txt", env={"RETRO_AI_TIMEOUT": "soon"})
    assert result.exit_code == 78 and "RETRO_AI_TIMEOUT" in result.stderr
    result = draft("notes.txt", "-m", "gpt-x", "--base-url", "https://api.example.invalid/v1")
    assert result.exit_code == 78 and "no API key" in result.stderr


def test_no_color_keeps_stderr_plain(work):
    (work / "notes.txt").write_text("Goal: x\n")
    result = draft("notes.txt", env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.stderr


def test_outputs_get_ordinary_file_permissions(work):
    (work / "notes.txt").write_text("Goal: x\n")
    old = os.umask(0o022)
    try:
        assert draft("notes.txt").exit_code == 0
    finally:
        os.umask(old)
    assert (work / "notes.retro.md").stat().st_mode & 0o777 == 0o644
