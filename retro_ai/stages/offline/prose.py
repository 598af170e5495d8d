"""Sentence-level reading of prose paragraphs and chat lines.

Minutes written as running text put their cues anywhere in a sentence ("比较稳定的是接口层",
"教训是…", "the batch size change went out without a load test, that's the root of it"), not
in headings or "标签:" lines. Each sentence of an otherwise unclaimed unit is read on its own
and becomes a highlight, problem, cause or lesson when its words say so; sentences that say
nothing of the kind are left to the other readers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retro_ai.needles import Gated
from retro_ai.stages.offline import cues, learned
from retro_ai.stages.offline.text import Span

# Luck: it went well, but not by design.
LUCK = cues.gated(
    r"幸运|侥幸|运气好|运气成分|\blucky\b|\bluckily\b|\bluck\b|\bfortunately\b|\bthankfully\b"
    # "还好失败都在握手阶段", "幸亏发电机上礼拜刚保养过": it went well, by chance
    r"|(?:^|[,，。;；:：\s])(?:还好|幸好|好在|幸亏)(?![啦吧了的呀,，。!！])"
)
# Lessons: what to keep or change next time; the cue may lead the sentence ("教训是…").
LESSON = cues.gated(
    r"教训|经验是|心得是|下次(?![\u4e00-\u9fff]{1,4}会(?!议室)|去[^,，。]{1,8}?的?时候)|下回|以后.{0,12}?(?:要|得|必须|一律|统一|不要|别|不能)|需要改进"
    r"|早知道|可以延续|值得延续|值得保持|\bshould(?:n'?t)? have\b|\bshould'?ve\b|in hindsight"
    r"|in retrospect|(?:we'?d|we would|I'?d|I would) do differently|\bwish we(?:'d| had)\b"
    r"|lessons? learned|\blesson\b|takeaway|learned that|next time,? (?:we|I)\b"
    r"|going forward,? (?:we|I) (?:should|must|need)"
    # "a call beats three emails", "done > perfect"; not "the variant beat control by 40%" (how
    # it went) nor "p99 > 2000ms" (a threshold)
    r"|\sbeats?\s(?!(?:the |our |my |their |its |last )?(?:target|control|goal|plan|forecast"
    r"|estimate|guess|expectations?|baseline|benchmark|record|budget|year|week|month|quarter)\b)"
    r"|(?<![\d\s])\s>\s(?!\d)"
    # a rule for next time, stated as one: "关键岗位必须有备份", "Rest counts as training",
    # "get legal in the room in week one, not week six", "never rotate creds without …"
    r"|^(?:[^,，。]{1,16}?)(?:必须|务必|一定要|要(?:按|先|在|拆|提前|单独))"
    r"|^(?:always|never|don'?t|do not|start|read|get|keep|make sure)\b[^.?!]{6,}"
    r"(?:\bbefore\b|\bnot\b|\bwithout\b|\bonce\b|\bin week\b|\bfirst\b)"
    r"|\b(?:has|have) to go\b|\bis a wish\b|\bcounts as\b"
    r"|^(?:never|don'?t|do not)\s+"
    # a rule ("Don't ship on Fridays"), not a state ("Don't have a number yet")
    r"(?!really\b|(?:have|know|think|remember|recall|mind|care|expect)\b)[a-z]"
    r"|\bno exceptions\b|\b(?:is|are) not optional\b"
    r"|\bisn'?t \S+ until\b|^treat\b.+\bas\b.+\bnot\b|\b(?:is|are) not (?:the same as )?[a-z]+$"
    # a house rule: "…, always", "doesn't get to be … again", "不许进卧室", "no more than 4 … from"
    r"|,\s*always\W*$|\b(?:doesn'?t|don'?t|won'?t)\b.{0,60}\bagain\b|不许"
    r"|\bno more than\b.{0,40}\bfrom\b"
)
# Where a lesson's words start once its cue is dropped: "教训是X" -> "X".
LESSON_LEAD = cues.rx(
    r"^.{0,12}?(?:教训|经验|心得|可以延续的|值得延续的|值得保持的)(?:是|就是|在于)?\s*[:：,，]?\s*"
    r"|^.{0,30}?(?:lessons? learned|\blesson|takeaway)s?(?:\s+(?:is|was|here))?\s*[:,-]?\s*"
)
# Causes: why something happened, stated or guessed.
CAUSE = cues.gated(
    r"原因|根因|因为|由于|归因于|源于|导致|造成|\bbecause\b|\bb/c\b|\bdue to\b|\bcaused by\b"
    r"|\broot\b|\bsuspect\b|I'd guess|came from|contribut"
    # owning the fault: "样品那个怪我", "我的锅", "that's on me"; and "…,所以没测出来"
    r"|怪我|我的锅|\b(?:that's|that one's|this is|it's) on (?:me|us)\b|[,，]\s*所以(?:才|就)?没"
    r"|(?:可能|大概|怀疑|估计|猜)是(?![\d约])|the reason"
    r"|拖慢|拖累|(?:和|与|跟).{2,30}有关|slowed (?:us|things|it)? ?down"
    r"|that'?s why|which is (?:probably )?why"
    # "All 248 orders on one day through one till, that's what did it"
    r"|that'?s what (?:did it|caused it|killed (?:it|us)|broke it|did for us)\b"
    # a guess or a summing-up that explains: "I think our lookalikes were stale", "说到底是…"
    r"|^(?:(?:and|but|so|also|honestly),? )?(?:I think|probably|prob\.|my guess is|i suspect)\b"
    # "I reckon some of it is that Thursday clashes…", "Most likely it's the 4:15 start"
    r"|^(?:I reckon|most likely|more than likely)\b[^.]{0,24}?"
    r"\b(?:it'?s|it is|it was|is that|was that)\b"
    r"|\bi think$|^(?:我)?(?:个人)?(?:觉得|估计)(?:还是|主要是|是)?|说到底|归根到底|归根结底|根子在"
    r"|主要是因为|(?:^|[,，])主要(?:是|在于)|\b(?:was|is) mostly (?:the|because|down to)\b"
    r"|\bwas just underestimated\b|\bwe never (?:spiked|tested|checked|load[- ]tested)\b"
    r"|^(?:bc|cause|'cause|coz)\b|\bI'?d bet\b|^(?:probably|prob) just\b"
    # a factor named as one, or a judgement of what it mostly came down to
    r"|因素|\ba factor\b|\bpartly (?:because|due|down to|me|us|our|my)\b|部分原因"
    r"|(?:觉得|认为|估计)(?:还是)?主要(?:是|在于)"
    r"|^nobody (?:ever )?(?:sent|told|checked|owned|tested|on)\b"
)
# Highlights: praise in so many words.
HIGHLIGHT = cues.gated(
    r"做得好|做得不错|做得很好|超出预期|超预期|比较稳定|很稳定|效果很好|效果不错|起了很大作用"
    r"|很默契|顺很多|顺利|亮点|值得表扬|kudos|shout[- ]?out"
    r"|(?:went|worked) (?:really |very |pretty |so |super |quite |surprisingly )?well"
    r"|really helped|best part|was the star|great job|nice work|props to|^good\s*[:,]"
    r"|好的方面|好的是|好的地方|做得好的|很快|\bthanks to\b|good (?:part|thing|news)|helped a lot"
    r"|saved us|went smoothly|比预期好|好于预期|很开心|很满意|没出乱子|挺(?:高|好|顺|稳)"
    r"|得(?:很|挺|非常|特别)?(?:扎实|到位|漂亮|及时)"
    r"|\b(?:felt|was|were|is|are)\s+(?:so |really |very |super )?(?:great|awesome|amazing"
    r"|excellent|solid|fantastic|smooth)\b|the (?:heavy )?lifting\b|\bpaid off\b"
    # praise without the word: "is why we hit the number", "worked as designed", "paid for itself"
    r"|\bis why we (?:hit|made|got|kept)\b|\bcaught\b.{0,40}\bbefore\b|\bwent right\b"
    r"|\b(?:was|were) (?:honestly |really |easily )?the best\b|\bcarried\b"
    r"|worked (?:great|better than)"
    r"|\bon (?:her|his|their) own\b|\bwas all [A-Z][a-z]+\b"
    r"|did most of the (?:work|lifting)"
    r"|on the first (?:pass|try|attempt)|worked (?:pretty much |basically |just )?(?:as designed"
    r"|as planned|fine)|nobody panicked|\bwas (?:really )?clear\b|paid for itself"
    r"|翻了[一二两三四五六七八九十\d]+倍|(?:很|真的|挺|特别|非常)稳|降下来了|功劳(?:很大|不小)|救了"
    r"|(?:没有|没)出现(?:过)?.{0,6}(?:问题|bug|故障|事故)|便宜得多|省了(?:不少|很多|一半)"
    r"|顶住了|扛住了|帮了大忙|立了?大功|\bprops\b|\blegend\b|\bupside\b|\bone good thing\b"
    r"|\[赞\]|👍|派上(?:了)?用场|点名(?:表扬|夸)|说点好的|\bgood stuff\b|\bactually worked\b"
    r"|很拼|给力|靠谱"
    # thanks and credit in passing: "absolute machine", "a lifesaver", "辛苦了", "多亏了阿杰"
    r"|\babsolute (?:machine|star|hero|legend|champ)\b|\blife-?saver\b|\bMVP\b"
    r"|(?<!各位)(?<!大家)辛苦了|多亏(?:了)?|功劳最大|(?:要|得)表扬|\bhero\b|\bthe best thing\b"
    r"|\b(?:was|were|is|are) (?:so |really |just |absolutely )?(?:brilliant|superb|stellar"
    r"|lovely|incredible)\b"
    # praise in everyday words: "摄像头真好用", "预产期表特别准", "对账省事多了", "twice as fast"
    r"|(?:真|很|特别|挺|超)(?:好用|准|方便|省事|省心)|省事多了|方便多了|\btwice as fast\b"
    r"|\b(?:way |much |far )?more than (?:we |I )?expected\b|\bbetter than (?:we |I )?expected\b"
    r"|\bactually (?:like|liked|love|loved|used)\b"
)
# A sentence measuring a goal ("目标100%,实际92%", "超出预期" with its figure) is a result.
MEASURED = cues.rx(r"目标|要求|预期|计划|实际|做到|达到|结果|target|goal|reached|ended at")
_DIGIT = re.compile(r"\d")
_RESULT_VERDICT = cues.rx(
    r"(?:实际|最后|最终|actual|ended|landed).{0,30}?(?:没达标|未达标|没达到|未达到|达标|short of"
    r"|missed|fell short)"
)
_GOAL_AND_RESULT = cues.rx(
    r"(?:目标|计划|原定|原本|要求|预期|target|goal|plan(?:ned)?|aimed)\S*.{0,40}?"
    r"(?:实际|最后|最终|结果|只有|只做到|做到|ended|landed|came in|reached|got to|actual)"
)
# Problems: what went badly, in so many words.
PROBLEM = cues.gated(
    r"问题是|遗憾|不足|不(?:太|够|怎么)?好的(?:地方|是)|没做好|没跑起来|不可用|失败|延期|卡了|停滞|跌了|掉了|(?<!拖)慢|只有|太乱|老是|总是"
    r"|超时|拖了|拖这么久|没走|went wrong|the problem|didn'?t go well|\bbroke\b|underperformed"
    # a machine that gave out: "the lighting desk died", "the site fell over", "收银机死机"
    r"|\b(?:desk|reader|printer|laptop|server|site|app|router|till|scanner|projector|generator"
    r"|fridge|freezer|van|car|phone|battery|card machine)s? (?:died|fell over|froze|crashed)\b"
    r"|死机|宕机了|(?:开场|当天|中途|一上来)就坏了"
    # trouble in everyday words: "WhatsApp = chaos", "dinner ran out", "was rough", "炸了"
    r"|\bchaos\b|\bran out\b|\bgot nothing\b|\b(?:was|were) rough\b|\bnever came together\b"
    r"|\bleft on the table\b|\bhad holes\b|\bwiped\b|\bgarbled\b|didn'?t happen (?:till|until)\b"
    r"|炸了|闪退|亏了|太吵|淹了|打挂了"
    r"|\b(?:was|were|is|are) (?:too |very |really )?slow\b|too slow|\blost a\b|\bdelayed\b"
    r"|\bslipped\b|\bover budget\b|\b(?:mins?|minutes|hours?|days?|weeks?) late\b|read-only"
    r"|couldn'?t|\bover by\b|too tight|\bno alert|pile up|never finish"
    # a measure going the wrong way, things broken or ignored: "Avg gift dropped from $118 to
    # $100ish", "were down to 17", "numbers … were disconnected or wrong", "Bad one: …"
    r"|\b(?:dropped|fell|slid|sank|went down|came down) from\b|\bdown to \d"
    r"|\b(?:was|were|is|are) (?:\w+ )?(?:wrong|broken|missing|disconnected|out of date)\b"
    r"|\bignored\b|^\W*bad (?:one|bit|news|thing)s?\b|\bdon'?t (?:answer|pick up|reply|show up)\b"
    r"|\bhalf (?:of )?what (?:we|i) (?:promised|planned|pitched|hoped|wanted)"
)
# Complaints in plain words ("印刷晚了", "was a mess"): problems unless the sentence gives causes
# ("一方面是海报投放晚了两天,另一方面可能是…" lists why something else went wrong).
PLAIN_PROBLEM = cues.gated(
    r"太(?:晚|慢|久|乱|差|少|贵|难)|晚了|(?:写|搞|弄|算|填|配)错|出错|崩(?!溃率)|后腿"
    r"|\b(?:was|were|is|are) (?:a |such a |kind of a )?(?:mess|pain|nightmare|disaster)\b"
    r"|\bkept (?:crash|fail|reset|break|freez|drop|los|tim)\w*|\bran out of\b|\bnot worth\b"
    # what going badly looks like when nobody says "problem": lost time, dead systems, burned
    # budget, things bounced, blocked or dropped (断货, 卡壳, 打回, 掉到, 烧掉, 荒废)
    r"|\blost (?:basically |about |almost |nearly |like |another )?(?:a|an|one|two|three|\d+|half)"
    r"\b[^.]{0,12}\b(?:days?|hours?|weeks?|mins?|minutes)\b|\b(?:being|was|were|went) dead\b"
    r"|\b(?:burn(?:ed|t)|blew) (?:through )?(?:about |roughly |almost )?(?:a |half|\d|the)"
    r"|\bbounced\b|\bblocked\b|\bdropped the ball\b|\bdidn'?t (?:stick|ship|reconnect|page"
    r"|fire|work|land|catch)\b|\bfailed with\b|\bdouble-counted\b|\b\d+(?:\.\d+)? ?min of 5\d\d"
    r"|\bgot (?:buried|logged out|hammered|swamped)|\b(?:logged|locked) out\b|\bhurt\b"
    r"|\bdragging\b|~?\d(?:\.\d)?x off\b|\bpaged \d+x|\bwas late\b|\bwere late\b"
    r"|\bflatlined\b|\bnever (?:really )?recovered\b|\b\d+ ?(?:hrs?|h) late\b|\bsat unanswered\b"
    r"|\b(?:were|was) off by\b|\boverrun\b|\bwas rough\b|\bwaited \d+ (?:days|weeks|hours)\b"
    r"|\bcut out\b|\blanded in spam\b|\bthe worst\b|\b(?:were|was) sliding\b|\bghosted\b"
    # not able to: "HIS登不上了", "收费也动不了", "页面打不开", "can't log in", "won't load"
    r"|(?:登|连|打|进|动|用|付|收|发|跑|起|转)不(?:上|了|开|进去|出去|起来|动)(?!解)"
    r"|\b(?:can'?t|cannot|won'?t) (?:log ?in|load|open|connect|start|save|publish|print|sign in)\b"
    r"|\b(?:is|was|went|were) down\b"
    r"|(?:无法|没法)(?:正常)?(?:使用|登录|登陆|打开|访问|连接|下单|支付|取号|工作|启动|开机|打印|上网"
    r"|联系|接通|发货|出库)"
    r"|退群|被限制|被封|骂|吐槽|太多了?[,，。]|(?<![没未不无])(?:断货|卡壳|掉到|烧掉|烧得太快|荒废|抖了|多算|少算|算错|返工|重剪|重做|翻车"
    r"|踩坑|挂了|宕了|报错|占满|打满|排队排了|差评|漏掉|疼了)|白白|留存很差"
    # trouble in everyday words: "the mid-campaign dip was brutal", "Car park was carnage"
    r"|\b(?:was|were|is|are) (?:\w+ )?(?:brutal|carnage|chaos|chaotic|a shambles)\b"
    r"|\bkept choking\b|手忙脚乱|乱成一锅粥|被骂惨|骂惨了|吃不消|扛不住|搞砸"
    # work left undone or stalled: "到现在古籍还有300多册没著录完", "扫描仪中间停了9天", "很多乱码"
    r"|(?:还有|仍有|还剩)[^,，。;；]{0,10}没[^,，。;；]{0,6}完|一直往后拖|停了\s?\d|乱码"
)
# Putting a point off ("下次会上再定", "let's take it offline") is neither lesson nor problem.
DEFER = cues.rx(r"再(?:定|说|议|讨论|聊)|take (?:it|this) offline|park (?:it|this)")
# Sentences that commit someone to doing something are actions, read elsewhere.
ACTION = cues.gated(
    r"负责|跟进|牵头|前完成|\bI'll\b|\bI will\b|\bwill\b|\bcan you\b|\bowner\b|\bowns\b"
    r"|\baction items?\b|\bactions?:|\btodo\b|->|→|\bby end of\b|(?:周.|月底|月末)前"
    # a mention that hands something over ("@ana pls …", "@小宁 下周内"), not praise of "@jules"
    r"|^\s*@\w|@\w+\s+(?:please|pls|can|could|to|will|would|周|下周|本周|明天|今天)"
    r"|还没开始|进行中|已完成|未开始|我来|我去(?![年过])(?![^,，。]{0,2}了)|我会(?!议)|我(?=今晚|今天|明天|下周|这周|本周)"
)
_QUESTION = re.compile(r"[?？]\s*$")
_CAUSE_FIRST = 12  # a cause cue this close to the start leads the sentence
# Sentences about the report itself ("本报告将…总结经验和教训", "this review covers …").
META = cues.rx(
    r"本(?:次)?(?:报告|复盘|文)|复盘过程|旨在|我将|将对|经验(?:和|与|及)教训|成功经验与|本篇"
    r"|复盘(?:一下|说明)|this (?:review|report|document|retro(?:spective)?|postmortem)\b"
)


def kind_of(sentence: str) -> str | None:
    """highlight, problem, cause or lesson when a sentence's words say so."""
    if ACTION.search(sentence) or _QUESTION.search(sentence) or META.search(sentence):
        return None
    if DEFER.search(sentence):
        return None
    if LUCK.search(sentence):
        return "highlight"
    if LESSON.search(sentence):
        return "lesson"
    cause = CAUSE.search(sentence) or cues.CAUSE_LEADS_TO.search(sentence)
    # each pattern is searched once, and PLAIN_PROBLEM and the hedge only where they count
    good = HIGHLIGHT.search(sentence)
    problem = PROBLEM.search(sentence)
    plain = PLAIN_PROBLEM.search(sentence) if problem is None and (not cause or good) else None
    measured = bool(good and _DIGIT.search(sentence) and MEASURED.search(sentence))
    if cause and good and not (problem or plain) and not measured:
        return "highlight"  # "yuki found the root cause in 11 minutes, props": praise says why
    if cause and (cause.start() <= _CAUSE_FIRST or _hedged_first(sentence)):
        return "cause"  # "I'd guess the limits are too tight": the guess is the point
    bad = problem or (None if cause else plain)
    if (
        bad
        and _DIGIT.search(sentence)
        and (_GOAL_AND_RESULT.search(sentence) or _RESULT_VERDICT.search(sentence))
    ):
        return None  # "原本计划冲到5万，实际平均只有2.8万", "最后涨了3.2万,没达标": results
    if bad and not problem and re.fullmatch(r"[\x00-\x7f]{1,12}", sentence):
        return None  # "What hurt" heads a list; it is no problem of its own
    if measured:
        good = None  # "目标100%,实际99.8%,做得不错" is a result
    if good and (not bad or good.start() < bad.start()):
        return "highlight"  # "比较稳定的是接口层,没出过一次超时": the first word decides
    if bad:
        return "problem"  # a problem's own "because …" becomes its cause
    return "cause" if cause else None


