"""Where the bundled prompts and templates live: in the wheel, or beside the package."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """`prompts` or `templates`: inside the package in a wheel, at the root in a checkout."""
    inside = _PACKAGE / "data" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name
