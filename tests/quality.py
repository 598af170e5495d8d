"""Precision and recall of the offline draft per section, against hand-labelled documents.

Three labelled sets: "old" (`tests/data/labels/<name>.yaml`, each naming a document by a path
relative to the repo, and for the seed file which of its parts 篇一/篇二/篇三), and the unseen
"dev" and "heldout" halves (`tests/data/unseen/<set>/<stem>.yaml`, each beside its document of
the same stem). A label gives the kind and language, and per section the items a careful reader
would extract, each as a short verbatim key of its line (a list of keys means any of them). An
extracted item is a true positive when the line of one of its evidence quotes contains a label
key; each label is matched at most once.

An item may be a mapping that adds what the reader knows about it: `{key, verdict}` for goals,
`{key, owner, due}` for actions (owner a name or a list of names; due an ISO date, or the words
as written when the document's own date cannot resolve them), `{key, type, hypothesis}` for
causes, `{key, status}` for follow-ups. `lucky` lists the highlights that were luck (they are
highlights too), a top-level `date` is the document's own date, and `incident` may state `ttd`
and `ttr` besides its impact/detection/resolution keys. In the unseen sets every section a label
leaves out is labelled empty (phases excepted); old labels score only what they name.

Used by tests/test_quality.py and bench/offline_quality.py, so it needs retro_ai and PyYAML only,
never pytest.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from retro_ai import draft
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "labels"
UNSEEN = ROOT / "tests" / "data" / "unseen"
SETS = {"old": LABELS, "dev": UNSEEN / "dev", "heldout": UNSEEN / "heldout"}
REPORT_DATE = date(2026, 11, 28)
SECTIONS = (
    "goals",
    "results",
    "highlights",
    "problems",
    "causes",
    "lucky",
    "lessons",
    "actions",
    "timeline",
    "phases",
    "follow_ups",
    "incident",
)
CORE = ("goals", "highlights", "problems", "causes", "lessons", "actions")  # the headline micro
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
DURATIONS = {"ttd": "time_to_detect", "ttr": "time_to_recover"}
GUARDED = ("goals", "results", "actions")  # an item of one must not land in another
VERDICTS = ("exceeded", "met", "partial", "missed", "unknown")
CAUSE_TYPES = ("trigger", "direct", "root", "contributing")
SHAPES = ("A", "B", "C", "D", "E", "F", "G")
_PARTS = ("篇一", "篇二", "篇三")
_OPTIONAL = frozenset({"phases"})  # never labelled in the unseen sets: scored only when named

Evidence = list[tuple[str, str]]  # (quote, the line it was found on)
Key = tuple[str, ...]  # one labelled item: any of these substrings names its line
Detail = dict[str, Any]  # what a label adds to its key: verdict, owner, due, type, ...


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
    details: dict[str, list[Detail]] = field(default_factory=dict)  # parallel to `sections`
    durations: dict[str, str] = field(default_factory=dict)  # "ttd"/"ttr" -> as stated
    date: date | None = None
    shapes: tuple[str, ...] = ()
    complete: bool = False  # sections left out are labelled empty (the unseen sets)

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

    def keys(self, section: str) -> list[Key]:
        """The labelled keys of one section; lucky items are highlights as well."""
        keys = list(self.sections.get(section, []))
        if section == "highlights":
            keys += [k for k in self.sections.get("lucky", []) if k not in keys]
        return keys

    def detail(self, section: str, index: int) -> Detail:
        details = self.details.get(section, [])
        return details[index] if index < len(details) else {}

    def scores(self, section: str) -> bool:
        """Whether `section` is scored for this document even when nothing is extracted."""
        if section in self.sections or (section == "highlights" and "lucky" in self.sections):
            return True
        return self.complete and section not in _OPTIONAL


def _document(label_file: Path) -> Path:
    """The unseen document beside a label: the one other file of the same stem."""
    found = [p for p in label_file.parent.glob(label_file.stem + ".*") if p.suffix not in {".yaml"}]
    if len(found) != 1:
        raise ValueError(f"{label_file.name}: expected one document beside it, found {found}")
    return found[0]


def load_labels(directory: Path = LABELS) -> list[Label]:
    labels = []
    for file in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        sections: dict[str, list[Key]] = {}
        details: dict[str, list[Detail]] = {}
        statuses: dict[Key, str] = {}
        for name, items in (data.get("sections") or {}).items():
            keys, extra = [], []
            for item in items or []:
                if isinstance(item, dict):
                    keys.append(_key(item["key"]))
                    extra.append({k: v for k, v in item.items() if k != "key"})
                    if "status" in item:
                        statuses[keys[-1]] = str(item["status"])
                else:
                    keys.append(_key(item))
                    extra.append({})
            sections[name], details[name] = keys, extra
        raw_incident = data.get("incident") or {}
        incident = {
            k: [str(x) for x in v] for k, v in raw_incident.items() if v and k not in DURATIONS
        }
        durations = {k: str(raw_incident[k]) for k in DURATIONS if raw_incident.get(k)}
        path = (ROOT / data["path"]).resolve() if "path" in data else _document(file)
        labels.append(
            Label(
                name=file.stem,
                path=path,
                part=data.get("part"),
                kind=data["kind"],
                language=data["language"],
                sections=sections,
                statuses=statuses,
                incident=incident,
                details=details,
                durations=durations,
                date=data.get("date"),
                shapes=tuple(data.get("shapes") or ()),
                complete=directory != LABELS,
            )
        )
    return labels


def load_set(name: str) -> list[Label]:
    """The labels of one set: "old", "dev" or "heldout"."""
    return load_labels(SETS[name])


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
class Tally:
    """Right answers among the matched items whose label states the attribute."""

    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)  # "key: got X, labelled Y"

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None

    def check(self, ok: bool, key: Key, got: object, want: object) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.wrong.append(f"{key[0]}: got {got!r}, labelled {want!r}")

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total
        self.wrong += other.wrong


ATTRIBUTES = ("owner", "due", "verdict", "cause_type", "hypothesis", "duration")


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
    attributes: dict[str, Tally] = field(default_factory=lambda: {a: Tally() for a in ATTRIBUTES})
    garbage: list[tuple[str, str, str]] = field(default_factory=list)  # (section, text, reason)

    @property
    def kind_ok(self) -> bool:
        return self.kind == self.label.kind

    @property
    def language_ok(self) -> bool:
        return self.language == self.label.language

    def total(self, sections: Iterable[str] | None = None) -> Counts:
        out = Counts()
        for name, counts in self.sections.items():
            if sections is None or name in sections:
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


def _items(retro: Retrospective, section: str) -> list[Any]:
    if section == "causes":
        return [cause for problem in retro.problems for cause in problem.causes]
    if section == "lucky":
        return [h for h in retro.highlights if h.luck]
    return list(getattr(retro, ITEM_ATTRS[section]))


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


_NAME_SPLIT = re.compile(r"\s*(?:[,，、/&+]|\band\b|和|与|及)\s*", re.I)


def names(owner: object) -> frozenset[str]:
    """An owner as a set of names, case and whitespace ignored and "@" dropped: "@Lena" and
    "lena" are one name, "Ola + Femi" and ["Femi", "Ola"] one pair."""
    parts = owner if isinstance(owner, list) else _NAME_SPLIT.split(str(owner or ""))
    out = set()
    for part in parts:
        name = re.sub(r"\s+", "", str(part)).lstrip("@").casefold()
        if name:
            out.add(name)
    return frozenset(out)


def _tokens(owner: object) -> list[frozenset[str]]:
    parts = owner if isinstance(owner, list) else _NAME_SPLIT.split(str(owner or ""))
    out = []
    for part in parts:
        words = frozenset(w.lstrip("@").casefold() for w in str(part).split() if w.lstrip("@"))
        if words:
            out.append(words)
    return out


def owner_ok(got: object, want: object) -> bool:
    """The same people: equal names, or each named by a part of the other's name ("Aisha" for
    "Aisha Rahman", the speaker's full name; "王磊" for "信息中心 王磊"), one for one."""
    if names(got) == names(want):
        return True
    have, need = _tokens(got), _tokens(want)
    return len(have) == len(need) > 0 and all(any(a <= b or b <= a for b in have) for a in need)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def due_ok(item: Any, want: object) -> bool:
    """An ISO label must equal the resolved due date; words must appear in the due as written."""
    if isinstance(want, date):
        return item.due.date == want
    return bool(_words(str(want))) and _words(str(want)) in _words(item.due.text or "")


