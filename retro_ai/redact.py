"""Redaction: private values become stable placeholders before any text leaves the machine.

What is caught (each kind has its placeholder; the same value gets the same placeholder in every
source of one draft, numbered in order of first appearance):

- ``[EMAIL_n]``: e-mail addresses (ASCII local part and domain with a dotted TLD);
- ``[PHONE_n]``: Chinese mobiles (1[3-9]x, 11 digits, with or without +86/0086, spaces or
  dashes), Chinese landlines written with an area code and a separator (010-12345678,
  (0755) 1234567), and international numbers starting with ``+`` and a country code
  (8 to 15 digits, spaces, dashes or a bracketed area code between them);
- ``[ID_n]``: Chinese resident ID numbers (18 characters, a valid birth date, the last one may
  be X) whose ISO 7064 check digit is right, so order numbers of the same length are left alone;
- ``[CARD_n]``: bank card numbers of 13 to 19 digits (plain or in groups of four) that pass the
  Luhn check;
- ``[IP_n]``: IPv4 and IPv6 addresses (IPv6 validated by `ipaddress`);
- ``[URL_n]``: URLs carrying credentials (``scheme://user:password@host/...``), the whole URL;
- ``[KEY_n]``: API-key-like strings: ``sk-...``, ``ghp_``/``gho_``/``ghs_``/... and
  ``github_pat_`` tokens, AWS access key ids (AKIA/ASIA), Slack ``xox?-`` tokens, Google
  ``AIza`` keys, ``Bearer`` tokens, and the value after api_key/secret/token/password/密码/密钥
  (``=`` or ``:``) when it looks like a secret (8+ characters mixing letters, digits or
  symbols, or 16+ characters of high entropy);
- ``[PERSON_n]``: the speakers of transcripts and every name in the roster. A name is matched
  whole and case-sensitively (Latin names between word boundaries, Chinese names anywhere). A
  Latin name of several words ("Lena Park") is also matched by its first word alone ("Lena"),
  because people address each other by first name; when two listed people share a first name,
  that first name alone is a person of its own, so restoring never names the wrong one.

What is not caught: names that are neither speakers nor in the roster (nicknames, 老张, 小王,
@handles, lower-cased names, surnames alone), addresses, passwords that look like plain words,
phone numbers in national formats other than Chinese, file names (sent as they are), and
anything that only meaning reveals. Regexes over-redact now and then (a version number shaped
like an IPv4 address, a 16-digit number that happens to pass Luhn); that costs a little
context, never privacy.

Replacement works line by line and no pattern spans a line break, so every line keeps its
number and evidence is checked against the redacted text the model saw.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retro_ai.ingest.source import MetricRow, Source

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import BaseModel

KINDS = ("PERSON", "EMAIL", "PHONE", "ID", "CARD", "IP", "URL", "KEY")
PLACEHOLDER = re.compile(r"\[(PERSON|EMAIL|PHONE|ID|CARD|IP|URL|KEY)_(\d+)\]")
_PERSON_PLACEHOLDER = re.compile(r"\[PERSON_(\d+)\]")

_EMAIL = re.compile(
    r"(?<![0-9A-Za-z_.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![0-9A-Za-z_-])"
)
_CN_MOBILE = re.compile(r"(?<![0-9A-Za-z_+])(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
_CN_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z_+])(?:\(0\d{2,3}\)[ -]?|（0\d{2,3}）|0\d{2,3}[ -])\d{7,8}(?:-\d{1,5})?(?!\d)"
)
_INTL_PHONE = re.compile(
    r"(?<![0-9A-Za-z_+])(?:\+|00)[1-9]\d{0,2}(?:[ -]?\(\d{1,4}\))?(?:[ -]?\d{1,6}){1,6}"
    r"(?!\d|%|[.,]\d)"
)
_CN_ID = re.compile(
    r"(?<![0-9A-Za-z_])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
    r"(?![0-9A-Za-z_])"
)
_CARD = re.compile(
    r"(?<![0-9A-Za-z_-])(?:[1-9]\d{12,18}|[1-9]\d{3}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?"
    r"|3\d{3}[ -]\d{6}[ -]\d{5})(?![0-9A-Za-z_-])"
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?<![0-9A-Za-z_.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\.?\d|[0-9A-Za-z_])")
_IPV6 = re.compile(
    r"(?<![0-9A-Za-z_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?"
    r"(?:%[\w.]+)?(?![0-9A-Za-z_:])"
)
_CRED_URL = re.compile(
    r"(?<![0-9A-Za-z_+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s/@:\"'<>]+:[^\s/@\"'<>]+@[^\s\"'<>]+"
)
_KEY = re.compile(
    r"(?<![0-9A-Za-z_-])(?:sk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_]{20,}"
    r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}"
    r"|(?:AKIA|ASIA)[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])"
)
_BEARER = re.compile(r"(?i:\bbearer)[ \t]+(?P<v>[A-Za-z0-9._~+/-]{16,}=*)")
_ASSIGNED = re.compile(
    r"(?i:(?<![A-Za-z])(?:api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|secret[_-]?key"
    r"|private[_-]?key|client[_-]?secret|secret|(?:access[_-]?|auth[_-]?|api[_-]?)?token"
    r"|password|passwd|pwd|passcode)(?![A-Za-z])|密码|口令|密钥|令牌)"
    r"[\"']?[ \t]*[:=：][ \t]*[\"']?(?P<v>[^\s\"'`,;，。；]{8,})"
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _id_checksum_ok(value: str) -> bool:
    """ISO 7064 MOD 11-2, as the resident ID number defines its last character."""
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17].upper()


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(c / len(text) * math.log2(c / len(text)) for c in counts.values())


def _looks_secret(value: str) -> bool:
    """A value after "token:"/"password=" that is a secret rather than a word of prose."""
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )
    if classes >= 2 and any(not c.isalpha() for c in value):
        return True
    return len(value) >= 16 and _entropy(value) >= 3.5


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    key: str  # what makes two hits the same value (digits of a phone, a lower-cased e-mail)
    value: str  # what the placeholder stands for


def _pattern_hits(text: str) -> Iterable[_Hit]:
    """Every candidate span of every kind except names, already validated."""
    for m in _CRED_URL.finditer(text):
        url = m[0].rstrip(".,;:!?)]}）。，；")
        yield _Hit(m.start(), m.start() + len(url), "URL", url, url)
    for m in _EMAIL.finditer(text):
        yield _Hit(m.start(), m.end(), "EMAIL", m[0].casefold(), m[0])
    for m in _KEY.finditer(text):
        yield _Hit(m.start(), m.end(), "KEY", m[0], m[0])
    for pattern in (_BEARER, _ASSIGNED):
        for m in pattern.finditer(text):
            value = m["v"]
            if pattern is _BEARER or _looks_secret(value):
                yield _Hit(m.start("v"), m.end("v"), "KEY", value, value)
    for m in _CN_ID.finditer(text):
        if _id_checksum_ok(m[0]):
            yield _Hit(m.start(), m.end(), "ID", m[0].upper(), m[0])
    for m in _CARD.finditer(text):
        digits = _digits(m[0])
        if 13 <= len(digits) <= 19 and _luhn_ok(digits):
            yield _Hit(m.start(), m.end(), "CARD", digits, m[0])
    for m in _CN_MOBILE.finditer(text):
        yield _Hit(m.start(), m.end(), "PHONE", _digits(m[0])[-11:], m[0])
    for m in _CN_LANDLINE.finditer(text):
        yield _Hit(m.start(), m.end(), "PHONE", _digits(m[0]), m[0])
    for m in _INTL_PHONE.finditer(text):
        digits = _digits(m[0])
        if 8 <= len(digits) <= 15:
            key = digits[2:] if digits.startswith("861") and len(digits) == 13 else digits
            yield _Hit(m.start(), m.end(), "PHONE", key, m[0])
    for m in _IPV4.finditer(text):
        yield _Hit(m.start(), m.end(), "IP", m[0], m[0])
    for m in _IPV6.finditer(text):
        candidate = m[0].split("%", 1)[0]
        if sum(1 for g in candidate.split(":") if g) < 2 or not any(c.isdigit() for c in candidate):
            continue
        try:
            address = ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        yield _Hit(m.start(), m.end(), "IP", str(address), m[0])


_PRIORITY = {kind: rank for rank, kind in enumerate(("URL", "KEY", "EMAIL", "ID", "CARD"))}


def read_roster(path: str | Path) -> list[str]:
    """Names from a roster file: one per line, UTF-8, '#' starts a comment, blanks skipped.

    A missing or unreadable file is a MissingInputError (exit 66), like any input.
    """
    from retro_ai.ingest import read_text

    names = []
    for line in read_text(path).split("\n"):
        name = " ".join(line.split("#", 1)[0].split())
        if name:
            names.append(name)
    return names


def names_digest(names: list[str]) -> str:
    """The sha256 of a roster's names, so a redraft can tell that the roster changed."""
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()


