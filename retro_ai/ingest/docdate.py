"""The document's own date: the day the meeting, review or chat it records took place.

Relative due dates ("next Friday", "下周五前", "end of month") only mean something against the day
they were written, so they resolve against this date, never the day the command runs. It is taken
from, in order: a "Date:" / "日期：" / "时间：" line near the top, a full date in the title or first
lines (a transcript's header or first turns included), a post's "编辑于 03-20" stamp, a year-less
date in the title (its year from those lines or the file name), the file name, the first dated
chat timestamp, then the first line that is nothing but a date (a status update's stamp, a chat's
day divider; one with no year is this year's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from retro_ai.ingest.source import Source

MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
_MONTH_NUMBER = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_ORD = r"(?:st|nd|rd|th)?"
_FULL = [  # (pattern, order of year/month/day groups)
    (re.compile(r"(?<!\d)(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)"), "ymd"),
    (re.compile(rf"(?<!\d)(\d{{1,2}}){_ORD}(?:\s+of)?\s+{MONTH},?\s+(20\d\d)(?!\d)", re.I), "dmy"),
    (re.compile(rf"(?<![a-z]){MONTH}\s+(\d{{1,2}}){_ORD},?\s+(20\d\d)(?!\d)", re.I), "mdy"),
    # Jira's "14/Jul/26 08:31 AM" and the "14-Jul-2026" of many exports
    (re.compile(rf"(?<![\d/])(\d{{1,2}})[/-]{MONTH}[/-]((?:20)?\d\d)(?![\d/])", re.I), "dmy"),
    # "21/10/2026" or "10/21/2026": day and month told apart by which one exceeds 12
    (re.compile(r"(?<![\d/])(\d{1,2})[/.](\d{1,2})[/.](20\d\d)(?!\d)"), "?dy"),
    # a chat stamp with a two-digit year, the clock beside it: WhatsApp's "1/17/26, 5:58 AM - ",
    # Telegram's "[14.05.26 18:22]" (dots: day first, as Telegram writes them)
    (re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d\d),?\s+\d{1,2}:\d{2}(?!\d)"), "?dy"),
    (re.compile(r"(?<![\d/.])(\d{1,2})\.(\d{1,2})\.(\d\d),?\s+\d{1,2}:\d{2}(?!\d)"), "dmy"),
]
_YEARLESS = [
    (re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"), "md"),
    (re.compile(rf"(?<![a-z]){MONTH}\s+(\d{{1,2}}){_ORD}(?!\d)", re.I), "md"),
    (re.compile(rf"(?<!\d)(\d{{1,2}}){_ORD}(?:\s+of)?\s+{MONTH}", re.I), "dm"),
    # "11/5 周会", "retro 10/13": a numeric month/day standing alone in a title
    (re.compile(r"(?<![\d/.:])(\d{1,2})/(\d{1,2})(?![\d/%])"), "md"),
    # "复盘 (5.17下午 茶厂二楼)": a dotted month.day with the time of day after it
    (
        re.compile(r"(?<![\d.])(1[0-2]|0?[1-9])\.([12]\d|3[01]|0?[1-9])(?=[上下中]午|早上|晚上)"),
        "md",
    ),
    # "> 9.20 晚 开完会整理的": a dotted month.day opening a line, then a time of day or a space
    (
        re.compile(
            r"(?m)^[>\s]*(1[0-2]|0?[1-9])\.([12]\d|3[01]|0?[1-9])(?=\s|[晚早午日号(（周]|$)"
        ),
        "md",
    ),
]
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# the day said aloud at the start of a recording: "今天6月9号", "today's the 9th of June"
_TODAY = re.compile(r"今天是?|今儿|\btoday(?:'s| is)?(?: the)?\b", re.I)
_LABELLED = re.compile(
    r"^\W*(?:(?:meeting\s+|retro\s+)?date|when|日期|时间|会议时间|复盘时间)\s*[:：]", re.I
)
_HEAD_LINES = 5  # non-empty lines that count as the title and opening
_LABEL_LINES = 12  # how far down a "Date:" line is still the document's header
_VTT_SRT = {".vtt", ".srt"}


def month_number(token: str) -> int:
    """1-12 from a month written as a number or an English name ("9", "Sept", "october")."""
    return int(token) if token.isdigit() else _MONTH_NUMBER[token[:3].lower()]


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 2月30日: written, but not a date
        return None


_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})[/.](\d{1,2})[/.](?:20)?\d\d(?!\d)")


_DOTTED_DMY = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?![\d.])")
# "[12/03/2026, 19:42]": a numeric date stamped with an afternoon hour on the 24-hour clock. The
# month-first locale (the US) stamps "3/12/26, 7:42 PM"; one that keeps 24 hours writes day first.
_DATE_24H = re.compile(
    r"(?<![\d/])\d{1,2}/\d{1,2}/(?:20)?\d\d,?\s+(?:1[3-9]|2[0-3]):\d\d(?::\d\d)?(?!\d|\s?[AaPp]\.?[Mm])"
)


def day_first(text: str, written: str | None = None) -> bool:
    """Whether the document writes numeric dates day first ("02/06/2026" for 2 June): one of
    its dates says so by a first number over 12, or, when none decides, it writes them with
    dots ("02.11.2026", as Europe does), stamps them with an afternoon hour on the 24-hour clock,
    or counts in pounds or euros, as the day-first locales do (a UK WhatsApp export stamps
    "[02/06/2026, 20:30:41]"). The clock is read in `written`, the text as written, when `text`
    also holds a parser's stamps, which are on 24 hours whatever the source wrote."""
    for m in _NUMERIC.finditer(text):
        first, second = int(m[1]), int(m[2])
        if first > 12 >= second:
            return True
        if second > 12 >= first:
            return False
    if _DOTTED_DMY.search(text) or _DATE_24H.search(text if written is None else written):
        return True  # "[02.11.2026 06:55]": dots between day, month and year are day first
    return bool(re.search("[£€]", text))


