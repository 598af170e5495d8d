"""Prose and chat notes: highlights, problems, causes and lessons read sentence by sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro_ai import draft
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings


def _draft(tmp_path: Path, text: str, name: str = "notes.txt") -> Retrospective:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return draft([path], settings=Settings())


def _causes(retro: Retrospective) -> dict[str, tuple[str, str]]:
    return {c.text: (c.type, c.confidence) for p in retro.problems for c in p.causes}


def _find(causes: dict[str, tuple[str, str]], words: str) -> tuple[str, str]:
    hits = [v for k, v in causes.items() if words in k]
    assert hits, f"no cause with {words!r} in {list(causes)}"
    return hits[0]


ZH_PROSE = """支付网关切换 复盘

上线当天下午出现了大量支付超时,持续了四十分钟左右。
原因方面,直接原因是新网关的连接池上限配得太小,根本原因是切换前没有做压测。另外监控的阈值太宽,也拖慢了发现。有同事说可能和当天的促销流量也有关系,还没查实。
比较稳定的是对账模块,切换后没出过差错。
教训是涉及资金的切换,上线前必须压测到峰值的两倍。
"""


def test_zh_prose_sections_and_cause_types(tmp_path: Path) -> None:
    retro = _draft(tmp_path, ZH_PROSE)
    causes = _causes(retro)
    assert _find(causes, "连接池上限配得太小") == ("direct", "confirmed")
    assert _find(causes, "切换前没有做压测") == ("root", "confirmed")
    assert _find(causes, "监控的阈值太宽") == ("contributing", "confirmed")
    assert _find(causes, "促销流量") == ("contributing", "hypothesis")
    assert any("对账模块" in h.title for h in retro.highlights)
    assert any("必须压测到峰值的两倍" in lesson.statement for lesson in retro.lessons)
    assert not any("对账模块" in p.title for p in retro.problems)


def test_zh_half_width_punctuation_and_verbatim_quotes(tmp_path: Path) -> None:
    text = (
        "周报复盘\n\n做得好的是测试提前介入,回归只用了半天。\n问题是发版窗口太短,改动挤在一起。\n"
    )
    retro = _draft(tmp_path, text)
    assert [h.title for h in retro.highlights] == ["做得好的是测试提前介入,回归只用了半天"]
    assert any("发版窗口太短" in p.title for p in retro.problems)
    for item in [*retro.highlights, *retro.problems]:
        assert all(ev.quote in text for ev in item.evidence)


def test_zh_hedged_cause_is_a_hypothesis_and_luck_is_luck(tmp_path: Path) -> None:
    text = (
        "活动复盘\n\n"
        "报名转化偏低,我觉得可能是落地页加载太慢。\n"
        "一方面是海报投放晚了两天,另一方面可能是时间定在工作日。\n"
        "比较侥幸的是服务器没被打挂,要是流量再大一点就麻烦了。\n"
    )
    retro = _draft(tmp_path, text)
    causes = _causes(retro)
    assert _find(causes, "落地页加载太慢")[1] == "hypothesis"
    assert _find(causes, "海报投放晚了两天")[1] == "confirmed"
    assert _find(causes, "时间定在工作日")[1] == "hypothesis"
    lucky = [h for h in retro.highlights if h.luck]
    assert len(lucky) == 1 and "服务器没被打挂" in lucky[0].title


EN_PROSE = """Checkout migration retro

