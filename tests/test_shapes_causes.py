"""Causes as people state them without "because": answers to "why?" in chats and 5-whys lists,
fishbone branches, verbs of consequence; each typed and hedged by its words and position."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro_ai import draft
from retro_ai.schema import Cause


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _causes(tmp_path: Path, name: str, text: str) -> list[Cause]:
    retro = draft([_write(tmp_path, name, text)])
    return [c for p in retro.problems for c in p.causes]


def _causes_of(tmp_path: Path, text: str, problem: str) -> list[str]:
    """The causes drafted under the one problem titled `problem`."""
    retro = draft([_write(tmp_path, "notes.md", text)])
    [found] = [p for p in retro.problems if p.title == problem]
    return [c.text for c in found.causes]


def _find(causes: list[Cause], words: str) -> Cause:
    found = [c for c in causes if words in c.text]
    assert found, (words, [c.text for c in causes])
    return found[0]


EN_CHAT = """\
Checkout incident - notes from the team channel, 2026-10-14
Ana: card payments failed for 25 minutes this morning
Ben: why did they fail?
Ana: the new proxy dropped the auth header on retries
Ben: and why did it reach prod?
Ana: there's no sign-off step for proxy config, that's the real problem
Cho: plus the smoke test was skipped bc the staging cert had expired
Cho: could be that the provider throttled us too, not confirmed
Ana: rolled back at 09:40
Ben: Ana, can you check why the retries doubled?
Ana: sure thing
"""

ZH_CHAT = """\
支付故障复盘 群聊记录 2026/10/14
小王: 今天上午刷卡支付失败了25分钟
小李: 为啥会失败?
小王: 新网关重试的时候把鉴权头丢了
小李: 那怎么上的生产呢
老赵: 说到底还是网关配置改动没有审批流程, 谁都能改
小王: 而且冒烟测试那天被跳过了, 预发证书过期
老赵: 我猜跟渠道限流也有点关系? 没验证过
小王: 09:40 回滚完成
"""


def test_chat_replies_to_why_are_causes_typed_and_hedged_en(tmp_path: Path) -> None:
    causes = _causes(tmp_path, "chat.txt", EN_CHAT)
    assert _find(causes, "dropped the auth header").type == "direct"
    root = _find(causes, "no sign-off step for proxy config")
    assert (root.type, root.confidence) == ("root", "confirmed")
    added = _find(causes, "staging cert had expired")
    assert (added.type, added.confidence) == ("contributing", "confirmed")
    assert _find(causes, "provider throttled us").confidence == "hypothesis"
    assert not any("rolled back" in c.text or "sure thing" in c.text for c in causes)


def test_chat_replies_to_why_are_causes_typed_and_hedged_zh(tmp_path: Path) -> None:
    causes = _causes(tmp_path, "chat.txt", ZH_CHAT)
    assert _find(causes, "重试的时候把鉴权头丢了").type == "direct"
    assert _find(causes, "没有审批流程").type == "root"
    assert _find(causes, "冒烟测试那天被跳过了").type == "contributing"
    guess = _find(causes, "渠道限流")
    assert (guess.type, guess.confidence) == ("contributing", "hypothesis")
    assert not any("回滚完成" in c.text for c in causes)


def test_a_five_whys_chain_is_direct_first_and_root_last(tmp_path: Path) -> None:
    en = """\
# Retro: invoice run
## Problems
- Invoices went out a day late
## 5 whys
1. Why late? The batch job timed out.
2. Why did it time out? The customer table had doubled after the import.
3. Why was nobody warned? We had no alert on job duration.
4. Why no alert? Nobody owns the billing jobs since the reorg.
"""
    causes = _causes(tmp_path, "whys.md", en)
    first = _find(causes, "The batch job timed out")
    assert first.type == "direct" and not first.text.startswith("Why")
    assert _find(causes, "customer table had doubled").type == "contributing"
    assert _find(causes, "Nobody owns the billing jobs").type == "root"
    zh = """\
