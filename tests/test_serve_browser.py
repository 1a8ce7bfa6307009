"""serve in a real browser: the system's Chromium, headless, driven by Selenium.

Skipped where Chromium or its driver is missing, unless BRIEFGEN_REQUIRE_CHROMIUM=1
(CI), where that fails instead. The browser may reach 127.0.0.1 only: every other
address goes to a proxy that is not there, so a page that asked for anything
elsewhere would show it as an error.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, chromium
from serving import Process, serve_process

WAIT = 30.0  # seconds before a wait gives up (not a timing assert)


def _fit_of_the_example() -> str:
    """What build says of the example's fit ('9 pt, 90% of the page'), from the layout itself."""
    from briefgen import project
    from briefgen.layout.page import share
    from briefgen.pipeline import prepare
    from briefgen.render.templating import Templates

    page = prepare(EXAMPLE, Templates(project.find(EXAMPLE.parent))).page
    return f"{page.scale:g} pt, {share(page.fill)}"


pytestmark = pytest.mark.slow


def _chromium() -> tuple[str, str]:
    """Chromium (as the HTML tests find it) and its driver; skipped, or failed where required."""
    browser = chromium()
    assert browser is not None
    driver = shutil.which("chromedriver")
    missing = "chromedriver" if driver is None else None
    if importlib.util.find_spec("selenium") is None:
        missing = "selenium (pip install -e '.[test]')"
    if missing is not None or driver is None:
        if os.environ.get("BRIEFGEN_REQUIRE_CHROMIUM") == "1":
            pytest.fail(f"BRIEFGEN_REQUIRE_CHROMIUM=1 but {missing} is missing")
        pytest.skip(f"needs {missing} (Debian: apt-get install chromium-driver)")
    return browser, driver


@pytest.fixture
def browser() -> Iterator[Any]:
    found, driver = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found
    for flag in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1440,1100",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--proxy-server=http://127.0.0.1:9",  # nothing listens there: no request leaves
    ):
        options.add_argument(flag)
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    try:
        yield chrome
    finally:
        chrome.quit()


