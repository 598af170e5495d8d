"""An OpenAI-compatible chat server on loopback, for tests and benchmarks (stdlib only).

It is a real HTTP server, so it works with any SDK version and HTTP library (respx cannot
intercept openai>=3, which uses httpx2). Tests get it through the `fake_server` fixture in
conftest.py, which starts servers and stops them when the test ends:

    def test_x(fake_server):
        srv = fake_server(fake_server.json_reply({"a": 1}))
        model = OpenAIChatModel("fake", base_url=srv.base_url, max_retries=0)
        ...
        assert srv.requests[0]["response_format"]["type"] == "json_schema"

Benchmarks use `FakeOpenAIServer` directly, as a context manager.

`faulty(handler, rate, seed=...)` wraps a handler so that a seeded random fraction of requests
meets a fault: 429 with and without Retry-After, 500, a hang past the client's timeout, a
dropped connection, a reply body cut short, a malformed reply and a truncated JSON reply.

A request with `"stream": true` is answered as OpenAI streams: `text/event-stream` of
`chat.completion.chunk` objects (the content split into several deltas, then the finish reason,
then a usage chunk when `stream_options.include_usage`, then `[DONE]`), `stream_delay` seconds
apart. Faults mean the same when streamed: errors are plain JSON statuses, a hang or a drop sends
nothing, and a cut closes the connection halfway through the chunks.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal


@dataclass
class Reply:
    """What the fake server answers to one chat completion request."""

    content: str | None = None
    finish_reason: str = "stop"
    refusal: str | None = None
    status: int = 200
    error: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 10
    completion_tokens: int = 10
    # Transport faults: "hang" sends nothing for `hang` seconds, then closes the connection;
    # "drop" closes it at once; "cut" sends the headers and half of the body, then closes.
    fault: Literal["hang", "drop", "cut"] | None = None
    hang: float = 0.0
    cached_tokens: int = 0  # reported as usage.prompt_tokens_details.cached_tokens


Handler = Callable[[dict[str, Any]], Reply]

FAULTS = (
    "429-retry-after",
    "429",
    "500",
    "timeout",
    "drop",
    "cut-body",
    "malformed",
    "truncated-json",
)


class Faulty:
    """A handler answering a `rate` fraction of requests with a fault drawn by a seeded RNG.

    `counts` tallies what each request met ("ok" or a fault name). A timeout hangs for `hang`
    seconds, which a test sets past its client timeout; a 429 with Retry-After asks for
    `retry_after` seconds (the openai SDK honours fractions).
    """

    def __init__(
        self,
        handler: Handler,
        rate: float,
        *,
        seed: int = 0,
        kinds: Sequence[str] = FAULTS,
        hang: float = 5.0,
        retry_after: str = "0.05",
    ) -> None:
        unknown = set(kinds) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults: {sorted(unknown)}")
        self.handler, self.rate, self.kinds = handler, rate, tuple(kinds)
        self.hang, self.retry_after = hang, retry_after
        self.counts: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            kind = self._rng.choice(self.kinds) if self._rng.random() < self.rate else "ok"
            self.counts[kind] += 1
        if kind == "429-retry-after":
            return Reply(status=429, headers={"Retry-After": self.retry_after})
        if kind in ("429", "500"):
            return Reply(status=int(kind))
        if kind == "timeout":
            return Reply(fault="hang", hang=self.hang)
        if kind == "drop":
            return Reply(fault="drop")
        reply = self.handler(body)
        if kind == "cut-body":
            reply = Reply(**{**reply.__dict__, "fault": "cut"})
        elif kind == "malformed":
            reply = Reply(**{**reply.__dict__, "content": "Sure! {'goals': [oops"})
        elif kind == "truncated-json":
            text = reply.content or "{}"
            reply = Reply(**{**reply.__dict__, "content": text[: max(1, len(text) // 2)]})
        return reply


def faulty(handler: Handler, rate: float, **options: Any) -> Faulty:
    """`handler` with a `rate` fraction of faults; see `Faulty`."""
    return Faulty(handler, rate, **options)


_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "invalid_api_key",
    403: "permission_denied",
    404: "not_found_error",
    422: "invalid_request_error",
    429: "rate_limit_exceeded",
}


def _dump(obj: Any) -> str:
    if hasattr(obj, "model_dump_json"):
        return obj.model_dump_json()
    return json.dumps(obj, ensure_ascii=False)


def json_reply(obj: Any, **kwargs: Any) -> Reply:
    """A reply whose content is `obj` (dict, list or pydantic model) as bare JSON."""
    return Reply(content=_dump(obj), **kwargs)


def fenced(obj: Any, **kwargs: Any) -> Reply:
    """A reply with `obj` as a ```json fenced block between prose, as chatty models answer."""
    body = json.dumps(json.loads(_dump(obj)), indent=2, ensure_ascii=False)
    return Reply(
        content=f"Sure! Here is the result:\n```json\n{body}\n```\nHope this helps.", **kwargs
    )


def sequence(*replies: Reply) -> Handler:
    """A handler answering with `replies` in order, then repeating the last one (thread-safe)."""
    if not replies:
        raise ValueError("sequence() needs at least one reply")
    lock = threading.Lock()
    state = {"i": 0}

    def handler(body: dict[str, Any]) -> Reply:
        with lock:
            i = min(state["i"], len(replies) - 1)
            state["i"] += 1
        return replies[i]

    return handler


def default_handler(body: dict[str, Any]) -> Reply:
    return Reply(content="{}")


_SCHEMA_MARK = re.compile(r"JSON Schema:\s*")
_TITLE = re.compile(r'"title":\s*"([^"]+)"')


def stage_output_name(body: dict[str, Any]) -> str | None:
    """The output model a request is for, so one handler can answer several stages.

    Looks at response_format.json_schema.name, then response_format.schema.title (json_object
    rung), then the schema embedded in the JSON instruction of the messages.
    """
    fmt = body.get("response_format") or {}
    name = (fmt.get("json_schema") or {}).get("name")
    if name:
        return name
    title = (fmt.get("schema") or {}).get("title")
    if title:
        return title
    for msg in reversed(body.get("messages") or []):
        content = msg.get("content")
        if not isinstance(content, str):
            continue
        mark = _SCHEMA_MARK.search(content)
        if mark:
            try:
                schema, _ = json.JSONDecoder().raw_decode(content, mark.end())
                if isinstance(schema, dict) and schema.get("title"):
                    return schema["title"]
            except ValueError:
                pass
        titles = _TITLE.findall(content)
        if titles:
            return titles[-1]  # top-level title is last in pydantic's key order
    return None


class PrefixCache:
    """A server-side prompt prefix cache in the manner of vLLM's and OpenAI's: the prompt is cut
    into blocks of `BLOCK` characters, and the leading blocks whose whole prefix was seen in an
    earlier request count as cached. Tokens are estimated as one per four characters.

    The prompt is the response_format (rendered first, as servers put a schema before the
    conversation) followed by each message, so a per-stage schema breaks the shared prefix.
    """

    BLOCK = 64  # characters, i.e. 16 estimated tokens

    def __init__(self) -> None:
        self._seen: set[bytes] = set()
        self._lock = threading.Lock()
        self.log: list[tuple[dict[str, Any], int, int]] = []  # (request, prompt, cached)

    @staticmethod
    def prompt(body: dict[str, Any]) -> str:
        fmt = body.get("response_format")
        head = json.dumps(fmt, sort_keys=True) if fmt and fmt.get("type") == "json_schema" else ""
        parts = [head] + [
            f"<|{m.get('role')}|>{m.get('content') or ''}" for m in body.get("messages") or []
        ]
        return "".join(parts)

    def usage(self, body: dict[str, Any]) -> tuple[int, int]:
        """(prompt_tokens, cached_tokens) for a request, remembering its prefixes."""

        text = self.prompt(body).encode("utf-8")
        digest = hashlib.sha256()
        cached, hit = 0, True
        with self._lock:
            for start in range(0, len(text) - self.BLOCK + 1, self.BLOCK):
                digest.update(text[start : start + self.BLOCK])
                key = digest.digest()
                if hit and key in self._seen:
                    cached += self.BLOCK
                else:
                    hit = False
                    self._seen.add(key)
            usage = -(-len(text) // 4), cached // 4
            self.log.append((body, *usage))
        return usage


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeOpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out and hang up are expected; keep test output clean


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(
        self, status: int, payload: Any, headers: dict[str, str] | None = None, *, cut: bool = False
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if cut:  # promise the whole body, send half, hang up
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data)

    def do_GET(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        fake = self.server.fake
        parts = self.path.split("?")[0].rstrip("/").split("/")
        if len(parts) >= 3 and parts[-3] == "files" and parts[-1] == "content":
            data = fake.files.get(parts[-2])
            if data is None:
                self._send(404, {"error": {"message": "no such file", "type": "not_found"}})
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if parts[-1] == "batches":
            with fake._lock:
                listed = [dict(b) for b in reversed(fake.batches.values())]
            self._send(200, {"object": "list", "data": listed, "has_more": False})
            return
        if len(parts) >= 2 and parts[-2] == "batches":
            status, payload = fake._retrieve_batch(parts[-1])
            self._send(status, payload)
            return
        if self.path.rstrip("/").endswith("/models"):
            self._send(
                200,
                {
                    "object": "list",
                    "data": [
                        {"id": "fake-model", "object": "model", "created": 0, "owned_by": "fake"}
                    ],
                },
            )
        else:
            self._send(404, {"error": {"message": "not found", "type": "not_found_error"}})

    def do_POST(self) -> None:
        fake = self.server.fake
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        path = self.path.rstrip("/")
        if path.endswith("/files"):
            self._send(200, fake._upload(raw, self.headers.get("Content-Type", "")))
            return
        if path.endswith("/batches"):
            status, payload = fake._create_batch(json.loads(raw or b"{}"))
            if fake.stall_create_replies:  # created, but the client never hears of it
                fake._stop.wait()
                return
            self._send(status, payload)
            return
        if not path.endswith("/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self._send(
                400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}}
            )
            return
        fake._record(body, {k.lower(): v for k, v in self.headers.items()})
        if fake.latency and fake._stop.wait(fake.latency):
            return  # shutting down
        if body.get("stream_options") is not None and fake.reject_stream_options:
            error = {
                "message": "Unrecognized request argument supplied: stream_options",
                "type": "invalid_request_error",
                "param": "stream_options",
                "code": None,
            }
            self._send(400, {"error": error})
            return
        status, payload, headers, reply = _answer(fake, body)
        if reply is not None and reply.fault in ("hang", "drop"):
            if reply.fault == "hang":
                fake._stop.wait(reply.hang)
            self.close_connection = True  # no reply at all: the client times out or sees EOF
            return
        cut = reply is not None and reply.fault == "cut"
        if status == 200 and body.get("stream") and not fake.ignore_stream:
            usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self._stream(_chunks(payload, usage=usage), headers, cut=cut)
            return
        if status == 200 and fake.stream_delay:  # generating takes as long unstreamed
            if fake._stop.wait(fake.stream_delay * len(_chunks(payload, usage=False))):
                return  # shutting down
        self._send(status, payload, headers, cut=cut)

    def _stream(
        self, events: list[dict[str, Any]], headers: dict[str, str], *, cut: bool = False
    ) -> None:
        """Server-sent events in HTTP/1.1 chunks, `stream_delay` apart; a cut stops halfway
        without the closing chunk, as a server that dies mid-reply does."""
        fake = self.server.fake
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        lines = [f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events]
        lines.append("data: [DONE]\n\n")
        if cut:
            lines = lines[: max(1, len(lines) // 2)]
        for n, line in enumerate(lines):
            if n and fake.stream_delay and fake._stop.wait(fake.stream_delay):
                return  # shutting down
            data = line.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()
        if cut:
            self.close_connection = True
            return
        self.wfile.write(b"0\r\n\r\n")


def _answer(
    fake: FakeOpenAIServer, body: dict[str, Any]
) -> tuple[int, Any, dict[str, str], Reply | None]:
    """(status, JSON body, headers, the handler's reply) of a chat completion: the live route
    and batch lines alike (a transport fault in the reply is the live route's to act out)."""
    fmt_type = (body.get("response_format") or {}).get("type")
    if fake.context_window is not None:
        over = _context_error(fake, body)
        if over is not None:
            return 400, {"error": over}, {}, None
    if (fmt_type == "json_schema" and fake.reject_json_schema) or (
        fmt_type == "json_object" and fake.reject_json_object
    ):
        if fake.reject_status >= 500:  # llama-cpp-python's answer: a 500 naming the field
            error = {
                "message": "1 validation error: ('body', 'response_format', 'type') "
                f"Input should be 'text' or 'json_object', input: '{fmt_type}'",
                "type": "internal_server_error",
                "param": None,
                "code": None,
            }
        else:
            error = {
                "message": f"response_format {fmt_type} is not supported",
                "type": "invalid_request_error",
                "param": "response_format",
                "code": None,
            }
        return fake.reject_status, {"error": error}, {}, None
    try:
        reply = fake.handler(body)
    except Exception as exc:  # a broken test handler should fail loudly, not hang
        error = {"message": f"handler raised {exc!r}", "type": "server_error"}
        return 500, {"error": error}, {}, None
    if reply.status != 200:
        error = reply.error or {
            "message": f"fake error {reply.status}",
            "type": _ERROR_TYPES.get(reply.status, "server_error"),
            "code": None,
        }
        return reply.status, {"error": error}, reply.headers, reply
    prompt_tokens, cached_tokens = reply.prompt_tokens, reply.cached_tokens
    if fake.prefix_cache is not None:
        prompt_tokens, cached_tokens = fake.prefix_cache.usage(body)
    message: dict[str, Any] = {"role": "assistant", "content": reply.content}
    if reply.refusal is not None:
        message["refusal"] = reply.refusal
    payload = {
        "id": f"chatcmpl-fake-{len(fake.requests)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake-model"),
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": reply.finish_reason,
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "total_tokens": prompt_tokens + reply.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": cached_tokens},
        },
    }
    return 200, payload, reply.headers, reply


def _chunks(payload: dict[str, Any], *, usage: bool) -> list[dict[str, Any]]:
    """A chat completion as the `chat.completion.chunk` objects a streaming server sends."""
    choice = payload["choices"][0]
    message = choice["message"]
    head = {k: payload[k] for k in ("id", "created", "model")} | {"object": "chat.completion.chunk"}

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return head | {
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}]
        }

    events = [chunk({"role": "assistant", "content": ""})]
    content = message.get("content") or ""
    step = max(8, -(-len(content) // 8))  # several deltas, at most about eight
    events += [chunk({"content": content[i : i + step]}) for i in range(0, len(content), step)]
    if message.get("refusal") is not None:
        events.append(chunk({"refusal": message["refusal"]}))
    events.append(chunk({}, choice["finish_reason"]))
    if usage:
        events.append(head | {"choices": [], "usage": payload["usage"]})
    return events


_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")


def estimate_tokens(text: str) -> int:
    """The fake's tokenizer: one token per CJK character, one per four other characters."""
    wide = len(_WIDE.findall(text))
    return wide + -(-(len(text) - wide) // 4)


def prompt_tokens(body: dict[str, Any], scale: float = 1.0) -> int:
    """What the fake's tokenizer counts in a request's prompt: the estimate over every message
    and any response_format schema (a server compiles the schema into the prompt), scaled to
    act out a tokenizer that spends more than the client's estimate."""
    text = "".join(str(m.get("content") or "") for m in body.get("messages") or [])
    fmt = body.get("response_format")
    if fmt:
        text += json.dumps(fmt, ensure_ascii=False)
    messages = len(body.get("messages") or [])
    return int(estimate_tokens(text) * scale) + 4 * messages + 3


def _context_error(fake: FakeOpenAIServer, body: dict[str, Any]) -> dict[str, Any] | None:
    """OpenAI's 400 for a request whose prompt plus requested completion exceeds the window."""
    prompt = prompt_tokens(body, fake.token_scale)
    completion = int(body.get("max_completion_tokens") or body.get("max_tokens") or 0)
    window = fake.context_window or 0
    if prompt + completion <= window:
        return None
    with fake._lock:
        fake.context_rejections += 1
    return {
        "message": f"This model's maximum context length is {window} tokens. However, you "
        f"requested {prompt + completion} tokens ({prompt} in the messages, {completion} in "
        "the completion). Please reduce the length of the messages or completion.",
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }


class FakeOpenAIServer:
    """`POST /v1/chat/completions`, `GET /v1/models` and the Batch API's `/v1/files` and
    `/v1/batches` on 127.0.0.1, one daemon thread."""

    def __init__(
        self,
        handler: Handler = default_handler,
        *,
        latency: float = 0.0,
        reject_json_schema: bool = False,
        reject_json_object: bool = False,
        reject_status: int = 400,
        prefix_cache: bool = False,
        context_window: int | None = None,
        token_scale: float = 1.0,
        stream_delay: float = 0.0,
        reject_stream_options: bool = False,
        ignore_stream: bool = False,
    ) -> None:
        self.handler = handler
        # Streamed replies: `stream_delay` seconds between chunks (an unstreamed reply comes
        # whole after as long as its chunks would take); `reject_stream_options`
        # answers a request carrying stream_options with a 400, as servers that do not know the
        # field do; `ignore_stream` answers plain JSON even when a stream is asked for.
        self.stream_delay = stream_delay
        self.reject_stream_options = reject_stream_options
        self.ignore_stream = ignore_stream
        # With a context window, a request whose prompt (as `prompt_tokens` counts it, times
        # `token_scale`) plus max_tokens exceeds it is refused as OpenAI does (400,
        # context_length_exceeded); `context_rejections` counts the refusals.
        self.context_window = context_window
        self.token_scale = token_scale
        self.context_rejections = 0
        # With a prefix cache, usage reports estimated prompt tokens and the cached part.
        self.prefix_cache = PrefixCache() if prefix_cache else None
        self.latency = latency
        self.reject_json_schema = reject_json_schema
        self.reject_json_object = reject_json_object
        self.reject_status = reject_status
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_creates: list[str] = []  # batch ids, in the order they were created
        self.batch_polls: list[str] = []  # batch ids, once per retrieve
        self.batch_lines: list[dict[str, Any]] = []  # bodies of batch lines answered
        self.hold_batches = False
        self.stall_create_replies = False
        self.fail_polls = False
        self.expire_first: int | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._server: _Server | None = None
        self._port: int | None = None
        self._thread: threading.Thread | None = None

    # The files and batches endpoints (OpenAI Batch API). Each retrieve moves a batch one state
    # on: validating -> in_progress -> completed (or expired), unless `hold_batches` is set.
    # `expire_first=n` makes the first batch expire with only its first n lines answered;
    # `stall_create_replies` creates batches but never answers the request that created them;
    # `fail_polls` answers every retrieve with a 503.

    def _upload(self, raw: bytes, content_type: str) -> dict[str, Any]:
        from email.parser import BytesParser
        from email.policy import HTTP

        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + raw
        )
        data, name, purpose = b"", "upload", ""
        for part in message.iter_parts():
            field_name = part.get_param("name", header="content-disposition")
            if field_name == "file":
                data = part.get_payload(decode=True) or b""
                name = part.get_filename() or name
            elif field_name == "purpose":
                purpose = (part.get_payload(decode=True) or b"").decode()
        return self._store_file(data, name, purpose)

    def _store_file(self, data: bytes, name: str, purpose: str) -> dict[str, Any]:
        with self._lock:
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = data
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "status": "processed",
        }

    def _create_batch(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("input_file_id") not in self.files:
            return 400, {"error": {"message": "no such file", "type": "invalid_request_error"}}
        with self._lock:
            batch_id = f"batch-{len(self.batches) + 1}"
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body.get("endpoint"),
                "errors": None,
                "input_file_id": body["input_file_id"],
                "completion_window": body.get("completion_window"),
                "status": "validating",
                "output_file_id": None,
                "error_file_id": None,
                "created_at": int(time.time()),
                "request_counts": {"total": 0, "completed": 0, "failed": 0},
            }
            self.batch_creates.append(batch_id)
            return 200, dict(self.batches[batch_id])

    def _retrieve_batch(self, batch_id: str) -> tuple[int, dict[str, Any]]:
        with self._lock:
            batch = self.batches.get(batch_id)
            if batch is None:
                return 404, {"error": {"message": "no such batch", "type": "not_found"}}
            self.batch_polls.append(batch_id)
            if self.fail_polls:
                return 503, {"error": {"message": "unavailable", "type": "server_error"}}
            if batch["status"] == "validating":
                batch["status"] = "in_progress"
            elif batch["status"] == "in_progress" and not self.hold_batches:
                expire = self.expire_first if batch_id == "batch-1" else None
                self._finish_batch(batch, expire)
            return 200, dict(batch)

    def _finish_batch(self, batch: dict[str, Any], expire: int | None) -> None:
        lines = [json.loads(x) for x in self.files[batch["input_file_id"]].splitlines() if x]
        out, err = [], []
        for n, line in enumerate(lines):
            row: dict[str, Any] = {"id": f"batch_req_{n}", "custom_id": line["custom_id"]}
            if expire is not None and n >= expire:
                row |= {"response": None, "error": {"code": "batch_expired", "message": "expired"}}
                err.append(row)
                continue
            self.batch_lines.append(line["body"])
            status, payload, _, _ = _answer(self, line["body"])
            row |= {"response": {"status_code": status, "body": payload}, "error": None}
            (out if status == 200 else err).append(row)
        for rows, key in ((out, "output_file_id"), (err, "error_file_id")):
            if rows:
                data = "".join(json.dumps(r) + "\n" for r in rows).encode()
                file_id = f"file-{len(self.files) + 1}"
                self.files[file_id] = data
                batch[key] = file_id
        batch["status"] = "expired" if expire is not None else "completed"
        batch["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(err)}

    def _record(self, body: dict[str, Any], headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)

    @property
    def port(self) -> int:
        assert self._port is not None, "server not started"
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeOpenAIServer:
        self._stop.clear()
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.fake = self
        self._port: int | None = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; safe to call again (a test may stop early to get a dead address)."""
        self._stop.set()  # wakes handlers sleeping on `latency`
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class FakeServers:
    """What the `fake_server` fixture hands a test: call it to start a server, whose replies
    are built with the helpers it carries; every server it started stops when the test ends.

        srv = fake_server(fake_server.Reply(status=429), fake_server.json_reply({}))
        srv = fake_server(handler=lambda body: ..., latency=3.0, reject_json_schema=True)
        srv = fake_server(prefix_cache=True)  # usage counts a repeated prompt prefix as cached
        srv = fake_server(context_window=8192)  # refuses requests too long for an 8k window
        srv = fake_server(stream_delay=0.3)  # a streamed reply's chunks come 0.3 s apart
    """

    Reply = Reply
    json_reply = staticmethod(json_reply)
    fenced = staticmethod(fenced)
    sequence = staticmethod(sequence)
    faulty = staticmethod(faulty)
    FAULTS = FAULTS
    stage_output_name = staticmethod(stage_output_name)
    prompt_tokens = staticmethod(prompt_tokens)

    def __init__(self) -> None:
        self._started: list[FakeOpenAIServer] = []

    def __call__(
        self, *replies: Reply, handler: Handler | None = None, **options: Any
    ) -> FakeOpenAIServer:
        """A running server answering `replies` in order (the last repeats), or via `handler`."""
        if replies and handler is not None:
            raise ValueError("give either replies or a handler, not both")
        chosen = handler or (sequence(*replies) if replies else default_handler)
        server = FakeOpenAIServer(chosen, **options).start()
        self._started.append(server)
        return server

    def stop_all(self) -> None:
        for server in self._started:
            server.stop()
