"""Who does an action and by when, in the shapes people write them, and commitments in talk.

Notes name owners in front ("Greta: …", "Leon — …", "tomas -> …", "@ana …", "Ruth & Ade — …"),
in prose ("Zoe to fix …", "Kate will …", "I (Sofia) will …", "由培训组的阿芬负责", "老钱牵头",
"交给数据组的Leo", "许静继续跟") and in conversation ("Otto, could you …?", "小刘,…你来整理吧",
"I'll …" said by a speaker). Dues stay as written ("next Wed", "by 31 Jul", "下周五前").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from retro_ai.ingest.docdate import MONTH
from retro_ai.ingest.transcript import DESK, ROLE_SUFFIX
from retro_ai.needles import Gated
from retro_ai.stages.offline.text import CJK, Span
from retro_ai.stages.offline.units import label_kind
from retro_ai.verify.dates import DAY_IN_WORDS

# a name in Latin letters, accented too ("Tomás", "Zoë", "Łukasz"), or the placeholder
# `--redact` puts in its place
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-ž", "a-zß-öø-ÿā-ž"
# a rank or title may come first: "PS Doyle", "Cllr Patel", "Dr. Lowe"
_EN_NAME = (
    rf"(?:(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Cllr|PS|PC|DS|DI|Sgt|Insp)\.? )?"
    rf"[{_UPPER}][{_LOWER}]+(?: [{_UPPER}][{_LOWER}]+)?|\[PERSON_\d+\])"
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# a surname and the title people are called by at work: "张护士长", "王科长", "刘药师"
_ZH_TITLED = (
    rf"[{_SURNAMES}](?:护士长|主任|科长|处长|部长|经理|总监|组长|店长|主管|药师|医生|大夫|律师|教授"
    r"|师傅|会计|工|阿姨|叔叔?|大爷|大妈|大姐|大哥)"  # and the elders of a neighbourhood: "王阿姨"
)
_ZH_NAME = (
    rf"(?:{_ZH_TITLED}|[\u4e00-\u9fff]老师|(?!大家|大概|大部|大促|大盘|大量|大多|大约|大于|大小|大会)[小老阿大]"
    r"[\u4e00-\u9fff]|[\u4e00-\u9fff][姐哥总工])"
)
# a single lowercase handle ("tomas -> …") only before an arrow or dash, never before ":"
_LEAD_OWNER = re.compile(
    rf"^(?P<o>@[\w.\-]+|{_EN_NAME}(?:\s*(?:&|\+|/| and )\s*{_EN_NAME})*|{_ZH_NAME}"
    rf"|[a-z]{{3,12}}(?=\s*(?:->|→|—|–)))\s*(?:->|→|—|–|--?(?=\s)|:(?=\s)|(?<=[\u4e00-\u9fff])[:：])"
    r"\s*(?=\S)"
)
_ZH_NOT_NAME = (
    "小时|小组|小程序|小结|老板|老是|老师|老版|老系统|阿里"  # words shaped like 小X / 老X
    "|人工|员工|手工|施工|分工|开工|完工|复工|返工|用工|加工|汇总"  # and like X工 / X总
    "|[这那每][\u4e00-\u9fff]?老师"
)
# "曹俊 CoreDNS 加第二上游": a full name, a space, then the deed
_ZH_SPACED = re.compile(rf"^(?P<o>[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})\s+(?=\S)")
# "老宋休假前写好…"; not "老王那边赞助续约, 大刘去谈", where 老王 is the other side
_ZH_LEAD = re.compile(
    rf"^(?!{_ZH_NOT_NAME})(?P<o>{_ZH_NAME})(?!那边|这边|那里|家的)(?=[\u4e00-\u9fff])"
)
# "剩下7张表 @晓雯 下周五前迁完": someone tagged mid-line, then when it is due
_MENTION = re.compile(r"@(?P<o>[\w.\-\u4e00-\u9fff]{1,12})\s+")
_DUE_NEXT = re.compile(
    r"(?i:by|before|until|due|next|this|tomorrow|today|tonight|eo[dwm])\b|[本这下]周|明天|今天|月底"
)
# "@ana …", "@小林(护士) 你…": a role in brackets after the mention is no part of the name
_MENTION_LEAD = re.compile(
    r"^@(?P<o>[\w.\-\u4e00-\u9fff]+)(?:\s*[(（][^()（）]{1,12}[)）]\s*|\s+)(?=\S)"
)
_EN_COMMIT = re.compile(
    r"^(?:(?i:and|also|ok|okay|so|then|alright|right|cool|great),?\s+){0,2}"
    r"(?:(?i:my|our) [a-z]+ )?"  # "My sister Leanne has said she'll cover Saturdays"
    rf"(?P<o>(?:(?:Cllr|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?{_EN_NAME}"  # "Cllr Okafor has kindly said …"
    rf"(?:\s*(?:\+|&| and )\s*{_EN_NAME})?)(?:\s*\([^()]{{1,30}}\))?"
    r"(?:'s team)?"  # "Priya's team will raise …": the person who leads it
    r"(?:\s+(?:will|to|is going to)\s+(?!be\s+[a-z]+ed\b)|'ll\s+"  # not "Case to be presented"
    # "Dev has kindly agreed to chase …", "Mo said she'd put me forward …"
    r"|\s+(?:has\s+)?(?:kindly\s+)?(?:agreed|offered|volunteered|promised)\s+to\s+"
    r"|\s+(?:has\s+)?(?:kindly\s+)?(?:said|says)\s+(?:that\s+)?(?:he|she|they)"
    r"(?:'d|'ll| would| will)\s+"
    r"|(?=\s+(?:owns|takes|is\s+\w+ing)\b)|'s\s+(?=(?:taking|doing|owning|handling)\b))(?=\s*\w)"
)
# "Anjali builds an ICU test set", "Tom sets up the rota by Friday": a name, then a deed in the
# present tense; read only on action lines, where a plan is what the line states
_EN_DOES = re.compile(
    # "Better monitoring of namespaces", "More tests": a wish, no one named
    r"^(?!(?:Better|More|Less|Faster|Quicker|Improved|Proper|Clearer|Earlier|Automated|Manual"
    r"|Regular|Continuous|Stop|Start|Keep|Avoid|Add|Fix)\s)"
    rf"(?P<o>{_EN_NAME}(?:\s*(?:\+|&| and )\s*{_EN_NAME})?)\s+"
    r"(?=(?:[a-z]{3,}(?<!ss)s|set up|write|look into|follow up"
    r"|(?!(?:thing|morning|evening|spring|string|ceiling|building|meeting)\b)[a-z]{3,}ing)\s+\S)"
)  # "Callum moving the weekend alerts to the on-call phone": a deed under way
# "Priya + Leo pair on the last 9 DAGs", "Ines + Marta (support QA) write a guide": two people,
# then a deed in its plain form; not "Priya and Leo were brilliant"
_EN_BOTH = re.compile(
    rf"^(?P<o>{_EN_NAME}(?:\s*(?:\+|&| and )\s*{_EN_NAME})+)\s*(?:[(（][^()（）]{{1,30}}[)）])?\s+"
    r"(?=(?!(?:are|were|was|is|have|had|did|said|got|seemed|felt|both|also|and|already|really"
    r"|just|still|never|always)\b)[a-z]{3,}\s+\S)"
)
# "Priya + Marcus, split the 231 numbers by site": two people called, then the deed
_EN_BOTH_CALLED = re.compile(
    rf"^(?P<o>{_EN_NAME}(?:\s*[+&]\s*{_EN_NAME})+),\s+"
    r"(?=(?!(?:who|which|that|thanks|thank|great|well|nice|you|we|it)\b)[a-z]{3,}\s+\S)"
)
_OWNS_IT = re.compile(rf"[,;]\s*(?P<o>{_EN_NAME}) (?:owns|takes|has) (?:it|this|that)\b")
_I_COMMIT = re.compile(
    # a word of reply may come first: "Yes - I'll call Hallworth on Monday", "Sure, I'll …"
    # "nope 🤦 ok I'll fix it": a no to what was asked, so no yes to an ask either
    r"^(?:(?:(?i:nope|nah|no)\b\W{0,6}|[^\w\s,.;:!?]{1,3}\s*)(?:(?i:ok(?:ay)?)\b\W{0,3})?)?"
    r"(?P<r>(?i:yes|yeah|yep|sure|ok(?:ay)?|will do|happy to)\s*[,!.]?\s*(?:[-–—]\s*)?)?"
    r"(?:(?i:and|also|ok|so|then|plus),?\s+)?I(?:\s*[(（](?P<o>[^)）]{1,20})[)）])?\s*"
    r"(?:'ll|will|(?:'m|am) (?:also )?going to(?! (?:be|say|admit|guess|miss|lie)\b)"
    # "I'm putting the intro pack up to $89 from next month": a deed under way, with its when
    r"|(?:'m|am)(?=\s+(?!going\b)[a-z]+ing\b[^.!?]{0,60}?\b(?:next (?:week|month|term|year|sprint)"
    r"|tomorrow|from next|this (?:week|weekend|month)"
    r"|before (?:the )?(?:summer|christmas|new year)))"
    r")"
    r"\s+(?=\w)"
)
# "Sat 20th fine, I'll bring the clipboard", "Thanks Margaret ❤️ I'll get the receipts …": a few
# words of thanks or assent, then the speaker's own promise
_LEAD_I = re.compile(
    r"^(?!\W*(?i:sure|yes|yeah|yep|yup|ok|okay|alright|right|fine|no problem|will do)\b)"
    r"[^.!?;:]{1,40}?(?:,|[^\w\s,.;:!?'’\"“”()\[\]]{1,3})\s*(?=I(?:'ll| will)\s+\w)"
)
# "… fine, I'll have it done", "ok then, I'll call her Monday": the deed is the ask's, said before
_ANAPHORIC = re.compile(
    r"(?:\S+\s+){0,2}?(?:it|them|that|this|her|him|one|those)\b|(?:\S+\s*){1,3}$"
)
# A chat handle as typed, lower-case ("priya could you …"), and not a word that opens a clause
_HANDLE = (
    r"(?!(?:who|what|how|where|why|when|also|maybe|then|but|hey|pls|please|yes|yeah|no|and|so"
    r"|ok|okay|alright|now|or|if|anyone|someone|somebody|anybody|you|we|they|it|this|that)\b)"
    r"[a-z]{2,12}"
)
# "alright hana takes the SDK jitter change next sprint": a handle, then the deed taken on
_HANDLE_TAKES = re.compile(
    rf"^(?:(?:alright|ok(?:ay)?|so|right|cool)\s*,?\s+)?(?P<o>{_HANDLE})\s+"
    r"(?=(?:takes|owns|grabs|picks up|is taking|will take)\s+\S)"
)
_ASK = re.compile(
    rf"^(?:(?:ok|so|and),?\s+)?(?:actions?\.?\s+)?"
    # "@Joana Reis can you …": a mention may carry the surname
    rf"(?:(?P<o>{_EN_NAME})(?!\w),?|(?P<h>{_HANDLE}),?|@(?P<m>[\w.\-]+(?: [A-Z][a-z'\-]+)?),?)\s*"
    # "Priya, spring-term booking form, can you have that live …": the topic, then the ask
    r"(?P<t>[^?,]{3,60},\s*)?(?:can|could|would|will) you\s+(?P<a>[^?]+)\??"
    # "…? By Friday ideally": when, said after the question
    r"(?:\s*(?i:by|before|ideally|preferably|pref|if poss(?:ible)?|asap|end of|eo[dw])\b"
    r"[^?]{0,30})?$"
)
# "Lucy, Dev — could you two do a thank-you video …?": an ask of several people by name
_ASK_SEVERAL = re.compile(
    rf"^(?P<o>{_EN_NAME}(?:\s*(?:,|&|\+| and )\s*{_EN_NAME})+)\s*[,—–-]*\s*"
    r"(?:can|could|would|will) you(?: (?P<n>two|both|all))?\s+(?P<a>[^?]{6,})\?*\s*$"
)
_SEVERAL_SEP = re.compile(r"\s*(?:,|&|\+| and )\s*")
# "Keisha, double charge refunds, all done by Thursday?": the deed and when, asked of a name
_ASK_DONE_BY = re.compile(
    rf"^(?:(?P<o>{_EN_NAME})|(?P<h>{_HANDLE})|@(?P<m>[\w.\-]+)),\s+(?P<a>[^?,]{{3,60}},?\s+"
    r"(?:all\s+)?(?:done|ready|sorted|finished|fixed|out|in)\s+by\s+[^?]{2,30})\??$"
)
# "Priya, you said you'd take the fix …", "Dave, the posters need replacing this week please.",
# "Marcus, pls go through the declined donors by the end of the month."
_TOLD = re.compile(
    rf"^(?P<o>{_EN_NAME}),\s+(?:you (?:said|offered) you'?d|you'?ll|you'?re going to)\s+(?P<a>.+)$"
    rf"|^(?P<p>{_EN_NAME}),\s+(?:(?:pls|please|plz)\s+(?P<c>.{{8,}})|(?P<b>.{{8,}}?),?\s+please\W*)$"
    # "Ruth asked Greg to chase the insurer": the one asked does it
    rf"|^(?:{_EN_NAME}|I|we) (?:has |have |had )?(?:asked|got) (?P<q>{_EN_NAME}) to (?P<d>.{{8,}})$"
    # "Dana asked Ben whether ops can send the survey by Monday": the one asked answers for it
    rf"|^(?:{_EN_NAME}|I|we) (?:has |have |had )?asked (?P<s>{_EN_NAME}) (?:whether|if) "
    r"(?:\w+ )?(?:can|could|would|will) (?P<f>.{8,})$"
    # "Dee said she'll keep mentoring me on paeds": the one who said they will
    # "Before we closed, Clare said she'll take …": a short lead-in may come first
    rf"|^(?:[A-Z][^,.;:]{{2,30}},\s*)?(?P<r>{_EN_NAME}) (?:said|says|promised|offered) "
    r"(?:he|she|they)(?:'ll|'d| will| would)"
    r"\s+(?P<e>.{8,})$"
)
_ZH_ASK = re.compile(
    rf"^(?P<o>{_ZH_NAME}|[\u4e00-\u9fff]{{2,3}}|{_EN_NAME})[,，]\s*(?P<a>.+?)"
    r"(?:[,，]?\s*(?:可以吗|行吗|好吗|没问题吧))?\s*[?？。]?$"
)
ACTION_HEAD = re.compile(
    r"[【\[]?\s*(?:actions?|action items?|next steps?|follow[- ]?ups?|todo|to-?dos?|行动项?|待办"
    r"|后续(?:行动|措施)?"
    r"|改进项|整改(?:措施)?|接下来(?:的?(?:几件事|几点|要做的事?|安排))?|下一步"
    r"|(?:Q[1-4]|next (?:quarter|month|year|half)|下半年|上半年"
    r"|下(?:个)?(?:季度|月|阶段))(?:\s*(?:plans?|计划|打算))?)\s*[】\]]?\s*[:：]?",
    re.I,
)
# a heading that names actions beside something else: "Next time / actions", "经验与行动"
ACTION_NAMED = re.compile(r"\bactions\b|\baction items\b|行动项|待办")
_TAIL_OWNER = re.compile(r"(?:[:：]|→|->)\s*(?P<o>[^,，;；:：→]{1,12}?)\s*(?:[,，]|$)")
_SAID = re.compile(
    rf"[(（](?P<o>{_EN_NAME}) (?:said (?:he|she|they)(?:'d| would| will)|volunteered|offered)"
    # "Jonas wasn't here but he owns the SRM check": the one away still has it
    rf"|^(?P<a>{_EN_NAME}) [^,.;]{{2,30}}? (?:but|and|so) (?:he|she|they) (?:owns|takes|has got)\b"
)
# "X will be handled by the QA team (in Q1)": a passive sentence hands the action to its agent
_PASSIVE = re.compile(
    r"\b(?:will|is going to|needs? to|to) be\s+(?:handled|owned|picked up|driven|done|taken|covered"
    r"|led|followed up|looked (?:at|into)|fixed|written|run)\s+by\s+(?:the\s+)?"
    r"(?P<o>@?[\w.\-]+(?: [\w.\-]+)?)"
    r"(?P<rest>\s+(?:in|by|before|next|this|on|until)\b.*)?\s*[.。!]?$",
    re.I,
)
# "topic — I'll set it up …": a topic named first, then taken by the speaker
_TOPIC_I = re.compile(r"^(?P<a>\S.{3,}?)\s[—–-]\s*I(?:'ll| will)\s+(?=\w)")
# "who can fix X?", "anyone up for X?", "谁来X？": a call for a volunteer
VOLUNTEER_ASK = Gated(
    re.compile(
        r"(?:^|[:：.!。！]\s*)(?:who(?:'s| is)? (?:can|could|will|wants to|going to|takes?|owns?)"
        r"|anyone (?:up for|want to|can))\s+(?P<a>[^?.:]{4,})\?\s*$"
        r"|(?:^|[:：.!。！]\s*)谁(?:来|去|负责|可以|能)(?P<z>[^?？:：。]{3,})[?？]\s*$",
        re.I,
    )
)
VOLUNTEER = re.compile(
    r"^(?:me\b|I(?:'ll|'d| will| can)\b|mine\b|我来|我吧|我可以|我去|我负责)", re.I
)
# what someone is asked to do after "你": "你来", "你去", "你整理一下"
_YOU_VERBS = r"来|去|负责|跟|整理|写|做|弄|出|发|拉|查|问|盯|对接|联系|安排|准备"
_ZH_YOU = re.compile(
    rf"你(?:{_YOU_VERBS})|可以吗|行吗|好吗"
    r"|能[^,，。]{0,8}吗|能不能|能否|麻烦|辛苦(?![了啦啊])"
)
# a name, then "你" and what they are to do, with no comma between: "小周你明天能把…导一份出来吗",
# "溯溪鞋小雨你去问问批发", "赵婷你把它推到所有食堂"
YOU_DO = (
    rf"你(?={_YOU_VERBS}|把|再|先|明天|今天|今晚|后天|下周|这周|本周|周[一二三四五六日]|月底|能|帮)"
    # not the meeting's own turn-taking: "小孟你先说", "李娜你先把时间线过一遍"
    r"(?![先来]?(?:说|报|讲|汇报|介绍|念|聊))(?![^,，。]{0,10}(?:过一遍|说一下|讲一下))"
    r"(?!能?(?:听|看)(?:到|见|得))(?!来得)"  # nor "小赵你能听到吗", "你来得正好"
)
# "你下周五前出一个": you, then by when
_YOU_WHEN = re.compile(
    r"你(?=下周|这周|本周|明天|今天|今晚|后天|周[一二三四五六日]|月底|\d{1,2}[号日])"
)
_ZH_NAMED_YOU = re.compile(
    rf"(?:^|(?<=[,，:：\s]))[\u4e00-\u9fff]{{0,6}}?(?P<o>{_ZH_NAME}|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
    + YOU_DO
)
# "由支付组小郑补上", "由财务系统的阿兰负责", "数据组小杜牵头", "老钱牵头", "许静继续跟"
_ZH_BY = re.compile(
    r"由(?P<o>[^,，;；。由]{1,14}?)(?:负责(?!人)|牵头|补上|继续|跟进|来|发|出|做|推动|统一|起草|整理|对接"
    r"|准备|安排|落实|组织|联系|编写|制定|改写)"
)
_ZH_LEADS = re.compile(
    r"(?:^|[,，:：→\s])(?P<o>[^,，;；。:：→\s]{1,14}?)(?:(?<=[A-Za-z])\s)?"  # "Jason 继续跟"
    r"(?:负责(?!人)|牵头|继续跟|继续排查|继续盯|跟进|盯一下|盯着|在跟|在盯)"
)
# "市场部出个拉新方案", "——这个法务那边跟进": a team as the subject of a deed still to do
_ZH_TEAM = re.compile(
    r"(?:^|[,，:：\s—–])(?:这个|那个|让)?(?P<o>[\u4e00-\u9fff]{1,5}(?:部|组|团队|中心|那边))"
    r"(?:来|去|出(?:个|一个|一版|一份)|负责(?!人)|跟进|牵头|整理|补上?)(?![^,，。;；]{0,8}了)"
)
# "直播交给小孙,他比我会弄": handed over, unless the next clause says how it went (…了)
_ZH_GIVEN = re.compile(
    r"(?:交给|也?归(?!因|档|纳|类|属|零|还|口))(?!了)(?P<o>[^,，;；。]{1,14})"
    r"(?:$|[,，;；。](?![^,，;；。]*了))"
)  # "微信掉登录的事也归小孟,下周三前给个结论"
# "→ 周经理去跟街道办谈", "阿杰说他来摆": a person said to go and do it, or saying they will
_ZH_GOES = re.compile(
    r"(?:^|[,，:：→>\s])(?P<o>[\u4e00-\u9fffA-Za-z]{2,8}?)"
    # "周燕说她明天就把…", "赵磊主动说新学期他来盯": said, then what they will do
    r"(?:(?:主动)?说(?:[^,，。]{0,6}?(?:他|她)|(?:他|她)[^,，。]{0,6}?)"
    r"(?:来|去|会|负责|就把|把|就(?:给|打|找|发|催|联系|去|改|写|做|弄|约|排))"
    r"|去(?:跟|和|找|谈|对接|联系)"
    # "产品那边小赵说下周五前出方案", "行政刘姐明天走流程": who, then when they will
    r"|说?(?=(?:下周[一二三四五六日天]?|这周[一二三四五六日天]?|本周|明天|今天|今晚|月底|周[一二三四五六日天]"
    r"|下次|\d{1,2}月\d{1,2}[日号])"  # "禾丰和居委会5月10号前一起去…"
    r"前?(?:之前)?(?:就|先|一起|再|马上)?"  # "小林月底前再约30篇", "阿杰下次出排期表"
    r"(?:走|去|弄|做|发|交|出|给|联系|找|把|搞|定|报|催|试|改|写|排|补|整理|拉|约|修|查|更新"
    r"|关|测|算|拟|核|对|回访|准备)))"
)
# "王主任问马医生能不能…,马医生说可以": asked, and said yes
_ZH_ASKED = re.compile(
    rf"(?:问|请)(?P<o>{_ZH_NAME}|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
    r"(?:能不能|可不可以|能否|愿不愿意)[^。;；]*?[,，]\s*(?:(?P=o)|他|她)?说?"
    r"(?:可以|行|没问题|好的?|同意|答应)"
)
# "责任人老周", "跟进人 丁丁", "负责人是小王": a role word naming the owner without a colon
_ZH_ROLE = re.compile(
    r"(?:责任人|负责人|跟进人|对接人)\s*(?:是|为)?\s*[:：]?\s*(?P<o>[^,，;；。:：\s]{1,10})"
)
# When, then I, then the deed: "明天早上我7点10分就到门口", "下周我带她去医院拍个片子"
ZH_WHEN_I = (
    r"(?:今晚|今天|明天|明早|后天|这周.?|本周.?|下周.?|周[一二三四五六日])"
    r"(?:早上|上午|中午|下午|晚上)?我(?=\d|就|会|先|再|去|来|把|带)"
)
# "我们还在跟运营商要日志,估计周五前能给到": the speaker's guess at when it will be delivered
ZH_DELIVERS = r"(?:估计|争取|应该)[^,，。;；]{0,8}?之?前能(?:给到|给|出来|出|发|弄好|搞定|完成)"
_ZH_I = re.compile(
    ZH_WHEN_I + "|" + ZH_DELIVERS + "|"
    # "我来牵头", not "恢复推迟那一天我来说": telling the meeting is no task
    # not "我去看了" (done already), nor "我把结论贴一下" (the meeting's own business)
    r"我(?:自己)?(?:来(?!说|讲|聊|补充)|去(?![^,，。]{0,2}了)|把(?!结论|总结|纪要)|负责|会)"
    # not "我家老头子…" (my family), nor "我7点40下来的时候" (came down: a direction, no deed)
    r"|^我(?!家|们家).{0,8}?(?:把(?!结论|总结|纪要)|(?<![上下出进起])(?:去(?![^,，。]{0,2}了)"
    r"|来(?!说|讲|聊|补充)))"
    r"|我[^,，。；;]{0,4}?(?:做|搞|弄|跟|盯)(?:了|一下)?吧|(?<=[前内])我(?=[\u4e00-\u9fff])"
    r"|我(?:打算|准备|计划)(?!的)"  # "我打算11月报郑教练的私教课": the writer's plan
    # "超售应急流程我下周三前写出来", "差评我今晚就回复": I, then when
    r"|我这边(?:能|可以|来|负责)"  # "报警推送我这边能做,本周五前上线"
    # "医保联调我继续盯", "选址我先去看起来", "达标线我整理一下": a deed still ahead
    r"|我(?:先|继续|接着|回头|自己|亲自)去?(?:整理|盯|跟进|跟|查|看|写|做|弄|排|约|问|联系|对接|改|补|出)(?![了过])"
    r"|我(?:整理|盯|跟进|查|写|排|约|问|联系|对接|补|统计|汇总)一下"
    r"|我(?=(?:今晚|今天|明天|明早|明晚|后天|晚点|稍后|当天|这周.?|本周.?|下周.?"
    r"|周[一二三四五六日]|月底|月中"
    r"|\d{1,2}[号日]|\d{1,2}/\d{1,2}))"
)
# "设备点检表里加上风机皮带,这个老孙来", "题库整理这个陈航做": this one, then who, then the deed
_ZH_THIS_ONE = re.compile(
    r"(?:这个|这块|这事|这部分|这件事)(?!周末|周[一二三四五六日天]|月)"  # "这个周末就弄" is when
    rf"(?P<o>{_ZH_NAME}|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
    r"(?:来|做|负责|弄|跟|盯|搞)(?:吧|一下)?\s*[。.!！]?\s*$"
)
# "韩雪回头核一下": who, then "later", then the deed
_ZH_LATER = re.compile(
    rf"^(?P<o>{_ZH_NAME}|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?:回头|晚点|稍后|之后|会后|马上|尽快)"
    r"(?:再|去|来)?(?:核|查|看|对|问|跟|整理|补|改|发|确认|联系|约|算)"
)
# Family and friends who said they would: "老公说这周末再约工长来看一次", "爸说明年五一他来排路线",
# "储藏室的搁板我爸说下个月来帮忙装", "我老公说学校附近找房子归他管"
ZH_KIN_SAID = re.compile(
    r"(?:我)?(?P<o>老公|老婆|爸爸?|妈妈?|婆婆|公公|岳父|岳母|媳妇|男朋友|女朋友|闺蜜|室友)"
    r"(?:说|答应)了?(?:他|她)?(?=[^,，。;；]{0,12}?(?:来|去|会|再|负责|归他|归她|管|帮忙|约|搞定))"
)
# words that end a line's topic, before who does it
_TOPIC_WORDS = (
    "的事|这事|那事|的问题|方案|计划|预案|文档|报告|清单|流程|模板|规则|口径|文案|名单|材料"
)
_ORG_PREFIX = re.compile(
    r"^.*(?:(?:[组店科处院队班部厂校局所]|护士|车间)长|主任|护士|医生"  # "药房组长陈凯", "护士小林"
    # the topic a line starts with: "停车的事周建下周找物业", "学生卡方案晓彤牵头"
    rf"|{_TOPIC_WORDS}"
    r"|的|组|部|科|处|室|班|团队|中心|系统|经理|主管|总监|同学|产品|运营|研发|这边|那边"
    r"|人事|行政|财务|法务|客服|前台|后勤|安保|采购|仓储|市场|销售)"  # "人事何丽下周五前…"
)
# the topic a line starts with, before who: "统一广播模板客运部牵头"
_TOPIC_PREFIX = re.compile(rf"^.*(?:{_TOPIC_WORDS}|的)")
# a department or team named whole: "物业工程部", "信息中心", "安保组"
_WHOLE_ORG = re.compile(r"[\u4e00-\u9fff]{2,8}(?:部|组|科|处|室|中心|团队|办公室|公司|委员会)")
# what follows a name in brackets: when, or the deed's verb ("(林可今天改)", "(老周负责)")
_PAREN_DEED = re.compile(r"(?<=[\u4e00-\u9fff])(?:今天|明天|今晚|这周|本周|下周|负责|来|去|跟)\S*$")
# "第一次6月中旬": an ordinal says which time, not who
_NOT_OWNER = re.compile(
    r"我们|大家|团队|所有人|^第[一二三四五六七八九十\d]+[次个批期轮]"
    # talk's fillers before a comma: "就是，那个，…你们能不能调一下" asks, and names nobody
    r"|^(?:就是|那个|然后|所以|但是|还有|另外|其实|反正|不过|对了|那么)$"
    r"|^(?:估计|可能|大概|应该|预计|争取|尽量)$"  # "…,估计周五前能给到": a guess at when
    # a time is when, not who: "去年2月底开始准备"
    r"|^(?:去年|今年|明年|前年|后年|上周|本周|这周|下周|上个月|这个月|下个月|昨天|今天|明天)$"
    r"|someone|everyone|team|^we$|^us$",
    re.I,
)

_EN_DUE = re.compile(
    r"(?:^|[\s,(（—–-])(?:(?P<d>(?:by|before|until|due|ahead of|targeting)\s+"
    r"(?:[^,;.()（）]|\.(?=\d))+?"
    r"(?:\s*\(\d{1,2} [A-Za-z]{3,9}\)|\s*\([A-Za-z]{3,9} \d{1,2}\))?"  # "before auditions (12 Apr)"
    r"|within (?:\d+|a|one|two|three|four|six) (?:business |working )?(?:days?|weeks?|months?)"
    r"|(?:in|within|over) the next (?:couple of |few |two |three )?(?:days|weeks|months))"
    r"\s*[)）]?\s*[.。]?$"
    r"|(?P<w>(?:(?:by|on|before)\s+(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)[a-z]*\.?\s+"
    r"(?=(?:this|next) week))?"  # "by Weds this week": the day, in the week named
    r"(?:next|this)\s+(?:week|sprint|month|quarter|release|mon|tue|wed|thu|fri|sat|sun)"
    r"[a-z]*(?:\s*\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))?"  # "next Sat (10/31)"
    r"|end of (?:the )?(?:next )?(?:week|month|quarter|sprint|year)"
    r"(?:\s*\((?:\d{1,2} [A-Za-z]{3,9}|[A-Za-z]{3,9} \d{1,2})\))?"  # "end of next sprint (30 Sep)"
    r"|today|tomorrow|tmrw|tmr"
    r"|asap|eo[dwmq]|(?:in |by )?Q[1-4](?: \d{4})?"
    # "at Thursday's faculty exec": the meeting of a weekday this week
    r"|at (?:this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day's (?:[\w-]+ ){0,3}?"
    r"(?:meeting|exec|standup|stand-up|huddle|retro|review|call|sync|board|briefing|assembly)"
    r"|at (?:the |our )?next (?:[\w-]+ ){0,2}?(?:meeting|standup|stand-up|huddle|retro|review"
    r"|board|sync|check-in|catch-up|1:1)"
    # a habit's first day: "…, starting this month", "Starting Monday.", "over the break"
    r"|starting (?:(?:next |this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:next|this) (?:week|month|term|quarter|sprint)|the first week back|tomorrow)"
    r"|from next (?:week|month|term)|over the (?:break|holidays|summer|weekend)"
    r"|(?:in )?(?:\d+|a|one|two|three|four|six) (?:days?|weeks?|months?) from (?:today|now)"
    r"|give (?:me|us) (?:\d+|a|one|two|three) (?:days?|weeks?)"
    # "…, first week of April", "…, early Sept": a part of a month
    rf"|(?:(?:the )?(?:first|second|last) week of|early|mid|late)[- ]{MONTH}[a-z]*)"
    r"\s*[)）]?\s*(?:[.。]?$|,(?=\s)))",
    re.I,
)
# a due that runs on into a second deed: "by Friday and reply to …", "by May 2, then …"
_JOINED = re.compile(
    r"(?:,?\s+and|,\s*then)\s+(?!\d)[a-z]{2,}\b.*$"
    r"|,?\s+so (?:that )?(?:I|we|they|it|you|he|she)\b.*$"  # "by end of April so I'm not …"
    r"|,?\s+(?:because|cos|coz|since) (?:I|we|they|it|you|he|she)\b.*$"  # "… because I am not"
)
_DECOR = re.compile(r"[\s\U0001F300-\U0001FAFF\u2600-\u27BF!！]+$")
# a clear date after "by" anywhere in a clause: "by the 27th", "before Friday", "by end of May"
_BY_DATE = re.compile(
    r"\b(?:by|before|until|no later than|on)\s+(?:the\s+)?(?:(?:\d{1,2}(?:st|nd|rd|th)\b)"
    rf"|(?<=the ){DAY_IN_WORDS}"  # "by the twentieth"
    r"|(?:end of (?:the )?(?:next )?(?:week|month|day|sprint|quarter))"
    r"|(?:(?:next |this )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    rf"|(?:{MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b)"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)? {MONTH})"
    r"|(?:\d{1,2}/\d{1,2}\b)|tomorrow|tmrw|tonight)(?![a-z])"
    r"|\b(?:in|within|over) the next (?:couple of |few )?(?:days|weeks|months)\b",
    re.I,
)
# a date alone closing an action, set off by a comma or a dash: "…, Nov 6", "… - 6/24",
# "… — 16 Nov 2026", "… - 2026-11-27", "…, Friday 23 October"
_DATE_LAST = re.compile(  # "📅 2026-06-26": a due as the Obsidian Tasks plugin writes it
    r"(?:,|，|\s[-—–]|\s*[📅🗓]\ufe0f?)\s*(?P<w>(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu"
    r"|fri|sat|sun)\.?),?\s+)?"
    rf"(?:{MONTH} \d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? {MONTH})(?:,?\s+20\d\d)?"
    r"|\d{1,2}/\d{1,2}(?:/(?:20)?\d\d)?|20\d\d-\d{2}-\d{2})\s*[.。]?\s*$",
    re.I,
)
# a task list's due column pasted after the task it assigns: "@Dev Sandhu … legal team 27 Nov
# 2026" (a date with its year, so no count or version is read as one)
_YEAR_DATE_LAST = re.compile(
    rf"\s(?P<w>\d{{1,2}} {MONTH} 20\d\d|{MONTH} \d{{1,2}},? 20\d\d|20\d\d-\d{{2}}-\d{{2}})\s*$",
    re.I,
)
_TIMEISH = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\b"
    rf"|\b{MONTH}"  # a month by its name, not "Mark" or "Janet"
    r"|\b(?:next|this|end of|eod"
    r"|eow|eom|today|tomorrow|tmrw|tonight|planning|sprint|release|event|launch|holidays?|weeks?|months?|days"
    r"|quarter|year|summer|winter|spring|autumn|fall|Q ?end"
    r"|opens?|starts?|begins?|closes?|kick-?off|deadline)\b",  # "before applications open"
    re.I,
)
# "before the budget meeting", "until the INSET day": an event the deed must come before
_BEFORE_EVENT = re.compile(
    r"(?:before|until|ahead of)\s+(?:the |our |my |its |next )*(?:[\w-]+ ){0,3}?"
    r"(?:meeting|standup|stand-up|huddle|retro|review|workshop|demo|show|term|season|break|audit|offsite|day|trip|visit"
    r"|party|exam|interview|deadline|concert|gig|festival|conference|fair|launch|opening)s?\b",
    re.I,
)
_ZH_DUE = re.compile(
    r"(?P<d>(?:(?:下个?月|本月|这个月)?(?:\d{1,2}[/月.-])?\d{1,2}(?:日|号|\s(?=前))?|\d{1,2}月(?:底|中|初)?|(?:下|本|这)?(?:个)?"
    r"(?:周|星期)[一二三四五六日天]|(?:这个|本|下个?)?月[底中]|年底|季度末|休假|上线|发布"
    r"|(?:下|本|这)个?[\u4e00-\u9fff]{1,5}?(?:截止|开始|结束|上线|发布)|(?:(?:下|本|这)个?\s*(?:[A-Za-z]{2,10}\s*)?|v?\d+(?:\.\d+)+)?版本)"
    r"之?前(?:完成|搞定)?|(?:下|本|这)周内|[一两二三四五六七八九十\d]+(?:周|天|个月)内"
    r"|(?:下|本|这)个?(?:迭代|sprint|版本|双周)(?:开始|结束)?(?:之?内|之?前)?(?:完成|搞定)?"
    r"|(?:下学期|新学期|明年|\d{1,2}月)?(?:双十一|双十二|国庆|春节|元旦|中秋|五一|年会|开学|放假"
    r"|(?:寒假|暑假|假期|学期)(?:结束)?"
    # "过年前", "端午之前", "入秋前", "离校前", "复试前", "出线之前", "期末考试周之前"
    r"|过年|端午|清明|入秋|入冬|入夏|开春|毕业|离校|复试|初试|出线|期末(?:考试)?周?|期中"
    r"|[\u4e00-\u9fff]{0,3}"
    r"(?:节|会|大促|评审|发版|考试|截止|上线))之?前(?:[一两三四五六七1-7](?:天|周|个星期))?"
    r"|下次(?:组会|周会|例会|复盘|[\u4e00-\u9fff]{1,4}?之?前)|(?:寒假|暑假)第[一二三1-3]周"
    # after a holiday: "春节后", "国庆后第一周", "五一以后", "过完年"
    r"|(?:明年)?(?:过年|春节|国庆|五一|端午|中秋|元旦|清明|开学|寒假|暑假)(?:以?后|之后)"
    r"(?:第[一二三1-3]周)?|过完年"
    r"|下个?(?:月|季度)(?:内|初|底)?(?:之?前|开始|起)?"
    r"|\d{1,2}月\d{1,2}[日号](?:起|开始)(?=执行|实行|生效|[,，。;；]|$)"  # a habit's first day
    r"|\d{1,2}月\d{1,2}[日号](?=我(?:会|要|去|来|再|把))"  # "7月25号我会去底坑看的"
    r"|明年Q[1-4]|下周之内|(?:寒假|暑假|假期|这个月|本月)(?:里|内|之内)"
    r"|\d{1,2}月(?:底|中旬?|初|上旬|下旬)"
    r"|(?:[一二三四五六七八九十]|十[一二])月(?:底|中旬?|初|上旬|下旬)之?前?)"  # "三月底之前"
)
_DUE_WORD = Gated(
    re.compile(
        r"\b(?:today|tonight|tomorrow|tmrw|this (?:morning|afternoon|evening|weekend|week)"
        r"|next week(?:end)?|next sprint|(?:before|by) (?:lunch|noon|midday)|(?:this|next) month"
        r"|asap|eo[dwm]|(?:before|by) (?:new year(?:'?s(?: eve| day)?)?|christmas|xmas))\b"
        r"|(?:明天|明早|明晚|今天|今晚|后天)(?:之前|以前|前)?(?:开始|起)?"
        # a weekday said in passing: "Jo briefs them at next Tuesday's huddle", "calling them
        # monday" (at a clause's end, so "No-meeting Wednesday afternoons" names no due)
        r"|\b(?:by|before|on|next|this) (?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
        r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?=\s*(?:[,.;]|$)|\s+and\s+[a-z]+\s)"
        # "Monday I'm calling three agents": the day, then who will
        r"|^(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?=,?\s+(?:I'm|I'll|I will|we'll|we're)\b)"
        r"|(?:下|本|这)周[末一二三四五六日天]?(?:开始|起)?"  # "下周一开始": a habit's first day
        r"|(?<!每)周[一二三四五六日天](?=一早|上午|下午|晚上|之前|前|[,，。]|$)"
        # "预告视频阿斌周一发", "老周周一去电信营业厅办": who, the day, then the deed
        r"|(?<=[\u4e00-\u9fff])(?<![每上这本下])周[一二三四五六日天](?=(?:就|再|先)?[去来发写做弄办交给出补开约改])"
        r"|(?<=[我,，])\s*周[一二三四五六日天]",
        re.I,
    )
)
AGREE = re.compile(
    r"(?:yes|yep|yeah|sure|ok|okay|will do|on it|can do|no problem)\b"
    # "可以的 我周五上午请个假过来": a Chinese yes ends where the next word begins
    r"|(?:好的?|可以|没问题|收到|行)(?:的|啊|呀|哒|滴|嘞)?(?![\u4e00-\u9fff])",
    re.I,
)
_ITEM_SEP = re.compile(r"[；;]|(?<=[。!！?？])|(?<=[.])(?=\s+\S)")
ACTION_LEAD = re.compile(
    r"(?:^|(?<=[\s.;!?。；,，]))(?P<cue>action items?|actions?|next steps?|next|改进项"
    r"|(?:整改|改进|后续|防范)措施|整改"
    r"|行动项|待办|接下来|后续|(?:那|那就|那我们|我们)?分(?:一下|个|下)?(?:工|活)(?:一下)?)"
    r"\s*[:：]\s*(?=\S)",
    re.I,
)


# words shaped like topics or deeds, not people: "Monitoring:", "Switched to …", "Note:"
_DEEDS = (
    r"finish|send|book|text|call|ring|email|check|write|add|move|make|put|review|draft|ask|tell"
    r"|order|buy|sort|clean|run|ship|share|post|print|pay|plan|schedule|follow|find|hire|cancel"
    r"|renew|reply|submit|upload|confirm|remind"
)
# "Finish modules 7 and 8 over the holidays": an action told as a bare order
IMPERATIVE = re.compile(rf"^\W*(?i:{_DEEDS})\s+\S")
_NOT_NAME = re.compile(
    r"\w{3,}(?:ing|tion|sion|ment|ity|ness|ics)|\w{5,}ed|\w{4,}(?:less|ful|ous|ive|able|ible)"
    r"|note|notes|update|updates|docs?|summary|context|status|impact|fix|bug|risk|goal|idea|tip"
    r"|todo|done|next|later|now|today|tomorrow|process|tooling|data|design|code|release|deploy"
    r"|infra|backend|frontend|mobile|web|api|action|actions|owner|due|stop|start|keep|try|also"
    r"|then|we|the|this|that|it|they|there|someone|everyone|team|all|users?|customers?|people"
    r"|folks|engineers|requests|services?|servers?|clients?|pods|nodes|alerts?|tests?|builds?"
    r"|jobs?|workers?|traffic|latency|errors?|queries|query|systems?"
    r"|yes|yeah|yep|yup|no|nope|ok|okay|sure|thanks|thx|agreed|alright|great|cool|fine"
    r"|new|old|every|each|our|my|your|their|his|her|home"  # "New prices go to everyone …"
    rf"|{_DEEDS}",  # the deed in its plain form opening an action line ("Finish modules 7 …")
    re.I,
)


def plausible(name: str) -> bool:
    """Whether a captured owner reads as a person or a team rather than a topic word."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() != "and"]
    return not any(_NOT_NAME.fullmatch(w) for w in words)


