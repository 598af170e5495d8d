"""The kind comes from the balance of evidence, the document's date from wherever it is written,
and incident durations from the ways people state them.

Every test drafts a small document of its own through the public API, offline, and reads the
fields back.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import retro_ai
from retro_ai.settings import Settings

RUN_DAY = date(2026, 11, 28)  # the day the command "runs"


def _draft(tmp_path: Path, name: str, text: str) -> retro_ai.Retrospective:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return retro_ai.draft([path], settings=Settings(), report_date=RUN_DAY)


EN_CHAT_OUTAGE = (
    "03/02/2026, 14:02 - Ines: is the shop checkout down for you too? all 503s\n"
    "03/02/2026, 14:05 - Bo: yes, the payments api is unreachable from prod\n"
    "03/02/2026, 14:20 - Bo: db connection pool exhausted, restarting the pods\n"
    "03/02/2026, 14:35 - Bo: we're back up\n"
    "03/02/2026, 14:35 - Bo: took us ~15m to notice\n"
    "03/02/2026, 14:36 - Ines: ok. back up after about 35 min in total\n"
    "03/02/2026, 14:40 - Bo: I'll add an alert on the pool size by Friday\n"
)

ZH_CHAT_OUTAGE = (
    "[2026-03-02 21:05] 小周: 官网打不开了,全是502\n"
    "[2026-03-02 21:10] 阿强: 看了下,网关挂了,在重启\n"
    "[2026-03-02 21:30] 阿强: 过了20分钟才发现,告警没配到网关\n"
    "[2026-03-02 22:15] 阿强: 一个多小时后才恢复,现在恢复正常了\n"
    "[2026-03-02 22:20] 小周: 我明天把网关告警补上\n"
)


def test_an_outage_told_as_chat_with_no_incident_word_is_an_incident_en(tmp_path: Path) -> None:
    retro = _draft(tmp_path, "chat.txt", EN_CHAT_OUTAGE)
    assert retro.meta.kind == "incident"


def test_an_outage_told_as_chat_with_no_incident_word_is_an_incident_zh(tmp_path: Path) -> None:
    retro = _draft(tmp_path, "chat.txt", ZH_CHAT_OUTAGE)
    assert retro.meta.kind == "incident"


def test_a_phone_chat_export_dates_the_document_and_its_dues(tmp_path: Path) -> None:
    # "03/02/2026, 14:02" stamps an afternoon hour on the 24-hour clock, which a US phone never
    # does ("3/2/26, 2:02 PM"): 3 February, a Tuesday; "by Friday" is then 6 February. Stamped
    # "2:02 PM", the same chat is read US-style (2 March, a Monday), and "by Friday" is 6 March.
    retro = _draft(tmp_path, "chat.txt", EN_CHAT_OUTAGE)
    [action] = [a for a in retro.action_items if "pool size" in a.action]
    assert action.owner == "Bo"
    assert action.due.date == date(2026, 2, 6)
    us = re.sub(r", 14:(\d\d)", r", 2:\1 PM", EN_CHAT_OUTAGE)
    retro = _draft(tmp_path, "chat.txt", us)
    [action] = [a for a in retro.action_items if "pool size" in a.action]
    assert (action.owner, action.due.date) == ("Bo", date(2026, 3, 6))


def test_a_day_first_numeric_date_is_read_day_first(tmp_path: Path) -> None:
    text = EN_CHAT_OUTAGE.replace("03/02/2026", "23/02/2026")  # 23 cannot be a month
    retro = _draft(tmp_path, "chat.txt", text)
    [action] = [a for a in retro.action_items if "pool size" in a.action]
    assert action.due.date == date(2026, 2, 27)  # the Friday after Monday 23 February


def test_durations_stated_in_other_words_en(tmp_path: Path) -> None:
    retro = _draft(tmp_path, "chat.txt", EN_CHAT_OUTAGE)
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "15 min"
    assert retro.incident.time_to_recover == "35 min"


def test_durations_stated_in_other_words_zh(tmp_path: Path) -> None:
    retro = _draft(tmp_path, "chat.txt", ZH_CHAT_OUTAGE)
    assert retro.incident is not None
    assert retro.incident.time_to_detect == "20分钟"
    assert retro.incident.time_to_recover == "1小时"


def test_a_sprint_retro_about_an_outage_stays_a_sprint_zh(tmp_path: Path) -> None:
    text = (
        "支付组 迭代7 回顾 (3/12 周会)\n"
        "这个迭代 velocity 28 点,比上个迭代低\n"
        "周三晚上支付回调故障,告警没响,回滚后恢复正常\n"
        "回滚脚本好用\n"
        "站会太长\n"
        "行动项:告警接电话,阿东负责,本周五前\n"
    )
    retro = _draft(tmp_path, "notes.txt", text)
    assert retro.meta.kind == "sprint"
    [action] = retro.action_items
    assert action.due.date == date(2026, 3, 13)  # "3/12" is a Thursday; 本周五 the day after


def test_a_sprint_retro_about_an_outage_stays_a_sprint_en(tmp_path: Path) -> None:
    text = (
        "Sprint 14 retro\n"
        "Velocity was 21 points, we carried 3 stories over\n"
        "Wednesday's outage ate two days: the API was down for an hour, alerts fired late\n"
        "We rolled back quickly once we knew\n"
        "Standups ran long again\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "sprint"


def test_a_relaunch_that_went_live_is_a_project_en(tmp_path: Path) -> None:
    text = (
        "Help centre relaunch retro, 2026-05-04\n"
        "We planned to go live on May 1 and went live on May 2\n"
        "Article CTR up from 12% to 15%, the marketing banner helped\n"
        "Search works much better\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "project"


def test_a_delivery_with_acceptance_is_a_project_zh(tmp_path: Path) -> None:
    text = (
        "门店收银系统替换 总结 2026-05-04\n"
        "按计划4月底交付,实际5月2日通过验收,没赶上五一活动\n"
        "活动期间转化率没受影响\n"
        "培训材料准备得早,门店上手快\n"
        "立项时范围没写清楚,后面反复改\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "project"


def test_a_phone_chat_export_gives_timeline_events_at_the_message_clock(tmp_path: Path) -> None:
    retro = _draft(tmp_path, "chat.txt", EN_CHAT_OUTAGE)
    events: dict[str, str] = {}
    for event in retro.timeline:
        events.setdefault(event.kind, event.at)
    assert events.get("detection") == "14:02"  # "is the shop checkout down for you too?"
    assert events.get("mitigation") == "14:20"  # "restarting the pods"
    assert events.get("resolution") == "14:35"  # "we're back up"


def test_a_dated_chat_log_gives_timeline_events_at_the_message_clock_zh(tmp_path: Path) -> None:
    retro = _draft(tmp_path, "chat.txt", ZH_CHAT_OUTAGE)
    events: dict[str, str] = {}
    for event in retro.timeline:
        events.setdefault(event.kind, event.at)
    assert events.get("mitigation") == "21:10"  # "在重启"
    assert events.get("resolution") == "22:15"


def test_a_latin_metric_glued_to_chinese_counts_zh(tmp_path: Path) -> None:
    # "GMV" written with no space after a Chinese character is still the campaign metric
    text = (
        "「618 直播带货」群里复盘 2026-06-20\n"
        "目标单场GMV破100万,实际做到了86万\n"
        "主播控场比上次稳\n"
        "开播前半小时直播间卡顿,很多人退出\n"
        "王磊负责换推流电脑,下周五前\n"
    )
    assert _draft(tmp_path, "chat.txt", text).meta.kind == "campaign"


def test_clock_times_in_sequence_with_impact_make_an_incident_zh(tmp_path: Path) -> None:
    # no incident word at all: a timeline of clock times, a loss and a return to normal
    text = (
        "仓库周六发货积压复盘\n"
        "情况:周六下午打包线停了两个多小时,当天漏发 120 单\n"
        "14:10 打包机卡纸,只剩一个人手工打包\n"
        "14:40 主管调了两个人过来帮忙\n"
        "15:30 厂家远程指导换了滚轮\n"
        "16:20 打包线重新跑起来,积压清完\n"
        "教训:易损件要有备件,不能只有一个人会修\n"
    )
    assert _draft(tmp_path, "notes.md", text).meta.kind == "incident"


def test_clock_times_in_sequence_with_impact_make_an_incident_en(tmp_path: Path) -> None:
    text = (
        "Saturday packing line stoppage\n"
        "What happened: the packing line stood still for two hours, 120 orders shipped late\n"
        "14:10 labeller jammed, one person packing by hand\n"
        "14:40 supervisor moved two people over to help\n"
        "15:30 vendor talked us through swapping the roller\n"
        "16:20 line running again, queue cleared\n"
        "Lesson: keep spare rollers on site\n"
    )
    assert _draft(tmp_path, "notes.md", text).meta.kind == "incident"


def test_a_plant_kpi_review_is_no_campaign_zh(tmp_path: Path) -> None:
    # KPI and 达成率 are every team's words; without channels, audiences or conversions
    # a production review is no marketing campaign
    text = (
        "三车间 5月 KPI 复盘 2026-06-03\n"
        "良率目标 98%,实际 98.4%\n"
        "产量 2万 件/周,达成率 92%\n"
        "换线时间从 40 分钟降到 25 分钟\n"
        "模具老化,停线两次\n"
        "小林月底前更新保养计划\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "project"


def test_a_plant_kpi_review_is_no_campaign_en(tmp_path: Path) -> None:
    text = (
        "Plant 3 May KPI review, 2026-06-03\n"
        "Yield target 98%, got 98.4%\n"
        "Output 20k units/week, KPI attainment 92%\n"
        "Changeover time down from 40 to 25 minutes\n"
        "Ageing moulds stopped the line twice\n"
        "Lin to update the maintenance plan by end of month\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "project"


def test_a_ticket_backlog_and_a_marketing_mention_make_no_sprint_or_campaign_en(
    tmp_path: Path,
) -> None:
    text = (
        "Support team Q2 OKR check-in, 2026-07-02\n"
        "KR1 backlog of open tickets under 100: ended at 140\n"
        "KR2 first response under 2h: 1h50m\n"
        "The backlog spiked after marketing sent the renewal mail without telling us\n"
        "Ask marketing to add support to their checklist, Ana, by July 10\n"
        "Backlog triage every Monday - Tom\n"
    )
    assert _draft(tmp_path, "notes.md", text).meta.kind == "project"


def test_conversion_and_signup_metrics_make_a_campaign_en(tmp_path: Path) -> None:
    text = (
        "Landing page relaunch retro\n"
        "We wanted trial signups up 20% and got +12%\n"
        "Paid conversion went from 2% to 2.6%\n"
        "Bounce rate stayed at 45%, the target was 40%\n"
        "The new hero copy tested well\n"
        "We launched without the mobile layout\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "campaign"


def test_a_squad_looking_back_on_its_cycle_is_a_sprint_en(tmp_path: Path) -> None:
    text = (
        "Search is flaky: retro\n"
        "Search squad, 2026-05-08\n"
        "Ana: goal for this cycle was p95 under 300ms\n"
        "Bo: we got it to 410ms\n"
        "Ana: the index rebuild was smooth\n"
        "Bo: I'll add a p99 panel by Friday\n"
    )
    assert _draft(tmp_path, "chat.txt", text).meta.kind == "sprint"


def test_a_close_call_goes_to_the_kind_the_title_names_en(tmp_path: Path) -> None:
    # nearly as many outage words as campaign words: the document says what it is
    text = (
        "Spring sale, 2026-05-04\n"
        "Notes from our campaign retro\n"
        "Open rate 31%, CTR 4.2%, promo codes used 2,100 times\n"
        "The shop was down for 40 minutes on day one, 503s at checkout\n"
        "We rolled back the theme and shipped a hotfix; alerts went to the wrong on-call rota\n"
        "It took 20 minutes to notice and the status page was late\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "campaign"


def test_a_close_call_goes_to_the_kind_the_title_names_zh(tmp_path: Path) -> None:
    text = (
        "五一 2026-05-04\n"
        "今天做活动复盘\n"
        "点击率 3.1%,转化 2.4%\n"
        "首日官网打不开 40 分钟,回滚后恢复正常\n"
        "告警发到了错误的值班群,熔断没配好,止损慢\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "campaign"


def test_a_holiday_season_or_an_evening_event_is_a_campaign(tmp_path: Path) -> None:
    zh = (
        "中秋月饼预售 群里简单复盘一下\n"
        "这次活动预售定的800盒,最后卖了920盒\n"
        "礼盒款卖得最好,散装的没人要\n"
        "下次早两周开预售\n"
    )
    en = (
        "Zoo late nights wrap-up\n"
        "We hoped for 1,500 a night and averaged 1,320, the radio promo helped\n"
        "The lantern festival trail was the hit of the summer\n"
        "Food queues ran to 40 minutes on the first two nights\n"
    )
    assert _draft(tmp_path, "zh.txt", zh).meta.kind == "campaign"
    assert _draft(tmp_path, "en.txt", en).meta.kind == "campaign"


def test_a_radio_pledge_drive_is_a_campaign_en(tmp_path: Path) -> None:
    text = (
        "Subject: spring drive wrap\n\nHi both, first pass at the spring pledge week.\n"
        "We set $185,000 as the on-air goal and closed the week at $171,400.\n"
        "New sustainers: target was 400, we got 455.\n"
        "Phone bank, we wanted 60 volunteer shifts filled and only got 44.\n"
    )
    assert _draft(tmp_path, "mail.txt", text).meta.kind == "campaign"


def test_a_gym_camp_is_a_campaign_zh(tmp_path: Path) -> None:
    text = (
        "暑期复盘\n\n这期减脂营一共招了72人,目标是80人。\n结营体测平均减了3.2公斤。\n"
        "续卡率我们说要做到四成,结营活动也给了折扣,现在是31%。\n中间我请了一周假,代课教练没排好。\n"
    )
    assert _draft(tmp_path, "notes.txt", text).meta.kind == "campaign"
