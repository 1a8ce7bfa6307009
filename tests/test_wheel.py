"""An installed wheel or sdist carries its templates and example: init then build works."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import venv
from pathlib import Path

import pytest

from conftest import ROOT, pdf_pages


def install_in_fresh_venv(distribution: Path, where: Path) -> Path:
    """A new venv with briefgen installed from distribution alone; returns its bin folder."""
    env_dir = where / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The runtime dependencies (and, for an sdist, hatchling) come from this environment (no
    # network needed); briefgen itself only from the distribution, as the venv's own
    # site-packages comes first.
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
            "--no-build-isolation",
            "--force-reinstall",
            str(distribution),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    where_from = subprocess.run(
        [str(python), "-c", "import briefgen; print(briefgen.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=where,
        env=_clean(),
    ).stdout
    assert str(env_dir) in where_from
    return env_dir / "bin"


def _clean() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # only the venv's own


def init_and_build(exe: Path, project: Path) -> None:
    init = subprocess.run(
        [str(exe), "init", str(project)], capture_output=True, text=True, env=_clean()
    )
    assert init.returncode == 0, init.stderr
    build = subprocess.run(
        [str(exe), "build"], cwd=project, capture_output=True, text=True, env=_clean()
    )
    assert build.returncode == 0, build.stderr
    assert pdf_pages(project / "out" / "us-india-defence.pdf") == 1
    assert (project / "out" / "us-india-defence.docx").stat().st_size > 5000


def build_distribution(kind: str, dist: Path) -> Path:
    if kind == "wheel":
        command = ["-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist)]
        subprocess.run(
            [sys.executable, *command, str(ROOT)], check=True, capture_output=True, timeout=300
        )
        return next(dist.glob("briefgen-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(dist.glob("briefgen-*.tar.gz"))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_a_distribution_installs_in_a_fresh_venv_and_builds_the_example(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a PYTHONPATH pointing at a source tree would win over the venv's own briefgen
    monkeypatch.delenv("PYTHONPATH", raising=False)
    distribution = build_distribution(kind, tmp_path / "dist")
    bin_dir = install_in_fresh_venv(distribution, tmp_path)
    init_and_build(bin_dir / "briefgen", tmp_path / "project")


@pytest.mark.slow
def test_the_sdist_holds_what_its_tests_and_docs_need(tmp_path: Path) -> None:
    sdist = build_distribution("sdist", tmp_path / "dist")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        member = next(m for m in archive.getmembers() if m.name.endswith("/PKG-INFO"))
        extracted = archive.extractfile(member)
        assert extracted is not None
        metadata = extracted.read().decode()
    for needed in (
        "LICENSE",
        "SECURITY.md",
        "mkdocs.yml",
        "tools/docgen.py",
        "docs/content-format.md",
        "docs/us-india-defence.png",
        "benchmarks/run.py",
        "tests/conftest.py",
        "briefgen/py.typed",
        "content/us-india-defence.yaml",
        "templates/onepage/brief.html.j2",
    ):
        assert needed in names, needed
    description = metadata.split("\n\n", 1)[1]
    assert "# briefgen" in description
    # a package index shows the README away from its files: no relative picture or link
    targets = re.findall(r"\]\(([^)]+)\)", description)
    assert [t for t in targets if not t.startswith(("https://", "http://", "mailto:", "#"))] == []
    assert "docs/us-india-defence.png" in description  # said in words instead
