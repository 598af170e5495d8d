"""Incidents told as narrative: stated durations are used as stated, conflicts are asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro_ai import draft
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings


def _draft(tmp_path: Path, text: str, name: str = "notes.md") -> Retrospective:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return draft([path], settings=Settings(), kind="incident")


def _conflicts(retro: Retrospective) -> list[str]:
    return [q.field for q in retro.open_questions if q.reason == "duration_conflict"]


def test_stated_durations_in_english_narrative_are_used(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# Payments outage\n\n"
        "Around 09:15 the first errors started. We got paged at 09:20 and had failed over by "
        "09:52. Time to detect was 5 min, time to recover about half an hour.\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "5 min"
    assert retro.incident.time_to_recover == "30 min"
    assert _conflicts(retro) == []  # 37 min derived is within "about half an hour"'s slack


def test_stated_durations_in_chinese_narrative_are_used(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 支付故障复盘\n\n"
        "21:05 支付接口开始大量报错。21:15 收到告警，发现用时10分钟。"
        "22:25 全部恢复，恢复用时一个多小时。\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "10分钟"
    assert retro.incident.time_to_recover == "1小时"


def test_duration_in_words_and_compact_form(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "Outage review. The incident was detected after twenty-five minutes and "
        "the time to recover was 1h20m.\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "25 min"
    assert retro.incident.time_to_recover == "1 h 20 min"


def test_a_half_said_before_the_unit_counts(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "Campsite booking mix-up. We noticed after two days and it took about four and a half "
        "hours to recover once we did.\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_recover == "4 h 30 min"


def test_corrected_statement_wins(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "Someone said time to detect was 5 minutes, that's not right, it was 25.\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "25 min"


def test_conflict_between_stated_and_derived_is_asked_en(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# DB incident\n\n"
        "At 10:00 errors started on writes. At 10:30 we were paged. "
        "The service was restored at 11:00. Time to detect was 5 min.\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "5 min"  # stated, never silently replaced
    assert retro.incident.time_to_recover == "1 h"  # derived, nothing stated
    assert _conflicts(retro) == ["incident.time_to_detect"]
    question = next(q.question for q in retro.open_questions if q.reason == "duration_conflict")
    assert "5 min" in question and "30 min" in question


def test_conflict_between_stated_and_derived_is_asked_zh(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 故障复盘\n\n"
        "14:00 退款接口开始报错。14:10 发现告警。14:50 全部恢复正常。\n"
        '报告里写的是"发现用时10分钟、恢复用时20分钟"。\n',
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "10分钟"
    assert retro.incident.time_to_recover == "20分钟"
    assert _conflicts(retro) == ["incident.time_to_recover"]
    question = next(q.question for q in retro.open_questions if q.reason == "duration_conflict")
    assert "20分钟" in question and "50分钟" in question


def test_chat_timestamps_give_timeline_events(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "#incident-api - export\n"
        "[09:17] ana: errors started on the api, 500s everywhere\n"
        "[09:20] bo: paged, I'm on it\n"
        "[09:31] bo: rolling back the deploy\n"
        "[09:40] bo: all clear, resolved\n",
        name="chat.txt",
    )
    kinds = [(e.at, e.kind) for e in retro.timeline]
    assert ("09:17", "start") in kinds
    assert ("09:40", "resolution") in kinds
    assert retro.incident is not None
    assert retro.incident.time_to_recover == "23 min"


def test_chinese_story_section_gives_typed_timeline(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 订单服务故障复盘\n\n## 经过\n"
        "7:50 订单接口开始大量超时。\n"
        "8:02 值班同学收到告警。\n"
        "8:15 关闭了新版限价开关。\n"
        "8:30 全部恢复正常。\n",
    )
    kinds = [(e.at, e.kind) for e in retro.timeline]
    assert kinds == [
        ("7:50", "start"),
        ("8:02", "detection"),
        ("8:15", "mitigation"),
        ("8:30", "resolution"),
    ]
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "12分钟"
    assert retro.incident.time_to_recover == "40分钟"


def test_label_glued_to_first_time_splits_events(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "复盘\n\n时间线:20:00开始升级,20:25节点开始大面积NotReady,20:31收到告警。\n",
    )
    assert [e.at for e in retro.timeline] == ["20:00", "20:25", "20:31"]
    assert [e.kind for e in retro.timeline][1:] == ["start", "detection"]


def test_remarks_about_durations_are_no_events(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "At 10:20 the runners started failing. We noticed at 10:45.\n"
        "And time to recover from 10:20 is one hour twenty minutes.\n",
    )
    assert [e.at for e in retro.timeline] == ["10:20", "10:45"]
    assert retro.incident is not None
    assert retro.incident.time_to_recover == "1 h 20 min"


def test_chat_retro_lines_after_the_incident_are_no_events(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "[07:48] ana: anyone else seeing checkout errors?\n"
        "[07:55] ana: declaring SEV2, I'm IC\n"
        "[08:30] bo: all clear\n"
        "[08:40] ana: actions: bo, can you add a queue alert today?\n",
        name="chat.txt",
    )
    assert [(e.at, e.kind) for e in retro.timeline] == [
        ("07:48", "detection"),
        ("07:55", "detection"),
        ("08:30", "resolution"),
    ]


def test_chinese_clock_times_are_read(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 支付故障\n\n"
        "上午九点一刻，支付接口开始大量报错。9点32分值班同学收到告警，"
        "10点05分切回旧版本，十点半全部恢复正常。周五18点以后禁止变更。\n",
    )
    assert [(e.at, e.kind) for e in retro.timeline] == [
        ("上午九点一刻", "start"),
        ("9点32分", "detection"),
        ("10点05分", "mitigation"),
        ("十点半", "resolution"),
    ]
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "17分钟"
    assert retro.incident.time_to_recover == "1小时15分钟"


def test_praise_said_in_passing_among_the_facts_is_a_highlight(tmp_path: Path) -> None:
    """Impact and detection sections state facts, and none of them becomes a problem; praise
    said in passing there ("刘工远程排查也很快") is still a highlight."""
    path = tmp_path / "incident.md"
    path.write_text(
        "# 叫号系统故障复盘\n\n## 影响\n"
        "上午叫号屏无法使用, 大堂手工排队。\n\n## 发现与处理\n"
        "08:52 大堂经理开机测试取号时才发现。厂商刘工远程排查也很快, 10分钟就找到了问题点。\n",
        encoding="utf-8",
    )
    retro = draft([path])
    assert any("刘工远程排查也很快" in h.title for h in retro.highlights)
    assert not any("开机测试取号" in p.title for p in retro.problems)
    assert not any("刘工" in p.title for p in retro.problems)


def test_causes_with_no_problem_hang_under_what_went_wrong_not_the_title(tmp_path: Path) -> None:
    """A report with causes but no problem list: the problem they explain is the failure in the
    writer's words ("…无法登录", "went down"), never the report's title."""
    zh = _draft(
        tmp_path,
        "# 仓库WMS停机情况说明\n\n## 基本情况\n"
        "6月3日早上仓库WMS系统无法登录, 直到10:40才恢复, 上午的出库全部改手工。\n\n"
        "## 原因分析\n1. 直接原因: 数据库证书过期。\n2. 证书到期提醒只发到了离职同事的邮箱。\n",
    )
    assert [p.title[:17] for p in zh.problems] == ["6月3日早上仓库WMS系统无法登录"]
    assert len(zh.problems[0].causes) == 2
    en = _draft(
        tmp_path,
        "# Checkout outage report\n\n## Summary\n"
        "On 14 May the checkout service went down for all EU stores until 10:02.\n\n"
        "## Root cause\n- The TLS certificate on the payment proxy expired.\n",
        name="en.md",
    )
    assert [p.title for p in en.problems] != ["Checkout outage report"]
    assert en.problems[0].title.startswith("On 14 May the checkout service went down")


def test_durations_told_from_one_moment_to_another_en(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "Main break debrief\n\n01:52 pressure drops. 02:35 a resident calls it in.\n"
        "So forty-nine minutes from the break to a human knowing.\n"
        "13:40 pressure's back. Eleven hours forty-eight, break to restore.\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "49 min"
    assert retro.incident.time_to_recover == "11 h 48 min"


def test_durations_said_as_minutes_to_a_moment_in_a_call(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "Checkout outage review, March 24 2026\n\n"
        "At 10:41 the first Paylane timeouts show up in the logs.\n"
        "I picked it up at 10:55, so call it 14 minutes to detect, and only because support"
        " told us.\n11:49 checkout success rate back to normal. So 68 minutes from first error"
        " to recovered, about an hour eight.\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "14 min"
    assert retro.incident.time_to_recover == "1 h 8 min"


def test_durations_told_from_one_moment_to_another_zh(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 618分拣线停线复盘\n\n22:05 2号线报警。22:20 中控发现。\n"
        "从第一次报警到有人发现15分钟,停线到恢复2小时56分。\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "15分钟"
    assert retro.incident.time_to_recover == "2小时56分钟"


def test_zh_a_fall_that_begins_starts_the_timeline(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 短信验证码故障复盘\n\n## 经过\n"
        "19:48 主通道供应商开始返回 LIMIT_CONTROL 错误码,发送成功率从99.5%一路往下掉。\n"
        "20:15 成功率跌破60%告警才响。\n"
        "21:07 成功率恢复到99%+。\n",
    )
    assert [(e.at, e.kind) for e in retro.timeline] == [
        ("19:48", "start"),
        ("20:15", "detection"),
        ("21:07", "resolution"),
    ]
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "27分钟"
    assert retro.incident.time_to_recover == "1小时19分钟"


def test_zh_a_rescue_told_from_stop_to_release_and_a_contract_time_held_to_it(
    tmp_path: Path,
) -> None:
    retro = _draft(
        tmp_path,
        "# 2号梯困人复盘 2026年3月19日\n\n## 经过\n"
        "昨晚19:38电梯停梯困人,19:51业主打客服电话我们才知道。20:41人出来,从停梯到放人一共63分钟。\n\n"
        "## 对照要求\n维保合同写的困人30分钟内到场,恒达从19:54接电话到20:32,用了38分钟,超了。\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_recover == "1小时3分钟"
    assert [g.evidence[0].quote for g in retro.goals] == ["维保合同写的困人30分钟内到场"]
    [result] = retro.results
    assert result.achievement.verdict == "missed"


def test_a_timeline_told_in_sentences_that_open_on_at_a_time(tmp_path: Path) -> None:
    text = (
        "# Incident report: test push sent to every user\n\n## Timeline (CET, 10 Nov)\n\n"
        "At 21:44 the test push went out to all users instead of the QA list.\n"
        "At 21:53 Ben paged on-call. Priya cancelled the send at 21:56.\n"
        "The error rate was back to normal at 22:19.\n"
    )
    retro = _draft(tmp_path, text)
    assert [(e.at, e.kind) for e in retro.timeline] == [
        ("21:44", "other"),
        ("21:53", "detection"),
        ("21:56", "mitigation"),
        ("22:19", "resolution"),
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Postmortem\n\nTime to recover: 5 h 45 min to 98% of affected locks, "
            "where the SEV-1 target is 4 h.\n",
            "SEV-1 target is 4 h",
        ),
        ("事故复盘\n\n发现用时40分钟,我们的目标是15分钟。\n", "目标是15分钟"),
    ],
)
def test_a_target_on_the_time_to_detect_or_recover_is_a_ceiling(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    retro = draft([path], settings=Settings())
    goal = next(g for g in retro.goals if words in g.title)
    result = next(r for r in retro.results if r.goal_id == goal.id)
    assert goal.direction == "lower"
    assert result.achievement.verdict == "missed"


@pytest.mark.parametrize(
    ("text", "detect", "recover"),
    [
        (
            "# Off-air incident, 21 April 2026\n\n"
            "Off air on FM 05:41 to 06:19. We didn't know till 06:11, so it took us half an hour "
            "to notice. DAB and the stream were dead till 07:04, so 1h23 to get everything "
            "back.\n",
            "30 min",
            "1 h 23 min",
        ),
        (
            "# 隧道炉停机故障复盘 2026-03-11\n\n"
            "06:05 2号线隧道炉报警停了。过了十来分钟才知道,前后差不多两个小时才恢复。\n",
            "10分钟",
            "2小时",
        ),
    ],
    ids=["en", "zh"],
)
def test_a_stated_time_to_notice_or_get_back_is_used(
    tmp_path: Path, text: str, detect: str, recover: str
) -> None:
    """ "half an hour to notice", "1h23 to get everything back", "过了十来分钟才知道": stated
    times, "1h23" with its minutes and "十来分钟" as about ten."""
    retro = _draft(tmp_path, text)
    assert retro.incident is not None
    assert (retro.incident.time_to_detect, retro.incident.time_to_recover) == (detect, recover)


@pytest.mark.parametrize(
    ("told", "ttd", "ttr"),
    [
        (
            "So it took us about 6 hours to find out, and only because a user told us. "
            "48 minutes from me opening his issue to everything green.",
            "6 h",
            "48 min",
        ),
        (
            "So nobody noticed for five and a half hours. It took about nine hours from the "
            "night porter finding it to the cold room actually being usable again.",
            "5 h 30 min",
            "9 h",
        ),
    ],
    ids=["find-out-all-green", "nobody-noticed-usable-again"],
)
def test_durations_told_as_finding_out_and_being_usable_again(
    tmp_path: Path, told: str, ttd: str, ttr: str
) -> None:
    """How long until someone found out or nobody noticed, and how long until things were
    green or usable again, said in a sentence, are the stated times to detect and recover."""
    retro = _draft(tmp_path, f"# Cold room failure\n\nThe cold room failed overnight. {told}\n")
    assert retro.incident is not None
    assert (retro.incident.time_to_detect, retro.incident.time_to_recover) == (ttd, ttr)


def test_zh_who_found_out_may_stand_before_cai(tmp_path: Path) -> None:
    """ "出事差不多半小时以后我们才知道": who found out stands between the time and "才"."""
    retro = _draft(
        tmp_path,
        "# 短信重复发送复盘\n\n9点15任务开始跑,9点22整批重发。"
        "就是说出事差不多半小时以后我们才知道,还是用户打电话告诉我们的。\n",
    )
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "30分钟"
