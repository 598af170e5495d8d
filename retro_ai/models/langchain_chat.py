"""Use any LangChain chat model (`BaseChatModel`) as a retro-ai `ChatModel`.

LangChain models differ in structured-output support (the base class and the fakes have none),
so this adapter always uses the text rung: the schema goes into the prompt and the stage runner
parses and validates the reply. langchain_core is imported lazily so `as_chat_model` on a plain
`ChatModel` never pays its import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from retro_ai.errors import (
    ConfigError,
    ModelError,
    ModelOutputError,
    RefusalError,
    RetroAIError,
    TruncatedError,
)
from retro_ai.models.base import ChatModel, Completion, Message
from retro_ai.models.instructions import with_instruction

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

_TRUNCATED = {"length", "max_tokens", "MAX_TOKENS"}


def _model_name(model: Any) -> str:
    for attr in ("model_name", "model"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(model).__name__


def _to_langchain(messages: list[Message]) -> list[BaseMessage]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    out: list[BaseMessage] = []
    for m in messages:
        kind = kinds.get(m.get("role", ""))
        if kind is None:
            raise ConfigError(f"unsupported message role {m.get('role')!r}")
        out.append(kind(content=m.get("content") or ""))
    return out


def _text(content: Any) -> str:
    """Message content as one string: LangChain content may be a list of str/dict parts."""
    if isinstance(content, str):
        return content
    parts: list[str] = []
    for part in content or []:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and part.get("type", "text") == "text":
            parts.append(str(part.get("text", "")))
    return "".join(parts)


class LangChainChatModel:
    """A `ChatModel` that prompts a LangChain chat model with the schema in the last user turn."""

    def __init__(self, model: BaseChatModel) -> None:
        self.model = model
        self.name = _model_name(model)

    def __repr__(self) -> str:
        return f"LangChainChatModel(name={self.name!r}, model={type(self.model).__name__})"

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        """Invoke the wrapped model; provider errors become one-line `ModelError`s."""
        lc_messages = _to_langchain(with_instruction(messages, output))
        try:
            reply = self.model.invoke(lc_messages)
        except RetroAIError:
            raise
        except Exception as err:  # any provider's client may raise anything
            flat = " ".join(str(err).split())[:200]
            raise ModelError(f"{self.name} failed: {type(err).__name__}: {flat}") from err
        meta = getattr(reply, "response_metadata", None) or {}
        refusal = (getattr(reply, "additional_kwargs", None) or {}).get("refusal")
        if refusal:
            raise RefusalError(f"model refused: {' '.join(str(refusal).split())[:120]}")
        reason = meta.get("finish_reason") or meta.get("stop_reason")
        if reason in _TRUNCATED:
            raise TruncatedError(
                f"reply truncated at the model's token limit (finish_reason={reason}); "
                "raise its max tokens"
            )
        text = _text(getattr(reply, "content", reply))
        if not text.strip():
            raise ModelOutputError(f"model '{self.name}' returned an empty reply")
        usage = getattr(reply, "usage_metadata", None) or {}
        return Completion(
            text=text,
            prompt_tokens=int(usage.get("input_tokens") or 0),
            completion_tokens=int(usage.get("output_tokens") or 0),
            cached_tokens=int((usage.get("input_token_details") or {}).get("cache_read") or 0),
        )


def as_chat_model(obj: object) -> ChatModel:
    """Accept a retro-ai `ChatModel` as is, wrap a LangChain `BaseChatModel`, reject the rest."""
    if callable(getattr(obj, "complete", None)) and isinstance(getattr(obj, "name", None), str):
        return obj  # type: ignore[return-value]
    from langchain_core.language_models import BaseChatModel

    if isinstance(obj, BaseChatModel):
        return LangChainChatModel(obj)
    raise ConfigError(f"unsupported model object: {type(obj).__module__}.{type(obj).__qualname__}")
