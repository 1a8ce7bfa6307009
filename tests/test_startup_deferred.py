"""What a build leaves until it is needed: two of reportlab's patterns, Pillow, the HTML and
slide writers' libraries (behaviour read from a fresh process's modules, not timing)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_templates import make_logo

from conftest import EXAMPLE, at_exit

# What the process holds at exit (see conftest.at_exit).
HOLDS = """
import functools
paragraph = sys.modules.get("reportlab.platypus.paragraph")
pattern = getattr(paragraph, "uri_pat", None)
splitter = getattr(sys.modules.get("reportlab.lib.textsplit"), "rx", None)
seen = {
    "modules": [m for m in ("lxml", "briefgen.layout.slide", "pptx") if m in sys.modules],
    "pattern": type(pattern).__name__,
    "compiled": getattr(pattern, "_compiled", None) is not None,
    "cjkwrap": (type(splitter).__name__, getattr(splitter, "_compiled", None) is not None),
    "pil": type(sys.modules.get("PIL.Image")).__name__,
    "waiting": sorted(
        f"{m}.{n}"
        for m, names in (
            ("reportlab.lib.PyFontify", ("matchRE", "idRE")),
            ("reportlab.lib.rl_safe_eval", ("__rl_unsafe_re__",)),
            ("yaml.reader", ("Reader.NON_PRINTABLE",)),
            ("jinja2._identifier", ("pattern",)),
            ("jinja2.utils", ("_http_re", "_email_re")),
            ("markdown_it.common.html_re", ("HTML_TAG_RE",)),
            ("markdown_it.rules_inline.entity", ("NAMED_RE",)),
            ("briefgen.layout.breaks", ("IDEOGRAPHIC", "HANGUL", "HANGUL_RUN")),
        )
        for n in names
        if getattr(
            functools.reduce(getattr, n.split("."), sys.modules.get(m)), "_compiled", 1
        ) is None
    ),
}
"""


def seen(cwd: Path, *args: str) -> dict[str, object]:
    found, done = at_exit(cwd, HOLDS, *args)
    assert done.returncode == 0, done.stderr
    held: dict[str, object] = found
    return held


@pytest.fixture
def example(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "content")
    return tmp_path


def test_a_docx_and_pdf_build_imports_neither_lxml_nor_the_slide_layout(example: Path) -> None:
    found = seen(example, "build", "-q", "--no-progress")
    assert (example / "out" / "us-india-defence.pdf").is_file()
    assert found["modules"] == []


def test_the_html_and_slide_writers_import_their_libraries_when_they_write(
    example: Path,
) -> None:
    found = seen(example, "build", "-q", "--no-progress", "-f", "html", "-f", "pptx")
    assert (example / "out" / "us-india-defence.html").is_file()
    assert (example / "out" / "us-india-defence.pptx").is_file()
    assert found["modules"] == ["lxml", "briefgen.layout.slide", "pptx"]


def test_a_build_leaves_the_patterns_libraries_seldom_use_uncompiled(example: Path) -> None:
    found = seen(example, "build", "-q", "--no-progress")
    assert found == {
        "modules": [],
        "pattern": "Deferred",
        "compiled": False,
        "cjkwrap": ["Deferred", False],
        "pil": "DeferredModule",  # no logo: Pillow's Image module never imported
        "waiting": [  # compiled by neither the build nor the libraries' imports
            # Latin text, quotes and dashes in it: the CJK sets never compiled
            "briefgen.layout.breaks.HANGUL",
            "briefgen.layout.breaks.HANGUL_RUN",
            "briefgen.layout.breaks.IDEOGRAPHIC",
            "jinja2._identifier.pattern",
            "jinja2.utils._email_re",
            "jinja2.utils._http_re",
            "markdown_it.common.html_re.HTML_TAG_RE",
            "markdown_it.rules_inline.entity.NAMED_RE",
            "reportlab.lib.PyFontify.idRE",
            "reportlab.lib.PyFontify.matchRE",
            "reportlab.lib.rl_safe_eval.__rl_unsafe_re__",
            "yaml.reader.Reader.NON_PRINTABLE",
        ],
    }


def test_a_logo_imports_pillow_where_reportlab_draws_it(example: Path) -> None:
    make_logo(example / "logo.png")
    (example / "briefgen.toml").write_text('[theme]\nlogo = "logo.png"\nlogo_alt = "Ministry"\n')
    found = seen(example, "build", "-q", "--no-progress")
    assert found["pil"] == "module"  # the real one, in sys.modules, once used
    pdf = (example / "out" / "us-india-defence.pdf").read_bytes()
    assert pdf.count(b"/Subtype /Image") == 1


def test_a_deferred_module_is_the_real_one_once_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import threading

    from briefgen.layout import rlimport

    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    deferred = rlimport.DeferredModule("colorsys")
    monkeypatch.setitem(sys.modules, "colorsys", deferred)
    assert "rgb_to_hsv" not in vars(deferred)  # nothing imported yet
    results: list[object] = []
    threads = [
        threading.Thread(target=lambda: results.append(deferred.rgb_to_hsv)) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    import colorsys  # the real module, which the deferred one hands on

    assert sys.modules["colorsys"] is colorsys is deferred.imported()
    assert results == [colorsys.rgb_to_hsv] * 8
    with pytest.raises(AttributeError):
        deferred.no_such_name  # noqa: B018
    deferred.ONE_THIRD = 0.5  # as briefgen's logo check sets Pillow's guard
    assert colorsys.ONE_THIRD == 0.5 and "ONE_THIRD" not in vars(deferred)
    del deferred.ONE_THIRD
    assert not hasattr(colorsys, "ONE_THIRD")


def test_the_deferred_cjkwrap_pattern_marks_characters_as_the_compiled_one() -> None:
    from briefgen.layout import rlimport

    compiled = re.compile(rlimport.CJK_WRAP_PATTERN, re.UNICODE)
    deferred = rlimport.Deferred(rlimport.CJK_WRAP_PATTERN, re.UNICODE)
    assert (deferred.pattern, deferred.flags) == (compiled.pattern, compiled.flags)
    text = "India 和 Japan 日本語の文 agreed\uffff"
    assert deferred.sub(r"\1\0 ", text) == compiled.sub(r"\1\0 ", text) != text  # as cjkwrap


def test_the_deferred_url_pattern_splits_urls_as_the_compiled_one() -> None:
    from reportlab.platypus import paragraph

    from briefgen.layout import rlimport

    # this process may have imported reportlab before rlimport: the pattern, deferred anew
    compiled = re.compile(paragraph.uri_pat.pattern, re.IGNORECASE)
    deferred = rlimport.Deferred(compiled.pattern, re.IGNORECASE)
    assert (deferred.pattern, deferred.flags) == (compiled.pattern, compiled.flags)
    for uri in (
        "https://example.org/a/b/c",
        "HTTP://Example.ORG:8080/path?x=1#y",
        "mailto://someone@example.org",
        "ftp://10.0.0.1/x",
        "not a url",
        "https://münchen.example/straße",
    ):
        assert bool(deferred.match(uri)) == bool(compiled.match(uri)), uri
        assert _pairs(deferred, uri) == _pairs(compiled, uri), uri
    assert any(_pairs(deferred, uri) for uri in ("https://example.org/a/b/c",))


def _pairs(pattern: object, uri: str) -> list[tuple[str, str]] | None:
    """reportlab's _uri_split_pairs with this pattern as its URL pattern."""
    from reportlab.platypus import paragraph

    saved = paragraph.uri_pat
    paragraph.uri_pat = pattern
    try:
        result: list[tuple[str, str]] | None = paragraph._uri_split_pairs(uri)
        return result
    finally:
        paragraph.uri_pat = saved


