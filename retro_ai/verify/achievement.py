"""Achievement math, done in code and shown next to whatever the source stated.

Rules: higher-is-better rate = actual / target; lower-is-better is met when actual ≤ target
and its rate is shown as target ÷ actual with that convention named; a hard limit (a cap on
money, a floor such as "at least") is missed once broken, however close; change targets
(+30%, −50%) need a baseline; binary goals are met or missed; placeholders are never computed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from retro_ai.schema import Achievement, Direction, QuestionReason, Value, Verdict
from retro_ai.verify.numbers import CN_MEASURE, parse_value

# "22 out of 29" answering "80% of the class": the share is the actual
_SHARE = re.compile(
    r"(?P<a>\d[\d,]*)\s*(?:out of|of|/)\s*(?:the |all )?(?P<of>\d[\d,]*)"
    # "342单里新客62单": the whole, then the part of it
    rf"|(?P<zof>\d+)\s*(?:{CN_MEASURE}\s*(?:里面|当中|里|中)|里面|当中|里)有?[^\d,，。;；]{{0,6}}?"
    rf"(?P<za>\d+)\s*{CN_MEASURE}?",
    re.I,
)
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[-–—~～]\s*(\d+(?:\.\d+)?)")
PARTIAL_FLOOR = 0.8  # rates in [0.8, 1.0) are "partial"; below that "missed"
RATE_TOLERANCE = 0.011  # a stated rate within ~1 point of the computed one is rounding

# Hard limits are kept or broken, with no partial band: a limit on money ("over budget") and a
# floor ("at least 4.5", "不低于85%", "120+"). A latency 5% over its target is still partial.
_SPENDING = re.compile(
    r"[$¥€£]|\d\s*(?:元|块)|\b(?:budget|costs?|spend|spent|CAC|CPA)\b|预算|成本|花销|花费|开销|费用",
    re.I,
)
_FLOOR = re.compile(
    r"\bat least\b|\bor (?:better|more|higher|above)\b|\bno (?:less|fewer|lower) than\b"
    r"|\bminimum\b|[≥⩾]|>=|不低于|不少于|不能低于|至少|(?<!岁)以上|底线|\d\+(?=$|[\s|,，。;；)）])"
    r"|\bhold(?: it)? (?:at|above)\b|\bkeep (?:it )?above\b|保住|守住",  # a level to hold
    re.I,
)

_TIME_MS = {"ms": 1.0, "s": 1000.0, "min": 60000.0, "h": 3600000.0}
# "没达标", "没有达成", "不达标": the verdict word, denied
_DENIED = re.compile(r"(?:没有?|不|未能?|没能|尚未)(?:达标|达到|达成|完成|做到|实现)")
_STATED_VERDICTS: tuple[tuple[str, Verdict], ...] = (
    ("超额", "exceeded"),
    ("高于预期", "exceeded"),
    ("超出预期", "exceeded"),
    ("ahead of", "exceeded"),
    ("低于预期", "missed"),
    ("exceed", "exceeded"),
    ("exceeded", "exceeded"),
    ("exceeds", "exceeded"),
    ("surpass", "exceeded"),
    ("surpassed", "exceeded"),
    ("未达", "missed"),
    ("未能", "missed"),
    ("missed", "missed"),
    ("not met", "missed"),
    ("failed", "missed"),
    ("未完成", "missed"),
    ("没能", "missed"),
    ("没按时", "missed"),
    ("未按时", "missed"),
    ("按时", "met"),
    ("如期", "met"),
    ("基本", "partial"),
    ("略有", "partial"),
    ("partial", "partial"),
    ("mostly", "partial"),
    ("half done", "partial"),
    ("partly", "partial"),
    ("fell short", "missed"),
    ("came up short", "missed"),
    ("short of", "missed"),
    ("no cigar", "missed"),
    ("over budget", "missed"),
    ("延期", "missed"),
    ("晚了", "missed"),
    ("超支", "missed"),
    ("beat target", "exceeded"),
    ("beat the target", "exceeded"),
    ("达成", "met"),
    ("达到", "met"),
    ("达标", "met"),
    ("守住", "met"),
    ("完成", "met"),
    ("met", "met"),
    ("achieved", "met"),
    ("done", "met"),
    ("hit target", "met"),
    ("hit the target", "met"),
    ("on target", "met"),
    ("on time", "met"),
    ("on budget", "met"),
    ("under budget", "met"),
)


_Question = tuple[QuestionReason, dict[str, str]]
_Ask = Callable[[_Question], None]


@dataclass
class Assessment:
    achievement: Achievement
    questions: list[_Question] = field(default_factory=list)


def _band(rate: float) -> Verdict:
    if rate > 1.0 + 1e-9:
        return "exceeded"
    if rate >= 1.0 - 1e-9:
        return "met"
    return "partial" if rate >= PARTIAL_FLOOR else "missed"


# An aside with a figure of its own, beside a goal that has its figure outside it: "正文写到6万字
# (学院底线是4万)" names another number's floor, not the goal's.
_ASIDE = re.compile(r"[(（][^()（）]*\d[^()（）]*[)）]")
_DIGIT = re.compile(r"\d")


def _own_words(text: str) -> str:
    bare = _ASIDE.sub(" ", text)
    return bare if _DIGIT.search(bare) else text


def hard_limit(direction: Direction | None, *texts: str | None) -> bool:
    """Whether a goal's own words make it a hard limit: a cap on money or a floor."""
    words = _SPENDING if direction == "lower" else _FLOOR
    return any(t and words.search(_own_words(t)) for t in texts)


