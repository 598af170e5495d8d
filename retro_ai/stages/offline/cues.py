"""Cue phrases (zh and en) as regexes compiled once at import.

The offline engine is only as good as these lists: they are the conventional section headings
and inline labels of 复盘 reports, retros and postmortems (see research/retro-schema.md §4).
"""

from __future__ import annotations

import re
from typing import Literal

from retro_ai.needles import Gated
from retro_ai.schema import CauseType, Horizon

_I = re.IGNORECASE


def rx(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def gated(pattern: str, flags: int = _I) -> Gated:
    """A cue searched only in texts holding one of its words: for the long alternations tried
    on every sentence, most of which hold none of them (retro_ai.needles)."""
    return Gated(rx(pattern, flags))


# --- section headings -------------------------------------------------------------------------
# Checked in order: the first kind whose pattern matches a heading wins, so specific kinds
# ("成功经验", "what went wrong") come before the generic ones they contain ("经验", "went well").
HEADING_KINDS: list[tuple[str, Gated]] = [
    (
        "followups",
        gated(
            r"上(?:一)?(?:期|次|轮|个?迭代|个?冲刺|个?sprint)的?(?:行动|改进|待办|action)"
            r"|(?:行动|改进)项跟进|(?:previous|last|prior)\b.{0,25}\b(?:actions?|action items?"
            r"|follow[- ]?ups?|to-?dos?|commitments)\b|(?:actions?|action items?) from (?:the )?"
            r"(?:last|previous|prior)\b|carried[- ]over"
        ),
    ),
    ("timeline", gated(r"时间线|时间轴|事件经过|timeline|chronolog|sequence of events")),
    (
        "lessons_keep",
        gated(r"成功经验|成功要素|关键成功|值得保持|经验总结|what to keep|keep doing"),
    ),
    (
        "lessons_improve",
        gated(
            r"改进点|可改进|改进建议|待改进|需改进|改进之处|do differently|what to improve"
            r"|to improve|如果重来|重来一次|if I (?:did|could do) it (?:again|over)"
        ),
    ),
    (
        "problems",
        gated(
            r"\bnot (?:wins?|great|good|so good)\b|less good|做得不好|不好的|没做好|待提升"
            r"|^lacked\b|went wrong|did ?n[o']t go well|didn't go well|went poorly"
            r"|could (?:have gone|be) better"
            r"|not so well|pain points?|what didn'?t\b|what did not\b"
        ),
    ),
    (
        "lessons",
        gated(
            r"经验|教训|心得|lessons?|learn(?:ed|ings)|takeaways?|insights?|^learn$"
            r"|\btaking (?:away|into|forward|with (?:me|us))\b|\bcarry(?:ing)? (?:forward|into)\b"
        ),
    ),
    (
        "highlights",
        gated(
            r"亮点|做得好|成功之处|积极影响|收获|优势|went well|highlights?|\bwins?\b|successes"
            r"|what worked|^keep$|^continue$|^liked$|^glad$|lucky|^luck$|侥幸"
            r"|\bdodged (?:a |the )?bullets?\b"
        ),
    ),
    (
        "problems",
        gated(
            r"问题|不足|挑战|遗憾|失误|\bproblems?\b|\bissues?\b|challenges|^stop$"
            r"|lacked"
        ),
    ),
    (
        "causes",
        gated(
            r"原因|根因|诱因|触发|root[ -]?causes?|contributing factors?|\bcauses?\b|\btriggers?\b"
            r"|why (?:did )?it (?:happen|fail)|why it failed|5 whys|five whys|^why\??\s*(?:/|$)"
            r"|鱼骨|因果图|五问|5\s*(?:个)?为什么|fishbone|ishikawa"
        ),
    ),
    (
        "results",
        gated(
            r"达成情况|完成情况|成效|效果|结果|实际|\bresults?\b|outcomes?|achievements?"
            r"|sprint review|迭代评审"
        ),
    ),
    ("goals", gated(r"目标|预期|\bgoals?\b|objectives?|\btargets?\b|\bokrs?\b|\bkpis?\b")),
    ("summary", gated(r"总结|结语|结论|小结|summary|conclusions?|tl;?dr")),
    (
        "actions",
        gated(
            r"行动|改进计划|改进措施|改进项|整改项|后续改进|措施|待办|下一步|计划|打算|后续安排|工作安排|展望"
            r"|^谁(?:去|来)?(?:弄|做|干|跟|负责)|分工|\bwho(?:'s| is)? (?:does|on) what\b"
            r"|action items?|\bactions\b"
            r"|follow[- ]?ups?"
            r"|next steps?|remediation|prevention|improvements|to-?dos?|moving forward|^try$"
            r"|^start$"
            r"|preventing it|(?:^|\s)plans?$|^[【\[]?action[】\]]?$"
            r"|\b(?:changes|plans?|to-?dos?) for next (?:year|time|season|term|month|sprint)\b"
            r"|^下一(?:场|站|阶段)"  # "**下一场:**" over the plan for the next race
        ),
    ),
    (
        "background",
        gated(
            r"背景|引言|序言|前言|概述|概况|简介|background|context|introduction"
            r"|overview"
        ),
    ),
    ("impact", gated(r"影响|impact|blast radius|\bscope\b")),
    ("detection", gated(r"发现|告警|detection|escalation|hard to detect|wasn't caught")),
    ("resolution", gated(r"处置|恢复|修复|resolution|recovery|mitigation|response")),
    (
        "process",
        gated(
            r"过程|经过|实施|执行|策略|阶段|之路|历程|approach|execution|strategy"
            r"|phases?"
        ),
    ),
]

# A heading naming a stage of a journey: "2.1 认知准备阶段", "阶段一:打基础", "Phase 1: …".
PHASE_TITLE = rx(
    r"阶段|^(?:phase|stage|step)\s*(?:\d+|[ivx]+|one|two|three|four|five)\b"
    r"|^第[一二三四五六七八九十\d]+(?:阶段|步)"
)
# The labels inside a phase: 挑战 / 行动 / 收获, Challenges / What I did / What I learned.
PhaseLabel = Literal["challenges", "actions", "gains"]  # the lists of a PhaseDraft
PHASE_LABELS: list[tuple[PhaseLabel, re.Pattern[str]]] = [
    (
        "challenges",
        rx(
            r"(?:主要|最大的?)?(?:挑战|困难|难点|障碍)|challenges?|difficult(?:y|ies)|obstacles?"
            r"|what was hard|hurdles?|struggles?"
        ),
    ),
    (
        "actions",
        rx(
            r"行动|做法|举措|措施|应对|actions?(?: taken)?|what I did|what we did|steps?(?: taken)?"
            r"|approach"
        ),
    ),
    (
        "gains",
        rx(
            r"收获|成果|成长|心得|gains?|results?|outcomes?|what I (?:learned|learnt|gained|got)"
            r"|learnings?|takeaways?|lessons?(?: learned)?"
        ),
    ),
]


def phase_label(text: str) -> PhaseLabel | None:
    """challenges, actions or gains when `text` is one of a phase's labels."""
    return next((name for name, p in PHASE_LABELS if p.fullmatch(text.strip())), None)


LUCK = rx(r"lucky|\bluck\b|侥幸|运气|\bdodged (?:a |the )?bullets?\b")
# Retro-board columns: Keep items are also lessons to keep; Try items may be phrased as lessons.
KEEP_BOARD = rx(r"^(?:keep|continue|keep doing|保持|继续保持|继续)$")
TRY_BOARD = rx(r"^(?:try|start|start doing|尝试|开始做)$")
LESSON_PHRASE = rx(r"\bshould\b|\bmust\b|\bneeds? to\b|\bbetter to\b|应该|应当|必须|需要")

INTRO_TITLE = rx(r"引言|序言|前言|概述|introduction|overview")

HORIZON: list[tuple[Horizon, re.Pattern[str]]] = [
    ("short", rx(r"短期|近期|立即|immediate|short[- ]term|near[- ]term|next \d+ weeks")),
    ("medium", rx(r"中期|medium[- ]term|mid[- ]term")),
    ("long", rx(r"长期(?!执行)|远期|long[- ]term")),
]

CAUSE_TYPE_HEADING: list[tuple[CauseType, re.Pattern[str]]] = [
    ("root", rx(r"根本原因|根因|root[ -]?cause")),
    ("direct", rx(r"直接原因|direct cause")),
    ("trigger", rx(r"触发|诱因|trigger")),
    ("contributing", rx(r"促成|潜在原因|contributing")),
]

# --- inline labels ("负责人: 运维负责人", "Owner: Dana") --------------------------------------
LABEL_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "goal",
        rx(
            r"(?:预期|核心|主要|迭代|冲刺|本期|挑战)?目标|(?:sprint |stretch )?goals?|objectives?"
            r"|targets?|kpis?|commitment|committed|stretch|承诺"
        ),
    ),
    ("result", rx(r"实际(?:结果|情况)?|结果|成果|达成情况|results?|actuals?|outcomes?")),
    (
        "highlight",
        rx(
            r"亮点|做得好的?|优点|went well|what went well|keep|continue|wins?|successes"
            r"|good (?:bits|things|stuff|news)|the good|positives"
        ),
    ),
    (
        "problem",
        rx(
            r"问题|不足|挑战|problems?|went wrong|what went wrong|issues?|challenges?"
            r"|bad (?:bits|things|news)|the bad|not so good|negatives"
        ),
    ),
    (
        "cause",
        rx(
            r"(?:主要|根本|直接|触发|潜在)?原因|根因|促成因素|诱因|because|due to"
            r"|root[ -]?causes?|triggers?"
            r"|contributing factors?|causes?|why(?: tho| though| so)?|为啥|为什么"
            r"|what (?:actually |really )?broke"
        ),
    ),
    (
        "lesson",
        rx(
            r"经验|教训|经验教训|心得|lessons?(?: learned| learnt)?|learned|takeaways?"
            r"|insights?|note to self|reminder to self|提醒自己"
        ),
    ),
    ("suggestion", rx(r"建议|改进建议|recommendations?|suggestions?")),
    (
        "action",
        rx(
            r"行动|行动项|改进|改进措施|待办|下一步|actions?|action items?|todo|to-?do"
            r"|follow[- ]?ups?"
            r"|next steps?|try|start|stop|start doing|stop doing"
        ),
    ),
    ("owner", rx(r"负责人|责任人|负责部门|owners?|assignees?|responsible|dri")),
    (
        "due",
        rx(
            r"完成时限|截止(?:日期|时间)?|时间节点|期限|完成时间|due(?: date)?|deadline|eta"
            r"|by"
        ),
    ),
    ("category", rx(r"类别|分类|category|type")),
    ("status", rx(r"状态|status")),
    ("baseline", rx(r"基线|基准|baseline")),
    ("period", rx(r"周期|时间范围|项目周期|活动周期|period|dates")),
    ("background", rx(r"背景|项目背景|活动背景|background|context")),
    ("title", rx(r"项目名称|活动名称|报告名称|标题|名称|title|project|incident")),
]

