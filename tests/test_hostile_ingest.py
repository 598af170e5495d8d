"""Hostile inputs to ingest: a shared draft must not choose which local files are read, and every
read (files, FIFOs, stdin) stops at the size limit; stray bytes in ASCII notes are not guessed."""

from __future__ import annotations

import importlib
import io
import json
import os
import random
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.errors import InputError
from retro_ai.ingest import decode, load_sources
from retro_ai.pipeline import draft, redraft
from retro_ai.schema import load_retrospective

decode_module = importlib.import_module("retro_ai.ingest.decode")
runner = CliRunner()

NOTES = (
    "Goal: ship the beta by Friday\n"
    "Result: shipped on Monday because of the review queue\n"
    "Problem: the review queue was slow\n"
    "Action: add a second reviewer, owner Dana, due 2026-12-15\n"
)
SECRET = "root:x:0:0:secret-marker:/root:/bin/bash\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    return tmp_path


def cli(*args: str, **kwargs: object):
    return runner.invoke(app, [*args, "--no-progress"], **kwargs)


def drafted(work: Path) -> dict:
    """Draft notes.md offline through the CLI and return the written JSON."""
    result = cli("draft", "notes.md", "--date", "2026-11-28")
    assert result.exit_code == 0, result.output
    return json.loads((work / "notes.retro.json").read_text(encoding="utf-8"))


