"""Action items in the shapes people write them: owner and due text through the public API."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from retro_ai import draft
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings


def _draft(tmp_path: Path, name: str, text: str) -> Retrospective:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return draft([path], settings=Settings(), report_date=date(2026, 11, 28))


def _actions(tmp_path: Path, name: str, text: str) -> list[tuple[str | None, str | None, str]]:
    retro = _draft(tmp_path, name, text)
    return [
        (a.owner, (a.due.text or None) if a.due else None, a.action) for a in retro.action_items
    ]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- Mira: rotate the signing keys, next Tue", "Mira", "next Tue"),
        ("- Omar — write the upgrade guide, by 12 Aug", "Omar", "by 12 Aug"),
        ("- felix -> tidy the alert routes", "felix", None),
        ("- Ines to archive the old dashboards by next Friday", "Ines", "by next Friday"),
        ("- @dana benchmark the new cache, this week", "dana", "this week"),
        ("- 给网关加熔断 @小宁 下周内", "小宁", "下周内"),
        ("- 压测脚本补上超时用例,由测试组的小韩负责,下周四前", "小韩", "下周四前"),
        ("- 接口文档统一老范牵头,月底前拿出初稿", "老范", "月底前"),
        ("- 停车的事周建下周找商场物业", "周建", "下周"),
        ("- 学生卡方案晓彤牵头重新做一版,下周一给我看", "晓彤", "下周一"),
    ],
)
def test_owner_and_due_in_an_action_list(
    tmp_path: Path, line: str, owner: str, due: str | None
) -> None:
    zh = any("\u4e00" <= c <= "\u9fff" for c in line)
    head = "## 行动项\n" if zh else "## Actions\n"
    found = _actions(tmp_path, "notes.md", f"# Retro\n\n{head}{line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


def test_several_actions_in_one_prose_line(tmp_path: Path) -> None:
    text = (
        "Team sync notes.\n\nThe deploy went fine.\n\n"
        "Action items: Ivo to patch the exporter by Friday. Lina will rerun the soak test.\n"
    )
    found = _actions(tmp_path, "notes.txt", text)
    assert [(o, d) for o, d, _a in found] == [("Ivo", "Friday"), ("Lina", None)]


def test_zh_actions_separated_by_semicolons(tmp_path: Path) -> None:
    text = "周会记录\n\n整改:灰度开关加审批由平台组小蒋负责;回放工具由阿吉继续跟进。\n"
    found = _actions(tmp_path, "notes.txt", text)
    assert [o for o, _d, _a in found] == ["小蒋", "阿吉"]


def test_chat_request_and_first_person_commitments(tmp_path: Path) -> None:
    text = (
        "[10:01] ana: the build broke twice this week\n"
        "[10:02] ana: bo, can you pin the compiler version?\n"
        "[10:02] bo: sure\n"
        "[10:03] cy: I'll write the rollback notes\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert [o for o, _d, _a in found] == ["bo", "cy"]


def test_zh_chat_first_person(tmp_path: Path) -> None:
    text = (
        "[10:01] 阿梅: 这次发布又延期了\n"
        "[10:02] 小北: 测试环境也一直不稳定\n"
        "[10:03] 阿梅: 先这样吧\n"
        "[10:04] 老周: 我来把发布清单整理一下\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert [o for o, _d, _a in found] == ["老周"]


def test_zh_chat_topic_first_then_i_myself_will(tmp_path: Path) -> None:
    text = (
        "[20:51] 芳姐: 直播间灯光太暗,观众老说看不清颜色\n"
        "[20:52] 阿杰: 嗯,回放里也是\n"
        "[20:53] 小鹿: 灯我自己来调,换个暖一点的色温\n"
        "[20:54] 芳姐: 好\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert [o for o, _d, _a in found] == ["小鹿"]


def test_a_name_alone_is_no_action(tmp_path: Path) -> None:
    found = _actions(
        tmp_path, "notes.md", "# Retro\n\n## Actions\n- Greta: move the job off the hot path\n"
    )
    assert all(a != "Greta" for _o, _d, a in found) and found[0][0] == "Greta"


def test_request_answered_with_a_due_in_a_transcript(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Rui>The nightly job filled the disk again.\n\n"
        "00:00:05.000 --> 00:00:09.000\n<v Rui>Lena, could you own the retry test?\n\n"
        "00:00:10.000 --> 00:00:12.000\n<v Lena>sure, by May 2.\n\n"
        "00:00:13.000 --> 00:00:16.000\n<v Rui>Alright, Joe takes the DNS cleanup next sprint.\n"
    )
    found = _actions(tmp_path, "call.vtt", text)
    assert [(o, d) for o, d, _a in found] == [("Lena", "by May 2"), ("Joe", "next sprint")]


def test_zh_prose_actions_with_lead_time_and_name(tmp_path: Path) -> None:
    text = (
        "项目周报\n\n上线基本顺利。\n\n接下来:\n"
        "1. 小王下周一前把压测报告补上\n2. 老马会在月底前整理运维手册\n"
    )
    found = _actions(tmp_path, "notes.txt", text)
    assert [o for o, _d, _a in found] == ["小王", "老马"]
    assert found[1][1] == "月底前"


def test_bullets_under_an_action_line_that_is_no_heading(tmp_path: Path) -> None:
    text = (
        "# Retro\n\n## Problems\n- the release slipped a week\n\n【Action】\n"
        "- @kim add a release checklist\n- Ade -> fix the flaky smoke test, by Friday\n"
    )
    found = _actions(tmp_path, "notes.md", text)
    assert [(o, d) for o, d, _a in found] == [("kim", None), ("Ade", "Friday")]


def test_volunteer_in_parentheses_owns_an_unowned_action(tmp_path: Path) -> None:
    text = "# Retro\n\n## Actions\n- someone to renew the TLS cert (Pia said she'd do it)\n"
    assert [o for o, _d, _a in _actions(tmp_path, "notes.md", text)] == ["Pia"]


def test_prose_commitment_is_an_action_and_a_name_or_date_alone_is_not(tmp_path: Path) -> None:
    text = (
        "Weekly notes\n\nThe team shipped the import tool.\n\nMia: on leave next week\n\n"
        "Mia will rotate the staging keys by Friday.\n"
    )
    found = _actions(tmp_path, "notes.txt", text)
    assert [o for o, _d, _a in found] == ["Mia"]
    assert found[0][2] == "rotate the staging keys"


def test_topic_words_and_deeds_are_no_owners(tmp_path: Path) -> None:
    text = (
        "# Retro\n\n## Actions\n- Switched to pnpm for installs\n"
        "- Monitoring: add an alert on queue depth\n- Greta: add a load test\n"
    )
    found = _actions(tmp_path, "notes.md", text)
    assert [o for o, _d, _a in found] == [None, None, "Greta"]


def test_future_tense_about_things_is_no_commitment(tmp_path: Path) -> None:
    text = (
        "Incident notes\n\nCustomers will see slower pages until the cache warms.\n\n"
        "Tests will fail on the old runner.\n\nMira will pin the runner image.\n"
    )
    assert [o for o, _d, _a in _actions(tmp_path, "notes.txt", text)] == ["Mira"]


@pytest.mark.parametrize(
    ("line", "owner", "due", "action"),
    [
        ("- [ ] Rotate the VPN certs — NET, EOW", "NET", "EOW", "Rotate the VPN certs"),
        ("- Refresh the seed data, Nadia, ASAP", "Nadia", "ASAP", "Refresh the seed data"),
        ("- [ ] Book the load-test window [Pavel]", "Pavel", None, "Book the load-test window"),
        ("- AI: Lucia to draft the rollback runbook", "Lucia", None, "draft the rollback runbook"),
        ("- TODO(kenji): prune stale feature flags by Q3", "kenji", "Q3", "prune stale"),
        ("- Action item - archive old tickets, Ravi, EOD", "Ravi", "EOD", "archive old tickets"),
        ("- The vendor audit will be handled by the security team", "security team", None, "audit"),
        ("- 灰度方案再评审一次,责任人老孟,双周会前", "老孟", "双周会前", "灰度方案"),
        ("- 监控告警分级 跟进人 冬冬,本周内", "冬冬", "本周内", "监控告警分级"),
    ],
)
def test_tags_trailing_owners_and_passive_owners(
    tmp_path: Path, line: str, owner: str, due: str | None, action: str
) -> None:
    zh = any("\u4e00" <= c <= "\u9fff" for c in line)
    head = "复盘 2026-09-02\n## 行动项\n" if zh else "Retro 2026-09-02\n## Actions\n"
    got = _actions(tmp_path, "notes.md", head + line + "\n")
    assert len(got) == 1, got
    assert got[0][0] == owner and got[0][1] == due and action in got[0][2], got


def test_who_asks_and_who_answers_in_english_chat(tmp_path: Path) -> None:
    text = (
        "Retro thread 2026-10-13\n"
        "[10:01] Ana: staging broke twice this sprint\n"
        "[10:02] Ana: ok actions. who can patch the backup job?\n"
        "[10:03] Ben: me, I'll do it tomorrow\n"
        "[10:04] Ana: Cleo can you update the wiki, and also ping the DBAs about quotas?\n"
        "[10:05] Cleo: yep both, next week\n"
    )
    got = _actions(tmp_path, "chat.txt", text)
    assert ("Ben", "tomorrow", "patch the backup job") in got, got
    assert ("Cleo", "next week", "update the wiki") in got, got
    assert ("Cleo", "next week", "ping the DBAs about quotas") in got, got
    assert not any(a.startswith("me,") for _o, _d, a in got), got


def test_who_asks_and_who_answers_in_chinese_chat(tmp_path: Path) -> None:
    text = (
        "项目群复盘 2026/10/9\n"
        "小林: 这次活动券被刷了好多\n"
        "小林: 后面的事:谁来把领券的限制补上?\n"
        "阿May: 我来,下周三前搞定\n"
        "阿May: 还有个待办:把接龙模板整理成SOP,我顺手做了吧\n"
    )
    got = _actions(tmp_path, "chat.txt", text)
    assert ("阿May", "下周三前搞定", "把领券的限制补上") in got, got
    assert any(o == "阿May" and "接龙模板" in a for o, _d, a in got), got
    assert not any(a.startswith("我来") for _o, _d, a in got), got


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- 告警规则补上磁盘水位:阿泽,6/20前", "阿泽", "6/20前"),
        ("- Rotate the on-call calendar: Nora, next week", "Nora", "next week"),
    ],
)
def test_owner_and_due_after_an_action_label(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    zh = any("\u4e00" <= c <= "\u9fff" for c in line)
    head = "## 行动项\n" if zh else "## Actions\n"
    got = _actions(tmp_path, "notes.md", f"# Retro\n\n{head}{line}\n")
    assert [(o, d) for o, d, _a in got] == [(owner, due)], got


def test_a_passive_agent_keeps_its_due_apart(tmp_path: Path) -> None:
    text = "Retro 2026-10-13\n[10:01] Rhea: the log cleanup will be picked up by data team in Q1\n"
    got = _actions(tmp_path, "chat.txt", text)
    assert [(o, d) for o, d, _a in got] == [("data team", "in Q1")], got


def test_a_team_as_the_subject_of_a_deed_in_chat(tmp_path: Path) -> None:
    text = (
        "活动复盘群 2026/10/9\n"
        "小林: 转化低的问题,运营组出个召回方案, 11月中给\n"
        "小林: 合同模板要补免责条款——这个法务那边跟进\n"
        "小林: 运营组补上了FAQ,效果不错\n"
    )
    got = _actions(tmp_path, "chat.txt", text)
    assert [(o, d) for o, d, _a in got] == [("运营组", "11月中"), ("法务", None)], got


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- [ ] upgrade comms: announce in #eng-announce 1 wk ahead (Joao)", "Joao", None),
        ("- [ ] rehearsal env: needs budget, Lena to raise w/ infra leads", "Lena", None),
        (
            "- [ ] Mei + Joao: PAUSE/RECONNECT steps into runbook + template, EOW",
            "Mei + Joao",
            "EOW",
        ),
        ("- escalation path for customer reports, Jo will draft it next week", "Jo", "next week"),
        ("- CR超24h没人看自动@组长,老王负责,下个迭代内搞定", "老王", "下个迭代内搞定"),
        ("- 插需求走变更流程,Mia 6月底前跟运营那边对齐", "Mia", "6月底前"),
        ("- 金额字段排查一遍BigDecimal用法 -- Alex / 小谭, 下个迭代", "Alex / 小谭", "下个迭代"),
        ("- Alex会在月底前把对账job的runbook写完", "Alex", "月底前"),
        ("- 小程序安卓端加载慢, Kevin说技术那边7月10号之前排查完", "Kevin", "7月10号之前"),
        ("- staging造数: 刘洋去和数据组聊, 看能不能拿到脱敏数据", "刘洋", None),
        ("- 全网比价表由阿May负责", "阿May", None),
    ],
)
def test_owner_named_after_the_topic(
    tmp_path: Path, line: str, owner: str, due: str | None
) -> None:
    """The name comes after what is to be done: in brackets, a later clause or a dash tail."""
    found = _actions(tmp_path, "notes.md", f"# Retro 2026-11-20\n\n## Action items\n{line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


def test_zh_plan_sentences_with_a_due_name_their_owners(tmp_path: Path) -> None:
    text = (
        "618 复盘会纪要 2026-06-25\n\n"
        "会上定了几件事。王磊和赵一鸣一起重做备货预测模型，月底前出第一版。"
        "按天分配投放预算的规则请Kevin出一版方案，下周五前发到群里。\n"
    )
    found = _actions(tmp_path, "minutes.txt", text)
    assert ("王磊 / 赵一鸣", "月底前") in [(o, d) for o, d, _a in found]
    assert ("Kevin", "下周五前") in [(o, d) for o, d, _a in found]


def test_a_plan_heading_with_da_suan_lists_actions(tmp_path: Path) -> None:
    text = (
        "半年复盘\n\n这半年过得有点乱。\n\n下半年打算这么干:\n"
        "1. 下周约老板聊一次,把需求排优先级的规则定下来。\n"
        "2. 睡前手机放客厅,9月底前读完两本书。\n"
    )
    actions = [a for _o, _d, a in _actions(tmp_path, "me.txt", text)]
    assert any("约老板聊一次" in a for a in actions)
    assert any("睡前手机放客厅" in a for a in actions)


def test_chat_time_with_am_pm_keeps_the_speaker_apart(tmp_path: Path) -> None:
    text = (
        "[3/26/2026 10:27 AM] Nadia Okafor: ok, last thing, webhook signing\n"
        "[3/26/2026 10:28 AM] Jamal Reyes: I'll carry webhook signing over and finish it\n"
        "[3/26/2026 10:29 AM] Nadia Okafor: thanks\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert [o for o, _d, _a in found] == ["Jamal Reyes"]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- Marcus (HR systems) to add bank + agency staff to the nightly feed", "Marcus"),
        ("- Anjali builds an ICU test pattern set in UAT", "Anjali"),
        ("- Zach + Lin set up an EU-hours comment rota", "Zach + Lin"),
        ("- photo upload goes to the top of s43, Mei owns it", "Mei"),
        ("- 阿杰:新号提前养号,分流到12个号", "阿杰"),
    ],
)
def test_owner_as_the_subject_of_a_plan(tmp_path: Path, line: str, owner: str) -> None:
    found = _actions(tmp_path, "notes.md", f"# Retro\n\n## Action items\n{line}\n")
    assert [o for o, _d, _a in found] == [owner]
    assert found[0][2].split()[0] not in ("an", "bank")  # the deed keeps its verb


def test_first_person_plans_in_minutes_are_the_writers(tmp_path: Path) -> None:
    text = (
        "工厂ERP上线项目复盘会 纪要\n时间:2026年3月27日  记录:项目经理 周明\n\n"
        "后续安排:\nMES接口改成实时推送,由小赵负责,4月15日前测完。\n"
        "二期的报价,我下周去跟顾问公司谈。\n"
    )
    assert [o for o, _d, _a in _actions(tmp_path, "minutes.txt", text)] == ["小赵", "周明"]


def test_a_personal_reviews_plans_are_its_writers(tmp_path: Path) -> None:
    text = (
        "# Q3 复盘 — 阿飞\n\n写给自己,也发给 leader 看一下。我这季度主要做结算对账。\n\n"
        "## 下季度打算\n- 每周三晚上固定练口语\n- 10/20 前考完 SAP\n"
    )
    assert {o for o, _d, _a in _actions(tmp_path, "me.md", text)} == {"阿飞"}


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- 样品寄送提前到开播前10天, 由仓储王姐负责", "王姐", None),
        ("- 设计外包找两家备选(阿珍,两周内)", "阿珍", "两周内"),
        ("- 场地清单由总务处刘老师牵头建一份,期中考试前", "刘老师", "期中考试前"),
        ("- 大刘起草《上游变更通知流程》", "大刘", None),
        ("- [ ] @ravi: extension upgrade path for the analytics clusters (before Q end)", "ravi",
         "before Q end"),
    ],
)  # fmt: skip
def test_chinese_titles_and_bracketed_dues(tmp_path: Path, line, owner, due) -> None:
    found = _actions(tmp_path, "notes.md", f"# 复盘\n\n## 行动项\n{line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]
    assert "(" not in found[0][2] and "（" not in found[0][2]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("1. Joel -- roll back the form plugin, by this Friday.", "Joel", "by this Friday"),
        ("2. Amara -- cut two more short videos, before the 19th.", "Amara", "before the 19th"),
        ("5. IE这边小宋继续盯产能,争取5月8日前到1200台/天", "小宋", "5月8日前"),
    ],
)
def test_a_double_hyphen_after_a_name_and_a_verb_before_a_date(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    """ "Joel -- do X" hands X to Joel; "争取5月8日前" is a verb before a date, not a person."""
    head = "## 行动项\n" if "\u4e00" <= line[-1] <= "\u9fff" else "## Next steps\n"
    found = _actions(tmp_path, "notes.md", "# Retro, 2025-12-08\n\n" + head + line + "\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


@pytest.mark.parametrize(
    ("head", "writer"),
    [
        ("夏季活动复盘 (店长老陈自己记的, 比较乱, 凑合看)\n", "老陈"),
        ("# 桌游社秋季招新复盘\n> 9.20 晚 理事会开完会我(社长Momo)顺手整理的\n", "Momo"),
        ("大家好,我是小周,今年的店务复盘我先说几句。\n", "小周"),
        ("# 夜宵补贴复盘\n\n创建者:周沁 | 最近编辑:2026-07-23 16:40\n", "周沁"),
    ],
)
def test_a_writer_named_in_passing_owns_the_first_person_plans(
    tmp_path: Path, head: str, writer: str
) -> None:
    text = head + "\n## 后续\n- 外卖满减规则这周末我自己重新设\n- 物资补货我来,周二前下单\n"
    found = _actions(tmp_path, "notes.txt", text)
    assert [o for o, _d, _a in found] == [writer, writer]
    assert [d for _o, d, _a in found] == ["这周末", "周二前"]


def test_a_group_chat_hands_out_work_by_mention_and_by_i_with_a_date(tmp_path: Path) -> None:
    """ "@IT小马 周一前…", "…我下周三前写出来", "差评我今晚就回复,我来": actions, owned by the
    person, not by the desk their chat name carries ("前台Vivian" is Vivian)."""
    chat = (
        '群聊"前厅部"的聊天记录\n—————  2026-08-01  —————\n'
        "[15:12] 前台Vivian: 有人在吗 2208的客人到店了\n"
        "[16:30] 值班经理Eric: @IT小马 周一前把回传接口加个失败告警\n"
        "[16:31] IT小马: 好的\n"
        "[16:32] 前台Vivian: 超售应急流程我下周三前写出来\n"
        "[16:33] 值班经理Eric: 携程那条差评我今晚就回复,我来\n"
    )
    found = _actions(tmp_path, "chat.txt", chat)
    assert [(o, d) for o, d, _a in found] == [
        ("小马", "周一前"),
        ("Vivian", "下周三前"),
        ("Eric", "今晚"),
    ]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("前台Vivian", "Vivian"),
        ("值班经理Eric", "Eric"),
        ("收费处王姐", "王姐"),
        ("刘工(分行科技部)", "刘工"),
        ("周晓岚", "周晓岚"),
        ("大刘", "大刘"),
        ("Aisha Rahman", "Aisha Rahman"),
        ("李科", "李科"),
    ],
)
def test_a_chat_name_is_the_person_without_their_desk(
    tmp_path: Path, name: str, person: str
) -> None:
    chat = (
        "群聊记录 2026-08-01\n[16:30] 值班经理Eric: 报表谁来补?\n"
        f"[16:31] {name}: 我来,明天把报表补上\n[16:32] 值班经理Eric: 好\n"
    )
    found = _actions(tmp_path, "chat.txt", chat)
    assert [o for o, _d, _a in found] == [person]


@pytest.mark.parametrize(
    ("line", "owner", "action"),
    [
        ("- Passport name change form, Hannah by the 24th", "Hannah", "Passport name change form"),
        ("- Return the suit hire - Olu, THIS FRIDAY or we lose it", "Olu", "Return the suit hire"),
        ("- 合同归档, 小周", "小周", "合同归档"),
        ("- Tidy the shared drive, Monday", None, "Tidy the shared drive"),
        ("- 加磁盘告警, 很重要", None, "加磁盘告警"),
    ],
)
def test_a_name_at_the_end_or_after_a_dash_owns_the_item(
    tmp_path: Path, line: str, owner: str | None, action: str
) -> None:
    found = _actions(
        tmp_path, "notes.md", "# Wedding, 2026-07-12\n\n## Still to do\n" + line + "\n"
    )
    assert len(found) == 1 and found[0][0] == owner
    assert found[0][2].startswith(action)


def test_a_due_given_after_the_ask_or_by_the_one_who_answers(tmp_path: Path) -> None:
    """ "Rosa, could you …? by the 9th?" keeps the due that follows the question; "can we X? Ken
    can you own that?" hands X to Ken, and Ken's "yep, … by end of next week" dates it, though
    his chat name is "Ken Ito"; a reply under a doc's card ("[Ines: sure, Thursday]") too."""
    chat = (
        "[4/2/2026 9:01 AM] Mara Lind: can we get the pager rota into the shared calendar?"
        " Ken can you own that?\n"
        "[4/2/2026 9:02 AM] Ken Ito: yep, will have it in there by end of next week\n"
        "[4/2/2026 9:05 AM] Mara Lind: Rosa, could you write up the call notes? by the 9th?\n"
        "[4/2/2026 9:06 AM] Rosa Diaz: sure\n"
    )
    found = _actions(tmp_path, "chat.txt", chat)
    assert [(o, d) for o, d, _a in found] == [
        ("Ken", "by end of next week"),
        ("Rosa", "by the 9th"),
    ]
    assert "pager rota" in found[0][2]
    doc = (
        "# Fair day wrap-up, 2026-07-12\n\n## Still to do\n"
        "- [ ] @Ines can you return the borrowed gazebo to the scouts?\n"
        "  - [Ines: sure, Thursday]\n"
    )
    assert [(o, d) for o, d, _a in _actions(tmp_path, "fair.md", doc)] == [("Ines", "Thursday")]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        # a clear date after "by" wins over a weekday said in passing after it
        (
            "I'll get the two contracts signed by the 20th, I've got calls booked Tuesday",
            None,
            "by the 20th",
        ),
        (
            "Tomas has kindly agreed to ring the caterer about the refund by Friday and copy me in",
            "Tomas",
            "by Friday",
        ),
        ("Priya offered to redo the seating plan before Monday", "Priya", "Monday"),
        ("Jun said she'd book the hall for the spring fair", "Jun", None),
        ("OK and Bea owns the supplier list from now on", "Bea", None),
        (
            "@sam the flaky upload test is yours, before the 2.0 freeze 🙏",
            "sam",
            "before the 2.0 freeze",
        ),
    ],
)
def test_who_agreed_or_offered_and_a_due_that_runs_on(
    tmp_path: Path, line: str, owner: str | None, due: str
) -> None:
    found = _actions(tmp_path, "notes.md", f"# Retro\n\n## Actions\n- {line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


def test_a_title_or_an_initial_ends_no_action(tmp_path: Path) -> None:
    """ "Prof. Okafor" and "Sam K." end no sentence, so each line is one action with its owner."""
    text = (
        "# Term review\n\n## Next steps\n"
        "- Send Prof. Okafor the revised chapter by end of next week\n"
        "- [ ] thank-you card to Sam K. (Lou, sending today)\n"
    )
    found = _actions(tmp_path, "notes.md", text)
    assert [(o, d) for o, d, _a in found] == [(None, "end of next week"), ("Lou", "today")]
    assert found[0][2].startswith("Send Prof. Okafor")


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("- 十月的排班表我月中前发给大家", "月中前"),
        ("- 下学期报名截止前把课表定下来", "下学期报名截止前"),
        ("- 遗留的6个问题,下个迭代结束前清掉", "下个迭代结束前"),
    ],
)
def test_zh_dues_that_name_the_middle_of_a_month_or_an_event_to_come(
    tmp_path: Path, line: str, due: str
) -> None:
    found = _actions(tmp_path, "notes.md", f"# 复盘\n\n## 下一步\n{line}\n")
    assert [d for _o, d, _a in found] == [due]


