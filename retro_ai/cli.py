"""The `retro-ai` command: a thin layer over the library that parses flags, writes files and
maps errors to one line on stderr with a distinct exit code.

Heavy imports (openai, LangChain, Jinja2) happen inside commands so `--help` stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast, get_args

import typer

from retro_ai.errors import RetroAIError, UsageError
from retro_ai.render.formats import DEFAULT_FORMATS, FORMATS
from retro_ai.vocab import SECTION_STAGES, Kind, Language
from retro_ai.vocab import ResponseFormat as ResponseFormats

if TYPE_CHECKING:
    from retro_ai.schema import Retrospective
    from retro_ai.settings import Settings
    from retro_ai.stages.sizing import DraftPlan

app = typer.Typer(
    name="retro-ai",
    help="Turn notes, transcripts and metrics into a structured retrospective (复盘) and a draft.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

KINDS: tuple[str, ...] = get_args(Kind)
LANGUAGES: tuple[str, ...] = get_args(Language)
RESPONSE_FORMATS: tuple[str, ...] = get_args(ResponseFormats)
REPORT_FORMATS = tuple(f for f in FORMATS if f != "json")  # `render` reads the JSON
Opt = typer.Option
Lang = Annotated[
    str | None,
    Opt("--lang", help=f"Output language: {' or '.join(LANGUAGES)} (default: input's)."),
]
Force = Annotated[bool, Opt("--force", help="Overwrite existing output files.")]
Output = Annotated[Path | None, Opt("-o", "--output", help="An existing folder, or report.md.")]
Formats = Annotated[
    list[str] | None,
    Opt(
        "--format",
        "-f",
        help=f"{', '.join(FORMATS)}; repeat or comma-separate "
        f"(default {','.join(DEFAULT_FORMATS)}).",
    ),
]
Template = Annotated[
    Path | None, Opt("--template", help="Your Jinja2 template file, or a folder of them.")
]
Prompts = Annotated[
    Path | None, Opt("--prompts", help="A folder of prompt files overriding built-in stages.")
]
Model = Annotated[
    str | None, Opt("-m", "--model", help="Model name [env: RETRO_AI_MODEL]; none: offline.")
]
BaseUrl = Annotated[
    str | None, Opt("--base-url", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].")
]
ResponseFormat = Annotated[
    str | None,
    Opt(
        "--response-format",
        help=f"Structured output rung: {', '.join(RESPONSE_FORMATS)}.",
    ),
]
MaxTokens = Annotated[int | None, Opt("--max-tokens", help="Reply token limit per stage.")]
Timeout = Annotated[float | None, Opt("--timeout", help="Seconds per model request.")]
KindFlag = Annotated[str | None, Opt("--kind", help=f"Force the kind: {', '.join(KINDS)}.")]
ReportDate = Annotated[str | None, Opt("--date", help="Report date YYYY-MM-DD.")]
NoProgress = Annotated[bool, Opt("--no-progress", help="Do not show progress on stderr.")]
Rpm = Annotated[
    int | None,
    Opt("--rpm", help="Model requests per minute, spaced evenly [env: RETRO_AI_RPM]."),
]
Tpm = Annotated[
    int | None,
    Opt("--tpm", help="Model tokens per minute, prompt and reply [env: RETRO_AI_TPM]."),
]
CacheDir = Annotated[
    Path | None,
    Opt("--cache-dir", help="Stage cache folder [env: RETRO_AI_CACHE_DIR; default: user cache]."),
]
ContextWindow = Annotated[
    int | None,
    Opt(
        "--context-window",
        help="The model's context window in tokens [env: RETRO_AI_CONTEXT_WINDOW; default: "
        "known for the model, else 8192].",
    ),
]
MaxInputTokens = Annotated[
    int | None,
    Opt(
        "--max-input-tokens",
        help="Chunk sources above this many tokens [env: RETRO_AI_MAX_INPUT_TOKENS; default: "
        "the context window].",
    ),
]
MaxCostTokens = Annotated[
    int | None,
    Opt(
        "--max-cost-tokens",
        help="Ask before a run estimated above this many tokens; refuse off a terminal "
        "[env: RETRO_AI_MAX_COST_TOKENS].",
    ),
]
NoCache = Annotated[
    bool, Opt("--no-cache", help="Ask the model for every stage; read and write no cache.")
]
RedactFlag = Annotated[
    bool,
    Opt(
        "--redact",
        help="Replace names, e-mails, phones, IDs, cards, IPs, credential URLs and keys with "
        "placeholders before any text leaves the machine.",
    ),
]
Roster = Annotated[
    Path | None,
    Opt("--roster", help="Names to redact, one per line, '#' comments (implies --redact)."),
]
RestoreNames = Annotated[
    bool,
    Opt(
        "--restore-names",
        help="Put names (only names) back into the result locally (implies --redact).",
    ),
]
KeepMapping = Annotated[
    Path | None,
    Opt(
        "--keep-mapping",
        help="Write the placeholder -> value mapping to this JSON file, mode 0600 "
        "(implies --redact).",
    ),
]


@contextmanager
def _errors() -> Iterator[None]:
    """Turn retro-ai's own errors into one line on stderr and their exit code."""
    try:
        yield
    except RetroAIError as exc:
        typer.echo(f"retro-ai: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("retro-ai: error: interrupted", err=True)
        raise typer.Exit(130) from None


def _choice(value: str | None, choices: tuple[str, ...], flag: str) -> None:
    if value is not None and value not in choices:
        raise UsageError(f"{flag} must be one of {', '.join(choices)} (got '{value}')")


def _day(value: str | None) -> date | None:
    """The --date flag as a date (None when not given)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD (got '{value}')") from None


def _settings(**flags: Any) -> Settings:
    from retro_ai.settings import Settings

    _choice(flags.get("response_format"), RESPONSE_FORMATS, "--response-format")
    return Settings.resolve(**flags)


def _check_paths(template: Path | None, prompts: Path | None) -> None:
    """Refuse a missing template or prompts folder before any model is asked."""
    from retro_ai.render.markdown import check_template
    from retro_ai.stages.prompts import check_prompt_dir

    check_template(template)
    check_prompt_dir(prompts)


def _tracing_notice(settings: Settings) -> None:
    """Say once that LangSmith tracing is on; an offline run sends nothing, so say nothing."""
    from retro_ai.settings import langsmith_tracing

    var = None if settings.offline else langsmith_tracing()
    if var:
        typer.echo(
            f"retro-ai: {var} is set: LangSmith tracing is on, so prompts and replies, including "
            f"text from your documents, can be sent to LangSmith; unset {var} to keep them local",
            err=True,
        )


def _write(
    retro: Retrospective,
    formats: list[str],
    out: dict[str, Path],
    lang: Any,
    template: Path | None,
    force: bool,
    mapping: tuple[Path, dict[str, str]] | None = None,
) -> None:
    """Write the reports (and a kept redaction mapping, owner-only) all or nothing."""
    from retro_ai.redact import mapping_json
    from retro_ai.render.files import build_files, relative_sources
    from retro_ai.render.write import check_targets, write_all

    check_targets(list(out.values()), force=force)
    retro = relative_sources(retro, next(iter(out.values())).parent)
    files = build_files(retro, formats, lang=lang, template=template)
    written = {out[fmt]: data for fmt, data in files.items()}
    private: frozenset[Path] = frozenset()
    if mapping is not None:
        written[mapping[0]] = mapping_json(mapping[1])
        private = frozenset({mapping[0]})
    write_all(written, force=force, private=private)
    typer.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)


def _redaction(
    redact: bool,
    roster: Path | None,
    restore_names: bool,
    keep_mapping: Path | None,
    outputs: list[Path],
    force: bool,
) -> Any:
    """The redaction the flags ask for (None when none), its mapping target checked first.

    --roster, --restore-names and --keep-mapping each imply --redact: asking for any of them
    never silently sends raw text.
    """
    if not (redact or roster or restore_names or keep_mapping):
        return None
    from retro_ai.redact import Redaction, read_roster
    from retro_ai.render.write import check_targets

    if roster is not None:
        read_roster(roster)  # a missing or unreadable roster fails before anything else
    if keep_mapping is not None:
        if any(os.path.abspath(keep_mapping) == os.path.abspath(p) for p in outputs):
            raise UsageError(f"--keep-mapping {keep_mapping}: is also a report output")
        check_targets([keep_mapping], force=force)
    return Redaction(roster=roster, restore_names=restore_names)


def _print_draft_plan(plan: DraftPlan, as_json: bool) -> None:
    """A dry run's plan on stdout: as JSON, or as a short table."""
    if as_json:
        import json

        typer.echo(json.dumps(plan.to_dict(), indent=2))
        return
    lines = [
        f"model: {plan.model}" if plan.model else "offline: no model calls",
        f"window: {plan.window:,} tokens; input budget: {plan.input_budget:,} tokens "
        f"(reply room {plan.reply_room:,})",
        f"tokens counted by: {plan.counter}",
        f"input: {plan.input_tokens:,} tokens; "
        + (f"split into {plan.chunks:,} chunks" if plan.chunks > 1 else "not chunked"),
        f"{'stage':<20} {'calls':>7} {'prompt tokens':>14} {'completion <=':>14}",
    ]
    for s in plan.stages:
        lines.append(
            f"{s.name:<20} {s.calls:>7,} {s.prompt_tokens:>14,} {s.completion_tokens:>14,}"
        )
    lines.append(
        f"{'total':<20} {plan.calls:>7,} {plan.prompt_tokens:>14,} {plan.completion_tokens:>14,}"
    )
    typer.echo("\n".join(lines))


def _check_cost(estimate: int, calls: int, limit: int | None) -> None:
    """Above --max-cost-tokens: ask on a terminal, refuse otherwise (nothing sent or written).

    The estimate is the prompt tokens plus every reply's ceiling, so it errs high."""
    import sys

    from retro_ai.errors import CostLimitError

    if limit is None or estimate <= limit:
        return
    what = f"estimated {estimate:,} tokens ({calls:,} calls) exceeds --max-cost-tokens {limit:,}"
    if sys.stdin.isatty() and sys.stderr.isatty():
        if typer.confirm(f"{what}; continue?", default=False, err=True):
            return
    raise CostLimitError(f"{what}; nothing was sent (see --dry-run)")


@app.command("draft")
def draft_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Notes, transcripts, metrics; - for stdin.")],
    output: Output = None,
    formats: Formats = None,
    force: Force = False,
    as_json: Annotated[
        bool, Opt("--json", help="Print the result to stdout; write no files.")
    ] = False,
    lang: Lang = None,
    kind: KindFlag = None,
    template: Template = None,
    prompts: Prompts = None,
    model: Model = None,
    base_url: BaseUrl = None,
    response_format: ResponseFormat = None,
    max_tokens: MaxTokens = None,
    timeout: Timeout = None,
    rpm: Rpm = None,
    tpm: Tpm = None,
    report_date: ReportDate = None,
    no_progress: NoProgress = False,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    context_window: ContextWindow = None,
    max_input_tokens: MaxInputTokens = None,
    max_cost_tokens: MaxCostTokens = None,
    concurrency: Annotated[
        int | None,
        Opt("--concurrency", help="Model requests in flight, chunks included [default 4]."),
    ] = None,
    dry_run: Annotated[
        bool,
        Opt(
            "--dry-run",
            help="Print the stages, calls and estimated tokens; ask no model, write nothing.",
        ),
    ] = False,
    redact: RedactFlag = False,
    roster: Roster = None,
    restore_names: RestoreNames = False,
    keep_mapping: KeepMapping = None,
) -> None:
    """Draft a retrospective: writes <stem>.retro.md and <stem>.retro.json.

    Example: retro-ai draft notes.txt transcript.vtt metrics.csv --format md,docx
    """
    with _errors():
        from retro_ai.ingest import load_sources
        from retro_ai.pipeline import draft
        from retro_ai.progress import stage_progress
        from retro_ai.render.files import parse_formats, relative_sources, targets
        from retro_ai.render.write import check_targets

        _choice(lang, LANGUAGES, "--lang")
        _choice(kind, KINDS, "--kind")
        day = _day(report_date)
        settings = _settings(
            model=model,
            base_url=base_url,
            response_format=response_format,
            max_tokens=max_tokens,
            timeout=timeout,
            rpm=rpm,
            tpm=tpm,
            cache_dir=cache_dir,
            no_cache=no_cache or None,
            context_window=context_window,
            max_input_tokens=max_input_tokens,
            max_cost_tokens=max_cost_tokens,
            concurrency=concurrency,
        )
        _check_paths(template, prompts)
        chosen = parse_formats(formats)
        out = targets(inputs[0], output, chosen)
        if not (as_json or dry_run):
            check_targets(list(out.values()), force=force)
        redaction = _redaction(
            redact,
            roster,
            restore_names,
            keep_mapping,
            [] if as_json else list(out.values()),
            force,
        )
        sources = load_sources(inputs)
        if dry_run or settings.max_cost_tokens:
            from retro_ai.pipeline import plan_draft

            plan = plan_draft(
                sources,
                settings,
                kind=cast("Kind | None", kind),
                lang=cast("Language | None", lang),
                prompt_dir=prompts,
                redact=redaction,
            )
            if dry_run:
                _print_draft_plan(plan, as_json)
                return
            _check_cost(plan.total_tokens, plan.calls, settings.max_cost_tokens)
        if settings.offline:
            typer.echo(
                "retro-ai: no model configured (--model); using the offline engine", err=True
            )
        _tracing_notice(settings)
        with stage_progress(enabled=not (no_progress or as_json)) as on_stage:
            retro = draft(
                sources,
                settings=settings,
                kind=cast("Kind | None", kind),  # checked by _choice above
                lang=cast("Language | None", lang),
                report_date=day,
                prompt_dir=prompts,
                on_stage=on_stage,
                redact=redaction,
            )
        del sources  # drafted: a long input's lines need not stay in memory while it is written
        kept = None if keep_mapping is None else (keep_mapping, redaction.mapping)
        if as_json:
            if kept is not None:
                from retro_ai.redact import mapping_json
                from retro_ai.render.write import write_all

                write_all(
                    {kept[0]: mapping_json(kept[1])}, force=force, private=frozenset({kept[0]})
                )
            typer.echo(relative_sources(retro, Path(".")).model_dump_json(indent=2))
            return
        _write(retro, chosen, out, lang, template, force, kept)


