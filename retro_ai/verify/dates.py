"""Resolving due dates as people write them ("下月内", "by Friday", "2026-12-15").

Only phrases with one clear reading are resolved; anything else keeps its text and no date,
so the report never shows a date the source did not imply.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from retro_ai.ingest.docdate import MONTH, WEEKDAYS_EN, WEEKDAYS_ZH, month_number, spelled_days

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
_MONTH_DAY_ZH = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})[日号]")
_MONTH_DAY_SLASH = re.compile(r"(?<![\d/.])(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?![\d/.%])")
# "9.30前", "10.5之前": a dotted month.day with its "before", never a decimal ("3.5万")
_MONTH_DAY_DOT = re.compile(
    r"(?<![\d.])(1[0-2]|0?[1-9])\.(3[01]|[12]\d|0?[1-9])(?=\s*(?:之?前|以前))"
)
_MONTH_DAY_EN = re.compile(rf"(?<![a-z]){MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)", re.I)
_DAY_MONTH_EN = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}", re.I)
_MONTH_END_ZH = re.compile(r"(?<!\d)(\d{1,2}|十[一二]|[一二三四五六七八九十])月(?:底|末)")
_MONTH_END_EN = re.compile(rf"\bend of (?:the month of )?{MONTH}", re.I)
_MID_MONTH = re.compile(rf"(?:(?<!\d)(\d{{1,2}}))?月中(?!心|间)|\bmid[- ](?:{MONTH}|month\b)", re.I)
_ZH_MONTHS = {n: i for i, n in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), 1)}
_WEEKDAY_EN = re.compile(
    r"\b(?:(next|this|coming|by|on|before|until|till)\s+)?(?:the\s+)?"
    r"(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|r|rs|rsday|urday)?\.?(?![a-z])",
    re.I,
)
_WEEKDAY_ZH = re.compile(r"(下|本|这)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])")
_N = r"(\d+|[一二两三四五六七八九十])"
_WITHIN = re.compile(
    r"(?:within|in|next)\s+(?:\d+\s*(?:-|to)\s*)?(\d+|a|one|two|three|four|five|six)\s+"
    r"(day|week|month|year)s?"
    rf"|(?:{_N}\s*(?:到|至|-|~)\s*)?{_N}\s*(天|周|个月|个星期|月|年)(?:内|以内)?"
    r"(?=$|[^\u4e00-\u9fff]|内|以内|完成|之内)"
)
_EN_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_FROM_NOW = re.compile(
    r"\b(\d+|a|one|two|three|four|five|six)\s+(day|week|month)s? from (?:today|now)"
    r"|\bgive (?:me|us) (a|one|two|three|four|five|six|\d+)\s+(day|week)s?\b"  # "give me a week"
)
_ZH_UNITS = {
    "天": "day",
    "周": "week",
    "个星期": "week",
    "个月": "month",
    "月": "month",
    "年": "year",
}
# Holidays on a fixed day of the solar calendar (the lunar ones move, so they stay as written).
_HOLIDAYS = {
    "元旦": (1, 1),
    "五一": (5, 1),
    "国庆": (10, 1),
    "双十一": (11, 11),
    "双十二": (12, 12),
}
_HOLIDAY = re.compile("|".join(_HOLIDAYS))
# Holidays of the lunar calendar, as (lunar month, day, days before): "春节前" and "过年前" are
# before New Year's Eve, when the festival begins and people have gone home
_LUNAR_HOLIDAYS = {
    "春节": (1, 1, 1),
    "过年": (1, 1, 1),
    "除夕": (1, 1, 1),
    "元宵": (1, 15, 0),
    "端午": (5, 5, 0),
    "中秋": (8, 15, 0),
}
_LUNAR_HOLIDAY = re.compile(rf"(?:{'|'.join(_LUNAR_HOLIDAYS)})(?=节?之?前)")


def _lunar_day(name: str, today: date) -> date:
    """The next day, from `today`, that the lunar holiday falls on (its eve for the new year)."""
    from lunardate import LunarDate

    month, day, before = _LUNAR_HOLIDAYS[name]
    this_year = LunarDate(today.year, month, day).to_solar_date() - timedelta(days=before)
    if this_year >= today:
        return this_year
    return LunarDate(today.year + 1, month, day).to_solar_date() - timedelta(days=before)


_HOLIDAYS_EN = (
    (re.compile(r"\bnew year'?s eve\b"), (12, 31)),
    (re.compile(r"\bchristmas eve\b"), (12, 24)),
    (re.compile(r"\b(?:christmas|xmas)\b"), (12, 25)),
    (re.compile(r"\bnew year(?:'?s(?: day)?)?\b"), (1, 1)),
)


# how long before the holiday: "国庆前一周", "五一前三天"
_EARLIER = re.compile(r"之?前(?P<n>[一两三四五六七1-7])(?P<u>天|周|个星期)")


def _span_before(m: re.Match[str] | None) -> timedelta:
    if m is None:
        return timedelta(0)
    n = int(m["n"]) if m["n"].isdigit() else "一两三四五六七".index(m["n"]) + 1
    return timedelta(days=n if m["u"] == "天" else 7 * n)


def _holiday_en(low: str) -> tuple[int, int] | None:
    return next((day for pattern, day in _HOLIDAYS_EN if pattern.search(low)), None)


# A day of the month spelt out, as people say it: "by the twentieth", "the twenty-first"
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_ORDINAL_DAY = {
    **{word: n for n, word in enumerate(_ORDINALS, 1)},
    **{f"twenty-{word}": 20 + n for n, word in enumerate(_ORDINALS[:9], 1)},
    "thirtieth": 30,
    "thirty-first": 31,
}
_DAY_WORDS = "|".join(sorted(_ORDINAL_DAY, key=len, reverse=True))
# the same, where it names a day and not a noun's order: "the twentieth", not "the first bus"
DAY_IN_WORDS = rf"(?:{_DAY_WORDS})\b(?!\s+(?!of\b)[a-z])"
_DAY_OF_MONTH = re.compile(
    r"\bthe (\d{1,2})(?:st|nd|rd|th)\b|(?<![\d月/.\-])(\d{1,2})[号日](?!\d)"
    rf"|\bthe ({_DAY_WORDS})\b(?!\s+(?!of\b)[a-z])"
)
# a weekday with its day of the month: "by Mon 23rd", "Friday the 9th"
_WEEKDAY_DAY = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+the\s+(\d{1,2})(?:st|nd|rd|th)?\b"
)
_MONTH_DAY_NEAR = re.compile(r"(下个?|本|这个)月(\d{1,2})[日号]")
_QUARTER = re.compile(r"\bQ([1-4])\b|第([一二三四1-4])季度")


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _coming_weekday(today: date, weekday: int) -> date:
    """The next such weekday after today ("by Friday", "周五前")."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _next_week(today: date, weekday: int) -> date:
    """That weekday of the following calendar week ("next Friday", "下周五")."""
    return today + timedelta(days=7 - today.weekday() + weekday)