def is_person(label: str) -> bool:
    """A label that is a person's name ("Greta", "@ana", "Ruth & Ade"), not a topic."""
    shape = rf"@[\w.\-]+|{_EN_NAME}(?:\s*(?:&|\+|/| and )\s*{_EN_NAME})*"
    if re.fullmatch(rf"(?!{_ZH_NOT_NAME}){_ZH_NAME}|[小老阿][A-Z][A-Za-z]*", label):
        return True  # "阿杰: 新号提前养号", "阿May: 周报"
    if re.fullmatch(rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}", label) and _looks_named(label):
        return True  # "蒋雯: 做个睡眠情况小问卷"
    return bool(re.fullmatch(shape, label)) and plausible(label)


# A chat display name carries the desk or team before the person ("前台Vivian", "IT小马",
# "值班经理Eric", "收费处王姐") and sometimes a role after ("刘工(分行科技部)").
_ROLE_LEAD = re.compile(
    r"^(?:(?:[A-Z]{2,4}|[\u4e00-\u9fff]{0,5}(?:经理|主管|总监|组长|店长|前台|客服|财务|行政|运营|产品"
    r"|研发|测试|开发|部|组|科|处|台|中心))[\s\-·_]?"
    rf"|{DESK})"  # a chat name's desk or firm before a dash: "鑫达软件-李工"
    r"(?=[A-Z][a-z]+$|[小老阿大][\u4e00-\u9fff]$|[\u4e00-\u9fff]{2,3}$)"
)