@app.command("render")
def render_cmd(
    retro_json: Annotated[Path, typer.Argument(help="A .retro.json file, possibly edited.")],
    output: Output = None,
    formats: Annotated[
        list[str] | None,
        Opt("--format", "-f", help=f"{', '.join(REPORT_FORMATS)} (default md)."),
    ] = None,
    force: Force = False,
    lang: Lang = None,
    template: Template = None,
) -> None:
    """Render a (possibly edited) .retro.json again, keeping every edit.

    Example: retro-ai render notes.retro.json --format html --force
    """
    with _errors():
        from retro_ai.ingest import read_text
        from retro_ai.render.files import parse_formats, targets
        from retro_ai.schema import load_retrospective

        _choice(lang, LANGUAGES, "--lang")
        _check_paths(template, None)
        retro = load_retrospective(read_text(retro_json), str(retro_json))
        chosen = [f for f in parse_formats(formats or ["md"]) if f != "json"] or ["md"]
        out = targets(str(retro_json), output, chosen, retro_json=True)
        _write(retro, chosen, out, lang, template, force)


@app.command("redraft")
def redraft_cmd(
    retro_json: Annotated[Path, typer.Argument(help="The .retro.json to update.")],
    section: Annotated[
        str,
        Opt(
            "--section",
            "-s",
            help=f"{', '.join(SECTION_STAGES)}.",
        ),
    ],
    formats: Formats = None,
    force: Force = False,
    template: Template = None,
    prompts: Prompts = None,
    model: Model = None,
    base_url: BaseUrl = None,
    response_format: ResponseFormat = None,
    max_tokens: MaxTokens = None,
    timeout: Timeout = None,
    no_progress: NoProgress = False,
    context_window: ContextWindow = None,
    max_input_tokens: MaxInputTokens = None,
    redact: RedactFlag = False,
    roster: Roster = None,
    restore_names: RestoreNames = False,
    keep_mapping: KeepMapping = None,
) -> None:
    """Re-run one section's stage against the same sources, keeping the rest; rewrites the files.

    A draft made with --redact is redacted again with the roster it recorded.

    Example: retro-ai redraft notes.retro.json --section actions -m gpt-4o-mini --force
    """
    with _errors():
        from retro_ai.ingest import read_text
        from retro_ai.pipeline import redraft
        from retro_ai.progress import stage_progress
        from retro_ai.render.files import parse_formats, targets
        from retro_ai.render.write import check_targets
        from retro_ai.schema import load_retrospective

        retro = load_retrospective(read_text(retro_json), str(retro_json))
        settings = _settings(
            model=model,
            base_url=base_url,
            response_format=response_format,
            max_tokens=max_tokens,
            timeout=timeout,
            context_window=context_window,
            max_input_tokens=max_input_tokens,
        )
        _check_paths(template, prompts)
        chosen = parse_formats(formats)
        out = targets(str(retro_json), None, chosen, retro_json=True)
        check_targets(list(out.values()), force=force)
        redaction = _redaction(
            redact, roster, restore_names, keep_mapping, list(out.values()), force
        )
        _tracing_notice(settings)
        with stage_progress(enabled=not no_progress) as on_stage:
            retro = redraft(
                retro,
                section,
                settings=settings,
                prompt_dir=prompts,
                on_stage=on_stage,
                base_dir=retro_json.parent,
                redact=redaction,
            )
        kept = None if keep_mapping is None else (keep_mapping, redaction.mapping)
        _write(retro, chosen, out, None, template, force, kept)