def _month_day(text: str) -> tuple[int, int] | None:
    for pattern, order in (
        (_MONTH_DAY_ZH, "md"),
        (_MONTH_DAY_EN, "md"),
        (_DAY_MONTH_EN, "dm"),
        (_MONTH_DAY_SLASH, "md"),
        (_MONTH_DAY_DOT, "md"),
    ):
        if m := pattern.search(text):
            parts = dict(zip(order, m.groups(), strict=True))
            return month_number(parts["m"]), int(parts["d"])
    return None


def _absolute(text: str, today: date | None) -> date | None:
    if m := _ISO.search(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if today is None or (md := _month_day(text)) is None:
        return None
    candidate = date(today.year, *md)
    return candidate if candidate >= today else date(today.year + 1, *md)


def _next_day_of_month(today: date, day: int) -> date | None:
    """The next day numbered `day`, today included, within three months."""
    for months in range(3):
        first = _add_months(today.replace(day=1), months)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            if (candidate := first.replace(day=day)) >= today:
                return candidate
    return None


def _relative(text: str, today: date) -> date | None:
    low = text.lower()
    if m := _FROM_NOW.search(low):  # "2 weeks from today"
        count, unit = (m[1], m[2]) if m[1] else (m[3], m[4])
        n = int(count) if count.isdigit() else _EN_NUM[count]
        if unit == "month":
            return _add_months(today, n)
        return today + timedelta(days=n * (7 if unit == "week" else 1))
    # "EOD tomorrow", "明天下班前": the end of that day, not of this one
    tomorrow = re.search(r"\b(?:tomorrow|tmrw|tmr)\b|明天|明日|明儿|明早|明晚", low)
    if not tomorrow and re.search(
        r"\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\beod\b|今天|今日|今晚", low
    ):
        return today
    if re.search(r"\b(?:before|by) (?:lunch|noon|midday|close of play|cob)\b", low):
        return today
    # "tmrw" as typed in chat; "明早", "明晚": tomorrow's morning or evening
    if re.search(r"\b(?:tomorrow|tmrw|tmr)\b|明天|明日|明儿|明早|明晚", low):
        return today + timedelta(days=1)
    if "后天" in text:
        return today + timedelta(days=2)
    if (m := _WITHIN.search(low)) and ("内" in text or "未来" in text or m[1]):
        n = (
            (int(m[1]) if m[1].isdigit() else _EN_NUM[m[1]])
            if m[1]
            else _CN_NUM.get(m[4], 0) or int(m[4])  # a range: its far end
        )
        unit = m[2] or _ZH_UNITS[m[5]]
        if unit == "day":
            return today + timedelta(days=n)
        if unit == "week":
            return today + timedelta(weeks=n)
        return _add_months(today, n * 12 if unit == "year" else n)
    if m := _MONTH_END_ZH.search(text):
        month = int(m[1]) if m[1].isdigit() else _ZH_MONTHS[m[1]]
        year = today.year if month >= today.month else today.year + 1
        return _end_of_month(year, month) if 1 <= month <= 12 else None
    if m := _MONTH_DAY_NEAR.search(text):  # "下个月15号前": that day of the month named
        first = _add_months(today.replace(day=1), 0 if m[1] in ("本", "这个") else 1)
        day = int(m[2])
        last = calendar.monthrange(first.year, first.month)[1]
        return first.replace(day=day) if 1 <= day <= last else None
    if re.search(r"下个?月初|early next month|start of next month", low):
        return None  # "下个月初前": the first days of the month, no one day
    if "下月" in text or "下个月" in text or "next month" in low:
        nxt = _add_months(today.replace(day=1), 1)
        return _end_of_month(nxt.year, nxt.month)
    if m := _MID_MONTH.search(low):  # "月中前", "9月中旬", "mid-May": the 15th
        month = month_number(m[1] or m[2]) if (m[1] or m[2]) else today.month
        year = today.year if (month, 15) >= (today.month, today.day) else today.year + 1
        return date(year, month, 15)
    if m := _MONTH_END_EN.search(low):  # "by the end of June"
        month = month_number(m[1])
        year = today.year if month >= today.month else today.year + 1
        return _end_of_month(year, month)
    if re.search(r"\b(?:this|the) weekend\b|这周末|本周末", low):
        return today + timedelta(days=(6 - today.weekday()) or 7)
    if re.search(
        r"\beow\b|end of (?:the |this )?week\b|\bthis week\b|(?:本|这)周(?![一二三四五六日天末])",
        low,
    ) and not re.search(r"\b(?:mon|tue|wed|thu|fri)(?:s|day|sday|nesday|rs|rsday)?\b", low):
        return today + timedelta(days=(4 - today.weekday()) % 7)  # this week's Friday
    found = _HOLIDAY.search(text)
    holiday = _HOLIDAYS[found[0]] if found else _holiday_en(low)
    if holiday is not None:  # "五一前", "国庆前", "before New Year": holidays on a fixed day
        month, day = holiday
        year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
        early = _EARLIER.match(text, found.end()) if found else None  # "国庆前一周"
        return date(year, month, day) - _span_before(early)
    if lunar := _LUNAR_HOLIDAY.search(text):  # "春节前", "端午之前", "中秋前一周"
        return _lunar_day(lunar[0], today) - _span_before(_EARLIER.match(text, lunar.end()))
    if re.search(r"月底|月末|本月|这个月|end of (?:the |this )?month|\bthis month\b|\beom\b", low):
        return _end_of_month(today.year, today.month)
    if m := _WEEKDAY_DAY.search(low):  # the day of the month says which week
        return _next_day_of_month(today, int(m[1] or m[2]))
    if m := _WEEKDAY_ZH.search(text):
        weekday = WEEKDAYS_ZH[m[2]]
        return _next_week(today, weekday) if m[1] == "下" else _coming_weekday(today, weekday)
    if re.search(r"end of next week|下周(?:末|底)", low):
        return _next_week(today, 4)
    if "下周" in text or "next week" in low:
        return _next_week(today, 4)
    for m in _WEEKDAY_EN.finditer(low):
        weekday = WEEKDAYS_EN[m[2]]
        if m[1] == "next":
            return _next_week(today, weekday)
        if m[1] or m.end() - m.start() > 4:  # "by Fri", or a weekday spelt out
            return _coming_weekday(today, weekday)
    if m := _DAY_OF_MONTH.search(low):  # "before the 19th", "28号前": the next 19th, 28th
        return _next_day_of_month(today, int(m[1] or m[2]) if m[1] or m[2] else _ORDINAL_DAY[m[3]])
    if m := _QUARTER.search(text):
        q = int(m[1]) if m[1] else _CN_NUM.get(m[2], 0) or int(m[2])
        year = today.year if q >= (today.month - 1) // 3 + 1 else today.year + 1
        return _end_of_month(year, q * 3)
    if "下半年" in text or "second half" in low or "h2" in low.split():
        return date(today.year, 12, 31)
    if "年底" in text or "年末" in text or "end of year" in low or "end of the year" in low:
        return date(today.year, 12, 31)
    return None


def resolve_due(text: str, today: date | None) -> date | None:
    """The date a due phrase points to, or None when it is recurring, ongoing or unclear.

    `today` is the document's own date: relative phrases ("next Friday", "月底前") and year-less
    dates ("Nov 20") resolve against it; without it only a date with its year resolves, so the
    rest stay as written rather than point at a day the writer never meant.
    """
    if not text or re.search(r"每|长期|持续|ongoing|every|weekly|monthly|recurring", text, re.I):
        return None
    text = spelled_days(text)  # "before the thirty first of January", said aloud
    try:
        if today is None:
            return _absolute(text, None)
        return _absolute(text, today) or _relative(text, today)
    except ValueError:  # e.g. 2月30日: written, but not a date
        return None