_ROLE_ONLY = re.compile(r"(?:负责人|经理|主管|总监|组长|老师|同学|专员|工程师|团队|同事)$")


_LATIN_ROLE = re.compile(r"(?<=[A-Za-z])\s*(?:主播|老师|经理|主管|总监|组长|店长|客服|运营|助理)$")


# a Feishu or WeCom display name with the desk after a dash: "韩雪-门店运营", "陈立峰－设备部";
# not "教务处-刘红梅", the desk before the name
_DESK_AFTER = re.compile(
    rf"^(?P<n>[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})\s*[-－—]\s*"
    rf"(?![{_SURNAMES}][\u4e00-\u9fff]{{1,2}}$)[\u4e00-\u9fff]{{2,8}}$"
)


def person(owner: str) -> str:
    """The person an owner names, without the desk or team a chat name carries; a role that
    is the owner ("产品经理", "测试负责人") stays whole."""

    def one(part: str) -> str:
        bare = ROLE_SUFFIX.sub("", part) or part
        bare = _DESK_AFTER.sub(r"\g<n>", bare)  # "韩雪-门店运营" is 韩雪
        bare = _LATIN_ROLE.sub("", bare) or bare  # "Yoyo主播" is Yoyo
        rest = _ROLE_LEAD.sub("", bare)
        return bare if not rest or _ROLE_ONLY.fullmatch(rest) else rest

    parts = re.split(r"(\s*/\s*)", owner)
    return "".join(one(p) if i % 2 == 0 else p for i, p in enumerate(parts))