@app.command("batch")
def batch_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Folders (recursive), globs and files.")],
    output: Annotated[Path, Opt("-o", "--output", help="The output folder (created if absent).")],
    formats: Formats = None,
    lang: Lang = None,
    kind: KindFlag = None,
    template: Template = None,
    prompts: Prompts = None,
    model: Model = None,
    base_url: BaseUrl = None,
    response_format: ResponseFormat = None,
    max_tokens: MaxTokens = None,
    timeout: Timeout = None,
    rpm: Rpm = None,
    tpm: Tpm = None,
    report_date: ReportDate = None,
    concurrency: Annotated[
        int | None,
        Opt("--concurrency", help="Model requests in flight across the batch [default 4]."),
    ] = None,
    workers: Annotated[
        int, Opt("--workers", min=1, help="Offline: draft in this many processes.")
    ] = 1,
    retry_failed: Annotated[
        bool, Opt("--retry-failed", help="Re-run only the documents that failed last time.")
    ] = False,
    dry_run: Annotated[
        bool, Opt("--dry-run", help="Read every input; print documents, calls and tokens.")
    ] = False,
    as_json: Annotated[
        bool, Opt("--json", help="Print the outcome as JSON on stdout; no progress bar.")
    ] = False,
    no_progress: NoProgress = False,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
    via: Annotated[
        str,
        Opt(
            "--via",
            help="live: chat completions as they go; batch-api: OpenAI Batch API jobs, one per "
            "round of stages (half the token price, results within 24 h, resumable).",
        ),
    ] = "live",
    poll_interval: Annotated[
        float,
        Opt("--poll-interval", min=0, help="Seconds between polls of a Batch API job, at first."),
    ] = 30.0,
    price_in: Annotated[
        str | None,
        Opt(
            "--price-in",
            help="Dry run: USD per million prompt tokens [env: RETRO_AI_PRICE_IN; default: "
            "the built-in price of known models].",
        ),
    ] = None,
    price_out: Annotated[
        str | None,
        Opt(
            "--price-out",
            help="Dry run: USD per million completion tokens [env: RETRO_AI_PRICE_OUT].",
        ),
    ] = None,
    context_window: ContextWindow = None,
    max_input_tokens: MaxInputTokens = None,
    redact: RedactFlag = False,
    roster: Roster = None,
    restore_names: RestoreNames = False,
) -> None:
    """Draft every document under PATHS into OUTDIR, with index.jsonl/csv and retro.sqlite.

    Example: retro-ai batch postmortems/ -o retros/ -m gpt-4o-mini --concurrency 8
    """
    with _errors():
        import json

        from retro_ai.batch.runner import BatchOptions, plan, run_batch
        from retro_ai.errors import SomeFailedError
        from retro_ai.render.files import parse_formats

        _choice(lang, LANGUAGES, "--lang")
        _choice(kind, KINDS, "--kind")
        _choice(via, ("live", "batch-api"), "--via")
        day = _day(report_date)
        settings = _settings(
            model=model,
            base_url=base_url,
            response_format=response_format,
            max_tokens=max_tokens,
            timeout=timeout,
            concurrency=concurrency,
            rpm=rpm,
            tpm=tpm,
            cache_dir=cache_dir,
            no_cache=no_cache or None,
            price_in=price_in,
            price_out=price_out,
            context_window=context_window,
            max_input_tokens=max_input_tokens,
        )
        _check_paths(template, prompts)
        chosen = parse_formats(formats)
        if "json" not in chosen:
            chosen.append("json")  # the record a re-run and the summary read back
        options = BatchOptions(
            formats=chosen,
            lang=cast("Language | None", lang),
            kind=cast("Kind | None", kind),
            report_date=day,
            template=template,
            prompt_dir=prompts,
            workers=workers,
            retry_failed=retry_failed,
            progress=not (no_progress or as_json),
            via=cast("Literal['live', 'batch-api']", via),
            poll_interval=poll_interval,
            redact=redact or roster is not None or restore_names,
            roster=roster,
            restore_names=restore_names,
        )
        if roster is not None:
            from retro_ai.redact import read_roster

            read_roster(roster)  # a missing or unreadable roster fails before any document
        if dry_run:
            rows = plan(inputs, options=options, exclude=output, settings=settings)
            _print_plan(rows, settings, via == "batch-api", as_json)
            return
        if settings.offline and via == "live":  # batch-api says why it needs one
            typer.echo(
                "retro-ai: no model configured (--model); using the offline engine", err=True
            )
        _tracing_notice(settings)
        result = run_batch(inputs, output, settings=settings, options=options)
        counts = {
            "documents": result.documents,
            "drafted": result.done,
            "skipped": result.skipped,
            "failed": len(result.failed),
            "usage": result.usage,
            "output": str(output),
        }
        if as_json:
            typer.echo(json.dumps(counts, ensure_ascii=False, indent=2))
        else:
            typer.echo(
                f"{result.documents} documents: {result.done} drafted, {result.skipped} "
                f"unchanged, {len(result.failed)} failed; {result.usage['calls']} model calls, "
                f"{result.usage['prompt_tokens']:,} prompt tokens "
                f"({result.usage['cached_tokens']:,} cached), "
                f"{result.usage['completion_tokens']:,} completion tokens → {output}",
                err=True,
            )
        if result.failed:
            first_id, first_reason = result.failed[0]
            raise SomeFailedError(
                f"{len(result.failed)} of {result.documents} documents failed (first: "
                f"{first_id}: {first_reason}); reasons in {output / 'index.csv'}; "
                "fix them and run again with --retry-failed"
            )


