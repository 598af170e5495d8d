"""Highlights, and problems with their typed causes.

Causes come from cue phrases inside a problem's text ("主要原因在于…以及…", "由于X,导致Y",
"原因可能在于:一是…;二是…", "because", "due to") and from cause sections such as "Contributing
Factors"; a hedge (可能, probably) makes a cause a hypothesis, never a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from retro_ai.needles import Gated
from retro_ai.schema import CauseType, Confidence
from retro_ai.stages.drafts import AnalysisOutput, CauseDraft, HighlightDraft, ProblemDraft
from retro_ai.stages.offline import cues, learned, owners, prose
from retro_ai.stages.offline.items import Entry, entries
from retro_ai.stages.offline.nearby import window
from retro_ai.stages.offline.sections import Document, Section
from retro_ai.stages.offline.text import Span, best_match, clean, shorten, tokens

_ENUM_SPLIT = re.compile(r"[；;]|以及|[,，]\s*另一方面|(?<![\w])and also\b")
_TRAILING_HEDGE = re.compile(r"[\s,，]*\b(?:probably|likely|possibly|perhaps|maybe)\s*$", re.I)
_TYPED_LEAD = re.compile(
    r"直接原因|根本原因|根因|诱因|\bthe (?:root|direct) cause\b|\bthe trigger\b", re.I
)
_PROSE_ENUM = re.compile(r"^(?:一方面|一是)是?|[,，;；]\s*(?:另一方面|二是|三是|其次|此外)是?")
_ZH_CLAUSE = re.compile(r"(?<=[\u4e00-\u9fff])[,，](?=[\u4e00-\u9fff])")
_SENTENCE_STOP = re.compile(r"[。！？!?]|(?<=[.])\s")
_ASKED = Gated(re.compile(r"[?？]+|呢\s*$"))  # most lines hold no "?" or "呢"
# A reply that adds to an answer ("plus …", "而且…") gives another cause.
_ADDS_ON = re.compile(r"^\W*(?:plus|also|and also|besides|而且|还有|另外|再加上|加上)", re.I)
# A reply that adds to an answer or says what lies under it ("说到底…") carries the thread.
_CARRIES_ON = re.compile(f"{_ADDS_ON.pattern}|{cues.CAUSE_ROOT.pattern}", re.I)
_ANSWER_KINDS = frozenset({"speech", "cause", "detail", "intro"})
# A problem's own guess at why, in a later clause: "…,可能是X", "…, probably the X".
_GUESSED = re.compile(
    r"[,，;；]\s*也?(?:可能是|大概是|估计是|也许是|或许是|多半是)"
    r"|[,;]\s*(?:probably|maybe|perhaps)\s+(?=(?:the|a|an|our|we|it|they|this|that)\b)",
    re.I,
)
# "Perfectionism, I think.": a short sentence that is a guess.
_GUESS_TAIL = re.compile(
    r"^\s*(?P<cause>[^,，]{2,40}?)[,，]\s*(?:I think|I guess|I suspect|我觉得|我猜)\W*$", re.I
)
_CHAIN = 3  # "why?" answers in a row this long are a 5-whys chain: first direct, last root


@dataclass(slots=True)
class _Item:
    title: str
    quote: Span
    desc: list[Span] = field(default_factory=list)
    causes: list[CauseDraft] = field(default_factory=list)
    section: Section | None = None
    # (type, confidence) for "原因在于:* …" lists
    enum_cause: tuple[CauseType, Confidence] | None = None
    luck: bool = False


def _cause_type(text: str, default: CauseType | None) -> CauseType:
    if cues.CAUSE_ROOT.search(text):
        return "root"
    if cues.CAUSE_TRIGGER.search(text):
        return "trigger"
    if cues.CAUSE_DIRECT.search(text):
        return "direct"
    if cues.CAUSE_CONTRIB.search(text):
        return "contributing"
    if default is None and cues.CAUSE_GAP.search(text) and not cues.HEDGE.search(text):
        return "root"  # "went out without a load test": the missing check under it all
    return default or "contributing"


def _confidence(text: str) -> Confidence:
    return "hypothesis" if cues.HEDGE.search(text) else "confirmed"


def _cause(span: Span, ctype: CauseType, conf: Confidence) -> CauseDraft | None:
    span = span.strip()
    lead = cues.LEADING_CONNECTOR.match(span.text)
    if lead and lead.end() < len(span.text):
        span = span.sub(lead.end()).strip()
    if len(span.text) < 2 or not clean(span.text):
        return None
    return CauseDraft(text=clean(span.text), type=ctype, confidence=conf, quote=span.text)


def _sentence_around(span: Span, pos: int) -> str:
    text = span.text
    starts = [m.end() for m in _SENTENCE_STOP.finditer(text[:pos])]
    stop = _SENTENCE_STOP.search(text, pos)
    return text[(starts[-1] if starts else 0) : stop.start() if stop else len(text)]


def causes_in(
    span: Span, default: CauseType | None = None
) -> tuple[list[CauseDraft], tuple[CauseType, Confidence] | None]:
    """Causes stated inside a span; the second value is set when the span ends with a lead
    ("主要原因在于:") whose list follows as separate "* " items."""
    out: list[CauseDraft] = []
    text = span.text
    lead = cues.CAUSE_ENUM_LEAD.search(text)
    handled_to = 0
    if lead:
        around = _sentence_around(span, lead.start())
        ctype = (
            "root"
            if lead.group("lead") in ("主要原因", "根本原因")
            else _cause_type(around, default)
        )
        if lead.group("lead") == "直接原因":
            ctype = "direct"
        conf = _confidence(around)
        stop = _SENTENCE_STOP.search(text, lead.end())
        rest = span.sub(lead.end(), stop.start() if stop else len(text))
        handled_to = rest.end - span.start
        if not rest.strip():
            return out, (ctype, conf)
        pieces = (
            rest.split(cues.ENUM_MARK)
            if cues.ENUM_MARK.search(rest.text)
            else rest.split(_ENUM_SPLIT)
        )
        for piece in pieces:
            cause = _cause(piece, ctype, conf)
            if cause:
                out.append(cause)
        pre = span.sub(0, lead.start())
        out = _inline_causes(pre, default) + out
    out.extend(_inline_causes(span.sub(handled_to), default))
    return out, None


def _inline_causes(span: Span, default: CauseType | None) -> list[CauseDraft]:
    out: list[CauseDraft] = []
    for sentence in span.sentences():
        t = sentence.text
        m = cues.CAUSE_INLINE.search(t)
        if m:
            rest = sentence.sub(m.end())
            cut = cues.CAUSE_RESULT_SPLIT.search(rest.text)
            if cut and cut.start() > 0:
                rest = rest.sub(0, cut.start())
            elif re.search(r"[\u4e00-\u9fff]", rest.text[:4]):
                first = rest.split(re.compile(r"[,，]"))
                rest = first[0] if first else rest
            said = t[: m.start()] + rest.text  # "…, which is probably why X" hedges X, not this
            cause = _cause(rest, _cause_type(t, default), _confidence(said))
            if cause:
                out.append(cause)
            continue
        m = cues.CAUSE_LEADS_TO.search(t)
        if m and m.start() > 1:
            before = sentence.sub(0, m.start()).strip()
            parts = before.clauses()
            if t[m.start() - 1] in ",，" and len(parts) >= 2:
                before = Span(before.line, parts[-2].start, parts[-1].end)
            elif parts:
                before = parts[-1]
            cause = _cause(before, _cause_type(t, default), _confidence(t))
            if cause:
                out.append(cause)
    return out


def _guessed_causes(span: Span) -> list[CauseDraft]:
    """Guesses a problem states about itself, each up to the end of its clause."""
    out: list[CauseDraft] = []
    for sentence in span.sentences():
        tail = _GUESS_TAIL.match(sentence.text)
        if tail:
            cause = _cause(sentence, "direct", "hypothesis")  # one word alone says too little
            out += [cause] if cause else []
            continue
        for m in _GUESSED.finditer(sentence.text):
            rest = sentence.sub(m.start()).strip()
            stop = re.search(r"(?<=.)[,，;；]", rest.text)
            piece = rest.sub(0, stop.start()) if stop else rest
            ctype = _cause_type(piece.text, _prose_cause_type(piece.text))
            cause = _cause(piece, ctype, "hypothesis")
            out += [cause] if cause else []
    return out


def _answer_type(text: str) -> CauseType:
    """An answer's type by its words: a missing check or owner is the root; one that adds to
    another contributes; otherwise it is the direct cause of what was asked about."""
    if cues.CAUSE_ROOT.search(text) or (
        cues.CAUSE_GAP.search(text) and not cues.HEDGE.search(text)
    ):
        return "root"
    return _cause_type(text, "contributing" if _ADDS_ON.match(text) else _prose_cause_type(text))


def _answer_causes(span: Span, ctype: CauseType) -> list[CauseDraft]:
    """The causes one answer states: after its cue when it has one, else the answer itself."""
    if cues.CAUSE_INLINE.search(span.text):
        found = causes_in(span, ctype)[0]
        if found:
            return found
    lead = _ADDS_ON.match(span.text)
    body = span.sub(lead.end()) if lead and lead.end() < len(span.text) else span
    sentences = [s for s in body.sentences() if len(clean(s.text)) >= 4]
    # "检修是检修过,…没带满功率跑。估计是连续满负荷跑了两天,…": each sentence after the first
    # that the sentence model reads as a cause is a cause of its own
    sentences = [s for n, s in enumerate(sentences) if n == 0 or _reads_as_cause(s.text)]
    if len(sentences) > 1:
        each = [_cause(shorten(s, 200), ctype, _confidence(s.text)) for s in sentences]
        return [c for c in each if c]
    cause = _cause(shorten(body, 200), ctype, _confidence(span.text))
    return [cause] if cause else []


def _acknowledges(text: str) -> bool:
    """A short "ok", "sure", "收到": a reply that agrees and explains nothing."""
    return bool(owners.AGREE.match(text.strip())) and len(clean(text)) <= 12


def _why_answers(docs: list[Document]) -> dict[int, list[CauseDraft]]:
    """Causes given as answers, by the unit that gives them: "Why X? Y." in a 5-whys list, and
    in a chat the reply to a "why …?" (or a follow-up question), with the replies that add to
    it ("plus …", "而且…") or guess ("might be …", "我猜…")."""
    out: dict[int, list[CauseDraft]] = {}
    for doc in docs:
        kinds: dict[int, set[str]] = {}
        by_sentence: set[int] = set()  # a paragraph read sentence by sentence keeps its reading
        for entry in entries(doc):
            kinds.setdefault(id(entry.unit), set()).add(entry.kind)
            if entry.prose:
                by_sentence.add(id(entry.unit))
        for sec in doc.sections:
            chain: list[tuple[int, Span]] = []
            asking = threading = False
            for unit in sec.units:
                span, text = unit.span, unit.span.text
                free = kinds.get(id(unit), set()) <= _ANSWER_KINDS
                if free and asking and _acknowledges(text):
                    free = False  # "sure thing": a reply that answers no "why"
                asked = _ASKED.search(text)
                why = asked and cues.WHY_QUESTION.search(text[: asked.start()])
                if why and asked and free:  # "can you check why…?" asks for an action
                    answer = span.sub(asked.end()).strip()
                    own = free and id(unit) not in by_sentence
                    if own and len(clean(answer.text)) >= 4:  # "Why X? Y." answers itself
                        chain.append((id(unit), answer))
                        asking = False
                    else:
                        asking = True
                    threading = True
                    continue
                if threading and free and not asking and cues.HEDGE.search(text):
                    found = _answer_causes(span, _answer_type(text))
                elif asked and threading:
                    asking = True  # "那第二次呢?": a follow-up asks for the next answer
                    continue
                elif free and (asking or (threading and _CARRIES_ON.search(text))):
                    found = _answer_causes(span, _answer_type(text))
                else:
                    asking = threading = False
                    continue
                asking = False
                if found:
                    out[id(unit)] = found
            for i, (key, answer) in enumerate(chain):
                ctype = _answer_type(answer.text)
                if len(chain) >= _CHAIN:
                    ctype = (
                        "direct" if i == 0 else "root" if i == len(chain) - 1 else "contributing"
                    )
                out[key] = _answer_causes(answer, ctype)
    return {k: v for k, v in out.items() if v}


def _collect(
    docs: list[Document], answered: dict[int, list[CauseDraft]]
) -> tuple[list[_Item], list[_Item], list[tuple[Entry, int]]]:
    """Highlights, problems, and standalone cause entries (with the index of the problem
    that preceded them, or -1); a unit that answers "why" gives causes once, by its answer."""
    highlights: list[_Item] = []
    problems: list[_Item] = []
    loose: list[tuple[Entry, int]] = []
    taken: set[int] = set()
    for doc in docs:
        by_section: dict[int, list[Entry]] = {}
        for entry in entries(doc):
            by_section.setdefault(id(entry.section), []).append(entry)
        for sec in doc.sections:
            found = by_section.get(id(sec), [])
            if sec.item_heading and sec.kind in ("highlights", "problems") and sec.title_span:
                item = _Item(clean(sec.title_span.text), sec.title_span, section=sec)
                (highlights if sec.kind == "highlights" else problems).append(item)
                for entry in found:
                    if entry.kind in ("highlight", "problem", "detail", "intro", "cause"):
                        _absorb(item, entry, sec.kind == "problems")
                continue
            for entry in found:
                if id(entry.unit) in answered:
                    if id(entry.unit) not in taken:
                        taken.add(id(entry.unit))
                        loose.append((entry, len(problems) - 1))
                    continue
                _loose_entry(entry, highlights, problems, loose, doc)
    return highlights, problems, loose


def _loose_entry(
    entry: Entry,
    highlights: list[_Item],
    problems: list[_Item],
    loose: list[tuple[Entry, int]],
    doc: Document,
) -> None:
    sec = entry.section
    if entry.kind == "problem" and cues.REVERSAL.search(entry.body.text):
        entry = replace(entry, kind="highlight")
    if entry.kind == "cause" and prose.LUCK.search(entry.body.text):
        entry = replace(entry, kind="highlight", prose=True)  # "运气好的是…" under causes
    if entry.kind in ("highlight", "problem"):
        title, quote = _title(entry, doc)
        cue = cues.CAUSE_INLINE.search(quote.text) if not entry.title else None
        if cue and cue.start() >= 8:  # "The launch slipped one week because …": causes say why
            quote = quote.sub(0, cue.start()).strip()
            hedge = _TRAILING_HEDGE.search(quote.text)
            if hedge and hedge.start() > 0:
                quote = quote.sub(0, hedge.start()).strip()
            title = clean(quote.text)
        item = _Item(title, quote, section=sec, luck=sec.luck)
        # a sentence of prose, or a good point in a list, that says it was luck
        lucky = entry.prose or entry.kind == "highlight"
        item.luck = sec.luck or (lucky and bool(prose.LUCK.search(entry.body.text)))
        if entry.unit.label is not None and prose.LUCK.search(entry.unit.label_text):
            item.luck = True  # "比较侥幸的是: 这次只是校内考": the label says it was luck
        if entry.title:
            item.desc.append(entry.unit.content)
        elif quote.end < entry.body.end and not cue:
            item.desc.append(entry.body.sub(quote.end - entry.body.start))
        if entry.kind == "problem":
            found = causes_in(entry.body, sec.cause_type)[0]
            item.causes.extend(found or _guessed_causes(entry.body) or _told_why(item))
            problems.append(item)
        else:
            highlights.append(item)
    elif entry.kind == "detail":
        pool = problems if sec.kind == "problems" else highlights
        if pool and pool[-1].section is sec:
            text = entry.unit.content.text
            said_kind = _sub_point(text) if entry.unit.label is None else None
            luck = bool(prose.LUCK.search(text))
            if pool is problems and (said_kind == "highlight" or luck and not entry.unit.label):
                # "  - 幸好是晚上才发现": the escape under a problem went well, by luck or
                # work ("  - 取件这块反而做得不错")
                title, quote = _title(entry, doc)
                highlights.append(_Item(title, quote, section=sec, luck=luck))
                return
            pool[-1].desc.append(entry.body)
            said = said_kind == "cause"
            if pool is problems and (entry.unit.label_kind() == "cause" or said):
                # "  - 原因: X", "  - 说到底还是排期没留buffer": a sub-point saying why
                ctype = _cause_type(text, sec.cause_type or _prose_cause_type(text))
                cause = _cause(entry.unit.content, ctype, _confidence(text))
                pool[-1].causes += [cause] if cause else []
    elif entry.kind == "cause" or (
        entry.kind == "speech" and cues.CAUSE_INLINE.search(entry.body.text)
    ):
        loose.append((entry, len(problems) - 1))


def _sub_point(text: str) -> str | None:
    """What a sub-point under a problem says, by its words or else by the sentence model, which
    needs less certainty for a reason there ("  - 周末单量太集中…") and the usual certainty for
    praise ("  - pickups on the other hand went really well")."""
    said = prose.kind_of(text)
    if said is not None:
        return said
    found = learned.classify(text)
    if found is None:
        return None
    kind, p = found
    if kind == "cause" and p >= learned.SURE_AFTER_PROBLEM:
        return kind
    return kind if kind == "highlight" and p >= learned.SURE_PRAISE else None


def _told_why(item: _Item) -> list[CauseDraft]:
    """The sentences told after a problem, in its own line, that the sentence model reads as
    saying why ("装车进度拖:冷藏车白天都在外面跑,只能晚上回场装"): there, the bar of a sentence
    right after a problem is enough; the same words elsewhere would need the model to be sure."""
    out: list[CauseDraft] = []
    for desc in item.desc:
        for sentence in desc.sentences():
            text = sentence.text
            probs = learned.probabilities(text)  # read once: the likeliest kind and its bar
            best = max(probs, key=probs.__getitem__) if probs else None
            likely = probs.get("causes", 0.0) >= learned.SURE_AFTER_PROBLEM
            if best == "causes" or (best == "none" and likely):
                cause = _cause(sentence, _prose_cause_type(text), _confidence(text))
                out += [cause] if cause else []
    return out


def _title(entry: Entry, doc: Document) -> tuple[str, Span]:
    if entry.title:
        title = entry.title
        said = shorten(entry.unit.content, 60)
        if (
            said.line is title.line
            and said.start > title.end
            and doc.said_before(title.text, title.line)
        ):
            # "soak test: 1,200 went in, 1,200 came back" after a goal that named the soak
            # test: the quote runs on into what the label heads, so it points at this line
            return clean(title.text), Span(title.line, title.start, said.end)
        return clean(title.text), title
    span = shorten(entry.body, 60)
    return clean(span.text), span


def _absorb(item: _Item, entry: Entry, with_causes: bool) -> None:
    span = entry.unit.span
    if item.enum_cause and entry.unit.star_item:
        cause = _cause(span, *item.enum_cause)
        if cause:
            item.causes.append(cause)
        return
    if not item.desc:
        item.desc.append(span)
    if not with_causes:
        return
    found, enum = causes_in(span, item.section.cause_type if item.section else None)
    item.causes.extend(found)
    item.enum_cause = enum or item.enum_cause


def _description(item: _Item) -> str:
    if not item.desc:
        return ""
    first = item.desc[0]
    lead = cues.CAUSE_ENUM_LEAD.search(first.text)
    if lead and lead.start() > 0:
        first = first.sub(0, lead.start())
    return clean(first.first_sentence().text)


# "CI outage review", "CDN故障复盘": a title or clause naming the meeting, not what went wrong.
_REVIEW = re.compile(
    r"(?:复盘|回顾|\breview|\bretro(?:spective)?|post-?mortem|look-?back|wrap-?up|recap|debrief)"
    r"(?:会议?|报告|总结|notes)?\W*$",
    re.IGNORECASE,
)


# A title naming a span of time or a review of one names the report, never a problem in it.
_PERIOD = re.compile(
    r"\bQ[1-4]\b|\bH[12]\b|\b(?:year|quarter|half|month|season|semester|term)\b|look-?back"
    r"|年度|季度|半年|上半年|下半年|学期|一年|第一年|月度|个人",
    re.IGNORECASE,
)


def _incident_named(title: Span | None) -> Span | None:
    """The incident a review's title names: "支付服务故障复盘" gives "支付服务故障"."""
    if title is None:
        return None
    m = _REVIEW.search(title.text)
    if m is None:
        return None
    named = title.sub(0, m.start()).strip()
    return named if cues.INCIDENT_WORDS.search(named.text) else None


