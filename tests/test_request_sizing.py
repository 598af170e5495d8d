"""Every request sized to the model's window before it is sent, streamed replies whose timeout
bounds silence rather than generation, a timeout message with the total wait, and the token
counts the sizing rests on (tiktoken where it knows the model, the estimate otherwise)."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import tiktoken
from pydantic import BaseModel

from retro_ai.errors import ContextOverflowError, ServiceUnreachableError
from retro_ai.models import tokens
from retro_ai.models.base import Completion
from retro_ai.models.limits import LimitedModel
from retro_ai.models.openai_chat import MARGIN_SHARE, MARGIN_TOKENS, MIN_REPLY, OpenAIChatModel
from retro_ai.models.tokens import (
    context_window,
    count_tokens,
    counter_name,
    estimate_tokens,
    message_tokens,
)
from retro_ai.settings import Settings

KEY = "sk-test-SIZING-SECRET-123"
WINDOW = 8192


class Summary(BaseModel):
    headline: str
    items: list[str]


REPLY = {"headline": "h", "items": []}


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key or URL from the environment, and no tiktoken encoder remembered across tests."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setattr(tokens, "_ENCODERS", {})


def make(srv: Any, model: str = "fake-model", **kw: Any) -> OpenAIChatModel:
    kw.setdefault("max_retries", 0)
    kw.setdefault("api_key", KEY)
    kw.setdefault("context_window", WINDOW)
    return OpenAIChatModel(model, base_url=srv.base_url, **kw)


def prompt_of(n_tokens: int) -> list[dict[str, str]]:
    """Messages of about `n_tokens` estimated tokens (four ASCII characters a token)."""
    return [
        {"role": "system", "content": "You write retrospectives."},
        {"role": "user", "content": "word " * (n_tokens * 4 // 5)},
    ]


def raised(kind: type[BaseException], call: Any) -> BaseException:
    """The error `call` raises, checked to be one line without the API key."""
    with pytest.raises(kind) as info:
        call()
    message = str(info.value)
    assert KEY not in message and "\n" not in message
    return info.value


# --- sizing before sending ------------------------------------------------------------------


def test_a_6000_token_prompt_is_sent_with_max_tokens_trimmed_to_the_window(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY), context_window=WINDOW)
    model = make(srv, max_tokens=4096)
    out = model.complete(prompt_of(6000), output=Summary)
    assert Summary.model_validate_json(out.text).headline == "h"
    (body,) = srv.requests
    counted = model.prompt_tokens(body)
    assert counted >= 6000
    margin = math.ceil(counted * MARGIN_SHARE) + MARGIN_TOKENS
    assert body["max_tokens"] == WINDOW - counted - margin < 4096
    assert fake_server.prompt_tokens(body, 1.0) + body["max_tokens"] <= WINDOW
    assert srv.context_rejections == 0


def test_a_prompt_larger_than_the_window_is_never_sent(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY), context_window=WINDOW)
    err = raised(ContextOverflowError, lambda: make(srv).complete(prompt_of(9000), output=Summary))
    assert isinstance(err, ContextOverflowError)
    assert err.prompt_tokens >= 9000 and err.window == WINDOW
    assert "8192-token context window" in str(err) and "--context-window" in str(err)
    assert srv.requests == []


def test_too_little_room_for_a_useful_reply_is_not_sent(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY))
    # A prompt that fits, but leaves less than MIN_REPLY tokens after the margin.
    err = raised(ContextOverflowError, lambda: make(srv).complete(prompt_of(7600), output=Summary))
    assert isinstance(err, ContextOverflowError) and f"at least {MIN_REPLY}" in str(err)
    assert srv.requests == []


def test_from_settings_sizes_to_the_configured_window_and_batch_bodies_never_stream(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY))
    settings = Settings(
        model="fake-model", base_url=srv.base_url, context_window=4096, max_tokens=4096
    )
    model = OpenAIChatModel.from_settings(settings)
    assert model.context_window == 4096
    body = model.request_body(prompt_of(2000), Summary, model.rung)  # a Batch API line's body
    assert "stream" not in body and "stream_options" not in body
    assert body["max_tokens"] < 4096 - 2000
    raised(ContextOverflowError, lambda: model.request_body(prompt_of(5000), Summary, "text"))


def test_a_server_counting_more_is_asked_again_with_what_it_says_fits(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY), context_window=WINDOW, token_scale=1.3)
    model = make(srv)
    model.complete(prompt_of(5000), output=Summary)
    first, second = srv.requests
    assert srv.context_rejections == 1
    assert second["messages"] == first["messages"]
    assert (
        second["max_tokens"] == WINDOW - fake_server.prompt_tokens(first, 1.3) < first["max_tokens"]
    )
    # The ratio was learned: the next request is sized with it and accepted at once.
    model.complete(prompt_of(5000), output=Summary)
    assert len(srv.requests) == 3 and srv.context_rejections == 1
    third = srv.requests[2]
    assert fake_server.prompt_tokens(third, 1.3) + third["max_tokens"] <= WINDOW


def test_a_server_leaving_too_little_room_gives_context_overflow_with_its_count(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY), context_window=WINDOW, token_scale=1.3)
    err = raised(ContextOverflowError, lambda: make(srv).complete(prompt_of(6200), output=Summary))
    assert isinstance(err, ContextOverflowError)
    (body,) = srv.requests  # refused once, not asked again
    assert (err.prompt_tokens, err.window) == (fake_server.prompt_tokens(body, 1.3), WINDOW)
    assert srv.context_rejections == 1


@pytest.mark.parametrize(
    ("error", "retry_max_tokens"),
    [
        (  # newer vLLM: the request's input tokens
            {
                "message": "'max_tokens' or 'max_completion_tokens' is too large: 4096. This "
                "model's maximum context length is 8192 tokens and your request has 5000 input "
                "tokens (4096 > 8192 - 5000).",
                "type": "BadRequestError",
                "param": None,
                "code": 400,
            },
            3192,
        ),
        (  # llama.cpp's server: its figures as fields
            {
                "message": "the request exceeds the available context size, try increasing it",
                "type": "exceed_context_size_error",
                "n_prompt_tokens": 7000,
                "n_ctx": 8192,
            },
            1192,
        ),
        (  # llama-cpp-python: prompt tokens only
            {"message": "Requested tokens (8100) exceed context window of 8192", "type": "x"},
            None,
        ),
    ],
)
def test_server_figures_are_read_from_each_servers_wording(fake_server, error, retry_max_tokens):
    srv = fake_server(fake_server.Reply(status=400, error=error), fake_server.json_reply(REPLY))
    model = make(srv, context_window=None)  # an unknown model: sent unsized
    if retry_max_tokens is None:
        err = raised(ContextOverflowError, lambda: model.complete(prompt_of(50), output=Summary))
        assert isinstance(err, ContextOverflowError)
        assert (err.prompt_tokens, err.window) == (8100, 8192)
        assert len(srv.requests) == 1
        return
    model.complete(prompt_of(50), output=Summary)
    assert [b["max_tokens"] for b in srv.requests] == [4096, retry_max_tokens]
    assert model.context_window == 8192  # learned from the server


def test_sizing_counts_with_tiktoken_when_it_knows_the_model(fake_server, monkeypatch):
    monkeypatch.setattr(tiktoken, "encoding_for_model", lambda model: CharEncoding())
    srv = fake_server(fake_server.json_reply(REPLY))
    model = make(srv, "gpt-4o")  # one token per character, four times the estimate
    model.complete([{"role": "user", "content": "x" * 5000}], output=Summary)
    (body,) = srv.requests
    counted = model.prompt_tokens(body)
    assert counted > 5000  # the estimate would say about 1,300 and leave 4,096 untrimmed
    assert (
        body["max_tokens"] == WINDOW - counted - math.ceil(counted * MARGIN_SHARE) - MARGIN_TOKENS
    )


# --- streaming ------------------------------------------------------------------------------


def test_a_slow_server_still_producing_tokens_is_not_cut_off(fake_server):
    """Chunks 0.3 s apart for about 2 s against a 1 s timeout: silence is what times out."""
    reply = fake_server.json_reply(
        {"headline": "slow", "items": []}, prompt_tokens=123, completion_tokens=45
    )
    srv = fake_server(reply, stream_delay=0.3)
    out = make(srv, timeout=1.0).complete(prompt_of(50), output=Summary)
    assert Summary.model_validate_json(out.text).headline == "slow"
    assert (out.prompt_tokens, out.completion_tokens) == (123, 45)
    body = srv.requests[0]
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}


def test_stream_options_refused_is_dropped_and_remembered(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY), reject_stream_options=True)
    model = make(srv)
    model.complete(prompt_of(50), output=Summary)
    model.complete(prompt_of(50), output=Summary)
    assert ["stream_options" in b for b in srv.requests] == [True, False, False]
    assert all(b["stream"] is True for b in srv.requests)


def test_a_server_ignoring_stream_is_read_as_json(fake_server):
    reply = fake_server.json_reply(REPLY, prompt_tokens=7, completion_tokens=3)
    srv = fake_server(reply, ignore_stream=True)
    out = make(srv).complete(prompt_of(50), output=Summary)
    assert (out.text, out.prompt_tokens) == ('{"headline": "h", "items": []}', 7)
    assert srv.requests[0]["stream"] is True


def test_streamed_refusal_and_truncation_keep_their_meaning(fake_server):
    from retro_ai.errors import RefusalError, TruncatedError

    srv = fake_server(
        fake_server.Reply(refusal="I can't help with that."),
        fake_server.Reply(content='{"headline": "h', finish_reason="length"),
    )
    model = make(srv, max_tokens=1000)
    raised(RefusalError, lambda: model.complete(prompt_of(50), output=Summary))
    err = raised(TruncatedError, lambda: model.complete(prompt_of(50), output=Summary))
    assert "max_tokens=1000" in str(err)
    assert all(b["stream"] is True for b in srv.requests)


def test_a_stream_cut_midway_is_asked_again_within_max_retries(fake_server):
    cut = fake_server.Reply(content='{"headline": "h", "items": []}', fault="cut")
    srv = fake_server(cut, fake_server.json_reply(REPLY))
    out = make(srv, max_retries=1).complete(prompt_of(50), output=Summary)
    assert out.text == '{"headline": "h", "items": []}'
    assert len(srv.requests) == 2 and srv.requests[0]["stream"] is True


# --- the timeout message --------------------------------------------------------------------


def test_timeout_message_says_how_long_was_waited_in_total(fake_server):
    srv = fake_server(latency=3.0)
    model = make(srv, timeout=0.5, max_retries=1)
    err = raised(ServiceUnreachableError, lambda: model.complete(prompt_of(50), output=Summary))
    found = re.fullmatch(
        rf"model server {re.escape(srv.base_url)} timed out: no data for 0\.5 s "
        r"\(2 attempts, ([\d.]+) s in total\); raise --timeout or RETRO_AI_TIMEOUT",
        str(err),
    )
    assert found, str(err)
    assert float(found.group(1)) >= 1.0  # both attempts, not one
    assert len(srv.requests) == 2


def test_a_stream_falling_silent_counts_every_attempt(fake_server):
    srv = fake_server(fake_server.json_reply(REPLY), stream_delay=3.0)
    model = make(srv, timeout=0.5, max_retries=1)
    err = raised(ServiceUnreachableError, lambda: model.complete(prompt_of(50), output=Summary))
    assert "no data for 0.5 s (2 attempts, " in str(err)
    assert len(srv.requests) == 2  # within 1 + max_retries, though the SDK saw two replies


# --- token counts ---------------------------------------------------------------------------


class CharEncoding:
    """A stand-in for a tiktoken encoding: one token per character."""

    def encode(self, text: str, **_: Any) -> list[int]:
        return [ord(c) for c in text]


def test_the_estimate_counts_each_cjk_character_as_a_token():
    assert estimate_tokens("") == 0
    assert estimate_tokens("ab") == 1 and estimate_tokens("abcde") == 2
    assert estimate_tokens("复盘abcd") == 3
    assert estimate_tokens("会议：") == 3  # full-width punctuation too
    assert estimate_tokens("かなカナ") == 4 and estimate_tokens("회의록") == 3


@pytest.mark.parametrize(
    ("model", "window"),
    [
        ("gpt-4o-mini", 128_000),  # not read as gpt-4
        ("gpt-4", 8_192),
        ("gpt-4-0613", 8_192),
        ("gpt-4-turbo-2024-04-09", 128_000),
        ("gpt-4.1-mini", 1_047_576),
        ("openai/gpt-4o", 128_000),  # organisation prefixes are ignored
        ("HuggingFaceTB/SmolLM2-1.7B-Instruct", 8_192),
        ("DeepSeek-Chat", 65_536),
        ("llama3.2:1b", None),
        ("", None),
        (None, None),
    ],
)
def test_context_window_by_longest_name_prefix(model, window):
    assert context_window(model) == window


def test_tiktoken_counts_where_it_knows_the_model(monkeypatch):
    asked: list[str] = []

    def encoding_for_model(model: str) -> CharEncoding:
        asked.append(model)
        return CharEncoding()

    monkeypatch.setattr(tiktoken, "encoding_for_model", encoding_for_model)
    assert count_tokens("abcdefgh", "gpt-4o") == 8  # the estimate would say 2
    assert counter_name("gpt-4o") == "tiktoken"
    assert message_tokens([{"role": "user", "content": "abcd"}], "gpt-4o") == 3 + 4 + 4
    assert asked == ["gpt-4o"]  # loaded once


def test_a_failed_tiktoken_load_falls_back_to_the_estimate_once(monkeypatch):
    asked: list[str] = []

    def offline(model: str) -> Any:
        asked.append(model)
        raise OSError("no network")

    monkeypatch.setattr(tiktoken, "encoding_for_model", offline)
    assert count_tokens("abcdefgh", "gpt-4o") == 2
    assert count_tokens("abcdefgh", "gpt-4o") == 2
    assert counter_name("gpt-4o") == "estimate"
    assert asked == ["gpt-4o"]  # tried once, not on every count


def test_an_unknown_model_is_estimated():
    assert count_tokens("复盘abcd", "my-local-model") == 3  # tiktoken raises KeyError: no file
    assert count_tokens("abcdefgh", None) == 2
    assert counter_name("my-local-model") == "estimate"


def test_the_tpm_budget_takes_the_models_own_count(monkeypatch):
    monkeypatch.setattr(tiktoken, "encoding_for_model", lambda model: CharEncoding())

    class Recorder:
        taken: list[int] = []

        def acquire(self, n: int, *, blocking: bool = True) -> bool:
            self.taken.append(n)
            return True

        def settle(self, taken: int, completion: Completion) -> None:
            pass

    class Model:
        name = "gpt-4o"

        def complete(self, messages: Any, *, output: Any) -> Completion:
            return Completion(text="{}")

    budget = Recorder()
    LimitedModel(Model(), budget).complete(  # type: ignore[arg-type]
        [{"role": "user", "content": "abcdefgh"}], output=Summary
    )
    assert budget.taken == [8]  # tiktoken's count, not the estimate's 2
