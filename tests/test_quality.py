"""Offline draft quality on the hand-labelled documents (tests/data/labels/*.yaml).

Kind and language must be right for every document, goals, results and actions must not land
in each other's sections, and micro-averaged precision and recall per section must stay above
floors set just below what the engine measured when they were written (bench/offline_quality.py
prints the current figures). Documents under ../shared are skipped when it is absent.

The unseen dev and held-out sets (tests/data/unseen/) carry no floors: the tests here only keep
their labels well-formed and the two halves balanced.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

KINDS = {"project", "personal", "campaign", "incident", "sprint"}
# (precision, recall) floors on micro-averaged counts; measured 2026-11 on the full set:
# goals .94/1.0, results 1.0/1.0, highlights 1.0/1.0, problems 1.0/.97, lessons .96/1.0,
# actions 1.0/1.0, timeline .95/1.0 (.86/1.0 without ../shared), phases, follow-ups and
# incident facts 1.0/1.0 on few items.
FLOORS: dict[str, tuple[float, float]] = {
    "goals": (0.90, 0.95),
    "results": (0.95, 0.95),
    "highlights": (0.95, 0.95),
    "problems": (0.90, 0.90),
    "lessons": (0.90, 0.95),
    "actions": (0.95, 0.95),
    "timeline": (0.80, 0.95),
    "phases": (0.80, 0.80),
    "follow_ups": (0.80, 0.80),
    "incident": (0.80, 0.80),
}
# Per seed report: goals, results and actions recall (never to fall below 0.5).
SEED_RECALL_FLOOR = 0.9


@pytest.fixture(scope="module")
def scores(quality) -> list:
    """Every available labelled document drafted offline and scored against its labels."""
    available = [label for label in quality.load_labels() if label.available]
    if not available:
        pytest.skip("no labelled document is available")
    return quality.evaluate(available)


def test_the_labelled_set_covers_every_kind_and_both_languages(quality) -> None:
    labels = quality.load_labels()
    assert {label.kind for label in labels} == KINDS
    assert {label.language for label in labels} == {"zh", "en"}
    assert len(labels) >= 11
    seeds = [label for label in labels if label.part]
    assert sorted(label.part for label in seeds) == ["篇一", "篇三", "篇二"]


def test_every_key_names_exactly_one_line(quality, labelled_document) -> None:
    label = labelled_document
    lines = label.text().splitlines()
    assert lines, label.name
    # a reply's "> " copy of a line is that line quoted again, not a second item
    said = [line for line in lines if not line.lstrip().startswith(">")] or lines
    for section, keys in label.sections.items():
        assert section in quality.SECTIONS, section
        for key in keys:
            for alt in key:
                hits = sum(alt in line for line in said) or sum(alt in line for line in lines)
                assert hits == 1, f"{label.name}/{section}: {alt!r} is on {hits} lines"
    for name, keys in label.incident.items():
        assert name in quality.INCIDENT_FIELDS
        for alt in keys:
            assert sum(alt in line for line in lines) == 1, (label.name, name, alt)
    assert set(label.statuses.values()) <= {"done", "in_progress", "not_started", "dropped"}


def test_kind_and_language_are_detected_right(scores: list) -> None:
    wrong = [
        (d.label.name, d.kind, d.language) for d in scores if not (d.kind_ok and d.language_ok)
    ]
    assert not wrong


def test_goals_results_and_actions_land_in_their_own_sections(scores: list) -> None:
    misplaced = [(d.label.name, *m) for d in scores for m in d.misplaced]
    assert not misplaced  # e.g. no action item extracted among the goals


@pytest.mark.parametrize("section", list(FLOORS))
def test_micro_precision_and_recall_stay_above_floors(quality, scores: list, section: str) -> None:
    counts = quality.totals(scores).get(section)
    if counts is None:
        pytest.skip(f"no labelled {section} among the available documents")
    p_floor, r_floor = FLOORS[section]
    assert counts.precision is not None and counts.precision >= p_floor, counts
    assert counts.recall is not None and counts.recall >= r_floor, counts


@pytest.mark.shared
def test_the_labelled_examples_keep_their_headline_figures(quality, scores: list) -> None:
    """The examples the engine was first built on: learning from more notes may not cost them
    (core recall 0.995 and precision 0.977 when last measured)."""
    if len(scores) < len(quality.load_labels()):
        pytest.skip("some labelled documents need ../shared")
    counts = quality.core(scores)
    assert counts.recall is not None and counts.recall >= 0.99, counts
    assert counts.precision is not None and counts.precision >= 0.975, counts


@pytest.mark.shared
def test_seed_goals_results_and_actions_recall(scores: list) -> None:
    seeds = [d for d in scores if d.label.part]
    assert SEED_RECALL_FLOOR >= 0.5
    for doc in seeds:
        for section in ("goals", "results", "actions"):
            recall = doc.sections[section].recall
            assert recall is not None and recall >= SEED_RECALL_FLOOR, (doc.label.name, section)


def test_follow_up_statuses_are_read_right(scores: list) -> None:
    total = sum(d.status_total for d in scores)
    assert total >= 5
    assert sum(d.status_right for d in scores) == total


@pytest.mark.parametrize("half", ["dev", "heldout"])
def test_each_unseen_half_is_balanced_and_covers_every_shape(quality, half: str) -> None:
    labels = quality.load_set(half)
    assert len(labels) >= 18
    languages = [label.language for label in labels]
    assert abs(languages.count("zh") - languages.count("en")) <= 2
    assert {label.kind for label in labels} == KINDS
    for shape in quality.SHAPES:
        having = [label for label in labels if shape in label.shapes]
        assert len(having) >= 3, (half, shape)
        assert {label.language for label in having} == {"zh", "en"}, (half, shape)
    assert {".vtt", ".srt"} <= {label.path.suffix for label in labels}
    assert any(label.date is None for label in labels)  # some documents have no date at all
    for label in labels:
        assert 10 <= len(_written(label.text())) <= 60, label.name


def _written(text: str) -> list[str]:
    """The lines someone wrote: no blank lines, and no cue numbers, timings, WEBVTT header or a
    voice-to-text speaker's number and time ("说话人1 00:00:02")."""
    scaffold = re.compile(
        r"^(?:\d+|WEBVTT.*|[\d:.,]+ --> [\d:.,]+.*|(?:说话人|发言人|Speaker) ?\d+ +[\d:]+)$"
    )
    return [ln for ln in text.splitlines() if ln.strip() and not scaffold.match(ln.strip())]


