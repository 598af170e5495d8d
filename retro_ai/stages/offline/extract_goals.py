"""Goals: target, unit, direction and category, each copied as written.

A goal line often packs several targets ("订单处理速度提升30%,库存管理精确度达到99.5%"), so a
line with two or more targeted clauses yields one goal per clause; a target is kept as written,
placeholders ("X万元") included, and only code elsewhere turns it into a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retro_ai.schema import Direction
from retro_ai.stages.drafts import GoalDraft
from retro_ai.stages.offline import cues, values
from retro_ai.stages.offline.items import Entry, of_kind
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import Span, clean
from retro_ai.verify.numbers import parse_value

_UNIT_NAMES = {"×": "x"}


@dataclass(slots=True)
class Target:
    span: Span
    unit: str | None


def value_of(m: re.Match[str]) -> tuple[int, str | None] | None:
    """(start, unit) of a `values.TARGET` match that is a value; a bare number ("2026") is not."""
    num, mag, unit, cur = m.group("num"), m.group("mag"), m.group("unit"), m.group("cur")
    if not (mag or unit or cur or m.group("cmp")) or (num.isalpha() and not (mag or unit)):
        return None  # "<= 150" is a target although it has no unit
    start = m.start("sign") if m.group("sign") else m.start("cur") if cur else m.start("num")
    name = (unit or cur or mag or "").strip() or None
    return start, _UNIT_NAMES.get(name, name) if name else None


_DIGIT = re.compile(r"\d")
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


def find_target(span: Span) -> Target | None:
    """The first target-like value in a span: '30%', '200毫秒', 'X万元', '$52', '两个'."""
    text = span.text
    half = values.HALF.search(text)
    if half:  # "换线时间缩短一半(原来 40 分钟)": the target is the change, the 40 its baseline
        return Target(span.sub(half.start(), half.end()), "%")
    band = values.RANGE.search(text)
    if band:
        return Target(span.sub(band.start(), band.end()), band.group("unit").strip())
    found_all = [(m, f) for m in values.TARGET.finditer(text) if (f := value_of(m))]
    aside = [(b.start(), b.end()) for b in _ASIDE.finditer(text)]
    outside = [(m, f) for m, f in found_all if not any(a <= m.start() < b for a, b in aside)]
    if picks := outside or found_all:  # "给我(连带组里4个人)定的业绩是1200万": not the 4
        m, found = picks[0]
        verb = values.HIGHER_WORDS.search(text) or values.LOWER_WORDS.search(text)
        if verb and m.end() <= verb.start():  # "开业7天营业额冲80万": the 7 days are when
            m, found = next(((n, f) for n, f in picks if n.start() >= verb.end()), (m, found))
        elif len(picks) > 1 and _SCOPE.match(text, m.end()):
            m, found = picks[1]  # "首周6家店合计卖8000杯": the 6 shops are where, not how many
        elif (
            len(picks) > 1 and _TIME_UNIT.fullmatch(found[1] or "") and _WINDOW.match(text, m.end())
        ):
            m, found = picks[1]  # "48小时发货率95%", "30-day retention of 40%": the window names it
        return Target(span.sub(found[0], m.end()).strip(" "), found[1])
    cn = values.CN_TARGET.search(text)
    if cn:
        t = cn.group("t")
        return Target(span.sub(cn.start("t"), cn.end("t")), t[-1])
    bare = values.BARE_TARGET.search(text)
    if bare:
        return Target(span.sub(bare.start("t"), bare.end("t")), None)
    return None


# What a first figure counts when it only says where a goal applies: "6家店", "3个城市".
_SCOPE = re.compile(r"\s*(?:家|个)?(?:门店|店|城市|校区|仓|站点|省|区县)")


# A figure with no unit that is no date, time, version or rank: "均价做到880/晚", "好评分保住4.9".
_PLAIN_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.:/#-])\d+(?:\.\d+)?"
    r"(?![A-Za-z0-9_.:%]|\s*(?:[月日号点年时分秒成倍折万千亿百]|st\b|nd\b|rd\b|th\b))"
)


_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I
)


def _lone_number(span: Span) -> Target | None:
    """The one plain figure of a goal line, when it has only one: the target it sets."""
    text = _ASIDE.sub(lambda m: " " * len(m.group(0)), span.text)
    found = [m for m in _PLAIN_NUMBER.finditer(text) if not _MONTH_BEFORE.search(text[: m.start()])]
    if len(found) != 1:
        return None
    return Target(span.sub(found[0].start(), found[0].end()), None)


# What a first figure is part of when it is the window a rate is counted over.
_WINDOW = re.compile(
    r"(?:内|之内)?[\u4e00-\u9fff]{0,5}?(?:率|留存|复购|占比)"
    r"|[- ]?(?:[a-z]+[- ])?(?:retention|resolution|response|delivery|on[- ]time|fill|completion"
    r"|conversion|churn|repeat|return)",
    re.I,
)
_IN_TIME = re.compile(r"\b(?:in|within)\s*$", re.I)
_TIME_UNIT = re.compile(
    r"weeks?|days?|months?|hours?|hrs?|h|minutes?|mins?|天|周|个月|小时|分钟", re.I
)


def direction(clause: str, target: Target | None, offset: int | None = None) -> Direction | None:
    """higher / lower / binary from the words around the target (nearest verb wins)."""
    if target is not None and offset is not None:
        after = clause[offset:]
        if values.LOWER_AFTER.match(after):
            return "lower"
        if values.HIGHER_AFTER.match(after):
            return "higher"
        before = clause[: max(0, offset - len(target.span.text))]
        if _IN_TIME.search(before) and _TIME_UNIT.fullmatch((target.unit or "").strip()):
            return "lower"  # "ship in 8 weeks": a time allowed, sooner is better
        said = values.words_say(before)
        if said is not None:
            return said
        if values.LOWER_WORDS.search(after[:12]):
            return "lower"
        if values.HIGHER_WORDS.search(after[:12]):
            return "higher"
        return None
    return "binary" if values.BINARY_WORDS.search(clause) else None


def _metric(clause: Span, target: Target) -> str | None:
    before = clause.text[: target.span.start - clause.start]
    verbs = list(values.HIGHER_WORDS.finditer(before)) + list(values.LOWER_WORDS.finditer(before))
    cut = min((m.start() for m in verbs), default=len(before))
    metric = clean(cues.LEADING_CONNECTOR.sub("", before[:cut]))
    return metric or None


# The figure right after "from X to": "2,000", "3.0%", "$1.2M", "10 分钟"
_LEAD_FIGURE = re.compile(
    r"\s*[$¥€£]?\d+(?:,\d{3})*(?:\.\d+)?\s*(?:[^\W\d_]{1,8}\b|%|[^\x00-\x7f]{1,3})?"
)


def _goal(span: Span, category: str | None) -> GoalDraft | None:
    span = span.strip()
    lead = cues.LEADING_CONNECTOR.match(span.text)
    if lead and lead.end() < len(span.text):
        span = span.sub(lead.end())
    target = find_target(span) or _lone_number(span)
    direct = None
    metric = unit = baseline = None
    from_to = values.FROM_TO.search(span.text)
    if from_to:  # "from 2.4% to 3.0%": the second value is the target, the first the baseline
        after = span.sub(from_to.end())
        lead = _LEAD_FIGURE.match(after.text)
        if lead:  # "from 2,340 to 2,000 by 30 September": the figure "to" leads to, not the 30
            after = after.sub(0, lead.end())
        target = find_target(after) or (_lone_number(after) if lead else None) or target
        baseline = from_to.group("b").strip()
    if (
        target is not None
        and values.BINARY_WORDS.match(span.text)
        and not (values.HIGHER_WORDS.search(span.text) or values.LOWER_WORDS.search(span.text))
    ):
        target = None  # "Launch to 100% of web traffic by …" is done or not done
    if target is not None:
        offset = target.span.end - span.start
        direct = direction(span.text, target, offset)
        metric = _metric(span, target)
        unit = target.unit
        base = values.BASELINE.search(span.text)
        if baseline is None and base and base.group("b") != target.span.text:
            baseline = base.group("b").strip()
        if direct is None and from_to:
            direct = _moved(baseline, target.span.text)  # "down from about 9% to 6%"
    else:
        direct = direction(span.text, None)
    if not clean(span.text):
        return None
    return GoalDraft(
        title=clean(span.text),
        category=category,
        metric=metric,
        target=target.span.text if target else None,
        unit=unit,
        direction=direct,
        baseline=baseline,
        quote=span.text,
    )


goal_from_span = _goal  # the stated-goals pass builds its goals the same way


def _moved(start: str | None, end: str) -> Direction | None:
    """Which way a goal moves its measure from where it started to its target."""
    before, after = parse_value(start), parse_value(end)
    if before.value is None or after.value is None or after.change or before.unit != after.unit:
        return None
    if before.value == after.value:
        return None  # "from 3 to 3" says no way
    return "lower" if after.value < before.value else "higher"


def _category(entry: Entry) -> str | None:
    label = clean(entry.title.text) if entry.title else None
    if label and values.GOAL_CATEGORY_LABEL.search(label):
        return label
    if entry.group:
        return entry.group
    return label


_COL_METRIC = re.compile(r"指标|目标项|名称|metric|kpi|goal|item", re.I)
_COL_TARGET = re.compile(r"目标值|目标|计划|target|plan", re.I)
_COL_ACTUAL = re.compile(r"实际|结果|达成|actual|result", re.I)


def columns(entry: Entry) -> tuple[Span | None, Span | None, Span | None]:
    """(metric, target, actual) cells of a "| 指标 | 目标 | 实际 |" row, found by header."""
    cols = entry.columns or {}
    pick: dict[str, Span] = {}
    names = list(cols)
    if (
        len(names) > 2
        and _COL_TARGET.search(names[0])
        and any(cues.TARGET_COLUMN.search(n) for n in names[1:])
    ):
        # "| 目标 | 计划 | 实际 |", "| 目标 | 当时定的 | 实际 |": the first column names it
        pick["metric"] = cols[names[0]]
    for name, cell in cols.items():
        if pick.get("metric") is cell:
            continue
        for key, pattern in (("actual", _COL_ACTUAL), ("target", _COL_TARGET)):
            if key not in pick and pattern.search(name):
                pick[key] = cell
                break
        else:
            if "metric" not in pick and _COL_METRIC.search(name):
                pick["metric"] = cell
    # headed in other words ("| 目标 | 当时定的 | 实际 |"): a column left that says target or actual
    for key, pattern in (("target", cues.TARGET_COLUMN), ("actual", cues.ACTUAL_COLUMN)):
        taken = [id(c) for c in pick.values()]
        left = [c for n, c in cols.items() if id(c) not in taken and pattern.search(n)]
        if key not in pick and left:
            pick[key] = left[0]
    first = next(iter(cols.values()), None)
    return pick.get("metric", first), pick.get("target"), pick.get("actual")


def table_title(metric: str, cell: Span) -> str:
    """A table row's title: its metric, with the cell added when the metric is one short word
    ("体重" alone names no goal; "体重 减到65kg" does)."""
    return f"{metric} {clean(cell.text)}" if len(metric) <= 2 else metric


def _table_goal(entry: Entry) -> GoalDraft | None:
    metric, target, _actual_cell = columns(entry)
    if metric is None or target is None or not clean(target.text) or metric is target:
        return None
    row = Span(metric.line, metric.start, max(metric.end, target.end))
    draft = _goal(target, None)
    title = clean(metric.text)
    if draft is None or not title:
        return None
    update = {"title": table_title(title, target), "metric": title, "quote": row.text}
    from retro_ai.stages.offline.stated_goals import is_date

    if is_date(target.text):  # "| 上线时间 | 5月20日 |": done by a date, not "more of" it
        return draft.model_copy(
            update={**update, "target": None, "unit": None, "direction": "binary"}
        )
    direct = cell_direction(draft.direction, title, target.text)
    target_text = draft.target or clean(target.text)
    return draft.model_copy(update={**update, "target": target_text, "direction": direct})


def cell_direction(found: Direction | None, metric: str, target: str) -> Direction | None:
    """A table row's direction: lower is better for a cost or a time ("| infra cost / month |
    $12k |") and for a target cell that says so ("| 体重 | 减到65kg |", "| 35 or less |")."""
    if found in (None, "higher") and values.LOWER_METRIC.search(metric):
        if found is None or values.words_say(metric) != "higher":
            return "lower"
    if found is None and values.LOWER_WORDS.search(target):
        return "lower"
    return found


