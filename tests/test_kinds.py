"""Each report kind in each language: its sections, in its conventional order."""

from __future__ import annotations

import re
from datetime import date

import pytest

from retro_ai import draft, render_markdown
from retro_ai.ingest.source import Line, Source

LINES = [
    "目标：转化率达到3%，Goal: ship the beta",
    "结果：转化率2.4%",
    "亮点：灰度发布平稳",
    "侥幸：备用机房恰好空闲",
    "问题：测试环境不稳定",
    "原因：共用数据库实例",
    "经验：继续灰度发布",
    "改进：按项目隔离环境",
    "行动：申请独立数据库，负责人：运维负责人，完成时限：2026-12-15",
    "行动：整理操作手册，完成时限：下月内",
    "14:05 故障开始 14:12 收到告警 15:30 恢复",
    "阶段一：认知准备，挑战：思维定势，行动：阅读，收获：知识体系",
    "上期行动：补充监控，已完成",
]
SOURCE = Source("S1", "notes.txt", "notes", "utf-8", [Line(i + 1, t) for i, t in enumerate(LINES)])

REPLIES = {
    "GoalsOutput": {
        "goals": [
            {"title": "转化率3%", "target": "3%", "direction": "higher", "quote": "转化率达到3%"}
        ]
    },
    "ResultsOutput": {
        "results": [
            {"goal_id": "G1", "title": "转化率2.4%", "actual": "2.4%", "quote": "转化率2.4%"}
        ]
    },
    "AnalysisOutput": {
        "highlights": [
            {"title": "灰度发布平稳", "quote": "灰度发布平稳"},
            {"title": "备用机房空闲", "luck": True, "quote": "备用机房恰好空闲"},
        ],
        "problems": [
            {
                "title": "测试环境不稳定",
                "quote": "测试环境不稳定",
                "causes": [
                    {"text": "共用数据库实例", "type": "root", "quote": "共用数据库实例"},
                    {"text": "发布", "type": "trigger", "quote": "14:05 故障开始"},
                ],
            }
        ],
    },
    "InsightsOutput": {
        "lessons": [
            {"statement": "继续灰度发布", "polarity": "keep", "quote": "继续灰度发布"},
            {"statement": "按项目隔离环境", "polarity": "improve", "quote": "按项目隔离环境"},
        ],
        "actions": [
            {
                "action": "申请独立数据库",
                "owner": "运维负责人",
                "due": "2026-12-15",
                "horizon": "short",
                "problem_ids": ["P1"],
                "quote": "申请独立数据库",
            },
            {"action": "整理操作手册", "due": "下月内", "horizon": "long", "quote": "整理操作手册"},
        ],
    },
    "TimelineOutput": {
        "events": [
            {"at": "14:05", "kind": "start", "description": "故障开始", "quote": "14:05 故障开始"},
            {
                "at": "14:12",
                "kind": "detection",
                "description": "收到告警",
                "quote": "14:12 收到告警",
            },
            {"at": "15:30", "kind": "resolution", "description": "恢复", "quote": "15:30 恢复"},
        ]
    },
    "IncidentOutput": {
        "impact": {"text": "转化率下降", "quote": "结果：转化率2.4%"},
        "detection": {"text": "告警", "quote": "14:12 收到告警"},
        "resolution": {"text": "恢复", "quote": "15:30 恢复"},
    },
    "PhasesOutput": {
        "phases": [
            {
                "name": "认知准备",
                "challenges": ["思维定势"],
                "actions": ["阅读"],
                "gains": ["知识体系"],
                "quote": "阶段一：认知准备",
            }
        ]
    },
    "FollowUpsOutput": {
        "follow_ups": [{"action": "补充监控", "status": "done", "quote": "上期行动：补充监控"}]
    },
    "SummaryOutput": {"title": "复盘", "summary": "总体平稳。", "background": "背景说明。"},
}

