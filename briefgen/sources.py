"""Where a brief's content comes from: a YAML or a JSON file.

``read(path)`` gives one Source: the content file's data, each value still knowing
its file and line for error messages.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import display_path
from briefgen.jsonsource import load_json
from briefgen.yamlsource import Source, load_yaml, read_text

CONTENT_SUFFIXES = (".yaml", ".yml", ".json")


def read(path: Path) -> Source:
    """The content file at path."""
    display = display_path(path)
    text = read_text(path, display)
    if path.suffix.lower() == ".json":
        return load_json(text, display)
    return load_yaml(text, display)
