"""Rendering a `Retrospective` into a Markdown draft with Jinja2 templates per kind and language.

The data comes shaped from `retro_ai.render.view.build_view`; templates only loop and print.
Built-in templates render in a plain environment; a user's template renders in a bounded sandbox
(`retro_ai.render.sandbox`). Both use StrictUndefined, and a template error becomes one line
naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from retro_ai.errors import ConfigError
from retro_ai.render.view import build_view
from retro_ai.resources import bundled_dir
from retro_ai.schema import Language, Retrospective

# Macros leave extra blank lines (Markdown needs one), and the file ends in exactly one newline.
_BLANK_RUNS = re.compile(r"\n{3,}|(?<!\n)\n*\Z")


def _tidy_run(match: re.Match[str]) -> str:
    return "\n" if match.end() == len(match.string) else "\n\n"


def tidy(pieces: Iterable[str]) -> str:
    """A template's output pieces as one text, blank runs squeezed and one final newline.

    A week of chat renders to a million small pieces; joined a batch at a time they never all
    live at once, and the squeeze is one pass, so the report exists as at most two strings.
    """
    stream = iter(pieces)
    chunks: list[str] = []
    while batch := "".join(islice(stream, 4096)):
        chunks.append(batch)
    text = "".join(chunks)
    chunks.clear()
    return _BLANK_RUNS.sub(_tidy_run, text)


def template_name(kind: str, lang: Language, directory: Path) -> str | None:
    """The template file for a kind and language in `directory`, falling back to project."""
    for name in (f"{kind}.{lang}.md.j2", f"project.{lang}.md.j2"):
        if (directory / name).is_file():
            return name
    return None


def check_template(template: Path | None) -> None:
    """A template path must be a file or a folder: anything else would mean the built-ins."""
    if template is None or template.is_file() or template.is_dir():
        return
    if template.exists():
        raise ConfigError(f"{template}: template is not a file or folder")
    raise ConfigError(f"{template}: template file or folder does not exist")


def render_markdown(
    retro: Retrospective, lang: Language | None = None, template: Path | None = None
) -> str:
    """The Markdown draft for `retro`, in `lang` or the retrospective's output language.

    `template` is a team's own template file, or a folder of `<kind>.<lang>.md.j2` files that
    are used where present; either renders in a sandbox.
    """
    lang = lang or retro.meta.output_language
    builtin = bundled_dir("templates")
    kind = retro.meta.kind
    check_template(template)
    name: str | None
    if template is not None and template.is_file():
        folder, name, user = template.parent, template.name, True
    elif template is not None and template_name(kind, lang, template):
        folder, name, user = template, template_name(kind, lang, template), True
    else:
        folder, name, user = builtin, template_name(kind, lang, builtin), False
    if name is None:
        raise ConfigError(f"no template for kind '{kind}' in language '{lang}'")
    return _render(folder, name, user, build_view(retro, lang), builtin)


_OPTIONS: dict[str, Any] = {
    "autoescape": False,  # Markdown: values were made safe by `md` when the view was built
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


@cache
def _builtin_env(builtin: Path) -> Any:
    """One environment for the built-in templates per process, so each template is compiled
    once rather than once per report (compiling dominated a batch's offline time)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(builtin), undefined=StrictUndefined, **_OPTIONS)


def _render(folder: Path, name: str, user: bool, view: dict[str, Any], builtin: Path) -> str:
    from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError

    from retro_ai.render.sandbox import BoundedSandbox, ContainedLoader, LimitError, render_bounded

    env = (
        BoundedSandbox(
            loader=ContainedLoader(folder, builtin), undefined=StrictUndefined, **_OPTIONS
        )
        if user
        else _builtin_env(builtin)
    )
    path = folder / name
    try:
        template = env.get_template(name)
        return tidy(render_bounded(template, view) if user else template.generate(**view))
    except TemplateSyntaxError as exc:
        raise ConfigError(f"{exc.filename or path}:{exc.lineno}: {exc.message}") from None
    except TemplateError as exc:
        where = _template_line(exc, folder)
        raise ConfigError(f"{where or path}: {exc.message or type(exc).__name__}") from None
    except LimitError as exc:
        raise ConfigError(f"{_template_line(exc, folder) or path}: {exc}") from None
    except RecursionError as exc:
        where = _template_line(exc, folder)
        raise ConfigError(f"{where or path}: template recursion too deep") from None
    except (ArithmeticError, LookupError, TypeError, ValueError, MemoryError) as exc:
        if not user:
            raise
        # A team's template is code: its runtime errors are theirs to fix, so one line.
        where = _template_line(exc, folder)
        raise ConfigError(f"{where or path}: {type(exc).__name__}: {exc}") from None


def _template_line(exc: BaseException, folder: Path) -> str | None:
    """`file:line` of the innermost template frame in the traceback, if any."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or Path(filename).parent == folder:
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
