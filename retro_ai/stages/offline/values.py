"""Regexes for values in text: targets and their direction, verdicts, rates, clock times.

Kept apart from the cue phrases because these describe numbers as written ("提升30%",
"200毫秒以内", "X万元", "under 800 ms", "14:05 UTC"), which code elsewhere turns into numbers.
"""

from __future__ import annotations

import re
from typing import Literal

from retro_ai.ingest.docdate import MONTH
from retro_ai.stages.offline.cues import rx as _rx

_I = re.IGNORECASE

# --- goals, targets, results --------------------------------------------------------------------
_UNIT = (
    r"\s?(?:%|个百分点|毫秒|秒|分钟|小时|天|个月|元|美元|用户|人次|人|个|次|条|单|笔|倍"
    r"|张|份|户|家|台|件|本|篇|场|位|名|辆|套|箱|盒|斤|公斤|袋|瓶|杯|所|座|棵|只|块)"
    r"|\s?(?:pp|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|users?|signups?"
    r"|orders?|requests?|tickets?|points?|x)\b"
)
RANGE = re.compile(  # "8–10%", "25-30%", "3~5 天": a target band, not a change of -10%
    r"(?<![\d.\-/])\d+(?:\.\d+)?\s*[-–—~～]\s*\d+(?:\.\d+)?(?P<unit>" + _UNIT + r")"
)
TARGET = re.compile(
    r"(?P<cmp>[≥≤><]=?|不低于|不少于|不超过|至少|至多|最多)?\s*(?P<cur>[$¥€£])?"
    r"(?P<sign>[+\-±])?(?P<num>(?<![A-Za-z0-9_.])\d+(?:,\d{3})*(?:\.\d+)?"
    r"|(?<![A-Za-z])[A-Z]{1,2}(?=百万|千万|万|千|亿|%))"
    r"(?P<mag>百万|千万|万|千|亿|\s?(?:k|K|M|million|bn)\b)?"
    r"(?:来|多|余)?(?P<unit>" + _UNIT + r")?",  # "3100来张", "两百多单": about so many
)
CN_TARGET = re.compile(
    r"(?:提升|提高|增长|增加|至少|不少于|达到|翻)\s*(?P<t>[一二两三四五六七八九十]+\s*(?:倍|个|项"
    r"|次))"
)
BARE_TARGET = _rx(
    r"(?:(?:to|by|at least|at most|under|below|above|over|reach(?:ing)?)\s+|(?:达到|至|到)\s*)"
    r"(?P<t>\d[\d,]*(?:\.\d+)?)(?![\d\-/:.]|\s*[-/:])"
)
HALF = re.compile(
    r"减半|(?:缩短|降低|减少|砍掉?)一半|\bcut (?:\w+ )?in half\b|\bhalve[ds]?\b", re.I
)
# "2000 元/月以内", "100斤以内", "20min以内", "15分钟内完成"
LOWER_AFTER = re.compile(r"^\s*(?:/?\s?[^\W\d]{1,3}\s*)?(?:以内|以下|之内|内(?![容部外网存]))")
HIGHER_AFTER = re.compile(r"^\s*(?:以上)")
LOWER_WORDS = _rx(
    r"缩短|降低|减少|减到|减至|下降|削减|缩减|不超过|不高于|控制在|至多|最多|压缩|≤|<=|<|\breduc|\bdecreas|\bcut\b"
    r"|降到|降至|压到|压在|压至|低于|少于|\bnot more than\b|\bno (?:higher|later) than\b"
    r"|(?:别|不要|不能|不得|不许|不可)超过"
    r"|(?<=\d)\s*(?:[a-zA-Z%‰]{1,3}|[\u4e00-\u9fff])?(?:以内|以下)"  # "3s以内", "0.2%以下"
    r"|\blower"
    r"|\bunder\b|\bbelow\b|at most|less than|no more than|\bwithin\b|\binside\b|\bshrink"
    r"|跑进|\bsub[- ]?(?=\d)"
    r"|\bor (?:less|fewer|lower|under|below)\b|或以下|及以下|\bmax(?:imum)?\b"
    r"|\bcap(?:ped)? (?:\w+ )?at\b"
    # "ship in 8 weeks": a deliverable's time, where taking longer is worse
    r"|\b(?:ship|deliver|launch|finish|releas|build|complet|migrat|go live|wrap)\w*\b[^.,;]{0,40}?"
    r"\bin (?=\d+\s*(?:days?|weeks?|months?|sprints?)\b)"
)
HIGHER_WORDS = _rx(
    r"提升|提高|增长|增加|增至|达到|不低于|不少于|至少|超过|新增|支持|覆盖|扩大|翻倍|≥|>=|>|高于|多于"
    r"|冲(?:到|上)?(?=\s*\d|$)|保住|守住|做到"
    r"|\bincreas|\braise"
    r"|\bgrow|\bimprov|\bboost|\breach|at least|\babove\b|\bover\b|more than|\bdouble"
)