def test_a_long_chat_message_copied_out_is_its_writers(tmp_path: Path) -> None:
    """A single WeChat message copied out ("周敏:" over its text): its 我 is 周敏, while a list
    heading that ends in a colon ("接下来:") names no one."""
    text = (
        "2026年3月2日 21:10\n周敏:\n王总, 春季招生收尾了, 简单跟你过一下\n\n"
        "报名人数定的是300, 最后来了268\n\n接下来:\n"
        "培训手册我月底前整理成文档, 放到共享盘\n"
        "下周一我约财务的李姐把退费流程对一下\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert [(o, d) for o, d, _a in found] == [("周敏", "月底前"), ("周敏", "下周一")]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- 交换机那边我周一一早再报修一次", None, "周一"),
        ("- 10/20 前考完 PMP", None, "10/20 前"),
        ("- 每周一例会过一遍进度", None, None),  # a weekly habit has no due
        ("- 老王那边赞助续约, 大刘去谈 (他跟老王熟)", "大刘", None),
    ],
)
def test_zh_bare_weekdays_spaced_dates_and_the_other_side(
    tmp_path: Path, line: str, owner: str | None, due: str | None
) -> None:
    found = _actions(tmp_path, "notes.md", f"# 复盘\n\n## 下一步\n{line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- 破损的3单已经补发了, 快递的理赔小周去跟, 本周五前", "小周", "本周五前"),
        ("- 没收到券的那几位, 阿芳周日前挨个打电话道歉", "阿芳", "周日前"),
        ("- 上架排期表我来排,周一发群里 —— 小鱼", "小鱼", "周一"),
        ("- @老K 3.1版本前把登录服压测做一遍", "老K", "3.1版本前"),
        ("- 题库剩下的部分整理出来, 寒假里弄完", None, "寒假里"),
    ],
)
def test_zh_a_name_inside_the_clause_a_dash_signature_and_event_dues(
    tmp_path: Path, line: str, owner: str | None, due: str
) -> None:
    found = _actions(tmp_path, "notes.md", f"# 复盘 2026-09-29\n\n## 下一步\n{line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


def test_a_date_said_on_the_day_or_at_the_end_of_the_item(tmp_path: Path) -> None:
    """ "… to the board on the 26th"; "… Worth a try, by the 12th." dates the item it ends."""
    text = (
        "# Gala retro 2026-06-05\n\n## Actions\n"
        "- Ravi has agreed to take the overspend to the board on the 26th.\n"
        "- Chase the caterer about the refund since they admitted the mix-up. Worth a try, "
        "by the 12th.\n"
    )
    found = _actions(tmp_path, "notes.md", text)
    assert [(o, d) for o, d, _a in found] == [("Ravi", "on the 26th"), (None, "by the 12th")]


def test_a_turn_that_praises_and_commits_gives_both(tmp_path: Path) -> None:
    """A speaker's turn read as a finding may still hand out work: the praise is a highlight
    and "I'll …" in the same turn is the speaker's action."""
    chat = (
        "[6/2/2026 9:00 AM] Omar Haddad: ok retro time for the opening weekend\n"
        "[6/2/2026 9:01 AM] Lea Moss: the good part: the lift queue moved way faster with two "
        "scanners. I'll write the two-scanner setup into the opening checklist by Friday.\n"
        "[6/2/2026 9:02 AM] Omar Haddad: nice\n"
        "[6/2/2026 9:03 AM] Lea Moss: thx\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    assert any("lift queue moved way faster" in h.title for h in retro.highlights)
    assert [(a.owner, a.due.text) for a in retro.action_items] == [("Lea Moss", "Friday")]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        (
            "- Priti has said she'll write up the gate rota for the branches by the 3rd",
            "Priti",
            "by the 3rd",
        ),
        (
            "- Tom will draft a sliding-scale fee table, ready before applications open.",
            "Tom",
            "before applications open",
        ),
        (
            "- Dolores will phone the cheese people in the next couple of weeks",
            "Dolores",
            "in the next couple of weeks",
        ),
        (
            "- Dolores offered to phone Walt in the next couple of weeks to see if he'd come back",
            "Dolores",
            "in the next couple of weeks",
        ),
    ],
)
def test_who_said_she_will_and_a_due_named_by_an_event(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    found = _actions(tmp_path, "notes.md", f"# Market review 2026-10-02\n\n## Next steps\n{line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- 抢救药品改为每班交接盘点, 本周五夜班起执行, 药房组长陈凯负责.", "陈凯", "本周五"),
        ("- 直播交给小孙,他比我会弄,下个季度开始改成每周六一场", "小孙", "下个季度开始"),
        ('- 版面组Jason会在下次大选前整理一份"分段写作"的流程', "Jason", "下次大选前"),
        ("- 阿杰:下个月初前和CDN供应商把缓存规则改好", "阿杰", "下个月初前"),
    ],
)
def test_zh_a_title_before_the_name_a_handover_and_dues_named_by_what_comes(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    found = _actions(tmp_path, "notes.md", f"# 复盘 2026-08-17\n\n## 下一步\n{line}\n")
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


def test_zh_handed_over_in_the_past_is_no_action(tmp_path: Path) -> None:
    text = "# 复盘 2026-08-17\n\n之前直播交给小孙,结果他那周请假了,停了两场。\n"
    assert _actions(tmp_path, "notes.md", text) == []


def test_early_next_month_stays_as_written(tmp_path: Path) -> None:
    text = "# 复盘 2026-08-17\n\n## 下一步\n- 阿杰:下个月初前把缓存规则改好\n"
    retro = _draft(tmp_path, "notes.md", text)
    assert [(a.due.text, a.due.date) for a in retro.action_items] == [("下个月初前", None)]


def test_a_mention_with_a_role_and_i_lead_in_a_feishu_export(tmp_path: Path) -> None:
    """A Feishu copy puts "孙建国(运营部) 19:58" over each message: the turns are his, "我来牵头"
    is his, and "@小林(护士)" names 小林, not her role."""
    chat = (
        "飞书群聊「封闭改造-复盘」消息记录\n\n—— 2026年4月20日 周一 ——\n\n"
        "孙建国(运营部) 19:30\n各位辛苦了,今晚群里先过一遍\n\n"
        "刘倩 19:35\n接驳车第一周平均间隔7-8分钟,没做到5分钟\n\n"
        "孙建国(运营部) 19:58\n同意。那就这么分:\n"
        "@小林(护士) 本周五前把客流数据对一遍,出个报告\n"
        "通知模板的事我来牵头,周三开会定个初稿\n\n"
        "刘倩 20:10\n好,我汇总完明早发群里\n"
    )
    found = _actions(tmp_path, "chat.txt", chat)
    owners = {a[:6]: o for o, _d, a in found}
    assert owners["本周五前把客"] == "小林"
    assert owners["通知模板的事"] == "孙建国"


def test_zh_i_will_tell_you_is_no_task(tmp_path: Path) -> None:
    """ "恢复推迟那一天我来说" tells the meeting what happened; "我来牵头" takes a task."""
    text = (
        "张伟(信号) 19:38\n恢复推迟那一天我来说,4/16晚上最后一轮联调道岔报失表。\n\n"
        "赵磊(站务) 19:41\n第一天滨湖站排队排到了马路上\n\n"
        "孙建国(运营部) 19:58\n通知模板的事我来牵头,周三开会定个初稿。\n\n"
        "刘倩 20:10\n好的\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert [(o, a[:6]) for o, _d, a in found] == [("孙建国", "通知模板的事")]


def test_told_by_name_and_dues_said_by_weekday_and_day(tmp_path: Path) -> None:
    """ "Priya, you said you'd take …" and "Dave, … please." hand the item to the one
    addressed; "by Mon 23rd" is the 23rd, "before lunch" the day itself, "this weekend" its
    Sunday, said mid-sentence."""
    text = (
        "Feb timetable change retro\nDate: Tue, 10 Mar 2026 08:47\n\nActions\n"
        "Priya, you said you'd take the fix for the 14's morning run - can we have the "
        "revised pair in by Mon 23rd?\n"
        "Dave, the Saturday posters at Market Square need replacing this week please.\n"
        "Tom: get a correction on the county FB page before lunch re: Sunday sites\n"
        "Nadia: redo the contract this weekend so suppliers only take changes in writing\n"
    )
    retro = _draft(tmp_path, "notes.txt", text)
    assert [(a.owner, a.due.date) for a in retro.action_items] == [
        ("Priya", date(2026, 3, 23)),
        ("Dave", date(2026, 3, 13)),
        ("Tom", date(2026, 3, 10)),
        ("Nadia", date(2026, 3, 15)),
    ]


def test_zh_a_checklist_name_the_speaker_after_a_due_and_a_term_to_come(tmp_path: Path) -> None:
    """ "蒋雯: 做个…小问卷" is 蒋雯's, not "小问"'s; in talk "问卷下周三前我汇总出来" is the
    speaker's; "下学期开学前" keeps its term."""
    text = (
        "# 夜班调整复盘 2026-05-13\n\n## 行动项\n"
        "- [ ] 蒋雯: 做个睡眠情况小问卷, 两周内收回来\n"
        "- [ ] 跑道画线由总务处老赵负责,下学期开学前弄好\n"
    )
    found = _actions(tmp_path, "notes.md", text)
    assert [(o, d) for o, d, _a in found] == [("蒋雯", "两周内"), ("老赵", "下学期开学前")]
    srt = (
        "1\n00:00:00,000 --> 00:00:09,500\n"
        "周主任: 好,录音开了。今天5月13号周三,咱们把上周五的运动会复一下盘。\n\n"
        "2\n00:00:10,000 --> 00:00:21,000\n"
        "王老师: 参与率97.6%,比去年高了三个点。\n\n"
        "3\n00:00:21,500 --> 00:00:36,000\n"
        "张老师: 配送公司那边我月底前去谈。问卷下周三前我汇总出来。\n"
    )
    retro = _draft(tmp_path, "review.srt", srt)
    assert [(a.owner, a.due.date) for a in retro.action_items] == [
        ("张老师", date(2026, 5, 31)),
        ("张老师", date(2026, 5, 20)),
    ]


def test_a_board_and_notes_under_a_chat_hand_out_work_by_name(tmp_path: Path) -> None:
    """Under "=== WHO / WHEN ===" and in notes typed below a Teams chat, "Claire + Marta: …",
    "Dev - …" and "- Marisol: 2 more … for next Sat (10/31)" are their owners' items."""
    board = (
        "HOUSEKEEPING SEASON RETRO 2026-10-05\n\n=== NEXT SEASON WE... ===\n"
        "- count pars off the rooms we HAVE not last year\n\n=== WHO / WHEN ===\n"
        "Dev - get quotes from 2 other laundries by end of Oct\n"
        "Claire + Marta: redo shift patterns for next year's seasonals, before we advertise\n"
    )
    found = _actions(tmp_path, "board.txt", board)
    assert [o for o, _d, _a in found] == ["Dev", "Claire + Marta"]
    chat = (
        "[10/26/2026 9:31 AM] Dana Whitfield: Kevin, could you get the carrier to lift the cap?\n"
        "[10/26/2026 9:31 AM] Kevin Osei: yep on it\n"
        "[10/26/2026 9:35 AM] Dana Whitfield: thanks all. notes below.\n\n"
        "Notes (Dana, 10/26)\n"
        "- Marisol: 2 more check-in stations at Eastside for next Sat (10/31)\n"
        "- Kevin + Marisol: spare hotspot kit at every site, EOW\n"
    )
    found = _actions(tmp_path, "teams.txt", chat)
    assert [(o, d) for o, d, _a in found][-2:] == [
        ("Marisol", "next Sat (10/31)"),
        ("Kevin + Marisol", "EOW"),
    ]


def test_asks_that_name_a_topic_first_and_names_with_accents(tmp_path: Path) -> None:
    chat = (
        "<v Harriet Lowe>Priya, spring-term booking form, can you have that live before "
        "Christmas?</v>"
    )
    vtt = f"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n{chat}\n"
    found = _actions(tmp_path, "retro.vtt", vtt)
    assert [(o, a) for o, _d, a in found] == [
        ("Priya", "spring-term booking form, can you have that live before Christmas")
    ]
    found = _actions(
        tmp_path, "notes.md", "# Move\n\n## Actions\n- Tomás, can you get the contractor back\n"
    )
    assert [o for o, _d, _a in found] != ["To"]


def test_zh_plans_under_a_heading_of_the_writers_words_and_asks_in_talk(tmp_path: Path) -> None:
    """ "接下来的安排：" and "明年要干的:" head plain lines of plans; "老K和阿杰一起" is both;
    in talk "王老师,检录流程你整理成一页纸" is 王老师's and "我这边能做" the speaker's."""
    text = (
        "# 活动宕机复盘 2026-07-20\n\n接下来的安排：\n"
        "阿杰：网关自动扩容恢复，本周五前搞定。\n"
        "下个活动前按去年峰值3倍重新压测，老K和阿杰一起，月底前出报告。\n"
    )
    found = _actions(tmp_path, "notes.txt", text)
    assert [o for o, _d, _a in found] == ["阿杰", "老K / 阿杰"]
    srt = (
        "1\n00:00:00,000 --> 00:00:05,000\n周主任: 今天5月13号周三,复一下盘。\n\n"
        "2\n00:00:05,000 --> 00:00:09,000\n"
        "周主任: 分一下活。王老师,检录流程你整理成一页纸,下周五前发到群里?\n\n"
        "3\n00:00:09,000 --> 00:00:12,000\n刘工: 报警推送我这边能做,本周五前上线\n"
    )
    found = _actions(tmp_path, "review.srt", srt)
    assert [(o, d) for o, d, _a in found] == [("王老师", "下周五前"), ("刘工", "本周五前")]


def test_more_ways_to_hand_out_work_en(tmp_path: Path) -> None:
    """ "Joe's taking …", "@marcus.bell can you …", and a date in brackets after the event
    the item must beat ("before auditions (12 Apr)")."""
    text = (
        "Panto retro\nDate: Sun 18 Jan 2026\n\nActions\n"
        "Joe's taking the sign-up form changes\n"
        "Priya said she'll set up the chaperone sign-up sheet, before auditions (12 Apr)\n"
    )
    retro = _draft(tmp_path, "notes.txt", text)
    assert [(a.owner, a.due.date, a.action[:10]) for a in retro.action_items] == [
        ("Joe", None, "taking the"),
        ("Priya", date(2026, 4, 12), "set up the"),
    ]
    slack = (
        "[8:14 AM] dana.kerr: @marcus.bell can you own the vendor RCA with them, by Friday?\n"
        "[8:15 AM] marcus.bell: yes\n[8:16 AM] lisa.fraser: ok\n[8:17 AM] dana.kerr: thanks\n"
    )
    found = _actions(tmp_path, "slack.txt", slack)
    assert [(o, d) for o, d, _a in found] == [("marcus.bell", "Friday")]


def test_more_ways_to_hand_out_work_zh(tmp_path: Path) -> None:
    """ "孙莉(客服中心)说她来改", "合规王主任牵头", "由 Jason 起草", "也归小孟", and in talk
    "老周,…这周五前能加上吗?"; "今天6月9号" said at the start dates the recording."""
    text = (
        "复盘 2026-06-09\n\n分一下工:\n- 客服升级规则孙莉(客服中心)说她来改,下周一前\n"
        "- 监管补充报告合规王主任牵头,月底前\n- recall SOP 由 Jason 起草, 月底前发给各店长\n"
    )
    found = _actions(tmp_path, "notes.md", text)
    assert [o for o, _d, _a in found] == ["孙莉", "王主任", "Jason"]
    srt = (
        "1\n00:00:00,000 --> 00:00:08,200\n何总编: 开始吧,今天6月9号,付费墙上线满四周了\n\n"
        "2\n00:00:08,700 --> 00:00:12,000\n何总编: 老周,回调失败的告警这周五前能加上吗?\n\n"
        "3\n00:00:12,500 --> 00:00:16,000\n何总编: 微信掉登录的事也归小孟,下周三前给个结论。\n"
    )
    retro = _draft(tmp_path, "review.srt", srt)
    assert [(a.owner, a.due.date) for a in retro.action_items] == [
        ("老周", date(2026, 6, 12)),
        ("小孟", date(2026, 6, 17)),
    ]


def test_tmrw_as_typed_in_chat_is_tomorrow(tmp_path: Path) -> None:
    chat = (
        "[16/03/2026, 19:04] Aisha Rahman: wrap up\n"
        "[16/03/2026, 19:05] Kofi Mensah: I'll do the sponsor thank-you emails tmrw\n"
        "[16/03/2026, 19:06] Aisha Rahman: ok\n[16/03/2026, 19:07] Kofi Mensah: cool\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    assert [(a.owner, a.due.date) for a in retro.action_items] == [
        ("Kofi Mensah", date(2026, 3, 17))
    ]


def test_a_list_that_hands_out_work_under_a_heading_in_the_writers_words(
    tmp_path: Path,
) -> None:
    text = (
        "# 流感疫苗复盘\n\n## 下次一定记住\n\n- 订苗量=预约量+两成余量\n\n## 后面谁干啥\n\n"
        "- @刘药师 下周三前把采购量测算方案报上来\n"
        "- 留观区改造由后勤科王科长负责,月底前出方案\n"
        "- 小周:小程序加上渠道统计,本月20号前上测试版\n"
        "- 张护士长说她来写一份操作流程,下周五前发群里\n\n"
        "## Who's on what now\n\n"
        "- Dana: the vendor call, Friday\n- @leo the refund macro, next week\n"
    )
    got = {(owner, due) for owner, due, _a in _actions(tmp_path, "notes.md", text)}
    assert got == {
        ("刘药师", "下周三前"),
        ("王科长", "月底前"),
        ("小周", "本月20号前"),  # the month kept with its day
        ("张护士长", "下周五前"),
        ("Dana", "Friday"),
        ("leo", "next week"),
    }


def test_a_list_of_findings_that_names_people_stays_findings(tmp_path: Path) -> None:
    text = (
        "# Retro\n\n## How the week felt\n\n- Dana: the vendor was slow again\n"
        "- the dashboards were down on Tuesday\n- nobody knew who had the pager\n"
    )
    assert _actions(tmp_path, "notes.md", text) == []


def test_zh_two_people_on_one_task(tmp_path: Path) -> None:
    text = (
        "复盘会纪要\n\n## 后续安排\n\n"
        "- 正式排班方案 韩静牵头, 马晓燕帮忙算人头, 6月19日前交护理部\n"
        "- 秋季研学的雨天备案,由周老师和林晓一起先出个初稿,5月中旬前给大家看\n"
        "- 接口文档由阿凯负责,下周五前\n"
    )
    owners = {owner for owner, _due, _a in _actions(tmp_path, "notes.md", text)}
    assert owners == {"韩静、马晓燕", "周老师、林晓", "阿凯"}


def test_zh_chat_hands_out_work_and_sums_up_in_numbered_points(
    tmp_path: Path, wechat_export
) -> None:
    turns = [
        ("阿娟", "简单复盘一下"),
        ("小林", "砂糖橘那批烂了很多"),
        ("大刘", "供应商临时换了产地"),
        ("阿娟", "我捋几条,大家看对不对:"),
        ("阿娟", "1. 春节前两周的运力一定要提前签保底,至少留2个备用司机"),
        ("阿娟", "2. 水果到货当天开箱抽检,供应商换产地先报备"),
        ("阿娟", "那分一下工:@老周 明年的司机保底协议你先拟个草稿,下周五前发我"),
        ("老周", "好的👌"),
        ("阿娟", "静静,对账表能不能跟小程序那边把格式对一下,3月10号前弄好?"),
        ("静静", "行"),
    ]
    chat = wechat_export(turns)
    retro = _draft(tmp_path, "wechat.txt", chat)
    lessons = [lesson.statement for lesson in retro.lessons]
    assert any("留2个备用司机" in s for s in lessons)
    assert any("开箱抽检" in s for s in lessons)
    assert not any("分一下工" in s or "司机保底协议" in s for s in lessons)  # work, not a lesson
    acts = {a.owner: a.due.text for a in retro.action_items}
    assert acts.get("老周") == "下周五前"
    assert acts.get("静静") == "3月10号前"


def test_zh_a_board_column_headed_who_does_what_names_its_doers(tmp_path: Path) -> None:
    board = (
        "开业第一周 复盘墙\n\n"
        "💡 下回记住\n- 开业头三天收银按3倍人排,宁可闲着\n- 新设备进场当天就试\n\n"
        "✅ 谁去弄\n- 老周:会员系统单独拉一条宽带,下周一前\n- 发电机每周五试一次机,小蒋负责\n"
        "- 门口画线+搭电动车棚 → 周经理去跟街道办谈,月底前\n- 办卡桌阿杰说他来摆\n"
    )
    retro = _draft(tmp_path, "board.txt", board)
    owners = {a.owner for a in retro.action_items}
    assert owners == {"老周", "小蒋", "周经理", "阿杰"}
    assert [lesson.statement for lesson in retro.lessons] == [
        "开业头三天收银按3倍人排,宁可闲着",
        "新设备进场当天就试",
    ]


def test_a_board_signs_its_stickies_and_only_the_owners_column_hands_out_work(
    tmp_path: Path,
) -> None:
    board = (
        'Retro board export: "Scan Everything"\n\n'
        "--- how that went ---\n* scan rate 97.3% in wk 3!! (Aisha) +6\n"
        "* dispense time went UP, 7.4 min avg first fortnight (Aisha) +1\n\n"
        "--- yay ---\n* Kwame carried the label reprint backlog on his own for a week (Jo) +7\n"
        "* Deb's laminated cheat-sheet on every bench, people actually used it (Jo) +5\n\n"
        "--- owners ---\n* Tomasz: monthly re-sync of formulary barcodes, first run by end of Feb\n"
        "* Priya to get quotes for 3 replacement printers by next Weds\n"
    )
    retro = _draft(tmp_path, "board.txt", board)
    assert sorted(a.owner for a in retro.action_items) == ["Priya", "Tomasz"]
    assert any("Kwame carried" in h.title for h in retro.highlights)


def test_a_bullet_naming_actions_ends_the_lessons_list_above_it(tmp_path: Path) -> None:
    text = (
        "Route opt squad - sprint 9 retro minutes\n\n"
        "* Optimiser sent a 7.5t truck down the width-restricted lane. twice.\n"
        "* Lessons:\n  - get 2 drivers into every sprint review\n"
        "  - trigger jobs off events, not the clock\n"
        "* Actions\n  - Ana to import the council restriction list before next review\n"
        "  - Kofi to invite 2 drivers to every review from now on\n"
        "* Q from Lucy: do we tell customers about the new windows? nobody knew, parked\n"
    )
    retro = _draft(tmp_path, "minutes.txt", text)
    assert [lesson.statement for lesson in retro.lessons] == [
        "get 2 drivers into every sprint review",
        "trigger jobs off events, not the clock",
    ]
    assert sorted(a.owner for a in retro.action_items) == ["Ana", "Kofi"]


def test_en_owners_named_by_title_team_or_as_the_writer(tmp_path: Path) -> None:
    text = (
        "# Guest Wi-Fi outage — postmortem\n\n"
        "Written by Tom Reyes (IT manager), Thursday 23 April 2026.\n\n"
        "## Follow-ups\n\n"
        "- Priya's team will raise the duplicate radius to 30m by the end of the month.\n"
        "- Cllr Okafor has kindly said she'll take on the ward newsletters piece.\n"
        "- I'll write the guest network runbook by Wednesday.\n"
    )
    owned = {a.owner for a in _draft(tmp_path, "postmortem.md", text).action_items}
    assert owned == {"Priya", "Cllr Okafor", "Tom Reyes"}


def test_zh_owners_in_a_who_and_when_table_and_said_with_a_date(tmp_path: Path) -> None:
    text = (
        "**快递柜离线 复盘**\n林晓(客服主管)| 2026-03-10 周二 | 发企业微信群\n\n"
        "## 后续\n\n| 事项 | 谁 | 什么时候 |\n|---|---|---|\n"
        "| 知识库加版本号+变更自动推送 | 小林 | 下周五前 |\n\n"
        "- 备件采购:行政刘姐明天走流程\n"
        "- 雪天提示文案,产品那边小赵说下周五前出方案\n"
        "- 我来跟厂家谈把柜子在线状态推到群里,下周三前给方案\n"
    )
    acts = {a.owner: a.due.text for a in _draft(tmp_path, "notes.md", text).action_items}
    assert acts == {"小林": "下周五前", "刘姐": "明天", "小赵": "下周五前", "林晓": "下周三前"}


def test_plans_told_as_a_paragraph_under_a_next_year_heading(tmp_path: Path) -> None:
    text = (
        "# Year one of Muddy Paws\n\n## Stuff I'm proud of\n\n- Not one lost dog.\n\n"
        "## Year two\n\n"
        "I'll get GoCardless or something like it set up this month. It was a long year. "
        "My sister Leanne has said she'll cover Saturdays from the spring. "
        "I'm booking a proper physio assessment for my back next week.\n"
    )
    acts = _actions(tmp_path, "review.md", text)
    assert [(owner, due) for owner, due, _ in acts] == [
        (None, "this month"),
        ("Leanne", None),
        (None, "next week"),
    ]
    assert not any("long year" in action for _, _, action in acts)


def test_a_name_in_brackets_hands_work_over_unless_every_sticky_is_signed(
    tmp_path: Path,
) -> None:
    text = (
        "# Cutover retro\n\n## What went badly\n\n- the DNS change went out late\n\n"
        "## Who picks up what\n\n- fix the alert routing (Dana)\n"
        "- update the cutover runbook (Lee)\n- book the next dry run (Sam)\n"
    )
    owned = {a.owner for a in _draft(tmp_path, "notes.md", text).action_items}
    assert owned == {"Dana", "Lee", "Sam"}


def test_zh_decisions_counted_then_one_paragraph_each_by_place(tmp_path: Path) -> None:
    text = (
        "长者食堂开业首月复盘会 会议纪要\n\n时间:2026年4月8日\n\n"
        "会议定了下面几件事。一是错峰开饭,从下周一起分两批,由郑凯负责发号排批次。\n\n"
        "二是摸底宣传,各楼栋长下周五前把本楼独居老人的名单报给居委会。\n\n"
        "三是成本,禾丰和居委会5月10号前一起去隔壁街道的长者食堂看看。\n\n"
        "下次复盘会暂定5月中旬。\n"
    )
    retro = _draft(tmp_path, "minutes.txt", text)
    owners = {a.owner: a.due.date for a in retro.action_items}
    assert owners["郑凯"] is not None
    assert owners["各楼栋长"] == date(2026, 4, 17)
    assert owners["禾丰、居委会"] == date(2026, 5, 10)
    assert not retro.goals  # the meeting decided work; it set no goals


@pytest.mark.parametrize("heading", ["Actions:", "行动项:", "## 后续"])
def test_an_action_that_is_only_a_promise_and_a_day_is_dropped_not_a_crash(
    tmp_path: Path, heading: str
) -> None:
    text = (
        f"Retro 2026-05-01\n\n{heading}\n- I'll ... tomorrow\n- Noor: rotate the keys by Friday\n"
    )
    acts = _actions(tmp_path, "notes.md", text)
    assert acts == [("Noor", "Friday", "rotate the keys")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Sprint 14 retro, 2026-11-20\n\n## Next steps\n\n"
            "Priya will move the nightly export off the old cron box by Friday. "
            "Tom to write the restore drill up next week.\n",
            [("Priya", "Friday"), ("Tom", "next week")],
        ),
        (
            "社区活动复盘 2026年11月20日\n\n四、后续安排\n\n"
            "报名表的事小唐这周先改一版线上表单,方便老人扫码。刘阿姨牵头把周末的值班重新排一下。\n",
            [("小唐", "这周"), ("刘阿姨", None)],
        ),
    ],
)
def test_a_paragraph_under_an_actions_heading_gives_each_named_commitment(
    tmp_path: Path, text: str, want: list[tuple[str, str | None]]
) -> None:
    got = _actions(tmp_path, "notes.md", text)
    assert [(owner, due) for owner, due, _ in got] == want


