"""Parse a source once into typed sections of units (bullets, paragraphs, table rows).

Headings come in many dresses (markdown, setext, bold-only, 一、/（一）/1.1/2.1.3, "Goals:");
each is classified by keywords into a section kind, and a sub-heading that names no kind of its
own inherits its parent's (then it is an item title, or a group such as an action's 层面).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from retro_ai.ingest.source import Line, Source
from retro_ai.needles import Gated
from retro_ai.schema import CauseType, Horizon
from retro_ai.stages.offline import cues, owners
from retro_ai.stages.offline.text import CJK, SENTENCE_PUNCT, Span, clean
from retro_ai.stages.offline.units import Unit, body_units, bullet_match, line_units
from retro_ai.verify.evidence import LineIndex

ITEM_KINDS = frozenset({"highlights", "problems"})
FREE_PARENTS = frozenset(
    {"other", "process", "background", "summary", "impact", "detection", "results", "goals"}
)

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
# a title between runs of marks, as plain-text exports and wikis write them: "== KEEP ==",
# "--- Went well ---", "*** 问题 ***"
_WRAPPED = re.compile(
    r"^\s*(?P<w>={2,}|-{2,}|~{2,}|\*{3,}|\+{2,})\s*(?P<t>[^=\-~*+\s](?:.{0,60}?[^=\-~*+\s])?)"
    r"\s*(?P=w)\s*$"
)
_BRACKETED = re.compile(r"^\s*【(?P<t>[^【】\n。！？]{1,24})】\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-{3,})\s*$")
_ZH_TOP = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、"
    r"|第[一二三四五六七八九十\d]+[章节部分篇]\s*[:：、]?)\s*"
)
_ZH_SUB = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]\s*")
_DOTTED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?:\s+|(?=[\u4e00-\u9fff]))")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<t>[^*_]{1,80}?)(?:\*\*|__)\s*[:：]?\s*$")
# a year may open it ("2026年打算:", "2026 plans:"); another number is a list item or a time
_YEAR = r"(?:19|20)\d\d(?:年|\s+)"
_COLON_LINE = re.compile(rf"^\s*(?P<t>(?:{_YEAR})?[^:：|*#\-\d\s][^:：|]{{0,38}}?)\s*[:：]\s*$")
# "阶段一:打基础(1月-3月)", "Phase 2: first project": a phase named on a line of its own.
_PHASE_LINE = re.compile(
    r"^\s*(?P<t>(?:阶段[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+阶段"
    r"|(?:phase|stage)\s+\d+)\s*[:：]\s*[^。！？!?；;:：]{1,40}?)\s*$",
    re.IGNORECASE,
)
_SKIP_LINE = re.compile(
    r"^\s*(?:<[a-zA-Z/!][^>]*>\s*)+$|^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$"
    r"|^\s*阅读\s*[\d.,]+[万wk+]*\s+(?:点赞|赞)\s*[\d.,]+[万wk+]*(?:\s+(?:在看|分享)\s*[\d.,]+[万wk+]*)*\s*$"
    r"|^\W*(?i:(?:(?:okay|ok|so|right|alright|and)\W+)?(?:that'?s (?:it|all)|bye)"
    r"(?:\W+(?:bye|for now|folks))*)\W*$"
)  # a rule, bare markup, an article's "阅读 2.3万  点赞 412  在看 386" footer, "okay that's it bye"
_FENCE = re.compile(r"^\s*(?:```|~~~)")
# The header fields under a mail's "From:" line: "Sent: Monday, August 31, 2026 4:52 PM", "To: …",
# and a printed mail's "to Dennis, Teddy"
_MAIL_FIELD = re.compile(
    r"^\s*(?:sent|to|cc|bcc|date|subject|reply-to|发送时间|时间|收件人|抄送|密送|主题|日期)\s*[:：]"
    r"|^\s*(?:to|cc) (?:me|(?-i:[A-Z])[\w'’.-]*)(?:,? (?:me|(?-i:[A-Z])[\w'’.-]*))*\s*$",
    re.I,
)
# A forum or issue thread's byline over each comment: "**jhsu** (Collaborator)",
# "**mkowalski** (Maintainer) · Category: …", "ltorres commented on Mar 3", "From: Tom Reyes".
_BYLINE = re.compile(
    r"^\s*(?:\*\*@?(?P<b>[\w.\-]+)\*\*\s*\((?:owner|maintainer|collaborator|member|contributor"
    r"|author|admin|moderator)\)(?:\s*·.*)?"
    r"|@?(?P<c>[\w.\-]+) (?:commented|replied)"
    r"(?: on [^:]*| (?:\d+|an?|one) \w+ ago(?:\s*[•·]\s*edited)?)?:?"
    # a forum post or a Reddit comment: "**DieselDave_KS** · Owner-Operators forum · Sun Sep 13",
    # "**u/OldSparky_73** · 412 pts", "**r/electricians** · Posted by u/sparky · 1st year"
    r"|\*\*(?:u/)?(?P<u>(?!r/)[\w.\-]+)\*\*\s*·.*"
    r"|(?:\*\*)?r/\w+(?:\*\*)?\s*·\s*posted by u/(?P<p>[\w.\-]+).*"
    # and copied without the bold: "u/frugal_fern_88 · 2.4k points", "u/ledger_lady OP · 811 points"
    r"|u/(?P<v>[\w.\-]+)(?: OP)?\s*·\s*[\d.,]+k?\s*(?:points?|pts)\b.*"
    # a Douban or Weibo byline: "游泳的猫不吃鱼  2026-10-08 22:14:37 浙江"
    r"|(?P<d>[^\s\d:：][^\s:：]{0,15})\s{2,}\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+[\u4e00-\u9fff]{2,4})?"
    # a WeChat article's byline: "原创 小满妈妈  后半场也要好好过"
    r"|原创\s+(?P<w>[^\s·|]{2,16})(?:\s{2,}.*)?"
    # an e-mail's header over its body: "From: Tom Reyes", "From: Angela Brooks (HR)", "发件人:李娟"
    r"|(?:from|发件人)\s*[:：]\s*"
    r"(?P<f>(?-i:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})|[\u4e00-\u9fff]{2,4})"
    r"\s*(?:<[^>]*>|[(（][^()（）]*[)）])?"
    # a mail printed from a web client: "Gloria Okafor <gokafor@wrvh.org>   Tue, Apr 28, 9:14 AM"
    r"|(?P<g>(?-i:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}))\s*<[^<>@\s]+@[^<>\s]+>(?:\s{2,}\S.*)?"
    # a message board's post or comment: "Ruth Ellery · Jun 14, 2026 · Notified 19 people"
    r"|(?P<k>(?-i:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}))\s*·\s*"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:, \d{4})?"
    r"|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*(?: \d{4})?"
    r"|yesterday|today|(?:\d+|an?) \w+ ago)(?:\s*·.*)?)"
    r"\s*$",
    re.I,
)
_WHEN_WORD = re.compile(
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow|now|then|here|there",
    re.I,
)


_FRONT_FIELD = re.compile(r"^\s*(?:[\w-]{1,30}\s*:(?:\s.*)?|-\s.*|\s+\S.*)$")
_FRONT_AUTHOR = re.compile(
    r"^(?:author|by|作者)\s*:\s*[\"']?(?P<a>[^\"'\[\]{}]{2,40}?)[\"']?\s*$", re.I
)


def _front_matter(lines: list[Line]) -> tuple[int, str | None]:
    """How many lines an Obsidian, Hugo or Jekyll note's YAML front matter takes ("---",
    "created: 2026-06-19", "author: Jo Whitcombe", "---"), and the author it names."""
    if not lines or lines[0].text.strip() != "---":
        return 0, None
    author = None
    for i, line in enumerate(lines[1:41], start=1):
        if line.text.strip() == "---":
            return i + 1, author
        if not _FRONT_FIELD.match(line.text):
            return 0, None
        said = _FRONT_AUTHOR.match(line.text)
        if said and owners.plausible(said["a"].strip()):
            author = said["a"].strip()
    return 0, None


def _sender(by: re.Match[str]) -> str | None:
    """The person a "From:" line names; "From: March" (a period's start) names nobody."""
    name = (by.group("f") or by.group("g") or by.group("k") or "").strip()
    first = name.split()[0] if name else ""
    return name if name and not _WHEN_WORD.fullmatch(first) and owners.plausible(name) else None


# An e-mail reply's quoted history or a Markdown blockquote: "> ", ">> ", "> > ".
_QUOTED = re.compile(r"^\s*(?:>\s?)+")


@dataclass(slots=True)
class Section:
    kind: str
    title: str
    level: int
    title_span: Span | None = None
    parent: Section | None = None
    inherited: bool = False
    item_heading: bool = False
    pseudo: bool = False  # a bold-only or "Label:" line standing in for a heading
    composite: bool = False
    horizon: Horizon | None = None
    cause_type: CauseType | None = None
    luck: bool = False  # "Where we got lucky", "侥幸之处": highlights that were not by design
    paragraph: bool = False  # "What didn't" over prose: it heads only the lines up to a blank
    units: list[Unit] = field(default_factory=list)

    @property
    def group(self) -> str | None:
        """The title of an inherited sub-heading (an area, category or item title)."""
        return self.title if self.inherited else None


@dataclass  # no slots: module caches hold documents weakly, so a draft is freed when done
class Document:
    source: Source
    sections: list[Section]
    title: Span | None = None
    entries: list | None = None  # filled lazily by retro_ai.stages.offline.items.entries
    _talk: tuple[list[Unit], array[int]] | None = field(default=None, repr=False, compare=False)
    _said: LineIndex | None = field(default=None, repr=False, compare=False)

    def of(self, *kinds: str) -> list[Section]:
        return [s for s in self.sections if s.kind in kinds]

    @cached_property
    def speakers(self) -> frozenset[str]:
        """Who speaks in the source: a chat between two reads a bare imperative as bidding."""
        return frozenset(ln.speaker for ln in self.source.lines if ln.speaker)

    def said_before(self, text: str, line: Line) -> bool:
        """Whether `text` is on a line of the source before `line`: a quote of it alone would
        point at that earlier line."""
        if self._said is None:
            self._said = LineIndex.of(((ln.number, ln.text) for ln in self.source.lines), "\n")
        first = self._said.text.find(text)  # the earliest place it is said
        return first >= 0 and self._said.owner(first) < line.number

    def after(self, unit: Unit, n: int) -> list[Unit]:
        """The `n` units that follow `unit` in reading order (none if it is not one of this
        document's). The order is built once and searched by line number, so finding the replies
        after a line costs the same in a week of chat as in a short note, with no map per unit."""
        if self._talk is None:
            units = [u for s in self.sections for u in s.units]
            self._talk = (units, array("q", (u.line.number for u in units)))
        units, numbers = self._talk
        at = bisect_left(numbers, unit.line.number)
        while at < len(units) and numbers[at] == unit.line.number:
            if units[at] is unit:
                return units[at + 1 : at + 1 + n]
            at += 1
        return []


# Headings people write in real notes that the report vocabulary misses. A negated heading
# ("Not wins", "做得不好的") is checked before the cue lists, which would read "wins" or "好的".
_NEGATED = re.compile(
    r"^(?:the |some )?(?:not|no|less|never)\b|\bnot[- ]so[- ]|went badly"
    r"|didn'?t go (?:so |too |very )?well|不好|没做好|不太好"
    r"|不够好|不理想|不顺|不太顺|不怎么顺",
    re.IGNORECASE,
)
_NOT_ALL_BAD = re.compile(
    r"\b(?:wasn'?t|was not|isn'?t|is not|not) all (?:bad|pain|doom|gloom|terrible|negative)\b"
    r"|不全是坏事|也有好的|不全是坏的",
    re.IGNORECASE,
)
_EXTRA_KINDS: list[tuple[str, re.Pattern[str]]] = [
    # "下季度谁干啥", "Next quarter, who does what": the work handed out for the time ahead
    (
        "actions",
        re.compile(
            r"^(?:下(?:个|一)?(?:季度|月|周|阶段|迭代|学期|赛季)|明年|下半年|接下来"
            r"|(?:for )?next (?:quarter|month|sprint|year|term|season),?)\s*"
            r"(?:谁(?:来)?(?:干|做|办|管)(?:啥|什么)|谁负责什么|who does what|who'?s doing what)$",
            re.I,
        ),
    ),
    # "parking lot", "待讨论": what was raised and left open, neither findings nor work handed out
    (
        "questions",
        re.compile(
            r"^(?:parking lot|open (?:questions?|issues|points)|unresolved|still open|待讨论"
            r"|遗留问题|待定(?:事项)?|悬而未决(?:的事)?|未决事项|(?:还)?没(?:定|结论)的(?:事)?)$",
            re.I,
        ),
    ),
    # "What I wanted this year", "What we set out to do": the goals, told as what was wanted
    (
        "goals",
        re.compile(
            r"^what (?:we|I) (?:wanted|set out to do|aimed for|hoped for|planned|promised)"
            r"(?: to (?:do|get done))?(?: (?:going in|at the start(?: of the (?:year|season))?"
            r"|(?:this|last|for the) (?:year|quarter|season|term|sprint)))?$",
            re.I,
        ),
    ),
    ("highlights", re.compile(r"^(?:好的|做得好|做得不错的?|好的地方|what helped|good)$", re.I)),
    (
        "highlights",
        re.compile(
            r"^(?:what went (?:ok|okay|right|fine)|开心的事|(?:还)?不错的(?:地方|事)?"
            r"|(?:还算|比较|挺|很)?争气的?(?:地方|事)?"
            r"|顺利的(?:地方)?|值得肯定的(?:地方)?|the good(?: bits?| stuff)?|small wins"
            r"|(?:stuff |what |things )?(?:people |we |i )?liked"
            r"|(?:(?:the )?(?:bits|things|stuff) (?:that )?|what )?(?:we|i) got right"
            r"|(?:bits|things|stuff) that worked)$",
            re.I,
        ),
    ),
    (
        "problems",
        re.compile(
            r"^(?:不太行的|没做好的|踩的坑|踩坑(?:记录)?|吐槽|槽点|what hurt|pain points?"
            r"|扎心的?(?:事|地方)?"
            r"|(?:闹心|烦心|糟心|头疼|不开心)的(?:事|地方)"
            r"|the bad(?: bits?)?|ugh|meh|what sucked|not great|rough (?:bits|spots|patches)"
            r"|(?:what we didn'?t have|where we got stuck)(?: / .*)?"
            r"|(?:(?:the )?(?:bits|things|stuff) (?:that )?|what )"
            r"(?:went (?:sideways|pear-shaped|south)|(?:we|i) got wrong"
            r"|bit (?:us|me)|tripped (?:us|me) up|burn(?:ed|t) (?:us|me)))$",
            re.I,
        ),
    ),
    (
        "causes",
        re.compile(
            r"^(?:why(?: tho| though| so)?|(?:为什么|为啥)(?:会这样)?"
            r"|why it (?:went|happened|broke)\b.*|why did (?:it|this)\b.*)$",
            re.I,
        ),
    ),
    (
        "lessons",
        re.compile(
            r"^(?:学到的|学到了?什么|.{0,8}?(?:几点)?(?:体会|心得|感悟)|几条教训.*|.*想明白的几点"
            r"|(?:下回|下次)?记住(?:了|的)?(?:几点|几条|这几条)?"
            # "Next season we...", a board column that ends where its items start
            r"|next (?:season|year|time|sprint|term|show|event) (?:we|i)\b\W*"
            r"|(?:things |stuff )?(?:i|we) (?:want to|wanna|need to|must|should|will) remember\b.*"
            # "What I'm taking from all this", "Things I'd carry into next year"
            r"|(?:so )?(?:what|things|stuff) (?:i'?m|i am|we'?re|we are|i'?d|we'?d|i'?ll|we'?ll"
            r"|to) (?:taking|take|carry|carrying)\b"
            r"(?: away| forward| from (?:it|this|all this|that))?"
            r"(?: into (?:next|the next)\b.*)?"
            r"|what (?:i|we) learned|what (?:i|we)'?d tell\b.*|advice (?:for|to)\b.*|tips? for\b.*"
            r"|(?:几条|一些)?给(?:新人|后来人|自己|下一任)的(?:建议|话)"
            r"|learnings?|(?:notes? to|dear) (?:self|future (?:us|me|self)))$",
            re.I,
        ),
    ),
    (
        "goals",
        re.compile(
            r"^(?:what we set out to do|what (?:i|we) wanted|the plan"
            r"|what (?:we|i) (?:were|was) (?:going|aiming|shooting) for"
            r"|what (?:we|i)(?:'d| had)? (?:promised|committed to|signed up for|planned)"
            # "The deal we made at planning": what the sprint signed up for
            r"|the deal (?:we|i) (?:made|struck|agreed)(?: (?:at|in) (?:planning|kick-?off))?)$"
            # "what I said I'd do vs. what happened": each goal there told with how it went
            r"|\b(?:said|planned|promised|wanted|aimed|meant)\b.{0,24}\bvs?\.?\s+(?:what )?"
            r"(?:happened|actually|reality|we (?:did|got)|I (?:did|got))",
            re.I,
        ),
    ),
    (
        "results",
        re.compile(
            r"^(?:so\W*)?(?:where we landed|how (?:it|we) (?:actually |really )?(?:went|did)"
            r"|how(?:'d| did) (?:we|it|i) do|结果如何)$",
            re.I,
        ),
    ),
    (
        "actions",
        re.compile(
            r"^(?:next|下学期(?:打算|计划)?|going forward"
            r"|(?:for |in )?next (?:q[1-4]?|quarter|sprint|half|year|month|semester|term|season)"
            r"|next time)$",
            re.I,
        ),
    ),
    (
        "actions",
        re.compile(
            r"^(?:actions?|action plan|todos?|后续|跟进|\S{0,4}\s?plans?|still to do|left to do"
            r"|谁来(?:跟进?|做|办|负责)|分一?下?工|who does what"
            r"|who\s*(?:/|&|and)\s*(?:when|by when|what)(?:\s*(?:/|&|and)\s*(?:when|by when))?"
            r"|谁\s*[/／、]\s*(?:干|做|办)?(?:啥|什么)(?:\s*[/／、]\s*(?:啥时候|什么时候|何时))?"
            r"|loose ends|(?:the )?(?:things|stuff) (?:(?:i|we) (?:need|have|want) )?to"
            r" (?:actually |really )?do)$",
            re.I,
        ),
    ),
    (
        "actions",
        re.compile(
            r"^(?:下半年|下(?:个|一)?(?:季度|月|周|阶段|迭代)|明年|接下来|今后)的?"
            r"(?:计划|打算|安排|要做的|要干的|要办的)?"
            r"(?:是|这么干|这样干|如下)?$"
        ),
    ),
]
# A 4L board's "lacked" column named together with "learned".
_LACKED = re.compile(r"\blacked\b|\blacking\b|\bmissing\b|欠缺|缺少", re.IGNORECASE)
# Wrapping a heading may carry: 【Goals】, [Keep], 「不足」, "Wins 🎉", "Goals:", and an aside in
# brackets at its end ("Why (best guesses)").
_HEADING_DRESS = re.compile(
    r"^[\s【\[「『〖(（]+|(?<=\S)\s*[(（][^()（）]{1,40}[)）]\s*$|[\s】\]」』〗)）:：]+$"
)


def _bare(title: str) -> str:
    """The words of a heading without brackets, emoji and a trailing colon."""
    kept = "".join(
        ch
        for ch in title
        if unicodedata.category(ch) not in ("So", "Sk", "Cf") and ch not in "\ufe0e\ufe0f"
    )  # an emoji's variation selector ("🌧️") goes with it
    return _HEADING_DRESS.sub("", kept.strip())


# A short heading in the writer's own words that still says its kind: "Stuff I'm actually proud
# of", "Where it went sideways", "Things I know now", "Doing next", "翻车的地方". (Goals under
# such a heading are read back as a list or as prose, the way they are told.)
_OWN_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "highlights",
        re.compile(
            r"\bproud\b|\bpleased\b|\bhappy (?:with|about)\b|\bwins?\b|\bwent (?:well|right)\b"
            r"|\bbright spots?\b|\bgood (?:bits|stuff|news|things)\b|\bhighs\b|\bkudos\b"
            r"|^(?:hell )?(?:yay|woo+|yes+|nice)!*$|骄傲|满意的|开心的|高光|值得(?:表扬|肯定|夸)"
            r"|做得还行|还行的|还不错的|\bchuffed\b|\bstoked\b",
            re.I,
        ),
    ),
    (
        "problems",
        re.compile(
            r"\bsideways\b|\brough\b|\bouch\b|\blows\b|\bpain(?:ful)?\b|\bstruggl|\bhurt\b"
            r"|\bwent (?:wrong|badly)\b|\bhiccups?\b|\bbumps\b|\bfell (?:over|short)\b"
            r"|\bdidn'?t (?:go|work)\b|\bbad (?:bits|stuff|news)\b|\bwobbl|^(?:the )?slog$"
            r"|翻车|掉链子|不顺|闹心|糟心|拉胯|遗憾的|没做好|出岔子",
            re.I,
        ),
    ),
    (
        "results",
        re.compile(
            r"^how (?:that|it|they|we) (?:went|did|landed)\b|^how we did\b|^how we got on\b"
            r"|^scoreboard$|^(?:the )?numbers$",
            re.I,
        ),
    ),
    ("goals", re.compile(r"^what (?:we|I) (?:were|was) (?:after|chasing)$|^aims$", re.I)),
    ("causes", re.compile(r"^how come\b|^(?:but|so|and|ok|okay),? why\b", re.I)),
    ("goals", re.compile(r"画的饼|立的flag|(?:当初|节前|年初|开始)定的$")),
    (
        "results",
        re.compile(
            r"吃到了?几口|最后(?:咋样|怎么样|如何)|结果(?:咋样|怎么样|如何|呢)"
            r"|^后来(?:呢|怎么样了?|咋样了?|如何)$|^(?:现在|实际)呢$"
        ),
    ),
    ("highlights", re.compile(r"真香")),
    (
        "causes",
        re.compile(r"我猜(?:是)?因为|猜(?:是)?因为|^我?(?:想了想|琢磨了一下)?为(?:什么|啥)$"),
    ),
    (
        "lessons",
        re.compile(
            r"\bknow now\b|\blearn(?:ed|t|ings)\b|\btakeaways?\b|\bnext time\b"
            r"|\b(?:would|I'd|we'd) tell\b|\b(?:I'll|I will|we'll|to|worth) remember(?:ing)?\b"
            r"|学到|明白了|想明白|想通|记住|下回|下次"
            r"|^几(?:句话?|条|点)(?:记|写|说)(?:一下|下来)?$",  # "几句话记一下:" over the list
            re.I,
        ),
    ),
    (
        "actions",
        re.compile(
            r"^(?:doing |up )?next\b|\bnext up\b|\bon the list\b|^owners$|要做的|待办|接下来"
            r"|^year (?:two|three|2|3)$|^(?:the )?(?:coming|next) (?:year|season|quarter)$"
            r"|^明年|^第二年|^新的一年",
            re.I,
        ),
    ),
]

