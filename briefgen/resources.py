"""Where the built-in templates and the example brief live.

In an installed wheel they are packaged as ``briefgen/_data``; in a source
checkout (including an editable install) they are the repository's own
``templates/`` and ``content/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def builtin_templates() -> Path:
    packaged = _PACKAGE / "_data" / "templates"
    return packaged if packaged.is_dir() else _CHECKOUT / "templates"


def example_brief() -> Path:
    packaged = _PACKAGE / "_data" / "example" / "us-india-defence.yaml"
    return packaged if packaged.is_file() else _CHECKOUT / "content" / "us-india-defence.yaml"