def _print_plan(rows: Any, settings: Settings, batch_api: bool, as_json: bool) -> None:
    """Print a dry run: one line per document, then the totals and the estimated cost.

    Prompt tokens are estimated from the text; completion tokens are the ceiling (--max-tokens
    per call), so the cost is an upper bound. It is given only for a known price: the built-in
    table or --price-in/--price-out, halved for --via batch-api; otherwise it is "unknown".
    """
    import json

    from retro_ai.models.prices import resolve

    docs = calls = tokens = completion = unreadable = 0
    listed = []
    for row in rows:
        docs += 1
        unreadable += row.error is not None
        calls += row.calls
        tokens += row.tokens
        completion += row.completion_tokens
        if as_json:
            listed.append(row.__dict__)
        else:
            what = (
                f"{row.calls} calls, ~{row.tokens:,} prompt tokens, "
                f"at most {row.completion_tokens:,} completion tokens"
            )
            if settings.offline:
                what = "offline: no model calls"
            if row.error:
                what = f"error: {row.error}"
            typer.echo(f"{row.doc_id}\t{row.kind}\t{what}")
    price = None
    if settings.model:
        price = resolve(settings.model, settings.price_in, settings.price_out, batch_api=batch_api)
    cost = 0.0 if settings.offline else price.cost(tokens, completion) if price else None
    totals = {
        "documents": docs,
        "unreadable": unreadable,
        "model_calls": calls,
        "estimated_prompt_tokens": tokens,
        "max_completion_tokens": completion,
        "model": settings.model,
        "via": "batch-api" if batch_api else "live",
        "price_per_million": (
            {"input": price.input, "output": price.output, "source": price.source}
            if price
            else None
        ),
        "estimated_cost_usd": None if cost is None else round(cost, 6),
    }
    if as_json:
        typer.echo(json.dumps({**totals, "rows": listed}, ensure_ascii=False, indent=2))
        return
    if settings.offline:
        typer.echo(
            f"{docs} documents ({unreadable} unreadable): offline engine, no model calls, no cost"
        )
        return
    if price:
        half = ", Batch API half price" if batch_api else ""
        money = (
            f"estimated cost at most ${cost:,.4f} at ${price.input:g}/${price.output:g} per "
            f"million input/output tokens ({price.source}{half})"
        )
    else:
        money = (
            f"cost unknown: no built-in price for {settings.model}; "
            "give --price-in and --price-out (USD per million tokens)"
        )
    typer.echo(
        f"{docs} documents ({unreadable} unreadable): {calls} calls to model {settings.model}, "
        f"~{tokens:,} prompt tokens (estimated: 1 per CJK character, 1 per 4 other characters) "
        f"and at most {completion:,} completion tokens (--max-tokens {settings.max_tokens:,} "
        f"per call); {money}"
    )


