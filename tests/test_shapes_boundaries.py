"""Item boundaries, headings and titles as people really write them, through `retro_ai.draft`.

Each document here is small and written for the rule it checks: headings dressed in brackets
and emoji or negated ("Not wins", "做得不好的"), positive points under problems, abbreviations
and brackets that must not cut a sentence, and a review's title that must not become a problem.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from retro_ai import draft
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings


def _draft(tmp_path: Path, text: str, name: str = "notes.md") -> Retrospective:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return draft([path], settings=Settings(), report_date=date(2026, 11, 28))


def _titles(items: list) -> list[str]:
    return [getattr(i, "title", None) or getattr(i, "action", "") for i in items]


def _has(items: list, words: str) -> bool:
    return any(words in t for t in _titles(items))


def test_negated_and_emoji_headings_en(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "Q3 notes for myself\n\n"
        "Wins 🎉\n- shipped the billing export on time\n- mentored two new hires\n\n"
        "Not wins\n- review queue kept growing every Monday\n- missed the docs deadline twice\n\n"
        "Q4 plan\n- book review slots twice a day\n- write the docs before the code\n",
        "notes.txt",
    )
    assert _has(retro.highlights, "shipped the billing export")
    assert _has(retro.problems, "review queue kept growing")
    assert not _has(retro.highlights, "review queue")
    assert _has(retro.action_items, "book review slots")
    assert not _has(retro.highlights, "book review slots")


def test_negated_and_bracketed_headings_zh(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 上季度个人复盘\n\n## 做得好的\n- 每周坚持写技术笔记\n\n"
        "## 做得不好的\n- 体检报告一直拖着没去拿\n\n"
        "【Keep】\n- 每天十五分钟的站会很高效\n\n"
        "【Action】\n- 下周一前把体检报告取回来\n\n## 后续\n- 月底前整理读书清单\n",
    )
    assert _has(retro.highlights, "每周坚持写技术笔记")
    assert _has(retro.highlights, "每天十五分钟的站会")
    assert _has(retro.problems, "体检报告一直拖着")
    assert not _has(retro.highlights, "体检报告")
    assert not _has(retro.goals, "站会")
    assert _has(retro.action_items, "把体检报告取回来")
    assert _has(retro.action_items, "整理读书清单")


def test_multiword_list_title_is_a_heading(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# Booth retro\n\nLearnings\n- order the banners a month early\n\n"
        "Next time / actions\n- cut the signup form to four fields\n",
    )
    assert _has(retro.action_items, "cut the signup form")
    assert not any("Next time" in lesson.statement for lesson in retro.lessons)
    assert not any("signup form" in lesson.statement for lesson in retro.lessons)


@pytest.mark.parametrize(
    ("text", "good", "bad"),
    [
        (
            "## What didn't go well\n- the deploy window was too short\n"
            "- the demo slot was late on Friday, still nearly full - not a problem at all\n",
            "demo slot was late",
            "deploy window was too short",
        ),
        (
            "## 问题\n- 冷库区域网络信号差,经常掉线\n"
            "- 夜班支持的同学很辛苦,但积累了很多一手反馈,算是好事\n",
            "夜班支持的同学很辛苦",
            "冷库区域网络信号差",
        ),
    ],
)
def test_positive_point_under_problems_is_a_highlight(
    tmp_path: Path, text: str, good: str, bad: str
) -> None:
    retro = _draft(tmp_path, "# Rollout retro\n\n" + text)
    assert _has(retro.highlights, good)
    assert not _has(retro.problems, good)
    assert _has(retro.problems, bad)


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("# 2026-05-09 CDN回源故障复盘", "大约三成用户看不到商品图"),
        ("# Checkout outage review", "about 30% of checkouts failed"),
    ],
)
def test_review_title_is_never_the_problem(tmp_path: Path, title: str, named: str) -> None:
    impact = "大约三成用户看不到商品图。" if "故障" in title else "about 30% of checkouts failed."
    retro = _draft(
        tmp_path,
        f"{title}\n\n## Impact 影响\n{impact}\n\n## Root cause 原因\n"
        "- 直接原因:防火墙规则缺了回源IP段\n- the firewall rule missed the CDN range\n",
    )
    titles = [p.title for p in retro.problems]
    assert title.lstrip("# ") not in titles
    assert any(named in t for t in titles)
    assert not any(title.lstrip("# ") in t for t in retro.summary.key_points)


def test_review_title_gives_the_incident_it_names(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 支付服务故障复盘\n\n## 原因分析\n- 直接原因:新版本上线后连接池配置被覆盖为默认值。\n",
    )
    assert [p.title for p in retro.problems] == ["支付服务故障"]


_LONG_EN = " After that the whole team spent the rest of the week cleaning up the fallout by hand."
_LONG_ZH = (
    "之后整个团队花了一整周的时间手工清理受影响的数据,并逐个联系了受影响的客户解释情况和补偿方案。"
)


@pytest.mark.parametrize(
    ("line", "whole"),
    [
        (
            "- Alerts went to three chat tools, e.g. Slack, Teams and email." + _LONG_EN,
            "Alerts went to three chat tools, e.g. Slack, Teams and email",
        ),
        (
            "- Escalation to Dr. Chen took an hour on a Friday night." + _LONG_EN,
            "Escalation to Dr. Chen took an hour on a Friday night",
        ),
        (
            "- The flaky retry (see PR #12. It was reverted) broke v2.1 for 3.5% of users."
            + _LONG_EN,
            "The flaky retry (see PR #12. It was reverted) broke v2.1 for 3.5% of users",
        ),
        (
            "- 重试逻辑有问题(见PR #12。已回滚),导致v2.1版本3.5%的用户受影响。" + _LONG_ZH,
            "重试逻辑有问题(见PR #12。已回滚),导致v2.1版本3.5%的用户受影响",
        ),
    ],
)
def test_abbreviations_decimals_and_brackets_do_not_split(
    tmp_path: Path, line: str, whole: str
) -> None:
    retro = _draft(tmp_path, f"# Release retro\n\n## What went wrong\n{line}\n")
    titles = [p.title for p in retro.problems]
    assert whole in titles, titles


@pytest.mark.parametrize(
    ("chat", "good", "bad"),
    [
        (
            "Ana: let's do the retro here\nBo: good: the new dashboard caught regressions early\n"
            "Cy: bad: the nightly import failed twice without an alert\nAna: thanks all\n"
            "Bo: see you\nAna: bye\n",
            "the new dashboard caught regressions early",
            "the nightly import failed twice",
        ),
        (
            "周航: 我们在群里简单复盘一下\n马骁: 顺利的:联调用了mock server,没有互相等\n"
            "许静: 不好的:线上日志太乱,查问题要翻三个系统\n周航: 收到\n马骁: 好的\n周航: 散会\n",
            "联调用了mock server",
            "线上日志太乱",
        ),
    ],
)
def test_chat_line_labels_after_the_speaker(tmp_path: Path, chat: str, good: str, bad: str) -> None:
    retro = _draft(tmp_path, chat, "chat.txt")
    assert _has(retro.highlights, good)
    assert _has(retro.problems, bad)
    assert not _has(retro.highlights, bad)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "## What went well\n👉 the canary caught the bad build\n"
            "✨ docs were ready on day one\n",
            ["the canary caught the bad build", "docs were ready on day one"],
        ),
        (
            "## 做得好的\n👉 灰度发布拦住了有问题的版本\n✨ 文档第一天就准备好了\n",
            ["灰度发布拦住了有问题的版本", "文档第一天就准备好了"],
        ),
    ],
)
def test_emoji_bullets_are_items(tmp_path: Path, text: str, items: list[str]) -> None:
    retro = _draft(tmp_path, "# Release retro\n\n" + text)
    assert _titles(retro.highlights) == items


@pytest.mark.parametrize(
    ("text", "goals"),
    [
        (
            "Q3 notes for myself\n\nGoals I set in July:\n1) ship the billing export\n"
            "2) write four blog posts\n",
            ["ship the billing export", "write four blog posts"],
        ),
        (
            "三季度个人小结\n\n目标是这几个:\n① 完成账单导出功能上线\n② 写四篇技术博客\n",
            ["完成账单导出功能上线", "写四篇技术博客"],
        ),
    ],
)
def test_list_title_opening_with_its_kind(tmp_path: Path, text: str, goals: list[str]) -> None:
    retro = _draft(tmp_path, text, "notes.txt")
    titles = [g.title for g in retro.goals]
    assert all(any(want in t for t in titles) for want in goals), titles


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "## lacked / learned\n- two tickets had no acceptance criteria, so we reworked them\n",
            "two tickets had no acceptance criteria",
        ),
        ("## 欠缺与心得\n- 两个需求没有验收标准,返工了两次\n", "两个需求没有验收标准"),
    ],
)
def test_lacked_column_lists_problems(tmp_path: Path, text: str, problem: str) -> None:
    retro = _draft(tmp_path, "# Sprint retro\n\n" + text)
    assert _has(retro.problems, problem)
    assert not any(problem in lesson.statement for lesson in retro.lessons)


def test_sub_bullets_stay_with_their_parent_en(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# Billing migration retro\n\n## What went wrong\n"
        "- The cutover weekend ran long\n"
        "  - the export job took 9 hours instead of 2\n"
        "  - nobody had a rollback checklist\n"
        "- Support was not told in advance\n",
    )
    titles = _titles(retro.problems)
    assert len(retro.problems) == 2, titles
    parent = next(p for p in retro.problems if "cutover weekend" in p.title)
    assert "export job took 9 hours" in parent.description
    assert not _has(retro.problems, "nobody had a rollback checklist")


def test_sub_bullets_stay_with_their_parent_zh(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# 账单迁移复盘\n\n## 不足\n"
        "- 切换周末拖得太久\n"
        "  - 导出任务跑了9小时，原本估2小时\n"
        "  - 没有回滚清单\n"
        "- 客服没有提前知情\n",
    )
    assert len(retro.problems) == 2, _titles(retro.problems)
    parent = next(p for p in retro.problems if "切换周末" in p.title)
    assert "导出任务跑了9小时" in parent.description


def test_headings_in_the_writers_own_words(tmp_path: Path) -> None:
    text = (
        "Q1 self-review - Mei\n\nthe good bits 🎉\n- shipped the onboarding flow on time\n\n"
        "ugh 😬\n- handoff files were a mess in Jan\n\n"
        "why tho 🤔\n- no naming convention for pages\n\n"
        "note to self 💡\n- bring one number into every review\n"
    )
    retro = _draft(tmp_path, text, "me.txt")
    assert [h.title for h in retro.highlights] == ["shipped the onboarding flow on time"]
    assert [p.title for p in retro.problems] == ["handoff files were a mess in Jan"]
    assert [c.text for c in retro.problems[0].causes] == ["no naming convention for pages"]
    assert [x.statement for x in retro.lessons] == ["bring one number into every review"]


def test_a_look_back_title_never_stands_for_the_problem(tmp_path: Path) -> None:
    text = (
        "# Teradata → BigQuery migration: look-back\n\n"
        "## Root causes\n"
        "- NUMERIC rounding: TD did half-even and BQ rounds half away from zero\n"
    )
    retro = _draft(tmp_path, text)
    assert all("look-back" not in p.title for p in retro.problems)


def test_a_board_headed_by_emoji_alone(tmp_path: Path) -> None:
    """Feishu and Notion boards head their columns with 👍 / 👎 / 💡 and nothing else."""
    retro = _draft(
        tmp_path,
        "S23 复盘 | 2026.05.29\n\n"
        "👍\n- 灰度方案很稳,分3批放量,0回滚\n- 新的列表组件复用到了售后页\n\n"
        "👎\n- iOS14 上列表白屏,周二晚上紧急hotfix\n- 埋点又漏了两个\n\n"
        "💡\n- 兼容性要进checklist,不能靠人记\n- 排期默认留20% buffer\n",
    )
    assert _has(retro.highlights, "灰度方案很稳")
    assert _has(retro.highlights, "新的列表组件复用")
    assert _has(retro.problems, "iOS14 上列表白屏")
    assert _has(retro.problems, "埋点又漏了两个")
    assert [x.statement for x in retro.lessons] == [
        "兼容性要进checklist,不能靠人记",
        "排期默认留20% buffer",
    ]
    assert not _has(retro.problems, "排期默认留")


def test_a_thumbs_up_reply_in_a_chat_is_no_heading(tmp_path: Path) -> None:
    """ "👍" on its own line with no list under it answers the line before."""
    retro = _draft(
        tmp_path,
        "Checkout retro\nMarcus\nwe got it to 1.1s, so not there\nPriya\n👍\n"
        "Marcus\nthe fraud-check call adds ~400ms on every order\n"
        "Jo\nlesson for me: track p95 and p99, averages hide the pain\n",
        "notes.txt",
    )
    assert not _has(retro.highlights, "Marcus")
    assert not _has(retro.highlights, "lesson for me")


def test_a_list_takes_the_kind_its_cued_items_and_heading_give_it(tmp_path: Path) -> None:
    """Under a heading in the writer's own words, an uncued bullet is what its neighbours are;
    a bullet that hands someone a task stays an action."""
    retro = _draft(
        tmp_path,
        "# Warehouse move: look-back\n\n"
        "## stuff I'd tell January me\n"
        "- always walk the site before signing off the floor plan\n"
        "- never book the movers before the racks are delivered\n"
        "- one vendor per trade, not three\n\n"
        "## 下次别再…\n"
        "- 别再凭感觉估工期\n"
        "- 交接清单要双人核对\n"
        "- 1:1是最不该被砍的会\n"
        "- 限流阈值重新算一遍,小林负责,下周五前\n",
    )
    statements = [x.statement for x in retro.lessons]
    assert "one vendor per trade, not three" in statements
    assert "1:1是最不该被砍的会" in statements
    assert "交接清单要双人核对" in statements
    assert not any("限流阈值" in s for s in statements)
    action = next(a for a in retro.action_items if "限流阈值" in a.action)
    assert action.owner == "小林"


def test_a_list_of_mixed_kinds_lends_none(tmp_path: Path) -> None:
    """A list whose cued items disagree gives its uncued ones no kind."""
    retro = _draft(
        tmp_path,
        "# Sprint 9 notes\n\n"
        "## misc\n"
        "- the demo went really well\n"
        "- deploys were too slow again\n"
        "- coffee machine on floor 3\n",
    )
    found = _titles(retro.highlights) + _titles(retro.problems)
    assert not any("coffee machine" in t for t in found)


def test_a_board_exported_with_its_column_names_in_a_row(tmp_path: Path) -> None:
    """ "Went well / Didn't go well / Action items" on three lines, then every card: the cards
    belong to no one column, so each is read by its own words (and no column name is an item)."""
    retro = _draft(
        tmp_path,
        "Sprint 31 retro (board export, 26 Mar 2026)\n"
        "Went well\nDidn't go well\nAction items\n"
        "Ines turned the compliance review around in 4 hrs, legend (5 votes)\n"
        "legal review for the in-app copy took 6 days, blocked the release branch (3 votes)\n"
        "we got lucky the sandbox was up the one day we needed it (2 votes)\n"
        "@Tomasz quarantine the 4 flaky login UI tests by next Wed\n",
        "board.txt",
    )
    assert not _has(retro.highlights, "legal review")
    assert not _has(retro.highlights, "quarantine")
    assert not any(_has(items, "Didn't go well") for items in (retro.highlights, retro.problems))
    assert _has(retro.problems, "legal review for the in-app copy took 6 days")
    assert any(h.luck for h in retro.highlights if "sandbox" in h.title)
    assert _has(retro.action_items, "quarantine the 4 flaky login UI tests")


def test_numbered_headings_one_under_another_are_no_board_row(tmp_path: Path) -> None:
    """ "五、经验教训" then "5.1 成功经验": a section and its first sub-section, not columns."""
    retro = _draft(
        tmp_path,
        "# 活动复盘\n\n五、经验教训与改进建议\n5.1 成功经验\n"
        "- 整合营销是趋势: 线上线下多渠道协同\n- 社群运营提升用户粘性\n",
    )
    assert [x.statement[:6] for x in retro.lessons] == ["整合营销是趋", "社群运营提升"]


def test_a_negated_good_side_is_the_bad_side(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "学期复盘\n\n这学期家访走了26户。不太好的地方也不少,分层作业搞了六周就撑不下去了。\n",
    )
    assert not _has(retro.highlights, "不太好的地方")
    assert _has(retro.problems, "不太好的地方也不少")


def test_headings_that_say_not_smooth_reflections_and_advice(tmp_path: Path) -> None:
    """ "不太顺的" heads the problems, "自己的几点体会:" the lessons, and an eight-word
    "What I'd tell the new starters (and me)" over a list the lessons too."""
    zh = _draft(
        tmp_path,
        "夏季活动复盘\n\n好的\n- 阿珍排班排得很细\n\n不太顺的\n- 第三周芒果断货整整两天\n"
        "- 临时工干了一周就走了\n\n自己的几点体会:\n- 水果旺季至少一周订两次\n",
    )
    assert _has(zh.problems, "芒果断货") and _has(zh.problems, "临时工")
    assert [x.statement for x in zh.lessons] == ["水果旺季至少一周订两次"]
    en = _draft(
        tmp_path,
        "My first year on 7B\n\nWhat I'd tell the new starters (and me)\n"
        "- write every calculation down, every time\n- ask early, ask twice\n",
        "year.txt",
    )
    assert [x.statement for x in en.lessons] == [
        "write every calculation down, every time",
        "ask early, ask twice",
    ]


def test_praise_listed_under_what_went_wrong_is_a_highlight(tmp_path: Path) -> None:
    retro = _draft(
        tmp_path,
        "# Year review\n\n## What went wrong\n- two dead months in spring, no work at all\n"
        "- ok one upside in there: I rebuilt my invoice tracker and found $1.1k unpaid\n\n"
        "## 不足\n- 设计走查老是拖到最后\n"
        "- 我先说点好的,阿花把走查提前到评审阶段,返工少了一大半[赞]\n",
    )
    assert _has(retro.highlights, "one upside in there")
    assert _has(retro.highlights, "阿花把走查提前")
    assert not _has(retro.problems, "one upside") and not _has(retro.problems, "阿花")
    assert _has(retro.problems, "two dead months") and _has(retro.problems, "设计走查老是拖")


def test_a_title_naming_a_kind_lends_it_to_no_heading_below(tmp_path: Path) -> None:
    """ "# H + O wedding - what worked, what didn't" names the document; its sub-headings in the
    couple's own words are read for what they say, never turned into problems."""
    retro = _draft(
        tmp_path,
        "# H + O wedding - what worked, what didn't 💍\n\n"
        "## What we were going for\nWe said: £15k all in, no more than 80 guests.\n\n"
        "## So... how'd we do\n- Spent £17,940 🙈\n- 78 guests on the day\n\n"
        "## Bits we got right\n- Food truck instead of a sit-down caterer\n"
        "- Playlist instead of a DJ\n\n"
        "## Bits that went sideways\n- Flowers, two nights of chicken wire at 1am\n\n"
        "## Why (best guesses)\n- we never had a contingency line at all\n\n"
        "## Note to future us (or anyone getting married)\n- a rain plan first\n\n"
        "## Still to do\n- Return the suit hire - Olu, this Friday\n",
    )
    headings = ["What we were going for", "Bits we got right", "Bits that went sideways"]
    assert not any(_has(retro.problems, h) for h in headings)
    assert _has(retro.highlights, "Food truck") and _has(retro.highlights, "Playlist")
    assert _has(retro.problems, "Flowers")
    causes = [c.text for p in retro.problems for c in p.causes]
    assert any("contingency line" in c for c in causes)
    assert [x.statement for x in retro.lessons] == ["a rain plan first"]
    assert _has(retro.action_items, "Return the suit hire")


