"""OpenAIChatModel against the loopback fake server: ladder, reply checks, error mapping."""

from __future__ import annotations

import socket
import sys

import pytest
from pydantic import BaseModel

from retro_ai.errors import (
    AuthError,
    ConfigError,
    ModelError,
    ModelOutputError,
    QuotaError,
    RefusalError,
    ServiceUnreachableError,
    TruncatedError,
)
from retro_ai.models.openai_chat import OpenAIChatModel
from retro_ai.settings import Settings

KEY = "sk-test-SECRET123"
MESSAGES = [
    {"role": "system", "content": "You write retrospectives."},
    {"role": "user", "content": "Notes: shipped late."},
]


class Item(BaseModel):
    title: str
    owner: str | None = None


class Summary(BaseModel):
    headline: str
    items: list[Item]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def make(srv, **kw) -> OpenAIChatModel:
    kw.setdefault("max_retries", 0)
    kw.setdefault("api_key", KEY)
    return OpenAIChatModel("fake-model", base_url=srv.base_url, **kw)


def last_user(body: dict) -> str:
    return [m for m in body["messages"] if m["role"] == "user"][-1]["content"]


def test_json_schema_rung_sends_strict_schema_and_reads_usage(fake_server) -> None:
    reply = fake_server.json_reply(
        {"headline": "h", "items": []}, prompt_tokens=123, completion_tokens=45
    )
    srv = fake_server(reply)
    model = make(srv)
    out = model.complete(MESSAGES, output=Summary)
    assert Summary.model_validate_json(out.text).headline == "h"
    assert (out.prompt_tokens, out.completion_tokens) == (123, 45)
    body = srv.requests[0]
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == "Summary"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["additionalProperties"] is False
    assert body["temperature"] == 0 and body["max_tokens"] == 4096
    assert body["messages"] == MESSAGES  # no instruction needed on this rung
    assert srv.headers[0]["authorization"] == f"Bearer {KEY}"
    assert fake_server.stage_output_name(body) == "Summary"
    assert model.rung == "json_schema"


def test_rejected_json_schema_falls_to_json_object_and_is_remembered(fake_server) -> None:
    srv = fake_server(reject_json_schema=True)
    model = make(srv)
    assert model.complete(MESSAGES, output=Summary).text == "{}"
    assert [r.get("response_format", {}).get("type") for r in srv.requests] == [
        "json_schema",
        "json_object",
    ]
    second = srv.requests[1]
    assert second["response_format"]["schema"]["title"] == "Summary"
    assert "JSON" in last_user(second) and '"title": "Summary"' in last_user(second)
    assert fake_server.stage_output_name(second) == "Summary"
    assert model.rung == "json_object"
    model.complete(MESSAGES, output=Item)
    assert len(srv.requests) == 3
    assert srv.requests[2]["response_format"]["type"] == "json_object"
    assert fake_server.stage_output_name(srv.requests[2]) == "Item"
    assert MESSAGES[-1]["content"] == "Notes: shipped late."  # caller's list not mutated


def test_server_rejecting_both_formats_gets_text_rung(fake_server) -> None:
    srv = fake_server(reject_json_schema=True, reject_json_object=True)
    model = make(srv)
    model.complete(MESSAGES, output=Summary)
    model.complete(MESSAGES, output=Summary)
    assert len(srv.requests) == 4
    assert "response_format" not in srv.requests[2]
    assert "response_format" not in srv.requests[3]
    assert "JSON" in last_user(srv.requests[3])
    assert fake_server.stage_output_name(srv.requests[3]) == "Summary"
    assert model.rung == "text"


def test_forced_rung_rejected_is_model_error_without_fallback(fake_server) -> None:
    srv = fake_server(reject_json_schema=True)
    model = make(srv, response_format="json_schema")
    with pytest.raises(ModelError) as info:
        model.complete(MESSAGES, output=Summary)
    assert len(srv.requests) == 1
    msg = str(info.value)
    assert "response_format=json_schema" in msg and "\n" not in msg


def test_forced_text_rung_sends_no_response_format(fake_server) -> None:
    srv = fake_server()
    make(srv, response_format="text").complete(MESSAGES, output=Summary)
    assert "response_format" not in srv.requests[0]
    assert "JSON" in last_user(srv.requests[0])


