"""The batch's results as a SQLite database (OUTDIR/retro.sqlite), one row per item, so a user can
ask "every root cause of 2024" or "actions without an owner" with SQL, sqlite-utils or Datasette.

Each document is recorded in one transaction: its row is upserted and its items are replaced
(foreign keys with ON DELETE CASCADE), so re-running a batch updates the database in place and a
killed run leaves every document either as it was or fully recorded.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from retro_ai.errors import OutputExistsError
from retro_ai.schema import CauseType, Retrospective, Verdict

if TYPE_CHECKING:
    from retro_ai.batch.themes import Theme

VERDICTS: tuple[Verdict, ...] = ("exceeded", "met", "partial", "missed", "unknown")
CAUSE_TYPES: tuple[CauseType, ...] = ("trigger", "direct", "contributing", "root")
USAGE_KEYS = ("calls", "prompt_tokens", "cached_tokens", "completion_tokens")

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, digest TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')), error TEXT,
    title TEXT, kind TEXT, language TEXT, period TEXT, report_date TEXT, document_year INTEGER,
    engine TEXT, model TEXT,
    goals INTEGER NOT NULL DEFAULT 0, goals_exceeded INTEGER NOT NULL DEFAULT 0,
    goals_met INTEGER NOT NULL DEFAULT 0, goals_partial INTEGER NOT NULL DEFAULT 0,
    goals_missed INTEGER NOT NULL DEFAULT 0, goals_unknown INTEGER NOT NULL DEFAULT 0,
    problems INTEGER NOT NULL DEFAULT 0,
    causes_trigger INTEGER NOT NULL DEFAULT 0, causes_direct INTEGER NOT NULL DEFAULT 0,
    causes_contributing INTEGER NOT NULL DEFAULT 0, causes_root INTEGER NOT NULL DEFAULT 0,
    actions INTEGER NOT NULL DEFAULT 0, actions_with_owner INTEGER NOT NULL DEFAULT 0,
    actions_without_owner INTEGER NOT NULL DEFAULT 0, actions_with_due INTEGER NOT NULL DEFAULT 0,
    actions_without_due INTEGER NOT NULL DEFAULT 0,
    unverified INTEGER NOT NULL DEFAULT 0, open_questions INTEGER NOT NULL DEFAULT 0,
    calls INTEGER NOT NULL DEFAULT 0, prompt_tokens INTEGER NOT NULL DEFAULT 0,
    cached_tokens INTEGER NOT NULL DEFAULT 0, completion_tokens INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS goals (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    title TEXT, category TEXT, metric TEXT, target TEXT, target_value REAL, unit TEXT,
    direction TEXT, verified INTEGER NOT NULL, PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS results (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    goal_id TEXT, title TEXT, actual TEXT, actual_value REAL, rate REAL, verdict TEXT,
    verified INTEGER NOT NULL, PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS problems (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    title TEXT, description TEXT, verified INTEGER NOT NULL, PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS causes (
    doc_id TEXT NOT NULL, problem_id TEXT NOT NULL, id TEXT NOT NULL,
    text TEXT, type TEXT, confidence TEXT, verified INTEGER NOT NULL,
    PRIMARY KEY (doc_id, problem_id, id),
    FOREIGN KEY (doc_id, problem_id) REFERENCES problems(doc_id, id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS lessons (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    statement TEXT, polarity TEXT, verified INTEGER NOT NULL, PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS actions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    action TEXT, owner TEXT, due TEXT, due_date TEXT, horizon TEXT, area TEXT,
    problem_ids TEXT, verified INTEGER NOT NULL, PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS evidence (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item_kind TEXT NOT NULL, item_id TEXT NOT NULL, quote TEXT NOT NULL, source TEXT,
    line INTEGER, timestamp TEXT, speaker TEXT, verified INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS themes (
    theme TEXT NOT NULL, label TEXT, method TEXT,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item_kind TEXT, item_id TEXT, quote TEXT
);
CREATE INDEX IF NOT EXISTS evidence_item ON evidence (doc_id, item_kind, item_id);
CREATE INDEX IF NOT EXISTS themes_doc ON themes (doc_id);
"""

