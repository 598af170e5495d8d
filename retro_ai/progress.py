"""Stage progress on stderr with rich; silent when disabled or when stderr is not a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def stage_progress(enabled: bool) -> Iterator[Callable[[str, str], None] | None]:
    """Yield a stage hook that ticks a spinner per stage, or None when progress is off."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)  # honours NO_COLOR and turns off live refresh off a TTY
    if not console.is_terminal:
        yield None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        tasks: dict[str, TaskID] = {}

        def hook(stage: str, event: str) -> None:
            if event == "start":
                tasks[stage] = progress.add_task(stage, total=1)
            elif stage in tasks:
                progress.update(tasks[stage], completed=1, description=f"{stage} ✓")

        yield hook
