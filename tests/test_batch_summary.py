"""The cross-document summary: themes with their documents and quotes, counts, gaps, and the
three files, offline and with a stub model; stable whatever order the documents come in."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from retro_ai import draft
from retro_ai.batch.summary import build_summary, summary_files
from retro_ai.models.base import Completion
from retro_ai.stages.prompts import check_prompt_dir, load_prompt

GOLDEN = Path(__file__).resolve().parent / "golden" / "summary"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

DOCS = {
    "2023/checkout": """# Checkout outage postmortem 2023

## Root causes
- The TLS certificate expired on the payment gateway.
- No alert on certificate expiry dates.

## Lessons learned
- Automate certificate renewal for every service.

## Action items
- Add monitoring for certificate expiry. Owner: Li Wei. Due: 2023-05-01
- Write a <script>alert(1)</script> renewal runbook.
""",
    "2024/login": """# Login outage postmortem 2024

## Root causes
- The SSL certificate expired on the login service.
- The on-call rota had a gap <script>alert(1)</script> during the holiday.

## Lessons learned
- Automate certificate renewal and alert before expiry.

## Action items
- Add monitoring for certificate expiry.
""",
    "2024/database": """# Database outage postmortem 2024

## Root causes
- The disk on the database host filled up with logs.

## Lessons learned
- Rotate logs on every database host.