# The commonest family names: a trailing "…, 周敏" names a person, "…, 很重要" does not.
_TRAILING_NAME = re.compile(
    rf"(?:[,，]|\s[-–—]{{1,2}})\s*(?P<o>@?[A-Z][a-z]+|@?{_ZH_NAME}|@?[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})"
    r"\s*$"  # "…, Hannah", "合同归档, 小周"
    r"|\s[-–—]\s*(?P<m>[A-Z][a-z]+)(?=\s*,)"  # "Return the suit hire - Olu, THIS FRIDAY"
)


# "Audit every ward's printers: Mark Ellis, within two weeks", "Replace the printer: Sister Grace
# Okoro with Mark Ellis (IT)": the deed, then who does it after a colon, with a role at most
_TITLE = r"(?:(?:Dr|Sister|Nurse|Mr|Mrs|Ms|Miss|Prof|Cllr)\.?\s+)"
_OWNER_AFTER = re.compile(
    rf"[:：]\s*{_TITLE}?(?P<o>{_EN_NAME})(?:\s+(?:with|and|&|\+)\s+{_TITLE}?(?P<o2>{_EN_NAME}))?"
    r"(?:\s*\([^()]{1,24}\))?(?:\s*,\s*(?:the\s+)?[a-z][a-z ]{2,30})?\s*[,，.。]?$"
)


