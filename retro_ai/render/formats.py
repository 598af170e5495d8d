"""Output formats, all derived from the one rendered Markdown report.

HTML and Word are converted from the Markdown so a team's custom Markdown template shapes
every format. The converters (markdown-it-py, python-docx) are imported only when a format
needs them, which keeps the CLI's start-up path free of them.
"""

from __future__ import annotations

from collections.abc import Sequence

# Each format's name is also its file extension (`<stem>.retro.<format>`).
FORMATS: tuple[str, ...] = ("md", "html", "docx", "json")
DEFAULT_FORMATS: tuple[str, ...] = ("md", "json")


def render_formats(
    markdown: str,
    json_text: str | bytes,
    *,
    title: str,
    lang: str,
    formats: Sequence[str],
) -> dict[str, bytes]:
    """The file content for each requested format, keyed by format name, in request order.

    Unknown names are rejected before any conversion runs, so a typo costs no work.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(
            f"unknown output format(s): {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt in out:
            continue
        if fmt == "md":
            out[fmt] = markdown.encode("utf-8")
        elif fmt == "json":
            out[fmt] = json_text.encode("utf-8") if isinstance(json_text, str) else json_text
        elif fmt == "html":
            from retro_ai.render.html import markdown_to_html

            out[fmt] = markdown_to_html(markdown, title=title, lang=lang).encode("utf-8")
        else:
            from retro_ai.render.docx import markdown_to_docx

            out[fmt] = markdown_to_docx(markdown, title=title, lang=lang)
    return out
