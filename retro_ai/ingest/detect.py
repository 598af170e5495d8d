"""Guess the language and the report kind of a set of sources, and say why.

Both are cheap counts over the text, so the report can show why (the cue words and their counts)
and the user can override the kind with a flag when the guess is wrong. Where the cue words are
few, or a learned document model is sure of another kind, the model decides, and says so.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import cast, get_args

from retro_ai.ingest.source import Source
from retro_ai.schema import Cue, Kind, KindReason, Language
from retro_ai.stages.offline import learned

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_TEAM = re.compile(r"\b(?:we|we'[a-z]+|our|us|you|everyone|team)\b", re.IGNORECASE)
_TEAM_ZH = re.compile(r"我们|咱们|大家|团队")
_FIRST_PERSON = re.compile(r"(?:^|(?<=[\s\"'(]))I(?=\s|'m\b|'ve\b|'d\b)")
_FIRST_PERSON_ZH = re.compile(r"我(?![们方国司])")

# (kind, weight, cue label, pattern); weights favour cues that rarely occur in other kinds.
_CUES: list[tuple[Kind, float, str, str]] = [
    ("incident", 2.0, "incident", r"\bincidents?\b"),
    ("incident", 2.0, "outage", r"\boutages?\b"),
    ("incident", 2.0, "postmortem", r"\bpost-?mortems?\b"),
    ("incident", 1.0, "downtime", r"\bdowntime\b"),
    ("incident", 1.5, "root cause", r"\broot[ -]?causes?\b"),
    ("incident", 1.5, "contributing factors", r"\bcontributing factors?\b"),
    ("incident", 1.0, "timeline", r"\btimeline\b"),
    ("incident", 1.0, "mitigat", r"\bmitigat"),
    ("incident", 1.5, "time to detection", r"\btime to (?:detection|detect|recovery|resolve)\b"),
    ("incident", 2.0, "故障", r"故障"),
    # not "全程零安全事故", "没出任何事故": a goal kept, not an incident
    ("incident", 2.0, "事故", r"(?<![零无没])(?<!任何)(?<!安全)事故"),
    ("incident", 2.0, "宕机", r"宕机"),
    ("incident", 2.0, "SEV", r"\bSEV-?[0-4]\b"),
    ("incident", 1.5, "status page", r"\bstatus page\b"),
    ("incident", 1.0, "on-call", r"\bon-?call\b|\bpaged\b"),
    (
        "incident",
        1.5,
        "发现用时",
        r"(?:发现|止损|恢复|修复)(?:用时|耗时)|从发现到[^。,，]{1,10}?用了",
    ),
    # what a report on something that went wrong is titled and ends with: "情况说明及整改"
    ("incident", 1.5, "整改", r"情况说明|整改"),
    ("incident", 1.0, "告警", r"告警"),
    ("incident", 1.0, "回滚", r"回滚"),
    ("incident", 1.0, "止损", r"止损"),
    ("incident", 3.0, "incident review", r"\b(?:incident|outage) (?:review|retro|report)"),
    ("incident", 3.0, "故障复盘", r"(?:故障|事故)(?:复盘|回顾|报告)"),
    # what an outage looks like when nobody names it: something down, 5xx errors, back up again
    (
        "incident",
        1.0,
        "down",
        r"\b(?:is|was|were|went|goes|been|are)\s+(?:[\w-]+\s+){0,3}?(?:down|offline|unreachable)\b"
        r"(?!\s*(?:to|by|from|\d))",
    ),
    ("incident", 1.5, "5xx", r"(?<![\w.])(?:5xx|50[0234]s|50[0234] errors?|HTTP 5\d\d)(?![a-z])"),
    (
        "incident",
        1.0,
        "back up",
        r"\b(?:back online|all clear|(?:is|are|was|were|it's|we're) back up)\b",
    ),
    ("incident", 1.0, "alert", r"\balert(?:s|ed|ing)?\b"),
    ("incident", 1.0, "rollback", r"\broll(?:ed|ing)?[ -]?back\b|\brollbacks?\b"),
    ("incident", 2.0, "MTTR", r"\bMTT[RDA]\b"),
    ("incident", 1.5, "failover", r"\bfail(?:ed)?[ -]?over\b"),
    ("incident", 1.0, "hotfix", r"\bhotfix(?:es|ed)?\b|\bdegraded\b"),
    ("incident", 1.0, "to notice", r"\bto (?:notice|detect|recover|restore)\b"),
    ("incident", 1.5, "挂了", r"挂了|崩了|挂掉|不可用|打不开"),
    ("incident", 1.0, "恢复正常", r"恢复正常|才恢复|已恢复"),
    ("incident", 0.5, "报错", r"报错|超时|5xx"),
    ("incident", 1.0, "值班", r"值班"),
    ("incident", 1.0, "熔断", r"熔断|降级|限流"),
    ("incident", 1.5, "召回", r"召回(?!率)"),  # a product recalled, not a model's recall rate
    ("incident", 2.0, "爆仓", r"爆仓"),  # a depot overflowing: "11.12爆仓复盘"
    ("campaign", 2.0, "campaign", r"\bcampaigns?\b"),
    ("campaign", 1.0, "CTR", r"\b(?:CTR|CVR|UV|ROI|CPA|CAC)\b|\bopen rates?\b|\bclick-?through\b"),
    (
        "campaign",
        1.5,
        "ROAS",
        r"\b(?:ROAS|CPC|CPM)\b|\bad spend\b|\bpaid (?:traffic|social|budget|media)\b"
        r"|\b(?:discount|promo) codes?\b|\blookalikes?\b",
    ),
    ("campaign", 1.5, "投放", r"投放|点击率"),
    ("campaign", 1.0, "promo", r"\bpromos?\b|\bpromotions?\b"),
    ("campaign", 1.5, "marketing", r"\bmarketing\b"),
    (
        "campaign",
        1.0,
        "conversion",
        r"\bconversions?\b|\bsign-?ups?\b|\bbounce rates?\b|\bfunnels?\b|\bimpressions\b",
    ),
    ("campaign", 1.5, "大促", r"带货|大促|促销|直播间|双(?:11|十一|12|十二)|\b618\b"),
    ("campaign", 2.0, "营销", r"营销"),
    ("campaign", 1.0, "活动", r"活动"),
    # a shop's offer or its season's new line: "满50减10", "首单立减", "秋季新品"
    ("campaign", 1.0, "满减", r"满减|立减|折扣|打折|秒杀|优惠券|新品|上新"),
    ("campaign", 1.5, "读书会", r"读书会|阅读月|读书月|\breading (?:club|challenge|month)\b"),
    ("campaign", 1.5, "曝光", r"曝光"),
    ("campaign", 1.0, "转化", r"转化"),
    ("campaign", 1.0, "KPI", r"\bKPIs?\b"),
    ("campaign", 2.0, "达成率", r"达成率"),
    ("campaign", 2.0, "GMV", r"\bGMV\b"),
    ("campaign", 1.5, "sponsor", r"\bsponsor(?:ship|ed|s)?\b"),
    (
        "campaign",
        1.5,
        "fundraising",
        r"\bfundrais\w*|\bdonors?\b|\bdonations?\b|\bfirst-time givers?\b|\bgiving day\b"
        r"|\bemail drive\b|\bappeal\b|筹款|募捐"
        r"|\bpledges?\b|\b(?:pledge|membership) (?:drive|week)\b|\bsustainers?\b",
    ),
    (
        "campaign",
        1.5,
        "webinar",
        r"\bwebinars?\b|\bproduct hunt\b|\bupvotes?\b|\bwaitlist\b|\bregistrants?\b"
        r"|\bshow-?up rate\b|\bregs\b",
    ),
    ("campaign", 1.5, "leads", r"\bleads\b|\bMQLs?\b"),
    ("campaign", 1.0, "booth", r"\bbooths?\b"),
    ("campaign", 1.0, "拉新", r"拉新|涨粉|推广"),
    ("campaign", 1.0, "audience", r"\bgrowth push\b|\bgiveaways?\b|\blisteners\b|\bsubscribers\b"),
    ("campaign", 2.0, "招新", r"招新|纳新"),
    ("campaign", 1.5, "训练营", r"训练营|减脂营|夏令营|冬令营|体验营|打卡营"),
    ("campaign", 1.5, "招商", r"招商|赞助|冠名|票务|售票"),
    # a season's sale or a holiday's rush: "月饼季", "国庆档", "holiday pre-orders", "Black Friday"
    ("campaign", 1.0, "节日", r"国庆|中秋|月饼|年货|春节档|圣诞|七夕|端午|暑期档|开学季|五一"),
    (
        "campaign",
        1.0,
        "preorders",
        r"\bpre-?orders?\b|\bholiday (?:rush|season|sales?|orders?)\b|\bblack friday\b"
        r"|\bcyber monday\b",
    ),
    # an event people come to: "开放日", "夜场", "open day", "late nights", "festival"
    ("campaign", 1.0, "开放日", r"开放日|夜场|夜游|\bopen day\b|\blate nights?\b|\bfestivals?\b"),
    ("campaign", 3.0, "campaign retro", r"\bcampaign (?:retro|review|wrap-?up)"),
    ("campaign", 3.0, "活动复盘", r"活动(?:复盘|回顾|总结)"),
    # not "不怪她个人", "换个人", nor "个人估计" (one's own view in a team's notes)
    (
        "personal",
        2.0,
        "个人",
        r"(?<![\d一二两三四五六七八九十几每某单她他换])个人(?!估计|觉得|认为|感觉|看法|意见)",
    ),
    ("personal", 2.0, "转型", r"转型"),
    ("personal", 1.0, "我的", r"我的"),
    ("personal", 1.0, "我", r"我(?![们方国司])"),
    ("personal", 2.0, "职业", r"职业"),
    ("personal", 1.0, "成长", r"成长"),
    ("personal", 2.0, "career", r"\bcareers?\b"),
    ("personal", 2.0, "personal", r"\bpersonal\b"),
    ("personal", 2.0, "my goals", r"\bmy (?:own )?(?:goals?|growth|year|quarter|review)\b"),
    ("personal", 1.0, "年度", r"年度|(?<!明年[上下])半年"),  # not "明年上半年就来了": a when
    (
        "personal",
        3.0,
        "写给自己",
        # not "写给自己,也给教务处参考": a note for others too is about the work
        r"写给自己(?![,，、]?\s*(?:也|和|并)给)|给自己看|自己看的|\bnote to self\b"
        r"|for me, nobody else",
    ),
    ("personal", 1.0, "备赛", r"备赛|配速|全马|半马|马拉松|\bmarathon\b|\bhalf marathon\b"),
    (
        "personal",
        3.0,
        "个人复盘",
        r"(?:个人|自我|我自己的|自己的)(?:复盘|总结|回顾|反思)|年度总结|(?:半年|年终)(?:总结|复盘)",
    ),
    ("personal", 3.0, "personal retro", r"\bpersonal (?:retro|review)|\bself-review\b"),
    ("sprint", 2.0, "sprint", r"\bsprints?\b"),
    (
        "sprint",
        1.5,
        "story points",
        r"\bstory points?\b|故事点|燃尽|\bburn-?down\b"
        r"|\b(?:product|sprint) backlog\b|\bbacklog (?:grooming|refinement)\b",
    ),
    # "cycle" is the sprint of teams that say cycle; a squad is a team that runs them
    ("sprint", 2.0, "cycle", r"\b(?:this|last|next|previous|current|release) cycle\b"),
    ("sprint", 2.0, "hackathon", r"\bhackathon\b|\bhack ?week\b|\bgame jam\b|\bpost-hack\b"),
    ("sprint", 3.0, "cycle retro", r"\bcycle (?:retro|review|wrap-?up)\b"),
    ("sprint", 1.0, "squad", r"\bsquads?\b"),
    ("sprint", 1.0, "迭代", r"迭代"),
    (
        "sprint",
        1.5,
        "本迭代",
        r"(?:本|这个|上个|下个)迭代|(?:本|这个|上个|下个)?双周(?:迭代|复盘|会)",
    ),
    ("sprint", 1.0, "冲刺", r"冲刺"),
    ("sprint", 2.0, "两周冲刺", r"(?:两|双|一)周(?:的)?冲刺|冲刺(?:复盘|回顾)"),
    ("sprint", 2.0, "keep/problem/try", r"\bkeep\b.{0,80}\bproblems?\b.{0,80}\btry\b"),
    ("sprint", 2.0, "start/stop/continue", r"\bstart\b.{0,80}\bstop\b.{0,80}\bcontinue\b"),
    ("sprint", 2.0, "velocity", r"\bvelocity\b"),
    (
        "sprint",
        2.0,
        "迭代回顾",
        r"迭代\s*[\w.]{0,4}\s*(?:回顾|复盘)|\bsprint\s*#?\d*\s*(?:retro|review)",
    ),
    ("sprint", 2.0, "上期行动项", r"上(?:一)?(?:期|次|轮|个?迭代|个?冲刺)的?(?:行动|改进|待办)项"),
    ("sprint", 1.0, "站会", r"站会|\bstand-?ups?\b"),
    ("sprint", 1.0, "Keep/Problem/Try", r"^#*\s*(?:keep|problems?|try|start|stop|continue)\s*$"),
    ("project", 1.0, "project", r"\bprojects?\b"),
    ("project", 3.0, "project retro", r"\bproject (?:retro|review|post-?mortem|wrap-?up)"),
    ("project", 3.0, "项目复盘", r"项目(?:复盘|回顾|总结)"),
    # not a table's "| 项目 | 目标 | 实际 |", where the word means "item"
    ("project", 1.0, "项目", r"(?<![|｜]\s)(?<![|｜])项目(?!经理|管理|\s*[|｜])"),
    ("project", 1.5, "milestone", r"\bmilestones?\b"),
    ("project", 1.5, "里程碑", r"里程碑"),
    ("project", 1.0, "上线", r"上线"),
    ("project", 1.0, "launch", r"\b(?:re)?launch(?:ed|es|ing)?\b"),
    (
        "project",
        1.5,
        "go-live",
        r"\b(?:go(?:es)?|went)[ -]live\b|\bkick-?off\b|\bdeliverables?\b",
    ),
    ("project", 1.5, "交付", r"交付|验收|立项"),
    ("project", 1.5, "装修", r"装修|翻新|改造"),
    (
        "project",
        1.0,
        "migration",
        r"\bmigrat(?:ion|ions|ed|ing)\b|\bcut-?overs?\b|\brollouts?\b|\boverhaul\b",
    ),
    ("project", 0.5, "release", r"\breleases?\b"),
]
# ASCII: a word boundary is between Latin letters and anything else, so "单场GMV破" has one
_FLAGS = re.IGNORECASE | re.DOTALL | re.MULTILINE | re.ASCII
_COMPILED = [(k, w, label, re.compile(p, _FLAGS)) for k, w, label, p in _CUES]
# Cues written only in Chinese characters cannot match a text that has none: an English
# document skips them (a regex's own syntax, "(?<!…)" or "\\b", is no letter of a cue).
_SYNTAX = re.compile(r"\\[A-Za-z]|\(\?[A-Za-z<!=:]*|\[\^?|\{\d*,?\d*\}")
_CHINESE_ONLY = frozenset(
    label for _k, _w, label, p in _CUES if _CJK.search(p) and not _LATIN.search(_SYNTAX.sub("", p))
)


def _alternatives(pattern: str) -> list[str]:
    """A pattern's top-level alternatives ("a|b(?:c|d)" is "a" and "b(?:c|d)")."""
    out: list[str] = []
    depth, in_class, start, i = 0, False, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*out, pattern[start:]]