# "Workplace certificates → Priya + Tom, next week", "rev B bootloader: @jbrandt + @dmitri-k,
# by the 12th": the deed first, then whom it is handed to, a due after them at most
_ONE = rf"(?:{_EN_NAME}|{_ZH_NAME}|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})"
_PEOPLE = rf"{_ONE}(?:\s*(?:\+|&| and |、|和)\s*{_ONE})*"
_HANDLES = r"@[\w.\-]+(?:\s*(?:\+|&|,| and )\s*@[\w.\-]+)*"
_HANDED_TO = re.compile(
    rf"(?:\s(?:→|->|=>)\s*(?P<o>@?{_PEOPLE}|{_HANDLES})|[:：]\s*(?P<h>{_HANDLES}))"
    r"\s*(?:[,，]\s*(?P<d>[^,;，；]{2,30}?))?\s*[.。]?$"
)


_PRONOUN = re.compile(r"(?:she|he|they)", re.I)
# "Anita's forecast is …. She will send the claim": who the sentence before is about
_SUBJECT = re.compile(rf"^\W*(?:\d+[.)]\s*)?(?:[A-Z][a-z]+\.\s+)?(?P<o>{_EN_NAME})(?:'s\b|\s)")


def antecedent(owner: str | None, span: Span) -> str | None:
    """The owner, unless it is "She"/"He"/"They": then the person the sentence before the
    span opens on, or nobody (a pronoun is never an owner)."""
    if owner is None or not _PRONOUN.fullmatch(owner):
        return owner
    said = re.sub(r"\b(?i:she|he|they)\b[^.!?]*$", "", span.line.text[: span.start])
    before = re.split(r"(?<=[.!?])\s+", said.strip())
    previous = next((s for s in reversed(before) if s.strip()), "")
    m = _SUBJECT.match(previous)
    if m and plausible(m["o"]) and not _PRONOUN.fullmatch(m["o"]) and label_kind(m["o"]) is None:
        return m["o"]
    return None


def handed_to(span: Span) -> tuple[Span, str, str | None] | None:
    """A deed of two words (or Chinese characters) or more, then an arrow (or a colon before
    @handles) and who takes it: (the deed, who as written, the due)."""
    m = _HANDED_TO.search(span.text)
    deed = span.text[: m.start()] if m else ""
    if m is None or len(deed.split()) < 2 and len(re.findall(r"[\u4e00-\u9fff]", deed)) < 2:
        return None
    who, when = (m["o"] or m["h"]).strip().replace("@", ""), m["d"]
    names = re.split(r"\s*(?:\+|&|,| and |、|和)\s*", who)
    if not all(plausible(n) and not _NOT_OWNER.search(n) for n in names):
        return None
    if when and not is_due(when):
        return None
    return span.sub(0, m.start()).strip(" ,，;；"), who, when


def owner_after(span: Span) -> tuple[Span, str, str | None] | None:
    """A deed of several words, then a colon and who does it (one or two people), a due after
    them at most: (the deed, who, the due)."""
    span, when = due(span)
    m = _OWNER_AFTER.search(span.text)
    if m is None or len(span.text[: m.start()].split()) < 3:
        return None
    names = [n for n in (m.group("o"), m.group("o2")) if n]
    if not all(plausible(n) and not _NOT_OWNER.search(n) and not is_due(n) for n in names):
        return None
    return span.sub(0, m.start()).strip(), "、".join(names), when


def trailing_name(span: Span) -> tuple[Span, str] | None:
    """An action line that ends by naming who ("form, Hannah") or names them after a dash."""
    m = _TRAILING_NAME.search(span.text)
    if m is None:
        return None
    who = (m.group("o") or m.group("m")).lstrip("@")
    if not (_looks_named(who) or who[0].isupper()) or _NOT_OWNER.search(who) or not plausible(who):
        return None
    if is_due(who) or label_kind(who) is not None:
        return None
    if m.group("m"):
        return span, who
    return span.sub(0, m.start()).strip(), who


_TITLES = "主任|总监|经理|院长|科长|处长|老师|医生|工"


_THEN = re.compile(r"^(?:[\u4e00-\u9fff]{1,4}(?:以后|之后)|然后|接着|同时|另外)")


def _name(chunk: str) -> str | None:
    """The person in "支付组小郑", "财务系统的阿兰", "运维经理老邓", "数据组的Leo", "bug许静";
    both in "周老师和林晓一起先"."""
    chunk = re.sub(r"(?:那边|这边)$", "", chunk.strip(" ,，:：")) or chunk
    chunk = _THEN.sub("", chunk) or chunk  # "改完以后药剂科牵头": who, after when
    both = _BOTH.search(chunk)
    if both:
        first, second = _name(both.group("a")), _name(both.group("b"))
        if first and second:
            return f"{first}、{second}"
    full = re.search(
        rf"(?:^|(?<=[部处科组室办队]))[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}(?=(?:{_TITLES})$)", chunk
    )
    if full and _looks_named(full.group(0)):  # "教务处李建新主任": the full name before the title
        return full.group(0)
    titled = re.search(rf"[{_SURNAMES}](?:{_TITLES})$", chunk)
    if titled:  # "监管补充报告合规王主任": the person with their title
        return titled.group(0)
    rest = _ORG_PREFIX.sub("", chunk)
    org = _TOPIC_PREFIX.sub("", chunk)
    if not rest and _WHOLE_ORG.fullmatch(org):
        return org  # "由物业工程部负责": the department, no "业工" inside it
    rest = rest or chunk
    found = re.findall(rf"[小老阿]?[A-Z][a-z]+|{_ZH_NAME}|@[\w\u4e00-\u9fff]+", rest)
    if found:
        name = found[-1].lstrip("@")
    else:
        tail = re.search(r"(?:^|[^\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})$", rest)
        role = re.fullmatch(r"(?:各|每位|每个)?[\u4e00-\u9fff]{1,3}[长员]", rest)  # "各楼栋长"
        name = tail.group(1) if tail else role.group(0) if role else ""
    # "周敏本周五前报上来": the name ends where "本周五" begins
    name = re.sub(rf"(?<=^[{_SURNAMES}][\u4e00-\u9fff])[本这下上]$", "", name)
    if not name or _NOT_OWNER.search(name) or name[0] in "和与及跟同":
        return None
    if re.search("[我你他她]", name):  # "通知模板的事我来牵头": the speaker's, not "事我来"
        return None
    if re.search("[了的吗呢吧啊]|分钟|小时", name):  # "-> 守住了,…" says how a goal went
        return None
    return name


def lead(span: Span) -> tuple[Span, str | None]:
    """ "Greta: X", "Leon — X", "tomas -> X", "@ana X", "Zoe to X", "Kate will X",
    "Tom sets up X"."""
    text = span.text
    for pattern in (_LEAD_OWNER, _MENTION_LEAD, _EN_COMMIT, _EN_DOES, _EN_BOTH, _EN_BOTH_CALLED):
        m = pattern.match(text)
        owner = m.group("o") if m else ""
        if m and pattern is _LEAD_OWNER and owner.islower():
            # "leaderboard -> Tomasz said he'll chase IT": a topic, then who takes it
            rest = span.sub(m.end()).strip()
            said = _EN_COMMIT.match(rest.text)
            if said and plausible(said.group("o")):
                return rest.sub(said.end()).strip(), said.group("o")
        named = pattern is _MENTION_LEAD or plausible(owner)  # "@IT小马": a mention is a person
        if m and not _NOT_OWNER.search(owner) and label_kind(owner) is None and named:
            return span.sub(m.end()).strip(), m.group("o").lstrip("@")
    m = _ZH_SPACED.match(text)  # "曹俊 CoreDNS 加第二上游": a full name, a space, the deed
    if m and _looks_named(m.group("o")):
        return span.sub(m.end()).strip(), m.group("o")
    m = _ZH_LEAD.match(text)  # "老宋休假前写好交接文档": the name stays in the action
    return span, m.group("o") if m else None


def due(span: Span) -> tuple[Span, str | None]:
    """A trailing due ("…, next Wed", "… by 31 Jul", "…,下周五前") cut from the action."""
    text = span.text
    m = _EN_DUE.search(text)
    if m and m.group("d") and not _TIMEISH.search(m.group("d")) and not _BEFORE_EVENT.match(m["d"]):
        m = None  # "affected by increased bills" states a cause, not a deadline
    if m and m.group("d"):
        inner = _EN_DUE.search(text, m.start("d") + 3)
        between = text[m.start("d") + 3 : inner.start()] if inner else ""
        if (
            inner
            and inner.group("w")
            and re.search(r"\w", re.sub(r"(?i)\b(?:the|an?)\b", "", between))
            and not _TIMEISH.search(between)  # "by the end of next month" is one due
        ):
            m = inner  # "handled by platform team in Q1": the due is "in Q1", not the agent
    if m:
        key = "d" if m.group("d") else "w"
        said = m.group(key)
        joined = _JOINED.search(said)  # "by Friday and reply to everyone who wrote in"
        if joined and _TIMEISH.search(said[: joined.start()]):
            said = said[: joined.start()]
        return span.sub(0, m.start(key)).strip(" ,，;；-—–(（"), _DECOR.sub("", said).strip()
    dated = _DATE_LAST.search(text) or (
        _YEAR_DATE_LAST.search(text) if text.lstrip().startswith("@") else None
    )
    if dated:  # "vendor debrief on the kiosks, Nov 6"
        return span.sub(0, dated.start()).strip(" ,，;；-—–(（"), dated.group("w")
    # every Chinese due holds a Chinese character: an English line skips the long scan
    found = list(_ZH_DUE.finditer(text)) if CJK.search(text) else []
    if found:
        d = found[-1]
        head = span.sub(0, d.start()).strip(" ,，;；-—–(（")
        opened = max(head.text.rfind("("), head.text.rfind("（"))
        if opened > 0 and not re.search(r"[)）]", head.text[opened:]):
            head = head.sub(0, opened).strip(
                " ,，;；-—–"
            )  # "找两家备选(阿珍,两周内)": the bracket goes
        if len(head.text) >= 4 and not re.search(r"[\u4e00-\u9fff]{2,}", text[d.end() :]):
            return head, d.group("d")
        return span, d.group("d")
    # "… done by the 27th, I've got interviews Tuesday"; "I'll talk to legal tomorrow about …":
    # the action keeps the words
    word = _BY_DATE.search(text) or _DUE_WORD.search(text)
    if word is None:
        return span, None
    day = _LATER_DAY.search(text, word.end())  # "我下周改一版间距,周三给到刘洋": next Wednesday
    return span, narrowed(word.group(0), day.group(0)) if day else word.group(0)


def later_due(text: str) -> str | None:
    """A clear "by <date>" said later in an item ("… Worth a go, by the 12th."), or a short
    sentence that is only a when ("… away from the noise. Starting Monday.")."""
    m = _BY_DATE.search(text)
    if m:
        return m.group(0)
    tail = text.strip(" .。,，;；!！")
    short = 0 < len(tail) <= 30 and len(tail.split()) <= 4
    return tail if short and _WHEN_FIRST.match(tail) and is_due(tail) else None


# A sentence that opens on when, not on a deed or a greeting ("See you Monday")
_WHEN_FIRST = re.compile(
    r"(?:starting|from|by|before|until|due|next|this|mid|end of|tomorrow|today|tonight|eo[dwm]"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)


_LATER_DAY = re.compile(
    r"(?<![每下本这])(?:周|星期)[一二三四五六日天](?:之?前)?"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)
_A_WEEK = re.compile(r"(?P<w>下|本|这)个?周|(?i:(?:by |before |in )?(?P<e>next|this) week)")
_A_DAY = re.compile(
    r"(?:周|星期)(?P<d>[一二三四五六日天])(?P<b>之?前)?"
    r"|(?i:(?:by |before |on )?(?P<e>(?:mon|tues|wednes|thurs|fri|satur|sun)day))"
)


def narrowed(due: str | None, said: str | None) -> str | None:
    """An ask's due, narrowed to the day its answer names: "下周" answered "周四前" is
    "下周四前", "next week" answered "Thursday" is "next Thursday"; else the ask's own."""
    if not due or not said:
        return due or said
    week, day = _A_WEEK.fullmatch(due.strip()), _A_DAY.fullmatch(said.strip())
    if week and day and week["w"] and day["d"]:
        return f"{week['w']}周{day['d']}{day['b'] or ''}"
    if week and day and week["e"] and day["e"]:
        return f"{week['e']} {day['e']}"
    return due


