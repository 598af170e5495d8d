"""The stage cache: a stage's validated draft, kept on disk under a hash of everything that
decides the reply, so running the same documents again asks the model nothing.

The key covers the exact request (system prompt, the user message with the sources and the
sections the stage reads, the output schema) and the options that change the reply (model,
server, prompt version, response format, token limit). One JSON file per entry, written to a
temporary file beside it and renamed into place, so concurrent threads and processes never see
half an entry; an entry that cannot be read or no longer validates is a miss, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from retro_ai.errors import ConfigError
from retro_ai.models.base import ChatModel, Message
from retro_ai.stages.ask import Usage, ask, stage_messages
from retro_ai.stages.drafts import Draft
from retro_ai.stages.prompts import PromptSpec

if TYPE_CHECKING:
    from retro_ai.settings import Settings

FORMAT = 1  # bump when the entry layout or the key's meaning changes
_ENTRIES = "stages"
# Attributes of a model (or of the model it wraps) that change what it replies.
_IDENTITY = ("name", "base_url", "response_format", "max_tokens", "temperature")


def default_dir() -> Path:
    """The per-user cache folder (platformdirs: XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("retro-ai", appauthor=False)


def model_identity(model: Any) -> dict[str, Any]:
    """What identifies `model`'s replies, read through wrappers (`.model`, `._model`)."""
    identity: dict[str, Any] = {}
    seen: set[int] = set()
    while model is not None and id(model) not in seen:
        seen.add(id(model))
        for attr in _IDENTITY:
            value = getattr(model, attr, None)
            if isinstance(value, (str, int, float, bool)) and attr not in identity:
                identity[attr] = value
        model = getattr(model, "model", None) or getattr(model, "_model", None)
        if isinstance(model, str):
            identity.setdefault("model", model)
            break
    return identity


def stage_key(
    *,
    stage: str,
    prompt_version: str,
    messages: list[Message],
    output: type[Draft],
    model: dict[str, Any],
) -> str:
    """The hex digest that names a stage's cache entry."""
    payload = {
        "format": FORMAT,
        "stage": stage,
        "prompt_version": prompt_version,
        "messages": messages,
        "output": output.__name__,
        "schema": _schema(output),
        "model": model,
    }
    blob = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@functools.cache
def _schema(output: type[Draft]) -> str:
    """The output schema as text, built once per model (it is part of every key)."""
    return json.dumps(output.model_json_schema(), sort_keys=True)


@dataclass
class CacheInfo:
    path: Path
    entries: int
    size: int  # bytes


class StageCache:
    """Stage drafts on disk, one file per key under `<dir>/stages/<2 hex>/<key>.json`."""

    def __init__(self, directory: Path | None = None) -> None:
        self.dir = (directory or default_dir()).expanduser()

    @classmethod
    def from_settings(cls, settings: Settings) -> StageCache | None:
        """The cache `settings` ask for: None with no_cache, else in cache_dir or the default."""
        return None if settings.no_cache else cls(settings.cache_dir)

    def _path(self, key: str) -> Path:
        return self.dir / _ENTRIES / key[:2] / f"{key}.json"

    def get(self, key: str, output: type[Draft]) -> Draft | None:
        """The cached draft for `key`, or None when absent, unreadable or no longer valid."""
        try:
            data = json.loads(self._path(key).read_bytes())
            if data.get("format") != FORMAT or data.get("output") != output.__name__:
                return None
            return output.model_validate(data["draft"])
        except (OSError, ValueError, AttributeError, KeyError, TypeError, ValidationError):
            return None

    def put(self, key: str, draft: Draft) -> None:
        """Store `draft` atomically; a cache that cannot be written only costs a future call."""
        path = self._path(key)
        data = json.dumps(
            {"format": FORMAT, "output": type(draft).__name__, "draft": draft.model_dump()},
            ensure_ascii=False,
        ).encode("utf-8")
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
            tmp = None
        except OSError:
            return  # read-only or full disk: drafting still works, just uncached
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def info(self) -> CacheInfo:
        """Where the cache is, and how many entries and bytes it holds."""
        entries = size = 0
        root = self.dir / _ENTRIES
        if root.is_dir():
            for path in root.glob("*/*.json"):
                try:
                    size += path.stat().st_size
                except OSError:
                    continue
                entries += 1
        return CacheInfo(self.dir, entries, size)

    def clear(self) -> CacheInfo:
        """Remove every entry; return what was removed."""
        before = self.info()
        root = self.dir / _ENTRIES
        if root.is_symlink() or root.is_file():
            raise ConfigError(f"{root}: is not a cache folder; remove it by hand")
        try:
            shutil.rmtree(root)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise ConfigError(f"{root}: cannot clear the cache: {exc.strerror or exc}") from None
        return before


def cached_ask(
    model: ChatModel,
    spec: PromptSpec,
    variables: dict[str, str],
    max_reasks: int,
    cache: StageCache | None,
) -> tuple[Draft, Usage]:
    """`ask`, answered from `cache` when this exact request was answered before (then with
    zero usage: no call was made), and remembered there when it was not."""
    if cache is None:
        return ask(model, spec, variables, max_reasks)
    key = stage_key(
        stage=spec.id,
        prompt_version=spec.version,
        messages=stage_messages(spec, variables),
        output=spec.output_model,
        model=model_identity(model),
    )
    hit = cache.get(key, spec.output_model)
    if hit is not None:
        return hit, Usage()
    draft, usage = ask(model, spec, variables, max_reasks)
    cache.put(key, draft)
    return draft, usage
