"""The last check before a draft leaves the offline engine: drop what is no item at all.

Cue rules fire on lines that only look like items: a speaker's name on its own line, an
"Owner:" with nobody's work after it, a heading, "TBD", "👍", a timestamp, the document's
title. Whatever stage produced such a thing, it is not a goal, problem, cause, lesson or action,
so one guard removes it; a name-only action line lends its name to the action just above it.
A question nobody answered is an open question, never a problem, cause or action.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import islice
from typing import TypeVar

from retro_ai.stages.drafts import (
    ActionDraft,
    AnalysisOutput,
    Draft,
    FollowUpsOutput,
    GoalDraft,
    GoalsOutput,
    InsightsOutput,
    ProblemDraft,
    ResultDraft,
    ResultsOutput,
)
from retro_ai.stages.offline.sections import Document
from retro_ai.stages.offline.text import CJK
from retro_ai.stages.offline.units import CLAUSES, bullet_match
from retro_ai.verify.evidence import LineIndex
from retro_ai.verify.unanswered import PLACEHOLDER, asks

D = TypeVar("D", bound=Draft)
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
_MARKER = re.compile(r"^\s*(?:[-*+•·>]|\d{1,2}[.)、]|[（(]?\d{1,2}[)）])\s*")
# A role label with (at most) a name after it: "Owner: Dana", "负责人：孙悦", "Owner:".
_OWNER_ONLY = re.compile(
    r"^(?:owners?|assignee|dri|who|responsible|负责人|责任人|跟进人|执行人|对接人)\s*[:：]\s*"
    r"(?P<who>.*)$",
    re.IGNORECASE,
)
_SAYS = re.compile(
    r"^(?P<who>[^\s:：]{2,20}(?: [A-Z][a-z]+)?) (?:said|says|opened|added|noted|asked|replied"
    r"|reported|explained|confirmed|agreed|suggested|mentioned|summed up|wrote)$"
)
_NAME = re.compile(r"^@?(?:[A-Z][a-z]+(?:[ .-][A-Z][a-z]+)?|[\u4e00-\u9fff]{2,4}|\[PERSON_\d+\])$")
_DATE_ONLY = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?"
    r"|(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?|(?:下|上|本|这)?(?:周|星期)[一二三四五六日天]"
    r"|明天|今天|昨天|月底|月初|下周|本周"
    r"|(?:by |due |before )?(?:next |this |last )?(?:week|month|sprint|tomorrow|today"
    r"|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?:,? \d{4})?"
    r"|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?: \d{4})?)"
    r"[前后内]?$",
    re.IGNORECASE,
)
# What a title adds to the thing it reviews: "Checkout is slow: retro", "事故 复盘说明".
_REVIEW_WORDS = re.compile(
    r"[\s:：\-—|·]*(?:复盘(?:说明|报告|会议?|总结|纪要)?|事后分析|回顾|的?情况(?:说明|通报|报告)"
    r"|retro(?:spective)?|post-?mortem|review|rca)\s*$",
    re.IGNORECASE,
)
# A row of a report's figures, each a word or two and a number: "Opened 1,187   Clicked 223"
_FIGURES = re.compile(
    r"(?:\s*(?:[A-Z][a-z]+|[\u4e00-\u9fff]{2,4})\s*[:：]?\s*[$£€¥]?\d[\d,.]*[%kKmM万]?[\s|·•]*){3,}"
)
_ABOUT = re.compile(r"^(?:关于|有关|about|re:)\s*", re.IGNORECASE)  # "关于…故障的情况说明"
_QUESTION_END = re.compile(r"[?？]\s*[\"'”’)）]*\s*$")
# A reply that only says yes: "sure thing 👍", "on it", "收到👌", "好的好的~". Its 👍 answers a
# request; it praises nothing.
_YES_ONLY = re.compile(
    r"^(?:(?:yes|yep|yeah|yup|sure(?: thing)?|ok(?:ay)?|k|will do|on it|can do|no problem|np"
    r"|noted|got it|roger(?: that)?|copy(?: that)?|thanks|thank you|ty|cool|great"
    r"|好的?|好嘞|可以|没问题|收到|行|嗯+|ok的|明白|了解)[\s,.!~，。！、]*)+$",
    re.IGNORECASE,
)


def plain(text: str) -> str:
    """Text without list markers, emphasis, brackets, a trailing colon and outer spaces."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = _MARKER.sub("", text)
    text = re.sub(r"[*_`【】\[\]「」]", "", text)
    return text.strip().rstrip(":：").strip()