def opens_on_when(text: str) -> bool:
    """Whether a phrase starts with when ("end of May", "Friday", "3/14"), not with a deed
    ("sending today")."""
    return bool(
        _WHEN_FIRST.match(text)
        or re.match(r"\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|eo[dwm]\b", text, re.I)
    )


def is_due(text: str) -> bool:
    """Whether a short phrase reads as a due on its own: "EOW", "ASAP", "Q4", "next Fri", "3/14"."""
    text = text.strip()
    return bool(
        _DUE_WORD.fullmatch(text)
        or _ZH_DUE.fullmatch(text)
        or re.fullmatch(r"(?:by |before |due )?\S.*", text)
        and _TIMEISH.search(text)
        or re.fullmatch(r"asap|eo[dwmq]|(?:by |in )?Q[1-4](?: \d{4})?", text, re.I)
    )


def owner_and_due(text: str) -> tuple[str, str | None] | None:
    """What follows an action's label when it only names who and by when: "阿凯,5/15前"."""
    m = re.fullmatch(
        rf"\s*(?P<o>@?(?:{_ZH_NAME}|[\u4e00-\u9fff]{{2,3}}|{_EN_NAME}))\s*"
        r"(?:[,，、]\s*(?P<d>[^,，;；]{2,20}))?\s*[.。]?\s*",
        text,
    )
    if not m or _NOT_OWNER.search(m.group("o")) or not plausible(m.group("o")):
        return None
    d = m.group("d")
    if d and not is_due(d):
        return None
    return m.group("o").lstrip("@"), d.strip() if d else None


_PAIR = re.compile(r"(?P<a>[^和与、]{2,6})(?:和|与|、)(?P<b>[^和与、]{2,6})")


def zh_owner(text: str, speaker: str | None, loose: bool = True) -> str | None:
    """The owner a Chinese action names in its words, or the speaker of "我来…"; `loose` also
    reads "(小林)" and "@小宁", which only an action line can be trusted with."""
    for pattern in (
        _ZH_ROLE,
        _ZH_BY,
        _ZH_ASKED,
        _ZH_LEADS,
        _ZH_GIVEN,
        _ZH_TEAM,
        _ZH_GOES,
        _ZH_THIS_ONE,
        _ZH_LATER,
        ZH_KIN_SAID,
    ):
        m = pattern.search(text)
        if m and "我" in m.group("o"):
            continue  # "施工方违约金我去跟他们谈": the writer goes, not "施工"
        if m and pattern is ZH_KIN_SAID:
            return m.group("o")  # "爸": one character, and who he is to the writer
        if m:
            pair = _PAIR.fullmatch(m.group("o")) if pattern is _ZH_GOES else None
            if pair and _name(pair.group("a")) and _name(pair.group("b")):
                return f"{_name(pair.group('a'))}、{_name(pair.group('b'))}"  # "禾丰和居委会…去"
            name = _name(m.group("o"))
            helper = _HELPS.match(text, m.end())
            second = _name(helper.group("h")) if helper else None
            if name and second:
                return f"{name}、{second}"  # "韩静牵头, 马晓燕帮忙算人头": both do it
            if name:
                return name
    if loose:
        tail = _TAIL_OWNER.search(text)
        if tail:
            name = _name(tail.group("o"))
            if name:
                return name
        tagged = re.search(r"@(?P<o>[\w\u4e00-\u9fff]+)\s*[(（]", text)
        if tagged:  # "@小林(护士)": the bracket holds her role, not the owner
            return tagged.group("o")
        paren = re.search(r"[(（](?P<o>[^()（）]{1,12})[)）]", text)
        if paren and not re.search(r"[他她我你]", paren.group("o")):  # not "(他跟老王熟)"
            said = re.split(r"[,，、]", paren.group("o"))[0]
            name = _name(_PAREN_DEED.sub("", said))  # "(林可今天改)": 林可, then when she does it
            if name:
                return name
        mention = re.search(r"@(?P<o>[\w\u4e00-\u9fff]+)", text)
        if mention:
            return mention.group("o")
    if speaker and _ZH_I.search(text):
        return speaker
    return None


# Who an action names after its topic: "(Joao)", "…, Lena to raise w/ infra leads", "… -- Alex /
# 小谭, 下个迭代", "…, Kevin说…之前排查完", "Alex会在月底前…", "刘洋去和数据组聊".
_WHO_ANY = rf"(?:@?{_EN_NAME}|[小老阿][A-Z][a-z]*|{_ZH_NAME}|[\u4e00-\u9fff]{{2,3}})"
# "(Joao)", "(Alex / 小谭)", "(Jess, sending today)"
_PAREN_NAME = re.compile(
    rf"[(（]\s*(?P<o>{_WHO_ANY}(?:\s*[/&+、,，]\s*{_WHO_ANY})*)(?:[,;]\s*[a-z][^()]{{0,30}})?"
    r"\s*[)）]"
)
_CLAUSE_EN = re.compile(
    rf"(?:^|[,;:.]\s+)(?:(?:and|so|then) )?(?P<o>{_EN_NAME})"
    r"(?:\s+(?:will|to|is going to|can)\s+(?!be\s+[a-z]+ed\b)|'ll\s+)(?=[a-z])"
)
_DOUBLE_DASH = re.compile(
    rf"\s-{{2,}}\s*(?P<o>{_WHO_ANY}(?:\s*[/&+、]\s*{_WHO_ANY})*)\s*(?:[,，]|$)"
)
_CLAUSE_ZH = re.compile(
    r"(?:^|[,，;；:：]\s*)(?:[\u4e00-\u9fff]{1,4}(?:部|组)的?(?=[A-Z]))?"  # "版面组Jason会在…"
    rf"(?P<o>[小老阿]?[A-Z][a-z]+|{_ZH_NAME}|[\u4e00-\u9fff]{{2,3}}?)\s*"
    r"(?:[(（][^()（）]{1,10}[)）])?"  # "孙莉(客服中心)说她来改"
    r"(?:会在|会|去|来|说|负责|牵头|跟进"
    r"|(?=\d{1,2}[月号/]|下周|本周|月底|这周|周[一二三四五六日天]|明天|今天|今晚))"
    # a name, then when or "first": "王浩下次组会前把…", "刘洋先定位", "周涛回去问问"
    rf"|(?:^|(?<=[,，;；:：]))\s*(?P<f>[小老阿{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)"
    r"(?=下次|下回|回头|回去|先(?![生前讲说聊介]))"
    # a 小X/老X name inside a clause, then who does what: "闪送的赔付小林去跟"
    # or a full name: "回访名单王芳来整理", "报价单陈立峰来出" (not "马上来做")
    rf"|(?<=[\u4e00-\u9fff])(?P<m>{_ZH_NAME}|(?!马上|周末|周一|周二|周三|周四|周五|周六|周日)"
    rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?:去|来)"
    r"(?=跟|做|搞|弄|谈|问|催|办|查|写|对|联系|处理|打|排|整理|出)"
    # a full name with the desk in brackets, who said they'd do it: "…规则孙莉(客服中心)说她来改"
    rf"|(?<=[\u4e00-\u9fff])(?P<s>[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})[(（][^()（）]{{1,10}}[)）]"
    r"说(?:他|她)?(?:来|去|负责)"
)


# who helps the one who leads: "韩静牵头, 马晓燕帮忙…", "由A负责，B配合"
_HELPS = re.compile(r"\s*[,，、]\s*(?P<h>[^,，;；。\s]{2,6}?)(?:帮忙|协助|配合)")
# two people who do it together: "周老师和林晓一起"
_BOTH = re.compile(r"^(?P<a>[^和与、]{2,8})(?:和|与|、)(?P<b>[^和与、]{2,6}?)一起")
_ZH_TOGETHER = re.compile(rf"(?:^|[,，;；:：]\s*)(?P<o>{_WHO_ANY}(?:和|与|、){_WHO_ANY})一起")
_ZH_PLEASE = re.compile(
    rf"请(?P<o>[A-Z][a-z]+|{_ZH_NAME}|[\u4e00-\u9fff]{{2,3}}?)"
    r"(?:出|做|写|整理|负责|跟进|看|拉|牵头|来|去|对接|补)"
)


def planned(text: str) -> str | None:
    """The owner of a Chinese plan sentence with a due ("王磊和赵一鸣一起重做…,月底前出第一版",
    "…请Kevin出一版方案,下周五前发到群里", "孙悦月底前整理一份…")."""
    if not _ZH_DUE.search(text):
        return None
    for pattern in (_ZH_TOGETHER, _ZH_PLEASE):
        m = pattern.search(text)
        if m:
            names = re.split(r"和|与|、", m.group("o"))
            if all(_looks_named(n) for n in names):
                return " / ".join(names) if len(names) > 1 else names[0]
    return named_after(text)


# "Gloria asked Priya if she'd run a clinic", "Marcus asked if Tom could get a sheet out":
# the one asked takes it on
_ASKED_OF = re.compile(
    rf"\basked (?P<o>{_EN_NAME}) (?:if|whether)\b"
    rf"|\basked (?:if|whether) (?P<p>{_EN_NAME}) (?:could|would|can|will|might)\b"
)


def named_after(text: str) -> str | None:
    """The owner an action line names after its topic, in a bracket, clause or dash tail, or
    the one it says was asked to take it on."""
    asked = _ASKED_OF.search(text)
    if asked and plausible(asked["o"] or asked["p"]):
        return asked["o"] or asked["p"]
    for pattern in (_PAREN_NAME, _DOUBLE_DASH):
        m = pattern.search(text)
        if m:
            names = [n.strip().lstrip("@") for n in re.split(r"\s*[/&+、,，]\s*", m.group("o"))]
            names = [n for n in names if n and not _NOT_OWNER.search(n) and plausible(n)]
            names = [n for n in names if not is_due(n)]  # "(阿珍,两周内)": who, then by when
            if names and all(_looks_named(n) for n in names):
                return " / ".join(names) if len(names) > 1 else names[0]
    m = _CLAUSE_EN.search(text) or _OWNS_IT.search(text)
    if m and plausible(m.group("o")) and not _NOT_OWNER.search(m.group("o")):
        return m.group("o")
    for m in _CLAUSE_ZH.finditer(text):
        name = m.group("o") or m.group("m") or m.group("s") or m.group("f")
        if _looks_named(name) and not _NOT_OWNER.search(name):
            return name
    return None


_NOT_ZH_NAME = re.compile(
    r"[的了是在和与就都也还又要把被让给对从向这那我你他她们个些]|技术|产品|运营|测试|开发|后端|前端|数据|大家"
    r"|争取|力争|预计|计划|希望|尽量|目标|最晚|最迟|务必|确保|保证"  # verbs before a date
    # a place or a thing before a date: "机房7月31日前加装空调"
    r"|机房|现场|仓库|底坑|电梯|系统|页面|接口|官网|后台|服务器|设备|网络|门口"
)


def _looks_named(name: str) -> bool:
    """A person's name rather than a word: a capitalised Latin name, or two or three Chinese
    characters that are not a function word or a role."""
    if re.fullmatch(rf"[小老阿][A-Z][a-z]*|{_EN_NAME}", name):  # "老K", "Jo", "Tomás"
        return plausible(name)
    if re.fullmatch(_ZH_TITLED, name):  # "王护士长", "周工"
        return True
    return (
        bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name))
        and not _NOT_ZH_NAME.search(name)
        and not re.match(r"[下上本这每次前后明今昨]", name)  # "下次周会", "明天" name no one
    )


