"""LangChainChatModel and as_chat_model with langchain_core's fake chat models."""

from __future__ import annotations

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import BaseModel

from retro_ai.errors import ConfigError, ModelError, TruncatedError
from retro_ai.models.base import ChatModel, Completion
from retro_ai.models.langchain_chat import LangChainChatModel, as_chat_model

MESSAGES = [
    {"role": "system", "content": "sys"},
    {"role": "user", "content": "first"},
    {"role": "assistant", "content": "draft"},
    {"role": "user", "content": "second"},
]


class Out(BaseModel):
    answer: str


class Recorder(GenericFakeChatModel):
    """Remembers the messages of each call."""

    seen: list[list[BaseMessage]] = []

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs,
    ) -> ChatResult:
        self.seen.append(list(messages))
        return super()._generate(messages, stop, run_manager, **kwargs)


def test_text_and_usage_come_back() -> None:
    reply = AIMessage(
        content='{"answer": "x"}',
        usage_metadata={"input_tokens": 7, "output_tokens": 3, "total_tokens": 10},
    )
    model = LangChainChatModel(GenericFakeChatModel(messages=iter([reply])))
    out = model.complete(MESSAGES, output=Out)
    assert out == Completion(text='{"answer": "x"}', prompt_tokens=7, completion_tokens=3)


def test_list_content_is_joined_and_missing_usage_is_zero() -> None:
    reply = AIMessage(content=[{"type": "text", "text": '{"answer": '}, '"y"}'])
    out = LangChainChatModel(GenericFakeChatModel(messages=iter([reply]))).complete(
        MESSAGES, output=Out
    )
    assert out == Completion(text='{"answer": "y"}')


def test_messages_converted_in_order_with_instruction() -> None:
    fake = Recorder(messages=iter([AIMessage(content="{}")]), seen=[])
    LangChainChatModel(fake).complete(MESSAGES, output=Out)
    (sent,) = fake.seen
    assert [m.type for m in sent] == ["system", "human", "ai", "human"]
    assert [m.content for m in sent[:3]] == ["sys", "first", "draft"]
    assert sent[3].content.startswith("second\n\n")
    assert "JSON" in sent[3].content and '"title": "Out"' in sent[3].content
    assert MESSAGES[3]["content"] == "second"


def test_fake_list_model_and_name() -> None:
    model = LangChainChatModel(FakeListChatModel(responses=['{"answer": "z"}']))
    assert model.complete(MESSAGES, output=Out).text == '{"answer": "z"}'
    assert model.name == "FakeListChatModel"


def test_truncation_from_response_metadata() -> None:
    class Cut(GenericFakeChatModel):
        def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
            msg = AIMessage(content='{"ans', response_metadata={"finish_reason": "length"})
            return ChatResult(generations=[ChatGeneration(message=msg)])

    with pytest.raises(TruncatedError):
        LangChainChatModel(Cut(messages=iter([]))).complete(MESSAGES, output=Out)


def test_provider_exception_becomes_model_error() -> None:
    class Boom(GenericFakeChatModel):
        def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
            raise RuntimeError("connection reset\nby peer")

    with pytest.raises(ModelError, match="RuntimeError: connection reset by peer"):
        LangChainChatModel(Boom(messages=iter([]))).complete(MESSAGES, output=Out)


def test_as_chat_model_wraps_langchain_models() -> None:
    wrapped = as_chat_model(FakeListChatModel(responses=["{}"]))
    assert isinstance(wrapped, LangChainChatModel)
    assert isinstance(wrapped, ChatModel)


def test_as_chat_model_passes_chat_models_through() -> None:
    class Mine:
        name = "mine"

        def complete(self, messages, *, output):
            return Completion(text="{}")

    obj = Mine()
    assert as_chat_model(obj) is obj


def test_as_chat_model_rejects_other_objects() -> None:
    with pytest.raises(ConfigError, match="unsupported model object: builtins.str"):
        as_chat_model("gpt-4o")
    with pytest.raises(ConfigError, match="unsupported model object"):
        as_chat_model(object())
