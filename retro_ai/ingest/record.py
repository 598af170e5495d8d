"""What a draft records about each source, and reading the sources again for a redraft.

A redraft reads only files whose recorded digest it can check, so a shared draft cannot make
retro-ai read (and send to a model) a local file the draft was not made from.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from retro_ai.errors import InputError
from retro_ai.ingest.loader import STDIN_NAME, load_sources
from retro_ai.ingest.source import Source
from retro_ai.schema import SourceInfo


def source_digest(source: Source) -> str:
    """A digest of the text as read, so a redraft can tell that a source has changed."""
    return hashlib.sha256(source.text().encode("utf-8")).hexdigest()


def source_info(source: Source) -> SourceInfo:
    """The record of one source: where it was read from, its digest, type and encoding."""
    path = None if source.name == STDIN_NAME else str(Path(source.name).resolve())
    return SourceInfo(
        id=source.id,
        name=source.name,
        path=path,
        sha256=source_digest(source),
        type=source.type,
        encoding=source.encoding,
        lines=len(source.lines),
    )


def source_paths(infos: list[SourceInfo], base_dir: Path) -> list[Path]:
    """Where to read each source again, refusing before any read what the digest cannot vouch for.

    A shared draft must not choose which local files are read and sent to a model: only a
    source whose recorded digest will be checked is read at all.
    """
    paths = []
    for info in infos:
        if info.path is None:
            raise InputError(f"{info.name}: was read from stdin and cannot be read again")
        if not info.sha256:
            raise InputError(
                f"{info.name}: the draft records no sha256 digest for this source, "
                "so it is not read again; draft it again"
            )
        paths.append(Path(os.path.abspath(base_dir / info.path)))
    return paths


def reload_sources(infos: list[SourceInfo], paths: list[Path]) -> list[Source]:
    """Read regular files only, and refuse any whose text differs from the draft's digest."""
    sources = load_sources(paths, regular_only=True)
    for info, source in zip(infos, sources, strict=True):
        source.id, source.name = info.id, info.name
        if source_digest(source) != info.sha256:
            raise InputError(f"{info.name}: changed since the draft; draft it again")
    return sources
