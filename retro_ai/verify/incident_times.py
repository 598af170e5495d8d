"""Time to detect and time to recover, derived from the timeline in code, never from the model.

Times are read as written ("2024-03-01 14:05", "14:05 UTC", "09:10"); a timeline with times
but no dates is taken as one day. When the start, detection or resolution event is missing or its
time cannot be read, the figure stays empty.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from retro_ai.i18n import LABELS
from retro_ai.schema import Language, Retrospective, TimelineEvent

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_TIME = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d])")


def parse_time(text: str) -> tuple[datetime | None, bool]:
    """The moment `text` names, and whether it carried a date."""
    time = _TIME.search(text)
    if time is None:
        return None, False
    hour, minute, second = int(time[1]), int(time[2]), int(time[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None, False
    date = _DATE.search(text)
    try:
        if date:
            return datetime(int(date[1]), int(date[2]), int(date[3]), hour, minute, second), True
        return datetime(2000, 1, 1, hour, minute, second), False
    except ValueError:
        return None, False


def _first(events: list[TimelineEvent], *kinds: str) -> datetime | None:
    for kind in kinds:
        for event in events:
            if event.kind == kind:
                moment, _ = parse_time(event.at)
                if moment is not None:
                    return moment
    return None


def format_duration(delta: timedelta, lang: Language) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    words, gap = LABELS[lang], LABELS[lang]["unit_gap"]
    amounts = ((days, "days"), (hours, "hours"), (minutes, "minutes"))
    parts = [f"{n}{gap}{words[unit]}" for n, unit in amounts if n]
    return gap.join(parts) or f"0{gap}{words['minutes']}"


def derive(retro: Retrospective) -> None:
    """Fill `incident.time_to_detect` and `time_to_recover` where the timeline allows."""
    if retro.incident is None or not retro.timeline:
        return
    readings = [parse_time(e.at) for e in retro.timeline]
    dated = {has_date for moment, has_date in readings if moment is not None}
    if len(dated) != 1:  # no readable time, or dates on some events only: no safe arithmetic
        return
    has_dates = dated == {True}
    start = _first(retro.timeline, "start")
    if start is None:
        return
    lang = retro.meta.output_language
    for field, kinds in (
        ("time_to_detect", ("detection",)),
        ("time_to_recover", ("resolution", "mitigation")),
    ):
        moment = _first(retro.timeline, *kinds)
        if moment is None:
            continue
        if moment < start and not has_dates:
            moment += timedelta(days=1)  # times without dates that cross midnight
        if moment >= start:
            setattr(retro.incident, field, format_duration(moment - start, lang))
