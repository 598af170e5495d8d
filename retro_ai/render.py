"""Rendering a `Retrospective` into a draft report with Jinja2 templates per kind and language.

Data is shaped here, in Python; templates only loop and print. Undefined variables fail loudly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from retro_ai.errors import ConfigError
from retro_ai.resources import bundled_dir
from retro_ai.schema import Evidence, Language, Retrospective, Value

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "exceeded": "超额完成",
        "met": "达成",
        "partial": "部分达成",
        "missed": "未达成",
        "unknown": "待确认",
        "trigger": "触发因素",
        "direct": "直接原因",
        "contributing": "促成因素",
        "root": "根本原因",
        "confirmed": "已确认",
        "likely": "较可能",
        "hypothesis": "推测,待验证",
        "unverified": "⚠ 未核实",
        "short": "短期",
        "medium": "中期",
        "long": "长期",
        "none": "—",
        "offline": "离线抽取引擎(按线索短语逐句摘录,未使用大模型)",
        "higher": "越高越好",
        "lower": "越低越好",
        "binary": "是否完成",
    },
    "en": {
        "exceeded": "Exceeded",
        "met": "Met",
        "partial": "Partly met",
        "missed": "Missed",
        "unknown": "Unknown",
        "trigger": "Trigger",
        "direct": "Direct cause",
        "contributing": "Contributing factor",
        "root": "Root cause",
        "confirmed": "confirmed",
        "likely": "likely",
        "hypothesis": "hypothesis, unconfirmed",
        "unverified": "⚠ unverified",
        "short": "Short term",
        "medium": "Medium term",
        "long": "Long term",
        "none": "—",
        "offline": "offline extractive engine (cue-phrase extraction, no language model)",
        "higher": "higher is better",
        "lower": "lower is better",
        "binary": "done / not done",
    },
}


def md(text: object) -> str:
    """Make a value safe for one Markdown table cell or line: no pipes, breaks or live images."""
    s = " ".join(str(text).split())
    return s.replace("|", "\\|").replace("![", "!\\[")


def _cite(evidence: list[Evidence], labels: dict[str, str]) -> str:
    found = [e for e in evidence if e.verified]
    if not found:
        return labels["unverified"]
    parts = []
    for e in found[:2]:
        where = f"{Path(e.source or '').name}:{e.line}"
        if e.timestamp:
            where += f" @{e.timestamp}"
        parts.append(where)
    return ", ".join(parts)


def _value(value: Value | None, unit: str | None = None) -> str:
    """A value as written, with the unit added when the text does not already show it."""
    if value is None or not value.text:
        return "—"
    if (
        unit
        and value.state == "known"
        and value.unit is None
        and not value.change
        and unit not in value.text
    ):
        return f"{value.text} {unit}"
    return value.text


def _rate(rate: float | None) -> str:
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}%".replace(".0%", "%")


def build_view(retro: Retrospective, lang: Language) -> dict[str, Any]:
    """Everything a template prints, already formatted for `lang`."""
    labels = LABELS[lang]
    results_by_goal: dict[str, list] = {}
    for r in retro.results:
        results_by_goal.setdefault(r.goal_id or "", []).append(r)
    goal_rows = []
    for g in retro.goals:
        results = results_by_goal.get(g.id, [])
        r = results[0] if results else None
        ach = r.achievement if r else None
        goal_rows.append(
            {
                "id": g.id,
                "title": md(g.title),
                "category": md(g.category or "—"),
                "target": md(_value(g.target, g.unit)),
                "direction": labels.get(g.direction or "", "—"),
                "baseline": md(_value(g.baseline, g.unit)),
                "actual": md(_value(r.actual, g.unit) if r else "—"),
                "rate": _rate(ach.rate) if ach else "—",
                "stated_rate": md(_value(ach.stated_rate)) if ach else "—",
                "verdict": labels[ach.verdict] if ach else labels["unknown"],
                "basis": ach.basis if ach else "none",
                "convention": ach.convention if ach and ach.convention else "",
                "stated_verdict": md(ach.stated_verdict or "") if ach else "",
                "cite": _cite(g.evidence + (r.evidence if r else []), labels),
                "verified": g.verified,
            }
        )
    other_results = [
        {
            "title": md(r.title),
            "actual": md(_value(r.actual)),
            "cite": _cite(r.evidence, labels),
            "verdict": labels[r.achievement.verdict],
        }
        for r in results_by_goal.get("", [])
    ]
    return {
        "meta": retro.meta,
        "labels": labels,
        "title": md(retro.meta.title),
        "background": md(retro.background),
        "summary": md(retro.summary.text),
        "key_points": [md(p) for p in retro.summary.key_points],
        "goals": goal_rows,
        "other_results": other_results,
        "highlights": [_item(h.title, h.description, h.evidence, labels) for h in retro.highlights],
        "problems": [
            {
                **_item(p.title, p.description, p.evidence, labels),
                "id": p.id,
                "causes": [
                    {
                        **_item(c.text, "", c.evidence, labels),
                        "type": labels[c.type],
                        "confidence": labels[c.confidence],
                        "hypothesis": c.confidence == "hypothesis",
                    }
                    for c in p.causes
                ],
            }
            for p in retro.problems
        ],
        "keep": [
            _item(x.statement, "", x.evidence, labels)
            for x in retro.lessons
            if x.polarity == "keep"
        ],
        "improve": [
            _item(x.statement, "", x.evidence, labels)
            for x in retro.lessons
            if x.polarity == "improve"
        ],
        "actions": [
            {
                "id": a.id,
                "action": md(a.action),
                "owner": md(a.owner or "—"),
                "due": md(a.due.text or "—"),
                "due_date": a.due.date.isoformat() if a.due.date else "",
                "horizon": labels[a.horizon] if a.horizon else "",
                "area": md(a.area or ""),
                "problems": ", ".join(a.problem_ids),
                "cite": _cite(a.evidence, labels),
            }
            for a in retro.action_items
        ],
        "timeline": [
            {"at": md(t.at), "description": md(t.description), "cite": _cite(t.evidence, labels)}
            for t in retro.timeline
        ],
        "questions": [md(q.question) for q in retro.open_questions],
        "sources": retro.meta.sources,
        "prompt_versions": ", ".join(f"{k}@{v}" for k, v in retro.meta.prompt_versions.items()),
    }


def _item(title: str, description: str, evidence: list[Evidence], labels: dict[str, str]) -> dict:
    text = md(title)
    if description and description.strip() != title.strip():
        text = (
            f"{text}:{md(description)}"
            if re.search(r"[\u4e00-\u9fff]", title)
            else (f"{text}: {md(description)}")
        )
    return {
        "text": text,
        "cite": _cite(evidence, labels),
        "verified": any(e.verified for e in evidence),
    }


def template_name(kind: str, lang: Language, directory: Path) -> str:
    """The template for a kind and language, falling back to the project template."""
    for name in (f"{kind}.{lang}.md.j2", f"project.{lang}.md.j2"):
        if (directory / name).is_file():
            return name
    raise ConfigError(f"no template for kind '{kind}' in language '{lang}' in {directory}")


def render_markdown(retro: Retrospective, lang: Language | None = None) -> str:
    """The Markdown draft for `retro`, in `lang` or the retrospective's output language."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    lang = lang or retro.meta.output_language
    directory = bundled_dir("templates")
    env = Environment(
        loader=FileSystemLoader(directory),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown: values are made safe by `md` when the view is built
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = env.get_template(template_name(retro.meta.kind, lang, directory))
    return template.render(**build_view(retro, lang))
