"""Writing outputs all or nothing.

Every target is checked before anything is written. Each file is then written in full (flushed
and synced) to a temporary file beside its target, and only when all of them are complete are
they renamed into place. An existing file that --force replaces is first renamed aside, so if a
later rename fails it can be put back: a failed run leaves no new file and changes no old one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from retro_ai.errors import OutputExistsError

# A file's bytes, or its parts in order: a long draft's JSON is written in parts, never joined.
Content = bytes | tuple[bytes, ...]


def check_targets(paths: list[Path], *, force: bool) -> None:
    """Fail before writing anything (and before any model call) if a target exists without
    force (a dangling symlink counts), is a directory, or its folder is missing or unwritable."""
    for path in paths:
        if os.path.lexists(path) and not force:
            raise OutputExistsError(f"{path}: already exists (use --force to overwrite)")
        if path.is_dir():
            raise OutputExistsError(f"{path}: is a directory")
        if not path.parent.is_dir():
            raise OutputExistsError(f"{path.parent}: output folder does not exist")
    for folder in dict.fromkeys(path.parent for path in paths):
        _probe(folder)


def write_all(
    files: dict[Path, Content], *, force: bool, private: frozenset[Path] = frozenset()
) -> None:
    """Write every file or none of them (see the module docstring).

    Files in `private` are readable by their owner only (0600), whatever they replace.
    """
    check_targets(list(files), force=force)
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            mode = 0o600 if path in private else None
            _stage(path, data, force=force, staged=staged, mode=mode)
        _commit(staged, force=force)
    finally:
        for tmp in staged.values():  # renamed ones are gone already
            tmp.unlink(missing_ok=True)


def _probe(folder: Path) -> None:
    """Create and drop a file in `folder`: the one honest test of permissions, ACLs and
    read-only mounts, done before the model runs rather than after."""
    try:
        with tempfile.TemporaryFile(prefix=".retro-ai.", suffix=".tmp", dir=folder):
            pass
    except OSError as exc:
        raise OutputExistsError(f"{folder}: cannot write to this folder: {exc.strerror}") from None


def _cannot_write(path: Path, exc: OSError) -> OutputExistsError:
    return OutputExistsError(f"{path}: cannot write: {exc.strerror or exc}")


def _mode(path: Path, *, force: bool) -> int:
    """The permission bits for `path`: those of the file --force replaces, else what a plain new
    file gets (mkstemp's own 0600 would hide reports from colleagues)."""
    if force:
        try:
            return stat.S_IMODE(os.stat(path).st_mode) & 0o777
        except OSError:  # nothing there, or a dangling symlink: a new file
            pass
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(
    path: Path, data: Content, *, force: bool, staged: dict[Path, Path], mode: int | None = None
) -> None:
    """Write `data` completely to a temporary file beside `path`, recorded in `staged`."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    staged[path] = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # POSIX; Windows has no mode bits to set
                os.fchmod(handle.fileno(), _mode(path, force=force) if mode is None else mode)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _commit(staged: dict[Path, Path], *, force: bool) -> None:
    """Rename every staged file into place; if one fails (or the run is interrupted), remove
    the new files placed so far and put back every file set aside."""
    placed: list[tuple[Path, Path | None]] = []
    try:
        for path, tmp in staged.items():
            if os.path.lexists(path) and not force:  # appeared since the check
                raise OutputExistsError(f"{path}: already exists (use --force to overwrite)")
            try:
                backup = _set_aside(path) if os.path.lexists(path) else None
                placed.append((path, backup))
                os.replace(tmp, path)
            except OSError as exc:
                raise _cannot_write(path, exc) from None
    except BaseException as exc:
        kept = _undo(placed)
        if kept and isinstance(exc, OutputExistsError):
            raise OutputExistsError(f"{exc}; {kept}") from None
        raise
    for path, backup in placed:
        if backup is not None:
            try:
                backup.unlink()
            except OSError as exc:
                raise OutputExistsError(
                    f"{path}: written, but its previous version {backup} "
                    f"cannot be removed: {exc.strerror}"
                ) from None


def _set_aside(path: Path) -> Path:
    """Rename the file (or symlink) at `path` to a fresh hidden name in the same folder."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent)
    os.close(fd)
    try:
        os.replace(path, name)
    except OSError:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _undo(placed: list[tuple[Path, Path | None]]) -> str:
    """Remove new files and put set-aside ones back; say where any that could not be are kept."""
    kept = []
    for path, backup in reversed(placed):
        try:
            if backup is None:
                path.unlink(missing_ok=True)
            else:
                os.replace(backup, path)
        except OSError as exc:
            if backup is not None:
                kept.append(f"previous {path} kept as {backup} ({exc.strerror})")
            else:
                kept.append(f"could not remove {path} ({exc.strerror})")
    return "; ".join(kept)
