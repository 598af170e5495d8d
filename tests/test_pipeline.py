"""The library API end to end with a stubbed model: stages, evidence, metrics math, questions."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from retro_ai import draft
from retro_ai.errors import AuthError, DraftValidationError
from retro_ai.ingest.source import Line, Source
from retro_ai.models.base import Completion
from retro_ai.settings import Settings


@pytest.fixture
def inputs(tmp_path, checkout_notes, checkout_metrics):
    (tmp_path / "notes.md").write_text(checkout_notes, encoding="utf-8")
    (tmp_path / "metrics.csv").write_text(checkout_metrics, encoding="utf-8")
    return [tmp_path / "notes.md", tmp_path / "metrics.csv"]


@pytest.fixture
def retro(inputs, fake_model, checkout_replies):
    for name, reply in checkout_replies.items():
        fake_model.enqueue(name, reply)
    return draft(inputs, model=fake_model, report_date=date(2026, 11, 28), kind="project")


def test_every_stage_ran_once_and_received_its_variables(retro, fake_model):
    names = [name for name, _ in fake_model.history]
    assert sorted(names) == sorted(
        ["GoalsOutput", "AnalysisOutput", "ResultsOutput", "InsightsOutput", "SummaryOutput"]
    )
    results_user = fake_model.sent("ResultsOutput")[0][1]["content"]
    assert '"id": "G1"' in results_user and "<goals>" in results_user
    insights_user = fake_model.sent("InsightsOutput")[0][1]["content"]
    assert '"id": "P1"' in insights_user
    assert "metric,target" not in results_user  # metrics are data for code, not for the model
    assert "English" in results_user
    assert retro.meta.usage.calls == 5 and retro.meta.usage.prompt_tokens > 0
    assert retro.meta.prompt_versions["extract_goals"] == "1"
    assert retro.meta.model == "fake-model" and retro.meta.engine == "model"


def test_quotes_are_located_by_code(retro):
    g1 = retro.goals[0]
    assert g1.evidence[0].verified and g1.evidence[0].line == 2
    assert g1.evidence[0].source.endswith("notes.md")


def test_unverified_item_is_kept_marked_and_questioned(retro):
    qa = retro.action_items[2]
    assert qa.action == "Hire a QA team" and not qa.verified
    assert any(
        q.reason == "unverified_quote" and q.field == "action_items.A3"
        for q in retro.open_questions
    )


def test_metrics_rows_merge_into_goals_and_results(retro):
    latency = retro.goals[1]
    assert latency.target.value == 300 and latency.direction == "lower"
    assert any(e.line == 2 and e.source.endswith("metrics.csv") for e in latency.evidence)
    result = next(r for r in retro.results if r.goal_id == "G2")
    assert result.actual.text == "280ms"
    assert result.achievement.verdict == "met"
    assert result.achievement.convention == "target ÷ actual (lower is better)"


def test_achievement_computed_from_quoted_numbers(retro):
    r1 = next(r for r in retro.results if r.goal_id == "G1")
    assert r1.achievement.rate == pytest.approx(3.1 / 3.5)
    assert r1.achievement.verdict == "partial"


def test_open_questions_for_missing_owner_due_and_hypothesis(retro):
    reasons = {(q.field, q.reason) for q in retro.open_questions}
    assert ("action_items.A2", "no_owner") in reasons
    assert ("action_items.A2", "no_due") in reasons
    assert ("problems.P1.C1", "hypothesis_cause") in reasons


def test_due_dates_resolved_and_problem_links_checked(retro):
    a1 = retro.action_items[0]
    assert a1.due.date == date(2026, 12, 15) and a1.problem_ids == ["P1"]
    # the notes state no date of their own: "next week" stays as written, undated
    assert retro.action_items[2].due.text == "next week" and retro.action_items[2].due.date is None


def test_number_not_in_quote_or_metrics_is_questioned(inputs, fake_model, checkout_replies):
    replies = checkout_replies
    replies["ResultsOutput"] = {
        "results": [
            {
                "goal_id": "G1",
                "title": "Conversion",
                "actual": "3.4%",
                "quote": "conversion reached",
            },
        ]
    }
    for name, reply in replies.items():
        fake_model.enqueue(name, reply)
    retro = draft(inputs, model=fake_model, report_date=date(2026, 11, 28))
    assert any(q.reason == "unsupported_number" for q in retro.open_questions)


def test_independent_stages_run_concurrently(inputs):
    barrier = threading.Barrier(2, timeout=10)

    class BarrierModel:
        name = "barrier"

        def complete(self, messages, *, output):
            if output.__name__ in ("GoalsOutput", "AnalysisOutput"):
                barrier.wait()  # both round-one stages must be in flight together
            return Completion(text="{}")

    retro = draft(inputs, model=BarrierModel(), kind="project")
    assert retro.meta.usage.calls == 5


@pytest.mark.parametrize("order", ["auth-first", "auth-last"])
def test_a_stage_failing_with_retro_ais_own_error_wins_over_another(inputs, order):
    """Two stages of one round fail at once: the rejected key is what the caller sees, whatever
    the order, so a batch that stops other requests never hides why it stopped."""
    barrier = threading.Barrier(2, timeout=10)
    auth = "GoalsOutput" if order == "auth-first" else "AnalysisOutput"

    class Stopping(Exception):
        pass

    class FailingModel:
        name = "failing"

        def complete(self, messages, *, output):
            barrier.wait()
            if output.__name__ == auth:
                raise AuthError("model server rejected the API key (401)")
            raise Stopping("refused: the batch is stopping")

    with pytest.raises(AuthError):
        draft(inputs, model=FailingModel(), kind="project")


def test_incident_kind_adds_timeline_stage(inputs, fake_model):
    fake_model.enqueue(
        "TimelineOutput",
        {"events": [{"at": "14:05", "description": "deploy", "quote": "staged rollout"}]},
    )
    retro = draft(inputs, model=fake_model, kind="incident")
    assert retro.timeline[0].at == "14:05" and retro.timeline[0].evidence[0].verified
    assert len(fake_model.sent("TimelineOutput")) == 1


def test_invalid_output_after_reasks_raises(inputs, fake_model):
    fake_model.enqueue("GoalsOutput", "nonsense")
    with pytest.raises(DraftValidationError):
        draft(inputs, model=fake_model, settings=Settings(max_reasks=1))
    assert len(fake_model.sent("GoalsOutput")) == 2


def test_langchain_chat_model_can_be_passed(inputs):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    retro = draft(inputs, model=FakeListChatModel(responses=["{}"]), kind="project")
    assert retro.meta.engine == "model" and retro.meta.usage.calls == 5


def test_sources_can_be_passed_directly(fake_model):
    src = Source("S1", "inline", "notes", "utf-8", [Line(1, "Goal: ship it")])
    fake_model.enqueue("GoalsOutput", {"goals": [{"title": "Ship", "quote": "ship it"}]})
    retro = draft([src], model=fake_model)
    assert retro.goals[0].evidence[0].line == 1


def test_offline_engine_without_a_model(inputs):
    retro = draft(inputs, report_date=date(2026, 11, 28))
    assert retro.meta.engine == "offline" and retro.meta.model is None
    assert retro.meta.usage.calls == 0
    assert retro.goals and all(g.verified for g in retro.goals)


def test_language_detected_and_overridable(inputs, fake_model):
    assert draft(inputs, model=fake_model).meta.output_language == "en"
    assert draft(inputs, model=fake_model, lang="zh").meta.output_language == "zh"


def test_unverified_item_is_marked_in_the_report_and_json(retro):
    from retro_ai import render_markdown

    text = render_markdown(retro)
    row = next(line for line in text.splitlines() if line.startswith("| A3 |"))
    assert "⚠ unverified" in row
    data = retro.model_dump()
    assert data["action_items"][2]["verified"] is False
    assert data["action_items"][0]["verified"] is True
    zh = render_markdown(retro, lang="zh")
    assert "⚠ 未核实" in zh and "## 六、改进计划与行动方案" in zh
    assert "| 编号 | 行动 | 负责人 | 完成时限 |" in zh


def test_any_engine_reports_its_own_usage_and_provenance() -> None:
    """The pipeline knows engines only by their protocol: no engine class is special."""
    from retro_ai.pipeline import run_pipeline
    from retro_ai.schema import Provenance
    from retro_ai.stages.ask import Usage
    from retro_ai.stages.offline import OfflineEngine

    class MeteredEngine(OfflineEngine):
        name = "metered"

        def __init__(self) -> None:
            super().__init__()
            self.usage = Usage()

        def run(self, stage, sources, retro):
            self.usage.add(Usage(1, 10, 2))
            return super().run(stage, sources, retro)

        def provenance(self, stage: str) -> Provenance:
            return Provenance(
                stage=stage, engine="model", model=self.name, prompt_version="t1",
                drafted_on=date(2026, 1, 1),
            )  # fmt: skip

    src = Source("S1", "inline", "notes", "utf-8", [Line(1, "Goal: ship it")])
    retro = run_pipeline([src], MeteredEngine(), settings=Settings(), kind="project")
    stages = list(retro.meta.sections)
    assert stages and retro.meta.usage.calls == len(stages) == 5
    assert retro.meta.usage.prompt_tokens == 50
    assert retro.meta.prompt_versions == dict.fromkeys(stages, "t1")
    assert retro.meta.model == "metered" and retro.meta.sections["write_summary"].model == "metered"
