from __future__ import annotations

from datetime import date

import pytest

from retro_ai.verify.dates import resolve_due

TODAY = date(2026, 11, 28)  # a Saturday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-12-15", date(2026, 12, 15)),
        ("2026年12月15日", date(2026, 12, 15)),
        ("12月15日前", date(2026, 12, 15)),
        ("3月1日", date(2027, 3, 1)),
        ("Dec 15", date(2026, 12, 15)),
        ("by 15 January", date(2027, 1, 15)),
        ("下月内完成", date(2026, 12, 31)),
        ("next month", date(2026, 12, 31)),
        ("本月底", date(2026, 11, 30)),
        ("未来一个月内", date(2026, 12, 28)),
        ("within 2 weeks", date(2026, 12, 12)),
        ("3天内", date(2026, 12, 1)),
        ("by Friday", date(2026, 12, 4)),
        ("下周三", date(2026, 12, 2)),  # the Wednesday of next week
        ("next week", date(2026, 12, 4)),
        ("by EOD tomorrow", date(2026, 11, 29)),  # the end of tomorrow, not of today
        ("EOD tmrw", date(2026, 11, 29)),
        ("EOD", date(2026, 11, 28)),
        ("Q1", date(2027, 3, 31)),
        ("下半年规划", date(2026, 12, 31)),
        ("每季度至少一次", None),
        ("长期执行", None),
        ("下一个重大项目启动前", None),
        ("next sprint", None),
        ("2月30日", None),
        ("", None),
    ],
)
def test_resolve_due(text, expected):
    assert resolve_due(text, TODAY) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("未来三到六个月", date(2027, 5, 28)),
        ("未来一年内", date(2027, 11, 28)),
        ("6.1 短期行动（未来一个月内）", date(2026, 12, 28)),
        ("within 1 year", date(2027, 11, 28)),
        ("两周内", date(2026, 12, 12)),
        ("3个月", None),  # a duration, not a deadline
    ],
)
def test_resolve_ranges_and_years(text, expected):
    assert resolve_due(text, TODAY) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("by end of June", date(2027, 6, 30)),  # June has passed this year: next June
        ("by the end of December", date(2026, 12, 31)),
        ("end of February", date(2027, 2, 28)),
        ("this weekend", date(2026, 11, 29)),  # a Saturday's weekend ends on the Sunday
        ("这周末", date(2026, 11, 29)),
    ],
)
def test_month_ends_and_weekends(text, expected):
    assert resolve_due(text, TODAY) == expected
