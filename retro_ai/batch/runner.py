"""Running a batch: every document through the `draft` pipeline, each one isolated from the rest.

A document that cannot be read, whose model call fails or whose reply stays invalid is recorded
as failed with its reason, and the batch goes on; only a rejected key or an exhausted quota,
which no later document could get past, stops it at once. A document whose sources digest is
recorded done and whose outputs exist is skipped, so a killed run (kill -9 included) finishes
the rest when run again: each document's files are renamed into place before its row is
committed, and stale temporary files from a killed run are removed on the next one.

Documents stream through a bounded window of futures, so memory does not grow with the batch.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from retro_ai.batch.discover import Job, discover
from retro_ai.batch.store import USAGE_KEYS, DocRecord, Store
from retro_ai.errors import (
    AuthError,
    OutputExistsError,
    QuotaExhaustedError,
    RetroAIError,
    UsageError,
)
from retro_ai.models.base import Completion, Message
from retro_ai.models.limits import estimate_tokens as estimate_tokens  # re-exported
from retro_ai.render.write import Content
from retro_ai.schema import Retrospective
from retro_ai.settings import Settings
from retro_ai.vocab import Kind, Language

FATAL = (AuthError, QuotaExhaustedError)  # no other document can succeed after these
_STALE = (".*.retro.*.tmp", ".*.retro.*.old")
# Drafted documents that may wait for the writer thread: enough to ride out a slow sync.
_WRITE_AHEAD = 2


@dataclass
class BatchOptions:
    """How each document is drafted and rendered, and how the batch runs."""

    formats: list[str] = field(default_factory=lambda: ["md", "json"])
    lang: Language | None = None
    kind: Kind | None = None
    report_date: date | None = None
    template: Path | None = None
    prompt_dir: Path | None = None
    workers: int = 1
    retry_failed: bool = False
    progress: bool = False
    via: Literal["live", "batch-api"] = "live"  # batch-api: OpenAI Batch API jobs
    poll_interval: float = 30.0  # seconds between polls of a Batch API job, at first
    redact: bool = False  # replace private values with placeholders before any text is sent
    roster: Path | None = None  # names to redact besides transcript speakers
    restore_names: bool = False  # put names back into each result, locally


@dataclass
class BatchResult:
    """What a run did; `failed` lists (doc_id, reason) for this run's failures."""

    documents: int = 0
    done: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    usage: dict[str, int] = field(default_factory=lambda: dict.fromkeys(USAGE_KEYS, 0))


@dataclass
class PlanRow:
    """One document of a dry run: what drafting it would cost."""

    doc_id: str
    kind: str
    calls: int
    tokens: int  # estimated prompt tokens
    error: str | None = None
    completion_tokens: int = 0  # at most: each call's reply counted at max_tokens


class _Stopped(Exception):
    """A request refused because the batch is stopping (a fatal error elsewhere)."""


class _Gate:
    """The chat model shared by every document: at most `limit` requests in flight across the
    batch, usage counted for progress, and no new request once the batch is stopping.

    Each document's engine wraps the gate in the process's rpm/tpm budget (`build_engine`), so a
    request waits for its budget before it takes one of the slots.
    """

    def __init__(self, model: Any, limit: int, on_call: Callable[[Completion], None]) -> None:
        from retro_ai.models.langchain_chat import as_chat_model

        self.model = as_chat_model(model)
        self.name = self.model.name
        self._slots = threading.BoundedSemaphore(limit)
        self.stopping = threading.Event()
        self._on_call = on_call

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        with self._slots:
            if self.stopping.is_set():
                raise _Stopped
            try:
                completion = self.model.complete(messages, output=output)
            except FATAL:
                self.stopping.set()  # before this slot frees up for another request
                raise
        self._on_call(completion)
        return completion


@dataclass
class _Params:
    """Everything a worker needs to draft one document (picklable for worker processes)."""

    outdir: Path
    settings: Settings
    options: BatchOptions
    model: Any = None


