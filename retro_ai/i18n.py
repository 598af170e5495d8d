"""Every word retro-ai shows a reader, per language: labels for enumerated values and table
headers, open-question wording, kind names and language names. All tables are indexed the same
way, language first: `TABLE[lang][key]`."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "colon": "：",
        "lp": "（",
        "rp": "）",
        "co": "〔",
        "cc": "〕",
        "lines": "行",
        "exceeded": "超额完成",
        "met": "达成",
        "partial": "部分达成",
        "missed": "未达成",
        "unknown": "待确认",
        "trigger": "触发因素",
        "direct": "直接原因",
        "contributing": "促成因素",
        "root": "根本原因",
        "confirmed": "已确认",
        "likely": "较可能",
        "hypothesis": "推测，待验证",
        "unverified": "⚠ 未核实",
        "short": "短期",
        "medium": "中期",
        "long": "长期",
        "higher": "越高越好",
        "lower": "越低越好",
        "binary": "是否完成",
        "offline": "离线抽取引擎（按线索短语逐句摘录，未使用大模型）",
        "event_start": "故障开始",
        "event_detection": "发现",
        "event_mitigation": "止损",
        "event_resolution": "恢复",
        "event_other": "事件",
        "status_done": "已完成",
        "status_in_progress": "进行中",
        "status_not_started": "未开始",
        "status_dropped": "已放弃",
        "status_unknown": "待确认",
        "id": "编号",
        "goal": "目标",
        "kpi": "指标",
        "category": "类别",
        "target": "目标值",
        "actual": "实际",
        "rate": "达成率（计算）",
        "stated_rate": "达成率（原文）",
        "verdict": "结论",
        "stated": "原文",
        "evidence": "依据",
        "action": "行动",
        "owner": "负责人",
        "due": "完成时限",
        "about": "约",
        "problems": "关联问题",
        "time": "时间",
        "event": "事件",
        "type": "类型",
        "status": "状态",
        "note": "说明",
        "challenges": "挑战",
        "phase_actions": "行动",
        "gains": "收获",
        "none": "（无）",
        "forced": "由 --kind 指定",
        "cues": "线索：",
        "list_sep": "、",
        "default_kind": "无明显线索，按项目复盘处理",
        "area": "层面",
        "kind_project": "项目复盘",
        "kind_personal": "个人复盘",
        "kind_campaign": "活动复盘",
        "kind_incident": "故障复盘",
        "kind_sprint": "迭代回顾",
        "kind_other": "复盘",
        "todo": "（待补充）",
        "days": "天",
        "time_to_detect": "发现用时",
        "time_to_recover": "恢复用时",
        "hours": "小时",
        "minutes": "分钟",
        "unit_gap": "",
        "or": "或",
        "line_in": "{name} 第 {line} 行",
    },
    "en": {
        "colon": ": ",
        "lp": " (",
        "rp": ")",
        "co": " [",
        "cc": "]",
        "lines": "lines",
        "exceeded": "Exceeded",
        "met": "Met",
        "partial": "Partly met",
        "missed": "Missed",
        "unknown": "Unknown",
        "trigger": "Trigger",
        "direct": "Direct cause",
        "contributing": "Contributing factor",
        "root": "Root cause",
        "confirmed": "confirmed",
        "likely": "likely",
        "hypothesis": "hypothesis, unconfirmed",
        "unverified": "⚠ unverified",
        "short": "Short term",
        "medium": "Medium term",
        "long": "Long term",
        "higher": "higher is better",
        "lower": "lower is better",
        "binary": "done / not done",
        "offline": "offline extractive engine (cue-phrase extraction, no language model)",
        "event_start": "Impact starts",
        "event_detection": "Detected",
        "event_mitigation": "Mitigated",
        "event_resolution": "Resolved",
        "event_other": "Event",
        "status_done": "Done",
        "status_in_progress": "In progress",
        "status_not_started": "Not started",
        "status_dropped": "Dropped",
        "status_unknown": "Unknown",
        "id": "ID",
        "goal": "Goal",
        "kpi": "KPI",
        "category": "Category",
        "target": "Target",
        "actual": "Actual",
        "rate": "Rate (computed)",
        "stated_rate": "Rate (stated)",
        "verdict": "Verdict",
        "stated": "stated",
        "evidence": "Evidence",
        "action": "Action",
        "owner": "Owner",
        "due": "Due",
        "about": "≈",
        "problems": "Problems",
        "time": "Time",
        "event": "Event",
        "type": "Type",
        "status": "Status",
        "note": "Note",
        "challenges": "Challenges",
        "phase_actions": "Actions",
        "gains": "Gains",
        "none": "(none)",
        "forced": "forced with --kind",
        "cues": "cues: ",
        "list_sep": ", ",
        "default_kind": "no strong cues; project by default",
        "area": "Area",
        "kind_project": "project retrospective",
        "kind_personal": "personal retrospective",
        "kind_campaign": "campaign retrospective",
        "kind_incident": "incident postmortem",
        "kind_sprint": "sprint retrospective",
        "kind_other": "retrospective",
        "todo": "(to be written)",
        "days": "d",
        "time_to_detect": "Time to detect",
        "time_to_recover": "Time to recover",
        "hours": "h",
        "minutes": "min",
        "unit_gap": " ",
        "or": " or ",
        "line_in": "{name} line {line}",
    },
}


# Open questions (待确认), by language then reason; `{title}`, `{id}` and the rest are filled in.
QUESTIONS: dict[str, dict[str, str]] = {
    "zh": {
        "placeholder": "{title}：{items}为占位符，请补充真实数值。",
        "rate_conflict": "{title}：原文达成率 {stated} 与计算值 {computed} 不一致，以哪个为准？",
        "duration_conflict": (
            "{title}：原文写的是 {stated}，按时间线推算为 {computed}，起算点是否一致？以哪个为准？"
        ),
        "missing_baseline": "{title}：目标 {target} 是相对变化，但未给出基线，起始值是多少？",
        "unit_mismatch": "{title}：目标 {target} 与实际 {actual} 口径不一致，请核对单位。",
        "unsupported_number": (
            "{title}：数值 {actual} 既不在指标文件中，也不在已核实的原文中，请确认。"
        ),
        "ambiguous_metric": (
            "{title}：该指标行可能对应{goals}，已单列为目标，请确认它对应哪个目标。"
        ),
        "duplicate_metric": (
            "{title}：指标文件中出现 {count} 次（{lines}），已分别列为目标，以哪一行为准？"
        ),
        "missing": "{title}：原文未给出实际结果，实际达成情况如何？",
        "unverified_quote": "{id}：引文“{quote}”未在原文中找到，请核实该条目。",
        "hypothesis_cause": "{id}：原因“{text}”为推测，是否已经确认？",
        "no_owner": "{id}：“{text}”未指定负责人，由谁负责？",
        "no_due": "{id}：“{text}”未给出完成时限，何时完成？",
        "unanswered_question": "原文提出的问题“{quote}”没有人回答，结论是什么？",
    },
    "en": {
        "placeholder": "{title}: {items} a placeholder; what is the real value?",
        "duration_conflict": (
            "{title}: the notes state {stated} but the timeline gives {computed}; "
            "measured from the same start? which is right?"
        ),
        "rate_conflict": (
            "{title}: the stated rate {stated} disagrees with the computed {computed}; "
            "which is right?"
        ),
        "missing_baseline": (
            "{title}: the target {target} is a change but no baseline is given; "
            "what was the starting value?"
        ),
        "unit_mismatch": (
            "{title}: target {target} and actual {actual} are not comparable; check the units."
        ),
        "unsupported_number": (
            "{title}: the value {actual} is in no metrics file and no verified quote; "
            "please confirm it."
        ),
        "ambiguous_metric": (
            "{title}: this metrics row could measure {goals}, "
            "so it is kept as its own goal; which goal does it measure?"
        ),
        "duplicate_metric": (
            "{title}: the metrics list it {count} times ({lines}), "
            "kept as separate goals; which row is right?"
        ),
        "missing": "{title}: no result found in the sources; what was achieved?",
        "unverified_quote": (
            "{id}: the quote “{quote}” was not found in the sources; check this item."
        ),
        "hypothesis_cause": "{id}: the cause “{text}” is a hypothesis; has it been confirmed?",
        "no_owner": "{id}: “{text}” has no owner; who owns it?",
        "no_due": "{id}: “{text}” has no due date; when is it due?",
        "unanswered_question": "The notes ask “{quote}” and nobody answered; what is the answer?",
    },
}
# The pieces of a placeholder question: what holds the placeholder, and the verb after the list.
PLACEHOLDER_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "target": "目标值",
        "actual": "实际值",
        "stated rate": "原文达成率",
        "one": "",
        "many": "",
    },
    "en": {
        "target": "the target",
        "actual": "the actual",
        "stated rate": "the stated rate",
        "one": " is",
        "many": " are",
    },
}
# Large-number units, biggest first: Chinese counts in 万 and 亿, English groups thousands.
NUMBER_UNITS: dict[str, tuple[tuple[float, str], ...]] = {
    "zh": ((1e8, "亿"), (1e4, "万")),
    "en": (),
}
# The output language as a prompt names it to the model.
LANGUAGE_NAMES: dict[str, str] = {"zh": "Chinese (简体中文)", "en": "English"}
