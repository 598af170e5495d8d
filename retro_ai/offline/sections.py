"""Parse a source once into typed sections of units (bullets, paragraphs, table rows).

Headings come in many dresses (markdown, setext, bold-only, 一、/（一）/1.1/2.1.3, "Goals:");
each is classified by keywords into a section kind, and a sub-heading that names no kind of its
own inherits its parent's (then it is an item title, or a group such as an action's 层面).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retro_ai.ingest.source import Line, Source
from retro_ai.offline import cues
from retro_ai.offline.text import Span, clean

ITEM_KINDS = frozenset({"highlights", "problems"})

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-{3,})\s*$")
_ZH_TOP = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+[章节部分篇]\s*[:：、]?)\s*")
_ZH_SUB = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]\s*")
_DOTTED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|(?=[\u4e00-\u9fff]))")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<t>[^*_]{1,80}?)(?:\*\*|__)\s*[:：]?\s*$")
_COLON_LINE = re.compile(r"^\s*(?P<t>[^:：|*#\-\d][^:：|]{0,38}?)\s*[:：]\s*$")
_BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<mark>[-*+•·▪●○◦](?=\s|$)|\d{1,2}[.)、](?!\d)|[（(]\d{1,2}[)）]|[①-⑳]"
    r"|[✅❌☑✔]\ufe0f?)?\s*(?P<box>\[[ xX]\]\s*)?(?P<emoji>[✅❌☑✔]\ufe0f?\s*)?"
)
_INLINE_STAR = re.compile(r"(?<=[:：。；;])\s*\*\s+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}")
_SKIP_LINE = re.compile(r"^\s*(?:<[a-zA-Z/!][^>]*>\s*)+$|^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_PIPE = re.compile(r"\|")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;]|[.,，](?=\s|$)")
_LABEL_BAD = re.compile(r"https?$|[。！？!?；;]|\d$")


@dataclass(slots=True)
class Unit:
    """One bullet, paragraph line or inline "* " item; `content` is what follows its label."""

    span: Span
    content: Span
    label: Span | None = None
    bullet: bool = False
    depth: int = 0
    bold_only: bool = False
    star_item: bool = False
    intro: bool = False
    checkbox: bool = False
    cells: list[Span] | None = None

    @property
    def line(self) -> Line:
        return self.span.line

    @property
    def label_text(self) -> str:
        return clean(self.label.text) if self.label else ""

    @property
    def is_group(self) -> bool:
        """A bullet that is only a label ("- 功能目标:"): it names the items that follow."""
        return self.label is not None and not self.content and self.bullet

    def label_kind(self) -> str | None:
        return label_kind(self.label_text) if self.label else None


@dataclass(slots=True)
class Section:
    kind: str
    title: str
    level: int
    title_span: Span | None = None
    parent: Section | None = None
    inherited: bool = False
    item_heading: bool = False
    horizon: str | None = None
    cause_type: str | None = None
    units: list[Unit] = field(default_factory=list)

    @property
    def group(self) -> str | None:
        """The title of an inherited sub-heading (an area, category or item title)."""
        return self.title if self.inherited else None


@dataclass(slots=True)
class Document:
    source: Source
    sections: list[Section]
    title: Span | None = None
    entries: list | None = None  # filled lazily by retro_ai.offline.items.entries

    def of(self, *kinds: str) -> list[Section]:
        return [s for s in self.sections if s.kind in kinds]


def label_kind(text: str) -> str | None:
    for kind, pattern in cues.LABEL_KINDS:
        if pattern.fullmatch(text.strip()):
            return kind
    return None


def classify(title: str) -> str | None:
    for kind, pattern in cues.HEADING_KINDS:
        if pattern.search(title):
            return kind
    return None


def _heading(text: str, next_text: str | None) -> tuple[int, int, int, int | None] | None:
    """(level, title_start, title_end, body_start) when `text` is a heading line."""
    m = _MD_HEADING.match(text)
    if m:
        return len(m.group(1)), m.start(2), m.end(2), None
    stripped = text.strip()
    if next_text is not None and _SETEXT.match(next_text) and 0 < len(stripped) <= 100:
        if not _BULLET.match(text).group("mark"):
            start = len(text) - len(text.lstrip())
            return (1 if next_text.strip().startswith("=") else 2), start, start + len(stripped), None
    for pattern, level in ((_ZH_TOP, 1), (_ZH_SUB, 2), (_DOTTED, 0)):
        m = pattern.match(text)
        if not m:
            continue
        if level == 0:
            level = m.group(1).count(".") + 1
        rest = text[m.end() :]
        title_end = len(text.rstrip())
        body = None
        # "2.1.1 前期规划与需求分析的充分性 项目启动前,…": title, a space, then its body.
        gap = re.search(r"[\u4e00-\u9fff)）][ \u3000]+(?=[\u4e00-\u9fff“\"(（])", rest)
        if gap and gap.start() < 40 and len(rest) - gap.end() > 10:
            title_end = m.end() + gap.start() + 1
            body = m.end() + gap.end()
        elif len(rest.strip()) > 60 or _SENTENCE_PUNCT.search(rest.strip()[:-1] if rest else ""):
            return None
        if title_end <= m.end():
            return None
        return level, m.end(), title_end, body
    m = _BOLD_LINE.match(text)
    if m:
        return 7, m.start("t"), m.end("t"), None
    m = _COLON_LINE.match(text)
    if m and len(m.group("t").split()) <= 6 and not _BULLET.match(text).group("mark"):
        return 7, m.start("t"), m.end("t"), None
    if 0 < len(stripped) <= 10 and not _SENTENCE_PUNCT.search(stripped) and classify(stripped):
        start = len(text) - len(text.lstrip())
        if len(stripped.split()) <= 3:
            return 1, start, start + len(stripped), None
    return None


def _split_label(span: Span) -> tuple[Span | None, Span, bool]:
    """(label, content, bold_only) for "Label: content", "**Label**: content", "**Label:** …"."""
    text = span.text
    if text.startswith(("**", "__")):
        close = text.find(text[:2], 2)
        if close > 2:
            inner = text[2:close]
            after = text[close + 2 :]
            if inner.rstrip().endswith((":", "：")) and len(inner) <= 60:
                return span.sub(2, 2 + len(inner.rstrip()) - 1), span.sub(close + 2).strip(), False
            stripped_after = after.lstrip()
            if stripped_after.startswith((":", "：")) and len(inner) <= 60:
                colon = close + 2 + (len(after) - len(stripped_after))
                return span.sub(2, close), span.sub(colon + 1).strip(), False
            if not after.strip(" :："):
                return None, span.sub(2, close).strip(), True
            dash = re.match(r"\s*[-–—]\s+", after)
            if dash and len(inner) <= 60:
                return span.sub(2, close), span.sub(close + 2 + dash.end()).strip(), False
    m = re.search(r"[:：]", text)
    if not m or m.start() == 0:
        return None, span, False
    label = text[: m.start()].strip()
    after = text[m.end() :]
    if after.startswith("//") or (after[:1].isdigit() and label[-1:].isdigit()):
        return None, span, False
    if _LABEL_BAD.search(label) or "(" in label and ")" not in label:
        return None, span, False
    if len(label) > 60 or (cjk_len := sum(1 for c in label if "\u4e00" <= c <= "\u9fff")) > 24:
        return None, span, False
    if not cjk_len and len(label.split()) > 7:
        return None, span, False
    return span.sub(0, m.start()).strip(), span.sub(m.end()).strip(), False


def _units(line: Line) -> list[Unit]:
    text = line.text
    whole = Span(line, 0, len(text))
    if text.lstrip().startswith("|"):
        if _TABLE_SEP.match(text):
            return []
        cells = whole.split(_PIPE)
        return [Unit(span=whole.strip(), content=whole.strip(), cells=cells)]
    m = _BULLET.match(text)
    body = whole.sub(m.end()).strip(" \t\u3000")
    bullet = bool(m.group("mark") or m.group("box") or m.group("emoji"))
    depth = len(m.group("indent").expandtabs(4)) // 2
    if not body.text.strip(cues.TRIM_CHARS):
        return []
    pieces = body.split(_INLINE_STAR) if _INLINE_STAR.search(body.text) else [body]
    out = []
    ends_colon = text.rstrip().endswith((":", "："))
    for i, piece in enumerate(pieces):
        label, content, bold_only = _split_label(piece)
        out.append(
            Unit(
                span=piece,
                content=content,
                label=label,
                bullet=bullet or i > 0,
                depth=depth,
                bold_only=bold_only,
                star_item=i > 0,
                intro=(i == 0 and len(pieces) > 1) or (ends_colon and not bullet and label is None),
                checkbox=bool(m.group("box")),
            )
        )
    return out


def _new_section(title_span: Span, level: int, parent: Section, has_body: bool) -> Section:
    title = clean(title_span.text)
    kind = classify(title)
    short = len(title) <= 8 or len(title.split()) <= 4
    inherited = False
    if parent.kind in ITEM_KINDS and (has_body or not short or kind is None):
        kind = None
    if kind is None:
        kind, inherited = parent.kind, parent.level > 0
    section = Section(
        kind=kind,
        title=title,
        level=level,
        title_span=title_span,
        parent=parent,
        inherited=inherited,
        item_heading=inherited and kind in ITEM_KINDS,
    )
    section.horizon = next((h for h, p in cues.HORIZON if p.search(title)), parent.horizon)
    section.cause_type = next((t for t, p in cues.CAUSE_TYPE_HEADING if p.search(title)), None)
    if section.cause_type is None and kind == parent.kind:
        section.cause_type = parent.cause_type
    return section


def parse(source: Source) -> Document:
    """Split a notes or transcript source into sections; transcripts are one untitled section."""
    root = Section(kind="other", title="", level=0)
    doc = Document(source=source, sections=[root])
    stack = [root]
    lines = source.lines
    in_code = False
    skip_next = False
    for i, line in enumerate(lines):
        text = line.text
        if skip_next:
            skip_next = False
            continue
        if _FENCE.match(text):
            in_code = not in_code
            continue
        if in_code or not text.strip() or _SKIP_LINE.match(text) or text.lstrip().startswith(">"):
            continue
        nxt = lines[i + 1].text if i + 1 < len(lines) and source.type == "notes" else None
        head = _heading(text, nxt) if source.type == "notes" else None
        if head is not None:
            level, t0, t1, body = head
            if nxt is not None and _SETEXT.match(nxt) and not _MD_HEADING.match(text):
                skip_next = True
            if level == 7:  # bold-only or "Goals:" line: one below the nearest real heading
                while stack[-1].level >= 7:
                    stack.pop()
                level = stack[-1].level + 1 if stack[-1].level < 6 else 7
            while stack[-1].level >= level:
                stack.pop()
            span = Span(line, t0, t1).strip()
            if doc.title is None and (
                text.lstrip().startswith("# ") or (nxt is not None and nxt.strip().startswith("="))
            ):
                doc.title = span
            section = _new_section(span, level, stack[-1], body is not None)
            stack.append(section)
            doc.sections.append(section)
            if body is not None:
                section.units.extend(_units_from(Span(line, body, len(text))))
            continue
        stack[-1].units.extend(_units(line))
    return doc


def _units_from(span: Span) -> list[Unit]:
    """Units of a heading's same-line body (inline "* " items split as in a paragraph)."""
    pieces = span.split(_INLINE_STAR) if _INLINE_STAR.search(span.text) else [span.strip()]
    return [
        Unit(span=p, content=p, bullet=i > 0, star_item=i > 0, intro=i == 0 and len(pieces) > 1)
        for i, p in enumerate(pieces)
        if p
    ]