def _until(chrome: Any, check: Callable[[Any], Any], what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(chrome, WAIT, poll_frequency=0.05).until(check, message=what)


def _by_id(chrome: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return chrome.find_element(By.ID, name)


def _image_loaded(chrome: Any, name: str) -> bool:
    return bool(
        chrome.execute_script(
            "const i = document.getElementById(arguments[0]);"
            "return i.complete && i.naturalWidth > 0 && !i.hidden;",
            name,
        )
    )


def _live(chrome: Any) -> None:
    """Wait until the page hears the server's events (and shows its picture, on a brief's)."""
    if chrome.execute_script("return document.body.dataset.page") == "brief":
        _until(chrome, lambda c: _image_loaded(c, "page"), "the page's picture")
    _until(chrome, lambda c: c.execute_script("return document.body.dataset.generation"), "events")


@pytest.fixture
def example(project: Path) -> Iterator[tuple[Path, Process]]:
    shutil.copy(EXAMPLE, project / "content")
    served = serve_process(project)
    yield project / "content" / EXAMPLE.name, served
    served.proc.terminate()


def test_a_save_updates_the_open_page_and_an_error_shows_over_the_last_good_one(
    browser: Any, example: tuple[Path, Process], project: Path
) -> None:
    path, served = example
    original = path.read_text(encoding="utf-8")
    browser.get(served.url)
    browser.find_element("link text", "US-India Defence Partnership").click()
    _live(browser)
    first_src = _by_id(browser, "page").get_attribute("src")
    first_fit = _by_id(browser, "fit").text
    assert first_fit == _fit_of_the_example()

    # A shorter brief: a new picture and a new fit, without a reload.
    browser.execute_script("document.body.dataset.kept = 'yes'")
    cut = original.split("\nprocurement:", 1)[0] + "\n"
    path.write_text(cut, encoding="utf-8")
    _until(browser, lambda c: _by_id(c, "fit").text != first_fit, "a new fit")
    _until(browser, lambda c: _image_loaded(c, "page"), "the new picture")
    second_src = _by_id(browser, "page").get_attribute("src")
    assert second_src != first_src
    assert browser.execute_script("return document.body.dataset.kept") == "yes"  # no reload

    # Broken YAML: the error line over the last good picture, dimmed.
    path.write_text(cut + "summary: [unclosed\n", encoding="utf-8")
    error = _until(
        browser, lambda c: _by_id(c, "error").is_displayed() and _by_id(c, "error"), "the error"
    )
    assert error.text.startswith("content/us-india-defence.yaml:") and "invalid YAML" in error.text
    assert "stale" in _by_id(browser, "pdf").get_attribute("class").split()
    assert "stale" in _by_id(browser, "docx").get_attribute("class").split()  # when shown, too
    assert _by_id(browser, "page").is_displayed()
    assert _by_id(browser, "page").get_attribute("src") == second_src

    # Fixed: the error goes, the picture is bright and new again.
    path.write_text(original, encoding="utf-8")
    _until(browser, lambda c: not _by_id(c, "error").is_displayed(), "the error to clear")
    _until(browser, lambda c: _by_id(c, "fit").text == first_fit, "the first fit again")
    assert "stale" not in _by_id(browser, "pdf").get_attribute("class").split()
    assert _by_id(browser, "page").get_attribute("src") not in (first_src, second_src)
    assert browser.execute_script("return document.body.dataset.kept") == "yes"
    assert not (project / "out").exists()
    # nothing refused by the policy, nothing that failed to load
    assert [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_a_template_change_updates_the_page(
    browser: Any, example: tuple[Path, Process], project: Path
) -> None:
    from conftest import run

    _, served = example
    browser.get(served.url + "brief/us-india-defence")
    _live(browser)
    assert run("templates", "copy", "onepage").exit_code == 0
    theme = project / "templates" / "onepage" / "theme.toml"
    served.line("changed: ")  # the new folder is seen, and watched from now on
    served.line("us-india-defence: ")
    time.sleep(0.5)
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace("base_size = 10", "base_size = 8"), encoding="utf-8")
    _until(browser, lambda c: _by_id(c, "fit").text.startswith("8 pt"), "the theme's text size")


@pytest.mark.soffice
def test_the_docx_as_libreoffice_lays_it_out_shows_beside_the_pdf(
    browser: Any, example: tuple[Path, Process]
) -> None:
    from conftest import soffice

    if soffice() is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    _, served = example
    browser.get(served.url + "brief/us-india-defence")
    _live(browser)
    assert not _by_id(browser, "docx").is_displayed()
    _by_id(browser, "show-docx").click()
    _until(browser, lambda c: _image_loaded(c, "docx-page"), "LibreOffice's picture")
    pdf, docx = _by_id(browser, "page").rect, _by_id(browser, "docx-page").rect
    assert docx["x"] > pdf["x"] + pdf["width"] - 1 and abs(docx["y"] - pdf["y"]) < 5  # beside
    assert _by_id(browser, "show-docx").text == "Hide the DOCX"


def test_the_list_of_briefs_follows_errors_and_new_briefs(
    browser: Any, example: tuple[Path, Process], project: Path
) -> None:
    from selenium.webdriver.common.by import By

    path, served = example
    original = path.read_text(encoding="utf-8")
    browser.get(served.url)
    _live(browser)
    status = browser.find_element(By.CSS_SELECTOR, "li[data-brief] .status")
    fit = _fit_of_the_example()
    assert status.text == fit
    path.write_text(original + "summary: [unclosed\n", encoding="utf-8")
    _until(browser, lambda c: "error" in status.get_attribute("class").split(), "the error")
    assert status.text.startswith("content/us-india-defence.yaml:")
    path.write_text(original, encoding="utf-8")
    _until(browser, lambda c: status.text == fit, "the fit again")
    (project / "content" / "new.yaml").write_text(
        "title: A new brief\nsummary: S\n", encoding="utf-8"
    )
    _until(browser, lambda c: c.find_elements(By.LINK_TEXT, "A new brief"), "the new brief listed")
