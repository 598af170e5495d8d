"""Reading numbers out of stated values ("+30%", "200毫秒以内", "10万", "X万元") without guessing.

A placeholder such as X, Y万 or XX% is recognised as a placeholder and never given a value.
"""

from __future__ import annotations

import re
import unicodedata

from retro_ai.schema import Value

_MULTIPLIERS = {"万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8, "千": 1e3, "k": 1e3, "K": 1e3}
_UNITS = {
    "%": "%",
    "％": "%",
    "pp": "pp",
    "ms": "ms",
    "毫秒": "ms",
    "s": "s",
    "秒": "s",
    "sec": "s",
    "min": "min",
    "分钟": "min",
    "h": "h",
    "小时": "h",
    "元": "元",
    "万元": "元",
    "百万元": "元",
    "用户": "users",
    "users": "users",
    "人": "人",
    "人次": "人次",
}
_NUMBER = re.compile(
    r"(?P<sign>[+\-−]?)\s*(?<![A-Za-z\d.])(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<mult>百万|千万|万|亿|千|[kK](?![a-zA-Z]))?\s*"
    r"(?P<unit>%|％|pp|ms|毫秒|sec|s(?![a-zA-Z])|秒|min|分钟|h(?![a-zA-Z])|小时|万元|元|人次|人|users"
    r"|用户|成(?![本功员立交果绩]))?"  # "6成": six tenths
)
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:[A-Z]{1,2})(?![A-Za-z])\s*(?:百万|万|亿|千|%|％|元|万元)?|_{2,}|\bTBD\b|待定|[?？]{1,3}"
)
# A spreadsheet formula exported as text ("=1+1", "@SUM(A1:A3)", "-2+3", "+A1"): a spreadsheet
# would compute it, so reading a number out of it would be a guess. "-5" and "+30%" are numbers.
_FORMULA = re.compile(
    r"[=@]|[+\-−]\s*(?:[A-Za-z_][\w.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+\b|[\d.,]+\s*%?\s*[-+*/^&]\s*[\w(.$])"
)
_UP = re.compile(
    r"提升|增长|提高|增加|上涨|翻|increas|\bgr[eo]w|\brais|improv|boost|\brose\b|\brise|\bup\b",
    re.I,
)
# "ended up around 29.5%", "signed up", "came up": an "up" that moves nothing
_PHRASAL_UP = re.compile(
    r"\b(?:end(?:ed|s|ing)?|turn(?:ed|s)?|show(?:ed|s)?|sign(?:ed|s)?|pick(?:ed|s)?|came|come"
    r"|add(?:ed|s)?|set|made|make|wound|wind) up\b",
    re.I,
)
_DOWN = re.compile(
    r"缩短|降低|减少|下降|减半|削减|缩减|压缩|reduc|decrease|\bcut|lower|drop|down\b|\bfell\b"
    r"|\bfall|declin|shr[iu]nk|shrank|\bslash",
    re.I,
)
_HALF = re.compile(r"减半|(?:缩短|降低|减少|砍掉?)一半|\bin half\b|\bhalve", re.I)
_MINUTES_SECONDS = re.compile(r"(\d+)\s*m\s*(\d+)\s*s\b|(\d+)\s*分\s*(\d+)\s*秒")
_HOURS_MINUTES = re.compile(
    r"(\d+)\s*h\s*(\d+)\s*m(?:in)?\b|(\d+)\s*小时\s*(\d+)\s*分|(\d+)h(\d{2})(?![\d:.])"  # "1h20"
)
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_ONES += " fifteen sixteen seventeen eighteen nineteen"
_WORD_VALUES = {w: n for n, w in enumerate(_ONES.split())}
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORD_VALUES |= {w: 10 * n for n, w in enumerate(_TENS.split(), 2)}
_WORDS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_NUMBER_WORDS = re.compile(
    rf"\b(?P<a>{_WORDS})(?:[-\s](?P<b>{_WORDS}))?\s+(?=percent\b|per cent\b)", re.I
)


# Every word that only counts: "forty" in "forty crews" names no measure.
NUMBER_WORDS = frozenset([*_WORD_VALUES, "hundred", "thousand", "grand", "million", "half"])

_ONES_ONLY = "|".join(sorted(_ONES.split(), key=len, reverse=True))
_TENS_ONLY = "|".join(_TENS.split())
_SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000}
_SCALE = "|".join(_SCALES)
# A number written out that can be nothing else: a tens word ("twenty-two", "forty stalls"), a
# scale ("Five thousand", "a hundred and twenty", "three hundred and eighty-odd", "sixty
# grand"), a decimal ("three point nine") or a half ("four and a half"); "one of them", "two
# people" stay words.
SPELLED = re.compile(
    rf"\b(?:(?:(?:{_WORDS})(?:[-\s]+(?:{_WORDS}))*|a)\s+(?:{_SCALE})"
    rf"(?:(?:\s+and)?[-\s]+(?:{_WORDS}|{_SCALE})(?=-odd\b|-(?:{_ONES_ONLY})\b|(?![-\w])))*"
    rf"|(?:{_TENS_ONLY})(?:-(?:{_ONES_ONLY}))?"
    rf"|(?:{_ONES_ONLY})\s+point\s+(?:{_ONES_ONLY})|(?:{_ONES_ONLY})\s+and\s+a\s+half)\b",
    re.I,
)


