from __future__ import annotations

from datetime import date, timedelta

import pytest

from retro_ai.schema import Incident, Meta, Retrospective, TimelineEvent
from retro_ai.verify.incident_times import derive, format_duration


def retro_with(events, lang="en"):
    retro = Retrospective(
        meta=Meta(report_date=date(2026, 11, 28), kind="incident", output_language=lang),
        incident=Incident(),
    )
    retro.timeline = [
        TimelineEvent(id=f"T{i}", at=at, description="x", kind=kind)
        for i, (at, kind) in enumerate(events, 1)
    ]
    return retro


@pytest.mark.parametrize(
    "events,ttd,ttr",
    [
        (
            [("14:05", "start"), ("14:12", "detection"), ("15:30", "resolution")],
            "7 min",
            "1 h 25 min",
        ),
        ([("2024-03-01 23:50", "start"), ("2024-03-02 00:20", "detection")], "30 min", None),
        ([("23:50", "start"), ("00:20 UTC", "detection")], "30 min", None),  # crosses midnight
        (
            [("14:05", "start"), ("14:40", "mitigation"), ("16:00", "resolution")],
            None,
            "1 h 55 min",
        ),
        ([("14:05", "start"), ("14:40", "mitigation")], None, "35 min"),
        ([("14:12", "detection"), ("15:30", "resolution")], None, None),  # no start: nothing
        ([("2024-03-01 14:05", "start"), ("14:12", "detection")], None, None),  # mixed dating
        ([("morning", "start"), ("noon", "detection")], None, None),
    ],
)
def test_derive(events, ttd, ttr):
    retro = retro_with(events)
    derive(retro)
    assert (retro.incident.time_to_detect, retro.incident.time_to_recover) == (ttd, ttr)


def test_durations_in_chinese():
    assert format_duration(timedelta(hours=26, minutes=5), "zh") == "1天2小时5分钟"
    retro = retro_with([("14:05", "start"), ("14:12", "detection")], lang="zh")
    derive(retro)
    assert retro.incident.time_to_detect == "7分钟"