def goal_verdict(retro: Retrospective, goal_id: str) -> str:
    """The verdict on the result linked to a goal (computed, or stated when nothing could be
    computed); "unknown" when no result is linked or none has a verdict."""
    verdicts = [r.achievement.verdict for r in retro.results if r.goal_id == goal_id]
    known = [v for v in verdicts if v != "unknown"]
    return known[0] if known else "unknown"


_NUMBER = r"\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?|[一二两三四五六七八九十]+"
_DURATION = re.compile(
    rf"(?:(?P<n>{_NUMBER})\s*个?(?P<half>半|\s+and\s+a\s+half)?\s*"
    r"(?P<u>days?|天|hours?|hrs?|h|小时|钟头|minutes?|mins?|m|分钟|分)(?![a-z])"
    r"|(?P<halfhour>half an hour|半个?小时))",
    re.I,
)
_UNIT_MINUTES = {"d": 1440.0, "天": 1440.0, "h": 60.0, "小": 60.0, "钟": 60.0, "m": 1.0, "分": 1.0}
_EN = "a one two three four five six seven eight nine ten eleven twelve".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_ZH = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _count(word: str) -> float | None:
    """A count as written: "25", "four", "forty-five", "an", "三", "十二", "四十"."""
    word = word.lower()
    if word[0].isdigit():
        return float(word)
    if word in ("a", "an"):
        return 1.0
    tens, _, ones = word.partition("-")
    if tens in _TENS and (not ones or ones in _EN[1:10]):
        return float(_TENS[tens] + (_EN.index(ones) if ones else 0))
    if word in _EN:
        return float(_EN.index(word))
    if all(c in _ZH or c == "十" for c in word):
        head, ten, tail = word.partition("十")
        if not ten:
            return float(_ZH[head]) if len(head) == 1 else None
        return float((_ZH[head] if head else 1) * 10 + (_ZH[tail] if tail else 0))
    return None


