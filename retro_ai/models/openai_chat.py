"""OpenAI-compatible chat adapter (OpenAI, vLLM, llama.cpp, Ollama, DeepSeek, DashScope ...).

Servers differ in what structured output they accept, so requests walk a ladder:
json_schema (strict) -> json_object plus the schema in the prompt -> plain text plus the schema in
the prompt. In "auto" mode a rejected response_format moves one rung down at once, and the rung
that worked is remembered on the instance so later calls start there. Transport retries (408, 409,
429, 5xx, timeouts) are left to the SDK's own backoff (`max_retries`); adding a loop here would
multiply requests. This is the only module that imports openai. It never reads the environment:
it is given resolved values (see `from_settings`), so what a run uses is what `Settings` shows.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import urlsplit

import openai
from pydantic import BaseModel

from retro_ai.errors import (
    AuthError,
    ConfigError,
    ModelError,
    ModelOutputError,
    QuotaError,
    QuotaExhaustedError,
    RefusalError,
    ServiceUnreachableError,
    TruncatedError,
)
from retro_ai.models.base import Completion, Message
from retro_ai.models.instructions import bounded_schema, with_instruction
from retro_ai.settings import check_base_url
from retro_ai.vocab import ResponseFormat, Rung

if TYPE_CHECKING:
    from retro_ai.settings import Settings

RUNGS: tuple[Rung, ...] = get_args(Rung)
RESPONSE_FORMATS: tuple[ResponseFormat, ...] = get_args(ResponseFormat)

DEFAULT_BASE_URL = "https://api.openai.com/v1"
LOCAL_KEY = "not-needed"
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "schema", "format")


def _one_line(text: object, limit: int = 200) -> str:
    """Collapse whitespace and cut, so server text fits the one-line error contract."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _safe_url(url: str) -> str:
    """The URL without userinfo, query or fragment: safe to show in errors and reprs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/")


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 10 else f"{value:.0f} s"


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or url}{f':{parts.port}' if parts.port else ''}"


def _is_local(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in _LOCAL_HOSTS or host.endswith(".localhost")


def _server_message(err: openai.APIStatusError) -> str:
    """The server's own error message (not the SDK's, which embeds the whole body)."""
    body = err.body
    if isinstance(body, dict) and body.get("message"):
        return _one_line(body["message"])
    return _one_line(err.message)


def _is_format_rejection(err: openai.APIStatusError) -> bool:
    """Whether a 400/422 is about response_format, so a lower rung may succeed.

    Errors that name another parameter (context length on `messages`, `max_tokens`,
    `temperature`) are not: falling back would only repeat them on every rung.
    """
    param = (getattr(err, "param", None) or "").lower()
    text = f"{_server_message(err)} {getattr(err, 'code', '') or ''}".lower()
    if "response_format" in param or any(w in text for w in _FORMAT_WORDS):
        return True
    if param:
        return False
    return "context" not in text and "maximum" not in text


def _names_rung(err: openai.APIStatusError, rung: str) -> bool:
    """Whether a server error says the response_format type itself was refused."""
    text = _server_message(err).lower()
    return "response_format" in text and rung in text


class OpenAIChatModel:
    """A `ChatModel` over any OpenAI-compatible `/v1/chat/completions` endpoint."""

    def __init__(
        self,
        model: str,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        response_format: ResponseFormat = "auto",
        timeout: float = 120.0,
        max_retries: int = 2,
        max_tokens: int | None = 4096,
    ) -> None:
        if response_format not in RESPONSE_FORMATS:
            raise ConfigError(
                f"unknown response format {response_format!r}: use {', '.join(RESPONSE_FORMATS)}"
            )
        url = base_url or DEFAULT_BASE_URL
        try:
            check_base_url(url)
        except ValueError as exc:
            raise ConfigError(f"invalid base URL: {exc}") from None
        key = api_key or None
        if key is None:
            if not _is_local(url):
                raise ConfigError("no API key: set OPENAI_API_KEY (servers on localhost need none)")
            key = LOCAL_KEY
        self.name = model
        self.response_format: ResponseFormat = response_format
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_tokens = max_tokens
        self.base_url = _safe_url(url)
        self._host = _host(url)
        # The key lives only inside the SDK client, never on this object's own attributes.
        self._client = openai.OpenAI(
            api_key=key, base_url=url, timeout=timeout, max_retries=max_retries
        )
        self._lock = threading.Lock()
        self._rung: Rung = "json_schema" if response_format == "auto" else response_format

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIChatModel:
        """The model `settings` configure (flags, then the environment, then defaults)."""
        if not settings.model:
            raise ConfigError("no model configured: pass --model (or set RETRO_AI_MODEL)")
        return cls(
            settings.model,
            api_key=settings.api_key.get_secret_value() if settings.api_key else None,
            base_url=settings.base_url,
            response_format=settings.response_format,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            max_tokens=settings.max_tokens,
        )

    def __repr__(self) -> str:
        return (
            f"OpenAIChatModel(model={self.name!r}, base_url={self.base_url!r}, "
            f"response_format={self.response_format!r}, rung={self.rung!r})"
        )

    @property
    def rung(self) -> Rung:
        """The rung the next call starts on (in auto mode, the lowest one that has worked)."""
        with self._lock:
            return self._rung

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        """Send one chat completion for `output`, stepping down the ladder on rejection."""
        rung = self.rung
        while True:
            started = time.monotonic()  # the SDK's retries happen inside this one call
            try:
                response = self._create(messages, output, rung)
            except (openai.BadRequestError, openai.UnprocessableEntityError) as err:
                format_error = rung != "text" and _is_format_rejection(err)
                if self.response_format == "auto" and format_error:
                    rung = RUNGS[RUNGS.index(rung) + 1]
                    continue
                raise self._rejected(err, rung if format_error else None) from None
            except openai.InternalServerError as err:
                # llama-cpp-python answers an unsupported response_format with a 500 that
                # names the field; the SDK has already retried it, so step down now.
                if self.response_format == "auto" and rung != "text" and _names_rung(err, rung):
                    rung = RUNGS[RUNGS.index(rung) + 1]
                    continue
                raise self._map_error(err, time.monotonic() - started) from None
            except openai.OpenAIError as err:
                raise self._map_error(err, time.monotonic() - started) from None
            completion = self._check(response)
            self._remember(rung)
            return completion

    def _remember(self, rung: Rung) -> None:
        """Keep the lowest rung that worked, so concurrent calls never climb back up."""
        with self._lock:
            if RUNGS.index(rung) > RUNGS.index(self._rung):
                self._rung = rung

    def _create(self, messages: list[Message], output: type[BaseModel], rung: Rung) -> Any:
        return self._client.chat.completions.create(**self.request_body(messages, output, rung))

    def request_body(
        self, messages: list[Message], output: type[BaseModel], rung: Rung
    ) -> dict[str, Any]:
        """The body of a chat completion request on `rung` (also a Batch API line's body)."""
        kwargs: dict[str, Any] = {"model": self.name, "temperature": 0}
        if self.max_tokens is not None:
            kwargs["max_tokens"] = self.max_tokens
        if rung == "json_schema":
            kwargs["response_format"] = _json_schema_format(output)
            kwargs["messages"] = messages
        else:
            if rung == "json_object":
                kwargs["response_format"] = {
                    "type": "json_object",
                    "schema": bounded_schema(output),
                }
            kwargs["messages"] = with_instruction(messages, output)
        return kwargs

    def _check(self, response: Any) -> Completion:
        """Turn a reply into a Completion, or raise for refusal, truncation and emptiness."""
        if not response.choices:
            raise ModelOutputError(f"model server {self._host} returned no choices")
        choice = response.choices[0]
        message = choice.message
        refusal = getattr(message, "refusal", None)
        if refusal:
            raise RefusalError(f"model refused: {_one_line(refusal, 120)}")
        if choice.finish_reason == "length":
            raise TruncatedError(
                f"reply truncated at max_tokens={self.max_tokens} (finish_reason=length); "
                "raise --max-tokens"
            )
        if choice.finish_reason == "content_filter":
            raise RefusalError(
                "model reply blocked by the content filter (finish_reason=content_filter)"
            )
        text = message.content
        if text is None or not text.strip():
            raise ModelOutputError(f"model '{self.name}' returned an empty reply")
        usage = response.usage
        details = getattr(usage, "prompt_tokens_details", None) if usage else None
        return Completion(
            text=text,
            prompt_tokens=(usage.prompt_tokens or 0) if usage else 0,
            completion_tokens=(usage.completion_tokens or 0) if usage else 0,
            cached_tokens=(getattr(details, "cached_tokens", None) or 0) if details else 0,
        )

    def _rejected(self, err: openai.APIStatusError, rung: Rung | None) -> ModelError:
        """A 400/422 no rung change can fix (forced rung, last rung, or not about format)."""
        if rung is not None:
            return ModelError(
                f"model server {self._host} rejected response_format={rung} "
                f"({err.status_code}): {_server_message(err)}; try --response-format auto"
            )
        return ModelError(
            f"model server {self._host} rejected the request ({err.status_code}): "
            f"{_server_message(err)}"
        )

    def _map_error(self, err: openai.OpenAIError, waited: float) -> ModelError | ConfigError:
        """One-line retro-ai error for an SDK error; never includes the key.

        `waited` is the time spent in the failed call, the SDK's retries and backoff included.
        """
        if isinstance(err, (openai.AuthenticationError, openai.PermissionDeniedError)):
            return AuthError(f"model server rejected the API key ({err.status_code})")
        if isinstance(err, openai.RateLimitError):
            if "insufficient_quota" in (err.code, err.type):
                return QuotaExhaustedError(
                    f"quota exhausted on {self._host} (insufficient_quota): "
                    "check the account's plan and billing"
                )
            return QuotaError(
                f"rate limited by {self._host} (429) after {self.max_retries} retries"
            )
        if isinstance(err, openai.APITimeoutError):
            tries = self.max_retries + 1
            limit = f"up to {self.timeout:g} s"
            how = f"1 attempt of {limit}"
            if tries > 1:
                how = f"{tries} attempts of {limit} each, with the SDK's retries"
            return ServiceUnreachableError(
                f"model server {self.base_url} timed out: no reply after {_seconds(waited)} "
                f"({how}); raise --timeout or RETRO_AI_TIMEOUT"
            )
        if isinstance(err, openai.APIConnectionError):
            return ServiceUnreachableError(f"cannot reach model server at {self.base_url}")
        if isinstance(err, openai.NotFoundError):
            return ConfigError(
                f"model '{self.name}' not found on {self._host} (404); "
                "check the model name and base URL"
            )
        if isinstance(err, openai.APIStatusError):
            if err.status_code >= 500:
                return ModelError(f"model server error {err.status_code}")
            return ModelError(f"model server error {err.status_code}: {_server_message(err)}")
        return ModelError(f"unexpected reply from model server {self._host}: {type(err).__name__}")


def _json_schema_format(output: type[BaseModel]) -> dict[str, Any]:
    """The strict response_format `.parse()` would send, built by the SDK's own converter."""
    try:
        from openai.lib._parsing._completions import type_to_response_format_param

        return dict(type_to_response_format_param(output))  # type: ignore[arg-type]
    except (ImportError, AttributeError, TypeError, ValueError):  # private SDK helper moved or
        # renamed, or it rejected this schema: send the plain schema, validated on our side
        return {
            "type": "json_schema",
            "json_schema": {"name": output.__name__, "schema": output.model_json_schema()},
        }