def _size(text: str) -> tuple[int, int]:
    return len(CJK.findall(text)), len(_WORD.findall(CJK.sub(" ", text)))


def _stated(line: str) -> bool:
    """ "- 准时率没达标(差了六个多点),基本都卡在送回:" over its reasons is a point of the list."""
    return bool(bullet_match(line).group("mark")) and bool(CLAUSES.search(line))


class Guard:
    """What the documents say about titles, headings and people, to tell an item from none."""

    def __init__(self, docs: list[Document]) -> None:
        self.headings: set[str] = set()
        self.people: set[str] = set()
        self.lines: list[str] = []
        self._questions: LineIndex | None = None  # the lines with a question mark, joined
        self._asked: dict[str, bool] = {}
        for doc in docs:
            lines = [ln for ln in doc.source.lines if ln.text.strip()]
            if lines and not lines[0].speaker:  # a chat's first message is no title
                self.headings.add(plain(lines[0].text.lstrip("#")).casefold())
            if doc.title is not None:
                self.headings.add(plain(doc.title.text).casefold())
            for section in doc.sections:
                if not (section.inherited or section.item_heading):  # an item's own title
                    self.headings.add(plain(section.title).casefold())
            for line in doc.source.lines:
                self.lines.append(line.text)
                if line.speaker:
                    self.people.add(plain(line.speaker).casefold())
                said = line.text.rstrip()
                if said.endswith((":", "：")) and len(said) <= 40 and not _stated(said):
                    self.headings.add(
                        plain(said).casefold()
                    )  # "我收一下,大家看对不对:" opens a list
        self.headings.discard("")

    def reason(self, text: str) -> str | None:
        """Why `text` is not an item ("symbols", "date", "name", "heading", "reply", "short"), or
        None."""
        bare = plain(text)
        folded = bare.casefold()
        if not any(ch.isalpha() for ch in bare):
            return "symbols"
        if PLACEHOLDER.match(folded):
            return "short"
        if _DATE_ONLY.match(bare.strip(" .,;，。；")):
            return "date"
        if folded.lstrip("@") in self.people or self.owner_only(bare) is not None:
            return "name"
        said = _SAYS.match(bare)  # "Hannah opened", "PN added": who spoke, not what was said
        if said and (said["who"].casefold() in self.people or _NAME.fullmatch(said["who"])):
            return "name"
        if folded in self.headings:
            return "heading"
        if _YES_ONLY.match("".join(ch for ch in bare if unicodedata.category(ch)[0] not in "SM")):
            return "reply"
        if _FIGURES.fullmatch(text):
            return "figures"  # "Opened 1,187   Clicked 223   Bounced 19": a report's row
        cjk, latin = _size(bare)
        if (cjk and cjk + latin < 4) or (not cjk and latin < 2):
            return "short"
        return None

    def owner_only(self, text: str) -> str | None:
        """The name of a line that is only a name or "Owner: name" ("" for a bare "Owner:")."""
        bare = plain(text)
        m = _OWNER_ONLY.match(bare)
        who = plain(m["who"]) if m else bare
        if m and (not who or PLACEHOLDER.match(who) or not any(c.isalpha() for c in who)):
            return ""
        if who.casefold().lstrip("@") in self.people or (m and _NAME.match(who)):
            return who.lstrip("@")
        return None

    def line_of(self, quote: str) -> str:
        """The first line a quote was cut from ("" when none holds it)."""
        return next((line for line in self.lines if quote and quote in line), "")

    def asked(self, quote: str) -> bool:
        """Whether the sentence a quote comes from is a question (and not a request): answered
        or not, what it asks is no problem, cause or action (the answer may be one).

        Each quote is judged once, and only a line with a question mark can make it one, so a
        quote is looked for in those lines first (one search in C over their text): a long
        chat is not walked line by line once per item."""
        if not quote:
            return False
        known = self._asked.get(quote)
        if known is None:
            known = self._asked[quote] = self._asks(quote)
        return known

    def _asks(self, quote: str) -> bool:
        if self._questions is None:
            lines = enumerate(self.lines)
            held = ((i, line) for i, line in lines if "?" in line or "？" in line)
            self._questions = LineIndex.of(held, sep="\n")
        asking = len(self.lines) - 1  # a quote across lines is looked for in every line
        if "\n" not in quote:
            at = self._questions.text.find(quote)
            if at < 0:
                return False  # in no line with a question mark
            asking = self._questions.owner(at)
        for line in islice(self.lines, asking + 1):  # the first line that holds it
            at = line.find(quote)
            if at < 0:
                continue
            rest = line[at + len(quote) :]
            end = re.search(r"[。.!！;；]\s|[。！；]|[?？]", rest)
            sentence = line[: at + len(quote) + (end.end() if end else len(rest))]
            asked = sentence[max(line[:at].rfind(p) for p in "。!！;；?？") + 1 :]
            return bool(_QUESTION_END.search(sentence)) and asks(asked)
        return False