# What may open an alternative before its first letters: "\b", "^", a lookbehind, a group
_BOUNDS = r"\\b|\^|\(\?<[=!](?:[^()\\]|\\.|\([^()]*\))*\)"
_OPENING = re.compile(rf"^(?:{_BOUNDS}|\((?:\?:)?[^()\\]*\)[?*]?)+")
# A group of plain words an alternative must open with: "(?:故障|事故)复盘", "(?:CTR|CVR)"
_WORD_GROUP = re.compile(rf"^(?:{_BOUNDS})*\(\?:(?P<words>[^()\\?*+{{}}\[\].^$]+)\)(?![?*{{])")


def _needles(pattern: str) -> tuple[str, ...] | None:
    """Words one of which any match of `pattern` must hold, lower-cased ("donor" for
    "\\bdonors?\\b"); None when an alternative has none, and the pattern then always runs."""
    found: list[str] = []
    for alternative in _alternatives(pattern):
        group = _WORD_GROUP.match(alternative)
        words = group.group("words").split("|") if group else []
        if words and all(len(w) >= 2 for w in words):
            found.extend(w.lower() for w in words)  # "(?:CTR|CVR|UV)": one of them
            continue
        literal = ""
        for char in _OPENING.sub("", alternative):
            if char in "?*{+":
                literal = literal[:-1]  # "donors?": the "s" may be absent
                break
            if char in "\\()[].|$^":
                break
            literal += char
        if len(literal) < 2:
            return None
        found.append(literal.lower())
    return tuple(found)


