"""Drafting three-report documents offline (篇一 project, 篇二 personal, 篇三 campaign): goals,
results and actions that quote them. tests/data/documents/three-retros.zh.txt always runs; the
seed in ../shared runs in addition when it is there."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from retro_ai import draft

HERE = Path(__file__).resolve().parent
DOCUMENTS = {
    "own": HERE / "data" / "documents" / "three-retros.zh.txt",
    "seed": HERE.parent.parent / "shared" / "seeds" / "000_2822e5fcf1c74f3a.txt",
}


@pytest.fixture(scope="module", params=["own", pytest.param("seed", marks=pytest.mark.shared)])
def seeds(request, tmp_path_factory):
    text = DOCUMENTS[request.param].read_text(encoding="utf-8")
    parts = re.split(r"^(?=篇[一二三])", text, flags=re.M)[1:]
    folder = tmp_path_factory.mktemp("seeds")
    paths = {}
    for name, part in zip(("project", "personal", "campaign"), parts, strict=True):
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(part, encoding="utf-8")
    return paths


@pytest.mark.parametrize("kind", ["project", "personal", "campaign"])
def test_seed_drafts_offline_with_quoted_items(seeds, kind):
    retro = draft([seeds[kind]], report_date=date(2026, 11, 28))
    assert retro.meta.kind == kind and retro.meta.language == "zh"
    source = seeds[kind].read_text(encoding="utf-8")
    for section in (retro.goals, retro.results, retro.action_items):
        assert section, f"{kind}: empty section"
        for item in section:
            assert item.verified
            for ev in item.evidence:
                assert ev.quote in source
                assert source.splitlines()[ev.line - 1].find(ev.quote) >= 0


def test_project_seed_placeholder_budget_is_a_question(seeds):
    retro = draft([seeds["project"]], report_date=date(2026, 11, 28))
    budget = next(g for g in retro.goals if "X万元" in g.target.text)
    assert budget.target.state == "placeholder"
    assert any(q.reason == "placeholder" and budget.id in q.field for q in retro.open_questions)


def test_campaign_seed_stated_rates_are_placeholders_not_numbers(seeds):
    retro = draft([seeds["campaign"]], report_date=date(2026, 11, 28))
    assert all(
        r.achievement.basis != "computed" or r.actual.state == "known" for r in retro.results
    )
    assert any(q.reason == "placeholder" for q in retro.open_questions)
    assert {a.horizon for a in retro.action_items} == {"short", "medium", "long"}