def _impact_sentence(docs: list[Document]) -> Span | None:
    """The opening sentence of an "Impact" section: what went wrong, in the writer's words."""
    for doc in docs:
        for section in doc.of("impact"):
            if section.units:
                return section.units[0].span.first_sentence()
    return None


def _went_wrong(text: str) -> bool:
    return bool(prose.PLAIN_PROBLEM.search(text) or prose.PROBLEM.search(text))


def _incident_clause(docs: list[Document], title: Span | None) -> Span | None:
    """The first clause naming the incident stands for it; never the title, which names the
    report ("…停机情况说明"), not what went wrong."""
    for doc in docs:
        for section in doc.sections:
            for unit in section.units:
                if title is not None and unit.line is title.line:
                    continue
                if cues.INCIDENT_WORDS.search(unit.span.text):
                    for clause in (c for s in unit.span.sentences() for c in s.clauses()):
                        if cues.INCIDENT_WORDS.search(clause.text) and not _REVIEW.search(
                            clause.text
                        ):
                            return clause
    for doc in docs:  # "the checkout service went down …", "系统无法登录": what went wrong
        for section in doc.sections:
            if section.kind not in ("summary", "background", "impact", "other"):
                continue  # not the timeline: "we confirmed the problem was solved" is an event
            for unit in section.units:
                if title is not None and unit.line is title.line:
                    continue
                if not _went_wrong(unit.span.text):
                    continue  # most lines say nothing went wrong: no need to split them
                for sentence in unit.span.sentences():
                    if _went_wrong(sentence.text):
                        return sentence
    return None


