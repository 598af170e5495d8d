"""Recognise and parse meeting transcripts (WebVTT, SRT, "Name: text" lines) into numbered Lines.

Evidence must point back at the file the user has open, so every Line keeps the 1-based number
of the line it came from; speaker and timestamp are split off so quotes match the spoken text.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from itertools import islice
from typing import Literal

from retro_ai.errors import InputError
from retro_ai.ingest.docdate import is_divider
from retro_ai.ingest.source import Line

TranscriptFormat = Literal["vtt", "srt", "speaker"]

_MAX_NAME = 40
_MAX_NAME_WORDS = 5
_MAX_SPEAKERS = 12

# Words that head note lines ("Goal: ...", "目标：...") and are never people.
_LABELS = frozenset(
    """
    goal goals objective objectives target targets result results outcome outcomes action
    actions owner owners due deadline lesson lessons learning learnings summary impact note
    notes todo to-do problem problems issue issues risk risks decision decisions context
    background status date time when where attendees participants agenda topic topics
    question questions answer answers q a pros cons next follow-up followup blocker blockers
    priority details description reason reasons cause causes fix solution solutions metric
    metrics kpi actual baseline comment comments feedback conclusion conclusions takeaway
    takeaways highlight highlights lowlight lowlights observation observations root why what
    how who location venue subject title re cc tags tag links link source sources step steps
    phase milestone milestones deliverable deliverables progress update updates plan plans
    scope assumption assumptions dependency dependencies estimate budget cost effort score
    rating warning important tip example examples http https ftp mailto
    目标 结果 行动 负责人 完成时限 原因 教训 总结 影响 备注 待办 问题 方案 解决方案 风险 决定
    决策 背景 状态 日期 时间 地点 参会人 参会人员 与会者 与会人员 议题 议程 主题 结论 下一步 改进
    亮点 不足 经验 收获 指标 目标值 实际 实际值 进度 截止日期 截止时间 根因 根本原因 措施 建议
    数据 现象 分析 评估 完成情况 达成率 计划 里程碑 说明 注意 注 事项 时限 阶段 预算 成本 反思
    """.split()
)
_CJK_LABELS = tuple(label for label in _LABELS if not label.isascii())

_SENTENCE_PUNCT = re.compile(r"[.!?;,。！？；，、…\"“”|｜]")
_BULLET = re.compile(r"^\s*(?:[-*+•·](?:\s|$)|[>#|]|\d+[.)、]|[a-zA-Z][.)]\s)")
# a chat handle in lower case with a dot or underscore: "nadia.ortiz", "dev_sharma"
_HANDLE = re.compile(r"[a-z][a-z0-9]*[._][a-z0-9._-]{1,20}")
_NAME_TEXT = re.compile(r"^(?P<name>[^:：]{1,60}?)\s*[:：]\s*(?P<text>.*\S.*)$")
_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_AMPM = r"(?:\s?[AaPp]\.?[Mm]\.?)?"  # "[3/26/2026 10:27 AM] Jamal Reyes: …"
_TS_PREFIX = re.compile(
    rf"^\s*(?:\[(?P<br>{_TS})(?P<ap>{_AMPM})\]|\((?P<pa>{_TS})\)|(?P<bare>\d{{1,2}}:\d{{2}}:\d{{2}}(?:[.,]\d{{1,3}})?)(?=\s)"
    # a phone chat export: "21/10/2026, 06:12 - Name: text" or "[2026-10-21 06:12:03] Name: text"
    rf"|\[?(?P<dt>(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}),?\s+{_TS})(?P<dap>{_AMPM})\]?(?:\s+-)?(?=\s))"
    r"\s*(?P<rest>.*)$"
)

_VTT_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_VTT_TIME = r"(?:\d+:)?\d{2}:\d{2}\.\d{3}"
_VTT_TIMING = re.compile(rf"^\s*(?P<start>{_VTT_TIME})[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t].*)?$")
_VTT_SKIPPED_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_VOICE_OPEN = re.compile(r"<v(?:\.[^\s>]*)*(?:[ \t]+(?P<name>[^>]*))?>")
_VOICE_CLOSE = "</v>"

_SRT_TIME = r"\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}"
_SRT_TIMING = re.compile(rf"^\s*(?P<start>{_SRT_TIME})\s*-->\s*{_SRT_TIME}(?:\s.*)?$")
_SRT_INDEX = re.compile(r"^\s*\d+\s*$")

_TAG = re.compile(r"<[^>]*>")
_ASS_TAG = re.compile(r"\{\\[^}]*\}")


# Words no Chinese name holds, wherever they stand in a label: "整改措施", "故障原因初步判断"; and a
# notice's greeting, "各位业主"
_CJK_LABEL_INSIDE = re.compile(
    r"原因|措施|问题|情况|总结|方案|结论|教训|经验|建议|影响|背景|进展|说明|公告|通知|^各位|^亲爱的"
)


def _is_label(name: str) -> bool:
    key = re.sub(r"[\s#]*\d+$", "", name).strip().lower()  # "Action 1", "目标1"
    key = re.sub(r"\s*[(（][^)）]*[)）]$", "", key)  # "Owner(s)", "负责人（主）"
    if key in _LABELS or key.split(" ", 1)[0] in _LABELS:
        return True
    return key.startswith(_CJK_LABELS) or bool(_CJK_LABEL_INSIDE.search(key))


_EMOJI = "\U0001f300-\U0001faff\u2600-\u27bf\u2b50\ufe0f\u200d"
_NAME_DRESS = re.compile(f"^[{_EMOJI}]+\\s*|\\s*[{_EMOJI}]+$")


# The stops inside a name: a title ("Mr. Alvarez") or an initial ("Maya B.")
_INITIALS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.|\b[A-Z]\.(?=\s|$)")


def split_speaker(line: str) -> tuple[str, str] | None:
    """Split "Name: text" into (name, text) when Name plausibly is a person, else None.

    A person's name is short, carries no sentence punctuation, is not a bullet, a number or a
    note label such as "Goal" or "目标" -- the usual false positives in meeting notes.
    """
    if _BULLET.match(line):
        return None
    match = _NAME_TEXT.match(line.strip())
    if match is None:
        return None
    name = match["name"].strip().strip("*_").strip()
    if name.startswith("@") and (_HANDLE.fullmatch(name[1:]) or name[1:].isalpha()):
        name = name[1:]  # "[10:03 AM] @maya.k: …": a Slack handle names the speaker
    name = _NAME_DRESS.sub("", name)  # "🌸朵朵妈妈": a WeChat nickname dressed in an emoji
    text = match["text"].lstrip("*_ ").strip()
    if (
        not name
        or not text
        or len(name) > _MAX_NAME
        or len(name.split()) > _MAX_NAME_WORDS
        or not (name[0].isalpha() or _ROOM_NAME.fullmatch(name))
        or (_SENTENCE_PUNCT.search(_INITIALS.sub("", name)) and not _HANDLE.fullmatch(name))
        or text.startswith("//")
        or _is_label(name)
        or (name[-1].isdigit() and text[:2].isdigit())  # "导出于 2026/09/29 22:06" is a time
        or _STAMP_ONLY.fullmatch(text)  # "导出时间:2026-02-26 22:41" says when, not who said it
    ):
        return None
    return sys.intern(name), text  # one string per speaker, not one per line of a long chat


# An owners' group nickname opens with the flat's number: "1203王阿姨", "0801 Kevin", "5-1203 小刘";
# a count or a date ("2026年", "3000元") is no flat.
_ROOM_NAME = re.compile(
    r"\d{1,2}[-－]?\d{3,4}\s?(?:(?![年月日号点时分秒楼层栋室户元块万亿千百个人次单份件台套米届期版级天周批条张位名家所款])"
    r"[\u4e00-\u9fff]{1,4}|[A-Z][a-z]+)"
)
_STAMP_ONLY = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


# A DingTalk or Slack copy with who, when and what on one line: "周晓岚  16:02  各位,…".
_NAME_TIME_TEXT = re.compile(
    r"^\s*(?P<name>[^\s:：\d][^:：]{0,30}?)\s+(?P<t>\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s?[AaPp][Mm])?)\s{2,}(?P<text>\S.*)$"
)


# "陈静 20:01: 好的校长", "Dana 9:14: ok": who, when, then a colon and what
_NAME_TIME_COLON = re.compile(
    r"^\s*(?P<name>[^\s:：\d][^:：]{0,30}?)\s+(?P<t>\d{1,2}:\d{2}(?::\d{2})?)\s*[:：]\s*(?P<text>\S.*)$"
)


# A phone export names a sender who is not a contact by the number: "+1 (970) 555-0187: …"
_PHONE_TEXT = re.compile(r"^(?P<name>\+?\d[\d ().-]{5,18}\d)\s*:\s*(?P<text>\S.*)$")
_CLOCK_IN = re.compile(r"(?P<h>\d{1,2})(?P<rest>:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)$")


def _twenty_four(stamp: str, ampm: str | None) -> str:
    """ "1/17/26, 8:36" with "PM" is "1/17/26, 20:36": a timeline sorts and reads 24-hour times."""
    half = (ampm or "").strip().lower()[:1]
    clock = _CLOCK_IN.search(stamp)
    if half not in ("a", "p") or clock is None or not 1 <= int(clock["h"]) <= 12:
        return stamp
    hour = int(clock["h"]) % 12 + (12 if half == "p" else 0)
    return f"{stamp[: clock.start()]}{hour:02d}{clock['rest']}"


def _timestamped_speaker(line: str) -> tuple[str, str, str] | None:
    """Parse "[hh:mm:ss] Name: text" and its variants into (timestamp, name, text)."""
    said = _NAME_TIME_TEXT.match(line) or _NAME_TIME_COLON.match(line)
    if said and not _SENTENCE_PUNCT.search(said["name"]) and not _is_label(said["name"]):
        return said["t"], sys.intern(said["name"].strip()), said["text"].strip()
    match = _TS_PREFIX.match(line)
    if match is None:
        return None
    split = split_speaker(match["rest"])
    if split is None and match["dt"]:  # "1/17/26, 8:38 AM - +1 (970) 555-0187: …": no contact
        number = _PHONE_TEXT.match(match["rest"])
        split = (number["name"], number["text"].strip()) if number else None
    if split is None:
        return None
    timestamp = _twenty_four(
        match["br"] or match["pa"] or match["bare"] or match["dt"], match["ap"] or match["dap"]
    )
    name = ROLE_SUFFIX.sub("", split[0]) or split[0]  # "张敏(运营总监)" is 张敏
    return timestamp, sys.intern(name), split[1]


# "08:06 导诊台小何: …", a group chat copied with bare times: read as turns only when the same
# few people speak again and again, so a timeline's "09:15 Alerts: fired" stays a timeline.
_CLOCK_PREFIX = re.compile(r"^\s*(?P<t>\d{1,2}:\d{2})\s+(?P<rest>\S.*)$")


def _clocked_speaker(line: str) -> tuple[str, str, str] | None:
    """Parse "hh:mm Name: text" into (timestamp, name, text)."""
    match = _CLOCK_PREFIX.match(line)
    split = split_speaker(match["rest"]) if match else None
    return (match["t"], *split) if match and split else None


def _handle_turn(line: str) -> bool:
    """ "09:41 ama.okafor: …": a bare time and a chat handle are a message, as surely as a
    bracketed time is; a timeline step ("09:15 Alerts: fired") names no handle."""
    said = _clocked_speaker(line)
    return said is not None and _HANDLE.fullmatch(said[1]) is not None


# A desktop chat export (WeChat, QQ, DingTalk) puts who and when on a line of their own and the
# message on the lines after it: "2026-06-16 09:12 周涛(仓库主管)" or "周涛 2026-06-16 09:12:33".
_DT = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?"
_HEADER = re.compile(
    rf"^\s*(?:(?P<dt>{_DT})\s+(?P<name>[^\s:：][^:：]{{0,39}}?)|(?P<name2>[^\s:：\d][^:：]{{0,39}}?)\s+"
    rf"(?P<dt2>{_DT})(?:\s+(?:IP属地[:：]?\s*)?[\u4e00-\u9fff]{{2,4}})?)\s*$"
)  # a Douban or Weibo post's byline ends on where it was sent from: "… 22:14:37 浙江"
# Teams and Slack copies give only the time: "[9:31 AM] Rachel Kim", "Rachel Kim  9:31 AM"; the
# name must then look like one, so a timeline line ("09:15 Alerts fired") is not taken for it.
# A handle in lower case counts only with a dot or underscore ("maria.g"): "[09:15] restart" is a
# timeline step, not a turn.
# A WeCom or DingTalk name may carry its desk or firm before a dash: "教务处-刘红梅".
DESK = r"[\u4e00-\u9fff]{2,8}[-－]"
# Otter labels voices it cannot name "Speaker 1".
_PERSON = (
    rf"(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){{0,3}}|Speaker \d{{1,2}}"
    rf"|(?:{DESK})?[\u4e00-\u9fff]{{2,4}}"
    r"|[a-z][a-z0-9]*[._][a-z0-9._-]{1,20})"
)
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?"
_TIME_HEADER = re.compile(
    # a Feishu copy puts a role after the name: "孙建国(运营部) 19:30"
    rf"^\s*(?:\[(?P<t>{_CLOCK})\]\s+(?P<name>{_PERSON})"
    # a WeChat copy with the time first: "19:40 王老师(后勤处)"; a Chinese name only, so a
    # timeline's "09:15 Rollback" stays a timeline
    rf"|(?P<t3>{_CLOCK})\s+(?P<name3>[\u4e00-\u9fff]{{2,4}})(?:[(（][^()（）]{{1,20}}[)）])?"
    rf"|(?P<name2>{_PERSON})"
    rf"(?:\s*[(（][^()（）]{{1,20}}[)）])?\s+\[?(?P<t2>{_CLOCK})\]?)"
    r"\s*$"
)
# A role in brackets after a name: "周涛(仓库主管)", "刘工(分行科技部)".
ROLE_SUFFIX = re.compile(r"\s*[(（][^()（）]{1,20}[)）]\s*$")


# A Slack thread copied as text indents its replies as quotes: "  > Tom Becker  9:10 AM".
_THREAD = re.compile(r"^\s*>\s?")


# A forum thread copied from GitHub or GitLab: "**ana-dev** (Collaborator) · 3 days ago".
_POSTED = re.compile(
    r"^\s*\*\*(?P<name>[^*\s][^*]{0,38}?)\*\*(?:\s*[(（][^()（）]{1,30}[)）])?\s*(?:[·•|—–-]\s*"
    r"(?P<t>(?:\d+|an?|one) (?:minutes?|hours?|days?|weeks?|months?) ago|yesterday|today"
    r"|(?:on )?[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?)"
    r"|(?:started this (?:conversation|discussion)|opened this (?:issue|discussion)|commented)\b.*)"
    r"\s*$"
)


# A Discord copy: "sable — 9:02 PM", "sable — Today at 9:02 PM", "sable — 12/03/2026 9:02 PM".
# The dash and the clock mark the line, so a handle in lower case counts as a name here.
_DISCORD = re.compile(
    rf"^\s*(?P<name>[^\s—:：][^—:：]{{0,31}}?)\s+—\s+(?:(?:Today|Yesterday) at\s+"
    rf"|(?P<d>\d{{1,2}}/\d{{1,2}}/\d{{2,4}}),?\s+)?(?P<t>{_CLOCK})\s*$"
)


# A Telegram desktop copy: "Hannah Leigh, [02.11.2026 06:55]" over the message.
_TELEGRAM = re.compile(
    rf"^\s*(?P<name>[^\s,\[\]:：][^,\[\]:：]{{0,39}}?),\s*\[(?P<d>\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}})\s+"
    rf"(?P<t>{_CLOCK})\]\s*$"
)


# A Teams or DiscordChatExporter copy: "[21/04/2026 06:11] Gareth Lloyd", "[10/27/2026 7:12 PM]
# ines_v" over the message. The bracketed date and clock mark the line, so a handle counts.
_BRACKETED = re.compile(
    rf"^\s*\[(?P<d>\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}),?\s+(?P<t>{_CLOCK})\]\s+"
    rf"(?P<name>{_PERSON}|[^\s\[\]:：]{{2,32}})\s*$"
)


# A Jira issue's comments copied as text: "Marek Nowak added a comment - 14/Jul/26 08:31 AM".
_JIRA = re.compile(
    rf"^\s*(?P<name>{_PERSON}) added a comment\s*[-–—]\s*"
    rf"(?P<d>\d{{1,2}}/[A-Za-z]{{3}}/\d{{2,4}})\s+(?P<t>{_CLOCK})\s*$"
)


_HALF_DAY = re.compile(r"(.*?)\s?([AaPp])\.?[Mm]\.?")


def _posted(line: str) -> re.Match[str] | None:
    """A forum, Discord, Telegram, bracketed or Jira header: marked by its form, not its name."""
    return (
        _POSTED.match(line)
        or _DISCORD.match(line)
        or _TELEGRAM.match(line)
        or _BRACKETED.match(line)
        or _JIRA.match(line)
    )


def _header(line: str) -> tuple[str, str] | None:
    """(timestamp, name) of a chat export's "when who" line, its role in brackets dropped."""
    line = _THREAD.sub("", line)
    posted = _posted(line)
    if posted is not None:
        stamp = posted["t"] or ""
        if (clock := _HALF_DAY.fullmatch(stamp)) is not None:
            stamp = _twenty_four(clock[1], clock[2])
        day = posted.groupdict().get("d")
        # the day a Discord or Teams header carries dates the chat and the dues said under it
        return f"{day} {stamp}" if day else stamp, sys.intern(posted["name"].strip())
    match = _HEADER.match(line)
    if match is None:
        timed = _TIME_HEADER.match(line)
        if timed is None:
            return None
        name = timed["name"] or timed["name2"] or timed["name3"]
        return timed["t"] or timed["t2"] or timed["t3"], sys.intern(name)
    name = ROLE_SUFFIX.sub("", (match["name"] or match["name2"]).strip()) or (
        match["name"] or match["name2"]
    )
    if _SENTENCE_PUNCT.search(name) or len(name.split()) > _MAX_NAME_WORDS:
        return None
    return match["dt"] or match["dt2"], sys.intern(name)  # the day dates the chat and its dues


