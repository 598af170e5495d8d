"""Turning the paths a user gives into jobs: one document each, with the metrics beside it.

A document's id is its path relative to the folder it was found under, without its suffix and
with "/" kept (`2024/db-outage`), so outputs mirror the input tree and never collide across
sub-folders. A metrics file (.csv/.json/.yaml) with the same stem beside a document belongs to
that document rather than being drafted on its own.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from retro_ai.errors import MissingInputError, UsageError

DOCUMENT_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".text", ".vtt", ".srt"})
METRICS_SUFFIXES = (".csv", ".tsv", ".json", ".yaml", ".yml")


@dataclass
class Job:
    """One document to draft: its id, its file and the metrics files that go with it."""

    doc_id: str
    path: Path
    metrics: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [self.path, *self.metrics]

    def digest(self) -> str:
        """sha256 over every file's name and bytes: a changed or newly attached file re-drafts."""
        h = hashlib.sha256()
        for path in self.files:
            h.update(path.name.encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
        return h.hexdigest()


def _doc_id(path: Path, root: Path) -> str:
    rel = path.relative_to(root).with_suffix("") if path.suffix else path.relative_to(root)
    return rel.as_posix()


def _metrics_beside(path: Path) -> list[Path]:
    """Metrics files named like the document (`retro.md` → `retro.csv`), in a stable order."""
    stem = path.with_suffix("") if path.suffix else path
    return [
        p for s in METRICS_SUFFIXES if (p := stem.with_name(stem.name + s)).is_file() and p != path
    ]


def _walk(folder: Path) -> Iterator[Path]:
    """Document files under `folder`, recursively, sorted, skipping hidden files and folders."""
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                yield Path(top) / name


def _expand(arg: str) -> Iterator[tuple[Path, Path]]:
    """(file, root its id is relative to) for one argument: a folder, a glob or a file."""
    path = Path(arg)
    if path.is_dir():
        for found in _walk(path):
            yield found, path
    elif glob.has_magic(arg):
        base = Path(arg.split("*")[0].split("?")[0].split("[")[0])
        root = base if arg.endswith(os.sep) or base.is_dir() else base.parent
        matches = sorted(glob.glob(arg, recursive=True))
        for match in matches:
            found = Path(match)
            if found.is_file() and found.suffix.lower() not in METRICS_SUFFIXES:
                yield found, root
            elif found.is_dir():
                for inner in _walk(found):
                    yield inner, root
    elif path.is_file():
        yield path, path.parent
    else:
        raise MissingInputError(f"{arg}: no such file or folder")


def _belongs_to_document(path: Path) -> bool:
    """A metrics file named like a document beside it: drafted with that document."""
    if path.suffix.lower() not in METRICS_SUFFIXES:
        return False
    return any(path.with_suffix(s).is_file() for s in DOCUMENT_SUFFIXES)


def discover(args: Sequence[str], *, exclude: Path | None = None) -> list[Job]:
    """Every job for the given folders, globs and files, in a stable order, each document once.

    Files under `exclude` (the output folder, which may sit inside an input folder) are never
    documents. Two different documents that would get the same id (`a.md` and `a.txt`) are
    refused before anything runs, since their outputs would overwrite each other.
    """
    if not args:
        raise UsageError("no input paths given")
    skip = exclude.resolve() if exclude is not None else None
    jobs: dict[str, Job] = {}
    seen: set[Path] = set()
    for arg in args:
        for path, root in _expand(arg):
            real = path.resolve()
            if real in seen or (skip is not None and real.is_relative_to(skip)):
                continue
            if _belongs_to_document(path):
                continue
            seen.add(real)
            doc_id = _doc_id(path, root)
            if doc_id in jobs:
                raise UsageError(
                    f"{jobs[doc_id].path} and {path} would both be written as {doc_id}.retro.*; "
                    "rename one"
                )
            jobs[doc_id] = Job(doc_id, path, _metrics_beside(path))
    if not jobs:
        raise MissingInputError(f"no documents found in {', '.join(args)}")
    return list(jobs.values())