# 开票延迟复盘
## 问题
- 发票晚发了一天
## 5个为什么
1. 为什么晚了?批处理任务超时了。
2. 为什么超时?导入后客户表翻了一倍。
3. 为什么没人发现?任务时长没有告警。
4. 为什么没有告警?改组以后计费任务没人负责。
"""
    causes = _causes(tmp_path, "whys-zh.md", zh)
    assert _find(causes, "批处理任务超时了").type == "direct"
    assert _find(causes, "导入后客户表翻了一倍").type == "contributing"
    assert _find(causes, "计费任务没人负责").type == "root"


def test_fishbone_branches_are_causes(tmp_path: Path) -> None:
    zh = """\
# 产线停机复盘
## 问题
- 三号线停了两个小时
## 鱼骨图分析
人:夜班只有一个人会调设备
机:传送带电机过热保护老是跳
法:没有换班交接的标准,全靠口头说
环:车间温度比平时高了五度
"""
    causes = _causes(tmp_path, "fishbone.md", zh)
    assert {c.text.split(",")[0] for c in causes} >= {
        "夜班只有一个人会调设备",
        "传送带电机过热保护老是跳",
        "没有换班交接的标准",
        "车间温度比平时高了五度",
    }
    assert _find(causes, "没有换班交接的标准").type == "root"
    assert _find(causes, "传送带电机").type == "contributing"
    en = """\
# Line 3 stoppage
## Problems
- Line 3 stopped for two hours
## Fishbone
Machine: the conveyor motor keeps tripping its heat cut-out
Method: no handover checklist between shifts
Environment: the hall was five degrees warmer than usual
"""
    causes = _causes(tmp_path, "fishbone-en.md", en)
    assert _find(causes, "conveyor motor keeps tripping").type == "contributing"
    assert _find(causes, "no handover checklist between shifts").type == "root"
    assert _find(causes, "five degrees warmer")


def test_verbs_of_consequence_name_the_cause_before_them(tmp_path: Path) -> None:
    en = """\
# Price sync review
## Causes
The cache TTL was raised to a day, which meant stale prices stayed up all morning.
Possibly the new CDN rules made things worse as well.
"""
    causes = _causes(tmp_path, "consequence.md", en)
    assert _find(causes, "The cache TTL was raised to a day").text.endswith("to a day")
    worse = _find(causes, "new CDN rules made things worse")
    assert (worse.type, worse.confidence) == ("contributing", "hypothesis")
    zh = """\
# 价格同步复盘
## 原因分析
缓存时间被调成了一天,以至于旧价格挂了一上午。
"""
    causes = _causes(tmp_path, "consequence-zh.md", zh)
    assert _find(causes, "缓存时间被调成了一天").text == "缓存时间被调成了一天"


def test_a_problem_guessing_at_its_own_cause_gives_a_hypothesis(tmp_path: Path) -> None:
    zh = """\
# 半年复盘
## 不足
- 英语课经常缺席,可能是时间排在周五晚上太容易被聚餐冲掉
- 周报总是拖延
  - 原因:模板太长,没人精简过
"""
    causes = _causes(tmp_path, "guess-zh.md", zh)
    guess = _find(causes, "时间排在周五晚上")
    assert guess.confidence == "hypothesis" and not guess.text.startswith("英语课")
    assert _find(causes, "模板太长").confidence == "confirmed"
    en = """\
# Q2 personal review
## What didn't go well
- Gym visits dropped off in May, probably the new commute ate the evenings
- Side project stalled. Boredom, I think.
"""
    causes = _causes(tmp_path, "guess-en.md", en)
    assert _find(causes, "the new commute ate the evenings").confidence == "hypothesis"
    assert _find(causes, "Boredom").confidence == "hypothesis"


def test_a_listed_cause_naming_a_missing_check_is_the_root(tmp_path: Path) -> None:
    en = """\
# Release review
## Problems
- The release broke login for an hour
## Causes
- the hotfix went out without any review
- the on-call phone was on silent
"""
    causes = _causes(tmp_path, "gap.md", en)
    assert _find(causes, "went out without any review").type == "root"
    assert _find(causes, "on-call phone was on silent").type == "contributing"
    zh = """\