# A Chinese number written with a scale: "两百万", "五万零三百", "四千", "二十八万七千", "十五万".
# A run with no leading digit ("千万别", "万一") is a word and "双十一" a day; neither matches.
CN_SPELLED = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万亿双])"
    r"(?:[一二两三四五六七八九]成[一二三四五六七八九]?(?![本功员立交果绩不为])"  # "两成", "三成五"
    r"|(?:[一二两三四五六七八九]|十(?=[一二三四五六七八九]?[百千万亿]))"
    r"[零〇一二两三四五六七八九十百千万亿]*)"
)
_CN_DIGIT = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_RANGE = re.compile(r"[一二两三四五六七八九]{2}")  # "四五十", "两三百": a rough range
# The measure words a part of a whole is counted in: "342单里新客62单", "31台里13台"
CN_MEASURE = "[个家位名条项台所座间张单人户篇次]"
# A count in one Chinese numeral before its measure word: "三个晚上", "两次", "五天"
_CN_COUNT = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万亿第])(十?[一二两三四五六七八九]|十)"
    r"(?=个|次|天|晚|本|家|位|名|条|篇|周|场|台|件|单|门|项|期|趟|回|节|块|元|万)"
)


def _cn_count(run: str) -> int:
    """ "三" is 3, "十" 10, "十二" 12."""
    if run.startswith("十"):
        return 10 + (_CN_DIGIT[run[1]] if len(run) > 1 else 0)
    return _CN_DIGIT[run]


def cn_spelled_value(run: str) -> float | None:
    """The value of a Chinese number with a scale; None for a range or a run with no scale.
    Tenths ("两成", "三成五") are percent: 20, 35."""
    if len(run) >= 2 and run[1] == "成":
        return _CN_DIGIT[run[0]] * 10.0 + (_CN_DIGIT[run[2]] if len(run) > 2 else 0)
    if not re.search(r"[十百千万亿]", run) or _CN_RANGE.search(run):
        return None
    from pycnnum import cn2num  # small, and only Chinese notes with numbers in words need it

    try:
        return float(cn2num(run))
    except ValueError:
        return None


def spelled_value(phrase: str) -> float | None:
    """The value of a number written out in words ("Seven thousand four hundred" is 7400)."""
    words = re.findall(r"[a-z]+", phrase.lower())
    if "point" in words:
        at = words.index("point")
        whole, tenth = _WORD_VALUES.get(words[at - 1]), _WORD_VALUES.get(words[at + 1])
        return None if whole is None or tenth is None else whole + tenth / 10
    total = current = 0.0
    for word in words:
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "grand"):
            total, current = total + (current or 1) * 1000, 0.0
        elif word == "half":
            current += 0.5
    return total + current


def _digits(text: str) -> str:
    """ "forty-one percent" as "41 percent", "Five thousand" as "5000", "两百万" as "2000000":
    people write numbers in words in prose."""

    def one(m: re.Match[str]) -> str:
        return f"{_WORD_VALUES[m['a'].lower()] + _WORD_VALUES.get((m['b'] or '').lower(), 0)} "

    def spelled(m: re.Match[str]) -> str:
        value = spelled_value(m.group(0))
        return m.group(0) if value is None else f"{value:g}"

    def chinese(m: re.Match[str]) -> str:
        value = cn_spelled_value(m.group(0))
        if value is None:
            return m.group(0)
        return f"{value:.10g}%" if "成" in m.group(0) else f"{value:.10g}"

    text = _NUMBER_WORDS.sub(one, text)
    text = SPELLED.sub(spelled, text)
    text = CN_SPELLED.sub(chinese, text)
    text = _CN_COUNT.sub(lambda m: str(_cn_count(m.group(1))), text)
    return text.replace(" per cent", "%").replace(" percent", "%")


