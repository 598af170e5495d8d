"""Sizing each stage request to the model's window before it is sent: chunk, compact, or both.

A request is the system prompt, the preamble, the sources, the stage's prompt, the sections it
carries (goals, problems or the retrospective so far), the output schema (counted on every rung:
servers compile it into the prompt) and room for the reply. The rules:

- Reply room: min(max_tokens, max(1024, window // 4)) tokens are kept free for the reply.
- Prompt budget: min(--max-input-tokens or the window, window - reply room), less 2% for
  tokenizers that count a little differently.
- When everything fits, the request is exactly the unchunked one. Otherwise the carried sections
  are compacted, one step at a time, until they take at most half the budget (or the whole
  request fits): (1) full; (2) without evidence, empty fields and defaults, strings cut to 160
  characters; (3) ids and titles only, cut to 60 characters. Still too large, a carried list
  (goals, problems) is sent in groups that each fit, one request per group, and a carried
  retrospective keeps as many of its items as fit, taken evenly across its sections.
- The sources then fill the rest of the budget, in chunks (see `chunking`); every stage whose
  fixed part takes under a quarter of the budget chunks at the same size, so a chunk's requests
  share their leading prefix across stages and a prefix-caching server bills the chunk once.
  A stage that reads the whole retrospective (the summary) reads only the first chunk of the
  sources, for the background; the others run once per chunk (and per group) and their drafts
  are merged.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from retro_ai.ingest.source import Source
from retro_ai.models.instructions import schema_instruction
from retro_ai.models.tokens import DEFAULT_WINDOW, context_window, count_tokens, message_tokens
from retro_ai.stages.ask import render_sources, stage_messages
from retro_ai.stages.chunking import Chunk, render_chunks, split_sources
from retro_ai.stages.prompts import PromptSpec

if TYPE_CHECKING:
    from retro_ai.schema import Retrospective
    from retro_ai.settings import Settings

MIN_REPLY = 1024
REPLY_SHARE = 4  # reply room is at least a quarter of the window (capped by max_tokens)
MARGIN = 0.02
SCHEMA_SLACK = 1.1  # the strict json_schema form is up to ~10% longer than the instruction
SHARED_SPLIT = 4  # stages whose fixed part is under 1/4 of the budget share one chunk size
LEVELS = 3  # compaction steps of a carried section: full, compact, ids and titles


@dataclass(frozen=True)
class Budget:
    """How many tokens one request may hold, and how they are counted."""

    window: int
    input_budget: int
    reply: int
    model: str | None

    @classmethod
    def from_settings(cls, settings: Settings, model_name: str | None = None) -> Budget:
        name = settings.model or model_name
        window = settings.context_window or context_window(name) or DEFAULT_WINDOW
        reply = min(settings.max_tokens, max(MIN_REPLY, window // REPLY_SHARE))
        return cls(window, min(settings.max_input_tokens or window, window), reply, name)

    @property
    def prompt(self) -> int:
        """The most prompt tokens one request may take."""
        limit = min(self.input_budget, self.window - self.reply)
        return limit - int(limit * MARGIN)

    def count(self, text: str) -> int:
        return count_tokens(text, self.model)


# --- carried sections -----------------------------------------------------------------------

_TITLES = ("title", "statement", "action", "text", "name", "description", "at")


def _cut(value: Any, limit: int) -> Any:
    """Strings in `value` cut to `limit` characters (with an ellipsis)."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[: limit - 1] + "…"
    if isinstance(value, list):
        return [_cut(v, limit) for v in value]
    if isinstance(value, dict):
        return {k: _cut(v, limit) for k, v in value.items()}
    return value


def _drop_evidence(value: Any) -> Any:
    if isinstance(value, list):
        return [_drop_evidence(v) for v in value]
    if isinstance(value, dict):
        return {k: _drop_evidence(v) for k, v in value.items() if k != "evidence"}
    return value


def _titles(item: dict[str, Any]) -> dict[str, Any]:
    """An item as its id and its first title-like field, cut to 60 characters."""
    out: dict[str, Any] = {"id": item["id"]} if "id" in item else {}
    for key in _TITLES:
        if item.get(key):
            out[key] = _cut(item[key], 60)
            break
    return out


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Carried:
    """A section a stage carries, at a compaction level: a string, or a list sent in groups."""

    name: str
    levels: Callable[[int], str]
    items: Callable[[int], list[Any]] | None = None  # a list variable: its items at a level
    fit: Callable[[int, Callable[[str], int]], str] | None = None  # cut to fit n tokens