## Action items
- Set up disk usage alerts. Owner: Sam. Due: 2024-09-30
""",
}
ZH_DOCS = {
    "zh/pay": "# 支付故障复盘\n\n## 根本原因\n- 证书过期导致支付失败。\n",
    "zh/login": "# 登录故障复盘\n\n## 根本原因\n- 证书过期，登录失败。\n",
}


def drafted(tmp_path: Path, docs: dict[str, str]) -> list[tuple[str, object]]:
    records = []
    for doc_id, text in docs.items():
        path = tmp_path / f"{doc_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        records.append((doc_id, draft([path])))
    return records


@pytest.fixture
def records(tmp_path):
    return drafted(tmp_path, DOCS)


def test_recurring_cause_is_a_theme_listing_its_documents_and_quotes(records):
    summary = build_summary(records)
    theme = next(t for t in summary.cause_themes if "2023/checkout" in t.documents)
    assert theme.documents == ["2023/checkout", "2024/login"]
    assert "certificate" in theme.name and theme.id == "C1"
    assert {m.doc_id for m in theme.members} == set(theme.documents)
    assert all(m.verified and m.quote and m.quote in DOCS[m.doc_id] for m in theme.members)
    lesson = summary.lesson_themes[0]
    assert lesson.documents == ["2023/checkout", "2024/login"]
    repeated = summary.repeated_actions[0]
    assert repeated.documents == ["2023/checkout", "2024/login"]
    assert "monitoring" in repeated.name
    # the disk cause occurs once: no theme
    assert not any("2024/database" in t.documents for t in summary.cause_themes)


def test_cjk_causes_group_and_are_named_by_their_shared_words(tmp_path):
    summary = build_summary(drafted(tmp_path, ZH_DOCS), lang="zh")
    [theme] = summary.cause_themes
    assert theme.documents == ["zh/login", "zh/pay"]
    assert theme.name.startswith("证书过期")
    assert "反复出现的原因与促成因素" in summary_files(summary)["summary.md"].decode()


def test_gaps_unverified_and_counts(records):
    summary = build_summary(records)
    gaps = {(g.doc_id, g.action): (g.owner, g.due) for g in summary.action_gaps}
    assert gaps == {
        ("2023/checkout", "Write a <script>alert(1)</script> renewal runbook"): (None, None),
        ("2024/login", "Add monitoring for certificate expiry"): (None, None),
    }
    assert summary.counts.by_kind == {"incident": 3}
    assert summary.counts.by_period == {"2023": 1, "2024": 2}
    assert summary.counts.by_cause_type["root"] == 5
    assert summary.unverified == []  # offline quotes are exact by construction


def test_unverified_items_are_listed_per_document(records):
    doc_id, retro = records[0]
    retro.lessons[0].evidence[0].verified = False
    summary = build_summary(records)
    assert [(u.doc_id, u.items) for u in summary.unverified] == [(doc_id, ["L1"])]
    assert "⚠ unverified" in summary_files(summary)["summary.md"].decode()


def test_same_summary_whatever_the_order_of_documents(records):
    first = summary_files(build_summary(records))
    again = summary_files(build_summary(list(reversed(records))))
    assert first == again


def test_summary_md_matches_golden(records):
    text = summary_files(build_summary(records))["summary.md"].decode()
    golden = GOLDEN / "summary.md"
    if os.environ.get("RETRO_AI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_html_has_static_charts_no_scripts_escapes_documents_and_prints(records):
    page = summary_files(build_summary(records))["summary.html"].decode()
    assert page.count("<svg") == 2 and "<?xml" not in page
    assert "<script" not in page.lower() and "javascript:" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@media print" in page and "Content-Security-Policy" in page
    assert "Recurring causes and contributing factors" in page


def test_summary_json_is_the_summary(records):
    files = summary_files(build_summary(records))
    data = json.loads(files["summary.json"])
    assert data["cause_themes"][0]["documents"] == ["2023/checkout", "2024/login"]
    assert data["engine"] == "offline" and len(data["documents"]) == 3


class ThemeModel:
    """A stub model for the find_themes stage: groups the findings whose text mentions
    "certificate", and adds an invented id and a theme found in one document only."""

    name = "stub-themes"

    def __init__(self) -> None:
        self.sent: list[str] = []

    def complete(self, messages, *, output):
        user = messages[-1]["content"]
        self.sent.append(user)
        block = re.search(r"<findings>\n(.*)\n</findings>", user, re.S)
        assert block is not None and output.__name__ == "ThemesOutput"
        items = json.loads(block.group(1).replace("&lt;", "<").replace("&gt;", ">"))
        cert = [i["id"] for i in items if "certificate" in i["text"].lower()]
        disk = [i["id"] for i in items if "disk" in i["text"].lower()]
        reply = {
            "themes": [
                {"name": "Certificate expiry", "finding_ids": [*cert, "F999"]},
                {"name": "Disk space", "finding_ids": disk},
            ]
        }
        return Completion(text=json.dumps(reply), prompt_tokens=100, completion_tokens=20)


def test_model_finds_themes_over_findings_not_documents(records):
    model = ThemeModel()
    summary = build_summary(records, model=model)
    assert summary.engine == "model" and summary.model == "stub-themes"
    assert summary.prompt_version == load_prompt("find_themes").version
    [cause] = summary.cause_themes  # the disk theme spans one document: dropped
    assert cause.name == "Certificate expiry"
    assert cause.documents == ["2023/checkout", "2024/login"]
    assert all(m.kind == "cause" and m.verified for m in cause.members)
    [lesson] = summary.lesson_themes  # the model's theme mixed kinds: split by kind
    assert lesson.name == "Certificate expiry" and lesson.documents == cause.documents
    assert summary.usage == {
        "calls": 1,
        "prompt_tokens": 100,
        "cached_tokens": 0,
        "completion_tokens": 20,
    }
    [sent] = model.sent
    assert "The TLS certificate expired on the payment gateway" in sent
    assert "Checkout outage postmortem" not in sent  # the document itself is not sent
    again = build_summary(list(reversed(records)), model=ThemeModel())
    # The same findings in any order: the same request, answered from the stage cache.
    assert again.model_dump(exclude={"usage"}) == summary.model_dump(exclude={"usage"})
    assert again.usage["calls"] == 0


def test_model_reply_that_never_validates_is_one_error(records, make_fake_model):
    from retro_ai.errors import DraftValidationError

    model = make_fake_model({"ThemesOutput": {"themes": [{"name": ""}]}})
    with pytest.raises(DraftValidationError):
        build_summary(records, model=model)
    assert len(model.sent("ThemesOutput")) == 3  # one ask and two re-asks


def test_find_themes_prompt_can_be_overridden(tmp_path):
    body = (Path(load_prompt("find_themes").body)).as_posix()
    assert "IDENTITY AND PURPOSE" in body
    folder = tmp_path / "prompts"
    folder.mkdir()
    text = (Path(__file__).resolve().parents[1] / "prompts" / "find_themes.md").read_text(
        encoding="utf-8"
    )
    (folder / "find_themes.md").write_text(text.replace('version: "1"', 'version: "team-2"'))
    check_prompt_dir(folder)
    assert load_prompt("find_themes", folder).version == "team-2"


@pytest.mark.shared
def test_corpus_summary_finds_recurring_themes():
    paths = sorted(
        p for p in CORPUS.glob("*/*.md") if p.name != "README.md" and "template" not in p.name
    )
    records = [(p.stem, draft([p])) for p in paths]
    summary = build_summary(records)
    assert len(summary.documents) == len(paths) >= 30
    assert summary.cause_themes and summary.lesson_themes and summary.repeated_actions
    for theme in summary.cause_themes + summary.lesson_themes + summary.repeated_actions:
        assert len(theme.documents) >= 2
        assert {m.doc_id for m in theme.members} == set(theme.documents)
    assert summary.counts.by_period["2021"] >= 5
    assert summary_files(summary)["summary.html"].decode().count("<svg") == 2
