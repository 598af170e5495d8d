"""Due dates resolve against the document's own date, and the kind follows the words that name it.

Every test drafts a small document through the public API, offline, and reads the fields back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import retro_ai
from retro_ai.settings import Settings

RUN_DAY = date(2030, 1, 15)  # the day the command "runs": no due may resolve against it


def _draft(tmp_path: Path, name: str, text: str) -> retro_ai.Retrospective:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return retro_ai.draft([path], settings=Settings(), report_date=RUN_DAY)


def _due(tmp_path: Path, name: str, text: str) -> tuple[str, date | None]:
    retro = _draft(tmp_path, name, text)
    assert len(retro.action_items) == 1, retro.action_items
    due = retro.action_items[0].due
    return due.text, due.date


ACTION = "- fix the login bug (owner: Ana, due: {due})\n"
EN_DOC = "# Billing project retro\n\nDate: 2026-06-05\n\n## Action items\n" + ACTION
ZH_DOC = (
    "# 结算项目复盘\n\n日期：2026-06-05\n\n## 行动项\n- 修复登录问题（负责人：小王，截止：{due}）\n"
)


@pytest.mark.parametrize(
    ("due", "want"),
    [
        ("next Friday", date(2026, 6, 12)),  # 2026-06-05 is a Friday: next week's Friday
        ("next Wed", date(2026, 6, 10)),
        ("Friday", date(2026, 6, 12)),
        ("Monday", date(2026, 6, 8)),
        ("end of month", date(2026, 6, 30)),
        ("this month", date(2026, 6, 30)),
        ("next week", date(2026, 6, 12)),
        ("tomorrow", date(2026, 6, 6)),
        ("Nov 20", date(2026, 11, 20)),
        ("9 Oct", date(2026, 10, 9)),
        ("May 2", date(2027, 5, 2)),  # already past in the document's year: the next one
        ("within 2 weeks", date(2026, 6, 19)),
        ("2 weeks from today", date(2026, 6, 19)),
        ("EOW", date(2026, 6, 5)),  # said on a Friday: that same day
        ("end of week", date(2026, 6, 5)),
        ("this morning", date(2026, 6, 5)),
        ("EOM", date(2026, 6, 30)),
        ("this week", date(2026, 6, 5)),
        ("before the 19th", date(2026, 6, 19)),
        ("by the 3rd", date(2026, 7, 3)),  # the 3rd has passed in June: July's
        ("before Christmas", date(2026, 12, 25)),
        ("by New Year's Eve", date(2026, 12, 31)),
        ("before New Year", date(2027, 1, 1)),
    ],
)
def test_english_relative_dues_resolve_against_the_document_date(tmp_path, due, want) -> None:
    assert _due(tmp_path, "notes.md", EN_DOC.format(due=due)) == (due, want)


@pytest.mark.parametrize(
    ("due", "want"),
    [
        ("下周五前", date(2026, 6, 12)),
        ("下周三", date(2026, 6, 10)),
        ("周一前", date(2026, 6, 8)),
        ("月底前", date(2026, 6, 30)),
        ("9月底前", date(2026, 9, 30)),
        ("11月20日前", date(2026, 11, 20)),
        ("6/15前", date(2026, 6, 15)),
        ("明天", date(2026, 6, 6)),
        ("两周内", date(2026, 6, 19)),
        ("本周内", date(2026, 6, 5)),
        ("国庆前", date(2026, 10, 1)),
        ("五一前", date(2027, 5, 1)),  # May Day has passed in June: the next one
        ("今晚", date(2026, 6, 5)),
        ("下个月15号前", date(2026, 7, 15)),
        ("下月3号", date(2026, 7, 3)),
        ("本月20号前", date(2026, 6, 20)),
        ("这周", date(2026, 6, 5)),
        ("明早", date(2026, 6, 6)),
        ("这个月内", date(2026, 6, 30)),
        # the lunar calendar's holidays: the new year from its eve, the next one after June 5
        ("春节前", date(2027, 2, 5)),
        ("端午之前", date(2026, 6, 19)),
        ("中秋前一周", date(2026, 9, 18)),
    ],
)
def test_chinese_relative_dues_resolve_against_the_document_date(tmp_path, due, want) -> None:
    assert _due(tmp_path, "notes.md", ZH_DOC.format(due=due)) == (due, want)


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("notes.md", "# Billing project retro\n\nDate: 2026-06-05\n"),
        ("notes.md", "# Billing project retro\nmeeting date: June 5, 2026\n"),
        ("notes.md", "# Billing project retro (Fri 5 Jun 2026)\n"),
        ("notes.md", "# 2026-06-05 周会\n"),
        ("notes.md", "# 结算项目复盘\n时间：2026年6月5日\n"),
        ("notes.md", "# 结算项目复盘\n日期:2026.6.5 记录:小钱\n"),
        ("2026-06-05-retro.md", "# Billing project retro\n"),
        ("notes.txt", "#billing-retro - export, 2026-06-05\n[09:30] ana: morning all\n"),
        ("notes.md", "# 2026 结算项目复盘\n> 6.5 晚 开完会我顺手整理的\n"),
    ],
)
def test_the_document_date_comes_from_its_header_title_or_name(tmp_path, name, header) -> None:
    text = header + "\n## Action items\n- fix the login bug (owner: Ana, due: next Friday)\n"
    assert _due(tmp_path, name, text) == ("next Friday", date(2026, 6, 12))


@pytest.mark.parametrize("title", ["# Billing sprint 22 retro (June 5)", "# 6月5日复盘"])
def test_a_year_less_title_date_is_the_latest_such_day_by_the_report_date(tmp_path, title) -> None:
    path = tmp_path / "notes.md"
    path.write_text(title + "\n\n## Action items\n" + ACTION.format(due="next Friday"), "utf-8")
    retro = retro_ai.draft([path], settings=Settings(), report_date=date(2026, 11, 28))
    assert retro.action_items[0].due.date == date(2026, 6, 12)


def test_a_year_less_title_date_takes_the_year_written_beside_it(tmp_path) -> None:
    text = "# Billing retro (June 5)\nQ2 2025 close-out\n\n## Action items\n"
    text += ACTION.format(due="next Friday")
    assert _due(tmp_path, "notes.md", text) == ("next Friday", date(2025, 6, 13))


def test_a_subtitle_header_and_a_first_turn_give_the_document_date(tmp_path) -> None:
    vtt = (
        "WEBVTT\n\nNOTE billing sprint retro, recorded Friday 5 June 2026\n\n"
        "00:00:01.000 --> 00:00:05.000\n<v Maya>Okay, recording.\n\n"
        "00:00:06.000 --> 00:00:09.000\n<v Maya>Action: " + ACTION[2:].format(due="next Friday")
    )
    assert _due(tmp_path, "call.vtt", vtt) == ("next Friday", date(2026, 6, 12))
    srt = (
        "1\n00:00:00,000 --> 00:00:04,000\nHamid: okay, today's the 5th of June 2026.\n\n"
        "2\n00:00:05,000 --> 00:00:09,000\nHamid: Action: " + ACTION[2:].format(due="next Friday")
    )
    assert _due(tmp_path, "call.srt", srt) == ("next Friday", date(2026, 6, 12))


@pytest.mark.parametrize(
    ("doc", "due"),
    [
        (EN_DOC.replace("Date: 2026-06-05\n", ""), "next Friday"),
        (EN_DOC.replace("Date: 2026-06-05\n", ""), "Nov 20"),
        (EN_DOC.replace("Date: 2026-06-05\n", ""), "end of month"),
        (ZH_DOC.replace("日期：2026-06-05\n", ""), "下周五前"),
        (ZH_DOC.replace("日期：2026-06-05\n", ""), "月底前"),
    ],
)
def test_without_a_document_date_relative_dues_stay_as_written(tmp_path, doc, due) -> None:
    assert _due(tmp_path, "notes.md", doc.format(due=due)) == (due, None)


def test_without_a_document_date_a_full_date_still_resolves(tmp_path) -> None:
    doc = EN_DOC.replace("Date: 2026-06-05\n", "").format(due="2026-07-01")
    assert _due(tmp_path, "notes.md", doc) == ("2026-07-01", date(2026, 7, 1))


def test_a_year_less_due_takes_the_document_year_not_the_run_year(tmp_path) -> None:
    doc = EN_DOC.replace("2026-06-05", "2025-03-02").format(due="Nov 20")
    assert _due(tmp_path, "notes.md", doc) == ("Nov 20", date(2025, 11, 20))


# --- kind ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (  # the title names the kind; incident words in the body do not outweigh it
            "# Gateway consolidation — project retro\n"
            "- the incident in week 2 cost us a day\n- one more incident during cutover\n",
            "project",
        ),
        (
            "# Payments squad — sprint 9 retro\n"
            "- the incident on Tuesday ate a day\n- outage follow-ups slipped\n",
            "sprint",
        ),
        (
            "# Spring signup campaign retro\n"
            "- the project board was out of date\n- landing page project slipped a week\n",
            "campaign",
        ),
        (
            "# Booth and sponsorship at the expo\n"
            "- 96 MQLs from the booth, leads below plan\n- sponsor slot too late in the day\n",
            "campaign",
        ),
        (
            "#incident-queue-backlog - export\n[07:55] nina: declaring SEV2, I'm IC\n"
            "[08:05] kai: status page updated\n",
            "incident",
        ),
        ("# 上半年个人复盘\n## 目标完成情况\n- 英语口语：每周1.5节\n", "personal"),
        ("# 2026 年度总结\n- 读完了4本书\n- 跑步没坚持下来\n", "personal"),
        (
            "Q3 personal retro\n- my review turnaround improved\n"
            "- the team project shipped\n- the launch slipped a week\n",
            "personal",
        ),
        ("# 春季拉新活动复盘\n- 新增注册7.6万\n- 项目排期有点紧\n", "campaign"),
        ("# 支付故障复盘\n- 告警晚了10分钟\n- 回滚用了20分钟\n", "incident"),
        ("# 会员系统项目复盘\n- 上线晚了一周\n- 有一次故障，故障原因是配置\n", "project"),
    ],
)
def test_kind_follows_the_words_that_name_it(tmp_path, text, kind) -> None:
    assert _draft(tmp_path, "notes.md", text).meta.kind == kind


def test_many_speakers_saying_wo_are_not_a_personal_review(tmp_path) -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v 老吴>复盘一下周三晚上升级导致的故障。\n\n"
        "00:00:06.000 --> 00:00:09.000\n<v 阿静>我当时在看告警，我先回滚了。\n\n"
        "00:00:10.000 --> 00:00:13.000\n<v 小刘>我的问题，我没看兼容性矩阵。\n"
    )
    assert _draft(tmp_path, "call.vtt", vtt).meta.kind == "incident"


def test_a_year_in_the_title_dates_a_day_written_below_it(tmp_path) -> None:
    text = "2026 — the year in review\nwritten 30 Dec, at the kitchen table\n\n## Next\n"
    text += "- Send the new rate sheet by Jan 15\n"
    assert _due(tmp_path, "year.txt", text)[1] == date(2027, 1, 15)


def test_a_weekday_named_with_a_day_and_month_gives_the_year(tmp_path) -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.200 --> 00:00:09.840\n"
        "<v Priya>OK, so it's Tuesday the 15th of September, sprint 14 retro.\n\n"
        "00:00:10.000 --> 00:00:14.000\n"
        "<v Priya>Aisha, can you dig into the duplicate IDs by Friday?\n"
    )
    # 15 September is a Tuesday in 2026, the latest such year before the run day (2030)
    assert _due(tmp_path, "retro.vtt", vtt) == ("Friday", date(2026, 9, 18))


def test_a_desktop_chat_exports_header_dates_the_document(tmp_path) -> None:
    """ "2026-09-03 14:02 王姐" heads each message; the turns keep only the time, but the
    document's date is the header's."""
    text = (
        "2026-09-03 14:02 王姐\n来来来,8月投放简单复盘一下\n\n"
        "2026-09-03 14:03 小K\n收到\n\n"
        "2026-09-03 14:40 王姐\n预算方案谁来出?\n\n"
        "2026-09-03 14:41 小K\n我来吧,下周一前先出初稿给大家看\n"
    )
    assert _due(tmp_path, "chat.txt", text) == ("下周一前", date(2026, 9, 7))


def test_in_passing_dues_and_a_handed_on_second_sentence(tmp_path) -> None:
    """A weekday said in passing is the due; in "Decision. Jo to brief …" the second sentence
    is the action and Jo its owner."""
    retro = _draft(
        tmp_path,
        "notes.md",
        "# Rota rollout retro, 2026-03-12\n\n## Actions\n"
        "1. Extra-shift approval moves into RotaFlow only, texts don't count. "
        "Jo to brief ward managers at next Tuesday's huddle\n"
        "2. Anjali builds an ICU test pattern set in UAT - 2 weeks from today\n",
    )
    first, second = retro.action_items
    assert (first.action, first.owner) == ("brief ward managers at next Tuesday's huddle", "Jo")
    assert (first.due.text, first.due.date) == ("next Tuesday", date(2026, 3, 17))
    assert second.owner == "Anjali"
    assert (second.due.text, second.due.date) == ("2 weeks from today", date(2026, 3, 26))
    assert "from" not in second.action


def test_a_day_first_chat_export_dates_the_meeting_day_first(tmp_path: Path) -> None:
    """A UK WhatsApp export stamps "[02/06/2026, 20:30:41]": 2 June, not 6 February; pounds
    tell the order when no stamp's numbers do, and a day over 12 tells it outright."""
    chat = (
        "[02/06/2026, 20:30:41] Marion Kerr: tour wrap-up, what worked and what didn't\n"
        "[02/06/2026, 20:32:05] Sue Lennox: coach and B&Bs came to £6,150, budget was £6,400\n"
        "[02/06/2026, 20:33:10] Gareth Pryce: I'll ring the coach firm by Thursday\n"
        "[02/06/2026, 20:34:00] Marion Kerr: great\n"
    )
    path = tmp_path / "chat.txt"
    path.write_text(chat, encoding="utf-8")
    retro = retro_ai.draft([path], settings=Settings(), report_date=date(2026, 11, 28))
    assert [(a.owner, a.due.date) for a in retro.action_items] == [
        ("Gareth Pryce", date(2026, 6, 4))
    ]
    us = chat.replace("£", "$").replace("02/06/2026, 20:34:00", "02/16/2026, 20:34:00")
    path.write_text(us, encoding="utf-8")
    retro = retro_ai.draft([path], settings=Settings(), report_date=date(2026, 11, 28))
    assert [a.due.date for a in retro.action_items] == [date(2026, 2, 12)]


