"""Loading template files: each one checked before a byte of it is read."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from briefgen.render import jinjaimport  # noqa: F401  # isort: skip (before jinja2)
import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from briefgen import files

MAX_TEMPLATE_BYTES = 1_000_000


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