def test_a_rule_after_a_blank_line_makes_no_heading(tmp_path: Path) -> None:
    """ "Lesson for me: …" then a blank line and "---": a paragraph and a rule, not a setext
    heading that would swallow every post after it."""
    retro = _draft(
        tmp_path,
        "# v0.9 retro\n\nLesson for me: feature freeze at rc1 means freeze.\n\n---\n\n"
        "The plugin docs went up 10 days after the release.\n",
    )
    assert not any("plugin docs" in x.statement for x in retro.lessons)
    assert any("feature freeze at rc1" in x.statement for x in retro.lessons)


def test_a_board_pasted_as_plain_text_with_wrapped_column_names(tmp_path: Path) -> None:
    """ "== KEEP ==", "--- Why? ---", "*** LEARN ***": column names between runs of marks, as
    plain-text exports write them, head their cards; "Learn" and "Why?" alone name columns."""
    retro = _draft(
        tmp_path,
        "Billing squad - sprint 9 retro (pasted from the board, votes in brackets)\n\n"
        "== KEEP ==\n"
        "pairing on the invoice export paid off (4)\n"
        "== DROP ==\n"
        "staging was down two afternoons in a row (3)\n"
        "--- Why? ---\n"
        "nobody owns the staging database, it just drifts (2)\n"
        "*** LEARN ***\n"
        "test the export against real customer files, not fixtures (5)\n"
        "== ACTIONS ==\n"
        "Kim to set up a staging owner rota, by Friday\n",
        name="board.txt",
    )
    assert _has(retro.highlights, "pairing on the invoice export")
    assert _has(retro.problems, "staging was down two afternoons")
    causes = [c.text for p in retro.problems for c in p.causes]
    assert any("nobody owns the staging database" in c for c in causes)
    assert any("real customer files" in lesson.evidence[0].quote for lesson in retro.lessons)
    assert [(a.owner, a.due.text) for a in retro.action_items] == [("Kim", "Friday")]


