"""Counting tokens before anything is sent, and knowing how many a model's window holds.

A request that would not fit the model's context window must be split or trimmed before it is
sent, and a run that would cost too much must be stopped before it starts, so tokens are counted
offline. For a model tiktoken knows (the OpenAI families) its encoding counts exactly, provided
tiktoken can load the encoding file (it downloads it once into its own cache, or reads
TIKTOKEN_CACHE_DIR); for every other model, or when the file cannot be had, a documented
estimate stands in: one token per CJK character (Han, kana, Hangul, full-width forms) and one per
four characters of everything else. The estimate is close for the OpenAI, DeepSeek and Qwen
tokenizers; small local models with English-centred vocabularies spend more on Chinese, which
the chat adapter's safety margin and its context-length retry absorb.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)

DEFAULT_WINDOW = 8192  # tokens, for a model whose window is not known: a conservative guess
MESSAGE_OVERHEAD = 4  # tokens a chat template adds per message (role and separators)
# Context windows (prompt plus completion, in tokens) of well-known models, by name prefix;
# the longest matching prefix wins, so "gpt-4o-mini" is not read as "gpt-4".
WINDOWS: dict[str, int] = {
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-4": 8_192,
    "gpt-3.5-turbo": 16_385,
    "gpt-5": 400_000,
    "o1": 200_000,
    "o3": 200_000,
    "o4-mini": 200_000,
    "deepseek-chat": 65_536,
    "deepseek-reasoner": 65_536,
    "qwen-plus": 131_072,
    "qwen-max": 32_768,
    "qwen-turbo": 1_000_000,
    "glm-4": 128_000,
    "moonshot-v1-8k": 8_192,
    "moonshot-v1-32k": 32_768,
    "moonshot-v1-128k": 131_072,
    "claude": 200_000,
    "smollm2": 8_192,
}


def estimate_tokens(text: str) -> int:
    """Tokens a model would count in `text`: one per CJK character (Han, kana, Hangul,
    full-width forms) and one per four characters of everything else, rounded up."""
    cjk = len(_CJK.findall(text))
    return cjk + -(-(len(text) - cjk) // 4)


def context_window(model: str | None) -> int | None:
    """The known context window of `model` (by the longest matching name prefix), or None."""
    if not model:
        return None
    name = model.strip().lower().rsplit("/", 1)[-1]
    best = max((p for p in WINDOWS if name.startswith(p)), key=len, default=None)
    return WINDOWS[best] if best else None


_ENCODERS: dict[str, Callable[[str], int] | None] = {}
_ENCODERS_LOCK = threading.Lock()


def _encoder(model: str | None) -> Callable[[str], int] | None:
    """tiktoken's exact counter for `model`, or None (unknown model, no tiktoken, no file).

    Loaded once per model and process; a failed load is remembered, so a machine without the
    encoding file pays for the attempt once and then uses the estimate.
    """
    if not model:
        return None
    with _ENCODERS_LOCK:
        if model in _ENCODERS:
            return _ENCODERS[model]
        _ENCODERS[model] = counter = _load(model)
        return counter


def _load(model: str) -> Callable[[str], int] | None:
    try:
        import tiktoken
    except ImportError:
        return None
    try:
        encoding: Any = tiktoken.encoding_for_model(model)
    except KeyError:  # tiktoken does not know this model
        return None
    except (OSError, ValueError) as exc:  # no network (requests' errors are OSErrors), no
        _note_unavailable(model, exc)  # cached file, or a corrupt one
        return None
    return lambda text: len(encoding.encode(text, disallowed_special=()))


def _note_unavailable(model: str, exc: BaseException) -> None:
    import logging

    logging.getLogger("retro_ai").info(
        "tiktoken's encoding for %s could not be loaded (%s); tokens are estimated",
        model,
        type(exc).__name__,
    )


def counter_name(model: str | None) -> str:
    """How tokens of `model` are counted: "tiktoken" or "estimate" (shown by a dry run)."""
    return "tiktoken" if _encoder(model) is not None else "estimate"


def count_tokens(text: str, model: str | None = None) -> int:
    """Tokens in `text` for `model`: exact where tiktoken can, the estimate otherwise."""
    exact = _encoder(model)
    return exact(text) if exact is not None else estimate_tokens(text)


def message_tokens(messages: Iterable[dict[str, Any]], model: str | None = None) -> int:
    """Tokens a list of chat messages takes in the prompt, chat-template overhead included."""
    total = 3  # every reply is primed with a few tokens
    for message in messages:
        total += MESSAGE_OVERHEAD + count_tokens(message.get("content") or "", model)
    return total
