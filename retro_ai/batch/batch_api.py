"""`--via batch-api`: every stage request of a batch goes through the OpenAI Batch API.

Each document still runs the `draft` pipeline in its own thread, with a model whose `complete`
does not call the server: it queues the request and waits. Once every document of a wave has
queued all the requests of its current round (or has finished), the queued requests become one
JSONL file (one line per request, `custom_id` naming it, `body` exactly what a live call would
send), which is uploaded and submitted as one Batch API job. The job is polled with backoff, its
output and error files are downloaded, and each reply goes back to the request waiting for it,
where the same parsing, validation and re-asking as live replies apply: a reply that does not
validate is re-asked in the next job. So stages run in dependency order, round by round, across
the whole wave, and the outputs are those live calls would give.

Each uploaded file, then its job's id, is recorded in `OUTDIR/.retro-batch/jobs.json`
(atomically) before the job is created and polled; a file recorded without a job id is looked
up among the account's batch jobs on the next run, so a job is never created twice.
Requests are named by a hash of the document and the request body, so a run that was stopped
(kill -9 included) and started again rebuilds the same requests, finds them in recorded jobs and
resumes polling those instead of submitting them again. A job that expires or a line that fails
with a transient error (429, 5xx) has its unfinished requests submitted again in the next job;
a request goes into at most `MAX_SUBMITS` jobs.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel

from retro_ai.batch.discover import Job
from retro_ai.batch.store import DocRecord
from retro_ai.errors import (
    AuthError,
    ModelError,
    ModelOutputError,
    QuotaError,
    QuotaExhaustedError,
    RetroAIError,
)
from retro_ai.models.base import Completion, Message
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings

ENDPOINT: Final = "/v1/chat/completions"
JOURNAL = Path(".retro-batch") / "jobs.json"
WAVE = 200  # documents in flight at once: one thread each, their requests share each job
_TERMINAL = {"completed", "expired", "failed", "cancelled"}
_TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 504}
_MAX_POLL_DELAY = 600.0
_FATAL = (AuthError, QuotaExhaustedError)
MAX_SUBMITS = 4  # times one request is put in a job before it counts as failed
_STALL = 10.0  # seconds a wave waits for a document that should be queuing (never, normally)


class _Cancelled(BaseException):
    """A queued request dropped because its document or the batch stopped (a BaseException,
    so the document is not recorded as failed for it)."""


@dataclass
class _Request:
    doc: _Doc
    custom_id: str
    body: dict[str, Any]
    model: Any  # the OpenAIChatModel that built the body and checks the reply
    tries: int = 0
    done: threading.Event = field(default_factory=threading.Event)
    completion: Completion | None = None
    error: BaseException | None = None


@dataclass
class _Doc:
    """One document's progress through its rounds, so the wave knows when it is waiting."""

    doc_id: str
    plan: list[set[str]] | None = None  # the stage names of each round, once the kind is known
    round: int = 0
    returned: set[str] = field(default_factory=set)
    queued: list[_Request] = field(default_factory=list)
    finished: bool = False

    def waiting(self) -> bool:
        """Finished, or every stage of the current round still running has queued a request."""
        if self.finished:
            return True
        if self.plan is None or self.round >= len(self.plan):
            return False
        return len(self.queued) == len(self.plan[self.round] - self.returned)


def _plan(retro: Retrospective) -> list[set[str]]:
    """The rounds the pipeline runs for this document's kind (drafts, then after-verify)."""
    from retro_ai.stages import STAGES, rounds

    names = [n for n, s in STAGES.items() if s.wanted(retro.meta.kind)]
    first = rounds([n for n in names if not STAGES[n].after_verify])
    last = rounds([n for n in names if STAGES[n].after_verify])
    return [{s.name for s in group} for group in first + last]


