"""The draft pipeline: sources → stages in dependency rounds → verify and compute → Retrospective.

Stages in one round do not depend on each other and run concurrently (a thread pool bounded by
`concurrency`), so a draft's wall time follows the number of rounds, not the number of stages.
The offline engine runs the same stages in-process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, wait
from datetime import date
from pathlib import Path
from typing import Any

from retro_ai.errors import ConfigError, InputError, RetroAIError
from retro_ai.ingest import Source, load_sources
from retro_ai.ingest.detect import detect_kind, detect_language
from retro_ai.ingest.docdate import document_date
from retro_ai.ingest.record import reload_sources, source_info, source_paths
from retro_ai.ingest.record import source_digest as source_digest  # re-exported: public API
from retro_ai.redact import (
    Redacted,
    Redaction,
    map_strings,
    names_digest,
    read_roster,
    redact_sources,
    restore_names,
)
from retro_ai.schema import (
    Kind,
    KindReason,
    Language,
    Meta,
    RedactionInfo,
    Retrospective,
    UsageInfo,
)
from retro_ai.settings import Settings
from retro_ai.stages import SECTION_STAGES, STAGES, Context, Stage, redraft_names, rounds
from retro_ai.stages.drafts import Draft
from retro_ai.stages.engines import Engine, build_engine
from retro_ai.stages.merge import context_for
from retro_ai.stages.sizing import DraftPlan
from retro_ai.verify.evidence import EvidenceLocator
from retro_ai.verify.incident_times import derive as derive_incident_times
from retro_ai.verify.reconcile import ask_open_questions, compute, link_check
from retro_ai.verify.unanswered import ask_unanswered

StageHook = Callable[[str, str], None]  # (stage name, "start" | "done")


def draft(
    inputs: Sequence[str | Path] | Sequence[Source],
    *,
    model: Any = None,
    settings: Settings | None = None,
    kind: Kind | None = None,
    lang: Language | None = None,
    report_date: date | None = None,
    prompt_dir: Path | None = None,
    on_stage: StageHook | None = None,
    redact: Redaction | bool | None = None,
) -> Retrospective:
    """Draft a retrospective from files (or already loaded sources).

    `model` may be any LangChain chat model or a `retro_ai.models.ChatModel`; without one the
    configured OpenAI-compatible model is used, and without that the offline engine.
    With `redact` (True, or a `Redaction` naming a roster), the engine sees only redacted
    sources (see `retro_ai.redact`).
    """
    settings = settings or Settings.resolve()
    sources = _as_sources(inputs)
    engine = build_engine(model, settings, prompt_dir)
    return run_pipeline(
        sources,
        engine,
        settings=settings,
        kind=kind,
        lang=lang,
        report_date=report_date,
        on_stage=on_stage,
        redaction=Redaction() if redact is True else (redact or None),
    )


def plan_draft(
    inputs: Sequence[str | Path] | Sequence[Source],
    settings: Settings | None = None,
    *,
    kind: Kind | None = None,
    lang: Language | None = None,
    prompt_dir: Path | None = None,
    redact: Redaction | bool | None = None,
) -> DraftPlan:
    """What `draft` would ask a model, counted offline and sending nothing: the window and
    input budget, the input's tokens, how many chunks the sources split into, and each stage's
    calls, prompt tokens and reply ceiling (a dry run, and the --max-cost-tokens check).
    With `redact`, the redacted text is counted, as it is what would be sent."""
    from retro_ai.stages.prompts import load_prompt
    from retro_ai.stages.sizing import Budget, plan_stages

    settings = settings or Settings.resolve()
    sources = _as_sources(inputs)
    redaction = Redaction() if redact is True else (redact or None)
    if redaction is not None:
        sources = redact_sources(sources, _roster(redaction.roster)[0]).sources
    language = detect_language(sources)
    meta = Meta(
        kind=kind or detect_kind(sources)[0],
        language=language,
        output_language=lang or language,
        report_date=date.today(),
    )
    names = [n for n, s in STAGES.items() if s.wanted(meta.kind)]
    specs = [load_prompt(n, prompt_dir) for n in names]
    return plan_stages(
        specs,
        sources,
        Retrospective(meta=meta),
        Budget.from_settings(settings),
        settings.max_tokens,
        offline=settings.offline,
    )


def _as_sources(inputs: Sequence[str | Path] | Sequence[Source]) -> list[Source]:
    if inputs and all(isinstance(i, Source) for i in inputs):
        return list(inputs)  # type: ignore[arg-type]
    return load_sources([i for i in inputs if not isinstance(i, Source)])


def run_pipeline(
    sources: list[Source],
    engine: Engine,
    *,
    settings: Settings,
    kind: Kind | None = None,
    lang: Language | None = None,
    report_date: date | None = None,
    on_stage: StageHook | None = None,
    redaction: Redaction | None = None,
) -> Retrospective:
    """Run every stage the kind needs, then verify and compute, then summarise.

    With `redaction`, everything from here on sees only the redacted sources; the record of
    each source (its digest) is still of the original, so a redraft can check the file.
    """
    infos = [source_info(s) for s in sources]
    redacted, redaction_info = None, None
    if redaction is not None:
        names, redaction_info = _roster(redaction.roster)
        redacted = redact_sources(sources, names)
        sources = redacted.sources
    language = detect_language(sources)
    detected_kind, reason = detect_kind(sources)
    meta = Meta(
        title=Path(sources[0].name).stem if sources else "",
        kind=kind or detected_kind,
        kind_reason=KindReason(how="forced") if kind else reason,
        language=language,
        output_language=lang or language,
        report_date=report_date or date.today(),
        engine="offline" if engine.name == "offline" else "model",
        model=None if engine.name == "offline" else engine.name,
        sources=infos,
        redaction=redaction_info,
    )
    retro = Retrospective(meta=meta)
    names = [n for n, s in STAGES.items() if s.wanted(meta.kind)]
    _Run(retro, sources, engine, settings, on_stage).stages(names)
    if redaction is not None and redacted is not None:
        _finish_redaction(retro, redacted, redaction.restore_names)
        redaction.mapping.update(redacted.mapping)
    return retro


def _roster(path: Path | None) -> tuple[list[str], RedactionInfo]:
    """The roster's names and the record a redraft needs to redact the same way again."""
    if path is None:
        return [], RedactionInfo()
    names = read_roster(path)
    return names, RedactionInfo(roster=str(Path(path).resolve()), roster_sha256=names_digest(names))


