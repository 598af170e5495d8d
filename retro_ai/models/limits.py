"""Request and token budgets shared by every model request of the process.

A rate-limited account answers bursts with 429s, and every 429 costs a retry; pacing requests
below the account's limits avoids them. `--rpm` spaces requests evenly with LangChain's
`InMemoryRateLimiter` (no bursts); `--tpm` is a token bucket holding one minute of tokens, from
which each request takes its prompt's token count (tiktoken's where it knows the model, else the
estimate; see `retro_ai.models.tokens`) before it is sent and settles the difference
with the server's reported usage afterwards. One `Budget` per (rpm, tpm) per process, so every
stage of every document of a batch, and every draft of a library caller, draws on the same one.
Transport retries stay the SDK's: a budget only delays a request, it never repeats one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from retro_ai.models.base import ChatModel, Completion, Message
from retro_ai.models.tokens import count_tokens
from retro_ai.models.tokens import estimate_tokens as estimate_tokens  # re-exported

if TYPE_CHECKING:
    from retro_ai.settings import Settings


class TokenBucket:
    """A bucket of `per_minute` tokens refilled continuously; takes may run it into debt.

    A take larger than the whole bucket is capped at the bucket, so it waits for a full minute's
    budget rather than forever. `clock` and `sleep` are injectable so the arithmetic can be
    checked without waiting.
    """

    def __init__(
        self,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self._clock, self._sleep = clock, sleep
        self._level = self.capacity
        self._stamp = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._level = min(self.capacity, self._level + (now - self._stamp) * self.rate)
        self._stamp = now

    @property
    def level(self) -> float:
        """Tokens available now (negative while in debt)."""
        with self._lock:
            self._refill()
            return self._level

    def take(self, tokens: int, *, blocking: bool = True) -> bool:
        """Take `tokens` (capped at the capacity), waiting for them unless `blocking` is False."""
        need = min(float(max(tokens, 0)), self.capacity)
        while True:
            with self._lock:
                self._refill()
                if self._level >= need:
                    self._level -= need
                    return True
                wait = (need - self._level) / self.rate
            if not blocking:
                return False
            self._sleep(min(wait, 1.0))

    def settle(self, taken: int, used: int) -> None:
        """Correct an earlier take of `taken` (as capped) by what the request really `used`."""
        with self._lock:
            self._refill()
            self._level -= used - min(float(max(taken, 0)), self.capacity)
            self._level = min(self._level, self.capacity)


class Budget:
    """Requests per minute and tokens per minute for every request that draws on it."""

    def __init__(self, rpm: int | None = None, tpm: int | None = None) -> None:
        self.rpm, self.tpm = rpm, tpm
        self._requests: Any = None
        if rpm:
            from langchain_core.rate_limiters import InMemoryRateLimiter

            self._requests = InMemoryRateLimiter(
                requests_per_second=rpm / 60.0,
                check_every_n_seconds=min(0.1, 30.0 / rpm),
                max_bucket_size=1,
            )
        self.tokens = TokenBucket(tpm) if tpm else None

    def __repr__(self) -> str:
        return f"Budget(rpm={self.rpm}, tpm={self.tpm})"

    def acquire(self, tokens: int, *, blocking: bool = True) -> bool:
        """Wait for one request and `tokens` prompt tokens; False if not `blocking` and short.

        The request slot is taken first: a request spaced out by the rpm budget has not yet
        taken tokens another request could use meanwhile.
        """
        if self._requests is not None and not self._requests.acquire(blocking=blocking):
            return False
        return self.tokens is None or self.tokens.take(tokens, blocking=blocking)

    def settle(self, taken: int, completion: Completion) -> None:
        """Charge the tokens the server reported (prompt and completion) instead of the guess."""
        if self.tokens is not None:
            used = completion.prompt_tokens + completion.completion_tokens
            self.tokens.settle(taken, used or taken)


_BUDGETS: dict[tuple[int | None, int | None], Budget] = {}
_BUDGETS_LOCK = threading.Lock()


def budget_for(rpm: int | None, tpm: int | None) -> Budget | None:
    """The process's one budget for these limits, or None when neither is set."""
    if not rpm and not tpm:
        return None
    with _BUDGETS_LOCK:
        key = (rpm or None, tpm or None)
        if key not in _BUDGETS:
            _BUDGETS[key] = Budget(*key)
        return _BUDGETS[key]


class LimitedModel:
    """A `ChatModel` whose every request first draws on a shared `Budget`."""

    def __init__(self, model: ChatModel, budget: Budget) -> None:
        self.model = model
        self.budget = budget
        self.name = model.name

    def __repr__(self) -> str:
        return f"LimitedModel({self.model!r}, {self.budget!r})"

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        tokens = sum(count_tokens(m.get("content") or "", self.name) for m in messages)
        self.budget.acquire(tokens)
        completion = self.model.complete(messages, output=output)
        self.budget.settle(tokens, completion)
        return completion


def limited(model: Any, settings: Settings) -> Any:
    """`model` (any model `as_chat_model` takes) drawing on the process's budget for
    `settings.rpm` / `settings.tpm`; unchanged when neither is set."""
    budget = budget_for(settings.rpm, settings.tpm)
    if budget is None or isinstance(model, LimitedModel):
        return model
    from retro_ai.models.langchain_chat import as_chat_model

    return LimitedModel(as_chat_model(model), budget)
