"""Writing outputs safely: every target is checked before any is written, and each file is
written to a temporary name and renamed, so nothing is overwritten unasked or half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from retro_ai.errors import OutputExistsError


def check_targets(paths: list[Path], *, force: bool) -> None:
    """Fail before writing anything if a target exists (without force) or its folder is missing."""
    for path in paths:
        if path.exists() and not force:
            raise OutputExistsError(f"{path}: already exists (use --force to overwrite)")
        if path.is_dir():
            raise OutputExistsError(f"{path}: is a directory")
        if not path.parent.is_dir():
            raise OutputExistsError(f"{path.parent}: output folder does not exist")


def write_all(files: dict[Path, bytes], *, force: bool) -> None:
    """Write every file atomically after checking all of them."""
    check_targets(list(files), force=force)
    for path, text in files.items():
        _write_atomic(path, text)


def _mode() -> int:
    """The mode a plain new file gets (mkstemp's own 0600 would hide reports from colleagues)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # POSIX; Windows has no mode bits to fix
            os.fchmod(fd, _mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputExistsError(f"{path}: cannot write: {exc.strerror}") from None
