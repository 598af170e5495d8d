"""Shaping a `Retrospective` into the variables a report template receives.

Data is shaped here, in Python; templates only loop and print, so a team's own template gets
the same variables. Every string from the input or a model passes through `md`, so a value can
never add Markdown (or, in the HTML and DOCX converted from it, markup) of its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from retro_ai.i18n import LABELS, NUMBER_UNITS
from retro_ai.schema import Evidence, KindReason, Language, Meta, Retrospective, Value

_PLAIN_NUMBER = re.compile(r"^[\d,]+(?:\.\d+)?$")
# Characters that make Markdown syntax, each to be backslash-escaped: `<` (raw HTML, autolinks),
# `[`/`]` (links, images, reference definitions), `*`/`` ` ``/`|`, `&` before an entity name,
# `\` before punctuation, `~~`, and `_` where it could open or close emphasis (not snake_case).
_MD_SPECIAL = re.compile(
    r"""[<\[\]*`|]|&(?=\#?\w+;)|\\(?=[!-/:-@\[-`{-~]|$)|~(?=~)|(?<=~)~"""
    r"|(?<![^\W_])_|_(?![^\W_])"
)
# A value printed at the start of a line must not open a heading, quote, list or rule.
_BLOCK_START = re.compile(
    r"^(?:#(?=#{0,5}(?:\s|$))|>|[-+](?=\s|$|-+$)|=(?==*$)|\d{1,9}(?=[.)](?:\s|$)))"
)


def md(text: object) -> str:
    """Make a value inert Markdown for one table cell or line, still readable in an editor.

    Breaks are folded to spaces, and every character that could make HTML, a link, an image,
    emphasis, a table cell or a block is backslash-escaped, so the text shows as written in
    any Markdown viewer and in the HTML and DOCX converted from it.
    """
    s = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(str(text).split()))
    return _BLOCK_START.sub(_escape_block_start, s, count=1)


def _escape_block_start(m: re.Match[str]) -> str:
    """`# x` -> `\\# x`; `1. x` -> `1\\. x` (an ordered list needs the dot, not the digits)."""
    return m.group(0) + "\\" if m.group(0)[0].isdigit() else "\\" + m.group(0)


def format_number(number: float, lang: Language) -> str:
    """Chinese output counts in 万 and 亿; English groups thousands."""
    for size, unit in NUMBER_UNITS[lang]:
        if abs(number) >= size:
            return f"{number / size:.4g}{unit}"
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def _value(value: Value | None, unit: str | None, lang: Language) -> str:
    """A value as written; a bare number from a metrics file gets its unit and local format."""
    if value is None or not value.text:
        return "—"
    if value.state == "known" and value.value is not None and _PLAIN_NUMBER.match(value.text):
        text = format_number(value.value, lang)
        if unit and unit != "bool":
            text = f"{text}{unit}" if lang == "zh" or unit == "%" else f"{text} {unit}"
        return text
    return value.text


def _rate(rate: float | None) -> str:
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}%".replace(".0%", "%")


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
    return md(", ".join(parts))


def _item(title: str, description: str, evidence: list[Evidence], labels: dict[str, str]) -> dict:
    text = md(title)
    if description and description.strip() != title.strip():
        text = f"{text}{labels['colon']}{md(description)}"
    verified = any(e.verified for e in evidence)
    return {"text": text, "cite": _cite(evidence, labels), "verified": verified}


def _goal_rows(retro: Retrospective, lang: Language, labels: dict[str, str]) -> list[dict]:
    by_goal: dict[str, list] = {}
    for r in retro.results:
        by_goal.setdefault(r.goal_id or "", []).append(r)
    rows = []
    for g in retro.goals:
        r = (by_goal.get(g.id) or [None])[0]
        ach = r.achievement if r else None
        stated = md(ach.stated_verdict or "") if ach else ""
        verdict = labels[ach.verdict] if ach else labels["unknown"]
        rows.append(
            {
                "id": md(g.id),
                "title": md(g.title),
                "category": md(g.category or "—"),
                "target": md(_value(g.target, g.unit, lang)),
                "direction": labels.get(g.direction or "", "—"),
                "baseline": md(_value(g.baseline, g.unit, lang)),
                "actual": md(_value(r.actual, g.unit, lang) if r else "—"),
                "rate": _rate(ach.rate) if ach else "—",
                "stated_rate": md(ach.stated_rate.text) if ach and ach.stated_rate else "—",
                "verdict": verdict,
                "stated_verdict": "" if stated == verdict else stated,
                "convention": md(ach.convention or "") if ach else "",
                "cite": _cite(g.evidence + (r.evidence if r else []), labels),
                "verified": g.verified,
            }
        )
    return rows


def _other_results(retro: Retrospective, lang: Language, labels: dict[str, str]) -> list[dict]:
    """Results the goal table cannot show: untargeted ones, and a goal's second and later."""
    seen: set[str] = set()
    rows = []
    for r in retro.results:
        if r.goal_id and r.goal_id not in seen:
            seen.add(r.goal_id)
            continue
        verdict = r.achievement.verdict
        rows.append(
            {
                "title": md(r.title),
                "goal_id": md(r.goal_id or ""),
                "actual": md(_value(r.actual, None, lang)),
                "verdict": labels[verdict] if verdict != "unknown" else "",
                "stated_verdict": md(r.achievement.stated_verdict or ""),
                "cite": _cite(r.evidence, labels),
            }
        )
    return rows


