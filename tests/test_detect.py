"""Language and kind detection on the seed reports, the examples and real postmortems."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro_ai.ingest import load_sources
from retro_ai.ingest.detect import detect_kind, detect_language
from retro_ai.ingest.source import Line, Source
from retro_ai.schema import Cue, KindReason

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_2822e5fcf1c74f3a.txt"
OWN = Path(__file__).resolve().parent / "data" / "documents" / "three-retros.zh.txt"
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples"


def notes(text: str) -> Source:
    lines = [Line(number=i + 1, text=t) for i, t in enumerate(text.splitlines()) if t.strip()]
    return Source(id="S1", name="x", type="notes", encoding="utf-8", lines=lines)


def seed_reports(path: Path) -> list[Source]:
    parts: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("篇一", "篇二", "篇三")):
            parts.append([])
        elif parts:
            parts[-1].append(line)
    return [notes("\n".join(p)) for p in parts]


@pytest.mark.parametrize("path", [OWN, pytest.param(SEED, marks=pytest.mark.shared)])
def test_seed_reports_detect_as_project_personal_campaign(path: Path) -> None:
    reports = seed_reports(path)
    assert [detect_kind([s])[0] for s in reports] == ["project", "personal", "campaign"]
    assert [detect_language([s]) for s in reports] == ["zh", "zh", "zh"]
    kind, reason = detect_kind([reports[1]])
    assert reason.how == "cues" and "转型" in [c.word for c in reason.cues]


@pytest.mark.parametrize(
    ("folder", "pattern", "least"),
    [
        (OWN.parent / "postmortems", "*.md", 3),
        pytest.param(CORPUS, "postmortems-*/*.md", 30, marks=pytest.mark.shared),
    ],
)
def test_every_corpus_postmortem_is_an_incident_in_english(
    folder: Path, pattern: str, least: int
) -> None:
    files = [p for p in sorted(folder.glob(pattern)) if p.name != "README.md"]
    assert len(files) >= least
    for path in files:
        source = notes(path.read_text(encoding="utf-8"))
        kind, reason = detect_kind([source])
        assert kind == "incident", (path.name, reason)
        assert detect_language([source]) == "en"


def test_examples() -> None:
    retro = notes((EXAMPLES / "launch-retro.md").read_text(encoding="utf-8"))
    assert detect_kind([retro])[0] == "project"
    assert detect_language([retro]) == "en"
    zh = notes((EXAMPLES / "zh-project-notes.txt").read_text(encoding="utf-8"))
    assert detect_kind([zh])[0] == "project"
    assert detect_language([zh]) == "zh"
    call = load_sources([EXAMPLES / "incident-call.vtt"])
    assert call[0].type == "transcript" and detect_kind(call)[0] == "incident"


@pytest.mark.parametrize(
    ("name", "kind", "language"),
    [
        ("sprint-retro.md", "sprint", "en"),
        ("zh-personal-notes.txt", "personal", "zh"),
        ("zh-campaign-notes.txt", "campaign", "zh"),
    ],
)
def test_new_examples(name: str, kind: str, language: str) -> None:
    source = notes((EXAMPLES / name).read_text(encoding="utf-8"))
    assert detect_kind([source])[0] == kind
    assert detect_language([source]) == language


def test_chinese_sprint_review_and_board_headings() -> None:
    zh = notes("第12迭代回顾\n上期行动项跟进\n- 补充接口自动化测试: 已完成\n做得好的\n- 联调顺畅\n")
    kind, reason = detect_kind([zh])
    assert kind == "sprint" and Cue(word="迭代回顾", count=1) in reason.cues
    board = notes("Retro, team Otter\n## Keep\n- pairing\n## Problem\n- flaky CI\n## Try\n- x\n")
    assert detect_kind([board])[0] == "sprint"


def test_reason_names_cues_with_counts() -> None:
    text = "Outage review. The outage hit checkout; another outage followed.\nRoot cause: config.\n"
    kind, reason = detect_kind([notes(text)])
    assert kind == "incident"
    assert reason == KindReason(
        how="cues",
        cues=[
            Cue(word="outage", count=3),
            Cue(word="root cause", count=1),
            Cue(word="incident review", count=1),
        ],
    )


def test_default_is_project_when_nothing_stands_out() -> None:
    default = ("project", KindReason(how="default"))
    assert detect_kind([notes("We met on Tuesday and talked.")]) == default
    assert detect_kind([]) == default


def test_sprint_and_first_person_personal() -> None:
    sprint = notes("Sprint 14 retro\nKeep: pairing\nProblem: flaky CI\nTry: nightly builds\n")
    assert detect_kind([sprint])[0] == "sprint"
    diary = notes(
        "I moved from support to engineering this year.\nI took two courses.\n"
        "I shipped my first feature.\nI still struggle with estimates.\n"
    )
    kind, reason = detect_kind([diary])
    assert kind == "personal" and '"I "' in [c.word for c in reason.cues]


def test_metrics_sources_do_not_vote_on_kind_but_count_for_language(tmp_path: Path) -> None:
    csv = tmp_path / "metrics.csv"
    csv.write_text("metric,target\n活动 曝光量,100万\n活动 转化率,5%\n", encoding="utf-8")
    (metrics,) = load_sources([csv])
    assert metrics.type == "metrics"
    assert detect_kind([metrics]) == ("project", KindReason(how="default"))
    assert detect_language([metrics]) == "zh"


def test_language_threshold_is_a_fifth_of_letters() -> None:
    # 3 CJK characters against 12 Latin letters: exactly 20% → zh.
    assert detect_language([notes("上线了 checkout page")]) == "zh"
    assert detect_language([notes("上 checkout redesign page launch")]) == "en"
    assert detect_language([notes("12345 --- !!!")]) == "en"


def test_paid_media_words_name_a_campaign_and_this_iteration_a_sprint() -> None:
    email = notes(
        "Subject: Spring Refresh wrap-up\n"
        "We launched on the 4th. The launch page was slow and the relaunch of the app slipped.\n"
        "ROAS came in at 1.9, paid social ate a third of the budget, CPC doubled in week two.\n"
        "The discount codes did not stack with bundles and lookalikes were stale.\n"
    )
    assert detect_kind([email])[0] == "campaign"
    feishu = notes(
        "S23 复盘 | 2026.05.29\n本迭代目标: 订单列表重构上线\n"
        "周三回滚了一次, 打了个hotfix, 测试环境挂了半天。\n这个迭代插需求太多, 下个迭代要控制。\n"
    )
    assert detect_kind([feishu])[0] == "sprint"


def test_first_person_in_a_desktop_chat_export_is_no_personal_review(tmp_path: Path) -> None:
    chat = "\n".join(
        [
            "微信群聊「仓库系统保障」聊天记录",
            "2026-06-16 09:12 周涛(仓库主管)",
            "打单机全部报错,面单出不来,我这边急",
            "2026-06-16 09:14 李明远",
            "我先打电话问问,接口超时了",
            "2026-06-16 09:26 吴昊",
            "我看了日志,从08:41就开始报错了,告警没响",
            "2026-06-16 09:52 吴昊",
            "我重启了定时任务,10:05恢复正常",
        ]
    )
    path = tmp_path / "chat.txt"
    path.write_text(chat + "\n", encoding="utf-8")
    assert detect_kind(load_sources([path]))[0] == "incident"


def test_first_person_speech_in_a_meeting_transcript_is_no_personal_review(tmp_path: Path) -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ana>I think the crates worked great.\n\n"
        "00:00:06.000 --> 00:00:09.000\n<v Raj>I agree, I labelled half of them.\n\n"
        "00:00:10.000 --> 00:00:14.000\n<v Ana>I will book the movers for the second floor.\n"
    )
    path = tmp_path / "move.vtt"
    path.write_text(vtt, encoding="utf-8")
    assert detect_kind(load_sources([path]))[0] != "personal"


def test_launch_channels_name_a_campaign_and_a_migration_names_a_project() -> None:
    launch = notes(
        "Tallyloop v2 — Product Hunt launch retro\n"
        "We launched at 00:01 PT. Upvotes flatlined after 11am, the waitlist email went out late.\n"
        "The launch page converted at 0.9%; the relaunch of the docs can wait.\n"
    )
    assert detect_kind([launch])[0] == "campaign"
    migration = notes(
        "Teradata to BigQuery migration: look-back\n"
        "The cutover weekend was rough. The migration slipped three weeks.\n"
        "Finance KPI dashboards were off for nine days.\n"
    )
    assert detect_kind([migration])[0] == "project"


def test_fundraising_names_a_campaign_and_a_note_to_oneself_a_personal_review() -> None:
    drive = notes(
        "Subject: Full Shelves email drive - how it actually went\n"
        "I wanted to give you the numbers before Thursday. I think the match worked.\n"
        "We had 512 donors, 301 of them first-time givers; donations came to $48k.\n"
        "I was surprised the appeal did best on mobile. I will send the foundation our results.\n"
    )
    assert detect_kind([drive])[0] == "campaign"
    marathon = notes("2026.04.22 第一次全马备赛复盘 (写给自己看)\n目标完赛4小时,配速5:40。\n")
    assert detect_kind([marathon])[0] == "personal"


def test_a_group_chat_copied_with_bare_times_is_a_chat(tmp_path: Path) -> None:
    """ "08:06 导诊台小何: …": the same people speak again and again, so these are turns (and
    their "我" is no personal review); a timeline's "09:15 告警: …" stays notes."""
    chat = "\n".join(
        [
            "微信聊天记录 - 「门诊+信息科」",
            "2026年3月17日(周二)",
            "08:06 导诊台小何: 挂号那边HIS故障, 登不上了, 一直转圈圈",
            "08:07 收费处王姐: 收费也动不了, 我这边已经排到大门口了",
            "08:09 陈磊: 收到 我远程看下",
            "08:21 陈磊: 数据库服务器D盘满了, 数据库宕机, 我先清一下",
            "08:22 王姐: 我启用纸质挂号单了",
            "08:41 王姐: 纸质挂号已经开起来了",
            "09:32 陈磊: 找到了, 备份目录堆了40多天的全量备份, 恢复了",
        ]
    )
    path = tmp_path / "chat.txt"
    path.write_text(chat + "\n", encoding="utf-8")
    source = load_sources([path])[0]
    turns = [(ln.timestamp, ln.speaker) for ln in source.lines if ln.speaker]
    assert turns[:3] == [("08:06", "导诊台小何"), ("08:07", "收费处王姐"), ("08:09", "陈磊")]
    assert detect_kind([source])[0] == "incident"
    timeline = tmp_path / "timeline.txt"
    timeline.write_text(
        "# 支付故障复盘\n09:15 告警: CPU打满\n09:20 值班: 开始排查\n09:31 回滚: 完成\n"
        "09:40 恢复: 支付成功率回到99%\n",
        encoding="utf-8",
    )
    assert not any(ln.speaker for ln in load_sources([timeline])[0].lines)


