"""The model seam: one method that turns chat messages into a reply for a stage's output model.

Adapters raise `retro_ai.errors` exceptions for transport and service failures, refusals and
truncation; parsing, validation and re-asking belong to the stage runner, not to adapters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from pydantic import BaseModel

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


@dataclass
class Completion:
    """A reply: its text and the token usage the server reported (0 when it reported none).

    `cached_tokens` is the part of `prompt_tokens` served from the server's prefix cache."""

    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0


@runtime_checkable
class ChatModel(Protocol):
    """Anything that can answer a stage: the OpenAI adapter, a LangChain wrapper, a test fake."""

    name: str

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        """Answer `messages`; `output` is the pydantic model the reply must validate against."""
        ...