@pytest.mark.parametrize("sign_off", ["Best,\nMaya", "Maya", "谢谢\n周敏"])
def test_an_e_mails_signature_states_nothing(tmp_path: Path, sign_off: str) -> None:
    """The name and title under the sign-off sign the letter: no action, owner or finding."""
    retro = _draft(
        tmp_path,
        "Subject: Spring fair wrap-up\n\nHi all,\n\nWe raised £2,300, over the plan of £1,500.\n"
        "\nNext steps:\n\nJo to book the hall for next year by Friday.\n\n"
        f"{sign_off}\n\nDr Maya Okafor\nHead of Community, Riverside Trust\n",
        name="mail.txt",
    )
    assert [a.owner for a in retro.action_items] == ["Jo"]
    everything = [*_titles(retro.highlights), *_titles(retro.problems), *_titles(retro.lessons)]
    assert not any("Okafor" in t or "Head of Community" in t for t in everything)


def test_a_board_whose_columns_open_with_an_emoji_over_dash_bullets(tmp_path: Path) -> None:
    """ "🌧️ 闹心的事" over "- …" is a column name, not a bullet of the column before it, and
    "为啥会这样" / "谁来跟" name causes and actions."""
    text = (
        "开放日复盘墙\n\n🌈 开心的事\n- 来了96组家庭,比预想多好多\n\n"
        "🌧️ 闹心的事\n- 签到台排长队,最长等了20多分钟\n\n"
        "🤔 为啥会这样\n- 签到只开了一个台\n\n"
        "🙋 谁来跟\n- 宣传单重印:张老师负责,这周五前\n"
    )
    retro = _draft(tmp_path, text)
    assert [h.evidence[0].quote for h in retro.highlights] == ["来了96组家庭,比预想多好多"]
    assert [p.evidence[0].quote for p in retro.problems] == ["签到台排长队,最长等了20多分钟"]
    assert [c.evidence[0].quote for p in retro.problems for c in p.causes] == ["签到只开了一个台"]
    assert [(a.owner, a.due.text) for a in retro.action_items] == [("张老师", "这周五前")]