_HEAD_SAMPLE = 200  # an export's opening turns tell its shape; a week of chat is not read twice


def _looks_like_header_chat(lines: list[str]) -> bool:
    """Whether the non-empty `lines` open like a "when who" export (only their start is read)."""
    lines = lines[:_HEAD_SAMPLE]
    heads = [i for i, line in enumerate(lines) if _header(line) is not None]
    answered = sum(1 for i in heads if i + 1 < len(lines) and _header(lines[i + 1]) is None)
    # long posts: fewer headers
    posts = sum(1 for i in heads if _POSTED.match(lines[i]) or _JIRA.match(lines[i]))
    # a full date and time beside a name ("周建华 2026-06-22 19:30") is an export's own line,
    # however long the messages under it run
    dated = sum(1 for i in heads if _HEADER.match(_THREAD.sub("", lines[i])))
    # a Slack copy ("Rachel Kim  10:02 AM") with long messages under few headers is still one
    dense = len(heads) >= 0.3 * len(lines) or posts >= 3 or dated >= 4
    dense = dense or (len(heads) >= 5 and len(heads) >= 0.15 * len(lines))
    return len(heads) >= 3 and answered >= 0.8 * len(heads) and dense


# What a WeChat copy puts between messages: the time, the day, "“乐乐外婆”撤回了一条消息".
_NOTICE = re.compile(
    rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?|{_STAMP_ONLY.pattern}"
    r"|.{1,30}(?:撤回了一条消息|加入了群聊|退出了群聊|拍了拍.{0,20})"
)


