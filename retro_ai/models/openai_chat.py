"""OpenAI-compatible chat adapter (OpenAI, vLLM, llama.cpp, Ollama, DeepSeek, DashScope ...).

Servers differ in what structured output they accept, so requests walk a ladder:
json_schema (strict) -> json_object plus the schema in the prompt -> plain text plus the schema in
the prompt. In "auto" mode a rejected response_format moves one rung down at once, and the rung
that worked is remembered on the instance so later calls start there. Transport retries (408, 409,
429, 5xx, timeouts) are left to the SDK's own backoff (`max_retries`); adding a loop here would
multiply requests. This is the only module that imports openai. It never reads the environment:
it is given resolved values (see `from_settings`), so what a run uses is what `Settings` shows.

Every request is sized to the context window before it is sent. The prompt of the exact body
(messages, plus the response_format schema, which servers compile into the prompt) is counted
with `retro_ai.models.tokens` and scaled by what the server has taught this instance (see below);
a margin of 5% of that count plus 64 tokens covers an estimate that runs low, and `max_tokens`
becomes the smaller of the configured limit and what is left of the window. When less than
`MIN_REPLY` tokens (or the configured limit, if smaller) would be left, nothing is sent:
`ContextOverflowError` lets the engine above chunk or compact. A server that still answers
`context_length_exceeded` (its tokenizer counts more) is asked once more with `max_tokens` trimmed
to what its own figures say fits, and the ratio of its prompt count to ours is remembered, so
later requests are sized with it; when even that leaves too little, `ContextOverflowError` carries
the server's count.

Replies are streamed, so `timeout` bounds silence between chunks, not the whole generation: a
slow local server still producing tokens is not cut off. A server that ignores `stream` and
answers plain JSON is read as before. A connection that breaks or falls silent mid-stream is
asked again within the same bound of `1 + max_retries` HTTP requests per call (the SDK only
retries until the reply starts). The Batch API path builds bodies with `request_body`, which
never streams.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import urlsplit

import openai
from pydantic import BaseModel

try:  # the HTTP library under the SDK: httpx2 from openai 3, httpx before
    import httpx2 as http
except ImportError:  # pragma: no cover - older SDKs
    import httpx as http  # type: ignore[no-redef]

from retro_ai.errors import (
    AuthError,
    ConfigError,
    ContextOverflowError,
    EmptyReplyError,
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
from retro_ai.models.tokens import context_window as known_window
from retro_ai.models.tokens import count_tokens, message_tokens
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

MIN_REPLY = 256  # tokens: less room than this for the reply is not worth a request
MARGIN_SHARE = 0.05  # of the counted prompt, kept free because the count may be an estimate
MARGIN_TOKENS = 64  # kept free on top of the share (chat-template tokens the count misses)


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


def _duration(value: float) -> str:
    """`value` seconds as people read it: "1.4 s", "45 s", "6 min 12 s"."""
    if value < 60:
        return _seconds(value)
    minutes, secs = divmod(round(value), 60)
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


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


_CONTEXT_WORDS = ("context_length_exceeded", "context length", "context window", "context size")


def _is_context_error(err: openai.APIStatusError) -> bool:
    """Whether a 400 says the prompt plus the requested reply exceed the model's window."""
    code = str(getattr(err, "code", "") or "").lower()
    body = err.body if isinstance(err.body, dict) else {}
    text = f"{code} {body.get('type') or ''} {_server_message(err)}".lower()
    return any(w in text for w in _CONTEXT_WORDS) or "exceed_context" in text


# What servers say when a request does not fit, and where their figures are.
_OPENAI_FIGURES = re.compile(  # OpenAI and older vLLM
    r"maximum context length is (?P<window>\d+) tokens.*?requested (?P<total>\d+) tokens"
    r"(?: \((?P<prompt>\d+) in the messages)?",
    re.S,
)
_VLLM_FIGURES = re.compile(  # newer vLLM
    r"maximum context length is (?P<window>\d+) tokens.*?(?:request|prompt) (?:has|contains) "
    r"(?P<prompt>\d+) (?:input )?tokens",
    re.S,
)
_LLAMA_FIGURES = re.compile(  # llama-cpp-python
    r"Requested tokens \((?P<prompt>\d+)\) exceed context window of (?P<window>\d+)"
)