def save(work: Path, data: dict) -> None:
    (work / "notes.retro.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    yield path


class Writer(threading.Thread):
    """Writes `first` into a FIFO, then holds it open until released, then writes `rest`.

    A reader that stops at the limit returns while the writer still holds the FIFO open; one
    that reads to the end only returns after the release.
    """

    def __init__(self, path: Path, first: bytes, rest: bytes = b"") -> None:
        super().__init__(daemon=True)
        self.path, self.first, self.rest = path, first, rest
        self.release = threading.Event()
        self.finished = threading.Event()

    def run(self) -> None:
        try:
            with open(self.path, "wb") as handle:
                handle.write(self.first)
                handle.flush()
                self.release.wait(timeout=10)
                handle.write(self.rest)
        except BrokenPipeError:
            pass  # the reader stopped early, as it should
        finally:
            self.finished.set()

    def stop(self) -> None:
        """Release the writer, unblocking its open() if nobody ever opened the FIFO to read."""
        self.release.set()
        if not self.finished.is_set():
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
            self.finished.wait(timeout=5)
            os.close(fd)
        self.join(timeout=5)


# --- 1. redraft trusts only what the digest vouches for -----------------------------------------


@pytest.mark.parametrize("digest", [None, ""], ids=["null", "empty"])
@pytest.mark.parametrize("where", ["absolute", "relative"])
def test_redraft_refuses_a_source_without_digest_before_any_model_call(
    work: Path, digest: str | None, where: str, fake_model
) -> None:
    secret = work.parent / f"secret-{where}.txt"
    secret.write_text(SECRET, encoding="utf-8")
    data = drafted(work)
    data["meta"]["sources"][0]["path"] = str(secret) if where == "absolute" else f"../{secret.name}"
    data["meta"]["sources"][0]["sha256"] = digest
    save(work, data)
    result = cli("redraft", "notes.retro.json", "-s", "actions", "--force")
    assert result.exit_code == 65
    assert result.stderr.startswith("retro-ai: error: notes.md: ")
    assert "no sha256 digest" in result.stderr and result.stderr.count("\n") == 1
    assert "secret-marker" not in (work / "notes.retro.md").read_text(encoding="utf-8")

    retro = load_retrospective(json.dumps(data))
    model = fake_model
    with pytest.raises(InputError, match=r"^notes\.md: .*no sha256 digest"):
        redraft(retro, "actions", model=model, base_dir=work)
    assert model.history == []


def test_redraft_reads_only_regular_files(work: Path, fifo: Path) -> None:
    data = drafted(work)
    data["meta"]["sources"][0]["path"] = str(fifo)  # same digest: the FIFO serves the notes
    save(work, data)
    writer = Writer(fifo, NOTES.encode())
    writer.start()
    try:
        result = cli("redraft", "notes.retro.json", "-s", "actions", "--force")
    finally:
        writer.stop()
    assert result.exit_code == 65, result.output
    assert result.stderr == f"retro-ai: error: {fifo}: not a regular file\n"


def test_redraft_refuses_a_device(work: Path) -> None:
    data = drafted(work)
    data["meta"]["sources"][0]["path"] = os.devnull
    save(work, data)
    result = cli("redraft", "notes.retro.json", "-s", "actions", "--force")
    assert result.exit_code == 65
    assert result.stderr == f"retro-ai: error: {os.devnull}: not a regular file\n"


def test_written_source_paths_are_relative_to_the_draft(work: Path) -> None:
    (work / "proj").mkdir()
    (work / "proj" / "notes.md").write_text(NOTES, encoding="utf-8")
    (work / "out").mkdir()
    result = cli("draft", "proj/notes.md", "-o", "out")
    assert result.exit_code == 0, result.output
    text = (work / "out" / "notes.retro.json").read_text(encoding="utf-8")
    assert json.loads(text)["meta"]["sources"][0]["path"] == "../proj/notes.md"
    assert str(work) not in text

    result = cli("draft", "proj/notes.md", "--json")
    assert json.loads(result.stdout)["meta"]["sources"][0]["path"] == "proj/notes.md"
    in_memory = draft(["proj/notes.md"])  # the library keeps the absolute path
    assert in_memory.meta.sources[0].path == str((work / "proj" / "notes.md").resolve())


def test_an_absolute_input_path_leaves_no_folder_in_the_draft(work: Path) -> None:
    (work / "proj").mkdir()
    notes = work / "proj" / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    (work / "out").mkdir()
    result = cli("draft", str(notes), "-o", "out", "-f", "md,json,html")
    assert result.exit_code == 0, result.output
    for name in ("notes.retro.json", "notes.retro.md", "notes.retro.html"):
        assert str(work) not in (work / "out" / name).read_text(encoding="utf-8"), name
    data = json.loads((work / "out" / "notes.retro.json").read_text(encoding="utf-8"))
    assert data["meta"]["sources"][0]["name"] == "../proj/notes.md"
    result = cli("redraft", "out/notes.retro.json", "-s", "actions", "--force")
    assert result.exit_code == 0, result.output


def test_redraft_follows_a_moved_folder_from_anywhere(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (work / "proj").mkdir()
    (work / "proj" / "notes.md").write_text(NOTES, encoding="utf-8")
    assert cli("draft", "proj/notes.md").exit_code == 0
    (work / "proj").rename(work / "shared")  # a colleague receives the folder
    (work / "elsewhere").mkdir()
    monkeypatch.chdir(work / "elsewhere")
    result = cli("redraft", "../shared/notes.retro.json", "-s", "actions", "--force")
    assert result.exit_code == 0, result.output
    data = json.loads((work / "shared" / "notes.retro.json").read_text(encoding="utf-8"))
    assert data["meta"]["sources"][0]["path"] == "notes.md"


def test_old_draft_with_absolute_path_still_redrafts(work: Path) -> None:
    data = drafted(work)
    data["meta"]["sources"][0]["path"] = str(work / "notes.md")
    save(work, data)
    result = cli("redraft", "notes.retro.json", "-s", "actions", "--force")
    assert result.exit_code == 0, result.output
    data = json.loads((work / "notes.retro.json").read_text(encoding="utf-8"))
    assert data["meta"]["sources"][0]["path"] == "notes.md"


def test_redraft_with_a_wrong_digest_sends_nothing(
    work: Path, monkeypatch: pytest.MonkeyPatch, fake_model
) -> None:
    secret = work / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    data = drafted(work)
    data["meta"]["sources"][0]["path"] = "secret.txt"
    save(work, data)
    model = fake_model
    (work / "elsewhere").mkdir()
    monkeypatch.chdir(work / "elsewhere")  # paths resolve against base_dir, not the current folder
    with pytest.raises(InputError, match=r"^notes\.md: changed since the draft"):
        redraft(load_retrospective(json.dumps(data)), "actions", model=model, base_dir=work)
    assert model.history == []


# --- 3. every read is bounded ------------------------------------------------------------------


class CountingStdin(io.RawIOBase):
    """An endless-looking stdin that counts how many bytes were taken from it."""

    def __init__(self, size: int) -> None:
        self.left, self.taken = size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = min(len(buffer), self.left)
        buffer[:n] = b"a" * n
        self.left -= n
        self.taken += n
        return n


def test_stdin_is_read_only_up_to_the_limit(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode_module, "MAX_BYTES", 100)
    result = cli("draft", "-", "--json", input=b"a" * 150)
    assert result.exit_code == 65
    assert result.stderr == "retro-ai: error: <stdin>: file is too large (more than 100 bytes)\n"

    stdin = CountingStdin(8 * 1024 * 1024)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(stdin)))
    with pytest.raises(InputError, match=r"^<stdin>: file is too large \(more than 100 bytes\)$"):
        load_sources(["-"])
    assert stdin.taken < 64 * 1024  # the limit plus at most one buffer, not the whole stream


def test_fifo_is_read_only_up_to_the_limit(
    work: Path, fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decode_module, "MAX_BYTES", 100)
    writer = Writer(fifo, b"a" * 101, rest=b"a" * 1000)
    writer.start()
    try:
        result = cli("draft", str(fifo), "--json")
        stopped_early = not writer.finished.is_set()
    finally:
        writer.stop()
    assert result.exit_code == 65
    assert result.stderr == f"retro-ai: error: {fifo}: file is too large (more than 100 bytes)\n"
    assert stopped_early  # refused while the writer still held the FIFO open

    monkeypatch.setattr(decode_module, "MAX_BYTES", len(NOTES))
    writer = Writer(fifo, NOTES.encode())  # a FIFO within the limit is read as usual
    writer.release.set()
    writer.start()
    try:
        (source,) = load_sources([str(fifo)])
    finally:
        writer.stop()
    assert source.lines[0].text == "Goal: ship the beta by Friday"


