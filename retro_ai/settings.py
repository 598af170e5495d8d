"""The one settings object: flags override environment variables, which override defaults.

A model is configured only when a model name is given (`--model` or `RETRO_AI_MODEL`);
otherwise drafting uses the offline engine. The API key is a `SecretStr` so it never prints.
Settings remember which values came from the environment, so an `OPENAI_BASE_URL` exported for
other tools does not stop an offline run while an explicit `--base-url` without a model does.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from retro_ai.errors import ConfigError
from retro_ai.vocab import ResponseFormat

# The structured-output ladder, top rung first; "auto" starts at the top and steps down.

_ENV = {
    "model": "RETRO_AI_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "response_format": "RETRO_AI_RESPONSE_FORMAT",
    "timeout": "RETRO_AI_TIMEOUT",
    "max_retries": "RETRO_AI_MAX_RETRIES",
    "max_tokens": "RETRO_AI_MAX_TOKENS",
    "max_reasks": "RETRO_AI_MAX_REASKS",
    "concurrency": "RETRO_AI_CONCURRENCY",
    "rpm": "RETRO_AI_RPM",
    "tpm": "RETRO_AI_TPM",
    "cache_dir": "RETRO_AI_CACHE_DIR",
    "no_cache": "RETRO_AI_NO_CACHE",
    "price_in": "RETRO_AI_PRICE_IN",
    "price_out": "RETRO_AI_PRICE_OUT",
    "context_window": "RETRO_AI_CONTEXT_WINDOW",
    "max_input_tokens": "RETRO_AI_MAX_INPUT_TOKENS",
    "max_cost_tokens": "RETRO_AI_MAX_COST_TOKENS",
}
_FLAGS = {
    "model": "--model",
    "base_url": "--base-url",
    "response_format": "--response-format",
    "timeout": "--timeout",
    "max_tokens": "--max-tokens",
    "concurrency": "--concurrency",
    "rpm": "--rpm",
    "tpm": "--tpm",
    "cache_dir": "--cache-dir",
    "price_in": "--price-in",
    "price_out": "--price-out",
    "context_window": "--context-window",
    "max_input_tokens": "--max-input-tokens",
    "max_cost_tokens": "--max-cost-tokens",
}
MAX_PRICE = 10_000.0  # USD per million tokens; far above any listed model, so a typo is caught
MAX_TIMEOUT = 3600.0  # seconds per request; beyond an hour a request is hung, not slow
# LangSmith reads both prefixes; older LangChain versions trace on any non-false value.
_TRACING_ENV = (
    "LANGSMITH_TRACING",
    "LANGSMITH_TRACING_V2",
    "LANGCHAIN_TRACING_V2",
    "LANGCHAIN_TRACING",
)
_FALSE = {"", "0", "false", "no", "off"}


def check_base_url(url: str) -> None:
    """Raise ValueError unless `url` is an http(s) URL with a host, a valid port and no userinfo.

    Userinfo is refused because the HTTP client would send it as Basic auth in place of the API
    key; the messages never repeat the URL, so a password in it is never shown.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError("must start with http:// or https://")
    if "@" in parts.netloc:
        raise ValueError(
            "must not contain a user name or password; the API key comes from OPENAI_API_KEY"
        )
    if not parts.hostname:
        raise ValueError("has no host name")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port is not None and not 1 <= port <= 65535:
        raise ValueError("port must be a number from 1 to 65535")


def langsmith_tracing() -> str | None:
    """The environment variable that turns LangSmith tracing on, if one does.

    Deliberately broader than LangSmith's own test (exactly "true" in current versions), so a
    notice is never missing when traces may leave the machine.
    """
    for name in _TRACING_ENV:
        if os.environ.get(name, "").strip().lower() not in _FALSE:
            return name
    return None


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None
    response_format: ResponseFormat = "auto"
    timeout: float = Field(120.0, gt=0, le=MAX_TIMEOUT, allow_inf_nan=False)
    max_retries: int = Field(2, ge=0, le=10)
    max_tokens: int = Field(4096, ge=64)
    max_reasks: int = Field(2, ge=0, le=5)
    concurrency: int = Field(4, ge=1, le=64)
    rpm: int | None = Field(None, ge=1, le=1_000_000)  # requests per minute, process-wide
    tpm: int | None = Field(None, ge=1, le=1_000_000_000)  # tokens per minute, process-wide
    # Stage results are cached here (default: the user cache folder), unless no_cache.
    cache_dir: Path | None = None
    no_cache: bool = False
    # USD per million tokens, overriding the price table for a dry run's cost estimate.
    price_in: float | None = Field(None, ge=0, le=MAX_PRICE, allow_inf_nan=False)
    price_out: float | None = Field(None, ge=0, le=MAX_PRICE, allow_inf_nan=False)
    # The model's context window in tokens (prompt plus reply), when the name does not tell it.
    context_window: int | None = Field(None, ge=1024, le=10_000_000)
    # Above this many input tokens the sources are chunked (default: the context window).
    max_input_tokens: int | None = Field(None, ge=512, le=10_000_000)
    # A run estimated to spend more tokens than this asks first (refuses off a terminal).
    max_cost_tokens: int | None = Field(None, ge=1, le=10_000_000_000)
    _from_env: frozenset[str] = PrivateAttr(default_factory=frozenset)

    @field_validator("base_url")
    @classmethod
    def _usable_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Check the URL only when a model will use it; offline runs ignore it."""
        if value is not None and info.data.get("model"):
            check_base_url(value)
        return value

    @classmethod
    def resolve(cls, **flags: Any) -> Settings:
        """Settings from flags (None means not given), then the environment, then defaults."""
        values: dict[str, Any] = {}
        from_env: set[str] = set()
        for name, env in _ENV.items():
            flag = flags.pop(name, None)
            if flag is not None:
                values[name] = flag
            elif os.environ.get(env):
                values[name] = os.environ[env]
                from_env.add(name)
        if flags:
            raise TypeError(f"unknown settings: {sorted(flags)}")
        try:
            settings = cls(**values)
        except ValidationError as exc:
            err = exc.errors()[0]
            name = str(err["loc"][0]) if err["loc"] else ""
            source = _ENV[name] if name in from_env else _FLAGS.get(name, f"setting {name}")
            reason = (err.get("ctx") or {}).get("error") or err["msg"]
            raise ConfigError(f"invalid {source}: {reason}") from None
        settings._from_env = frozenset(from_env)
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse an explicit base URL without a model: the run would silently go offline."""
        if self.offline and self.base_url and "base_url" not in self._from_env:
            raise ConfigError(
                "--base-url was given but no model: pass --model (or set RETRO_AI_MODEL)"
            )

    @property
    def offline(self) -> bool:
        return not self.model

    @property
    def window(self) -> int:
        """The model's context window: as set, else as known for its name, else 8k tokens."""
        from retro_ai.models.tokens import DEFAULT_WINDOW, context_window

        return self.context_window or context_window(self.model) or DEFAULT_WINDOW

    @property
    def input_budget(self) -> int:
        """Input tokens above which sources are chunked: --max-input-tokens, else the window."""
        return min(self.max_input_tokens or self.window, self.window)