def test_a_post_s_emoji_and_colon_lines_each_open_their_own_list(tmp_path: Path) -> None:
    """A 小红书 note: "🎯 flag vs 实际" over "总分:冲380 → 373" (the label names the measure,
    the arrow parts target from actual), then after a blank line "下面想到哪说到哪…:"
    over a list of its own (findings, not more results), "💡 如果重来一次:" over lessons and
    "📅 接下来(立个字据):" over plans, dated by its "编辑于 03-20" stamp; "去年2月底" in the
    opening says when, and names nobody."""
    text = (
        "📝一战考研复盘+想重来的地方\n\n"
        "背景:英语专业,去年2月底开始准备。\n\n"
        "🎯 当初的flag vs 实际出分\n1. 总分:冲380 → 373\n2. 政治:70 → 68\n\n"
        "下面想到哪说到哪,好的坏的混在一起了:\n"
        "1. 政治选择题错太多了,大概是因为肖1000只刷了一遍\n"
        "2. 研友真的很重要,每晚互相背法条,坚持了小半年\n\n"
        "💡 如果重来一次:\n- 暑假别回家!!!\n- 政治1000题至少两遍\n\n"
        "📅 接下来(给自己立个字据):\n- 这周日前把近5年复试真题整理完\n\n"
        "#考研 #复盘\n\n编辑于 03-20 上海\n"
    )
    retro = _draft(tmp_path, text)
    assert [(g.metric, g.target.value) for g in retro.goals][:1] == [("总分", 380)]
    assert [(r.goal_id, r.actual.value) for r in retro.results][:1] == [("G1", 373)]
    assert [p.title[:9] for p in retro.problems] == ["政治选择题错太多了"]
    assert [(c.text, c.confidence) for p in retro.problems for c in p.causes] == [
        ("肖1000只刷了一遍", "hypothesis")
    ]
    assert _has(retro.highlights, "每晚互相背法条")
    assert [lesson.evidence[0].quote for lesson in retro.lessons] == [
        "暑假别回家",
        "政治1000题至少两遍",
    ]
    assert [(a.owner, a.due.date) for a in retro.action_items] == [(None, date(2026, 3, 22))]


def test_a_target_actual_table_in_notes_gives_findings_only_from_its_remarks(
    tmp_path: Path,
) -> None:
    """A row of "| 指标 | 目标 | 实际 | 备注 |" is a goal and its result; its metric words
    ("差评率") make no problem, while a remark ("薅完就退群的太多") still may."""
    text = (
        "# 双11复盘\n\n会前定的几个目标和实际如下:\n\n| 指标 | 目标 | 实际 | 备注 |\n"
        "|---|---|---|---|\n| 差评率 | <1.5% | 1.3% | 达标 |\n"
        "| 7日留存 | 35% | 22% | 薅完就退群的太多, 问题很大 |\n"
    )
    retro = _draft(tmp_path, text)
    assert [g.metric for g in retro.goals] == ["差评率", "7日留存"]
    assert [p.evidence[0].quote for p in retro.problems] == ["薅完就退群的太多, 问题很大"]


def test_for_next_year_heads_a_personal_reviews_plans(tmp_path: Path) -> None:
    text = (
        "My year, honestly\n\nWhat I learned\n"
        "- short daily practice beats one big weekly lesson\n\n"
        "For next year\n- re-register for NPQ module 2 before the summer holidays end\n"
        "- out of the building by 5:30 on Tuesdays and Thursdays\n"
    )
    retro = _draft(tmp_path, text, "notes.txt")
    assert [a.action[:13] for a in retro.action_items] == ["re-register f", "out of the bu"]
    assert [lesson.evidence[0].quote[:12] for lesson in retro.lessons] == ["short daily "]


def test_a_period_titled_review_never_makes_its_title_a_problem(tmp_path: Path) -> None:
    text = (
        "# Hartley & Sons Plumbing — Q2 look-back (Apr–Jun)\n\nA slow quarter for the vans.\n\n"
        "## Why\n\n- nobody booked the MOT early\n- the new starter wasn't on the van insurance\n"
    )
    retro = _draft(tmp_path, text)
    assert all("look-back" not in p.title for p in retro.problems)


def test_zh_a_good_point_under_what_went_wrong_is_a_highlight(tmp_path: Path) -> None:
    text = (
        "开业复盘\n\n😫 掉链子的\n- 收银只开了6个台,头两天队伍排进生鲜区了\n"
        "- (这个不算坏事)退货台来的人比想的少,一周就3单\n"
    )
    retro = _draft(tmp_path, text)
    assert any("退货台" in h.title for h in retro.highlights)
    assert not any("退货台" in p.title for p in retro.problems)


def test_headings_in_the_writers_own_words_say_what_their_lists_hold(tmp_path: Path) -> None:
    text = (
        "# My first year as sous\n\n"
        "## Stuff I'm actually proud of\n\n- The autumn menu was mostly mine.\n"
        "- EHO visit: 5 stars again, zero notes.\n\n"
        "## Where it went sideways\n\n- Van 3 sat in the garage for eleven days.\n"
        "- Two weekends short-staffed in August.\n\n"
        "## Things I know now\n\n- If I'm shouting, I need a day off.\n\n"
        "## 翻车的地方\n\n- 会员系统周六上午卡死一个多小时\n"
    )
    retro = _draft(tmp_path, text)
    highlights = " ".join(h.title for h in retro.highlights)
    problems = " ".join(p.title for p in retro.problems)
    assert "autumn menu" in highlights and "EHO visit" in highlights
    assert "Van 3" in problems and "short-staffed" in problems and "会员系统" in problems
    assert any("day off" in lesson.statement for lesson in retro.lessons)