# "Next up", "On the list": what comes next, in the writer's words, names a list of actions
_NEXT_WORDS: list[tuple[str, re.Pattern[str]]] = [(k, p) for k, p in _OWN_WORDS if k == "actions"]

# Retro boards copied from Feishu, Notion or a whiteboard head their columns with an emoji alone.
_EMOJI_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("highlights", re.compile("[👍👏🎉✅💪🙌😀😃😄😊🥳🌟⭐🏆💚🟢🍀]")),
    ("problems", re.compile("[👎❌😬😢😞😭🙃😩😤🐛🔥⚠🔴💥🤦😡🚧😫😣😖😓😰]")),
    ("results", re.compile("[📊📈📉]")),
    ("lessons", re.compile("[💡📝🎓📚🧠]")),
    ("actions", re.compile("[🔧🛠⏭✍👉🏃☑📋]")),
    ("goals", re.compile("[🎯]")),
]


@lru_cache(maxsize=4096)
def classify(title: str) -> str | None:
    bare = _bare(title)
    if not bare:  # "👍", "💡": a board column named by its emoji
        return next((k for k, p in _EMOJI_KINDS if p.search(title)), None)
    if _NOT_ALL_BAD.search(bare):
        return "highlights"  # "it wasn't all pain tho:" leads what went well
    if _NEGATED.search(bare) and classify_plain(bare) in ("highlights", None):
        return "problems"
    kind = classify_plain(bare) or next((k for k, p in _EXTRA_KINDS if p.search(bare)), None)
    if kind is None and len(bare.split()) <= 8 and len(bare) <= 48:
        said = {k for k, p in _OWN_WORDS if p.search(bare)}
        kind = said.pop() if len(said) == 1 else None  # "Wins and losses" says two kinds
    if kind is None and len(parts := _NAMES_JOINED.split(_SECTION_NUMBER.sub("", bare))) > 1:
        named = {classify(part) for part in parts if part.strip()}
        kind = named.pop() if len(named) == 1 else None  # "下周&后续": two names of one kind
    if kind == "lessons" and _LACKED.search(bare):
        return "problems"  # "lacked / learned": the board lists what went short
    if kind is None and title.strip()[:1] != bare[:1]:
        # "😫 掉链子的", "📊 最后咋样": words of the writer's own, the emoji leading them says
        kind = next((k for k, p in _EMOJI_KINDS if p.match(title.strip())), None)
    return kind