The cutover went well overall. The payment retries were slow for an hour because the new
queue had a tiny prefetch. The root cause was that the change went out without a load test.
I suspect the alert thresholds are too loose as well.
Kudos to the support team for the quick customer updates.
We were lucky the outage missed the evening peak.
Lesson learned: config changes are deploys and need the same review.
"""


def test_en_prose_sections_cause_types_and_luck(tmp_path: Path) -> None:
    retro = _draft(tmp_path, EN_PROSE.replace("new\nqueue", "new queue"))
    causes = _causes(retro)
    assert _find(causes, "went out without a load test")[0] == "root"
    assert _find(causes, "alert thresholds are too loose") == ("contributing", "hypothesis")
    titles = [h.title for h in retro.highlights]
    assert any("support team" in t for t in titles)
    assert [h.luck for h in retro.highlights if "evening peak" in h.title] == [True]
    assert any("payment retries were slow" in p.title for p in retro.problems)
    assert any("config changes are deploys" in lesson.statement for lesson in retro.lessons)


CHAT = """[10:01] ana: thanks all, quick retro on the cache outage
[10:02] bo: what went well: failover kicked in within a minute
[10:03] ana: detection was slow, nothing paged for 20 minutes
[10:04] bo: and I'd guess the eviction policy is too aggressive, maybe worth a look
[10:05] cy: also we were lucky it happened on a Sunday
[10:06] ana: next time we should stage config changes on one node first
"""


def test_chat_lines_are_read_one_by_one(tmp_path: Path) -> None:
    retro = _draft(tmp_path, CHAT, "chat.txt")
    assert any("failover kicked in" in h.title for h in retro.highlights)
    assert [h.luck for h in retro.highlights if "Sunday" in h.title] == [True]
    assert any("detection was slow" in p.title for p in retro.problems)
    assert _find(_causes(retro), "eviction policy is too aggressive")[1] == "hypothesis"
    assert any("stage config changes" in lesson.statement for lesson in retro.lessons)


def test_not_wins_heading_lists_problems(tmp_path: Path) -> None:
    text = "# Q2 retro\n\n## Wins\n- shipped the importer\n\n## Not wins\n- the docs slipped\n"
    retro = _draft(tmp_path, text, "notes.md")
    assert [h.title for h in retro.highlights] == ["shipped the importer"]
    assert [p.title for p in retro.problems] == ["the docs slipped"]


def test_problem_taken_back_is_a_highlight(tmp_path: Path) -> None:
    zh = "# 复盘\n\n## 做得不好的\n- 周报经常拖延\n- 预算花得比计划少,这条不算问题\n"
    retro = _draft(tmp_path, zh, "zh.md")
    assert [p.title for p in retro.problems] == ["周报经常拖延"]
    assert any("预算花得比计划少" in h.title for h in retro.highlights)
    en = "# Retro\n\n## Not wins\n- demos ran long\n- the rewrite took a week, not a problem\n"
    retro = _draft(tmp_path, en, "en.md")
    assert [p.title for p in retro.problems] == ["demos ran long"]
    assert any("the rewrite took a week" in h.title for h in retro.highlights)


def test_improve_board_lists_problems_and_questions_stay_open(tmp_path: Path) -> None:
    zh = (
        "# 季度复盘\n\n## 做得好\n- 发布节奏很稳\n\n## 待改进\n- 测试环境老是不够用\n"
        "- 配置写错了两次\n- 为什么周会总是拖堂?\n- 上线前应该先灰度\n"
    )
    retro = _draft(tmp_path, zh, "zh.md")
    problems = [p.title for p in retro.problems]
    assert any("测试环境老是不够用" in t for t in problems)
    assert any("配置写错了两次" in t for t in problems)
    assert not any("周会" in t for t in problems)
    assert not any("周会" in lesson.statement for lesson in retro.lessons)
    assert any("上线前应该先灰度" in lesson.statement for lesson in retro.lessons)
    en = (
        "# Retro\n\n## What to improve\n- the staging box kept crashing\n"
        "- why do we always demo on Fridays?\n- we should pair on migrations\n"
    )
    retro = _draft(tmp_path, en, "en.md")
    assert [p.title for p in retro.problems] == ["the staging box kept crashing"]
    assert not any("Fridays" in lesson.statement for lesson in retro.lessons)
    assert any("pair on migrations" in lesson.statement for lesson in retro.lessons)


def test_uncued_praise_complaints_and_regrets_in_chat(tmp_path: Path) -> None:
    en = (
        "[10:01] lee: the vendor onboarding felt great, really smooth\n"
        "[10:02] lee: but we ran out of demo units in week two\n"
        "[10:03] kim: the booking form was a mess on tablets\n"
        "[10:04] kim: in hindsight we should have load tested the form\n"
        "[10:05] lee: can we revisit pricing?\n"
    )
    retro = _draft(tmp_path, en, "chat.txt")
    assert any("onboarding felt great" in h.title for h in retro.highlights)
    problems = [p.title for p in retro.problems]
    assert any("ran out of demo units" in t for t in problems)
    assert any("booking form was a mess" in t for t in problems)
    assert any("load tested the form" in lesson.statement for lesson in retro.lessons)
    assert not any("pricing" in t for t in problems)
    zh = (
        "小王:这次物料准备得很扎实,现场没出乱子\n"
        "小李:不过场地确认太晚了,大家都很被动\n"
        "小王:早知道就该提前一个月订场地\n"
        "小李:以后所有对外物料一律提前两天定稿\n"
        "小王:报价的事下次会上再定\n"
    )
    retro = _draft(tmp_path, zh, "chat-zh.txt")
    assert any("物料准备得很扎实" in h.title for h in retro.highlights)
    assert any("场地确认太晚" in p.title for p in retro.problems)
    lessons = [lesson.statement for lesson in retro.lessons]
    assert any("提前一个月订场地" in s for s in lessons)
    assert any("一律提前两天定稿" in s for s in lessons)
    assert not any("报价" in s for s in lessons)


def _titles(retro: Retrospective, section: str) -> list[str]:
    if section == "lessons":
        return [x.statement for x in retro.lessons]
    if section == "causes":
        return [c.text for p in retro.problems for c in p.causes]
    return [x.title for x in getattr(retro, section)]


EN_PLAIN = """Spring refresh wrap-up