def test_a_growing_file_is_read_only_up_to_the_limit(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decode_module, "MAX_BYTES", 100)
    result = runner.invoke(app, ["render", "/dev/zero"])
    assert result.exit_code == 65
    assert result.stderr == "retro-ai: error: /dev/zero: file is too large (more than 100 bytes)\n"


# --- 10. stray bytes in ASCII notes ------------------------------------------------------------

STRAY = b"Goal: ship the beta\nResult: shipped late \xff\xfe because of QA\nAction: Ann fixes CI\n"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (STRAY, "line 2"),
        (b"Goal: ship the beta\n\xff\xfeResult: shipped late\n", "line 2"),
        (b"Goal: \x93ship\x94 the beta\nResult: shipped late\n", "line 1"),
    ],
    ids=["utf16-bom-mid-line", "utf16-bom-line-start", "smart-quotes"],
)
def test_ascii_notes_with_stray_bytes_are_refused(data: bytes, where: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "notes.txt")
    message = str(caught.value)
    assert message.startswith("notes.txt: cannot decode: not UTF-8, UTF-16 or GB18030 text")
    assert where in message and "\n" not in message


def test_stray_bytes_through_the_cli(work: Path) -> None:
    (work / "stray.txt").write_bytes(STRAY)
    result = cli("draft", "stray.txt", "--json")
    assert result.exit_code == 65
    assert result.stderr == (
        "retro-ai: error: stray.txt: cannot decode: not UTF-8, UTF-16 or GB18030 text "
        "(byte 0xff on line 2 column 22; save it as UTF-8)\n"
    )
    russian = "Цель: выпустить бета-версию. Результат: выпустили на две недели позже.\n"
    (work / "ru.txt").write_bytes((russian * 3).encode("cp1251"))  # real cp1251 text still reads
    result = cli("draft", "ru.txt", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["meta"]["sources"][0]["encoding"] == "cp1251"


def test_a_list_of_unticked_boxes_with_no_dash_is_drafted(work: Path) -> None:
    (work / "todo.md").write_text(
        "# Sprint 9 notes\n\n[ ] book the room for the demo\n[ ] send the invite\n"
        "[x] order the pizza\n[ ] ask Mia about the projector\n",
        encoding="utf-8",
    )
    result = cli("draft", "todo.md", "--json")
    assert result.exit_code == 0, result.output
    actions = [a["action"] for a in json.loads(result.stdout)["action_items"]]
    assert actions == [
        "book the room for the demo",
        "send the invite",
        "order the pizza",
        "ask Mia about the projector",
    ]


# What notes are made of at their most broken: brackets, boxes, labels, arrows, half a table,
# chat and mail headers, stamps and dates, in any order.
_SOUP = [
    *"[]【】()（）:：|-*#>@ \t.,，。;；?？!！~=_/\\\"'“”",
    *"0123456789aAxX我是目标实际待办负责由前下周五月日号点",
    "[ ] ",
    "[x] ",
    "- [ ]",
    "7. ",
    "From: Ana Li",
    "Sent: Monday, August 31, 2026 4:52 PM",
    "To:",
    "At 21:44 ",
    "I wanted ",
    "from 3 to 5 by 30 September",
    "| 目标 | 当时定的 | 实际 |",
    "|---|---|---|",
    "——— 2026-08-03 ———",
    "2026-10-15 19:02:11 王岚:",
    "Hannah Leigh, [02.11.2026 06:55]",
    "[10/27/2026 7:12 PM] ines_v",
    "[Dario M.] ",
    "接下来分工如下",
]


def test_any_soup_of_note_fragments_is_drafted_or_refused_in_one_line(work: Path) -> None:
    rng = random.Random(20261202)
    for n in range(150):
        lines = [
            "".join(rng.choice(_SOUP) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(1, 30))
        ]
        path = work / f"soup{n}.{rng.choice(['txt', 'md'])}"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            draft([path])
        except InputError as exc:
            assert "\n" not in str(exc), path.read_text(encoding="utf-8")


def test_a_long_line_with_one_tab_is_drafted_as_a_line(work: Path) -> None:
    # a row needs three cells; a pattern that tried every split of this line took minutes
    line = "the export stalled again " * 2000 + "\t" + "and nobody was paged " * 2000
    (work / "notes.md").write_text(f"# Ops notes\n\n{line}\n", encoding="utf-8")
    result = cli("draft", "notes.md", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["goals"] == []