def classify_plain(title: str) -> str | None:
    for kind, pattern in cues.HEADING_KINDS:
        if pattern.search(title):
            return kind
    return None


_SPOKEN_HEAD = re.compile(
    r"^\s*(?i:okay|ok|so|right|alright|and now|now)\b[,.]?\s+"
    r"(?!but\b)(?P<t>[a-z][a-z' -]{2,40}?)\s*$"
)


def _heading(
    text: str, next_text: str | None, after_heading: bool = False, apart: bool = False
) -> tuple[int, int, int, int | None] | None:
    """(level, title_start, title_end, body_start) when `text` is a heading line; a kind's name
    right under another heading is one more column of a board's header row. `apart`: a blank
    line comes before it, so a short kind's name ("What didn't") heads the prose under it."""
    m = _MD_HEADING.match(text)
    if m:
        return len(m.group(1)), m.start(2), m.end(2), None
    m = _WRAPPED.match(text)
    if m:
        return 2, m.start("t"), m.end("t"), None
    stripped = text.strip()
    if next_text is not None and _SETEXT.match(next_text) and 0 < len(stripped) <= 100:
        if not bullet_match(text).group("mark"):
            start = len(text) - len(text.lstrip())
            return (
                (1 if next_text.strip().startswith("=") else 2),
                start,
                start + len(stripped),
                None,
            )
    for pattern, level in ((_ZH_TOP, 1), (_ZH_SUB, 2), (_DOTTED, 0)):
        m = pattern.match(text)
        if not m:
            continue
        if level == 0:
            level = m.group(1).count(".") + 1
        rest = text[m.end() :]
        title_end = len(text.rstrip())
        body = None
        # "2.1.1 前期规划与需求分析的充分性 项目启动前,…": title, a space, then its body.
        gap = re.search(r"[\u4e00-\u9fff)）][ \u3000]+(?=[\u4e00-\u9fff“\"(（])", rest)
        if gap and gap.start() < 40 and len(rest) - gap.end() > 10:
            title_end = m.end() + gap.start() + 1
            body = m.end() + gap.end()
        elif len(rest.strip()) > 60 or SENTENCE_PUNCT.search(rest.strip()[:-1] if rest else ""):
            return None
        if title_end <= m.end():
            return None
        return level, m.end(), title_end, body
    m = _BOLD_LINE.match(text) or _PHASE_LINE.match(text)
    if m:
        return 7, m.start("t"), m.end("t"), None
    m = _COLON_LINE.match(text)
    if (
        m
        and len(m.group("t").split()) <= 6
        and len(CJK.findall(m.group("t"))) <= 16
        and not re.search(r"[。；;]", m.group("t"))
        and (not re.search(r"[,，]", m.group("t")) or _named_then_aside(m.group("t"), next_text))
        and (not bullet_match(text).group("mark") or _emoji_head(text, next_text))
    ):  # "💡 如果重来一次:" over "- …": the emoji opens the heading, not a bullet
        return 7, m.start("t"), m.end("t"), None
    # "【节前我给自己画的饼】" over a list: a bracketed line is a heading, whatever its words say
    m = _BRACKETED.match(text)
    if m and next_text is not None and bullet_match(next_text).group("mark"):
        return 1, m.start("t"), m.end("t"), None
    # said aloud in a memo: "okay changes for next year", "so, lessons" over what follows
    m = _SPOKEN_HEAD.match(text)
    if m and len(m.group("t").split()) <= 5 and classify(m.group("t")):
        return 1, m.start("t"), m.end("t"), None
    # A short line naming a kind: "Wins 🎉", "【Keep】"; up to eight words when a list follows it
    # ("What I'd tell the new starters (and me)" then "- …") or another such line (a board's
    # columns in a row); one in the writer's own words with an emoji up to five.
    if (
        not 0 < len(stripped) <= 48
        or (SENTENCE_PUNCT.search(stripped) and not _aside_only(stripped, next_text))
        or re.search(r"[:：]", stripped)
        or (bullet_match(text).group("mark") and not _emoji_head(text, next_text))
    ):
        return None
    listed = (
        next_text is not None
        and (bool(bullet_match(next_text).group("mark")) or _names_a_kind(next_text))
    ) or (after_heading and _names_a_kind(text))
    words = len(stripped.split())
    if (
        len(stripped) <= (48 if listed else 24 if apart and next_text else 10)
        and (listed or _bare(stripped))  # "👍" alone is a chat reply unless a list follows
        and (
            (classify(stripped) and words <= (8 if listed else 4 if apart else 3))
            or (listed and _EMOJI_END.search(stripped) and words <= 5 and len(stripped) <= 30)
            or (_emoji_head(text, next_text) and words <= 5 and len(stripped) <= 30)
        )
    ):
        start = len(text) - len(text.lstrip())
        return 1, start, start + len(stripped), None
    return None


