"""The Jinja2 sandbox every template and templated content field runs in.

An allow-list, not a deny-list: a template reads only the attributes and calls
only the functions and methods :mod:`briefgen.render.allowlist` names (SECURITY.md
says them in words), on the plain data of :mod:`briefgen.render.view`; everything
else is refused. :mod:`briefgen.render.charges` prices each operation and
:mod:`briefgen.render.loader` checks each template file before it is read.

Limits hold from the first byte, while Jinja2 compiles (it folds constant
expressions then) as well as while it renders: every operation whose result can
be much larger than its inputs (``*``, ``+``, ``~``, ``%``, ``center``,
``replace``, ``join``, ``indent`` ...) is charged against a budget of
characters before it is carried out, every other filter and method after, and
a timer stops whatever loops. A refusal is a :class:`LimitError` or Jinja2's
``SecurityError``, which the callers turn into one located line.
"""

from __future__ import annotations

import signal
import threading
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from briefgen.render import allowlist, budget, charges
from briefgen.render.budget import LimitError

#: what a template's own mistakes raise (a wrong argument, a missing key ...)
TEMPLATE_MISTAKES = (
    TypeError,
    ValueError,
    AttributeError,
    ArithmeticError,
    LookupError,
    AssertionError,
)

__all__ = ["SECONDS", "BriefSandbox", "LimitError", "compile_in_limits", "environment", "render"]

SECONDS = 5.0
MAX_CHARS = 2_000_000  # a one-page brief's markup is some 20,000


#: str methods a template may call (center, join, ljust, replace, rjust, zfill are
#: charged before they run, the others after)
class _Codegen(CodeGenerator):
    """Jinja2's code generator, but ``a ~ b`` is charged before it is joined, and
    every list, tuple and mapping a template writes is weighed as it is made."""

    def _weighed(self, visit: Callable[[], None]) -> None:
        self.write("environment.contained(")
        visit()
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._weighed(lambda: super(_Codegen, self).visit_List(node, frame))

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._weighed(lambda: super(_Codegen, self).visit_Dict(node, frame))

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # a target: {% for a, b in ... %}
            super().visit_Tuple(node, frame)
        else:
            self._weighed(lambda: super(_Codegen, self).visit_Tuple(node, frame))

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"{join}(environment.charged((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


class BriefSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Codegen

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from briefgen.render import jinjafilters  # the filters' code reads this module's limits

        self.filters = jinjafilters.allowed()
        self.globals = {
            "range": self.globals["range"],  # Jinja2's, at most 100,000 numbers
            "dict": dict,
            "cycler": Cycler,
            "joiner": Joiner,
            "namespace": Namespace,
        }
        self._callables: set[int] = {id(v) for v in self.globals.values()}

    def offer(self, **functions: Callable[..., Any]) -> None:
        """Make functions callable by templates, by name (each one reviewed for its reach)."""
        self.globals.update(functions)
        self._callables.update(id(f) for f in functions.values())

    def charged(self, pieces: tuple[Any, ...]) -> tuple[Any, ...]:
        """The pieces of ``a ~ b``, each one printable, their length charged."""
        for piece in pieces:
            charges.printable(piece)
        budget.charge(sum(budget.length(p) for p in pieces))
        return pieces

    def contained(self, value: Any) -> Any:
        """A list, tuple or mapping the template made, unless it weighs too much."""
        return budget.check_weight(value)

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        """Refuse at once: Jinja2 would return an undefined that fails only when printed."""
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe."
        )

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format and format_map are not on the allow-list at all

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        allowed = allowlist.allowed_attributes(obj)
        return allowed is None or attr in allowed

    def is_safe_callable(self, obj: Any) -> bool:
        if id(obj) in self._callables or isinstance(
            obj,
            (Macro, BlockReference, Joiner, LoopContext),  # loop(...): a recursive loop
        ):
            return True
        if isinstance(obj, (types.MethodType, types.BuiltinMethodType)):
            owner = getattr(obj, "__self__", None)
            name = getattr(obj, "__name__", "")
            allowed = allowlist.allowed_attributes(owner)
            return not name.startswith("_") and (allowed is None or name in allowed)
        return False

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise SecurityError(f"{name} cannot be called in a template")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            args = charges.charge_str_method(owner, __obj.__name__, args, kwargs)
        result = __context.call(__obj, *args, **kwargs)
        budget.charge_result(result)
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        charges.charge_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (list, tuple)):
            budget.check_weight(result)
        return result


def environment(
    loader: jinja2.BaseLoader | None = None, *, autoescape: bool = True
) -> BriefSandbox:
    return BriefSandbox(
        loader=loader,
        autoescape=autoescape,
        finalize=charges.printable,
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


@contextmanager
def limits(seconds: float = SECONDS) -> Iterator[None]:
    """The time limit and a fresh budget, for one brief: every compile and render inside
    an outer limits() (all of a brief's templated fields and its template) shares them."""
    if budget.active():
        yield
        return
    with _alarm(seconds), budget.fresh():
        yield


def compile_in_limits(make: Callable[[], jinja2.Template]) -> jinja2.Template:
    """make() (get_template or from_string) under the limits: compiling folds constants."""
    with limits():
        return make()


def render(template: jinja2.Template, context: dict[str, Any], seconds: float = SECONDS) -> str:
    """Render with a time, a budget and an output-size limit; LimitError past any."""
    deadline = time.monotonic() + seconds
    parts: list[str] = []
    size = 0
    with limits(seconds):
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_CHARS:
                raise LimitError(f"wrote more than {MAX_CHARS:,} characters")
            if time.monotonic() > deadline:
                raise LimitError(f"stopped after {seconds:g} seconds")
            parts.append(chunk)
    return "".join(parts)