class Redactor:
    """Replaces private values in text with placeholders, remembering which is which.

    One redactor serves every source of a draft, so a value gets the same placeholder wherever
    it appears; `mapping` holds placeholder -> value and must stay on this machine.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.mapping: dict[str, str] = {}
        self.counts: Counter[str] = Counter()
        self._placeholders: dict[tuple[str, str], str] = {}
        self._next: Counter[str] = Counter()
        self._names: dict[str, str] = {}  # spelling in the text -> the person it names
        self._name_re: re.Pattern[str] | None = None
        self.add_names(names)

    def add_names(self, names: Iterable[str]) -> None:
        """Make each name (and a listed Latin name's first word) a person to replace."""
        full = [" ".join(n.split()) for n in names]
        full = [n for n in dict.fromkeys(full) if n and not PLACEHOLDER.fullmatch(n)]
        for name in full:
            self._names.setdefault(name, name)
        firsts: dict[str, set[str]] = {}
        for name in self._names.values():
            words = name.split(" ")
            if (
                len(words) > 1
                and len(words[0]) > 1
                and words[0][0].isupper()
                and all(w.isascii() and w.isalpha() for w in words)
            ):
                firsts.setdefault(words[0], set()).add(name)
        for first, people in firsts.items():
            if first in self._names and self._names[first] == first:
                continue  # listed on its own: already a person
            self._names[first] = next(iter(people)) if len(people) == 1 else first
        self._compile()

    def _compile(self) -> None:
        if not self._names:
            self._name_re = None
            return
        parts = []
        for spelling in sorted(self._names, key=len, reverse=True):
            body = r"[ \t]+".join(re.escape(word) for word in spelling.split(" "))
            if spelling.isascii():
                body = rf"(?<![0-9A-Za-z_@.-]){body}(?![0-9A-Za-z_-]|@|\.[0-9A-Za-z_])"
            parts.append(body)
        self._name_re = re.compile("|".join(parts))

    def _placeholder(self, kind: str, key: str, value: str) -> str:
        slot = (kind, key)
        placeholder = self._placeholders.get(slot)
        if placeholder is None:
            self._next[kind] += 1
            placeholder = f"[{kind}_{self._next[kind]}]"
            self._placeholders[slot] = placeholder
            self.mapping[placeholder] = value
        self.counts[kind] += 1
        return placeholder

    def person(self, name: str) -> str:
        """The placeholder of a speaker (added as a name if not listed yet)."""
        name = " ".join(name.split())
        if name not in self._names:
            self.add_names([name])
        return self._placeholder("PERSON", self._names[name], self._names[name])

    def text(self, text: str) -> str:
        """`text` with every private value replaced; never adds or removes a line break."""
        if not text:
            return text
        hits = list(_pattern_hits(text))
        if self._name_re is not None:
            for m in self._name_re.finditer(text):
                canonical = self._names[" ".join(m[0].split())]
                hits.append(_Hit(m.start(), m.end(), "PERSON", canonical, canonical))
        if not hits:
            return text
        hits.sort(key=lambda h: (h.start, -(h.end - h.start), _PRIORITY.get(h.kind, 9)))
        out: list[str] = []
        at = 0
        for hit in hits:
            if hit.start < at:
                continue  # inside a span already replaced
            out.append(text[at : hit.start])
            out.append(self._placeholder(hit.kind, hit.key, hit.value))
            at = hit.end
        out.append(text[at:])
        return "".join(out)

    def source(self, source: Source) -> Source:
        """A redacted copy of `source`: same lines and numbers, same metrics rows."""
        lines = []
        for line in source.lines:
            speaker = self.person(line.speaker) if line.speaker else None
            lines.append(replace(line, text=self.text(line.text), speaker=speaker))
        return Source(
            id=source.id,
            name=source.name,
            type=source.type,
            encoding=source.encoding,
            lines=lines,
            metrics=[self._row(row) for row in source.metrics],
        )

    def _row(self, row: MetricRow) -> MetricRow:
        def red(value: str | None) -> str | None:
            return None if value is None else self.text(value)

        return replace(
            row,
            metric=self.text(row.metric),
            target=self.text(row.target),
            actual=self.text(row.actual),
            unit=red(row.unit),
            baseline=red(row.baseline),
            category=red(row.category),
            stated_rate=red(row.stated_rate),
        )


@dataclass
class Redaction:
    """How to redact a draft: `draft(paths, redact=Redaction(roster=Path("team.txt")))`.

    `restore_names` puts names back for [PERSON_n] in the result, locally, after the model has
    answered. After the draft, `mapping` holds placeholder -> value; it is kept in memory only
    (write it yourself if you need it) and is never part of the retrospective.
    """

    roster: Path | None = None
    restore_names: bool = False
    mapping: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass
class Redacted:
    """Redacted sources and the redactor that made them (its mapping stays on this machine)."""

    sources: list[Source]
    redactor: Redactor

    @property
    def mapping(self) -> dict[str, str]:
        return self.redactor.mapping

    @property
    def counts(self) -> Counter[str]:
        return self.redactor.counts


def speakers(sources: Iterable[Source]) -> list[str]:
    """The speakers of every transcript, in order of first appearance."""
    seen: dict[str, None] = {}
    for source in sources:
        for line in source.lines:
            if line.speaker:
                seen.setdefault(" ".join(line.speaker.split()), None)
    return list(seen)


def redact_sources(sources: list[Source], roster: Iterable[str] = ()) -> Redacted:
    """Redact every source with one redactor: roster names and transcript speakers are people.

    Pure: the sources given are not changed. Placeholders are numbered in order of first
    appearance across the sources, so the same sources and roster give the same placeholders.
    """
    redactor = Redactor([*roster, *speakers(sources)])
    redacted = [redactor.source(source) for source in sources]
    return Redacted(redacted, redactor)


def restore_names(text: str, mapping: dict[str, str]) -> str:
    """`text` with names back for its [PERSON_n] placeholders; every other kind stays."""
    if "[PERSON_" not in text:
        return text
    return _PERSON_PLACEHOLDER.sub(lambda m: mapping.get(m[0], m[0]), text)


def map_strings(model: BaseModel, fn: Callable[[str], str], *, skip: frozenset[str]) -> None:
    """Apply `fn` to every string field of `model` and the models inside it, in place.

    Fields named in `skip` (at the top level) are left alone; dict keys are never changed.
    """
    from pydantic import BaseModel

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            return fn(value)
        if isinstance(value, BaseModel):
            walk(value, frozenset())
            return value
        if isinstance(value, list):
            return [convert(item) for item in value]
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        return value

    def walk(node: BaseModel, skipped: frozenset[str]) -> None:
        for name in type(node).model_fields:
            if name not in skipped:
                setattr(node, name, convert(getattr(node, name)))

    walk(model, skip)


def mapping_json(mapping: dict[str, str]) -> bytes:
    """The placeholder -> value mapping as the bytes of a JSON file."""
    return (json.dumps(mapping, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