# Each cue's needles: a text that holds none of them cannot match, so its scan is skipped.
_NEEDLES = {label: _needles(p) for _k, _w, label, p in _CUES}
# Needles read by hand where the reading above finds none or only common words ("on", "is"):
# each match of the cue still holds one of them.
_NEEDLES |= {
    "back up": ("back online", "all clear", "back up"),
    "down": ("down", "offline", "unreachable"),
    "5xx": ("5xx", "500", "502", "503", "504", "http 5"),
    "cycle": (" cycle",),
    "go-live": ("live", "kick", "deliverable"),
    "on-call": ("call", "paged"),
    "to notice": ("to notice", "to detect", "to recover", "to restore"),
    "大促": ("带货", "大促", "促销", "直播间", "双", "618"),
    "两周冲刺": ("冲刺",),
}
_MIN_SCORE = 3.0
# A cue in the title that names the kind ("— campaign retro", "个人复盘") counts thrice; a title's
# other words ("relaunch", "KPI") are only what the document is about.
_TITLE_BOOST = 2.0
_KIND_NAMES = {
    "incident",
    "outage",
    "postmortem",
    "故障",
    "事故",
    "incident review",
    "故障复盘",
    "campaign",
    "营销",
    "活动",
    "campaign retro",
    "活动复盘",
    "webinar",  # "Product Hunt launch retro", "webinar series wrap-up"
    "招新",  # "桌游社秋季招新复盘"
    "招商",
    "hackathon",  # "post-hack retro"
    "个人",
    "我",  # a title in the first person ("我的上半年") is about its writer
    "我的",
    "personal",
    "个人复盘",
    "personal retro",
    "sprint",
    "迭代",
    "冲刺",
    "迭代回顾",
    "project",
    "项目",
    "project retro",
    "项目复盘",
}
# "incident review", "活动复盘", …: a document calling itself a kind's retro
_RETRO_PHRASES = {
    "incident review",
    "故障复盘",
    "campaign retro",
    "活动复盘",
    "个人复盘",
    "personal retro",
    "迭代回顾",
    "project retro",
    "项目复盘",
}
# Words every kind uses (a team's KPIs, a mention of the marketing team, the writer's "我"): they
# add to a kind that has evidence of its own and make none by themselves.
_SUPPORTING = {"KPI", "达成率", "marketing", "我", "我的"}
# A timeline: lines that open with a clock time and go on with what happened ("19:05 后厨开始积单"),
# not chat lines whose time is followed by who spoke.
_CLOCK_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?\[?([0-2]?\d)[:：]([0-5]\d)(?:[:：][0-5]\d)?(?:\s*[AP]M)?\]?"
    r"[\s\-–—:：]*(?P<rest>.+)",
    re.IGNORECASE,
)
_SPEAKER = re.compile(r"(?:[^\s:：]{1,20}\s?){1,2}[:：]")
# Scores this close (runner-up at least this share of the winner) are a tie the title settles.
_CLOSE = 0.75
_TIMELINE_MIN = 3
_TIMELINE_CAP = 5
# Words a single writer uses of themself; a transcript of several speakers is no personal review.
_SELF_CUES = {"我", "我的"}
# The first person says who wrote the notes more than what they are about: past a few uses it
# adds no evidence, so a founder's "我" all through a project review does not make it personal.
_SELF_CAP = 5