# Mid-sentence cues for unstructured notes and transcripts ("The root cause was …").
MIDLINE_CUES = rx(
    r"(?:^|(?<=[\s.;!?。；,，]))(?P<cue>action items?|follow[- ]?ups?|todo|next steps?"
    r"|root[ -]?cause"
    r"|the trigger|trigger|contributing factors?|lessons? learned|lesson|takeaway|went well"
    r"|went wrong"
    r"|行动项|待办|根本原因|根因|触发原因|教训|经验)"
    r"(?:\s+(?:was|is|were|are|for me|here)|\s*(?:是|为|在于))?\s*[:：,，-]?\s+(?=\S)"
)
MIDLINE_KIND = [
    ("action", rx(r"action|follow|todo|next step|行动项|待办")),
    ("cause", rx(r"root|trigger|contributing|根|触发")),
    ("lesson", rx(r"lesson|takeaway|教训|经验")),
    ("highlight", rx(r"went well")),
    ("problem", rx(r"went wrong")),
]

# --- owners and dues ---------------------------------------------------------------------------
ORG_OWNER = re.compile(
    r"^(?:[\u4e00-\u9fff\w()（）]{1,14}?(?:部|组|团队|中心|办公室|委员会|负责人|经理|主管|总监"
    r"|小组|室|处|PMO)"
    r"[/、,，和及]?)+$"
)
MENTION = re.compile(r"@([\w.\-]+)")
OWNER_TAIL = rx(
    r"[,;，；]\s*(?:owner|owned by|assigned to|assignee)\s+(?P<o>@?[A-Z][\w.@-]*(?: [A-Z][\w-]*)?)"
    r"\s*[.。]?$"
)
INLINE_FIELD = rx(
    r"(?:^|(?<=[\s,;，；。(（|—–-]))(?P<label>负责人|责任人|完成时限|截止(?:日期|时间)?|owners?"
    r"|assignees?"
    r"|due(?: date)?|deadline|eta)\s*[:：]\s*"
)
DUE_TAIL = rx(
    r"[\s,，(（—–-]*\b(?:by|due(?: on| by)?|before|until)\s+"
    r"(?P<due>\d{4}-\d{1,2}-\d{1,2}|next (?:sprint|week|month|quarter|release)|end of (?:the )?"
    r"(?:next )?(?:week|month|quarter|sprint|year)|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|Q[1-4](?: \d{4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov"
    r"|dec)[a-z]* \d{1,2}(?:, \d{4})?)"
)
DUE_PHRASE = rx(
    r"\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?|next (?:sprint|week|month|quarter|release)"
    r"|end of (?:the )?(?:next )?(?:week|month|quarter|sprint|year)"
    r"|下(?:个?月|周|季度|个迭代|一迭代周期?|半年)内?(?:完成)?|本(?:周|月|季度)内?(?:完成)?"
    r"|月底前?|周[一二三四五五六日]前"
)
NAME_COMMITS = re.compile(
    r"^(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?: (?:will|to|owns|is going to|takes)\b|'ll\b)"
    r"(?! be [a-z]+ed\b)"  # "Case to be presented at the huddle" names no one
)
FIRST_PERSON_COMMIT = rx(
    r"\b(?:I'll|I will|I can take|I'll take|I own|I'm going to|I am going to)\b|我来|我负责"
)
FIRST_PERSON_LEAD = rx(
    r"^(?:I'll|I will|I can|we'll|we will|I'm (?:also )?going to|I am going to)\s+(?:take\s+)?"
)
INCIDENT_WORDS = gated(r"outage|incident|failure|degradation|故障|事故|宕机|中断")