def _retitle(guard: Guard, goal: GoalDraft) -> GoalDraft | None:
    """A goal titled by its placeholder value ("移动端适配：待定" read as "待定") takes the
    words before the colon, one named by a single word ("Revenue" in a target table) states its
    target too; one with nothing else on its line is dropped."""
    if not guard.reason(goal.title):
        return goal
    label = re.split(r"[:：]", plain(goal.quote), maxsplit=1)[0]
    if label != plain(goal.quote) and not guard.reason(label):
        return goal.model_copy(update={"title": label})
    target = goal.target
    if guard.reason(goal.title) == "short" and target and target not in goal.title:
        return goal.model_copy(update={"title": f"{goal.title}: {target}"})  # "Revenue: €38,000"
    return None


def _after_label(text: str) -> str | None:
    """What a "Label: words" line says after its label, or None when it has no label."""
    parts = re.split(r"\s*[:：]\s*", text, maxsplit=1)
    return parts[1] if len(parts) == 2 and 0 < len(parts[0]) <= 24 else None


# The review itself, called at its start: "今晚就在群里把这一年复盘一下", "我先跟你过一遍我的复盘".
_THIS_REVIEW = re.compile(
    r"(?:今晚|今天|现在|趁|先)[^,，。!！]{0,14}?(?:复盘(?:过一遍|一下|一遍)|过一遍[^,，。]{0,8}?复盘)"
)


def _actions(guard: Guard, items: list[ActionDraft]) -> list[ActionDraft]:
    out: list[ActionDraft] = []
    for item in items:
        if _THIS_REVIEW.search(item.quote):
            continue  # the meeting being held, not work that comes of it
        who = guard.owner_only(item.action)
        if who is not None:
            if who and out and not out[-1].owner:
                out[-1] = out[-1].model_copy(update={"owner": who})
            continue
        if guard.asked(item.quote) and not item.owner:  # a question someone took on is work
            continue
        if guard.reason(item.action):  # "Monitoring" for "Monitoring: add an alert on …"
            line = guard.line_of(item.quote)
            said = _after_label(plain(line))
            if not said or guard.reason(said) or said not in line:
                continue
            item = item.model_copy(update={"action": said, "quote": said})
        out.append(item)
    return out


