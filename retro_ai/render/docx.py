"""Markdown report -> Word document (.docx), by walking the same token stream as the HTML.

Walking markdown-it tokens (not regexes over the text) means a team's custom Markdown
template comes out as real Word headings, lists and tables that people can keep editing.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from retro_ai.render.html import markdown_tokens

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from markdown_it.token import Token

EAST_ASIAN_FONT = "Microsoft YaHei"  # LibreOffice substitutes a CJK font where it is missing
WIDE_TABLE = 6  # columns from which table text is set smaller
CODE_FONT = "Consolas"
_FONT_STYLES = ("Normal", "Title", "Quote", *(f"Heading {n}" for n in range(1, 10)))


def docx_lang(lang: str) -> str:
    """The Word language tag: `zh` -> `zh-CN`, anything else -> `en-US`."""
    return "zh-CN" if lang.lower().startswith("zh") else "en-US"


def markdown_to_docx(markdown: str, *, title: str, lang: str) -> bytes:
    """The .docx bytes for `markdown`, with title, language and a Chinese-capable font set."""
    import docx

    document = docx.Document()
    _setup(document, title, docx_lang(lang))
    _Writer(document).write(markdown_tokens(markdown))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _setup(document: Document, title: str, lang: str) -> None:
    """Metadata, A4 pages, and language/East Asian font on the styles the report uses.

    The default template's headings take their East Asian font from the theme, which has none
    for Chinese, so the explicit font is set on each style and the theme reference dropped.
    """
    from docx.oxml.ns import qn
    from docx.shared import Cm

    props = document.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0)
    props.title = title
    props.language = lang
    props.author = ""
    props.last_modified_by = "retro-ai"
    props.created = props.modified = now
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    for name in _FONT_STYLES:
        rpr = document.styles[name].element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    normal = document.styles["Normal"].element.get_or_add_rPr()
    lang_el = normal.find(qn("w:lang"))
    if lang_el is None:
        lang_el = normal.makeelement(qn("w:lang"), {})
        normal.append(lang_el)
    lang_el.set(qn("w:val"), lang)
    lang_el.set(qn("w:eastAsia"), "zh-CN")


class _Writer:
    """Turns block tokens into paragraphs and tables; holds list and blockquote nesting."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.lists: list[dict[str, Any]] = []  # {"ordered": bool, "num": int | None}
        self.quote_depth = 0
        self.item_started = False  # the current list item already has its first paragraph

    def write(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self._block(tokens, i)

    def _block(self, tokens: list[Token], i: int) -> int:
        """Handle the block token at `i`; return the index of the next token to handle."""
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            paragraph = self.doc.add_heading("", level=int(token.tag[1:]))
            _add_runs(paragraph, tokens[i + 1])
            return i + 3
        if kind == "paragraph_open":
            paragraph = self._paragraph()
            _add_runs(paragraph, tokens[i + 1])
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            num = None
            if ordered:
                start = int(token.attrGet("start") or 1)
                num = self._restart_numbering(self._list_style(True, len(self.lists) + 1), start)
            self.lists.append({"ordered": ordered, "num": num})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_started = False
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind == "table_open":
            return self._table(tokens, i)
        elif kind in ("fence", "code_block"):
            paragraph = self._paragraph()
            lines = token.content.rstrip("\n").split("\n")
            for n, line in enumerate(lines):
                run = paragraph.add_run(line)
                run.font.name = CODE_FONT
                if n < len(lines) - 1:
                    run.add_break()
        elif kind == "hr":
            _bottom_border(self.doc.add_paragraph())
        return i + 1

    def _list_style(self, ordered: bool, depth: int) -> str:
        base = "List Number" if ordered else "List Bullet"
        return base if depth <= 1 else f"{base} {min(depth, 3)}"

    def _paragraph(self) -> Paragraph:
        """A paragraph styled for where it sits: list item, continuation, quote or body."""
        if self.lists:
            depth = len(self.lists)
            current = self.lists[-1]
            if self.item_started:
                style = "List Continue" if depth == 1 else f"List Continue {min(depth, 3)}"
                return self.doc.add_paragraph(style=style)
            self.item_started = True
            paragraph = self.doc.add_paragraph(style=self._list_style(current["ordered"], depth))
            if current["num"] is not None:
                _set_num(paragraph, current["num"])
            return paragraph
        if self.quote_depth:
            return self.doc.add_paragraph(style="Quote")
        return self.doc.add_paragraph()

    def _restart_numbering(self, style_name: str, start: int) -> int | None:
        """A new Word numbering instance, so each ordered list counts from its own start.

        All 'List Number' paragraphs otherwise share one counter and a second list would
        continue where the first stopped.
        """
        ppr = self.doc.styles[style_name].element.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        abstract_id = numbering.num_having_numId(ppr.numPr.numId.val).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def _table(self, tokens: list[Token], i: int) -> int:
        """One Word table per Markdown table: 'Table Grid', bold repeating header row."""
        from docx.oxml import OxmlElement
        from docx.shared import Pt

        rows: list[tuple[bool, list[Token]]] = []
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                rows.append((False, []))
            elif token.type in ("th_open", "td_open"):
                rows[-1] = (token.type == "th_open", rows[-1][1])
                rows[-1][1].append(tokens[i + 1])
            i += 1
        columns = max((len(cells) for _, cells in rows), default=0)
        table = self.doc.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        for row, (header, cells) in zip(table.rows, rows, strict=True):
            if header:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for cell, inline in zip(row.cells, cells, strict=True):
                _add_runs(cell.paragraphs[0], inline, bold=header)
                if columns >= WIDE_TABLE:  # the goals table: smaller type keeps words whole
                    for run in cell.paragraphs[0].runs:
                        run.font.size = Pt(8.5)
        i += 1
        if i == len(tokens) or tokens[i].type == "table_open":
            self.doc.add_paragraph()  # Word joins adjacent tables and wants a closing paragraph
        return i


def _add_runs(paragraph: Paragraph, inline: Token, *, bold: bool = False) -> None:
    """Inline children as runs: bold, italic and code kept; breaks kept; all else as text."""
    strong = 1 if bold else 0
    emphasis = 0
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind == "hardbreak":
            paragraph.add_run().add_break()
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif child.content:
            run = paragraph.add_run(child.content)
            run.bold = strong > 0 or None
            run.italic = emphasis > 0 or None
            if kind == "code_inline":
                run.font.name = CODE_FONT


def _set_num(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _bottom_border(paragraph: Paragraph) -> None:
    """A thematic break (---) as a paragraph with a bottom rule."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)