def stated_verdict(text: str | None) -> Verdict | None:
    """Map a verdict as written (达成, 略有超支, missed) onto the verdict scale."""
    if not text:
        return None
    answer = parse_value(text)
    if answer.unit == "bool":  # "yes", "nope", "done", "否": a goal kept or not
        return "met" if answer.value else "missed"
    low = text.lower()
    if _DENIED.search(low):
        return "missed"
    for cue, verdict in _STATED_VERDICTS:
        if cue in low and (not cue.isascii() or re.search(rf"\b{cue}\b", low)):
            return verdict  # "met" is a verdict, "metrics" is not
    return None


def comparable(a: Value, b: Value) -> tuple[float, float] | None:
    """Both values in one unit, or None when their units cannot be compared."""
    assert a.value is not None and b.value is not None
    if a.unit == b.unit or a.unit is None or b.unit is None:
        return a.value, b.value
    if a.unit in _TIME_MS and b.unit in _TIME_MS:
        return a.value * _TIME_MS[a.unit], b.value * _TIME_MS[b.unit]
    return None


def assess(
    target: Value,
    actual: Value,
    direction: Direction | None,
    baseline: Value | None = None,
    stated_rate: Value | None = None,
    stated: str | None = None,
    *,
    hard: bool = False,
) -> Assessment:
    """Compute rate and verdict for one goal; list the open questions the numbers raise.

    `hard` marks a hard limit (see `hard_limit`): falling short of it is missed, not partial.
    """
    result = Assessment(Achievement(stated_rate=stated_rate, stated_verdict=stated))
    ach = result.achievement
    ask = result.questions.append

    for what, value in (("target", target), ("actual", actual), ("stated rate", stated_rate)):
        if value is not None and value.state == "placeholder":
            ask(("placeholder", {"what": what, "text": value.text}))
    echoed = (  # "NPQ module 2 isn't done": the goal's own figure named again, not a result
        target.state == actual.state == "known"
        and (target.value, target.unit) == (actual.value, actual.unit)
        and stated_verdict(stated) == "missed"
    )
    computed = None if echoed else _compute(target, actual, direction, baseline, ach, ask, hard)

    stated_value = stated_rate.value if stated_rate and stated_rate.state == "known" else None
    if computed is not None and stated_rate is not None and stated_value is not None:
        if abs(computed - stated_value / 100.0) > RATE_TOLERANCE:
            ask(("rate_conflict", {"stated": stated_rate.text, "computed": f"{computed:.1%}"}))
    if ach.basis == "none":
        if stated_value is not None:
            ach.rate = stated_value / 100.0
            ach.verdict = _band(ach.rate)
            ach.basis = "stated"
        elif (mapped := stated_verdict(stated)) is not None:
            ach.verdict = mapped
            ach.basis = "stated"
    return result


