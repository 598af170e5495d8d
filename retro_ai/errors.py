"""Every error retro-ai raises on purpose, each with the exit code the CLI turns it into.

The CLI catches only `RetroAIError`; anything else is a bug and keeps its traceback.
Exit codes follow BSD sysexits so scripts can tell input, config and service failures apart.
"""

from __future__ import annotations

EXIT_USAGE = 2
EXIT_SOME_FAILED = 3
EXIT_COST_LIMIT = 4


class RetroAIError(Exception):
    """Base class: a problem to show the user as one line."""

    exit_code = 1


class UsageError(RetroAIError):
    """A flag or argument value is invalid."""

    exit_code = EXIT_USAGE


class InputError(RetroAIError):
    """An input file is empty, binary, undecodable, too large or malformed."""

    exit_code = 65  # EX_DATAERR


class MissingInputError(InputError):
    """An input path does not exist or cannot be read."""

    exit_code = 66  # EX_NOINPUT


class OutputExistsError(RetroAIError):
    """An output file exists and --force was not given, or it cannot be written."""

    exit_code = 73  # EX_CANTCREAT


class ConfigError(RetroAIError):
    """Settings, a prompt file or a template are invalid, or no model can be built from them."""

    exit_code = 78  # EX_CONFIG


class PromptError(ConfigError):
    """A prompt file is malformed: bad front matter, unknown output model, wrong variables."""


class ModelError(RetroAIError):
    """The model service failed in a way retrying will not fix."""

    exit_code = 69  # EX_UNAVAILABLE


class ServiceUnreachableError(ModelError):
    """The model server could not be reached or timed out."""


class AuthError(ModelError):
    """The API key was rejected."""

    exit_code = 77  # EX_NOPERM


class QuotaError(ModelError):
    """The account is out of quota or rate-limited past the SDK's retries."""

    exit_code = 75  # EX_TEMPFAIL


class QuotaExhaustedError(QuotaError):
    """The account has no quota left (insufficient_quota): no retry or later document can pass."""


class ModelOutputError(ModelError):
    """The model's reply cannot be used: refused, truncated, or invalid after the re-asks."""

    exit_code = 76  # EX_PROTOCOL


class ContextOverflowError(ModelError):
    """A request cannot fit the model's context window, even with its reply trimmed."""

    def __init__(self, message: str, *, prompt_tokens: int = 0, window: int = 0) -> None:
        super().__init__(message)
        self.prompt_tokens, self.window = prompt_tokens, window


class RefusalError(ModelOutputError):
    """The model refused to answer."""


class TruncatedError(ModelOutputError):
    """The reply stopped at the token limit (finish_reason=length); `partial` is what came."""

    def __init__(self, message: str, *, partial: str = "") -> None:
        super().__init__(message)
        self.partial = partial


class EmptyReplyError(ModelOutputError):
    """The reply had no text at all."""


class DraftValidationError(ModelOutputError):
    """The reply did not validate against the stage's model after the bounded re-asks."""

    def __init__(self, stage: str, attempts: int, errors: str, last_reply: str) -> None:
        self.stage = stage
        self.attempts = attempts
        self.last_reply = last_reply
        snippet = " ".join(last_reply.split())[:160]
        super().__init__(
            f"stage {stage}: model output invalid after {attempts} attempts ({errors}); "
            f"last reply: {snippet!r}"
        )


class CostLimitError(RetroAIError):
    """A run's estimated tokens exceed --max-cost-tokens and it was not confirmed."""

    exit_code = EXIT_COST_LIMIT


class SomeFailedError(RetroAIError):
    """A batch finished, but some documents failed; each one's reason is in the index."""

    exit_code = EXIT_SOME_FAILED