def test_an_afternoon_hour_on_the_24_hour_clock_dates_a_chat_day_first(tmp_path: Path) -> None:
    """ "[12/03/2026, 19:42]" with no pound sign and no day over 12 is 12 March: the US stamps
    "[3/12/26, 7:42:15 PM]", so an hour past 12 with no AM/PM is a day-first phone's."""
    chat = (
        "[12/03/2026, 19:42] Tariq Haddad: Right, legs working yet? proper look back now?\n"
        "[12/03/2026, 19:46] Megan Ellis: Goal was sub 4. Got 4:17:32.\n"
        "[12/03/2026, 19:58] Tariq Haddad: I'll send you a recovery block by Sunday\n"
        "[12/03/2026, 19:59] Megan Ellis: thanks!!\n"
    )
    assert _due(tmp_path, "chat.txt", chat) == ("Sunday", date(2026, 3, 15))
    morning = chat.replace(", 19:", ", 09:")  # nothing tells the order: month first, as before
    assert _due(tmp_path, "chat.txt", morning) == ("Sunday", date(2026, 12, 6))


@pytest.mark.parametrize(
    ("line", "due", "want"),
    [
        ("- I'll book the physio before New Year", "before New Year", date(2027, 1, 1)),
        ("- 那条视频我这周再剪三个版本出来", "这周", date(2026, 6, 5)),
        ("- 我明早汇总发区域", "明早", date(2026, 6, 6)),
        # a holiday less a stretch, a start date, the board's own meeting, a week asked for
        ("- 秋季营的推文由小雨负责,国庆前一周发出去", "国庆前一周", date(2026, 9, 24)),
        ("- 阿强五一前三天把物料备好", "五一前三天", date(2027, 4, 28)),
        ("- 发电机每月带载试机写进月检表,7月1日起执行,周工牵头", "7月1日起", date(2026, 7, 1)),
        (
            "- Helen to write a one-page summary ahead of its 30 June meeting.",
            "ahead of its 30 June meeting",
            date(2026, 6, 30),
        ),
        (
            "- I'll get guest checkout switched on, give me a week",
            "give me a week",
            date(2026, 6, 12),
        ),
        (
            "- Tomasz will find a new volunteer within two weeks.",
            "within two weeks",
            date(2026, 6, 19),
        ),
        (
            "- Mei owns firmware 1.2, targeting the 15th of June.",
            "targeting the 15th of June",
            date(2026, 6, 15),
        ),
        (
            "- Ravi will move the rotation job by the twentieth",
            "by the twentieth",
            date(2026, 6, 20),
        ),
    ],
)
def test_a_due_said_in_passing_resolves_against_the_document_date(
    tmp_path, line: str, due: str, want: date
) -> None:
    text = f"# Retro\n\nDate: 2026-06-05\n\n## Next steps\n{line}\n"
    assert _due(tmp_path, "notes.md", text) == (due, want)