# What a year-end review is of when it is no person's: a hospital, a shop, a company, a team
_ORG_BEFORE = re.compile(
    r"(?:医院|诊所|店|公司|集团|部|中心|团队|学校|工厂|车间|项目|酒店|餐厅)[)）]?\s*$"
)


def _line_before(text: str, at: int) -> str:
    return text[text.rfind("\n", 0, at) + 1 : at]


def _texts(sources: Iterable[Source]) -> str:
    return "\n".join(line.text for s in sources for line in s.lines)


def detect_language(sources: Iterable[Source]) -> Language:
    """zh when at least 20% of the letters are CJK characters (Chinese notes quote English
    terms freely, so a majority rule would misfire), else en."""
    text = _texts(sources)
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    # ASCII letters counted as bytes: no other character's UTF-8 holds a byte below 0x80
    data = text.encode("utf-8", "surrogatepass")
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if cjk + latin == 0:
        return "en"
    return "zh" if cjk >= 0.2 * (cjk + latin) else "en"


def _timeline_lines(sources: Iterable[Source]) -> int:
    """How many lines form a timeline of clock times that mostly run forward (0 if too few)."""
    times = [
        int(m.group(1)) * 60 + int(m.group(2))
        for s in sources
        for line in s.lines
        if not line.speaker
        and (m := _CLOCK_LINE.match(line.text))
        and not _SPEAKER.match(m.group("rest"))
    ]
    if len(times) < _TIMELINE_MIN:
        return 0
    forward = sum(b >= a for a, b in zip(times, times[1:], strict=False))
    return len(times) if forward * 3 >= 2 * (len(times) - 1) else 0


