"""The editing loop and team customisation: render keeps edits, redraft replaces one section,
custom templates render sandboxed with one-line errors, custom prompts override stages."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from retro_ai import draft, render_markdown
from retro_ai.cli import app
from retro_ai.errors import ConfigError, InputError
from retro_ai.pipeline import redraft
from retro_ai.resources import bundled_dir
from retro_ai.schema import load_retrospective

runner = CliRunner()


@pytest.fixture
def model_with(make_fake_model, checkout_replies):
    """A fresh stub model answering the checkout replies, with some stages' replies replaced."""

    def make(**overrides):
        return make_fake_model({**checkout_replies, **overrides})

    return make


def test_redraft_replaces_one_section_and_keeps_edits(work, model_with):
    retro = draft(["notes.md", "metrics.csv"], model=model_with(), report_date=date(2026, 11, 28))
    retro.goals[0].title = "Conversion (edited by a person)"
    new = {
        "lessons": [],
        "actions": [
            {
                "action": "Run a sandbox game day",
                "owner": "Dana",
                "due": "next week",
                "problem_ids": ["P1"],
                "quote": "add a second sandbox provider",
            }
        ],
    }
    second = model_with(InsightsOutput=new)
    again = redraft(retro, "actions", model=second)
    assert [a.action for a in again.action_items] == ["Run a sandbox game day"]
    assert again.goals[0].title == "Conversion (edited by a person)"
    assert again.highlights == retro.highlights and again.results == retro.results
    assert [name for name, _ in second.history] == ["InsightsOutput"]
    assert again.meta.sections["distill_insights"].model == "fake-model"
    assert retro.action_items[0].action == "Add a second sandbox provider"  # input untouched


def test_redraft_goals_also_reruns_results(work, model_with):
    retro = draft(["notes.md", "metrics.csv"], model=model_with())
    second = model_with()
    redraft(retro, "goals", model=second)
    assert sorted(name for name, _ in second.history) == ["GoalsOutput", "ResultsOutput"]


def test_redraft_refuses_changed_sources_and_unknown_sections(work, model_with, checkout_notes):
    retro = draft(["notes.md"], model=model_with())
    with pytest.raises(ConfigError, match="unknown section 'budget'"):
        redraft(retro, "budget", model=model_with())
    (work / "notes.md").write_text(checkout_notes + "\nA late edit.\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed since the draft"):
        redraft(retro, "actions", model=model_with())


