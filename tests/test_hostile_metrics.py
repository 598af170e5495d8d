"""Hostile metrics: distinct metrics never merge, and stated reductions keep their sign.

A metrics row attaches to a goal only when exactly one goal matches it; rows that differ by a
distinguishing token (p95/p99, Q1/Q2, web/app, 华东/华南) stay apart. "Cut … by 20%" with
"down 24%" is a realised −24% against a targeted −20%: 120%, exceeded, in the offline engine
and with a model alike.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from retro_ai import draft
from retro_ai.cli import app

runner = CliRunner()


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def draft_json(*files: str) -> dict:
    """Draft offline through the CLI and return the structured result."""
    result = runner.invoke(
        app, ["draft", "--date", "2026-11-28", "--no-progress", "--json", *files]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def result_of(data: dict, goal_id: str) -> dict:
    return next(r for r in data["results"] if r["goal_id"] == goal_id)


def questions(data: dict, reason: str) -> list[dict]:
    return [q for q in data["open_questions"] if q["reason"] == reason]


# --- distinct metrics stay distinct -------------------------------------------------------------


def test_p95_and_p99_rows_stay_two_goals_with_their_own_numbers(work):
    (work / "m.csv").write_text(
        "metric,target,actual,unit,direction\n"
        "p95 latency,800,640,ms,lower\n"
        "p99 latency,1500,2500,ms,lower\n"
    )
    data = draft_json("m.csv")
    assert [(g["title"], g["target"]["value"]) for g in data["goals"]] == [
        ("p95 latency", 800.0),
        ("p99 latency", 1500.0),
    ]
    p95, p99 = result_of(data, "G1"), result_of(data, "G2")
    assert p95["actual"]["value"] == 640.0 and p95["achievement"]["verdict"] == "met"
    assert p99["actual"]["value"] == 2500.0 and p99["achievement"]["verdict"] == "missed"
    assert [e["line"] for e in data["goals"][1]["evidence"]] == [3]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Q1 revenue", "Q2 revenue"),
        ("web checkout conversion", "app checkout conversion"),
        ("2025 signups", "2026 signups"),
        ("华东区销售额", "华南区销售额"),
        ("新会员复购率", "老会员复购率"),
    ],
)
def test_rows_differing_by_one_token_stay_distinct(work, first, second):
    (work / "m.csv").write_text(
        f"metric,target,actual\n{first},100,90\n{second},200,210\n", encoding="utf-8"
    )
    data = draft_json("m.csv")
    assert [g["title"] for g in data["goals"]] == [first, second]
    assert result_of(data, "G1")["actual"]["value"] == 90.0
    assert result_of(data, "G2")["actual"]["value"] == 210.0


def test_ten_thousand_distinct_rows_give_ten_thousand_goals(work):
    rows = "".join(f"metric {i},{i + 100},{i + 90}\n" for i in range(10_000))
    (work / "m.csv").write_text("metric,target,actual\n" + rows)
    data = draft_json("m.csv")
    assert len(data["goals"]) == 10_000 and len(data["results"]) == 10_000
    last = result_of(data, "G10000")
    assert data["goals"][-1]["title"] == "metric 9999" and last["actual"]["value"] == 10_089.0


def test_notes_goal_does_not_take_a_row_for_a_different_metric(work):
    (work / "notes.md").write_text("# Retro\n\nGoal: keep p95 latency under 800 ms.\n")
    (work / "m.csv").write_text(
        "metric,target,actual,unit,direction\np99 latency,1500,2500,ms,lower\n"
    )
    data = draft_json("notes.md", "m.csv")
    titles = [g["title"] for g in data["goals"]]
    assert titles == ["keep p95 latency under 800 ms", "p99 latency"]
    assert data["goals"][0]["target"]["value"] == 800.0
    assert result_of(data, "G2")["actual"]["value"] == 2500.0
    assert not any(r["goal_id"] == "G1" for r in data["results"])


def test_row_matching_two_goals_stands_alone_and_is_questioned(work):
    (work / "notes.md").write_text(
        "# Retro\n\nGoal: cut web latency below 800 ms.\nGoal: cut app latency below 900 ms.\n"
    )
    (work / "m.csv").write_text("metric,target,actual,unit,direction\nlatency,700,650,ms,lower\n")
    data = draft_json("notes.md", "m.csv")
    assert [g["title"] for g in data["goals"]][2] == "latency"
    assert data["goals"][0]["target"]["value"] == 800.0  # untouched by the row
    assert data["goals"][1]["target"]["value"] == 900.0
    (question,) = questions(data, "ambiguous_metric")
    assert question["field"] == "goals.G3"
    assert "G1" in question["question"] and "G2" in question["question"]
    assert "which goal" in question["question"]


def test_goal_matched_by_two_rows_takes_neither_and_is_questioned(work):
    (work / "notes.md").write_text("# Retro\n\nGoal: keep latency under 800 ms.\n")
    (work / "m.csv").write_text(
        "metric,target,actual,unit,direction\n"
        "p95 latency,800,640,ms,lower\n"
        "p99 latency,1500,2500,ms,lower\n"
    )
    data = draft_json("notes.md", "m.csv")
    assert [g["title"] for g in data["goals"]] == [
        "keep latency under 800 ms",
        "p95 latency",
        "p99 latency",
    ]
    assert data["goals"][0]["target"]["value"] == 800.0
    assert result_of(data, "G2")["actual"]["value"] == 640.0
    assert result_of(data, "G3")["actual"]["value"] == 2500.0
    asked = questions(data, "ambiguous_metric")
    assert {q["field"] for q in asked} == {"goals.G2", "goals.G3"}
    assert all("G1" in q["question"] for q in asked)


def test_ambiguity_question_is_in_the_report_language(work):
    (work / "notes.txt").write_text(
        "目标：华东区销售额提升20%\n目标：华南区销售额提升30%\n", encoding="utf-8"
    )
    (work / "m.csv").write_text("metric,target,actual\n销售额,1000万,1100万\n", encoding="utf-8")
    data = draft_json("notes.txt", "m.csv")
    assert [g["title"] for g in data["goals"]][2] == "销售额"
    (question,) = questions(data, "ambiguous_metric")
    assert question["field"] == "goals.G3"
    assert "G1" in question["question"] and "G2" in question["question"]
    assert "请确认" in question["question"]


def test_same_metric_twice_stays_two_goals_and_is_questioned(work):
    (work / "m.csv").write_text(
        "metric,target,actual,unit,direction\n"
        "p95 latency,800,640,ms,lower\n"
        "p95 latency,800,910,ms,lower\n"
    )
    data = draft_json("m.csv")
    assert [g["title"] for g in data["goals"]] == ["p95 latency", "p95 latency"]
    assert result_of(data, "G1")["actual"]["value"] == 640.0
    assert result_of(data, "G2")["actual"]["value"] == 910.0
    assert [e["line"] for e in data["goals"][1]["evidence"]] == [3]
    (question,) = questions(data, "duplicate_metric")
    assert "2" in question["question"] and "3" in question["question"]


# --- stated reductions keep their sign ----------------------------------------------------------

REDUCTIONS_EN = [
    ("Goal: Cut support tickets by 20%.", "Result: support tickets down 24%."),
    ("Goal: Reduce support tickets by 20%.", "Result: support tickets fell 24%."),
    (
        "Goal: cut the number of support tickets we get each month by 20%.",
        "Result: support tickets down 24%.",
    ),
]
REDUCTIONS_ZH = [
    ("目标：客服工单量削减20%。", "实际：客服工单量下降24%。"),
    ("目标：削减客服工单量20%。", "实际：客服工单量减少了24%。"),
    ("目标：降低客服工单量（按月统计）20%。", "实际：客服工单量下降24%。"),
]


@pytest.mark.parametrize(("goal", "result"), REDUCTIONS_EN + REDUCTIONS_ZH)
def test_notes_only_reduction_is_computed_with_its_sign(work, goal, result):
    (work / "notes.md").write_text(f"# Retro\n\n{goal}\n\n{result}\n", encoding="utf-8")
    data = draft_json("notes.md")
    (goal_data,) = data["goals"]
    assert goal_data["target"]["value"] == -20.0 and goal_data["target"]["change"]
    achievement = result_of(data, "G1")["achievement"]
    assert achievement["rate"] == pytest.approx(1.2)
    assert achievement["verdict"] == "exceeded"


def model_draft(tmp_path, make_fake_model, notes: str, goal: dict, result: dict):
    (tmp_path / "notes.md").write_text(notes, encoding="utf-8")
    model = make_fake_model(
        {"GoalsOutput": {"goals": [goal]}, "ResultsOutput": {"results": [result]}}
    )
    return draft([tmp_path / "notes.md"], model=model, report_date=date(2026, 11, 28))


@pytest.mark.parametrize(
    ("notes", "goal", "result"),
    [
        (
            "Goal: Cut support tickets by 20%.\nResult: support tickets down 24%.\n",
            {
                "title": "Cut support tickets by 20%",
                "target": "20%",
                "direction": "lower",
                "quote": "Cut support tickets by 20%",
            },
            {
                "goal_id": "G1",
                "title": "Support tickets",
                "actual": "down 24%",
                "quote": "support tickets down 24%",
            },
        ),
        (
            "Goal: cut the number of support tickets we get each month by 20%.\n"
            "Result: support tickets were down 24%.\n",
            {
                "title": "Support tickets",
                "metric": "support tickets",
                "target": "20%",
                "direction": "lower",
                "quote": "cut the number of support tickets we get each month by 20%",
            },
            {
                "goal_id": "G1",
                "title": "Support tickets",
                "actual": "24%",
                "quote": "support tickets were down 24%",
            },
        ),
        (
            "目标：削减客服工单量20%。\n实际：客服工单量下降24%。\n",
            {
                "title": "削减客服工单量20%",
                "metric": "客服工单量",
                "target": "20%",
                "direction": "lower",
                "quote": "削减客服工单量20%",
            },
            {"goal_id": "G1", "title": "客服工单量", "actual": "24%", "quote": "客服工单量下降24%"},
        ),
        (
            "目标：降低每月收到的客服工单总数量20%。\n实际：工单量减少24%。\n",
            {
                "title": "客服工单数量",
                "target": "20%",
                "direction": "lower",
                "quote": "降低每月收到的客服工单总数量20%",
            },
            {"goal_id": "G1", "title": "工单量", "actual": "减少24%", "quote": "工单量减少24%"},
        ),
    ],
)
def test_model_reduction_is_computed_with_its_sign(tmp_path, make_fake_model, notes, goal, result):
    retro = model_draft(tmp_path, make_fake_model, notes, goal, result)
    (g1,) = retro.goals
    assert g1.target.value == -20.0 and g1.target.change
    (r1,) = retro.results
    assert r1.actual.value == -24.0
    assert r1.achievement.rate == pytest.approx(1.2)
    assert r1.achievement.verdict == "exceeded"


def test_notes_result_for_another_quarter_does_not_answer_the_goal(work):
    (work / "notes.md").write_text(
        "# Retro\n\n## Goals\n\n- Q1 revenue 100万\n- Keep p95 latency under 800 ms\n\n"
        "## Results\n\n- Q2 revenue: 120万\n- p99 latency: 2500 ms\n",
        encoding="utf-8",
    )
    data = draft_json("notes.md")
    assert [r["goal_id"] for r in data["results"]] == [None, None]
    assert {q["field"] for q in questions(data, "missing")} == {"goals.G1", "goals.G2"}


def test_model_goal_takes_only_the_row_of_its_own_metric(tmp_path, make_fake_model):
    (tmp_path / "notes.md").write_text("Goal: p95 latency under 300ms\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "metric,target,actual,unit,direction\n"
        "p95 latency,300ms,280ms,ms,lower\n"
        "p99 latency,900ms,1200ms,ms,lower\n"
    )
    goal = {
        "title": "p95 latency under 300ms",
        "metric": "p95 latency",
        "target": "300ms",
        "direction": "lower",
        "quote": "p95 latency under 300ms",
    }
    model = make_fake_model({"GoalsOutput": {"goals": [goal]}})
    retro = draft([tmp_path / "notes.md", tmp_path / "m.csv"], model=model)
    assert [(g.title, g.target.text) for g in retro.goals] == [
        ("p95 latency under 300ms", "300ms"),
        ("p99 latency", "900ms"),
    ]
    by_goal = {r.goal_id: r for r in retro.results}
    assert by_goal["G1"].actual.text == "280ms" and by_goal["G1"].achievement.verdict == "met"
    assert by_goal["G2"].actual.text == "1200ms" and by_goal["G2"].achievement.verdict == "missed"
