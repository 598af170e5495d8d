"""Writing outputs when things go wrong: a full disk, a read-only folder, a rename failing midway,
symlinks at the target, permissions kept on --force, and output names that never collide.

Disk-full and read-only cases run the real CLI in a subprocess: one with a file-size limit
(writes past it fail with EFBIG, as on a full disk), one in a folder without write permission
(as root, the child first drops the capabilities that let root ignore file permissions).
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.errors import OutputExistsError
from retro_ai.render.write import write_all

runner = CliRunner()
NOTES = """# Checkout redesign retro
Goal: raise checkout conversion to 3.5%
Goal: p95 latency under 300ms
Result: conversion reached 3.1% by the end of the month
Went well: the staged rollout caught two bugs early
Problem: the payment provider sandbox was down for two days
Lesson: keep feature flags for every risky change
Action: add a second sandbox provider, owner Dana, due 2026-12-15
"""
ALL = ("md", "html", "docx", "json")
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
# Above the .md, .html and .json of NOTES (a few KB each), below the .docx (tens of KB).
FILE_SIZE_LIMIT = 16_000


def draft(*args: str):
    return runner.invoke(app, ["draft", "--date", "2026-11-28", "--no-progress", *args])


def drop_root_file_override() -> None:
    """Make a root child obey file permissions: drop the capabilities before it executes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_cli(*args: str, cwd: Path, fsize: int | None = None, obey_permissions: bool = False):
    """Run the real CLI in a child process, optionally with a file-size limit or, for root,
    without the power to write where permissions forbid it."""

    def limit() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write with EFBIG instead
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if obey_permissions and os.getuid() == 0:
            drop_root_file_override()

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "retro_ai", *args],
        cwd=cwd,
        env=env,
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=60,
    )


def error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("retro-ai: error:")]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    return tmp_path


@pytest.fixture
def read_only(work: Path) -> Iterator[Path]:
    """The work folder without write permission (for root too, see run_cli)."""
    if os.getuid() == 0 and not sys.platform.startswith("linux"):
        pytest.skip("root ignores folder permissions and capabilities can only be dropped on Linux")
    work.chmod(0o555)
    yield work
    work.chmod(0o755)


def test_full_disk_leaves_no_new_output(work):
    result = run_cli("draft", "notes.md", "-f", ",".join(ALL), cwd=work, fsize=FILE_SIZE_LIMIT)
    assert result.returncode == 73, result.stderr
    (line,) = error_lines(result.stderr)
    assert "notes.retro.docx" in line and "File too large" in line
    assert sorted(p.name for p in work.iterdir()) == ["notes.md"]  # no outputs, no temp files


def test_full_disk_with_force_keeps_existing_files_untouched(work):
    assert draft("notes.md", "-f", ",".join(ALL)).exit_code == 0
    before = {}
    for ext in ALL:
        path = work / f"notes.retro.{ext}"
        path.write_bytes(f"kept {ext}\n".encode())
        before[path.name] = (path.read_bytes(), path.stat().st_ino)
    result = run_cli(
        "draft", "notes.md", "-f", ",".join(ALL), "--force", cwd=work, fsize=FILE_SIZE_LIMIT
    )
    assert result.returncode == 73, result.stderr
    assert len(error_lines(result.stderr)) == 1
    after = {
        p.name: (p.read_bytes(), p.stat().st_ino) for p in work.iterdir() if p.name != "notes.md"
    }
    assert after == before


def test_rename_failing_midway_restores_replaced_files(tmp_path, monkeypatch):
    old = {"a.md": b"old a", "b.html": b"old b", "d.json": b"old d"}
    for name, data in old.items():
        (tmp_path / name).write_bytes(data)
    new = {tmp_path / n: f"new {n}".encode() for n in ("a.md", "b.html", "c.docx", "d.json")}
    real_replace = os.replace

    def failing_replace(src, dst, **kwargs):
        if Path(dst) == tmp_path / "c.docx" and Path(src).read_bytes() == b"new c.docx":
            raise OSError(5, "Input/output error")
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputExistsError, match=r"c\.docx: cannot write: Input/output error"):
        write_all(new, force=True)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_read_only_output_folder_is_exit_73_and_one_line(read_only):
    result = run_cli("draft", "notes.md", cwd=read_only, obey_permissions=True)
    assert result.returncode == 73, result.stderr
    (line,) = error_lines(result.stderr)
    assert "Permission denied" in line
    assert sorted(p.name for p in read_only.iterdir()) == ["notes.md"]


