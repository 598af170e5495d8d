"""Shared fixtures: an isolated environment, a recording stub model, the checkout example data,
a loopback OpenAI-compatible server and the offline quality scorer.

Test modules never import each other or the helper modules here; they ask for these fixtures."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel

from retro_ai.models.base import Completion, Message
from tests import quality as quality_module
from tests.fakeserver import FakeServers

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHECKOUT = Path(__file__).resolve().parent / "data" / "checkout"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "shared: uses the seed or corpus in ../shared; collected only when it is there"
    )


@functools.cache
def _unseen() -> list[quality_module.Label]:
    """The unseen labels, read once per session: only the tests that ask for them pay for it."""
    return [label for half in ("dev", "heldout") for label in quality_module.load_set(half)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`labelled_document`: one test per hand-labelled document whose text is present (the
    unseen dev and held-out documents included); `unseen_label`: one per unseen document."""
    if not {"labelled_document", "unseen_label"} & set(metafunc.fixturenames):
        return
    unseen = _unseen()
    if "labelled_document" in metafunc.fixturenames:
        available = [label for label in quality_module.load_labels() if label.available] + unseen
        metafunc.parametrize("labelled_document", available, ids=[a.name for a in available])
    if "unseen_label" in metafunc.fixturenames:
        metafunc.parametrize("unseen_label", unseen, ids=[a.name for a in unseen])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect (rather than skip) the extra runs on ../shared when the folder is absent,
    so a clean clone reports skips only for tools that are not installed."""
    if SHARED.is_dir():
        return
    dropped = [item for item in items if item.get_closest_marker("shared")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("shared")]


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path):
    """No test may reach a real model: drop keys and model settings, isolate home dirs."""
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "RETRO_AI_MODEL",
        "RETRO_AI_RESPONSE_FORMAT",
        "RETRO_AI_TIMEOUT",
        "RETRO_AI_MAX_RETRIES",
        "RETRO_AI_MAX_TOKENS",
        "RETRO_AI_MAX_REASKS",
        "RETRO_AI_CONCURRENCY",
        "RETRO_AI_RPM",
        "RETRO_AI_TPM",
        "LANGSMITH_TRACING",
        "LANGCHAIN_TRACING_V2",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


class FakeModel:
    """A stub ChatModel: replies per output model name, and records what each stage was sent."""

    name = "fake-model"

    def __init__(self, replies: dict[str, object] | None = None) -> None:
        self.replies: dict[str, list[str]] = {}
        self.history: list[tuple[str, list[Message]]] = []
        self._lock = threading.Lock()
        for output, reply in (replies or {}).items():
            self.enqueue(output, reply)

    def enqueue(self, output: str, reply: object) -> None:
        """Queue a reply (str, dict or list of them) for stage output `output`; the last repeats."""
        items = reply if isinstance(reply, list) else [reply]
        self.replies.setdefault(output, []).extend(
            r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in items
        )

    def complete(self, messages: list[Message], *, output: type[BaseModel]) -> Completion:
        with self._lock:
            self.history.append((output.__name__, [dict(m) for m in messages]))
            queue = self.replies.get(output.__name__, [])
            text = queue.pop(0) if len(queue) > 1 else (queue[0] if queue else "{}")
        return Completion(text=text, prompt_tokens=len(str(messages)) // 4, completion_tokens=5)

    def sent(self, output: str) -> list[list[Message]]:
        return [m for name, m in self.history if name == output]


@pytest.fixture
def fake_model() -> FakeModel:
    return FakeModel()


@pytest.fixture
def make_fake_model() -> Callable[..., FakeModel]:
    """A factory `make_fake_model(replies)` for tests that need a fresh or a second stub model."""
    return FakeModel


@pytest.fixture
def checkout_notes() -> str:
    """Meeting notes of a checkout redesign retro (tests/data/checkout/notes.md)."""
    return (CHECKOUT / "notes.md").read_text(encoding="utf-8")


@pytest.fixture
def checkout_metrics() -> str:
    """The metrics CSV that goes with the checkout notes."""
    return (CHECKOUT / "metrics.csv").read_text(encoding="utf-8")


@pytest.fixture
def checkout_replies() -> dict[str, dict]:
    """One model reply per stage output for the checkout notes; a fresh copy each test may edit."""
    return json.loads((CHECKOUT / "replies.json").read_text(encoding="utf-8"))


@pytest.fixture
def fake_server() -> Iterator[FakeServers]:
    """Starts loopback OpenAI-compatible servers: `fake_server(*replies, handler=, latency=,
    reject_json_schema=, ...)`; all of them stop when the test ends."""
    servers = FakeServers()
    yield servers
    servers.stop_all()


@pytest.fixture(scope="session")
def quality() -> ModuleType:
    """The offline quality scorer (tests/quality.py): labels, drafting and per-section counts."""
    return quality_module


@pytest.fixture
def work(tmp_path, monkeypatch, checkout_notes, checkout_metrics):
    """The current folder, holding the checkout notes.md and metrics.csv."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(checkout_notes, encoding="utf-8")
    (tmp_path / "metrics.csv").write_text(checkout_metrics, encoding="utf-8")
    return tmp_path


@pytest.fixture
def wechat_export():
    """A WeChat group export of (name, text) turns a minute apart, as the desktop app copies it."""

    def build(turns: list[tuple[str, str]]) -> str:
        return "微信聊天记录导出 | 群聊:团长群\n\n" + "".join(
            f"2026-02-26 20:{10 + i} {who}(团长):{what}\n" for i, (who, what) in enumerate(turns)
        )

    return build