def test_another_one_after_an_item_is_one_more_of_its_kind_not_a_title(tmp_path: Path) -> None:
    text = (
        "retro\n\nbad stuff\nthe FAQ accordion broke on Safari 15 for the first weekend\n"
        "another one: the enterprise path got cut before sales saw the page\n"
    )
    retro = _draft(tmp_path, text, "notes.txt")
    titles = [p.title for p in retro.problems]
    assert "another one" not in titles
    assert any(t.startswith("the enterprise path got cut") for t in titles)


def test_zh_points_worth_keeping_listed_after_a_colon_under_what_went_badly(
    tmp_path: Path,
) -> None:
    text = (
        "冬季调度复盘\n\n## 不顺的地方\n\n- 下雪那两天APP照样推附近有车\n\n"
        "复盘会上大家聊下来,我觉得最值钱的几条是:冬天的换电能力至少按平时1.5倍配人配电池;"
        "车辆入冬检查必须11月中前做完并留记录;算法改动一律分片区灰度,不要三个区一刀切。\n"
    )
    lessons = [lesson.statement for lesson in _draft(tmp_path, text).lessons]
    assert lessons == [
        "冬天的换电能力至少按平时1.5倍配人配电池",
        "车辆入冬检查必须11月中前做完并留记录",
        "算法改动一律分片区灰度,不要三个区一刀切",
    ]


def test_a_bullet_whose_sub_bullets_say_why_is_a_problem(tmp_path: Path) -> None:
    text = (
        "Route opt squad - sprint 9 retro minutes\n\n"
        "* Ana basically carried the geocoding cleanup, ~14k addresses fixed in a week\n"
        "* Plans landed at ~05:40 instead of 05:00 on three mornings\n"
        "  - probably because the nightly job runs at a fixed 23:00 and the cut-off slipped\n"
    )
    retro = _draft(tmp_path, text, "minutes.txt")
    (problem,) = retro.problems
    assert problem.title.startswith("Plans landed at ~05:40")
    (cause,) = problem.causes
    assert cause.text.startswith("the nightly job runs") and cause.confidence == "hypothesis"


def test_praise_and_trouble_in_everyday_words(tmp_path: Path) -> None:
    text = (
        "牧场群\n\n产房装的那四个摄像头真好用,手机上就能看\n"
        "犊牛饲喂记录改成钉钉表单以后,对账省事多了\n\n"
        "KS retro\n\nthe mid-campaign dip was brutal tho\n"
        "Raj's route view - drivers use it way more than expected\n"
    )
    retro = _draft(tmp_path, text, "notes.txt")
    highlights = " ".join(h.title for h in retro.highlights)
    assert "摄像头真好用" in highlights and "省事多了" in highlights
    assert "way more than expected" in highlights
    assert any("dip was brutal" in p.title for p in retro.problems)


def test_a_board_of_columns_in_plain_words_with_a_silver_lining_under_what_went_sideways(
    tmp_path: Path,
) -> None:
    text = (
        "Brigade recruitment push :: retro board\n\n"
        "== what we were after ==\n"
        "- 15 new probies signed up for basic training (Mick)\n"
        "- open day with 200+ through the gate (Shaz)\n\n"
        "== scoreboard ==\n- 11 actually signed & started basic\n"
        "- open day ~340 through the gate\n\n"
        "== chuffed about ==\n- Deano built the sign-up form in one evening\n\n"
        "== went sideways ==\n- online form was emailing the OLD gmail for 3 weeks\n"
        "- (not all bad) the crew who stepped in made it look planned\n\n"
        "== how come ==\n- nobody owns the website\n"
    )
    retro = _draft(tmp_path, text, "board.txt")
    assert sorted(g.target.text for g in retro.goals) == ["15", "200"]
    verdicts = sorted(r.achievement.verdict for r in retro.results if r.goal_id)
    assert verdicts == ["exceeded", "missed"]  # 11 of 15, ~340 of 200
    assert not retro.action_items  # a name in brackets signs a goal, it hands no work over
    assert _has(retro.highlights, "Deano built the sign-up form")
    assert _has(retro.highlights, "the crew who stepped in made it look planned")
    assert [p.title for p in retro.problems] == [
        "online form was emailing the OLD gmail for 3 weeks"
    ]
    assert [c.text for c in retro.problems[0].causes] == ["nobody owns the website"]


def test_a_chat_message_leading_the_list_its_writer_sends_next(tmp_path: Path) -> None:
    chat = (
        "Slack export — #setting-crew\n\n"
        "[9:31 AM] Jun Park: we said max 1 day closed per section and the cave was shut 2.5 days\n"
        "[9:40 AM] Tess Okafor: it wasn't all pain tho:\n"
        "[9:41 AM] Tess Okafor: • kids' wall got its own reset for the first time in a year\n"
        "[9:41 AM] Tess Okafor: • zero injuries on strip days\n"
        "[10:02 AM] Tess Okafor: ok takeaways as I see them\n"
        "[10:02 AM] Tess Okafor: 1. count holds before every cycle, not when we're already short\n"
        "[10:02 AM] Tess Okafor: 2. forerun the day BEFORE opening, never the morning of\n"
        "[10:05 AM] Marco Reyes: sounds right\n"
    )
    retro = _draft(tmp_path, chat, "slack.txt")
    assert _has(retro.highlights, "kids' wall got its own reset")
    assert _has(retro.highlights, "zero injuries on strip days")
    assert not _has(retro.problems, "kids' wall")
    assert [x.statement for x in retro.lessons] == [
        "count holds before every cycle, not when we're already short",
        "forerun the day BEFORE opening, never the morning of",
    ]


def test_an_email_naming_what_hurt_and_what_actually_broke(tmp_path: Path) -> None:
    text = (
        "Subject: Pricing v2 rollout - where we landed\n\n"
        "On Oct 15 the migration job re-billed 143 annual customers as if they were monthly.\n"
        "What actually broke: the proration step treated every subscription as monthly.\n\n"
        "Other stuff that hurt:\n"
        "- the grandfathering FAQ was buried three clicks deep in the help centre\n"
        "- migration emails went out in English only to ~900 German and French accounts\n"
    )
    retro = _draft(tmp_path, text, "email.txt")
    assert _has(retro.problems, "grandfathering FAQ was buried")
    assert _has(retro.problems, "migration emails went out in English only")
    causes = [c.text for p in retro.problems for c in p.causes]
    assert any("proration step treated every subscription" in c for c in causes)


def test_zh_a_chat_message_saying_a_few_points_to_note_down_leads_lessons(tmp_path: Path) -> None:
    text = (
        "钉钉群聊天记录导出\n\n"
        "[20:58] 张磊: 双十一仓里这波总算过去了\n"
        "[21:01] 张磊: 几条记下来:\n"
        "[21:01] 张磊: 1. 大促前商家必须报直播排期,不报的不保时效\n"
        "[21:02] 张磊: 2. 库容过85%就升级,不等人拍脑袋\n"
        "[21:03] 孙卫东: 收到\n"
    )
    retro = _draft(tmp_path, text, "chat.txt")
    assert [x.statement for x in retro.lessons] == [
        "大促前商家必须报直播排期,不报的不保时效",
        "库容过85%就升级,不等人拍脑袋",
    ]