def test_non_format_400_does_not_walk_the_ladder(fake_server) -> None:
    error = {
        "message": "This model's maximum context length is 8192 tokens.",
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }
    srv = fake_server(fake_server.Reply(status=400, error=error))
    model = make(srv)
    with pytest.raises(ModelError, match="maximum context length"):
        model.complete(MESSAGES, output=Summary)
    assert len(srv.requests) == 1
    assert model.rung == "json_schema"


def test_fenced_json_comes_back_as_text(fake_server) -> None:
    srv = fake_server(fake_server.fenced({"headline": "h", "items": []}))
    text = make(srv).complete(MESSAGES, output=Summary).text
    assert "```json" in text and '"headline": "h"' in text


def test_truncation(fake_server) -> None:
    srv = fake_server(fake_server.Reply(content='{"headline": "h', finish_reason="length"))
    with pytest.raises(TruncatedError, match=r"max_tokens=50 \(finish_reason=length\)"):
        make(srv, max_tokens=50).complete(MESSAGES, output=Summary)


def test_refusal(fake_server) -> None:
    srv = fake_server(fake_server.Reply(refusal="I can't help with that."))
    with pytest.raises(RefusalError, match="model refused: I can't help"):
        make(srv).complete(MESSAGES, output=Summary)


def test_content_filter_is_refusal(fake_server) -> None:
    srv = fake_server(fake_server.Reply(content="", finish_reason="content_filter"))
    with pytest.raises(RefusalError, match="content_filter"):
        make(srv).complete(MESSAGES, output=Summary)


def test_empty_reply(fake_server) -> None:
    srv = fake_server(fake_server.Reply(content="   "))
    with pytest.raises(ModelOutputError, match="empty reply"):
        make(srv).complete(MESSAGES, output=Summary)


def test_401_is_auth_error_and_key_never_shown(fake_server) -> None:
    error = {
        "message": "Incorrect API key provided",
        "type": "invalid_request_error",
        "code": "invalid_api_key",
    }
    srv = fake_server(fake_server.Reply(status=401, error=error))
    model = make(srv)
    with pytest.raises(AuthError) as info:
        model.complete(MESSAGES, output=Summary)
    assert str(info.value) == "model server rejected the API key (401)"
    assert info.value.__cause__ is None and info.value.__suppress_context__
    for text in (str(info.value), repr(info.value), repr(model), str(vars(model))):
        assert KEY not in text and "SECRET123" not in text


def test_insufficient_quota_is_quota_error(fake_server) -> None:
    error = {
        "message": "You exceeded your current quota",
        "type": "insufficient_quota",
        "code": "insufficient_quota",
    }
    srv = fake_server(fake_server.Reply(status=429, error=error))
    with pytest.raises(QuotaError, match="quota exhausted"):
        make(srv).complete(MESSAGES, output=Summary)


def test_rate_limit_after_retries_is_quota_error(fake_server) -> None:
    fast = fake_server.Reply(status=429, headers={"retry-after-ms": "10"})
    srv = fake_server(fast)
    with pytest.raises(QuotaError, match="after 1 retries"):
        make(srv, max_retries=1).complete(MESSAGES, output=Summary)
    assert len(srv.requests) == 2


def test_429_then_200_is_retried_by_the_sdk_only(fake_server) -> None:
    busy = fake_server.Reply(status=429, headers={"retry-after-ms": "10"})
    srv = fake_server(busy, fake_server.json_reply({}))
    out = make(srv, max_retries=2).complete(MESSAGES, output=Summary)
    assert out.text == "{}"
    assert len(srv.requests) == 2
    assert srv.headers[1].get("x-stainless-retry-count") == "1"


def test_500s_exhaust_sdk_retries(fake_server) -> None:
    srv = fake_server(fake_server.Reply(status=500, headers={"retry-after-ms": "10"}))
    with pytest.raises(ModelError) as info:
        make(srv, max_retries=2).complete(MESSAGES, output=Summary)
    assert str(info.value) == "model server error 500"
    assert len(srv.requests) == 3


