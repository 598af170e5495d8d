"""Long inputs: a generated week of chat drafts offline with evidence at the right lines, and the
helpers that keep the offline engine linear behave like the scans they replaced."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.ingest import load_sources
from retro_ai.render.files import build_files
from retro_ai.schema import Evidence, Goal, Meta, Retrospective, load_retrospective
from retro_ai.stages.offline.assess_results import _GoalIndex
from retro_ai.stages.offline.nearby import NEAR, around, places, window
from retro_ai.stages.offline.sections import parse

runner = CliRunner()

TURNS = (
    ("Nina", "anyone else seeing notifications delayed? my test push took {n} min"),
    ("Leo", "yep, queue depth on notif-workers is {n}M and climbing"),
    ("Leo", "workers are OOMing in a loop, last deploy bumped the batch size {n}x"),
    ("Kai", "good: rollback took <{n} min and comms went out quick"),
    ("Nina", "retro bits: the batch size change went out without a load test, that's the root"),
    ("敏姐", "目标是新增注册{n}万,最后{n}.6万,差一点点"),
    ("小美", "但是次日留存只有{n}%,目标是40%,这个比较难看"),
    ("阿豪", "我把风控规则模板整理一下,以后活动直接套"),
    ("Kai", "I'll add a load-test step to the deploy checklist by Monday"),
    ("Nina", "lesson: config changes are deploys, treat them like code"),
)
FIRST = "I'll rotate the signing keys for the payments API by Friday"
LAST = "I'll archive the old audit buckets before the quarter closes"


def _week(size: int) -> tuple[str, int, int]:
    """A chat export of about `size` bytes with one action planted first and one last; returns
    the text and the line numbers of the two planted actions."""
    lines = ["#incident-week - export", f"[2026-12-01 07:00] Priya: {FIRST}"]
    total, block = 0, 0
    while total < size:
        for minute, (who, text) in enumerate(TURNS):
            line = f"[2026-12-{1 + block % 28:02d} 08:{minute:02d}] {who}: " + text.format(
                n=3 + block % 7
            )
            lines.append(line)
            total += len(line.encode()) + 1
        block += 1
    lines.append(f"[2026-12-28 23:59] Felix: {LAST}")
    return "\n".join(lines) + "\n", 2, len(lines)


def test_long_chat_drafts_offline_with_evidence_at_first_and_last_lines(tmp_path: Path) -> None:
    text, first, last = _week(600 * 1024)
    path = tmp_path / "week.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["draft", str(path), "--date", "2026-12-31", "--no-progress"], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "week.retro.md").is_file()
    data = json.loads((tmp_path / "week.retro.json").read_text(encoding="utf-8"))
    where = {
        e["quote"]: e["line"] for a in data["action_items"] for e in a["evidence"] if e["verified"]
    }
    assert where.get("rotate the signing keys for the payments API") == first
    assert where.get("archive the old audit buckets") == last
    assert where.get("add a load-test step to the deploy checklist") == 11  # the first of many
    # Written in parts, the JSON is still the model's own indented JSON, byte for byte.
    written = (tmp_path / "week.retro.json").read_bytes()
    assert len(data["action_items"]) > 1000 and data["phases"] == []
    assert (
        written == load_retrospective(written.decode()).model_dump_json(indent=2).encode() + b"\n"
    )


@pytest.mark.parametrize("count", [0, 1, 511, 512, 513, 1025])
def test_json_written_in_parts_is_the_serializers_json(count: int) -> None:
    goal = Goal(id="g1", title='Ship 😀 "v2"\nby May', evidence=[Evidence(quote="v2", line=3)])
    retro = Retrospective(
        meta=Meta(title="t", report_date=date(2026, 5, 1)), goals=[goal] * count, background="a\nb"
    )
    content = build_files(retro, ["json"])["json"]
    joined = b"".join(content) if isinstance(content, tuple) else content
    assert joined == retro.model_dump_json(indent=2).encode() + b"\n"


def test_window_is_everything_for_short_lists_and_bounded_for_long() -> None:
    assert window(5, 3) == slice(0, NEAR)
    assert list(range(5))[window(5, 3)] == [0, 1, 2, 3, 4]
    assert list(range(NEAR))[window(NEAR, 0)] == list(range(NEAR))
    big = list(range(10 * NEAR))
    assert big[window(len(big), 0)] == big[:NEAR]
    assert big[window(len(big), len(big) - 1)] == big[-NEAR:]
    mid = big[window(len(big), 5 * NEAR)]
    assert len(mid) == NEAR and 5 * NEAR in mid


def _goal(gid: str, title: str, line: int | None, source: str = "a.txt") -> Goal:
    evidence = [Evidence(quote=title, source=source, line=line)] if line else []
    return Goal(id=gid, title=title, evidence=evidence)


def test_places_follow_first_quote_and_stay_in_order() -> None:
    goals = [
        _goal("G1", "from metrics", None, "m.csv"),
        _goal("G2", "x", 7),
        _goal("G3", "y", None),
        _goal("G4", "z", 3, "b.txt"),
    ]
    assert places(goals, ["a.txt", "b.txt"]) == [(0, 0), (0, 7), (0, 7), (1, 3)]
    where = [(0, line) for line in range(0, 100 * NEAR, 10)]
    near = around(where, 0, 5 * NEAR * 10 + 5)
    assert 5 * NEAR in range(len(where))[near]


def test_goal_index_finds_the_first_open_goal_like_a_scan() -> None:
    goals = [
        _goal("G1", "launch on time", 1),
        _goal("G2", "cut churn", 2),
        _goal("G3", "launch on time", 3),
        _goal("G4", "other", 4),
    ]
    goals[3].evidence.append(Evidence(quote="cut churn", source="a.txt", line=4))

    def scan(title: str, quote: str, taken: set[str]) -> str | None:
        return next(
            (
                g.id
                for g in goals
                if g.id not in taken
                and (g.title == title or any(e.quote == quote for e in g.evidence))
            ),
            None,
        )

    index = _GoalIndex(goals)
    taken: set[str] = set()
    asks = [("launch on time", "-"), ("-", "cut churn"), ("launch on time", "cut churn")] * 2
    for title, quote in asks:
        expected = scan(title, quote, taken)
        assert index.first_open(title, quote, taken) == expected
        if expected:
            taken.add(expected)


@pytest.mark.parametrize("kind", ["chat", "notes"])
def test_units_after_a_unit_match_a_scan_of_the_units(tmp_path: Path, kind: str) -> None:
    """The replies after a line are found by line number, with no map per unit: for every unit
    they are the units a scan in reading order finds, several units on one line included."""
    path = tmp_path / "in.txt"
    if kind == "chat":
        path.write_text(_week(2000)[0], encoding="utf-8")
    else:
        notes = (
            "# Retro\n\n## Went well\nTwo things: * fast deploys * calm on-call\n\nWhy: no canary\n"
        )
        path.write_text(notes * 40, encoding="utf-8")
    doc = parse(load_sources([str(path)])[0])
    order = [u for s in doc.sections for u in s.units]
    shared = any(a.line.number == b.line.number for a, b in zip(order, order[1:], strict=False))
    assert shared == (kind == "notes")  # "Two things: * a * b" is three units on one line
    for at, unit in enumerate(order):
        assert doc.after(unit, 3) == order[at + 1 : at + 4]


MEASURES = (
    "p95 latency", "p99 latency", "Keep p95 latency under 800 ms", "signups", "Q1 revenue",
    "Q2 revenue", "转化率", "次日留存", "新增注册", "注册转化率提升到 12%", "web conversion",
    "app conversion", "华东 GMV", "华南 GMV", "后端服务", "完成一个后端服务的开发和上线",
    "e", "率", "", "support tickets", "ticket backlog", "Raise signups by 20%",
)  # fmt: skip


def test_name_index_finds_every_name_a_scan_accepts() -> None:
    """Linking results to goals looks only at indexed candidates: every name `same_measure`
    accepts is among them, and comparing prepared names agrees with `same_measure`."""
    from retro_ai.verify.measures import Name, NameIndex, same_measure, same_name

    index = NameIndex(list(MEASURES))
    for a in MEASURES:
        name = Name.of(a)
        accepted = [i for i, b in enumerate(MEASURES) if same_measure(a, b)]
        assert set(accepted) <= set(index.candidates(name)), a
        assert [i for i in index.candidates(name) if same_name(name, index.names[i])] == accepted


def test_link_check_links_a_result_to_its_one_open_goal_only() -> None:
    from datetime import date

    from retro_ai.schema import Meta, Result, Retrospective
    from retro_ai.verify.reconcile import link_check

    goals = [
        Goal(id="G1", title="p95 latency under 800 ms", metric="p95 latency"),
        Goal(id="G2", title="p99 latency under 2 s", metric="p99 latency"),
        Goal(id="G3", title="完成一个后端服务的开发和上线"),
        Goal(id="G4", title="Q1 revenue"),
        Goal(id="G5", title="Q1 revenue +5%"),
    ]
    results = [
        Result(id="R1", title="p99 latency"),
        Result(id="R2", title="后端服务"),
        Result(id="R3", title="Q1 revenue"),  # two goals name it: left unlinked
    ]
    retro = Retrospective(meta=Meta(report_date=date(2026, 1, 1)), goals=goals, results=results)
    link_check(retro)
    assert [r.goal_id for r in retro.results] == ["G2", "G3", None]


def _best_match_sorted(
    item: set[str], candidates: list[set[str]], *, floor: float, margin: float = 1.2
) -> int | None:
    """best_match as it was written with a sort, to pin the rewrite against."""
    import math

    if not item or not candidates:
        return None
    n = len(candidates)
    df: dict[str, int] = {}
    for cand in candidates:
        for tok in cand & item:
            df[tok] = df.get(tok, 0) + 1
    scores = []
    for cand in candidates:
        score = sum(math.log((n + 1) / df[t]) + 0.1 for t in cand & item)
        scores.append(score / math.sqrt(len(item)))
    order = sorted(range(n), key=lambda i: -scores[i])
    if scores[order[0]] < floor:
        return None
    if n > 1 and scores[order[1]] * margin > scores[order[0]]:
        return None
    return order[0]


def test_best_match_agrees_with_the_sorted_version() -> None:
    import random

    from retro_ai.stages.offline.text import best_match

    rng = random.Random(7)
    words = [f"w{i}" for i in range(12)]
    for _ in range(500):
        item = set(rng.sample(words, rng.randint(0, 5)))
        cands = [set(rng.sample(words, rng.randint(0, 6))) for _ in range(rng.randint(0, 8))]
        for floor, margin in ((0.0, 1.2), (1.0, 1.5), (0.5, 1.0)):
            want = _best_match_sorted(item, cands, floor=floor, margin=margin)
            assert best_match(item, cands, floor=floor, margin=margin) == want


def test_models_share_fields_sets_but_read_as_their_own() -> None:
    """Objects setting the same fields share one fields-set; assigning a new field gives the
    object its own, so `model_fields_set` is what pydantic would report."""
    a = Evidence(quote="x", source="s.txt")
    b = Evidence(quote="y", source="t.txt")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    a.line = 3
    assert a.model_fields_set == {"quote", "source", "line"}
    assert b.model_fields_set == {"quote", "source"}
    c = b.model_copy(update={"speaker": "Ann"})
    assert c.model_fields_set == {"quote", "source", "speaker"}
    assert b.model_fields_set == {"quote", "source"}
    assert b.model_dump(exclude_unset=True) == {"quote": "y", "source": "t.txt"}


def test_evidence_finds_the_line_after_blank_and_folded_lines(tmp_path: Path) -> None:
    """The locator maps a match back to its line through line starts (bisect), as the list of
    one owner per character did, blank lines and lines that normalise to nothing included."""
    from retro_ai.verify.evidence import EvidenceLocator, normalize

    path = tmp_path / "notes.md"
    text = "# Title\n\n---\nfirst line here\n\n。。\nsecond line\n\n  \nthird\n"
    path.write_text(text, encoding="utf-8")
    sources = load_sources([str(path)])
    locator = EvidenceLocator(sources)
    owners = [i for i, ln in enumerate(sources[0].lines) for _ in normalize(ln.display())]
    joined = "".join(normalize(ln.display()) for ln in sources[0].lines)
    for quote in ("Title", "first line", "here second", "second line", "line third", "third"):
        pos = joined.find(normalize(quote))
        found = locator.locate(quote)
        assert found.verified == (pos >= 0), quote
        if pos >= 0:
            assert found.line == sources[0].lines[owners[pos]].number, quote