class BatchApi:
    """The files and batches endpoints, with the journal of submitted jobs in OUTDIR."""

    def __init__(self, settings: Settings, outdir: Path, poll_interval: float) -> None:
        from retro_ai.models.openai_chat import OpenAIChatModel

        self.model = OpenAIChatModel.from_settings(settings)  # checks the key and base URL
        self.client = self.model._client  # same key, base URL, timeout and SDK retries
        self.poll_interval = poll_interval
        self.journal = outdir / JOURNAL
        self.jobs: list[dict[str, Any]] = self._load()
        self._results: dict[str, dict[str, dict[str, Any]]] = {}  # job id -> custom_id -> line
        self.created = 0

    def _load(self) -> list[dict[str, Any]]:
        if not self.journal.is_file():
            return []
        try:
            data = json.loads(self.journal.read_text("utf-8"))
            return [
                j
                for j in data["jobs"]
                if isinstance(j.get("id") or j.get("input_file_id"), str) and j["custom_ids"]
            ]
        except (ValueError, KeyError, TypeError, AttributeError):
            return []  # an unreadable journal only costs resubmitting

    def _save(self) -> None:
        from retro_ai.render.write import write_all

        self.journal.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"jobs": self.jobs}, indent=1).encode()
        write_all({self.journal: data}, force=True)

    def request(self, doc: _Doc, messages: list[Message], output: type[BaseModel]) -> _Request:
        """The request a live call would send, named by a hash of the document and the body."""
        body = self.model.request_body(messages, output, self.model.rung)
        digest = hashlib.sha256(
            json.dumps([doc.doc_id, body], sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        return _Request(doc, f"{output.__name__}-{digest[:32]}", body, self.model)

    def forget(self) -> None:
        """Drop the journal once every document of the run has its outcome."""
        self.journal.unlink(missing_ok=True)

    def answer(self, requests: list[_Request]) -> None:
        """Resolve every request: from recorded jobs first, then from new jobs."""
        left = {r.custom_id: r for r in requests}
        for job in list(self.jobs):
            if left.keys() & set(job["custom_ids"]):
                self._settle(job["id"] or self._create(job), left)
        while left:
            job_id = self._submit(list(left.values()))
            for request in left.values():
                request.tries += 1
            self._settle(job_id, left)
            for custom_id, request in list(left.items()):
                if request.tries >= MAX_SUBMITS:
                    request.error = request.error or ModelError("batch request not answered")
                    request.done.set()
                    del left[custom_id]

    def _submit(self, requests: list[_Request]) -> str:
        lines = "".join(
            json.dumps(
                {"custom_id": r.custom_id, "method": "POST", "url": ENDPOINT, "body": r.body},
                ensure_ascii=False,
            )
            + "\n"
            for r in requests
        )
        try:
            upload = self.client.files.create(
                file=("retro-ai-batch.jsonl", lines.encode(), "application/jsonl"),
                purpose="batch",
            )
        except Exception as exc:  # noqa: BLE001 - SDK errors become retro-ai errors
            raise self._mapped(exc) from None
        ids = [r.custom_id for r in requests]
        job: dict[str, Any] = {"id": None, "input_file_id": upload.id, "custom_ids": ids}
        self.jobs.append(job)
        self._save()  # before creating: a run stopped meanwhile finds the job by its file
        return self._create(job, known_absent=True)

    def _create(self, job: dict[str, Any], *, known_absent: bool = False) -> str:
        """Create the batch job of an uploaded file, unless a stopped run already did."""
        try:
            found = None if known_absent else self._find(job["input_file_id"])
            if found is None:
                found = self.client.batches.create(
                    input_file_id=job["input_file_id"], endpoint=ENDPOINT, completion_window="24h"
                ).id
                self.created += 1
        except Exception as exc:  # noqa: BLE001 - SDK errors become retro-ai errors
            raise self._mapped(exc) from None
        job["id"] = found
        self._save()  # before polling: an interrupted run resumes this job
        return found

    def _find(self, input_file_id: str) -> str | None:
        """The id of a batch job already created for `input_file_id`, newest first."""
        for batch in self.client.batches.list(limit=100):
            if batch.input_file_id == input_file_id:
                return batch.id
        return None

    def _settle(self, job_id: str, left: dict[str, _Request]) -> None:
        """Poll `job_id` to its end and hand each finished line to its request."""
        results = self._results.get(job_id)
        if results is None:
            results = self._results[job_id] = self._wait(job_id)
        for custom_id, line in results.items():
            request = left.get(custom_id)
            if request is None:
                continue
            try:
                request.completion, request.error = self._completion(line, request), None
            except _Retry as exc:
                request.error = exc.error
                continue
            except RetroAIError as exc:
                request.error = exc
            del left[custom_id]
            request.done.set()

    def _wait(self, job_id: str) -> dict[str, dict[str, Any]]:
        delay = self.poll_interval
        try:
            while True:
                job = self.client.batches.retrieve(job_id)
                if job.status in _TERMINAL:
                    break
                time.sleep(delay)
                delay = min(max(delay * 1.5, self.poll_interval), _MAX_POLL_DELAY)
            if job.status == "failed":
                errors = getattr(job.errors, "data", None) or []
                why = "; ".join(e.message or e.code or "" for e in errors[:3]) or "no reason given"
                raise _JobFailed(f"batch job {job_id} failed: {why}")
            results: dict[str, dict[str, Any]] = {}
            for file_id in (job.error_file_id, job.output_file_id):  # a success wins
                if file_id:
                    text = self.client.files.content(file_id).text
                    for raw in text.splitlines():
                        if raw.strip():
                            line = json.loads(raw)
                            results[line["custom_id"]] = line
            return results
        except RetroAIError:
            raise
        except Exception as exc:  # noqa: BLE001 - SDK and JSON errors become retro-ai errors
            raise self._mapped(exc) from None

    def _completion(self, line: dict[str, Any], request: _Request) -> Completion:
        """A line's reply through the live path's checks; transient failures raise `_Retry`."""
        from openai.types.chat import ChatCompletion
        from pydantic import ValidationError

        response = line.get("response") or {}
        error = line.get("error") or {}
        status = response.get("status_code")
        if status == 200:
            try:
                reply = ChatCompletion.model_validate(response.get("body"))
            except ValidationError:
                raise ModelOutputError("batch reply is not a chat completion") from None
            return request.model._check(reply)
        body = response.get("body") or {}
        detail = (body.get("error") if isinstance(body, dict) else None) or error
        code = str(detail.get("code") or detail.get("type") or "")
        message = " ".join(str(detail.get("message") or code or status).split())[:200]
        if status in (401, 403):
            raise AuthError(f"model server rejected the API key ({status})")
        if status == 429 and "insufficient_quota" in code:
            raise QuotaExhaustedError("quota exhausted (insufficient_quota) in a batch job")
        if status is None or status in _TRANSIENT_STATUS:  # expired, cancelled, rate limited
            raise _Retry(QuotaError(f"batch request not answered: {message}"))
        raise ModelError(f"model server rejected a batch request ({status}): {message}")

    def _mapped(self, exc: Exception) -> RetroAIError:
        import openai

        if isinstance(exc, openai.OpenAIError):
            return self.model._map_error(exc, 0.0)
        return ModelError(f"unreadable batch job result: {type(exc).__name__}: {exc}")


class _JobFailed(ModelError):
    """The service refused a whole job (its input file, say): its documents fail."""


class _Retry(Exception):
    def __init__(self, error: RetroAIError) -> None:
        super().__init__(str(error))
        self.error = error


class _Wave:
    """The documents drafted together: their queued requests, flushed one job per round."""

    def __init__(self, api: BatchApi, on_call: Callable[[Completion], None]) -> None:
        self.api = api
        self.on_call = on_call
        self.cond = threading.Condition()
        self.docs: list[_Doc] = []
        self.stopping = False
        self.outcomes: list[tuple[DocRecord, Retrospective | None]] = []  # not yet recorded
        self.errors: list[BaseException] = []  # fatal or cancelled documents

    def queue(self, doc: _Doc, messages: list[Message], output: type[BaseModel]) -> Completion:
        request = self.api.request(doc, messages, output)
        with self.cond:
            if self.stopping:
                raise _Cancelled
            doc.queued.append(request)
            self.cond.notify_all()
        request.done.wait()
        if request.error is not None:
            raise request.error
        assert request.completion is not None
        self.on_call(request.completion)
        return request.completion

    def entered(self, doc: _Doc, retro: Retrospective) -> None:
        with self.cond:
            if doc.plan is None:
                doc.plan = _plan(retro)

    def returned(self, doc: _Doc, stage: str) -> None:
        with self.cond:
            doc.returned.add(stage)
            if doc.plan is not None and doc.round < len(doc.plan):
                if doc.plan[doc.round] <= doc.returned:
                    doc.round += 1
                    doc.returned = set()
            self.cond.notify_all()

    def finished(self, doc: _Doc) -> None:
        with self.cond:
            doc.finished = True
            for request in doc.queued:  # a stage whose sibling failed the document
                request.error = _Cancelled()
                request.done.set()
            doc.queued.clear()
            self.cond.notify_all()

    def next_requests(self) -> list[_Request] | None:
        """Wait until every document waits; its queued requests, or None once all finished."""
        with self.cond:
            while not self.cond.wait_for(lambda: all(d.waiting() for d in self.docs), _STALL):
                if any(d.queued for d in self.docs):
                    break  # a document off its plan: send what is queued rather than stall
            if all(d.finished for d in self.docs):
                return None
            requests = [r for d in self.docs for r in d.queued]
            for d in self.docs:
                d.queued.clear()
            return requests

    def stop(self, error: BaseException) -> None:
        with self.cond:
            self.stopping = True
            for d in self.docs:
                for request in d.queued:
                    request.error = error
                    request.done.set()
                d.queued.clear()


class BatchChatModel:
    """A chat model whose every call is a one-request job (the summary's theme stage)."""

    def __init__(self, api: BatchApi) -> None:
        self.api, self.name = api, api.model.name

    def forget(self) -> None:
        """Drop the journal of jobs: the run is over, nothing is left to resume."""
        self.api.forget()

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        request = self.api.request(_Doc("batch-summary"), messages, output)
        self.api.answer([request])
        if request.error is not None:
            raise request.error
        assert request.completion is not None
        return request.completion


class _DocModel:
    """The chat model one document's stages see: each request joins the wave's next job."""

    def __init__(self, wave: _Wave, doc: _Doc, name: str) -> None:
        self.wave, self.doc, self.name = wave, doc, name

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        return self.wave.queue(self.doc, messages, output)


def _engine_class() -> type:
    from retro_ai.stages.model_engine import ModelEngine

    class BatchEngine(ModelEngine):
        """The model engine, telling the wave when each stage starts and returns."""

        def __init__(self, model: _DocModel, max_reasks: int, prompt_dir: Path | None) -> None:
            super().__init__(model, max_reasks, prompt_dir)
            self.wave, self.doc = model.wave, model.doc

        def run(self, stage: str, sources: list[Any], retro: Retrospective) -> Any:
            self.wave.entered(self.doc, retro)
            try:
                return super().run(stage, sources, retro)
            finally:
                self.wave.returned(self.doc, stage)

    return BatchEngine


def run_waves(
    todo: list[tuple[Job, str]],
    params: Any,
    finish: Callable[[tuple[DocRecord, Retrospective | None]], None],
    on_call: Callable[[Completion], None],
    poll_interval: float,
) -> BatchChatModel:
    """Draft `todo` through Batch API jobs, `WAVE` documents at a time; `finish` records each
    document in this thread. Returns a chat model for later calls through jobs. A fatal error
    (rejected key, no quota) stops the batch and is raised once every running document has
    returned."""
    from concurrent.futures import ThreadPoolExecutor

    from retro_ai.batch import runner
    from retro_ai.stages.prompts import check_prompt_dir

    settings: Settings = params.settings
    check_prompt_dir(params.options.prompt_dir)
    api = BatchApi(settings, params.outdir, poll_interval)
    engine_class = _engine_class()
    # every stage of a round must queue its request at once, so the round fits in one job
    wide = settings.model_copy(update={"concurrency": 64})
    for start in range(0, len(todo), WAVE):
        wave = _Wave(api, on_call)
        chunk = todo[start : start + WAVE]

        def draft_one(job: Job, digest: str, doc: _Doc, wave: _Wave = wave) -> None:
            engine = engine_class(
                _DocModel(wave, doc, api.model.name), settings.max_reasks, params.options.prompt_dir
            )
            try:
                outcome = runner.draft_job(
                    job, digest, runner._Params(params.outdir, wide, params.options), engine=engine
                )
                with wave.cond:
                    wave.outcomes.append(outcome)
            except BaseException as exc:  # noqa: BLE001 - fatal or cancelled: the wave decides
                with wave.cond:
                    wave.errors.append(exc)
            finally:
                wave.finished(doc)

        wave.docs = [_Doc(job.doc_id) for job, _ in chunk]
        with ThreadPoolExecutor(len(chunk), "retro-ai-batch-api") as pool:
            for (job, digest), doc in zip(chunk, wave.docs, strict=True):
                pool.submit(draft_one, job, digest, doc)
            requests: list[_Request] = []
            stopped: RetroAIError | None = None
            try:
                while stopped is None and (requests := wave.next_requests() or []):
                    try:
                        api.answer(requests)
                    except _JobFailed as exc:  # the job itself was refused: its documents fail
                        _fail(requests, exc)
                    except RetroAIError as exc:  # the service: keep the jobs for the next run
                        stopped = exc
                    fatal = next((r.error for r in requests if isinstance(r.error, _FATAL)), None)
                    if fatal is not None:  # no later request can pass: stop queuing them
                        wave.stop(fatal)
                    with wave.cond:
                        done, wave.outcomes = wave.outcomes, []
                    for outcome in done:
                        finish(outcome)
                if stopped is not None:
                    raise stopped
            except BaseException:
                wave.stop(_Cancelled())
                _fail(requests, _Cancelled())
                raise
        for outcome in wave.outcomes:
            finish(outcome)
        fatal = next((e for e in wave.errors if isinstance(e, _FATAL)), None)
        if fatal is not None:
            raise fatal
        other = [e for e in wave.errors if not isinstance(e, _Cancelled)]
        if other:
            raise other[0]
    return BatchChatModel(api)


def _fail(requests: list[_Request], error: BaseException) -> None:
    for request in requests:
        if not request.done.is_set():
            request.error = error
            request.done.set()