def _looks_like_speaker_lines(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    if _looks_like_header_chat(lines):
        return True
    timed = continued = 0  # a message's next lines are no lines of notes between messages
    going = False  # the line before was a timed message or one of its next lines
    for raw in text.split("\n"):
        if not raw.strip():
            going = False
        elif _timestamped_speaker(raw) or _handle_turn(raw):
            timed, going = timed + 1, True
        else:
            continued += going
    if timed >= 3 and timed >= 0.6 * (len(lines) - continued):
        return True
    names: Counter[str] = Counter()
    aside = 0  # a copy's clock lines and notices, and the lines a message's "…:" lists
    listing = False
    for line in lines:
        if _NOTICE.fullmatch(line.strip()) or is_divider(line):
            aside += 1
            continue
        timed_split = _timestamped_speaker(line) or _clocked_speaker(line)
        split = split_speaker(line) if timed_split is None else timed_split[1:]
        if split is not None:
            names[split[0].casefold()] += 1
            listing = split[1].rstrip().endswith((":", "："))
        elif listing:
            aside += 1  # "王园长:原因初步看:" over "1)…" "2)…"
    said = sum(names.values())
    # The same few people speaking again and again; distinct labels ("Date:", "Venue:") do not.
    return (
        said >= 4
        and said >= 0.7 * (len(lines) - aside)
        and len(names) <= _MAX_SPEAKERS
        and len(names) <= said - 2
    )


def _looks_like_srt(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()][:3]
    if len(lines) < 2:
        return False
    if _SRT_INDEX.match(lines[0]):
        return _SRT_TIMING.match(lines[1]) is not None
    return _SRT_TIMING.match(lines[0]) is not None


def detect_transcript(text: str, suffix: str) -> TranscriptFormat | None:
    """Say which transcript format `text` is in, or None when it should be read as notes.

    .vtt and .srt force their format (parse_transcript then checks it); other text is sniffed.
    """
    suffix = suffix.lower()
    if suffix == ".vtt":
        return "vtt"
    if suffix == ".srt":
        return "srt"
    if suffix in {".csv", ".tsv", ".json", ".yaml", ".yml"}:
        return None
    first = text.split("\n", 1)[0].removeprefix("\ufeff")
    if _VTT_HEADER.match(first.rstrip()):
        return "vtt"
    if _looks_like_srt(text):
        return "srt"
    if _looks_like_speaker_lines(text):
        return "speaker"
    return None


def _blocks(lines: list[str], start: int) -> list[list[tuple[int, str]]]:
    """Group lines[start:] into blank-line separated blocks of (1-based number, line)."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip():
            current.append((index + 1, line))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _clean(text: str) -> str:
    return html.unescape(_ASS_TAG.sub("", _TAG.sub("", text))).strip()


class _Cue:
    """Running state of the cue being read: its start time and any open <v> voice."""

    def __init__(self, timestamp: str) -> None:
        self.timestamp = timestamp
        self.voice: str | None = None

    def line(self, number: int, raw: str) -> Line | None:
        speaker = self.voice
        match = _VOICE_OPEN.search(raw)
        if match is not None:
            speaker = (match["name"] or "").strip() or None
            self.voice = speaker
        if _VOICE_CLOSE in raw[match.end() if match else 0 :]:
            self.voice = None
        text = _clean(raw)
        if not text:
            return None
        if speaker is None:
            split = split_speaker(text)
            if split is not None:
                speaker, text = split
        return Line(number=number, text=text, speaker=speaker, timestamp=self.timestamp)


def _parse_vtt(text: str, name: str) -> list[Line]:
    lines = text.split("\n")
    if not _VTT_HEADER.match(lines[0].removeprefix("\ufeff").rstrip()):
        raise InputError(f"{name}: not a WebVTT file: missing WEBVTT header")
    blocks = _blocks(lines, 0)[1:]  # the first block is the header and its metadata
    result: list[Line] = []
    cue: _Cue | None = None
    for block in blocks:
        first_number, first = block[0]
        if _VTT_SKIPPED_BLOCK.match(first.strip()):
            continue
        timing_at = next((i for i, (_, line) in enumerate(block[:2]) if "-->" in line), None)
        if timing_at is None:
            if cue is None:
                raise InputError(
                    f"{name}: line {first_number}: expected a WebVTT cue timing line "
                    f"like '00:00:01.000 --> 00:00:04.000', got {first.strip()!r}"
                )
            payload = block  # stray text after a blank line: keep it with the previous cue
        else:
            number, timing = block[timing_at]
            match = _VTT_TIMING.match(timing)
            if match is None:
                raise InputError(
                    f"{name}: line {number}: malformed WebVTT timing line {timing.strip()!r}"
                )
            cue = _Cue(match["start"])
            payload = block[timing_at + 1 :]
        for number, raw in payload:
            parsed = cue.line(number, raw)
            if parsed is not None:
                result.append(parsed)
    if not result:
        raise InputError(f"{name}: WebVTT file has no cue text")
    return result


def _parse_srt(text: str, name: str) -> list[Line]:
    result: list[Line] = []
    cue: _Cue | None = None
    for block in _blocks(text.split("\n"), 0):
        first_number, first = block[0]
        if _SRT_INDEX.match(first) and len(block) > 1:
            timing_at = 1
        elif "-->" in first:
            timing_at = 0
        elif cue is not None and not _SRT_INDEX.match(first):
            for number, raw in block:  # a blank line inside cue text: same cue
                parsed = cue.line(number, raw)
                if parsed is not None:
                    result.append(parsed)
            continue
        else:
            raise InputError(
                f"{name}: line {first_number}: expected an SRT cue number and timing line, "
                f"got {first.strip()!r}"
            )
        number, timing = block[timing_at]
        match = _SRT_TIMING.match(timing)
        if match is None:
            raise InputError(
                f"{name}: line {number}: malformed SRT timing line {timing.strip()!r} "
                "(expected like '00:00:01,000 --> 00:00:04,000')"
            )
        cue = _Cue(match["start"])
        for number, raw in block[timing_at + 1 :]:
            parsed = cue.line(number, raw)
            if parsed is not None:
                result.append(parsed)
    if not result:
        raise InputError(f"{name}: SRT file has no subtitle text")
    return result


# A retro board's card signed by its writer, a reply under it marked "↳": "[Dario M.] Pipeline …"
_CARD = re.compile(r"^\s*(?:↳\s*)?\[(?P<name>[^\[\]\d:：]{1,30})\]\s+(?P<text>\S.*)$")
_CARD_MIN = 3


def _card(text: str) -> tuple[str, str] | None:
    match = _CARD.match(text)
    if match is None:
        return None
    name = match["name"].strip()
    if (
        not name  # "[ ] book the room": an unticked box, not a card
        or not (name[0].isalpha() or _ROOM_NAME.fullmatch(name))
        or len(name.split()) > 3
        or _SENTENCE_PUNCT.search(_INITIALS.sub("", name))
        or _is_label(name)
    ):
        return None
    return name, match["text"].strip()


def card_authors(lines: list[Line]) -> list[Line]:
    """Notes whose cards are signed by who wrote them ("[Dario M.] …", "↳ [Ines K.] 👍"): each
    signed line's words with its writer as the speaker, so "I'll …" and "yep" are theirs. A
    bracket all cards share ("[便签]") names a kind of card, not people."""
    signed = {line.number: found for line in lines if (found := _card(line.text))}
    if len(signed) < _CARD_MIN or len({name for name, _ in signed.values()}) < 2:
        return lines
    return [
        Line(line.number, signed[line.number][1], sys.intern(signed[line.number][0]))
        if line.number in signed and line.speaker is None
        else line
        for line in lines
    ]


_SELF = frozenset({"me", "i", "myself", "我", "本人", "自己"})


_DIVIDER_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def _parse_speaker_lines(text: str) -> list[Line]:
    result: list[Line] = []
    raw_lines = text.split("\n")
    headed = _looks_like_header_chat(
        list(islice((line for line in raw_lines if line.strip()), _HEAD_SAMPLE))
    )
    current: tuple[str, str] | None = None  # the "when who" line the message lines follow
    listing = False  # the last unstamped message ended on a colon
    divided: str | None = None  # the time a chat's last divider gave the messages under it
    for index, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        if headed:
            head = _header(raw)
            if head is not None:
                current = head
                continue
            if current is None:  # the export's own title and date come before any message
                result.append(Line(number=index, text=raw.rstrip()))
            else:
                said = _THREAD.sub("", raw).strip()
                result.append(
                    Line(number=index, text=said, speaker=current[1], timestamp=current[0])
                )
            continue
        if is_divider(raw):  # "—————  7月15日 07:52  —————": said by nobody; it times what follows
            result.append(Line(number=index, text=raw.rstrip()))
            clock = _DIVIDER_CLOCK.search(raw)
            divided = clock[0] if clock else None
            continue
        timed = _timestamped_speaker(raw) or _clocked_speaker(raw)
        if timed is not None:
            timestamp, speaker, said = timed
            result.append(Line(number=index, text=said, speaker=speaker, timestamp=timestamp))
            continue
        split = split_speaker(raw)
        last = result[-1] if result else None
        # a stamped message goes on over its next lines; an unstamped one when it opened a
        # list ("王园长:接下来几件事:" over its items)
        going_on = (
            last is not None
            and (bool(last.timestamp) or (listing and last.speaker is not None))
            and last.number == index - 1
        )
        if split is not None and not (going_on and split[0].casefold() in _SELF):
            result.append(Line(index, split[1], split[0], divided))
            listing = split[1].rstrip().endswith((":", "："))
            continue
        if going_on and last is not None:
            # a message's next lines, up to a blank one: "[10:02] Hana: goals:" over "1. …";
            # "me: postmortem doc Tuesday" among them is the writer's own line
            result.append(Line(index, raw.rstrip(), last.speaker, last.timestamp))
        else:
            result.append(Line(number=index, text=raw.rstrip()))
    return result


def parse_transcript(text: str, fmt: TranscriptFormat, *, name: str = "<input>") -> list[Line]:
    """Parse decoded `text` in format `fmt` into Lines numbered as in the file.

    Raises InputError (prefixed with `name`) for a missing WEBVTT header or malformed timing.
    """
    if fmt == "vtt":
        return _parse_vtt(text, name)
    if fmt == "srt":
        return _parse_srt(text, name)
    return _parse_speaker_lines(text)