# Formal minutes and reports number their sections ("3. Trial performance (report PB/26/14)",
# "7. Actions") and set their paragraphs under them ("3.1 PN introduced …").
_NUMBERED_HEAD = re.compile(
    r"^\s*(?P<n>\d{1,2})[.)]\s+(?P<t>[A-Z\u4e00-\u9fff][^.,;:!?。，；：！？、]{1,58}?)\s*$"
)
_NUMBERED_HEADS_MIN = 3


def _numbered_heads(lines: list[Line]) -> set[int]:
    """The line numbers of numbered section titles: at least three short "N. Title" lines,
    numbered 1, 2, 3 … in order, each with lines of its own under it (a numbered list has
    none between its items)."""
    found: list[tuple[int, int]] = []  # (its number, its index in `lines`)
    for i, line in enumerate(lines):
        m = _NUMBERED_HEAD.match(line.text)
        if m and len(m.group("t").split()) <= 8 and len(CJK.findall(m.group("t"))) <= 16:
            found.append((int(m.group("n")), i))
    picked: list[tuple[int, int]] = []
    for n, i in found:
        if n == (picked[-1][0] + 1 if picked else 1) and (not picked or i - picked[-1][1] > 1):
            picked.append((n, i))
    if len(picked) < _NUMBERED_HEADS_MIN or picked[-1][1] == len(lines) - 1:
        return set()
    return {lines[i].number for _n, i in picked}