def test_404_model_not_found_is_config_error(fake_server) -> None:
    srv = fake_server(fake_server.Reply(status=404))
    with pytest.raises(ConfigError, match="model 'fake-model' not found on 127.0.0.1:"):
        make(srv).complete(MESSAGES, output=Summary)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_server() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    model = OpenAIChatModel("m", base_url=url, max_retries=0, timeout=5)
    with pytest.raises(ServiceUnreachableError) as info:
        model.complete(MESSAGES, output=Summary)
    assert str(info.value) == f"cannot reach model server at {url}"


def test_timeout(fake_server) -> None:
    srv = fake_server(latency=2.0)
    with pytest.raises(
        ServiceUnreachableError,
        match=r"timed out: no data for 0.3 s \(1 attempt, [\d.]+ s in total\)",
    ):
        make(srv, timeout=0.3).complete(MESSAGES, output=Summary)


def test_no_key_for_remote_server_is_config_error() -> None:
    with pytest.raises(ConfigError, match="no API key"):
        OpenAIChatModel("gpt-4o-mini")
    with pytest.raises(ConfigError, match="no API key"):
        OpenAIChatModel("m", base_url="https://api.deepseek.com/v1")


def test_local_server_needs_no_key(monkeypatch: pytest.MonkeyPatch, fake_server) -> None:
    srv = fake_server()
    monkeypatch.setenv("OPENAI_BASE_URL", srv.base_url)
    model = OpenAIChatModel.from_settings(Settings.resolve(model="local"))
    model.complete(MESSAGES, output=Summary)
    assert srv.headers[0]["authorization"] == "Bearer not-needed"
    assert model.name == "local"


def test_env_key_used_and_not_in_repr(monkeypatch: pytest.MonkeyPatch, fake_server) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    srv = fake_server()
    settings = Settings.resolve(model="m", base_url=srv.base_url)
    model = OpenAIChatModel.from_settings(settings)
    model.complete(MESSAGES, output=Summary)
    assert srv.headers[0]["authorization"] == f"Bearer {KEY}"
    assert KEY not in repr(model)


def test_url_credentials_not_in_errors() -> None:
    url = f"http://user:{KEY}@127.0.0.1:{_closed_port()}/v1"
    with pytest.raises(ConfigError) as info:  # they would replace the API key
        OpenAIChatModel("m", base_url=url, max_retries=0, api_key="k")
    assert KEY not in str(info.value)


def test_concurrent_calls_share_the_remembered_rung(fake_server) -> None:
    from concurrent.futures import ThreadPoolExecutor

    srv = fake_server(reject_json_schema=True, latency=0.05)
    model = make(srv)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: model.complete(MESSAGES, output=Summary), range(4)))
    before = len(srv.requests)
    model.complete(MESSAGES, output=Summary)
    assert len(srv.requests) == before + 1
    assert srv.requests[-1]["response_format"]["type"] == "json_object"


def test_models_package_does_not_import_openai() -> None:
    import subprocess

    code = "import retro_ai.models, sys; assert 'openai' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_server_error_naming_response_format_steps_down(fake_server):
    """llama-cpp-python rejects json_schema with a 500 that names the field, not a 400."""

    class Out(BaseModel):
        a: int

    srv = fake_server(
        handler=lambda body: fake_server.json_reply({"a": 1}),
        reject_json_schema=True,
        reject_status=500,
    )
    model = OpenAIChatModel("m", base_url=srv.base_url, max_retries=1)
    assert model.complete([{"role": "user", "content": "x"}], output=Out).text == '{"a": 1}'
    kinds = [r["response_format"]["type"] for r in srv.requests]
    assert kinds == ["json_schema", "json_schema", "json_object"]
    assert model.rung == "json_object"


def test_json_object_schema_bounds_lists_and_strings(fake_server):
    """A grammar-constrained server must not be able to loop on a list or string forever."""

    class Item(BaseModel):
        title: str

    class Out(BaseModel):
        items: list[Item]

    srv = fake_server(handler=lambda body: fake_server.json_reply({"items": []}))
    model = OpenAIChatModel("m", base_url=srv.base_url, response_format="json_object")
    model.complete([{"role": "user", "content": "x"}], output=Out)
    schema = srv.requests[0]["response_format"]["schema"]
    assert schema["properties"]["items"]["maxItems"] == 25
    assert schema["$defs"]["Item"]["properties"]["title"]["maxLength"] == 400
