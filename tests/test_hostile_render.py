"""Hostile input at the rendering step: reports stay inert, custom templates stay contained.

Markdown from notes or a model must not carry live HTML or links into the .md; quotes shown as
verified keep the source's characters; a user's template cannot read files outside its folder
or exhaust the machine, and every such failure is one line with exit code 78.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from retro_ai.cli import app

runner = CliRunner()

HOSTILE_NOTES = """# Launch retro

## What went well
- Raw <img src=x onerror=alert(1)> and <script>alert(1)</script> in the notes
- The status page <javascript:alert(1)> stayed up
- Reviewers used <a href="https://evil.example">the old link</a> all week

## Problems
- The deploy broke because the config used <b>bold</b> tags

## Actions
- Action: strip <script> tags from the wiki, owner: Bob, due: Friday
"""

QUOTE_NOTES = """# Parser retro

## What went well
- We fixed the __class__ lookup in the parser
- See [click](javascript:alert(1)) for the dashboard
- Power users wrote 2**10 in the config and it worked
"""


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def draft(*args: str):
    return runner.invoke(app, ["draft", "--date", "2026-11-28", "--no-progress", *args])


def tokens(markdown: str) -> list:
    """Every token a CommonMark renderer with raw HTML and links enabled would produce."""
    parser = MarkdownIt("commonmark").enable("table")
    out = []
    for token in parser.parse(markdown):
        out.append(token)
        out.extend(token.children or [])
    return out


def live(markdown: str) -> list[str]:
    """Raw HTML, links, autolinks and images a Markdown viewer would make live."""
    kinds = {"html_inline", "html_block", "link_open", "image"}
    return [f"{t.type}:{t.content or t.attrs}" for t in tokens(markdown) if t.type in kinds]


def headings(markdown: str) -> list[str]:
    """The text of every heading a Markdown viewer would show."""
    blocks = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [blocks[i + 1].content for i, t in enumerate(blocks) if t.type == "heading_open"]


def docx_text(path: Path) -> str:
    from docx import Document

    document = Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def one_error_line(result) -> str:
    errors = [x for x in result.stderr.splitlines() if x.startswith("retro-ai: error:")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.output
    return errors[0]


# 5. Markdown that stays inert


def test_raw_html_from_notes_is_escaped_in_markdown_and_shown_once_in_html_and_docx(work):
    (work / "notes.md").write_text(HOSTILE_NOTES, encoding="utf-8")
    result = draft("notes.md", "--lang", "en", "-f", "md,html,docx")
    assert result.exit_code == 0, result.output
    markdown = (work / "notes.retro.md").read_text(encoding="utf-8")
    assert live(markdown) == []
    assert "\\<script>alert(1)\\</script>" in markdown  # readable, and inert
    html = (work / "notes.retro.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;lt;" not in html and "\\&lt;" not in html and "<script" not in html.lower()
    text = docx_text(work / "notes.retro.docx")
    assert "<script>alert(1)</script>" in text and "&lt;script" not in text
    assert "\\<" not in text


def test_links_from_model_output_are_not_live_in_markdown(work):
    (work / "notes.md").write_text(QUOTE_NOTES, encoding="utf-8")
    assert draft("notes.md", "--lang", "en", "-f", "json").exit_code == 0
    data = json.loads((work / "notes.retro.json").read_text(encoding="utf-8"))
    data["highlights"][0]["title"] = "Open [the report](javascript:alert(document.cookie)) now"
    data["highlights"][1]["title"] = "Tracking ![pixel](https://evil.example/p.gif) here"
    data["summary"]["text"] = "[x]: javascript:alert(1)"
    data["summary"]["key_points"] = ["see [x] and <https://evil.example>"]
    data["background"] = "# Injected heading\n\n<script>alert(1)</script> &lt;b&gt; R&D"
    (work / "notes.retro.json").write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["render", "notes.retro.json", "--force", "-f", "md,html,docx"])
    assert result.exit_code == 0, result.output
    markdown = (work / "notes.retro.md").read_text(encoding="utf-8")
    assert live(markdown) == []
    assert not any("Injected" in h for h in headings(markdown))
    shown = "# Injected heading <script>alert(1)</script> &lt;b&gt; R&D"
    html = (work / "notes.retro.html").read_text(encoding="utf-8")
    assert "# Injected heading &lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt; R" in html
    assert shown in docx_text(work / "notes.retro.docx")
    assert "Open [the report](javascript:alert(document.cookie)) now" in html


@pytest.mark.skipif(os.name == "nt", reason="file names cannot hold a newline")
def test_model_name_and_file_names_in_the_header_cannot_start_a_heading(work):
    name = "notes\n# Injected file <img src=x onerror=alert(1)>.md"
    (work / name).write_text(QUOTE_NOTES, encoding="utf-8")
    assert draft(name, "--lang", "en", "-f", "json", "-o", "out.md").exit_code == 0
    data = json.loads((work / "out.json").read_text(encoding="utf-8"))
    data["meta"]["engine"] = "model"
    data["meta"]["model"] = "gpt-4o\n# Injected model [x](javascript:alert(1))"
    data["meta"]["period"] = "Q3\n## Injected period"
    (work / "out.json").write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["render", "out.json", "--force", "-f", "md,html"])
    assert result.exit_code == 0, result.output
    markdown = (work / "out.retro.md").read_text(encoding="utf-8")
    assert live(markdown) == []
    assert not any("Injected" in h for h in headings(markdown))
    injected = [x.lstrip("> ") for x in markdown.splitlines() if "Injected" in x]
    assert injected and not any(x.startswith("#") for x in injected)
    html = (work / "out.retro.html").read_text(encoding="utf-8")
    assert "# Injected model [x](javascript:alert(1))" in html
    assert "<h1>Injected" not in html and "<h2>Injected" not in html


def test_verified_quotes_keep_the_source_characters(work):
    (work / "notes.md").write_text(QUOTE_NOTES, encoding="utf-8")
    result = draft("notes.md", "--lang", "en", "-f", "md,json,html")
    assert result.exit_code == 0, result.output
    data = json.loads((work / "notes.retro.json").read_text(encoding="utf-8"))
    shown = {h["title"]: h["evidence"] for h in data["highlights"]}
    source = QUOTE_NOTES.splitlines()
    for title, evidence in shown.items():
        assert evidence and evidence[0]["verified"]
        assert any(title in line for line in source), title  # the source's characters
    assert "We fixed the __class__ lookup in the parser" in shown
    assert "See [click](javascript:alert(1)) for the dashboard" in shown
    assert "Power users wrote 2**10 in the config and it worked" in shown
    markdown = (work / "notes.retro.md").read_text(encoding="utf-8")
    assert "click)" not in markdown.replace("[click](", "").replace("\\[click\\](", "")
    assert live(markdown) == []
    html = (work / "notes.retro.html").read_text(encoding="utf-8")
    assert "We fixed the __class__ lookup" in html and "<strong>" not in html
    assert "See [click](javascript:alert(1)) for the dashboard" in html
    assert "2**10 in the config" in html


# 6. Custom templates cannot read or exhaust the machine


@pytest.fixture
def notes(work):
    (work / "notes.md").write_text(QUOTE_NOTES, encoding="utf-8")
    return work


def render_with(work: Path, body: str, name: str = "mine.md.j2"):
    (work / name).write_text(body, encoding="utf-8")
    return draft("notes.md", "--lang", "en", "--template", name, "-f", "md,json")


def refused(result, work: Path) -> str:
    """The one error line of a run that exited 78 and wrote nothing."""
    assert result.exit_code == 78, result.output
    assert not (work / "notes.retro.md").exists() and not (work / "notes.retro.json").exists()
    return one_error_line(result)


@pytest.mark.parametrize(
    "body",
    ["# {{ meta.title }}", "# {{ meta.title }}\n\n\n\n\nbody\n\n\n\n", "\n\n\n# t\n\n"],
)
def test_a_templates_blank_runs_are_squeezed_and_the_report_ends_in_one_newline(notes, body):
    result = render_with(notes, body)
    assert result.exit_code == 0, result.output
    text = (notes / "notes.retro.md").read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text and text.strip()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_template_include_cannot_follow_a_symlink_out_of_the_folder(notes, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "shadow"
    secret.write_text("root:TOPSECRET:19000:0:99999:7:::\n", encoding="utf-8")
    folder = notes / "tpl"
    folder.mkdir()
    (folder / "shadow.j2").symlink_to(secret)
    (folder / "project.en.md.j2").write_text("{% include 'shadow.j2' %}\n", encoding="utf-8")
    result = draft("notes.md", "--lang", "en", "--kind", "project", "--template", "tpl")
    assert result.exit_code == 78, result.output
    line = one_error_line(result)
    assert "shadow.j2" in line and "outside" in line
    assert "TOPSECRET" not in result.output + result.stderr
    assert not (notes / "notes.retro.md").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_template_folder_and_file_reached_through_a_symlink_still_work(notes):
    real = notes / "real"
    real.mkdir()
    (real / "mine.md.j2").write_text(
        '{% import "_blocks.md.j2" as b %}# {{ title }}\n{% include "part.j2" %}\n',
        encoding="utf-8",
    )
    (real / "part.j2").write_text("part ok\n", encoding="utf-8")
    (notes / "linked").symlink_to(real, target_is_directory=True)
    result = draft("notes.md", "--lang", "en", "--template", "linked/mine.md.j2", "-f", "md")
    assert result.exit_code == 0, result.output
    assert (notes / "notes.retro.md").read_text(encoding="utf-8").endswith("part ok\n")
    # and a symlink to a folder outside stays refused, even below the template folder
    (real / "escape").symlink_to(notes.parent, target_is_directory=True)
    (real / "mine.md.j2").write_text("{% include 'escape/x.j2' %}\n", encoding="utf-8")
    (notes.parent / "x.j2").write_text("LEAKED\n", encoding="utf-8")
    result = draft("notes.md", "--lang", "en", "--template", "linked/mine.md.j2", "--force")
    assert result.exit_code == 78 and "LEAKED" not in result.output
    assert "outside" in one_error_line(result)


@pytest.mark.parametrize(
    "body,reason",
    [
        ("{{ 'x' * 10**9 }}", "too large"),
        ("{{ ['x'] * 10**9 }}", "too large"),
        ("{{ 10 ** 1000000000 }}", "too large"),
        ("{{ 'x'.center(10**9) }}", "too large"),
        ("{{ 'x'|center(10**9) }}", "too large"),
        ("{{ '%1000000000d' % 1 }}", "too large"),
        ("{{ '{:>1000000000}'.format(1) }}", "too large"),
        ("{{ range(10**9)|list|length }}", "range"),
        ("{% for i in range(10**9) %}{% endfor %}", "range"),
    ],
)
def test_template_cannot_build_huge_values(notes, body, reason):
    line = refused(render_with(notes, body), notes)
    assert "mine.md.j2" in line and reason in line


def test_template_output_size_is_capped(notes):
    body = "{% for i in range(100000) %}{{ 'x' * 200 }}\n{% endfor %}"
    line = refused(render_with(notes, body), notes)
    assert "mine.md.j2" in line and "MB" in line


def test_template_output_size_is_capped_inside_macros(notes):
    body = (
        "{% macro m() %}{% for i in range(100000) %}{{ 'x' * 300 }}{% endfor %}{% endmacro %}"
        "{{ m()|length }}"
    )
    assert "MB" in refused(render_with(notes, body), notes)


@pytest.mark.parametrize(
    "body",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% if i == j - 1 %}"
        "{% endif %}{% endfor %}{% endfor %}",
    ],
)
def test_template_nested_huge_loops_stop(notes, body):
    line = refused(render_with(notes, body), notes)
    assert "mine.md.j2" in line and "too much work" in line


@pytest.mark.parametrize(
    "body",
    [
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(60) }}",
    ],
)
def test_template_recursive_macros_stop(notes, body):
    line = refused(render_with(notes, body), notes)
    assert "mine.md.j2" in line and ("too much work" in line or "recursion" in line)
