"""Themes across documents: extracted causes, lessons and actions grouped by what they share.

Themes are found over the findings already extracted from each retrospective (never the raw
documents), by a model stage (`prompts/find_themes.md`) when a model is configured, else by a
deterministic method: binary term vectors over words (lightly stemmed) and CJK character
bigrams, cosine similarity, and single-linkage agglomerative grouping at a fixed threshold.
Findings are sorted before anything else, so the result does not depend on the order documents
arrive in; a theme must span at least two documents. Quotes come from the retrospectives
(checked by code), never from the model.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from retro_ai.schema import Retrospective
from retro_ai.vocab import Language

if TYPE_CHECKING:
    from retro_ai.stages.drafts import ThemesOutput

FindingKind = Literal["cause", "lesson", "action"]
KIND_ORDER: dict[str, int] = {"cause": 0, "lesson": 1, "action": 2}
THEME_PREFIX: dict[str, str] = {"cause": "C", "lesson": "L", "action": "A"}
THRESHOLD = 0.35  # cosine similarity at which two findings say the same thing
COMMON_SHARE = 0.2  # a term in more than this share of findings (and 5+) is too common to group on
NAME_TERMS = 3

_WORD = re.compile(r"[a-z0-9][a-z0-9'’_-]*[a-z0-9]|[a-z]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "y", "e")
_STOP = frozenset(
    """a an and are as at be been but by can could did do does for from had has have in into is
    it its not no of on or our so such than that the their them then there these they this to
    too was we were what when which while who will with would all any also more most other some
    very just only out up over under after before about again being during because due via per
    us you your i my he she his her one two new use used using get got
    http https www com if should look
    的 了 和 是 在 与 及 对 等 也 都 而 被 把 我们 没有 一个""".split()
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Finding(_Model):
    """One extracted cause, lesson or action of one document, with its checked quote."""

    doc_id: str
    kind: FindingKind
    type: str = ""  # cause type, lesson polarity; empty for actions
    item_id: str
    text: str
    quote: str | None = None  # the first quote code found in the source
    verified: bool = False

    def key(self) -> tuple[str, ...]:
        return (self.doc_id, str(KIND_ORDER[self.kind]), self.item_id, self.text)


class Theme(_Model):
    """Findings from two or more documents that say the same thing, named by shared terms."""

    id: str
    kind: FindingKind
    name: str
    terms: list[str] = Field(default_factory=list)
    documents: list[str]
    members: list[Finding]


def findings(doc_id: str, retro: Retrospective) -> list[Finding]:
    """The causes, lessons and actions of one retrospective, as findings."""
    out: list[Finding] = []

    def add(kind: FindingKind, type_: str, item: Any, text: str) -> None:
        quote = next((e.quote for e in item.evidence if e.verified), None)
        out.append(
            Finding(
                doc_id=doc_id,
                kind=kind,
                type=type_,
                item_id=item.id,
                text=" ".join(text.split()),
                quote=quote,
                verified=quote is not None,
            )
        )

    for problem in retro.problems:
        for cause in problem.causes:
            add("cause", cause.type, cause, cause.text)
    for lesson in retro.lessons:
        add("lesson", lesson.polarity, lesson, lesson.statement)
    for action in retro.action_items:
        add("action", "", action, action.action)
    return out


def _stem(word: str) -> str:
    if len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


def terms(text: str) -> dict[str, str]:
    """The terms of a text (stemmed words and CJK bigrams), each with a surface form to show."""
    text = unicodedata.normalize("NFKC", text).lower()
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        word = word.replace("’", "'")
        if word not in _STOP and len(word) > 1 and not word.isdigit():
            found.setdefault(_stem(word), word)
    for run in _CJK.findall(text):
        grams = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        for gram in grams:
            if gram not in _STOP:
                found.setdefault(gram, gram)
    return found


def group_offline(items: Iterable[Finding]) -> list[list[Finding]]:
    """Groups of similar findings (single linkage over term cosine), order-independent."""
    pool = sorted(items, key=Finding.key)
    vectors = [terms(f.text) for f in pool]
    df = Counter(t for v in vectors for t in v)
    n = len(pool)
    common = max(5, int(COMMON_SHARE * n))
    # Binary weights: in short findings a shared word counts as much as a rare one; only
    # terms common to much of the pool (stop words of this corpus) are left out.
    weights = [{t: 1.0 for t in v if df[t] <= common} for v in vectors]
    norms = [math.sqrt(sum(w * w for w in v.values())) or 1.0 for v in weights]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(weights):
        for t in v:
            postings[t].append(i)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, v in enumerate(weights):
        candidates = {j for t in v for j in postings[t] if j > i}
        for j in sorted(candidates):
            if pool[i].kind != pool[j].kind:
                continue
            dot = len(v.keys() & weights[j].keys())  # binary weights: the shared terms
            if dot / (norms[i] * norms[j]) >= THRESHOLD:
                a, b = root(i), root(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Finding]] = defaultdict(list)
    for i, finding in enumerate(pool):
        groups[root(i)].append(finding)
    return list(groups.values())


def name_terms(members: list[Finding]) -> list[str]:
    """The terms most documents of a group share, most shared first; ties by length, then text.

    CJK text is named by its longest shared substring rather than by bigrams.
    """
    docs_with: dict[str, set[str]] = defaultdict(set)
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for f in members:
        text = unicodedata.normalize("NFKC", f.text).lower()
        for stem, word in terms(text).items():
            if not _CJK.fullmatch(stem):
                docs_with[stem].add(f.doc_id)
                surface[stem][word] += 1
        for run in _CJK.findall(text):
            for size in range(2, min(len(run), 8) + 1):
                for i in range(len(run) - size + 1):
                    sub = run[i : i + size]
                    docs_with[sub].add(f.doc_id)
                    surface[sub][sub] += 1
    ranked = sorted(docs_with, key=lambda t: (-len(docs_with[t]), -len(t), t))
    chosen: list[str] = []
    for t in ranked:
        if len(chosen) == NAME_TERMS or (chosen and len(docs_with[t]) < 2):
            break
        if t in _STOP or any(t in c or c in t for c in chosen):
            continue
        chosen.append(t)
    return [min(surface[t].items(), key=lambda kv: (-kv[1], kv[0]))[0] for t in chosen]


def _theme(kind: FindingKind, members: list[Finding], name: str | None = None) -> Theme:
    members = sorted(members, key=Finding.key)
    words = name_terms(members)
    return Theme(
        id="",
        kind=kind,
        name=name or " · ".join(words) or members[0].text,
        terms=words,
        documents=sorted({f.doc_id for f in members}),
        members=members,
    )


def _numbered(themes: list[Theme]) -> list[Theme]:
    """Most documents first, then most findings, then name: the same order on every run."""
    themes.sort(
        key=lambda t: (
            KIND_ORDER[t.kind],
            -len(t.documents),
            -len(t.members),
            t.name,
            t.members[0].key(),
        )
    )
    count: Counter[str] = Counter()
    for theme in themes:
        count[theme.kind] += 1
        theme.id = f"{THEME_PREFIX[theme.kind]}{count[theme.kind]}"
    return themes


def offline_themes(items: Iterable[Finding]) -> list[Theme]:
    """Recurring themes found without a model: groups spanning two or more documents."""
    themes = [
        _theme(group[0].kind, group)
        for group in group_offline(items)
        if len({f.doc_id for f in group}) >= 2
    ]
    return _numbered(themes)


def model_themes(
    items: Iterable[Finding],
    model: Any,
    *,
    max_reasks: int = 2,
    prompt_dir: Path | None = None,
    lang: Language = "en",
    cache: Any = None,
) -> tuple[list[Theme], Any]:
    """Themes of causes and lessons found by the `find_themes` stage, and the usage it cost.

    The model sees each finding's id, document, kind, type and text, in sorted order; ids it
    invents are dropped, a finding counts in one theme only, and a theme must still span two
    documents. Returns the themes and the stage's `Usage`. With a `StageCache`, the same
    findings asked of the same model again are answered from it.
    """
    from retro_ai.i18n import LANGUAGE_NAMES
    from retro_ai.models.langchain_chat import as_chat_model
    from retro_ai.stages.cache import cached_ask
    from retro_ai.stages.prompts import load_prompt

    pool = sorted((f for f in items if f.kind != "action"), key=Finding.key)
    by_id = {f"F{i}": f for i, f in enumerate(pool, 1)}
    payload = [
        {"id": fid, "document": f.doc_id, "kind": f.kind, "type": f.type, "text": f.text}
        for fid, f in by_id.items()
    ]
    spec = load_prompt("find_themes", prompt_dir)
    variables = {
        "findings": json.dumps(payload, ensure_ascii=False, indent=1),
        "output_language": LANGUAGE_NAMES[lang],
    }
    reply, usage = cached_ask(as_chat_model(model), spec, variables, max_reasks, cache)
    draft = cast("ThemesOutput", reply)  # find_themes.md declares this output model
    claimed: set[str] = set()
    themes: list[Theme] = []
    for drafted in sorted(draft.themes, key=lambda t: (t.name.strip(), sorted(t.finding_ids))):
        ids = [i for i in dict.fromkeys(x.strip() for x in drafted.finding_ids) if i in by_id]
        ids = [i for i in ids if i not in claimed]
        for kind in ("cause", "lesson"):
            members = [by_id[i] for i in ids if by_id[i].kind == kind]
            if len({f.doc_id for f in members}) >= 2:
                claimed.update(i for i in ids if by_id[i].kind == kind)
                themes.append(_theme(kind, members, " ".join(drafted.name.split())))
    return _numbered(themes), usage