# Who wrote the notes: "记录:项目经理 周明", "Minutes: Priya Raman (PM)", "From: Dana <…>",
# "written up by Claire", or a name after the title's dash ("Q3 复盘 — 阿飞").
_WRITER = (
    re.compile(
        r"(?:记录人?|整理人?|执笔|纪要|(?:文档)?作者|撰写人?|撰稿人?|报告人|填写人|汇报人|创建者|创建人)"
        r"\s*[:：]\s*"
        r"(?:[\u4e00-\u9fff]{0,6}(?:经理|主管|负责人)\s*)?"
        r"(?P<o>[\u4e00-\u9fff]{2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?![\u4e00-\u9fff])"
    ),
    re.compile(
        r"(?i:\bminutes|\bnotes|\bwritten(?: up)?|\btaken|\bprepared|\bposted|\bcreated|\bcompiled)"
        r"\s*(?i:by\s+|[:：]\s*)"
        rf"(?P<o>{_EN_NAME})\b"
    ),
    re.compile(rf"^(?:From|发件人)\s*[:：]\s*(?P<o>{_EN_NAME}|[\u4e00-\u9fff]{{2,3}})\s*<"),
    # a blog's byline: "*Posted Tuesday, March 10, 2026 by Nadia Ferreira · 7 min read*"
    re.compile(
        rf"^[*_\s]*(?i:posted|published|written)\b[^|·•\n]{{1,40}}?\bby\s+(?P<o>{_EN_NAME})\b"
    ),
    # a byline: "林晓(客服主管)| 2026-03-10 周二 | 发企业微信群"
    re.compile(
        rf"^\W*(?P<o>[\u4e00-\u9fff]{{2,3}}|{_EN_NAME})\s*[(（][^()（）]{{1,12}}[)）]\s*[|｜·•]"
    ),
    # a report's byline under its title: "质量安全部 陈立  2026年7月23日"
    re.compile(
        r"^\s*(?:[\u4e00-\u9fff]{2,10}?(?:部|处|科|中心|办|组|室|队|站)\s*)?"
        r"(?P<o>[\u4e00-\u9fff]{2,3})\s+\d{4}\s*(?:年|[-/.])\s*\d{1,2}"
    ),
    # "*Ruth Okafor, editor. Monday 20 April 2026.*": a full name, a role, then a stop
    re.compile(r"^[*_\s]*(?P<o>[A-Z][a-z]+ [A-Z][a-z]+),\s+[a-z][a-z ,&/-]{1,30}[.·|]"),
    # "我(社长Momo)顺手整理的", "(店长老陈自己记的)": who wrote it, said in passing
    re.compile(r"我\s*[(（][\u4e00-\u9fff]{0,3}?(?P<o>[A-Z][a-z]+|[\u4e00-\u9fff]{2,3})[)）]"),
    re.compile(
        r"(?:店长|社长|组长|队长|班长|经理|主管|老师)?(?P<o>[老小阿大][\u4e00-\u9fff]|[\u4e00-\u9fff]{2,3}?)"
        r"(?:自己|亲自)?(?:记|写|整理)的"
    ),
    # "ok so. um. this is Tess, end-of-season brain dump", "大家好,我是小周": who is speaking
    re.compile(
        r"(?:^|[.!?,:;]\s+|^\W*(?i:ok(?:ay)?|so|um|hi|hey|right|hello)\W+)(?i:this is|it'?s)\s+"
        r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:Jan|Febr)uary\b|March\b|April\b"
        r"|May\b|June\b|July\b|August\b|(?:Septem|Octo|Novem|Decem)ber\b|Christmas\b|Easter\b)"
        rf"(?P<o>{_EN_NAME})(?:\s+here)?\s*(?:[,.!:;—–]|\s-\s|$)"
    ),
    re.compile(
        rf"(?:^|[,，。!！:：\s])我是(?P<o>[小老阿][\u4e00-\u9fff]|[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})"
        r"(?:[,，。!！~～\s]|$)"
    ),
    # "[voice memo, typed up off my phone more or less word for word. Owen]": a note on how it
    # was written, signed with the writer's name
    re.compile(
        rf"^\s*[\[(（【][^\])）】]{{6,160}}?[.,;。，；]\s*[—–-]?\s*(?P<o>{_EN_NAME})\s*[\])）】]\s*$"
    ),
)
_NOTES_BY = re.compile(
    r"^\W*(?i:notes|write-?up|summary|minutes|recap)\s*[(（](?P<o>[A-Z][a-z]+)\s*[,，)）]"
)
_NAME_ALONE = re.compile(
    r"^\s*(?P<o>[\u4e00-\u9fff]{2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*[:：]\s*$"
)
_TITLE_WRITER = re.compile(
    rf"\s[—–-]\s*(?P<o>{_EN_NAME}|[\u4e00-\u9fff]{{2,3}})\s*(?:[(（][^()（）]*[)）])?\W*$"
)
FIRST_PERSON = re.compile(r"(?<![A-Za-z'])I(?:'ll|'d|'m| will| can)?\b|我(?!们|司|方)")
_HEAD = 6


# "参会:周建国(运营副总)、陈蕾、…", "Attendees: Dana, Marco (PM)": who was there
_ROSTER = re.compile(
    r"^\s*(?:参会人?员?|与会人?员?|出席人?员?|参与人?员?|参加人?员?|attendees|present|participants)"
    r"\s*[:：]\s*(?P<names>.+)$",
    re.I,
)
_ROSTER_NAME = re.compile(rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}|{_ZH_NAME}|{_EN_NAME}")


def roster(lines: list[str]) -> list[str]:
    """The names an attendee line of the notes' head lists, longest first."""
    for line in [ln for ln in lines if ln.strip()][:_HEAD]:
        m = _ROSTER.match(line)
        if m:
            listed = re.sub(r"[(（][^()（）]*[)）]", "", m.group("names"))
            parts = (p.strip() for p in re.split(r"[、,，/;；]|\s+(?:and|&)\s+", listed))
            names = {p for p in parts if _ROSTER_NAME.fullmatch(p) and _looks_named(p)}
            # "Priya Natarajan (PN, Project Manager)": the minutes then call her PN
            names |= set(_INITIALS_GIVEN.findall(m.group("names")))
            return sorted(names, key=len, reverse=True)
    return []


_INITIALS_GIVEN = re.compile(r"[(（]\s*([A-Z]{2,3})\s*[,，)）]")


_CALLED = re.compile(
    rf"(?:(?P<p>[小老])(?P<s>[{_SURNAMES}])|阿(?P<g>[\u4e00-\u9fff])"
    rf"|(?P<t>[{_SURNAMES}])(?:哥|姐|总|工|经理|主任|老师|医生|师傅|科长|护士长))"
)
_FULL_NAME = re.compile(rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,3}}")


def full_name(owner: str, known: set[str]) -> str:
    """The one person of the notes' writers and attendees an owner calls by a short name: "老邓"
    or "邓工" is 邓国平, "阿彬" is 陈彬, "小燕" is 陈小燕, when exactly one of them fits; the
    owner as written otherwise (two 邓s, nobody, or a name already in full)."""
    people = {k for k in known if _FULL_NAME.fullmatch(k)}
    if owner in people or not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", owner):
        return owner
    called = _CALLED.fullmatch(owner)
    if called and (called["s"] or called["t"]):
        fits = {k for k in people if k[0] == (called["s"] or called["t"]) and len(k) >= 2}
    elif called and called["g"]:
        fits = {k for k in people if k[-1] == called["g"] and len(k) >= 2}
    elif len(owner) == 2 and owner[0] not in "小老阿":
        fits = {k for k in people if len(k) == 3 and k[1:] == owner}  # "子航" is 周子航
    else:
        fits = {k for k in people if len(k) == len(owner) + 1 and k[1:] == owner}  # "小燕"
    return next(iter(fits)) if len(fits) == 1 else owner


# The labels a transcriber gives voices it cannot name: "发言人1", "说话人 2", "Speaker 3".
GENERIC_SPEAKER = re.compile(r"(?:发言人|说话人|讲话人|speaker)\s*\d{1,2}", re.I)
# A turn handing the floor to someone by name in its last sentence: "海涛你先说接单页吧", "云鹏，
# O C R呢？", "小林，冷启动。", "能听到，徐姐你说。", "Dana, go ahead", "over to you, Dana".
_HANDOFF_ZH = re.compile(r"(?:^|[,，]\s*)(?P<n>[\u4e00-\u9fff]{2,3}?)(?:[,，]|你|您)")
_HANDOFF_EN = re.compile(
    r"^(?:(?:ok(?:ay)?|so|right|great|thanks|cool|and)[,!.\s]+)?(?P<n>[A-Z][a-z]+)\s*(?:,|\?|$)"
    r"|\b(?i:over to you|your turn|go ahead),?\s+(?P<m>[A-Z][a-z]+)\b"
)
_LAST_SENTENCE = re.compile(r"[^。！？!?.]+[。！？!?.]*\s*$")


def _called_person(called: str, people: set[str]) -> str | None:
    """The one person of `people` a name in talk stands for: "海涛" or "小林" in full, "Dana"
    as the attendee "Dana Kim"."""
    if called in people:
        return called
    if re.fullmatch(r"[\u4e00-\u9fff]+", called):
        full = full_name(called, people)
        return full if full != called else None
    fits = {p for p in people if p.split(maxsplit=1)[:1] == [called]}
    return next(iter(fits)) if len(fits) == 1 else None


def named_speakers(turns: list[tuple[str, str]], people: set[str]) -> dict[str, str]:
    """Each transcriber's label ("发言人2") that the talk names: the one a turn hands the floor
    to speaks next ("海涛你先说" and then 发言人2 talks: 发言人2 is 黄海涛). `turns` are
    (speaker, text) in order; a label takes the person most turns hand it to, and a person is
    given to one label only, so one slip names nobody wrongly."""
    votes: dict[str, Counter[str]] = {}
    for (asker, said), (speaker, _) in itertools.pairwise(turns):
        if speaker == asker or not GENERIC_SPEAKER.fullmatch(speaker):
            continue
        last = _LAST_SENTENCE.search(said.strip())
        if last is None:
            continue
        said = last.group(0).strip()
        m = _HANDOFF_ZH.search(said) or _HANDOFF_EN.search(said)
        called = m and (m.group("n") or m.groupdict().get("m"))
        who = _called_person(called, people) if called else None
        if who:
            votes.setdefault(speaker, Counter())[who] += 1
    tops = [c.most_common(2) for c in votes.values()]
    clear = [(top[0][1], label, top[0][0]) for label, top in zip(votes, tops, strict=True)]
    named: dict[str, str] = {}
    for n, label, who in sorted(clear, reverse=True):
        top = votes[label].most_common(2)
        if who not in named.values() and (len(top) == 1 or top[1][1] < n):
            named[label] = who
    return named


def rostered(text: str, names: list[str]) -> str | None:
    """The attendee an action opens on ("PN - finalise …"), or names after its topic
    ("超预算那部分,陈蕾写个说明")."""
    for name in names:
        m = re.search(
            rf"(?:^|[,，:：]\s*){re.escape(name)}(?=[\u4e00-\u9fff]|\s+[a-z]|\s*[-–—]\s+[a-z])",
            text,
        )
        if m and not _ASKED_FOR.match(text, m.end()):
            return name
    return None


# "Rafa asked for a GPU node, I'm raising it with infra": who asked is not who does it
_ASKED_FOR = re.compile(r"\s+(?:asked|requested|wanted|suggested|mentioned|raised)\b")


def writer(lines: list[str]) -> str | None:
    """The person who wrote the notes, when their opening lines say so."""
    head = [ln for ln in lines if ln.strip()][:_HEAD]
    for line in head:
        for pattern in _WRITER:
            m = pattern.search(line)
            if m and (plausible(m.group("o")) and _looks_named(m.group("o").split()[0])):
                return m.group("o")
    alone = [
        m
        for ln in lines
        if (m := _NAME_ALONE.match(ln))
        and _looks_named(m.group("o").split()[0])
        and label_kind(m.group("o")) is None
        and not ACTION_HEAD.fullmatch(ln.strip())
    ]
    if len(alone) == 1 and any(alone[0].string == ln for ln in head[:3]):
        return alone[0].group("o")  # one long chat message copied out: "林晓:" over its text
    for line in lines:  # "Notes (Jen, after):" over the write-up that follows a chat
        m = _NOTES_BY.match(line)
        if m and _looks_named(m.group("o")):
            return m.group("o")
    m = _TITLE_WRITER.search(head[0]) if head else None
    if m and _looks_named(m.group("o").split()[0]) and not _NOT_OWNER.search(m.group("o")):
        return m.group("o")
    return None