@pytest.mark.parametrize(
    ("line", "due"),
    [
        # an event the deed must come before
        ("- I'll redo the summer schedule before the budget meeting", "before the budget meeting"),
        ("- Claire - raise staff transport at next ops meeting", "at next ops meeting"),
        (
            "- ask pharmacy to drop photocopied charts at the next ward meeting",
            "at the next ward meeting",
        ),
        # a habit's first day
        ("- I'll send my supervisors a capacity note, starting this month.", "starting this month"),
        ("- see the GP about my throat over the break", "over the break"),
        ("- 下周一开始,每天打烊后花十五分钟记账", "下周一开始"),
        ("- 明天开始每天刷两道机试题", "明天开始"),
        ("- Ana will send the slides ahead of the board meeting", "ahead of the board meeting"),
        ("- 码头关卡重做引导 → Momo, 下个 demo 版本之前", "下个 demo 版本之前"),
    ],
)
def test_an_undated_due_named_by_an_event_or_a_habits_first_day_stays_as_written(
    tmp_path, line: str, due: str
) -> None:
    text = f"# Retro\n\n## Next steps\n{line}\n"
    assert _due(tmp_path, "notes.md", text) == (due, None)


def test_an_ordinal_before_a_noun_is_no_day_of_the_month(tmp_path) -> None:
    text = (
        "# Retro\n\nDate: 2026-06-05\n\n## Next steps\n"
        "- Jo will fix the pump before the first heat wave\n"
    )
    retro = _draft(tmp_path, "notes.md", text)
    assert [a.due.date if a.due else None for a in retro.action_items] == [None]