def test_read_only_output_folder_fails_before_any_model_call(read_only, fake_server):
    srv = fake_server()
    result = run_cli(
        "draft",
        "notes.md",
        "-m",
        "fake-gpt",
        "--base-url",
        srv.base_url,
        "--no-progress",
        cwd=read_only,
        obey_permissions=True,
    )
    assert result.returncode == 73, result.stderr
    assert len(error_lines(result.stderr)) == 1
    assert srv.requests == []


def test_force_keeps_the_existing_files_permissions(work):
    assert draft("notes.md").exit_code == 0
    (work / "notes.retro.md").chmod(0o600)
    (work / "notes.retro.json").chmod(0o640)
    old = os.umask(0o022)
    try:
        assert draft("notes.md", "-f", "md,json,html", "--force").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((work / "notes.retro.md").stat().st_mode) == 0o600
    assert stat.S_IMODE((work / "notes.retro.json").stat().st_mode) == 0o640
    assert stat.S_IMODE((work / "notes.retro.html").stat().st_mode) == 0o644  # new: umask


def test_redraft_checks_its_targets_before_calling_the_model(work, fake_server):
    assert draft("notes.md").exit_code == 0
    env = {"OPENAI_API_KEY": "sk-test", "RETRO_AI_MAX_RETRIES": "0"}
    srv = fake_server()
    args = ["redraft", "notes.retro.json", "-s", "actions", "--no-progress"]
    args += ["-m", "fake-gpt", "--base-url", srv.base_url]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 73, result.output
    assert "already exists" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert srv.requests == []


def test_symlink_at_the_target_is_refused_without_force_and_replaced_itself_with_it(work):
    (work / "notes.retro.json").symlink_to(work / "elsewhere" / "report.json")  # dangling
    result = draft("notes.md")
    assert result.exit_code == 73 and "notes.retro.json: already exists" in result.stderr
    assert (work / "notes.retro.json").is_symlink() and not (work / "notes.retro.md").exists()
    victim = work / "victim.md"
    victim.write_text("not a report\n", encoding="utf-8")
    (work / "notes.retro.md").symlink_to(victim)
    assert draft("notes.md", "--force").exit_code == 0
    for ext in ("md", "json"):
        path = work / f"notes.retro.{ext}"
        assert not path.is_symlink() and path.stat().st_size > 0
    assert victim.read_text(encoding="utf-8") == "not a report\n"
    assert not (work / "elsewhere").exists()


@pytest.mark.parametrize(
    "name,stem",
    [("a.b.c.md", "a.b.c"), (".hidden.md", ".hidden"), ("..md", ".")],
)
def test_output_names_drop_only_the_last_extension(work, name, stem):
    (work / name).write_text(NOTES, encoding="utf-8")
    result = draft(name)
    assert result.exit_code == 0, result.output
    assert (work / f"{stem}.retro.md").is_file() and (work / f"{stem}.retro.json").is_file()
    assert not (work / "retro.retro.md").exists()
    result = runner.invoke(app, ["render", f"{stem}.retro.json", "-f", "html"])
    assert result.exit_code == 0, result.output
    assert (work / f"{stem}.retro.html").is_file()


def test_two_inputs_never_silently_share_outputs(work):
    for name in ("v1.2.md", "v1.3.md"):
        (work / name).write_text(NOTES, encoding="utf-8")
        assert draft(name).exit_code == 0
    assert (work / "v1.2.retro.md").is_file() and (work / "v1.3.retro.md").is_file()
    (work / "notes.txt").write_text(NOTES, encoding="utf-8")
    assert draft("notes.txt").exit_code == 0
    drafted = (work / "notes.retro.json").read_bytes()
    result = draft("notes.md")  # the same stem: refused, not overwritten
    assert result.exit_code == 73 and "already exists" in result.stderr
    assert (work / "notes.retro.json").read_bytes() == drafted