def _finish_redaction(retro: Retrospective, redacted: Redacted, restore: bool) -> None:
    """After the engine has answered: put names back locally if asked, and record that."""
    if retro.meta.redaction is None:
        return
    retro.meta.redaction.names_restored = restore
    if restore:
        mapping = {k: v for k, v in redacted.mapping.items() if k.startswith("[PERSON_")}
        map_strings(retro, lambda text: restore_names(text, mapping), skip=_META)
        retro.meta.title = restore_names(retro.meta.title, mapping)


_META = frozenset({"meta"})


def redraft(
    retro: Retrospective,
    section: str,
    *,
    model: Any = None,
    settings: Settings | None = None,
    prompt_dir: Path | None = None,
    on_stage: StageHook | None = None,
    base_dir: str | Path = ".",
    redact: Redaction | bool | None = None,
) -> Retrospective:
    """Re-run the stage behind one section against the same sources; keep every other section.

    Stages redrafted with it re-run too (results with goals, whose ids they point at).
    Open questions and computed achievement are derived, so they are recomputed. The stage cache
    is bypassed: a redraft is a request for a new answer. Relative source
    paths are read from `base_dir` (the draft's folder); the result records them as absolute.
    """
    stage = SECTION_STAGES.get(section)
    if stage is None:
        raise ConfigError(f"unknown section '{section}'; choose from {', '.join(SECTION_STAGES)}")
    paths = source_paths(retro.meta.sources, Path(base_dir))
    sources = reload_sources(retro.meta.sources, paths)
    # A redraft asks for a fresh answer, so the stage cache is not consulted.
    settings = (settings or Settings.resolve()).model_copy(update={"no_cache": True})
    engine = build_engine(model, settings, prompt_dir)
    names_to_run = redraft_names(stage)
    retro = retro.model_copy(deep=True)
    for source_record, path in zip(retro.meta.sources, paths, strict=True):
        source_record.path = str(path)
    retro.open_questions = []
    redaction = Redaction() if redact is True else (redact or None)
    recorded = retro.meta.redaction
    redacted = None
    if recorded is not None or redaction is not None:
        redaction = redaction or Redaction()
        names, info = _redraft_roster(recorded, redaction.roster, Path(base_dir))
        restore = redaction.restore_names or (recorded is not None and recorded.names_restored)
        retro.meta.redaction = info
        redacted = redact_sources(sources, names)
        sources = redacted.sources
        map_strings(retro, redacted.redactor.text, skip=_META)
    _Run(retro, sources, engine, settings, on_stage).stages(names_to_run)
    if redaction is not None and redacted is not None:
        _finish_redaction(retro, redacted, restore)
        redaction.mapping.update(redacted.mapping)
    return retro