def _told_title(text: str) -> bool:
    """A first heading that tells a story ("Paid off $18,460 in 12 months on a $52k salary.
    Goal was zero by Christmas, missed it by 8 days") is a post's title, not a section."""
    return len(text.split()) >= 12 or len(text) >= 40 and not re.search(r"[a-zA-Z]{2}", text)


def _aside_only(title: str, next_text: str | None) -> bool:
    """ "Lessons, mostly for me" over a list: a kind's name, then an aside after the comma."""
    return not re.search(r"[。！？!?；;.]", title) and _named_then_aside(title, next_text)


def _named_then_aside(title: str, next_text: str | None) -> bool:
    """ "收尾 todo,别忘:" over a list: a kind's name, then an aside after the comma; "Right,
    things to actually do:": a word to take a breath, then the kind's name, over any lines."""
    if _BREATH.match(title):
        return classify(_BREATH.sub("", title)) is not None
    head = re.split(r"[,，]", title, maxsplit=1)[0]
    listed = next_text is not None and bool(bullet_match(next_text).group("mark"))
    return listed and bool(head.strip()) and classify(head.strip()) is not None


_BREATH = re.compile(
    r"^\s*(?:right|ok(?:ay)?|so|anyway|alright|now|and|also|好|好了|那|行)\s*[,，]\s*(?=[^,，]+$)",
    re.I,
)