def _usage_of(engine: Any) -> dict[str, int]:
    usage = engine.usage
    return {k: int(getattr(usage, k, 0)) for k in USAGE_KEYS} if usage is not None else {}


def outputs(outdir: Path, doc_id: str, formats: Sequence[str]) -> dict[str, Path]:
    """Where a document's files go: `OUTDIR/<id>.retro.<fmt>`."""
    base = outdir / f"{doc_id}.retro"
    return {fmt: base.with_name(f"{base.name}.{fmt}") for fmt in formats}


def draft_job(
    job: Job, digest: str, params: _Params, engine: Any = None
) -> tuple[DocRecord, Retrospective | None]:
    """Draft and write one document; any failure but a fatal one becomes a failed record.
    `engine` replaces the one built from `params` (the Batch API engine)."""
    return _write(*_draft(job, digest, params, engine))


def _draft(
    job: Job, digest: str, params: _Params, engine: Any = None
) -> tuple[Job, DocRecord, Retrospective | None, dict[Path, Content]]:
    """Draft one document and render its files, not yet written: with a failed record (and no
    files) on any failure but a fatal one."""
    from retro_ai.ingest import load_sources
    from retro_ai.pipeline import run_pipeline
    from retro_ai.render.files import build_files, relative_sources
    from retro_ai.stages.engines import build_engine

    opts = params.options
    record = DocRecord(job.doc_id, job.path.as_posix(), digest, "failed")
    try:
        if engine is None:
            engine = build_engine(params.model, params.settings, opts.prompt_dir)
        sources = load_sources([str(p) for p in job.files])
        retro = run_pipeline(
            sources,
            engine,
            settings=params.settings,
            kind=opts.kind,
            lang=opts.lang,
            report_date=opts.report_date,
            redaction=_redaction(opts),
        )
        out = outputs(params.outdir, job.doc_id, opts.formats)
        folder = out[opts.formats[0]].parent
        folder.mkdir(parents=True, exist_ok=True)
        retro = relative_sources(retro, folder)
        rendered = build_files(retro, opts.formats, lang=opts.lang, template=opts.template)
    except FATAL:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not sink the batch
        record.error = _reason(job, exc)
        if engine is not None:
            record.usage = _usage_of(engine)
        return job, record, None, {}
    record.usage = _usage_of(engine)
    return job, record, retro, {out[fmt]: data for fmt, data in rendered.items()}


def _write(
    job: Job, record: DocRecord, retro: Retrospective | None, files: dict[Path, Content]
) -> tuple[DocRecord, Retrospective | None]:
    """Write a drafted document's files (all or none); done once they are in place."""
    from retro_ai.render.write import write_all

    if record.error is not None:
        return record, None
    try:
        write_all(files, force=True)
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not sink the batch
        record.error = _reason(job, exc)
        return record, None
    record.status = "done"
    return record, retro


def _reason(job: Job, exc: Exception) -> str:
    """Why a document failed, as its record says."""
    if isinstance(exc, RetroAIError):
        return str(exc)
    if isinstance(exc, OSError):  # a file vanished or turned unreadable after discovery
        return f"{job.path}: cannot read: {exc.strerror or exc}"
    return f"internal error: {type(exc).__name__}: {exc}"


def _sweep(outdir: Path) -> None:
    """Remove temporary and set-aside files a killed run left behind (write.py's names)."""
    for pattern in _STALE:
        for path in outdir.rglob(pattern):
            path.unlink(missing_ok=True)
    for name in ("index.jsonl", "index.csv", "summary.md", "summary.html", "summary.json"):
        for path in outdir.glob(f".{name}.*"):
            if path.suffix in (".tmp", ".old"):
                path.unlink(missing_ok=True)


def _redaction(opts: BatchOptions) -> Any:
    """A fresh redaction per document (its own placeholders and mapping), or None."""
    if not (opts.redact or opts.roster or opts.restore_names):
        return None
    from retro_ai.redact import Redaction

    return Redaction(roster=opts.roster, restore_names=opts.restore_names)


