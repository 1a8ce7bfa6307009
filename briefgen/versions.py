"""Installed libraries' versions, read from their metadata folders on sys.path.

What importlib.metadata.version answers, without importing importlib.metadata (and
email, zipfile and csv with it) at the start of every build: the first
``NAME-VERSION.dist-info`` folder on sys.path gives its METADATA's Version. A library
installed another way (an .egg-info, a zip) is asked of importlib.metadata.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _folders(entry: str) -> dict[str, str]:
    """Normalised distribution name -> its .dist-info folder, in one sys.path entry."""
    try:
        names = sorted(os.listdir(entry or "."))
    except OSError:
        return {}
    found: dict[str, str] = {}
    for name in names:
        if name.endswith(".dist-info") and "-" in name:
            found.setdefault(_normal(name[: -len(".dist-info")].split("-")[0]), name)
    return found


def _from_folder(folder: str) -> str | None:
    try:
        with open(os.path.join(folder, "METADATA"), encoding="utf-8") as metadata:
            for line in metadata:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
                if not line.strip():  # the end of the headers
                    break
    except OSError:
        pass
    return None


def version(name: str) -> str | None:
    """The installed version of distribution name, or None if it is not installed."""
    wanted = _normal(name)
    for entry in sys.path:
        folder = _folders(entry).get(wanted)
        if folder is not None:
            found = _from_folder(os.path.join(entry or ".", folder))
            if found is not None:
                return found
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
