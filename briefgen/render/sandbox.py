"""The Jinja2 sandbox every template and templated content field runs in.

An allow-list, not a deny-list: a template reads only the attributes and calls
only the functions and methods listed here (see SECURITY.md for the list in
words), on the plain data of :mod:`briefgen.render.view`. Everything else is refused.

Limits hold from the first byte, while Jinja2 compiles (it folds constant
expressions then) as well as while it renders: every operation whose result can
be much larger than its inputs (``*``, ``+``, ``~``, ``%``, ``center``,
``replace``, ``join``, ``indent`` ...) is charged against a budget of
characters before it is carried out, every other filter and method after, and
a timer stops whatever loops. A refusal is a :class:`LimitError` or Jinja2's
``SecurityError``, which the callers turn into one located line.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import stat
import threading
import time
import types
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.filters import _GroupTuple
from jinja2.loaders import split_template_path
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from briefgen import files
from briefgen.render import budget, view
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
MAX_WIDTH = 1_000  # a width or precision in '%' formatting
MAX_EXPONENT = 64
MAX_INT_BITS = 10_000  # about 3,000 digits
MAX_TEMPLATE_BYTES = 1_000_000

#: str methods a template may call (center, join, ljust, replace, rjust, zfill are
#: charged before they run, the others after)
STR_METHODS = frozenset(
    {
        *("capitalize", "casefold", "center", "count", "endswith", "find", "index"),
        *("isalnum", "isalpha", "isdigit", "islower", "isnumeric", "isspace", "istitle"),
        *("isupper", "join", "ljust", "lower", "lstrip", "partition", "removeprefix"),
        *("removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit"),
        *("rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title"),
        *("upper", "zfill"),
    }
)
MARKUP_METHODS = STR_METHODS | {"striptags", "unescape"}
SEQUENCE_METHODS = frozenset({"index", "count"})
MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})
DATE_ATTRIBUTES = frozenset({"year", "month", "day", "isoformat", "weekday", "isoweekday"})
#: Jinja2's own template objects (loop, macros, blocks, cycler, joiner, namespace):
#: their public attributes are made for templates
JINJA_OBJECTS = (
    LoopContext,
    Macro,
    BlockReference,
    TemplateReference,
    TemplateModule,
    Cycler,
    Joiner,
    Namespace,
)
GROUP_ATTRIBUTES = frozenset({"grouper", "list"}) | SEQUENCE_METHODS  # groupby's groups


def _allowed_attributes(obj: Any) -> frozenset[str] | None:
    """The attributes a template may read on obj; None: every public one."""
    if isinstance(obj, view.Record):
        return view.field_names(obj)
    if isinstance(obj, view.Changes):
        return view.CHANGES_ATTRIBUTES
    if isinstance(obj, Markup):
        return MARKUP_METHODS
    if isinstance(obj, str):
        return STR_METHODS
    if isinstance(obj, _GroupTuple):
        return GROUP_ATTRIBUTES
    if isinstance(obj, (tuple, list)):
        return SEQUENCE_METHODS
    if isinstance(obj, Mapping):
        return MAPPING_METHODS
    if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
        return DATE_ATTRIBUTES
    if isinstance(obj, JINJA_OBJECTS) and not isinstance(obj, type):
        return None
    return frozenset()


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
            printable(piece)
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
        allowed = _allowed_attributes(obj)
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
            allowed = _allowed_attributes(owner)
            return not name.startswith("_") and (allowed is None or name in allowed)
        return False

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise SecurityError(f"{name} cannot be called in a template")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            args = _charge_str_method(owner, __obj.__name__, args, kwargs)
        result = __context.call(__obj, *args, **kwargs)
        budget.charge_result(result)
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _charge_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (list, tuple)):
            budget.check_weight(result)
        return result


def _charge_str_method(
    text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Charge a str method whose result can outgrow its inputs; the args to call it with."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        budget.charge_width(text, args[0])
    elif name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        budget.charge_replace(text, args[0], args[1], count)
    elif name == "join" and args:
        items = list(args[0])
        budget.charge_join(text, items)
        return (items, *args[1:])
    elif name in ("split", "rsplit", "splitlines"):  # an item per piece, at most
        budget.charge((len(text) // 2 + 1) * budget.ITEM, what=name)
    return args


def _charge_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "%" and isinstance(left, str):
        budget.charge(percent_size(left, right))
    elif operator == "**" and isinstance(right, int) and isinstance(left, int):
        if abs(right) > MAX_EXPONENT:
            raise LimitError(f"exponent {right} is too large")
        _int_bits(abs(left).bit_length() * max(right, 0))
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                budget.charge(len(seq) * max(times, 0), what="repetition")
        if isinstance(left, int) and isinstance(right, int):
            _int_bits(left.bit_length() + right.bit_length())
    elif operator == "+":
        for a, b in ((left, right), (right, left)):
            if isinstance(a, (str, list, tuple)) and isinstance(b, (str, list, tuple)):
                budget.charge(len(a) + len(b))
                break


def _int_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise LimitError(f"a number of more than {MAX_INT_BITS:,} bits")


def _specs(fmt: str) -> Iterator[tuple[str, str]]:
    """The width and precision of each conversion in a '%' format, as CPython reads
    them (a mapping key may hold balanced parentheses: '%((a))5s')."""
    i = fmt.find("%")
    while i >= 0:
        j = i + 1
        if fmt.startswith("(", j):
            depth = 0
            while j < len(fmt):
                depth += {"(": 1, ")": -1}.get(fmt[j], 0)
                j += 1
                if depth == 0:
                    break
        while j < len(fmt) and fmt[j] in "#0- +":
            j += 1
        start = j
        while j < len(fmt) and (fmt[j].isdigit() or fmt[j] == "*"):
            j += 1
        width = fmt[start:j]
        precision = ""
        if fmt.startswith(".", j):
            start = j = j + 1
            while j < len(fmt) and (fmt[j].isdigit() or fmt[j] == "*"):
                j += 1
            precision = fmt[start:j]
        yield width, precision
        i = fmt.find("%", j + 1)


def percent_size(fmt: str, args: Any) -> int:
    """At most how long ``fmt % args`` is; LimitError for a width too large to print."""
    if isinstance(args, (Mapping, view.Record)):  # '%(name)s': any value, any number of times
        named = view.record_values(args) if isinstance(args, view.Record) else args
        values = list(named.values())
    else:
        values = list(args) if isinstance(args, tuple) else [args]
        for value in values:
            printable(value)
    longest = max((budget.length(v) for v in values), default=0)
    size = len(fmt)
    for width, precision in _specs(fmt):
        for number in (width, precision):
            if "*" in number:
                raise LimitError("'*' widths in '%' formatting are not allowed")
            if number and (len(number) > 4 or int(number) > MAX_WIDTH):
                raise LimitError(f"a width of {number} in '%' formatting is more than {MAX_WIDTH}")
        size += max(int(width or 0), longest) + int(precision or 0) + 320
    return size


def _kind(value: Any) -> str:
    if isinstance(value, view.Record):
        return view.plain_names(f"'briefgen.render.view.{type(value).__name__} object'")
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return "a function" if callable(value) else type(value).__name__


def printable(value: Any) -> Any:
    """value, if it prints as text (text, a number, a date, yes/no or nothing).

    A list, record, function or other object would print as Python writes it
    (and an undefined name inside a list would print as 'Undefined'): refused."""
    if value is None or isinstance(value, (str, int, float, dt.date, Undefined)):
        return value
    raise SecurityError(
        f"cannot print {_kind(value)} as text; print its fields, or join a list's items "
        "(e.g. items | join(', '))"
    )


def environment(
    loader: jinja2.BaseLoader | None = None, *, autoescape: bool = True
) -> BriefSandbox:
    return BriefSandbox(
        loader=loader,
        autoescape=autoescape,
        finalize=printable,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class ContainedLoader(jinja2.FileSystemLoader):
    """A file loader that refuses any template whose real path (symlinks resolved)
    lies outside its folders, and any template file too big to be one."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """Every check before a byte is read: where the file really is, that it is a
        regular file (a named pipe would block for ever) and that it is small."""
        pieces = split_template_path(template)  # refuses '..'
        roots = [os.path.realpath(folder) for folder in self.searchpath]
        for folder in self.searchpath:
            filename = os.path.join(folder, *pieces)
            try:
                found = os.stat(filename)  # follows a symlink, as reading would
            except OSError:
                continue
            real = os.path.realpath(filename)
            if not any(real.startswith(root + os.sep) for root in roots):
                raise SecurityError(f"{template} leads outside the template folders (to {real})")
            if not stat.S_ISREG(found.st_mode):
                raise SecurityError(f"{template} is not a regular file; refused")
            if found.st_size > MAX_TEMPLATE_BYTES:
                raise SecurityError(f"{template} is larger than 1 MB")
            data = files.read_bytes(Path(real), most=MAX_TEMPLATE_BYTES)
            try:
                source = data.decode(self.encoding)
            except UnicodeDecodeError as exc:
                raise SecurityError(f"{template} is not UTF-8 text (byte {exc.start})") from None
            mtime = found.st_mtime

            def uptodate(path: str = filename, when: float = mtime) -> bool:
                try:
                    return os.path.getmtime(path) == when
                except OSError:
                    return False

            return source, os.path.normpath(filename), uptodate
        raise jinja2.TemplateNotFound(template)


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