def test_a_relative_due_counts_from_the_day_of_the_mail_that_says_it(tmp_path: Path) -> None:
    thread = (
        "From: Priya Nair <priya@example.org>\n"
        "Sent: Wednesday, September 2, 2026 8:03 AM\n"
        "Subject: RE: Bake sale wrap-up\n\n"
        "I'll call the church office tomorrow and apologise.\n\n"
        "From: Dana Whitfield <dana@example.org>\n"
        "Sent: Monday, August 31, 2026 4:52 PM\n"
        "Subject: Bake sale wrap-up\n\n"
        "We raised $1,240. Marcus: book the hall for spring, by Friday\n"
    )
    retro = _draft(tmp_path, "thread.txt", thread)
    got = [(a.owner, a.due.text, a.due.date) for a in retro.action_items]
    assert got == [
        ("Priya Nair", "tomorrow", date(2026, 9, 3)),
        ("Marcus", "Friday", date(2026, 9, 4)),
    ]


def test_zh_a_chats_day_divider_moves_what_tomorrow_means(tmp_path: Path) -> None:
    chat = (
        '群聊"门店"的聊天记录\n—————  2026-08-01  —————\n'
        "[16:30] 值班经理Eric: 今天的事大家辛苦了\n"
        "[16:32] 前台Vivian: 好的\n"
        "—————  2026-08-03  —————\n"
        "[09:10] 值班经理Eric: 超售应急流程我明天写出来\n"
        "[09:12] 前台Vivian: 收到\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    assert [(a.due.text, a.due.date) for a in retro.action_items] == [("明天", date(2026, 8, 4))]


def test_a_desktop_chat_export_is_dated_by_its_message_headers(tmp_path: Path) -> None:
    """A QQ or WeChat desktop export ("2026-06-02 20:26:33 队长-周子豪(1152837461)" over each
    message) is dated by the day in those headers, so "下周五前" is the Friday after next; the
    call to hold the review ("今晚就在群里把这次演出复盘一下") is no action."""
    chat = (
        "消息记录（此消息记录为文本格式，不支持重新导入）\n\n"
        "================================================================\n"
        "消息分组:我的群聊\n"
        "================================================================\n"
        "消息对象:校合唱团·春季演出\n"
        "================================================================\n\n"
        "2026-06-02 20:13:45 团长-何雯(2049381726)\n"
        "@全体成员 演出顺利结束,今晚就在群里把这次演出复盘一下\n\n"
        "2026-06-02 20:16:38 声部长-阿杰(2738190456)\n"
        "合唱部分没问题,就是返场曲没排练到\n\n"
        "2026-06-02 20:18:51 小赵(3318420975)\n"
        "音响那边下次要提前一天去试\n\n"
        "2026-06-02 20:26:33 团长-何雯(2049381726)\n"
        "节目单存档由小赵负责,下周五前整理好\n\n"
        "2026-06-02 20:27:10 小赵(3318420975)\n"
        "好的👌\n"
    )
    assert _due(tmp_path, "qq.txt", chat) == ("下周五前", date(2026, 6, 12))


@pytest.mark.parametrize(
    ("name", "chat", "due"),
    [
        (  # WhatsApp on a US phone: a two-digit year, month first
            "whatsapp.txt",
            "1/17/26, 5:58 AM - Messages and calls are end-to-end encrypted.\n"
            "1/17/26, 6:04 AM - Rob Kessler: full crews on Summit today\n"
            "1/17/26, 6:10 AM - Rob Kessler: Devon can you get the gate log to me by Thursday?\n"
            "1/17/26, 6:12 AM - Devon B: yep will do\n",
            ("Thursday", date(2026, 1, 22)),
        ),
        (  # Telegram desktop: "[14.05.26 18:22]", the day first
            "telegram.txt",
            "Maggie Doyle, [14.05.26 18:22]\nPetition closed, 3,112 signatures!\n\n"
            "Tunde Bakare, [14.05.26 18:24]\namazing\n\n"
            "Maggie Doyle, [14.05.26 18:30]\nKerry can you email the councillors by Friday?\n\n"
            "Kerry Walsh, [14.05.26 18:31]\nsure\n",
            ("Friday", date(2026, 5, 15)),
        ),
        (  # the day said aloud in words at the start of a recording
            "call.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n"
            "<v Helen Marsh>Right, it's Wednesday the ninth of September, so let's look back.\n\n"
            "00:00:10.000 --> 00:00:15.000\n"
            "<v Helen Marsh>I'll write up a lost-child procedure by Friday.\n",
            ("Friday", date(2026, 9, 11)),
        ),
    ],
    ids=["whatsapp-two-digit-year", "telegram-dotted", "spelled-ordinal"],
)
def test_a_chat_stamp_with_a_two_digit_year_or_a_day_said_in_words_dates_the_dues(
    tmp_path: Path, name: str, chat: str, due: tuple[str, date]
) -> None:
    """ "1/17/26, 5:58 AM - …" and "[14.05.26 18:22]" date a chat though their year has two
    digits; "Wednesday the ninth of September" dates a call though its day is a word."""
    assert _due(tmp_path, name, chat) == due


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("- 过年前把车送去做个大保养", "过年前"),
        ("- 入秋前再招一个帮工", "入秋前"),
        ("- 民法案例复试前过两遍", "复试前"),
        ("- 代码和预处理脚本整理好放 GitHub,离校前", "离校前"),
        ("- 期末考试周之前我让厂商补一次压测", "期末考试周之前"),
        ("- 停车那个大刘你跟物业对一下,端午之前", "端午之前"),
        ("- 过完年把那家MCN的合同再仔细看一遍", "过完年"),
        ("- 春节后跟他一起去问问", "春节后"),
        ("- 由越城店王店长牵头,国庆后第一周约完", "国庆后第一周"),
    ],
)
def test_zh_a_due_told_by_a_holiday_a_season_or_a_milestone(
    tmp_path: Path, line: str, due: str
) -> None:
    """Before or after a holiday, a season or a milestone of the writer's year ("过年前",
    "入秋前", "复试前", "春节后", "国庆后第一周"): the due as written, not none."""
    assert _due(tmp_path, "plan.txt", f"明年打算\n\n接下来:\n{line}\n")[0] == due


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        (
            "- I'll put a proper fire drill in the calendar, first week of April",
            None,
            "first week of April",
        ),
        (
            "- Keisha leads tutor recruitment at the volunteer fair, early Sept",
            "Keisha",
            "early Sept",
        ),
        ("- Marek to book the van, mid-March", "Marek", "mid-March"),
        ("- New prices go to everyone by 1 February", None, "by 1 February"),
    ],
    ids=["first-week-of", "early-month", "mid-month", "new-is-no-name"],
)
def test_a_due_told_as_a_part_of_a_month(
    tmp_path: Path, line: str, owner: str | None, due: str
) -> None:
    """ "…, first week of April", "…, early Sept", "…, mid-March" close an action with its due;
    "New prices go to …" names nobody called New."""
    retro = _draft(tmp_path, "plan.md", f"# Next year\n\n## Next\n{line}\n")
    assert [(a.owner, a.due.text) for a in retro.action_items] == [(owner, due)]