# 发版复盘
## 问题
- 发版后登录挂了一小时
## 原因
- 热修复上线前没有经过评审
- 值班手机静音了
"""
    causes = _causes(tmp_path, "gap-zh.md", zh)
    assert _find(causes, "没有经过评审").type == "root"
    assert _find(causes, "值班手机静音了").type == "contributing"


def test_sub_points_under_a_problem_say_why_or_that_it_was_luck(tmp_path: Path) -> None:
    """ "  - 说到底…" under a problem is its cause; "  - 幸好…侥幸…" is a lucky escape, not a
    cause; "估计主要是…" and "还没验证" are guesses."""
    path = tmp_path / "board.md"
    path.write_text(
        "S23 复盘 | 2026.05.29\n\n"
        "👎\n"
        "- iOS14 上列表白屏,周二晚上紧急hotfix\n"
        "  - 幸好是晚上9点多才发现,侥幸没影响多少单\n"
        "- 运营中途插了个活动页,挤掉差不多2天\n"
        "  - 说到底还是排期时一点buffer都没留\n"
        "- 崩溃率 0.14%,没达标\n"
        "  - 估计主要是老版本用户没升级拉高的,还没细拆验证\n"
        "- 升级后节点NotReady\n"
        "  - 原因: 升级前没在预发验证\n",
        encoding="utf-8",
    )
    retro = draft([path])
    slot = next(p for p in retro.problems if "插了个活动页" in p.title)
    assert [(c.text, c.type) for c in slot.causes] == [("说到底还是排期时一点buffer都没留", "root")]
    lucky = [h for h in retro.highlights if "侥幸" in h.title]
    assert len(lucky) == 1 and lucky[0].luck
    causes = [c for p in retro.problems for c in p.causes]
    assert not any("侥幸" in c.text for c in causes)
    assert _find(causes, "老版本用户没升级").confidence == "hypothesis"
    assert _find(causes, "升级前没在预发验证").confidence == "confirmed"
    assert not any("崩溃率" in p.title for p in retro.problems if "没达标" not in p.title)


def test_factors_mostly_and_why_tho_name_causes(tmp_path: Path) -> None:
    """ "可能还有个因素,…", "我个人觉得主要是…", "- why tho: …", "is partly me not checking …"."""
    causes = _causes(
        tmp_path,
        "notes.md",
        "# 直播复盘\n\nWhy, as far as I can tell\n"
        "- the rota thing is partly me not checking my request went through\n\n"
        "## 问题\n- 转化率只有1.6%\n\n"
        "转化率低我个人觉得主要是价格没打透,同款在别家便宜30多块。\n"
        "可能还有个因素,昨天有满减活动,单量比平时高了三成。\n\n"
        "## what hurt\n- the cert renewal failed for a week\n"
        "- why tho: Apple's expiry mails go to the old account owner\n",
    )
    assert _find(causes, "价格没打透")
    assert _find(causes, "可能还有个因素").confidence == "hypothesis"
    assert _find(causes, "Apple's expiry mails go to the old account owner")
    assert _find(causes, "partly me not checking")


@pytest.mark.parametrize("hedge", ["I reckon", "my hunch is", "I bet"])
def test_en_a_cause_someone_reckons_is_a_hypothesis(tmp_path: Path, hedge: str) -> None:
    en = f"""\
# Delivery app review
## Why
- the own-link orders never took off, {hedge} people just don't know it exists
- the courier cover stopped at 10pm because the contract says so
"""
    causes = _causes(tmp_path, "reckon.md", en)
    assert _find(causes, "people just don't know it exists").confidence == "hypothesis"
    assert _find(causes, "the contract says so").confidence == "confirmed"


@pytest.mark.parametrize(
    ("text", "problem", "cause"),
    [
        (
            "# Q2 review\n\n## What went wrong\n"
            "- Leads went cold: the field mapping reset to default after the upgrade.\n",
            "Leads went cold",
            "the field mapping reset to default after the upgrade",
        ),
        (
            "# 二季度复盘\n\n## 问题\n- 发货慢:仓库只有两个人值班,单子一多就排不过来。\n",
            "发货慢",
            "仓库只有两个人值班,单子一多就排不过来",
        ),
    ],
)
def test_what_a_problem_line_tells_after_the_problem_says_why(
    tmp_path: Path, text: str, problem: str, cause: str
) -> None:
    assert _causes_of(tmp_path, text, problem) == [cause]


@pytest.mark.parametrize(
    ("text", "problem", "cause"),
    [
        (
            "# Launch review\n\nThe launch slipped by a week. "
            "The threshold was copied from the UK policy.\n",
            "The launch slipped by a week",
            "The threshold was copied from the UK policy",
        ),
        (
            "# 二季度复盘\n\n遗憾的是第一周退货翻了一倍。包装供应商临时换了一家。\n",
            "遗憾的是第一周退货翻了一倍",
            "包装供应商临时换了一家",
        ),
    ],
)
def test_a_sentence_right_after_a_problem_needs_less_to_be_its_cause(
    tmp_path: Path, text: str, problem: str, cause: str
) -> None:
    assert _causes_of(tmp_path, text, problem) == [cause]
    # the same words alone, after no problem, are below the model's usual bar
    alone = draft([_write(tmp_path, "alone.md", text.split("\n\n")[0] + "\n\n" + cause + "\n")])
    assert not [c for p in alone.problems for c in p.causes]


@pytest.mark.parametrize("hedge", ["prob also bc", "prolly because", "probs cos"])
def test_en_chat_shorthand_for_probably_makes_a_hypothesis(tmp_path: Path, hedge: str) -> None:
    en = f"""\