def words_say(text: str) -> Literal["lower", "higher"] | None:
    """ "lower" or "higher" as the last direction word of `text` says; where two end together
    the longer wins, so "不超过" and "no more than" say lower though "超过" and "more than"
    end there too."""
    best: tuple[int, int, Literal["lower", "higher"]] | None = None
    sides: tuple[tuple[re.Pattern[str], Literal["lower", "higher"]], ...] = (
        (LOWER_WORDS, "lower"),
        (HIGHER_WORDS, "higher"),
    )
    for pattern, says in sides:
        for m in pattern.finditer(text):
            key = (m.end(), -m.start(), says)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


# Units and spans of time name no measure: "38分钟" and "month 9" share them with anything.
UNIT_WORDS = "分钟 小时 毫秒 个月 每天 每周 每月 weeks days hours minutes months years percent"
MONEY = re.compile(r"[$¥€£]|元|块|美元|dollars?|euros?|pounds?|bucks|grand", re.I)

BINARY_WORDS = _rx(
    r"上线|完成|交付|发布|\blaunch|\bship|\bdeliver|\brelease|go live|\bmigrat"
    r"|\bcomplete"
)
# A mark or emoji between two figures ends the first: "812万 ✅ 峰值在线 3.8万".
MARK_END = re.compile(r"(?<=[\u2705\u274c\u2714\u2716\U0001F300-\U0001FAFF])\s+(?=\S)")
LOWER_METRIC = re.compile(  # lower is better for these, whatever verb is used
    r"耗时|成本|费用|预算|延迟|时延|时长|工期|\blatency\b|\bcost|\bbudget|\bspend|\bp9\d"
    r"|\bturnaround\b|(?<![-\w])(?<!\bon )time\b|\bduration\b|\bCPA\b|\bCAC\b|\bchurn\b"
    r"|\berror rate\b"
    r"|\bincidents?\b|\bbugs?\b|\berrors?\b|\bdefects?\b|\boutages?\b|故障|事故|缺陷|投诉"
    r"|\bbacklog\b|\bbounce|\bcomplaints?\b|\bescalations?\b|工时|超时|账单|退货|流失"
    r"|(?<![A-Za-z])crash(?![- ]?free)(?:es| rate)?(?![a-z])|崩溃|闪退|差评|\bflaky\b"
    r"|\bmis-?picks?\b|\bgroceries\b|\b(?:eating out|takeout|take-?away)\b|开销|花销|支出|外卖",
    re.I,
)
_ARROWED = r"[$¥€£]?\d[\d,.]*\s*(?:%|ms|毫秒|秒|分钟|小时|天|万|元)?\s*(?:→|->)\s*[$¥€£]?\d"
FROM_TO = _rx(  # "from 18% to 22%", "从 12 分钟压到 10 分钟", or just "40 -> 50"
    r"(?:(?:from|从|由)\s*(?:about|around|roughly|approx\.?|~|大约|大概|约)?\s*"
    r"|(?<![\w.\-–~])(?=" + _ARROWED + r"))"
    r"(?P<b>[$¥€£]?\d+(?:,\d{3})*(?:\.\d+)?\s*(?:%|ms|毫秒|秒|分钟|小时|天|万|元)?)\s*"
    r"(?:to|→|->|压到|压至|减到|减至|提升到|提升至|提高到|提高至|提到|涨到|拉到|升到|降低到|降低至|降到|降至|缩短到|缩短至|增长到|增长至|到"
    r"|至)\s*"
)
BASELINE = _rx(
    r"(?:from|基线|基准|baseline|当前|原为|原来|以前|\bwere|从)\s*(?:of|为|是|:|：)?\s*"
    r"(?P<b>[$¥€£]?\d+(?:,\d{3})*(?:\.\d+)?\s*(?:%|ms|毫秒|秒|万|元|s\b)?)"
)
GOAL_CATEGORY_LABEL = re.compile(
    r"目标$|^(?:功能|性能|时间|进度|成本|质量|体验|用户体验|交付"
    r"|预算)$"
)
# Done on the day that was set: "按时上线", "如期完成".
ON_TIME = r"(?:按时|如期|按期)(?:上线|完成|交付|开业|开学|发布|开通|开工|开放)"
VERDICT_ZH = re.compile(
    r"(?:没有?|不|没能)(?:达标|达到(?:目标|预期)?|达成|完成|做到)|超额完成|超出预期|超预期|略高于预期|高于预期|基本达成|基本完成|全部达成|全面达成|如期完成"
    rf"|按期完成|(?:没能?|未能?)?{ON_TIME}|(?:没能?|未能?)按时|晚了\s*(?:\d|[一两二三四五六七八九十半])"
    r"|未达到?预期(?:涨幅|目标|效果)?|未达成|未完成|未达标|略低于预期|低于预期|达到预期|符合预期"
    r"|略有延迟|有所延迟|延期|略有超支|超支|(?<![没不未有])达成(?!率)|(?<![没不未])达标(?!率)"
)
VERDICT_EXPLICIT = re.compile(
    r"(?:此|该|本)?目标(?:已经?)?(?P<v>基本达成|全部达成|未达成|达成"
    r"|未完成|完成)"
)
VERDICT_EN = _rx(
    r"\b(?:exceeded|beat (?:the )?target|surpassed|partially met|partly met|not met|missed|met"
    r"|achieved"
    r"|hit (?:the )?target|on target|on track|fell short|came up short|short of (?:the )?"
    r"(?:target|goal|plan)|no cigar|behind|delayed|over budget|under budget"
    r"|on time|on budget|late|early|(?<!not )(?<!n't )(?<!half )(?<!never )(?<!be )done"
    r"|half[- ]done|(?:partly|partially) done|mostly(?=\s*(?:[?!]|$)))\b"
)
# A yes or a no as a goal's whole answer: "demo: yes!!", "live data: nope"
ANSWER_WORDS = r"yes|yep|yeah|yup|nope|nah|no|done|not done"
STATED_RATE = _rx(
    r"(?:达成率|完成率|达标率|achievement(?: rate)?|attainment)\s*(?:为|是|达|of|=|:|：)?\s*"
    r"(?P<r>\d+(?:\.\d+)?\s*%|[A-Z]{1,2}%)"
)
TARGET_PAREN = _rx(r"[(（]\s*(?:目标|target|goal)[^)）]*[)）]")
RESULT_START = _rx(
    r"^(?:overall,?\s+)?we (?:reached|achieved|hit|missed|exceeded|beat|fell short)\b"
    r"|^(?:实际|最终)(?:达到|完成|实现)"
)
RESULT_WORDS = _rx(
    r"\bwe (?:reached|achieved|hit|missed|delivered|shipped|launched)\b"
    r"|\bachieved\b|\bmissed\b"
)

# --- timeline ----------------------------------------------------------------------------------
_TIME = (
    r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:UTC|GMT|CET|CEST|PST|PDT|EST|EDT|BST))?"
)
_DATE = (
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
    rf"|\b{MONTH} \d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,? \d{{4}})?"
)
TIME_AT_START = re.compile(
    rf"^\s*[\[(（]?(?P<at>(?:{_DATE})(?:,?\s+(?:at\s+)?{_TIME})?|{_TIME})[\])）]?\s*(?:[-–—:："
    rf"|]\s*)?",
    _I,
)
CLOCK = re.compile(rf"(?<![\d:])(?:{_TIME})(?![\d:])", _I)