def carried_sections(retro: Retrospective) -> dict[str, Carried]:
    """The sections stages carry, each with its compaction steps; level 0 is today's text."""
    goals = [g.model_dump(include={"id", "title", "metric", "target", "unit"}) for g in retro.goals]
    problems = [p.model_dump(include={"id", "title"}) for p in retro.problems]

    def goal_items(level: int) -> list[Any]:
        return goals if level == 0 else [_titles(g) for g in goals]

    def problem_items(level: int) -> list[Any]:
        return problems if level == 0 else [_titles(p) for p in problems]

    exclude = {"meta", "open_questions"}

    def retro_level(level: int) -> str:
        if level == 0:
            return retro.model_dump_json(exclude=exclude)
        data = retro.model_dump(
            mode="json", exclude=exclude, exclude_none=True, exclude_defaults=True
        )
        data = _drop_evidence(data)
        if level == 1:
            return _compact(_cut(data, 160))
        return _compact(_sections_titles(data))

    def retro_fit(tokens: int, count: Callable[[str], int]) -> str:
        data = retro.model_dump(
            mode="json", exclude=exclude, exclude_none=True, exclude_defaults=True
        )
        return _fit_sections(_sections_titles(_drop_evidence(data)), tokens, count)

    return {
        "goals": Carried("goals", lambda lv: _dump(goal_items(lv)), goal_items),
        "problems": Carried("problems", lambda lv: _dump(problem_items(lv)), problem_items),
        "retrospective": Carried("retrospective", retro_level, fit=retro_fit),
    }


