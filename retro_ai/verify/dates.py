"""Resolving due dates as people write them ("下月内", "by Friday", "2026-12-15").

Only phrases with one clear reading are resolved; anything else keeps its text and no date,
so the report never shows a date the source did not imply.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_WEEKDAYS_EN = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CN_NUM = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_MONTH_DAY_ZH = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")
_MONTH_DAY_EN = re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_DAY_MONTH_EN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3})[a-z]*\b")
_N = r"(\d+|[一二两三四五六七八九十])"
_WITHIN = re.compile(
    r"(?:within|in|next)\s+(?:\d+\s*(?:-|to)\s*)?(\d+)\s+(day|week|month|year)s?"
    rf"|(?:{_N}\s*(?:到|至|-|~)\s*)?{_N}\s*(天|周|个月|个星期|月|年)(?:内|以内)?"
    r"(?=$|[^\u4e00-\u9fff]|内|以内|完成|之内)"
)
_ZH_UNITS = {
    "天": "day",
    "周": "week",
    "个星期": "week",
    "个月": "month",
    "月": "month",
    "年": "year",
}
_QUARTER = re.compile(r"\bQ([1-4])\b|第([一二三四1-4])季度")


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _next_weekday(today: date, weekday: int, skip_week: bool = False) -> date:
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead + (7 if skip_week else 0))


def _absolute(text: str, today: date) -> date | None:
    if m := _ISO.search(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_DAY_ZH.search(text):
        month, day = int(m[1]), int(m[2])
    elif (m := _MONTH_DAY_EN.search(text)) and m[1].lower() in _MONTHS:
        month, day = _MONTHS[m[1].lower()], int(m[2])
    elif (m := _DAY_MONTH_EN.search(text)) and m[2].lower() in _MONTHS:
        month, day = _MONTHS[m[2].lower()], int(m[1])
    else:
        return None
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)


def _relative(text: str, today: date) -> date | None:
    low = text.lower()
    if (m := _WITHIN.search(low)) and ("内" in text or "未来" in text or m[1]):
        n = int(m[1]) if m[1] else _CN_NUM.get(m[4], 0) or int(m[4])  # a range: its far end
        unit = m[2] or _ZH_UNITS[m[5]]
        if unit == "day":
            return today + timedelta(days=n)
        if unit == "week":
            return today + timedelta(weeks=n)
        return _add_months(today, n * 12 if unit == "year" else n)
    if "下月" in text or "下个月" in text or "next month" in low:
        nxt = _add_months(today.replace(day=1), 1)
        return _end_of_month(nxt.year, nxt.month)
    if "月底" in text or "本月" in text or "end of month" in low or "end of the month" in low:
        return _end_of_month(today.year, today.month)
    if m := re.search(r"(下周|本周|这周)([一二三四五六日天])", text):
        return _next_weekday(today, _WEEKDAYS_ZH[m[2]], skip_week=m[1] == "下周")
    if "下周" in text or "next week" in low:
        return _next_weekday(today, 4, skip_week=today.weekday() < 4)
    for name, weekday in _WEEKDAYS_EN.items():
        if re.search(rf"\b(?:by|on|this|next)\s+{name}\b", low):
            return _next_weekday(today, weekday, skip_week=f"next {name}" in low)
    if m := _QUARTER.search(text):
        q = int(m[1]) if m[1] else _CN_NUM.get(m[2], 0) or int(m[2])
        year = today.year if q >= (today.month - 1) // 3 + 1 else today.year + 1
        return _end_of_month(year, q * 3)
    if "下半年" in text or "second half" in low or "h2" in low.split():
        return date(today.year, 12, 31)
    if "年底" in text or "年末" in text or "end of year" in low or "end of the year" in low:
        return date(today.year, 12, 31)
    return None


def resolve_due(text: str, today: date) -> date | None:
    """The date a due phrase points to, or None when it is recurring, ongoing or unclear."""
    if not text or re.search(r"每|长期|持续|ongoing|every|weekly|monthly|recurring", text, re.I):
        return None
    try:
        return _absolute(text, today) or _relative(text, today)
    except ValueError:  # e.g. 2月30日: written, but not a date
        return None
