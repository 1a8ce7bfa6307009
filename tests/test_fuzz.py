"""Generated content files, valid and broken: every run ends in a brief or a clean error.

The normal run tries 300 generated files; `pytest -m long` tries 10,000.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.cli import cli
from briefgen.content.schema import BRIEF, ITEM, LISTS, SECTION, STAGES, STATEMENT, STATUSES, STEP

KEYS = [*BRIEF, *LISTS]
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=60
)
junk: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True)
    | words
    | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4),
    max_leaves=12,
)


text = st.text(  # what Arimo draws: Latin, Greek, Cyrillic, punctuation, currency
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), max_codepoint=0x4FF)
    | st.sampled_from("–—“”‘’…•₹€£¥"),
    min_size=1,
    max_size=80,
).filter(lambda t: bool(t.strip()) and all(ord(c) not in range(0x80, 0xA0) for c in t))
day = st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1))
GOOD = {
    "status": st.sampled_from(STATUSES),
    "stage": st.sampled_from(STAGES),
    "quantity": st.integers(0, 50),
    "date": day,
    "due": day | text,
}


def record(spec: dict[str, Any], broken: bool) -> st.SearchStrategy[dict[str, Any]]:
    """A list entry: valid (required fields, good values) or broken (anything goes)."""
    if broken:
        fields = {name: GOOD.get(name, words) | junk for name in spec}
        return st.fixed_dictionaries({}, optional={**fields, "extra": junk, "Speaker": words})
    required = {name: GOOD.get(name, text) for name, f in spec.items() if f.required}
    optional = {  # ids must differ, and portion marks need a scheme: left to their own tests
        name: GOOD.get(name, text)
        for name, f in spec.items()
        if not f.required and name not in ("id", "classification")
    }
    return st.fixed_dictionaries(required, optional=optional)


LIST_RECORDS = {
    "key_statements": STATEMENT,
    "next_steps": STEP,
    "procurement": ITEM,
    "sections": SECTION,
}


def brief(broken: bool) -> st.SearchStrategy[dict[str, Any]]:
    lists = {
        name: st.lists(record(spec, broken), max_size=5) for name, spec in LIST_RECORDS.items()
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        "subtitle": text,
        "date": day,
        "prepared_by": text,
        "classification": st.sampled_from(["UNCLASSIFIED", "SECRET//NOFORN", "CUI"]) | text,
        "template": st.sampled_from(["onepage", "talking-points", "pipeline"]),
        **lists,
    }
    if not broken:
        return st.fixed_dictionaries(
            {"title": text.map(lambda t: t[:120]), "summary": text}, optional=optional
        )
    optional.update(
        {
            "title": words | junk,
            "summary": words | junk,
            "date": day | words | junk,
            "template": st.sampled_from(["nope", "../x", "onepage"]) | junk,
            "sumary": words,
            **{name: value | junk for name, value in lists.items()},
        }
    )
    return st.fixed_dictionaries({}, optional=optional)


@st.composite
def content_files(draw: st.DrawFn) -> str:
    broken = draw(st.booleans())
    data = draw(brief(broken))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)
    choices = (
        ["none", "cut", "insert", "tag", "alias"] if broken else ["none"] * 7 + ["cut", "insert"]
    )
    mutation = draw(st.sampled_from(choices))
    if mutation == "cut" and text:
        text = text[: draw(st.integers(0, len(text)))]
    elif mutation == "insert":
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(
                st.sampled_from(["{", "[", ": ", "\n  - ", "'", '"', "&a ", "*a", "\t", "---\n"])
            )
            + text[at:]
        )
    elif mutation == "tag":
        text = "title: !!python/object/apply:os.system ['true']\n" + text
    elif mutation == "alias":
        text = "x: &a [1, 2]\ny: *a\n" + text
    return text


OUTCOMES: dict[str, int] = {}


def check(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        (root / "content" / "f.yaml").write_text(text, encoding="utf-8")
        old = os.getcwd()
        os.chdir(root)
        try:
            runner = CliRunner()
            for args in (["validate"], ["build", "--as-of", "2025-07-01"]):
                result = runner.invoke(cli, args, catch_exceptions=False)
                assert result.exit_code in (0, 1), result.output
                # warnings at their line (a classification that is no banner level) aside,
                # one outcome, then every error in the file, or one with its line and caret
                lines = [
                    line
                    for line in result.output.rstrip("\n").splitlines()
                    if not line.startswith("warning: content/f.yaml:")
                ]
                assert lines and lines[0].startswith(("ok ", "built ", "error: content/f.yaml"))
                follow = ("error: content/f.yaml", "  ")
                assert all(line.startswith(follow) for line in lines[1:]), result.output
                assert "internal error" not in result.output and "Traceback" not in result.output
                kind = lines[0].split(" ")[0]
                OUTCOMES[kind] = OUTCOMES.get(kind, 0) + 1
        finally:
            os.chdir(old)


@pytest.mark.slow  # 300 examples, about 20 s
@settings(
    max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
@given(content_files())
def test_any_content_file_gives_a_brief_or_clean_located_errors(text: str) -> None:
    check(text)


@pytest.mark.slow  # runs with the generating test above
def test_the_generator_reaches_both_outcomes() -> None:
    """Run after the test above: generated files both build and fail, in good numbers."""
    if not OUTCOMES:
        pytest.skip("the generating test did not run")
    assert OUTCOMES.get("built", 0) >= 50 and OUTCOMES.get("error:", 0) >= 50, OUTCOMES


@pytest.mark.long
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(content_files())
def test_long_fuzz_run(text: str) -> None:
    check(text)
