"""The learned sentence-kind model: what it adds to a draft, what it never takes, the arithmetic
it shares with scikit-learn, and a damaged model file."""

from __future__ import annotations

import base64
import importlib.util
import json
import math
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai import draft
from retro_ai.cli import app
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings
from retro_ai.stages.offline import learned

ROOT = Path(__file__).resolve().parents[1]


def _draft(tmp_path: Path, text: str, name: str = "notes.txt") -> Retrospective:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return draft([path], settings=Settings())


def _titles(retro: Retrospective, section: str) -> list[str]:
    if section == "lessons":
        return [x.statement for x in retro.lessons]
    return [x.title for x in getattr(retro, section)]


def _has(titles: list[str], part: str) -> bool:
    return any(part in t for t in titles)


def test_en_sentences_with_no_cue_word_get_the_kind_they_are_told_in(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "Checkout cutover, Saturday\n\n"
        "Priya basically carried the whole cutover on her own.\n"
        "Refund emails went out twice to 300 people.\n"
        "Checkout page kept timing out for EU shoppers on Saturday.\n",
    )
    assert _has(_titles(retro, "highlights"), "Priya basically carried the whole cutover")
    problems = _titles(retro, "problems")
    assert _has(problems, "Refund emails went out twice")
    assert _has(problems, "kept timing out for EU shoppers")
    assert not _has(_titles(retro, "highlights"), "Refund emails")


def test_zh_sentences_with_no_cue_word_get_the_kind_they_are_told_in(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "会员系统迁移 周会记录\n\n"
        "迁移基本是小周一个人扛下来的。\n"
        "下单页面一直转圈,周六上午基本没法用。\n",
    )
    assert _has(_titles(retro, "highlights"), "迁移基本是小周一个人扛下来的")
    assert _has(_titles(retro, "problems"), "下单页面一直转圈")


def test_plans_and_questions_are_never_taken_for_findings(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "[09:01] Dana: Refund emails went out twice to 300 people.\n"
        "[09:02] Omar: can someone check why the refund job ran twice?\n"
        "[09:03] Dana: I'll rerun the dedupe script tonight.\n",
        "chat.txt",
    )
    problems = _titles(retro, "problems")
    assert _has(problems, "Refund emails went out twice")
    assert not _has(problems, "refund job ran twice")
    assert not _has(problems, "dedupe script")
    assert [(a.owner, a.action) for a in retro.action_items] == [
        ("Dana", "rerun the dedupe script tonight")
    ]


def _trainer():
    spec = importlib.util.spec_from_file_location(
        "train_sentence_kinds", ROOT / "bench" / "train_sentence_kinds.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ROWS = [
    ("the build broke twice on friday", "problems"),
    ("the deploy broke the login page", "problems"),
    ("payments timed out for an hour", "problems"),
    ("the queue timed out again overnight", "problems"),
    ("Ana carried the launch, great work", "highlights"),
    ("great work on the new dashboard", "highlights"),
    ("support answered every ticket within a day", "highlights"),
    ("support was great during the launch", "highlights"),
    ("next time freeze the schema a week earlier", "lessons"),
    ("next time book the venue earlier", "lessons"),
    ("the cache was cold after the deploy", "causes"),
    ("the cache config was wrong", "causes"),
    ("we met on tuesday at ten", "none"),
    ("attendees: Ana, Bo and Cy", "none"),
    ("meeting notes from tuesday", "none"),
    ("Bo will send the notes", "none"),
]


def test_the_bundled_arithmetic_scores_as_scikit_learn_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trainer = _trainer()
    vectorizer, model = trainer.fit(_ROWS, c=4.0, vocabulary=400)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(trainer.payload(vectorizer, model)), encoding="utf-8")
    monkeypatch.setattr(learned, "MODEL", path)
    learned._model.cache_clear()
    try:
        for text in ("the login broke after the deploy", "Great work, support!", "我们周二开会"):
            ours = learned.probabilities(text)
            theirs = model.predict_proba(vectorizer.transform([text]))[0]
            if not ours:  # no known n-gram: nothing to say, where scikit-learn gives the prior
                assert text == "我们周二开会"
                continue
            for name, p in zip(model.classes_, theirs, strict=True):
                assert math.isclose(ours[str(name)], p, abs_tol=2e-3)
    finally:
        learned._model.cache_clear()