def test_a_takeaways_label_over_several_sentences_gives_a_lesson_each(tmp_path: Path) -> None:
    text = (
        "Checkout incident notes\n\n"
        "Takeaways: schema changes ship on their own, never inside an app release. "
        "Paging alerts get a 3-min window. Break-glass needs two approvers on call.\n"
    )
    lessons = [lesson.statement for lesson in _draft(tmp_path, text, "notes.txt").lessons]
    assert lessons == [
        "schema changes ship on their own, never inside an app release",
        "Paging alerts get a 3-min window",
        "Break-glass needs two approvers on call",
    ]


def test_a_background_section_judges_nothing_its_words_do_not_judge(tmp_path: Path) -> None:
    text = (
        "Depot monitoring project: review\n\n"
        "## 1. Background\n\n### 1.1 Where we started\n\n"
        "Last winter the depot lost power three times and nobody noticed until morning. "
        "The board asked for a monitoring system before the next winter.\n\n"
        "## 2. What went wrong\n\n"
        "Refund emails went out twice to 300 people.\n"
    )
    problems = _titles(_draft(tmp_path, text).problems)
    assert problems == ["Refund emails went out twice to 300 people"]


@pytest.mark.parametrize(
    ("heading", "good", "bad"),
    [
        (
            "## v3.0 retro: what went well, what didn't",
            "Zero rollbacks across all four regions",
            "We shipped without musl wheels and Alpine installs broke for two days",
        ),
        (
            "## 做得好的和不好的",
            "小周一个人把整个迁移扛下来了,客服那边零投诉",
            "下单页面一直转圈,周六上午基本没法用,投诉不断",
        ),
    ],
)
def test_a_heading_over_both_good_and_bad_lets_each_line_say_which(
    tmp_path: Path, heading: str, good: str, bad: str
) -> None:
    retro = _draft(tmp_path, f"Notes\n\n{heading}\n\n- {good}\n- {bad}\n")
    assert _titles(retro.problems) == [bad]  # the good line is no trouble for sitting there


@pytest.mark.parametrize(
    ("good", "lead", "bad"),
    [
        (
            "stuff I'm proud of",
            "the ugly bits",
            "two invoices went out late, one is still unpaid 60+ days later",
        ),
        ("值得表扬的", "扎心时刻", "两张发票开晚了,一张到现在还没回款"),
    ],
)
def test_a_list_lead_in_the_writers_words_closes_the_list_before_it(
    tmp_path: Path, good: str, lead: str, bad: str
) -> None:
    text = f"Quarter check-in\n\n{good}\n- Dana sold me to two other teams\n\n{lead}\n- {bad}\n"
    retro = _draft(tmp_path, text)
    assert (_titles(retro.highlights), _titles(retro.problems)) == (
        ["Dana sold me to two other teams"],
        [bad],
    )


@pytest.mark.parametrize(
    ("text", "cause", "action", "owner"),
    [
        (
            "Sprint 34 board\n\n=== dumpster fires ===\n- review queue hit 900 on Tue\n\n"
            "=== but why ===\n- the new address-proof rule kicks every old bill to manual\n\n"
            "=== who / what / when ===\n- Marco: get the 60d threshold re-approved by Fri\n",
            "address-proof rule kicks every old bill",
            "get the 60d threshold re-approved",
            "Marco",
        ),
        (
            "迭代回顾\n\n## 翻车的地方\n- 审核队列周二堆到900单\n\n"
            "## 为啥会这样\n- 新的地址证明规则把60天以上的账单都打到人工\n\n"
            "## 谁/干啥/啥时候\n- 小马: 找合规重新批60天的阈值,周五前\n",
            "新的地址证明规则",
            "找合规重新批60天的阈值",
            "小马",
        ),
    ],
)
def test_board_columns_asking_why_and_who_what_when(
    tmp_path: Path, text: str, cause: str, action: str, owner: str
) -> None:
    retro = _draft(tmp_path, text)
    causes = [c.text for p in retro.problems for c in p.causes]
    assert any(cause in c for c in causes), causes
    item = next(a for a in retro.action_items if action in a.action)
    assert item.owner == owner
    assert item.due is not None


@pytest.mark.parametrize("heading", ["## the not-so-good stuff", "## The not-so-good bits"])
def test_a_negated_good_stuff_heading_heads_the_problems(tmp_path: Path, heading: str) -> None:
    retro = _draft(
        tmp_path,
        "# My year\n\n## the good stuff\n- eleven of the jobs were repeat clients\n\n"
        f"{heading}\nCash flow was a mess for most of the summer.\n\n"
        "Instagram reach roughly halved from about June.\n",
    )
    assert _has(retro.highlights, "repeat clients")
    assert _has(retro.problems, "Cash flow was a mess")
    assert not _has(retro.highlights, "Cash flow") and not _has(retro.highlights, "Instagram")


def test_a_short_heading_over_prose_heads_only_its_paragraph(tmp_path: Path) -> None:
    minutes = """\
Booking migration - sprint 6 retro, minutes

What went well (quick round)
- the duplicate checker found 61 double-held rooms

What didn't
Front desk found out about the cut-over from a guest. It was never put in the shift briefing.
Nine bookings appeared one hour early on the new calendar. We got lucky - the organiser rang \
while Ana had the booking open.

Lessons, as Marcus summed up:
- any migration gets a full-size dress rehearsal, never just a sample
- telling front office is part of done for anything a guest can see
"""
    retro = _draft(tmp_path, minutes, name="minutes.txt")
    assert _has(retro.problems, "Front desk found out about the cut-over from a guest")
    assert _has(retro.problems, "Nine bookings appeared one hour early")
    assert _has(retro.highlights, "We got lucky")
    assert not _has(retro.problems, "We got lucky")
    assert any("full-size dress rehearsal" in lesson.statement for lesson in retro.lessons)
    assert not _has(retro.problems, "dress rehearsal")
    assert not _has(retro.highlights, "dress rehearsal")


def test_a_short_heading_over_prose_a_blank_line_below_it(tmp_path: Path) -> None:
    blog = """\
Words, money and one sore wrist: my year as a freelance translator

Every December I sit down with the spreadsheet and a bit of dread.

The good stuff

The law firm in Düsseldorf moved me onto a monthly retainer in June.

Where it went wrong

One agency took 94 days to pay a £2,100 invoice.

What I'll remember

Invoice on delivery, not at month end.
"""
    retro = _draft(tmp_path, blog, name="blog.txt")
    assert _has(retro.highlights, "monthly retainer")
    assert _has(retro.problems, "94 days to pay")
    assert [lesson.statement for lesson in retro.lessons] == [
        "Invoice on delivery, not at month end"
    ]


def test_a_labelled_list_ends_where_the_story_goes_on_after_a_blank_line(tmp_path: Path) -> None:
    blog = """\
One year on the road

What I'd tell day-one me:
- Eat before a shift, not after.
- Go to the debrief. Every time.

Year two, then. I've booked the PHTLS refresher for before the summer. Dee said she'll keep \
mentoring me on paeds.
"""
    retro = _draft(tmp_path, blog, name="blog.md")
    assert [lesson.statement for lesson in retro.lessons] == [
        "Eat before a shift, not after",
        "Go to the debrief. Every time",
    ]
    assert [(a.owner, a.action) for a in retro.action_items] == [
        ("Dee", "keep mentoring me on paeds")
    ]