# A letter's or a post's sign-off on its last line: "Jo x", "— Sam", "Cheers, Priya", "—— 小周"
_SIGN_OFF = re.compile(
    r"^\s*(?:[-—–~]+\s*|(?i:cheers|thanks|best|love|regards|ta|many thanks|speak soon)[,!]?\s+)?"
    rf"(?P<o>{_EN_NAME}|[\u4e00-\u9fff]{{2,3}})\s*(?:x+|xo+|!+)?\s*$"
)


def signed(lines: list[str]) -> str | None:
    """Who signed a post or a note off on its last line (a mail's own sender, read where the
    mail is, comes first)."""
    texts = [ln for ln in lines if ln.strip()]
    if not texts:
        return None
    m = _SIGN_OFF.match(texts[-1])
    if m is None or not _looks_named(m.group("o")) or label_kind(m.group("o")) is not None:
        return None
    return m.group("o")


# The line over a quoted e-mail: "On Tue, Jan 13, 2026 at 5:02 PM Jen Park wrote:",
# "Jen Park <jen@…> wrote:", "2026年1月13日 周二 17:02，Jen Park 写道："
_QUOTE_HEADER = re.compile(
    rf"^(?:On\b.{{4,80}}?[\s,]|.{{0,40}}?[，,]\s*)?(?P<o>{_EN_NAME}|[\u4e00-\u9fff]{{2,3}})"
    r"\s*(?:<[^<>\s]+>\s*)?(?:wrote|写道)\s*[:：]\s*$"
)


def quote_author(line: str) -> str | None:
    """Who wrote the quoted mail under an "On …, Name wrote:" line."""
    m = _QUOTE_HEADER.match(line.strip())
    return m.group("o") if m and plausible(m.group("o")) else None


def said(text: str) -> str | None:
    """ "(Nils said he'd do it)": the person who took an unowned action."""
    m = _SAID.search(text)
    return (m.group("o") or m.group("a")) if m else None


# where a second person's deed follows the first's: "Ruth will call the lid supplier and Sandeep
# will put a reorder point in …", "Gwen does the DVD item types and Sam rechecks the shelves"
NEXT_DEED = re.compile(
    rf",?\s+and\s+(?={_EN_NAME}\s+(?:will|is going to|to\s+(?!be\b)|"
    r"(?:said|says|offered|agreed|promised)\s+(?:that\s+)?(?:he|she|they)(?:'d|'ll| would| will)\s|"
    r"(?!(?:has|was|is|says|thinks|seems|agrees|looks|feels|knows|needs|wants|likes|loves|"
    r"hates|gets|goes|comes|means|sounds)\b)[a-z]{3,}(?<!ss)s\s+"
    r"(?:the|a|an|his|her|their|our|my|up|out|over|it|that|this|all|both|each|some|any)\s))"
)
# a day shared by the deeds of a line, at its end: ", both before sprint review"
BOTH_DUE = re.compile(r",?\s*\b(?:both|all)\s+(?=(?:by|before|due|until|on|end of|next)\b)", re.I)
# where a line hands out the next of several tasks by arrows: "Pete -> X, Ellie -> Y, me -> Z"
_NEXT_HANDOFF = re.compile(
    rf"(?:^|[,，;；:：]\s*)(?=(?:{_EN_NAME}|{_ZH_NAME}|[a-z]{{2,12}}|我)\s*(?:->|→)\s*\S)"
)


_ITEM_NUMBER = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十])[.、)）](?!\d)\s*")


def items(span: Span) -> list[Span]:
    """Several actions in one line: "Actions: A. B.", "…；…；…", or tasks handed out by arrows
    ("So: Pete -> boiler man before the summer, Ellie -> refunds today"), the words before the
    first arrow's name ("So:") dropped."""
    out: list[Span] = []
    for piece in span.pieces(_ITEM_SEP):
        numbered = _ITEM_NUMBER.match(piece.text)
        if numbered and numbered.end() < len(piece.text):
            piece = piece.sub(numbered.end())  # "…;2.机房7月31日前加装空调": its number dropped
        handed = list(_NEXT_HANDOFF.finditer(piece.text))
        if len(handed) < 2:
            out.append(piece)
            continue
        ends = [m.start() for m in handed[1:]] + [len(piece.text)]
        out += [piece.sub(m.end(), end).strip() for m, end in zip(handed, ends, strict=True)]
    return [p for p in out if len(p.text) >= 4]


# "Fatima takes the template, and I'll send the RCA": a speaker's own deed after another's
_AND_I = re.compile(r",\s*(?:and |but |then )?(?=I(?:'ll| will)\s)")


def own_deed_after(span: Span, speaker: str | None) -> list[Span]:
    """The clause of talk split where the speaker adds a deed of their own after one handed
    out or taken ("…, and I'll draft the checklist"), when the first clause commits someone
    too; otherwise the span whole."""
    m = _AND_I.search(span.text)
    if m is None or m.start() < 8:
        return [span]
    first, second = span.sub(0, m.start()).strip(), span.sub(m.end()).strip()
    return [first, second] if commitment(first, speaker) else [span]


def addressed(text: str) -> str | None:
    """The one a quoted ask names: '孙浩:"林悦,回访时间跟厂家错开,本周五前能出个方案吗?"' is
    林悦's to do, not 孙浩's."""
    said = re.fullmatch(r"\s*[\"“「『'‘](?P<q>[^\"”」』'’]{4,})[\"”」』'’]\s*", text)
    if said is None:
        return None
    quoted = said.group("q")
    ask = _ASK.match(quoted)
    if ask and (ask.group("o") or ask.group("h") or ask.group("m")):
        return ask.group("o") or ask.group("h") or ask.group("m")
    zh = _ZH_ASK.match(quoted)
    if zh and _ZH_YOU.search(quoted) and not _NOT_OWNER.search(zh.group("o")):
        return zh.group("o")
    return None


# the writer, then by when, in notes with no speaker: "套餐价格我三月底之前重新算一遍",
# "结项材料我们下周二前整理好", "尾款申请我这边下周五前走到分管领导那"
ZH_MY_PLAN = re.compile(
    r"我(?:们|这边|自己)?(?:会|就|先)?(?=(?:今晚|今天|明天|后天|这周|本周|下周|周[一二三四五六日]"
    r"|月底|月中|年底|\d{1,2}月|[一二三四五六七八九十]{1,2}月[底中初]|\d{1,2}[号日]|五一|国庆|春节|元旦)"
    r"[^,，。;；]{0,6}?(?:前|之前|内)?[^,，。;；]{0,3}?(?:把|写|做|整理|发|交|走|重新|算|改|补|出|弄|搞|定|报|寄|约|联系))"
)


# "Oh, somebody needs to change the website as well", "someone to check the Gift Aid export":
# work named with nobody yet to do it
SOMEONE = re.compile(
    r"^(?:(?:oh|and|also|but|ok(?:ay)?|so)[,\s]+)?some(?:one|body) (?:else )?(?:also )?"
    r"(?:needs? to|has to|should|must|(?:has|'s) got to|to) (?!be\b)(?=\w{3,} )",
    re.I,
)


def commitment(span: Span, speaker: str | None) -> tuple[Span, str | None] | None:
    """The action and owner when a line of talk or prose commits someone to something."""
    text = span.text
    several = _ASK_SEVERAL.match(text)
    # "Survey, Sam, can you …" names a topic, then one person: several need "two", "both" or a
    # joining word, not commas alone
    if several and not (several["n"] or re.search(r"[&+]| and ", several["o"])):
        several = None
    if several and all(plausible(n) for n in _SEVERAL_SEP.split(several["o"])):
        together = " + ".join(_SEVERAL_SEP.split(several["o"]))
        return span.sub(several.start("a"), several.end("a")).strip(), together
    ask = _ASK.match(text) or _ASK_DONE_BY.match(text)
    asked = ask and (ask.group("o") or ask.group("h") or ask.group("m"))
    topic = ask.groupdict().get("t") if ask else None
    named = re.fullmatch(rf"\s*(?P<o>{_EN_NAME}),\s*", topic) if topic else None
    if ask and named and plausible(named["o"]):
        return span.sub(ask.start("a"), ask.end("a")).strip(), named["o"]  # "Survey, Sam, can you"
    if ask and asked and (ask.group("m") or plausible(asked)):
        start = ask.start("t") if topic else ask.start("a")
        return span.sub(start, ask.end("a")).strip(), asked
    told = _TOLD.match(text)
    who = told and next((told.group(k) for k in "opqrs" if told.group(k)), None)
    if told and who and plausible(who):
        key = next(k for k in ("a", "c", "b", "d", "e", "f") if told.group(k))
        return span.sub(told.start(key), told.end(key)).strip(), who
    passive = _PASSIVE.search(text)
    agent = re.sub(r"\s+team$", "", passive.group("o"), flags=re.I) if passive else ""
    teamed = agent != (passive.group("o") if passive else "")
    if passive and (teamed or plausible(agent)) and not _NOT_OWNER.fullmatch(agent):
        return span, passive.group("o").lstrip("@")
    tagged = _MENTION.search(text, 1)
    if tagged and (_ZH_DUE.match(text, tagged.end()) or _DUE_NEXT.match(text, tagged.end())):
        return span, tagged.group("o")  # "剩下7张表 @晓雯 下周五前迁完": tagged, then when
    topic = _TOPIC_I.match(text)
    if topic and speaker:
        return span.sub(topic.start("a")).strip(), speaker
    m = _I_COMMIT.match(text)
    if m and m.group("r") and speaker:
        m = None  # "Sure, I'll …" in talk answers an ask, which holds the action already
    if m:  # with no speaker, the writer's own plan: its owner is theirs to fill in
        return span.sub(m.end()).strip(), m.group("o") or speaker
    lead = _LEAD_I.match(text) if speaker else None
    m = _I_COMMIT.match(text[lead.end() :]) if lead else None
    if lead and m and not m.group("r") and not _ANAPHORIC.match(text, lead.end() + m.end()):
        return span.sub(lead.end() + m.end()).strip(), speaker
    m = _HANDLE_TAKES.match(text) if speaker else None
    if m:
        return span.sub(m.end()).strip(), m.group("o")
    m = _EN_COMMIT.match(text)
    if (
        m
        and not _NOT_OWNER.search(m.group("o"))
        and plausible(m.group("o"))
        and not re.match(r"\S+(?: [A-Z]\w*)? to\b", text)
    ):
        return span.sub(m.end()).strip(), m.group("o")
    if re.search(r"[\u4e00-\u9fff]", text):
        tagged = _MENTION_LEAD.match(text)
        if tagged and _ZH_DUE.search(text):  # "@小林(护士) 本周五前…": the one tagged and when
            return span.sub(tagged.end()).strip(), tagged.group("o")
        owner = zh_owner(text, speaker, loose=False) or planned(text)
        if owner:
            return span, owner
        ask2 = _ZH_ASK.match(text)
        asked = _ZH_YOU.search(text) or _YOU_WHEN.search(text)  # "陈工，方案你下周五前出一个"
        if ask2 and asked and not _NOT_OWNER.search(ask2.group("o")):
            return span.sub(ask2.start("a")).strip(), ask2.group("o")
        told = _ZH_NAMED_YOU.search(text)
        if told and not _NOT_OWNER.search(told.group("o")):
            return span, told.group("o")
        if not speaker and ZH_MY_PLAN.search(text):
            return span, None  # "复盘报告我这周写完": the writer's, to fill in when known
    if SOMEONE.match(text):
        return span, None
    return None