def _named_kinds(sources: list[Source]) -> set[Kind]:
    """The kinds a document calls itself: named in a title, or in an "X retro" / "X复盘" phrase."""
    notes = [s for s in sources if s.type != "metrics" and s.lines]
    titles = "\n".join(s.lines[0].text for s in notes)
    text = _texts(notes)
    return {
        kind
        for kind, _, label, pattern in _COMPILED
        if (label in _KIND_NAMES and pattern.search(titles))
        or (label in _RETRO_PHRASES and pattern.search(text))
    }


def kind_scores(sources: Iterable[Source]) -> tuple[dict[Kind, float], dict[Kind, list[Cue]]]:
    """The weight of evidence for each kind, and the cues behind it."""
    sources = list(sources)
    text = _texts(s for s in sources if s.type != "metrics")
    scores: dict[Kind, float] = {}
    hits: dict[Kind, list[Cue]] = {}
    titles = "\n".join(s.lines[0].text for s in sources if s.type != "metrics" and s.lines)
    speakers = {line.speaker for s in sources for line in s.lines if line.speaker}
    supporting: dict[Kind, float] = {}
    chinese = _CJK.search(text) is not None
    low = text.lower()
    for kind, weight, label, pattern in _COMPILED:
        if label in _SELF_CUES and len(speakers) > 1:
            continue
        if not chinese and label in _CHINESE_ONLY:
            continue
        needles = _NEEDLES[label]
        if needles is not None and not any(n in low for n in needles):
            continue
        count = len(pattern.findall(text))
        if label == "个人复盘" and count:
            # "安和动物医院(滨江店)年终复盘": a place's year in review, not a person's
            count = sum(
                1
                for m in pattern.finditer(text)
                if not _ORG_BEFORE.search(_line_before(text, m.start()))
            )
        if label in _SELF_CUES:
            count = min(count, _SELF_CAP)
        if count:
            in_title = len(pattern.findall(titles)) if label in _KIND_NAMES else 0
            score = weight * (count + _TITLE_BOOST * in_title)
            if label in _SUPPORTING:
                supporting[kind] = supporting.get(kind, 0.0) + score
            else:
                scores[kind] = scores.get(kind, 0.0) + score
            hits.setdefault(kind, []).append(Cue(word=label, count=count))
    for kind, score in supporting.items():
        if kind in scores:
            scores[kind] += score
        else:
            hits.pop(kind, None)
    timeline = _timeline_lines(s for s in sources if s.type != "metrics")
    if timeline:
        scores["incident"] = scores.get("incident", 0.0) + min(timeline, _TIMELINE_CAP)
        hits.setdefault("incident", []).append(Cue(word="clock timeline", count=timeline))
    first_person = len(_FIRST_PERSON.findall(text))
    lines = sum(len(s.lines) for s in sources) or 1
    if (
        first_person >= 3
        and first_person / lines >= 0.15
        and len(speakers) <= 1
        # "I" in a note to the team about what "we" did is its writer
        and len(_TEAM.findall(text)) < first_person
    ):
        scores["personal"] = scores.get("personal", 0.0) + min(first_person, 2 * _SELF_CAP)
        hits.setdefault("personal", []).append(Cue(word='"I "', count=first_person))
    # Chinese has no capital "I" to count apart from quotes: "我" decides only when no kind has
    # evidence of its own, since a writer's "我" runs all through a project they built alone
    mine = len(_FIRST_PERSON_ZH.findall(text))
    if (
        mine > _SELF_CAP  # a few "我" only say who wrote the notes
        and mine / lines >= 0.15
        and len(speakers) <= 1
        and len(_TEAM_ZH.findall(text)) * 2 < mine
        and max(scores.values(), default=0.0) < _MIN_SCORE
    ):
        scores["personal"] = scores.get("personal", 0.0) + min(mine, 2 * _SELF_CAP)
        hits.setdefault("personal", []).append(Cue(word='"我"', count=mine))
    return scores, hits