def _hedged_first(sentence: str) -> bool:
    """Whether a hedge ("I'd guess", "可能") opens the sentence."""
    hedge = cues.HEDGE.search(sentence)
    return hedge is not None and hedge.start() <= _CAUSE_FIRST


# Sections whose sentences state facts of an incident, not judgements about it; only praise and
# luck said in passing there ("刘工远程排查也很快", "we got lucky the replica was warm") is kept.
FACT_SECTIONS = frozenset({"impact", "timeline", "detection", "resolution", "summary"})
_IN_FACTS = frozenset({"highlight"})


# A turn of talk that opens by naming what comes next: "OK the bad.", "Can I say the good
# stuff?", "So what do we take away." The sentences after it in the turn are of that kind.
_SPOKEN_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|so|right|alright|and|now|then|well)[,.]?\s+)*"
    r"(?:(?:can|could|may) I (?:say|do|start with|add)\s+|let'?s (?:do|hear)\s+|on to\s+)?"
    r"(?:the\s+)?(?P<k>good(?: stuff| bits| news| things)?|bad(?: stuff| bits| news| things)?"
    r"|wins|not so good|what went (?:well|wrong)"
    r"|(?:what do|what did) we (?:take away|learn|take from (?:it|this|that|all this))"
    r"|takeaways|lessons|learnings)(?: then| now| first)?\s*[.?!:]*$",
    re.I,
)
_SPOKEN_KIND = {"good": "highlight", "wins": "highlight", "bad": "problem", "not so": "problem"}