def test_the_writers_first_person_alone_names_no_personal_review() -> None:
    """A project written up by one person says "我" throughout; that says who wrote it."""
    review = notes(
        "排课系统上线回顾\n"
        "这个系统是我一个人从零写的,我负责需求、开发和上线。\n"
        "我原计划8月底上线,实际9月3日才上线,我低估了数据迁移。\n"
        "上线第一天我发现登录很慢,我连夜加了索引。\n"
        "下次我会先做压测再上线。\n"
    )
    assert detect_kind([review])[0] == "project"
    growth = notes("上半年个人复盘\n我的成长:我学会了带新人。\n我最大的问题是拖延。\n")
    assert detect_kind([growth])[0] == "personal"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (  # an organiser writing to volunteers: "I" is the writer, "we" did the run
            "From: Harriet <h@hospice.org>\nTo: volunteers@lists.hospice.org\n"
            "Subject: THANK YOU - Riverside 10k fundraising\n\nI can't thank you enough. "
            "We raised £41k. I know the water stations ran dry; we should have had more.\n"
            "I think we did well with sponsors. You were brilliant. I will book the park again.\n"
            "I owe you all a drink. We start planning in March.\n",
            "campaign",
        ),
        ("# v0.9 release cycle retro\n\nWe shipped 0.9 in 11 weeks, not 8.\n", "sprint"),
        ("窗口提效小组\n这期两周冲刺(4.6-4.17)今天收尾,平均等候23分钟。\n", "sprint"),
        (
            "何总,秋招收尾了,我先过一遍我自己的复盘。\n我这次招了12个人,我觉得节奏太赶。\n",
            "personal",
        ),
    ],
)
def test_who_writes_and_what_the_title_calls_it_name_the_kind(text: str, kind: str) -> None:
    assert detect_kind([notes(text)])[0] == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (  # sponsorship and tickets are a campaign, though the writer says 个人 once
            "春季联赛 招商+票务 复盘(小吴记)\n"
            "- 招商原定20万赞助, 最后拿到15万, 冠名没谈下来\n"
            "- 门票目标2000张, 卖了2300张, 个人觉得定价偏低\n",
            "campaign",
        ),
        ("# 读书会秋季招新复盘\n\n- 来了40个人, 比去年多\n- 海报贴晚了\n", "campaign"),
        ("team nightowl -- post-hack retro\n\n- demo worked\n- slept 3h\n", "sprint"),
        (  # written for the writer and for others: about the work, not the writer
            "# 仓库搬迁复盘(写给自己,也给行政参考)\n\n我原定3天搬完,实际用了5天。\n"
            "我低估了打包的量。下次我会先清点。\n",
            "project",
        ),
        ("# 上半年复盘(写给自己看)\n\n我的目标是读12本书,读了9本。\n", "personal"),
        (  # "| 项目 | 目标 | 实际 |" is a table's "item" column, no project
            "# 中秋礼盒营销复盘\n\n| 项目 | 目标 | 实际 |\n|---|---|---|\n"
            "| 曝光 | 100万 | 120万 |\n| 转化 | 3% | 2.5% |\n",
            "campaign",
        ),
    ],
)
def test_what_the_work_is_names_the_kind_not_a_word_in_passing(text: str, kind: str) -> None:
    assert detect_kind([notes(text)])[0] == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (  # a goal kept ("零安全事故") and one's own view ("个人估计") name no kind
            "# 选举夜报道复盘\n\n- 全程零安全事故, 没出任何事故\n- 个人估计每个编辑多干了两小时\n"
            "- 我觉得头版写得太晚, 我下次提前写\n- 全国大选估计明年上半年就来了\n",
            "project",
        ),
        (  # "不怪她个人" and "换个人" are about a person, not a personal review
            "主题: 夜间断供 情况说明及整改\n\n"
            "21:40 护士来领药, 只剩6支。从发现到报上来用了45分钟。\n"
            "这点不怪她个人, 是我们带教没讲透。换个人很可能要拖到第二天。我已经补了培训。\n",
            "incident",
        ),
        ("5号线南段封闭改造-复盘\n\n原定4/17恢复, 实际4/18。施工零安全事故。\n", "project"),
        (  # the captain's own season: "下半年" is still the writer's year
            "球队队长赛季小结\n我这季的目标是训练平均十个人以上, 结果九个。\n"
            "出勤掉下来可能是下半年好几个兄弟进了加班季。我自己三分命中率也掉了。\n",
            "personal",
        ),
    ],
)
def test_a_goal_kept_or_a_word_about_someone_names_no_kind(text: str, kind: str) -> None:
    assert detect_kind([notes(text)])[0] == kind