def _list_done(section: Section, text: str) -> bool:
    """Whether a "Label:" line's list has ended: prose after a blank line below its bullets."""
    return (
        section.pseudo
        and bool(section.units)
        and all(u.bullet for u in section.units)
        and not bullet_match(text).group("mark")
    )


def _next_lead(section: Section, text: str, next_text: str | None) -> bool:
    """ "下面想到哪说到哪,好的坏的混在一起了:" after a blank line below the list an emoji line
    opened ("🎯 flag vs 实际出分"), with a list of its own under it: that list is not the
    first's, so the first section ends."""
    return (
        section.level == 1
        and section.title_span is not None
        and not _MD_HEADING.match(section.title_span.line.text)
        and bool(section.units)
        and all(u.bullet for u in section.units)
        and not bullet_match(text).group("mark")
        and text.rstrip().endswith((":", "："))
        and next_text is not None
        and bool(bullet_match(next_text).group("mark"))
    )


def _sibling_lead(text: str, next_text: str, apart: bool, current: Section) -> bool:
    """ "the ugly bits" over a list, after a blank line, where "stuff I'm proud of" opened the
    list before it the same way: a heading in the writer's words that names no kind, closing
    the section its sibling opened."""
    if not apart or current.level != 1 or current.pseudo or current.title_span is None:
        return False  # checked first: this runs on every line of the notes
    opened = current.title_span.line.text
    stripped = text.strip()
    return (
        0 < len(stripped) <= 30
        and len(stripped.split()) <= 5
        and not SENTENCE_PUNCT.search(stripped)
        and not re.search(r"[:：]", stripped)
        and not bullet_match(text).group("mark")
        and bool(bullet_match(next_text).group("mark"))
        and not opened.lstrip().startswith(("#", "【", "["))
        and not _MD_HEADING.match(opened)
    )


_EMOJI_MARK = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u26FF\u2B50\u27A1\u2728✅❌☑✔]")


def _emoji_head(text: str, next_text: str | None) -> bool:
    """ "🌧️ 闹心的事" over "- …" bullets: an emoji that opens a board's column name, not a
    bullet, since the list under it is marked otherwise."""
    mark = bullet_match(text).group("mark") or ""
    if not _EMOJI_MARK.match(mark) or next_text is None:
        return False
    below = bullet_match(next_text).group("mark") or ""
    return bool(below) and not _EMOJI_MARK.match(below)


def _names_a_kind(text: str) -> bool:
    """A short line that is only a kind's name ("Didn't go well", "Action items")."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= 30
        and not SENTENCE_PUNCT.search(stripped)
        and not bullet_match(text).group("mark")
        and classify(stripped) is not None
        and _mostly_keyword(stripped)
    )


# "ugh 😬" over a list: a heading in the writer's own words, even when it names no kind
_EMOJI_END = re.compile(r"[☀-➿🌀-🫿]️?\s*$")


_YEAR_LEAD = re.compile(rf"^\s*{_YEAR}")
# a section's number: "三、", "(二)", "第一部分:", "3.", "2.1"
_SECTION_NUMBER = re.compile(
    rf"{_ZH_TOP.pattern}|{_ZH_SUB.pattern}"
    r"|^\s*\d{1,2}(?:\.\d{1,2}){0,3}[.、)）]\s*|^\s*\d{1,2}(?:\.\d{1,2}){1,3}\s+"
)
_NAMES_JOINED = re.compile(r"\s*[/／&＆+]\s*")


def _mostly_keyword(title: str) -> bool:
    """True for "原因分析", "What went well", "下半年打算这么干", "三、问题 / 踩的坑",
    "四、原因(初步讨论)": the heading names a kind rather than an item. Its number and an aside
    after it are no words of the heading, and names joined by "/" must each be a kind's."""
    bare = _bare(title)
    if _keyword_words(bare):
        return True
    words = _SECTION_NUMBER.sub("", _YEAR_LEAD.sub("", bare))
    parts = _NAMES_JOINED.split(words)
    if len(parts) > 1:
        return all(p.strip() and _keyword_words(p) for p in parts)
    return bool(words) and words != bare and _keyword_words(words)


def _keyword_words(words: str) -> bool:
    """Whether a kind's keyword is most of `words`; "2026年打算": the year says when, the word
    what."""
    if any(p.search(words) for _k, p in _EXTRA_KINDS) or (
        len(words) <= 8 and _NEGATED.search(words)
    ):
        return True
    words = _YEAR_LEAD.sub("", words)
    kinds: list[tuple[str, Gated | re.Pattern[str]]] = [*cues.HEADING_KINDS, *_NEXT_WORDS]
    for _kind, pattern in kinds:
        found = pattern.findall(words)
        if found:
            return sum(len(f) for f in found) >= 0.4 * len(words.strip())
    return False


# Whose or which list a heading names comes before its keyword: "My goals for the year"
_OWNER_LEAD = re.compile(r"^(?:my|our|the|this year'?s|今年的?|我的|我们的|本次的?)\s*", re.I)


def _opens_with_keyword(title: str) -> bool:
    """True for "Goals I set in July", "My goals for the year", "问题清单如下": the kind's
    keyword comes first."""
    bare = _OWNER_LEAD.sub("", _bare(title))
    for _kind, pattern in cues.HEADING_KINDS:
        m = pattern.search(bare)
        if m:
            return m.start() == 0
    return False


def _composite(title: str) -> bool:
    """ "项目概况与目标回顾", "经验教训与未来展望": a heading over several kinds of sections."""
    kinds = {kind.split("_")[0] for kind, pattern in cues.HEADING_KINDS if pattern.search(title)}
    return len(kinds) > 1


def both_ways(title: str) -> bool:
    """ "What went well, what didn't", "亮点与不足": a heading over both, whose lines say which
    they are; read as one kind, the good half would be filed as trouble or the other way."""
    spans: dict[str, list[tuple[int, int]]] = {"highlights": [], "problems": []}
    for kind, pattern in cues.HEADING_KINDS:
        if kind in spans:
            spans[kind] += [m.span() for m in pattern.finditer(title)]
    return any(  # apart: "Not wins" is one judgement, its "wins" inside the negation
        b1 <= a0 or b0 >= a1 for a0, a1 in spans["highlights"] for b0, b1 in spans["problems"]
    )