# --- causes ------------------------------------------------------------------------------------
HEDGE = gated(
    r"可能|初步|疑似|或许|大概|也许|猜测|推测|probably|likely|we think|might|may have|possibly"
    r"|suspect|\breckon\b|\bmy hunch\b|\bI bet\b|\bprolly\b|\bprobs\b"
    # chat shorthand: "prob also bc half of us had exams"; "the prob is" is a problem
    r"|\bprob\b(?= (?:also |just )?(?:bc|b/c|because|cos|cuz|due|from|that|not|also|just)\b)"
    r"|perhaps|it seems|appears to|we believe|\bmaybe\b|\bI think\b|\bI guess\b|I'd guess"
    r"|觉得|估计(?:是|主要|可能|跟|和|与|会|就|也|还|大概|应该)"
    r"|(?:(?<![\u4e00-\u9fff])|(?<=[我们他她家]))估计(?!值|不足|偏|错|失误|得)"  # not 估计不足
    r"|怀疑|还没查实|未确认|待确认|还没.{0,4}验证"
    r"|我猜|不确定|没验证|未验证|\bnot (?:yet )?confirmed\b|\bunconfirmed\b|\bnot sure\b"
    r"|\b(?:might|may|could) (?:also )?be\b|\bhinted\b|\bmy guess\b|\bI'?d bet\b"
)
CAUSE_ENUM_LEAD = re.compile(
    r"(?P<lead>主要原因|根本原因|直接原因|原因)(?:可能|或许"
    r"|大概)?(?:在于|是|为|有)\s*[:：]?\s*"
)
CAUSE_INLINE = gated(
    r"(?:由于|因为|源于|归因于|\bbecause(?: of)?\b|\bdue to\b|\bcaused by\b|\bas a result of\b"
    r"|\btriggered by\b|\broot[ -]?cause (?:was|is)\b|\bthe trigger (?:was|is)\b"
    r"|\bb/c\b|\bbc\b(?= [a-z]))\s*"
)
CAUSE_RESULT_SPLIT = re.compile(
    r"[,，]?\s*(?:导致|造成|致使|从而|因此|所以|以致|于是)"
    r"|,\s*(?:which (?:meant|led)|which is (?:probably |likely )?why)\b"
)
# Verbs of consequence: the clause before them is the cause ("A, which meant B", "A,结果B").
CAUSE_LEADS_TO = Gated(
    re.compile(
        r"导致|造成|致使|以至于?|以致|于是|(?<=[,，])\s*结果(?![:：])"
        r"|[,;]?\s*\b(?:which|that|this) (?:meant|led to|caused)\b"
        r"|\b(?:led|leads) to\b|\bresulted in\b",
        re.IGNORECASE,
    )
)
# A fishbone's categories (人机料法环测, the 6 Ms) label causes, one branch each.
FISHBONE_BRANCH = rx(
    r"人|机|料|法|环|测|人员|机器|设备|物料|材料|方法|流程|环境|测量"
    r"|man(?:power)?|people|machines?|materials?|methods?|process|environment|measurements?|tools?"
)
# A question asking why ("why did it fail?", "为啥晚了?"): the reply states a cause.
WHY_QUESTION = rx(r"\bwhy\b|\bhow come\b|为什么|为啥|怎么会|咋会|怎么回事")
ENUM_MARK = re.compile(r"[一二三四五六七八九十]是")
CAUSE_ROOT = gated(
    r"主要原因|根本原因|根因|根源|根子|说到底|归根(?:结底|到底)|\broot\b|fundamental|underlying"
    r"|the real (?:problem|issue|cause)|boils down to|at the end of the day"
)
CAUSE_TRIGGER = rx(r"触发|诱因|trigger")
CAUSE_DIRECT = rx(r"直接原因|directly caused|direct cause")
CAUSE_CONTRIB = rx(
    r"促成|加剧|雪上加霜|contribut|compound|made (?:\w+ )?worse|makes? (?:\w+ )?worse"
)
# A missing check ("没在预发验证", "went out without a load test") is the root of what followed.
CAUSE_GAP = rx(
    r"(?:没|没有|未|缺少|缺乏)[^,，。]{0,8}(?:测试|验证|评审|演练|压测|审批|检查|参与)"
    r"|\b(?:without|don'?t|didn'?t|never|no)\b[^,.;]{0,30}\b(?:tests?|testing|load test|review"
    r"|reading|validat\w*|check\w*|rehears\w*|sign-?off|owner|process|checklist|runbook)\b"
    r"|(?:没|没有|未|缺少|缺乏)[^,，。]{0,10}(?:标准|流程|规范|清单|机制|负责人|owner)"
    r"|全靠|靠记忆|凭感觉|\bnobody owns\b|\bno one owns\b|\bno owner\b"
)
# A problem bullet taken back ("这条不算问题", "算是好事", "not really a problem") is a highlight.
REVERSAL = rx(
    r"不算问题|算是好事|是件好事|not (?:really )?(?:a|an) (?:problem|issue)|blessing in disguise"
)
CAUSE_ALSO = rx(
    r"另外|也|还有|加上|而且|再加上|\balso\b|\btoo\b|\banyway\b|\bas well\b|on top|^\W*plus\b"
)