@pytest.mark.parametrize(
    ("byline", "writer"),
    [
        ("Posted by Hannah Leitner on 28 December 2025 · 9 min read", "Hannah Leitner"),
        ("*Ruth Okafor, editor. Monday 20 April 2026. For the newsroom.*", "Ruth Okafor"),
        ("Priya Raman (EM, Payments) · Thursday 7 May 2026", "Priya Raman"),
    ],
)
def test_a_bylines_writer_owns_the_first_person_plans(
    tmp_path: Path, byline: str, writer: str
) -> None:
    text = (
        f"# Year in review\n\n{byline}\n\n"
        "- the spring was slow and I panicked\n"
        "- I'll send the new rates to every client this week\n"
    )
    assert [(o, d) for o, d, _a in _actions(tmp_path, "notes.md", text)] == [(writer, "this week")]


def test_an_unsigned_reviews_first_person_plan_is_kept_without_an_owner(tmp_path: Path) -> None:
    text = (
        "- the spring was slow and I panicked\n"
        "- I'll send the new rates to every client this week, agencies included\n"
        "- book the exam resit before registration closes\n"
    )
    found = _actions(tmp_path, "notes.txt", text)
    assert [(o, d) for o, d, _a in found][:1] == [(None, "this week")]
    assert found[0][2].startswith("send the new rates")


def test_a_personal_reviews_bare_to_dos_with_a_due_are_its_actions(tmp_path: Path) -> None:
    text = (
        "My 2025 in review: a personal look back\n\n"
        "- I said yes to every job and burned out in the spring\n"
        "- my best month was October\n"
        "- book the exam resit before registration closes\n"
        "- ask the agency for a better rate by the end of March\n"
        "- learn some Rust one day\n"
    )
    found = _actions(tmp_path, "notes.txt", text)
    assert [(d, a.split()[0]) for _o, d, a in found] == [
        ("before registration closes", "book"),
        ("by the end of March", "ask"),
    ]


def test_notes_signed_under_a_chat_are_their_writers(tmp_path: Path) -> None:
    text = (
        "[9:30 PM] Jen Alvarez: Marco, can you get the boiler serviced before Friday?\n"
        "[9:30 PM] Marco Bellini: yep on it\n"
        "[9:36 PM] Jen Alvarez: ok good chat, I'll write it up\n\n"
        "Notes (Jen, after):\n"
        "- boiler service - Marco, Fri\n"
        "- I'll redo the summer timetable before the budget meeting\n"
    )
    owners = [o for o, _d, a in _actions(tmp_path, "chat.txt", text) if "timetable" in a]
    assert owners == ["Jen"]


_THREAD = """From: Hana Ito <hana@harbourarts.org>
Date: Tue, Mar 10, 2026, 4:05 PM
Subject: Re: Re: spring fair wrap-up

Thanks both, that's the list.
Hana

> On Mon, Mar 9, 2026 at 6:12 PM Owen Blake wrote:
> Stalls from my side:
> - Priya, pls send the refund list to the treasurer by the end of the month.
> - I'll book the marquee for next year before the 20th.
>
>> On Mon, Mar 9, 2026 at 11:30 AM Priya Nair wrote:
>> The card reader died twice on Saturday and we lost about an hour of sales.
>> I'll write the cash-float checklist by Friday.
"""


def test_an_email_threads_quoted_mails_are_read_with_their_writers(tmp_path: Path) -> None:
    found = _actions(tmp_path, "thread.txt", _THREAD)
    got = {(o, d) for o, d, _a in found}
    assert ("Priya", "by the end of the month") in got  # "Name, pls … by …" asks Priya
    assert ("Owen Blake", "before the 20th") in got  # Owen's quoted mail: "I'll …" is his
    assert ("Priya Nair", "Friday") in got  # quoted one level deeper, under her own header
    retro = _draft(tmp_path, "thread2.txt", _THREAD)
    assert any("card reader died twice" in p.title for p in retro.problems)


def test_a_reply_quoting_a_line_again_gives_no_second_item(tmp_path: Path) -> None:
    text = (
        "From: Ana Ruiz <ana@shop.example>\nDate: Thu, Apr 2, 2026\n"
        "Subject: Re: launch week\n\n"
        "Great, thanks, can you copy me in?\n\n"
        "On Wed, Apr 1, 2026 at 9:00 AM Tom Wade wrote:\n"
        "> Checkout broke for Safari users on day one.\n"
        "> I'll rewrite the onboarding emails by Friday.\n\n"
        "-----\n"
        "From: Tom Wade <tom@shop.example>\nDate: Wed, Apr 1, 2026\n\n"
        "Checkout broke for Safari users on day one.\n"
        "I'll rewrite the onboarding emails by Friday.\n"
    )
    retro = _draft(tmp_path, "reply.txt", text)
    found = [(a.owner, a.due.text if a.due else None) for a in retro.action_items]
    assert found == [("Tom Wade", "Friday")]
    assert [p.title for p in retro.problems] == ["Checkout broke for Safari users on day one"]


def test_accented_latin_names_own_their_actions(tmp_path: Path) -> None:
    text = (
        "Huddle 2026-03-18\n\n"
        "[4:14 PM] Jordan Lee: actions. Tomás can you own the dry-run step by next Wed?\n"
        "[4:15 PM] Tomás Ribeiro: yep\n"
        "[4:16 PM] Jordan Lee: and Zoë will redo the seed data this week\n"
    )
    found = _actions(tmp_path, "huddle.txt", text)
    assert [(o, d) for o, d, _a in found] == [("Tomás", "by next Wed"), ("Zoë", "this week")]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("老郑: 剩下7张表 @晓雯 下周五前迁完。", "晓雯", "下周五前"),
        ("Dan: the last 7 tables @mira by next Friday", "mira", "by next Friday"),
    ],
)
def test_a_chat_line_tagging_someone_before_a_due_hands_them_the_task(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    text = f"Retro 2026-03-20\n\n{line}\nMira: ok\n"
    found = _actions(tmp_path, "chat.txt", text)
    assert [(o, d) for o, d, _a in found] == [(owner, due)]


def test_zh_a_speaker_taking_a_deed_still_ahead_owns_it(tmp_path: Path) -> None:
    text = (
        "项目群 2026-03-20\n\n"
        "[10:01] 陈工: 今天把上线的事过一遍\n"
        "[10:02] 小李: 好的\n"
        "[10:03] 陈工: 医保联调我继续盯,28号前给大家一个准话\n"
        "[10:04] 赵磊: 验收清单我整理一下,下周三前发群里\n"
        "[10:05] 小李: 👍\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert [(o, d) for o, d, _a in found] == [("陈工", "28号前"), ("赵磊", "下周三前")]
    dues = [a.due.date for a in _draft(tmp_path, "chat2.txt", text).action_items if a.due]
    assert dues == [date(2026, 3, 28), date(2026, 3, 25)]  # "28号" is the coming 28th


def test_zh_a_nickname_in_latin_letters_owns_its_line(tmp_path: Path) -> None:
    found = _actions(tmp_path, "notes.md", "# 周会 2026-03-20\n\n## 行动项\n- 阿May:周报,下周一\n")
    assert [(o, d) for o, d, _a in found] == [("阿May", "下周一")]


def test_zh_a_share_out_line_hands_work_to_each_name(tmp_path: Path) -> None:
    text = (
        "故障复盘 2026-03-20\n\n原因是DNS上游单点。\n"
        "分一下活:曹俊 CoreDNS 加第二上游,下周三前\n"
        "分下活:@王磊 调度后台加手动开关,周五前上线\n"
    )
    found = _actions(tmp_path, "notes.txt", text)
    assert [(o, d) for o, d, _a in found] == [("曹俊", "下周三前"), ("王磊", "周五前")]
    assert found[0][2].startswith("CoreDNS 加第二上游")


def test_a_reply_word_before_the_writers_plan_keeps_it_theirs(tmp_path: Path) -> None:
    text = (
        "From: Ruth Adeyemi <ruth@example.org>\nDate: Wed, Jan 14, 2026\n"
        "Subject: Re: appeal wrap-up\n\n"
        "Yes - I'll call the foundation on Monday, I'm seeing them anyway.\nRuth\n"
    )
    found = _actions(tmp_path, "mail.txt", text)
    assert [(o, d) for o, d, _a in found] == [("Ruth Adeyemi", "on Monday")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "【小程序迭代复盘看板】 2026-03-02\n\n=== ✅ 谁来 ===\n"
            "[便签] 老郑: 回调失败告警接企业微信,下个迭代第一天搞定\n"
            "[便签] @大伟 把白屏的机型列个清单,周四站会前\n"
            "[便签] 剩下两个推送节点 → 小林,下个迭代\n",
            [("老郑", "下个迭代"), ("大伟", "周四站会前"), ("小林", "下个迭代")],
        ),
        (
            "Checkout retro board, 2026-03-02\n\n=== Actions ===\n"
            "[sticky] Priya: alert on failed webhooks, by Friday\n"
            "[Sticky] @dan list the blank-screen phones before Thursday standup\n",
            [("Priya", "Friday"), ("dan", "before Thursday standup")],
        ),
        (
            "KYC sprint board, 2026-06-11\n\n=== who / what / when ===\n"
            "[Lena · +2] @Lena owns the Android permission fallback, next sprint\n"
            "[Marco · +1] Sam: shadow-traffic job for vendor calls, by 6/24\n",
            [("Lena", "next sprint"), ("Sam", "by 6/24")],
        ),
    ],
)
def test_a_boards_cards_copied_out_with_their_tag_are_read_as_bullets(
    tmp_path: Path, text: str, want: list[tuple[str, str]]
) -> None:
    got = [(owner, due) for owner, due, _a in _actions(tmp_path, "board.txt", text)]
    assert got == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "冷链GPS项目复盘会 纪要\n时间:2026年5月20日\n参会:周建国(运营副总)、陈蕾(PM)、马骁\n\n"
            "六、后续\n1. 超预算那部分,陈蕾写个情况说明报财务,下周一前。\n",
            ("陈蕾", "下周一前"),
        ),
        (
            "Depot app retro\n2026-05-20\nAttendees: Dana Whitfield, Marco Silva (PM)\n\n"
            "Follow-ups:\n1. budget overrun, Marco Silva writes it up for finance by Friday\n",
            ("Marco Silva", "Friday"),
        ),
    ],
)
def test_an_attendee_named_after_the_actions_topic_owns_it(
    tmp_path: Path, text: str, want: tuple[str, str]
) -> None:
    assert [(o, d) for o, d, _a in _actions(tmp_path, "notes.txt", text)] == [want]


