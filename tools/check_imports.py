"""Every package briefgen imports is declared in pyproject.toml (a dependency or an extra).

Run: python tools/check_imports.py  (exit 1, naming each undeclared import)
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]


def imported(folder: Path) -> dict[str, Path]:
    """Top-level names of every absolute import under folder, with a file that imports it."""
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


#: standard library from a later Python than the oldest, imported only on that Python
LATER_STDLIB = {"tomllib"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return {_normal(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in requirements}


def providers() -> dict[str, list[str]]:
    """Top-level module: the distributions that install it.

    Python 3.10's packages_distributions() reads only top_level.txt, which packages built
    without setuptools (markdown-it-py, by flit) do not have; their files say it too.
    """
    found = {k: list(v) for k, v in metadata.packages_distributions().items()}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        for file in dist.files or ():
            top = file.parts[0] if len(file.parts) > 1 else file.name.removesuffix(".py")
            if file.suffix == ".py" and ".dist-info" not in top and name not in found.get(top, []):
                found.setdefault(top, []).append(name)
    return found


def undeclared(folder: Path = ROOT / "briefgen") -> list[str]:
    """'module (file): distribution' for each import no declared requirement provides."""
    providers_ = providers()
    have = declared()
    problems = []
    for module, path in sorted(imported(folder).items()):
        if module in sys.stdlib_module_names or module in LATER_STDLIB:
            continue
        if module in ("briefgen", "__future__"):
            continue
        distributions = providers_.get(module) or []
        if not distributions and _normal(module) in have:
            continue  # declared for another Python only (tomli on 3.10)
        shown = f"{module} ({path.relative_to(folder.parent)})"
        if not distributions:
            problems.append(f"{shown}: not installed, and so not declared either")
        elif not any(_normal(d) in have for d in distributions):
            problems.append(f"{shown}: from {', '.join(distributions)}, not declared")
    return problems


if __name__ == "__main__":
    problems = undeclared()
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)