def minutes(text: str | None) -> float | None:
    """A duration as written ("25 min", "1 h 20 min", "40分钟", "4个小时零5分", "about four and
    a half hours", "3个半小时") in minutes."""
    total, found = 0.0, False
    for m in _DURATION.finditer(text or ""):
        if m["halfhour"]:
            total, found = total + 30.0, True
            continue
        n = _count(m["n"])
        if n is None:
            continue
        total += (n + (0.5 if m["half"] else 0.0)) * _UNIT_MINUTES[m["u"][0].lower()]
        found = True
    return total if found else None


def score(label: Label, retro: Retrospective, lines: list[str]) -> DocScore:
    sections: dict[str, Counts] = {}
    missed: dict[str, list[str]] = {}
    spurious: dict[str, list[str]] = {}
    evidence: dict[str, list[Evidence]] = {}
    matched: set[tuple[str, int]] = set()  # (section, item index) of true positives
    doc = DocScore(label, retro.meta.kind, retro.meta.language, sections, missed, spurious, [])
    for name in SECTIONS:
        if name == "incident":
            continue
        items = _items(retro, name)
        keys = label.keys(name)
        if not items and not label.scores(name):
            continue
        if name in ("causes", "lucky") and not label.scores(name):
            continue  # old labels never named causes or luck: extracting them is no error there
        evidence[name] = [_evidence(item, lines) for item in items]
        picks, used = _match(evidence[name], keys)
        sections[name] = Counts(len(used), len(items), len(keys))
        missed[name] = [k[0] for i, k in enumerate(keys) if i not in used]
        spurious[name] = [
            (ev[0][0] if ev else "(unverified)")
            for ev, pick in zip(evidence[name], picks, strict=True)
            if pick is None
        ]
        for index, (item, pick) in enumerate(zip(items, picks, strict=True)):
            if pick is not None:
                matched.add((name, index))
                _score_attributes(doc, retro, name, item, keys[pick], label.detail(name, pick))
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
    doc.garbage = garbage(label, retro, lines, matched)
    return doc