def test_the_halves_share_no_document(quality) -> None:
    dev, heldout = quality.load_set("dev"), quality.load_set("heldout")
    assert not {lb.name for lb in dev} & {lb.name for lb in heldout}
    assert not {lb.text() for lb in dev} & {lb.text() for lb in heldout}


def test_unseen_labels_state_known_values(quality, unseen_label) -> None:
    label = unseen_label
    assert label.kind in KINDS and label.language in {"zh", "en"}
    assert set(label.shapes) <= set(quality.SHAPES) and label.shapes
    assert label.date is None or isinstance(label.date, date)
    for section, details in label.details.items():
        for detail in details:
            if section == "goals" and "verdict" in detail:
                assert detail["verdict"] in quality.VERDICTS
            if section == "causes":
                assert detail.get("type") in quality.CAUSE_TYPES, detail
                assert isinstance(detail.get("hypothesis"), bool), detail
            if section == "actions" and "due" in detail:
                assert isinstance(detail["due"], date) or str(detail["due"]).strip()
                if isinstance(detail["due"], date):
                    assert label.date is not None, "an ISO due needs the document's own date"
    for stated in label.durations.values():
        assert quality.minutes(stated), stated


@pytest.mark.parametrize(
    ("got", "want", "same"),
    [
        ("Aisha Rahman", "Aisha", True),  # the speaker's full name for the name a label gives
        ("Lena", "Lena Park", True),
        ("信息中心 王磊", "王磊", True),
        ("@lena", "Lena", True),
        ("Ola + Femi", ["Femi", "Ola"], True),
        ("Aisha Rahman", "Rahul", False),
        ("Lena Park", "Lena Fischer", False),
        ("Ola", ["Femi", "Ola"], False),  # one of two owners is not both
        (None, "Ola", False),
        ("争取", "小宋", False),
    ],
)
def test_an_owner_is_right_when_it_names_the_same_people(quality, got, want, same) -> None:
    assert quality.owner_ok(got, want) is same