def test_a_head_count_is_no_personal_review() -> None:
    """ "30个人20分钟拉齐" counts people; it says nothing of who wrote the notes."""
    text = (
        "# 分拣线停线复盘\n\n- 17号晚上2号线停线, 改人工分拣, 30个人20分钟拉齐\n"
        "- 告警没人看, 中控夜班只有一个人\n- 故障恢复用时3小时\n"
    )
    assert detect_kind([notes(text)])[0] == "incident"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (  # a farmer's own season, told in the first person with no word naming a kind
            "今年这一季\n\n我今年种了三十亩桃, 我原本想收三千斤, 最后收了两千六。\n"
            "我觉得是春天那场倒春寒。我明年要早点打药。我自己也太累了, 我得歇歇。\n",
            "personal",
        ),
        (  # a system one teacher built alone: "我" all through, but it went live, a project
            "# 排课系统复盘\n\n我是数学组的老周, 这个项目是我写的。\n"
            "我这学期让它上线了, 全校用上了。\n"
            "我觉得上线前测得不够, 交付也晚了。我下学期再改。\n",
            "project",
        ),
        (
            "# 咖啡豆批发复盘\n\n这季主要做渠道推广, 目标签30家店, 签了22家。\n"
            "推广靠门店试饮活动, 效果一般。\n",
            "campaign",
        ),
        ("# 疫苗召回处理\n\n周二接到厂家召回通知, 当晚下架, 召回批次12个。\n", "incident"),
        ("# 推荐模型复盘\n\n召回率从0.61提到0.68, 召回率还能再提, 按时交付。\n", "project"),
        (  # a depot that overflowed, told by its manager in the first person
            "# 驿站11.12爆仓复盘\n\n先说结论:上午驿站爆仓, 下午3点50才恢复正常取件。\n"
            "我早上到店发现货架全满了, 我和小吴两个人根本上不完架。\n"
            "我觉得是我没提前排人, 这次我是真慌了, 我下回一定提前备人。\n",
            "incident",
        ),
    ],
)
def test_the_first_person_decides_only_when_nothing_else_does(text: str, kind: str) -> None:
    assert detect_kind([notes(text)])[0] == kind


