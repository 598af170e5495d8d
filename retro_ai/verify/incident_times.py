"""Time to detect and time to recover: as the notes state them, else derived from the timeline.

A stated figure ("time to detect was 4 min", "detected after 25 min") is read from the source
text in code (`retro_ai.verify.durations`), never from the model, and wins: the notes' authors
know what they measured from. A derived figure that disagrees with a stated one becomes an open
question rather than a silently different number. Times are read as written
("2024-03-01 14:05", "14:05 UTC", "09:10"); a timeline with times but no dates is taken as one
day. When the start, detection or resolution event is missing or its time cannot be read, the
derived figure stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from retro_ai.i18n import LABELS
from retro_ai.schema import Language, Retrospective, TimelineEvent
from retro_ai.verify.durations import stated, zh_clock
from retro_ai.verify.questions import Questions

_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_TIME = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d])")


def parse_time(text: str) -> tuple[datetime | None, bool]:
    """The moment `text` names, and whether it carried a date."""
    time = _TIME.search(text)
    if time is None:
        clock = zh_clock(text)
        if clock is None:
            return None, False
        hour, minute, second = clock[0], clock[1], 0
    else:
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


def _derived(retro: Retrospective) -> dict[str, timedelta]:
    """Start-to-detection and start-to-resolution spans read from the timeline's times."""
    readings = [parse_time(e.at) for e in retro.timeline]
    dated = {has_date for moment, has_date in readings if moment is not None}
    if len(dated) != 1:  # no readable time, or dates on some events only: no safe arithmetic
        return {}
    has_dates = dated == {True}
    start = _first(retro.timeline, "start")
    if start is None:
        return {}
    out: dict[str, timedelta] = {}
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
            out[field] = moment - start
    return out


def _agree(stated_minutes: float, hedged: bool, derived: timedelta) -> bool:
    """Equal to the minute; a hedged figure ("about 30 min", "一个多小时") within its slack."""
    got = derived.total_seconds() / 60
    slack = max(5.0, stated_minutes * 0.25) if hedged else 1.0
    return abs(got - stated_minutes) <= slack


def derive(retro: Retrospective, texts: Sequence[str] = ()) -> None:
    """Fill `incident.time_to_detect` and `time_to_recover`: stated first, else derived.

    `texts` are the sources' texts, where stated figures are looked for.
    """
    if retro.incident is None:
        return
    lang = retro.meta.output_language
    said = stated(texts)
    derived = _derived(retro) if retro.timeline else {}
    questions = Questions(retro)
    for field in ("time_to_detect", "time_to_recover"):
        span = derived.get(field)
        if field in said:
            minutes, hedged = said[field]
            text = format_duration(timedelta(minutes=minutes), lang)
            setattr(retro.incident, field, text)
            if span is not None and not _agree(minutes, hedged, span):
                questions.ask(
                    f"incident.{field}",
                    "duration_conflict",
                    title=LABELS[lang][field],
                    stated=text,
                    computed=format_duration(span, lang),
                )
        elif span is not None:
            setattr(retro.incident, field, format_duration(span, lang))