The landing page was fine on desktop.
Honestly we lost basically two days of QA because staging was being flaky.
The warehouse shipped every order inside 48h, which paid for itself.
I think our lookalike audiences were stale.
Start narrow and widen once something works, not the other way round.
"""

ZH_PLAIN = """618 复盘会纪要

爆款保温杯16号下午就断货了,白白错过了最高峰那两天。
这次备货提前了,没断货的款都卖得不错。
客服这次表现很稳,差评率也跟着降下来了。
说到底是预测方法太保守,只看了历史数据。
关键岗位必须有备份,主播也不例外。
"""


def test_en_judgements_without_textbook_cue_words(tmp_path: Path) -> None:
    retro = _draft(tmp_path, EN_PLAIN)
    assert any("lost basically two days of QA" in t for t in _titles(retro, "problems"))
    assert any("shipped every order inside 48h" in t for t in _titles(retro, "highlights"))
    causes = _causes(retro)
    assert _find(causes, "lookalike audiences were stale")[1] == "hypothesis"
    assert any("Start narrow and widen" in t for t in _titles(retro, "lessons"))


def test_zh_judgements_without_textbook_cue_words(tmp_path: Path) -> None:
    retro = _draft(tmp_path, ZH_PLAIN)
    problems = _titles(retro, "problems")
    assert any("断货" in t and "16号" in t for t in problems)
    assert not any("没断货" in t for t in problems)  # a thing that did not go wrong
    assert any("客服这次表现很稳" in t for t in _titles(retro, "highlights"))
    assert any("预测方法太保守" in t for t in _causes(retro))
    assert any("关键岗位必须有备份" in t for t in _titles(retro, "lessons"))


def test_a_result_short_of_its_target_is_no_problem(tmp_path: Path) -> None:
    text = (
        "公众号复盘\n\n公众号最后涨了3.2万,没达标。\n"
        "直播间场均观看原本计划冲到5万,实际只有2.8万。\n"
    )
    retro = _draft(tmp_path, text)
    assert _titles(retro, "problems") == []


def test_a_short_list_heading_is_no_problem(tmp_path: Path) -> None:
    text = "Retro\n\nWhat hurt\n- the deploy pipeline broke twice\n"
    assert "What hurt" not in _titles(_draft(tmp_path, text), "problems")


def test_en_launch_chatter_without_cue_words(tmp_path: Path) -> None:
    text = (
        "launch notes\n\n"
        "Upvotes flatlined after 11am PT and never really recovered.\n"
        "Tom honestly carried the sales side.\n"
        "Never put webhooks behind the global json parser.\n"
        "I'd bet the Mailchimp segment was still syncing.\n"
    )
    retro = _draft(tmp_path, text)
    assert any("flatlined" in t for t in _titles(retro, "problems"))
    assert any("carried the sales side" in t for t in _titles(retro, "highlights"))
    assert any("webhooks behind the global json parser" in t for t in _titles(retro, "lessons"))
    assert _find(_causes(retro), "Mailchimp segment was still syncing")[1] == "hypothesis"
    assert not any("never really recovered" in t for t in _titles(retro, "lessons"))


def test_not_being_able_to_is_a_problem_in_both_languages(tmp_path: Path) -> None:
    """ "登不上", "动不了", "can't log in", "was down": what broke, said as what people could
    not do; "解不开" of a riddle and "up" are not."""
    zh = _draft(
        tmp_path,
        "门诊系统故障复盘\n\n早上八点挂号那边HIS登不上了。\n收费也动不了,排到了大门口。\n"
        "下午恢复后大家都松了口气。\n",
    )
    problems = _titles(zh, "problems")
    assert any("HIS登不上了" in t for t in problems)
    assert any("收费也动不了" in t for t in problems)
    assert not any("松了口气" in t for t in problems)
    en = _draft(
        tmp_path,
        "CMS outage notes\n\nEditors can't log in to Lantern from 8:12pm.\n"
        "The results page was down for an hour.\nThe wire feed stayed up all night.\n",
    )
    problems = _titles(en, "problems")
    assert any("can't log in" in t for t in problems)
    assert any("was down for an hour" in t for t in problems)
    assert not any("stayed up" in t for t in problems)


def test_praise_of_a_mentioned_person_is_praise_not_a_hand_off(tmp_path: Path) -> None:
    """ "@jules basically carried the rewrite" praises; "@ana pls fix the deploy" hands work
    over, and is no highlight."""
    retro = _draft(
        tmp_path,
        "v0.9 retro\n\nGood stuff first: the good-first-issue sweep actually worked.\n"
        "And @jules basically carried the incremental build rewrite.\n"
        "新媒体方面Kiki这次真的很拼。\n@ana pls fix the deploy script by Friday.\n",
    )
    highlights = _titles(retro, "highlights")
    assert any("sweep actually worked" in t for t in highlights)
    assert any("@jules basically carried" in t for t in highlights)
    assert any("Kiki这次真的很拼" in t for t in highlights)
    assert not any("fix the deploy" in t for t in highlights)


def test_a_turn_that_opens_by_naming_what_comes_next(tmp_path: Path) -> None:
    """ "Can I say the good stuff?", "OK the bad.", "Great. So what do we take away.": the rest
    of the turn is praise, trouble or lessons, though no sentence after it has a cue word."""
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n"
        "<v Ana Ruiz>Can I say the good stuff? The waiting room has been so much calmer. "
        "Parents stopped queueing at the desk.</v>\n\n"
        "00:00:06.000 --> 00:00:09.000\n"
        "<v Ben Cole>OK the bad. The first reminder batch went out at midnight. "
        "Two families turned up on the wrong day.</v>\n\n"
        "00:00:10.000 --> 00:00:14.000\n"
        "<v Ana Ruiz>Great. So what do we take away. Anything that texts patients gets tested at "
        "the real hour.</v>\n"
    )
    retro = _draft(tmp_path, vtt, name="retro.vtt")
    highlights = [h.title for h in retro.highlights]
    problems = [p.title for p in retro.problems]
    lessons = [lesson.evidence[0].quote for lesson in retro.lessons]
    assert any("waiting room has been so much calmer" in h for h in highlights)
    assert any("first reminder batch went out at midnight" in p for p in problems)
    assert any("tested at the real hour" in q for q in lessons)
    assert not any("good stuff" in h for h in highlights)  # the lead itself is no item


def _lessons(retro: Retrospective) -> list[str]:
    return [lesson.evidence[0].quote for lesson in retro.lessons]


def test_a_run_in_head_in_the_writers_words_names_the_lessons_after_it(tmp_path: Path) -> None:
    """ "**What we're taking from it.** A. B.", "What I'm taking from all this: A. B." and
    "几点体会:A;B。" each give one lesson per sentence or clause."""
    text = (
        "# Roster incident review\n\n"
        "**What we're taking from it.** Never again a Sunday-night publish. Any roster "
        "publish, however small, gets a diff and a second pair of eyes.\n\n"
        "What I'm taking from all this: book loos for the number you're hoping for. "
        "On-the-day entries need a cap.\n\n"
        "几点体会:大流量的夜晚,压测不是可选项;快讯里的任何数字,发之前必须两个人核。\n"
    )
    assert _lessons(_draft(tmp_path, text, "notes.md")) == [
        "Never again a Sunday-night publish",
        "Any roster publish, however small, gets a diff and a second pair of eyes",
        "book loos for the number you're hoping for",
        "On-the-day entries need a cap",
        "大流量的夜晚,压测不是可选项",
        "快讯里的任何数字,发之前必须两个人核",
    ]


def test_headings_in_the_writers_words_that_hold_lessons(tmp_path: Path) -> None:
    text = (
        "# half-year review\n\n## things I want to remember\n"
        "- price for the editing hours, not the shooting hours\n\n"
        "## Things I'd carry into next year:\n- order stickers against the target\n\n"
        "## 📌 下回记住\n- 意向表改扫码,一页,三个问题以内\n"
    )
    assert _lessons(_draft(tmp_path, text, "notes.md")) == [
        "price for the editing hours, not the shooting hours",
        "order stickers against the target",
        "意向表改扫码,一页,三个问题以内",
    ]


def test_a_run_in_head_of_another_kind_under_lessons_titles_one_lesson(tmp_path: Path) -> None:
    """Under a lessons heading, "沉浸式体验是亮点: …" is one lesson with its title, not praise."""
    text = (
        "# 活动复盘\n\n## 经验\n沉浸式体验是线下活动的亮点: 让用户亲身体验产品。能增强购买欲望。\n"
    )
    retro = _draft(tmp_path, text, "notes.md")
    assert retro.highlights == []
    assert len(retro.lessons) == 1


def test_a_chat_message_that_announces_a_list_names_the_messages_after_it(
    tmp_path: Path,
) -> None:
    """In a Slack copy with lower-case handles, "ok things that went wrong, my list" and
    "ok so what I'm taking away:" are no items; their writer's next messages are, until
    someone else speaks."""
    chat = (
        "[10:19] nadia.ortiz: wrap retro for the shoot, go\n"
        "[10:20] rosa.mendes: ok things that went wrong, my list\n"
        "[10:21] rosa.mendes: - harbour master shut us down on the pier for 2 hrs on Wed\n"
        "[10:22] rosa.mendes: - catering turned up 50 min late on Wednesday\n"
        "[10:30] dev.sharma: the cast were off book on day 1\n"
        "[10:52] nadia.ortiz: ok so what I'm taking away:\n"
        "[10:52] nadia.ortiz: • call to confirm every permit 48h before, every location\n"
        "[10:53] nadia.ortiz: • a half-day buffer for anything near water\n"
        "[10:54] dev.sharma: nice\n"
    )
    retro = _draft(tmp_path, chat, "slack.txt")
    assert [p.evidence[0].quote for p in retro.problems] == [
        "harbour master shut us down on the pier for 2 hrs on Wed",
        "catering turned up 50 min late on Wednesday",
    ]
    assert [q[:24] for q in _lessons(retro)] == [
        "call to confirm every pe",
        "a half-day buffer for an",
    ]
    assert {a.owner for a in retro.action_items} <= {None}


def test_zh_turn_opening_on_the_kind_it_tells_next(tmp_path: Path) -> None:
    text = (
        "钉钉群聊天记录导出\n\n"
        "[20:05] 刘主任: 趁人齐复个盘。\n"
        "[20:06] 刘主任: 好的也要说。小吴那场连播六个钟头,一场卖了38万,全县都在转。"
        "老杨把二十几户的果子按大小分了三档。\n"
        "[20:08] 陈姐: 说说问题吧。打包的就八个人,好多单超过48小时才发。\n"
        "[20:09] 小吴: 收到\n"
    )
    retro = _draft(tmp_path, text)
    highlights = [h.title for h in retro.highlights]
    assert any("连播六个钟头" in t for t in highlights)
    assert any("按大小分了三档" in t for t in highlights)
    assert any("超过48小时才发" in p.title for p in retro.problems)


def test_it_went_well_by_chance_said_with_fortunately_or_hai_hao(tmp_path: Path) -> None:
    text = (
        "证书过期故障复盘\n\n"
        "08:41才反应过来是证书,耽误了42分钟。还好失败都在握手阶段,没有扣了钱不到账的单子。\n"
        "Fortunately the replica was warm, so failover took two minutes.\n"
        "整体还好啦,大家辛苦。\n"
    )
    retro = _draft(tmp_path, text)
    lucky = [h.title for h in retro.highlights if h.luck]
    assert any("失败都在握手阶段" in t for t in lucky)
    assert any("replica was warm" in t for t in lucky)
    assert not any("还好啦" in h.title for h in retro.highlights)


def test_lessons_told_to_the_next_person_or_taken_from_it_in_a_turn(tmp_path: Path) -> None:
    report = (
        "Newsletter relaunch: the report\n\n"
        "What I'd tell the next person: never switch platforms and redesign in the "
        "same week; test on real inboxes before anything goes to the list.\n"
    )
    retro = _draft(tmp_path, report, "report.md")
    lessons = [x.statement for x in retro.lessons]
    assert any(s.startswith("never switch platforms") for s in lessons)
    assert any(s.startswith("test on real inboxes") for s in lessons)
    vtt = (
        "WEBVTT\n\n00:02:32.900 --> 00:02:46.100\n<v Helen Marsh>So what do we take from it. "
        "Offline scanning or nothing. Order the bar stock off the evening forecast.</v>\n\n"
        "00:02:47.000 --> 00:02:49.000\n<v Tom Okafor>Agreed.</v>\n"
    )
    retro = _draft(tmp_path, vtt, "wrap.vtt")
    lessons = [x.statement for x in retro.lessons]
    assert "Offline scanning or nothing" in lessons
    assert "Order the bar stock off the evening forecast" in lessons


def test_replies_listing_what_to_do_differently_are_lessons(tmp_path: Path) -> None:
    chat = (
        "[29/12/2026, 20:22:47] Luce: Aunty Bea on the door kept the queue calm\n"
        "[29/12/2026, 20:24:30] Rosa: So for next year, what do we do different\n"
        "[29/12/2026, 20:25:16] Gianni: - max 25 orders per half hour slot, no exceptions\n"
        "[29/12/2026, 20:25:44] Luce: - test the whole form with fake orders a week before\n"
        "[29/12/2026, 20:27:02] Rosa: ok thanks all x\n"
    )
    retro = _draft(tmp_path, chat, "chat.txt")
    lessons = [x.statement for x in retro.lessons]
    assert any(s.startswith("max 25 orders per half hour slot") for s in lessons)
    assert any(s.startswith("test the whole form with fake orders") for s in lessons)
    assert not any("ok thanks" in s for s in lessons)


def test_en_what_im_taking_into_next_season_lists_lessons(tmp_path: Path) -> None:
    text = (
        "# Season one, looking back\n\n## What I'm taking into season two\n\n"
        "1. Record a backup track locally, every time.\n"
        "2. Batch record - three interviews ready before launch.\n"
        "3. Edit for the listener, not for my ego.\n"
    )
    lessons = [lesson.statement for lesson in _draft(tmp_path, text, "notes.md").lessons]
    assert len(lessons) == 3
    assert any("Batch record" in s for s in lessons)
    assert any("Edit for the listener" in s for s in lessons)


def test_a_boards_numbered_cards_are_items_not_figures(tmp_path: Path) -> None:
    text = (
        "Sprint 9 board\n\nDidn't go well\n"
        "[1] flaky deploy pipeline ate two days\n"
        "[2] the orders contract was supposed to be signed off this sprint, no meeting yet\n"
    )
    retro = _draft(tmp_path, text)
    assert [p.title for p in retro.problems] == [
        "flaky deploy pipeline ate two days",
        "the orders contract was supposed to be signed off this sprint, no meeting yet",
    ]
    assert not [g for g in retro.goals if g.target.text == "2"]  # "[2]" numbers a card


def test_credit_given_in_passing_is_a_highlight(tmp_path: Path) -> None:
    text = (
        "Food truck chat\n\n"
        "Priya: and Marcus basically ran the pass solo on Sunday, absolute machine 💪\n"
        "Dani: Jo was a lifesaver on the Saturday rush too\n"
        "Priya: 老马这半个月基本是睡在仓里的,辛苦了🙏\n"
        "Dani: 大家辛苦了\n"
    )
    highlights = [h.title for h in _draft(tmp_path, text).highlights]
    assert highlights == [
        "and Marcus basically ran the pass solo on Sunday, absolute machine 💪",
        "Jo was a lifesaver on the Saturday rush too",
        "老马这半个月基本是睡在仓里的,辛苦了🙏",
    ]


def test_a_machine_that_gave_out_is_a_problem(tmp_path: Path) -> None:
    text = (
        "Spring show board\n\n"
        "- the lighting desk died at the dress rehearsal\n"
        "- 收银机周六死机两次\n"
    )
    assert [p.title for p in _draft(tmp_path, text).problems] == [
        "the lighting desk died at the dress rehearsal",
        "收银机周六死机两次",
    ]


def test_owning_the_fault_names_a_cause(tmp_path: Path) -> None:
    text = (
        "双11复盘群\n\n"
        "[20:33] 阿杰: 退货一大半是色差,实物发黄\n"
        "[20:35] 阿杰: 样品那个怪我,工厂打样改了三轮颜色,我没早点催\n"
        "[20:36] 小谭: 测试只用了新注册的测试店,所以没测出来\n"
        "[20:37] Kiki: 好\n"
    )
    causes = [c.text for p in _draft(tmp_path, text).problems for c in p.causes]
    assert causes == [
        "样品那个怪我,工厂打样改了三轮颜色,我没早点催",
        "测试只用了新注册的测试店,所以没测出来",
    ]


def test_a_plus_from_another_voice_adds_to_the_list_just_given(tmp_path: Path) -> None:
    text = (
        "08/09/2026, 19:50 - Nia: ok that's the numbers\n"
        "08/09/2026, 19:57 - Nia: things I'm taking away:\n"
        "08/09/2026, 19:57 - Nia: never again two festivals back to back with one van\n"
        "08/09/2026, 19:58 - Nia: order stock off this year's run rate\n"
        "08/09/2026, 19:59 - Dani: + fix broken kit the day it breaks\n"
        "08/09/2026, 20:00 - Sam: +1\n"
        "08/09/2026, 20:01 - Sam: lovely weekend though\n"
    )
    lessons = [lesson.statement for lesson in _draft(tmp_path, text).lessons]
    assert lessons == [
        "never again two festivals back to back with one van",
        "order stock off this year's run rate",
        "fix broken kit the day it breaks",
    ]


def test_praise_in_everyday_words_is_a_highlight_even_under_what_went_wrong(
    tmp_path: Path,
) -> None:
    text = (
        "# Opening week\n\n## What went wrong\n\n"
        "- the card machine froze twice on Saturday\n"
        "- Kelly and the front desk were brilliant, not one complaint all week\n"
        "- the pinned fixtures message was the best thing we did this season\n"
        "- 仓库小吴抽检时先发现的,及时拦下了两千多单,这点要表扬\n"
    )
    retro = _draft(tmp_path, text, "notes.md")
    assert [p.title for p in retro.problems] == ["the card machine froze twice on Saturday"]
    assert len(retro.highlights) == 3


def test_what_went_really_well_is_a_highlight(tmp_path: Path) -> None:
    """A word of degree between "went" and "well" is still praise in so many words."""
    text = (
        "# Pilot review\n\n## Notes\n"
        "- The handover to the night crew went really well, nobody had to call us.\n"
        "- Our new label printer worked very well from day one.\n"
        "- 我们的 onboarding went pretty well overall.\n"
    )
    retro = _draft(tmp_path, text, "notes.md")
    assert len(retro.highlights) == 3
    assert not retro.problems


def test_trouble_in_everyday_words_is_a_problem(tmp_path: Path) -> None:
    text = (
        "Hackathon notes\n\n"
        "Saturday dinner ran out and about 50 people got nothing.\n\n"
        "WhatsApp = chaos, parents kept missing fixture changes.\n\n"
        "商家端一打开就闪退,客服这边炸了。\n"
    )
    assert len(_draft(tmp_path, text).problems) == 3


def test_a_house_rule_for_next_time_is_a_lesson(tmp_path: Path) -> None:
    text = (
        "Year review\n\n"
        "Review is its own day in every quote, always.\n\n"
        "One client doesn't get to be more than a quarter of my income again.\n\n"
        "手机晚上放客厅,不许进卧室。\n"
    )
    assert len(_draft(tmp_path, text).lessons) == 3


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "期末考复盘\n\n比较侥幸的是: 这次只是校内期末考, 分数仅作参考。\n",
            "这次只是校内期末考, 分数仅作参考",
        ),
        (
            "Board notes\n\nlucky one: the vendor shipped an accessible build when we needed it\n",
            "the vendor shipped an accessible build when we needed it",
        ),
    ],
)
def test_a_lead_in_announcing_luck_labels_the_item_after_it(
    tmp_path: Path, text: str, title: str
) -> None:
    retro = _draft(tmp_path, text)
    assert [(h.title, h.luck) for h in retro.highlights] == [(title, True)]


@pytest.mark.parametrize(
    "line",
    [
        "we started with 24 student callers and were down to 17 by the last week",
        "Avg gift dropped from $118 to $100ish this year",
        "roughly 30% of the numbers on the call list were disconnected or wrong",
        "the young alumni segment ignored email as much as the phones",
        "young alumni basically don't answer",
        "CTR uplift is basically half of what we promised",
    ],
)
def test_a_measure_going_the_wrong_way_or_things_broken_or_ignored_are_problems(
    tmp_path: Path, line: str
) -> None:
    text = f"From: Trevor Banks\nTo: Marisol Ortega\n\nPhonathon stuff, in no order:\n- {line}\n"
    retro = _draft(tmp_path, text)
    assert [p.title for p in retro.problems] == [line]
    assert retro.highlights == []


def test_en_a_heading_over_prose_wins_a_sentence_a_cue_word_alone_would_turn(
    tmp_path: Path,
) -> None:
    text = (
        "Pilot wrap-up\n\nWhat went well\n"
        "Walking distance per picker dropped from about 11 km a shift to under 4. "
        "Rui's team had an engineer on site the first fortnight, which everyone agreed made the "
        "difference.\n\nWhat didn't\n"
        "The freezer died overnight and nobody noticed. The Spanish flyers went out a week late.\n"
    )
    retro = _draft(tmp_path, text)
    highlights = [h.title for h in retro.highlights]
    problems = [p.title for p in retro.problems]
    assert any("Walking distance" in h for h in highlights)
    assert not any("Walking distance" in p for p in problems)
    assert any("freezer died" in p for p in problems)


def test_zh_headings_in_the_writers_words_say_results_and_causes(tmp_path: Path) -> None:
    text = (
        "# 回去上班的第一年\n\n## 当时给自己定的目标\n\n"
        "1. 月薪不低于1.2万\n2. 每周至少三个晚上陪儿子\n\n"
        "## 后来呢\n\n月薪:谈下来是10500。\n陪儿子:平均一周也就两个晚上。\n\n"
        "## 我想了想为什么\n\n我们部门月末必须加班,这个入职前我没问清楚。\n"
    )
    retro = _draft(tmp_path, text, "article.md")
    assert [g.target.value for g in retro.goals] == [12000, 3]
    assert sorted(r.goal_id for r in retro.results if r.goal_id) == ["G1", "G2"]
    causes = [c.text for p in retro.problems for c in p.causes]
    problems = [p.title for p in retro.problems]
    assert any("月末必须加班" in t for t in causes + problems)
    assert not any("月末必须加班" in lesson.statement for lesson in retro.lessons)


@pytest.mark.parametrize(
    ("text", "problems", "lesson"),
    [
        (
            "飞书白板「Sprint 21 回顾」\n\n【做得好的 👍】\n· 电子回单总算按时上了 —— 唐悦 ❤️5\n\n"
            "【待改进 🤔】\n· 又是周四下午才提测,QA只剩一天半 —— 苏楠 ❤️4\n"
            "· 测试机里没有鸿蒙4.2的真机 —— 苏楠 ❤️2\n· 下次需求变更应该先过评审 —— 唐悦 ❤️1\n",
            ["又是周四下午才提测", "测试机里没有鸿蒙4.2的真机"],
            "下次需求变更应该先过评审",
        ),
        (
            "Sprint 21 retro board\n\nWent well\n- e-POD shipped on time\n\nTo improve\n"
            "- QA got the build on Thursday afternoon again\n- no test phone on the new OS\n"
            "- we should freeze scope at planning\n",
            ["QA got the build on Thursday afternoon again", "no test phone on the new OS"],
            "we should freeze scope at planning",
        ),
    ],
    ids=["zh", "en"],
)
def test_a_boards_column_of_what_to_improve_holds_problems_told_plainly(
    tmp_path: Path, text: str, problems: list[str], lesson: str
) -> None:
    """Cards in a "待改进" / "To improve" column that say nothing of what to do are what went
    badly, with or without a complaint's words; a card saying what to do is a lesson."""
    retro = _draft(tmp_path, text, "board.txt")
    titles = [p.title for p in retro.problems]
    for words in problems:
        assert any(words in t for t in titles), (words, titles)
    assert any(lesson in x.statement for x in retro.lessons)
    assert not any(words in x.statement for x in retro.lessons for words in problems)


