"""Table-driven tests of the achievement rules, including the seed campaign report's values."""

from __future__ import annotations

import pytest

from retro_ai.stages.offline import values
from retro_ai.verify.achievement import assess, hard_limit, stated_verdict
from retro_ai.verify.numbers import parse_in_context
from retro_ai.verify.numbers import parse_value as v

CASES = [
    # target, actual, direction, baseline, stated_rate, stated, rate, verdict, questions
    ("1000", "1200", "higher", None, None, None, 1.2, "exceeded", []),
    ("1000", "1000", "higher", None, None, None, 1.0, "met", []),
    ("1000", "850", "higher", None, None, None, 0.85, "partial", []),
    ("1000", "500", "higher", None, None, None, 0.5, "missed", []),
    ("99.5%", "99.7%", "higher", None, None, None, 99.7 / 99.5, "exceeded", []),
    ("200ms", "180ms", "lower", None, None, None, 200 / 180, "met", []),
    ("200毫秒", "0.25s", "lower", None, None, None, 0.8, "partial", []),
    ("200ms", "400ms", "lower", None, None, None, 0.5, "missed", []),
    ("+30%", "130", "higher", "100", None, None, 1.0, "met", []),
    ("+30%", "115", "higher", "100", None, None, 0.5, "missed", []),
    ("缩短50%", "60ms", "lower", "100ms", None, None, 0.8, "partial", []),
    ("+30%", "+36%", "higher", None, None, None, 1.2, "exceeded", []),
    ("+30%", "130", "higher", None, None, None, None, "unknown", ["missing_baseline"]),
    # no direction stated: a target below its baseline is a reduction, one above it a rise
    ("2000", "2105", None, "2340", None, None, 2000 / 2105, "partial", []),
    ("2000", "1950", None, "2340", None, None, 2000 / 1950, "met", []),
    ("500", "520", None, "300", None, None, 520 / 500, "exceeded", []),
    ("yes", "no", "binary", None, None, None, None, "missed", []),
    ("上线", "已上线", "binary", None, None, None, None, "met", []),
    ("1000", "1200", "higher", None, "150%", None, 1.2, "exceeded", ["rate_conflict"]),
    ("1000", "1200", "higher", None, "120%", None, 1.2, "exceeded", []),
    ("1000", "1200", "higher", None, "120.4%", None, 1.2, "exceeded", []),
    ("10%", "12ms", "higher", None, None, None, None, "unknown", ["unit_mismatch"]),
    # the seed campaign report: placeholders are never computed
    (
        "X百万",
        "X百万",
        "higher",
        None,
        "Y%",
        None,
        None,
        "unknown",
        ["placeholder", "placeholder", "placeholder"],
    ),
    (
        "Z万元",
        "Z万元",
        "higher",
        None,
        "W%",
        None,
        None,
        "unknown",
        ["placeholder", "placeholder", "placeholder"],
    ),
    ("5%", "X%", "higher", None, None, "超额完成", None, "exceeded", ["placeholder"]),
    (
        "W%",
        "M%",
        "higher",
        None,
        None,
        "略高于预期",
        None,
        "exceeded",
        ["placeholder", "placeholder"],
    ),
    # the seed personal report: binary goals stated as met
    ("", "", None, None, None, "此目标达成", None, "met", []),
    # a stated rate with no numbers to compute from
    ("", "", None, None, "95%", None, 0.95, "partial", []),
    # a target of zero is a cap: kept at zero, broken by one
    ("0", "0", None, None, None, None, None, "met", []),
    ("0", "2", None, None, None, None, None, "missed", []),
    # a share against a percent target: 22 of 29 is 75.9% of the class
    ("80%", "22 out of 29", None, None, None, None, 22 / 29 * 100 / 80, "partial", []),
    ("80%", "12 of 25", None, None, None, None, 0.6, "missed", []),
    # the goal's own figure named again with words that say it was not done: no computed met
    ("2", "2", None, None, None, "not done", None, "missed", []),
]


