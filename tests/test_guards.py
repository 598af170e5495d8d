"""Guards for the next change: a new kind, view variable or stage must come with all its parts.

A kind needs labels in both languages, a template per language and a row in the README's
"Kinds and languages" table; every variable the template view provides is documented in the
README's template-variables table; every stage has a prompt file, an offline extractor and, in
each template of a kind that runs it, a view variable it fills. A test module imports no other
test module and no helper module: what tests share comes from conftest fixtures.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path
from typing import get_args

import pytest
from jinja2 import Environment, meta

from retro_ai.i18n import LABELS
from retro_ai.render.view import build_view
from retro_ai.schema import Kind, Meta, Retrospective
from retro_ai.stages import STAGES

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TEMPLATES = ROOT / "templates"
PROMPTS = ROOT / "prompts"
OFFLINE = ROOT / "retro_ai" / "stages" / "offline"

KINDS: tuple[str, ...] = get_args(Kind)
LANGUAGES = ("zh", "en")
# 'other' has no template or README row of its own: it renders with the project template.
RENDERED_AS = {"other": "project"}

# The view variables that show what each stage fills: a template shows a stage by using any of them.
STAGE_SHOWN_BY: dict[str, tuple[str, ...]] = {
    "extract_goals": ("goals",),
    "assess_results": ("goals", "other_results"),
    "analyze_causes": ("highlights", "problems"),
    "distill_insights": ("keep", "improve", "actions"),
    "write_summary": ("summary",),
    "extract_timeline": ("timeline",),
    "extract_phases": ("phases",),
    "describe_incident": ("incident",),
    "review_followups": ("follow_ups",),
}


def readme_section(heading: str) -> str:
    """The README text from `heading` to the next heading of any level."""
    text = README.read_text(encoding="utf-8")
    start = text.index(heading)
    following = re.search(r"^#+ ", text[start + len(heading) :], flags=re.M)
    return text[start : start + len(heading) + following.start()] if following else text[start:]


def first_cells(section: str) -> list[str]:
    """The first cell of every body row of the Markdown tables in `section`."""
    rows = [line for line in section.splitlines() if line.startswith("|")]
    cells = [row.strip("|").split("|")[0].strip() for row in rows]
    return [c for c in cells if c and not set(c) <= set("-:") and c not in {"kind", "variable"}]


def template_variables(path: Path) -> set[str]:
    """The variables a template reads from its view (found by Jinja2's own parser)."""
    env = Environment(extensions=["jinja2.ext.loopcontrols", "jinja2.ext.do"])
    return meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))


def template_for(kind: str, lang: str) -> Path:
    return TEMPLATES / f"{RENDERED_AS.get(kind, kind)}.{lang}.md.j2"


def view_keys() -> set[str]:
    retro = Retrospective(meta=Meta(title="t", kind="project", report_date=date(2026, 1, 1)))
    return set(build_view(retro, "en"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_has_a_label_in_each_language(lang: str) -> None:
    missing = [k for k in KINDS if not LABELS[lang].get(f"kind_{k}", "").strip()]
    assert not missing, f"LABELS[{lang!r}] lacks kind_<kind> for {missing}"


def test_both_languages_have_the_same_labels() -> None:
    zh, en = set(LABELS["zh"]), set(LABELS["en"])
    assert zh == en, f"only in zh: {sorted(zh - en)}; only in en: {sorted(en - zh)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_has_a_template_in_each_language(lang: str) -> None:
    missing = [k for k in KINDS if not template_for(k, lang).is_file()]
    assert not missing, f"no templates/<kind>.{lang}.md.j2 for {missing}"


def test_every_kind_has_a_readme_row() -> None:
    rows = {cell.split()[0] for cell in first_cells(readme_section("### Kinds and languages"))}
    missing = {RENDERED_AS.get(k, k) for k in KINDS} - rows
    assert not missing, f"README 'Kinds and languages' has no row for {sorted(missing)}"
    assert rows <= set(KINDS), f"README rows for unknown kinds: {sorted(rows - set(KINDS))}"


def test_every_view_variable_is_documented_in_the_readme() -> None:
    section = readme_section("A template receives these variables")
    documented = {n for cell in first_cells(section) for n in re.findall(r"`(\w+)`", cell)}
    provided = view_keys()
    missing = provided - documented
    assert not missing, f"view variables not in the README: {sorted(missing)}"
    assert documented <= provided, f"README documents unknown: {sorted(documented - provided)}"


def test_every_stage_has_a_prompt_file_and_an_offline_extractor() -> None:
    no_prompt = [s for s in STAGES if not (PROMPTS / f"{s}.md").is_file()]
    no_extractor = [s for s in STAGES if not (OFFLINE / f"{s}.py").is_file()]
    assert not no_prompt, f"no prompts/<stage>.md for {no_prompt}"
    assert not no_extractor, f"no retro_ai/stages/offline/<stage>.py for {no_extractor}"


def test_every_stage_says_which_view_variables_show_it() -> None:
    assert set(STAGE_SHOWN_BY) == set(STAGES), "update STAGE_SHOWN_BY for the new or gone stage"
    unknown = {v for names in STAGE_SHOWN_BY.values() for v in names} - view_keys()
    assert not unknown, f"STAGE_SHOWN_BY names variables the view lacks: {sorted(unknown)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_shows_each_stage_its_kind_runs(lang: str) -> None:
    hidden: set[tuple[str, str]] = set()
    for kind in KINDS:
        used = template_variables(template_for(kind, lang))
        for name, stage in STAGES.items():
            if stage.wanted(kind) and not used & set(STAGE_SHOWN_BY[name]):
                hidden.add((RENDERED_AS.get(kind, kind), name))
    assert not hidden, f"{lang} templates hide stages: {sorted(hidden)}"


def _local_imports(path: Path, local: set[str]) -> list[str]:
    """Imports in `path` of a module that lives in tests/ (absolute, bare or relative)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.append(f"{path.name}:{node.lineno}: relative import")
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top == "tests" or top in local:
                found.append(f"{path.name}:{node.lineno}: imports {name}")
    return found


def test_test_modules_import_no_test_module_or_helper() -> None:
    """Shared data, stubs and servers reach tests only as conftest fixtures, so any test
    module can be read, run or deleted on its own."""
    tests = Path(__file__).resolve().parent
    local = {path.stem for path in tests.glob("*.py")}
    found = [hit for path in sorted(tests.glob("test_*.py")) for hit in _local_imports(path, local)]
    assert not found, "\n".join(found)