def test_redraft_command_rewrites_files_offline(work):
    assert runner.invoke(app, ["draft", "notes.md", "--no-progress"]).exit_code == 0
    data = json.loads((work / "notes.retro.json").read_text(encoding="utf-8"))
    data["background"] = "Edited by hand."
    (work / "notes.retro.json").write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["redraft", "notes.retro.json", "-s", "actions", "--no-progress"])
    assert result.exit_code == 73  # files exist: --force is required
    result = runner.invoke(
        app, ["redraft", "notes.retro.json", "-s", "actions", "--force", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    text = (work / "notes.retro.md").read_text(encoding="utf-8")
    assert "Edited by hand." in text and "second sandbox provider" in text


def test_several_formats_at_once(work):
    result = runner.invoke(
        app,
        ["draft", "notes.md", "-f", "md,html", "--format", "docx", "-f", "json", "--no-progress"],
    )
    assert result.exit_code == 0, result.output
    for ext in ("md", "html", "docx", "json"):
        assert (work / f"notes.retro.{ext}").stat().st_size > 0
    assert (work / "notes.retro.docx").read_bytes()[:2] == b"PK"
    result = runner.invoke(app, ["render", "notes.retro.json", "-f", "html", "--force"])
    assert result.exit_code == 0 and "notes.retro.html" in result.stderr


def test_unknown_format_is_a_usage_error(work):
    result = runner.invoke(app, ["draft", "notes.md", "-f", "pdf"])
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.stderr


def test_custom_template_file_gets_the_documented_variables(work, model_with):
    tpl = work / "mine.md.j2"
    tpl.write_text(
        "# {{ title }} ({{ meta.kind }}/{{ lang }})\n"
        "{% for a in actions %}- {{ a.action }} / {{ a.owner }} / {{ a.due }}\n{% endfor %}"
        "{% for g in goals %}{{ g.id }} {{ g.verdict }} {{ g.rate }}\n{% endfor %}",
        encoding="utf-8",
    )
    retro = draft(["notes.md", "metrics.csv"], model=model_with(), kind="project")
    text = render_markdown(retro, template=tpl)
    assert text.startswith("# Checkout redesign (project/en)")
    assert "- Add a second sandbox provider / Dana / 2026-12-15" in text
    assert "G2 Met 107.1%" in text


def test_template_folder_overrides_only_the_kinds_it_has(work, model_with):
    folder = work / "tpl"
    folder.mkdir()
    (folder / "incident.en.md.j2").write_text("INCIDENT {{ title }}\n", encoding="utf-8")
    retro = draft(["notes.md"], model=model_with(), kind="project")
    assert "## Objectives and results" in render_markdown(retro, template=folder)
    retro.meta.kind = "incident"
    assert render_markdown(retro, template=folder) == "INCIDENT Checkout redesign\n"


@pytest.mark.parametrize(
    "body,expected_error",
    [
        ("line one\n{{ nonsense }}\n", "mine.md.j2:2: 'nonsense' is undefined"),
        ("ok\n\n{% for x in goals %}\n", "mine.md.j2:3: Unexpected end of template"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "mine.md.j2:1:"),
        ("{{ meta.__init__.__globals__ }}", "mine.md.j2:1:"),
    ],
)
def test_bad_user_template_is_one_line_naming_file_and_line(work, body, expected_error):
    (work / "mine.md.j2").write_text(body, encoding="utf-8")
    assert runner.invoke(app, ["draft", "notes.md", "--json"]).exit_code == 0
    result = runner.invoke(app, ["draft", "notes.md", "--template", "mine.md.j2", "--no-progress"])
    assert result.exit_code == 78, result.output
    assert expected_error in result.stderr and len(result.stderr.strip().splitlines()) == 2
    assert not (work / "notes.retro.md").exists()


def test_missing_template_path(work):
    result = runner.invoke(app, ["draft", "notes.md", "--template", "nope.j2"])
    assert result.exit_code == 78 and "does not exist" in result.stderr


def test_templates_command_lists_kinds_and_languages():
    result = runner.invoke(app, ["templates"])
    assert result.exit_code == 0
    for kind in ("project", "personal", "campaign", "incident", "sprint"):
        for lang in ("zh", "en"):
            assert f"{kind}.{lang}.md.j2" in result.stdout


def test_prompt_folder_overrides_a_stage(work, model_with):
    folder = work / "prompts"
    folder.mkdir()
    body = (bundled_dir("prompts") / "distill_insights.md").read_text(encoding="utf-8")
    body = body.replace('version: "1"', 'version: "team-2"').replace(
        "# IDENTITY AND PURPOSE", "# IDENTITY AND PURPOSE\n\nAlways name an owner role."
    )
    (folder / "distill_insights.md").write_text(body, encoding="utf-8")
    model = model_with()
    retro = draft(["notes.md"], model=model, prompt_dir=folder)
    task = model.sent("InsightsOutput")[0][1]["content"]  # the stage's task follows the sources
    assert "Always name an owner role." in task
    assert retro.meta.prompt_versions["distill_insights"] == "team-2"
    assert retro.meta.sections["distill_insights"].prompt_version == "team-2"
    assert retro.meta.prompt_versions["extract_goals"] == "1"


def test_render_keeps_field_edits_through_json(work, model_with):
    retro = draft(["notes.md"], model=model_with())
    data = json.loads(retro.model_dump_json())
    data["action_items"][0]["owner"] = "Priya"
    edited = load_retrospective(json.dumps(data))
    assert "| Priya |" in render_markdown(edited)


def test_script_and_links_in_notes_stay_inert_in_html(work):
    (work / "evil.md").write_text(
        "Goal: ship <script>alert(1)</script> safely\n"
        "Action: read [this](http://evil.example/x) and ![t](http://track.example/p.png), "
        "owner Sam, due 2026-12-01\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["draft", "evil.md", "-f", "html", "--no-progress"])
    assert result.exit_code == 0, result.output
    html = (work / "evil.retro.html").read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]
    assert "<script" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<a " not in body and "<img" not in body
    assert "href" not in body and "src=" not in body


def test_redraft_of_a_stdin_draft_is_refused(work, model_with, checkout_notes):
    result = runner.invoke(app, ["draft", "-", "--json", "--no-progress"], input=checkout_notes)
    retro = load_retrospective(result.stdout)
    with pytest.raises(InputError, match="<stdin>: was read from stdin"):
        redraft(retro, "actions", model=model_with())