_NOTES = sorted(
    p
    for p in (Path(__file__).parent / "data").rglob("*")
    if p.suffix in (".md", ".txt", ".vtt", ".srt") and "heldout" not in p.parts
)


def test_cue_needles_skip_only_scans_that_cannot_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each cue is scanned only when the text holds one of the words any match must hold; the
    scores with that shortcut are the scores without it, on every document the tests carry."""
    from retro_ai.ingest import detect

    assert sum(n is not None for n in detect._NEEDLES.values()) > len(detect._NEEDLES) // 2
    assert len(_NOTES) > 100
    for path in _NOTES:
        sources = load_sources([str(path)])
        fast = detect.kind_scores(sources)
        with monkeypatch.context() as m:
            m.setattr(detect, "_NEEDLES", dict.fromkeys(detect._NEEDLES))
            assert detect.kind_scores(sources) == fast, path.name


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\bdonors?\b|\bgiving day\b|筹款", ("donor", "giving day", "筹款")),
        (r"(?:故障|事故)(?:复盘|回顾)", ("故障", "事故")),
        (r"(?<![\w.])(?:5xx|50[0234]s)", None),  # "50[0234]s" holds no plain word
        (r"\b(?:re)?launch(?:ed|es)?\b", ("launch",)),
        (r"我(?![们方])", None),  # one character is no needle
    ],
)
def test_cue_needles(pattern: str, needles: tuple[str, ...] | None) -> None:
    from retro_ai.ingest.detect import _needles

    assert _needles(pattern) == needles


def test_a_shops_offers_and_a_reading_club_name_a_campaign() -> None:
    launch = notes(
        "秋季上新周会\n三款新品9月22日上市,第一周买一杯送小料。\n"
        "杯量目标6万,实际5.1万;会员日满减把客单价拉回22元。\n"
    )
    assert detect_kind([launch])[0] == "campaign"
    club = notes(
        "读书会小分队群聊\n春季这季读书会今天收尾,一季办了11场,场均到17人。\n"
        "报名和到场差好多,周三晚上的两场只来了六七个人。\n"
    )
    assert detect_kind([club])[0] == "campaign"


def test_a_places_year_in_review_is_no_personal_review() -> None:
    clinic = notes(
        "# 2025这一年:安和动物医院(滨江店)年终复盘\n"
        "全年营收587万,目标620万。新办会员卡912张。住院部8月18日才开起来。\n"
        "我估计复诊预约率低是前台太忙。\n"
    )
    assert detect_kind([clinic])[0] == "project"
    mine = notes("# 我的2025年终复盘\n今年跑了两个全马,我换了工作,我也搬了家。\n")
    assert detect_kind([mine])[0] == "personal"