def test_zh_what_the_writer_goes_to_do_about_a_topic_is_theirs(tmp_path: Path) -> None:
    text = (
        '【钉钉】群聊"牧场-春产犊"聊天记录\n导出:李娟 2026-04-20 21:12\n\n'
        "2026-04-20 20:12 王建国: 各位,产犊这波收尾了,今晚把复盘过一遍\n"
        "2026-04-20 20:15 赵磊: 头胎牛体重达标线我整理一下,下周三前发群里\n"
        "2026-04-20 20:16 李娟: 施工方违约金我去跟他们谈,月底前有结果告诉大家\n"
    )
    owners = {o for o, _d, a in _actions(tmp_path, "chat.txt", text) if "违约金" in a}
    assert owners == {"李娟"}


def test_a_forum_threads_bylines_say_who_commits_in_each_comment(tmp_path: Path) -> None:
    text = (
        "## v3.0 retro #2214\n\n**mkowalski** (Maintainer) · Category: Maintainers\n\n"
        "3.0 is out, let's do this properly.\n\n---\n\n**jhsu** (Collaborator)\n\n"
        "the escaping default flipped, nobody noticed. I'll add HTML snapshot tests before 3.1.\n"
        "\n---\n\nltorres commented on Mar 3\n\n"
        "I'll write a RELEASING.md checklist this week.\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "thread.md", text)]
    assert got == [("jhsu", "before 3.1"), ("ltorres", "this week")]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (
            "Ruth asked Greg to chase the insurer about the spoiled stock.",
            ("Greg", None, "chase the insurer about the spoiled stock"),
        ),
        (
            "Dee said she'll keep mentoring me on paeds.",
            ("Dee", None, "keep mentoring me on paeds"),
        ),
        ("Jo promised he'd send the rota by Friday.", ("Jo", "Friday", "send the rota")),
    ],
)
def test_en_the_one_asked_or_who_said_they_would_owns_it(
    tmp_path: Path, line: str, want: tuple[str, str | None, str]
) -> None:
    assert _actions(tmp_path, "notes.md", f"Minutes, 2026-01-15\n\n{line}\n") == [want]


def test_lower_case_chat_handles_asked_or_handed_work_own_it(tmp_path: Path) -> None:
    text = (
        "#inc-0318 | Slack export | Wed 18 Mar 2026\n\n"
        "17:37 oscar: I'll split the deploy pipeline, PR up tomorrow\n"
        "17:38 dmitri: alright hana takes the SDK jitter change next sprint\n"
        "17:39 hana: 👍\n"
        "17:40 dmitri: priya could you sort the break-glass approver list before end of month?\n"
        "17:40 priya: on it\n"
        "17:41 dmitri: so could you all read the doc first\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "chat.txt", text)]
    assert got == [("oscar", "tomorrow"), ("hana", "next sprint"), ("priya", "end of month")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Subject: lifeguard season wrap\n\nFrom: Denise Kowalski <dk@parks.gov>\n"
            "To: Tom Reyes; Marisol Vega\n\nThanks all, a hard summer.\n\n"
            "From: Tom Reyes\n\nI'll put a pay rise into the FY27 request by Oct 6.\n\n"
            "From: Marisol Vega (Aquatics)\n\nI'll book a winter cert class by end of October.\n",
            [("Tom Reyes", "Oct 6"), ("Marisol Vega", "by end of October")],
        ),
        (
            "主题: 暑期泳池复盘\n\n发件人: 王丽 <wl@parks.cn>\n\n大家辛苦了。\n\n"
            "发件人: 李强\n\n救生员排班表我下周五前重排一版。\n",
            [("李强", "下周五前")],
        ),
    ],
)
def test_each_mail_of_a_thread_is_its_senders(
    tmp_path: Path, text: str, want: list[tuple[str, str]]
) -> None:
    assert [(o, d) for o, d, _a in _actions(tmp_path, "thread.txt", text)] == want


def test_a_blog_posts_byline_names_who_writes_i_will(tmp_path: Path) -> None:
    text = (
        "# One year of the bar\n\n"
        "*Posted Tuesday, March 10, 2026 by Nadia Ferreira · 7 min read*\n\n"
        "It was a hard, good year.\n\n## What's next\n\n"
        "- I'll hire a weekend bar manager by end of April so I'm not closing six nights a week\n"
    )
    assert [(o, d) for o, d, _a in _actions(tmp_path, "post.md", text)] == [
        ("Nadia Ferreira", "by end of April")
    ]


def test_from_lines_that_give_a_period_name_no_writer(tmp_path: Path) -> None:
    text = (
        "Project review\n\nPhase 1\nFrom: March\nTo: June\n\nPhase 2\nFrom: July\nTo: September\n\n"
        "## Next steps\n- I'll write up the cut-over checklist by Friday\n"
    )
    assert [(o, d) for o, d, _a in _actions(tmp_path, "notes.md", text)] == [(None, "Friday")]


def test_a_short_sentence_of_when_after_the_deed_is_its_due(tmp_path: Path) -> None:
    text = (
        "Year review\n\n## Next year\n"
        "- 10 minutes one-to-one with each commis, away from the noise. Starting Monday.\n"
        "- I'll send the deck. See you Monday!\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "notes.md", text)]
    assert got == [(None, "Starting Monday"), (None, None)]


def test_two_people_then_a_deed_in_its_plain_form_own_it_together(tmp_path: Path) -> None:
    text = (
        "Board\n\n## Actions\n- Priya + Leo pair on the last 9 DAGs next sprint\n"
        "- Ines + Marta (support QA) write a labelling guide\n\n"
        "## Went well\n- Priya and Leo were brilliant on call\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "board.md", text)]
    assert got == [("Priya + Leo", "next sprint"), ("Ines + Marta", None)]


def test_a_told_question_is_no_action_and_the_one_who_will_do_it_owns_it(tmp_path: Path) -> None:
    text = (
        "Library board minutes, 9 April 2026\n\n## Actions\n"
        "- Sam asked if branches can keep the cheat sheets; Helen agreed, and Sam will reprint "
        "them for the mobile library by end of month.\n"
        "- 王护士长 月底前组织一次冷链夜间断电演练\n"
    )
    got = _actions(tmp_path, "minutes.md", text)
    assert [(owner, due) for owner, due, _ in got] == [
        ("Sam", "end of month"),
        ("王护士长", "月底前"),
    ]
    assert "reprint them for the mobile library" in got[0][2]


def test_the_speakers_own_deed_after_one_handed_out_is_a_second_action(tmp_path: Path) -> None:
    text = (
        "Chen: I'll put the login alert in tomorrow, and I'll fix the Vault section of the "
        "runbook by end of week.\n"
        "Hannah: Good. So Fatima takes a status-page template for auth incidents, by next "
        "Wednesday, and I'll send the RCA to the SAML tenants by Friday.\n"
        "Chen: sounds good\nHannah: ok thanks all\n"
    )
    got = [(owner, due) for owner, due, _ in _actions(tmp_path, "call.txt", text)]
    assert got == [
        ("Chen", "tomorrow"),
        ("Chen", "end of week"),
        ("Fatima", "by next Wednesday"),
        ("Hannah", "Friday"),
    ]


def test_en_what_the_writer_is_going_to_do_is_an_action(tmp_path: Path) -> None:
    text = (
        "# My first year on the road\n\nSome reflections.\n\n"
        "Year two, then. I'm also going to try running again. I'm going to be honest, it was "
        "hard. I'm going to book the refresher before summer.\n"
    )
    got = [(due, action) for _owner, due, action in _actions(tmp_path, "blog.md", text)]
    assert got == [(None, "try running again"), ("before summer", "book the refresher")]


@pytest.mark.parametrize("stamp", ["9:13 PM", "Today at 9:13 PM", "12/03/2026 9:13 PM"])
def test_a_discord_copy_reads_each_message_under_its_author(tmp_path: Path, stamp: str) -> None:
    chat = f"""\
#season-review | Lowkey Tempo
sable — {stamp}
ok season's done, quick review. we finished 6th
kai — {stamp}
scrim attendance was like half, some weeks 3 ppl
sable — {stamp}
@jules can you take the scrim schedule for next split by Friday?
jules — {stamp}
sure 👍
mo — {stamp}
I'll set up the vod review folder tomorrow
"""
    retro = _draft(tmp_path, "discord.txt", chat)
    found = {a.owner: a.action for a in retro.action_items}
    assert set(found) == {"jules", "mo"}
    assert "scrim schedule" in found["jules"]
    assert "vod review folder" in found["mo"]
    quotes = [q.quote for item in retro.action_items for q in item.evidence]
    assert not any("—" in q for q in quotes)  # no author line is an item's words


def test_a_wecom_copy_whose_names_carry_their_desk_reads_each_message_under_its_author(
    tmp_path: Path,
) -> None:
    chat = """\
「春季报名保障群」聊天记录 2026年2月26日
教务处-刘红梅 09:08
好几个学员说报名页面打不开,一直转圈圈
信息科-陈晓 09:10
从9点03分开始就全是502,系统挂了
鑫达软件-李工 09:21
CPU 100%,数据库连接数打满了,我先重启一下
办公室-张卫国 16:44
@鑫达软件-李工 下周三之前按今年的人数做一次压测
鑫达软件-李工 16:46
好的,下周三前给压测报告
教务处-刘红梅 16:50
我来把纸质登记的38份补录进系统,今晚弄完
"""
    retro = _draft(tmp_path, "wecom.txt", chat)
    owners = {a.owner for a in retro.action_items}
    assert owners == {"李工", "刘红梅"}
    quotes = [q.quote for item in retro.action_items for q in item.evidence]
    assert not any("09:08" in q or "16:44" in q for q in quotes)  # no header is an item's words


def test_a_mail_in_a_thread_is_not_read_under_the_heading_of_the_mail_before(
    tmp_path: Path,
) -> None:
    thread = """\
From: Ruth Okafor <ruth@coop.org>
Subject: end of season roundup

Hi all, the roundup.

What didn't go so well:
- the parts shelf was a mess all season
- Thursday open shop had nights with 2 volunteers

Ruth

---
From: Theo Marsh <theo@example.com>
Subject: Re: end of season roundup

I'll have the Thursday rota out by Friday.
I reckon Thursday clashes with the climbing league.

---
From: Ruth Okafor <ruth@coop.org>
Subject: Re: end of season roundup

And I'll ask the landlord about a lockable tool cabinet.
"""
    retro = _draft(tmp_path, "thread.txt", thread)
    found = {a.action: a.owner for a in retro.action_items}
    assert found == {
        "have the Thursday rota out": "Theo Marsh",
        "ask the landlord about a lockable tool cabinet": "Ruth Okafor",
    }
    assert [p.title for p in retro.problems] == [
        "the parts shelf was a mess all season",
        "Thursday open shop had nights with 2 volunteers",
    ]


@pytest.mark.parametrize("lead", ["And", "Also", "Plus", "So"])
def test_en_a_plan_opening_on_a_connective_is_an_action(tmp_path: Path, lead: str) -> None:
    text = f"Notes\n\nThe van broke twice.\n{lead} I'll book the van in for a service next week.\n"
    assert _actions(tmp_path, "notes.txt", text) == [
        (None, "next week", "book the van in for a service")
    ]


def test_a_chat_messages_next_lines_are_its_authors(tmp_path: Path) -> None:
    chat = """\
[10:01] Hana Kim: ok retro time
[10:02] Marcus Lee: flaky tests were bad this sprint
also I'll write up the retry policy by Friday
[10:03] Hana Kim: thanks
[10:04] Priya Nair: the runner pool ran out of disk
"""
    assert _actions(tmp_path, "slack.txt", chat) == [
        ("Marcus Lee", "Friday", "write up the retry policy")
    ]


@pytest.mark.parametrize("heading", ["改进项", "整改项", "后续改进"])
def test_zh_an_improvement_items_heading_over_a_table_heads_actions(
    tmp_path: Path, heading: str
) -> None:
    text = f"""\
# 故障复盘:短信验证码收不到

## {heading}

| 事项 | 负责人 | 时间 |
|---|---|---|
| 告警改成5分钟低于90% | 阿杰 | 本周五前 |
| 短信通道切换演练,每月一次 | 周宁 | 月底前出方案 |
"""
    found = _actions(tmp_path, "review.md", text)
    assert [(o, d) for o, d, _a in found] == [("阿杰", "本周五前"), ("周宁", "月底前出方案")]


def test_a_board_card_signed_by_its_writer_is_their_action(tmp_path: Path) -> None:
    text = (
        "Sprint 14 board export\n\n=== went well ===\n[Lena] device matrix in every plan\n\n"
        "=== who / what / when ===\n"
        "[Marco] get the address-proof threshold re-approved w/ compliance by Fri\n"
        "[Wei C.] I'll send the app vendor the crash logs tomorrow\n"
        "[Sam] Sam: shadow-traffic job for vendor calls, by 6/24\n"
        "[Hannah L.] ok so Ines takes the survey redesign, first draft next Wednesday\n"
    )
    got = {action[:14]: owner for owner, _due, action in _actions(tmp_path, "board.txt", text)}
    assert got == {
        "get the addres": "Marco",
        "send the app v": "Wei C.",
        "shadow-traffic": "Sam",
        "takes the surv": "Ines",
    }


def test_a_bracket_every_card_shares_names_no_writer(tmp_path: Path) -> None:
    text = (
        "售后小程序复盘看板\n\n【下一步】\n[便签] 预约页的时段组件再优化一版\n"
        "[便签] 工单推送补上可取车提醒\n[便签] 灰度数据每周一汇总\n"
    )
    assert {owner for owner, _due, _action in _actions(tmp_path, "board.txt", text)} == {None}


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- Owen: vendor debrief on the kiosks + ask for a partial refund, Nov 6", "Owen", "Nov 6"),
        ("- Priya: notebook template with a testing section - 24 June", "Priya", "24 June"),
        ("- Sam: shadow-traffic job for vendor calls, 6/24", "Sam", "6/24"),
        ("- Owen: write up the outage from Nov 6", "Owen", None),
    ],
)
def test_a_date_alone_closing_an_action_is_its_due(
    tmp_path: Path, line: str, owner: str, due: str | None
) -> None:
    got = _actions(tmp_path, "notes.md", f"Retro\n\n## Actions\n{line}\n")
    assert [(o, d) for o, d, _action in got] == [(owner, due)]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        (
            "- Audit every ward's label printers and report any out of service: Mark Ellis, "
            "within two weeks.",
            "Mark Ellis",
            "within two weeks",
        ),
        (
            "- Replace the 7B handheld printer and keep a spare on the unit: Sister Grace Okoro "
            "with Mark Ellis (IT), by 23 October 2026.",
            "Grace Okoro、Mark Ellis",
            "by 23 October 2026",
        ),
        (
            "- Case to be presented at the phlebotomy team huddle: Tom Hale, phlebotomy lead, "
            "next Monday.",
            "Tom Hale",
            "next Monday",
        ),
        (
            '- Add a "right patient?" prompt to the hyperkalaemia pathway: Dr Anil Mehta, '
            "by 30 November 2026.",
            "Anil Mehta",
            "by 30 November 2026",
        ),
    ],
)
def test_the_deed_first_then_who_does_it_after_a_colon(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    text = f"Incident report\n\n## Actions\n{line}\n"
    assert [(o, d) for o, d, _action in _actions(tmp_path, "report.md", text)] == [(owner, due)]


@pytest.mark.parametrize("name", ["Mark", "Janet", "Maya", "Augustine"])
def test_a_name_that_starts_like_a_month_is_a_name(tmp_path: Path, name: str) -> None:
    text = f"Retro\n\n## Actions\n- Update the on-call rota, {name}\n"
    assert [o for o, _d, _a in _actions(tmp_path, "notes.md", text)] == [name]


@pytest.mark.parametrize(
    ("head", "tail", "plan", "writer"),
    [
        ("", "\nThanks for a mad first year.\n\nJo x\n", "I'll ring the broker this week", "Jo"),
        ("", "\nCheers,\nPriya\n", "I'll ring the broker this week", "Priya"),
        ("质量安全部 陈立  2026年7月23日\n\n", "", "赔付我明天上午去当面谈", "陈立"),
        (
            "文档作者:周敏(店长) | 最后更新 2026-01-09\n\n",
            "",
            "夜班排班我明天先跟主治碰一下",
            "周敏",
        ),
    ],
)
def test_a_writer_named_in_a_byline_or_a_sign_off_owns_the_first_person_plans(
    tmp_path: Path, head: str, tail: str, plan: str, writer: str
) -> None:
    text = f"# A year of it\n\n{head}## Next\n\n- {plan}\n{tail}"
    assert [o for o, _d, _a in _actions(tmp_path, "notes.md", text)] == [writer]


@pytest.mark.parametrize(
    ("head", "items", "actions"),
    [
        (
            "收尾 todo,别忘:",
            ["下周一前把终稿发给老板签字", "明天去研究生院交答辩材料"],
            [("下周一前", "下周一前把终稿发给老板签字"), ("明天", "明天去研究生院交答辩材料")],
        ),
        (
            "Next steps, roughly:",
            ["send the final draft to Anna by Monday", "book the room"],
            [("Monday", "send the final draft to Anna"), (None, "book the room")],
        ),
    ],
)
def test_a_list_under_a_kinds_name_with_an_aside_after_a_comma(
    tmp_path: Path, head: str, items: list[str], actions: list[tuple[str | None, str]]
) -> None:
    text = "日记\n\n今天答辩完了,过了。\n\n" + head + "\n" + "".join(f"- {i}\n" for i in items)
    assert [(d, a) for _o, d, a in _actions(tmp_path, "diary.txt", text)] == actions


def test_zh_a_deed_done_or_the_meetings_own_business_is_no_action(tmp_path: Path) -> None:
    text = (
        "张校长 20:26: 其他场我去看了,估计是试听课排太满了\n"
        "陈静 20:27: 这个我没盯,回头看下\n"
        "张校长 20:31: 先放着,下次再说。我把结论贴一下\n"
        "张校长 20:40: 排课系统选型我自己看,月底前定\n"
    )
    assert _actions(tmp_path, "群聊.txt", text) == [("张校长", "月底前", "排课系统选型我自己看")]


def test_a_yes_to_an_ask_is_the_same_action(tmp_path: Path) -> None:
    text = (
        "Conference retro\nBoard export\n\n--- ✅ Actions ---\n"
        "[Hannah L.] @Keisha can you get a slide deadline into the speaker template by Friday?\n"
        "   ↳ [Keisha B.] yep, on it\n"
        "[Wei C.] I'll send the app vendor the crash logs tomorrow\n"
    )
    got = [(o, a[:20]) for o, _d, a in _actions(tmp_path, "board.txt", text)]
    assert got == [("Keisha", "@Keisha can you get "), ("Wei C.", "send the app vendor ")]


def test_a_yes_that_takes_on_a_deed_of_its_own_is_another_action(tmp_path: Path) -> None:
    text = (
        "[10:04] 阿娟: 砂糖橘的赔付由大刘负责跟供应商谈,月底前要有个结果\n"
        "[10:05] 大刘: 收到。断电报警器我这周就买了装上\n"
        "[10:06] 阿娟: 静静,对账表能不能跟小程序那边把格式对一下,3月10号前弄好?\n"
        "[10:07] 静静: 行,我明天先约小程序的技术聊\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "chat.txt", text)]
    assert ("大刘", "这周") in got and ("静静", "明天") in got


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        (
            "- Dana asked Ben whether ops can send the handler survey by Monday.",
            "Ben",
            "Monday",
        ),
        (
            "- Lucia to build a scanned test set from both branches, end of next sprint (30 Sep)",
            "Lucia",
            "end of next sprint (30 Sep)",
        ),
    ],
)
def test_en_the_one_asked_and_a_due_with_its_date_in_brackets(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    got = _actions(tmp_path, "notes.md", f"Sprint retro\n\n## Actions\n{line}\n")
    assert [(o, d) for o, d, _a in got] == [(owner, due)]


def test_zh_a_name_then_you_then_the_deed_is_theirs_and_turn_taking_is_not(
    tmp_path: Path,
) -> None:
    text = (
        "21:30 林姐: 今天复盘一下暑期营,小孟你先说\n"
        "21:31 小孟: 报名62个,比去年多\n"
        "21:31 林姐: 溯溪鞋小雨你去问问批发,大中小号各要多少,9月10号前报个价\n"
        "21:32 林姐: 小周你明天能把上个月漏接的号码导一份出来吗\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "群聊.txt", text)]
    assert got == [("小雨", "9月10号前"), ("小周", "明天")]


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("I'm putting the intro pack up to $89 from next month.", "from next month"),
        ("And I'm booking a full week off before summer.", "before summer"),
        ("I'm cutting the menu down to four plates next week", "next week"),
    ],
)
def test_en_a_deed_under_way_with_its_when_is_the_writers_plan(
    tmp_path: Path, line: str, due: str
) -> None:
    text = f"# One year in\n\n*Posted by Jo Hart*\n\nThe studio made it.\n\n{line}\n"
    got = [(o, d) for o, d, _a in _actions(tmp_path, "blog.md", text)]
    assert got == [("Jo Hart", due)]