@pytest.mark.parametrize("arrow", ["->", "→"])
def test_zh_goals_with_how_they_went_after_an_arrow_are_no_actions(
    tmp_path: Path, arrow: str
) -> None:
    notes = f"""\
带团队100天

刚接手的时候给自己立了三个flag:
1) 每人两周一次1:1,一次不落 {arrow} 头一个月还行,后来一忙就断了
2) 组里不出P1 {arrow} 守住了,100天0个P1
3) P1故障30分钟内恢复 {arrow} 实际107分钟,差得远

先夸夸大家
周会改成只说卡点,从一小时缩到25分钟左右
"""
    retro = _draft(tmp_path, notes, name="notes.txt")
    assert retro.action_items == []
    titles = [g.title for g in retro.goals]
    assert "每人两周一次1:1,一次不落" in titles
    assert "P1故障30分钟内恢复" in titles


@pytest.mark.parametrize("title", ["2025年终个人总结", "年度总结"])
def test_a_summary_title_on_the_first_line_lends_no_kind_to_the_notes(
    tmp_path: Path, title: str
) -> None:
    notes = f"""\
{title}
陈磊 | 华东大区 KA销售部

今年还算拿得出手的:
CRM终于在组里用起来了,报预测不再靠拍脑袋。

心里过不去的几件:
宁波那个360万的单子跟了8个月,10月份被对手截了。
客户交接做得很乱,有两家直接流失了。
"""
    retro = _draft(tmp_path, notes, name="review.txt")
    assert _has(retro.highlights, "CRM终于在组里用起来了")
    assert _has(retro.problems, "宁波那个360万的单子")
    assert _has(retro.problems, "客户交接做得很乱")


@pytest.mark.parametrize(
    ("head", "lines", "owner"),
    [
        (
            "2026年打算:",
            ["1. 新合同模板找法务一起改,月底前出初稿。", "2. 交接清单小吴来写,下周五前给我。"],
            "小吴",
        ),
        (
            "2026 plans:",
            [
                "1. Rewrite the contract template with legal.",
                "2. Ana to draft the handover checklist by Friday.",
            ],
            "Ana",
        ),
    ],
)
def test_a_heading_that_opens_on_its_year_still_names_its_kind(
    tmp_path: Path, head: str, lines: list[str], owner: str
) -> None:
    body = "\n".join(lines)
    notes = (
        f"Year-end notes\n\nWhat I learned:\nContracts matter more than speed.\n\n{head}\n{body}\n"
    )
    retro = _draft(tmp_path, notes, name="review.txt")
    assert len(retro.action_items) == 2
    assert retro.action_items[1].owner == owner
    assert len(retro.lessons) == 1


@pytest.mark.parametrize(
    ("aside", "good"),
    [
        (
            "(one good thing I'll sneak in here: the grant report went in on time, thank you!!)",
            "the grant report went in on time",
        ),
        (
            '(not a fire but) the new error copy cut support tickets on "why" roughly in half',
            "the new error copy cut support tickets",
        ),
        (
            "(ok this one's not a complaint) the new pager rota meant nobody got woken twice",
            "the new pager rota meant nobody got woken twice",
        ),
    ],
)
def test_a_good_thing_said_in_brackets_among_the_problems_is_a_highlight(
    tmp_path: Path, aside: str, good: str
) -> None:
    text = f"## What went wrong\n- the deploy window was too short\n- {aside}\n"
    retro = _draft(tmp_path, "# Rollout retro\n\n" + text)
    assert _has(retro.highlights, good)
    assert not _has(retro.problems, good)
    assert _has(retro.problems, "deploy window was too short")


def test_zh_a_note_of_who_spoke_is_no_title_and_not_all_bad_is_good(tmp_path: Path) -> None:
    text = (
        "## 问题\n- 大众点评上说太甜的差评20多条\n"
        "- 老马插话:高铁站店虽然上新晚,但那几天把老品库存清得挺干净,也不全是坏事\n"
    )
    retro = _draft(tmp_path, "# 秋季上新周会\n\n" + text)
    assert _has(retro.highlights, "把老品库存清得挺干净")
    assert not [h for h in retro.highlights if h.title == "老马插话"]
    assert not _has(retro.problems, "把老品库存清得挺干净")


def test_zh_minutes_headed_in_the_writers_own_words(tmp_path: Path) -> None:
    text = (
        "# 售后周会纪要 2026-07-06(周一)\n\n"
        "## 先看分数,别绕\n"
        "厂家CSI季度得分目标是92分,二季度出来是90.6,差一点点。\n"
        "客户休息区改造当时说6月底前完工,6月20号就弄完了,按时。\n\n"
        "## 还算争气的\n"
        "- 6月厂家暗访那天刚好赶上周三人少,运气好,暗访单项给了96分\n\n"
        "## 扎心的\n"
        "- 有个客户做个小保养等了3个多小时\n\n"
        "## 下季度谁干啥\n"
        "1. 周六SA排班从4个加到6个,由周倩负责,下周一开始执行\n"
        '2. 孙浩:"林悦,回访时间跟厂家错开,本周五前能出个方案吗?"\n'
    )
    retro = _draft(tmp_path, text)
    verdicts = {
        g.title: r.achievement.verdict
        for g in retro.goals
        for r in retro.results
        if r.goal_id == g.id
    }
    assert verdicts == {
        "厂家CSI季度得分目标是92分": "partial",
        "客户休息区改造当时说6月底前完工": "met",
    }
    assert [(h.title[:8], h.luck) for h in retro.highlights] == [("6月厂家暗访那天", True)]
    assert [p.title for p in retro.problems] == ["有个客户做个小保养等了3个多小时"]
    assert [a.owner for a in retro.action_items] == ["周倩", "林悦"]


def test_a_point_that_opens_on_luck_or_good_news_is_a_highlight_wherever_it_is_listed(
    tmp_path: Path,
) -> None:
    text = (
        "# 冲刺复盘\n\n## 问题\n- 审核被拒了两次,上线晚了三天\n"
        "- 说个好的:周三夜里那次线上hotfix,值班的晓楠15分钟就响应了\n\n"
        "## 学到的\n- 运气好的是公司楼下新开了家24小时健身房,加班到十点也能下去练\n"
        "- 估点要留余量\n"
    )
    retro = _draft(tmp_path, text)
    assert [(h.title[:8], h.luck) for h in retro.highlights] == [
        ("说个好的:周三夜", False),
        ("运气好的是公司楼", True),
    ]
    assert [p.title[:7] for p in retro.problems] == ["审核被拒了两次"]


def test_a_board_headed_in_the_teams_own_words(tmp_path: Path) -> None:
    text = (
        "Checkout squad - sprint 14 retro board\n\n"
        "~~ THE DEAL WE MADE AT PLANNING ~~\n"
        "* guest checkout live on web and app after a clean smoke test\n\n"
        "~~ HELL YES ~~\n"
        "[6] guest checkout went live on day 9 of 10\n"
        "[3] smoke test: 400 orders placed, 400 paid, none stuck\n\n"
        "~~ SLOG ~~\n"
        "[5] the payment sandbox was down two afternoons\n\n"
        "~~ DODGED A BULLET ~~\n"
        "[3] the card scheme's outage hit the weekend we were not live yet\n\n"
        "~~ DEAR FUTURE US ~~\n"
        "[4] book the sandbox slots at planning, not mid-sprint\n"
    )
    retro = _draft(tmp_path, text, name="board.txt")
    assert [g.title for g in retro.goals] == [
        "guest checkout live on web and app after a clean smoke test"
    ]
    assert [(h.title[:24], h.luck) for h in retro.highlights] == [
        ("guest checkout went live", False),
        ("smoke test", False),
        ("the card scheme's outage", True),
    ]
    assert _titles(retro.problems) == ["the payment sandbox was down two afternoons"]
    assert [lesson.statement for lesson in retro.lessons] == [
        "book the sandbox slots at planning, not mid-sprint"
    ]
    # the labelled point's evidence is its own line, not the first "smoke test" in the notes
    smoke = retro.highlights[1]
    assert [e.line for e in smoke.evidence] == [8]