def _score_attributes(
    doc: DocScore, retro: Retrospective, section: str, item: Any, key: Key, want: Detail
) -> None:
    """Owner, due, verdict, cause type and hypothesis of one matched item, where labelled."""
    tallies = doc.attributes
    if section == "follow_ups" and "status" in want:
        doc.status_total += 1
        doc.status_right += item.status == want["status"]
    if section == "actions" and want.get("owner"):
        ok = owner_ok(item.owner, want["owner"])
        tallies["owner"].check(ok, key, item.owner, want["owner"])
    if section == "actions" and want.get("due"):
        got_due = item.due.date.isoformat() if item.due.date else item.due.text
        tallies["due"].check(due_ok(item, want["due"]), key, got_due, str(want["due"]))
    if section == "goals" and want.get("verdict"):
        verdict = goal_verdict(retro, item.id)
        tallies["verdict"].check(verdict == want["verdict"], key, verdict, want["verdict"])
    if section == "causes" and want.get("type"):
        tallies["cause_type"].check(item.type == want["type"], key, item.type, want["type"])
    if section == "causes" and "hypothesis" in want:
        hedged = item.confidence != "confirmed"
        tallies["hypothesis"].check(
            hedged == bool(want["hypothesis"]), key, item.confidence, want["hypothesis"]
        )


def _score_incident(doc: DocScore, retro: Retrospective, lines: list[str]) -> None:
    label = doc.label
    incident = retro.incident
    found = {f: getattr(incident, f) if incident else None for f in INCIDENT_FIELDS}
    for short, attr in DURATIONS.items():
        if short in label.durations:
            want = minutes(label.durations[short])
            got_text = getattr(incident, attr) if incident else None
            ok = want is not None and minutes(got_text) == want
            doc.attributes["duration"].check(ok, (short,), got_text, label.durations[short])
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


# Garbage: extracted items a reader would not call an item at all.
_TEXT_ATTRS = {
    "causes": "text",
    "lessons": "statement",
    "actions": "action",
    "follow_ups": "action",
}
GARBAGE_SECTIONS = (
    "goals",
    "results",
    "highlights",
    "problems",
    "causes",
    "lessons",
    "actions",
    "follow_ups",
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")
_MARKER = re.compile(r"^\s*(?:[-*+•·>#]+|\d+[.)、]|[a-zA-Z][.)]|[（(]?\d+[）)])\s*")
_MONTHS = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december"
)
_WEEKDAYS = r"mon|tue|tues|wed|thu|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
_WEEKDAYS += r"saturday|sunday"
_DATE_ONLY = re.compile(
    rf"""^(?:
        \d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?
      | \d{{1,2}}[-/.]\d{{1,2}}
      | \d{{1,2}}月\d{{1,2}}[日号]?
      | \d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*(?:am|pm|utc))?
      | (?:{_WEEKDAYS}),?\s*\d{{0,2}}\s*(?:{_MONTHS})?\.?\s*\d{{0,4}}
      | (?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?
      | \d{{1,2}}\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?
      | (?:下|上|本|这)?(?:周|星期)[一二三四五六日天]
      | (?:next|this|last)\s+(?:week|month|sprint|{_WEEKDAYS})
      | tomorrow|today|yesterday|明天|今天|昨天|月底|月初|下周|本周
    )[前后内]?$""",
    re.I | re.X,
)
_SPEAKER = re.compile(  # "[10:02] name: text" or "name: text", a name of at most 2 words
    r"^\s*(?:\[\d{1,2}:\d{2}(?::\d{2})?\]\s*)?"
    r"(@?(?:[A-Za-z][\w.'-]{0,15}(?: [A-Za-z][\w.'-]{0,15})?|[\u4e00-\u9fff][\w]{0,5}))"
    r"(?:\s*[(（][^)）]{0,12}[)）])?(?::\s|：)"
)
_VOICE = re.compile(r"<v\s+([^>]+)>")