def document_text(sources: Iterable[Source]) -> str:
    """The text the document model reads: every line of the notes, metrics tables left out."""
    return _texts(s for s in sources if s.type != "metrics")


def detect_kind(sources: Iterable[Source]) -> tuple[Kind, KindReason]:
    """The kind whose cue words weigh most, and the reason: its top cues with counts; or the
    kind the document model is sure of, where it names another."""
    sources = list(sources)
    kind, reason, weight = cued_kind(sources)
    if not model_may_decide(sources, kind, weight):
        return kind, reason
    guess = learned.document_kind(document_text(sources)[: learned.DOCUMENT_CHARS])
    if guess is None or guess[0] == kind or guess[1] < learned.SURE_KIND:
        return kind, reason
    if guess[0] not in get_args(Kind):  # a model file naming no kind of ours decides nothing
        return kind, reason
    return cast(Kind, guess[0]), KindReason(how="model", confidence=round(guess[1], 2))


def model_may_decide(sources: list[Source], kind: Kind, weight: float) -> bool:
    """Whether the document model may name the kind: not where the cue words weigh enough
    ("复盘" in the title and a dozen "上线"), nor where the document calls itself the kind the
    cues give ("今天做活动复盘"), nor in a few lines, fewer than the notes it learned from had."""
    lines = sum(1 for s in sources if s.type != "metrics" for line in s.lines if line.text.strip())
    return (
        weight < learned.WEAK_CUES
        and lines >= learned.DOCUMENT_LINES
        and kind not in _named_kinds(sources)
    )


def cued_kind(sources: list[Source]) -> tuple[Kind, KindReason, float]:
    """The kind the cue words alone give, why, and how much the strongest kind's cues weigh."""
    scores, hits = kind_scores(sources)
    weight = max(scores.values(), default=0.0)
    if weight < _MIN_SCORE:
        return "project", KindReason(how="default"), weight
    ranked = sorted(scores, key=lambda k: -scores[k])
    kind = ranked[0]
    if len(ranked) > 1 and scores[ranked[1]] >= _CLOSE * scores[kind]:
        named = _named_kinds(sources)
        if ranked[1] in named and kind not in named:
            kind = ranked[1]  # close call: the kind the document calls itself wins
    top = sorted(hits[kind], key=lambda cue: -cue.count)[:4]
    return kind, KindReason(how="cues", cues=top), weight