@pytest.mark.parametrize(
    ("name", "chat", "due"),
    [
        (  # a Discord header with its day: the dues under it count from that day
            "discord.txt",
            "oona_makes — 03/02/2026 9:14 PM\nstretch goals are up!!\n\n"
            "kes.draws — 03/12/2026 9:20 PM\nok it's over, 158%\n"
            "oona_makes — 03/12/2026 9:21 PM\nkes can you set up the BackerKit survey by Friday?\n"
            "kes.draws — 03/12/2026 9:22 PM\nsure, friday night latest\n",
            ("Friday", date(2026, 3, 13)),
        ),
        (  # a status page: each update stamped on a line of its own, newest first
            "status.txt",
            "Ferry Status\n\nOnline booking problems\nIncident Report for Isles Ferries\n\n"
            "Resolved\nAll services are back to normal.\nMay 23, 2026 - 09:40 BST\n\n"
            "Investigating\nWe are looking into failed bookings.\nMay 23, 2026 - 06:52 BST\n\n"
            "Postmortem (support lead): the app vendor pushed a certificate change.\n"
            "Callum to chase them on Tuesday\n",
            ("on Tuesday", date(2026, 5, 26)),
        ),
        (  # a phone's WeChat copy: dividers with no year (this year's days show none)
            "wechat.txt",
            "「云栖苑5栋业主交流群(498)」的聊天记录\n\n"
            "—————  7月15日 07:52  —————\n"
            "1203王阿姨: 电梯怎么又不动了?两台都不动\n"
            "0801 Kevin: 1号梯里好像关了人!!\n"
            "1802陈姐: 物业电话打了三遍没人接\n"
            "—————  08:41  —————\n"
            "物业管家-小周: 收到,维保公司师傅在路上了\n"
            "—————  7月16日 14:22  —————\n"
            "业委会老孙: @物业管家-小周 下周一开个会,把维保合同也拿过来看看?\n"
            "物业管家-小周: 好的\n",
            ("下周一", date(2029, 7, 23)),
        ),
    ],
    ids=["discord-dated-header", "status-page-update-stamp", "wechat-yearless-divider"],
)
def test_a_chat_s_dated_headers_or_dividers_date_the_dues_under_them(
    tmp_path: Path, name: str, chat: str, due: tuple[str, date]
) -> None:
    """The day in a chat's message header, a status update's stamp or a chat's day divider dates
    what is said under it. A divider with no year is this year's: the latest such day not after
    the day the report is made (RUN_DAY here, so 2029)."""
    assert _due(tmp_path, name, chat) == due


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("- 9.30前 把SQL那本书剩下三章刷完", ("9.30前", date(2026, 9, 30))),
        ("- 10.5之前给小夏发个红包谢谢内推", ("10.5之前", date(2026, 10, 5))),
        ("- 7月25号我会去底坑看的,拍照发群里", ("7月25号", date(2026, 7, 25))),
    ],
    ids=["dotted-before", "dotted-zhiqian", "date-then-i-will"],
)
def test_zh_a_dotted_day_before_or_a_day_then_i_will(
    tmp_path: Path, line: str, due: tuple[str, date]
) -> None:
    """ "9.30前" is 30 September, not a decimal; "7月25号我会去…" says when the speaker will."""
    doc = f"# 复盘\n\n日期:2026-07-16\n\n## 接下来\n{line}\n"
    assert _due(tmp_path, "notes.md", doc) == due