def full_date(text: str, dayfirst: bool = False) -> date | None:
    """The first date with a year in the text, in any of the usual zh and en spellings; a
    numeric one is read month first unless `dayfirst` or its first number cannot be a month, and
    a two-digit year ("14/Jul/26") is this century's."""
    found: list[tuple[int, date]] = []
    for pattern, order in _FULL:
        for m in pattern.finditer(text):
            seq = order
            if order == "?dy":
                seq = "dmy" if dayfirst or int(m[1]) > 12 else "mdy"
            parts = dict(zip(seq, m.groups(), strict=True))
            year = int(parts["y"])
            day = _make(
                year if year > 99 else 2000 + year, month_number(parts["m"]), int(parts["d"])
            )
            if day is not None:
                found.append((m.start(), day))
                break
    return min(found)[1] if found else None


_RANGE_TO = re.compile(r"\s*(?:~|～|-|–|—|至|到|to|→|->)\s*", re.I)


def _dates_after(line: str, dayfirst: bool) -> list[date]:
    """The full date that closes a range in the line ("2026-04-13 ~ 2026-04-24"), if any."""
    out = []
    for m in _RANGE_TO.finditer(line):
        tail = line[m.end() :]
        if (day := full_date(tail[:24], dayfirst)) is not None and re.match(r"\W*\d", tail):
            out.append(day)
    return out


def yearless_date(text: str, year: int) -> date | None:
    """The first month-and-day in the text ("Nov 20", "6月5日", "5 June"), in the given year."""
    found: list[tuple[int, date]] = []
    for pattern, order in _YEARLESS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            day = _make(year, month_number(parts["m"]), int(parts["d"]))
            if day is not None:
                found.append((m.start(), day))
                break
    return min(found)[1] if found else None