def test_en_a_deed_under_way_with_no_when_is_no_plan(tmp_path: Path) -> None:
    text = "# One year in\n\n*Posted by Jo Hart*\n\nI'm loving the early classes.\n"
    assert _actions(tmp_path, "blog.md", text) == []


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- 全年收支公示由陈姐准备,春节前张贴并在业主群发布", "陈姐", "春节前"),
        ("- 新人培训由小韩安排,下周三前排好", "小韩", "下周三前"),
    ],
)
def test_zh_by_whom_with_the_deed_they_prepare_or_arrange(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    got = _actions(tmp_path, "纪要.md", f"业委会纪要\n\n## 后续安排\n{line}\n")
    assert [(o, d) for o, d, _a in got] == [(owner, due)]


def test_a_voice_note_signed_in_its_bracketed_header_with_a_spoken_list_of_things_to_do(
    tmp_path: Path,
) -> None:
    text = (
        "[voice memo, typed up off my phone more or less word for word. Owen]\n\n"
        "ok it's recording. Owen, end of year, the review I said I'd do every year.\n\n"
        "I made 46 gigs against the 40 I wanted. The van died twice.\n\n"
        "Right, things to actually do:\n"
        "I'll put a late fee line in the invoice template this weekend.\n"
        "Send Priya all my receipts by the end of next month.\n"
        "Finish modules 7 and 8 over the holidays. Be realistic. Two modules.\n"
    )
    assert _actions(tmp_path, "memo.txt", text) == [
        ("Owen", "this weekend", "put a late fee line in the invoice template"),
        ("Owen", "by the end of next month", "Send Priya all my receipts"),
        ("Owen", "over the holidays", "Finish modules 7 and 8"),
    ]


def test_a_notion_page_commitments_in_prose_under_the_list_and_a_parking_lot(
    tmp_path: Path,
) -> None:
    text = (
        "# Sprint 31 retro\n\n"
        "Created by Priya Nair · Sep 17, 2026 · Tags: recs\n"
        "Present: Priya, Mei, Tomás, Rafa (Jonas out sick)\n\n"
        "## Next\n"
        "- [ ] Mei: trim the feature join to 30 days, by next Friday\n\n"
        "I'll write up the cold-start results for the eng all-hands tomorrow.\n"
        "Jonas wasn't here but he owns the SRM check, I'll ping him, "
        "it needs to be in by end of month.\n"
        "Rafa asked for a GPU node for reranker tests, I'm raising it with infra on Monday.\n\n"
        "### parking lot\n"
        "- do we keep the popularity fallback for logged-out users? no decision\n"
        "- offsite venue, someone please pick one that isn't the bowling place again\n"
    )
    assert [(o, d) for o, d, _a in _actions(tmp_path, "retro.md", text)] == [
        ("Mei", "by next Friday"),
        ("Priya Nair", "tomorrow"),
        ("Jonas", "end of month"),
        ("Priya Nair", "on Monday"),
    ]


def test_an_ask_for_a_deed_done_by_a_date_in_a_call(tmp_path: Path) -> None:
    text = (
        "1\n00:10:01,000 --> 00:10:05,000\nPriya Nair: ok actions. Dan, can you rewrite the"
        " failover runbook by Friday?\n\n"
        "2\n00:10:06,000 --> 00:10:08,000\nDan Kowalski: Yep, Friday's fine.\n\n"
        "3\n00:10:09,000 --> 00:10:12,000\nPriya Nair: Keisha, double charge refunds, all done"
        " by Thursday?\n\n"
        "4\n00:10:13,000 --> 00:10:16,000\nKeisha Brown: should be. 150 already refunded\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "call.srt", text)]
    assert got == [("Dan", "Friday"), ("Keisha", "Thursday")]


def test_zh_minutes_in_prose_hand_out_work_by_name_title_and_reported_promise(
    tmp_path: Path,
) -> None:
    text = (
        "青石镇中学初三年级组中考复盘会议纪要\n\n"
        "2026年7月10日(周五)下午3点,三楼小会议室。记录:周燕。\n\n"
        "下一步的安排如下。各科的分项数据由教务处李建新主任负责,下周三前整理出来发到年级群里。\n\n"
        "数学组由张建国牵头,暑假结束前拿出新初三的压轴题训练计划。\n\n"
        "周燕说她明天就把英语组早读默写的材料和做法整理一份,发给其他科参考。\n\n"
        "宿舍手机管理的事,赵磊主动说新学期他来盯,每周五晚上抽查一次。\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "纪要.txt", text)]
    assert got == [
        ("李建新", "下周三前"),
        ("张建国", "暑假结束前"),
        ("周燕", "明天"),
        ("赵磊", None),
    ]


def test_zh_a_name_then_you_then_the_day_after_tomorrow(tmp_path: Path) -> None:
    text = (
        "—————  2026年11月13日 周五 21:31  —————\n"
        "周强：小杨你后天之前把那11条差评一条条回复了，态度好点\n"
        "小杨: 收到👌\n"
        "周强: 双十二方案王姐牵头,12月5号前出个初稿\n"
    )
    got = _actions(tmp_path, "群聊.txt", text)
    assert [(o, d) for o, d, _a in got] == [("小杨", "后天之前"), ("王姐", "12月5号前")]
    retro = _draft(tmp_path, "群聊2.txt", text)
    assert retro.action_items[0].due is not None
    assert retro.action_items[0].due.date == date(2026, 11, 15)


def test_a_topic_then_an_arrow_then_who_said_they_would(tmp_path: Path) -> None:
    text = (
        "Clean Hands March - retro\n\n=== WHO / WHAT / WHEN ===\n"
        "* Grace: clip-on rub bottles for every 4B drug trolley, by Fri 10 Apr\n"
        "* leaderboard -> Tomasz said he'll chase IT for a proper fix\n"
    )
    got = [(o, a) for o, _d, a in _actions(tmp_path, "board.txt", text)]
    assert got == [
        ("Grace", "clip-on rub bottles for every 4B drug trolley"),
        ("Tomasz", "chase IT for a proper fix"),
    ]


def test_a_telegram_copy_names_each_writer_and_dates_day_first(tmp_path: Path) -> None:
    text = (
        "Hannah Leigh, [02.11.2026 06:55]\n"
        "Morning all. Northgate depot just rang me (06:52), passengers can't open tickets\n\n"
        "Kwame Asante, [02.11.2026 06:58]\non it, laptop open\n\n"
        "Hannah Leigh, [02.11.2026 09:33]\nActions then. @Sofia can you get the key vault perms"
        " into terraform by Thursday?\n\n"
        "Sofia Marin, [02.11.2026 09:34]\nyep\n\n"
        "Kwame Asante, [02.11.2026 09:35]\nI'll fix the alert routing today\n"
    )
    retro = _draft(tmp_path, "telegram.txt", text)
    got = [(a.owner, a.due.date if a.due else None) for a in retro.action_items]
    assert got == [("Sofia", date(2026, 11, 5)), ("Kwame Asante", date(2026, 11, 2))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "[21/04/2026 06:11] Gareth Lloyd\nWe're OFF AIR. Dead silence on 96.2, just walked in\n"
            "[21/04/2026 06:16] Sam Okafor\nAwake now. Don't reboot it\n"
            "[21/04/2026 07:10] Fiona Barr\nThanks all. I'll update the alarm contact list myself"
            " this morning\n"
            "[21/04/2026 07:12] Sam Okafor\nand I'll fix the purge job by Friday\n",
            [("Fiona Barr", date(2026, 4, 21)), ("Sam Okafor", date(2026, 4, 24))],
        ),
        (
            "Guild: Kestrel Valley Astronomy Club\nChannel: club-business / season-recap\n\n"
            "[10/27/2026 7:12 PM] ines_v\nok season's officially over, recap in here pls\n\n"
            "[10/27/2026 7:15 PM] raj.p\nattendance across the 6: 1,352 on the clicker\n"
            "{Reactions}\n🎉 (7)\n\n"
            "[10/27/2026 7:55 PM] ines_v\nI'll draft the 2027 calendar by Nov 15\n\n"
            "[10/27/2026 8:03 PM] theo_d\nhonestly fine by me\n",
            [("ines_v", date(2026, 11, 15))],
        ),
    ],
    ids=["teams", "discord"],
)
def test_a_chat_copied_with_the_date_and_time_in_brackets_names_each_writer(
    tmp_path: Path, text: str, want: list[tuple[str, date]]
) -> None:
    """ "[21/04/2026 06:11] Gareth Lloyd" (Teams) and "[10/27/2026 7:12 PM] ines_v"
    (DiscordChatExporter) over the message: each header names who wrote what follows, so "I'll"
    is theirs, and the header is never an item."""
    retro = _draft(tmp_path, "chat.txt", text)
    got = [(a.owner, a.due.date if a.due else None) for a in retro.action_items]
    assert got == want
    said = [a.action for a in retro.action_items] + [p.title for p in retro.problems]
    assert not [t for t in said if t.startswith("[")], said


def test_a_jira_comment_thread_names_each_commenter_and_its_date(tmp_path: Path) -> None:
    """A Jira issue copied as text ("Created: 14/Jul/26 08:17 AM", "Marek Nowak added a comment -
    15/Jul/26 08:51 AM"): the day-month-year with the month's name dates it, each comment header
    names who wrote it, and "@Joana Reis can you …? By Friday ideally" answered "Sure" is hers."""
    text = (
        "[FLOPS-2318] Lisbon: unlocks failing city-wide Created: 14/Jul/26 08:17 AM\n"
        "Status: Resolved\nReporter: Beatriz Lopes  Assignee: Marek Nowak\n\n"
        "Description\nSupport queue is flooding with can't unlock tickets since ~7am.\n\n"
        "Comments\nMarek Nowak added a comment - 14/Jul/26 08:31 AM\n"
        "On it. Fleet dashboard shows 1,912 scooters offline since 06:40.\n\n"
        "Beatriz Lopes added a comment - 14/Jul/26 11:40 AM\n"
        "All back. I'll send the apology email in PT + EN today.\n\n"
        "Marek Nowak added a comment - 15/Jul/26 08:51 AM\n"
        "@Joana Reis can you repoint the Telkio notice contact to ops-oncall@ and check the"
        " other vendors? By Friday ideally\n\n"
        "Joana Reis added a comment - 15/Jul/26 09:03 AM\n"
        "Sure, I'll do Telkio today and the rest by Friday.\n"
    )
    retro = _draft(tmp_path, "FLOPS-2318.txt", text)
    got = [(a.owner, a.due.date if a.due else None) for a in retro.action_items]
    assert got == [
        ("Beatriz Lopes", date(2026, 7, 14)),
        ("Joana Reis", date(2026, 7, 17)),
    ]
    said = [a.action for a in retro.action_items] + [p.title for p in retro.problems]
    assert not [t for t in said if "added a comment" in t], said


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "腾讯会议 智能录制-文字转写\n会议时间：2026/07/03 16:00-16:52\n"
            "参会人：杨帆、黄海涛、林晓、郑佳\n\n"
            "发言人1 00:00:04\n好，人齐了。目标定了三个。海涛你先说接单页吧。\n\n"
            "发言人2 00:01:15\n灰度是周二开的，现在30%了。\n\n"
            "发言人1 00:02:10\n好。小林，冷启动。\n\n"
            "发言人3 00:02:20\n冷启动从3.2降到了2.4，没到2秒。"
            "推送改懒加载这个我来跟吧，下周五之前出数据。\n\n"
            "发言人1 00:03:01\n行。郑佳，bug呢？\n\n"
            "发言人4 00:03:10\n剩两个。鸿蒙的机型我来加到回归里。\n\n"
            "发言人2 00:04:00\n白屏那个下周一之前我修掉。\n",
            [("林晓", date(2026, 7, 10)), ("郑佳", None), ("黄海涛", date(2026, 7, 6))],
        ),
        (
            "Otter.ai transcript, 14 May 2026\nParticipants: Dana Kim, Luis Ortega, Bea Fox\n\n"
            "Speaker 1  0:00\nOkay, it's recording. Freezer first. Luis, go ahead.\n\n"
            "Speaker 2  0:12\nThe alarm never rang. I'll get the alarm company out by Friday.\n\n"
            "Speaker 1  1:02\nThanks. Over to you, Bea.\n\n"
            "Speaker 3  1:10\nWe lost about 300 pounds of stock."
            " I'll do the insurance claim tomorrow.\n",
            [("Luis Ortega", date(2026, 5, 15)), ("Bea Fox", date(2026, 5, 15))],
        ),
        (  # nobody is handed the floor: the label stays as the transcriber wrote it
            "会议时间：2026/07/03\n参会人：杨帆、黄海涛\n\n"
            "发言人1 00:00:04\n好，我们开始。\n\n"
            "发言人2 00:01:15\n白屏那个下周一之前我修掉。\n\n"
            "发言人1 00:02:00\n行。\n",
            [("发言人2", date(2026, 7, 6))],
        ),
    ],
    ids=["zh-tencent", "en-otter", "unnamed"],
)
def test_a_voice_the_transcriber_left_unnamed_is_who_the_floor_was_handed_to(
    tmp_path: Path, text: str, want: list[tuple[str, date | None]]
) -> None:
    """ "发言人2" or "Speaker 2" owns what it says it will do, and is the one the turn before
    handed the floor to ("海涛你先说", "小林，冷启动。", "Over to you, Bea"), as the attendee
    list writes them."""
    retro = _draft(tmp_path, "transcript.txt", text)
    got = [(a.owner, a.due.date if a.due else None) for a in retro.action_items]
    assert got == want


