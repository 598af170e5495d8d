"""Lines that only look like items (names, placeholders, headings, titles, questions) never
become items; a question nobody answered becomes an open question. Through the public API."""

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


def _texts(retro: Retrospective) -> list[str]:
    """Every item's own words, across the sections an editor reads as items."""
    return [
        *(g.title for g in retro.goals),
        *(h.title for h in retro.highlights),
        *(p.title for p in retro.problems),
        *(c.text for p in retro.problems for c in p.causes),
        *(x.statement for x in retro.lessons),
        *(a.action for a in retro.action_items),
    ]


EN_MINUTES = """# Billing migration retro

## Goals
- Move all invoices to the new billing service by October — done
- Budget: N/A

## What went well
- The dual-write period caught every mismatch before customers saw one

## What didn't
- Refund exports broke twice during the cut-over week
- TBD

## Actions
- Owner:
- Owner: Dana
- Priya will add a nightly export check before the next release
- N/A
"""

ZH_MINUTES = """# 报销系统迁移：项目复盘

## 目标
- 9月底前把所有报销单迁到新系统
- 预算：待定

## 做得好的
- 双写期间对账脚本提前发现了全部差异

## 问题
- 切换那周导出报表坏了两次
- —

## 后续行动
- 负责人：
- 负责人：孙悦
- 小韩负责在下次发版前补上夜间导出检查
- 待定
"""


@pytest.mark.parametrize(
    ("name", "text", "junk"),
    [
        ("en.md", EN_MINUTES, {"tbd", "n/a", "owner", "owner: dana", "dana", "budget"}),
        ("zh.md", ZH_MINUTES, {"待定", "—", "负责人", "负责人：孙悦", "孙悦", "预算"}),
    ],
)
def test_placeholders_and_owner_lines_are_no_items(
    tmp_path: Path, name: str, text: str, junk: set[str]
) -> None:
    retro = _draft(tmp_path, name, text)
    texts = [t.strip(" -:：").casefold() for t in _texts(retro)]
    assert not junk & set(texts), texts
    assert len(retro.problems) == 1 and len(retro.action_items) == 1
    assert len(retro.highlights) == 1


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        (
            "en.txt",
            "Checkout is slow: retro\n\nWhat went wrong:\n"
            "- the fraud check is synchronous and adds 400ms to every order\n"
            "What went well:\n- the new cache cut database reads by half\n",
            "Checkout is slow",
        ),
        (
            "zh.txt",
            "报销系统上线延期：项目复盘\n\n问题：\n- 单点登录对接花了整整两周\n"
            "做得好的：\n- 数据迁移一次成功，零差错\n",
            "报销系统上线延期",
        ),
    ],
)
def test_the_title_is_never_a_problem_goal_or_summary_point(
    tmp_path: Path, name: str, text: str, title: str
) -> None:
    retro = _draft(tmp_path, name, text)
    assert retro.problems and retro.highlights
    assert not any(title in t for t in _texts(retro))
    assert not any(title in p for p in retro.summary.key_points)
    assert title not in retro.summary.text


@pytest.mark.parametrize(
    ("name", "text", "asked", "answered"),
    [
        (
            "en.txt",
            "[09:00] nina: anyone else seeing slow pushes?\n"
            "[09:01] leo: yep, queue depth is 1.2M\n"
            "[09:05] nina: problem: alerts on queue depth were missing\n"
            "[09:06] nina: who owns the notification workers now?\n"
            "[09:07] leo: TBD\n",
            "who owns the notification workers now?",
            "anyone else",
        ),
        (
            "zh.txt",
            "陈思远：问题是开播前半小时直播间卡顿，很多人退出\n"
            "陈思远：卡顿是什么原因？\n"
            "王磊：推流电脑配置太低\n"
            "陈思远：要不要下次请专职客服？\n"
            "林晓：待定\n",
            "要不要下次请专职客服？",
            "什么原因",
        ),
    ],
)
def test_an_unanswered_question_is_an_open_question_not_an_item(
    tmp_path: Path, name: str, text: str, asked: str, answered: str
) -> None:
    retro = _draft(tmp_path, name, text)
    open_ = [q.question for q in retro.open_questions if q.reason == "unanswered_question"]
    assert len(open_) == 1 and asked in open_[0]
    assert not any(answered in q for q in open_)
    assert not any(asked.rstrip("?？")[:8] in t for t in _texts(retro))