def _mode(opts: BatchOptions) -> str:
    """How documents are drafted, as far as it changes what their outputs may contain: a
    document drafted without redaction is drafted again when redaction is asked for."""
    if not (opts.redact or opts.roster or opts.restore_names):
        return ""
    from retro_ai.redact import read_roster

    names = "\n".join(read_roster(opts.roster)) if opts.roster else ""
    return hashlib.sha256(f"redact\0{opts.restore_names}\0{names}".encode()).hexdigest()


def _todo(
    jobs: list[Job], store: Store, outdir: Path, opts: BatchOptions, result: BatchResult
) -> list[tuple[Job, str]]:
    """The jobs still to run, each with its digest: done-and-unchanged documents are skipped."""
    failed = set(store.failed_ids()) if opts.retry_failed else None
    mode = _mode(opts)
    todo = []
    for job in jobs:
        if failed is not None and job.doc_id not in failed:
            continue
        result.documents += 1
        try:
            digest = job.digest()
            if mode:
                digest = hashlib.sha256(f"{digest}\0{mode}".encode()).hexdigest()
        except OSError:
            todo.append((job, ""))  # unreadable now: draft_job records why
            continue
        if store.finished(job.doc_id) == digest and all(
            p.is_file() for p in outputs(outdir, job.doc_id, opts.formats).values()
        ):
            result.skipped += 1
        else:
            todo.append((job, digest))
    return todo