def test_work_put_to_nobody_is_an_action_with_no_owner_until_someone_takes_it_up(
    tmp_path: Path,
) -> None:
    """ "somebody needs to change the website as well" is work with nobody named: an action
    with no owner, never dropped. When the next voice takes it up ("alright, Ellie takes that",
    "I'll do it"), that person owns it and the reply is no second action."""
    minutes = (
        "Appeal wrap-up, 15 January 2026\n\n"
        "Takings were down on last year. Someone also needs to submit the Gift Aid claim before"
        " the end of February. Clare thought finance were doing it.\n"
    )
    retro = _draft(tmp_path, "minutes.txt", minutes)
    assert [(a.owner, a.due.date) for a in retro.action_items] == [(None, date(2026, 2, 28))]
    chat = (
        "[26/05/2026, 10:20:00] Carol Penrose: right, the double booking. what went wrong?\n"
        "[26/05/2026, 10:27:30] Ellie Penrose: also someone needs to check both arrivals lists"
        " against each other the day before every busy weekend\n"
        "[26/05/2026, 10:28:02] Carol Penrose: alright, Ellie takes that, she's on reception\n"
        "[26/05/2026, 10:29:00] Pete Penrose: and somebody needs to change the website as well\n"
        "[26/05/2026, 10:29:30] Carol Penrose: I'll do it\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    got = [(a.owner, a.evidence[0].quote) for a in retro.action_items]
    assert got == [
        (
            "Ellie",
            "also someone needs to check both arrivals lists against each other the day"
            " before every busy weekend",
        ),
        ("Carol Penrose", "and somebody needs to change the website as well"),
    ]


def test_zh_a_wechat_copy_with_emoji_nicknames_and_a_list_in_a_message(tmp_path: Path) -> None:
    """A WeChat group pasted as text: nicknames dressed in emoji ("🌸朵朵妈妈"), the time on lines
    of its own, a recalled message. "王园长:接下来几件事:" over unnamed lines hands out work
    (人工签到 is a deed, not a person); "方便的话…您也过来帮我们看看?" answered "可以的 我周五
    上午请个假过来" is the one who says yes's, due Friday."""
    text = (
        "向日葵幼儿园中二班家长群(46)\n2026年11月17日 07:42\n"
        "🌸朵朵妈妈:门口怎么排这么长的队😱\n🐯浩浩爸爸:人脸闸机刷不出来\n07:51\n"
        '"🍀乐乐外婆"撤回了一条消息\n🍀乐乐外婆:我和孙子在这冻了快二十分钟了\n12:16\n'
        "王园长:7:30左右闸机开始识别不了,8:03改成人工签到\n"
        "王园长:接下来几件事:\n"
        "厂家工程师周五前来现场调试、把低温模式打开,我来盯\n"
        "人工签到流程写进入园应急预案,每个值班老师都要会\n"
        "王园长:@🌸朵朵妈妈 谢谢您的提醒,方便的话周五厂家来的时候您也过来帮我们看看?\n"
        "🌸朵朵妈妈:可以的 我周五上午请个假过来👌\n"
        "🐯浩浩爸爸:👍👍\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "群聊.txt", text)]
    assert got == [("王园长", "周五前"), (None, None), ("朵朵妈妈", "周五")]


def test_zh_a_topic_then_its_deeds_each_with_its_own_doer(tmp_path: Path) -> None:
    """ "急诊留观:电路改造由后勤科赵建国负责,6月15日前完成;改完以后药剂科牵头装柜,6月底前上线":
    a ward named first, then two deeds, each its doer's (赵建国 without his desk; 药剂科 after
    "改完以后", which says when) and each with its own date."""
    text = (
        "# 智能药柜复盘 2026年5月22日\n\n## 五、下一步\n"
        "- 急诊留观:电路改造由后勤科赵建国负责,6月15日前完成;改完以后药剂科牵头装柜,"
        "6月底前上线\n"
    )
    retro = _draft(tmp_path, "复盘.md", text)
    got = [(a.owner, a.due.date) for a in retro.action_items]
    assert got == [("赵建国", date(2026, 6, 15)), ("药剂科", date(2026, 6, 30))]


def test_zh_a_mail_s_sender_and_the_one_named_with_them_both_own_the_deed(
    tmp_path: Path,
) -> None:
    """ "发件人: 韩志刚 <…>" wrote the mail, so "我和刘会计一起出方案,本周五前报周校长" is his and
    刘会计's together."""
    text = (
        "发件人: 韩志刚 <hanzhigang@example.com>\n收件人: 招生部全体; 财务 刘会计\n"
        "时间: 2026年9月7日(星期一) 10:32\n主题: 暑期招生回顾 + 接下来几件事\n\n各位好,\n\n"
        "接下来几件事:\n1. 转介绍政策怎么恢复,我和刘会计一起出方案,本周五前报周校长\n\n韩志刚\n"
    )
    retro = _draft(tmp_path, "邮件.txt", text)
    got = [(a.owner, a.due.date) for a in retro.action_items]
    assert got == [("韩志刚、刘会计", date(2026, 9, 11))]


def test_a_follow_ups_line_in_a_message_hands_out_the_lines_under_it(tmp_path: Path) -> None:
    """ "Follow ups:" inside a Slack message opens a list of actions like "Actions:" does; in it,
    "Priya + Marcus, split …" is both people's, and "Jo to write …" is Jo's."""
    text = (
        "#incidents\nMonday, May 18th\n\n"
        "Priya Nair  9:14 AM\nis anyone else's phone line dead??\n\n"
        "Kev Osei  9:33 AM\nfound it. a holiday closure on the main call flow\n\n"
        "Kev Osei  10:02 AM\nclosure removed, lines ring through ✅\n\n"
        "Dana Whitfield  2:47 PM\nQuick write-up:\n231 calls hit the closed message.\n"
        "Follow ups:\n"
        "Priya + Marcus, split the 231 numbers from the report by site and ring them back today\n"
        "Jo to write a one-page how-to for holiday closures\n\n"
        "Kev Osei  2:55 PM\nthanks\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "slack.txt", text)]
    assert got == [("Priya + Marcus", "today"), ("Jo", None)]


_BIDDEN_CHAT = (
    "[12/03/2026, 19:42] Tariq Haddad: Right, proper look back while it's fresh\n"
    "[12/03/2026, 19:46] Megan Ellis: Goal was sub 4. Got 4:17:32.\n"
    "[12/03/2026, 20:17] Tariq Haddad: And get the physio to look at that calf properly before"
    " you start back. This week ideally\n"
    "[12/03/2026, 20:18] Megan Ellis: yep I'll ring them tomorrow\n"
    "[12/03/2026, 20:25] Tariq Haddad: send me the Garmin file when you get a sec\n"
    "[12/03/2026, 20:28] Megan Ellis: <attached: Marathon_Sunday.fit>\n"
)


def test_a_deed_bidden_in_a_chat_between_two_is_owned_by_the_one_who_says_yes(
    tmp_path: Path,
) -> None:
    """In a chat between two, "And get the physio to look at that calf … This week ideally"
    answered "yep I'll ring them tomorrow" is the answerer's, due tomorrow; a bid answered with
    no yes ("send me the Garmin file" - an attachment) is no action, and among three people a
    bare imperative is nobody's to take."""
    retro = _draft(tmp_path, "chat.txt", _BIDDEN_CHAT)
    got = [(a.owner, a.due.date, a.action) for a in retro.action_items]
    assert got == [
        (
            "Megan Ellis",
            date(2026, 3, 13),
            "get the physio to look at that calf properly before you start back",
        ),
    ]
    three = _BIDDEN_CHAT + "[12/03/2026, 20:31] Sam Okafor: 👏 well done Megan\n"
    assert not _draft(tmp_path, "chat.txt", three).action_items


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        (
            "Lucy, Dev — could you two do a thank-you video for the backers before the Easter"
            " concert?",
            "Lucy + Dev",
            "before the Easter concert",
        ),
        ("Ana and Tom, can you both send the survey by Friday?", "Ana + Tom", "Friday"),
        # a topic, then one person: not two people
        ("Survey, Sam, can you get the branch survey out by Friday?", "Sam", "Friday"),
    ],
    ids=["you-two", "you-both", "topic-then-one"],
)
def test_an_ask_of_several_people_by_name_is_theirs_together(
    tmp_path: Path, line: str, owner: str, due: str
) -> None:
    text = f"WEBVTT\n\n1\n00:01:00.000 --> 00:01:09.000\nBernie Walsh: {line}\n"
    assert [(o, d) for o, d, _a in _actions(tmp_path, "call.vtt", text)] == [(owner, due)]


def test_an_ask_with_its_reason_after_it_is_still_an_ask(tmp_path: Path) -> None:
    """ "Can you have the matched list by Thursday? I want it in front of me when I talk to the
    council." answered "Yeah, Thursday's fine.": the question is the ask, the reason after it
    is no part of it, and the one who says yes owns it."""
    text = (
        "WEBVTT\n\nNOTE Crowdfunder look back, recorded 10 March 2026\n\n"
        "1\n00:01:00.000 --> 00:01:09.000\nBernie Walsh: Can you have the matched list by"
        " Thursday? I want it in front of me when I talk to the council.\n\n"
        "2\n00:01:10.000 --> 00:01:12.000\nKwame Asante: Yeah, Thursday's fine.\n"
    )
    retro = _draft(tmp_path, "call.vtt", text)
    got = [(a.owner, a.due.date, a.action) for a in retro.action_items]
    assert got == [("Kwame Asante", date(2026, 3, 12), "have the matched list by Thursday")]


def test_zh_a_name_then_next_time_or_first_owns_the_deed(tmp_path: Path) -> None:
    """ "王浩下次组会前把复现脚本整理好", "刘洋先定位,下周二前给结论": a name, then when or
    "first", then the deed; "老林先讲了一下背景" tells what was said, and hands out nothing."""
    text = (
        "# 组会纪要 2026年5月12日\n\n老林先讲了一下背景:投稿季从3月做到5月。\n\n"
        "会上定了:\n王浩下次组会前把复现脚本整理好。\n刘洋先定位,下周二前给结论要不要降SDK版本。\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "纪要.md", text)]
    assert got == [("王浩", "下次组会前"), ("刘洋", "下周二前")]


def test_zh_family_who_said_they_would_own_the_deed(tmp_path: Path) -> None:
    """In a personal note, "老公说这周末再约工长来看一次" and "我老公说学校附近找房子归他管,8月底前
    搞定" are the husband's, "我爸说下个月来帮忙装" the father's (one character, kept as the
    writer calls him); "老公说装修太累了" says nothing he will do."""
    text = (
        "装修复盘 2026年5月20日\n\n厨房比预算超了8000。老公说装修太累了。\n"
        "老公说这周末再约工长来看一次。\n我老公说学校附近找房子归他管,8月底前搞定。\n"
        "储藏室的搁板我爸说下个月来帮忙装。\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "笔记.txt", text)]
    assert got == [("老公", "这周末"), ("老公", "8月底前搞定"), ("爸", "下个月")]


def test_who_said_they_would_after_a_lead_in_and_when_then_i_in_chinese(tmp_path: Path) -> None:
    """ "Before we closed, Clare said she'll take the shortfall to the trustees on 3 February" is
    Clare's though the sentence opens on a lead-in; in a chat, "明天早上我7点10分就到门口" (when,
    then I, then the deed) is the speaker's, due tomorrow."""
    minutes = (
        "Adoption appeal wrap-up, 15 January 2026\n\nTakings were down on last year.\n\n"
        "Before we closed, Clare said she'll take the income shortfall to the trustees on"
        " 3 February.\n"
    )
    retro = _draft(tmp_path, "minutes.txt", minutes)
    assert [(a.owner, a.due.date) for a in retro.action_items] == [("Clare", date(2026, 2, 3))]
    chat = (
        "家长群\n2026年11月17日 07:42\n"
        "王园长:今天早上闸机出了问题,大家久等了\n朵朵妈妈:排了45分钟\n"
        "陈老师:队伍基本清完了\n朵朵妈妈:辛苦了\n"
        "王园长:明天起门卫提前开机预热\n陈老师:明天早上我7点10分就到门口,有问题第一时间在群里说\n"
        "浩浩爸爸:👍\n"
    )
    retro = _draft(tmp_path, "群聊.txt", chat)
    got = [(a.owner, a.due.date) for a in retro.action_items if "7点10分" in a.action]
    assert got == [("陈老师", date(2026, 11, 18))]


def test_zh_a_desk_before_the_name_then_when(tmp_path: Path) -> None:
    text = (
        "# 停电复盘 2026年11月13日\n\n## 整改\n3. 夜班电工增加到2人,人事何丽下周五前把排班排好。\n"
    )
    assert [(o, d) for o, d, _a in _actions(tmp_path, "复盘.md", text)] == [("何丽", "下周五前")]


def test_zh_a_list_heading_in_a_chat_message_hands_out_the_lines_under_it(tmp_path: Path) -> None:
    text = (
        "【仓库应急群】 2026年11月6日 星期五\n"
        "冯涛 20:02\n@所有人 仓库网断了,扫码枪全掉线\n"
        "马骏 20:03\n收到 在路上了\n"
        "马骏 20:31\n交换机电源坏了,换了个临时的,网回来了\n"
        "周敏 22:10\n仓库断网那事我写了个小结,大家看看\n"
        "1. 影响:两个小时发不了货\n2. 原因:交换机电源老化\n3. 待办:\n"
        "@马骏 下周二前把备用交换机装上\n"
        "由周敏负责,月底前出巡检表\n"
        "冯涛牵头跟运营商对一下专线\n"
        "高远:断网告警,下周五上线\n"
        "马骏 22:14\n收到。顺便问下明天谁值班?\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "群聊.txt", text)]
    assert got == [
        ("马骏", "下周二前"),
        ("周敏", "月底前"),
        ("冯涛", None),
        ("高远", "下周五"),
    ]


def test_zh_paragraphs_after_work_is_handed_out_each_name_their_doer(tmp_path: Path) -> None:
    text = (
        "社区义诊筹备会 会议纪要 2026年11月16日\n\n"
        "张院长主持,护理部、药房和志愿者队都有人参加。上次义诊排队太久,这次要改。\n\n"
        "接下来分工如下,会上当场确认。\n\n"
        "张院长问何护士长能不能把分诊台挪到门口,先试一次看看,何护士长说可以,她来安排。\n\n"
        "药房的赵科长说他明天就给供货商打电话,把降压药的库存补上。\n\n"
        "志愿者不够的事,张院长说他去找街道商量能不能多派几个人,周五前给大家答复。\n\n"
        "关于要不要收挂号费,大家意见不一样,讨论了一会没有结论,先放一放。\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "纪要.txt", text)]
    assert got == [("何护士长", None), ("赵科长", "明天"), ("张院长", "周五前")]


@pytest.mark.parametrize(
    ("opening", "writer"),
    [
        ("ok so. um. this is Tess, end-of-season brain dump, just for me.", "Tess"),
        ("Hi all, it's Priya here - quick recap of the bake sale.", "Priya"),
        ("It's Monday, so here's the recap of the bake sale.", None),
    ],
)
def test_a_speaker_who_says_who_they_are_owns_their_plans(
    tmp_path: Path, opening: str, writer: str | None
) -> None:
    text = f"{opening}\nactual to-dos. I'll redo the pricing sheet this weekend.\n"
    got = [(o, d) for o, d, _a in _actions(tmp_path, "note.txt", text)]
    assert got == [(writer, "this weekend")]


@pytest.mark.parametrize("replies", [0, 1])
def test_a_mails_header_fields_hand_out_no_work(tmp_path: Path, replies: int) -> None:
    mail = (
        "From: Dana Whitfield <dana@example.org>\n"
        "Sent: Monday, August 31, 2026 4:52 PM\n"
        "To: Marcus Oyelaran; Priya Nair\nSubject: Bake sale wrap-up\n\n"
        "Hi all, we raised $1,240 against the $1,000 we hoped for.\n"
        "Marcus: book the hall for spring, by Friday\n\nDana\n"
    )
    reply = (
        "From: Priya Nair <priya@example.org>\n"
        "Sent: Tuesday, September 1, 2026 9:15 AM\n"
        "To: Dana Whitfield\nCc: Marcus Oyelaran\nSubject: RE: Bake sale wrap-up\n\n"
        "Great result. I'll send the thank-you cards tomorrow.\n\n"
    )
    got = [(o, d) for o, d, _a in _actions(tmp_path, "thread.txt", reply * replies + mail)]
    want = [("Marcus", "Friday")]
    assert got == ([("Priya Nair", "tomorrow")] if replies else []) + want


def test_name_dash_action_dash_full_date(tmp_path: Path) -> None:
    text = (
        "# Incident report, 12 Nov 2026\n\n## Action items\n\n"
        "- Priya Shah — rotate the push key — 16 Nov 2026\n"
        "- Tomasz Wójcik — cap staging sends at 500 recipients — 2026-11-27\n"
        "- Dana Ruiz — reply to the store reviews, November 20, 2026\n"
    )
    retro = _draft(tmp_path, "report.md", text)
    got = [(a.owner, a.action, a.due.date if a.due else None) for a in retro.action_items]
    assert got == [
        ("Priya Shah", "rotate the push key", date(2026, 11, 16)),
        ("Tomasz Wójcik", "cap staging sends at 500 recipients", date(2026, 11, 27)),
        ("Dana Ruiz", "reply to the store reviews", date(2026, 11, 20)),
    ]


def test_en_a_printed_mail_thread_gives_i_will_to_each_mails_writer(tmp_path: Path) -> None:
    text = (
        "Subject: spring drive wrap\n\n"
        "Gloria Okafor <gokafor@wrvh.org>                 Tue, Apr 28, 2026, 9:14 AM\n"
        "to Dennis, Teddy\n\n"
        "We set $185,000 as the goal and closed at $171,400.\nG\n\n"
        "Teddy Ruiz <truiz@wrvh.org>                      Tue, Apr 28, 2026, 11:37 AM\n"
        "to Dennis, Gloria\n\n"
        "I'll cut a 30-sec thank-you promo tomorrow and get it to traffic.\n\n"
        "Dennis Marsh <dmarsh@wrvh.org>                   Tue, Apr 28, 2026, 2:31 PM\n"
        "to Gloria, Teddy\n\n"
        "I'll call Marianne about the shortfall next week.\n"
    )
    retro = _draft(tmp_path, "thread.txt", text)
    got = {a.owner: a.due.date for a in retro.action_items}
    assert got == {"Teddy Ruiz": date(2026, 4, 29), "Dennis Marsh": date(2026, 5, 8)}
    assert not any("Okafor" in h.title or "to Dennis" in h.title for h in retro.highlights)


def test_en_a_reddit_post_and_its_comments_give_i_will_to_each_writer(tmp_path: Path) -> None:
    text = (
        "**r/electricians** · Posted by u/sparky_in_training · 1st year apprentice\n\n"
        "## One year in as an apprentice\n\n"
        "I'm registering for the 2nd year block by the end of next week.\n\n"
        "---\n\n"
        "**u/OldSparky_73** · 412 pts\n\n"
        "Good writeup. I'll dig out my old tabbed code book for you tomorrow.\n\n"
        "**u/brkr_bar** · 6 pts\n\n"
        "the warehouse pays more first year but you made the right call lol\n"
    )
    retro = _draft(tmp_path, "post.md", text)
    owners = {a.owner for a in retro.action_items}
    assert owners == {"sparky_in_training", "OldSparky_73"}
    said = [h.title for h in retro.highlights] + [lesson.statement for lesson in retro.lessons]
    assert not any("pts" in t or "u/" in t for t in said)  # a byline is no item


def test_en_a_forum_post_byline_names_its_writer(tmp_path: Path) -> None:
    text = (
        "## One year on my own authority\n\n"
        "**DieselDave_KS** · Owner-Operators forum · Sun Sep 13, 2026 9:14 pm\n\n"
        "Next year:\n"
        "- I'll call 3 other insurance agents before the renewal\n"
        "- $300/wk auto-transfer into the maintenance fund starting this Friday\n"
    )
    retro = _draft(tmp_path, "post.md", text)
    assert {a.owner for a in retro.action_items} == {"DieselDave_KS"}


def test_zh_a_wechat_article_byline_names_its_writer_and_its_footer_is_no_item(
    tmp_path: Path,
) -> None:
    text = (
        "# 回去上班的第一年\n\n原创 小满妈妈  后半场也要好好过\n\n"
        "明年的打算:\n"
        "- 我打算过完年就找主管谈一次,把一部分对账挪到月中\n"
        "- 下个月开始每天早上6点起来看一小时书\n\n"
        "阅读 2.3万  点赞 412  在看 386\n"
    )
    retro = _draft(tmp_path, "article.md", text)
    assert {a.owner for a in retro.action_items} == {"小满妈妈"}
    assert not any("阅读" in a.action for a in retro.action_items)


def test_zh_a_question_answered_yes_by_the_next_voice_is_theirs(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:03:07.900 --> 00:03:13.620\n"
        "<v 周凯>码表同步这个事 你下周三之前能把自动同步的脚本弄好吗\n\n"
        "00:03:14.620 --> 00:03:17.700\n<v 赵宇航>码表是吧 可以 下周三没问题\n\n"
        "00:03:38.320 --> 00:03:43.600\n<v 周凯>然后Excel导入换成页面配置 这个年底前能上吗\n\n"
        "00:03:44.600 --> 00:03:47.240\n<v 王芳>得排期 我尽量 年底前吧\n\n"
        "00:03:50.000 --> 00:03:52.000\n<v 周凯>小赵你能听到我说话吗 你来得正好\n\n"
        "00:03:53.000 --> 00:03:54.000\n<v 赵宇航>可以 能听到\n"
    )
    got = _actions(tmp_path, "retro.vtt", text)
    assert [(owner, due) for owner, due, _ in got] == [("赵宇航", "下周三之前"), ("王芳", "年底前")]
    assert "脚本弄好" in got[0][2] and not got[0][2].endswith("吗")


def test_en_a_question_answered_sure_by_the_next_voice_is_theirs(tmp_path: Path) -> None:
    text = (
        "[10:02 AM] Priya: the export broke again last night\n"
        "[10:03 AM] Priya: can you get the fixed export to me by Friday?\n"
        "[10:04 AM] Marco: sure, will do\n"
        "[10:05 AM] Priya: can you hear me ok?\n"
        "[10:05 AM] Marco: yes\n"
    )
    got = _actions(tmp_path, "chat.txt", text)
    assert got == [("Marco", "by Friday", "get the fixed export to me by Friday")]


def test_zh_before_the_next_meeting_is_a_due_not_a_lesson(tmp_path: Path) -> None:
    text = (
        "店长周会纪要\n\n问题:\n- 3号店有两只猫打了过期批次的疫苗\n\n"
        "后续:\n- @Kelly 下周五前把批号改成必填\n"
        "- 厂家 credit 的事 Jason 继续跟, 下次店长会前给个数\n\n"
        "经验:\n- 下次先看日志再说\n"
    )
    retro = _draft(tmp_path, "minutes.md", text)
    assert [(a.owner, a.due.text) for a in retro.action_items] == [
        ("Kelly", "下周五前"),
        ("Jason", "下次店长会前"),
    ]
    assert [lesson.statement for lesson in retro.lessons] == ["下次先看日志再说"]


@pytest.mark.parametrize(
    ("text", "wanted", "not_an_action"),
    [
        (
            "#inc-0509-harbour-arena-scans\n\n"
            "[6:44 PM] Dana Whitfield: opening this, gates are rejecting mobile tickets\n"
            "[7:31 PM] Dana Whitfield: scan logs agree, reject rate under 1% on every gate\n"
            "[11:48 PM] Dana Whitfield: wrap-up for tonight, proper postmortem doc to follow:\n"
            "• the rotating QR window was cut to 15s and the handhelds run slow\n"
            "actions:\n"
            "Ben — revert properly in code, not just the flag. next sprint\n"
            "me: postmortem doc Tuesday\n"
            "[11:52 PM] Marcus Osei: 👍 thanks all\n",
            {("Ben", "next sprint"), ("Dana Whitfield", "Tuesday")},
            "thanks all",
        ),
        (
            "陈晓东  21:02\n各位,充电桩大面积离线,先拉个群\n"
            "马骏  21:05\n在查了,连接数到顶了\n"
            "陈晓东  21:40\n简单复盘一下,正式报告明天出\n"
            "行动项:\n"
            "马骏 — 把新站接入的SOP写出来,这周五前\n"
            "我:周一前把复盘报告发群里\n"
            "王芳  21:45\n👍 收到\n",
            {("马骏", "这周五前"), ("陈晓东", "周一前")},
            "收到",
        ),
    ],
    ids=["en", "zh"],
)
def test_an_actions_line_inside_a_chat_message_lists_the_lines_under_it(
    tmp_path: Path, text: str, wanted: set[tuple[str, str]], not_an_action: str
) -> None:
    """ "actions:" inside a wrap-up message heads the message's next lines, "Ben — …" and the
    writer's own "me: …"; the next person's message is no action of that list."""
    found = _actions(tmp_path, "chat.txt", text)
    assert wanted <= {(owner, due) for owner, due, _ in found}, found
    assert not any(not_an_action in action for _, _, action in found)


def test_zh_someone_leading_a_task_after_a_rule_in_the_same_message_is_an_action(
    tmp_path: Path,
) -> None:
    """ "新站接入以后必须走变更。马骏牵头把SOP写出来,这周五前": the rule is a lesson, and the
    task handed to 马骏 in the same message is still an action."""
    text = (
        "陈晓东  20:40\n今晚充电桩大面积离线,软件园站先断开了\n"
        "王芳  20:46\n没问题\n"
        "陈晓东  20:48\n新站接入以后必须走变更、放凌晨。马骏牵头把新站接入的SOP写出来,这周五前\n"
        "王芳  20:50\n好的\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert ("马骏", "这周五前") in {(owner, due) for owner, due, _ in found}, found


def test_zh_a_weekly_reports_next_week_heading_heads_its_actions(tmp_path: Path) -> None:
    """ "四、下周&后续" in a 周报 names next week's work twice over: its bullets are actions."""
    text = (
        "# 开学季活动总结 & W36周报\n\n> 林晓雯(市场部·门店活动组) | 2026/9/7 周一 | cc:周总\n\n"
        "## 三、问题\n\n- 美团团购券核销率只有23%\n\n"
        "## 四、下周&后续\n\n"
        "- @李姐 退换单冲帐麻烦本周五前弄完,我好出终版\n"
        "- 我下周二前把KOC合作模板改好,发给法务看\n"
        "- 国庆档方案:我出初稿,下周五一起过\n"
    )
    found = _actions(tmp_path, "weekly.md", text)
    mine = [(owner, action) for owner, _, action in found if "KOC" in action or "国庆档" in action]
    assert len(mine) == 2 and all(owner == "林晓雯" for owner, _ in mine), found


def test_zh_someone_already_on_it_owns_the_item(tmp_path: Path) -> None:
    """ "人事小陈在跟" names who is following it up, as "继续跟" does."""
    text = (
        "W36周报\n\n## 下周&后续\n\n"
        "- 城东店补招1名验光师,人事小陈在跟,月底前到岗\n"
        "- 投诉回访的事阿杰在盯,周三前给结论\n"
    )
    found = _actions(tmp_path, "weekly.md", text)
    assert [(owner, due) for owner, due, _ in found] == [("小陈", "月底前"), ("阿杰", "周三前")]


def test_zh_a_topic_then_who_leads_it(tmp_path: Path) -> None:
    """ "奖励配置双人核对的流程婷婷牵头,月底前定下来": the process is the topic, 婷婷 leads it."""
    text = (
        "周亦凡(策划) 14:20\n春节活动复盘,大家补充\n"
        "周亦凡(策划) 14:24\n奖励配置双人核对的流程婷婷牵头,月底前定下来\n"
        "婷婷(运营) 14:25\n好的\n"
    )
    found = _actions(tmp_path, "chat.txt", text)
    assert ("婷婷", "月底前") in {(owner, due) for owner, due, _ in found}, found


_DEEDS_MINUTES = (
    "Fellside Brewing - canning line review\nThursday 21 May 2026, taproom\n\n"
    "Next\nKev: write up the seamer set-up SOP, by 5 June.\n"
    "Ruth will call the lid supplier and Sandeep will put a reorder point in the stock sheet, "
    "both before the June brew schedule goes out.\n"
)
_DEEDS_TALK = (
    "WEBVTT\n\n1\n00:03:21.000 --> 00:03:28.400\n"
    "Priya Nair: And the DVDs, Gwen does the DVD item types and Sam rechecks the shelves at "
    "Eastfield, both before summer reading starts.\n\n2\n00:03:29.000 --> 00:03:31.000\n"
    "Gwen Doyle: Fine by me.\n"
)


@pytest.mark.parametrize(
    ("name", "text", "want"),
    [
        (
            "minutes.txt",
            _DEEDS_MINUTES,
            [
                ("Ruth", "before the June brew schedule goes out", "call the lid supplier"),
                ("Sandeep", "before the June brew schedule goes out", "put a reorder point"),
            ],
        ),
        (
            "call.vtt",
            _DEEDS_TALK,
            [
                ("Gwen", "before summer reading starts", "the DVD item types"),
                ("Sam", "before summer reading starts", "rechecks the shelves at Eastfield"),
            ],
        ),
    ],
    ids=["minutes", "talk"],
)
def test_each_person_given_a_deed_in_one_line_has_an_action_with_the_day_they_share(
    tmp_path: Path, name: str, text: str, want: list[tuple[str, str, str]]
) -> None:
    """ "Ruth will call X and Sandeep will put Y, both before Z": two actions, one each, both
    due before Z; said in a call, the words before the first name ("And the DVDs,") are no
    part of either."""
    got = [a for a in _actions(tmp_path, name, text) if a[0] != "Kev"]
    assert len(got) == len(want), got
    for (owner, due, action), (w_owner, w_due, w_action) in zip(got, want, strict=True):
        assert (owner, due) == (w_owner, w_due)
        assert w_action in action and " and " not in action


def test_a_guest_named_and_a_list_of_things_are_one_deed(tmp_path: Path) -> None:
    """A capitalised word and a plural after "and" are no second person and deed: "reconcile
    the Stripe and Bloomerang totals", "the Polish and Arabic texts"."""
    text = (
        "From: Ana\nSent: 2 July 2026\n\nTom, could you reconcile the Stripe and Bloomerang "
        "totals before our July 14 meeting?\n\nI'll chase the translator tomorrow and get the "
        "Polish and Arabic texts to Tomasz by end of next week.\n"
    )
    actions = [a for _o, _d, a in _actions(tmp_path, "mail.txt", text)]
    assert any("Stripe and Bloomerang totals" in a for a in actions), actions
    assert not any(a.startswith(("Bloomerang", "Arabic", "texts")) for a in actions), actions


@pytest.mark.parametrize(
    ("name", "text", "want"),
    [
        (
            "whatsapp.txt",
            "[26/05/2026, 10:28:02] Carol Penrose: so who does what\n"
            "[26/05/2026, 10:33:18] Carol Penrose: So: Pete -> boiler man before the summer "
            "holidays, Ellie -> refunds today, me -> reply to the reviews tonight\n"
            "[26/05/2026, 10:35:09] Pete Penrose: 👍\n",
            [
                ("Pete", None, "boiler man"),
                ("Ellie", date(2026, 5, 26), "refunds"),
                ("Carol Penrose", date(2026, 5, 26), "reply to the reviews"),
            ],
        ),
        (
            "wechat.txt",
            '"果园小铺"的聊天记录\n\n—————  2026-09-28  —————\n\n芬姐 21:28\n中秋这波大家辛苦了\n'
            "小钟 21:29\n辛苦辛苦\n芬姐 21:30\n"
            "那就这样:小钟 -> 售后客户拉表,明天中午前, 老周 -> 冷库对账 下周一前, "
            "我 -> 王阿姨那单今晚打电话\n小钟 21:31\n👌\n",
            [
                ("小钟", date(2026, 9, 29), "售后客户拉表"),
                ("老周", date(2026, 10, 5), "冷库对账"),
                ("芬姐", date(2026, 9, 28), "王阿姨那单"),
            ],
        ),
    ],
    ids=["en", "zh"],
)
def test_tasks_handed_out_by_arrows_in_one_message_are_one_action_each(
    tmp_path: Path, name: str, text: str, want: list[tuple[str, date | None, str]]
) -> None:
    """ "So: Pete -> X, Ellie -> Y, me -> Z": an action per arrow, "me" the one who wrote it,
    and nobody called "So"."""
    retro = _draft(tmp_path, name, text)
    got = [(a.owner, a.due.date if a.due else None, a.action) for a in retro.action_items]
    assert len(got) == len(want), got
    for (owner, when, action), (w_owner, w_when, w_action) in zip(got, want, strict=True):
        assert (owner, when) == (w_owner, w_when)
        assert action.startswith(w_action), action


def test_zh_a_line_with_a_second_deed_of_its_own_is_two_actions(tmp_path: Path) -> None:
    """ "…冷凝器都洗了,其他几个库的周五前也洗一遍": the same person again, by another day;
    "由何静负责…,我今晚先把卡充上": someone named for one deed, the writer for the next. A
    clause saying only who or when stays with its deed."""
    chat = (
        '"冷库群"的聊天记录\n\n—————  2026-07-08  —————\n\n陈立伟 20:10\n今天的事大家辛苦了\n'
        "孙国强 20:11\n辛苦\n陈立伟 20:15\n"
        "@李建军 明天下班前把3号库两台机组的冷凝器都洗了,其他几个库的周五前也洗一遍\n"
        "李建军 20:16\n好的\n陈立伟 20:18\n"
        "由何静负责把物联网卡续费改成自动续费,我今晚先把卡充上\n"
        "陈立伟 20:20\n报警加一路语音外呼,由周新负责,下周三前搞定\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    got = [(a.owner, a.due.date if a.due else None, a.action[:6]) for a in retro.action_items]
    assert got == [
        ("李建军", date(2026, 7, 9), "明天下班前把"),
        ("李建军", date(2026, 7, 10), "其他几个库的"),
        ("何静", None, "由何静负责把"),
        ("陈立伟", date(2026, 7, 8), "我今晚先把卡"),
        ("周新", date(2026, 7, 15), "报警加一路语"),
    ]


def test_zh_the_writer_saying_when_they_will_do_it_later_that_day_is_an_action(
    tmp_path: Path,
) -> None:
    """ "到了我当天装好", "纪要我晚点发群里": I, then when (that day, later), then the deed;
    "我一会儿要去库房" says where the speaker is going, not a task."""
    chat = (
        '"冷库群"的聊天记录\n\n—————  2026-07-08  —————\n\n陈立伟 20:10\n今天的事大家辛苦了\n'
        "李建军 20:12\n1号机轴封配件下周一到,到了我当天装好\n"
        "陈立伟 20:15\n会议纪要我晚点发群里\n"
        "孙国强 20:16\n我插一句,我一会儿要去库房\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    got = [(a.owner, a.due.date if a.due else None, a.action) for a in retro.action_items]
    assert got == [
        ("李建军", date(2026, 7, 13), "1号机轴封配件下周一到,到了我当天装好"),
        ("陈立伟", None, "会议纪要我晚点发群里"),
    ]


def test_a_topic_word_before_the_name_asked_is_no_owner(tmp_path: Path) -> None:
    """ "Survey, Sam, can you get the branch staff survey out …?" answered "Yep, fine.": Sam is
    asked; "Survey" names what the ask is about."""
    vtt = (
        "WEBVTT\n\n1\n00:04:04.100 --> 00:04:09.200\n"
        "Priya Nair: Noted. Survey, Sam, can you get the branch staff survey out by the end of "
        "next week?\n\n2\n00:04:09.300 --> 00:04:10.400\nSam Whitlock: Yep, fine.\n"
    )
    assert _actions(tmp_path, "call.vtt", vtt) == [
        ("Sam", "by the end of next week", "get the branch staff survey out")
    ]


@pytest.mark.parametrize(
    ("line", "owner", "due", "action"),
    [
        (
            "- [ ] Workplace certificates for the 47 → Priya + Tom, next week",
            "Priya + Tom",
            date(2026, 5, 15),
            "Workplace certificates for the 47",
        ),
        (
            "- [ ] rev B bootloader: @jbrandt + @dmitri-k, by the 12th",
            "jbrandt + dmitri-k",
            date(2026, 5, 12),
            "rev B bootloader",
        ),
        (
            "- [ ] Sponsor report to Halloway's (Hannah, end of May)",
            "Hannah",
            date(2026, 5, 31),
            "Sponsor report to Halloway's",
        ),
        ("- [ ] 周报模板 → 小王,下周三前", "小王", date(2026, 5, 13), "周报模板"),
    ],
    ids=["arrow", "handles", "brackets", "zh-arrow"],
)
def test_a_deed_then_whom_it_is_handed_to_names_them_as_owners(
    tmp_path: Path, line: str, owner: str, due: date, action: str
) -> None:
    """ "X → Priya + Tom, next week", "X: @a + @b, by the 12th", "X (Hannah, end of May)": the
    deed comes first and the people after it; "Workplace" is not a person who certificates."""
    notes = f"# Ride to Work month wrap-up, 6 May 2026\n\nNext steps\n{line}\n"
    retro = _draft(tmp_path, "notes.md", notes)
    got = [(a.owner, a.due.date if a.due else None, a.action) for a in retro.action_items]
    assert got == [(owner, due, action)]


def test_a_pronoun_is_the_person_the_sentence_before_is_about(tmp_path: Path) -> None:
    """ "Anita's forecast is …. She will send the claim …" is Anita's, never "She"'s; "Gill said
    she'd …, and Martin said he'd …" is a deed each; a pronoun with nobody named before it is
    no owner."""
    minutes = (
        "Lock restoration committee, 14 April 2026\n\nPresent: Anita, Sue, Gill, Martin, Ray.\n\n"
        "2. Money. Anita went through the figures. Anita's forecast is that we finish inside the "
        'money, "if nothing else goes up and Derek finds no more frost damage". She will send '
        "the quarterly claim to the Heritage Fund by the end of the month.\n\n"
        "5. Publicity. Sue would like a history panel by the lock for the summer; Gill said she'd "
        "have a go at the words if someone lends her the old photos, and Martin said he'd dig "
        "them out of the archive boxes in his garage.\n\n"
        "6. Volunteers. The rota is thin in May. She will ask the scouts for help next week.\n"
    )
    retro = _draft(tmp_path, "minutes.txt", minutes)
    got = [(a.owner, a.due.date if a.due else None, a.action[:20]) for a in retro.action_items]
    assert got == [
        ("Anita", date(2026, 4, 30), "send the quarterly c"),
        ("Gill", None, "have a go at the wor"),
        ("Martin", None, "dig them out of the "),
        (None, date(2026, 4, 24), "ask the scouts for h"),
    ]


@pytest.mark.parametrize(
    ("line", "owner", "due"),
    [
        ("- 关键备件清单和最低库存,周敏本周五前报上来", "周敏", "本周五前"),
        ("- 招标文件里加上分批抽检,许嘉负责,8月上会前定稿", "许嘉", "8月上会前"),
        ("- 质保期内巡检按季度来,第一次6月中旬", None, None),
    ],
    ids=["name-then-this-week", "month-before-event", "ordinal"],
)
def test_zh_a_name_or_a_due_ends_where_the_next_word_begins(
    tmp_path: Path, line: str, owner: str | None, due: str | None
) -> None:
    """ "周敏本周五前": 周敏, by this Friday, not "周敏本"; "8月上会前" keeps its month;
    "第一次" (the first time) is nobody."""
    notes = f"# 隧道炉停机复盘 2026-06-10\n\n后续:\n{line}\n"
    got = _actions(tmp_path, "notes.md", notes)
    assert got, notes
    if owner is None:
        assert got[0][0] is None, got
        return
    assert got[0][:2] == (owner, due)


def test_zh_a_name_called_then_you_and_the_deed_is_theirs(tmp_path: Path) -> None:
    """ "陈工,压测方案你下周五前出一个": 陈工 is called, so it is 陈工's; "方案" (a word that
    starts with the family name 方) is nobody."""
    transcript = (
        "说话人1 00:00:01\n五一露营节复盘会,2026年5月8日。\n说话人1 00:10:01\n"
        "好,那后面的事情我说一下,大家看行不行。陈工,压测方案你下周五前出一个,按三倍峰值来。\n"
        "说话人2 00:10:20\n行,没问题。\n"
    )
    got = _actions(tmp_path, "meeting.txt", transcript)
    assert [(o, d) for o, d, _a in got] == [("陈工", "下周五前")]
    assert got[0][2].startswith("压测方案你下周五前出一个")


@pytest.mark.parametrize(
    ("chat", "owner", "due"),
    [
        (
            "企业微信 群聊记录\n\n孙浩 2026-06-12 14:43:10\n"  # a Friday
            "@马建军 你下周把驻点收集的机手反馈整理一份发我?\n"
            "马建军 2026-06-12 14:50:33\n好的 周四前给你\n孙浩 2026-06-12 14:51:10\n👍\n",
            "马建军",
            date(2026, 6, 18),
        ),
        (
            "企业微信 群聊记录\n\n孙浩 2026-06-08 09:00:10\n"  # a Monday
            "刘洋你下周能把日志导一份出来吗?\n刘洋 2026-06-08 09:01:00\n可以 周三前\n"
            "孙浩 2026-06-08 09:02:10\n👍\n",
            "刘洋",
            date(2026, 6, 17),
        ),
        (
            "[15/06/2026, 09:00] Tom: Nadia, can you redo the rota next week?\n"
            "[15/06/2026, 09:02] Nadia: sure, Wednesday\n[15/06/2026, 09:03] Tom: 👍\n",
            "Nadia",
            date(2026, 6, 24),
        ),
    ],
    ids=["zh-mention", "zh-asked", "en"],
)
def test_an_answer_naming_a_day_narrows_the_week_the_ask_gave(
    tmp_path: Path, chat: str, owner: str, due: date
) -> None:
    """Asked for "下周" / "next week" and answered "周四前" / "Wednesday": the day of the week
    asked for, not the end of that week and not the coming Wednesday."""
    retro = _draft(tmp_path, "chat.txt", chat)
    got = [(a.owner, a.due.date if a.due else None) for a in retro.action_items]
    assert got == [(owner, due)]


@pytest.mark.parametrize(
    ("name", "text", "want"),
    [
        (
            "minutes.txt",
            "Lock committee minutes, 14 April 2026\n\n"
            "3. Gates. Hollis & Sons had promised both pairs of gates for March. They are now "
            "saying the end of June, because their oak supplier let them down over the winter. "
            "Martin to ring Hollis's on Thursday and get a firm date in writing. We were lucky "
            "with the stank this winter: the dry spell meant it never overtopped.\n",
            [("Martin", date(2026, 4, 16))],
        ),
        (
            "纪要.txt",
            "急诊分诊系统上线复盘会纪要 2026年6月5日\n\n"
            "夜间抢救室信号差,平板经常掉线,护士只能回护士站补录。会议确定以下分工。"
            "抢救室加装无线AP由孙建军负责,下周五前装好。\n",
            [("孙建军", date(2026, 6, 12))],
        ),
    ],
    ids=["en", "zh"],
)
def test_a_commitment_in_a_paragraph_of_findings_is_still_an_action(
    tmp_path: Path, name: str, text: str, want: list[tuple[str, date]]
) -> None:
    """Prose minutes put who does what in the same paragraph as what went wrong: "Martin to
    ring Hollis's on Thursday …" after a problem and before a stroke of luck is an action."""
    retro = _draft(tmp_path, name, text)
    got = [(a.owner, a.due.date if a.due else None) for a in retro.action_items]
    assert got == want


def test_zh_the_writer_then_when_then_the_deed_in_prose_is_their_action(tmp_path: Path) -> None:
    """Notes with no speaker: "套餐价格我三月底之前重新算一遍", "结项材料我们下周二前整理好",
    "复盘报告我这周写完" (after a lesson in the same paragraph) are actions, the writer's when
    "I" says it, due by the day they name; "三月底" in Chinese numerals is that month's end."""
    notes = (
        "# 家政春节深度保洁复盘 2026-02-20\n\n记录人:周红梅\n\n"
        "年后的安排也跟大家说一声。套餐价格我三月底之前重新算一遍再公布,老客户的价格保留到年中。\n\n"
        "券的规则下次要简化,这个算一条教训吧。复盘报告我这周写完发群里。\n\n"
        "结项材料我们下周二前整理好盖章寄过来。\n"
    )
    retro = _draft(tmp_path, "复盘.md", notes)
    got = [(a.owner, a.due.date if a.due else None, a.action[:6]) for a in retro.action_items]
    assert got == [
        ("周红梅", date(2026, 3, 31), "套餐价格我三"),
        ("周红梅", date(2026, 2, 20), "复盘报告我这"),  # a Friday: this week ends today
        (None, date(2026, 2, 24), "结项材料我们"),  # "we": the team, not the writer alone
    ]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- 设备点检表里加上风机皮带,这个老孙来", "老孙"),
        ("- 题库整理这个陈航做", "陈航"),
        ("- 韩雪回头核一下门店的报损数", "韩雪"),
        ("- 服务器换新之前先把课表查询做成静态缓存,这个周末就弄", None),
    ],
    ids=["this-one-then-who", "this-one-full-name", "who-then-later", "this-weekend"],
)
def test_zh_who_after_this_one_or_before_later_owns_the_deed(
    tmp_path: Path, line: str, owner: str | None
) -> None:
    """ "…,这个老孙来": this one, then who, then "来"; "韩雪回头核一下": who, then "later"; "这个
    周末就弄" says when, and 周 there is no family name."""
    got = _actions(tmp_path, "复盘.md", f"# 隧道炉停机复盘 2026-06-10\n\n## 后续\n{line}\n")
    assert [o for o, _d, _a in got] == [owner]


def test_zh_next_week_then_a_weekday_later_in_the_line_is_that_day_of_next_week(
    tmp_path: Path,
) -> None:
    """ "我下周改一版间距,周三给到刘洋", said on a Monday: next week's Wednesday, not this
    week's and not the end of next week."""
    chat = (
        "企业微信 群聊记录\n\n孙浩 2026-06-08 14:03:12\n按钮太近了,误触三成\n"
        "周婷 2026-06-08 14:30:09\n我下周改一版间距,周三给到刘洋\n"
        "孙浩 2026-06-08 14:31:00\n👍\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    got = [(a.owner, a.due.date if a.due else None) for a in retro.action_items]
    assert got == [("周婷", date(2026, 6, 17))]


@pytest.mark.parametrize(
    ("writer", "owner"),
    [("韩雪-门店运营", "韩雪"), ("陈国栋－供应链", "陈国栋"), ("教务处-刘红梅", "刘红梅")],
    ids=["desk-after-dash", "desk-after-full-width-dash", "desk-before"],
)
def test_zh_a_chat_name_with_the_desk_after_a_dash_owns_as_the_person(
    tmp_path: Path, writer: str, owner: str
) -> None:
    """A Feishu or WeCom display name "韩雪-门店运营" is 韩雪, as "教务处-刘红梅" is 刘红梅."""
    chat = (
        "企业微信 群聊记录\n\n孙浩 2026-06-12 14:03:12\n今天吐司缺货了,23家店没货\n"
        f"{writer} 2026-06-12 14:31:00\n今天缺货的23家我今晚在门店群发个说明\n"
        "孙浩 2026-06-12 14:32:00\n👍\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    assert [a.owner for a in retro.action_items] == [owner]


def test_zh_a_short_name_is_the_one_writer_it_can_be(tmp_path: Path) -> None:
    """ "老邓", "阿彬" and "子航" in a chat whose writers are 邓国平, 陈彬 and 周子航 are those
    people; "小陈" stays as written when two writers are 陈s."""
    chat = (
        "钉钉群聊记录\n\n邓国平 2026-03-02 09:00:00\n泵站昨晚又停了一次\n"
        "陈彬 2026-03-02 09:01:00\n收到\n周子航 2026-03-02 09:02:00\n我看了下日志\n"
        "陈晓 2026-03-02 09:03:00\n好\n"
        "孙涛 2026-03-02 09:10:00\n"
        "1. 备用泵这周内巡一遍,老邓牵头\n"
        "2. 3月5号前把值班名单定下来,阿彬你来弄\n"
        "3. 告警规则由子航负责,下周五前改完\n"
        "4. 用户回访由小陈负责,周三前\n"
    )
    retro = _draft(tmp_path, "chat.txt", chat)
    assert [a.owner for a in retro.action_items] == ["邓国平", "陈彬", "周子航", "小陈"]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        (
            "- Gloria asked Priya if she'd run a night-shift vaccine clinic in the autumn - "
            'Priya: "happy to, I\'ll have it set up by 30 Sept"',
            "Priya",
        ),
        (
            '- Marcus asked if Tom could get a one-page "what changed" sheet into every shift '
            "briefing from tomorrow.",
            "Tom",
        ),
    ],
    ids=["asked-name-if", "asked-if-name-could"],
)
def test_the_one_asked_to_take_a_task_on_owns_it(tmp_path: Path, line: str, owner: str) -> None:
    """ "X asked Priya if she'd …", "X asked if Tom could …": the one asked, not the asker."""
    notes = f"Flu season review, minutes, 14 April 2026\n\n## Actions\n{line}\n"
    assert [o for o, _d, _a in _actions(tmp_path, "minutes.md", notes)] == [owner]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- 达人笔记小林月底前再约30篇", "小林"),
        ("- 开放日复盘提了一句,阿杰下次出排期表时拉招生办一起看", "阿杰"),
    ],
    ids=["then-again", "next-time"],
)
def test_zh_who_then_when_then_again_or_next_time_owns_the_deed(
    tmp_path: Path, line: str, owner: str
) -> None:
    """ "小林月底前再约30篇": who, when, "again", the deed; "阿杰下次出排期表…": who, then
    "next time"."""
    got = _actions(tmp_path, "复盘.md", f"# 秋季新品复盘 2026-09-28\n\n## 后续\n{line}\n")
    assert [o for o, _d, _a in got] == [owner]


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("- I'll ring the oven man Monday and book a service", "Monday"),
        ("- I'll put a board on the Otii Thursday and get real numbers", "Thursday"),
        ("- Monday I'm calling 3 other insurance agents", "Monday"),
        ("- Jo to circulate these minutes by EOD tomorrow", "by EOD tomorrow"),
    ],
    ids=["day-then-and", "day-mid-line", "day-first", "eod-tomorrow"],
)
def test_a_day_said_in_passing_is_the_due(tmp_path: Path, line: str, due: str) -> None:
    """A weekday before "and" another deed, or opening the sentence before "I'm", is when;
    "EOD tomorrow" is the end of tomorrow."""
    notes = f"# Ops retro, Wednesday 22 April 2026\n\n## Actions\n{line}\n"
    retro = _draft(tmp_path, "notes.md", notes)
    got = [(a.due.text, a.due.date) for a in retro.action_items]
    when = {"Monday": date(2026, 4, 27), "Thursday": date(2026, 4, 23)}.get(due, date(2026, 4, 23))
    assert got == [(due, when)]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- 回访名单王芳来整理,周五前", "王芳"),
        ("- 报价单陈立峰来出", "陈立峰"),
        ("- 这个事情马上来做", None),
    ],
    ids=["full-name-then-come-and-sort", "full-name-then-come-and-draw-up", "right-away"],
)
def test_zh_a_full_name_then_come_and_do_owns_the_deed(
    tmp_path: Path, line: str, owner: str | None
) -> None:
    """ "回访名单王芳来整理": a topic, a full name, "来", the deed, as "纪要小王来整理" already was;
    "马上来做" (right away) names nobody though 马 is a family name."""
    got = _actions(tmp_path, "复盘.md", f"# 门店回访复盘 2026-06-10\n\n## 后续\n{line}\n")
    assert [o for o, _d, _a in got] == [owner]