# what a turn plans or asks is no finding: "I'll…", "could you…", "let's…", "Jo to…"
_TALK_PLAN = Gated(
    re.compile(
        rf"{ACTION.pattern}|\b(?:I|we)(?:'ll|'d| will| should| need to| can| could)\b"
        r"|\b(?:could|would|will|can) (?:you|we|someone)\b|\blet'?s\b|\b[A-Z][a-z]+ to [a-z]+\b",
        re.I,
    )
)


# "好的也要说。", "说说不好的。", "再说点问题": the same in Chinese
_ZH_SPOKEN_LEAD = re.compile(
    r"^(?:那|好|行|嗯)?[,，]?(?:再|也|先)?(?:说说?|讲讲?|聊聊?)?(?:点|一下)?"
    r"(?P<k>好的|做得好的|亮点|不好的|问题|坑|教训)(?:也要说|也得说|也说说|方面|吧)?[。.!！]?$"
)
_ZH_SPOKEN_KIND = {"好的": "highlight", "做得好的": "highlight", "亮点": "highlight"}


def _spoken_lead(text: str) -> str | None:
    """The kind a short opening sentence of a turn names, if it names one."""
    if len(text) > 48:
        return None
    zh = _ZH_SPOKEN_LEAD.match(text.strip())
    if zh:
        said = zh.group("k")
        return _ZH_SPOKEN_KIND.get(said) or ("lesson" if said == "教训" else "problem")
    m = _SPOKEN_LEAD.match(text.strip())
    if m is None:
        return None
    said = m.group("k").lower()
    if said.startswith("what went"):
        return "highlight" if said.endswith("well") else "problem"
    return next((k for w, k in _SPOKEN_KIND.items() if said.startswith(w)), "lesson")


