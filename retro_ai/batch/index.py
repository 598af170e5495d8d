"""The batch index: one row per document in `index.jsonl` and `index.csv`, read from the database
so it always describes every document the output folder holds, not only this run's."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from retro_ai.batch.store import INDEX_COLUMNS
from retro_ai.render.write import write_all

INDEX_FILES = ("index.jsonl", "index.csv")


def index_files(rows: Iterable[dict[str, Any]]) -> dict[str, bytes]:
    """The content of `index.jsonl` (one JSON object a line) and `index.csv` (with a header)."""
    lines = io.StringIO()
    table = io.StringIO(newline="")
    writer = csv.DictWriter(table, fieldnames=INDEX_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        lines.write(json.dumps(row, ensure_ascii=False) + "\n")
        writer.writerow(row)
    return {
        "index.jsonl": lines.getvalue().encode("utf-8"),
        "index.csv": table.getvalue().encode("utf-8-sig"),  # the BOM lets Excel read Chinese
    }


def write_index(rows: Iterable[dict[str, Any]], outdir: Path) -> None:
    """Replace both index files atomically."""
    write_all({outdir / name: data for name, data in index_files(rows).items()}, force=True)