@pytest.mark.parametrize(
    "target,actual,direction,baseline,stated_rate,stated,rate,verdict,questions", CASES
)
def test_assess(target, actual, direction, baseline, stated_rate, stated, rate, verdict, questions):
    out = assess(
        v(target),
        v(actual),
        direction,
        v(baseline) if baseline else None,
        v(stated_rate) if stated_rate else None,
        stated,
    )
    assert out.achievement.verdict == verdict
    if rate is None:
        assert out.achievement.rate is None
    else:
        assert out.achievement.rate == pytest.approx(rate)
    assert [reason for reason, _ in out.questions] == questions


def test_lower_is_better_names_its_convention():
    out = assess(v("200ms"), v("180ms"), "lower")
    assert out.achievement.convention == "target ÷ actual (lower is better)"
    assert out.achievement.basis == "computed"


def test_a_hard_limit_broken_is_missed_however_close():
    assert assess(v("£410k"), v("£428k"), "lower").achievement.verdict == "partial"
    capped = assess(v("£410k"), v("£428k"), "lower", hard=True).achievement
    assert (capped.verdict, round(capped.rate or 0, 3)) == ("missed", round(410 / 428, 3))
    assert assess(v("12块"), v("11.5块"), "lower", hard=True).achievement.verdict == "met"
    assert assess(v("85%"), v("84%"), "higher").achievement.verdict == "partial"
    assert assess(v("85%"), v("84%"), "higher", hard=True).achievement.verdict == "missed"
    assert assess(v("85%"), v("91%"), "higher", hard=True).achievement.verdict == "exceeded"


@pytest.mark.parametrize(
    ("direction", "words", "hard"),
    [
        ("lower", ("linen spend, budget was 18k",), True),
        ("lower", ("blended CAC under $22",), True),
        ("lower", ("项目预算原计划15万",), True),
        ("lower", ("每餐不超过12块",), True),
        ("lower", ("招新花销", "1500元以内"), True),
        ("lower", ("p95 checkout under 400ms",), False),
        ("lower", ("出餐等候不超过10分钟",), False),
        ("lower", ("三块屏幕以内",), False),
        ("lower", (None, "30%"), False),
        ("higher", ("a store rating of four and a half or better",), True),
        ("higher", ("crash-free sessions ≥99.5% in launch week",), True),
        (None, ("| Android crash-free users | >= 99.5% |",), True),
        ("higher", ("晚高峰准时率不低于85%",), True),
        ("higher", ("期初库存准确率当时定的是98%以上",), True),
        (None, ("数学一考到120+",), True),
        ("higher", ("Trial-to-paid we wanted to hold at 11%",), True),
        ("higher", ("好评分保住4.9,一条差评都不要",), True),
        ("higher", ("新增付费用户500人",), False),
        ("higher", ("uptime (at least 99.5%)",), True),
        ("higher", ("正文写到6万字(学院底线是4万,老板说一般都5万往上)",), False),
        ("higher", ("answer 90% of tickets (the floor is 80%) within a day",), False),
        (None, ("| 65岁以上老人接种 | 3,000人 |",), False),
        ("higher", ("+30% signups",), False),
    ],
)
def test_a_hard_limit_is_told_by_the_goals_own_words(direction, words, hard):
    assert hard_limit(direction, *words) is hard


def test_stated_values_are_kept_next_to_computed():
    out = assess(v("1000"), v("1200"), "higher", stated_rate=v("150%"), stated="超额")
    assert out.achievement.stated_rate.text == "150%"
    assert out.achievement.stated_verdict == "超额"
    assert out.achievement.basis == "computed"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("此目标达成", "met"),
        ("基本达成", "partial"),
        ("未达到预期涨幅", "missed"),
        ("超额完成", "exceeded"),
        ("略有超支", "partial"),
        ("Missed", "missed"),
        ("没达标", "missed"),  # the verdict word denied is the opposite verdict
        ("比上一版好很多但没达标", "missed"),
        ("没有达成", "missed"),
        ("不达标", "missed"),
        ("没完成", "missed"),
        ("exceeded", "exceeded"),
        ("surpassed it", "exceeded"),
        ("close-ish but no cigar", "missed"),
        ("", None),
        ("see notes", None),
    ],
)
def test_stated_verdict(text, expected):
    assert stated_verdict(text) == expected


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("派单响应实际均值6分半,比上一版好很多但没达标", "没达标"),
        ("安全培训没有达成", "没有达成"),
        ("留存目标达成", "达成"),
        ("Docs before launch: close-ish but no cigar", "no cigar"),
    ],
)
def test_the_verdict_a_result_line_states_is_read_with_its_denial(line: str, said: str) -> None:
    found = values.VERDICT_ZH.search(line) or values.VERDICT_EN.search(line)
    assert found is not None and found.group(0) == said