def test_the_bundled_model_has_every_class_and_a_full_row_per_n_gram() -> None:
    raw = json.loads(learned.MODEL.read_text(encoding="utf-8"))
    assert sorted(raw["classes"]) == ["causes", "highlights", "lessons", "none", "problems"]
    assert len(base64.b64decode(raw["weights"])) == 4 * 6 * len(raw["grams"])
    assert "left out" in raw["trained_on"]  # the closed dev round stays unseen


def test_drafting_loads_neither_scikit_learn_nor_numpy(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Sprint 9\n\nPriya basically carried the whole cutover.\n", encoding="utf-8")
    code = (
        "import sys; from retro_ai import draft; from retro_ai.settings import Settings; "
        f"r = draft([{str(notes)!r}], settings=Settings()); assert r.highlights; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'numpy', 'scipy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _packed(*numbers: float) -> str:
    return base64.b64encode(struct.pack(f"<{len(numbers)}f", *numbers)).decode("ascii")


_HEAD = '"longest": 3, "classes": ["a", "b"], "intercept": [0, 0], "grams": ["ab"]'
_DAMAGE = {
    "missing": None,
    "truncated": '{"longest": 3, "classes": ["none", "pro',
    "weights not base64": "{" + _HEAD + ', "weights": "not base64!"}',
    "a row too short": "{" + _HEAD + f', "weights": "{_packed(1.0, 0.5)}"}}',
    "not a number": "{" + _HEAD + f', "weights": "{_packed(1.0, math.nan, 0.5)}"}}',
    "no classes": '{"longest": 3, "intercept": [0], "grams": [], "weights": ""}',
    "a list for a number": '{"longest": [3], "classes": ["a"], "intercept": [0], '
    '"grams": [], "weights": ""}',
}


@pytest.mark.parametrize("damage", sorted(_DAMAGE))
def test_a_damaged_model_file_is_one_line_exit_78_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    model = tmp_path / "sentence_kinds.json"
    if _DAMAGE[damage] is not None:
        model.write_text(_DAMAGE[damage], encoding="utf-8")
    monkeypatch.setattr(learned, "MODEL", model)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text(
        "Launch notes\n\nRefund emails went out twice to 300 people.\n", encoding="utf-8"
    )
    learned._model.cache_clear()
    try:
        result = CliRunner().invoke(app, ["draft", "notes.txt", "--no-progress"])
    finally:
        learned._model.cache_clear()
    assert result.exit_code == 78
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith("retro-ai: error: the sentence model")
    assert errors[0].endswith("reinstall retro-ai") and "Traceback" not in result.stderr
    assert (
        sorted(p.name for p in tmp_path.iterdir())
        == ["notes.txt", "sentence_kinds.json"][: 2 if _DAMAGE[damage] is not None else 1]
    )


def test_a_thumbs_up_reply_is_no_highlight(tmp_path: Path) -> None:
    """A 👍 is a cue for praise, but "on it 👍" answers a request: the model overrules it."""
    retro = _draft(
        tmp_path,
        "[10:01] Raj: can you take the vendor call tomorrow?\n"
        "[10:02] Mia: on it 👍\n"
        "[10:03] Raj: and the spares list\n"
        "[10:04] Mia: sure thing 👍\n",
        "chat.txt",
    )
    assert not _has(_titles(retro, "highlights"), "👍")


def test_the_bundled_document_model_has_every_kind_and_a_full_row_per_n_gram() -> None:
    raw = json.loads(learned.DOCUMENT_MODEL.read_text(encoding="utf-8"))
    assert sorted(raw["classes"]) == ["campaign", "incident", "personal", "project", "sprint"]
    assert len(base64.b64decode(raw["weights"])) == 4 * 6 * len(raw["grams"])
    assert "30" in raw["trained_on"] and "left out" in raw["trained_on"]


# A stand-in document model that knows three kinds by a few words each.
_DOCUMENTS = [
    ("paged alerts failover restored customers errors", "incident"),
    ("errors restored paged failover timeline alerts", "incident"),
    ("coats sorted libraries saturday sizes photo", "campaign"),
    ("libraries coats saturday sorted kids photo", "campaign"),
    ("sizes kids coats photo sorted libraries", "campaign"),
    ("rollout build cutover migration go-live vendor", "project"),
    ("go-live migration build vendor rollout scope", "project"),
    ("cutover scope vendor build rollout migration", "project"),
]
_DRIVE = (
    "Winter coats, wrap-up\n"
    "Thanks all, six weeks done.\n"
    "We hoped for 800 coats and got 1,130.\n"
    "The two libraries took most of the coats.\n"
    "We sorted coats every Saturday.\n"
    "More coats came in the last week.\n"
    "A second wave came after the paper ran a photo of the coats.\n"
    "Sorting got chaotic when three car loads came at once.\n"
    "Kids' sizes ran out first.\n"
    "Next year ask schools for sizes first.\n"
    "Dana will thank the libraries.\n"
)


@pytest.fixture
def stand_in_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    trainer = _trainer()
    vectorizer, model = trainer.fit(_DOCUMENTS, c=16.0, vocabulary=400)
    path = tmp_path / "document_kinds.json"
    path.write_text(json.dumps(trainer.payload(vectorizer, model)), encoding="utf-8")
    monkeypatch.setattr(learned, "DOCUMENT_MODEL", path)
    learned._document_model.cache_clear()
    yield
    learned._document_model.cache_clear()


@pytest.mark.parametrize(
    ("text", "kind", "how"),
    [
        (_DRIVE, "campaign", "model"),  # no cue word weighs: the model, sure, names the kind
        (
            "Winter coat drive\nWe hoped for 800 coats and 1,130 were donated.\n",
            "project",
            "default",
        ),
        (_DRIVE.replace("wrap-up", "project retrospective"), "project", "cues"),  # named itself
        (
            _DRIVE
            + "The migration rollout went live; the rollout and the migration project.\n" * 4,
            "project",
            "cues",
        ),  # cue words that weigh enough
    ],
    ids=["weak-cues", "too-short", "named", "strong-cues"],
)
def test_the_document_model_names_the_kind_only_where_cue_words_are_weak(
    tmp_path: Path, stand_in_documents: None, text: str, kind: str, how: str
) -> None:
    """Ten lines or more whose cue words weigh little take the kind a sure document model reads
    in them, and the report says so; a few lines, a document that names its kind, or cue words
    that weigh enough keep the cue words' kind."""
    retro = _draft(tmp_path, text)
    assert (retro.meta.kind, retro.meta.kind_reason.how) == (kind, how)
    if how == "model":
        sure = retro.meta.kind_reason.confidence
        assert sure is not None and learned.SURE_KIND <= sure <= 1.0
        report = tmp_path / "notes.retro.md"
        result = CliRunner().invoke(
            app, ["draft", str(tmp_path / "notes.txt"), "--no-progress", "-o", str(report)]
        )
        assert result.exit_code == 0, result.output
        shown = f"read by the document model learned from labelled notes, {round(100 * sure)}% sure"
        assert shown in report.read_text(encoding="utf-8")


def test_a_damaged_document_model_is_one_line_exit_78(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "document_kinds.json"
    model.write_text(_DAMAGE["truncated"], encoding="utf-8")
    monkeypatch.setattr(learned, "DOCUMENT_MODEL", model)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text(_DRIVE, encoding="utf-8")
    learned._document_model.cache_clear()
    try:
        result = CliRunner().invoke(app, ["draft", "notes.txt", "--no-progress"])
    finally:
        learned._document_model.cache_clear()
    assert result.exit_code == 78
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith("retro-ai: error: the document model")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["document_kinds.json", "notes.txt"]


def test_the_kind_guess_loads_the_document_model_but_not_the_offline_engine() -> None:
    """A draft by a language model guesses the kind too: reading the document model must not
    compile the offline engine's patterns (a third of a second per run)."""
    code = (
        "import sys; from retro_ai.ingest.detect import detect_kind; "
        "from retro_ai.stages.offline import learned; learned._document_model(); "
        "print(sorted(m for m in sys.modules if m.startswith('retro_ai.stages.offline')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['retro_ai.stages.offline', 'retro_ai.stages.offline.learned']"


def test_the_document_model_reads_the_opening_of_a_long_export_only(
    tmp_path: Path, stand_in_documents: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A week of chat is not read twice: the kind comes from the opening 64 KB, however much
    follows it."""
    read: list[int] = []
    guess = learned.document_kind

    def reading(text: str) -> tuple[str, float] | None:
        read.append(len(text))
        return guess(text)

    monkeypatch.setattr(learned, "document_kind", reading)
    opening = _DRIVE * (learned.DOCUMENT_CHARS // len(_DRIVE) + 1)
    retro = _draft(tmp_path, opening + "The vendor kept to scope.\n" * 40_000)
    assert read == [learned.DOCUMENT_CHARS]
    assert (retro.meta.kind, retro.meta.kind_reason.how) == ("campaign", "model")