@pytest.mark.parametrize(
    ("name", "text", "want"),
    [
        (  # a GitHub issue copied as text: "bmarsh commented 1 hour ago", "… • edited"
            "issue.txt",
            "Postmortem: wiki served from a stale cache, 2026-09-15 #812\n"
            "Open  tkiri opened this issue 2 hours ago · 3 comments\n\n"
            "tkiri commented 2 hours ago • edited\n"
            "The wiki showed last week's pages for most of the morning.\n"
            "The purge job failed quietly and nothing checked it.\n\n"
            "jolsen commented 1 hour ago\n"
            "that job is mine. I'll make it fail loudly and page us, PR by Friday\n",
            [("jolsen", "Friday")],
        ),
        (  # a Reddit post pasted without its bold: "u/… OP · 392 points" over a reply
            "post.md",
            "r/running · Posted by u/slow_sam\n\n"
            "## First half marathon done, missed my target by four minutes but I'll take it\n\n"
            "Goal was 1:55, ran 1:59. Went out too fast.\n\n"
            "**Top comments**\n\n"
            "u/pacer_pete · 1.2k points\n"
            "did you fuel at all?\n\n"
            "    u/slow_sam OP · 392 points\n"
            "    nope 🤦 ok I'll buy gels this week\n",
            [("slow_sam", "this week")],
        ),
        (  # a Douban diary: its byline ends on where it was posted from; "我打算" is the writer's
            "diary.txt",
            "# 学吉他一年:从按不住和弦到能弹唱三首\n\n"
            "琴弦上的猫  2026-10-08 22:14:37 浙江\n\n"
            "去年十月买的琴,定的目标是一年能弹唱三首歌,现在算是做到了。\n"
            "中间停了两个月,主要是手指太疼,加上工作忙。\n"
            "接下来:我打算11月报个线下小课,专门练节奏。\n\n"
            "回应\n\n"
            "木棉  2026-10-08 22:40:03\n"
            "厉害!!\n\n"
            "琴弦上的猫  2026-10-09 08:30:21\n"
            "@木棉 谢谢\n",
            [("琴弦上的猫", None)],
        ),
    ],
    ids=["github-comment", "reddit-unbolded", "douban-byline"],
)
def test_a_post_s_byline_names_the_one_who_wrote_what_follows(
    tmp_path: Path, name: str, text: str, want: list[tuple[str, str | None]]
) -> None:
    """A comment's or a post's byline names who wrote the lines under it, so their "I'll …"
    and "我打算…" are theirs."""
    assert [(o, d) for o, d, _a in _actions(tmp_path, name, text)] == want


