"""Run briefgen, dying (os._exit, as a power cut or kill -9 would) just before its
K-th file-system call; K = 0 counts the calls instead and prints their number.

usage: python crash.py K briefgen-arguments...
"""

from __future__ import annotations

import os
import sys
from typing import Any

CALLS = ("link", "replace", "rename", "symlink", "unlink", "remove", "mkdir", "rmdir")
CALLS += ("fsync", "chmod", "open")


def _reading(args: tuple[Any, ...]) -> bool:
    return len(args) < 2 or not args[1] & (os.O_WRONLY | os.O_RDWR)


def main() -> None:
    stop_at = int(sys.argv[1])
    count = 0

    class counted:  # an object, not a function: never bound as a method (pathlib, 3.10)
        def __init__(self, name: str, call: Any) -> None:
            self.name, self.call = name, call

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            nonlocal count
            if self.name == "open" and _reading(args):
                return self.call(*args, **kwargs)  # reading changes nothing
            count += 1
            if count == stop_at:
                os._exit(137)
            return self.call(*args, **kwargs)

    for name in CALLS:
        setattr(os, name, counted(name, getattr(os, name)))
    from briefgen.regen import generations

    generations._exchange = counted("renameat2", generations._exchange)  # type: ignore[assignment]
    from briefgen.cli import cli

    try:
        cli(sys.argv[2:], prog_name="briefgen")
    except SystemExit:
        if stop_at == 0:
            print(f"calls: {count}", file=sys.stderr)
        raise
    raise SystemExit(0)


if __name__ == "__main__":
    main()