def _loose_causes(entry: Entry) -> list[CauseDraft]:
    """Causes from a cause-section bullet, a "Root cause:" label, or a cued sentence."""
    default = entry.section.cause_type
    if entry.prose:
        return _prose_causes(entry.body, default)
    if entry.unit.intro:
        return causes_in(entry.body, default)[0]
    # a card on a board's column of causes is one cause, as a bullet is
    card = entry.unit.line.speaker is not None and entry.section.kind == "causes"
    if entry.unit.label_kind() == "cause" and len(said := _said_apart(entry.body)) > 1:
        return [c for part in said for c in _labelled_cause(part, default)]
    if entry.unit.bullet or entry.cued or card:
        span = shorten(entry.body, 200)
        text = entry.unit.span.text if entry.cued else span.text
        cause = _cause(span, _cause_type(text, default), _confidence(text))
        return [cause] if cause else []
    unit = entry.unit
    branch = unit.label is not None and cues.FISHBONE_BRANCH.fullmatch(unit.label_text)
    found = causes_in(unit.content if branch else entry.body, default)[0]
    if not found and entry.section.kind == "causes":
        # each paragraph under "Why" or "Root cause" says a cause in its own words, as a
        # fishbone branch ("机:炉温升不上去") does
        span = shorten(unit.content if branch else entry.body, 200)
        said = span.sentences()
        if not branch and len(said) > 1 and len(clean(said[0].text)) >= 4:
            span = said[0].strip()  # the sentences after it are read one by one (_more_said)
        ctype = "root" if cues.CAUSE_GAP.search(span.text) else default or "contributing"
        cause = _cause(span, _cause_type(span.text, ctype), _confidence(span.text))
        found = [cause] if cause else []
    if found and entry.section.kind == "causes" and not branch:
        found += _more_said(entry.body, found, default)
    return found


