"""List prices of a few well-known models, so a batch dry run can estimate what a run costs.

USD per million tokens (input, output), standard live rates without cached-input discounts,
as the providers listed them in September 2025. Prices change: `--price-in` and `--price-out`
(or RETRO_AI_PRICE_IN / RETRO_AI_PRICE_OUT) override them, and a model not listed here gets
no price at all rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PRICES_TAKEN = "2025-09"
BATCH_API_DISCOUNT = 0.5  # the OpenAI Batch API bills half the live rate

# model: (USD per 1M input tokens, USD per 1M output tokens)
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "deepseek-chat": (0.56, 1.68),
    "qwen-plus": (0.40, 1.20),
}
_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")  # gpt-4o-2024-08-06 is billed as gpt-4o


@dataclass(frozen=True)
class Price:
    """USD per million tokens, after overrides and any Batch API discount."""

    input: float
    output: float
    source: str  # "table (2025-09)", "flags", or "table (2025-09) and flags"

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input + completion_tokens * self.output) / 1_000_000


def listed(model: str) -> tuple[float, float] | None:
    """The table's price of `model` (a dated snapshot counts as its model), or None."""
    name = model.strip().lower()
    return PRICES.get(name) or PRICES.get(_SNAPSHOT.sub("", name))


def resolve(
    model: str, price_in: float | None, price_out: float | None, *, batch_api: bool
) -> Price | None:
    """The price to estimate with: each flag overrides its side of the table; None if either
    side is still unknown, so an unlisted model's cost is never guessed."""
    table = listed(model)
    per_in = price_in if price_in is not None else table[0] if table else None
    per_out = price_out if price_out is not None else table[1] if table else None
    if per_in is None or per_out is None:
        return None
    flags = price_in is not None or price_out is not None
    from_table = table is not None and (price_in is None or price_out is None)
    source = " and ".join(
        s for s, used in ((f"table ({PRICES_TAKEN})", from_table), ("flags", flags)) if used
    )
    factor = BATCH_API_DISCOUNT if batch_api else 1.0
    return Price(per_in * factor, per_out * factor, source)