@pytest.mark.parametrize(
    ("line", "lesson"),
    [
        ("Stories from the floor beat appeals from head office.", True),
        ("A phone call beats three emails.", True),
        ("The new subject line beat control CTR by forty percent.", False),
        ("Auto-indexing beat the target, which nobody expected.", False),
        ("Alert fired: checkout p99 latency > 2000ms.", False),
        ("Don't ship on a Friday afternoon.", True),
        ("Don't have a number for the refunds yet.", False),
    ],
)
def test_a_rule_of_thumb_is_a_lesson_but_how_it_went_or_a_threshold_is_not(
    tmp_path: Path, line: str, lesson: bool
) -> None:
    retro = _draft(tmp_path, f"Team notes\n\n{line}\n", name="notes.txt")
    assert bool(retro.lessons) is lesson


_NUMBERED_MINUTES = (
    "CITY COUNCIL - SCOOTER TRIAL BOARD\n"
    "Minutes of the close-out meeting held on Thursday 15 October 2026\n\n"
    "Present: Priya Natarajan (PN, Project Manager), Dave Kettering (DK, Parking), "
    "Hannah Bright (HB, Communications)\n\n"
    "1. Apologies\nNone received.\n\n"
    "2. Trial performance\n"
    "2.1 PN introduced the close-out report. The trial ran for six months.\n\n"
    "3. Lessons learned\n"
    "- no future scheme should go live until the parking bays are in place\n\n"
    "4. Actions\n"
    "PN - finalise the close-out report and circulate to members, Friday 23 October\n"
    "DK - remove the temporary bays on Market Street within two weeks\n"
    "HB to arrange a meeting with the RNIB regional officer\n\n"
    "5. Any other business\n"
    "PS Doyle asked whether e-bikes could be included. This was not resolved.\n"
)


def test_en_numbered_minutes_sections_head_what_is_under_them(tmp_path: Path) -> None:
    retro = _draft(tmp_path, _NUMBERED_MINUTES, "minutes.txt")
    got = [(a.owner, a.due.date, a.action.split()[0]) for a in retro.action_items]
    assert got == [
        ("PN", date(2026, 10, 23), "PN"),
        ("DK", date(2026, 10, 29), "DK"),
        ("HB", None, "HB"),
    ]
    assert [lesson.statement for lesson in retro.lessons] == [
        "no future scheme should go live until the parking bays are in place"
    ]
    assert not _has(retro.action_items, "e-bikes")  # "Any other business" is no action


def test_a_numbered_list_is_no_run_of_section_heads(tmp_path: Path) -> None:
    text = (
        "Sprint notes\n\nWhat went wrong\n1. Deploy script broke\n2. Flaky login test\n"
        "3. Staging was down a day\n\nActions\n- Ana: fix the deploy script by Friday\n"
    )
    retro = _draft(tmp_path, text)
    assert _titles(retro.problems)[:3] == [
        "Deploy script broke",
        "Flaky login test",
        "Staging was down a day",
    ]


def test_who_spoke_is_no_title(tmp_path: Path) -> None:
    text = (
        "Pilot wrap-up\n\nWhere we landed:\n"
        "Hannah opened: the pilot is done and today is about whether we roll it out.\n"
    )
    retro = _draft(tmp_path, text)
    assert "Hannah opened" not in _titles(retro.results)


_PILOT_ZH = """# 上门取送试点复盘

**一、数据**
两个月一共2416单,原计划3000单。

**二、问题 / 踩的坑**
- 准时率没达标(差了六个多点),基本都卡在送回:
  - 供应商换了包装没通知我们
  - 取件这块反而做得不错,准时率96.2%,骑手都说取件码好用
- 大件(地毯)电动车拉不了,现在只能打车送,一单贴20块左右

**三、原因(初步讨论,欢迎补充)**
- 排班是按门店的习惯排的,没按取送的单量曲线排

**四、经验**
- 试点也要按真实单量排班,别拍脑袋
"""
_PILOT_EN = """# Doorstep pickup pilot review

**1. Numbers**
We did 2,416 orders against the 3,000 we planned.

**2. Problems / what bit us**
- On-time rate missed the target by six points, mostly on the return leg:
  - the supplier changed the packaging without telling us, so sorting ran a day behind
  - pickups on the other hand went really well, 96.2% on time and riders love the codes
- Bulky items don't fit on the e-bikes, so rugs go back by taxi at about 20 a trip

**3. Causes (first pass, add yours)**
- The rota was built from store habits, not from the order curve.

**4. Lessons**
- Even a pilot needs a rota built on real order volumes.
"""


@pytest.mark.parametrize(
    ("text", "point", "why", "good"),
    [
        (_PILOT_ZH, "准时率没达标(差了六个多点),基本都卡在送回", "供应商换了包装", "取件这块"),
        (_PILOT_EN, "On-time rate missed the target", "the supplier changed", "pickups on"),
    ],
    ids=["zh", "en"],
)
def test_a_point_with_its_reasons_under_it_under_a_numbered_heading_named_twice(
    tmp_path: Path, text: str, point: str, why: str, good: str
) -> None:
    """ "二、问题 / 踩的坑", "2. Problems / what bit us" head problems, and "三、原因(初步讨论)"
    causes: a section's number and an aside after its name are no words of the heading. A point
    ending in a colon over its reasons is a problem; a reason under it is its cause, and a good
    point under it a highlight."""
    retro = _draft(tmp_path, text)
    problems = {p.title: p for p in retro.problems}
    assert len(problems) == 2, list(problems)
    first = next(p for title, p in problems.items() if title.startswith(point))
    assert any(c.text.startswith(why) for c in first.causes), first.causes
    assert any(h.title.startswith(good) for h in retro.highlights)
    assert not any(title.startswith(good) for title in problems)
    rota = [c for p in retro.problems for c in p.causes if "rota" in c.text or "排班" in c.text]
    assert len(rota) == 1
    assert [x.statement for x in retro.lessons] == [
        "试点也要按真实单量排班,别拍脑袋"
        if "试点" in text
        else "Even a pilot needs a rota built on real order volumes"
    ]


def test_each_sentence_after_a_good_or_bad_label_is_an_item_of_its_own(tmp_path: Path) -> None:
    """ "Good stuff: A. We were also lucky B." holds a highlight and a stroke of luck; "Not so
    good: C. D." two problems, not one item each."""
    retro = _draft(
        tmp_path,
        "Practice move review\n\n"
        "Good stuff: Kofi's IT move was flawless. We were also lucky the lease ran to the end "
        "of April.\n\n"
        "Not so good: the printer died on day one. The wifi was slow all week.\n",
        "notes.txt",
    )
    assert [(h.title, h.luck) for h in retro.highlights] == [
        ("Kofi's IT move was flawless", False),
        ("We were also lucky the lease ran to the end of April", True),
    ]
    assert _titles(retro.problems) == ["the printer died on day one", "The wifi was slow all week"]