def _compute(
    target: Value,
    actual: Value,
    direction: Direction | None,
    baseline: Value | None,
    ach: Achievement,
    ask: _Ask,
    hard: bool = False,
) -> float | None:
    if target.state != "known" or actual.state != "known":
        return None
    assert target.value is not None and actual.value is not None
    if direction == "binary" or target.unit == "bool" or actual.unit == "bool":
        ach.verdict = "met" if actual.value else "missed"
        ach.basis = "computed"
        return None
    if target.change:
        return _compute_change(target, actual, baseline, ach, ask)
    share = _SHARE.fullmatch(unicodedata.normalize("NFKC", actual.text).strip())
    of = share and (share["of"] or share["zof"])
    if target.unit == "%" and actual.unit is None and share and of and float(of.replace(",", "")):
        part, whole = (float(n.replace(",", "")) for n in (share["a"] or share["za"], of))
        actual = actual.model_copy(update={"value": part / whole * 100.0, "unit": "%"})
    pair = comparable(target, actual)
    if pair is None or actual.change:
        ask(("unit_mismatch", {"target": target.text, "actual": actual.text}))
        return None
    t, a = pair
    if direction is None and baseline is not None and baseline.state == "known":
        start = comparable(target, baseline)
        if start is not None and start[1] != t:
            # "bring the list from 2,340 down to 2,000": a target below where it started
            direction = "lower" if t < start[1] else "higher"
    band = _RANGE.search(unicodedata.normalize("NFKC", target.text or ""))
    if band and direction != "lower":  # "8–10%": anywhere in the band is met
        low, high = (float(band.group(n)) * t / float(band.group(1)) for n in (1, 2))
        ach.rate = 1.0 if low <= a <= high else a / (high if a > high else low)
        ach.verdict = _band(ach.rate)
        ach.convention = "actual against the target band"
        ach.basis = "computed"
        return ach.rate
    if band:  # lower is better: the top of the band is the limit
        t = float(band.group(2)) * t / float(band.group(1))
    if direction == "lower":
        near = not hard and a and t / a >= PARTIAL_FLOOR
        ach.verdict = "met" if a <= t else ("partial" if near else "missed")
        ach.rate = t / a if a else None
        ach.convention = "target ÷ actual (lower is better)"
    else:
        if t == 0:  # "| Injuries | 0 |": a target of nothing is a cap, kept or broken
            ach.verdict = "met" if a <= 0 else "missed"
            ach.convention = "a target of zero is a cap"
            ach.basis = "computed"
            return None
        ach.rate = a / t
        ach.verdict = "missed" if hard and ach.rate < 1.0 - 1e-9 else _band(ach.rate)
        ach.convention = "actual ÷ target"
    ach.basis = "computed"
    return ach.rate


def _compute_change(
    target: Value, actual: Value, baseline: Value | None, ach: Achievement, ask: _Ask
) -> float | None:
    assert actual.value is not None  # _compute passes known values only
    if actual.change:
        realised = actual.value
    elif baseline is not None and baseline.state == "known" and baseline.value:
        realised = (actual.value - baseline.value) / abs(baseline.value) * 100.0
    else:
        ask(("missing_baseline", {"target": target.text}))
        return None
    if not target.value:
        return None
    ach.rate = realised / target.value
    ach.verdict = _band(ach.rate)
    ach.convention = "realised change ÷ targeted change"
    ach.basis = "computed"
    return ach.rate