def test_an_obsidian_note_s_front_matter_names_its_writer_and_tasks_carry_their_dates(
    tmp_path: Path,
) -> None:
    """An Obsidian note: its YAML front matter is no heading ("aliases: […]" over the closing
    "---" is not a setext title) and its author owns the writer's "I'll …"; a task's "📅 date"
    is its due; "Lessons, mostly for me" over a list heads lessons, not more problems."""
    text = (
        "---\ncreated: 2026-06-19\nauthor: Mina Kovac\ntags: [studio, move]\n"
        "aliases: [Studio move retro]\n---\n"
        "# Studio move, 3 wks in\n\n"
        "## What went wrong\n"
        "- the kiln arrived a week late and the firing schedule slipped\n\n"
        "Lessons, mostly for me\n"
        "- book the kiln electrician before signing the lease\n"
        "- label every box with its shelf\n\n"
        "## Next\n"
        "- [ ] Tomas: fix the shelving brackets 📅 2026-06-26\n"
        "I'll email the class list about the new address on Monday too.\n"
    )
    retro = _draft(tmp_path, "note.md", text)
    assert [(a.owner, a.due.date) for a in retro.action_items] == [
        ("Tomas", date(2026, 6, 26)),
        ("Mina Kovac", date(2026, 6, 22)),
    ]
    assert [x.statement for x in retro.lessons] == [
        "book the kiln electrician before signing the lease",
        "label every box with its shelf",
    ]
    assert all("Studio move retro" not in p.title for p in retro.problems)


def test_open_tasks_copied_from_a_task_list_carry_their_assignee_and_due(tmp_path: Path) -> None:
    """Asana's list view copied as text: "☐ task · assignee · Due Apr 24" is an open task, its
    owner and due in their fields; "☐ Cigna" under it is one of its steps, and "✓ … ·
    Completed …" is done work, not an action."""
    text = (
        "Harbour Vets — new surgery move\nAsana project · copied from List view Apr 17, 2026\n\n"
        "Clients & team\n"
        "  ✓ Tell clients (email + text) · Priya Shah · Due Mar 16 · Completed Mar 13\n"
        "  ☐ Update the address with pet insurers · Priya Shah · Due Apr 24\n"
        "      ✓ Petplan\n"
        "      ☐ Cigna\n"
        "  ☐ Hand the old keys back · Tom Reed · Due Apr 30\n"
    )
    assert [(o, d) for o, d, _a in _actions(tmp_path, "asana.txt", text)] == [
        ("Priya Shah", "Apr 24"),
        ("Tom Reed", "Apr 30"),
    ]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- 主备切换逻辑由自控班王建军负责,下周五前核一遍", "王建军"),
        ('- 排期表模板加"提测日"一列(林可今天改)', "林可"),
        ("- PS Doyle will send the incident data broken down by ward", "Doyle"),
        ("- Cllr Patel will raise the bay count at full council", "Cllr Patel"),
    ],
    ids=["desk-ban", "paren-name-then-when", "rank-ps", "title-cllr"],
)
def test_an_owner_behind_a_desk_a_rank_or_with_when_in_brackets(
    tmp_path: Path, line: str, owner: str
) -> None:
    """A shift's desk before a name ("自控班王建军"), a rank or title ("PS Doyle", "Cllr
    Patel"), and a name with when it happens in brackets ("(林可今天改)") name the owner."""
    assert [o for o, _d, _a in _actions(tmp_path, "notes.txt", f"复盘\n\n后续:\n{line}\n")] == [
        owner
    ]


@pytest.mark.parametrize(
    ("name", "text", "owners"),
    [
        (
            "notes.md",
            "Notes\n\n## Actions\n- Insurance: Jas will ring the broker tomorrow\n",
            ["Jas"],
        ),
        ("notes.md", "Notes\n\n## Next\n- Home weekends go on the calendar FIRST\n", [None]),
        (
            "call.txt",
            "刘建国 00:00:05\n那我们过一下。\n赵一凡 00:00:31\n好,我先说经过。\n徐工 00:02:40\n"
            "我补充一下,我们还在跟运营商要日志,估计周五前能给到。\n刘建国 00:03:05\n行。\n",
            ["徐工"],
        ),
    ],
    ids=["topic-label-then-doer", "home-is-no-name", "zh-guess-when-delivered"],
)
def test_the_doer_over_a_topic_label_and_a_guess_at_when_it_is_delivered(
    tmp_path: Path, name: str, text: str, owners: list[str | None]
) -> None:
    """ "Insurance: Jas will ring the broker": Jas, not the topic; "Home weekends …" names
    nobody; "我们还在跟运营商要日志,估计周五前能给到" is the speaker's promise, not 估计's."""
    assert [o for o, _d, _a in _actions(tmp_path, name, text)] == owners


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- @厂家 李工 下周五前出方案", "李工"),
        ("- 播放器闪退 @星辰科技 王经理 下周一给修复包", "王经理"),
        ("- @小王 云台图纸整理进群文件", "小王"),
    ],
    ids=["firm-then-engineer", "topic-firm-then-manager", "person-alone"],
)
def test_zh_a_firm_mentioned_then_its_person_owns_the_deed(
    tmp_path: Path, line: str, owner: str
) -> None:
    """ "@厂家 李工 下周五前出方案": the firm is tagged, the person after it does the work; a
    person tagged alone still owns it (guard)."""
    assert [o for o, _d, _a in _actions(tmp_path, "notes.txt", f"复盘\n\n后续:\n{line}\n")] == [
        owner
    ]


def test_zh_my_family_and_coming_down_are_no_deeds_but_going_back_to_check_is(
    tmp_path: Path,
) -> None:
    """In a chat, "我家老头子下午要去医院" is about the speaker's family and "我7点40下来的时候…"
    tells how they came downstairs: no task. "我回去跟财务对一下,下周三前答复您" still is
    (guard)."""
    chat = (
        "「云栖苑5栋业主交流群」的聊天记录\n\n"
        "1203王阿姨: 电梯怎么又不动了?两台都不动\n"
        "2206小刘: 我7点40下来的时候2号梯还是好的啊\n"
        "1203王阿姨: 我家老头子下午要去医院透析,住12楼,怎么下去??\n"
        "2206小刘: 物业电话打了三遍没人接\n"
        "物业经理: 我回去跟财务对一下,下周三前答复您\n"
        "1203王阿姨: 好的\n"
        "2206小刘: 行\n"
    )
    assert _actions(tmp_path, "chat.txt", chat) == [
        ("物业经理", "下周三前", "我回去跟财务对一下,下周三前答复您")
    ]


def test_a_message_board_s_bylines_name_who_promises_in_the_comments(tmp_path: Path) -> None:
    """A Basecamp thread pasted as text: "Margaret Osei · Jun 15" over a comment names who wrote
    it, so its "I'll put both on the agenda" is Margaret's; "Thanks Ruth ❤️ I'll …" after a word
    of thanks is the commenter's own promise too."""
    board = (
        "Hall Kitchen Refit > Message Board\n\n"
        "Kitchen refit: where we ended up\n"
        "Ruth Ellery · Jun 14, 2026 · Notified 19 people\n\n"
        "We spent £19,640 against a budget of £18,000.\n"
        "The kitchen was usable on 30 May, eight weeks late.\n\n"
        "Margaret Osei · Jun 15\n"
        "For the next one I'd like a 15% contingency agreed up front.\n"
        "I'll put both on the agenda for the July PCC.\n\n"
        "Sheila Brook · Jun 16\n"
        "Thanks Ruth ❤️ I'll get the volunteer thank-you cards printed by the 30th\n"
    )
    assert _actions(tmp_path, "board.txt", board) == [
        ("Margaret Osei", None, "put both on the agenda for the July PCC"),
        ("Sheila Brook", "by the 30th", "get the volunteer thank-you cards printed"),
    ]


def test_a_list_announced_aloud_in_a_voice_memo_holds_the_plans(tmp_path: Path) -> None:
    """A voice memo has no headings: "okay changes for next year" said on its own line heads
    the plans under it, as "Changes for next year:" would."""
    memo = (
        "Voice memo 30 Dec 2025\n"
        "so that was year one I made about thirty one grand which is less than I hoped\n"
        "the desk at the studio I wanted by the summer and I got it in September\n"
        "okay changes for next year\n"
        "late fee clause into the contract before Friday\n"
        "email Jo at Hartley Agency about representation next Monday\n"
        "okay that's it bye\n"
    )
    assert [(d, a) for _o, d, a in _actions(tmp_path, "memo.txt", memo)] == [
        ("Friday", "late fee clause into the contract"),
        ("next Monday", "email Jo at Hartley Agency about representation"),
    ]


def test_zh_a_comment_copied_into_a_log_hands_the_deed_to_the_one_it_tags(
    tmp_path: Path,
) -> None:
    """钉钉日志's "评论 韩磊:@林嘉怡 压缩这个下周三前给我一个方案": 韩磊 wrote it, 林嘉怡 is to
    do it; "阿斌周一发" after a name is due on Monday."""
    log = (
        "钉钉 · 日志 · 汇总\n\n"
        "【林嘉怡】周报  2026-07-17 周五 17:42\n"
        "本周完成工作:\n1、电子回单拍照上传 Android端提测\n"
        "未完成工作:\n回单图片压缩,千元机上一张图要压7、8秒\n"
        "评论 韩磊:@林嘉怡 压缩这个下周三前给我一个方案,实在不行先降分辨率\n"
        "评论 林嘉怡:好的👌\n\n"
        "下一场要改的:\n- 预告视频阿斌周一发\n"
    )
    got = _draft(tmp_path, "log.txt", log).action_items
    assert sorted((a.owner, a.due.text, a.due.date) for a in got) == [
        ("林嘉怡", "下周三前", date(2026, 7, 22)),
        ("阿斌", "周一", date(2026, 7, 20)),
    ]


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("- 7月25日前在两个底坑加装自动排水泵和水位报警,由物业工程部负责", "物业工程部"),
        ("- 应急预案修订由安全质量部负责,11月15日前报上来", "安全质量部"),
        ("- 统一广播模板客运部牵头,下周三前各站统一换掉", "客运部"),
        ("- 由支付组小郑补上对账脚本,周五前", "小郑"),
    ],
    ids=["property-engineering", "safety-quality", "topic-then-department", "person-in-team"],
)
def test_zh_a_department_named_whole_owns_the_deed(tmp_path: Path, line: str, owner: str) -> None:
    """ "由物业工程部负责" is the department's, not "业工" read as an engineer inside its name; a
    topic before it ("统一广播模板") is no part of it; a person in a team is still the person
    (guard)."""
    assert [o for o, _d, _a in _actions(tmp_path, "notes.txt", f"整改复盘\n\n后续:\n{line}\n")] == [
        owner
    ]


def test_a_name_then_a_deed_under_way_in_a_next_list(tmp_path: Path) -> None:
    """ "Callum moving the weekend alerts to the on-call phone, he said tonight" under "Next:"
    is Callum's; "Morning stand-ups moving to 9:30" names nobody (guard)."""
    notes = (
        "Booking outage: postmortem\n\n"
        "Next:\n"
        "- Callum moving the weekend alerts to the on-call phone, he said tonight\n"
        "- Morning stand-ups moving to 9:30 from Monday\n"
    )
    assert [o for o, _d, _a in _actions(tmp_path, "notes.txt", notes)] == ["Callum", None]


def test_zh_a_notice_pasted_into_a_chat_lists_its_measures_one_by_one(tmp_path: Path) -> None:
    """A property manager pastes a notice into the owners' group: "各位业主:" and "整改措施:" are
    no speakers, and "整改措施:1.…;2.…;3.…" holds one task per number; "机房…前加装空调"
    names a place, not who does it."""
    chat = (
        "「业主交流群」的聊天记录\n\n"
        "1203王阿姨: 电梯怎么又不动了?\n"
        "0801 Kevin: 1号梯里好像关了人!!\n"
        "1203王阿姨: 物业电话打不通\n"
        "物业管家-小周: 下面是物业的情况说明,请大家看一下\n"
        "物业管家-小周: 【公告】关于5栋电梯故障的情况说明\n"
        "各位业主:7月15日7时45分左右,5栋1号、2号电梯先后停运。\n"
        "整改措施:1.7月25日前在两个底坑加装自动排水泵,由物业工程部负责;2.机房7月31日前加装空调;"
        "3.奥菱电梯对两台梯做全面检修,8月15日前完成并出具报告\n"
        "0801 Kevin: 好\n"
    )
    got = _actions(tmp_path, "chat.txt", chat)
    assert [(o, d) for o, d, _a in got] == [
        ("物业工程部", "7月25日前"),
        (None, "7月31日前"),  # a machine room is no one
        (None, "8月15日前完成"),
    ]
    assert [a for _o, _d, a in got][1:] == [
        "机房7月31日前加装空调",
        "奥菱电梯对两台梯做全面检修,8月15日前完成并出具报告",
    ]


def test_zh_the_plan_for_the_next_race_is_a_list_of_actions(tmp_path: Path) -> None:
    """A 知乎 answer's "**下一场:**" heads what the runner will do before the next race."""
    answer = (
        "# 第一次全马跑崩了是一种什么体验?\n\n编辑于 2026-04-20\n\n"
        "30公里以后腿就抽筋了,最后5公里基本是走完的。\n\n"
        "**下一场:**\n"
        "1) 5月恢复期,只跑轻松跑,每周不超过40公里\n"
        "2) 6月开始重新上量,30公里以上的长距离跑3次,9月中之前跑完\n"
    )
    got = _draft(tmp_path, "answer.md", answer).action_items
    assert [(a.action, a.due.date) for a in got] == [
        ("5月恢复期,只跑轻松跑,每周不超过40公里", None),
        ("6月开始重新上量,30公里以上的长距离跑3次,9月中之前跑完", date(2026, 9, 15)),
    ]