cache_app = typer.Typer(
    help="The stage cache: stage results kept so unchanged documents cost no model calls.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


def _cache(cache_dir: Path | None) -> Any:
    from retro_ai.stages.cache import StageCache

    return StageCache(_settings(cache_dir=cache_dir).cache_dir)


@cache_app.command("info")
def cache_info_cmd(cache_dir: CacheDir = None) -> None:
    """Print where the stage cache is, its entries and its size."""
    with _errors():
        info = _cache(cache_dir).info()
        typer.echo(f"{info.path}\t{info.entries} entries\t{_size(info.size)}")


@cache_app.command("clear")
def cache_clear_cmd(cache_dir: CacheDir = None) -> None:
    """Remove every cached stage result."""
    with _errors():
        info = _cache(cache_dir).clear()
        typer.echo(
            f"removed {info.entries} entries ({_size(info.size)}) from {info.path}", err=True
        )


def _size(size: int) -> str:
    from rich.filesize import decimal

    return decimal(size)


@app.command("redact")
def redact_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Notes, transcripts, metrics; - for stdin.")],
    roster: Roster = None,
) -> None:
    """Print exactly the source text a model would receive with --redact; counts on stderr.

    Example: retro-ai redact notes.txt call.vtt --roster team.txt
    """
    with _errors():
        from retro_ai.ingest import load_sources
        from retro_ai.redact import KINDS, read_roster, redact_sources
        from retro_ai.stages.ask import render_sources

        names = read_roster(roster) if roster is not None else []
        redacted = redact_sources(load_sources(inputs), names)
        text = [s for s in redacted.sources if s.type != "metrics"]
        if text:
            typer.echo(render_sources(text))
        for source in redacted.sources:
            if source.type == "metrics":  # not sent as text: its rows become goals and results
                typer.echo(f"# metrics {source.name}, read as rows:")
                typer.echo(source.text())
        counts = redacted.counts
        summary = ", ".join(f"{kind.lower()} {counts[kind]}" for kind in KINDS if counts[kind])
        distinct = len(redacted.mapping)
        typer.echo(
            f"retro-ai: redacted {summary or 'nothing'} ({distinct} distinct values)", err=True
        )


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the structured retrospective."""
    import json

    from retro_ai.schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command("templates")
def templates_cmd() -> None:
    """List the built-in report templates and the kinds they serve."""
    from retro_ai.resources import bundled_dir

    for path in sorted(bundled_dir("templates").glob("*.md.j2")):
        if not path.name.startswith("_"):
            kind, lang = path.name.split(".")[:2]
            typer.echo(f"{kind:<10} {lang}  {path.name}")
    typer.echo("other      -   uses the project template")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="retro-ai")
