"""Prompt files: YAML front matter that describes a stage, and a body that is its system prompt.

A prompt is checked when it is loaded (not UTF-8 text, unknown keys, wrong id, an output model
that is not the stage's, variables that the stage does not provide), so a broken prompt fails
before any model is called. The body is never templated: source text travels in the user
message as delimited data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from retro_ai.errors import PromptError
from retro_ai.resources import bundled_dir
from retro_ai.stages import STAGES, drafts

VARIABLES = ("sources", "goals", "problems", "retrospective", "output_language", "findings")
# Prompts that run over the findings of many retrospectives, not one document: id -> output.
CORPUS_PROMPTS: dict[str, str] = {"find_themes": "ThemesOutput"}


class PromptSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    version: str
    description: str
    output: str
    variables: list[str] = Field(min_length=1)
    body: str = ""

    @property
    def output_model(self) -> type[drafts.Draft]:
        return getattr(drafts, self.output)


def parse_prompt(text: str, path: Path) -> PromptSpec:
    """Parse one prompt file; every problem becomes a `PromptError` naming the file."""
    if not text.startswith("---\n"):
        raise PromptError(f"{path}: prompt must start with '---' front matter")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise PromptError(f"{path}: front matter is not closed with '---'")
    try:
        meta = yaml.safe_load(head)
    except yaml.YAMLError as exc:
        raise PromptError(f"{path}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise PromptError(f"{path}: front matter must be a mapping")
    try:
        spec = PromptSpec(**meta, body=body.strip())
    except ValidationError as exc:
        fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise PromptError(f"{path}: {fields}") from None
    if spec.id != path.stem:
        raise PromptError(f"{path}: id '{spec.id}' does not match the file name '{path.stem}'")
    stage = STAGES.get(spec.id)
    expected = stage.output.__name__ if stage else CORPUS_PROMPTS.get(spec.id)
    if expected is None:
        names = ", ".join([*STAGES, *CORPUS_PROMPTS])
        raise PromptError(f"{path}: id '{spec.id}' is not a stage; stages: {names}")
    if spec.output != expected:
        raise PromptError(
            f"{path}: output '{spec.output}' is not a known output model for stage "
            f"'{spec.id}': use '{expected}'"
        )
    unknown = sorted(set(spec.variables) - set(VARIABLES))
    if unknown:
        raise PromptError(f"{path}: unknown variables {unknown}; known: {list(VARIABLES)}")
    if not spec.body:
        raise PromptError(f"{path}: prompt body is empty")
    if "{{" in spec.body or "{%" in spec.body:
        raise PromptError(f"{path}: prompt body must not contain template syntax")
    return spec


def check_prompt_dir(directory: Path | None) -> None:
    """A prompts folder that is missing, or a prompt file named for no stage (a typo such as
    `write_sumary.md`), would otherwise silently mean the built-in prompts."""
    if directory is None:
        return
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "does not exist"
        raise PromptError(f"{directory}: prompts folder {what}")
    known = set(STAGES) | set(CORPUS_PROMPTS)
    for path in sorted(directory.glob("*.md")):
        if path.stem not in known and path.name.lower() != "readme.md":
            raise PromptError(
                f"{path}: no stage is named '{path.stem}'; prompt files are named "
                f"{', '.join(sorted(known))} (.md)"
            )


def load_prompt(stage: str, directory: Path | None = None) -> PromptSpec:
    """The prompt for `stage`, from `directory` if it has one, else the bundled prompt."""
    if directory is not None:
        check_prompt_dir(directory)
        path = directory / f"{stage}.md"
        if path.is_file():
            return _load(path)
        if path.exists() or path.is_symlink():
            raise PromptError(f"{path}: prompt is not a file (or a broken link)")
    path = bundled_dir("prompts") / f"{stage}.md"
    if not path.is_file():
        raise PromptError(f"no prompt file for stage '{stage}' ({path})")
    return _load(path)


@cache
def _load(path: Path) -> PromptSpec:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PromptError(f"{path}: cannot read prompt file: {exc.strerror or exc}") from None
    if b"\0" in data:
        raise PromptError(f"{path}: prompt file is binary, not text")
    try:
        text = data.decode("utf-8-sig")  # a BOM from a Windows editor is harmless
    except UnicodeDecodeError as exc:
        raise PromptError(
            f"{path}: prompt file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None
    return parse_prompt(text, path)
