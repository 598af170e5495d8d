"""Prompts are content checked like code: every file parses and matches its stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro_ai.errors import PromptError
from retro_ai.resources import bundled_dir
from retro_ai.stages import STAGES, drafts
from retro_ai.stages.prompts import CORPUS_PROMPTS, VARIABLES, load_prompt, parse_prompt

PROMPT_FILES = sorted(bundled_dir("prompts").glob("*.md"))


def test_every_stage_has_a_prompt_and_every_prompt_a_stage():
    assert {p.stem for p in PROMPT_FILES} == set(STAGES) | set(CORPUS_PROMPTS)


@pytest.mark.parametrize("path", PROMPT_FILES, ids=lambda p: p.stem)
def test_prompt_file_is_valid(path: Path):
    spec = parse_prompt(path.read_text(encoding="utf-8"), path)
    if spec.id in CORPUS_PROMPTS:  # runs over extracted findings, never a document's sources
        assert spec.output_model is getattr(drafts, CORPUS_PROMPTS[spec.id])
        assert "sources" not in spec.variables and "output_language" in spec.variables
    else:
        assert spec.output_model is STAGES[spec.id].output
        assert "sources" in spec.variables and "output_language" in spec.variables
    assert set(spec.variables) <= set(VARIABLES)
    assert "IDENTITY AND PURPOSE" in spec.body and "OUTPUT INSTRUCTIONS" in spec.body


GOOD_HEAD = (
    "id: extract_goals\nversion: '1'\ndescription: d\noutput: GoalsOutput\nvariables: [sources]"
)


@pytest.mark.parametrize(
    "text,expected_error",
    [
        ("no front matter", "must start with '---'"),
        ("---\nid: x\n", "not closed"),
        ("---\n[unclosed\n---\nbody", "not valid YAML"),
        ("---\n- a list\n---\nbody", "must be a mapping"),
        (f"---\n{GOOD_HEAD}\nmodel: gpt\n---\nbody", "model: Extra inputs are not permitted"),
        (f"---\n{GOOD_HEAD.replace('extract_goals', 'other')}\n---\nbody", "does not match"),
        (f"---\n{GOOD_HEAD.replace('GoalsOutput', 'Nope')}\n---\nbody", "not a known output"),
        (f"---\n{GOOD_HEAD.replace('[sources]', '[notes]')}\n---\nbody", "unknown variables"),
        (f"---\n{GOOD_HEAD}\n---\n", "body is empty"),
        (f"---\n{GOOD_HEAD}\n---\nUse {{{{ sources }}}} here", "template syntax"),
        ("---\nid: extract_goals\n---\nbody", "version: Field required"),
    ],
)
def test_malformed_prompt_fails_at_load(text, expected_error):
    with pytest.raises(PromptError, match=expected_error):
        parse_prompt(text, Path("prompts/extract_goals.md"))


def test_prompt_dir_overrides_bundled(tmp_path):
    body = (bundled_dir("prompts") / "extract_goals.md").read_text(encoding="utf-8")
    (tmp_path / "extract_goals.md").write_text(body.replace('version: "1"', 'version: "team-7"'))
    assert load_prompt("extract_goals", tmp_path).version == "team-7"
    assert load_prompt("assess_results", tmp_path).version == "1"