def _actions(retro: Retrospective, labels: dict[str, str]) -> list[dict]:
    return [
        {
            "id": md(a.id),
            "action": md(a.action),
            "owner": md(a.owner or "—"),
            "due": md(a.due.text or "—"),
            "due_date": a.due.date.isoformat() if a.due.date else "",
            "horizon": a.horizon or "",
            "horizon_label": labels[a.horizon] if a.horizon else "",
            "area": md(a.area or ""),
            "problems": md(", ".join(a.problem_ids) or "—"),
            "cite": _cite(a.evidence, labels),
        }
        for a in retro.action_items
    ]


def _kind_reason(reason: KindReason, labels: dict[str, str]) -> str:
    """How the kind was chosen, in the report's language ("线索：项目×12、上线×6")."""
    if reason.how == "cues":
        cues = labels["list_sep"].join(f"{c.word}×{c.count}" for c in reason.cues)
        return md(labels["cues"] + cues)
    if reason.how == "text":
        return md(reason.text)
    if reason.how == "model":
        return labels["model_kind"].format(p=round(100 * (reason.confidence or 0.0)))
    return labels["forced" if reason.how == "forced" else "default_kind"]


def _md_or_none(text: str | None) -> str | None:
    return None if text is None else md(text)


def _safe(value: Any) -> Any:
    """Every string in a dumped model made inert by `md` (dict keys too); other values kept."""
    if isinstance(value, str):
        return md(value)
    if isinstance(value, dict):
        return {md(k): _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def _safe_meta(meta: Meta) -> Meta:
    """`meta` as templates see it: model, period, file names and versions cannot add Markdown."""
    return Meta.model_validate(_safe(meta.model_dump()))


def build_view(retro: Retrospective, lang: Language) -> dict[str, Any]:
    """Every variable a report template receives, formatted for `lang` (see the README)."""
    labels = LABELS[lang]
    meta = _safe_meta(retro.meta)
    actions = _actions(retro, labels)
    problems = [
        {
            **_item(p.title, "", p.evidence, labels),
            "description": md(p.description) if p.description.strip() != p.title.strip() else "",
            "id": md(p.id),
            "causes": [
                {
                    **_item(c.text, "", c.evidence, labels),
                    "type": c.type,
                    "type_label": labels[c.type],
                    "confidence": labels[c.confidence],
                    "hypothesis": c.confidence == "hypothesis",
                }
                for c in p.causes
            ],
        }
        for p in retro.problems
    ]
    incident = retro.incident
    return {
        "meta": meta,
        "lang": lang,
        "labels": labels,
        "title": md(retro.meta.title),
        "background": md(retro.background),
        "summary": md(retro.summary.text),
        "key_points": [md(p) for p in retro.summary.key_points],
        "goals": _goal_rows(retro, lang, labels),
        "other_results": _other_results(retro, lang, labels),
        "highlights": [
            _item(h.title, h.description, h.evidence, labels)
            for h in retro.highlights
            if not h.luck
        ],
        "lucky": [
            _item(h.title, h.description, h.evidence, labels) for h in retro.highlights if h.luck
        ],
        "problems": problems,
        "causes_by_type": {
            kind: [c for p in problems for c in p["causes"] if c["type"] == kind]
            for kind in ("trigger", "direct", "root", "contributing")
        },
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
        "actions": actions,
        "actions_by_horizon": {
            h: [a for a in actions if a["horizon"] == h] for h in ("short", "medium", "long", "")
        },
        "show_owner": retro.meta.kind != "personal" or any(a.owner for a in retro.action_items),
        "show_area": any(a.area for a in retro.action_items),
        "kind_label": labels[f"kind_{retro.meta.kind}"],
        "kind_reason": _kind_reason(retro.meta.kind_reason, labels),
        "timeline": [
            {
                "at": md(t.at),
                "description": md(t.description),
                "kind": labels[f"event_{t.kind}"],
                "cite": _cite(t.evidence, labels),
            }
            for t in retro.timeline
        ],
        "phases": [
            {
                "name": md(p.name),
                "challenges": [md(x) for x in p.challenges],
                "actions": [md(x) for x in p.actions],
                "gains": [md(x) for x in p.gains],
                "cite": _cite(p.evidence, labels),
            }
            for p in retro.phases
        ],
        "incident": {
            name: (
                _item(getattr(incident, name).text, "", getattr(incident, name).evidence, labels)
                if incident and getattr(incident, name)
                else None
            )
            for name in ("impact", "detection", "resolution")
        }
        | {
            "time_to_detect": _md_or_none(incident.time_to_detect if incident else None),
            "time_to_recover": _md_or_none(incident.time_to_recover if incident else None),
        },
        "follow_ups": [
            {
                "action": md(f.action),
                "status": labels[f"status_{f.status}"],
                "note": md(f.note or "—"),
                "cite": _cite(f.evidence, labels),
            }
            for f in retro.follow_ups
        ],
        "questions": [md(q.question) for q in retro.open_questions],
        "sources": meta.sources,
        "prompt_versions": ", ".join(f"{k}@{v}" for k, v in meta.prompt_versions.items()),
    }
