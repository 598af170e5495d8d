"""Every fact has one definition; the CLI's choices, the JSON and the report words follow it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"

runner = CliRunner()


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _draft_json(*args: str) -> dict:
    result = runner.invoke(app, ["draft", "--date", "2026-11-28", "--no-progress", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _golden(name: str, kind_reason: str) -> dict:
    """A golden draft as an older version wrote it: the kind's reason as an English sentence."""
    data = json.loads((GOLDEN / f"{name}.retro.json").read_text(encoding="utf-8"))
    data["meta"]["kind_reason"] = kind_reason
    for provenance in data["meta"]["sections"].values():
        provenance["drafted_on"] = "2026-11-28"
    return data


def test_kind_reason_is_data_not_a_sentence(work) -> None:
    data = _draft_json(str(EXAMPLES / "launch-retro.md"))
    assert data["meta"]["kind_reason"]["how"] == "cues"
    assert {"word": "launch", "count": 9} in data["meta"]["kind_reason"]["cues"]
    forced = _draft_json(str(EXAMPLES / "launch-retro.md"), "--kind", "sprint")
    assert forced["meta"]["kind_reason"]["how"] == "forced"


@pytest.mark.parametrize(
    ("name", "old_reason"),
    [
        ("launch-retro", "project cues: launch×9, migration×1"),
        ("zh-project-notes", "project cues: 项目×12, 上线×6, 项目复盘×1, 交付×1"),
    ],
)
def test_old_draft_with_sentence_reason_renders_as_before(work, name, old_reason) -> None:
    data = _golden(name, old_reason)
    (work / f"{name}.retro.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = runner.invoke(app, ["render", f"{name}.retro.json"])
    assert result.exit_code == 0, result.output
    header = (work / f"{name}.retro.md").read_text(encoding="utf-8").splitlines()[2]
    golden = (GOLDEN / f"{name}.retro.md").read_text(encoding="utf-8").splitlines()[2]
    assert header == golden


@pytest.mark.parametrize(
    ("old", "shown"),
    [("forced with --kind", "由 --kind 指定"), ("no strong cues; default", "无明显线索")],
)
def test_old_fixed_reasons_are_understood(work, old, shown) -> None:
    data = _golden("zh-project-notes", old)
    (work / "old.retro.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = runner.invoke(app, ["render", "old.retro.json"])
    assert result.exit_code == 0, result.output
    assert shown in (work / "old.retro.md").read_text(encoding="utf-8")


def test_cli_choices_follow_the_schema_and_the_section_table() -> None:
    from typing import get_args

    from retro_ai.schema import Kind, Language
    from retro_ai.stages import SECTION_STAGES

    help_text = " ".join(runner.invoke(app, ["redraft", "--help"]).output.split())
    assert all(section in help_text for section in SECTION_STAGES)
    result = runner.invoke(app, ["draft", "x.md", "--kind", "epic"])
    assert result.exit_code == 2
    assert f"one of {', '.join(get_args(Kind))} " in result.stderr
    result = runner.invoke(app, ["render", "x.retro.json", "--lang", "fr"])
    assert f"one of {', '.join(get_args(Language))} " in result.stderr


def test_openai_adapter_does_not_read_the_environment(monkeypatch) -> None:
    from retro_ai.errors import ConfigError
    from retro_ai.models.openai_chat import DEFAULT_BASE_URL, OpenAIChatModel
    from retro_ai.settings import Settings

    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    with pytest.raises(ConfigError, match="no API key"):
        OpenAIChatModel("m")
    assert OpenAIChatModel("m", api_key="k").base_url == DEFAULT_BASE_URL
    resolved = OpenAIChatModel.from_settings(Settings.resolve(model="m"))
    assert resolved.base_url == "http://127.0.0.1:9/v1"


def test_no_message_names_a_flag_the_cli_lacks() -> None:
    import re
    from pathlib import Path

    import typer.main

    import retro_ai

    command = typer.main.get_command(app)
    flags = {
        opt
        for sub in command.commands.values()  # type: ignore[attr-defined]
        for param in sub.params
        for opt in param.opts
    }
    package = Path(retro_ai.__file__).parent
    for path in package.rglob("*.py"):
        if path.name == "html.py":  # CSS custom properties (--accent) are not flags
            continue
        named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", path.read_text(encoding="utf-8")))
        assert named <= flags | {"--help"}, (path.name, named - flags)


def test_every_word_per_language_lives_in_i18n() -> None:
    from typing import get_args

    from retro_ai.i18n import LABELS, LANGUAGE_NAMES, PLACEHOLDER_WORDS, QUESTIONS
    from retro_ai.schema import Kind, Language, QuestionReason

    for lang in get_args(Language):
        assert set(QUESTIONS[lang]) == set(get_args(QuestionReason)) - {"conflict"}
        assert {f"kind_{k}" for k in get_args(Kind)} <= set(LABELS[lang])
        assert lang in LANGUAGE_NAMES and lang in PLACEHOLDER_WORDS


def test_modules_that_word_the_report_take_every_word_from_i18n() -> None:
    """Rendering and the open questions hold no Chinese or English words of their own: a string
    constant with CJK text there (docstrings aside) is a label that belongs in i18n.py. Cue
    words for reading input (ingest, numbers, the offline engine) are not output words."""
    import ast
    import re
    from pathlib import Path

    import retro_ai

    package = Path(retro_ai.__file__).parent
    wording = [
        *sorted((package / "render").glob("*.py")),
        package / "verify" / "questions.py",
        package / "verify" / "reconcile.py",
        package / "verify" / "incident_times.py",
        package / "pipeline.py",
    ]
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for path in wording:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        words = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and cjk.search(node.value)
        ]
        assert not words, f"{path.name} words the report itself: {words[:3]}"