def _new_section(
    title_span: Span, level: int, parent: Section, has_body: bool, pseudo: bool
) -> Section:
    title = clean(title_span.text)
    named = _BREATH.sub("", title)  # "Right, things to actually do"
    kind = None if both_ways(named) else classify(named)
    inherited = False
    # Under a typed section ("Root cause analysis") only a heading that is mostly a keyword
    # opens a new kind: "Primary issue: Postgres TOAST OID exhaustion" stays a cause.
    strict = pseudo or (parent.kind not in FREE_PARENTS and not parent.composite)
    # "Goals I set in July:" over a list at the top: a line that opens with its kind names it
    leads = (
        pseudo and parent.kind in ("other", "summary", "background") and _opens_with_keyword(named)
    )
    if kind is not None and (strict or has_body) and not (_mostly_keyword(named) or leads):
        kind = None  # "2.2.5 用户满意度…的原因探究", "**The underlying issue**" are not sections
    free = parent.kind in FREE_PARENTS or parent.kind == "process"
    if kind is None and free and cues.PHASE_TITLE.search(title):
        kind = "process"  # "2.1 认知准备阶段:…", "Phase 1: …": a stage of the journey
    if kind is None:
        kind, inherited = parent.kind, parent.level > 0
    section = Section(
        kind=kind,
        title=title,
        level=level,
        title_span=title_span,
        parent=parent,
        inherited=inherited,
        item_heading=inherited and kind in ITEM_KINDS,
        pseudo=pseudo,
        composite=_composite(title),
    )
    section.luck = bool(cues.LUCK.search(title)) or (parent.luck and kind == parent.kind)
    section.horizon = next((h for h, p in cues.HORIZON if p.search(title)), parent.horizon)
    section.cause_type = next((t for t, p in cues.CAUSE_TYPE_HEADING if p.search(title)), None)
    if section.cause_type is None and kind == parent.kind:
        section.cause_type = parent.cause_type
    return section


def parse(source: Source) -> Document:
    """Split a notes or transcript source into sections; transcripts are one untitled section."""
    root = Section(kind="other", title="", level=0)
    doc = Document(source=source, sections=[root])
    stack = [root]
    lines = source.lines
    in_code = False
    skip_next = False
    after_heading = False
    signed = _signed_off(lines) if source.type == "notes" else len(lines)
    quoting = any(_QUOTED.match(line.text) for line in lines)
    thread = _Thread(len(lines) <= _QUOTE_SEARCH_LINES) if quoting else None
    front, author = _front_matter(lines) if source.type == "notes" else (0, None)
    mail_head = -2  # the number of the last line of a mail's header block
    # "From:" headers name each mail's writer only in a thread; a lone mail's is the writer's
    threaded = (
        source.type == "notes"
        and sum(1 for ln in lines if (m := _BYLINE.match(ln.text)) and _sender(m)) > 1
    )
    numbered = _numbered_heads(lines) if source.type == "notes" else set()
    for i, line in enumerate(lines):
        if i > signed:
            break  # the name and title under "Best," sign a letter; they state nothing
        if i < front:
            continue  # a note's front matter ("created:", "tags:") is its file's, not its text
        text = line.text
        if skip_next:
            skip_next = False
            continue
        if _FENCE.match(text):
            in_code = not in_code
            continue
        if in_code or not text.strip() or _SKIP_LINE.match(text):
            continue
        if thread is not None:
            read = thread.read(line)
            if read is None:
                continue
            line, text = read, read.text
        by = _BYLINE.match(text) if source.type == "notes" else None
        writer = by and (
            by.group("b")
            or by.group("c")
            or by.group("u")
            or by.group("p")
            or by.group("v")
            or by.group("d")
            or by.group("w")
            or (_sender(by) if threaded else None)
        )
        if mail_head == line.number - 1 and _MAIL_FIELD.match(text):
            mail_head = line.number  # "Sent: …", "To: …" under "From:": when and to whom
            continue
        if by and (by.group("f") or by.group("g")):
            mail_head = line.number
        if writer:
            # "**jhsu** (Collaborator)" over a comment, "From: Tom Reyes" over a mail: who
            # wrote the lines that follow; the headings of the mail or post before it end there
            author = writer
            del stack[1:]
            continue
        if author and not line.speaker:
            line = Line(line.number, text, author, line.timestamp)
        nxt = lines[i + 1].text if i + 1 < len(lines) and source.type == "notes" else None
        if nxt is not None and _SETEXT.match(nxt) and lines[i + 1].number != line.number + 1:
            nxt = ""  # a blank line between: "---" under it is a rule, not a setext underline
        apart = i > 0 and lines[i - 1].number < line.number - 1
        if apart and stack[-1].paragraph and stack[-1].units:
            stack.pop()
        elif apart and (_list_done(stack[-1], text) or _next_lead(stack[-1], text, nxt)):
            stack.pop()  # "What I'd tell day-one me:" over a list, then the story goes on
        head = _heading(text, nxt, after_heading) if source.type == "notes" else None
        if head is None and line.number in numbered:
            m = _NUMBERED_HEAD.match(text)
            assert m is not None  # `numbered` holds only lines it matched
            head = (1, m.start("t"), m.end("t"), None)
        paragraph = head is None and source.type == "notes" and apart
        if paragraph:
            head = _heading(text, nxt, after_heading, apart)
        if (
            head is None
            and nxt is not None
            and i
            and _sibling_lead(text, nxt, lines[i - 1].number < line.number - 1, stack[-1])
        ):
            start = len(text) - len(text.lstrip())
            head = (1, start, start + len(text.strip()), None)
        after_heading = head is not None
        if (
            head
            and head[0] == 7
            and stack[-1].kind == "process"
            and cues.phase_label(clean(text[head[1] : head[2]]))
        ):
            head = None  # "行动:" inside a phase is its label, not a heading of actions
        if head is not None:
            level, t0, t1, body = head
            if nxt is not None and _SETEXT.match(nxt) and not _MD_HEADING.match(text):
                skip_next = True
            pseudo = level == 7
            if pseudo:  # bold-only or "Goals:" line: one below the nearest real heading
                while stack[-1].pseudo:
                    stack.pop()
                level = min(stack[-1].level + 1, 7)
            while stack[-1].level >= level:
                stack.pop()
            span = Span(line, t0, t1).strip()
            if doc.title is None and (
                text.lstrip().startswith("# ")
                or (nxt is not None and nxt.strip().startswith("="))
                # "2025年终个人总结" alone on the first line names the document, not a summary
                or (i == 0 and not pseudo and classify(clean(span.text)) == "summary")
                or (len(doc.sections) == 1 and not pseudo and _told_title(span.text))
            ):
                doc.title = span
            section = _new_section(span, level, stack[-1], body is not None, pseudo)
            section.paragraph = paragraph
            if doc.title is span and section.kind not in (None, "other"):
                # "# H + O wedding - what worked, what didn't": the document's name, not a
                # section of problems that every heading below would inherit
                section.kind, section.inherited, section.item_heading = "other", False, False
            stack.append(section)
            doc.sections.append(section)
            if body is not None:
                section.units.extend(body_units(Span(line, body, len(text))))
            continue
        stack[-1].units.extend(line_units(line))
    _unstack_board_columns(doc)
    _handed_out(doc)
    return doc


