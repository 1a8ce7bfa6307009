"""An installed wheel carries its templates and example: init then build works."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT, pdf_pages


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_builds_the_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a PYTHONPATH pointing at a source tree would win over the venv's own briefgen
    monkeypatch.delenv("PYTHONPATH", raising=False)
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(dist.glob("briefgen-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The runtime dependencies come from this environment (no network needed); briefgen
    # itself only from the wheel, as the venv's own site-packages comes first.
    inner = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(inner) / "outer-deps.pth").write_text("\n".join(sorted(outer)) + "\n")
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # only the venv's own
    where = subprocess.run(
        [str(python), "-c", "import briefgen; print(briefgen.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean,
    ).stdout
    assert str(env_dir) in where
    project = tmp_path / "project"
    exe = env_dir / "bin" / "briefgen"
    init = subprocess.run(
        [str(exe), "init", str(project)], capture_output=True, text=True, env=clean
    )
    assert init.returncode == 0, init.stderr
    build = subprocess.run(
        [str(exe), "build"], cwd=project, capture_output=True, text=True, env=clean
    )
    assert build.returncode == 0, build.stderr
    assert pdf_pages(project / "out" / "us-india-defence.pdf") == 1
    assert (project / "out" / "us-india-defence.docx").stat().st_size > 5000
