"""A retrospective's files: the Markdown draft rendered once, the other formats derived from it."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, TypeAdapter

from retro_ai.errors import UsageError
from retro_ai.render.formats import DEFAULT_FORMATS, FORMATS
from retro_ai.render.write import Content
from retro_ai.schema import Evidence, Language, Retrospective

_BATCH = 512  # list items serialized at a time


def parse_formats(values: Sequence[str] | None) -> list[str]:
    """`--format md,html --format docx` → ["md", "html", "docx"]; unknown names are an error."""
    if not values:
        return list(DEFAULT_FORMATS)
    formats: list[str] = []
    for value in values:
        for name in (v.strip().lower() for v in value.split(",")):
            if name not in FORMATS:
                raise UsageError(f"unknown format '{name}'; choose from {', '.join(FORMATS)}")
            if name not in formats:
                formats.append(name)
    return formats


def relative_sources(retro: Retrospective, folder: Path) -> Retrospective:
    """`retro` with its absolute source paths and names (and roster path) made relative to
    `folder`, where the draft is written; changed in place and returned.

    A shared draft then names no user folders (not in `meta.sources`, nor in any quote's
    source), and `redraft` finds the sources beside it after the folder moves. Relative paths
    are already relative to the draft and stay as they are. In place, because a copy of a
    week of chat's draft (every item and quote) cost a second and a hundred megabytes, and
    every caller writes this form of the draft.
    """
    start = Path(folder).resolve()
    renamed: dict[str, str] = {}
    for info in retro.meta.sources:
        if info.path is not None and os.path.isabs(info.path):
            try:
                info.path = Path(os.path.relpath(info.path, start)).as_posix()
            except ValueError:  # another drive on Windows: no relative path exists
                continue
        if os.path.isabs(info.name) and info.path is not None:
            renamed[info.name] = info.name = info.path
    redaction = retro.meta.redaction
    if redaction is not None and redaction.roster and os.path.isabs(redaction.roster):
        try:
            redaction.roster = Path(os.path.relpath(redaction.roster, start)).as_posix()
        except ValueError:  # another drive on Windows
            pass
    if renamed:
        for evidence in _evidence(retro):
            evidence.source = renamed.get(evidence.source or "", evidence.source)
    return retro


def _evidence(node: object) -> Iterator[Evidence]:
    """Every Evidence anywhere in a model tree."""
    if isinstance(node, Evidence):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _evidence(getattr(node, name))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _evidence(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _evidence(item)


def build_files(
    retro: Retrospective,
    formats: Sequence[str],
    *,
    lang: Language | None = None,
    template: Path | None = None,
) -> dict[str, Content]:
    """The content of each requested format, keyed by format."""
    from retro_ai.render.formats import render_formats
    from retro_ai.render.markdown import render_markdown

    lang = lang or retro.meta.output_language
    markdown = render_markdown(retro, lang, template) if set(formats) - {"json"} else ""
    title = retro.meta.title or retro.meta.kind
    # The reports first, then the JSON: the Markdown text is gone before the JSON is made.
    reports = [f for f in formats if f != "json"]
    files: dict[str, Content] = dict(
        render_formats(markdown, "", title=title, lang=lang, formats=reports)
    )
    del markdown
    if "json" in formats:
        files["json"] = json_parts(retro)
    return {fmt: files[fmt] for fmt in dict.fromkeys(formats)}


def json_parts(retro: Retrospective) -> tuple[bytes, ...]:
    """`retro` as indented JSON, byte for byte the serializer's, in parts written in order.

    Serialized whole, a week of chat's draft (64 MB of JSON) cost the serializer's growing
    buffer and a copy of it, 150 MB at once; a few hundred items at a time, it costs the parts.
    """
    parts: list[bytes] = [b"{"]
    for n, name in enumerate(Retrospective.model_fields):
        value = getattr(retro, name)
        adapter = _adapter(name)
        parts.append(b"," if n else b"")
        parts.append(b'\n  "%s": ' % name.encode())
        if not isinstance(value, list) or len(value) <= _BATCH:
            parts.append(_indented(adapter.dump_json(value, indent=2)))
            continue
        parts.append(b"[")
        for start in range(0, len(value), _BATCH):
            text = adapter.dump_json(value[start : start + _BATCH], indent=2)
            parts.append(b"," if start else b"")
            parts.append(_indented(text[1:-2]))  # the items, without "[" and "\n]"
        parts.append(b"\n  ]")
    parts.append(b"\n}\n")
    return tuple(parts)


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    """The serializer of one field of `Retrospective`, as the model's own serializer uses it."""
    return TypeAdapter(cast(Any, Retrospective.model_fields[name].annotation))


def _indented(text: bytes) -> bytes:
    """JSON text one level deeper (no string in it holds a raw newline)."""
    return text.replace(b"\n", b"\n  ")


def output_stem(name: str, *, retro_json: bool = False) -> str:
    """A file name minus its last extension only (`a.b.c.md` → `a.b.c`, `.hidden.md` →
    `.hidden`), so inputs with different names never share outputs.

    With `retro_json` the name is a `<stem>.retro.json` being rendered again: its `.retro` goes
    too, so the report lands beside it as `<stem>.retro.<ext>`.
    """
    head, dot, _ = name.rpartition(".")
    stem = head if dot and head else name
    if retro_json:
        stem = stem.removesuffix(".retro")
    return stem or "retro"


def targets(
    first_input: str, output: Path | None, formats: Sequence[str], *, retro_json: bool = False
) -> dict[str, Path]:
    """Where each format goes: `<stem>.retro.<ext>` beside the first input, or as `-o` says.

    `-o` is an existing folder, or a file path whose extension (if any) is replaced per format.
    `retro_json` says the input is a `.retro.json` (render, redraft); see `output_stem`.
    """
    if first_input == "-":
        stem = "stdin"
    else:
        stem = output_stem(Path(first_input).name, retro_json=retro_json)
    if output is None:
        folder = Path(".") if first_input == "-" else Path(first_input).parent
        base = folder / f"{stem}.retro"
    elif output.is_dir():
        base = output / f"{stem}.retro"
    elif output.suffix.lstrip(".") in FORMATS:
        base = output.with_name(output.name.removesuffix(output.suffix))
    else:
        raise UsageError(f"{output}: -o takes an existing folder or a path ending in .md")
    return {fmt: base.with_name(f"{base.name}.{fmt}") for fmt in formats}
