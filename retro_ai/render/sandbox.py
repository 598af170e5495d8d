"""The Jinja2 environment a team's own template renders in: contained and bounded.

A user template is code from outside. Jinja's sandbox already blocks private attributes and
unsafe calls; this adds what it leaves open: templates may only be read from inside their
folders (no symlink out), and one render has a budget of steps, time, value size and output,
so `{{ 'x' * 10**9 }}`, nested huge loops or a runaway macro stop with one line in seconds.
Imported only when a report is rendered (Jinja2 is a heavy import).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT = 10 * 1024 * 1024  # characters of report; a real report is a few kilobytes
MAX_TEXT = 2 * MAX_OUTPUT  # characters printed by all `{{ }}`, macros' inner ones included
MAX_VALUE = MAX_OUTPUT  # length of one string or list a template builds
MAX_RANGE = 100_000  # items of one range(); Jinja's own sandbox limit
MAX_STEPS = 200_000  # loop iterations, calls, operators and filters in one render
MAX_SECONDS = 10.0
# A format width or precision of 8+ digits (`'%1000000000d' % 1`, `'{:>1000000000}'`) would
# build a string far over MAX_VALUE before any check could see it.
_HUGE_WIDTH = re.compile(r"%[^a-zA-Z%]*\d{8}|\{[^{}]*:[^{}]*\d{8}")


class LimitError(Exception):
    """A template went over a render limit; the message says which."""


class ContainedLoader(FileSystemLoader):
    """Loads from `folder`, then the built-in folder; refuses a file of `folder` whose real
    path is outside it.

    Jinja already refuses `..`; this also refuses a symlink (to a file or a folder) that leads
    out, so `{% include 'shadow.j2' %}` cannot print `/etc/shadow` into a report. Built-in
    templates are trusted wherever the installation keeps them.
    """

    def __init__(self, folder: Path, builtin: Path) -> None:
        super().__init__([folder, builtin])
        self.folder = os.path.normpath(folder)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if _inside(filename, self.folder):
            root = os.path.realpath(self.folder)
            if not _inside(os.path.realpath(filename), root):
                raise LimitError(f"template '{template}' is a link to outside the template folder")
        return source, filename, uptodate


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([os.path.abspath(path), os.path.abspath(folder)]) == (
        os.path.abspath(folder)
    )


class _GuardedLoops(CodeGenerator):
    """Compiles every `{% for %}` to iterate through `environment.guard_iter`, so a loop
    counts against the render's budget even when its body calls nothing."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        guard = nodes.EnvironmentAttribute("guard_iter")
        node.iter = nodes.Call(guard, [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with a budget: steps, seconds, value sizes and output text.

    Checked at every loop iteration, call, filter, `+ * ** %` and printed value; Python's
    recursion limit stops deep macro recursion, which `_render` reports as one line.
    """

    code_generator_class = _GuardedLoops
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=self._count_text, **options)
        self.globals["range"] = self._range
        self.filters = {name: self._guard_filter(name, f) for name, f in self.filters.items()}
        self.deadline = time.monotonic() + MAX_SECONDS
        self.steps = 0
        self.text = 0

    def step(self) -> None:
        """One unit of work: over the step or time budget ends the render."""
        self.steps += 1
        if self.steps > MAX_STEPS or time.monotonic() > self.deadline:
            raise LimitError(
                f"template does too much work (over {MAX_STEPS:,} steps or {MAX_SECONDS:g} s: "
                "a huge or endless loop, or runaway recursion)"
            )

    def guard_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.step()
        if getattr(__obj, "__func__", None) is not BoundedSandbox._range:  # it says itself
            _check_sizes(args, kwargs)
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.step()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left) > 1 and left.bit_length() * right > MAX_VALUE:
                raise LimitError(f"a number in the template is too large ({left} ** {right})")
        elif operator == "%" and isinstance(left, str) and _HUGE_WIDTH.search(left):
            raise LimitError("a format width in the template is too large")
        return _checked(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`'{:>1000000000}'.format(1)`: refuse the huge width before Python pads to it."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _HUGE_WIDTH.search(value.__self__):
            raise LimitError("a format width in the template is too large")
        return wrapped

    @pass_context  # so it runs at render time only, never on constants at compile time
    def _count_text(self, _context: Context, value: Any) -> str:
        text = str(value)
        self.text += len(text)
        if self.text > MAX_TEXT:
            raise LimitError(f"template prints over {MAX_TEXT // 2**20} MB of text")
        return text

    def _range(self, *args: int) -> range:
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise LimitError(f"range() of {len(rng):,} items is over the limit of {MAX_RANGE:,}")
        return rng

    def _guard_filter(self, name: str, f: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(f)  # keeps Jinja's pass_context/pass_environment marker
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.step()
            _check_sizes(args, kwargs)
            if name == "format" and any(isinstance(a, str) and _HUGE_WIDTH.search(a) for a in args):
                raise LimitError("a format width in the template is too large")
            return _checked(f(*args, **kwargs))

        return guarded


def _check_repeat(seq: Any, times: Any) -> None:
    """`seq * times` must stay under MAX_VALUE items: checked before Python builds it."""
    if isinstance(seq, str | bytes | list | tuple) and isinstance(times, int):
        if len(seq) * times > MAX_VALUE:
            raise LimitError(f"a value in the template is too large ({len(seq)} * {times})")


def _check_sizes(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    """An integer argument past MAX_VALUE (`center(10**9)`) would build a huge string."""
    for a in (*args, *kwargs.values()):
        if isinstance(a, int) and not isinstance(a, bool) and abs(a) > MAX_VALUE:
            raise LimitError(f"an argument in the template is too large ({a})")


def _checked(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple) and len(value) > MAX_VALUE:
        raise LimitError(f"a value in the template is too large ({len(value):,} items)")
    return value


def render_bounded(template: Any, view: dict[str, Any]) -> Iterator[str]:
    """`template.generate(**view)`, stopped once the output passes MAX_OUTPUT characters."""
    size = 0
    for chunk in template.generate(**view):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise LimitError(f"template output is over {MAX_OUTPUT // 2**20} MB")
        yield chunk