INDEX_COLUMNS = (
    "doc_id", "path", "title", "kind", "language", "period",
    "goals", *(f"goals_{v}" for v in VERDICTS), "problems",
    *(f"causes_{t}" for t in CAUSE_TYPES),
    "actions", "actions_with_owner", "actions_without_owner", "actions_with_due",
    "actions_without_due", "unverified", "open_questions", *USAGE_KEYS, "status", "error",
)  # fmt: skip


@dataclass
class DocRecord:
    """What the runner knows about one document, whether it was drafted or failed."""

    doc_id: str
    path: str
    digest: str
    status: Literal["done", "failed"]
    error: str | None = None
    usage: dict[str, int] = field(default_factory=dict)


class Store:
    """One SQLite file in WAL mode with foreign keys on; the schema is created when absent."""

    def __init__(self, path: Path) -> None:
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL never corrupts the file; a power cut may lose the last
            # documents recorded, which the next run simply drafts again.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=5000")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise OutputExistsError(f"{path}: cannot open the results database: {exc}") from None

    def finished(self, doc_id: str) -> str | None:
        """The sources digest of a document recorded done, else None."""
        row = self.db.execute(
            "SELECT digest FROM documents WHERE id = ? AND status = 'done'", (doc_id,)
        ).fetchone()
        return row[0] if row else None

    def failed_ids(self) -> list[str]:
        rows = self.db.execute("SELECT id FROM documents WHERE status = 'failed' ORDER BY id")
        return [r[0] for r in rows]

    def record(self, doc: DocRecord, retro: Retrospective | None) -> None:
        """Upsert the document and replace its items, all in one transaction."""
        row = _document_row(doc, retro)
        names = ", ".join(row)
        marks = ", ".join("?" * len(row))
        updates = ", ".join(f"{k} = excluded.{k}" for k in row if k != "id")
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for table in ("goals", "results", "problems", "lessons", "actions", "evidence"):
                db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc.doc_id,))  # noqa: S608
            db.execute(
                f"INSERT INTO documents ({names}) VALUES ({marks}) "  # noqa: S608
                f"ON CONFLICT(id) DO UPDATE SET {updates}",
                list(row.values()),
            )
            if retro is not None and doc.status == "done":
                _insert_items(db, doc.doc_id, retro)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def record_themes(self, themes: Iterable[Theme], method: str) -> None:
        """Replace every theme row with `themes`: one row per member finding."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM themes")
            db.executemany(
                "INSERT INTO themes (theme, label, method, doc_id, item_kind, item_id, quote) "
                "SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)",
                [
                    (t.id, t.name, method, m.doc_id, m.kind, m.item_id, m.quote, m.doc_id)
                    for t in themes
                    for m in t.members
                ],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def index_rows(self) -> list[dict[str, Any]]:
        """One row per document with the index columns, ordered by id."""
        return list(self.iter_index_rows())

    def iter_index_rows(self) -> Iterator[dict[str, Any]]:
        """The index rows one at a time, so a large batch never holds them all."""
        columns = ", ".join("id AS doc_id" if c == "doc_id" else c for c in INDEX_COLUMNS)
        cursor = self.db.execute(f"SELECT {columns} FROM documents ORDER BY id")  # noqa: S608
        for values in cursor:
            yield dict(zip(INDEX_COLUMNS, values, strict=True))

    def close(self) -> None:
        self.db.close()


def _document_row(doc: DocRecord, retro: Retrospective | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": doc.doc_id,
        "path": doc.path,
        "digest": doc.digest,
        "status": doc.status,
        "error": doc.error,
        "updated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **{k: int(doc.usage.get(k, 0)) for k in USAGE_KEYS},
    }
    if retro is None:
        return row
    meta = retro.meta
    verdicts = _goal_verdicts(retro)
    causes = [c for p in retro.problems for c in p.causes]
    actions = retro.action_items
    with_owner = sum(1 for a in actions if a.owner)
    with_due = sum(1 for a in actions if a.due.text or a.due.date)
    year = _year(retro, doc.doc_id)
    row.update(
        title=meta.title,
        kind=meta.kind,
        language=meta.language,
        period=meta.period,
        report_date=meta.report_date.isoformat(),
        document_year=year,
        engine=meta.engine,
        model=meta.model,
        goals=len(retro.goals),
        **{f"goals_{v}": sum(1 for g in verdicts if g == v) for v in VERDICTS},
        problems=len(retro.problems),
        **{f"causes_{t}": sum(1 for c in causes if c.type == t) for t in CAUSE_TYPES},
        actions=len(actions),
        actions_with_owner=with_owner,
        actions_without_owner=len(actions) - with_owner,
        actions_with_due=with_due,
        actions_without_due=len(actions) - with_due,
        unverified=sum(1 for _, item in _items(retro) if item.evidence and not item.verified),
        open_questions=len(retro.open_questions),
    )
    return row


def _year(retro: Retrospective, doc_id: str) -> int | None:
    """The year the document is about: from its stated period, else its title, else its path
    (`2024/db-outage`, `PM2024-001 ...`), else none."""
    import re

    for text in (retro.meta.period or "", retro.meta.title, doc_id):
        found = re.search(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", text)
        if found:
            return int(found[0])
    return None


def _goal_verdicts(retro: Retrospective) -> list[Verdict]:
    """Each goal's verdict: that of the first result pointing at it, else unknown."""
    by_goal: dict[str, Verdict] = {}
    for result in retro.results:
        if result.goal_id and result.goal_id not in by_goal:
            by_goal[result.goal_id] = result.achievement.verdict
    return [by_goal.get(goal.id, "unknown") for goal in retro.goals]


