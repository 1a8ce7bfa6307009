"""The Jinja2 sandbox every template and templated content runs in.

Jinja2's immutable sandbox, narrowed further: no string formatting methods, no
big repetitions (``'x' * 10**9``), and a limit on time and output size, so a
template passed between colleagues cannot run code, read files, or hang or
exhaust a scheduled build.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

SECONDS = 5.0
MAX_CHARS = 2_000_000  # a one-page brief's markup is some 20,000
MAX_REPEAT = 100_000
UNSAFE_ATTRIBUTES = frozenset({"format", "format_map", "mro"})


class LimitError(Exception):
    """A template ran too long or wrote too much."""


class BriefSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute in UNSAFE_ATTRIBUTES:  # checked before Jinja2 wraps str.format
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument in UNSAFE_ATTRIBUTES:
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr in UNSAFE_ATTRIBUTES:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise LimitError(f"exponent {right} is too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                if sized and len(seq) * times > MAX_REPEAT:
                    raise LimitError("repetition too large")
        return super().call_binop(context, operator, left, right)


MAX_TEMPLATE_BYTES = 1_000_000


class ContainedLoader(jinja2.FileSystemLoader):
    """A file loader that refuses any template whose real path (symlinks resolved)
    lies outside its folders, and any template file too big to be one."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(folder) for folder in self.searchpath]
        if not any(real.startswith(root + os.sep) for root in roots):
            raise jinja2.exceptions.SecurityError(
                f"{template} leads outside the template folders (to {real})"
            )
        if len(source) > MAX_TEMPLATE_BYTES:
            raise jinja2.exceptions.SecurityError(f"{template} is larger than 1 MB")
        return source, filename, uptodate


def environment(
    loader: jinja2.BaseLoader | None = None, *, autoescape: bool = True
) -> BriefSandbox:
    return BriefSandbox(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt a template that loops without writing (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(_signum: int, _frame: Any) -> None:
        raise LimitError(f"stopped after {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render(template: jinja2.Template, context: dict[str, Any], seconds: float = SECONDS) -> str:
    """Render with a time and an output-size limit; LimitError past either."""
    deadline = time.monotonic() + seconds
    parts: list[str] = []
    size = 0
    with _alarm(seconds):
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_CHARS:
                raise LimitError(f"wrote more than {MAX_CHARS:,} characters")
            if time.monotonic() > deadline:
                raise LimitError(f"stopped after {seconds:g} seconds")
            parts.append(chunk)
    return "".join(parts)
