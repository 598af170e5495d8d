"""Open questions (待确认): what the editor must check, worded in the report's language."""

from __future__ import annotations

import re

from retro_ai.schema import Language, OpenQuestion, QuestionReason, Retrospective

TEXT: dict[str, dict[str, str]] = {
    "placeholder": {
        "en": "{title}: {items} a placeholder; what is the real value?",
        "zh": "{title}：{items}为占位符，请补充真实数值。",
    },
    "rate_conflict": {
        "en": "{title}: the stated rate {stated} disagrees with the computed {computed}; "
        "which is right?",
        "zh": "{title}：原文达成率 {stated} 与计算值 {computed} 不一致，以哪个为准？",
    },
    "missing_baseline": {
        "en": "{title}: the target {target} is a change but no baseline is given; "
        "what was the starting value?",
        "zh": "{title}：目标 {target} 是相对变化，但未给出基线，起始值是多少？",
    },
    "unit_mismatch": {
        "en": "{title}: target {target} and actual {actual} are not comparable; check the units.",
        "zh": "{title}：目标 {target} 与实际 {actual} 口径不一致，请核对单位。",
    },
    "unsupported_number": {
        "en": "{title}: the value {actual} is in no metrics file and no verified quote; "
        "please confirm it.",
        "zh": "{title}：数值 {actual} 既不在指标文件中，也不在已核实的原文中，请确认。",
    },
    "ambiguous_metric": {
        "en": "{title}: this metrics row could measure {goals}, so it is kept as its own goal; "
        "which goal does it measure?",
        "zh": "{title}：该指标行可能对应{goals}，已单列为目标，请确认它对应哪个目标。",
    },
    "duplicate_metric": {
        "en": "{title}: the metrics list it {count} times ({lines}), kept as separate goals; "
        "which row is right?",
        "zh": "{title}：指标文件中出现 {count} 次（{lines}），已分别列为目标，以哪一行为准？",
    },
    "missing": {
        "en": "{title}: no result found in the sources; what was achieved?",
        "zh": "{title}：原文未给出实际结果，实际达成情况如何？",
    },
    "unverified_quote": {
        "en": "{id}: the quote “{quote}” was not found in the sources; check this item.",
        "zh": "{id}：引文“{quote}”未在原文中找到，请核实该条目。",
    },
    "hypothesis_cause": {
        "en": "{id}: the cause “{text}” is a hypothesis; has it been confirmed?",
        "zh": "{id}：原因“{text}”为推测，是否已经确认？",
    },
    "no_owner": {
        "en": "{id}: “{text}” has no owner; who owns it?",
        "zh": "{id}：“{text}”未指定负责人，由谁负责？",
    },
    "no_due": {
        "en": "{id}: “{text}” has no due date; when is it due?",
        "zh": "{id}：“{text}”未给出完成时限，何时完成？",
    },
}
WHAT_ZH = {"target": "目标值", "actual": "实际值", "stated rate": "原文达成率"}
WHAT_EN = {"target": "the target", "actual": "the actual", "stated rate": "the stated rate"}


PUNCTUATION = ",.;:!? ,。;:!?"


def shorten(text: str, width: int = 60) -> str:
    """Cut long text at a word boundary (or anywhere in Chinese) and mark the cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width]
    if " " in cut and not re.search(r"[\u4e00-\u9fff]", cut):
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(PUNCTUATION) + "…"


SECTION_ORDER = (
    "goals",
    "results",
    "highlights",
    "problems",
    "lessons",
    "action_items",
    "timeline",
    "phases",
    "follow_ups",
    "incident",
)


class Questions:
    """Adds open questions to a retrospective, once per field and reason."""

    def __init__(self, retro: Retrospective) -> None:
        self.retro = retro
        self.lang: Language = retro.meta.output_language
        self._asked = {(q.field, q.reason) for q in retro.open_questions}

    def ask(self, field: str, reason: QuestionReason, **params: str) -> None:
        existing = self.retro.open_questions
        if (field, reason) in self._asked:
            return
        self._asked.add((field, reason))
        params = {k: shorten(v) if k in ("text", "quote") else v for k, v in params.items()}
        question = TEXT[reason][self.lang].format(**params)
        existing.append(
            OpenQuestion(id=f"Q{len(existing) + 1}", field=field, question=question, reason=reason)
        )

    def ask_placeholders(self, field: str, title: str, pairs: list[tuple[str, str]]) -> None:
        """One question for every placeholder of one item: "目标值 X、实际值 Y为占位符"."""
        if not pairs:
            return
        if self.lang == "zh":
            items = "、".join(f"{WHAT_ZH[what]} {text}" for what, text in pairs)
        else:
            items = ", ".join(f"{WHAT_EN[what]} {text}" for what, text in pairs)
            items += " are" if len(pairs) > 1 else " is"
        self.ask(field, "placeholder", title=title, items=items)

    def sort(self) -> None:
        """Order questions by report section and number them in that order."""

        def key(q: OpenQuestion) -> int:
            section = q.field.split(".", 1)[0]
            return SECTION_ORDER.index(section) if section in SECTION_ORDER else len(SECTION_ORDER)

        ordered = sorted(self.retro.open_questions, key=key)
        self.retro.open_questions = [
            q.model_copy(update={"id": f"Q{i}"}) for i, q in enumerate(ordered, 1)
        ]