def _asked(span: Span, sentence: Span) -> bool:
    """Whether a question mark ends `sentence` on its line (the split leaves it outside)."""
    return span.line.text[sentence.end : sentence.end + 1] in ("?", "？")


def guess(
    span: Span, section_kind: str = "other", cued: Sequence[tuple[str, Span]] = ()
) -> list[tuple[str, Span]]:
    """(kind, sentence) for the sentences of a unit nothing else classified, as the learned
    model names them when it is sure; plans, asks, remarks about the report and the facts of
    an incident stay unclassified, as `read` leaves them. A sentence right after a problem
    (`cued` holds what cue words already found) needs less to be its cause: "The export timed
    out for big shops. Nobody had tried more than 500 rows." """
    if section_kind in FACT_SECTIONS:
        return []
    out: list[tuple[str, Span]] = []
    for sentence in span.sentences():
        text = sentence.text
        if _asked(span, sentence) or _QUESTION.search(text):
            continue
        if _TALK_PLAN.search(text) or META.search(text) or DEFER.search(text):
            continue  # _TALK_PLAN holds ACTION's cues too
        found = learned.classify(text)
        if found is None:
            continue
        before = [(k, s) for k, s in [*cued, *out] if s.end <= sentence.start]
        after_problem = bool(before) and max(before, key=lambda ks: ks[1].end)[0] == "problem"
        sure = learned.SURE_AFTER_PROBLEM if after_problem and found[0] == "cause" else learned.SURE
        if found[1] >= sure:
            out.append((found[0], sentence.strip()))
    return out


