"""Precision and recall of the offline draft per section, against hand-labelled documents.

Each `tests/data/labels/<name>.yaml` names a document (a path relative to the repo, and for
the seed file which of its parts 篇一/篇二/篇三), its kind and language, and per section the
items a careful reader would extract, each as a short verbatim key of its line. An extracted
item is a true positive when the line of one of its evidence quotes contains a label key; each
label is matched at most once. Used by tests/test_quality.py and bench/offline_quality.py, so
it needs retro_ai and PyYAML only, never pytest.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from retro_ai import draft
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "labels"
REPORT_DATE = date(2026, 11, 28)
SECTIONS = (
    "goals",
    "results",
    "highlights",
    "problems",
    "lessons",
    "actions",
    "timeline",
    "phases",
    "follow_ups",
    "incident",
)
ITEM_ATTRS = {
    "goals": "goals",
    "results": "results",
    "highlights": "highlights",
    "problems": "problems",
    "lessons": "lessons",
    "actions": "action_items",
    "timeline": "timeline",
    "phases": "phases",
    "follow_ups": "follow_ups",
}
INCIDENT_FIELDS = ("impact", "detection", "resolution")
GUARDED = ("goals", "results", "actions")  # an item of one must not land in another
_PARTS = ("篇一", "篇二", "篇三")

Evidence = list[tuple[str, str]]  # (quote, the line it was found on)
Key = tuple[str, ...]  # one labelled item: any of these substrings names its line


def _key(item: object) -> Key:
    return tuple(str(k) for k in item) if isinstance(item, list) else (str(item),)


@dataclass
class Label:
    name: str
    path: Path
    part: str | None
    kind: str
    language: str
    sections: dict[str, list[Key]]
    statuses: dict[Key, str] = field(default_factory=dict)  # follow-up key -> status
    incident: dict[str, list[str]] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.path.is_file()

    def text(self) -> str:
        """The labelled document: the whole file, or one part of the seed file."""
        text = self.path.read_text(encoding="utf-8")
        if self.part is None:
            return text
        out: list[str] = []
        inside = False
        for line in text.splitlines():
            if line.startswith(_PARTS):
                inside = line.startswith(self.part)
            if inside:
                out.append(line)
        return "\n".join(out) + "\n"


def load_labels(directory: Path = LABELS) -> list[Label]:
    labels = []
    for file in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        sections: dict[str, list[Key]] = {}
        statuses: dict[Key, str] = {}
        for name, items in (data.get("sections") or {}).items():
            keys = []
            for item in items or []:
                if isinstance(item, dict):
                    keys.append(_key(item["key"]))
                    statuses[keys[-1]] = str(item["status"])
                else:
                    keys.append(_key(item))
            sections[name] = keys
        incident = {k: [str(x) for x in v] for k, v in (data.get("incident") or {}).items() if v}
        labels.append(
            Label(
                name=file.stem,
                path=(ROOT / data["path"]).resolve(),
                part=data.get("part"),
                kind=data["kind"],
                language=data["language"],
                sections=sections,
                statuses=statuses,
                incident=incident,
            )
        )
    return labels


@dataclass
class Counts:
    tp: int = 0
    extracted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.labelled if self.labelled else None

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.extracted += other.extracted
        self.labelled += other.labelled


@dataclass
class DocScore:
    label: Label
    kind: str
    language: str
    sections: dict[str, Counts]
    missed: dict[str, list[str]]  # (first) label keys no extracted item matched
    spurious: dict[str, list[str]]  # quotes of extracted items that matched no label
    misplaced: list[tuple[str, str, str]]  # (section it landed in, key, section it belongs to)
    status_right: int = 0
    status_total: int = 0

    @property
    def kind_ok(self) -> bool:
        return self.kind == self.label.kind

    @property
    def language_ok(self) -> bool:
        return self.language == self.label.language

    def total(self) -> Counts:
        out = Counts()
        for counts in self.sections.values():
            out.add(counts)
        return out


def run_draft(label: Label, workdir: Path) -> tuple[Retrospective, list[str]]:
    """Draft the document offline (kind and language detected) and return it with its lines."""
    path = label.path
    if label.part is not None:
        path = workdir / f"{label.name}.txt"
        path.write_text(label.text(), encoding="utf-8")
    retro = draft([path], settings=Settings(), report_date=REPORT_DATE)
    return retro, path.read_text(encoding="utf-8").splitlines()


def _evidence(item: object, lines: list[str]) -> Evidence:
    out = []
    for ev in getattr(item, "evidence", []):
        if ev.verified and ev.line and 0 < ev.line <= len(lines):
            out.append((ev.quote, lines[ev.line - 1]))
    return out


def _in(key: Key, texts: list[str]) -> bool:
    return any(k in t for k in key for t in texts)


def _match(items: list[Evidence], keys: list[Key]) -> tuple[list[int | None], set[int]]:
    """For each item the index of the label it matched (or None); a key's line must hold it,
    and a key inside the quote itself is preferred to one elsewhere on the line."""
    used: set[int] = set()
    picks: list[int | None] = []
    for ev in items:
        lines, quotes = [ln for _q, ln in ev], [q for q, _ln in ev]
        cands = [i for i, k in enumerate(keys) if i not in used and _in(k, lines)]
        in_quote = [i for i in cands if _in(keys[i], quotes)]
        pick = (in_quote or cands or [None])[0]
        if pick is not None:
            used.add(pick)
        picks.append(pick)
    return picks, used


def score(label: Label, retro: Retrospective, lines: list[str]) -> DocScore:
    sections: dict[str, Counts] = {}
    missed: dict[str, list[str]] = {}
    spurious: dict[str, list[str]] = {}
    evidence: dict[str, list[Evidence]] = {}
    doc = DocScore(label, retro.meta.kind, retro.meta.language, sections, missed, spurious, [])
    for name, attr in ITEM_ATTRS.items():
        items = list(getattr(retro, attr))
        keys = label.sections.get(name, [])
        if not items and name not in label.sections:
            continue
        evidence[name] = [_evidence(item, lines) for item in items]
        picks, used = _match(evidence[name], keys)
        sections[name] = Counts(len(used), len(items), len(keys))
        missed[name] = [k[0] for i, k in enumerate(keys) if i not in used]
        spurious[name] = [
            (ev[0][0] if ev else "(unverified)")
            for ev, pick in zip(evidence[name], picks, strict=True)
            if pick is None
        ]
        if name == "follow_ups":
            for item, pick in zip(items, picks, strict=True):
                if pick is not None and keys[pick] in label.statuses:
                    doc.status_total += 1
                    doc.status_right += item.status == label.statuses[keys[pick]]
    _score_incident(doc, retro, lines)
    for name in GUARDED:
        own = label.sections.get(name, [])
        for ev in evidence.get(name, []):
            ev_lines = [ln for _q, ln in ev]
            if any(_in(k, ev_lines) for k in own):
                continue
            for other in GUARDED:
                for key in label.sections.get(other, []) if other != name else []:
                    if _in(key, ev_lines):
                        doc.misplaced.append((name, key[0], other))
    return doc


def _score_incident(doc: DocScore, retro: Retrospective, lines: list[str]) -> None:
    label = doc.label
    incident = retro.incident
    found = {f: getattr(incident, f) if incident else None for f in INCIDENT_FIELDS}
    if not label.incident and not any(found.values()):
        return
    counts = Counts()
    doc.missed["incident"], doc.spurious["incident"] = [], []
    for name in INCIDENT_FIELDS:
        statement, keys = found[name], label.incident.get(name, [])
        counts.extracted += statement is not None
        counts.labelled += bool(keys)
        ev_lines = [ln for _q, ln in _evidence(statement, lines)] if statement else []
        hit = any(k in ln for k in keys for ln in ev_lines)
        counts.tp += hit
        if keys and not hit:
            doc.missed["incident"].append(f"{name}: {keys[0]}")
        if statement is not None and not hit:
            doc.spurious["incident"].append(f"{name}: {statement.text}")
    doc.sections["incident"] = counts


def evaluate(labels: list[Label] | None = None) -> list[DocScore]:
    """Score every labelled document whose file is present."""
    labels = load_labels() if labels is None else labels
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for label in labels:
            if label.available:
                retro, lines = run_draft(label, Path(tmp))
                out.append(score(label, retro, lines))
    return out


def totals(scores: list[DocScore]) -> dict[str, Counts]:
    """Micro-averaged counts per section over all documents, in `SECTIONS` order."""
    out = {name: Counts() for name in SECTIONS}
    for doc in scores:
        for name, counts in doc.sections.items():
            out[name].add(counts)
    return {k: v for k, v in out.items() if v.extracted or v.labelled}