def _redraft_roster(
    recorded: RedactionInfo | None, given: Path | None, base_dir: Path
) -> tuple[list[str], RedactionInfo]:
    """The roster to redact a redraft with: the one the draft recorded, unchanged.

    A different roster would number people differently, so [PERSON_2] already in the draft
    could come to mean someone else; it is refused like a changed source.
    """
    if recorded is None or (recorded.roster is None and given is None):
        return _roster(given)
    if given is None and recorded.roster is not None:
        given = Path(os.path.abspath(base_dir / recorded.roster))
    names, info = _roster(given)
    if info.roster_sha256 != recorded.roster_sha256:
        where = given if recorded.roster is None else recorded.roster
        raise InputError(f"{where}: roster differs from the one the draft was redacted with")
    return names, info


class _Run:
    """One pass of stages over a retrospective: apply drafts, merge metrics, verify, compute."""

    def __init__(
        self,
        retro: Retrospective,
        sources: list[Source],
        engine: Engine,
        settings: Settings,
        on_stage: StageHook | None,
    ) -> None:
        self.retro, self.sources, self.engine, self.settings = retro, sources, engine, settings
        self.on_stage = on_stage
        report_date = retro.meta.report_date
        self.ctx = Context(
            sources, EvidenceLocator(sources), report_date, document_date(sources, report_date)
        )

    def stages(self, names: list[str]) -> None:
        """Draft, then verify and compute, then run the stages that need checked numbers."""
        retro = self.retro
        for group in rounds([n for n in names if not STAGES[n].after_verify]):
            self._round(group)
        link_check(retro)
        compute(retro)
        derive_incident_times(retro, [s.text() for s in self.sources])
        for group in rounds([n for n in names if STAGES[n].after_verify]):
            self._round(group)
        ask_unanswered(retro, self.sources)
        ask_open_questions(retro)
        u = self.engine.usage
        if u is not None:
            retro.meta.usage = UsageInfo(
                calls=retro.meta.usage.calls + u.calls,
                prompt_tokens=retro.meta.usage.prompt_tokens + u.prompt_tokens,
                completion_tokens=retro.meta.usage.completion_tokens + u.completion_tokens,
                cached_tokens=retro.meta.usage.cached_tokens + u.cached_tokens,
            )

    def _round(self, group: list[Stage[Any]]) -> None:
        """Draft every stage of a round (at once if the engine allows), then apply each draft."""
        retro, meta, engine = self.retro, self.retro.meta, self.engine
        if len(group) == 1 or not engine.concurrent:
            drafts = {s.name: self._draft(s)(None) for s in group}
        else:
            # A plain thread pool: LangChain's RunnableParallel would do the same but costs a
            # single draft about half a second of imports (its tracers and LangSmith schemas).
            from concurrent.futures import ThreadPoolExecutor

            workers = min(len(group), self.settings.concurrency)
            with ThreadPoolExecutor(workers, "retro-ai-stage") as pool:
                futures = {s.name: pool.submit(self._draft(s), None) for s in group}
                drafts = _results(futures)
        for stage in group:
            stage.reset(retro)
            # A draft merged from chunks carries the other chunks' quotes as extra evidence.
            stage.apply(drafts[stage.name], retro, context_for(self.ctx, drafts[stage.name]))
            if stage.post is not None:
                stage.post(retro, self.ctx)
            provenance = engine.provenance(stage.name)
            if provenance.prompt_version is not None:
                meta.prompt_versions[stage.name] = provenance.prompt_version
            meta.sections[stage.name] = provenance

    def _draft(self, stage: Stage[Any]) -> Callable[[Any], Draft]:
        """A call that asks the engine for one stage's draft, reporting its start and end."""

        def call(_: Any) -> Draft:
            if self.on_stage:
                self.on_stage(stage.name, "start")
            out = self.engine.run(stage.name, self.sources, self.retro)
            if self.on_stage:
                self.on_stage(stage.name, "done")
            return out

        return call


def _results(futures: dict[str, Future[Draft]]) -> dict[str, Draft]:
    """Every stage's draft once all have returned; if any failed, retro-ai's own error wins
    over another (a request refused because a batch is stopping must not hide the rejected
    key that stopped it)."""
    wait(futures.values())
    failures = [e for e in (f.exception() for f in futures.values()) if e is not None]
    if failures:
        raise next((e for e in failures if isinstance(e, RetroAIError)), failures[0])
    return {name: future.result() for name, future in futures.items()}