_HEADED = frozenset({"highlight", "problem", "cause", "lesson"})


def read(
    span: Span, section_kind: str = "other", lent: str | None = None
) -> list[tuple[str, Span]]:
    """(kind, sentence) for each sentence of `span` that its words classify; after a spoken
    lead ("OK the bad.") or under a heading over prose (`lent`: "What didn't") the uncued
    statements are of the kind it names."""
    out: list[tuple[str, Span]] = []
    facts = section_kind in FACT_SECTIONS
    sentences = span.sentences()
    if not facts and len(sentences) > 1 and lent is None:
        # the lead opens the turn, or follows a word of reply ("Great. So what do we take away.")
        for at in (0, 1) if len(sentences[0].text) <= 15 and len(sentences) > 2 else (0,):
            lent = _spoken_lead(sentences[at].text)
            if lent:
                sentences = sentences[at + 1 :]
                break
    for sentence in sentences:
        if facts and not (HIGHLIGHT.search(sentence.text) or LUCK.search(sentence.text)):
            continue  # most facts praise nothing: no need to weigh them
        asked = _asked(span, sentence)
        kind = None if asked else kind_of(sentence.text)
        if kind is not None:
            kind = learned.second_opinion(sentence.text, kind)
            if kind is None:
                continue  # a cue word in a sentence the model is sure is no finding
        if kind is None and lent and not asked and not _TALK_PLAN.search(sentence.text):
            kind = lent
        elif kind is not None and lent in _HEADED and kind in _HEADED and kind != lent:
            # under "What went well", "dropped from 11 km to under 4" is no problem and "…,
            # mostly because Marta ran the buddy system" says why it went well
            if (kind, lent) == ("cause", "highlight") or learned.prefers(sentence.text, lent, kind):
                kind = lent
        if kind is None or (facts and kind not in _IN_FACTS):
            continue
        if kind == "lesson":
            lead = LESSON_LEAD.match(sentence.text)
            if lead and lead.end() < len(sentence.text):
                sentence = sentence.sub(lead.end()).strip()
        out.append((kind, sentence))
    return out