# Up to this many lines a quote is looked for inside each line said before it; past it, only
# whole lines are matched, since the search grows with the square of the document.
_QUOTE_SEARCH_LINES = 2000


class _Thread:
    """The lines of notes that quote ("> …", ">> …"): an e-mail thread's history or a Markdown
    blockquote. A quoted line is read as what it says, by whoever wrote the mail it sits in
    ("On Tue …, Jen Park wrote:"); a line the thread already holds, quoted again or quoted
    whole before its own mail further down, is read once."""

    def __init__(self, fragments: bool) -> None:
        # whether a quoted piece of an earlier line is a repeat; a piece under 12 characters
        # ("> Thanks", "> 好的") is too short to say which line it came from
        self.fragments = fragments
        self.said: list[str] = []
        self.whole: set[str] = set()
        self.quoted: set[str] = set()
        self.authors: dict[int, str] = {}  # quote depth -> who wrote the mail at that depth

    def read(self, line: Line) -> Line | None:
        """The line as the notes should read it, or None when it says nothing new."""
        text = line.text
        quote = _QUOTED.match(text)
        if quote is None:
            if ("wrote" in text or "写道" in text) and (author := owners.quote_author(text)):
                self.authors[1] = author  # "On Tue …, Jen Park wrote:" over "> …" lines
                return None
            if text.strip() in self.quoted:
                return None  # the mail itself, under a reply that quoted it whole
            self._heard(text.strip())
            return line
        text = text[quote.end() :]
        depth = quote.group().count(">")
        author = owners.quote_author(text)
        if author:  # "> On Tue …, Jen Park wrote:" over her mail, quoted one level deeper
            self.authors[depth] = self.authors[depth + 1] = author
            return None
        said = text.strip()
        if (
            not said
            or said in self.whole
            or (self.fragments and len(said) >= 12 and any(said in e for e in self.said))
        ):
            return None  # a reply quoting what the thread already holds
        self.quoted.add(said)
        self._heard(said)
        return Line(line.number, text, line.speaker or self.authors.get(depth), line.timestamp)

    def _heard(self, text: str) -> None:
        self.whole.add(text)
        if self.fragments:
            self.said.append(text)


def _handed_out(doc: Document) -> None:
    """A list under a heading in the writer's own words ("后面谁干啥", "who's on what now")
    whose items mostly hand work to someone ("@刘药师 下周三前…", "小周:…", "由王科长负责")
    is a list of actions, whatever its heading says."""
    bullets = [u for s in doc.sections for u in s.units if u.bullet]
    signed = sum(1 for u in bullets if _SIGNED_NOTE.search(u.content.text))
    board = len(bullets) >= 6 and signed >= 0.6 * len(bullets)  # every sticky signed
    for section in doc.sections:
        if section.kind != "other" or not section.title or section.title_span is doc.title:
            continue
        listed = [u for u in section.units if u.bullet and u.depth == 0]
        if len(listed) < 2 or len(listed) < 0.8 * len(section.units):
            continue
        named = sum(1 for u in listed if _names_its_doer(u, board))
        if named >= 2 and named >= 0.6 * len(listed):
            section.kind = "actions"


def _names_its_doer(unit: Unit, board: bool) -> bool:
    if unit.label is not None and owners.is_person(unit.label_text):
        return True
    signed = _SIGNED_NOTE.search(unit.content.text) if board else None
    content = unit.content.sub(0, signed.start()) if signed else unit.content
    return owners.lead(content)[1] is not None or owners.zh_owner(content.text, None) is not None


# A board's sticky signed by who wrote it, with its votes: "… (Marcus) +2" names no doer when
# every sticky of the board is signed; "- fix the alert routing (Dana)" in a list hands it over.
_SIGNED_NOTE = re.compile(r"\s*[(（][^()（）]{1,20}[)）]\s*(?:\+\d+)?\s*$")


_SIGN_OFF = re.compile(
    r"^\s*(?:best|thanks|thank you|many thanks|cheers|regards|kind regards|best regards"
    r"|warm regards|all the best|yours|sincerely|yours sincerely|谢谢|谢谢大家|此致|祝好)"
    r"[,，!！.。]?\s*$",
    re.IGNORECASE,
)
_SIGNATURE_LINES = 6
_SIGNED_NAME = re.compile(r"^\s*[-–—~]*\s*(?P<n>[A-Z][a-z]{1,15})\s*$")


def _signed_off(lines: list[Line]) -> int:
    """The index of an e-mail's sign-off ("Best,", "Thanks,") among its last few lines, after
    which only the signature follows; the last index when the notes are not signed."""
    tail: list[int] = []
    for i in range(len(lines) - 1, -1, -1):  # from the end: a long file is not walked twice
        if lines[i].text.strip():
            tail.insert(0, i)
            if len(tail) == _SIGNATURE_LINES:
                break
    for n, i in enumerate(tail):
        text = lines[i].text
        if _SIGN_OFF.match(text):
            return i
        # a first name alone over the full name and title ("Helen", "Dr Helen Marsh", …)
        later = [lines[j].text for j in tail[n + 1 :]]
        name = _SIGNED_NAME.match(text)
        if name and later and name.group("n") in later[0] and classify(text) is None:
            return i - 1
    return len(lines)


def _unstack_board_columns(doc: Document) -> None:
    """A retro board exported with its column names in a row ("Went well", "Didn't go well",
    "Action items") and every card after them: the cards belong to no one column, so they are
    read card by card rather than all as the last column's."""
    run: list[Section] = []
    for section in doc.sections[1:]:
        span = section.title_span
        bare = span is not None and span.line.text.strip() == span.text.strip()
        line = span.line.number if span is not None and bare else None  # no "## ", "5.1 "
        if (
            run
            and line is not None
            and not run[-1].units
            and run[-1].title_span is not None
            and line == run[-1].title_span.line.number + 1
        ):
            run.append(section)
        else:
            run = [section]
        kinds = {s.kind for s in run}
        if len(run) >= 2 and len(kinds) == len(run) and section.units:
            section.kind = "other"
