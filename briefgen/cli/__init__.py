"""The briefgen command line: the group, and one module per command.

Each command parses its options, calls one function and turns a BriefgenError
into one line on stderr and exit code 1. A command's module is imported only
when that command (or the list of commands in ``--help``) is asked for, and
heavy imports happen inside the commands, so ``--help`` answers at once.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import click

from briefgen import __version__, collector, stopping
from briefgen.cli.output import echo, loudness

#: every command; each is the module of that name in this package, declaring `command`
COMMANDS = (
    "build", "publish", "validate", "watch", "serve", "schedule", "init", "preview",
    "templates", "doctor",
)  # fmt: skip
#: names a new user may try for `init`
START_WORDS = ("new", "create", "start", "scaffold")


class _Group(click.Group):
    """The commands, each imported on first use (click's lazy group pattern)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        from briefgen.cli import output

        output.set_level(0)  # each run starts at the usual level (tests run many in one process)
        return super().make_context(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib

            module = importlib.import_module(f"briefgen.cli.{cmd_name}")
            loudness(module.command)  # -q and -v on every command
            self.add_command(module.command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        known = name in COMMANDS or name in self.commands
        if not known and not name.startswith("-") and not ctx.resilient_parsing:
            # click suggests from the commands loaded so far, which here are none
            import difflib

            if name in START_WORDS:
                more = " To start a project, run: briefgen init [DIRECTORY]"
            else:
                near = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
                more = f" Did you mean {near[0]!r}?" if near else ""
            ctx.fail(f"No such command {name!r}.{more}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        from briefgen.cli import output
        from briefgen.errors import BriefgenError, error_lines

        output.log_lines(False)  # until a command that builds says otherwise
        try:
            done = super().invoke(ctx)
        except BriefgenError as exc:
            for line in error_lines(str(exc)):
                echo(line, err=True)
            sys.exit(getattr(exc, "exit_code", 1))
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM, before click turns it into exit code 1
            _stop()
        if stopping.received:  # watch and schedule stop cleanly, then report the signal
            sys.exit(stopping.code())
        return done


def _stop() -> None:
    code = stopping.code()
    echo("terminated" if code == stopping.TERMINATED else "interrupted", err=True)
    sys.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="briefgen")
def cli() -> None:
    """Turn the facts you keep into a one-page brief, in DOCX and PDF at once.

    \b
    Start a project and build the example brief:
      briefgen init my-briefs && cd my-briefs && briefgen build

    Content lives in YAML or JSON files (content/*.yaml, *.json), which may
    name CSV and XLSX tables; templates in templates/;
    settings in briefgen.toml. Every brief fits one page in DOCX and PDF alike,
    or two where its content file says pages: 2.
    """


loudness(cli)  # -q and -v before the command's name too


def _signalled(signum: int, _frame: Any) -> None:
    """SIGINT or SIGTERM: unwind as Ctrl-C does (temporary files removed, lock released),
    remembering which, for the exit code: 130 for SIGINT, 143 for SIGTERM."""
    stopping.record(signum)
    raise KeyboardInterrupt


def main() -> None:
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    signal.signal(signal.SIGTERM, _signalled)
    signal.signal(signal.SIGINT, _signalled)
    collector.start()
    try:
        cli(prog_name="briefgen")
    except KeyboardInterrupt:
        _stop()
    except Exception as exc:  # a bug, not a user error: one line, traceback on request
        if os.environ.get("BRIEFGEN_DEBUG"):
            raise
        echo(
            f"internal error: {type(exc).__name__}: {exc} (set BRIEFGEN_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)
    finally:
        _finish(handlers)


def _finish(handlers: dict[signal.Signals, Any]) -> None:
    """After the command, its exit code decided: collect and freeze (see collector). A
    signal in those milliseconds is let go (raised here, it would leave with a
    traceback); then the handlers main() found are back."""
    for signum in handlers:
        signal.signal(signum, signal.SIG_IGN)
    try:
        collector.finish()
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
