"""The one settings object: flags override environment variables, which override defaults.

A model is configured only when a model name is given (`--model` or `RETRO_AI_MODEL`);
otherwise drafting uses the offline engine. The API key is a `SecretStr` so it never prints.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from retro_ai.errors import ConfigError

ResponseFormat = Literal["auto", "json_schema", "json_object", "text"]

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
}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None
    response_format: ResponseFormat = "auto"
    timeout: float = Field(120.0, gt=0)
    max_retries: int = Field(2, ge=0, le=10)
    max_tokens: int = Field(4096, ge=64)
    max_reasks: int = Field(2, ge=0, le=5)
    concurrency: int = Field(4, ge=1, le=64)

    @classmethod
    def resolve(cls, **flags: Any) -> Settings:
        """Settings from flags (None means not given), then the environment, then defaults."""
        values: dict[str, Any] = {}
        for name, env in _ENV.items():
            flag = flags.pop(name, None)
            if flag is not None:
                values[name] = flag
            elif os.environ.get(env):
                values[name] = os.environ[env]
        if flags:
            raise TypeError(f"unknown settings: {sorted(flags)}")
        try:
            return cls(**values)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(map(str, err["loc"]))
            raise ConfigError(
                f"invalid setting {where} ({_ENV.get(where, where)}): {err['msg']}"
            ) from None

    @property
    def offline(self) -> bool:
        return not self.model
