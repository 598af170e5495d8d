"""Read the input paths the user gave into Sources: one decoding and typing rule for all commands.

The type comes from the suffix where it is unambiguous (.csv, .vtt, ...) and from the content
otherwise, so a pasted transcript saved as .txt or piped through stdin still keeps its speakers.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from retro_ai.errors import InputError, MissingInputError
from retro_ai.ingest.decode import check_size, decode, read_capped
from retro_ai.ingest.metrics import MetricsFormat, parse_metrics
from retro_ai.ingest.source import Line, Source
from retro_ai.ingest.transcript import card_authors, detect_transcript, parse_transcript

STDIN_NAME = "<stdin>"

_METRICS_SUFFIXES: dict[str, MetricsFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def _read(path: str, *, regular_only: bool = False) -> bytes:
    """Read a file's bytes, never more than the size limit, refusing what cannot be read.

    Directories and missing files are refused before opening. FIFOs and devices are read up to
    the limit, unless `regular_only` (paths taken from a draft rather than from the user) refuses
    anything but a regular file, both before opening and on the handle actually opened.
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise MissingInputError(f"{path}: is a directory, not a file")
        if regular_only and not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file")
        with open(path, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if regular_only and not stat.S_ISREG(opened.st_mode):  # swapped since the stat
                raise InputError(f"{path}: not a regular file")
            if stat.S_ISREG(opened.st_mode):
                check_size(opened.st_size, path)
            return read_capped(handle, path)
    except FileNotFoundError:
        raise MissingInputError(f"{path}: no such file") from None
    except OSError as exc:
        if os.path.isdir(path):  # IsADirectoryError on POSIX, PermissionError on Windows
            raise MissingInputError(f"{path}: is a directory, not a file") from None
        raise MissingInputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _plain_lines(text: str) -> list[Line]:
    """One Line per non-blank line, numbered as in the file."""
    return [
        Line(number=number, text=line)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    ]


def _load_one(source_id: str, name: str, data: bytes, suffix: str) -> Source:
    text, encoding = decode(data, name)
    metrics_format = _METRICS_SUFFIXES.get(suffix)
    if metrics_format is not None:
        rows = parse_metrics(text, metrics_format, name=name)
        return Source(
            id=source_id,
            name=name,
            type="metrics",
            encoding=encoding,
            lines=_plain_lines(text),
            metrics=rows,
        )
    fmt = detect_transcript(text, suffix)
    if fmt is not None:
        lines = parse_transcript(text, fmt, name=name)
        return Source(id=source_id, name=name, type="transcript", encoding=encoding, lines=lines)
    lines = card_authors(_plain_lines(text))
    return Source(id=source_id, name=name, type="notes", encoding=encoding, lines=lines)


def load_sources(
    paths: Sequence[str | Path], *, stdin: bytes | None = None, regular_only: bool = False
) -> list[Source]:
    """Load every path (or "-" for stdin) into a Source with ids S1, S2, ... in the given order.

    Raises MissingInputError for paths that cannot be read and InputError for bad content.
    With `regular_only` (paths a draft names) only regular files are read: no FIFOs, devices,
    or stdin ("-" is then a file name).
    """
    if not paths:
        raise InputError("no input files given")
    sources: list[Source] = []
    for index, path in enumerate(paths, start=1):
        name = str(path)
        if name == "-" and not regular_only:
            data = stdin if stdin is not None else read_capped(sys.stdin.buffer, STDIN_NAME)
            sources.append(_load_one(f"S{index}", STDIN_NAME, data, ""))
        else:
            data = _read(name, regular_only=regular_only)
            sources.append(_load_one(f"S{index}", name, data, Path(name).suffix.lower()))
    return sources


def read_text(path: str | Path) -> str:
    """Read and decode one text file with the same checks and errors as `load_sources`."""
    name = str(path)
    return decode(_read(name), name)[0]