_APART = re.compile(r"[。！!；;]|(?<=[a-z0-9)][.])\s")


def _said_apart(body: Span) -> list[Span]:
    """The sentences after a "原因:" label: "直接原因是A;大概率是B。根本原因是C。" names three."""
    return [part for part in body.split(_APART) if len(clean(part.text)) >= 4]


def _labelled_cause(part: Span, default: CauseType | None) -> list[CauseDraft]:
    """Each sentence after a cause label is a cause, typed and hedged by its own words."""
    found = _prose_causes(part, default)
    if found:
        return found
    ctype = _cause_type(part.text, default or _prose_cause_type(part.text))
    cause = _cause(shorten(part, 200), ctype, _confidence(part.text))
    return [cause] if cause else []


def _reads_as_cause(text: str) -> bool:
    """A sentence told after another that explains, as the sentence model reads it: the bar of
    a sentence right after a problem."""
    return learned.probabilities(text).get("causes", 0.0) >= learned.SURE_AFTER_PROBLEM


def _more_said(body: Span, found: list[CauseDraft], default: CauseType | None) -> list[CauseDraft]:
    """The other sentences of a paragraph under "原因" that the sentence model reads as causes
    ("…是维保查出来的,直接原因。估计跟这几天回南天受潮有关,…"): each one more cause."""
    out: list[CauseDraft] = []
    for sentence in body.sentences()[1:]:
        text = clean(sentence.text)
        if len(text) < 4 or any(text in c.text or c.text in text for c in found):
            continue
        if _reads_as_cause(sentence.text):
            ctype = _cause_type(sentence.text, default or _prose_cause_type(sentence.text))
            cause = _cause(shorten(sentence, 200), ctype, _confidence(sentence.text))
            out += [cause] if cause else []
    return out