@pytest.mark.parametrize(
    ("doc", "due"),
    [
        (  # a log's period: its report is written at the period's end
            "钉钉 · 日志 · 汇总\n"
            "模板:双周迭代周报   接收人:韩磊   时间:2026-07-06 ~ 2026-07-17   已提交 4/5\n\n"
            "后续:\n- 机型清单由苏晴整理,下周三前发群里\n",
            ("下周三前", date(2026, 7, 22)),
        ),
        (  # an export's dates, then the meeting's header framed in rules further down
            "禅道 > 迭代08 > 任务列表(导出)\n\n起止日期:2026-04-13 ~ 2026-04-24\n\n"
            "3121\t社保卡挂失\t唐磊\t已完成\n\n"
            "---- 迭代08复盘会 2026-04-27 周一 10:00 四楼小会议室 ----\n\n"
            "宋佳先过了一遍数:承诺7个需求,交付5个。\n\n"
            "后续:\n1. 唐磊找人社局要盖章版接口文档,这周四前\n",
            ("这周四前", date(2026, 4, 30)),
        ),
        (  # the title dates the review; the line under it, the day reviewed
            "周家岩茶 首场抖音直播复盘 (5.17下午 茶厂二楼)\n"
            "直播:2026.5.16 周六 20:00-23:40,3小时40分\n\n"
            "下一场要改的:\n- 宽带升500兆,老周周一去电信营业厅办\n",
            ("周一", date(2026, 5, 18)),
        ),
    ],
    ids=["period-end", "framed-meeting-header", "title-after-the-day-reviewed"],
)
def test_zh_the_review_s_own_day_over_the_period_or_event_it_reviews(
    tmp_path: Path, doc: str, due: tuple[str, date]
) -> None:
    """A log of "2026-07-06 ~ 2026-07-17" is written on the 17th; "---- 复盘会 2026-04-27 ----"
    dates what is said under it; "复盘 (5.17下午)" over "直播:2026.5.16" is the review's day."""
    assert _due(tmp_path, "notes.txt", doc) == due


