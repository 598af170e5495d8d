"""Questions the notes ask that nobody answered: open questions for the editor, never items.

A sentence ending in "?" asks something when it has an interrogative word or word order; a
request ("can you …?", "能不能…？") is answered by doing it and stays an action. The words here
are cues read from the notes, not report wording (that lives in retro_ai.i18n).
"""

from __future__ import annotations

import re

from retro_ai.ingest.source import Line, Source
from retro_ai.schema import Retrospective
from retro_ai.verify.questions import Questions

# Words that hold a place where an item would go: "TBD", "N/A", "待定", "暂无", "—".
PLACEHOLDER = re.compile(
    r"^(?:tbd|tba|tbc|todo|n/?a|none|nil|nothing|same|ditto|ok(?:ay)?|\+1|-1|\?+|"
    r"待定|待补充|待确认|暂无|无|没有|同上|收到|好的|好|嗯|是的|对|ok了)$",
    re.IGNORECASE,
)
# What makes a sentence ending in "?" a question rather than a statement said rising
# ("handover not done?"): an interrogative word or word order.
ASKS = re.compile(
    r"^\W*(?:who|what|why|how|when|where|which|whose|should|shall|do|does|did|is|are|was|were"
    r"|anyone|anybody|any)\b|\b(?:who|what|why|how|whether|which)\b"
    r"|[吗呢么]\s*[?？]|谁|什么|怎么|为什么|为啥|是否|要不要|会不会|是不是|有没有|哪|多少|如何|咋",
    re.IGNORECASE,
)
# A question that asks someone to do something: answered by doing it, so an action stays one.
REQUEST = re.compile(
    r"\b(?:can|could|would|will) (?:you|we)\b|\bplease\b|能不能|能否|可以.{0,12}吗|麻烦|帮忙",
    re.IGNORECASE,
)


# What a line may start with before what is said: a list marker, a time, a speaker's "name:".
LEAD = re.compile(
    r"^\s*(?:[-*+•>]\s+|\d{1,2}[.)、]\s*)?(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s*)?"
    r"(?:@?[^\s:：?？,，。]{1,12}(?: [A-Z][a-z]+)?\s?[:：]\s*)?"
)


def asks(sentence: str) -> bool:
    """Whether a sentence asks something of the readers rather than of one person."""
    said = LEAD.sub("", sentence, count=1)
    return bool(ASKS.search(said)) and not REQUEST.search(said)


_SENTENCE = re.compile(r"(?:^|(?<=[。!！;；?？]))[^。!！;；?？]*[?？]")
_BARE_NAME = re.compile(r"^@?[A-Z][a-z]+(?: [A-Z][a-z]+)?$|^\[?\d{1,2}:\d{2}(?::\d{2})?\]?$")


def _answers(text: str) -> bool:
    """Whether a reply says something: not "TBD", "👍", "+1", "收到" or another question."""
    text = LEAD.sub("", text, count=1).strip()
    if not any(ch.isalpha() for ch in text) or PLACEHOLDER.match(text.rstrip(".!。！")):
        return False
    return not re.search(r"[?？]\s*$", text)


def _unanswered(lines: list[Line], index: int) -> str | None:
    """The question a line asks that nothing after it on the line or in the next reply answers."""
    line = lines[index]
    if "?" not in line.text and "？" not in line.text:
        return None
    found = [m for m in _SENTENCE.finditer(line.text) if asks(m.group())]
    if not found:
        return None
    question = found[-1]
    if _answers(line.text[question.end() :]) and len(line.text[question.end() :].strip()) > 3:
        return None
    if not line.speaker and re.match(r"\s*(?:[-*+•]|\d{1,2}[.)、])\s", line.text):
        return _asked(question.group())  # one of a list of points: the next is no reply
    for later in lines[index + 1 : index + 4]:
        text = later.text.strip()
        if text.startswith("#"):
            break  # a new section: nobody replied
        if not text or _BARE_NAME.match(text):
            continue  # a speaker's name or a timestamp on its own line, before the reply
        if line.speaker and later.speaker == line.speaker:
            continue
        return None if _answers(text) else _asked(question.group())
    return _asked(question.group())


def _asked(sentence: str) -> str:
    return LEAD.sub("", sentence, count=1).strip()


def ask_unanswered(retro: Retrospective, sources: list[Source]) -> None:
    """A question in the notes that nobody answered is an open question for the editor."""
    questions = Questions(retro)
    for source in sources:
        lines = [ln for ln in source.lines if ln.text.strip()]
        for index, line in enumerate(lines):
            asked = _unanswered(lines, index)
            if asked:
                field = f"sources.{source.id}.{line.number}"
                questions.ask(field, "unanswered_question", quote=asked)