def _prose_causes(sentence: Span, default: CauseType | None) -> list[CauseDraft]:
    """Causes in one sentence of prose: after its cue ("因为", "because", "原因是") when it has
    one, else the sentence itself ("…, that's the root of it"); typed and hedged by its words."""
    starts = [m.start() for m in _TYPED_LEAD.finditer(sentence.text) if m.start() > 0]
    if starts:  # "直接原因是A,根本原因是B": each lead types its own part
        bounds = [0, *starts, len(sentence.text)]
        parts = [sentence.sub(a, b).strip() for a, b in zip(bounds, bounds[1:], strict=False)]
        if len(clean(parts[0].text)) < 8:  # "原因方面,直接原因是…": the opener states no cause
            parts = parts[1:]
        return [c for part in parts if part for c in _prose_causes(part, default)]
    text = sentence.text
    ctype = _cause_type(text, default or _prose_cause_type(text))
    found = causes_in(sentence, ctype)[0]
    if not found:  # "一方面是A,另一方面可能是B": each side is a cause, hedged by its own words
        for side in sentence.split(_PROSE_ENUM):
            cause = _cause(side, ctype, _confidence(side.text))
            found += [cause] if cause else []
    out: list[CauseDraft] = []
    for cause in found:  # "原因是A,B": two causes, each typed by its own words
        pieces: list[str] = _ZH_CLAUSE.split(cause.quote)
        if len(pieces) != 2 or min(map(len, pieces)) < 6 or not cues.CAUSE_GAP.search(pieces[1]):
            pieces = [cause.quote]
        for piece in pieces:
            kind = "root" if cues.CAUSE_GAP.search(piece) else cause.type
            if cues.CAUSE_ROOT.search(piece) or default:
                kind = cause.type
            conf = cause.confidence
            if len(found) > 1:  # "一方面是A,另一方面可能是B": each piece hedged by its own words
                conf = _confidence(piece)
            update = {"text": clean(piece), "quote": piece, "type": kind, "confidence": conf}
            out.append(cause.model_copy(update=update))
    return out