def _server_figures(err: openai.APIStatusError, max_tokens: int | None) -> tuple[int, int] | None:
    """(prompt tokens, window) as the server counted them, when its error says so."""
    body = err.body if isinstance(err.body, dict) else {}
    if isinstance(body.get("n_prompt_tokens"), int) and isinstance(body.get("n_ctx"), int):
        return body["n_prompt_tokens"], body["n_ctx"]  # llama.cpp's server
    text = str(body.get("message") or err.message)
    for pattern in (_OPENAI_FIGURES, _VLLM_FIGURES, _LLAMA_FIGURES):
        found = pattern.search(text)
        if not found:
            continue
        figures = found.groupdict()
        window = int(figures["window"])
        if figures.get("prompt"):
            return int(figures["prompt"]), window
        if figures.get("total"):
            return int(figures["total"]) - (max_tokens or 0), window
    return None


def _is_stream_options_rejection(err: openai.APIStatusError) -> bool:
    param = str(getattr(err, "param", None) or "")
    return "stream_options" in param or "stream_options" in _server_message(err)


class _MidStream(Exception):
    """A reply that broke off or fell silent after it had started (the SDK does not retry)."""

    def __init__(self, error: openai.APITimeoutError | openai.APIConnectionError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class _Reply:
    """What a reply said, streamed or not: the fields `_check` looks at."""

    content: str | None = None
    refusal: str | None = None
    finish_reason: str | None = None
    usage: Any = None
    has_choice: bool = False


def _from_completion(response: Any) -> _Reply:
    """A whole (non-streamed) chat completion as a `_Reply`."""
    if not response.choices:
        return _Reply(usage=response.usage)
    choice = response.choices[0]
    message = choice.message
    return _Reply(
        content=message.content,
        refusal=getattr(message, "refusal", None),
        finish_reason=choice.finish_reason,
        usage=response.usage,
        has_choice=True,
    )


def _from_chunks(chunks: Any) -> _Reply:
    """A streamed reply's chunks assembled: content and refusal deltas joined in order, the
    last finish reason, and the usage chunk (sent last, with no choices)."""
    content: list[str] = []
    refusal: list[str] = []
    reply = _Reply()
    for chunk in chunks:
        if getattr(chunk, "usage", None) is not None:
            reply.usage = chunk.usage
        for choice in chunk.choices or []:
            if choice.index:
                continue
            reply.has_choice = True
            delta = choice.delta
            if delta is not None and delta.content:
                content.append(delta.content)
            if delta is not None and getattr(delta, "refusal", None):
                refusal.append(delta.refusal)
            if choice.finish_reason:
                reply.finish_reason = choice.finish_reason
    reply.content = "".join(content) if content or reply.has_choice else None
    reply.refusal = "".join(refusal) or None
    return reply


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
        context_window: int | None = None,
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
        # The window requests are sized to: as given, else as known for the model's name; None
        # sends unsized (a server's context_length_exceeded is still handled).
        self.context_window = context_window or known_window(model)
        self.base_url = _safe_url(url)
        self._host = _host(url)
        self._calls = threading.local()  # HTTP requests of the current call, per thread
        # The key lives only inside the SDK client, never on this object's own attributes.
        self._client = openai.OpenAI(
            api_key=key,
            base_url=url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=openai.DefaultHttpxClient(
                timeout=timeout, event_hooks={"request": [self._count_attempt]}
            ),
        )
        self._lock = threading.Lock()
        self._rung: Rung = "json_schema" if response_format == "auto" else response_format
        self._scale = 1.0  # the server's prompt count over ours, once it has refused one
        self._stream_usage = True  # whether the server accepts stream_options

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
            context_window=settings.window,
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

    def _count_attempt(self, request: Any) -> None:  # noqa: ARG002 - httpx passes it
        """httpx event hook: one more HTTP request in this thread's current call."""
        self._calls.attempts = getattr(self._calls, "attempts", 0) + 1

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        """Send one chat completion for `output`, stepping down the ladder on rejection."""
        rung = self.rung
        started = time.monotonic()  # the SDK's retries happen inside this one call
        self._calls.attempts = 0
        trimmed: int | None = None  # max_tokens the server's own figures say fits
        retried = False
        while True:
            body = self.request_body(messages, output, rung)
            if trimmed is not None:
                body["max_tokens"] = trimmed
            try:
                reply = self._send(body)
            except (openai.BadRequestError, openai.UnprocessableEntityError) as err:
                if _is_context_error(err):
                    if retried:
                        raise self._overflow(err, body, last=True) from None
                    trimmed, retried = self._fit_after(err, body), True
                    continue
                format_error = rung != "text" and _is_format_rejection(err)
                if self.response_format == "auto" and format_error:
                    rung, trimmed = RUNGS[RUNGS.index(rung) + 1], None
                    continue
                raise self._rejected(err, rung if format_error else None) from None
            except openai.InternalServerError as err:
                # llama-cpp-python answers an unsupported response_format with a 500 that
                # names the field; the SDK has already retried it, so step down now.
                if self.response_format == "auto" and rung != "text" and _names_rung(err, rung):
                    rung, trimmed = RUNGS[RUNGS.index(rung) + 1], None
                    continue
                raise self._map_error(err, time.monotonic() - started) from None
            except openai.OpenAIError as err:
                raise self._map_error(err, time.monotonic() - started) from None
            completion = self._check(reply, body.get("max_tokens"))
            self._remember(rung)
            return completion

    def _remember(self, rung: Rung) -> None:
        """Keep the lowest rung that worked, so concurrent calls never climb back up."""
        with self._lock:
            if RUNGS.index(rung) > RUNGS.index(self._rung):
                self._rung = rung

    def _send(self, body: dict[str, Any]) -> _Reply:
        """Send `body` as a streamed request and assemble the reply.

        The SDK retries until a reply starts; a stream that breaks or falls silent later is
        sent again here, within the same `1 + max_retries` HTTP requests for this send.
        """
        first = getattr(self._calls, "attempts", 0)
        client = self._client
        while True:
            try:
                return self._stream(client, body)
            except _MidStream as broken:
                left = self.max_retries + 1 - (self._calls.attempts - first)
                if left < 1:
                    raise broken.error from None
                client = self._client.with_options(max_retries=left - 1)

    def _stream(self, client: Any, body: dict[str, Any]) -> _Reply:
        extra: dict[str, Any] = {"stream": True}
        if self._stream_usage:
            extra["stream_options"] = {"include_usage": True}
        try:
            raw = client.chat.completions.with_raw_response.create(**body, **extra)
        except (openai.BadRequestError, openai.UnprocessableEntityError) as err:
            if self._stream_usage and _is_stream_options_rejection(err):
                self._stream_usage = False  # this server does not take the field: ask without
                return self._stream(client, body)
            raise
        request = raw.http_request
        try:
            if "event-stream" in raw.headers.get("content-type", ""):
                return _from_chunks(raw.parse())
            # A server that ignores `stream` answers with one JSON body.
            from openai.types.chat import ChatCompletion

            data = json.loads(raw.http_response.read())
            return _from_completion(ChatCompletion.construct(**data))
        except (openai.APITimeoutError, openai.APIConnectionError) as err:
            raise _MidStream(err) from None
        except http.TimeoutException:
            raise _MidStream(openai.APITimeoutError(request=request)) from None
        except http.TransportError:
            raise _MidStream(openai.APIConnectionError(request=request)) from None
        except (ValueError, TypeError, AttributeError):
            raise ModelOutputError(
                f"model server {self._host} sent a reply that is not a chat completion"
            ) from None

    def request_body(
        self, messages: list[Message], output: type[BaseModel], rung: Rung
    ) -> dict[str, Any]:
        """The body of a chat completion request on `rung` (also a Batch API line's body),
        with `max_tokens` trimmed to what the window leaves (see the module docstring).

        Raises `ContextOverflowError` when the prompt leaves too little room for a reply."""
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
        self._size(kwargs)
        return kwargs

    def prompt_tokens(self, body: dict[str, Any]) -> int:
        """Our count of a body's prompt: its messages plus its response_format schema."""
        tokens = message_tokens(body.get("messages") or [], self.name)
        fmt = body.get("response_format")
        if fmt:
            tokens += count_tokens(json.dumps(fmt, ensure_ascii=False), self.name)
        return tokens

    def _size(self, body: dict[str, Any]) -> None:
        """Trim `max_tokens` to the window, or raise before anything is sent."""
        with self._lock:
            window, scale = self.context_window, self._scale
        if not window:
            return
        prompt = math.ceil(self.prompt_tokens(body) * scale)
        room = window - prompt - math.ceil(prompt * MARGIN_SHARE) - MARGIN_TOKENS
        least = min(MIN_REPLY, self.max_tokens or MIN_REPLY)
        if room < least:
            raise ContextOverflowError(
                f"request to '{self.name}' does not fit its {window}-token context window: "
                f"about {prompt} prompt tokens leave {max(room, 0)} for the reply "
                f"(at least {least} needed); shorten the input, or set --context-window "
                "if the model's window is larger",
                prompt_tokens=prompt,
                window=window,
            )
        if self.max_tokens is not None:
            body["max_tokens"] = min(self.max_tokens, room)

    def _fit_after(self, err: openai.APIStatusError, body: dict[str, Any]) -> int:
        """The max_tokens to ask again with after a context_length_exceeded, learning the
        server's count; raises `ContextOverflowError` when too little would be left."""
        figures = _server_figures(err, body.get("max_tokens"))
        if figures is None:
            raise self._overflow(err, body, last=False)
        server_prompt, window = figures
        ours = self.prompt_tokens(body)
        with self._lock:
            if ours and server_prompt > ours:
                self._scale = max(self._scale, server_prompt / ours)
            if window and (self.context_window is None or window < self.context_window):
                self.context_window = window
        room = window - server_prompt
        least = min(MIN_REPLY, self.max_tokens or MIN_REPLY)
        if room < least:
            raise self._overflow(err, body, last=False)
        return min(self.max_tokens or room, room)

    def _overflow(
        self, err: openai.APIStatusError, body: dict[str, Any], *, last: bool
    ) -> ContextOverflowError:
        """The server refused the request as too long for its window."""
        figures = _server_figures(err, body.get("max_tokens"))
        if figures is None:  # the server did not say its figures: ours, and its own words
            with self._lock:
                prompt = math.ceil(self.prompt_tokens(body) * self._scale)
            return ContextOverflowError(
                f"model server {self._host} says the request does not fit its context window "
                f"({err.status_code}): {_server_message(err)}",
                prompt_tokens=prompt,
                window=self.context_window or 0,
            )
        prompt, window = figures
        least = min(MIN_REPLY, self.max_tokens or MIN_REPLY)
        what = "even with max_tokens trimmed" if last else f"(at least {least} needed)"
        return ContextOverflowError(
            f"model server {self._host} says the request does not fit its context window: "
            f"{prompt} prompt tokens of {window} leave too little for the reply {what}",
            prompt_tokens=prompt,
            window=window,
        )

    def _check(self, reply: Any, max_tokens: int | None = None) -> Completion:
        """Turn a reply (assembled, or a whole chat completion as the Batch API returns) into
        a Completion, or raise for refusal, truncation and emptiness."""
        if not isinstance(reply, _Reply):
            reply = _from_completion(reply)
        max_tokens = max_tokens or self.max_tokens
        if not reply.has_choice:
            raise ModelOutputError(f"model server {self._host} returned no choices")
        if reply.refusal:
            raise RefusalError(f"model refused: {_one_line(reply.refusal, 120)}")
        if reply.finish_reason == "length":
            raise TruncatedError(
                f"reply truncated at max_tokens={max_tokens} (finish_reason=length); "
                "raise --max-tokens",
                partial=reply.content or "",
            )
        if reply.finish_reason == "content_filter":
            raise RefusalError(
                "model reply blocked by the content filter (finish_reason=content_filter)"
            )
        text = reply.content
        if text is None or not text.strip():
            raise EmptyReplyError(f"model '{self.name}' returned an empty reply")
        usage = reply.usage
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

        `waited` is the time spent in the failed call, every retry and backoff included.
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
            tries = getattr(self._calls, "attempts", 0) or 1
            return ServiceUnreachableError(
                f"model server {self.base_url} timed out: no data for {_seconds(self.timeout)} "
                f"({tries} attempt{'s' if tries > 1 else ''}, {_duration(waited)} in total); "
                "raise --timeout or RETRO_AI_TIMEOUT"
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
