"""Durations the notes state for an incident: "time to detect was 4 min", "恢复用时40分钟".

Read in code, never by the model, so a figure in the report is one the notes wrote. Numbers may be
digits, English words or Chinese numerals ("twenty-five minutes", "一个多小时", "1h20m"); a
correction in the same breath ("5 minutes, that's not right, it was 25") replaces the figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retro_ai.needles import Gated

_EN_NUMBERS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "a": 1, "an": 1}
_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_ZH_DIGITS |= {"八": 8, "九": 9}
_WORD_NUM = (
    r"(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|sixty|ninety|an?"
)
_ZH_NUM = r"[零一二两三四五六七八九十百]+|\d+"
_LONG_UNIT = r"hours?|hrs?|minutes?|mins?|days?"
# "25 min", "1h20m", "twenty minutes", "an hour", "four and a half hours", "一个多小时",
# "1个半小时", "half an hour"
_PIECE_PARTS = (
    rf"(?P<half>half an? hour|半个?小时)"
    rf"|(?P<d>\d+(?:\.\d+)?)(?P<dhalf>\s+and\s+a\s+half\s+(?={_LONG_UNIT}))?\s*"
    rf"(?P<du>{_LONG_UNIT}|h|m)(?![a-z])"
    rf"|(?<![a-z])(?P<w>{_WORD_NUM})(?P<whalf>\s+and\s+a\s+half)?\s+(?P<wu>{_LONG_UNIT})(?![a-z])"
    rf"|(?P<z>{_ZH_NUM})\s*来?个?(?P<more>多)?(?P<zhhalf>半)?\s*(?P<zu>小时|钟头|分钟|分|天)"
)
_PIECE = re.sub(r"\(\?P<\w+>", "(?:", _PIECE_PARTS)
# "1h23": the minutes after the hours with no unit
DURATION = (
    rf"(?:{_PIECE})(?:\s*(?:and\s+)?(?:{_PIECE}))*(?:(?<=[hH])\d{{1,2}}(?![\d:]))?"
    r"(?:\s+and\s+a\s+half)?"
)
_PIECES = re.compile(_PIECE_PARTS, re.I)
_MINUTES = {"h": 60.0, "小": 60.0, "钟": 60.0, "m": 1.0, "分": 1.0, "d": 1440.0, "天": 1440.0}
_HEDGE = (
    r"(?:about|around|roughly|approximately|approx\.?|nearly|almost|~|≈"
    r"|大概|大约|约|差不多|将近|近)"
)
_VERB = r"(?:\s*(?:was|is|were|of|:|=|：)\s*|\s+)"
_STATED = [
    re.compile(
        rf"\b(?:time to (?P<k>detect\w*|recover\w*|resol\w*|restor\w*|mitigat\w*)"
        rf"|(?P<k2>M?TT[DRM])\b)(?:\s*\([^)]*\))?(?:\s+from\s+[^,.;]{{1,25}}?)?{_VERB}"
        rf"(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})",
        re.I,
    ),
    re.compile(
        r"\b(?P<k>detected|noticed|recovered|resolved|restored|mitigated|back up|back online)"
        rf"(?: it)?"
        rf"\s+(?:after|within|in)\s+(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})",
        re.I,
    ),
    # "nobody noticed for five and a half hours": how long it went unseen
    re.compile(
        rf"\b(?:nobody|no one|no-one)\s+(?P<k>noticed|spotted|realised|realized)(?: it| anything)?"
        rf"\s+for\s+(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})",
        re.I,
    ),
    # "it took about nine hours from Jolene finding it to the freezer actually being usable again"
    re.compile(
        rf"\btook(?:\s+(?:us|them|me))?\s+(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})\s+from\s+"
        r"[^.;!?]{1,50}?\s+to\s+[^.;!?]{0,40}?"
        r"(?P<k>(?:usable|working|running|open) again|back (?:to normal|up|online)|recovered"
        r"|restored|fixed)\b",
        re.I,
    ),
    # "took us ~40m to notice", "took about an hour before anyone spotted it"
    re.compile(
        rf"\btook(?:\s+(?:us|them|me|the team))?\s+(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})"
        rf"\s+(?:to|before\s+(?:we|anyone|someone)|until\s+(?:we|someone))\s+"
        rf"(?P<k>notic\w*|detect\w*|spott?\w*|recover\w*|restor\w*|resolv\w*|fix\w*"
        r"|find out|realis\w*|realiz\w*"  # "took us about 7 hours to find out"
        r"|get\s+(?:it|everything|things|them|us|all\s+of\s+it)\s+back)",
        re.I,
    ),
    # "forty-nine minutes from the break to a human knowing", "eleven hours forty-eight, break
    # to restore", "14 minutes to detect": how long from one moment to the one it names
    re.compile(
        rf"(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION}(?:\s+(?:{_WORD_NUM}|\d{{1,2}})(?![\w:]))?)"
        # "14 minutes to detect", "68 minutes from first error to recovered"
        r"(?:,?\s+(?:from\s+)?(?:the\s+)?(?:(?!(?:and|but|then|so|time)\b)[\w-]+\s+){0,3}?"
        r"(?!(?:and|but|then|so|time)\b)[\w-]+)?\s+to\s+"
        r"(?:(?:a|the|someone|anyone|any)\s+)?"
        r"(?:(?:human|person|one|engineer|customer)s?\s+)?"
        r"(?P<k>knowing|notic\w*|detect\w*|spott\w*|restor\w*|recover\w*|resol\w*|fix\w*"
        r"|get\s+(?:it|everything|things|them|us|all\s+of\s+it)\s+back"
        r"|(?:everything|all)\s+green)\b",  # "54 minutes from me opening his issue to all green"
        re.I,
    ),
    # "从第一次报警到有人发现15分钟", "停线到恢复2小时56分", "从发现到报上来用了45分钟"
    re.compile(
        r"(?<![\d:])[^,，。;；!?！？]{1,12}?到\s*(?:\d{1,2}[:：]\d{2}\s*)?[^,，。;；!?！？\d]{0,8}?"
        r"(?P<k>发现|报上来|恢复|解除|修复|止损|解决|放人|解困|救出)"
        r"(?:[,，]\s*(?:一共|总共|共计?|前后|合计)|[^,，。;；!?！？\d]{0,6}?)\s*"
        rf"(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})"
    ),
    # "过了40分钟才发现", "一个多小时后才恢复"
    re.compile(
        rf"(?:过了|隔了)?\s*(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})\s*(?:后|之后|以后)?"
        # "出事差不多半小时以后我们才知道": who found out may stand before "才"
        rf"(?:我们|他们|大家|客服|用户)?(?:才|就|终于)(?P<k>发现|知道|注意到|恢复|止损|修复|解决)"
    ),
    re.compile(
        rf"(?P<k>发现|检测|恢复|止损|修复|解决|处理)(?:总)?(?:用时|耗时|时间|时长|花了|用了)"
        rf"(?:为|是|共)?\s*(?P<hedge>{_HEDGE}\s*)?(?P<d>{DURATION})"
    ),
]
# Each statement is looked for only in lines holding a word it cannot match without: the long
# patterns are slow to fail, and most lines they are tried on state no duration of their kind.
_GATED = [Gated(pattern) for pattern in _STATED]
# Every statement above names what took the time: lines that name none are skipped unread
# (gated: most lines hold none of its words, and a look for them costs less than the pattern).
_MENTIONS = Gated(
    re.compile(
        r"time to|TT[DRM]|detect|notic|recover|resol|restor|mitigat|back (?:up|online)|spott?"
        r"|find out|reali[sz]|(?:everything|all) green|(?:usable|working|running|open) again"
        r"|knowing|get \w+(?: of it)? back"
        r"|发现|检测|恢复|止损|修复|解决|处理|解除|报上来|放人|解困|救出|知道|注意到",
        re.I,
    )
)
# "time to detect was 5 minutes, that's not right, it was 25": the correction is what was meant.
_CORRECTION = re.compile(
    rf"[^.。;；!?！？]{{0,30}}?(?:not right|wrong|incorrect|not correct|不对|有误|不准)"
    rf"[^.。;；\d]{{0,20}}?(?:it was|it's|actually|really|应该是|实际是|其实是)\s*"
    rf"(?P<n>\d+|{_WORD_NUM}|[零一二两三四五六七八九十百]+)\s*(?P<u>{_LONG_UNIT}|分钟|小时)?"
    r"(?![a-z\d])",
    re.I,
)


def _number(text: str) -> float | None:
    text = text.lower().replace("-", " ")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if all(c in _ZH_DIGITS or c in "十百" for c in text):
        total, current = 0, 0
        for c in text:
            if c in _ZH_DIGITS:
                current = _ZH_DIGITS[c]
            else:
                total += (current or 1) * (10 if c == "十" else 100)
                current = 0
        return float(total + current)
    words = text.split()
    if all(w in _EN_NUMBERS for w in words):
        return float(sum(_EN_NUMBERS[w] for w in words))
    return None


# the minutes said after the hours with no unit: "eleven hours forty-eight", "4 hours 18"
_TAIL_MINUTES = re.compile(
    rf"(?:hours?|hrs?|h)\s+(?P<n>{_WORD_NUM}|\d{{1,2}})\s*$|(?<=\d)h(?P<m>\d{{1,2}})$", re.I
)


def duration_minutes(text: str) -> float | None:
    """Minutes in a duration as written: "25 min", "1h20m", "one hour twenty", "一个多小时"."""
    tail = _TAIL_MINUTES.search(text)
    said = tail and (tail["n"] or tail["m"])
    if tail and said and (minutes := _number(said)) is not None:
        hours = duration_minutes(text[: tail.start("n" if tail["n"] else "m")])
        return None if hours is None else hours + minutes
    total, found = 0.0, False
    for m in _PIECES.finditer(text):
        if m["half"]:
            total, found = total + 30.0, True
            continue
        n = _number(m["d"] or m["w"] or m["z"])
        if n is None:
            continue
        unit = _MINUTES[(m["du"] or m["wu"] or m["zu"])[0].lower()]
        half = m["zhhalf"] or m["dhalf"] or m["whalf"]
        total, found = total + (n + (0.5 if half else 0.0)) * unit, True
    if found and re.search(r"and a half$", text):
        total += 30.0 if total >= 60 else 0.0
    return total if found else None


_FIELD_OF = {"detect": "time_to_detect", "notic": "time_to_detect", "发现": "time_to_detect"}
_FIELD_OF |= {"检测": "time_to_detect", "ttd": "time_to_detect", "mttd": "time_to_detect"}
_FIELD_OF |= {"spot": "time_to_detect", "know": "time_to_detect", "报上来": "time_to_detect"}
_FIELD_OF |= {"知道": "time_to_detect", "注意到": "time_to_detect", "find": "time_to_detect"}
_FIELD_OF |= {"realis": "time_to_detect", "realiz": "time_to_detect"}


def _field(word: str) -> str:
    word = word.lower()
    return next((f for k, f in _FIELD_OF.items() if word.startswith(k)), "time_to_recover")


def stated(texts: Sequence[str]) -> dict[str, tuple[float, bool]]:
    """Durations the notes state, per field: (minutes, hedged), the first statement of each.

    A recovery statement outranks a mitigation one ("止损用时25分钟" counts only when no
    recovery time is stated), and a correction in the same breath replaces the figure.
    """
    found: dict[str, tuple[tuple[int, int, int, int], float, bool]] = {}
    for index, whole in enumerate(texts):
        for row, text in enumerate(whole.splitlines()):
            if _MENTIONS.search(text):
                _read_line(text, (index, row), found)
    return {f: (minutes, hedged) for f, (_r, minutes, hedged) in found.items()}


def _read_line(
    text: str,
    where: tuple[int, int],
    found: dict[str, tuple[tuple[int, int, int, int], float, bool]],
) -> None:
    """Statements of time to detect or recover on one line, kept where they come first."""
    for pattern in _GATED:
        for m in pattern.finditer(text):
            word = m["k"] or m.groupdict().get("k2") or ""
            field = _field(word)
            rank = 1 if re.match(r"mitigat|止损|ttm|mttm", word, re.I) else 0
            minutes = duration_minutes(m["d"])
            if minutes is None:
                continue
            hedged = bool(m["hedge"]) or "多" in m["d"] or "来" in m["d"]
            fix = _CORRECTION.match(text[m.end() : m.end() + 80])
            if fix and _number(fix["n"]) is not None:
                piece = _PIECES.search(m["d"])
                unit = fix["u"] or (piece and (piece["du"] or piece["wu"] or piece["zu"]))
                minutes = duration_minutes(f"{fix['n']} {unit}") or minutes
            key = (rank, *where, m.start())
            if field not in found or key < found[field][0]:
                found[field] = (key, minutes, hedged)


_ZH_HOUR_NUM = r"\d{1,2}|[零一二两三四五六七八九十]{1,3}"
_ZH_PERIOD = r"凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里"
# "9点15分", "21点05", "上午九点一刻", "晚上八点半": an hour needs digits, a period or minutes,
# so "快一点" (a little faster) is no time; "18点以后" is a rule's bound, not a moment.
ZH_CLOCK = (
    rf"(?:(?P<zp>{_ZH_PERIOD})\s*)?(?P<zh>{_ZH_HOUR_NUM})点(?:整|(?P<zq>半|一刻|三刻)"
    rf"|(?P<zm>\d{{1,2}}|[零一二三四五六七八九十]{{1,3}})分?)?(?!\d|以后|之后|以前|之前|前|后)"
)
_ZH_CLOCK = re.compile(ZH_CLOCK)


def zh_clock(text: str) -> tuple[int, int] | None:
    """Hour and minute of a Chinese clock time in `text`, on the 24-hour clock."""
    for m in _ZH_CLOCK.finditer(text):
        hour = _number(m["zh"])
        if hour is None or not (m["zp"] or m["zq"] or m["zm"] or m["zh"].isdigit()):
            continue
        quarter = {"半": 30, "一刻": 15, "三刻": 45}.get(m["zq"] or "")
        minute = quarter if quarter is not None else _number(m["zm"] or "0")
        if minute is None:
            continue
        h = int(hour)
        if m["zp"] in ("下午", "傍晚", "晚上", "夜里") and h < 12 or m["zp"] == "中午" and h < 6:
            h += 12
        if h <= 23 and int(minute) <= 59:
            return h, int(minute)
    return None