def _sections_titles(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            out[key] = [_titles(v) if isinstance(v, dict) else _cut(v, 60) for v in value]
        elif isinstance(value, dict):
            out[key] = {k: _cut(v, 60) for k, v in value.items() if not isinstance(v, list | dict)}
        else:
            out[key] = _cut(value, 60)
    return out


def _fit_sections(data: dict[str, Any], tokens: int, count: Callable[[str], int]) -> str:
    """`data` with list sections cut evenly (the same count from each) to fit `tokens`, with
    the number of items left out stated, so a summary never reads a cut list as complete."""
    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    longest = max((len(v) for v in lists.values()), default=0)
    keep = longest
    while True:
        cut = {k: (v[:keep] if k in lists else v) for k, v in data.items()}
        left_out = sum(max(len(v) - keep, 0) for v in lists.values())
        if left_out:
            cut["items_left_out"] = left_out
        text = _compact(cut)
        if keep == 0 or count(text) <= tokens:
            return text
        keep //= 2


# --- requests --------------------------------------------------------------------------------


@dataclass
class Request:
    """One request of a stage: its variables, and the chunks its sources are (None: whole)."""

    variables: dict[str, str]
    chunks: list[Chunk] | None
    tokens: int  # estimated prompt tokens
    part: tuple[int, ...] = field(default=(0,))


def schema_tokens(spec: PromptSpec, budget: Budget) -> int:
    return int(budget.count(schema_instruction(spec.output_model)) * SCHEMA_SLACK) + 16


def fixed_tokens(spec: PromptSpec, variables: dict[str, str], budget: Budget) -> int:
    """Prompt tokens of a request without its sources (an empty `<sources>` block stands in)."""
    empty = {**variables, "sources": "<sources>\n</sources>"}
    messages = stage_messages(spec, empty)
    return message_tokens(messages, budget.model) + schema_tokens(spec, budget)


def reads_all_sources(spec: PromptSpec) -> bool:
    """Whether a stage runs over every chunk (extraction) or only the first (the summary)."""
    return "sources" in spec.variables and "retrospective" not in spec.variables


def plan_requests(
    spec: PromptSpec,
    sources: list[Source],
    carried: dict[str, Carried],
    base: dict[str, str],
    budget: Budget,
) -> list[Request]:
    """The requests that run `spec`, each within `budget.prompt` tokens (module rules)."""
    names = [n for n in spec.variables if n in carried]
    wants_sources = "sources" in spec.variables
    whole = render_sources(sources) if wants_sources else "<sources>\n</sources>"
    whole_tokens = budget.count(whole) if wants_sources else 0
    half = budget.prompt // 2 if wants_sources else budget.prompt
    variables = dict(base)
    groups: list[dict[str, str]] = [{}]
    for level in range(LEVELS):
        for n in names:
            variables[n] = carried[n].levels(level)
        fixed = fixed_tokens(spec, variables, budget)
        if fixed + whole_tokens <= budget.prompt:
            return [Request({**variables, "sources": whole}, None, fixed + whole_tokens)]
        if fixed <= half:
            break
    else:
        groups = _groups(spec, names, carried, variables, budget, half)
    fixed = max(fixed_tokens(spec, {**variables, **g}, budget) for g in groups)
    # Stages whose fixed part is small all chunk at one size, so their requests for a chunk
    # start with the same prefix (system prompt, preamble, chunk), which prefix caches bill once.
    room = budget.prompt - max(fixed, budget.prompt // SHARED_SPLIT)
    if not wants_sources:
        return [Request({**variables, **g, "sources": ""}, None, fixed) for g in groups]
    parts = split_sources(sources, max(room, 64), budget.count)
    if not reads_all_sources(spec):
        parts = parts[:1]
    requests = []
    for i, chunks in enumerate(parts):
        text = render_chunks(chunks)
        tokens = sum(c.tokens for c in chunks)
        for j, g in enumerate(groups):
            requests.append(
                Request({**variables, **g, "sources": text}, chunks, fixed + tokens, (i, j))
            )
    return requests


def _groups(
    spec: PromptSpec,
    names: list[str],
    carried: dict[str, Carried],
    variables: dict[str, str],
    budget: Budget,
    half: int,
) -> list[dict[str, str]]:
    """Carried sections too large even as ids and titles: lists in groups that each fit
    `half`, a retrospective cut to fit (its items evenly across sections)."""
    last = LEVELS - 1
    groups: list[dict[str, str]] = [{}]
    for n in names:
        section = carried[n]
        others = fixed_tokens(spec, {**variables, n: ""}, budget)
        room = max(half - others, 64)
        if section.fit is not None:
            groups = [{**g, n: section.fit(room, budget.count)} for g in groups]
            continue
        assert section.items is not None
        batches: list[list[Any]] = [[]]
        used = 2
        for item in section.items(last):
            cost = budget.count(_dump(item)) + 2
            if batches[-1] and used + cost > room:
                batches.append([])
                used = 2
            batches[-1].append(item)
            used += cost
        groups = [{**g, n: _dump(b)} for g in groups for b in batches]
    return groups


# --- a dry run -------------------------------------------------------------------------------


@dataclass
class StagePlan:
    """What one stage would ask: requests, prompt tokens, and the most its replies may take."""

    name: str
    calls: int
    prompt_tokens: int
    completion_tokens: int


@dataclass
class DraftPlan:
    """What a draft would send, counted before anything is sent (`pipeline.plan_draft`)."""

    model: str | None  # None: offline, no model calls
    window: int
    input_budget: int
    reply_room: int
    counter: str  # "tiktoken" or "estimate"
    input_tokens: int
    chunks: int  # requests' worth of sources an extraction stage reads (1: not chunked)
    stages: list[StagePlan]

    @property
    def calls(self) -> int:
        return sum(s.calls for s in self.stages)

    @property
    def prompt_tokens(self) -> int:
        return sum(s.prompt_tokens for s in self.stages)

    @property
    def completion_tokens(self) -> int:
        return sum(s.completion_tokens for s in self.stages)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "offline": self.model is None,
            "window": self.window,
            "input_budget": self.input_budget,
            "reply_room": self.reply_room,
            "counter": self.counter,
            "input_tokens": self.input_tokens,
            "chunked": self.chunks > 1,
            "chunks": self.chunks,
            "stages": [dataclasses.asdict(s) for s in self.stages],
            "calls": self.calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
        }


def plan_stages(
    specs: list[PromptSpec],
    sources: list[Source],
    retro: Retrospective,
    budget: Budget,
    max_tokens: int,
    *,
    offline: bool,
) -> DraftPlan:
    """The plan of `specs` over `sources`. Sections stages carry are not known before the run,
    so they are counted as `retro` holds them (empty for a new draft); each call's reply is
    counted at its ceiling, max_tokens trimmed to what the window leaves."""
    from retro_ai.i18n import LANGUAGE_NAMES
    from retro_ai.models.tokens import counter_name

    text = [s for s in sources if s.type != "metrics"]
    input_tokens = sum(budget.count(s.text()) for s in text)
    stages: list[StagePlan] = []
    chunks = 1
    carried = carried_sections(retro)
    base = {"output_language": LANGUAGE_NAMES[retro.meta.output_language]}
    for spec in specs:
        if offline:
            stages.append(StagePlan(spec.id, 0, 0, 0))
            continue
        requests = plan_requests(spec, text, carried, base, budget)
        if reads_all_sources(spec):
            chunks = max(chunks, len({r.part[0] for r in requests}))
        prompt = sum(r.tokens for r in requests)
        reply = sum(min(max_tokens, budget.window - r.tokens) for r in requests)
        stages.append(StagePlan(spec.id, len(requests), prompt, reply))
    return DraftPlan(
        model=None if offline else budget.model,
        window=budget.window,
        input_budget=budget.input_budget,
        reply_room=budget.reply,
        counter=counter_name(budget.model),
        input_tokens=input_tokens,
        chunks=chunks,
        stages=stages,
    )
