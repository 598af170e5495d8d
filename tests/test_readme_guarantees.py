"""The README's guarantees table names real tests: a renamed or deleted test breaks this."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## What retro-ai guarantees")
    return readme[start : readme.index("\n## ", start + 1)]


def _cited() -> list[tuple[str, str]]:
    """(test file, test name) for every citation; `::name` repeats the row's last file."""
    cited = []
    for row in _section().splitlines():
        if not row.startswith("| ") or row.startswith(("| guarantee", "|---")):
            continue
        current = None
        for file, name in re.findall(r"`(test_[\w]+\.py)?::(test_\w+)`", row):
            current = file or current
            assert current, f"citation without a file: {row[:60]}"
            cited.append((current, name))
    return cited


def test_every_guarantee_cites_tests_that_exist() -> None:
    cited = _cited()
    assert len(cited) >= 40
    for file, name in cited:
        tree = ast.parse((ROOT / "tests" / file).read_text(encoding="utf-8"))
        names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        assert name in names, f"README cites {file}::{name}, which does not exist"