@pytest.mark.parametrize(
    "text,value,unit,change,state",
    [
        ("+30%", 30, "%", True, "known"),
        ("提升30%", 30, "%", True, "known"),
        ("缩短50%", -50, "%", True, "known"),
        ("99.5%", 99.5, "%", False, "known"),
        ("200毫秒以内", 200, "ms", False, "known"),
        ("10万用户", 100000, "users", False, "known"),
        ("一倍", 100, "%", True, "known"),
        ("2.5万元", 25000, "元", False, "known"),
        ("P95 latency 300ms", 300, "ms", False, "known"),
        ("X万元以内", None, None, False, "placeholder"),
        ("≥W%", None, None, False, "placeholder"),
        ("XX%", None, None, False, "placeholder"),
        ("TBD", None, None, False, "placeholder"),
        ("", None, None, False, "missing"),
        ("good", None, None, False, "missing"),
        # numbers written out in prose
        ("Five thousand", 5000, None, False, "known"),
        ("Seven thousand four hundred", 7400, None, False, "known"),
        ("eight hundred and fifty", 850, None, False, "known"),
        ("sixty grand", 60000, None, False, "known"),
        ("twenty-two", 22, None, False, "known"),
        ("three point nine", 3.9, None, False, "known"),
        ("four and a half", 4.5, None, False, "known"),
        ("forty-one percent", 41, "%", False, "known"),
        ("one of them", None, None, False, "missing"),
        ("a hundred and twenty", 120, None, False, "known"),
        ("a hundred and twenty-one", 121, None, False, "known"),
        ("three hundred and eighty-odd", 380, None, False, "known"),
        ("a thousand", 1000, None, False, "known"),
        ("nineteen hundred", 1900, None, False, "known"),
        ("more like 1h20", 80, "min", False, "known"),
        ("2h05", 125, "min", False, "known"),
        # a count in one Chinese numeral before its measure word
        ("三个", 3, None, False, "known"),
        ("两个晚上", 2, None, False, "known"),
        ("十二次", 12, None, False, "known"),
        ("第三个", None, None, False, "missing"),  # an ordinal counts nothing
    ],
)
def test_parse_value(text, value, unit, change, state):
    parsed = v(text)
    assert (parsed.value, parsed.unit, parsed.change, parsed.state) == (value, unit, change, state)


@pytest.mark.parametrize(
    "text,context,value,change",
    [
        ("20%", "积分兑换率提升20%", 20, True),
        ("12%", "上线首月积分兑换率提升12%", 12, True),
        ("20%", "积分兑换率提升至20%", 20, False),
        ("50%", "用户登录响应时间缩短50%", -50, True),
        ("30%", "Increase average order value by 30%", 30, True),
        ("3.0%", "Raise checkout conversion rate from 2.4% to 3.0%", 3.0, False),
        ("99.5%", "库存管理精确度达到99.5%", 99.5, False),
        ("20%", "", 20, False),
        # a level after "to under", a share after "by … of": neither is a change
        ("0.5%", "Cut mis-picks to under 0.5%", 0.5, False),
        ("6%", "battle pass bought by 6% of weekly actives", 6, False),
    ],
)
def test_parse_in_context(text, context, value, change):
    parsed = parse_in_context(text, context)
    assert (parsed.value, parsed.change) == (value, change)