_DOUBLE = re.compile(r"一倍|翻倍|翻一番|double|[×x]\s*2\b", re.I)
_YES = {
    "yes",
    "yep",
    "yeah",
    "yup",
    "y",
    "true",
    "done",
    "met",
    "achieved",
    "是",
    "完成",
    "已完成",
    "达成",
    "上线",
    "已上线",
}
_NO = {
    "no",
    "nope",
    "nah",
    "n",
    "false",
    "missed",
    "not done",
    "否",
    "未完成",
    "未达成",
    "未上线",
    "延期",
}


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_value(text: str | None) -> Value:
    """Read one stated value; `change` marks relative targets such as +30% or 缩短50%."""
    if text is None or not str(text).strip():
        return Value()
    raw = str(text).strip()
    clean = _digits(_clean(raw))
    if _FORMULA.match(clean):
        return Value(text=raw, state="placeholder")
    low = clean.lower()
    if low in _YES:
        return Value(text=raw, value=1.0, unit="bool", state="known")
    if low in _NO:
        return Value(text=raw, value=0.0, unit="bool", state="known")
    if _DOUBLE.search(clean):
        return Value(text=raw, value=100.0, unit="%", change=True, state="known")
    if _HALF.search(clean):
        return Value(text=raw, value=-50.0, unit="%", change=True, state="known")
    ms = _MINUTES_SECONDS.search(clean)
    if ms:  # "4分40秒", "4m40s": one duration
        return Value(
            text=raw,
            value=int(ms[1] or ms[3]) + int(ms[2] or ms[4]) / 60.0,
            unit="min",
            state="known",
        )
    hm = _HOURS_MINUTES.search(clean)
    if hm:  # "1h40m": one duration, not the number 1
        hours, minutes = (int(g) for g in (hm[1] or hm[3] or hm[5], hm[2] or hm[4] or hm[6]))
        return Value(text=raw, value=hours * 60.0 + minutes, unit="min", state="known")
    match = _NUMBER.search(clean)
    if match is None:
        if _PLACEHOLDER.search(raw):
            return Value(text=raw, state="placeholder")
        return Value(text=raw, state="missing")
    before = clean[: match.start()]
    if _PLACEHOLDER.fullmatch(before.strip()) and before.strip():
        return Value(text=raw, state="placeholder")
    number = float(match["num"].replace(",", ""))
    number *= _MULTIPLIERS.get(match["mult"] or "", 1.0)
    unit = _UNITS.get(match["unit"] or "")
    if match["unit"] == "成":
        number, unit = number * 10, "%"
    if match["unit"] in ("万元", "百万元"):
        number *= _MULTIPLIERS[match["unit"][:-1]]
    sign = match["sign"]
    change = bool(sign) and unit in ("%", "pp")
    if sign in ("-", "−"):
        number = -number
    before = _PHRASAL_UP.sub(" ", before)
    if not change and unit == "%" and (_UP.search(before) or _DOWN.search(before)):
        change = True
        if _DOWN.search(before):
            number = -abs(number)
    return Value(text=raw, value=number, unit=unit, change=change, state="known")


# "提升至20%", "cut mis-picks to under 0.5%": a level, not a change
_LEVEL_WORD = re.compile(
    r"(?:至|到|为|达|\bto|\bat|\bof)\s*(?:under|below|over|above|about|around|roughly|~|<|>|≤|≥)?\s*$",
    re.I,
)
_SHARE_AFTER = re.compile(r"\s*of\b", re.I)  # "bought by 6% of weekly actives": a share
# A direction verb counts only within the clause of the number: "cut costs, keep uptime 99.9%"
_CLAUSE_BREAK = re.compile(r"[,;:!?。，；：！？、\n|]|\band\b|\bbut\b|并且|同时|但", re.I)
_LESS_AFTER = re.compile(r"\s*(?:lower|less|fewer|down|smaller|shorter|cheaper|reduction)\b", re.I)
_MORE_AFTER = re.compile(r"\s*(?:higher|more|up|larger|greater|increase)\b", re.I)


def parse_in_context(text: str | None, context: str) -> Value:
    """Read a value, using the words just before it in `context` to tell a change from a level.

    "积分兑换率提升20%" is a +20% change, "提升至20%" a level of 20%; "increase AOV by 30%" is a
    change, "raise conversion to 3%" a level.
    """
    value = parse_value(text)
    if value.state != "known" or value.change or value.unit != "%" or not text:
        return value
    at = _clean(context).find(_clean(text))
    if at < 0:
        return value
    clean = _clean(context)
    before = clean[max(0, at - 12) : at]
    if _LEVEL_WORD.search(before):
        return value
    clause = _PHRASAL_UP.sub(" ", _CLAUSE_BREAK.split(clean[:at])[-1])
    verbs = [(m.end(), -1.0) for m in _DOWN.finditer(clause)]
    verbs += [(m.end(), 1.0) for m in _UP.finditer(clause)]
    after = clean[at + len(_clean(text)) :]
    if verbs:  # the verb nearest the number wins: "cut tickets we get each month by 20%"
        sign = max(verbs)[1]
    elif _LESS_AFTER.match(after):  # "24% fewer tickets"
        sign = -1.0
    elif _SHARE_AFTER.match(after):
        return value
    elif re.search(r"\bby\s*$", before, re.I) or _MORE_AFTER.match(after):
        sign = 1.0
    else:
        return value
    return value.model_copy(update={"change": True, "value": sign * abs(value.value or 0)})


def numbers_in(text: str) -> list[str]:
    """The digit runs in `text`, as written (used to check stated numbers against quotes)."""
    return [m.replace(",", "") for m in re.findall(r"\d[\d,]*(?:\.\d+)?", _clean(text))]
