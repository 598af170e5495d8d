"""Open questions (待确认): what the editor must check, worded in the report's language."""

from __future__ import annotations

import re

from retro_ai.i18n import LABELS, PLACEHOLDER_WORDS, QUESTIONS
from retro_ai.schema import Language, OpenQuestion, QuestionReason, Retrospective

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
        question = QUESTIONS[self.lang][reason].format(**params)
        existing.append(
            OpenQuestion(id=f"Q{len(existing) + 1}", field=field, question=question, reason=reason)
        )

    def ask_placeholders(self, field: str, title: str, pairs: list[tuple[str, str]]) -> None:
        """One question for every placeholder of one item: "目标值 X、实际值 Y为占位符"."""
        if not pairs:
            return
        words = PLACEHOLDER_WORDS[self.lang]
        items = LABELS[self.lang]["list_sep"].join(f"{words[what]} {text}" for what, text in pairs)
        items += words["many" if len(pairs) > 1 else "one"]
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