def run_batch(
    inputs: Sequence[str],
    outdir: Path,
    *,
    settings: Settings | None = None,
    model: Any = None,
    options: BatchOptions | None = None,
) -> BatchResult:
    """Draft every document under `inputs` into `outdir`; see the module docstring."""
    settings = settings or Settings.resolve()
    opts = options or BatchOptions()
    offline = model is None and settings.offline
    if opts.workers > 1 and not offline:
        raise UsageError(
            "--workers runs the offline engine in processes; with a model use --concurrency"
        )
    via_api = opts.via == "batch-api"
    if via_api and (offline or model is not None):
        raise UsageError(
            "--via batch-api needs an OpenAI-compatible model configured with --model"
            if offline
            else "--via batch-api drafts with the configured model, not a model object"
        )
    jobs = discover(inputs, exclude=outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputExistsError(f"{outdir}: is not a folder")
    outdir.mkdir(parents=True, exist_ok=True)
    _sweep(outdir)
    store = Store(outdir / "retro.sqlite")
    result = BatchResult()
    try:
        with _Progress(opts.progress) as progress:
            gate = None
            if not offline and not via_api:
                if model is None:
                    from retro_ai.models.openai_chat import OpenAIChatModel

                    model = OpenAIChatModel.from_settings(settings)
                gate = _Gate(model, settings.concurrency, progress.call)
            params = _Params(outdir, settings, opts, gate)
            todo = _todo(jobs, store, outdir, opts, result)
            progress.start(len(todo))
            try:
                if via_api:
                    model = _run_batch_api(todo, params, store, result, progress)
                else:
                    _run(todo, params, store, result, progress, gate)
            finally:  # a stopped batch still lists what it did, and why documents failed
                from retro_ai.batch.index import write_index

                write_index(store.iter_index_rows(), outdir)
        if result.done or result.failed or not (outdir / "summary.json").is_file():
            from retro_ai.models.limits import limited

            summary_model = None if offline else limited(model, settings)
            _summarize(store, outdir, settings, summary_model, opts)
        if via_api:
            model.forget()  # every document has its outcome: no job is left to resume
    finally:
        store.close()
    return result


def _run(
    todo: list[tuple[Job, str]],
    params: _Params,
    store: Store,
    result: BatchResult,
    progress: _Progress,
    gate: _Gate | None,
) -> None:
    """Run the jobs through a pool with a bounded window, recording each as it completes.

    Offline with one worker, documents run in this thread; offline with `workers` > 1, in
    processes; with a model, in threads, 2 × `concurrency` documents at a time (the gate bounds
    their requests in flight to `concurrency`). A fatal error stops new requests, cancels what
    has not started and is raised once the running documents have returned.
    """
    if gate is None and params.options.workers <= 1:
        _run_here(todo, params, store, result, progress)
        return
    executor: Executor
    if gate is None:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(params.options.workers)
        window = params.options.workers * 2
    else:
        from concurrent.futures import ThreadPoolExecutor

        # Twice as many documents as request slots: a document waits on its own dependent
        # stages between requests, and another one's request should fill the slot meanwhile.
        window = 2 * params.settings.concurrency
        executor = ThreadPoolExecutor(window, "retro-ai-batch")
    fatal: BaseException | None = None
    pending: set[Future[tuple[DocRecord, Retrospective | None]]] = set()
    queue = iter(todo)
    try:
        while True:
            while fatal is None and len(pending) < window:
                nxt = next(queue, None)
                if nxt is None:
                    break
                pending.add(executor.submit(draft_job, nxt[0], nxt[1], params))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    _finish(future.result(), store, result, progress)
                except FATAL as exc:
                    if fatal is None:
                        fatal = exc
                        if gate is not None:
                            gate.stopping.set()
                except _Stopped:
                    pass  # stopped by the fatal error, which is what gets reported
    except BaseException:
        if gate is not None:
            gate.stopping.set()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    if fatal is not None:
        left = result.documents - result.skipped - result.done - len(result.failed)
        raise type(fatal)(
            f"batch stopped: {fatal}; {result.done} documents drafted, {left} not started; "
            "run the same command again to continue"
        )


def _run_here(
    todo: list[tuple[Job, str]],
    params: _Params,
    store: Store,
    result: BatchResult,
    progress: _Progress,
) -> None:
    """Offline with one worker: draft each document in this thread while one writer thread
    writes, syncs and records the one before, so waiting on the disk overlaps drafting.

    Each document is still written whole before its row is committed, in order, and at most
    `_WRITE_AHEAD` drafted documents wait for the writer, so memory does not grow with the batch.
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    def write(drafted: tuple[Job, DocRecord, Retrospective | None, dict[Path, Content]]) -> None:
        _finish(_write(*drafted), store, result, progress)

    with ThreadPoolExecutor(1, "retro-ai-write") as writer:
        writing: deque[Future[None]] = deque()
        for job, digest in todo:
            drafted = _draft(job, digest, params)
            while len(writing) >= _WRITE_AHEAD:
                writing.popleft().result()
            writing.append(writer.submit(write, drafted))
        while writing:
            writing.popleft().result()


def _run_batch_api(
    todo: list[tuple[Job, str]],
    params: _Params,
    store: Store,
    result: BatchResult,
    progress: _Progress,
) -> Any:
    """Run the jobs through OpenAI Batch API jobs; the chat model the summary should use."""
    from retro_ai.batch.batch_api import run_waves

    try:
        return run_waves(
            todo,
            params,
            lambda outcome: _finish(outcome, store, result, progress),
            progress.call,
            params.options.poll_interval,
        )
    except RetroAIError as exc:  # the service failed: submitted jobs are resumed next run
        left = result.documents - result.skipped - result.done - len(result.failed)
        raise type(exc)(
            f"batch stopped: {exc}; {result.done} documents drafted, {left} not finished; "
            "run the same command again to continue"
        ) from None


def _finish(
    outcome: tuple[DocRecord, Retrospective | None],
    store: Store,
    result: BatchResult,
    progress: _Progress,
) -> None:
    record, retro = outcome
    store.record(record, retro)
    for key in USAGE_KEYS:
        result.usage[key] += record.usage.get(key, 0)
    if record.status == "done":
        result.done += 1
    else:
        result.failed.append((record.doc_id, record.error or "failed"))
    progress.document(record.status == "done")


def _summarize(
    store: Store, outdir: Path, settings: Settings, model: Any, opts: BatchOptions
) -> None:
    """summary.md/html/json over every finished document, and its themes in the database."""
    from retro_ai.batch.summary import build_summary, summary_files
    from retro_ai.render.write import write_all

    languages = Counter(r["language"] for r in store.iter_index_rows() if r["status"] == "done")
    lang = opts.lang or (languages.most_common(1)[0][0] if languages else "en")
    summary = build_summary(
        done_retrospectives(store, outdir),
        model=model,
        settings=settings,
        lang=lang,
        prompt_dir=opts.prompt_dir,
    )
    write_all({outdir / n: data for n, data in summary_files(summary).items()}, force=True)
    store.record_themes(summary.cause_themes + summary.lesson_themes, summary.engine)


def done_retrospectives(store: Store, outdir: Path) -> Iterator[tuple[str, Retrospective]]:
    """(doc_id, Retrospective) for every document recorded done, read back from its JSON one at
    a time, so a cross-document pass never holds the whole batch in memory."""
    from retro_ai.schema import load_retrospective

    for row in store.iter_index_rows():
        if row["status"] == "done":
            path = outputs(outdir, row["doc_id"], ["json"])["json"]
            if path.is_file():
                yield row["doc_id"], load_retrospective(path.read_text("utf-8"), str(path))


class _Progress:
    """A rich progress bar on stderr: documents done and failed, calls, tokens, elapsed, ETA.

    Off unless asked for and stderr is a terminal; the counters work either way.
    """

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.calls = self.tokens = self.done = self.failed = 0
        self._lock = threading.Lock()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True)
        if console.is_terminal:
            self._bar = Progress(
                TextColumn("drafting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[stats]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def start(self, total: int) -> None:
        if self._bar is not None:
            self._task = self._bar.add_task("batch", total=total, stats=self._stats())

    def _stats(self) -> str:
        return (
            f"done {self.done} · failed {self.failed} · calls {self.calls:,} · "
            f"tokens {self.tokens:,}"
        )

    def _refresh(self, advance: int = 0) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=advance, stats=self._stats())

    def call(self, completion: Completion) -> None:
        """One model request answered (called from worker threads)."""
        with self._lock:
            self.calls += 1
            self.tokens += completion.prompt_tokens + completion.completion_tokens
            self._refresh()

    def document(self, ok: bool) -> None:
        with self._lock:
            self.done += ok
            self.failed += not ok
            self._refresh(advance=1)


def plan(
    inputs: Sequence[str],
    *,
    options: BatchOptions | None = None,
    exclude: Path | None = None,
    settings: Settings | None = None,
) -> Iterator[PlanRow]:
    """A dry run: read every document and estimate its model calls and tokens.

    Calls are the stages its kind needs (each asked once, with no re-ask); prompt tokens are each
    stage's system prompt plus the document's text, by `estimate_tokens`. A reply's length is
    only known once it is written, so completion tokens are the ceiling: `max_tokens` per call.
    Offline settings make no calls, so every count is zero; the documents are still read.
    """
    from retro_ai.ingest import load_sources
    from retro_ai.ingest.detect import detect_kind
    from retro_ai.stages import STAGES
    from retro_ai.stages.prompts import load_prompt

    opts = options or BatchOptions()
    offline = settings is not None and settings.offline
    reply = (settings or Settings()).max_tokens
    prompts: dict[str, int] = {}
    for job in discover(inputs, exclude=exclude):
        try:
            sources = load_sources([str(p) for p in job.files])
        except RetroAIError as exc:
            yield PlanRow(job.doc_id, "", 0, 0, str(exc))
            continue
        kind = opts.kind or detect_kind(sources)[0]
        if offline:
            yield PlanRow(job.doc_id, kind, 0, 0)
            continue
        names = [n for n, s in STAGES.items() if s.wanted(kind)]
        text = sum(estimate_tokens(s.text()) for s in sources if s.type != "metrics")
        for name in names:
            if name not in prompts:
                prompts[name] = estimate_tokens(load_prompt(name, opts.prompt_dir).body)
        yield PlanRow(
            job.doc_id,
            kind,
            len(names),
            sum(prompts[n] + text for n in names),
            completion_tokens=len(names) * reply,
        )