def test_every_module_importing_reportlab_imports_rlimport_first() -> None:
    """Whichever of them is imported first, reportlab's URL pattern and Pillow are deferred."""
    root = Path(__file__).resolve().parent.parent / "briefgen"
    checked = 0
    for path in sorted(root.rglob("*.py")):
        if path.name == "rlimport.py":
            continue
        text = path.read_text(encoding="utf-8")
        for found in re.finditer(
            # any at a module's top; inside a function, platypus (the others run later)
            r"^(from reportlab[. ]|import reportlab\b)|^\s+(from|import) reportlab\.platypus",
            text,
            re.M,
        ):
            if "TYPE_CHECKING" in text[: found.start()].rsplit("\n\n", 1)[-1]:
                continue  # for the type checker only
            before = text[: found.start()]
            assert "from briefgen.layout import rlimport" in before, f"{path.name}: {found.group()}"
            checked += 1
    assert checked >= 15


def test_a_deferred_pattern_copies_and_pickles_as_a_deferred_one() -> None:
    import copy
    import pickle

    from briefgen.layout import rlimport

    deferred = rlimport.Deferred(rlimport.CJK_WRAP_PATTERN, re.UNICODE)
    for made in (copy.copy(deferred), pickle.loads(pickle.dumps(deferred))):
        assert isinstance(made, rlimport.Deferred)
        assert made.sub(r"\1\0 ", "a 日本 b") == deferred.sub(r"\1\0 ", "a 日本 b")


def test_every_module_importing_jinja2_imports_jinjaimport_first() -> None:
    """Whichever of them is imported first, Jinja2's lexer and urlize patterns wait."""
    root = Path(__file__).resolve().parent.parent / "briefgen"
    checked = 0
    for path in sorted(root.rglob("*.py")):
        if path.name == "jinjaimport.py" or path.name.startswith("_t_"):
            continue  # the generated templates are imported by precompiled/, which imports it
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^(from jinja2[. ]|import jinja2\b)", text, re.M)
        if found:
            before = text[: found.start()]
            assert "from briefgen.render import jinjaimport" in before, path.name
            checked += 1
    assert checked >= 10


def test_pillow_deferred_under_reportlab_still_answers_every_way_of_importing_it() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from briefgen.layout import rlimport\n"
        "print(type(sys.modules['PIL.Image']).__name__)\n"
        "import PIL.Image\n"  # as pypdfium2 does (the preview), then PIL.Image.x
        "print(PIL.Image.new('RGB', (2, 3)).size)\n"
        "from PIL import Image\n"
        "print(Image is sys.modules['PIL.Image'] is PIL.Image, type(Image).__name__)\n"
    )
    before = (
        "import sys, importlib.util\n"
        "from briefgen.layout import rlimport\n"
        "image = sys.modules['PIL.Image']\n"
        "print(importlib.util.find_spec('PIL.Image').origin.endswith('Image.py'))\n"
        "print('open' in dir(image), type(sys.modules['PIL.Image']).__name__)\n"
    )
    found = subprocess.run([sys.executable, "-c", before], capture_output=True, text=True)
    assert found.stdout.splitlines() == ["True", "True module"], found.stderr  # dir imports it
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.splitlines() == ["DeferredModule", "(2, 3)", "True module"], done.stderr
