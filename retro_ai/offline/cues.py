"""Cue phrases (zh and en) as regexes compiled once at import.

The offline engine is only as good as these lists: they are the conventional section headings
and inline labels of 复盘 reports, retros and postmortems (see research/retro-schema.md §4).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _rx(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# --- section headings -------------------------------------------------------------------------
# Checked in order: the first kind whose pattern matches a heading wins, so specific kinds
# ("成功经验", "what went wrong") come before the generic ones they contain ("经验", "went well").
HEADING_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("timeline", _rx(r"时间线|时间轴|事件经过|timeline|chronolog|sequence of events")),
    ("lessons_keep", _rx(r"成功经验|成功要素|关键成功|值得保持|经验总结|what to keep|keep doing")),
    (
        "lessons_improve",
        _rx(r"改进点|可改进|改进建议|待改进|需改进|改进之处|do differently|what to improve|to improve"),
    ),
    (
        "problems",
        _rx(
            r"went wrong|did ?n[o']t go well|didn't go well|went poorly|could (?:have gone|be) better"
            r"|not so well|pain points?"
        ),
    ),
    ("lessons", _rx(r"经验|教训|心得|lessons?|learn(?:ed|ings)|takeaways?|insights?")),
    (
        "highlights",
        _rx(
            r"亮点|做得好|成功之处|积极影响|收获|优势|went well|highlights?|\bwins?\b|successes"
            r"|what worked|^keep$|^continue$|^liked$|^glad$"
        ),
    ),
    ("problems", _rx(r"问题|不足|挑战|遗憾|失误|\bproblems?\b|\bissues?\b|challenges|^stop$|lacked")),
    (
        "causes",
        _rx(
            r"原因|根因|诱因|触发|root[ -]?causes?|contributing factors?|\bcauses?\b|\btriggers?\b"
            r"|why (?:did )?it (?:happen|fail)|why it failed|5 whys|five whys"
        ),
    ),
    ("results", _rx(r"达成情况|完成情况|成效|效果|结果|实际|\bresults?\b|outcomes?|achievements?")),
    ("goals", _rx(r"目标|预期|\bgoals?\b|objectives?|\btargets?\b|\bokrs?\b|\bkpis?\b")),
    ("summary", _rx(r"总结|结语|结论|小结|summary|conclusions?|tl;?dr")),
    (
        "actions",
        _rx(
            r"行动|改进计划|改进措施|措施|待办|下一步|计划|展望|action items?|\bactions\b|follow[- ]?ups?"
            r"|next steps?|remediation|prevention|improvements|to-?dos?|moving forward|^try$|^start$"
            r"|preventing it"
        ),
    ),
    ("background", _rx(r"背景|引言|序言|前言|概述|概况|简介|background|context|introduction|overview")),
    ("impact", _rx(r"影响|impact|blast radius|\bscope\b")),
    ("detection", _rx(r"发现|告警|detection|escalation|hard to detect|wasn't caught")),
    ("resolution", _rx(r"处置|恢复|修复|resolution|recovery|mitigation|response")),
    ("process", _rx(r"过程|经过|实施|执行|策略|阶段|之路|历程|approach|execution|strategy|phases?")),
]

INTRO_TITLE = _rx(r"引言|序言|前言|概述|introduction|overview")
BACKGROUND_TITLE = _rx(r"背景|background|context")

HORIZON = [
    ("short", _rx(r"短期|近期|立即|immediate|short[- ]term|near[- ]term|next \d+ weeks")),
    ("medium", _rx(r"中期|medium[- ]term|mid[- ]term")),
    ("long", _rx(r"长期(?!执行)|远期|long[- ]term")),
]

CAUSE_TYPE_HEADING = [
    ("root", _rx(r"根本原因|根因|root[ -]?cause")),
    ("direct", _rx(r"直接原因|direct cause")),
    ("trigger", _rx(r"触发|诱因|trigger")),
    ("contributing", _rx(r"促成|潜在原因|contributing")),
]

# --- inline labels ("负责人: 运维负责人", "Owner: Dana") --------------------------------------
LABEL_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("goal", _rx(r"(?:预期|核心|主要)?目标|goals?|objectives?|targets?|kpis?")),
    ("result", _rx(r"实际(?:结果|情况)?|结果|成果|达成情况|results?|actuals?|outcomes?")),
    ("highlight", _rx(r"亮点|做得好的?|优点|went well|what went well|keep|wins?|successes")),
    ("problem", _rx(r"问题|不足|挑战|problems?|went wrong|what went wrong|issues?|challenges?")),
    (
        "cause",
        _rx(
            r"(?:主要|根本|直接|触发)?原因|根因|because|due to|root[ -]?causes?|triggers?"
            r"|contributing factors?|causes?|why"
        ),
    ),
    ("lesson", _rx(r"经验|教训|经验教训|心得|lessons?(?: learned| learnt)?|learned|takeaways?|insights?")),
    ("suggestion", _rx(r"建议|改进建议|recommendations?|suggestions?")),
    (
        "action",
        _rx(
            r"行动|行动项|改进|改进措施|待办|下一步|actions?|action items?|todo|to-?do|follow[- ]?ups?"
            r"|next steps?|try"
        ),
    ),
    ("owner", _rx(r"负责人|责任人|负责部门|owners?|assignees?|responsible|dri")),
    ("due", _rx(r"完成时限|截止(?:日期|时间)?|时间节点|期限|完成时间|due(?: date)?|deadline|eta|by")),
    ("category", _rx(r"类别|分类|category|type")),
    ("baseline", _rx(r"基线|基准|baseline")),
    ("period", _rx(r"周期|时间范围|项目周期|活动周期|period|dates|duration")),
    ("title", _rx(r"项目名称|活动名称|报告名称|标题|名称|title|project|incident")),
]

# Mid-sentence cues for unstructured notes and transcripts ("The root cause was …").
MIDLINE_CUES = _rx(
    r"(?:^|(?<=[\s.;!?。；,，]))(?P<cue>action items?|follow[- ]?ups?|todo|next steps?|root[ -]?cause"
    r"|the trigger|trigger|contributing factors?|lessons? learned|lesson|takeaway|went well|went wrong"
    r"|行动项|待办|根本原因|根因|触发原因|教训|经验)"
    r"(?:\s+(?:was|is|were|are|for me|here)|\s*(?:是|为|在于))?\s*[:：,，-]?\s+(?=\S)"
)
MIDLINE_KIND = [
    ("action", _rx(r"action|follow|todo|next step|行动项|待办")),
    ("cause", _rx(r"root|trigger|contributing|根|触发")),
    ("lesson", _rx(r"lesson|takeaway|教训|经验")),
    ("highlight", _rx(r"went well")),
    ("problem", _rx(r"went wrong")),
]

# --- owners and dues ---------------------------------------------------------------------------
ORG_OWNER = re.compile(
    r"^(?:[\u4e00-\u9fff\w()（）]{1,14}?(?:部|组|团队|中心|办公室|委员会|负责人|经理|主管|总监|小组|室|处|PMO)"
    r"[/、,，和及]?)+$"
)
MENTION = re.compile(r"@([\w.\-]+)")
INLINE_FIELD = _rx(
    r"(?:^|(?<=[\s,;，；。(（|—–-]))(?P<label>负责人|责任人|完成时限|截止(?:日期|时间)?|owners?|assignees?"
    r"|due(?: date)?|deadline|eta)\s*[:：]\s*"
)
DUE_TAIL = _rx(
    r"[\s,，(（—–-]*\b(?:by|due(?: on| by)?|before|until)\s+"
    r"(?P<due>\d{4}-\d{1,2}-\d{1,2}|next (?:sprint|week|month|quarter|release)|end of (?:the )?"
    r"(?:next )?(?:week|month|quarter|sprint|year)|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|Q[1-4](?: \d{4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{1,2}(?:, \d{4})?)"
)
DUE_PHRASE = _rx(
    r"\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?|next (?:sprint|week|month|quarter|release)"
    r"|end of (?:the )?(?:next )?(?:week|month|quarter|sprint|year)"
    r"|下(?:个?月|周|季度|个迭代|一迭代周期?|半年)内?(?:完成)?|本(?:周|月|季度)内?(?:完成)?|月底前?|周[一二三四五五六日]前"
)
NAME_COMMITS = re.compile(
    r"^(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?: (?:will|to|owns|is going to|takes)\b|'ll\b)"
)
FIRST_PERSON_COMMIT = _rx(r"\b(?:I'll|I will|I can take|I'll take|I own)\b|我来|我负责")

# --- goals, targets, results --------------------------------------------------------------------
_UNIT = (
    r"%|个百分点|pp\b|毫秒|ms\b|秒|分钟|小时|天|个月|元|美元|用户|人次|人|个|次|条|单|笔|倍"
    r"|\s?(?:seconds?|secs?|s\b|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|users?|signups?"
    r"|orders?|requests?|tickets?|points?|x\b)"
)
TARGET = re.compile(
    r"(?P<cmp>[≥≤><]=?|不低于|不少于|不超过|至少|至多|最多)?\s*(?P<cur>[$¥€£])?"
    r"(?P<sign>[+\-±])?(?P<num>(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?|(?<![A-Za-z])[A-Z]{1,2}(?=百万|千万|万|千|亿|%))"
    r"(?P<mag>百万|千万|万|千|亿|\s?(?:k|K|M|million|bn)\b)?"
    r"(?P<unit>" + _UNIT + r")?",
)
CN_TARGET = re.compile(
    r"(?:提升|提高|增长|增加|至少|不少于|达到|翻)\s*(?P<t>[一二两三四五六七八九十]+\s*(?:倍|个|项|次))"
)
BARE_TARGET = _rx(
    r"(?:to|by|at least|at most|under|below|above|over|reach(?:ing)?|达到|至|到)\s+"
    r"(?P<t>\d[\d,]*(?:\.\d+)?)(?![\d\-/:.]|\s*[-/:])"
)
LOWER_AFTER = re.compile(r"^\s*(?:以内|以下|之内)")
HIGHER_AFTER = re.compile(r"^\s*(?:以上)")
LOWER_WORDS = _rx(
    r"缩短|降低|减少|下降|不超过|不高于|控制在|至多|最多|压缩|≤|<=|<|\breduc|\bdecreas|\bcut\b|\blower"
    r"|\bunder\b|\bbelow\b|at most|less than|no more than|\bwithin\b|\bshrink"
)
HIGHER_WORDS = _rx(
    r"提升|提高|增长|增加|增至|达到|不低于|不少于|至少|超过|新增|支持|扩大|翻倍|≥|>=|>|\bincreas|\braise"
    r"|\bgrow|\bimprov|\bboost|\breach|at least|\babove\b|\bover\b|more than|\bdouble"
)
BINARY_WORDS = _rx(r"上线|完成|交付|发布|\blaunch|\bship|\bdeliver|\brelease|go live|\bmigrat|\bcomplete")
BASELINE = _rx(
    r"(?:from|基线|基准|baseline|当前|原为|从)\s*(?:of|为|是|:|：)?\s*"
    r"(?P<b>[$¥€£]?\d+(?:,\d{3})*(?:\.\d+)?\s*(?:%|ms|毫秒|秒|万|元|s\b)?)"
)
GOAL_CATEGORY_LABEL = re.compile(r"目标$|^(?:功能|性能|时间|进度|成本|质量|体验|用户体验|交付|预算)$")
VERDICT_ZH = re.compile(
    r"超额完成|超出预期|超预期|略高于预期|高于预期|基本达成|基本完成|全部达成|全面达成|如期完成|按期完成"
    r"|未达到?预期(?:涨幅|目标|效果)?|未达成|未完成|未达标|略低于预期|低于预期|达到预期|符合预期"
    r"|略有延迟|有所延迟|延期|略有超支|超支|达成|达标"
)
VERDICT_EXPLICIT = re.compile(r"(?:此|该|本)?目标(?:已经?)?(?P<v>基本达成|全部达成|未达成|达成|未完成|完成)")
VERDICT_EN = _rx(
    r"\b(?:exceeded|beat (?:the )?target|surpassed|partially met|partly met|not met|missed|met|achieved"
    r"|hit (?:the )?target|on target|on track|fell short|behind|delayed|over budget|under budget"
    r"|on time|on budget)\b"
)
STATED_RATE = _rx(
    r"(?:达成率|完成率|达标率|achievement(?: rate)?|attainment)\s*(?:为|是|达|of|=|:|：)?\s*"
    r"(?P<r>\d+(?:\.\d+)?\s*%|[A-Z]{1,2}%)"
)
ACTUAL_LEAD = _rx(
    r"(?:达到|达|为|至|提升至|提升了?|增长了?|增加了?|降至|降低了?|缩短至|实现|产生|触达|覆盖"
    r"|reached|came in at|ended at|landed at|was|is|at|hit|actual(?:ly)?\s*:?)\s*$"
)
TARGET_PAREN = _rx(r"[(（]\s*(?:目标|target|goal)[^)）]*[)）]")
RESULT_WORDS = _rx(r"\bwe (?:reached|achieved|hit|missed|delivered|shipped|launched)\b|\bachieved\b|\bmissed\b")

# --- causes ------------------------------------------------------------------------------------
HEDGE = _rx(
    r"可能|初步|疑似|或许|大概|也许|猜测|推测|probably|likely|we think|might|may have|possibly|suspect"
    r"|perhaps|it seems|appears to|we believe"
)
CAUSE_ENUM_LEAD = re.compile(r"(?P<lead>主要原因|根本原因|直接原因|原因)(?:可能|或许|大概)?(?:在于|是|为|有)\s*[:：]?\s*")
CAUSE_INLINE = _rx(
    r"(?:由于|因为|源于|归因于|\bbecause(?: of)?\b|\bdue to\b|\bcaused by\b|\bas a result of\b"
    r"|\btriggered by\b|\broot[ -]?cause (?:was|is)\b|\bthe trigger (?:was|is)\b)\s*"
)
CAUSE_RESULT_SPLIT = re.compile(r"[,，]?\s*(?:导致|造成|致使|从而|因此|所以|以致)")
CAUSE_LEADS_TO = re.compile(r"导致|造成|致使")
ENUM_MARK = re.compile(r"[一二三四五六七八九十]是")
CAUSE_ROOT = _rx(r"主要原因|根本原因|根因|root[ -]?cause|fundamental")
CAUSE_TRIGGER = _rx(r"触发|诱因|trigger")
CAUSE_DIRECT = _rx(r"直接原因|directly caused|direct cause")
CAUSE_CONTRIB = _rx(r"促成|加剧|contribut|compound")

# --- lessons -----------------------------------------------------------------------------------
KEEP_WORDS = _rx(r"保持|继续|坚持|基石|关键|核心保障|生命线|是趋势|是.*的关键|\bkeep\b|\bcontinue\b|worked well")

# --- timeline ----------------------------------------------------------------------------------
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:UTC|GMT|CET|CEST|PST|PDT|EST|EDT|BST))?"
_DATE = (
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?"
)
TIME_AT_START = re.compile(
    rf"^\s*[\[(（]?(?P<at>(?:{_DATE})(?:,?\s+(?:at\s+)?{_TIME})?|{_TIME})[\])）]?\s*(?:[-–—:：|]\s*)?",
    _I,
)
CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")
HAS_TIME = re.compile(rf"{_TIME}|{_DATE}", _I)

# --- generic text ------------------------------------------------------------------------------
SENT_END = re.compile(r"(?<=[。！？!?；;])|(?<=[.])(?=\s+[A-Z\"“(\[])")
CLAUSE_SEP = re.compile(r"[,，;；。]")
TRIM_CHARS = " \t\u3000-–—:：,，;；。.、!！?？*_`>|"
LEADING_CONNECTOR = re.compile(r"^(?:其中|并且|并|同时|而且|以及|和|及|and|also|then)\s*[,，]?\s*", _I)
PERIOD_INLINE = re.compile(r"活动持续(?P<p>[^,，。;；]{1,8})")