@pytest.mark.parametrize(
    ("text", "lessons"),
    [
        (
            "# W36周报\n\n## 下周&后续\n\n- @李姐 退换单本周五前冲完\n"
            "- 采购小何10月15号之前出比价\n\n"
            "经验就两条:一是跟政府部门打交道的事,至少提前两个月去问;二是排班按高峰留一个机动的验光师\n",
            ["跟政府部门打交道的事,至少提前两个月去问", "排班按高峰留一个机动的验光师"],
        ),
        (
            "# Week 36 report\n\n## Next steps\n\n- Li to clear the returns by Friday\n"
            "- Ho to get three supplier quotes by 15 Oct\n\n"
            "Lessons learned: book school visits two months ahead; keep one floating optometrist "
            "on peak weekends\n",
            ["book school visits two months ahead", "keep one floating optometrist"],
        ),
    ],
    ids=["zh", "en"],
)
def test_a_labelled_paragraph_after_the_actions_says_what_its_label_names(
    tmp_path: Path, text: str, lessons: list[str]
) -> None:
    """ "经验就两条:一是…;二是…" under the next steps, after their list, states lessons, one per
    point; it is no note on the actions."""
    retro = _draft(tmp_path, text, "weekly.md")
    said = [x.statement for x in retro.lessons]
    for words in lessons:
        assert any(words in s for s in said), (words, said)
    assert len(retro.action_items) == 2