def _items(node: object, kind: str = "") -> Iterator[tuple[str, Any]]:
    """(field name, item) for every evidence-carrying item anywhere in the retrospective."""
    if isinstance(node, BaseModel):
        fields = type(node).model_fields
        if "evidence" in fields and "id" in fields:
            yield kind, node
        for name in fields:
            if name not in ("evidence", "meta"):
                yield from _items(getattr(node, name), name)
    elif isinstance(node, list):
        for item in node:
            yield from _items(item, kind)


def _insert_items(db: sqlite3.Connection, doc_id: str, retro: Retrospective) -> None:
    db.executemany(
        "INSERT INTO goals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (doc_id, g.id, g.title, g.category, g.metric, g.target.text, g.target.value,
             g.unit or g.target.unit, g.direction, g.verified)
            for g in retro.goals
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (doc_id, r.id, r.goal_id, r.title, r.actual.text, r.actual.value,
             r.achievement.rate, r.achievement.verdict, r.verified)
            for r in retro.results
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT OR REPLACE INTO problems VALUES (?, ?, ?, ?, ?)",
        [(doc_id, p.id, p.title, p.description, p.verified) for p in retro.problems],
    )
    db.executemany(
        "INSERT OR REPLACE INTO causes VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (doc_id, p.id, c.id, c.text, c.type, c.confidence, c.verified)
            for p in retro.problems
            for c in p.causes
        ],
    )
    db.executemany(
        "INSERT OR REPLACE INTO lessons VALUES (?, ?, ?, ?, ?)",
        [(doc_id, x.id, x.statement, x.polarity, x.verified) for x in retro.lessons],
    )
    db.executemany(
        "INSERT OR REPLACE INTO actions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (doc_id, a.id, a.action, a.owner, a.due.text or None,
             a.due.date.isoformat() if a.due.date else None, a.horizon, a.area,
             json.dumps(a.problem_ids), a.verified)
            for a in retro.action_items
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (doc_id, kind, item.id, e.quote, e.source, e.line, e.timestamp, e.speaker, e.verified)
            for kind, item in _items(retro)
            for e in item.evidence
        ],
    )