@pytest.mark.parametrize(
    ("due", "want"),
    [
        ("by Weds this week", date(2026, 6, 17)),
        ("Thurs this week", date(2026, 6, 18)),
        ("this week", date(2026, 6, 19)),  # no day named: the week's Friday (guard)
    ],
)
def test_a_weekday_this_week_is_that_day_not_the_week_s_end(
    tmp_path: Path, due: str, want: date
) -> None:
    """Said on Monday 15 June, "by Weds this week" is Wednesday the 17th, not Friday."""
    doc = "# Results release review\n\nDate: 2026-06-15\n\n## Action items\n" + ACTION
    assert _due(tmp_path, "notes.md", doc.format(due=due)) == (due, want)


def test_a_weekday_cut_short_before_this_week_is_the_due(tmp_path: Path) -> None:
    """ "by Weds this week" in the middle of a line is one due, the Wednesday of that week."""
    doc = (
        "# Results released early\n\nDate: 2026-06-15\n\n## Actions\n"
        "- Priyanka to write to the 41 by Weds this week, Wellbeing to see the letters first\n"
    )
    assert _due(tmp_path, "notes.md", doc) == ("by Weds this week", date(2026, 6, 17))


@pytest.mark.parametrize(
    ("line", "due"),
    [
        (  # said aloud: the day spelt out, and the reason after it no part of the due
            "get an accountant sorted before the thirty first of January because I am not "
            "doing the tax return myself again",
            ("before the thirty first of January", date(2027, 1, 31)),
        ),
        (  # a task list's due column pasted after the task, with its year
            "@Dev Sandhu get the Hollins Farm wayleave signed or escalate to legal 27 Nov 2026",
            ("27 Nov 2026", date(2026, 11, 27)),
        ),
    ],
    ids=["spelt-out-day-then-because", "task-list-date-column"],
)
def test_a_due_spelt_out_or_pasted_from_a_due_column(
    tmp_path: Path, line: str, due: tuple[str, date]
) -> None:
    doc = f"# Phase 1 wrap-up\n\nDate: 2026-11-12\n\n## Actions\n- {line}\n"
    assert _due(tmp_path, "notes.md", doc) == due


def test_a_weekday_s_meeting_is_the_due_of_what_is_done_at_it(tmp_path: Path) -> None:
    """ "Alan to brief the programme leads at Thursday's faculty exec" is Alan's, due that
    Thursday."""
    doc = (
        "From: Helen Marsh\nSent: Monday, June 15, 2026 9:02 AM\nTo: Exams team\n"
        "Subject: Results released early\n\n"
        "Agreed on Friday's call, shout if I've got any of it wrong:\n"
        "- Alan to brief the Engineering programme leads at Thursday's faculty exec\n"
    )
    assert _due(tmp_path, "mail.txt", doc) == ("at Thursday's faculty exec", date(2026, 6, 18))
