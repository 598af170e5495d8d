"""The `retro-ai` command: a thin layer over the library that parses flags, writes files and
maps errors to one line on stderr with a distinct exit code.

Heavy imports (openai, LangChain, Jinja2) happen inside commands so `--help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from retro_ai.errors import RetroAIError

app = typer.Typer(
    name="retro-ai",
    help="Turn notes, transcripts and metrics into a structured retrospective (复盘) and a draft.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

Lang = Annotated[
    str | None, typer.Option("--lang", help="Output language: zh or en (default: the input's).")
]  # noqa: E501
Force = Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")]
Output = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Report path ending in .md, or an existing folder."),
]


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"retro-ai: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except RetroAIError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", 130) from None


def _check_choice(value: str | None, choices: tuple[str, ...], flag: str) -> None:
    if value is not None and value not in choices:
        raise _fail(f"{flag} must be one of {', '.join(choices)} (got '{value}')", 2)


def _targets(stem_source: str, output: Path | None) -> tuple[Path, Path]:
    stem = "stdin" if stem_source == "-" else Path(stem_source).name.split(".")[0] or "retro"
    if output is None:
        folder = Path(".") if stem_source == "-" else Path(stem_source).parent
        md = folder / f"{stem}.retro.md"
    elif output.is_dir():
        md = output / f"{stem}.retro.md"
    elif output.suffix == ".md":
        md = output
    else:
        raise _fail(f"{output}: -o takes a path ending in .md or an existing folder", 2)
    return md, md.with_name(md.name.removesuffix(".md") + ".json")


@app.command("draft")
def draft_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Notes, transcripts (.vtt .srt), metrics (.csv .json .yaml); - for stdin."
        ),
    ],  # noqa: E501
    output: Output = None,
    force: Force = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print the structured result to stdout instead of writing files."
        ),
    ] = False,  # noqa: E501
    lang: Lang = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="Force the kind: project, personal, campaign, incident, sprint, other."
        ),
    ] = None,  # noqa: E501
    model: Annotated[
        str | None,
        typer.Option(
            "-m",
            "--model",
            help="Model on an OpenAI-compatible server [env: RETRO_AI_MODEL]; none: offline.",
        ),
    ] = None,  # noqa: E501
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL]."),
    ] = None,  # noqa: E501
    response_format: Annotated[
        str | None,
        typer.Option(
            "--response-format",
            help="Structured output rung: auto, json_schema, json_object, text.",
        ),
    ] = None,  # noqa: E501
    max_tokens: Annotated[
        int | None, typer.Option("--max-tokens", help="Reply token limit per stage.")
    ] = None,  # noqa: E501
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Seconds per model request.")
    ] = None,  # noqa: E501
    report_date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Report date (YYYY-MM-DD) for resolving due dates; default today."
        ),
    ] = None,  # noqa: E501
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="Do not show progress on stderr.")
    ] = False,  # noqa: E501
) -> None:
    """Draft a retrospective: writes <stem>.retro.md and <stem>.retro.json.

    Example: retro-ai draft notes.txt transcript.vtt metrics.csv
    """
    _check_choice(lang, ("zh", "en"), "--lang")
    _check_choice(
        kind, ("project", "personal", "campaign", "incident", "sprint", "other"), "--kind"
    )
    _check_choice(
        response_format, ("auto", "json_schema", "json_object", "text"), "--response-format"
    )  # noqa: E501
    try:
        day = date.fromisoformat(report_date) if report_date else None
    except ValueError:
        raise _fail(f"--date must be YYYY-MM-DD (got '{report_date}')", 2) from None
    with _errors():
        from retro_ai.ingest import load_sources
        from retro_ai.output import check_targets, write_all
        from retro_ai.pipeline import draft
        from retro_ai.progress import stage_progress
        from retro_ai.render import render_markdown
        from retro_ai.settings import Settings

        settings = Settings.resolve(
            model=model,
            base_url=base_url,
            response_format=response_format,
            max_tokens=max_tokens,
            timeout=timeout,
        )
        md_path, json_path = _targets(inputs[0], output)
        if not as_json:
            check_targets([md_path, json_path], force=force)
        sources = load_sources(inputs)
        if settings.offline:
            typer.echo(
                "retro-ai: no model configured (--model); using the offline engine", err=True
            )
        with stage_progress(enabled=not (no_progress or as_json)) as on_stage:
            retro = draft(
                sources,
                settings=settings,
                kind=kind,
                lang=lang,  # type: ignore[arg-type]
                report_date=day,
                on_stage=on_stage,
            )
        data = retro.model_dump_json(indent=2)
        if as_json:
            typer.echo(data)
            return
        write_all({md_path: render_markdown(retro), json_path: data + "\n"}, force=force)
        typer.echo(f"wrote {md_path} and {json_path}", err=True)


@app.command("render")
def render_cmd(
    retro_json: Annotated[Path, typer.Argument(help="A .retro.json file, possibly edited.")],
    output: Output = None,
    force: Force = False,
    lang: Lang = None,
) -> None:
    """Render a (possibly edited) .retro.json again as a Markdown report.

    Example: retro-ai render notes.retro.json --force
    """
    _check_choice(lang, ("zh", "en"), "--lang")
    with _errors():
        from retro_ai.ingest import read_text
        from retro_ai.output import write_all
        from retro_ai.render import render_markdown
        from retro_ai.schema import load_retrospective

        retro = load_retrospective(read_text(retro_json), str(retro_json))
        name = retro_json.name.removesuffix(".json").removesuffix(".retro")
        md_path, _ = _targets(str(retro_json.parent / name), output)
        write_all({md_path: render_markdown(retro, lang)}, force=force)  # type: ignore[arg-type]
        typer.echo(f"wrote {md_path}", err=True)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the structured retrospective."""
    import json

    from retro_ai.schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="retro-ai")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
