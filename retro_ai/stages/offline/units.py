"""Line-level parsing: a line becomes units (a bullet, a paragraph, each inline "* " item, a
table row), each split into an optional label ("负责人", "**Owner**") and its content.

Units hold spans, never copies, so every later quote stays an exact substring of its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retro_ai.ingest.source import Line
from retro_ai.stages.offline import cues
from retro_ai.stages.offline.text import Span, clean

# "[便签] …", "[sticky] …": a board's cards copied out, one tag per card, are bullets
_CARD = (
    r"[\[【](?:便签|便利贴|贴纸|卡片|sticky|card|post-?it)[\]】]"
    # a board export's card with its author and votes: "[Priya · +3]"
    r"|(?-i:\[[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*[·•|]\s*\+\d{1,3}\])(?=\s)"
)
BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<mark>[-*+•·▪●○◦](?=\s|$)|\d{1,2}[.)、](?!\d)|[（(]\d{1,2}[)）]|\[\d{1,2}\](?=\s)|[①-⑳]"
    rf"|(?i:{_CARD})"
    r"|[✅❌☑✔]\ufe0f?|[\U0001F300-\U0001FAFF\u2600-\u26FF\u2B50\u27A1\u2728]\ufe0f?(?=\s))?"
    r"\s*(?P<box>\[[ xX]\]\s*)?(?P<emoji>[✅❌☑✔]\ufe0f?\s*)?"
)


def bullet_match(text: str) -> re.Match[str]:
    """The leading bullet, checkbox and emoji of `text`; all are optional, so every line matches."""
    m = BULLET.match(text)
    assert m is not None
    return m


_INLINE_STAR = re.compile(r"(?<=[:：。；;])\s*\*\s+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}")
_PIPE = re.compile(r"\|")
_LABEL_BAD = re.compile(r"https?$|[。！？!?；;]|\d$")
# "准时率没达标(差了六个多点),基本都卡在送回:" over its reasons says something itself
CLAUSES = re.compile(r"[^,，]{6,}[,，][^,，]{6,}")


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
        return (
            self.label is not None
            and not self.content
            and self.bullet
            and not CLAUSES.search(self.label.text)
        )

    def label_kind(self) -> str | None:
        return label_kind(self.label_text) if self.label else None


# Board and chat labels ("顺利的:", "不好的:", "good:", "bad:", "改进项:") the report
# vocabulary misses; a negated one is checked first, as "不好的" holds "好的".
_EXTRA_LABELS: list[tuple[str, re.Pattern[str]]] = [
    (
        "problem",
        re.compile(
            r"(?:the )?(?:bad|not so good|not good|didn'?t go well|pain(?: points?)?)"
            r"|不好的?|不顺利?的?|没做好的?|做得不好的?|不足之处|槽点",
            re.IGNORECASE,
        ),
    ),
    (
        "highlight",
        re.compile(
            r"(?:the )?(?:good|kudos|shout-?outs?)|顺利的?|好的|做得好的?|值得表扬的?"
            # a lead-in announcing luck: "比较侥幸的是: …", "运气这块: …", "lucky one: …"
            r"|(?:比较|有点|还算|算是|挺|最)?(?:侥幸|运气好?|幸运|走运)(?:的是|这块|的地方)?"
            r"|(?:the )?lucky (?:one|bit|part|break)s?|we got lucky",
            re.I,
        ),
    ),
    ("action", re.compile(r"改进项|行动项|后续|跟进项|next time|action plan", re.IGNORECASE)),
]


def label_kind(text: str) -> str | None:
    text = text.strip()
    for kind, pattern in cues.LABEL_KINDS:
        if pattern.fullmatch(text):
            return kind
    return next((kind for kind, p in _EXTRA_LABELS if p.fullmatch(text)), None)


def split_label(span: Span) -> tuple[Span | None, Span, bool]:
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
            # a run-in head: "**What we're taking from it.** Never again a Sunday publish."
            if inner.endswith((".", "。")) and len(inner.split()) <= 8 and after[:1].isspace():
                return span.sub(2, close - 1), span.sub(close + 2).strip(), False
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


def _cells(row: Span) -> list[Span]:
    """A table row's cells, an empty one kept ("| | Target | Actual |") so that every column
    stays under its header."""
    text = row.text
    edges = [m.start() for m in _PIPE.finditer(text)]
    if not text.lstrip().startswith("|"):
        edges.insert(0, -1)
    if not text.rstrip().endswith("|"):
        edges.append(len(text))
    cells = [row.sub(a + 1, b).strip() for a, b in zip(edges, edges[1:], strict=False)]
    while cells and not cells[-1].text:
        cells.pop()  # an empty last column moves no other under a wrong header
    return cells


_TAB_RUN = re.compile(r"\t+")
_TAB_CELLS_MIN = 3


def _tab_row(text: str) -> bool:
    """A row pasted from a spreadsheet: three or more cells apart by tabs ("冰箱\t70\t66\t94%"),
    each with something in it. Split, not matched: a pattern trying every split of a long line
    with one tab takes time that grows with the cube of its length."""
    parts = _TAB_RUN.split(text.strip(" \t"))
    return len(parts) >= _TAB_CELLS_MIN and all(part.strip() for part in parts)


def _tab_cells(row: Span) -> list[Span]:
    """A pasted row's cells, one per tab, an empty one kept ("冰箱\t\t66") so that every column
    stays under its header."""
    edges = [-1, *(i for i, ch in enumerate(row.text) if ch == "\t"), len(row.text)]
    cells = [row.sub(a + 1, b).strip() for a, b in zip(edges, edges[1:], strict=False)]
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def line_units(line: Line) -> list[Unit]:
    text = line.text
    whole = Span(line, 0, len(text))
    if text.lstrip().startswith("|"):
        if _TABLE_SEP.match(text):
            return []
        return [Unit(span=whole.strip(), content=whole.strip(), cells=_cells(whole))]
    if "\t" in text and _tab_row(text):
        return [Unit(span=whole.strip(), content=whole.strip(), cells=_tab_cells(whole))]
    m = bullet_match(text)
    body = whole.sub(m.end()).strip(" \t\u3000")
    bullet = bool(m.group("mark") or m.group("box") or m.group("emoji"))
    depth = len(m.group("indent").expandtabs(4)) // 2
    if not body.text.strip(cues.TRIM_CHARS):
        return []
    pieces = body.split(_INLINE_STAR) if _INLINE_STAR.search(body.text) else [body]
    out = []
    ends_colon = text.rstrip().endswith((":", "："))
    for i, piece in enumerate(pieces):
        label, content, bold_only = split_label(piece)
        out.append(
            Unit(
                span=piece,
                content=content,
                label=label,
                bullet=bullet or i > 0,
                depth=depth,
                bold_only=bold_only,
                star_item=i > 0,
                intro=(i == 0 and len(pieces) > 1)
                or (ends_colon and not bullet and (label is None or not content)),
                checkbox=bool(m.group("box")) or m.group("mark") == "☐",  # an open task
            )
        )
    return out


def body_units(span: Span) -> list[Unit]:
    """Units of a heading's same-line body (inline "* " items split as in a paragraph)."""
    pieces = span.split(_INLINE_STAR) if _INLINE_STAR.search(span.text) else [span.strip()]
    return [
        Unit(span=p, content=p, bullet=i > 0, star_item=i > 0, intro=i == 0 and len(pieces) > 1)
        for i, p in enumerate(pieces)
        if p
    ]