def test_only_real_questions_are_open_questions(tmp_path: Path) -> None:
    """An unanswered question is asked; a request ("can you …?") stays an action and a
    statement said rising ("交接还没做?") stays a problem."""
    retro = _draft(
        tmp_path,
        "zh.txt",
        "周航：问题：老宋下周要休假,交接还没做?\n"
        "周航：小刘,能不能把兼容性矩阵整理一下?\n"
        "小刘：好的，我周五前整理\n"
        "周航：灰度方案谁来定？\n"
        "小刘：👍\n",
    )
    open_ = [q.question for q in retro.open_questions if q.reason == "unanswered_question"]
    assert len(open_) == 1 and "灰度方案谁来定" in open_[0]
    assert [p.title for p in retro.problems if "交接还没做" in p.title]
    assert not any("灰度方案" in t for t in _texts(retro))


def test_a_line_that_opens_a_list_is_no_item(tmp_path: Path) -> None:
    chat = (
        "企业微信 第12迭代回顾\n陈思远 10:15\n这次提测晚了两天,主要是因为接口联调卡住了\n"
        "刘洋 10:15\n话说压测那组为啥能直接打到我们的库?\n"
        "陈思远 10:16\n好,我收一下,大家看对不对:\n陈思远 10:17\n"
        "需求评审必须拉上下游一起;共享环境要预约,不能随便压\n刘洋 10:18\n+1\n"
    )
    assert not any("大家看对不对" in t for t in _texts(_draft(tmp_path, "wecom.txt", chat)))


def test_a_result_no_longer_than_a_figure_is_named_after_its_goal_or_dropped(
    tmp_path: Path,
) -> None:
    text = (
        "## 今年的小目标\n\n| 目标 | 当时定的 | 实际 |\n|---|---|---|\n"
        "| 存钱 | 存够1万 | 6800 |\n\n"
        "## Season\n\nI wanted thirty weddings this year, that was the whole plan, thirty, and "
        "I did — hang on — twenty-six.\n"
    )
    retro = _draft(tmp_path, "notes.md", text)
    titles = [r.title for r in retro.results]
    assert not [t for t in titles if t in ("thirty", "twenty-two", "存钱: 6800")]
    figured = [t for t in titles if "6800" in t]
    assert figured and all("存够" in t for t in figured)  # named after its goal


@pytest.mark.parametrize(
    ("chat", "reply"),
    [
        (
            "[10:01] Raj: can you take the vendor call tomorrow?\n[10:02] Mia: ok 👍🏻\n"
            "[10:03] Raj: and the spares list\n[10:04] Mia: got it, thanks 👍\n",
            "got it",
        ),
        (
            "[10:05] 老王: 场地那边也确认下\n[10:06] 小米: 收到👍\n"
            "[10:07] 老王: 物料清单周五前给我\n[10:08] 小米: 好的好的~ 👌\n",
            "收到",
        ),
    ],
    ids=["en", "zh"],
)
def test_a_reply_that_only_says_yes_is_no_finding(tmp_path: Path, chat: str, reply: str) -> None:
    """ "got it, thanks 👍" answers a request: its 👍 praises nothing, whatever a model makes
    of it."""
    retro = _draft(tmp_path, "chat.txt", chat)
    assert not any(reply in t for t in _texts(retro))
    assert not retro.highlights


def test_a_report_s_row_of_figures_is_no_item(tmp_path: Path) -> None:
    """A Mailchimp report pasted into notes ("Opened 1,187   Clicked 223   Bounced 19 …") is a
    row of figures: no problem or highlight; the finding under it still is one."""
    notes = (
        "Christmas pre-orders: email review\n\n"
        "EMAIL 1 (sent 1 Dec)\n"
        "Recipients 2,304\n"
        "Opened 1,187   Clicked 223   Bounced 19   Unsubscribed 11   Forwarded 6\n\n"
        "What went wrong: the reminder went out at 9pm and hardly anyone opened it.\n"
    )
    texts = _texts(_draft(tmp_path, "notes.txt", notes))
    assert not any("Clicked" in t for t in texts)
    assert any("the reminder went out at 9pm" in t for t in texts)