ORDER = {
    ("project", "zh"): [
        "概述",
        "一、项目背景",
        "二、项目目标与达成情况",
        "成功亮点",
        "问题与不足及原因分析",
        "经验教训",
        "改进计划与行动方案",
        "待确认",
        "来源",
    ],
    ("project", "en"): [
        "Executive summary",
        "Background",
        "Objectives and results",
        "What went well",
        "What didn't go well, and why",
        "Lessons learned",
        "Action items",
        "Open questions",
        "Sources",
    ],
    ("personal", "zh"): [
        "一、背景与初心",
        "二、预期目标与达成情况",
        "三、关键阶段",
        "四、收获与影响",
        "五、挑战与遗憾",
        "六、经验教训",
        "七、下阶段计划",
        "结语",
        "待确认",
    ],
    ("personal", "en"): [
        "Context",
        "Goals and how they turned out",
        "What happened",
        "Wins",
        "Challenges and regrets",
        "What I learned",
        "What I'd do differently",
        "Next steps",
    ],
    ("campaign", "zh"): [
        "概述",
        "一、活动背景",
        "二、活动目标与效果数据",
        "三、执行亮点",
        "四、问题与不足",
        "五、经验教训与改进建议",
        "六、行动计划",
        "短期行动",
        "长期行动",
    ],
    ("campaign", "en"): [
        "Executive summary",
        "Background",
        "Objectives, KPIs and results",
        "What worked",
        "What didn't",
        "Lessons and recommendations",
        "Next steps",
        "Short term",
        "Long term",
    ],
    ("incident", "zh"): [
        "基本信息",
        "一、摘要",
        "二、影响",
        "三、时间线",
        "四、发现与响应",
        "五、处置与恢复",
        "六、原因分析",
        "触发因素",
        "根本原因",
        "七、经验教训",
        "做得好的",
        "不足",
        "侥幸之处",
        "八、改进措施",
    ],
    ("incident", "en"): [
        "Summary",
        "Impact",
        "Timeline",
        "Detection",
        "Resolution",
        "Trigger, contributing factors and root causes",
        "Trigger",
        "Root causes",
        "Lessons learned",
        "What went well",
        "What went wrong",
        "Where we got lucky",
        "Action items",
    ],
    ("sprint", "zh"): [
        "一、迭代目标回顾",
        "二、上期行动项跟进",
        "三、做得好的（保持）",
        "四、存在的问题",
        "五、尝试与改进",
        "六、改进行动",
    ],
    ("sprint", "en"): [
        "Sprint goal review",
        "Follow-up on previous actions",
        "Keep",
        "Problem",
        "Try",
        "Action items",
    ],
}


def drafted(fake_model, kind, lang):
    for name, reply in REPLIES.items():
        fake_model.enqueue(name, reply)
    return draft([SOURCE], model=fake_model, kind=kind, lang=lang, report_date=date(2026, 11, 28))


def headings(text):
    return [m.group(1) for m in re.finditer(r"^#{2,4} (.+)$", text, flags=re.M)]


@pytest.mark.parametrize("kind,lang", sorted(ORDER))
def test_sections_in_conventional_order(fake_model, kind, lang):
    text = render_markdown(drafted(fake_model, kind, lang))
    found = headings(text)
    positions = [next(i for i, f in enumerate(found) if f.endswith(h)) for h in ORDER[(kind, lang)]]
    assert positions == sorted(positions), found


def test_only_the_kind_s_stages_run(fake_model):
    drafted(fake_model, "project", "zh")
    sent = {name for name, _ in fake_model.history}
    assert not sent & {"TimelineOutput", "IncidentOutput", "PhasesOutput", "FollowUpsOutput"}


def test_personal_has_phases_and_no_owner_column_when_the_author_owns(fake_model):
    REPLIES_NO_OWNER = dict(REPLIES)
    insights = dict(REPLIES["InsightsOutput"])
    insights["actions"] = [dict(a, owner=None) for a in insights["actions"]]
    REPLIES_NO_OWNER["InsightsOutput"] = insights
    for name, reply in REPLIES_NO_OWNER.items():
        fake_model.enqueue(name, reply)
    retro = draft([SOURCE], model=fake_model, kind="personal", report_date=date(2026, 11, 28))
    text = render_markdown(retro)
    assert "- 挑战：思维定势" in text and "- 收获：知识体系" in text
    plan = text.split("七、下阶段计划")[1].split("## 结语")[0]
    assert "| 编号 | 行动 | 完成时限 |" in plan and "负责人" not in plan
    assert not any(q.reason == "no_owner" for q in retro.open_questions)


def test_campaign_groups_actions_by_horizon_with_rates(fake_model):
    text = render_markdown(drafted(fake_model, "campaign", "zh"))
    short = text.split("### 短期行动")[1].split("###")[0]
    assert "申请独立数据库" in short and "整理操作手册" not in short
    assert "| 80% |" in text  # 2.4% of a 3% target, computed


def test_incident_derives_ttd_ttr_and_groups_causes(fake_model):
    retro = drafted(fake_model, "incident", "en")
    assert retro.incident.time_to_detect == "7 min"
    assert retro.incident.time_to_recover == "1 h 25 min"
    text = render_markdown(retro)
    assert "| Time to detect | 7 min |" in text
    lucky = text.split("### Where we got lucky")[1].split("##")[0]
    assert "备用机房空闲" in lucky
    root = text.split("### Root causes")[1].split("###")[0]
    assert "共用数据库实例" in root


def test_sprint_follow_ups(fake_model):
    text = render_markdown(drafted(fake_model, "sprint", "zh"))
    assert "| 补充监控 | 已完成 |" in text


@pytest.mark.parametrize("kind", ["project", "incident", "campaign"])
def test_chinese_output_uses_chinese_punctuation_and_no_escapes(fake_model, kind):
    retro = drafted(fake_model, kind, "zh")
    text = render_markdown(retro)
    assert "\\u" not in text and "\\u" not in retro.model_dump_json()
    header = text.split("\n\n")[1]
    assert "：" in header and "（" in header
    assert ":" not in header.replace("report date", "")


def test_chinese_number_format():
    from retro_ai.render.view import format_number

    assert format_number(25000, "zh") == "2.5万"
    assert format_number(350000000, "zh") == "3.5亿"
    assert format_number(25000, "en") == "25,000"
    assert format_number(12.5, "zh") == "12.5"