# Season review
## Why
- scrims fell apart in the back half, {hedge} half of us had exams
- the prob is we never locked scrim days, because polls ran every week
"""
    causes = _causes(tmp_path, "shorthand.md", en)
    assert _find(causes, "half of us had exams").confidence == "hypothesis"
    assert _find(causes, "polls ran every week").confidence == "confirmed"


def test_each_card_on_a_boards_column_of_causes_is_a_cause(tmp_path: Path) -> None:
    text = (
        "Conference retro\nBoard export\n\n--- 😬 Ouch ---\n"
        "[Keisha B.] 9 of our 34 speakers sent slides the night before\n"
        "[Ines K.] survey response rate was 11%\n\n--- 🤔 Why tho ---\n"
        '[Keisha B.] speaker agreement never had a hard slide deadline, just "please"\n'
        "[Ines K.] survey went out 5 days after close, by then nobody cares\n"
    )
    got = sorted(c.text for c in _causes(tmp_path, "board.txt", text))
    assert got == [
        'speaker agreement never had a hard slide deadline, just "please"',
        "survey went out 5 days after close, by then nobody cares",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "I reckon some of it is that Thursday clashes with the climbing league.",
        "Most likely it's the 4:15 start, which is right when buses leave.",
    ],
)
def test_en_a_guess_at_what_it_is_is_a_hypothesis_cause(tmp_path: Path, sentence: str) -> None:
    text = f"Season notes\n\nTurnout on Thursdays was poor all autumn. {sentence}\n"
    [cause] = _causes(tmp_path, "notes.md", text)
    assert cause.text.rstrip(".") == sentence.rstrip(".")
    assert cause.confidence == "hypothesis"


def test_every_paragraph_under_a_why_heading_is_a_cause_of_the_problems_above(
    tmp_path: Path,
) -> None:
    text = (
        "# Sprint 31 retro\n\n"
        "## Stuff that bit us\n"
        "- nightly retrain fell over 3 times, all OOM in the feature join\n"
        "- label leakage in the offline eval\n"
        "- A/B double-bucketing on iOS, 2 days of users in both arms\n\n"
        "## Why (best guesses, some confirmed)\n"
        "The OOM is confirmed: the join was pulling 90 days of events.\n"
        "The leak was the timestamp filter using order date instead of impression date.\n"
        "Double-bucketing: the iOS SDK cached the old experiment config for up to 48h.\n"
    )
    retro = draft([_write(tmp_path, "retro.md", text)])
    assert [p.title[:20] for p in retro.problems] == [
        "nightly retrain fell",
        "label leakage in the",
        "A/B double-bucketing",
    ]
    causes = [c.text[:24] for p in retro.problems for c in p.causes]
    assert sorted(causes) == sorted(
        [
            "The OOM is confirmed: th",
            "The leak was the timesta",
            "Double-bucketing: the iO",
        ]
    )


def test_an_answer_of_several_sentences_gives_each_cause_it_states(tmp_path: Path) -> None:
    text = (
        "服务区春运复盘 2026-02-27\n"
        "老周: 充电这块最惨,平均排队1小时10分,当天还坏了3个快充枪,根本顶不住\n"
        "冯姐: 坏的那3个怎么回事?年前不是说都检修过?\n"
        "小杜: 检修是检修过,11月份做的,厂家只测了能不能启动,没带满功率跑。"
        "估计是连续满负荷跑了两天,模块过热保护跳了。\n"
        "老周: 行,这个下来再说\n"
    )
    causes = _causes(tmp_path, "群聊.txt", text)
    assert _find(causes, "估计是连续满负荷").text.startswith("估计是连续满负荷")
    assert _find(causes, "检修是检修过").text.endswith("没带满功率跑")


def test_each_sentence_of_a_paragraph_under_causes_the_model_reads_as_a_cause(
    tmp_path: Path,
) -> None:
    text = (
        "# 2号梯困人复盘\n\n## 问题\n1. 门锁触点接触不良,2号梯停梯困人63分钟\n\n## 原因\n"
        "门锁触点接触不良是维保查出来的,直接原因。估计跟这几天回南天受潮有关,维保说要拆下来看氧化情况"
        "才能确定。\n"
    )
    causes = _causes(tmp_path, "复盘.md", text)
    assert _find(causes, "估计跟这几天回南天受潮有关").confidence == "hypothesis"
    assert not _find(causes, "门锁触点接触不良是维保查出来的").text.count("回南天")


@pytest.mark.parametrize(
    ("text", "direct", "guess", "root"),
    [
        (
            "# 充电桩离线简单复盘\n\n- 影响:最严重时约750个桩离线,充电失败163单\n"
            "- 原因:直接原因是MQTT连接数到了license上限,新连接被拒;大概率是新站接入把余量吃光了。"
            "根本原因是新站接入没走变更,没人算过余量。\n",
            "MQTT连接数到了license上限",
            "大概率是新站接入把余量吃光了",
            "新站接入没走变更,没人算过余量",
        ),
        (
            "# Card issuing outage recap\n\n- Impact: about 3,100 card issues failed\n"
            "- Causes: the direct cause was the HSM connection pool pinned at its limit; probably "
            "the vendor's firmware push ate the headroom. The root cause is that nobody had "
            "load-tested the pool since the migration.\n",
            "the HSM connection pool pinned at its limit",
            "probably the vendor's firmware push ate the headroom",
            "nobody had load-tested the pool since the migration",
        ),
    ],
    ids=["zh", "en"],
)
def test_each_sentence_after_a_causes_label_is_a_cause_of_its_own_type(
    tmp_path: Path, text: str, direct: str, guess: str, root: str
) -> None:
    causes = _causes(tmp_path, "notes.md", text)
    assert len(causes) == 3, [c.text for c in causes]
    assert (_find(causes, direct).type, _find(causes, direct).confidence) == ("direct", "confirmed")
    assert _find(causes, guess).confidence == "hypothesis"
    assert (_find(causes, root).type, _find(causes, root).confidence) == ("root", "confirmed")


@pytest.mark.parametrize(
    ("text", "problem", "cause"),
    [
        (
            "Pilot review\n\nThe deploy to the Leeds stores failed twice on Monday. "
            "I suspect we rushed that cutover.\n",
            "The deploy to the Leeds stores failed twice on Monday",
            "I suspect we rushed that cutover",
        ),
        (
            "冷库复盘\n\n周一那批冻品到店的时候已经是周三下午了。原因是供应商那边换了一家物流公司。\n",
            "周一那批冻品到店的时候已经是周三下午了",
            "供应商那边换了一家物流公司",
        ),
    ],
    ids=["en", "zh"],
)
def test_a_cause_with_no_problem_explains_the_sentence_before_it(
    tmp_path: Path, text: str, problem: str, cause: str
) -> None:
    """With no problem found, a cause hangs under what was said right before it in its own
    line, not under a copy of itself."""
    retro = draft([_write(tmp_path, "notes.md", text)])
    assert [p.title for p in retro.problems] == [problem]
    assert any(cause in c.text for c in retro.problems[0].causes)


def test_a_clause_then_that_s_what_did_it_is_a_cause(tmp_path: Path) -> None:
    """ "All 248 orders on one day through one till, that's what did it" names the cause of the
    queue before it."""
    causes = _causes(
        tmp_path,
        "notes.txt",
        "Collection day review\n\n"
        "Collection day was horrible, the queue went past the chemist.\n"
        "All 248 orders on one day through one till, that's what did it.\n",
    )
    assert [c.text for c in causes] == [
        "All 248 orders on one day through one till, that's what did it"
    ]