_WEEKDAY = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:周|星期|礼拜)([一二三四五六日天])", re.I
)
WEEKDAYS_EN = {name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


_UNITS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_ORDINAL_WORDS = {w: n for n, w in enumerate(_UNITS, 1)} | {"twentieth": 20, "thirtieth": 30}
_ORDINAL_WORDS |= {f"twenty-{w}": 20 + n for n, w in enumerate(_UNITS[:9], 1)}
_ORDINAL_WORDS |= {f"twenty {w}": 20 + n for n, w in enumerate(_UNITS[:9], 1)}
_ORDINAL_WORDS |= {"thirty-first": 31, "thirty first": 31}
_SPELLED_DAY = re.compile(
    r"\bthe (" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")\b", re.I
)


def spelled_days(text: str) -> str:
    """ "Wednesday the ninth of September" said aloud, as "the 9th", which the patterns read."""
    return _SPELLED_DAY.sub(lambda m: f"the {_ORDINAL_WORDS[m[1].lower()]}th", text)


def _by_weekday(text: str, anchor: date) -> date | None:
    """A year-less date named with its weekday: the latest year, not after the anchor's, in which
    that day falls on that weekday (a date keeps its weekday for one year in every five to
    eleven), else the year after."""
    for m in _WEEKDAY.finditer(text):
        weekday = WEEKDAYS_EN[m[1].lower()[:3]] if m[1] else WEEKDAYS_ZH[m[2]]
        near = text[max(0, m.start() - 12) : m.end() + 40]  # "今天5月13号周三", "Tue 15 Sep"
        near = spelled_days(near)
        for year in [*range(anchor.year, anchor.year - 11, -1), anchor.year + 1]:
            day = yearless_date(near, year)
            if day is not None and day.weekday() == weekday:
                return day
    return None


def _head(source: Source) -> list[str]:
    """The opening lines as written; a subtitle file's header (NOTE, title) is read from the file,
    since its cues keep only the spoken lines."""
    lines: list[str] = []
    path = Path(source.name)
    if (path.suffix.lower() in _VTT_SRT or source.type == "transcript") and path.is_file():
        # a subtitle header, or a chat export's "2026-09-03 14:02 王姐" whose date the turns drop
        with path.open(encoding=source.encoding, errors="replace") as f:
            lines = [line.strip() for line in f.read(4096).splitlines()]
    lines += [line.text for line in source.lines[: _LABEL_LINES * 2]]
    return [line for line in lines if line.strip()]


def _reads_day_first(source: Source, head: list[str]) -> bool:
    """Whether the source writes its numeric dates day first, by its opening and its stamps."""
    stamps = (line.timestamp or "" for line in source.lines[:200])
    return day_first("\n".join([*head, *stamps]), written="\n".join(head))


# A post's own stamp under it: "编辑于 03-20 上海" (小红书), "发布于 2026-03-20" (知乎).
_POSTED_ON = re.compile(
    r"^\s*(?:编辑于|发布于|发表于)\s*(?:(20\d\d)[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?(?!\d)"
)


def _posted_on(source: Source, report_date: date | None) -> date | None:
    """The day a post says it was written or last edited; a year-less one is the latest such
    day not after the report date."""
    for line in source.lines:
        m = _POSTED_ON.match(line.text)
        if m is None:
            continue
        anchor = report_date or date.today()
        year = int(m[1]) if m[1] else anchor.year
        day = _make(year, int(m[2]), int(m[3]))
        return _latest_such(day, anchor) if day is not None and not m[1] else day
    return None


def document_date(sources: Iterable[Source], report_date: date | None = None) -> date | None:
    """The date of the document (of the first source that has one), or None when it has none.

    A year-less title date takes a year written near it or in the file name; failing that, the
    latest such day not after the report date.
    """
    for source in sources:
        if source.type == "metrics":
            continue
        head = _head(source)
        dayfirst = _reads_day_first(source, head)
        for line in head[:_LABEL_LINES]:
            if _LABELLED.search(line) and (day := full_date(line, dayfirst)):
                # "时间:2026-07-06 ~ 2026-07-17": a period's report is written at its end
                return max([day, *_dates_after(line, dayfirst)])
        opening = "\n".join(head[:_HEAD_LINES])
        if day := full_date(opening, dayfirst):
            first = next((ln for ln in head[:_HEAD_LINES] if full_date(ln, dayfirst) == day), "")
            day = max([day, *_dates_after(first, dayfirst)])
            titled = yearless_date(head[0], day.year) if first != head[0] else None
            # "首场直播复盘 (5.17下午)" over "直播:2026.5.16 周六": the title dates the review,
            # the line under it the day reviewed
            return titled if titled and day < titled <= day + timedelta(days=14) else day
        stem = Path(source.name).stem
        if day := _posted_on(source, report_date):
            return day
        if head:
            year_m = _YEAR.search(opening) or _YEAR.search(stem)
            anchor = report_date or date.today()
            year = int(year_m[1]) if year_m else anchor.year
            if (day := yearless_date(head[0], year)) is not None:
                return day if year_m else _latest_such(day, anchor) or day
            if year_m and (day := yearless_date(opening, year)) is not None:
                return day  # "2026 — the year in review" over "written 30 Dec"
            if not year_m and (day := _by_weekday(opening, anchor)) is not None:
                return day  # "it's Tuesday the 15th of September": the year that makes it one
            said = _TODAY.search(opening)
            if said and (day := yearless_date(opening[said.end() : said.end() + 16], year)):
                return day if year_m else _latest_such(day, anchor) or day  # "今天6月9号"
        if day := full_date(stem, dayfirst):
            return day
        for stamp in (line.timestamp for line in source.lines if line.timestamp):
            if day := full_date(stamp, dayfirst):
                return day
        for text in (line.text for line in source.lines):
            if is_divider(text):  # a status page's "May 23, 2026 - 09:40 BST" under an update
                anchor = report_date or date.today()
                if day := full_date(text, dayfirst) or _latest(text, anchor):
                    return day
    return None


def _latest_such(day: date, anchor: date) -> date | None:
    """The latest day with `day`'s month and day not after `anchor`: `day` itself, or the one a
    year before (None when that year has no such day, a 29 February)."""
    return day if day <= anchor else _make(day.year - 1, day.month, day.day)


def _latest(text: str, anchor: date) -> date | None:
    """A year-less day ("7月15日", a chat divider's) as the latest such day not after `anchor`:
    a chat shows no year on this year's days."""
    day = yearless_date(text, anchor.year)
    return _latest_such(day, anchor) if day is not None else None


# A mail's date in its header ("Sent: Wednesday, September 2, 2026 8:03 AM", "发送时间: …").
_SENT = re.compile(r"^\W*(?:sent|date|发送时间|时间|日期)\s*[:：]", re.I)
# What a chat's day divider holds besides its date: "———  2026-08-01  ———", "2026年10月15日 周五"
_DIVIDER_DRESS = re.compile(
    r"[\d\s\-—–=_*·.,:/()（）\[\]【】年月日号]+|星期[一二三四五六日天]|周[一二三四五六日天]"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    # a time zone: "09:40 BST", "14:02 UTC+8"
    r"|\b(?:utc|gmt|bst|cet|cest|eet|eest|wet|west|est|edt|cst|cdt|mst|mdt|pst|pdt|aest|aedt"
    r"|jst|kst|hkt|sgt|nzst|nzdt|et|pt)(?:[+-]\d{1,2})?\b",
    re.I,
)


# "---- 迭代08复盘会 2026-04-27 周一 10:00 ----": a meeting's header framed in rules
_FRAMED = re.compile(r"^\s*[-=—~*_]{3,}\s*\S.*\S\s*[-=—~*_]{3,}\s*$")


def is_divider(said: str) -> bool:
    """Whether the line holds nothing but a date, a time and their dress: a day divider."""
    return len(said) <= 40 and not _DIVIDER_DRESS.sub("", said) and any(c.isdigit() for c in said)


def dates_along(source: Source, start: date | None = None) -> list[tuple[int, date]]:
    """(line number, day) where a thread or a chat says a new day starts: a mail's "Sent:" line,
    a chat's day divider, a turn stamped with its full date. "Tomorrow" in the mail sent on
    2 September is the 3rd, whatever day the thread began. A divider with no year ("7月16日")
    takes the year of the day before it, or of `start` (the document's date), rolling over at
    the new year."""
    dayfirst = _reads_day_first(source, _head(source))  # as the document's date reads
    out: list[tuple[int, date]] = []
    for line in source.lines:
        said = line.text
        day = None
        if _SENT.match(said) or (_FRAMED.match(said) and not is_divider(said)):
            day = full_date(said, dayfirst)
        elif is_divider(said):
            day = full_date(said, dayfirst)
            before = out[-1][1] if out else start
            if day is None and before is not None:
                day = yearless_date(said, before.year)
                if day is not None and day < before:
                    day = _make(before.year + 1, day.month, day.day)
        if day is None and line.timestamp and len(line.timestamp) > 8:
            day = full_date(line.timestamp, dayfirst)
        if day is not None and (not out or out[-1][1] != day):
            out.append((line.number, day))
    return out