def _plain(text: str) -> str:
    """An item's text without list markers, emphasis, trailing colons and outer spaces."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _MARKER.sub("", text)
    text = re.sub(r"[*_`【】\[\]]", "", text)
    return text.strip().rstrip(":：").strip().casefold()


def _size(text: str) -> tuple[int, int]:
    """(CJK characters, Latin or digit words) in `text`."""
    return len(_CJK.findall(text)), len(_LATIN_WORD.findall(_CJK.sub(" ", text)))


def _people(label: Label, lines: list[str]) -> set[str]:
    """Names a reader knows are people: labelled owners and the speakers of chat lines."""
    out: set[str] = set()
    for details in label.details.values():
        for detail in details:
            out |= names(detail.get("owner"))
    for line in lines:
        for found in (_SPEAKER.match(line), *_VOICE.finditer(line)):
            if found:
                out |= names(found[1])
    return out


def _headings(lines: list[str]) -> set[str]:
    """The document's title (first non-empty line), Markdown headings and label lines: a line
    that ends with a colon, or is wrapped in 【】."""
    out: set[str] = set()
    first = next((ln for ln in lines if ln.strip()), "")
    for line in [first, *lines]:
        bare = line.strip()
        if line is first or bare.startswith("#") or bare.endswith((":", "：")):
            out.add(_plain(bare.lstrip("#")))
        elif bare.startswith("【") and bare.endswith("】"):
            out.add(_plain(bare))
    out.discard("")
    return out


def garbage_reason(text: str, people: set[str], headings: set[str]) -> str | None:
    """Why an extracted item's text is not an item, or None when it may be one.

    Garbage, checked in this order on the text without list markers, emphasis and a trailing
    colon: (1) "symbols" - no letter or CJK character, only digits, punctuation or emoji;
    (2) "date" - only a date, time or relative day ("2026-03-14", "3月27日", "Nov 20", "10:05",
    "下周五前", "next sprint"); (3) "name" - only a person's name: a labelled owner or a chat or
    transcript speaker, "@" ignored; (4) "heading" - the document's title (its first non-empty
    line), a Markdown heading, or a line that is only a label ending in a colon; (5) "short" -
    fewer than 4 CJK characters plus Latin words when it contains CJK, fewer than 2 words when
    it does not.
    """
    plain = _plain(text)
    if not any(ch.isalpha() for ch in plain):
        return "symbols"
    if _DATE_ONLY.match(plain.strip(" .,;，。；")):
        return "date"
    if names(plain) and names(plain) <= people and len(plain) <= 24:
        return "name"
    if plain in headings:
        return "heading"
    cjk, latin = _size(plain)
    if (cjk and cjk + latin < 4) or (not cjk and latin < 2):
        return "short"
    return None


def _item_text(section: str, item: Any) -> str:
    return str(getattr(item, _TEXT_ATTRS.get(section, "title"), ""))


def garbage(
    label: Label,
    retro: Retrospective,
    lines: list[str],
    matched: set[tuple[str, int]] = frozenset(),  # type: ignore[assignment]
) -> list[tuple[str, str, str]]:
    """Every extracted item of `GARBAGE_SECTIONS` that `garbage_reason` rejects; a heading that
    matched a label is no garbage (a labeller may take a title for the incident's problem)."""
    people, headings = _people(label, lines), _headings(lines)
    out = []
    for section in GARBAGE_SECTIONS:
        for index, item in enumerate(_items(retro, section)):
            text = _item_text(section, item)
            reason = garbage_reason(text, people, headings)
            if reason and not (reason == "heading" and (section, index) in matched):
                out.append((section, text, reason))
    return out


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


def core(scores: list[DocScore]) -> Counts:
    """Micro-averaged counts over the headline sections (`CORE`)."""
    out = Counts()
    for name, counts in totals(scores).items():
        if name in CORE:
            out.add(counts)
    return out


def attributes(scores: list[DocScore]) -> dict[str, Tally]:
    """Owner, due, verdict, cause-type, hypothesis and duration tallies over all documents."""
    out = {a: Tally() for a in ATTRIBUTES}
    for doc in scores:
        for name, tally in doc.attributes.items():
            out[name].add(tally)
    return out
