"""Rendering the cross-document summary: Markdown, and HTML with static SVG charts.

Every string from a document or a model is escaped: for Markdown by `retro_ai.render.view.md`,
for HTML by Jinja's autoescaping. Charts are drawn with matplotlib's SVG backend (imported only
here), text kept as text and escaped by matplotlib, the XML prologue dropped so the SVG embeds
inline; the page has no scripts and a print stylesheet.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from retro_ai.i18n import LABELS, SUMMARY_LABELS
from retro_ai.render.markdown import tidy
from retro_ai.render.view import md
from retro_ai.resources import bundled_dir

if TYPE_CHECKING:
    from retro_ai.batch.summary import Summary

MD_TEMPLATE = "summary.md.j2"
HTML_TEMPLATE = "summary.html.j2"
MAX_QUOTES = 5  # quotes shown per theme; summary.json keeps them all
CHART_THEMES = 8  # themes drawn in the over-time chart


def _view(summary: Summary, esc: Callable[[object], str]) -> dict[str, Any]:
    """The template variables; `esc` makes a value from a document safe for the format."""
    lang = summary.language
    labels = SUMMARY_LABELS[lang]
    words = LABELS[lang]
    titles = {d.id: d.title for d in summary.documents}

    def theme(t: Any) -> dict[str, Any]:
        quotes = [
            {
                "doc": esc(m.doc_id),
                "text": esc(m.text),
                # offline, the text is the quote: print it once
                "quote": (esc(m.quote) if m.quote else labels["unverified_mark"])
                if m.quote != m.text
                else "",
                "type": words.get(m.type, m.type) if m.kind == "cause" else "",
            }
            for m in t.members[:MAX_QUOTES]
        ]
        return {
            "id": t.id,
            "name": esc(t.name),
            "terms": esc(labels["sep"].join(t.terms)),
            "documents": [esc(d) for d in t.documents],
            "count": len(t.documents),
            "members": len(t.members),
            "more": max(0, len(t.members) - MAX_QUOTES),
            "quotes": quotes,
        }

    def missing(gap: Any) -> str:
        parts = [labels["owner"]] if not gap.owner else []
        parts += [] if gap.due else [labels["due"]]
        return labels["sep"].join(parts)

    def counted(counts: dict[str, int], names: dict[str, str] | None = None) -> list[list[str]]:
        return [[esc((names or {}).get(k, k)), str(v)] for k, v in counts.items()]

    kind_names = {k[5:]: v for k, v in words.items() if k.startswith("kind_")}
    docs = summary.documents
    engine = (
        labels["engine_model"].format(model=summary.model, version=summary.prompt_version)
        if summary.engine == "model"
        else labels["engine_offline"]
    )
    return {
        "lang": lang,
        "labels": labels,
        "engine": esc(engine),
        "overview": labels["overview"].format(
            documents=len(docs),
            causes=sum(d.causes for d in docs),
            lessons=sum(d.lessons for d in docs),
            actions=sum(d.actions for d in docs),
        ),
        "cause_themes": [theme(t) for t in summary.cause_themes],
        "lesson_themes": [theme(t) for t in summary.lesson_themes],
        "repeated_actions": [theme(t) for t in summary.repeated_actions],
        "action_gaps": [
            {
                "doc": esc(g.doc_id),
                "id": g.item_id,
                "action": esc(g.action),
                "missing": missing(g),
            }
            for g in summary.action_gaps
        ],
        "unverified": [
            {
                "doc": esc(u.doc_id),
                "title": esc(titles.get(u.doc_id, "")),
                "items": ", ".join(u.items),
            }
            for u in summary.unverified
        ],
        "counts": [
            (labels["by_kind"], counted(summary.counts.by_kind, kind_names)),
            (labels["by_cause_type"], counted(summary.counts.by_cause_type, words)),
            (labels["by_category"], counted(summary.counts.by_category)),
            (labels["by_period"], counted(summary.counts.by_period)),
        ],
        "documents": [
            {
                "id": esc(d.id),
                "title": esc(d.title),
                "kind": kind_names.get(d.kind, d.kind),
                "period": esc(d.period),
            }
            for d in docs
        ],
    }


@cache
def _environment(autoescape: bool) -> Any:
    """One environment per escaping mode per process: each template is compiled once."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(bundled_dir("templates")),
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_markdown(summary: Summary) -> str:
    """summary.md: every value from a document is inert Markdown."""
    return tidy(_environment(False).get_template(MD_TEMPLATE).generate(**_view(summary, md)))


def render_html(summary: Summary) -> str:
    """summary.html: one self-contained page, escaped, with inline SVG charts and no scripts."""
    from markupsafe import Markup

    from retro_ai.render.html import html_lang

    view = _view(summary, str)
    view["html_lang"] = html_lang(summary.language)
    view["charts"] = [{"title": title, "svg": Markup(svg)} for title, svg in charts(summary) if svg]
    return _environment(True).get_template(HTML_TEMPLATE).render(**view)


def charts(summary: Summary) -> list[tuple[str, str]]:
    """(title, inline SVG) for themes over time and causes by type; empty SVG when no data."""
    labels = SUMMARY_LABELS[summary.language]
    return [
        (labels["chart_time"], _themes_over_time(summary)),
        (labels["chart_types"], _causes_by_type(summary)),
    ]


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text: searchable, CJK drawn by the reader's fonts
            "svg.hashsalt": "retro-ai",  # the same ids on every run
            "font.family": ["DejaVu Sans", "Noto Sans CJK SC", "sans-serif"],
            "font.size": 9,
        }
    )
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def _svg(fig: Any) -> str:
    """The figure as an inline `<svg>` element (no XML prologue or doctype)."""
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs missing from the measuring font (CJK)
        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _themes_over_time(summary: Summary) -> str:
    periods_of = {d.id: d.period for d in summary.documents}
    themes = summary.cause_themes[:CHART_THEMES]
    periods = sorted({periods_of[d] for t in themes for d in t.documents})
    if not themes:
        return ""
    fig = _figure(7.5, 0.6 + 0.35 * len(themes) + 1.2)
    ax = fig.add_subplot()
    bottom = [0] * len(periods)
    for theme in themes:
        heights = [sum(periods_of[d] == p for d in theme.documents) for p in periods]
        ax.bar(periods, heights, bottom=bottom, label=f"{theme.id} {theme.name}"[:60])
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel(SUMMARY_LABELS[summary.language]["documents"])
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _causes_by_type(summary: Summary) -> str:
    counts = summary.counts.by_cause_type
    if not any(counts.values()):
        return ""
    words = LABELS[summary.language]
    fig = _figure(6, 2.2)
    ax = fig.add_subplot()
    names = [words.get(k, k) for k in counts]
    ax.barh(names, list(counts.values()), color="#0b5cad")
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)