def _prose_cause_type(text: str) -> CauseType:
    """A cause said to add to others ("另外", "also", "too") contributes; otherwise it is the
    direct cause of what it explains."""
    return "contributing" if cues.CAUSE_ALSO.search(text) else "direct"


def _bag(problem: _Item) -> set[str]:
    """The words a loose cause is matched on: the problem's title, description and causes."""
    return tokens(
        " ".join(
            [problem.title, *(d.text for d in problem.desc), *(c.text for c in problem.causes)]
        )
    )


def _said_before(entry: Entry) -> Span | None:
    """The sentence a cause follows in its own line, which says what it explains: "The deploy
    to the Leeds stores failed twice on Monday. I suspect we rushed that cutover." """
    head = entry.unit.span.sub(0, entry.body.start - entry.unit.span.start)
    told = [s for s in head.sentences() if len(s.text) >= 8 and not s.text.rstrip().endswith("?")]
    return told[-1].strip() if told else None


def analyze(docs: list[Document], doc_title: Span | None) -> AnalysisOutput:
    """Highlights and problems; loose causes join the problem they best match (or precede),
    and with no problem at all they hang under the impact, the incident the title names, or
    the sentence said before the first of them."""
    answered = _why_answers(docs)
    highlights, problems, loose = _collect(docs, answered)
    bags: list[set[str]] = []  # each problem's words, refreshed when causes join it
    for entry, before in loose:
        found = answered.get(id(entry.unit)) or _loose_causes(entry)
        if not found:
            continue
        if not problems:
            # what went wrong in the writer's words (the impact, or the first clause naming
            # the incident) before the title, which names the report, not a problem in it
            bare = (
                doc_title
                if doc_title
                and not _REVIEW.search(doc_title.text)
                and (
                    cues.INCIDENT_WORDS.search(doc_title.text)
                    or _went_wrong(doc_title.text)
                    or not _PERIOD.search(doc_title.text)
                )
                else None
            )  # "Payments outage, 3 May" names what went wrong; "Q2 look-back (Apr–Jun)" a time
            anchor = (
                _impact_sentence(docs)
                or _incident_clause(docs, doc_title)
                or bare
                or _incident_named(doc_title)
                or _said_before(entry)
                or shorten(entry.body, 80)
            )
            problems.append(_Item(clean(anchor.text), anchor))
            before = 0
        target = before
        if len(problems) > 1:
            bags.extend(_bag(p) for p in problems[len(bags) :])
            near = window(len(bags), before)
            pick = best_match(tokens(" ".join(c.text for c in found)), bags[near], floor=0.4)
            target = near.start + pick if pick is not None else max(before, 0)
        problems[max(target, 0)].causes.extend(found)
        if max(target, 0) < len(bags):
            bags[max(target, 0)] = _bag(problems[max(target, 0)])
    return AnalysisOutput(
        highlights=[
            HighlightDraft(
                title=h.title,
                description=_description(h),
                luck=h.luck,
                quote=h.quote.text,
            )
            for h in highlights
            if h.title and h.quote
        ],
        problems=[
            ProblemDraft(
                title=p.title, description=_description(p), causes=p.causes, quote=p.quote.text
            )
            for p in problems
            if p.title and p.quote
        ],
    )