# --- lessons -----------------------------------------------------------------------------------
KEEP_WORDS = rx(
    r"保持|继续|坚持|基石|关键|核心保障|生命线|是趋势|是.*的关键|\bkeep\b"
    r"|\bcontinue\b|worked well"
)

# --- generic text ------------------------------------------------------------------------------
SENT_END = re.compile(
    r"(?<=[。！？!?；;])|(?<=[.])(?=\s+[A-Z\"“(\[])"
    r"|(?<=[\u4e00-\u9fff）)][.])(?=\s*[^\s\d.])"  # "比目标还高.科目三…": a half-width stop
)
CLAUSE_SEP = re.compile(r"[,，;；。]")
TRIM_CHARS = " \t\u3000-–—:：,，;；。.、!！?？*_`>|"
LEADING_CONNECTOR = re.compile(
    r"^(?:其中|并且|并|同时|而且|以及|和|及|是|(?:and|also|then|that)\b)\s*[,，]?\s*", _I
)
PERIOD_INLINE = re.compile(r"活动持续(?P<p>[^,，。;；]{1,8})")


# A table's columns: "| 指标 | 目标 | 实际 |", "| Metric | Target | Actual |".
ACTUAL_COLUMN = re.compile(
    r"实际|结果|达成|完成|目前|现在|最后|跑出来|(?<!想)做到|actual|result|got|achieved|landed|outcome"
    r"|where we (?:are|ended|got)|so far|^now$|^today$"
    # a column headed by the time since: "| 当初的目标 | 一年后 |", "| Goal | A year on |"
    r"|(?:一|两|三|半|\d+)个?(?:年|月|周)(?:以)?后|后来|如今"
    r"|\b(?:a|one|two|six|\d+) (?:years?|months?|weeks?) (?:on|later)\b|\bhow it (?:went|ended)\b",
    re.I,
)
# A column that only grades a row ("| RAG |", "| Status |", "| 状态 |"): it names no goal.
STATUS_COLUMN = re.compile(
    r"^\s*(?:RAG|status|state|verdict|grade|rating|result\?|hit\?|met\?|ok\?"
    r"|状态|评价|结论|评级|是否达成|达成情况|完成情况)\s*$",
    re.I,
)
# A traffic-light grade: green kept, amber half kept, red missed.
RAG = {
    **{k: "met" for k in ("green", "🟢", "绿", "绿灯")},
    **{k: "partial" for k in ("amber", "yellow", "🟡", "🟠", "黄", "黄灯")},
    **{k: "missed" for k in ("red", "🔴", "红", "红灯")},
}
TARGET_COLUMN = re.compile(
    r"目标|计划|预期|要求|说好|承诺|定的|说的|拍板|定下|target|goal|plan|expected|kpi"
    r"|what we (?:said|promised|agreed|aimed)|we said|going in|promised"
    r"|想做到|想要|打算|希望|\baim(?:ed)?\b|\bhoped\b|\bwanted\b",
    re.I,
)


def target_and_actual(header: list[str]) -> bool:
    """Whether a table's header names a target column and an actual one."""
    return any(TARGET_COLUMN.search(h) for h in header) and any(
        ACTUAL_COLUMN.search(h) for h in header
    )
