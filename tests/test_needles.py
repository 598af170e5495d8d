"""The gate before a cue pattern (retro_ai.needles) skips only texts the pattern cannot match."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from retro_ai.needles import Gated, needles
from retro_ai.stages.offline import analyze_causes, cues, events, owners, prose, stated_goals
from retro_ai.verify import durations

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("pattern", "flags", "words"),
    [
        (r"\b(?:foo|bar)s?\b|baz", re.I, ("bar", "baz", "foo")),
        (r"Went Well|做得好", re.I, ("went well", "做得好")),
        (r"(?:ab)+c", 0, ("ab",)),  # a repeat of at least one holds its word
        (r"x?y*z{0,3}", 0, None),  # everything optional: any text may match
        (r"\bcafé\b", re.I, None),  # a cased letter outside ASCII: never gated
        (r"(?i:later)|soon", 0, None),  # inline flags are not read
        (r"wait[?？]", 0, ("wait",)),
        (r"[?？]\s*$", 0, ("?", "？")),
    ],
)
def test_needles_are_the_words_every_match_holds(
    pattern: str, flags: int, words: tuple[str, ...] | None
) -> None:
    assert needles(re.compile(pattern, flags)) == words


def test_a_text_with_a_letter_that_folds_oddly_is_always_searched() -> None:
    gate = Gated(re.compile(r"\bsure\b", re.I))
    assert gate.search("ſure") is not None  # IGNORECASE matches the long s as "s"
    assert gate.search("nothing here") is None


def _gated(module: ModuleType) -> Iterator[Gated]:
    for value in vars(module).values():
        if isinstance(value, Gated):
            yield value
        elif isinstance(value, (list, tuple)):
            for item in value:
                parts = item if isinstance(item, tuple) else (item,)
                yield from (p for p in parts if isinstance(p, Gated))


def _texts() -> list[str]:
    out: set[str] = set()
    for path in sorted(DATA.rglob("*")):
        if path.suffix in {".txt", ".md", ".vtt", ".srt"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            out.update(line for line in text.splitlines() if line.strip())
            out.update(p for p in text.split("\n\n") if p.strip())
    return sorted(out)


def test_every_gated_cue_answers_as_its_pattern_does_on_every_test_text() -> None:
    modules = (cues, prose, owners, events, analyze_causes, durations, stated_goals)
    gates = [g for m in modules for g in _gated(m)]
    assert len(gates) >= 20
    texts = _texts()
    assert len(texts) > 5000
    for gate in gates:
        for text in texts:
            if not gate.may_match(text):
                assert gate.rx.search(text) is None, (gate.pattern[:60], text[:80])
