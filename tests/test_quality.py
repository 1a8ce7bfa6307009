"""The code stays lint-clean and type-checked (ruff, mypy --strict)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "briefgen", "tests"],
        ["ruff", "format", "--check", "briefgen", "tests"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_code_quality(command: list[str]) -> None:
    if shutil.which(command[0]) is None and not (ROOT / ".venv" / "bin" / command[0]).exists():
        pytest.skip(f"{command[0]} is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