def extract_goals(docs: list[Document]) -> list[GoalDraft]:
    from retro_ai.stages.offline.stated_goals import goal_unit_split, stated

    owned = stated(docs).owned  # goals stated with their result on one line: read there
    goals: list[GoalDraft] = []
    for _doc, entry in of_kind(docs, "goal"):
        if id(entry.unit) in owned:
            continue
        if entry.columns is not None:
            goal = _table_goal(entry)
            if goal:
                goals.append(goal)
            continue
        category = _category(entry)
        content = entry.unit.content if entry.title else entry.body
        if not content:
            continue
        sentences = [] if entry.unit.bullet else content.sentences()
        if len(sentences) >= 3:
            # a paragraph under "What we'd promised": one goal a sentence, the ones with a figure
            picked = [t for t in sentences if _DIGIT.search(t.text) or find_target(t)]
            if len(picked) >= 2:
                goals.extend(g for g in (_goal(t.strip(), category) for t in picked) if g)
                continue
        clauses = [c for c in content.clauses() if find_target(c)]
        if len(clauses) >= 2:
            heads, said = goal_unit_split(content)
            if said:  # "we planned on 20 volunteers and six showed up": the rest is the result
                end = heads[-1].end
                clauses = [c for c in clauses if c.end <= end] or clauses[:1]
        if len(clauses) >= 2:
            goals.extend(g for g in (_goal(c, category) for c in clauses) if g)
            continue
        span = content
        if entry.title and entry.group and category != clean(entry.title.text):
            span = entry.unit.span  # "上线三个核心新模块:…" — the label is part of the goal
        if len(span.text) > 150:
            if not clauses:
                continue
            span = clauses[0]
        goal = _goal(span.strip(), category)
        if goal:
            goals.append(goal)
    goals.extend(p.goal.model_copy() for p in stated(docs).pairs if p.goal is not None)
    return goals
