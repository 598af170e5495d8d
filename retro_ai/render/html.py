"""Markdown report -> one self-contained, printable HTML file.

The Markdown holds model output and source quotes, so the parser is locked down: raw HTML is
escaped, and links, images, autolinks and link reference definitions are disabled, so nothing
in the report can become a live link, a tracking pixel or a script.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

HTML_TEMPLATE = "report.html.j2"
_TASK = re.compile(r"\[([ xX])\](?= |$)")
_BOXES = {" ": "☐", "x": "☑", "X": "☑"}


def html_lang(lang: str) -> str:
    """The BCP 47 tag for the report language: `zh` -> `zh-CN`, anything else -> `en`."""
    return "zh-CN" if lang.lower().startswith("zh") else "en"


def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables; no raw HTML, links, images, autolinks or link definitions."""
    from markdown_it import MarkdownIt

    return (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .disable(["link", "image", "autolink", "reference"])
    )


def markdown_tokens(markdown: str) -> list[Token]:
    """The token stream both converters walk, with task boxes and quote line breaks applied.

    "- [ ] item" becomes "☐ item" (the list item gets class "task"), and line breaks inside
    a blockquote are kept, so the report's header lines stay on their own lines.
    """
    tokens = markdown_parser().parse(markdown)
    quote_depth = 0
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "list_item_open":
            _mark_task(token, tokens[i + 1 : i + 3])
        elif token.type == "inline" and quote_depth:
            for child in token.children or []:
                if child.type == "softbreak":
                    child.type = "hardbreak"
                    child.tag = "br"
    return tokens


def _mark_task(item: Token, following: list[Token]) -> None:
    """Turn a leading "[ ]" / "[x]" in a list item's first paragraph into a box character."""
    if len(following) < 2 or following[0].type != "paragraph_open":
        return
    inline = following[1]
    first = inline.children[0] if inline.children else None
    if inline.type != "inline" or first is None or first.type != "text":
        return
    match = _TASK.match(first.content)
    if not match:
        return
    box = _BOXES[match.group(1)]
    first.content = box + first.content[match.end() :]
    inline.content = box + inline.content[match.end() :]
    item.attrSet("class", "task")


def markdown_to_html(markdown: str, *, title: str, lang: str) -> str:
    """One HTML5 file for `markdown`: embedded stylesheet, no scripts, no external resources."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    from retro_ai.resources import bundled_dir

    parser = markdown_parser()
    body = parser.renderer.render(markdown_tokens(markdown), parser.options, {})
    env = Environment(
        loader=FileSystemLoader(bundled_dir("templates")),
        autoescape=True,
        keep_trailing_newline=True,
    )
    template = env.get_template(HTML_TEMPLATE)
    # markdown-it escaped every character of the input (html=False), so the body is safe.
    return template.render(title=title, lang=html_lang(lang), body=Markup(body))