def _result(guard: Guard, result: ResultDraft, goals: dict[str, str]) -> ResultDraft | None:
    """A result as short as "实际 20.5%" is named after its goal, one as short as "转化率"
    states its value too; a heading is no result, nor is one still as short as "thirty" with
    no goal to name it."""
    why = guard.reason(result.title)
    if why == "heading":
        return None
    if why is None:
        return result
    goal = goals.get(result.goal_id or "")
    named = goal and plain(result.title) in plain(goal)  # "Revenue" of "Revenue: €38,000"
    titles = []
    if goal and plain(goal) not in plain(result.title) and not named:
        titles.append(f"{goal}: {result.title}")
    if result.actual and result.actual not in result.title:
        titles.append(f"{result.title}: {result.actual}")
        if goal:
            titles.append(f"{goal}: {result.actual}")  # "存钱: 1万: 6800", not "存钱: 6800"
    said = (_after_label(plain(guard.line_of(result.quote))) or "").rstrip(" .。")
    if said and plain(said) not in plain(result.title):
        titles.append(f"{result.title}: {said}")  # "Velocity: 29 of 34 committed points …"
    title = next((t for t in titles if not guard.reason(t)), None)
    return result.model_copy(update={"title": title}) if title else None


class _Kept:
    """The problems kept, in order, with `in` testing equality as a list does (the same object
    or an equal one), found among those with the same title, description and quote (which the
    check never changes) rather than by comparing with every kept problem."""

    def __init__(self, items: Iterable[ProblemDraft]) -> None:
        self.items: list[ProblemDraft] = []
        self._by: dict[tuple[str, str, str], list[ProblemDraft]] = {}
        for item in items:
            self.add(item)

    def add(self, item: ProblemDraft) -> None:
        self.items.append(item)
        self._by.setdefault((item.title, item.description, item.quote), []).append(item)

    def __contains__(self, item: ProblemDraft) -> bool:
        same = self._by.get((item.title, item.description, item.quote), ())
        return any(k is item or k == item for k in same)


def check(
    draft: D, docs: list[Document], goals: dict[str, str] | None = None, guard: Guard | None = None
) -> D:
    """`draft` without the items that are no items; the rest untouched and in order.
    `goals` maps goal ids to titles, to name a result that only states a number; `guard` is
    one already built for these documents."""
    guard = guard or Guard(docs)
    if isinstance(draft, GoalsOutput):
        draft.goals = [g for g in (_retitle(guard, g) for g in draft.goals) if g is not None]
    elif isinstance(draft, ResultsOutput):
        results = (_result(guard, r, goals or {}) for r in draft.results)
        draft.results = [r for r in results if r is not None]
    elif isinstance(draft, AnalysisOutput):
        draft.highlights = [h for h in draft.highlights if not guard.reason(h.title)]
        for problem in draft.problems:
            problem.causes = [
                c for c in problem.causes if not guard.reason(c.text) and not guard.asked(c.quote)
            ]
        kept = _Kept(p for p in draft.problems if not guard.reason(p.title))
        kept = _Kept(p for p in kept.items if not guard.asked(p.quote))
        for dropped in (p for p in draft.problems if p not in kept and p.causes):
            if not kept.items:  # causes need a problem: the one named by the title, not "retro"
                named = _ABOUT.sub("", _REVIEW_WORDS.sub("", plain(dropped.title)))
                kept.add(dropped.model_copy(update={"title": named or dropped.title}))
            elif dropped not in kept:
                kept.items[0].causes.extend(dropped.causes)
        draft.problems = [p for p in draft.problems if p in kept] or kept.items
    elif isinstance(draft, InsightsOutput):
        draft.lessons = [x for x in draft.lessons if not guard.reason(x.statement)]
        draft.actions = _actions(guard, draft.actions)
    elif isinstance(draft, FollowUpsOutput):
        draft.follow_ups = [f for f in draft.follow_ups if not guard.reason(f.action)]
    return draft
